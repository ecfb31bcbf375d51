import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { KpiFiguresTable, KpiFigureVersionsTable, KpiUploadsTable } from './kpi.tables.ts';

// Queries on the kpi module's tables only; every function takes the executor.

export type FigureRow = Selectable<KpiFiguresTable>;
export type VersionRow = Selectable<KpiFigureVersionsTable>;
export type UploadRow = Selectable<KpiUploadsTable>;
export type FigureValues = Omit<Insertable<KpiFiguresTable>, 'id' | 'created_at' | 'updated_at'>;

export async function findFigure(db: Executor, serviceId: number, month: string): Promise<FigureRow | undefined> {
  return db.selectFrom('kpi_figures').selectAll().where('service_id', '=', serviceId).where('month', '=', month).executeTakeFirst();
}

/** Figures in [from, to] (months, inclusive), of one service, one agency or all, oldest first. */
export async function listFigures(
  db: Executor,
  f: { serviceId?: number; agencyId?: number; serviceIds?: number[]; from: string; to: string },
): Promise<FigureRow[]> {
  let q = db.selectFrom('kpi_figures').selectAll().where('month', '>=', f.from).where('month', '<=', f.to);
  if (f.serviceId !== undefined) q = q.where('service_id', '=', f.serviceId);
  if (f.agencyId !== undefined) q = q.where('agency_id', '=', f.agencyId);
  if (f.serviceIds !== undefined) q = q.where('service_id', 'in', f.serviceIds.length ? f.serviceIds : [-1]);
  return q.orderBy('month').orderBy('service_id').execute();
}

export async function insertFigure(db: Executor, values: FigureValues): Promise<FigureRow> {
  const now = nowIso();
  return db
    .insertInto('kpi_figures')
    .values({ ...values, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces a month's figures if it is still at `version` (a concurrent correction makes this return undefined). */
export async function updateFigure(db: Executor, id: number, version: number, values: FigureValues): Promise<FigureRow | undefined> {
  return db
    .updateTable('kpi_figures')
    .set({ ...values, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function insertVersion(db: Executor, values: Omit<Insertable<KpiFigureVersionsTable>, 'id' | 'created_at'>): Promise<void> {
  await db
    .insertInto('kpi_figure_versions')
    .values({ ...values, created_at: nowIso() })
    .execute();
}

/** A month's versions, newest first. */
export async function listVersions(db: Executor, figureId: number): Promise<VersionRow[]> {
  return db.selectFrom('kpi_figure_versions').selectAll().where('figure_id', '=', figureId).orderBy('version', 'desc').execute();
}

export async function insertUpload(db: Executor, values: Omit<Insertable<KpiUploadsTable>, 'id' | 'created_at'>): Promise<UploadRow> {
  return db
    .insertInto('kpi_uploads')
    .values({ ...values, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findUpload(db: Executor, id: number): Promise<UploadRow | undefined> {
  return db.selectFrom('kpi_uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks an upload committed; false when it already was (a second commit of the same preview). */
export async function markCommitted(db: Executor, id: number): Promise<boolean> {
  const r = await db
    .updateTable('kpi_uploads')
    .set({ committed_at: nowIso() })
    .where('id', '=', id)
    .where('committed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The latest month a service has figures for, if any. */
export async function lastMonthOf(db: Executor, serviceId: number): Promise<string | undefined> {
  const r = await db
    .selectFrom('kpi_figures')
    .select((eb) => eb.fn.max('month').as('month'))
    .where('service_id', '=', serviceId)
    .executeTakeFirst();
  return (r?.month as string | null) ?? undefined;
}

/**
 * The services (ids) with the most transactions (every channel) over the last `months` months that
 * have figures, most first; ties by id so the list is stable.
 */
export async function mostUsedServices(db: Executor, months: number, limit: number): Promise<number[]> {
  const last = await db
    .selectFrom('kpi_figures')
    .select((eb) => eb.fn.max('month').as('month'))
    .executeTakeFirst();
  if (!last?.month) return [];
  const [y, m] = String(last.month).split('-').map(Number);
  const from = new Date(Date.UTC(y as number, (m as number) - months, 1)).toISOString().slice(0, 7);
  const rows = await db
    .selectFrom('kpi_figures')
    .select((eb) => ['service_id', eb.fn.sum<number>(sql<number>`web + app + kiosk + call_centre + service_centre`).as('n')])
    .where('month', '>', from)
    .groupBy('service_id')
    .orderBy('n', 'desc')
    .orderBy('service_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.service_id);
}
