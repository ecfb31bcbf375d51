import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type {
  EnrolmentStatus,
  OfferingStatus,
  Track,
  TrainingAssignmentsTable,
  TrainingAttemptsTable,
  TrainingEnrolmentsTable,
  TrainingEvaluationResponsesTable,
  TrainingGuestAttemptsTable,
  TrainingGuestsTable,
  TrainingOfferingsTable,
  TrainingProgrammesTable,
  TrainingQuestionsTable,
  TrainingSessionsTable,
  TrainingTargetsTable,
  TrainingWaiversTable,
} from './training.tables.ts';

// Queries on the training module's tables only; every function takes the executor.

export type ProgrammeRow = Selectable<TrainingProgrammesTable>;
export type QuestionRow = Selectable<TrainingQuestionsTable>;
export type OfferingRow = Selectable<TrainingOfferingsTable>;
export type SessionRow = Selectable<TrainingSessionsTable>;
export type EnrolmentRow = Selectable<TrainingEnrolmentsTable>;
export type AttemptRow = Selectable<TrainingAttemptsTable>;
export type TargetRow = Selectable<TrainingTargetsTable>;

// --- programmes and questions

export const listProgrammes = (db: Executor) => db.selectFrom('training_programmes').selectAll().orderBy('code').execute();
export const findProgramme = (db: Executor, id: number) =>
  db.selectFrom('training_programmes').selectAll().where('id', '=', id).executeTakeFirst();
export const findProgrammeByCode = (db: Executor, code: string) =>
  db.selectFrom('training_programmes').selectAll().where('code', '=', code).executeTakeFirst();

export async function insertProgramme(db: Executor, row: Omit<Insertable<TrainingProgrammesTable>, 'created_at' | 'updated_at'>) {
  const now = nowIso();
  return db
    .insertInto('training_programmes')
    .values({ ...row, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const updateProgramme = (db: Executor, id: number, patch: Updateable<TrainingProgrammesTable>) =>
  db
    .updateTable('training_programmes')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const listQuestions = (db: Executor, programmeId: number) =>
  db.selectFrom('training_questions').selectAll().where('programme_id', '=', programmeId).orderBy('id').execute();
export const insertQuestion = (db: Executor, row: Omit<Insertable<TrainingQuestionsTable>, 'created_at'>) =>
  db
    .insertInto('training_questions')
    .values({ ...row, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();

// --- offerings, sessions, trainers

export const listOfferings = (db: Executor, programmeId?: number) => {
  let q = db.selectFrom('training_offerings').selectAll();
  if (programmeId !== undefined) q = q.where('programme_id', '=', programmeId);
  return q.orderBy('starts_on').orderBy('id').execute();
};
export const findOffering = (db: Executor, id: number) =>
  db.selectFrom('training_offerings').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertOffering(
  db: Executor,
  row: Omit<Insertable<TrainingOfferingsTable>, 'created_at' | 'updated_at' | 'seats_taken' | 'waitlist_seq'>,
) {
  const now = nowIso();
  return db
    .insertInto('training_offerings')
    .values({ ...row, seats_taken: 0, waitlist_seq: 0, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const updateOffering = (db: Executor, id: number, patch: Updateable<TrainingOfferingsTable>) =>
  db
    .updateTable('training_offerings')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/**
 * Locks an offering's row until the transaction ends (an UPDATE takes the row lock on PostgreSQL and
 * the write lock on SQLite), so the seat changes of one offering happen one at a time; returns the
 * row as it is once the lock is held.
 */
export const lockOffering = (db: Executor, id: number) =>
  db.updateTable('training_offerings').set({ updated_at: nowIso() }).where('id', '=', id).returningAll().executeTakeFirst();

/** Takes a seat if one is free on an offering in one of the statuses: one conditional update, true when it took one. */
export async function takeSeat(db: Executor, id: number, statuses: readonly OfferingStatus[]): Promise<boolean> {
  const r = await db
    .updateTable('training_offerings')
    .set({ seats_taken: sql`seats_taken + 1`, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', 'in', statuses)
    .where(sql<boolean>`seats_taken < capacity`)
    .returning('seats_taken')
    .executeTakeFirst();
  return r !== undefined;
}

export const releaseSeat = (db: Executor, id: number) =>
  db
    .updateTable('training_offerings')
    .set({ seats_taken: sql`seats_taken - 1`, updated_at: nowIso() })
    .where('id', '=', id)
    .where('seats_taken', '>', 0)
    .execute();

/** The next waitlist position of an offering (positions only grow). */
export async function nextWaitlistPosition(db: Executor, id: number): Promise<number> {
  const r = await db
    .updateTable('training_offerings')
    .set({ waitlist_seq: sql`waitlist_seq + 1` })
    .where('id', '=', id)
    .returning('waitlist_seq')
    .executeTakeFirstOrThrow();
  return r.waitlist_seq;
}

export const listSessions = (db: Executor, offeringId: number) =>
  db.selectFrom('training_sessions').selectAll().where('offering_id', '=', offeringId).orderBy('starts_at').orderBy('id').execute();
export const findSession = (db: Executor, id: number) =>
  db.selectFrom('training_sessions').selectAll().where('id', '=', id).executeTakeFirst();
export const insertSession = (db: Executor, row: Insertable<TrainingSessionsTable>) =>
  db.insertInto('training_sessions').values(row).returningAll().executeTakeFirstOrThrow();
export async function countSessions(db: Executor, offeringId: number): Promise<number> {
  const r = await db
    .selectFrom('training_sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('offering_id', '=', offeringId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function trainerIds(db: Executor, offeringId: number): Promise<number[]> {
  const rows = await db.selectFrom('training_trainers').select('user_id').where('offering_id', '=', offeringId).orderBy('id').execute();
  return rows.map((r) => r.user_id);
}
export const insertTrainer = (db: Executor, offeringId: number, userId: number) =>
  db.insertInto('training_trainers').values({ offering_id: offeringId, user_id: userId }).returningAll().executeTakeFirstOrThrow();
export const offeringsTrainedBy = async (db: Executor, userId: number) =>
  (await db.selectFrom('training_trainers').select('offering_id').where('user_id', '=', userId).execute()).map((r) => r.offering_id);

// --- enrolments

export const findEnrolment = (db: Executor, id: number) =>
  db.selectFrom('training_enrolments').selectAll().where('id', '=', id).executeTakeFirst();
export const findEnrolmentOf = (db: Executor, offeringId: number, userId: number) =>
  db.selectFrom('training_enrolments').selectAll().where('offering_id', '=', offeringId).where('user_id', '=', userId).executeTakeFirst();

export async function insertEnrolment(
  db: Executor,
  row: Omit<Insertable<TrainingEnrolmentsTable>, 'created_at' | 'updated_at'>,
  at = new Date(),
): Promise<EnrolmentRow> {
  const now = at.toISOString();
  return db
    .insertInto('training_enrolments')
    .values({ ...row, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const updateEnrolment = (db: Executor, id: number, patch: Updateable<TrainingEnrolmentsTable>, at = new Date()) =>
  db
    .updateTable('training_enrolments')
    .set({ ...patch, updated_at: at.toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** An offering's enrolments, in the order a list shows them; with `agencyIds`, only those agencies'. */
export function listEnrolments(db: Executor, offeringId: number, agencyIds?: number[]) {
  let q = db.selectFrom('training_enrolments as e').selectAll('e').where('e.offering_id', '=', offeringId);
  if (agencyIds) q = q.where('e.agency_id', 'in', agencyIds.length ? agencyIds : [-1]);
  return q.orderBy('e.status').orderBy('e.waitlist_position').orderBy('e.id').execute();
}

/** The first person on an offering's waitlist. */
export const firstWaitlisted = (db: Executor, offeringId: number) =>
  db
    .selectFrom('training_enrolments')
    .selectAll()
    .where('offering_id', '=', offeringId)
    .where('status', '=', 'waitlisted')
    .orderBy('waitlist_position')
    .orderBy('id')
    .executeTakeFirst();

/** Every enrolment of some people or agencies, with its offering and programme (learning records). */
export function learningRecord(db: Executor, by: { userId?: number; agencyIds?: number[] }) {
  let q = db
    .selectFrom('training_enrolments as e')
    .innerJoin('training_offerings as o', 'o.id', 'e.offering_id')
    .innerJoin('training_programmes as p', 'p.id', 'o.programme_id')
    .selectAll('e')
    .select([
      'o.starts_on',
      'o.ends_on',
      'o.status as offering_status',
      'p.id as programme_id',
      'p.title_ar',
      'p.title_en',
      'p.hours',
      'p.track',
      'p.pass_mark_pct',
      'p.assignment_ar',
    ]);
  if (by.userId !== undefined) q = q.where('e.user_id', '=', by.userId);
  if (by.agencyIds) q = q.where('e.agency_id', 'in', by.agencyIds.length ? by.agencyIds : [-1]);
  return q.orderBy('e.user_id').orderBy('o.starts_on', 'desc').orderBy('e.id').execute();
}
export type RecordRow = Awaited<ReturnType<typeof learningRecord>>[number];

export async function countByStatus(db: Executor, offeringId: number): Promise<Record<EnrolmentStatus, number>> {
  const rows = await db
    .selectFrom('training_enrolments')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('offering_id', '=', offeringId)
    .groupBy('status')
    .execute();
  const out: Record<EnrolmentStatus, number> = { requested: 0, enrolled: 0, waitlisted: 0, rejected: 0, cancelled: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

// --- attendance and attempts

export async function attendanceOf(db: Executor, sessionId: number) {
  return db.selectFrom('training_attendance').selectAll().where('session_id', '=', sessionId).execute();
}

export async function setAttendance(
  db: Executor,
  sessionId: number,
  enrolmentId: number,
  present: boolean,
  markedBy: string,
  at = new Date(),
) {
  const now = at.toISOString();
  await db
    .insertInto('training_attendance')
    .values({ session_id: sessionId, enrolment_id: enrolmentId, present: present ? 1 : 0, marked_by: markedBy, marked_at: now })
    .onConflict((oc) =>
      oc.columns(['session_id', 'enrolment_id']).doUpdateSet({ present: present ? 1 : 0, marked_by: markedBy, marked_at: now }),
    )
    .execute();
}

export async function attendedCount(db: Executor, enrolmentId: number): Promise<number> {
  const r = await db
    .selectFrom('training_attendance')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('enrolment_id', '=', enrolmentId)
    .where('present', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const listAttempts = (db: Executor, enrolmentId: number) =>
  db.selectFrom('training_attempts').selectAll().where('enrolment_id', '=', enrolmentId).orderBy('id').execute();
export const findAttempt = (db: Executor, id: number) =>
  db.selectFrom('training_attempts').selectAll().where('id', '=', id).executeTakeFirst();
export const insertAttempt = (db: Executor, row: Omit<Insertable<TrainingAttemptsTable>, 'started_at'>, at = new Date()) =>
  db
    .insertInto('training_attempts')
    .values({ ...row, started_at: at.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
/** Records an attempt's answers once: only an attempt still open is updated (a second submission changes nothing). */
export const closeAttempt = (db: Executor, id: number, correct: number, passed: boolean, at = new Date()) =>
  db
    .updateTable('training_attempts')
    .set({ correct, passed: passed ? 1 : 0, submitted_at: at.toISOString() })
    .where('id', '=', id)
    .where('submitted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();

// --- targets and progress

export const listTargets = (db: Executor, year: number) => db.selectFrom('training_targets').selectAll().where('year', '=', year).execute();
export async function upsertTarget(
  db: Executor,
  agencyId: number,
  year: number,
  targetPct: number,
  hoursPerEmployee: number | null = null,
) {
  const now = nowIso();
  return db
    .insertInto('training_targets')
    .values({ agency_id: agencyId, year, target_pct: targetPct, hours_per_employee: hoursPerEmployee, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'year']).doUpdateSet({ target_pct: targetPct, hours_per_employee: hoursPerEmployee, updated_at: now }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const listTrackTargets = (db: Executor, year: number) =>
  db.selectFrom('training_track_targets').selectAll().where('year', '=', year).orderBy('agency_id').orderBy('track').execute();
/** Replaces an agency's targets by track for a year with these (a track left out has none). */
export async function replaceTrackTargets(db: Executor, agencyId: number, year: number, targets: { track: Track; pct: number }[]) {
  await db.deleteFrom('training_track_targets').where('agency_id', '=', agencyId).where('year', '=', year).execute();
  const now = nowIso();
  if (targets.length)
    await db
      .insertInto('training_track_targets')
      .values(targets.map((x) => ({ agency_id: agencyId, year, track: x.track, target_pct: x.pct, updated_at: now })))
      .execute();
}

/** Who completed at least one programme of each track in [from, to), by agency (one row per agency, person and track). */
export async function completedByTrack(db: Executor, from: string, to: string) {
  const rows = await db
    .selectFrom('training_enrolments as e')
    .innerJoin('training_offerings as o', 'o.id', 'e.offering_id')
    .innerJoin('training_programmes as p', 'p.id', 'o.programme_id')
    .select(['e.agency_id', 'e.user_id', 'p.track'])
    .where('e.completed_at', '>=', from)
    .where('e.completed_at', '<', to)
    .groupBy(['e.agency_id', 'e.user_id', 'p.track'])
    .execute();
  return rows.map((r) => ({ agencyId: r.agency_id, userId: r.user_id, track: r.track }));
}

/** The people who completed a programme in [from, to), by agency, with how many completions and hours each. */
export async function completedPeople(db: Executor, from: string, to: string, agencyId?: number) {
  let q = db
    .selectFrom('training_enrolments as e')
    .innerJoin('training_offerings as o', 'o.id', 'e.offering_id')
    .innerJoin('training_programmes as p', 'p.id', 'o.programme_id')
    .select([
      'e.agency_id',
      'e.user_id',
      (eb) => eb.fn.countAll<number>().as('completions'),
      (eb) => eb.fn.sum<number>('p.hours').as('hours'),
    ])
    .where('e.completed_at', '>=', from)
    .where('e.completed_at', '<', to);
  if (agencyId !== undefined) q = q.where('e.agency_id', '=', agencyId);
  const rows = await q.groupBy(['e.agency_id', 'e.user_id']).execute();
  return rows.map((r) => ({ agencyId: r.agency_id, userId: r.user_id, completions: Number(r.completions), hours: Number(r.hours ?? 0) }));
}

/** Sessions starting in (from, to] of offerings that run (open or closed to enrolment), with where they take place. */
export const sessionsStartingBetween = (db: Executor, from: string, to: string) =>
  db
    .selectFrom('training_sessions as s')
    .innerJoin('training_offerings as o', 'o.id', 's.offering_id')
    .select(['s.id', 's.offering_id', 's.starts_at', 'o.programme_id', 'o.location_ar', 'o.location_en', 'o.online_url'])
    .where('s.starts_at', '>', from)
    .where('s.starts_at', '<=', to)
    .where('o.status', 'in', ['open', 'closed'])
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute();

// --- public sign-ups (guests)

export type GuestRow = Selectable<TrainingGuestsTable>;

export const findGuest = (db: Executor, id: number) => db.selectFrom('training_guests').selectAll().where('id', '=', id).executeTakeFirst();
export const findGuestOf = (db: Executor, offeringId: number, email: string) =>
  db.selectFrom('training_guests').selectAll().where('offering_id', '=', offeringId).where('email', '=', email).executeTakeFirst();

/** The guest row of an address on an offering, created (pending) when there is none; concurrent calls get the same row. */
export async function ensureGuest(db: Executor, offeringId: number, email: string, name: string, locale: 'ar' | 'en', at = new Date()) {
  const now = at.toISOString();
  await db
    .insertInto('training_guests')
    .values({ offering_id: offeringId, email, name, locale, status: 'pending', code_attempts: 0, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['offering_id', 'email']).doNothing())
    .execute();
  return (await findGuestOf(db, offeringId, email)) as GuestRow;
}

export const updateGuest = (db: Executor, id: number, patch: Updateable<TrainingGuestsTable>, at = new Date()) =>
  db
    .updateTable('training_guests')
    .set({ ...patch, updated_at: at.toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** An offering's verified sign-ups from the public, in the order a list shows them. */
export const listGuests = (db: Executor, offeringId: number) =>
  db
    .selectFrom('training_guests')
    .selectAll()
    .where('offering_id', '=', offeringId)
    .where('status', '!=', 'pending')
    .orderBy('status')
    .orderBy('waitlist_position')
    .orderBy('id')
    .execute();

/** The first member of the public on an offering's waitlist. */
export const firstWaitlistedGuest = (db: Executor, offeringId: number) =>
  db
    .selectFrom('training_guests')
    .selectAll()
    .where('offering_id', '=', offeringId)
    .where('status', '=', 'waitlisted')
    .orderBy('waitlist_position')
    .orderBy('id')
    .executeTakeFirst();

// --- what members of the public do once seated: attendance, attempts, completion

export type GuestAttemptRow = Selectable<TrainingGuestAttemptsTable>;

export const guestAttendanceOf = (db: Executor, sessionId: number) =>
  db.selectFrom('training_guest_attendance').selectAll().where('session_id', '=', sessionId).orderBy('id').execute();

export async function setGuestAttendance(
  db: Executor,
  sessionId: number,
  guestId: number,
  present: boolean,
  markedBy: string,
  at = new Date(),
) {
  const now = at.toISOString();
  await db
    .insertInto('training_guest_attendance')
    .values({ session_id: sessionId, guest_id: guestId, present: present ? 1 : 0, marked_by: markedBy, marked_at: now })
    .onConflict((oc) =>
      oc.columns(['session_id', 'guest_id']).doUpdateSet({ present: present ? 1 : 0, marked_by: markedBy, marked_at: now }),
    )
    .execute();
}

export async function guestAttendedCount(db: Executor, guestId: number): Promise<number> {
  const r = await db
    .selectFrom('training_guest_attendance')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('guest_id', '=', guestId)
    .where('present', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const listGuestAttempts = (db: Executor, guestId: number) =>
  db.selectFrom('training_guest_attempts').selectAll().where('guest_id', '=', guestId).orderBy('id').execute();
export const insertGuestAttempt = (db: Executor, row: Omit<Insertable<TrainingGuestAttemptsTable>, 'started_at'>) =>
  db
    .insertInto('training_guest_attempts')
    .values({ ...row, started_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
/** Records a member of the public's answers once (a second submission changes nothing). */
export const closeGuestAttempt = (db: Executor, id: number, correct: number, passed: boolean) =>
  db
    .updateTable('training_guest_attempts')
    .set({ correct, passed: passed ? 1 : 0, submitted_at: nowIso() })
    .where('id', '=', id)
    .where('submitted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();

/** The programmes an address has completed as a member of the public (any offering). */
export async function guestCompletedProgrammeIds(db: Executor, email: string): Promise<number[]> {
  const rows = await db
    .selectFrom('training_guests as g')
    .innerJoin('training_offerings as o', 'o.id', 'g.offering_id')
    .select('o.programme_id')
    .distinct()
    .where('g.email', '=', email)
    .where('g.completed_at', 'is not', null)
    .execute();
  return rows.map((r) => r.programme_id);
}

export const guestsByEmail = (db: Executor, email: string) =>
  db.selectFrom('training_guests').selectAll().where('email', '=', email).orderBy('id').execute();

// --- evaluations

export const findInvite = (db: Executor, enrolmentId: number) =>
  db.selectFrom('training_evaluation_invites').selectAll().where('enrolment_id', '=', enrolmentId).executeTakeFirst();

/** Records that an enrolment was asked to evaluate; false when it already was (so the email goes once). */
export async function insertInvite(db: Executor, enrolmentId: number, offeringId: number): Promise<boolean> {
  const r = await db
    .insertInto('training_evaluation_invites')
    .values({ enrolment_id: enrolmentId, offering_id: offeringId, sent_at: nowIso() })
    .onConflict((oc) => oc.column('enrolment_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Marks an invitation answered; false when it already was (one answer per person). */
export async function markInviteAnswered(db: Executor, enrolmentId: number): Promise<boolean> {
  const r = await db
    .updateTable('training_evaluation_invites')
    .set({ responded_at: nowIso() })
    .where('enrolment_id', '=', enrolmentId)
    .where('responded_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export const insertResponse = (db: Executor, row: Insertable<TrainingEvaluationResponsesTable>) =>
  db.insertInto('training_evaluation_responses').values(row).returning('id').executeTakeFirstOrThrow();

export const responsesOf = (db: Executor, offeringIds: number[]) =>
  offeringIds.length
    ? db.selectFrom('training_evaluation_responses').selectAll().where('offering_id', 'in', offeringIds).orderBy('id').execute()
    : Promise.resolve([]);

/** How many were asked to evaluate an offering and how many answered, staff and members of the public together. */
export async function inviteCounts(db: Executor, offeringId: number) {
  let sent = 0;
  let answered = 0;
  for (const table of ['training_evaluation_invites', 'training_guest_evaluation_invites'] as const) {
    const r = await db
      .selectFrom(table)
      .select([(eb) => eb.fn.countAll<number>().as('sent'), (eb) => eb.fn.count<number>('responded_at').as('answered')])
      .where('offering_id', '=', offeringId)
      .executeTakeFirstOrThrow();
    sent += Number(r.sent);
    answered += Number(r.answered);
  }
  return { sent, answered };
}

/** The offerings anyone was asked to evaluate. */
export async function invitedOfferingIds(db: Executor): Promise<number[]> {
  const staff = await db.selectFrom('training_evaluation_invites').select('offering_id').distinct().execute();
  const guests = await db.selectFrom('training_guest_evaluation_invites').select('offering_id').distinct().execute();
  return [...new Set([...staff, ...guests].map((r) => r.offering_id))].sort((a, b) => a - b);
}

export const findGuestInvite = (db: Executor, guestId: number) =>
  db.selectFrom('training_guest_evaluation_invites').selectAll().where('guest_id', '=', guestId).executeTakeFirst();

/** Records that a member of the public was asked to evaluate; false when they already were. */
export async function insertGuestInvite(db: Executor, guestId: number, offeringId: number): Promise<boolean> {
  const r = await db
    .insertInto('training_guest_evaluation_invites')
    .values({ guest_id: guestId, offering_id: offeringId, sent_at: nowIso() })
    .onConflict((oc) => oc.column('guest_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Marks a member of the public's invitation answered; false when it already was. */
export async function markGuestInviteAnswered(db: Executor, guestId: number): Promise<boolean> {
  const r = await db
    .updateTable('training_guest_evaluation_invites')
    .set({ responded_at: nowIso() })
    .where('guest_id', '=', guestId)
    .where('responded_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

// --- prerequisites and waivers

export async function prerequisiteIds(db: Executor, programmeId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('training_prerequisites')
    .select('required_id')
    .where('programme_id', '=', programmeId)
    .orderBy('required_id')
    .execute();
  return rows.map((r) => r.required_id);
}

export async function replacePrerequisites(db: Executor, programmeId: number, requiredIds: number[]) {
  await db.deleteFrom('training_prerequisites').where('programme_id', '=', programmeId).execute();
  if (requiredIds.length)
    await db
      .insertInto('training_prerequisites')
      .values(requiredIds.map((required_id) => ({ programme_id: programmeId, required_id })))
      .execute();
}

/** Every prerequisite edge (to refuse a cycle). */
export const allPrerequisites = (db: Executor) =>
  db.selectFrom('training_prerequisites').select(['programme_id', 'required_id']).orderBy('id').execute();

/** The programmes a person has completed (any offering). */
export async function completedProgrammeIds(db: Executor, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('training_enrolments as e')
    .innerJoin('training_offerings as o', 'o.id', 'e.offering_id')
    .select('o.programme_id')
    .distinct()
    .where('e.user_id', '=', userId)
    .where('e.completed_at', 'is not', null)
    .execute();
  return rows.map((r) => r.programme_id);
}

export const findWaiver = (db: Executor, programmeId: number, userId: number) =>
  db.selectFrom('training_waivers').selectAll().where('programme_id', '=', programmeId).where('user_id', '=', userId).executeTakeFirst();
export const listWaivers = (db: Executor, programmeId: number) =>
  db.selectFrom('training_waivers').selectAll().where('programme_id', '=', programmeId).orderBy('id').execute();
export const insertWaiver = (db: Executor, row: Omit<Insertable<TrainingWaiversTable>, 'created_at'>) =>
  db
    .insertInto('training_waivers')
    .values({ ...row, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
export const updateSession = (db: Executor, id: number, patch: Updateable<TrainingSessionsTable>) =>
  db.updateTable('training_sessions').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

// --- assignments

export type AssignmentRow = Selectable<TrainingAssignmentsTable>;
/** The assignment of one member of staff's enrolment or one member of the public's place, if any. */
export const assignmentOf = (db: Executor, owner: { enrolmentId: number } | { guestId: number }) =>
  'enrolmentId' in owner
    ? db.selectFrom('training_assignments').selectAll().where('enrolment_id', '=', owner.enrolmentId).executeTakeFirst()
    : db.selectFrom('training_assignments').selectAll().where('guest_id', '=', owner.guestId).executeTakeFirst();
export const findAssignment = (db: Executor, id: number) =>
  db.selectFrom('training_assignments').selectAll().where('id', '=', id).executeTakeFirst();
export const listAssignments = (db: Executor, offeringId: number) =>
  db.selectFrom('training_assignments').selectAll().where('offering_id', '=', offeringId).orderBy('submitted_at').orderBy('id').execute();
export const insertAssignment = (db: Executor, row: Insertable<TrainingAssignmentsTable>) =>
  db.insertInto('training_assignments').values(row).returningAll().executeTakeFirstOrThrow();
export const updateAssignment = (db: Executor, id: number, patch: Updateable<TrainingAssignmentsTable>) =>
  db.updateTable('training_assignments').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
/** Decides a submitted assignment: one conditional update, undefined when it was no longer waiting (decided at once by two reviewers). */
export const decideAssignment = (db: Executor, id: number, patch: Updateable<TrainingAssignmentsTable>) =>
  db
    .updateTable('training_assignments')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .returningAll()
    .executeTakeFirst();
