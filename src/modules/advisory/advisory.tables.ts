import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../../platform/db/tables.ts';

/** What an agency may ask the advisory team for (the list). */
export const requestTypes = [
  'strategic_plan',
  'tender_review',
  'vendor_evaluation',
  'technical_review',
  'service_availability',
  'other',
] as const;
export type RequestType = (typeof requestTypes)[number];

export const urgencies = ['normal', 'high', 'critical'] as const;
export type Urgency = (typeof urgencies)[number];

export const priorities = ['low', 'medium', 'high'] as const;
export type Priority = (typeof priorities)[number];

/**
 * A request's life: submitted → (info_requested → submitted)* → accepted | declined; accepted →
 * delivered (the lead advisor hands over the findings) → closed (the agency rates the help).
 */
export const requestStatuses = ['submitted', 'info_requested', 'accepted', 'declined', 'delivered', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const assignmentRoles = ['lead', 'reviewer'] as const;
export type AssignmentRole = (typeof assignmentRoles)[number];

export const severities = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];

export const responses = ['accept', 'accept_in_part', 'reject'] as const;
export type FindingResponse = (typeof responses)[number];

/** Kinds of document, after the OCDS documentType codelist (projectPlan, biddingDocuments, …). */
export const docTypes = [
  'project_plan',
  'bidding_documents',
  'technical_specifications',
  'evaluation_criteria',
  'evaluation_reports',
  'contract_draft',
  'feasibility_study',
  'other',
] as const;
export type DocType = (typeof docTypes)[number];

/** A member of the advisory team: a person with the `advisor` role and the agency they come from. */
export interface AdvisoryAdvisorsTable {
  id: Generated<number>;
  user_id: number;
  home_agency_id: number;
  active: Flag;
  created_at: Timestamp;
}

export interface AdvisoryRequestsTable {
  id: Generated<number>;
  agency_id: number;
  type: RequestType;
  title: string;
  question: string;
  urgency: Urgency;
  /** Catalog services and plan initiatives it concerns: their ids, comma-separated. */
  service_ids: string;
  initiative_ids: string;
  status: RequestStatus;
  priority: Priority | null;
  decline_reason: string | null;
  /** The lead advisor's summary when delivering: the advisory report opens with it. */
  summary: string | null;
  submitted_by: string;
  submitted_at: Timestamp;
  /** The office's decision (accept or decline): stops the first-response clock. */
  first_response_at: Timestamp | null;
  /** The lead advisor's hand-over: stops the delivery clock. */
  delivered_at: Timestamp | null;
  closed_at: Timestamp | null;
  /** The agency's rating of the help, 1 (poor) to 5 (excellent), given at closure. */
  satisfaction: number | null;
  closure_comment: string | null;
  /** The office's choice: in the knowledge search its findings name no agency. */
  anonymised: Flag;
  updated_at: Timestamp;
}

/** A stretch waiting for the agency ("more information"): both SLA clocks stop. */
export interface AdvisoryPausesTable {
  id: Generated<number>;
  request_id: number;
  from_at: Timestamp;
  to_at: Timestamp | null;
  question: string;
  answer: string | null;
}

export interface AdvisoryAssignmentsTable {
  id: Generated<number>;
  request_id: number;
  advisor_id: number;
  role: AssignmentRole;
  /** Set only when the advisor comes from the requesting agency: the office's recorded exception. */
  exception_reason: string | null;
  assigned_by: string;
  assigned_at: Timestamp;
}

export interface AdvisoryCommentsTable {
  id: Generated<number>;
  request_id: number;
  parent_id: number | null;
  /** The section or page of the document the comment is about (free text, e.g. "§3.2, p. 14"). */
  anchor: string | null;
  body: string;
  author_label: string;
  created_at: Timestamp;
  /** The author's account: only they may edit the comment (null on comments from before authorship was kept). */
  author_user_id: number | null;
  edited_at: Timestamp | null;
}

/** What a comment said before an edit: the history its page shows. */
export interface AdvisoryCommentEditsTable {
  id: Generated<number>;
  comment_id: number;
  body: string;
  anchor: string | null;
  edited_by: string;
  edited_at: Timestamp;
}

export const slaClocks = ['first_response', 'delivery'] as const;
export type SlaClock = (typeof slaClocks)[number];
export const alertKinds = ['warning', 'breach'] as const;
export type AlertKind = (typeof alertKinds)[number];

/** An SLA alert sent: at most one per request, clock and kind, ever. */
export interface AdvisorySlaAlertsTable {
  id: Generated<number>;
  request_id: number;
  clock: SlaClock;
  kind: AlertKind;
  /** The deadline the alert named. */
  due_at: Timestamp;
  sent_at: Timestamp;
}

/** A meeting of the team on a request, with its minutes once it has taken place. */
export interface AdvisoryMeetingsTable {
  id: Generated<number>;
  request_id: number;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string | null;
  online_url: string | null;
  agenda: string | null;
  minutes: string | null;
  decisions: string | null;
  minutes_by: string | null;
  minutes_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  /** The revision: 0 as scheduled, one more with each reschedule and with the cancellation (the calendar file's SEQUENCE). */
  sequence: Generated<number>;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  /** When the minutes were last corrected (their earlier wordings are in advisory_minutes_edits). */
  minutes_edited_at: Timestamp | null;
}

/** A meeting's schedule before a reschedule: what it was at that revision, and why it changed. */
export interface AdvisoryMeetingVersionsTable {
  id: Generated<number>;
  meeting_id: number;
  sequence: number;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string | null;
  online_url: string | null;
  agenda: string | null;
  reason: string;
  changed_by: string;
  changed_at: Timestamp;
}

/** What the minutes said before a correction, and why they were corrected. */
export interface AdvisoryMinutesEditsTable {
  id: Generated<number>;
  meeting_id: number;
  minutes: string;
  decisions: string | null;
  reason: string;
  edited_by: string;
  edited_at: Timestamp;
}

export interface AdvisoryMeetingAttendeesTable {
  id: Generated<number>;
  meeting_id: number;
  user_id: number;
}

/** A change to who attends a meeting: the revision it set and the people (user ids, comma-separated) it added and removed. */
export interface AdvisoryAttendeeChangesTable {
  id: Generated<number>;
  meeting_id: number;
  sequence: number;
  added: string;
  removed: string;
  changed_by: string;
  changed_at: Timestamp;
}

export interface AdvisoryTasksTable {
  id: Generated<number>;
  request_id: number;
  title: string;
  owner_advisor_id: number | null;
  due_on: string;
  done_at: Timestamp | null;
  created_at: Timestamp;
  /** The meeting whose minutes made this task, if one did. */
  meeting_id: number | null;
}

export interface AdvisoryFindingsTable {
  id: Generated<number>;
  request_id: number;
  severity: Severity;
  title: string;
  recommendation: string;
  /** The document and place it refers to. */
  reference: string;
  response: FindingResponse | null;
  response_reason: string | null;
  /** When the agency commits to act on an accepted finding (the follow-up's due date). */
  due_on: string | null;
  responded_at: Timestamp | null;
  /** Accepted findings become follow-up actions, which the office closes. */
  followup_closed_at: Timestamp | null;
  followup_note: string | null;
  created_by: string;
  created_at: Timestamp;
}

/** A document of a request; a new version names the one it supersedes and carries its type and title. */
export interface AdvisoryDocumentsTable {
  id: Generated<number>;
  request_id: number;
  doc_type: DocType;
  title: string;
  version: number;
  supersedes_id: number | null;
  storage_key: string;
  mime: string;
  ext: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export interface AdvisoryTables {
  advisory_advisors: AdvisoryAdvisorsTable;
  advisory_requests: AdvisoryRequestsTable;
  advisory_pauses: AdvisoryPausesTable;
  advisory_assignments: AdvisoryAssignmentsTable;
  advisory_comments: AdvisoryCommentsTable;
  advisory_tasks: AdvisoryTasksTable;
  advisory_findings: AdvisoryFindingsTable;
  advisory_documents: AdvisoryDocumentsTable;
  advisory_comment_edits: AdvisoryCommentEditsTable;
  advisory_sla_alerts: AdvisorySlaAlertsTable;
  advisory_meetings: AdvisoryMeetingsTable;
  advisory_meeting_attendees: AdvisoryMeetingAttendeesTable;
  advisory_meeting_versions: AdvisoryMeetingVersionsTable;
  advisory_minutes_edits: AdvisoryMinutesEditsTable;
  advisory_attendee_changes: AdvisoryAttendeeChangesTable;
}
