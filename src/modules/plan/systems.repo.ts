import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { PlanSystemsTable } from './plan.tables.ts';

// Queries on the shared national systems, the initiatives that build on or deliver them and the
// catalog services (by identifier) that reuse them.

export type SystemRow = Selectable<PlanSystemsTable>;

/** Systems by code: the active ones, or all (`withArchived`). */
export const listSystems = (db: Executor, withArchived = false) =>
  db
    .selectFrom('plan_systems')
    .selectAll()
    .$if(!withArchived, (q) => q.where('archived_at', 'is', null))
    .orderBy('code')
    .execute();

export const findSystem = (db: Executor, id: number) => db.selectFrom('plan_systems').selectAll().where('id', '=', id).executeTakeFirst();

export const findSystemByCode = (db: Executor, code: string) =>
  db.selectFrom('plan_systems').selectAll().where('code', '=', code).executeTakeFirst();

export const insertSystem = (db: Executor, row: Omit<Insertable<PlanSystemsTable>, 'created_at' | 'updated_at'>) => {
  const at = nowIso();
  return db
    .insertInto('plan_systems')
    .values({ ...row, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
};

export const updateSystem = (db: Executor, id: number, row: Omit<Updateable<PlanSystemsTable>, 'updated_at'>) =>
  db
    .updateTable('plan_systems')
    .set({ ...row, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** Every initiative link, with the initiative's code, names, owner agency and plan. */
export const listInitiativeLinks = (db: Executor, systemId?: number) => {
  let q = db
    .selectFrom('plan_system_initiatives as l')
    .innerJoin('plan_initiatives as i', 'i.id', 'l.initiative_id')
    .innerJoin('plan_plans as p', 'p.id', 'i.plan_id')
    .select([
      'l.system_id',
      'i.id',
      'i.code',
      'i.name_ar',
      'i.name_en',
      'i.owner_agency_id',
      'i.plan_id',
      'p.owner_agency_id as plan_agency_id',
      'p.code as plan_code',
    ]);
  if (systemId !== undefined) q = q.where('l.system_id', '=', systemId);
  return q.orderBy('p.code').orderBy('i.code').execute();
};

/** The systems an initiative builds on or delivers, by code. */
export const systemsOfInitiative = (db: Executor, initiativeId: number) =>
  db
    .selectFrom('plan_system_initiatives as l')
    .innerJoin('plan_systems as s', 's.id', 'l.system_id')
    .select(['s.id', 's.code', 's.name_ar', 's.name_en', 's.archived_at'])
    .where('l.initiative_id', '=', initiativeId)
    .orderBy('s.code')
    .execute();

export async function setInitiativeSystems(db: Executor, initiativeId: number, systemIds: number[]) {
  await db.deleteFrom('plan_system_initiatives').where('initiative_id', '=', initiativeId).execute();
  if (systemIds.length)
    await db
      .insertInto('plan_system_initiatives')
      .values(systemIds.map((system_id) => ({ system_id, initiative_id: initiativeId })))
      .execute();
}

/** Service links (all, or one system's), by identifier. */
export const listServiceLinks = (db: Executor, systemId?: number) => {
  let q = db.selectFrom('plan_system_services').selectAll();
  if (systemId !== undefined) q = q.where('system_id', '=', systemId);
  return q.orderBy('system_id').orderBy('service_identifier').execute();
};

export const findServiceLink = (db: Executor, systemId: number, identifier: string) =>
  db
    .selectFrom('plan_system_services')
    .selectAll()
    .where('system_id', '=', systemId)
    .where('service_identifier', '=', identifier)
    .executeTakeFirst();

export const insertServiceLink = (db: Executor, systemId: number, identifier: string, by: string) =>
  db
    .insertInto('plan_system_services')
    .values({ system_id: systemId, service_identifier: identifier, created_by: by, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();

export const deleteServiceLink = (db: Executor, systemId: number, identifier: string) =>
  db.deleteFrom('plan_system_services').where('system_id', '=', systemId).where('service_identifier', '=', identifier).execute();
