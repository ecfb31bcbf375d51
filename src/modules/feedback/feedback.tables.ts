import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../../platform/db/tables.ts';

export const caseKinds = ['complaint', 'inquiry', 'suggestion'] as const;
export type CaseKind = (typeof caseKinds)[number];
export const caseCategories = ['service_quality', 'delay', 'staff_conduct', 'technical', 'fees', 'information', 'other'] as const;
export type CaseCategory = (typeof caseCategories)[number];
/** new → open (the agency acted) ⇄ waiting (for the beneficiary; clocks paused) → resolved; merged ends a duplicate. */
export const caseStatuses = ['new', 'open', 'waiting', 'resolved', 'merged'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const resolutionCodes = [
  'resolved',
  'explained',
  'partially_resolved',
  'not_possible',
  'no_response',
  'withdrawn',
  'out_of_scope',
] as const;
export type ResolutionCode = (typeof resolutionCodes)[number];
export const eventKinds = [
  'submitted',
  'reply',
  'beneficiary_reply',
  'note',
  'assigned',
  'waiting',
  'resumed',
  'resolved',
  'reopened',
  'merged',
  'merged_in',
  'reroute_requested',
  'reroute_approved',
  'reroute_rejected',
  'sla_warning',
  'sla_breach',
  'survey',
] as const;
export type EventKind = (typeof eventKinds)[number];

/** A version of the rating questions; answers keep the driver code, so scores compare across versions. */
export interface FeedbackQuestionSetsTable {
  id: Generated<number>;
  version: number;
  /** JSON array of { driver, ar, en, staff } (see Question in feedback.schema.ts). */
  questions_json: string;
  created_at: Timestamp;
  created_by: string;
}

/** One rating of a service after use, without an account. */
export interface FeedbackRatingsTable {
  id: Generated<number>;
  service_id: number;
  agency_id: number;
  question_set_version: number;
  comment: string | null;
  comment_lang: 'ar' | 'en' | null;
  /** none (no comment), visible, or hidden by moderation (the text is kept, never shown). */
  comment_state: 'none' | 'visible' | 'hidden';
  hidden_reason: string | null;
  hidden_by: string | null;
  hidden_at: Timestamp | null;
  public_reply: string | null;
  public_reply_lang: 'ar' | 'en' | null;
  public_reply_at: Timestamp | null;
  public_reply_by: string | null;
  /** Keyed hash (HMAC) of the sender's IP; the address itself is never stored. */
  ip_hash: string;
  /** Keyed hash of service, IP and answers: the same rating sent twice is stored once. */
  fingerprint: string;
  /** 'YYYY-MM' in the configured time zone, for monthly trends. */
  month: string;
  created_at: Timestamp;
}

/** One answer (1 strongly disagree … 5 strongly agree) of a rating, denormalised for aggregation. */
export interface FeedbackAnswersTable {
  id: Generated<number>;
  rating_id: number;
  service_id: number;
  agency_id: number;
  driver: string;
  score: number;
  month: string;
  created_at: Timestamp;
}

/** A complaint, inquiry or suggestion, with its SLA clocks' cached deadlines. */
export interface FeedbackCasesTable {
  id: Generated<number>;
  tracking_no: string;
  kind: CaseKind;
  category: CaseCategory;
  agency_id: number;
  service_id: number | null;
  subject: string;
  body: string;
  lang: 'ar' | 'en';
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  notify_by: 'email' | 'sms';
  /** Keyed hash of the normalised email or phone: rate limits and same-person checks without the address. */
  contact_hash: string;
  ip_hash: string;
  fingerprint: string;
  status: CaseStatus;
  assigned_to: number | null;
  resolution_code: ResolutionCode | null;
  merged_into: number | null;
  reopen_count: number;
  first_response_at: Timestamp | null;
  /** Working milliseconds the first response took (pauses excluded). */
  first_response_ms: number | null;
  resolved_at: Timestamp | null;
  /** Targets copied from the policy when the case was filed (or re-routed). */
  sla_first_ms: number;
  sla_resolution_ms: number;
  sla_warn_permille: number;
  /** Cached from the clock so the sweep can select by index; null while stopped or paused. */
  first_warn_at: Timestamp | null;
  first_due_at: Timestamp | null;
  res_warn_at: Timestamp | null;
  res_due_at: Timestamp | null;
  first_warned: Flag;
  first_breached: Flag;
  res_warned: Flag;
  res_breached: Flag;
  /** The resolution SLA's outcome once known, and when it became known (SLA compliance counts by it). */
  sla_outcome: 'met' | 'breached' | null;
  sla_outcome_at: Timestamp | null;
  /** 'YYYY-MM' of sla_outcome_at in the configured zone, for monthly SLA trends. */
  sla_outcome_month: string | null;
  survey_score: number | null;
  survey_at: Timestamp | null;
  month: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FeedbackCaseEventsTable {
  id: Generated<number>;
  case_id: number;
  agency_id: number;
  kind: EventKind;
  /** public: on the beneficiary's status page; internal: agency staff only. */
  visibility: 'public' | 'internal';
  author_type: 'beneficiary' | 'staff' | 'system';
  author_id: number | null;
  author_label: string | null;
  body: string | null;
  data_json: string | null;
  created_at: Timestamp;
}

/** Time the case waited for the beneficiary (or sat resolved before a reopening): both clocks stand still. */
export interface FeedbackCasePausesTable {
  id: Generated<number>;
  case_id: number;
  reason: 'waiting' | 'resolved';
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface FeedbackAttachmentsTable {
  id: Generated<number>;
  case_id: number;
  event_id: number | null;
  agency_id: number;
  storage_key: string;
  size: number;
  sha256: string;
  mime: string;
  ext: string;
  source: 'beneficiary' | 'staff';
  created_at: Timestamp;
}

/** One row per Hijri year, locked by the UPDATE that takes the next tracking number. */
export interface FeedbackCountersTable {
  year: number;
  last_seq: number;
}

export interface FeedbackSlaPoliciesTable {
  id: Generated<number>;
  /** `${agency_id|program}:${category|*}`: unique on both engines, where NULLs never collide. */
  scope_key: string;
  agency_id: number | null;
  category: CaseCategory | null;
  first_response_minutes: number;
  resolution_minutes: number;
  warn_permille: number | null;
  updated_at: Timestamp;
  updated_by: string;
}

export interface FeedbackHolidaysTable {
  id: Generated<number>;
  name_ar: string;
  name_en: string;
  /** As in sla/calendar.ts: 'YYYY-MM-DD', 'YYYY-MM-DD..YYYY-MM-DD' or yearly 'MM-DD..MM-DD'. */
  dates: string;
  calendar: 'gregorian' | 'hijri';
  created_at: Timestamp;
  created_by: string;
}

export interface FeedbackSettingsTable {
  key: string;
  value: string;
}

export interface FeedbackAgencySettingsTable {
  agency_id: number;
  show_cx_summary: Flag;
  updated_at: Timestamp;
}

export interface FeedbackReroutesTable {
  id: Generated<number>;
  case_id: number;
  from_agency_id: number;
  to_agency_id: number;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  note: string | null;
}

/** Reply templates in both languages: an agency's own, or program-wide (agency_id null). */
export interface FeedbackTemplatesTable {
  id: Generated<number>;
  agency_id: number | null;
  title_ar: string;
  title_en: string;
  body_ar: string;
  body_en: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** CX aggregates (migration 0065): kept by triggers in the same transaction as each rating, answer and case change. */
export interface FeedbackCxRatingsTable {
  month: string;
  agency_id: number;
  service_id: number;
  ratings: number;
}
/** Answers per driver and score (n1 strongly disagree … n5 strongly agree). */
export interface FeedbackCxAnswersTable {
  driver: string;
  month: string;
  agency_id: number;
  service_id: number;
  n1: number;
  n2: number;
  n3: number;
  n4: number;
  n5: number;
}
/** Cases by the month filed, kind and status (service_id 0: about no service); settled = resolved at least once. */
export interface FeedbackCxCasesTable {
  month: string;
  agency_id: number;
  service_id: number;
  kind: CaseKind;
  status: CaseStatus;
  cases: number;
  settled: number;
  reopened: number;
}
/** Resolution SLA outcomes by the month they were settled. */
export interface FeedbackCxSlaTable {
  month: string;
  agency_id: number;
  service_id: number;
  met: number;
  breached: number;
}

export interface FeedbackTables {
  feedback_question_sets: FeedbackQuestionSetsTable;
  feedback_ratings: FeedbackRatingsTable;
  feedback_answers: FeedbackAnswersTable;
  feedback_cases: FeedbackCasesTable;
  feedback_case_events: FeedbackCaseEventsTable;
  feedback_case_pauses: FeedbackCasePausesTable;
  feedback_attachments: FeedbackAttachmentsTable;
  feedback_counters: FeedbackCountersTable;
  feedback_sla_policies: FeedbackSlaPoliciesTable;
  feedback_holidays: FeedbackHolidaysTable;
  feedback_settings: FeedbackSettingsTable;
  feedback_agency_settings: FeedbackAgencySettingsTable;
  feedback_reroutes: FeedbackReroutesTable;
  feedback_templates: FeedbackTemplatesTable;
  feedback_cx_ratings: FeedbackCxRatingsTable;
  feedback_cx_answers: FeedbackCxAnswersTable;
  feedback_cx_cases: FeedbackCxCasesTable;
  feedback_cx_sla: FeedbackCxSlaTable;
}
