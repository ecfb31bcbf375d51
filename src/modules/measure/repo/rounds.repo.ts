import type { Selectable } from 'kysely';
import type { Executor } from '../../../db.ts';
import { nowIso } from '../../../platform/db/time.ts';
import type { MeasureParticipantsTable, MeasureRoundsTable, ParticipantStatus, RoundStatus } from '../measure.tables.ts';

export type RoundRow = Selectable<MeasureRoundsTable>;
export type ParticipantRow = Selectable<MeasureParticipantsTable>;

export interface RoundFields {
  code: string;
  framework_id: number;
  name_ar: string;
  name_en: string;
  period_from: string;
  period_to: string;
  opens_at: string;
  closes_at: string;
  reminder_days: string;
}

/** Rounds, newest close first; with `agencyIds`, only rounds those agencies take part in. */
export async function listRounds(db: Executor, f: { agencyIds?: number[]; statuses?: RoundStatus[] } = {}): Promise<RoundRow[]> {
  let q = db.selectFrom('measure_rounds').selectAll();
  if (f.statuses) q = q.where('status', 'in', f.statuses.length ? f.statuses : ['-' as RoundStatus]);
  if (f.agencyIds) {
    const ids = f.agencyIds.length ? f.agencyIds : [-1];
    q = q.where('id', 'in', (eb) => eb.selectFrom('measure_participants').select('round_id').where('agency_id', 'in', ids));
  }
  return q.orderBy('closes_at', 'desc').orderBy('id', 'desc').execute();
}

export async function findRound(db: Executor, id: number): Promise<RoundRow | undefined> {
  return db.selectFrom('measure_rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRoundByCode(db: Executor, code: string): Promise<RoundRow | undefined> {
  return db.selectFrom('measure_rounds').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertRound(db: Executor, f: RoundFields): Promise<RoundRow> {
  const now = nowIso();
  return db
    .insertInto('measure_rounds')
    .values({ ...f, status: 'draft', created_at: now, updated_at: now, opened_at: null, finalised_at: null, published_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateRound(db: Executor, id: number, patch: Partial<RoundFields>): Promise<RoundRow> {
  return db
    .updateTable('measure_rounds')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Moves a round from one status to the next; false when another request moved it first. */
export async function moveRound(db: Executor, id: number, from: RoundStatus, to: RoundStatus): Promise<boolean> {
  const now = nowIso();
  const stamp =
    to === 'open' ? { opened_at: now } : to === 'finalised' ? { finalised_at: now } : to === 'published' ? { published_at: now } : {};
  const r = await db
    .updateTable('measure_rounds')
    .set({ status: to, updated_at: now, ...stamp })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The latest round before `closesAt` in one of the statuses, among rounds of frameworks with this key. */
export async function previousRound(db: Executor, frameworkKey: string, closesAt: string, statuses: RoundStatus[]) {
  return db
    .selectFrom('measure_rounds')
    .innerJoin('measure_frameworks', 'measure_frameworks.id', 'measure_rounds.framework_id')
    .selectAll('measure_rounds')
    .where('measure_frameworks.key', '=', frameworkKey)
    .where('measure_rounds.closes_at', '<', closesAt)
    .where('measure_rounds.status', 'in', statuses)
    .orderBy('measure_rounds.closes_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listParticipants(db: Executor, roundId: number): Promise<ParticipantRow[]> {
  return db.selectFrom('measure_participants').selectAll().where('round_id', '=', roundId).orderBy('agency_id').execute();
}

export async function findParticipant(db: Executor, roundId: number, agencyId: number): Promise<ParticipantRow | undefined> {
  return db
    .selectFrom('measure_participants')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
}

/** Sets the participating agencies of a round (only while it is a draft). */
export async function replaceParticipants(db: Executor, roundId: number, agencyIds: number[]): Promise<void> {
  await db.deleteFrom('measure_participants').where('round_id', '=', roundId).execute();
  const now = nowIso();
  for (let i = 0; i < agencyIds.length; i += 200) {
    await db
      .insertInto('measure_participants')
      .values(
        agencyIds.slice(i, i + 200).map((agency_id) => ({
          round_id: roundId,
          agency_id,
          status: 'in_progress' as const,
          signed_off_by: null,
          signed_off_at: null,
          submitted_at: null,
          submissions: 0,
          updated_at: now,
        })),
      )
      .execute();
  }
}

/** Moves a participant between statuses; false when it was not in one of `from`. */
export async function moveParticipant(
  db: Executor,
  id: number,
  from: ParticipantStatus[],
  to: ParticipantStatus,
  extra: Partial<Pick<ParticipantRow, 'signed_off_by' | 'signed_off_at' | 'submitted_at'>> & { countSubmission?: boolean } = {},
): Promise<boolean> {
  const { countSubmission, ...stamps } = extra;
  const r = await db
    .updateTable('measure_participants')
    .set((eb) => ({
      status: to,
      updated_at: nowIso(),
      ...stamps,
      ...(countSubmission ? { submissions: eb('submissions', '+', 1) } : {}),
    }))
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Answer counts per agency and status, for a round's progress table. */
export async function answerCounts(db: Executor, roundId: number) {
  const rows = await db
    .selectFrom('measure_answers')
    .select([
      'agency_id',
      'status',
      (eb) => eb.fn.countAll<number>().as('n'),
      // Answered as the agency's sheet counts it: a value or "not applicable" (a row may exist for
      // evidence attached first, or an automatic reading that found nothing).
      (eb) =>
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.or([eb('value_json', 'is not', null), eb('na', '=', 1)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('answered'),
    ])
    .where('round_id', '=', roundId)
    .where((eb) => eb.or([eb('value_json', 'is not', null), eb('na', '=', 1), eb('status', '!=', 'draft')]))
    .groupBy(['agency_id', 'status'])
    .execute();
  return rows.map((r) => ({ agency_id: r.agency_id, status: r.status, n: Number(r.n), answered: Number(r.answered) }));
}
