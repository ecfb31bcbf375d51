import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type {
  AttendanceStatus,
  PlanCommitteeActionsTable,
  PlanCommitteeAttendanceTable,
  PlanCommitteeMeetingsTable,
  PlanCommitteeMembersTable,
  PlanCommitteesTable,
} from './plan.tables.ts';

// Queries on agencies' e-transactions committees, their members, meetings and actions.

export type CommitteeRow = Selectable<PlanCommitteesTable>;
export type MemberRow = Selectable<PlanCommitteeMembersTable>;
export type MeetingRow = Selectable<PlanCommitteeMeetingsTable>;
export type ActionRow = Selectable<PlanCommitteeActionsTable>;
export type AttendanceRow = Selectable<PlanCommitteeAttendanceTable>;

export const findCommitteeOfAgency = (db: Executor, agencyId: number) =>
  db.selectFrom('plan_committees').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();

export const findCommittee = (db: Executor, id: number) =>
  db.selectFrom('plan_committees').selectAll().where('id', '=', id).executeTakeFirst();

export const listCommittees = (db: Executor) => db.selectFrom('plan_committees').selectAll().orderBy('id').execute();

export const insertCommittee = (db: Executor, row: Omit<Insertable<PlanCommitteesTable>, 'created_at' | 'updated_at'>) => {
  const at = nowIso();
  return db
    .insertInto('plan_committees')
    .values({ ...row, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
};

export const updateCommittee = (db: Executor, id: number, row: Omit<Updateable<PlanCommitteesTable>, 'updated_at'>) =>
  db
    .updateTable('plan_committees')
    .set({ ...row, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** Members, the chair first, then in the order they joined; removed members only with `withRemoved`. */
export const listMembers = (db: Executor, committeeId: number, withRemoved = false) => {
  let q = db.selectFrom('plan_committee_members').selectAll().where('committee_id', '=', committeeId);
  if (!withRemoved) q = q.where('active', '=', 1);
  return q.orderBy('is_chair', 'desc').orderBy('id').execute();
};

export const findMember = (db: Executor, id: number) =>
  db.selectFrom('plan_committee_members').selectAll().where('id', '=', id).executeTakeFirst();

export const insertMember = (db: Executor, row: Omit<Insertable<PlanCommitteeMembersTable>, 'created_at'>) =>
  db
    .insertInto('plan_committee_members')
    .values({ ...row, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();

export const updateMember = (db: Executor, id: number, row: Updateable<PlanCommitteeMembersTable>) =>
  db.updateTable('plan_committee_members').set(row).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/** Clears the chair of a committee (before another member takes it). */
export const clearChair = (db: Executor, committeeId: number) =>
  db.updateTable('plan_committee_members').set({ is_chair: 0 }).where('committee_id', '=', committeeId).where('is_chair', '=', 1).execute();

/** Meetings, the latest first. */
export const listMeetings = (db: Executor, committeeId: number) =>
  db
    .selectFrom('plan_committee_meetings')
    .selectAll()
    .where('committee_id', '=', committeeId)
    .orderBy('held_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

export const findMeeting = (db: Executor, id: number) =>
  db.selectFrom('plan_committee_meetings').selectAll().where('id', '=', id).executeTakeFirst();

export const insertMeeting = (db: Executor, row: Omit<Insertable<PlanCommitteeMeetingsTable>, 'created_at'>) =>
  db
    .insertInto('plan_committee_meetings')
    .values({ ...row, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();

export const updateMeeting = (db: Executor, id: number, row: Updateable<PlanCommitteeMeetingsTable>) =>
  db.updateTable('plan_committee_meetings').set(row).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/** Actions of a committee (or of one meeting), the earliest due first. */
export const listActions = (db: Executor, committeeId: number, meetingId?: number) => {
  let q = db.selectFrom('plan_committee_actions').selectAll().where('committee_id', '=', committeeId);
  if (meetingId !== undefined) q = q.where('meeting_id', '=', meetingId);
  return q.orderBy('due_on').orderBy('id').execute();
};

/** Every open action of every committee, the earliest due first. */
export const listOpenActions = (db: Executor) =>
  db.selectFrom('plan_committee_actions').selectAll().where('status', '=', 'open').orderBy('due_on').orderBy('id').execute();

export const findAction = (db: Executor, id: number) =>
  db.selectFrom('plan_committee_actions').selectAll().where('id', '=', id).executeTakeFirst();

export const insertAction = (db: Executor, row: Omit<Insertable<PlanCommitteeActionsTable>, 'created_at' | 'updated_at'>) => {
  const at = nowIso();
  return db
    .insertInto('plan_committee_actions')
    .values({ ...row, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
};

export const updateAction = (db: Executor, id: number, row: Omit<Updateable<PlanCommitteeActionsTable>, 'updated_at'>) =>
  db
    .updateTable('plan_committee_actions')
    .set({ ...row, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** Attendance recorded for one meeting, or for every meeting of a committee, in meeting then member order. */
export const listAttendance = (db: Executor, where: { meetingId: number } | { committeeId: number }) => {
  let q = db.selectFrom('plan_committee_attendance as a').innerJoin('plan_committee_meetings as m', 'm.id', 'a.meeting_id').selectAll('a');
  q = 'meetingId' in where ? q.where('a.meeting_id', '=', where.meetingId) : q.where('m.committee_id', '=', where.committeeId);
  return q.orderBy('a.meeting_id').orderBy('a.member_id').execute();
};

/** Records (or changes) whether a member attended a meeting. */
export async function setAttendance(db: Executor, meetingId: number, memberId: number, status: AttendanceStatus, by: string) {
  const at = nowIso();
  const found = await db
    .selectFrom('plan_committee_attendance')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  if (found)
    await db
      .updateTable('plan_committee_attendance')
      .set({ status, recorded_by: by, recorded_at: at })
      .where('id', '=', found.id)
      .execute();
  else
    await db
      .insertInto('plan_committee_attendance')
      .values({ meeting_id: meetingId, member_id: memberId, status, recorded_by: by, recorded_at: at })
      .execute();
}
