import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { PlanRisksTable } from './plan.tables.ts';

// Queries on the risks and issues register.

export type RiskRow = Selectable<PlanRisksTable>;

export const insertRisk = (db: Executor, row: Omit<Insertable<PlanRisksTable>, 'created_at' | 'updated_at' | 'previous_score'>) => {
  const at = nowIso();
  return db
    .insertInto('plan_risks')
    .values({ ...row, previous_score: null, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
};

export const updateRisk = (db: Executor, id: number, row: Omit<Updateable<PlanRisksTable>, 'updated_at'>) =>
  db
    .updateTable('plan_risks')
    .set({ ...row, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const findRisk = (db: Executor, id: number) => db.selectFrom('plan_risks').selectAll().where('id', '=', id).executeTakeFirst();

/** Entries of the given initiatives: the highest score first, then the oldest. */
export const listRisks = (db: Executor, initiativeIds: readonly number[]) =>
  initiativeIds.length === 0
    ? Promise.resolve([] as RiskRow[])
    : db
        .selectFrom('plan_risks')
        .selectAll()
        .where('initiative_id', 'in', initiativeIds)
        .orderBy((eb) => eb('likelihood', '*', eb.ref('impact')), 'desc')
        .orderBy('id')
        .execute();
