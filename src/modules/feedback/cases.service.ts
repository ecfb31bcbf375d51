import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { lockKey } from '../../platform/db/locks.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import * as catalog from '../catalog/public.ts';
import * as identity from '../identity/public.ts';
import { contactHash, ipHash, keyedHash, LIMITS, limit, normaliseText } from './abuse.ts';
import { checkUploads, discardUploads, type StoredUpload, withStoredUploads } from './attachments.ts';
import { recordCaseRead } from './case-reads.ts';
import * as repo from './cases.repo.ts';
import { beneficiaryReplyInput, caseInput, trackInput } from './feedback.schema.ts';
import { agencyStaff, notifyBeneficiary, notifyStaff } from './notifications.ts';
import { refreshDeadlines, targetsFor } from './sla.service.ts';
import { monthOf, nextTrackingNumber, verifyStatusToken } from './tracking.ts';

/** A resolved case reopens when the beneficiary replies within this many days; after that they file a new one. */
export const REOPEN_DAYS = 30;
const DUPLICATE_WINDOW_MS = 7 * 86_400_000;

/**
 * Files a complaint, inquiry or suggestion from a beneficiary (no account). Returns the case; a
 * repeat of a case filed in the last week returns that case with `duplicate` set, and only its
 * link is sent again (to the contact on file, never shown), so nothing is stored twice.
 */
export async function submitCase(deps: Deps, ctx: Ctx, raw: unknown, opts: { attachment?: unknown; now?: Date } = {}) {
  const input = parseInput(caseInput, raw);
  const uploads = checkUploads('attachment', opts.attachment);
  const agency = await identity.findAgency(deps.db, input.agency_id);
  if (agency?.status !== 'active') fieldError('agency_id', 'feedback.validation.agency');
  if (input.service_id) {
    const service = await catalog.findService(deps.db, input.service_id);
    if (!service || service.agency_id !== agency.id || !service.published_version) fieldError('service_id', 'feedback.validation.service');
  }
  const now = opts.now ?? new Date();
  const contact = (input.contact_email ?? input.contact_phone) as string;
  const who = contactHash(deps, contact);
  const ip = ipHash(deps, ctx.ip);
  await limit(deps, [
    [`case:ip:${ip}`, LIMITS.casePerIp],
    [`case:contact:${who}`, LIMITS.casePerContact],
    [`case:contact-day:${who}`, LIMITS.casePerContactDay],
  ]);
  const fingerprint = keyedHash(deps, 'case', `${agency.id}|${who}|${normaliseText(`${input.subject}\n${input.body}`)}`);
  const targets = await targetsFor(deps.db, agency.id, input.category);
  let stored: StoredUpload[] = [];
  const result = await withStoredUploads(deps, uploads, (files) =>
    deps.db.transaction().execute(async (trx): Promise<{ case: repo.CaseRow; duplicate: boolean }> => {
      stored = files;
      // The same message sent twice at once (a double click, an app's retry) waits here for the
      // first to commit, then finds it: one case on either engine.
      await lockKey(trx, 'feedback.case', fingerprint);
      const earlier = await repo.findDuplicate(trx, fingerprint, new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString());
      if (earlier) {
        await notifyBeneficiary(trx, deps, earlier, 'link', { key: `duplicate:${now.toISOString().slice(0, 13)}` });
        return { case: earlier, duplicate: true };
      }
      const { trackingNo } = await nextTrackingNumber(trx, now, deps.config.timeZone);
      const at = now.toISOString();
      const row = await repo.insertCase(trx, {
        tracking_no: trackingNo,
        kind: input.kind,
        category: input.category,
        agency_id: agency.id,
        service_id: input.service_id ?? null,
        subject: input.subject,
        body: input.body,
        lang: ctx.lang,
        contact_name: input.contact_name ?? null,
        contact_email: input.contact_email ?? null,
        contact_phone: input.contact_phone ?? null,
        notify_by: input.notify_by ?? (input.contact_email ? 'email' : 'sms'),
        contact_hash: who,
        ip_hash: ip,
        fingerprint,
        status: 'new',
        assigned_to: null,
        resolution_code: null,
        merged_into: null,
        reopen_count: 0,
        first_response_at: null,
        first_response_ms: null,
        resolved_at: null,
        sla_first_ms: targets.firstResponseMs,
        sla_resolution_ms: targets.resolutionMs,
        sla_warn_permille: Math.round(targets.warnAtFraction * 1000),
        first_warn_at: null,
        first_due_at: null,
        res_warn_at: null,
        res_due_at: null,
        first_warned: 0,
        first_breached: 0,
        res_warned: 0,
        res_breached: 0,
        sla_outcome: null,
        sla_outcome_at: null,
        sla_outcome_month: null,
        survey_score: null,
        survey_at: null,
        month: monthOf(now, deps.config.timeZone),
        created_at: at,
        updated_at: at,
      });
      const event = await repo.insertEvent(trx, {
        case_id: row.id,
        agency_id: row.agency_id,
        kind: 'submitted',
        visibility: 'public',
        author_type: 'beneficiary',
        author_id: null,
        author_label: null,
        body: null,
        data_json: null,
        created_at: at,
      });
      await insertUploads(trx, row, event.id, files, 'beneficiary', at);
      const after = await refreshDeadlines(trx, row, now);
      await recordAudit(trx, ctx, {
        action: 'feedback.case_submit',
        recordType: 'feedback_case',
        recordId: row.id,
        agencyId: row.agency_id,
        // Contact details stay out of the audit trail: it outlives the case and is read more widely.
        after: { tracking_no: trackingNo, kind: row.kind, category: row.category, service_id: row.service_id, attachments: files.length },
      });
      await notifyBeneficiary(trx, deps, after, 'submitted', { key: 'once' });
      return { case: after, duplicate: false };
    }),
  );
  if (result.duplicate) await discardUploads(deps, stored);
  return result;
}

/** Records the stored files of one timeline event (a submission or a reply). */
export async function insertUploads(
  trx: Parameters<typeof repo.insertAttachment>[0],
  c: repo.CaseRow,
  eventId: number,
  files: StoredUpload[],
  source: 'beneficiary' | 'staff',
  at: string,
) {
  for (const { file, kind } of files) {
    await repo.insertAttachment(trx, {
      case_id: c.id,
      event_id: eventId,
      agency_id: c.agency_id,
      storage_key: file.key,
      size: file.size,
      sha256: file.sha256,
      mime: kind.mime,
      ext: kind.ext,
      source,
      created_at: at,
    });
  }
}

/** The case a signed status link opens; a forged, expired or mismatched link is a plain 404. */
export async function caseFromLink(deps: Deps, trackingNo: string, token: unknown): Promise<repo.CaseRow> {
  const id = verifyStatusToken(deps.config, trackingNo, token);
  const c = id ? await repo.findCase(deps.db, id) : undefined;
  if (!c || c.tracking_no !== trackingNo) throw new NotFoundError();
  return c;
}

/** What the beneficiary's status page shows: statuses and public replies, never internal notes. */
export async function statusPage(deps: Deps, ctx: Ctx, trackingNo: string, token: unknown) {
  const c = await caseFromLink(deps, trackingNo, token);
  await recordCaseRead(deps, ctx, [c], 'link');
  const agency = await identity.findAgency(deps.db, c.agency_id);
  const service = c.service_id ? await catalog.findService(deps.db, c.service_id) : undefined;
  const mergedInto = c.merged_into ? await repo.findCase(deps.db, c.merged_into) : undefined;
  const events = await repo.listEvents(deps.db, c.id, 'public');
  return { case: c, agency, service, events, attachments: await repo.listPublicAttachments(deps.db, c.id), mergedInto };
}

/** The beneficiary answers from their status link: a waiting case resumes, a recently resolved one reopens. */
export async function beneficiaryReply(
  deps: Deps,
  ctx: Ctx,
  trackingNo: string,
  token: unknown,
  raw: unknown,
  opts: { attachment?: unknown; now?: Date } = {},
) {
  const c = await caseFromLink(deps, trackingNo, token);
  const input = parseInput(beneficiaryReplyInput, raw);
  const uploads = checkUploads('attachment', opts.attachment);
  const now = opts.now ?? new Date();
  if (c.status === 'merged') throw new ConflictError('feedback.error.merged');
  if (c.status === 'resolved' && c.resolved_at && now.getTime() - Date.parse(c.resolved_at) > REOPEN_DAYS * 86_400_000) {
    throw new AppError(409, 'feedback.error.reopen_window', { days: REOPEN_DAYS });
  }
  await limit(deps, [[`reply:case:${c.id}`, LIMITS.replyPerCase]]);
  return withStoredUploads(deps, uploads, (files) =>
    deps.db.transaction().execute(async (trx) => {
      const at = now.toISOString();
      const event = await repo.insertEvent(trx, {
        case_id: c.id,
        agency_id: c.agency_id,
        kind: 'beneficiary_reply',
        visibility: 'public',
        author_type: 'beneficiary',
        author_id: null,
        author_label: null,
        body: input.body,
        data_json: null,
        created_at: at,
      });
      await insertUploads(trx, c, event.id, files, 'beneficiary', at);
      let patch: Partial<repo.CaseRow> = {};
      if (c.status === 'waiting') {
        await repo.closePauses(trx, c.id, at);
        patch = { status: 'open' };
      } else if (c.status === 'resolved') {
        // The time it sat resolved does not count against the agency: it becomes a closed pause.
        await trx
          .insertInto('feedback_case_pauses')
          .values({ case_id: c.id, reason: 'resolved', started_at: c.resolved_at ?? at, ended_at: at })
          .execute();
        patch = {
          status: 'open',
          resolved_at: null,
          resolution_code: null,
          reopen_count: c.reopen_count + 1,
          sla_outcome: c.sla_outcome === 'met' ? null : c.sla_outcome,
          sla_outcome_at: c.sla_outcome === 'met' ? null : c.sla_outcome_at,
          sla_outcome_month: c.sla_outcome === 'met' ? null : c.sla_outcome_month,
        };
        await repo.insertEvent(trx, { ...systemEvent(c, 'reopened', at), visibility: 'public' });
      }
      const updated = await repo.updateCase(trx, c.id, patch);
      const after = await refreshDeadlines(trx, updated, now);
      const assignee = c.assigned_to ? await identity.findUser(trx, c.assigned_to) : undefined;
      const to = assignee?.status === 'active' ? [assignee] : await agencyStaff(trx, c.agency_id, 'agency_admin');
      await notifyStaff(trx, deps, after, 'beneficiary_reply', to, { key: String(event.id) });
      await recordAudit(trx, ctx, {
        action: c.status === 'resolved' ? 'feedback.case_reopen' : 'feedback.case_beneficiary_reply',
        recordType: 'feedback_case',
        recordId: c.id,
        agencyId: c.agency_id,
        after: { event_id: event.id, status: after.status, attachments: files.length },
      });
      return after;
    }),
  );
}

export function systemEvent(c: repo.CaseRow, kind: repo.EventRow['kind'], at: string) {
  return {
    case_id: c.id,
    agency_id: c.agency_id,
    kind,
    visibility: 'internal' as 'public' | 'internal',
    author_type: 'system' as const,
    author_id: null,
    author_label: null,
    body: null,
    data_json: null,
    created_at: at,
  };
}

/**
 * Sends the status link again to the contact on file when the tracking number and contact
 * match. The answer is the same either way, so the form reveals nothing about other cases.
 */
export async function resendLink(deps: Deps, ctx: Ctx, raw: unknown): Promise<void> {
  const input = parseInput(trackInput, raw);
  const who = contactHash(deps, input.contact);
  await limit(deps, [
    [`track:ip:${ipHash(deps, ctx.ip)}`, LIMITS.trackPerIp],
    [`track:contact:${who}`, LIMITS.trackPerContact],
  ]);
  const c = await repo.findCaseByTracking(deps.db, input.tracking_no);
  if (!c || c.contact_hash !== who) return;
  await deps.db
    .transaction()
    .execute((trx) => notifyBeneficiary(trx, deps, c, 'link', { key: `resend:${new Date().toISOString().slice(0, 13)}` }));
}

/** An attachment the beneficiary may see (theirs, or the agency's on a public reply), through their status link. */
export async function beneficiaryAttachment(deps: Deps, ctx: Ctx, trackingNo: string, token: unknown, attachmentId: number) {
  const c = await caseFromLink(deps, trackingNo, token);
  const a = await repo.findPublicAttachment(deps.db, c.id, attachmentId);
  if (!a) throw new NotFoundError();
  await recordCaseRead(deps, ctx, [c], 'link', a.id);
  return a;
}
