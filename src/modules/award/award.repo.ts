import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type {
  AwardBranchesTable,
  AwardConflictsTable,
  AwardCyclesTable,
  AwardDecisionsTable,
  AwardEntrantsTable,
  AwardJudgesTable,
  AwardNominationsTable,
  AwardReviewsTable,
  Criterion,
} from './award.tables.ts';

// Queries on the award module's tables only; every function takes the executor.

export type CycleRow = Selectable<AwardCyclesTable>;
export type BranchRow = Selectable<AwardBranchesTable>;
export type NominationRow = Selectable<AwardNominationsTable>;
export type JudgeRow = Selectable<AwardJudgesTable>;
export type ConflictRow = Selectable<AwardConflictsTable>;
export type ReviewRow = Selectable<AwardReviewsTable>;
export type DecisionRow = Selectable<AwardDecisionsTable>;
export type EntrantRow = Selectable<AwardEntrantsTable>;

export const criteriaOf = (b: Pick<BranchRow, 'rubric_json'>) => JSON.parse(b.rubric_json) as Criterion[];

export const listCycles = (db: Executor) => db.selectFrom('award_cycles').selectAll().orderBy('number', 'desc').execute();
export const findCycle = (db: Executor, id: number) => db.selectFrom('award_cycles').selectAll().where('id', '=', id).executeTakeFirst();
export const findCycleByNumber = (db: Executor, n: number) =>
  db.selectFrom('award_cycles').selectAll().where('number', '=', n).executeTakeFirst();

export async function insertCycle(db: Executor, row: Omit<Insertable<AwardCyclesTable>, 'created_at' | 'updated_at'>) {
  const now = nowIso();
  return db
    .insertInto('award_cycles')
    .values({ ...row, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}
export const updateCycle = (db: Executor, id: number, patch: Updateable<AwardCyclesTable>) =>
  db
    .updateTable('award_cycles')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const listBranches = (db: Executor, cycleId: number) =>
  db.selectFrom('award_branches').selectAll().where('cycle_id', '=', cycleId).orderBy('position').orderBy('id').execute();
export const findBranch = (db: Executor, id: number) => db.selectFrom('award_branches').selectAll().where('id', '=', id).executeTakeFirst();
export const insertBranch = (db: Executor, row: Insertable<AwardBranchesTable>) =>
  db.insertInto('award_branches').values(row).returningAll().executeTakeFirstOrThrow();
export const updateBranch = (db: Executor, id: number, patch: Updateable<AwardBranchesTable>) =>
  db.updateTable('award_branches').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
/** How many nominations (any status) a branch holds. */
export const countBranchNominations = async (db: Executor, branchId: number) =>
  Number(
    (
      await db
        .selectFrom('award_nominations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('branch_id', '=', branchId)
        .executeTakeFirstOrThrow()
    ).n,
  );
/** How many reviews (assigned or submitted) the branch's nominations have. */
export const countBranchReviews = async (db: Executor, branchId: number) =>
  Number(
    (
      await db
        .selectFrom('award_reviews as r')
        .innerJoin('award_nominations as n', 'n.id', 'r.nomination_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('n.branch_id', '=', branchId)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const listNominations = (db: Executor, cycleId: number) =>
  db.selectFrom('award_nominations').selectAll().where('cycle_id', '=', cycleId).orderBy('branch_id').orderBy('id').execute();
export const findNomination = (db: Executor, id: number) =>
  db.selectFrom('award_nominations').selectAll().where('id', '=', id).executeTakeFirst();
export async function insertNomination(db: Executor, row: Omit<Insertable<AwardNominationsTable>, 'created_at' | 'updated_at'>) {
  const now = nowIso();
  return db
    .insertInto('award_nominations')
    .values({ ...row, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}
export const updateNomination = (db: Executor, id: number, patch: Updateable<AwardNominationsTable>) =>
  db
    .updateTable('award_nominations')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const listEntrants = (db: Executor, cycleId: number) =>
  db.selectFrom('award_entrants').selectAll().where('cycle_id', '=', cycleId).orderBy('id').execute();
export const findEntrant = (db: Executor, id: number) =>
  db.selectFrom('award_entrants').selectAll().where('id', '=', id).executeTakeFirst();
/** The entrant of an address for an edition, made (unverified) on first request; the address is stored lower-case. */
export async function ensureEntrant(db: Executor, cycleId: number, email: string, name: string, locale: 'ar' | 'en') {
  const now = nowIso();
  await db
    .insertInto('award_entrants')
    .values({
      cycle_id: cycleId,
      email,
      name,
      locale,
      code_hash: null,
      code_expires_at: null,
      verified_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['cycle_id', 'email']).doNothing())
    .execute();
  return db.selectFrom('award_entrants').selectAll().where('cycle_id', '=', cycleId).where('email', '=', email).executeTakeFirstOrThrow();
}
export const updateEntrant = (db: Executor, id: number, patch: Updateable<AwardEntrantsTable>) =>
  db
    .updateTable('award_entrants')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
export const listEntrantNominations = (db: Executor, entrantId: number) =>
  db.selectFrom('award_nominations').selectAll().where('entrant_id', '=', entrantId).orderBy('id').execute();

export const listJudges = (db: Executor, cycleId: number) =>
  db.selectFrom('award_judges').selectAll().where('cycle_id', '=', cycleId).orderBy('user_id').execute();
export const findJudge = (db: Executor, cycleId: number, userId: number) =>
  db.selectFrom('award_judges').selectAll().where('cycle_id', '=', cycleId).where('user_id', '=', userId).executeTakeFirst();
export const insertJudge = (db: Executor, row: Omit<Insertable<AwardJudgesTable>, 'added_at'>) =>
  db
    .insertInto('award_judges')
    .values({ ...row, added_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();

export const listConflicts = (db: Executor, cycleId: number) =>
  db.selectFrom('award_conflicts').selectAll().where('cycle_id', '=', cycleId).orderBy('id').execute();
export const insertConflict = (db: Executor, row: Omit<Insertable<AwardConflictsTable>, 'created_at'>) =>
  db
    .insertInto('award_conflicts')
    .values({ ...row, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();

export const listReviewsOfCycle = (db: Executor, cycleId: number) =>
  db
    .selectFrom('award_reviews')
    .innerJoin('award_nominations', 'award_nominations.id', 'award_reviews.nomination_id')
    .selectAll('award_reviews')
    .where('award_nominations.cycle_id', '=', cycleId)
    .orderBy('award_reviews.nomination_id')
    .orderBy('award_reviews.judge_user_id')
    .execute();
export const listReviews = (db: Executor, nominationId: number) =>
  db.selectFrom('award_reviews').selectAll().where('nomination_id', '=', nominationId).orderBy('judge_user_id').execute();
export const findReview = (db: Executor, nominationId: number, judgeId: number) =>
  db
    .selectFrom('award_reviews')
    .selectAll()
    .where('nomination_id', '=', nominationId)
    .where('judge_user_id', '=', judgeId)
    .executeTakeFirst();
export const insertReview = (db: Executor, nominationId: number, judgeId: number) =>
  db
    .insertInto('award_reviews')
    .values({
      nomination_id: nominationId,
      judge_user_id: judgeId,
      status: 'assigned',
      scores_json: '{}',
      comment: null,
      assigned_at: nowIso(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
export const updateReview = (db: Executor, id: number, patch: Updateable<AwardReviewsTable>) =>
  db.updateTable('award_reviews').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
export const deleteReview = (db: Executor, id: number) => db.deleteFrom('award_reviews').where('id', '=', id).execute();

export const listDecisions = (db: Executor, branchIds: number[]) =>
  branchIds.length
    ? db.selectFrom('award_decisions').selectAll().where('branch_id', 'in', branchIds).orderBy('branch_id').orderBy('id').execute()
    : Promise.resolve([] as DecisionRow[]);
export const insertDecision = (db: Executor, row: Omit<Insertable<AwardDecisionsTable>, 'created_at'>) =>
  db
    .insertInto('award_decisions')
    .values({ ...row, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
export const deleteDecisions = (db: Executor, branchId: number) =>
  db.deleteFrom('award_decisions').where('branch_id', '=', branchId).execute();
