import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type {
  ChangeStatus,
  PlanBaselinesTable,
  PlanChangeRequestsTable,
  PlanCorrectionsTable,
  PlanEventsTable,
  PlanInitiativesTable,
  PlanKpisTable,
  PlanKpiValuesTable,
  PlanMilestonesTable,
  PlanPeriodsTable,
  PlanPlansTable,
  PlanReportsTable,
  PlanTracksTable,
  ReportStatus,
} from './plan.tables.ts';

// Queries on the plan module's tables only; every function takes the executor.

export type PlanRow = Selectable<PlanPlansTable>;
export type TrackRow = Selectable<PlanTracksTable>;
export type InitiativeRow = Selectable<PlanInitiativesTable>;
export type MilestoneRow = Selectable<PlanMilestonesTable>;
export type KpiRow = Selectable<PlanKpisTable>;
export type KpiValueRow = Selectable<PlanKpiValuesTable>;
export type PeriodRow = Selectable<PlanPeriodsTable>;
export type ReportRow = Selectable<PlanReportsTable>;
export type EventRow = Selectable<PlanEventsTable>;
export type CorrectionRow = Selectable<PlanCorrectionsTable>;
export type BaselineRow = Selectable<PlanBaselinesTable>;
export type ChangeRow = Selectable<PlanChangeRequestsTable>;

export const listPlans = (db: Executor) => db.selectFrom('plan_plans').selectAll().orderBy('period_from', 'desc').orderBy('id').execute();
export const findPlan = (db: Executor, id: number) => db.selectFrom('plan_plans').selectAll().where('id', '=', id).executeTakeFirst();
export const findPlanByCode = (db: Executor, code: string) =>
  db.selectFrom('plan_plans').selectAll().where('code', '=', code).executeTakeFirst();

export async function insertPlan(db: Executor, row: Omit<Insertable<PlanPlansTable>, 'created_at' | 'updated_at'>): Promise<PlanRow> {
  const now = nowIso();
  return db
    .insertInto('plan_plans')
    .values({ ...row, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updatePlan(db: Executor, id: number, patch: Updateable<PlanPlansTable>): Promise<PlanRow> {
  return db
    .updateTable('plan_plans')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const listTracks = (db: Executor, planId: number) =>
  db.selectFrom('plan_tracks').selectAll().where('plan_id', '=', planId).orderBy('position').orderBy('id').execute();
export const findTrack = (db: Executor, id: number) => db.selectFrom('plan_tracks').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertTrack(db: Executor, row: Omit<Insertable<PlanTracksTable>, 'position'>): Promise<TrackRow> {
  const last = await db
    .selectFrom('plan_tracks')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('plan_id', '=', row.plan_id)
    .executeTakeFirst();
  return db
    .insertInto('plan_tracks')
    .values({ ...row, position: Number(last?.p ?? 0) + 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const listPeriods = (db: Executor, planId: number) =>
  db.selectFrom('plan_periods').selectAll().where('plan_id', '=', planId).orderBy('starts_on').orderBy('id').execute();
export const findPeriod = (db: Executor, id: number) => db.selectFrom('plan_periods').selectAll().where('id', '=', id).executeTakeFirst();
export const insertPeriod = (db: Executor, row: Insertable<PlanPeriodsTable>) =>
  db.insertInto('plan_periods').values(row).returningAll().executeTakeFirstOrThrow();

/** Which records a list returns: the active ones (the default), the archived ones only, or all. */
export type Archived = 'active' | 'archived' | 'all';

/** A plan's initiatives in track order; with `agencyIds`, only those agencies' own; active ones unless `archived` says. */
export async function listInitiatives(
  db: Executor,
  planId: number,
  agencyIds?: number[],
  archived: Archived = 'active',
): Promise<InitiativeRow[]> {
  let q = db.selectFrom('plan_initiatives').selectAll().where('plan_id', '=', planId);
  if (agencyIds) q = q.where('owner_agency_id', 'in', agencyIds.length ? agencyIds : [-1]);
  if (archived !== 'all') q = q.where('archived_at', archived === 'active' ? 'is' : 'is not', null);
  return q.orderBy('track_id').orderBy('code').execute();
}
export const findInitiative = (db: Executor, id: number) =>
  db.selectFrom('plan_initiatives').selectAll().where('id', '=', id).executeTakeFirst();
export const findInitiativeByCode = (db: Executor, planId: number, code: string) =>
  db.selectFrom('plan_initiatives').selectAll().where('plan_id', '=', planId).where('code', '=', code).executeTakeFirst();

export async function insertInitiative(
  db: Executor,
  row: Omit<Insertable<PlanInitiativesTable>, 'created_at' | 'updated_at'>,
): Promise<InitiativeRow> {
  const now = nowIso();
  return db
    .insertInto('plan_initiatives')
    .values({ ...row, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateInitiative(db: Executor, id: number, patch: Updateable<PlanInitiativesTable>): Promise<InitiativeRow> {
  return db
    .updateTable('plan_initiatives')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Milestones of some initiatives, in their order; active ones unless `archived` says. */
export const listMilestones = (db: Executor, initiativeIds: number[], archived: Archived = 'active') =>
  db
    .selectFrom('plan_milestones')
    .selectAll()
    .where('initiative_id', 'in', initiativeIds.length ? initiativeIds : [-1])
    .$if(archived !== 'all', (q) => q.where('archived_at', archived === 'active' ? 'is' : 'is not', null))
    .orderBy('initiative_id')
    .orderBy('position')
    .orderBy('id')
    .execute();

/** Milestones tied to a catalog service and not yet done, in id order. */
export const listOpenMilestonesTiedTo = (db: Executor, serviceId: number) =>
  db
    .selectFrom('plan_milestones')
    .selectAll()
    .where('auto_service_id', '=', serviceId)
    .where('actual_date', 'is', null)
    .where('archived_at', 'is', null)
    .orderBy('id')
    .execute();

export async function insertMilestone(db: Executor, row: Omit<Insertable<PlanMilestonesTable>, 'position'>): Promise<MilestoneRow> {
  const last = await db
    .selectFrom('plan_milestones')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('initiative_id', '=', row.initiative_id)
    .executeTakeFirst();
  return db
    .insertInto('plan_milestones')
    .values({ ...row, position: Number(last?.p ?? 0) + 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const updateMilestone = (db: Executor, id: number, patch: Updateable<PlanMilestonesTable>) =>
  db.updateTable('plan_milestones').set(patch).where('id', '=', id).execute();

/** KPIs of some initiatives; active ones unless `archived` says. */
export const listKpis = (db: Executor, initiativeIds: number[], archived: Archived = 'active') =>
  db
    .selectFrom('plan_kpis')
    .selectAll()
    .where('initiative_id', 'in', initiativeIds.length ? initiativeIds : [-1])
    .$if(archived !== 'all', (q) => q.where('archived_at', archived === 'active' ? 'is' : 'is not', null))
    .orderBy('initiative_id')
    .orderBy('id')
    .execute();
export const findKpi = (db: Executor, id: number) => db.selectFrom('plan_kpis').selectAll().where('id', '=', id).executeTakeFirst();
export const insertKpi = (db: Executor, row: Insertable<PlanKpisTable>) =>
  db.insertInto('plan_kpis').values(row).returningAll().executeTakeFirstOrThrow();

export const listKpiValues = (db: Executor, kpiIds: number[]) =>
  db
    .selectFrom('plan_kpi_values')
    .selectAll()
    .where('kpi_id', 'in', kpiIds.length ? kpiIds : [-1])
    .orderBy('kpi_id')
    .orderBy('period_id')
    .execute();

/** Sets one field (target or actual) of a KPI in a period, creating the row when absent. */
export async function setKpiValue(db: Executor, kpiId: number, periodId: number, field: 'target' | 'actual', value: number | null) {
  const found = await db
    .selectFrom('plan_kpi_values')
    .select('id')
    .where('kpi_id', '=', kpiId)
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  if (found)
    await db
      .updateTable('plan_kpi_values')
      .set({ [field]: value })
      .where('id', '=', found.id)
      .execute();
  else
    await db
      .insertInto('plan_kpi_values')
      .values({ kpi_id: kpiId, period_id: periodId, target: field === 'target' ? value : null, actual: field === 'actual' ? value : null })
      .execute();
}

export const findReport = (db: Executor, id: number) => db.selectFrom('plan_reports').selectAll().where('id', '=', id).executeTakeFirst();
export const findReportFor = (db: Executor, initiativeId: number, periodId: number) =>
  db.selectFrom('plan_reports').selectAll().where('initiative_id', '=', initiativeId).where('period_id', '=', periodId).executeTakeFirst();
export const listReports = (db: Executor, initiativeIds: number[]) =>
  db
    .selectFrom('plan_reports')
    .selectAll()
    .where('initiative_id', 'in', initiativeIds.length ? initiativeIds : [-1])
    .orderBy('period_id')
    .execute();

export async function insertReport(
  db: Executor,
  row: Pick<Insertable<PlanReportsTable>, 'initiative_id' | 'period_id' | 'agency_id' | 'figures_json' | 'narrative'>,
): Promise<ReportRow> {
  const now = nowIso();
  return db
    .insertInto('plan_reports')
    .values({ ...row, status: 'draft', version: 1, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Changes a report only if it is still in one of `from` and at `version` (optimistic): undefined when
 * another request moved or changed it first.
 */
export async function moveReport(
  db: Executor,
  id: number,
  from: readonly ReportStatus[],
  version: number,
  patch: Updateable<PlanReportsTable>,
): Promise<ReportRow | undefined> {
  return db
    .updateTable('plan_reports')
    .set({ ...patch, version: version + 1, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export const insertEvent = (db: Executor, row: Omit<Insertable<PlanEventsTable>, 'at'>) =>
  db
    .insertInto('plan_events')
    .values({ ...row, at: nowIso() })
    .execute();
export const listEvents = (db: Executor, initiativeId: number) =>
  db.selectFrom('plan_events').selectAll().where('initiative_id', '=', initiativeId).orderBy('id', 'desc').execute();

export const insertCorrection = (db: Executor, row: Omit<Insertable<PlanCorrectionsTable>, 'proposed_at' | 'status'>) =>
  db
    .insertInto('plan_corrections')
    .values({ ...row, status: 'proposed', proposed_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
export const findCorrection = (db: Executor, id: number) =>
  db.selectFrom('plan_corrections').selectAll().where('id', '=', id).executeTakeFirst();
export const listCorrections = (db: Executor, reportIds: number[]) =>
  db
    .selectFrom('plan_corrections')
    .selectAll()
    .where('report_id', 'in', reportIds.length ? reportIds : [-1])
    .orderBy('id')
    .execute();

/** Decides a proposed correction; false when someone decided it first. */
export async function decideCorrection(
  db: Executor,
  id: number,
  patch: Pick<Updateable<PlanCorrectionsTable>, 'status' | 'reviewed_by' | 'review_comment'>,
): Promise<boolean> {
  const r = await db
    .updateTable('plan_corrections')
    .set({ ...patch, reviewed_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// Editing and removing structure (edit.service.ts checks what may go before these run).

export const updateTrack = (db: Executor, id: number, patch: Updateable<PlanTracksTable>) =>
  db.updateTable('plan_tracks').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
export const deleteTrack = (db: Executor, id: number) => db.deleteFrom('plan_tracks').where('id', '=', id).execute();

export const findMilestone = (db: Executor, id: number) =>
  db.selectFrom('plan_milestones').selectAll().where('id', '=', id).executeTakeFirst();
export const deleteMilestone = (db: Executor, id: number) => db.deleteFrom('plan_milestones').where('id', '=', id).execute();

export const updateKpi = (db: Executor, id: number, patch: Updateable<PlanKpisTable>) =>
  db.updateTable('plan_kpis').set(patch).where('id', '=', id).execute();
export async function deleteKpi(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('plan_kpi_values').where('kpi_id', '=', id).execute();
  await db.deleteFrom('plan_kpis').where('id', '=', id).execute();
}

/** Deletes an initiative that has no reports, with its milestones, KPIs, targets and history. */
export async function deleteInitiative(db: Executor, id: number): Promise<void> {
  const kpiIds = (await db.selectFrom('plan_kpis').select('id').where('initiative_id', '=', id).execute()).map((k) => k.id);
  if (kpiIds.length) await db.deleteFrom('plan_kpi_values').where('kpi_id', 'in', kpiIds).execute();
  await db.deleteFrom('plan_kpis').where('initiative_id', '=', id).execute();
  await db.deleteFrom('plan_milestones').where('initiative_id', '=', id).execute();
  await db.deleteFrom('plan_events').where('initiative_id', '=', id).execute();
  await db.deleteFrom('plan_system_initiatives').where('initiative_id', '=', id).execute();
  await db.deleteFrom('plan_initiatives').where('id', '=', id).execute();
}

// Baselines and change requests.

export const listBaselines = (db: Executor, planId: number) =>
  db.selectFrom('plan_baselines').selectAll().where('plan_id', '=', planId).orderBy('number').execute();

export async function insertBaseline(
  db: Executor,
  row: Pick<Insertable<PlanBaselinesTable>, 'plan_id' | 'reason' | 'change_request_id' | 'snapshot_json' | 'taken_by'>,
): Promise<BaselineRow> {
  const last = await db
    .selectFrom('plan_baselines')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('plan_id', '=', row.plan_id)
    .executeTakeFirst();
  return db
    .insertInto('plan_baselines')
    .values({ ...row, number: Number(last?.n ?? 0) + 1, taken_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findChange = (db: Executor, id: number) =>
  db.selectFrom('plan_change_requests').selectAll().where('id', '=', id).executeTakeFirst();
export const listChanges = (db: Executor, where: { planId?: number; initiativeId?: number }) => {
  let q = db.selectFrom('plan_change_requests').selectAll();
  if (where.planId !== undefined) q = q.where('plan_id', '=', where.planId);
  if (where.initiativeId !== undefined) q = q.where('initiative_id', '=', where.initiativeId);
  return q.orderBy('id').execute();
};
export const insertChange = (db: Executor, row: Omit<Insertable<PlanChangeRequestsTable>, 'proposed_at' | 'status'>) =>
  db
    .insertInto('plan_change_requests')
    .values({ ...row, status: 'proposed', proposed_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();

/** Decides a proposed change request; false when someone decided it first. */
export async function decideChange(
  db: Executor,
  id: number,
  patch: { status: Exclude<ChangeStatus, 'proposed'>; reviewed_by: string; review_comment: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('plan_change_requests')
    .set({ ...patch, reviewed_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export const setChangeBaseline = (db: Executor, id: number, baselineId: number) =>
  db.updateTable('plan_change_requests').set({ baseline_id: baselineId }).where('id', '=', id).execute();
