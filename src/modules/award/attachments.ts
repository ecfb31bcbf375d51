import type { Kysely } from 'kysely';
import type { Executor } from '../../db.ts';
import { recordAudit, recordAuditNow } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { dialectOf } from '../../platform/db/database.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { acceptUpload } from '../../platform/storage/sniff.ts';
import type * as repo from './award.repo.ts';
import { assertWindow } from './award.service.ts';

// Supporting documents of a nomination: uploaded by its owner (the agency's administrators, or the
// individual entrant through their signed link) while it is a draft and nominations are open; frozen
// with it at submission (their SHA-256 go into the submission's audit record). A file is judged by its
// bytes (PDF, PNG or JPEG), up to five per nomination, 5 MB each and 15 MB together; its name is kept
// sanitised. The file is stored before the row that names it and removed again if that write fails,
// so a refusal leaves nothing behind. Every read is audited.

export const ATTACHMENT_KINDS = ['pdf', 'png', 'jpg'] as const;
export const ATTACHMENT_MAX_FILES = 5;
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_MAX_TOTAL = 15 * 1024 * 1024;
/**
 * How an upload form's body is read: one file, the CSRF token and fields before it. The parser keeps
 * at most twice the file limit and, past it, drops the rest of the file instead of refusing the
 * request (throwFileSizeLimit off): the kept part is over the limit, so any oversize file, however
 * large, meets the same bilingual field error on the form (acceptUpload's) rather than a bare 413.
 */
export const ATTACHMENT_MULTIPART = {
  limits: { fileSize: 2 * ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 },
  throwFileSizeLimit: false,
} as const;

export type AttachmentRow = {
  id: number;
  nomination_id: number;
  file_key: string;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  created_at: string;
};

export const listAttachments = (db: Executor, nominationId: number): Promise<AttachmentRow[]> =>
  db.selectFrom('award_attachments').selectAll().where('nomination_id', '=', nominationId).orderBy('id').execute();

export const findAttachment = (db: Executor, id: number): Promise<AttachmentRow | undefined> =>
  db.selectFrom('award_attachments').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * A file name safe to store and to send back: its last path segment, letters (any script), digits,
 * spaces, dots, dashes and underscores only, no leading dot, at most 80 characters before the
 * extension, which is always the kind its bytes showed ("../../etc/passwd.pdf" → "passwd.pdf").
 */
export function safeFileName(raw: string | undefined, ext: string): string {
  const last = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const base = last
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} ._-]+/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s_]+|[.\s_]+$/g, '')
    .slice(0, 80)
    .trim();
  return `${base || 'document'}.${ext}`;
}

/** The name a reader is shown: in a blind branch a judge sees only "attachment-N" (names often say who is nominated). */
export const shownName = (a: AttachmentRow, index: number, blind: boolean) =>
  blind ? `attachment-${index + 1}.${a.file_name.split('.').pop()}` : a.file_name;

/** Locks the nomination's row (PostgreSQL) so two uploads cannot both pass the count and total checks. */
async function lockNomination(trx: Executor, id: number) {
  let q = trx.selectFrom('award_nominations').select(['id', 'status']).where('id', '=', id);
  if (dialectOf(trx as Kysely<unknown>) === 'postgres') q = q.forUpdate();
  return q.executeTakeFirstOrThrow();
}

/** Checks the count and total size against what the nomination already carries. */
function checkRoom(existing: AttachmentRow[], size: number) {
  if (existing.length >= ATTACHMENT_MAX_FILES) fieldError('file', 'award.validation.too_many_files', { max: ATTACHMENT_MAX_FILES });
  const total = existing.reduce((s, a) => s + a.size, 0);
  if (total + size > ATTACHMENT_MAX_TOTAL)
    fieldError('file', 'award.validation.attachments_total', { mb: Math.round(ATTACHMENT_MAX_TOTAL / 1024 / 1024) });
}

/** Attaches one file to a draft before the deadline (the caller has checked whose nomination it is). */
export async function addAttachment(
  deps: Deps,
  ctx: Ctx,
  n: repo.NominationRow,
  cycle: repo.CycleRow,
  file: unknown,
  name: string | undefined,
  at = new Date(),
): Promise<AttachmentRow> {
  assertWindow(cycle, at, ctx.lang, deps.config.timeZone);
  if (n.status !== 'draft') throw new ConflictError('award.error.not_draft');
  if (!Buffer.isBuffer(file) || file.length === 0) fieldError('file', 'award.validation.file_required');
  const kind = acceptUpload('file', file, ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES);
  checkRoom(await listAttachments(deps.db, n.id), file.length);
  const stored = await deps.storage.put(file, kind.ext);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const locked = await lockNomination(trx, n.id);
      if (locked.status !== 'draft') throw new ConflictError('award.error.not_draft');
      checkRoom(await listAttachments(trx, n.id), file.length);
      const row = await trx
        .insertInto('award_attachments')
        .values({
          nomination_id: n.id,
          file_key: stored.key,
          file_name: safeFileName(name, kind.ext),
          mime: kind.mime,
          size: stored.size,
          sha256: stored.sha256,
          uploaded_by: actorLabel(ctx.actor),
          created_at: nowIso(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, {
        action: 'award.attachment.add',
        recordType: 'award_nomination',
        recordId: n.id,
        agencyId: n.agency_id ?? undefined,
        after: { attachment: row.id, name: row.file_name, mime: row.mime, size: row.size, sha256: row.sha256 },
      });
      return row;
    });
  } catch (err) {
    await deps.storage.remove(stored.key).catch(() => undefined);
    throw err;
  }
}

/** Removes one attachment of a draft before the deadline; its file goes once the row is gone. */
export async function removeAttachment(deps: Deps, ctx: Ctx, n: repo.NominationRow, cycle: repo.CycleRow, id: number, at = new Date()) {
  const a = await findAttachment(deps.db, id);
  if (!a || a.nomination_id !== n.id) throw new NotFoundError();
  assertWindow(cycle, at, ctx.lang, deps.config.timeZone);
  if (n.status !== 'draft') throw new ConflictError('award.error.not_draft');
  await deps.db.transaction().execute(async (trx) => {
    const locked = await lockNomination(trx, n.id);
    if (locked.status !== 'draft') throw new ConflictError('award.error.not_draft');
    await trx.deleteFrom('award_attachments').where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'award.attachment.remove',
      recordType: 'award_nomination',
      recordId: n.id,
      agencyId: n.agency_id ?? undefined,
      before: { attachment: a.id, name: a.file_name, sha256: a.sha256 },
    });
  });
  await deps.storage.remove(a.file_key).catch(() => undefined);
}

/** Reads one attachment's bytes for a reader already allowed the nomination, and audits the read. */
export async function readAttachment(deps: Deps, ctx: Ctx, n: repo.NominationRow, a: AttachmentRow, shown: string) {
  const body = await deps.storage.get(a.file_key);
  await recordAuditNow(deps.db, ctx, {
    action: 'award.attachment.read',
    recordType: 'award_attachment',
    recordId: a.id,
    agencyId: n.agency_id ?? undefined,
    after: { nomination: n.id, name: shown },
  });
  return body;
}

/** The headers of a download: the sniffed type, an ASCII fallback name and the UTF-8 one. */
export function downloadHeaders(a: AttachmentRow, shown: string): Record<string, string> {
  const ascii = shown.replace(/[^\w.-]+/g, '_');
  return {
    'content-type': a.mime,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(shown)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
}

/** The attachments' fingerprints, for the submission's audit record (what was frozen). */
export async function frozenList(db: Executor, nominationId: number) {
  return (await listAttachments(db, nominationId)).map((a) => ({ id: a.id, name: a.file_name, sha256: a.sha256, size: a.size }));
}
