import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { acceptUpload } from '../../platform/storage/sniff.ts';
import { editableAnswer, openSheet } from './answers.service.ts';
import { measurePolicy } from './measure.policy.ts';
import * as repo from './repo/answers.repo.ts';
import { getRound } from './rounds.service.ts';
import { questionsOf } from './scoring/framework.schema.ts';

/** What evidence may be: documents, spreadsheets, slides and images, judged by their bytes. */
export const EVIDENCE_KINDS = ['pdf', 'docx', 'xlsx', 'pptx', 'png', 'jpg', 'webp'] as const;
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** A file name safe to store and to send back in a header: no path, no control characters, at most 120 characters. */
export function cleanFilename(name: string, ext: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const safe = [...last].filter((ch) => ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) !== 127 && !'"<>|:*?'.includes(ch)).join('');
  const base = safe
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .slice(0, 120);
  return `${base || 'evidence'}.${ext}`;
}

/** Attaches a file to an agency's answer (creating the answer row if the question was not answered yet). */
export async function addEvidence(
  deps: Deps,
  ctx: Ctx,
  roundId: number,
  agencyId: number,
  key: string,
  file: unknown,
  name: string | undefined,
) {
  authorize(measurePolicy.answer(ctx.actor, agencyId));
  const sheet = await openSheet(deps, ctx, roundId, agencyId);
  if (!questionsOf(sheet.framework).some((q) => q.key === key)) throw new NotFoundError();
  if (!editableAnswer(sheet.mode, sheet.answers.get(key))) throw new ConflictError('measure.error.not_editable');
  if (!Buffer.isBuffer(file)) fieldError('file', 'validation.file_required');
  const kind = acceptUpload('file', file, EVIDENCE_KINDS, EVIDENCE_MAX_BYTES);
  const stored = await deps.storage.put(file, kind.ext);
  const by = actorLabel(ctx.actor);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const answer =
        (await repo.findAnswer(trx, roundId, agencyId, key)) ??
        (await repo.insertAnswer(trx, {
          round_id: roundId,
          agency_id: agencyId,
          question_key: key,
          value_json: null,
          na: 0,
          comment: null,
          auto_json: null,
          updated_by: by,
        }));
      if (!answer) throw new ConflictError('error.conflict');
      const row = await repo.insertEvidence(trx, {
        answer_id: answer.id,
        round_id: roundId,
        agency_id: agencyId,
        storage_key: stored.key,
        filename: cleanFilename(name ?? '', kind.ext),
        mime: kind.mime,
        size: stored.size,
        sha256: stored.sha256,
        uploaded_by: by,
      });
      const detail = { evidence: row.id, filename: row.filename, size: row.size, sha256: row.sha256 };
      await repo.insertEvent(trx, { answer_id: answer.id, action: 'evidence_add', detail, actor_label: by });
      await recordAudit(trx, ctx, {
        action: 'measure.evidence.add',
        recordType: 'measure_answer',
        recordId: answer.id,
        agencyId,
        after: detail,
      });
      return row;
    });
  } catch (err) {
    // The file was written before the transaction; without its row nobody can reach it.
    await deps.storage.remove(stored.key);
    throw err;
  }
}

async function evidenceInRound(deps: Deps, ctx: Ctx, id: number) {
  const row = await repo.findEvidence(deps.db, id);
  if (!row) throw new NotFoundError();
  authorize(measurePolicy.readAnswers(ctx.actor, row.agency_id));
  await getRound(deps, ctx, row.round_id);
  return row;
}

/** Removes a file from an answer the agency may still change; the file itself goes after commit. */
export async function removeEvidence(deps: Deps, ctx: Ctx, id: number) {
  const row = await evidenceInRound(deps, ctx, id);
  authorize(measurePolicy.answer(ctx.actor, row.agency_id));
  const sheet = await openSheet(deps, ctx, row.round_id, row.agency_id);
  const answer = [...sheet.answers.values()].find((a) => a.id === row.answer_id);
  if (!editableAnswer(sheet.mode, answer)) throw new ConflictError('measure.error.not_editable');
  const by = actorLabel(ctx.actor);
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteEvidence(trx, id);
    const detail = { evidence: id, filename: row.filename, sha256: row.sha256 };
    await repo.insertEvent(trx, { answer_id: row.answer_id, action: 'evidence_remove', detail, actor_label: by });
    await recordAudit(trx, ctx, {
      action: 'measure.evidence.remove',
      recordType: 'measure_answer',
      recordId: row.answer_id,
      agencyId: row.agency_id,
      before: detail,
    });
  });
  await deps.storage.remove(row.storage_key);
  return { roundId: row.round_id, agencyId: row.agency_id, key: answer?.question_key ?? '' };
}

/** An evidence file for its agency's staff and the program office. */
export async function evidenceFile(deps: Deps, ctx: Ctx, id: number) {
  const row = await evidenceInRound(deps, ctx, id);
  return { row, stream: deps.storage.stream(row.storage_key) };
}
