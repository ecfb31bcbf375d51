import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../../db.ts';
import type { MeasureResultsTable } from '../measure.tables.ts';

export type ResultRow = Selectable<MeasureResultsTable>;

/** Writes a round's frozen results, in batches (a national round has hundreds of agencies). */
export async function insertResults(db: Executor, rows: Insertable<MeasureResultsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('measure_results')
      .values(rows.slice(i, i + 100))
      .execute();
}

export async function listResults(db: Executor, roundId: number): Promise<ResultRow[]> {
  return db.selectFrom('measure_results').selectAll().where('round_id', '=', roundId).orderBy('id').execute();
}

export async function deleteResults(db: Executor, roundId: number): Promise<void> {
  await db.deleteFrom('measure_results').where('round_id', '=', roundId).execute();
}
