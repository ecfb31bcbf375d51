import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { findServiceByIdentifier } from '../catalog/public.ts';
import { findAgency } from '../identity/public.ts';
import { completeFromCatalog, liveEvidence, serviceForMilestone } from './auto.service.ts';
import { baselined, takeBaseline } from './baselines.service.ts';
import { dependencyIds, partnerIds } from './links.service.ts';
import { planPolicy } from './plan.policy.ts';
import * as repo from './plan.repo.ts';
import {
  initiativeInput,
  kpiInput,
  milestoneInput,
  overrideInput,
  periodInput,
  planInput,
  planStatusInput,
  targetInput,
  thresholdsInput,
  trackInput,
} from './plan.schema.ts';
import type { PlanStatus } from './plan.tables.ts';
import { defaultThresholds, type Thresholds, thresholdsOf } from './rollup.ts';
import { linkInitiativeSystems, systemIds } from './systems.service.ts';

// Defining plans: plans, tracks, the reporting calendar, initiatives, milestones, KPIs and targets,
// publication, and the office's rating override. Each change is audited in its own transaction.

/** Plans the actor may see, newest period first. */
export async function listPlans(deps: Deps, ctx: Ctx) {
  return (await repo.listPlans(deps.db)).filter((p) => planPolicy.readPlan(ctx.actor, p));
}

/** One plan, if the actor may see it (403 otherwise, 404 when there is none). */
export async function getPlan(deps: Deps, ctx: Ctx, id: number) {
  const plan = await repo.findPlan(deps.db, id);
  if (!plan) throw new NotFoundError();
  authorize(planPolicy.readPlan(ctx.actor, plan));
  return plan;
}

async function openPlan(deps: Deps, id: number) {
  const plan = await repo.findPlan(deps.db, id);
  if (!plan) throw new NotFoundError();
  if (plan.status === 'closed') throw new ConflictError('plan.error.plan_closed');
  return plan;
}

/** Creates a plan (a draft): national, or one agency's. */
export async function createPlan(deps: Deps, ctx: Ctx, raw: unknown) {
  authorize(planPolicy.administer(ctx.actor));
  const input = parseInput(planInput, raw);
  if (input.owner_agency_id && !(await findAgency(deps.db, input.owner_agency_id)))
    fieldError('owner_agency_id', 'validation.agency_unknown');
  if (await repo.findPlanByCode(deps.db, input.code)) fieldError('code', 'plan.validation.code_taken');
  return deps.db.transaction().execute(async (trx) => {
    const plan = await repo.insertPlan(trx, {
      ...input,
      owner_agency_id: input.owner_agency_id ?? null,
      status: 'draft',
      thresholds_json: JSON.stringify(defaultThresholds),
      published: 0,
    });
    await recordAudit(trx, ctx, {
      action: 'plan.create',
      recordType: 'plan_plan',
      recordId: plan.id,
      agencyId: plan.owner_agency_id,
      after: plan,
    });
    return plan;
  });
}

const nextStatus: Record<PlanStatus, PlanStatus | null> = { draft: 'approved', approved: 'active', active: 'closed', closed: null };

/** Moves a plan one step on: draft → approved (its baseline taken) → active → closed. */
export async function setPlanStatus(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(planPolicy.administer(ctx.actor));
  const { status } = parseInput(planStatusInput, raw);
  const plan = await repo.findPlan(deps.db, id);
  if (!plan) throw new NotFoundError();
  if (nextStatus[plan.status] !== status) throw new ConflictError('plan.error.status_step');
  if (status === 'approved' && (await repo.listTracks(deps.db, id)).length === 0) throw new ConflictError('plan.error.no_tracks');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updatePlan(trx, id, { status });
    // Approving a plan takes its first baseline; later ones come from accepted change requests.
    if (status === 'approved') await takeBaseline(trx, ctx, after, null);
    await recordAudit(trx, ctx, {
      action: 'plan.status',
      recordType: 'plan_plan',
      recordId: id,
      agencyId: plan.owner_agency_id,
      before: { status: plan.status },
      after: { status },
    });
    return after;
  });
}

/** Publishes a plan or one of its initiatives on the public progress pages, or withdraws it. */
export async function setPublished(deps: Deps, ctx: Ctx, kind: 'plan' | 'initiative', id: number, published: boolean) {
  authorize(planPolicy.administer(ctx.actor));
  const found = kind === 'plan' ? await repo.findPlan(deps.db, id) : await repo.findInitiative(deps.db, id);
  if (!found) throw new NotFoundError();
  await deps.db.transaction().execute(async (trx) => {
    if (kind === 'plan') await repo.updatePlan(trx, id, { published: published ? 1 : 0 });
    else {
      await repo.updateInitiative(trx, id, { published: published ? 1 : 0 });
      await repo.insertEvent(trx, {
        initiative_id: id,
        report_id: null,
        action: published ? 'published' : 'withdrawn',
        comment: null,
        detail_json: null,
        actor_label: actorLabel(ctx.actor),
      });
    }
    await recordAudit(trx, ctx, {
      action: published ? 'plan.publish' : 'plan.withdraw',
      recordType: kind === 'plan' ? 'plan_plan' : 'plan_initiative',
      recordId: id,
      before: { published: found.published },
      after: { published: published ? 1 : 0 },
    });
  });
}

/** Adds a track at the end of a plan's list. */
export async function addTrack(deps: Deps, ctx: Ctx, planId: number, raw: unknown) {
  authorize(planPolicy.administer(ctx.actor));
  const input = parseInput(trackInput, raw);
  await openPlan(deps, planId);
  return deps.db.transaction().execute(async (trx) => {
    const track = await repo.insertTrack(trx, { plan_id: planId, ...input });
    await recordAudit(trx, ctx, { action: 'plan.track.create', recordType: 'plan_track', recordId: track.id, after: track });
    return track;
  });
}

/** Adds a reporting period (its dates and the day its reports are due). */
export async function addPeriod(deps: Deps, ctx: Ctx, planId: number, raw: unknown) {
  authorize(planPolicy.administer(ctx.actor));
  const input = parseInput(periodInput, raw);
  await openPlan(deps, planId);
  const periods = await repo.listPeriods(deps.db, planId);
  if (periods.some((p) => p.code === input.code)) fieldError('code', 'plan.validation.code_taken');
  if (periods.some((p) => p.starts_on <= input.ends_on && input.starts_on <= p.ends_on))
    fieldError('starts_on', 'plan.validation.period_overlap');
  return deps.db.transaction().execute(async (trx) => {
    const period = await repo.insertPeriod(trx, { plan_id: planId, ...input });
    await recordAudit(trx, ctx, { action: 'plan.period.create', recordType: 'plan_period', recordId: period.id, after: period });
    return period;
  });
}

/** Creates an initiative on one of the plan's tracks; its catalog services are named by identifier. */
export async function createInitiative(deps: Deps, ctx: Ctx, planId: number, raw: unknown) {
  authorize(planPolicy.administer(ctx.actor));
  const input = parseInput(initiativeInput, raw);
  await openPlan(deps, planId);
  const track = await repo.findTrack(deps.db, input.track_id);
  if (!track || track.plan_id !== planId) fieldError('track_id', 'plan.validation.track_unknown');
  if (!(await findAgency(deps.db, input.owner_agency_id))) fieldError('owner_agency_id', 'validation.agency_unknown');
  if (await repo.findInitiativeByCode(deps.db, planId, input.code)) fieldError('code', 'plan.validation.code_taken');
  const serviceIds: number[] = [];
  for (const identifier of (input.services ?? '').split(/[\s,،]+/).filter(Boolean)) {
    const service = await findServiceByIdentifier(deps.db, identifier);
    if (!service) fieldError('services', 'plan.validation.service_unknown', { identifier });
    serviceIds.push(service.id);
  }
  const partner_agency_ids = (await partnerIds(deps, input)).join(',');
  const depends_on_ids = (await dependencyIds(deps, planId, { id: null, code: input.code }, input.depends_on)).join(',');
  const system_ids = await systemIds(deps, input.systems);
  const { services: _services, partners: _partners, depends_on: _depends, systems: _systems, sponsor_ar, sponsor_en, ...fields } = input;
  return deps.db.transaction().execute(async (trx) => {
    const initiative = await repo.insertInitiative(trx, {
      ...fields,
      plan_id: planId,
      service_ids: [...new Set(serviceIds)].join(','),
      sponsor_ar: sponsor_ar ?? null,
      sponsor_en: sponsor_en ?? null,
      partner_agency_ids,
      depends_on_ids,
      forecast_end: null,
      actual_start: null,
      actual_end: null,
      spend_sar: 0,
      published: 0,
      override_rating: null,
      override_reason: null,
    });
    const systems = await linkInitiativeSystems(trx, initiative.id, system_ids);
    await repo.insertEvent(trx, {
      initiative_id: initiative.id,
      report_id: null,
      action: 'created',
      comment: null,
      detail_json: null,
      actor_label: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: 'plan.initiative.create',
      recordType: 'plan_initiative',
      recordId: initiative.id,
      agencyId: initiative.owner_agency_id,
      after: { ...initiative, systems: systems.after },
    });
    return initiative;
  });
}

/** An initiative and its plan, if the actor may read its detail. */
export async function getInitiative(deps: Deps, ctx: Ctx, id: number) {
  const initiative = await repo.findInitiative(deps.db, id);
  if (!initiative) throw new NotFoundError();
  authorize(planPolicy.readInitiative(ctx.actor, initiative.owner_agency_id));
  const plan = (await repo.findPlan(deps.db, initiative.plan_id)) as repo.PlanRow;
  return { initiative, plan };
}

async function keptInitiative(deps: Deps, ctx: Ctx, id: number) {
  const initiative = await repo.findInitiative(deps.db, id);
  if (!initiative) throw new NotFoundError();
  authorize(planPolicy.keep(ctx.actor, initiative.owner_agency_id));
  await openPlan(deps, initiative.plan_id);
  return initiative;
}

/** Adds a milestone (a deliverable with a weight and a planned date), possibly tied to a catalog service going live. */
export async function addMilestone(deps: Deps, ctx: Ctx, initiativeId: number, raw: unknown) {
  const initiative = await keptInitiative(deps, ctx, initiativeId);
  const { service: identifier, ...input } = parseInput(milestoneInput, raw);
  const service = await serviceForMilestone(deps.db, identifier);
  return deps.db.transaction().execute(async (trx) => {
    const m = await repo.insertMilestone(trx, {
      initiative_id: initiativeId,
      ...input,
      forecast_date: null,
      actual_date: null,
      auto_service_id: service?.id ?? null,
    });
    await recordAudit(trx, ctx, {
      action: 'plan.milestone.create',
      recordType: 'plan_milestone',
      recordId: m.id,
      agencyId: initiative.owner_agency_id,
      after: m,
    });
    // Tied to a service that is live already: the catalog has shown it, so it is done.
    const evidence = service && liveEvidence(service);
    if (evidence) await completeFromCatalog(trx, deps, m, evidence);
    return m;
  });
}

/** Adds a KPI with its baseline; targets per period are set by the office. */
export async function addKpi(deps: Deps, ctx: Ctx, initiativeId: number, raw: unknown) {
  const initiative = await keptInitiative(deps, ctx, initiativeId);
  const input = parseInput(kpiInput, raw);
  return deps.db.transaction().execute(async (trx) => {
    const k = await repo.insertKpi(trx, { initiative_id: initiativeId, ...input });
    await recordAudit(trx, ctx, {
      action: 'plan.kpi.create',
      recordType: 'plan_kpi',
      recordId: k.id,
      agencyId: initiative.owner_agency_id,
      after: k,
    });
    return k;
  });
}

/** Sets a KPI's target for one period of its plan (under a baseline, only a target not set yet). */
export async function setTarget(deps: Deps, ctx: Ctx, kpiId: number, raw: unknown) {
  authorize(planPolicy.administer(ctx.actor));
  const kpi = await repo.findKpi(deps.db, kpiId);
  if (!kpi) throw new NotFoundError();
  const input = parseInput(targetInput, raw);
  const initiative = (await repo.findInitiative(deps.db, kpi.initiative_id)) as repo.InitiativeRow;
  const period = await repo.findPeriod(deps.db, input.period_id);
  if (!period || period.plan_id !== initiative.plan_id) fieldError('period_id', 'plan.validation.period_unknown');
  const plan = await openPlan(deps, initiative.plan_id);
  // Under a baseline a target once set changes only through an accepted change request
  // (baselines.service.ts); a KPI or period that has none yet may be given its first.
  const current = (await repo.listKpiValues(deps.db, [kpiId])).find((v) => v.period_id === period.id)?.target ?? null;
  if (baselined(plan) && current !== null) fieldError('target', 'plan.validation.target_baselined');
  await deps.db.transaction().execute(async (trx) => {
    await repo.setKpiValue(trx, kpiId, period.id, 'target', input.target);
    await recordAudit(trx, ctx, {
      action: 'plan.kpi.target',
      recordType: 'plan_kpi',
      recordId: kpiId,
      agencyId: initiative.owner_agency_id,
      after: { period: period.code, target: input.target },
    });
  });
  return initiative;
}

/** The office's override of an initiative's overall rating (a reason is required); no rating clears it. */
export async function overrideRating(deps: Deps, ctx: Ctx, initiativeId: number, raw: unknown) {
  authorize(planPolicy.review(ctx.actor));
  const input = parseInput(overrideInput, raw);
  const before = await repo.findInitiative(deps.db, initiativeId);
  if (!before) throw new NotFoundError();
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateInitiative(trx, initiativeId, {
      override_rating: input.rating ?? null,
      override_reason: input.rating ? (input.reason ?? null) : null,
    });
    await repo.insertEvent(trx, {
      initiative_id: initiativeId,
      report_id: null,
      action: input.rating ? 'override' : 'override_cleared',
      comment: input.reason ?? null,
      detail_json: JSON.stringify({ rating: input.rating ?? null }),
      actor_label: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: 'plan.rating.override',
      recordType: 'plan_initiative',
      recordId: initiativeId,
      agencyId: before.owner_agency_id,
      before: { rating: before.override_rating, reason: before.override_reason },
      after: { rating: input.rating ?? null, reason: input.reason ?? null },
    });
  });
}

/** Sets a plan's rating thresholds (slippage days and KPI attainment for each step of the scale). */
export async function setThresholds(deps: Deps, ctx: Ctx, planId: number, raw: unknown) {
  authorize(planPolicy.administer(ctx.actor));
  const i = parseInput(thresholdsInput, raw);
  const plan = await openPlan(deps, planId);
  const after: Thresholds = { slipDays: [i.slip_1, i.slip_2, i.slip_3, i.slip_4], kpiPct: [i.kpi_1, i.kpi_2, i.kpi_3, i.kpi_4] };
  await deps.db.transaction().execute(async (trx) => {
    await repo.updatePlan(trx, planId, { thresholds_json: JSON.stringify(after) });
    await recordAudit(trx, ctx, {
      action: 'plan.thresholds',
      recordType: 'plan_plan',
      recordId: planId,
      agencyId: plan.owner_agency_id,
      before: thresholdsOf(plan.thresholds_json),
      after,
    });
  });
}
