import type { Selectable } from 'kysely';
import type { Executor } from '../../../db.ts';
import { nowIso } from '../../../platform/db/time.ts';
import type { FrameworkStatus, MeasureFrameworksTable } from '../measure.tables.ts';

export type FrameworkRow = Selectable<MeasureFrameworksTable>;

/** Every framework version, newest first within each key. */
export async function listFrameworks(db: Executor): Promise<FrameworkRow[]> {
  return db.selectFrom('measure_frameworks').selectAll().orderBy('key').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function findFramework(db: Executor, id: number): Promise<FrameworkRow | undefined> {
  return db.selectFrom('measure_frameworks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findFrameworkVersion(db: Executor, key: string, version: string): Promise<FrameworkRow | undefined> {
  return db.selectFrom('measure_frameworks').selectAll().where('key', '=', key).where('version', '=', version).executeTakeFirst();
}

export async function insertFramework(
  db: Executor,
  f: { key: string; version: string; name_ar: string; name_en: string; definition_json: string; created_by: string | null },
): Promise<FrameworkRow> {
  const now = nowIso();
  return db
    .insertInto('measure_frameworks')
    .values({ ...f, status: 'draft', created_at: now, updated_at: now, published_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces a draft's definition; returns undefined when the framework is no longer a draft. */
export async function updateDraft(
  db: Executor,
  id: number,
  f: { key: string; version: string; name_ar: string; name_en: string; definition_json: string },
): Promise<FrameworkRow | undefined> {
  return db
    .updateTable('measure_frameworks')
    .set({ ...f, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirst();
}

export async function setFrameworkStatus(db: Executor, id: number, status: FrameworkStatus): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('measure_frameworks')
    .set({ status, updated_at: now, ...(status === 'published' ? { published_at: now } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function deleteDraft(db: Executor, id: number): Promise<boolean> {
  const r = await db.deleteFrom('measure_frameworks').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function roundsUsing(db: Executor, frameworkId: number): Promise<number> {
  const r = await db
    .selectFrom('measure_rounds')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('framework_id', '=', frameworkId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
