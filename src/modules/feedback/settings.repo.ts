import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { FeedbackHolidaysTable, FeedbackSlaPoliciesTable, FeedbackTemplatesTable } from './feedback.tables.ts';

export type PolicyRow = Selectable<FeedbackSlaPoliciesTable>;
export type HolidayRow = Selectable<FeedbackHolidaysTable>;
export type TemplateRow = Selectable<FeedbackTemplatesTable>;

export async function getSetting(db: Executor, key: string): Promise<string | undefined> {
  return (await db.selectFrom('feedback_settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function putSetting(db: Executor, key: string, value: string): Promise<void> {
  await db
    .insertInto('feedback_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function listHolidays(db: Executor): Promise<HolidayRow[]> {
  return db.selectFrom('feedback_holidays').selectAll().orderBy('dates').orderBy('id').execute();
}

export async function insertHoliday(db: Executor, v: Insertable<FeedbackHolidaysTable>): Promise<HolidayRow> {
  return db.insertInto('feedback_holidays').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function deleteHoliday(db: Executor, id: number): Promise<HolidayRow | undefined> {
  const row = await db.selectFrom('feedback_holidays').selectAll().where('id', '=', id).executeTakeFirst();
  if (row) await db.deleteFrom('feedback_holidays').where('id', '=', id).execute();
  return row;
}

/** Policies of some agencies plus the program defaults (agency_id null). */
export async function listPolicies(db: Executor, agencyIds?: number[]): Promise<PolicyRow[]> {
  let q = db.selectFrom('feedback_sla_policies').selectAll();
  if (agencyIds) q = q.where((eb) => eb.or([eb('agency_id', 'is', null), eb('agency_id', 'in', agencyIds.length ? agencyIds : [-1])]));
  return q.orderBy('agency_id').orderBy('category').execute();
}

export async function findPolicy(db: Executor, id: number): Promise<PolicyRow | undefined> {
  return db.selectFrom('feedback_sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function upsertPolicy(db: Executor, v: Omit<Insertable<FeedbackSlaPoliciesTable>, 'updated_at'>): Promise<PolicyRow> {
  const now = nowIso();
  return db
    .insertInto('feedback_sla_policies')
    .values({ ...v, updated_at: now })
    .onConflict((oc) =>
      oc.column('scope_key').doUpdateSet({
        first_response_minutes: v.first_response_minutes,
        resolution_minutes: v.resolution_minutes,
        warn_permille: v.warn_permille ?? null,
        updated_at: now,
        updated_by: v.updated_by,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deletePolicy(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('feedback_sla_policies').where('id', '=', id).execute();
}

export async function listTemplates(db: Executor, agencyIds?: number[]): Promise<TemplateRow[]> {
  let q = db.selectFrom('feedback_templates').selectAll();
  if (agencyIds) q = q.where((eb) => eb.or([eb('agency_id', 'is', null), eb('agency_id', 'in', agencyIds.length ? agencyIds : [-1])]));
  return q.orderBy('agency_id').orderBy('title_en').execute();
}

export async function findTemplate(db: Executor, id: number): Promise<TemplateRow | undefined> {
  return db.selectFrom('feedback_templates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTemplate(db: Executor, v: Omit<Insertable<FeedbackTemplatesTable>, 'created_at' | 'updated_at'>) {
  const now = nowIso();
  return db
    .insertInto('feedback_templates')
    .values({ ...v, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateTemplate(db: Executor, id: number, v: Partial<Omit<TemplateRow, 'id' | 'created_at'>>) {
  return db
    .updateTable('feedback_templates')
    .set({ ...v, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteTemplate(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('feedback_templates').where('id', '=', id).execute();
}

export async function agencySettings(db: Executor, agencyId: number) {
  return db.selectFrom('feedback_agency_settings').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
}

export async function putAgencySettings(db: Executor, agencyId: number, showCxSummary: boolean): Promise<void> {
  const v = { agency_id: agencyId, show_cx_summary: showCxSummary ? 1 : 0, updated_at: nowIso() };
  await db
    .insertInto('feedback_agency_settings')
    .values(v)
    .onConflict((oc) => oc.column('agency_id').doUpdateSet({ show_cx_summary: v.show_cx_summary, updated_at: v.updated_at }))
    .execute();
}

/**
 * What a public service page needs of feedback's settings, in one statement (it was three, each
 * compiled by Kysely and run on every cold page): the latest question set (null before the first is
 * written), whether the program office requires the CX summary, and the agency's own choice.
 */
export async function servicePageSettings(db: Executor, agencyId: number, requireKey: string) {
  return db
    .selectNoFrom((eb) => [
      eb.selectFrom('feedback_question_sets').select('questions_json').orderBy('version', 'desc').limit(1).as('questions_json'),
      eb.selectFrom('feedback_settings').select('value').where('key', '=', requireKey).as('required'),
      eb.selectFrom('feedback_agency_settings').select('show_cx_summary').where('agency_id', '=', agencyId).as('show'),
    ])
    .executeTakeFirstOrThrow();
}
