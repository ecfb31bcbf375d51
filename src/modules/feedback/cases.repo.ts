import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type {
  CaseStatus,
  FeedbackAttachmentsTable,
  FeedbackCaseEventsTable,
  FeedbackCasesTable,
  FeedbackReroutesTable,
} from './feedback.tables.ts';

export type CaseRow = Selectable<FeedbackCasesTable>;
export type EventRow = Selectable<FeedbackCaseEventsTable>;
export type AttachmentRow = Selectable<FeedbackAttachmentsTable>;
export type RerouteRow = Selectable<FeedbackReroutesTable>;
export type PauseRow = { id: number; case_id: number; reason: 'waiting' | 'resolved'; started_at: string; ended_at: string | null };

export async function insertCase(db: Executor, v: Insertable<FeedbackCasesTable>): Promise<CaseRow> {
  return db.insertInto('feedback_cases').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function findCase(db: Executor, id: number): Promise<CaseRow | undefined> {
  return db.selectFrom('feedback_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCases(db: Executor, ids: number[]): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('feedback_cases').selectAll().where('id', 'in', ids).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function findCaseByTracking(db: Executor, trackingNo: string): Promise<CaseRow | undefined> {
  return db.selectFrom('feedback_cases').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirst();
}

export async function updateCase(db: Executor, id: number, patch: Updateable<FeedbackCasesTable>): Promise<CaseRow> {
  return db
    .updateTable('feedback_cases')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A recent case with the same fingerprint (the same message from the same person to the same agency). */
export async function findDuplicate(db: Executor, fingerprint: string, since: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('feedback_cases')
    .selectAll()
    .where('fingerprint', '=', fingerprint)
    .where('created_at', '>=', since)
    .where('status', '!=', 'merged')
    .orderBy('id')
    .executeTakeFirst();
}

export interface CaseFilter {
  agencyIds?: number[];
  status?: CaseStatus | 'active';
  kind?: string;
  category?: string;
  assignedTo?: number | 'none';
  sla?: 'warning' | 'breached';
  q?: string;
  serviceId?: number;
}

/** Cases for an inbox: the oldest deadline first among active ones, newest first otherwise. */
export async function listCases(db: Executor, f: CaseFilter, limit: number, offset: number) {
  let q = db
    .selectFrom('feedback_cases')
    .select([
      'id',
      'tracking_no',
      'kind',
      'category',
      'agency_id',
      'service_id',
      'subject',
      'status',
      'assigned_to',
      'first_response_at',
      'first_due_at',
      'res_due_at',
      'first_warned',
      'first_breached',
      'res_warned',
      'res_breached',
      'created_at',
      'updated_at',
    ])
    .select((eb) =>
      eb.selectFrom('users').select('users.name').whereRef('users.id', '=', 'feedback_cases.assigned_to').as('assigned_name'),
    );
  if (f.agencyIds) q = q.where('agency_id', 'in', f.agencyIds.length ? f.agencyIds : [-1]);
  if (f.status === 'active') q = q.where('status', 'in', ['new', 'open', 'waiting']);
  else if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind as CaseRow['kind']);
  if (f.category) q = q.where('category', '=', f.category as CaseRow['category']);
  if (f.assignedTo === 'none') q = q.where('assigned_to', 'is', null);
  else if (f.assignedTo) q = q.where('assigned_to', '=', f.assignedTo);
  if (f.serviceId) q = q.where('service_id', '=', f.serviceId);
  if (f.sla === 'breached') q = q.where((eb) => eb.or([eb('first_breached', '=', 1), eb('res_breached', '=', 1)]));
  if (f.sla === 'warning')
    q = q.where((eb) =>
      eb.and([eb.or([eb('first_warned', '=', 1), eb('res_warned', '=', 1)]), eb('first_breached', '=', 0), eb('res_breached', '=', 0)]),
    );
  if (f.q) {
    const term = f.q.trim();
    q = q.where((eb) => eb.or([eb('tracking_no', '=', term.toUpperCase()), eb('subject', 'like', `%${term}%`)]));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function insertEvent(db: Executor, v: Omit<Insertable<FeedbackCaseEventsTable>, 'created_at'> & { created_at?: string }) {
  return db
    .insertInto('feedback_case_events')
    .values({ ...v, created_at: v.created_at ?? nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listEvents(db: Executor, caseId: number, visibility?: 'public') {
  let q = db.selectFrom('feedback_case_events').selectAll().where('case_id', '=', caseId);
  if (visibility) q = q.where('visibility', '=', visibility);
  return q.orderBy('id').execute();
}

export async function listPauses(db: Executor, caseId: number): Promise<PauseRow[]> {
  return db.selectFrom('feedback_case_pauses').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export async function openPause(db: Executor, caseId: number, reason: PauseRow['reason'], at: string) {
  await db.insertInto('feedback_case_pauses').values({ case_id: caseId, reason, started_at: at, ended_at: null }).execute();
}

/** Closes every open pause of the case at `at`. */
export async function closePauses(db: Executor, caseId: number, at: string) {
  await db.updateTable('feedback_case_pauses').set({ ended_at: at }).where('case_id', '=', caseId).where('ended_at', 'is', null).execute();
}

export async function insertAttachment(db: Executor, v: Insertable<FeedbackAttachmentsTable>) {
  return db.insertInto('feedback_attachments').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function listAttachments(db: Executor, caseId: number): Promise<AttachmentRow[]> {
  return db.selectFrom('feedback_attachments').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export async function findAttachment(db: Executor, caseId: number, id: number): Promise<AttachmentRow | undefined> {
  return db.selectFrom('feedback_attachments').selectAll().where('id', '=', id).where('case_id', '=', caseId).executeTakeFirst();
}

/** The files the beneficiary may see: theirs, and the agency's sent with its public replies. */
function publicAttachments(db: Executor, caseId: number) {
  return db
    .selectFrom('feedback_attachments as a')
    .innerJoin('feedback_case_events as e', 'e.id', 'a.event_id')
    .selectAll('a')
    .where('a.case_id', '=', caseId)
    .where('e.visibility', '=', 'public');
}

export async function listPublicAttachments(db: Executor, caseId: number): Promise<AttachmentRow[]> {
  return publicAttachments(db, caseId).orderBy('a.id').execute();
}

export async function findPublicAttachment(db: Executor, caseId: number, id: number): Promise<AttachmentRow | undefined> {
  return publicAttachments(db, caseId).where('a.id', '=', id).executeTakeFirst();
}

/** Other active cases of the same person at the same agency: candidates for a merge. */
export async function samePersonCases(db: Executor, c: CaseRow) {
  return db
    .selectFrom('feedback_cases')
    .select(['id', 'tracking_no', 'subject', 'status', 'created_at'])
    .where('agency_id', '=', c.agency_id)
    .where('contact_hash', '=', c.contact_hash)
    .where('id', '!=', c.id)
    .where('status', '!=', 'merged')
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
}

export async function insertReroute(db: Executor, v: Insertable<FeedbackReroutesTable>): Promise<RerouteRow> {
  return db.insertInto('feedback_reroutes').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function findReroute(db: Executor, id: number): Promise<RerouteRow | undefined> {
  return db.selectFrom('feedback_reroutes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function pendingRerouteOf(db: Executor, caseId: number): Promise<RerouteRow | undefined> {
  return db.selectFrom('feedback_reroutes').selectAll().where('case_id', '=', caseId).where('status', '=', 'pending').executeTakeFirst();
}

export async function listReroutes(db: Executor, status: RerouteRow['status'], limit: number, offset: number) {
  return db
    .selectFrom('feedback_reroutes')
    .innerJoin('feedback_cases', 'feedback_cases.id', 'feedback_reroutes.case_id')
    .selectAll('feedback_reroutes')
    .select(['feedback_cases.tracking_no', 'feedback_cases.subject'])
    .where('feedback_reroutes.status', '=', status)
    .orderBy('feedback_reroutes.requested_at', status === 'pending' ? 'asc' : 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}
