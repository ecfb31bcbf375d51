import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { findService, findServiceByIdentifier } from '../catalog/public.ts';
import { findAgency } from '../identity/public.ts';
import { completeFromCatalog, liveEvidence, serviceForMilestone } from './auto.service.ts';
import { baselined } from './baselines.service.ts';
import { dependencyIds, partnerIds } from './links.service.ts';
import { planPolicy } from './plan.policy.ts';
import * as repo from './plan.repo.ts';
import { initiativeInput, kpiInput, milestoneInput, type ReportFigures, trackInput } from './plan.schema.ts';
import { linkInitiativeSystems, systemIds } from './systems.service.ts';

// Editing and removing a plan's structure: the office edits tracks and initiatives; the office and the
// owner agency's staff edit an initiative's milestones and KPIs. Nothing a report carries figures for
// can be removed (the report would lose what it says), a KPI whose figures are locked keeps its
// measure, and a closed plan changes no more. Each change is audited in its own transaction.

async function openPlan(deps: Deps, id: number) {
  const plan = await repo.findPlan(deps.db, id);
  if (!plan) throw new NotFoundError();
  if (plan.status === 'closed') throw new ConflictError('plan.error.plan_closed');
  return plan;
}

/** Every set of figures said about an initiative: its reports' and their corrections', with the report's status. */
async function figuresOf(deps: Deps, initiativeId: number) {
  const reports = await repo.listReports(deps.db, [initiativeId]);
  const corrections = await repo.listCorrections(
    deps.db,
    reports.map((r) => r.id),
  );
  return [
    ...reports.map((r) => ({ locked: r.status === 'accepted', figures: JSON.parse(r.figures_json) as ReportFigures })),
    ...corrections.map((c) => ({ locked: c.status === 'accepted', figures: JSON.parse(c.figures_json) as ReportFigures })),
  ];
}

/** Whether any report or correction gives a date for the milestone. */
async function milestoneReported(deps: Deps, m: repo.MilestoneRow) {
  if (m.forecast_date || m.actual_date) return true;
  return (await figuresOf(deps, m.initiative_id)).some(({ figures }) =>
    figures.milestones.some((x) => x.id === m.id && (x.forecast_date || x.actual_date)),
  );
}

/** Whether any report or correction (`lockedOnly`: any accepted one) gives the KPI an actual value. */
async function kpiReported(deps: Deps, k: repo.KpiRow, lockedOnly: boolean) {
  if (!lockedOnly && (await repo.listKpiValues(deps.db, [k.id])).some((v) => v.actual !== null)) return true;
  return (await figuresOf(deps, k.initiative_id)).some(
    ({ locked, figures }) => (locked || !lockedOnly) && figures.kpis.some((x) => x.id === k.id && x.actual !== null),
  );
}

/** A track, if the actor may administer plans. */
export async function getTrack(deps: Deps, ctx: Ctx, id: number) {
  authorize(planPolicy.administer(ctx.actor));
  const track = await repo.findTrack(deps.db, id);
  if (!track) throw new NotFoundError();
  return { track, plan: (await repo.findPlan(deps.db, track.plan_id)) as repo.PlanRow };
}

/** Renames a track or changes its weight. */
export async function updateTrack(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const { track } = await getTrack(deps, ctx, id);
  const input = parseInput(trackInput, raw);
  const plan = await openPlan(deps, track.plan_id);
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateTrack(trx, id, input);
    await recordAudit(trx, ctx, {
      action: 'plan.track.update',
      recordType: 'plan_track',
      recordId: id,
      agencyId: plan.owner_agency_id,
      before: track,
      after,
    });
    return after;
  });
}

/** Removes a track that has no initiatives (move or remove them first). */
export async function removeTrack(deps: Deps, ctx: Ctx, id: number) {
  const { track } = await getTrack(deps, ctx, id);
  const plan = await openPlan(deps, track.plan_id);
  if ((await repo.listInitiatives(deps.db, track.plan_id, undefined, 'all')).some((i) => i.track_id === id))
    throw new ConflictError('plan.error.track_in_use');
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteTrack(trx, id);
    await recordAudit(trx, ctx, {
      action: 'plan.track.remove',
      recordType: 'plan_track',
      recordId: id,
      agencyId: plan.owner_agency_id,
      before: track,
    });
  });
  return plan;
}

/** An initiative and its plan, if the actor may change plans' definitions. */
export async function getInitiativeToEdit(deps: Deps, ctx: Ctx, id: number) {
  authorize(planPolicy.administer(ctx.actor));
  const initiative = await repo.findInitiative(deps.db, id);
  if (!initiative) throw new NotFoundError();
  return { initiative, plan: (await repo.findPlan(deps.db, initiative.plan_id)) as repo.PlanRow };
}

/**
 * Changes an initiative's definition (the office). Its owner agency cannot change once it has reported;
 * its dates and budget, once the plan is approved, only through a change request.
 */
export async function updateInitiative(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(planPolicy.administer(ctx.actor));
  const before = await repo.findInitiative(deps.db, id);
  if (!before) throw new NotFoundError();
  const input = parseInput(initiativeInput, raw);
  const plan = await openPlan(deps, before.plan_id);
  // Under a baseline, dates and budget change only through an accepted change request.
  if (baselined(plan))
    for (const f of ['planned_start', 'planned_end', 'budget_sar'] as const)
      if (input[f] !== before[f]) fieldError(f, 'plan.validation.baselined');
  const track = await repo.findTrack(deps.db, input.track_id);
  if (!track || track.plan_id !== before.plan_id) fieldError('track_id', 'plan.validation.track_unknown');
  if (!(await findAgency(deps.db, input.owner_agency_id))) fieldError('owner_agency_id', 'validation.agency_unknown');
  const clash = await repo.findInitiativeByCode(deps.db, before.plan_id, input.code);
  if (clash && clash.id !== id) fieldError('code', 'plan.validation.code_taken');
  if (input.owner_agency_id !== before.owner_agency_id && (await repo.listReports(deps.db, [id])).length > 0)
    fieldError('owner_agency_id', 'plan.validation.owner_reported');
  const serviceIds: number[] = [];
  for (const identifier of (input.services ?? '').split(/[\s,،]+/).filter(Boolean)) {
    const service = await findServiceByIdentifier(deps.db, identifier);
    if (!service) fieldError('services', 'plan.validation.service_unknown', { identifier });
    serviceIds.push(service.id);
  }
  const partner_agency_ids = (await partnerIds(deps, input)).join(',');
  const depends_on_ids = (await dependencyIds(deps, before.plan_id, { id, code: input.code }, input.depends_on)).join(',');
  const system_ids = await systemIds(deps, input.systems);
  const { services: _services, partners: _partners, depends_on: _depends, systems: _systems, sponsor_ar, sponsor_en, ...fields } = input;
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateInitiative(trx, id, {
      ...fields,
      service_ids: [...new Set(serviceIds)].join(','),
      sponsor_ar: sponsor_ar ?? null,
      sponsor_en: sponsor_en ?? null,
      partner_agency_ids,
      depends_on_ids,
    });
    const systems = await linkInitiativeSystems(trx, id, system_ids);
    await repo.insertEvent(trx, {
      initiative_id: id,
      report_id: null,
      action: 'edited',
      comment: null,
      detail_json: null,
      actor_label: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: 'plan.initiative.update',
      recordType: 'plan_initiative',
      recordId: id,
      agencyId: after.owner_agency_id,
      before: { ...before, systems: systems.before },
      after: { ...after, systems: systems.after },
    });
    return after;
  });
}

/** Removes an initiative that has never been reported on, with its milestones, KPIs and targets. */
export async function removeInitiative(deps: Deps, ctx: Ctx, id: number) {
  authorize(planPolicy.administer(ctx.actor));
  const before = await repo.findInitiative(deps.db, id);
  if (!before) throw new NotFoundError();
  const plan = await openPlan(deps, before.plan_id);
  if ((await repo.listReports(deps.db, [id])).length > 0) throw new ConflictError('plan.error.initiative_reported');
  await deps.db.transaction().execute(async (trx) => {
    const milestones = await repo.listMilestones(trx, [id], 'all');
    const kpis = await repo.listKpis(trx, [id], 'all');
    await repo.deleteInitiative(trx, id);
    await recordAudit(trx, ctx, {
      action: 'plan.initiative.remove',
      recordType: 'plan_initiative',
      recordId: id,
      agencyId: before.owner_agency_id,
      before: { ...before, milestones, kpis },
    });
  });
  return plan;
}

/** A milestone with its initiative (and the catalog service it is tied to), if the actor keeps that initiative. */
export async function getMilestone(deps: Deps, ctx: Ctx, id: number) {
  const milestone = await repo.findMilestone(deps.db, id);
  if (!milestone) throw new NotFoundError();
  const initiative = (await repo.findInitiative(deps.db, milestone.initiative_id)) as repo.InitiativeRow;
  authorize(planPolicy.keep(ctx.actor, initiative.owner_agency_id));
  const service = milestone.auto_service_id ? await findService(deps.db, milestone.auto_service_id) : undefined;
  return { milestone, initiative, service, plan: (await repo.findPlan(deps.db, initiative.plan_id)) as repo.PlanRow };
}

/**
 * Renames a milestone or changes its weight, planned date or the catalog service whose going live
 * completes it; its forecast and actual dates come from reports (or from the catalog).
 */
export async function updateMilestone(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const { milestone, initiative } = await getMilestone(deps, ctx, id);
  const { service: identifier, ...input } = parseInput(milestoneInput, raw);
  await openPlan(deps, initiative.plan_id);
  const service = await serviceForMilestone(deps.db, identifier);
  const autoServiceId = service?.id ?? null;
  // The catalog's completion stands on its evidence: the tie of a milestone it completed stays.
  if (milestone.evidence_json && autoServiceId !== milestone.auto_service_id) fieldError('service', 'plan.validation.auto_done');
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateMilestone(trx, id, { ...input, auto_service_id: autoServiceId });
    const after = { ...milestone, ...input, auto_service_id: autoServiceId };
    await recordAudit(trx, ctx, {
      action: 'plan.milestone.update',
      recordType: 'plan_milestone',
      recordId: id,
      agencyId: initiative.owner_agency_id,
      before: milestone,
      after,
    });
    const evidence = service && liveEvidence(service);
    if (evidence) await completeFromCatalog(trx, deps, after, evidence);
  });
  return initiative;
}

/** Removes a milestone no report gives a date for. */
export async function removeMilestone(deps: Deps, ctx: Ctx, id: number) {
  const { milestone, initiative } = await getMilestone(deps, ctx, id);
  await openPlan(deps, initiative.plan_id);
  if (await milestoneReported(deps, milestone)) throw new ConflictError('plan.error.milestone_reported');
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteMilestone(trx, id);
    await recordAudit(trx, ctx, {
      action: 'plan.milestone.remove',
      recordType: 'plan_milestone',
      recordId: id,
      agencyId: initiative.owner_agency_id,
      before: milestone,
    });
  });
  return initiative;
}

/** A KPI with its initiative, if the actor keeps that initiative. */
export async function getKpi(deps: Deps, ctx: Ctx, id: number) {
  const kpi = await repo.findKpi(deps.db, id);
  if (!kpi) throw new NotFoundError();
  const initiative = (await repo.findInitiative(deps.db, kpi.initiative_id)) as repo.InitiativeRow;
  authorize(planPolicy.keep(ctx.actor, initiative.owner_agency_id));
  return { kpi, initiative, plan: (await repo.findPlan(deps.db, initiative.plan_id)) as repo.PlanRow };
}

/**
 * Changes a KPI. Once a locked (accepted) report gives it an actual, its measure — type, direction and
 * baseline — stays as it was, so locked periods keep the rating they were accepted with.
 */
export async function updateKpi(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const { kpi, initiative } = await getKpi(deps, ctx, id);
  const input = parseInput(kpiInput, raw);
  await openPlan(deps, initiative.plan_id);
  const measureChanged =
    input.kpi_type !== kpi.kpi_type ||
    input.direction !== kpi.direction ||
    input.baseline !== kpi.baseline ||
    input.baseline_date !== kpi.baseline_date;
  if (measureChanged && (await kpiReported(deps, kpi, true))) throw new ConflictError('plan.error.kpi_locked');
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateKpi(trx, id, input);
    await recordAudit(trx, ctx, {
      action: 'plan.kpi.update',
      recordType: 'plan_kpi',
      recordId: id,
      agencyId: initiative.owner_agency_id,
      before: kpi,
      after: { ...kpi, ...input },
    });
  });
  return initiative;
}

/** Removes a KPI no report gives an actual for, with its targets. */
export async function removeKpi(deps: Deps, ctx: Ctx, id: number) {
  const { kpi, initiative } = await getKpi(deps, ctx, id);
  await openPlan(deps, initiative.plan_id);
  if (await kpiReported(deps, kpi, false)) throw new ConflictError('plan.error.kpi_reported');
  await deps.db.transaction().execute(async (trx) => {
    const targets = await repo.listKpiValues(trx, [id]);
    await repo.deleteKpi(trx, id);
    await recordAudit(trx, ctx, {
      action: 'plan.kpi.remove',
      recordType: 'plan_kpi',
      recordId: id,
      agencyId: initiative.owner_agency_id,
      before: { ...kpi, targets },
    });
  });
  return initiative;
}

// Archiving: what cannot be removed (it has reports, figures or links) can be archived instead. It
// leaves the active lists, the roll-up and the public pages, keeps its history and figures, stays
// readable (the lists' "show archived") and can be restored. Audited, with an entry in the history.

const archiveStamp = (archived: boolean) => (archived ? new Date().toISOString() : null);

/** Archives (or restores) an initiative, with its milestones and KPIs kept as they are. */
export async function setInitiativeArchived(deps: Deps, ctx: Ctx, id: number, archived: boolean) {
  authorize(planPolicy.administer(ctx.actor));
  const before = await repo.findInitiative(deps.db, id);
  if (!before) throw new NotFoundError();
  await openPlan(deps, before.plan_id);
  if ((before.archived_at !== null) === archived) return before;
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateInitiative(trx, id, { archived_at: archiveStamp(archived) });
    await repo.insertEvent(trx, {
      initiative_id: id,
      report_id: null,
      action: archived ? 'archived' : 'restored',
      comment: null,
      detail_json: null,
      actor_label: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: archived ? 'plan.initiative.archive' : 'plan.initiative.restore',
      recordType: 'plan_initiative',
      recordId: id,
      agencyId: before.owner_agency_id,
      before: { archived_at: before.archived_at },
      after: { archived_at: after.archived_at },
    });
    return after;
  });
}

/** Archives (or restores) a milestone; its dates and evidence stay. */
export async function setMilestoneArchived(deps: Deps, ctx: Ctx, id: number, archived: boolean) {
  const { milestone, initiative } = await getMilestone(deps, ctx, id);
  return setPartArchived(deps, ctx, 'milestone', { id, archived_at: milestone.archived_at }, initiative, archived);
}

/** Archives (or restores) a KPI; its baseline, targets and actuals stay. */
export async function setKpiArchived(deps: Deps, ctx: Ctx, id: number, archived: boolean) {
  const { kpi, initiative } = await getKpi(deps, ctx, id);
  return setPartArchived(deps, ctx, 'kpi', { id, archived_at: kpi.archived_at }, initiative, archived);
}

/** What archiving a milestone and a KPI share: the stamp, the initiative's history and the audit, in one transaction. */
async function setPartArchived(
  deps: Deps,
  ctx: Ctx,
  kind: 'milestone' | 'kpi',
  part: { id: number; archived_at: string | null },
  initiative: repo.InitiativeRow,
  archived: boolean,
) {
  await openPlan(deps, initiative.plan_id);
  if ((part.archived_at !== null) === archived) return initiative;
  await deps.db.transaction().execute(async (trx) => {
    const at = archiveStamp(archived);
    if (kind === 'milestone') await repo.updateMilestone(trx, part.id, { archived_at: at });
    else await repo.updateKpi(trx, part.id, { archived_at: at });
    await repo.insertEvent(trx, {
      initiative_id: initiative.id,
      report_id: null,
      action: `${kind}.${archived ? 'archived' : 'restored'}`,
      comment: null,
      detail_json: JSON.stringify({ [`${kind}_id`]: part.id }),
      actor_label: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: `plan.${kind}.${archived ? 'archive' : 'restore'}`,
      recordType: `plan_${kind}`,
      recordId: part.id,
      agencyId: initiative.owner_agency_id,
      before: { archived_at: part.archived_at },
      after: { archived_at: at },
    });
  });
  return initiative;
}
