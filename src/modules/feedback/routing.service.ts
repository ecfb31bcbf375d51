import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import * as identity from '../identity/public.ts';
import * as repo from './cases.repo.ts';
import { systemEvent } from './cases.service.ts';
import { feedbackPolicy } from './feedback.policy.ts';
import { mergeInput, rerouteDecisionInput, rerouteInput } from './feedback.schema.ts';
import { notifyBeneficiary } from './notifications.ts';
import { refreshDeadlines, targetsFor } from './sla.service.ts';
import { statusUrl } from './tracking.ts';

/**
 * Merges a duplicate into another case of the same agency. Only cases from the same person (the
 * same contact) merge: the duplicate's status page then links to the surviving case, which would
 * disclose someone else's case otherwise.
 */
export async function mergeCase(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const c = await repo.findCase(deps.db, id);
  if (!c) throw new NotFoundError();
  authorize(feedbackPolicy.workCase(ctx.actor, c.agency_id), 'feedback case of another agency');
  const { into } = parseInput(mergeInput, raw);
  const target = await repo.findCaseByTracking(deps.db, into);
  // Another agency's case is "not found" here: its existence is not this agency's business.
  if (!target || target.agency_id !== c.agency_id) fieldError('into', 'feedback.validation.merge_target');
  if (target.id === c.id) fieldError('into', 'feedback.validation.merge_self');
  if (c.status === 'merged' || target.status === 'merged') throw new ConflictError('feedback.error.merged');
  if (target.contact_hash !== c.contact_hash) fieldError('into', 'feedback.validation.merge_other_person');
  return deps.db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    await repo.closePauses(trx, c.id, at);
    const merged = await repo.updateCase(trx, c.id, {
      status: 'merged',
      merged_into: target.id,
      assigned_to: null,
      first_warn_at: null,
      first_due_at: null,
      res_warn_at: null,
      res_due_at: null,
    });
    const data = JSON.stringify({ into: target.tracking_no, from: c.tracking_no });
    await repo.insertEvent(trx, { ...systemEvent(c, 'merged', at), visibility: 'public', data_json: data });
    await repo.insertEvent(trx, { ...systemEvent(target, 'merged_in', at), data_json: data, body: `${c.subject}\n\n${c.body}` });
    // The duplicate's attachments follow it, so staff find every file on the surviving case.
    await trx.updateTable('feedback_attachments').set({ case_id: target.id }).where('case_id', '=', c.id).execute();
    await notifyBeneficiary(trx, deps, merged, 'merged', {
      key: String(target.id),
      url: statusUrl(deps.config, target, c.lang),
      other: target.tracking_no,
    });
    await recordAudit(trx, ctx, {
      action: 'feedback.case_merge',
      recordType: 'feedback_case',
      recordId: c.id,
      agencyId: c.agency_id,
      after: { merged_into: target.id, tracking_no: target.tracking_no },
    });
    return merged;
  });
}

/** Asks the program office to move a case that belongs to another agency. */
export async function requestReroute(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const c = await repo.findCase(deps.db, id);
  if (!c) throw new NotFoundError();
  authorize(feedbackPolicy.workCase(ctx.actor, c.agency_id), 'feedback case of another agency');
  const input = parseInput(rerouteInput, raw);
  const to = await identity.findAgency(deps.db, input.to_agency_id);
  if (to?.status !== 'active' || to.id === c.agency_id) fieldError('to_agency_id', 'feedback.validation.reroute_agency');
  if (c.status === 'merged' || c.status === 'resolved') throw new ConflictError('feedback.error.not_active');
  if (await repo.pendingRerouteOf(deps.db, c.id)) throw new ConflictError('feedback.error.reroute_pending');
  return deps.db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    const r = await repo.insertReroute(trx, {
      case_id: c.id,
      from_agency_id: c.agency_id,
      to_agency_id: to.id,
      reason: input.reason,
      status: 'pending',
      requested_by: actorLabel(ctx.actor),
      requested_at: at,
      decided_by: null,
      decided_at: null,
      note: null,
    });
    await repo.insertEvent(trx, {
      ...systemEvent(c, 'reroute_requested', at),
      author_type: 'staff',
      author_label: actorLabel(ctx.actor),
      body: input.reason,
      data_json: JSON.stringify({ to_agency_id: to.id }),
    });
    await recordAudit(trx, ctx, {
      action: 'feedback.reroute_request',
      recordType: 'feedback_case',
      recordId: c.id,
      agencyId: c.agency_id,
      after: { reroute_id: r.id, to_agency_id: to.id, reason: input.reason },
    });
    return r;
  });
}

/** Re-routing requests awaiting (or past) the program office's decision. */
export async function listReroutes(deps: Deps, ctx: Ctx, status: 'pending' | 'approved' | 'rejected' = 'pending', page = 1) {
  authorize(feedbackPolicy.decideReroute(ctx.actor));
  const rows = await repo.listReroutes(deps.db, status, 51, (page - 1) * 50);
  return { items: rows.slice(0, 50), hasNext: rows.length > 50 };
}

/**
 * The program office approves (the case moves, with the receiving agency's targets on the same
 * clock, and the beneficiary is told) or rejects (the case stays) a re-routing request.
 */
export async function decideReroute(deps: Deps, ctx: Ctx, rerouteId: number, raw: unknown, now = new Date()) {
  authorize(feedbackPolicy.decideReroute(ctx.actor));
  const r = await repo.findReroute(deps.db, rerouteId);
  if (!r) throw new NotFoundError();
  if (r.status !== 'pending') throw new ConflictError('feedback.error.reroute_decided');
  const input = parseInput(rerouteDecisionInput, raw);
  const c = await repo.findCase(deps.db, r.case_id);
  if (!c) throw new NotFoundError();
  const approve = input.decision === 'approve' && c.status !== 'merged' && c.status !== 'resolved';
  const targets = approve ? await targetsFor(deps.db, r.to_agency_id, c.category) : undefined;
  return deps.db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    await trx
      .updateTable('feedback_reroutes')
      .set({ status: approve ? 'approved' : 'rejected', decided_by: actorLabel(ctx.actor), decided_at: at, note: input.note ?? null })
      .where('id', '=', r.id)
      .execute();
    let after = c;
    if (approve && targets) {
      after = await repo.updateCase(trx, c.id, {
        agency_id: r.to_agency_id,
        assigned_to: null,
        sla_first_ms: targets.firstResponseMs,
        sla_resolution_ms: targets.resolutionMs,
        sla_warn_permille: Math.round(targets.warnAtFraction * 1000),
      });
      await trx.updateTable('feedback_attachments').set({ agency_id: r.to_agency_id }).where('case_id', '=', c.id).execute();
      after = await refreshDeadlines(trx, after, now);
      await notifyBeneficiary(trx, deps, after, 'rerouted', { key: String(r.id) });
    }
    await repo.insertEvent(trx, {
      ...systemEvent(after, approve ? 'reroute_approved' : 'reroute_rejected', at),
      visibility: approve ? 'public' : 'internal',
      author_label: actorLabel(ctx.actor),
      body: input.note ?? null,
      data_json: JSON.stringify({ from_agency_id: r.from_agency_id, to_agency_id: r.to_agency_id }),
    });
    await recordAudit(trx, ctx, {
      action: approve ? 'feedback.reroute_approve' : 'feedback.reroute_reject',
      recordType: 'feedback_case',
      recordId: c.id,
      agencyId: r.to_agency_id,
      before: { agency_id: r.from_agency_id },
      after: { agency_id: after.agency_id, reroute_id: r.id, note: input.note ?? null },
    });
    return { reroute: r, case: after, approved: approve };
  });
}
