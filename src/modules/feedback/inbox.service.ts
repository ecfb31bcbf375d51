import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorAgencyIds, actorId, actorLabel, type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import * as catalog from '../catalog/public.ts';
import * as identity from '../identity/public.ts';
import { checkUploads, withStoredUploads } from './attachments.ts';
import { type CaseReadVia, recordCaseRead } from './case-reads.ts';
import * as repo from './cases.repo.ts';
import { insertUploads } from './cases.service.ts';
import { feedbackPolicy } from './feedback.policy.ts';
import { assignInput, noteInput, resolveInput, staffReplyInput } from './feedback.schema.ts';
import { notifyBeneficiary, notifyStaff } from './notifications.ts';
import { caseClocks, loadCalendar, refreshDeadlines } from './sla.service.ts';
import { enqueueSurvey } from './survey.service.ts';
import { monthOf } from './tracking.ts';

/** The agencies whose cases the actor may see (undefined: every agency, for the program office). */
export function caseScope(ctx: Ctx): number[] | undefined {
  if (ctx.actor.kind === 'system' || hasRole(ctx.actor, 'program_admin')) return undefined;
  return actorAgencyIds(ctx.actor).filter((id) => feedbackPolicy.readCase(ctx.actor, id));
}

/** A page of the actor's inbox; a filter naming another agency's cases finds nothing. */
export async function listInbox(deps: Deps, ctx: Ctx, filter: repo.CaseFilter, page = 1, pageSize = 50) {
  const scope = caseScope(ctx);
  const agencyIds = scope && filter.agencyIds ? filter.agencyIds.filter((id) => scope.includes(id)) : (scope ?? filter.agencyIds);
  const rows = await repo.listCases(deps.db, { ...filter, agencyIds }, pageSize + 1, (page - 1) * pageSize);
  return { items: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

/** A case with everything its agency needs: timeline with internal notes, attachments, clocks, colleagues. The read is audited. */
export async function getCase(deps: Deps, ctx: Ctx, id: number, via: CaseReadVia, now = new Date()) {
  const c = await repo.findCase(deps.db, id);
  if (!c) throw new NotFoundError();
  authorize(feedbackPolicy.readCase(ctx.actor, c.agency_id), 'feedback case of another agency');
  await recordCaseRead(deps, ctx, [c], via);
  const pauses = await repo.listPauses(deps.db, c.id);
  return {
    case: c,
    events: await repo.listEvents(deps.db, c.id),
    attachments: await repo.listAttachments(deps.db, c.id),
    clocks: caseClocks(await loadCalendar(deps.db), c, pauses, now),
    pauses,
    agency: await identity.findAgency(deps.db, c.agency_id),
    service: c.service_id ? await catalog.findService(deps.db, c.service_id) : undefined,
    colleagues: await colleagues(deps.db, c.agency_id),
    samePerson: await repo.samePersonCases(deps.db, c),
    reroute: await repo.pendingRerouteOf(deps.db, c.id),
    mergedInto: c.merged_into ? await repo.findCase(deps.db, c.merged_into) : undefined,
  };
}

/** People who can be assigned a case of the agency: its active administrators and editors. */
export async function colleagues(db: Executor, agencyId: number) {
  const rows = await identity.findUsers(db, { agencyIds: [agencyId], status: 'active' }, 200, 0);
  return rows.map((u) => ({ id: u.id, name: u.name, email: u.email, locale: u.locale }));
}

async function workable(deps: Deps, ctx: Ctx, id: number) {
  const c = await repo.findCase(deps.db, id);
  if (!c) throw new NotFoundError();
  authorize(feedbackPolicy.workCase(ctx.actor, c.agency_id), 'feedback case of another agency');
  if (c.status === 'merged') throw new ConflictError('feedback.error.merged');
  return c;
}

const staffEvent = (ctx: Ctx, c: repo.CaseRow, kind: repo.EventRow['kind'], at: string, body: string | null = null) => ({
  case_id: c.id,
  agency_id: c.agency_id,
  kind,
  visibility: 'internal' as 'public' | 'internal',
  author_type: 'staff' as const,
  author_id: ctx.actor.kind === 'user' ? ctx.actor.id : null,
  author_label: ctx.actor.kind === 'user' ? ctx.actor.name : actorLabel(ctx.actor),
  body,
  data_json: null as string | null,
  created_at: at,
});

/** The first public word to the beneficiary stops the first-response clock, in working time. */
async function stampFirstResponse(trx: Executor, c: repo.CaseRow, now: Date): Promise<Partial<repo.CaseRow>> {
  if (c.first_response_at) return {};
  const clocks = caseClocks(await loadCalendar(trx), c, await repo.listPauses(trx, c.id), now);
  return { first_response_at: now.toISOString(), first_response_ms: clocks.first?.elapsedWorkingMs ?? 0 };
}

/**
 * Replies to the beneficiary (they are emailed or texted). With `waiting`, the case waits for
 * their answer and both clocks pause until they reply.
 */
export async function replyToCase(deps: Deps, ctx: Ctx, id: number, raw: unknown, opts: { attachment?: unknown; now?: Date } = {}) {
  const c = await workable(deps, ctx, id);
  const input = parseInput(staffReplyInput, raw);
  const uploads = checkUploads('attachment', opts.attachment);
  const now = opts.now ?? new Date();
  if (input.waiting && c.status === 'resolved') fieldError('waiting', 'feedback.validation.waiting_resolved');
  return withStoredUploads(deps, uploads, (files) =>
    deps.db.transaction().execute(async (trx) => {
      const at = now.toISOString();
      const event = await repo.insertEvent(trx, { ...staffEvent(ctx, c, 'reply', at, input.body), visibility: 'public' });
      await insertUploads(trx, c, event.id, files, 'staff', at);
      const patch: Partial<repo.CaseRow> = await stampFirstResponse(trx, c, now);
      if (input.waiting && c.status !== 'waiting') {
        await repo.openPause(trx, c.id, 'waiting', at);
        patch.status = 'waiting';
      } else if (!input.waiting && c.status === 'waiting') {
        await repo.closePauses(trx, c.id, at);
        patch.status = 'open';
      } else if (c.status === 'new') patch.status = 'open';
      const after = await refreshDeadlines(trx, await repo.updateCase(trx, c.id, patch), now);
      await notifyBeneficiary(trx, deps, after, input.waiting ? 'waiting' : 'reply', {
        key: String(event.id),
        text: input.body,
        files: files.length,
      });
      await recordAudit(trx, ctx, {
        action: 'feedback.case_reply',
        recordType: 'feedback_case',
        recordId: c.id,
        agencyId: c.agency_id,
        after: { event_id: event.id, status: after.status, waiting: input.waiting, attachments: files.length },
      });
      return after;
    }),
  );
}

/** An internal note: agency staff only, never on the status page. */
export async function addNote(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const c = await repo.findCase(deps.db, id);
  if (!c) throw new NotFoundError();
  authorize(feedbackPolicy.workCase(ctx.actor, c.agency_id), 'feedback case of another agency');
  const { body } = parseInput(noteInput, raw);
  await deps.db.transaction().execute(async (trx) => {
    const event = await repo.insertEvent(trx, staffEvent(ctx, c, 'note', new Date().toISOString(), body));
    await recordAudit(trx, ctx, {
      action: 'feedback.case_note',
      recordType: 'feedback_case',
      recordId: c.id,
      agencyId: c.agency_id,
      after: { event_id: event.id },
    });
  });
}

/** Assigns the case to a colleague of its agency (0 leaves it unassigned); they are emailed. */
export async function assignCase(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const c = await workable(deps, ctx, id);
  const { user_id } = parseInput(assignInput, raw);
  const person = user_id ? (await colleagues(deps.db, c.agency_id)).find((u) => u.id === user_id) : undefined;
  if (user_id && !person) fieldError('user_id', 'feedback.validation.colleague');
  return deps.db.transaction().execute(async (trx) => {
    const event = await repo.insertEvent(trx, {
      ...staffEvent(ctx, c, 'assigned', new Date().toISOString()),
      data_json: JSON.stringify({ user_id: person?.id ?? null, name: person?.name ?? null }),
    });
    const after = await repo.updateCase(trx, c.id, { assigned_to: person?.id ?? null, status: c.status === 'new' ? 'open' : c.status });
    if (person && String(person.id) !== actorId(ctx.actor))
      await notifyStaff(trx, deps, after, 'assigned', [person], { key: String(event.id) });
    await recordAudit(trx, ctx, {
      action: 'feedback.case_assign',
      recordType: 'feedback_case',
      recordId: c.id,
      agencyId: c.agency_id,
      before: { assigned_to: c.assigned_to },
      after: { assigned_to: person?.id ?? null },
    });
    return after;
  });
}

/**
 * Closes the case with a resolution code and a message to the beneficiary; settles the resolution
 * SLA (met, or breached if it ran out) and sends the one-question survey.
 */
export async function resolveCase(deps: Deps, ctx: Ctx, id: number, raw: unknown, now = new Date()) {
  const c = await workable(deps, ctx, id);
  if (c.status === 'resolved') throw new ConflictError('feedback.error.already_resolved');
  const input = parseInput(resolveInput, raw);
  return deps.db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    await repo.closePauses(trx, c.id, at);
    const event = await repo.insertEvent(trx, {
      ...staffEvent(ctx, c, 'resolved', at, input.body),
      visibility: 'public',
      data_json: JSON.stringify({ code: input.code }),
    });
    const first = await stampFirstResponse(trx, c, now);
    const resolved = { ...c, ...first, status: 'resolved' as const, resolved_at: at };
    const clock = caseClocks(await loadCalendar(trx), resolved, await repo.listPauses(trx, c.id), now).resolution;
    const settled = clock?.state === 'breached' ? (clock.breachedAt ?? now) : now;
    const outcome =
      c.sla_outcome === 'breached'
        ? {}
        : {
            sla_outcome: clock?.state === 'breached' ? ('breached' as const) : ('met' as const),
            sla_outcome_at: settled.toISOString(),
            sla_outcome_month: monthOf(settled, deps.config.timeZone),
            ...(clock?.state === 'breached' ? { res_breached: 1 } : {}),
          };
    const updated = await repo.updateCase(trx, c.id, {
      ...first,
      status: 'resolved',
      resolved_at: at,
      resolution_code: input.code,
      ...outcome,
    });
    const after = await refreshDeadlines(trx, updated, now);
    await notifyBeneficiary(trx, deps, after, 'resolved', { key: String(event.id), text: input.body });
    await enqueueSurvey(trx, after);
    await recordAudit(trx, ctx, {
      action: 'feedback.case_resolve',
      recordType: 'feedback_case',
      recordId: c.id,
      agencyId: c.agency_id,
      before: { status: c.status },
      after: { status: 'resolved', code: input.code, sla_outcome: after.sla_outcome },
    });
    return after;
  });
}

/** An attachment of a case, for its agency's staff. */
export async function staffAttachment(deps: Deps, ctx: Ctx, caseId: number, attachmentId: number) {
  const c = await repo.findCase(deps.db, caseId);
  if (!c) throw new NotFoundError();
  authorize(feedbackPolicy.readCase(ctx.actor, c.agency_id), 'feedback attachment of another agency');
  const a = await repo.findAttachment(deps.db, c.id, attachmentId);
  if (!a) throw new NotFoundError();
  await recordCaseRead(deps, ctx, [c], 'console', a.id);
  return a;
}
