import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type {
  AdvisoryAdvisorsTable,
  AdvisoryAssignmentsTable,
  AdvisoryAttendeeChangesTable,
  AdvisoryCommentEditsTable,
  AdvisoryCommentsTable,
  AdvisoryDocumentsTable,
  AdvisoryFindingsTable,
  AdvisoryMeetingsTable,
  AdvisoryPausesTable,
  AdvisoryRequestsTable,
  AdvisorySlaAlertsTable,
  AdvisoryTasksTable,
  RequestStatus,
} from './advisory.tables.ts';

// Queries on the advisory module's tables only; every function takes the executor.

export type AdvisorRow = Selectable<AdvisoryAdvisorsTable>;
export type RequestRow = Selectable<AdvisoryRequestsTable>;
export type PauseRow = Selectable<AdvisoryPausesTable>;
export type AssignmentRow = Selectable<AdvisoryAssignmentsTable>;
export type CommentRow = Selectable<AdvisoryCommentsTable>;
export type TaskRow = Selectable<AdvisoryTasksTable>;
export type DocumentRow = Selectable<AdvisoryDocumentsTable>;
export type FindingRow = Selectable<AdvisoryFindingsTable>;

export const listAdvisors = (db: Executor) => db.selectFrom('advisory_advisors').selectAll().orderBy('id').execute();
export const findAdvisor = (db: Executor, id: number) =>
  db.selectFrom('advisory_advisors').selectAll().where('id', '=', id).executeTakeFirst();
export const advisorOfUser = (db: Executor, userId: number) =>
  db.selectFrom('advisory_advisors').selectAll().where('user_id', '=', userId).where('active', '=', 1).executeTakeFirst();
export const insertAdvisor = (db: Executor, row: Omit<Insertable<AdvisoryAdvisorsTable>, 'created_at'>) =>
  db
    .insertInto('advisory_advisors')
    .values({ ...row, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();

export const findRequest = (db: Executor, id: number) =>
  db.selectFrom('advisory_requests').selectAll().where('id', '=', id).executeTakeFirst();

/** Requests in the queue, oldest first: all, or those of some agencies and/or assigned to one advisor. */
export async function listRequests(
  db: Executor,
  f: { agencyIds?: number[]; advisorId?: number; status?: RequestStatus; all?: boolean },
): Promise<RequestRow[]> {
  let q = db.selectFrom('advisory_requests').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (!f.all) {
    const agencies = f.agencyIds ?? [];
    const advisor = f.advisorId;
    if (agencies.length === 0 && advisor === undefined) return [];
    q = q.where((eb) =>
      eb.or([
        ...(agencies.length ? [eb('agency_id', 'in', agencies)] : []),
        ...(advisor !== undefined
          ? [eb('id', 'in', eb.selectFrom('advisory_assignments').select('request_id').where('advisor_id', '=', advisor))]
          : []),
      ]),
    );
  }
  return q.orderBy('submitted_at').orderBy('id').execute();
}

export const insertRequest = (db: Executor, row: Omit<Insertable<AdvisoryRequestsTable>, 'updated_at'>) =>
  db
    .insertInto('advisory_requests')
    .values({ ...row, updated_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();

/** Changes a request only if it is still in the status the caller read (a concurrent step loses). */
export async function moveRequest(
  db: Executor,
  id: number,
  from: RequestStatus,
  patch: Updateable<AdvisoryRequestsTable>,
): Promise<RequestRow | undefined> {
  return db
    .updateTable('advisory_requests')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
}

export const listPauses = (db: Executor, requestIds: number[]) =>
  requestIds.length === 0
    ? Promise.resolve([] as PauseRow[])
    : db.selectFrom('advisory_pauses').selectAll().where('request_id', 'in', requestIds).orderBy('id').execute();
export const insertPause = (db: Executor, row: Insertable<AdvisoryPausesTable>) =>
  db.insertInto('advisory_pauses').values(row).returningAll().executeTakeFirstOrThrow();
export const closePause = (db: Executor, id: number, answer: string, at: string) =>
  db.updateTable('advisory_pauses').set({ to_at: at, answer }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const listAssignments = (db: Executor, requestId: number) =>
  db.selectFrom('advisory_assignments').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
export const deleteAssignment = (db: Executor, id: number) => db.deleteFrom('advisory_assignments').where('id', '=', id).executeTakeFirst();
/** Hands the open tasks one advisor owns on a request to another (or to no one). */
export const moveOpenTasks = (db: Executor, requestId: number, from: number, to: number | null) =>
  db
    .updateTable('advisory_tasks')
    .set({ owner_advisor_id: to })
    .where('request_id', '=', requestId)
    .where('owner_advisor_id', '=', from)
    .where('done_at', 'is', null)
    .returning('id')
    .execute();
export const insertAssignment = (db: Executor, row: Insertable<AdvisoryAssignmentsTable>) =>
  db.insertInto('advisory_assignments').values(row).returningAll().executeTakeFirstOrThrow();

export const listComments = (db: Executor, requestId: number) =>
  db.selectFrom('advisory_comments').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
export const findComment = (db: Executor, id: number) =>
  db.selectFrom('advisory_comments').selectAll().where('id', '=', id).executeTakeFirst();
export const insertComment = (db: Executor, row: Omit<Insertable<AdvisoryCommentsTable>, 'created_at'>) =>
  db
    .insertInto('advisory_comments')
    .values({ ...row, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();

export const listTasks = (db: Executor, requestId: number) =>
  db.selectFrom('advisory_tasks').selectAll().where('request_id', '=', requestId).orderBy('due_on').orderBy('id').execute();
export const findTask = (db: Executor, id: number) => db.selectFrom('advisory_tasks').selectAll().where('id', '=', id).executeTakeFirst();
export const insertTask = (db: Executor, row: Omit<Insertable<AdvisoryTasksTable>, 'created_at'>) =>
  db
    .insertInto('advisory_tasks')
    .values({ ...row, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
export const finishTask = (db: Executor, id: number) =>
  db
    .updateTable('advisory_tasks')
    .set({ done_at: nowIso() })
    .where('id', '=', id)
    .where('done_at', 'is', null)
    .returningAll()
    .executeTakeFirst();

export const listFindings = (db: Executor, requestIds: number[]) =>
  requestIds.length === 0
    ? Promise.resolve([] as FindingRow[])
    : db.selectFrom('advisory_findings').selectAll().where('request_id', 'in', requestIds).orderBy('id').execute();
export const findFinding = (db: Executor, id: number) =>
  db.selectFrom('advisory_findings').selectAll().where('id', '=', id).executeTakeFirst();
export const insertFinding = (db: Executor, row: Omit<Insertable<AdvisoryFindingsTable>, 'created_at'>) =>
  db
    .insertInto('advisory_findings')
    .values({ ...row, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
export const updateFinding = (db: Executor, id: number, patch: Updateable<AdvisoryFindingsTable>) =>
  db.updateTable('advisory_findings').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const listDocuments = (db: Executor, requestId: number) =>
  db.selectFrom('advisory_documents').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
export const findDocument = (db: Executor, id: number) =>
  db.selectFrom('advisory_documents').selectAll().where('id', '=', id).executeTakeFirst();
export const insertDocument = (db: Executor, row: Omit<Insertable<AdvisoryDocumentsTable>, 'uploaded_at'>) =>
  db
    .insertInto('advisory_documents')
    .values({ ...row, uploaded_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();

export const listSlaAlerts = (db: Executor, requestIds: number[]) =>
  requestIds.length === 0
    ? Promise.resolve([] as Selectable<AdvisorySlaAlertsTable>[])
    : db.selectFrom('advisory_sla_alerts').selectAll().where('request_id', 'in', requestIds).orderBy('id').execute();

export type MeetingRow = Selectable<AdvisoryMeetingsTable>;
export const listMeetings = (db: Executor, requestId: number) =>
  db.selectFrom('advisory_meetings').selectAll().where('request_id', '=', requestId).orderBy('starts_at').orderBy('id').execute();
export const findMeeting = (db: Executor, id: number) =>
  db.selectFrom('advisory_meetings').selectAll().where('id', '=', id).executeTakeFirst();
export const listAttendees = (db: Executor, meetingIds: number[]) =>
  meetingIds.length === 0
    ? Promise.resolve([] as { meeting_id: number; user_id: number }[])
    : db
        .selectFrom('advisory_meeting_attendees')
        .select(['meeting_id', 'user_id'])
        .where('meeting_id', 'in', meetingIds)
        .orderBy('id')
        .execute();

export type CommentEditRow = Selectable<AdvisoryCommentEditsTable>;
export const listCommentEdits = (db: Executor, commentIds: number[]) =>
  commentIds.length === 0
    ? Promise.resolve([] as CommentEditRow[])
    : db.selectFrom('advisory_comment_edits').selectAll().where('comment_id', 'in', commentIds).orderBy('id').execute();

export const listMeetingVersions = (db: Executor, meetingId: number) =>
  db.selectFrom('advisory_meeting_versions').selectAll().where('meeting_id', '=', meetingId).orderBy('sequence').execute();
export const listMinutesEdits = (db: Executor, meetingId: number) =>
  db.selectFrom('advisory_minutes_edits').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();

export type AttendeeChangeRow = Selectable<AdvisoryAttendeeChangesTable>;
export const listAttendeeChanges = (db: Executor, meetingId: number) =>
  db.selectFrom('advisory_attendee_changes').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
/** The user ids of a change's `added` or `removed`. */
export const idsOf = (list: string) => list.split(',').filter(Boolean).map(Number);
