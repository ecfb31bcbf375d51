import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorAgencyIds, actorLabel, type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import { type BaselineItem, compareSnapshots, type Snapshot } from './baselines.ts';
import { CHANGE_NOTICE_JOB } from './notices.ts';
import { planPolicy } from './plan.policy.ts';
import * as repo from './plan.repo.ts';
import { changeInput, decisionInput, returnInput } from './plan.schema.ts';

// Baselines and change requests: approving a plan takes its first baseline; afterwards the owner
// agency's administrator proposes changes to an initiative's planned dates, budget or a KPI target with
// a reason, and the program office accepts (applying it and taking a new baseline) or rejects it with
// a comment. Any two baselines, or a baseline and today, can be compared.

/** One side of a proposed change: the value it replaces and the new one. */
export interface Change {
  planned_start?: { from: string; to: string };
  planned_end?: { from: string; to: string };
  budget_sar?: { from: number; to: number };
  target?: { kpi_id: number; period_id: number; from: number | null; to: number };
}

/** A snapshot of the plan's initiatives as they are now. */
export async function snapshotOf(db: Executor, planId: number): Promise<Snapshot> {
  const initiatives = await repo.listInitiatives(db, planId);
  const kpis = await repo.listKpis(
    db,
    initiatives.map((i) => i.id),
  );
  const values = await repo.listKpiValues(
    db,
    kpis.map((k) => k.id),
  );
  return {
    items: initiatives.map(
      (i): BaselineItem => ({
        id: i.id,
        code: i.code,
        name_ar: i.name_ar,
        name_en: i.name_en,
        owner_agency_id: i.owner_agency_id,
        planned_start: i.planned_start,
        planned_end: i.planned_end,
        forecast_end: i.forecast_end,
        budget_sar: i.budget_sar,
        targets: values
          .filter((v) => v.target !== null && kpis.some((k) => k.id === v.kpi_id && k.initiative_id === i.id))
          .map((v) => ({ kpi_id: v.kpi_id, period_id: v.period_id, target: v.target as number })),
      }),
    ),
  };
}

/** Takes the plan's next baseline in the caller's transaction, audited. */
export async function takeBaseline(trx: Executor, ctx: Ctx, plan: repo.PlanRow, changeRequestId: number | null) {
  const baseline = await repo.insertBaseline(trx, {
    plan_id: plan.id,
    reason: changeRequestId === null ? 'approval' : 'change',
    change_request_id: changeRequestId,
    snapshot_json: JSON.stringify(await snapshotOf(trx, plan.id)),
    taken_by: actorLabel(ctx.actor),
  });
  await recordAudit(trx, ctx, {
    action: 'plan.baseline',
    recordType: 'plan_plan',
    recordId: plan.id,
    agencyId: plan.owner_agency_id,
    after: { number: baseline.number, reason: baseline.reason, change_request_id: changeRequestId },
  });
  return baseline;
}

const sees = (ctx: Ctx) =>
  planPolicy.review(ctx.actor) || hasRole(ctx.actor, 'leadership_viewer')
    ? () => true
    : (agencyId: number) => actorAgencyIds(ctx.actor).includes(agencyId);

/**
 * A plan's baselines and the comparison of two of them, or of one and today (`to` = 'today'); by default
 * the first baseline and today. Agency staff see their own agency's initiatives only.
 */
export async function baselineComparison(deps: Deps, ctx: Ctx, planId: number, query: { from?: string; to?: string }) {
  const plan = await repo.findPlan(deps.db, planId);
  if (!plan) throw new NotFoundError();
  authorize(planPolicy.readPlan(ctx.actor, plan));
  const baselines = await repo.listBaselines(deps.db, planId);
  const byId = (v: string | undefined) => (v && /^\d{1,10}$/.test(v) ? baselines.find((b) => b.id === Number(v)) : undefined);
  const from = byId(query.from) ?? baselines[0];
  const to = query.to === 'today' || !query.to ? undefined : byId(query.to);
  if (!from)
    return { plan, baselines, from: undefined, to: undefined, comparison: undefined, reasons: new Map<number, repo.ChangeRow[]>() };
  const visible = sees(ctx);
  const only = (s: Snapshot): Snapshot => ({ items: s.items.filter((i) => visible(i.owner_agency_id)) });
  const comparison = compareSnapshots(
    only(JSON.parse(from.snapshot_json) as Snapshot),
    only(to ? (JSON.parse(to.snapshot_json) as Snapshot) : await snapshotOf(deps.db, planId)),
  );
  // Why: the accepted change requests whose baselines lie between the two sides.
  const [low, high] = to && to.number < from.number ? [to.number, from.number] : [from.number, to?.number ?? Number.POSITIVE_INFINITY];
  const numberOf = new Map(baselines.map((b) => [b.id, b.number]));
  const reasons = new Map<number, repo.ChangeRow[]>();
  for (const c of await repo.listChanges(deps.db, { planId })) {
    const n = c.baseline_id === null ? undefined : numberOf.get(c.baseline_id);
    if (c.status !== 'accepted' || n === undefined || n <= low || n > high) continue;
    reasons.set(c.initiative_id, [...(reasons.get(c.initiative_id) ?? []), c]);
  }
  return { plan, baselines, from, to, comparison, reasons };
}

/** An initiative's change requests, newest last, with what the page needs to propose and decide them. */
export async function initiativeChanges(deps: Deps, ctx: Ctx, initiativeId: number) {
  const initiative = await repo.findInitiative(deps.db, initiativeId);
  if (!initiative) throw new NotFoundError();
  authorize(planPolicy.readInitiative(ctx.actor, initiative.owner_agency_id));
  const plan = (await repo.findPlan(deps.db, initiative.plan_id)) as repo.PlanRow;
  return {
    initiative,
    plan,
    changes: await repo.listChanges(deps.db, { initiativeId }),
    kpis: await repo.listKpis(deps.db, [initiativeId]),
    periods: await repo.listPeriods(deps.db, plan.id),
    baselined: baselined(plan),
  };
}

/** Whether a plan's initiatives are under a baseline (approved or active): their dates and budget then change only by request. */
export const baselined = (plan: repo.PlanRow) => plan.status === 'approved' || plan.status === 'active';

/** The owner agency's administrator proposes a change to a baselined initiative, with a reason. */
export async function proposeChange(deps: Deps, ctx: Ctx, initiativeId: number, raw: unknown) {
  const initiative = await repo.findInitiative(deps.db, initiativeId);
  if (!initiative) throw new NotFoundError();
  authorize(planPolicy.submit(ctx.actor, initiative.owner_agency_id));
  const input = parseInput(changeInput, raw);
  const plan = (await repo.findPlan(deps.db, initiative.plan_id)) as repo.PlanRow;
  if (plan.status === 'closed') throw new ConflictError('plan.error.plan_closed');
  if (!baselined(plan)) throw new ConflictError('plan.error.no_baseline');
  if ((await repo.listChanges(deps.db, { initiativeId })).some((c) => c.status === 'proposed'))
    throw new ConflictError('plan.error.change_pending');
  const change: Change = {};
  if (input.planned_start !== undefined && input.planned_start !== initiative.planned_start)
    change.planned_start = { from: initiative.planned_start, to: input.planned_start };
  if (input.planned_end !== undefined && input.planned_end !== initiative.planned_end)
    change.planned_end = { from: initiative.planned_end, to: input.planned_end };
  if ((change.planned_start?.to ?? initiative.planned_start) > (change.planned_end?.to ?? initiative.planned_end))
    fieldError('planned_end', 'plan.validation.date_order');
  if (input.budget_sar !== undefined && input.budget_sar !== initiative.budget_sar)
    change.budget_sar = { from: initiative.budget_sar, to: input.budget_sar };
  if (input.kpi_id !== undefined && input.period_id !== undefined && input.target !== undefined) {
    const kpi = await repo.findKpi(deps.db, input.kpi_id);
    if (!kpi || kpi.initiative_id !== initiativeId) fieldError('kpi_id', 'plan.validation.kpi_unknown');
    const period = await repo.findPeriod(deps.db, input.period_id);
    if (!period || period.plan_id !== plan.id) fieldError('period_id', 'plan.validation.period_unknown');
    const now = (await repo.listKpiValues(deps.db, [kpi.id])).find((v) => v.period_id === period.id)?.target ?? null;
    if (now !== input.target) change.target = { kpi_id: kpi.id, period_id: period.id, from: now, to: input.target };
  }
  if (Object.keys(change).length === 0) fieldError('planned_end', 'plan.validation.change_nothing');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertChange(trx, {
      plan_id: plan.id,
      initiative_id: initiativeId,
      agency_id: initiative.owner_agency_id,
      changes_json: JSON.stringify(change),
      reason: input.reason,
      proposed_by: actorLabel(ctx.actor),
      reviewed_by: null,
      reviewed_at: null,
      review_comment: null,
      baseline_id: null,
    });
    await repo.insertEvent(trx, {
      initiative_id: initiativeId,
      report_id: null,
      action: 'change.proposed',
      comment: input.reason,
      detail_json: null,
      actor_label: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: 'plan.change.propose',
      recordType: 'plan_change_request',
      recordId: row.id,
      agencyId: initiative.owner_agency_id,
      after: { change, reason: input.reason },
    });
    await enqueue(trx, CHANGE_NOTICE_JOB, { changeId: row.id, kind: 'proposed' });
    return row;
  });
}

/**
 * The program office decides a proposed change: accepting applies it to the initiative and takes a new
 * baseline; rejecting needs a comment. Either way it is decided once.
 */
export async function decideChange(deps: Deps, ctx: Ctx, id: number, decision: 'accept' | 'reject', raw: unknown) {
  authorize(planPolicy.review(ctx.actor));
  const { comment } = decision === 'reject' ? parseInput(returnInput, raw) : parseInput(decisionInput, raw);
  const row = await repo.findChange(deps.db, id);
  if (!row) throw new NotFoundError();
  const plan = (await repo.findPlan(deps.db, row.plan_id)) as repo.PlanRow;
  if (plan.status === 'closed') throw new ConflictError('plan.error.plan_closed');
  if (row.status !== 'proposed') throw new ConflictError('plan.error.change_decided');
  const change = JSON.parse(row.changes_json) as Change;
  await deps.db.transaction().execute(async (trx) => {
    const decided = await repo.decideChange(trx, id, {
      status: decision === 'accept' ? 'accepted' : 'rejected',
      reviewed_by: actorLabel(ctx.actor),
      review_comment: comment ?? null,
    });
    if (!decided) throw new ConflictError('plan.error.change_decided');
    if (decision === 'accept') {
      await repo.updateInitiative(trx, row.initiative_id, {
        ...(change.planned_start ? { planned_start: change.planned_start.to } : {}),
        ...(change.planned_end ? { planned_end: change.planned_end.to } : {}),
        ...(change.budget_sar ? { budget_sar: change.budget_sar.to } : {}),
      });
      if (change.target) {
        // The only way a baselined target changes: recorded in the history and audited with the request.
        const { kpi_id, period_id, from, to } = change.target;
        await repo.setKpiValue(trx, kpi_id, period_id, 'target', to);
        await repo.insertEvent(trx, {
          initiative_id: row.initiative_id,
          report_id: null,
          action: 'kpi.target_changed',
          comment: null,
          detail_json: JSON.stringify({ period_id, kpi_id, from, to, change_request_id: id }),
          actor_label: actorLabel(ctx.actor),
        });
        await recordAudit(trx, ctx, {
          action: 'plan.kpi.target',
          recordType: 'plan_kpi',
          recordId: kpi_id,
          agencyId: row.agency_id,
          before: { period_id, target: from },
          after: { period_id, target: to, change_request_id: id },
        });
      }
      const baseline = await takeBaseline(trx, ctx, plan, id);
      await repo.setChangeBaseline(trx, id, baseline.id);
    }
    await repo.insertEvent(trx, {
      initiative_id: row.initiative_id,
      report_id: null,
      action: decision === 'accept' ? 'change.accepted' : 'change.rejected',
      comment: comment ?? null,
      detail_json: null,
      actor_label: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: decision === 'accept' ? 'plan.change.accept' : 'plan.change.reject',
      recordType: 'plan_change_request',
      recordId: id,
      agencyId: row.agency_id,
      before: { status: row.status },
      after: { status: decision === 'accept' ? 'accepted' : 'rejected', comment: comment ?? null },
    });
    await enqueue(trx, CHANGE_NOTICE_JOB, { changeId: id, kind: decision === 'accept' ? 'accepted' : 'rejected' });
  });
  return row;
}
