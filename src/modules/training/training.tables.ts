import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../../platform/db/tables.ts';

export const audiences = ['employees', 'public'] as const;
export type Audience = (typeof audiences)[number];

export const tracks = ['digital_services', 'data', 'cybersecurity', 'service_design', 'change_management'] as const;
export type Track = (typeof tracks)[number];

export const deliveryModes = ['online', 'in_person', 'blended'] as const;
export type DeliveryMode = (typeof deliveryModes)[number];

/**
 * An offering's life: drafted by the office, open for enrolment, closed to new enrolments (it still
 * runs), completed once it has run, or cancelled.
 */
export const offeringStatuses = ['draft', 'open', 'closed', 'completed', 'cancelled'] as const;
export type OfferingStatus = (typeof offeringStatuses)[number];

/**
 * An enrolment: requested by the person (waiting for their agency administrator), then enrolled
 * (holds a seat) or waitlisted (in order, promoted when a seat frees); or rejected, or cancelled.
 */
export const enrolmentStatuses = ['requested', 'enrolled', 'waitlisted', 'rejected', 'cancelled'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

/** How a completion was recorded: computed from the criteria, or by the office with a written reason. */
export type CompletionBasis = 'criteria' | 'manual';

export interface TrainingProgrammesTable {
  id: Generated<number>;
  code: string;
  title_ar: string;
  title_en: string;
  description_ar: string;
  description_en: string;
  audience: Audience;
  track: Track;
  hours: number;
  delivery_mode: DeliveryMode;
  /** Completion needs attendance of at least this share of the offering's sessions (0–100). */
  min_attendance_pct: number;
  /** Completion needs a passed assessment at this mark (0–100); null: no assessment. */
  pass_mark_pct: number | null;
  max_attempts: number;
  questions_per_attempt: number;
  /** The assignment's brief in both languages; null: the programme asks for none (else completion needs it accepted). */
  assignment_ar: string | null;
  assignment_en: string | null;
  published: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingQuestionsTable {
  id: Generated<number>;
  programme_id: number;
  text_ar: string;
  text_en: string;
  /** The choices, JSON: [{ ar, en }, …]. */
  options_json: string;
  correct_index: number;
  created_at: Timestamp;
}

export interface TrainingOfferingsTable {
  id: Generated<number>;
  programme_id: number;
  starts_on: string;
  ends_on: string;
  location_ar: string | null;
  location_en: string | null;
  online_url: string | null;
  capacity: number;
  /** Seats held by enrolled people; a conditional update keeps it ≤ capacity (and a CHECK backs it). */
  seats_taken: number;
  /** The last waitlist position handed out (positions only grow, so the order is the sign-up order). */
  waitlist_seq: number;
  status: OfferingStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingSessionsTable {
  id: Generated<number>;
  offering_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  /** The short code a trainer shows, with which an enrolled person marks their own attendance (valid only around the session). */
  code: string | null;
  code_set_by: string | null;
}

/** An assignment: submitted, then accepted or returned with a comment (and submitted again). */
export const assignmentStatuses = ['submitted', 'accepted', 'returned'] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];

/** One person's assignment on an offering: a member of staff's (enrolment_id) or a member of the public's (guest_id). */
export interface TrainingAssignmentsTable {
  id: Generated<number>;
  enrolment_id: number | null;
  guest_id: number | null;
  offering_id: number;
  text: string;
  /** The optional PDF: the platform storage's key, its sanitised name, size and SHA-256. */
  file_key: string | null;
  file_name: string | null;
  file_size: number | null;
  file_sha256: string | null;
  status: AssignmentStatus;
  /** The reviewer's comment (required when returned). */
  comment: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  submitted_at: Timestamp;
}

export interface TrainingTrainersTable {
  id: Generated<number>;
  offering_id: number;
  user_id: number;
}

export interface TrainingEnrolmentsTable {
  id: Generated<number>;
  offering_id: number;
  user_id: number;
  /** The agency the person was enrolled for (whose administrator approves). */
  agency_id: number;
  status: EnrolmentStatus;
  waitlist_position: number | null;
  /** 1 when the agency administrator nominated the person (no request to approve). */
  nominated: Flag;
  decided_by: string | null;
  decided_at: Timestamp | null;
  completed_at: Timestamp | null;
  completion_basis: CompletionBasis | null;
  completion_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingAttendanceTable {
  id: Generated<number>;
  session_id: number;
  enrolment_id: number;
  present: Flag;
  marked_by: string;
  marked_at: Timestamp;
}

export interface TrainingAttemptsTable {
  id: Generated<number>;
  enrolment_id: number;
  /** The question ids drawn for this attempt, comma-separated. */
  question_ids: string;
  /** null until the answers are in. */
  correct: number | null;
  total: number;
  passed: Flag | null;
  started_at: Timestamp;
  submitted_at: Timestamp | null;
}

export interface TrainingTargetsTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  /** The share of the agency's staff who should complete a programme that year (0–100). */
  target_pct: number;
  /** The hours of completed programmes the agency aims for per member of its staff that year; null: none set. */
  hours_per_employee: number | null;
  updated_at: Timestamp;
}

/** The share of an agency's staff who should complete a programme of one track in a year (0–100). */
export interface TrainingTrackTargetsTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  track: Track;
  target_pct: number;
  updated_at: Timestamp;
}

/** A member of the public's sign-up: pending until the email is verified, then a seat or a waitlist place. */
export const guestStatuses = ['pending', 'enrolled', 'waitlisted', 'cancelled'] as const;
export type GuestStatus = (typeof guestStatuses)[number];

export interface TrainingGuestsTable {
  id: Generated<number>;
  offering_id: number;
  name: string;
  /** Lower-cased. */
  email: string;
  /** E.164, or null. */
  phone: string | null;
  locale: 'ar' | 'en';
  code_hash: string | null;
  code_expires_at: Timestamp | null;
  code_attempts: number;
  verified_at: Timestamp | null;
  status: GuestStatus;
  waitlist_position: number | null;
  /** As on an enrolment: when the criteria were met (or the office recorded it), how, and the office's reason. */
  completed_at: Timestamp | null;
  completion_basis: CompletionBasis | null;
  completion_reason: string | null;
  /** Who cancelled the place when it was not the person (the office), and the reason they were told. */
  cancelled_by: string | null;
  cancel_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A member of the public's presence at one session, marked by a trainer or the office. */
export interface TrainingGuestAttendanceTable {
  id: Generated<number>;
  session_id: number;
  guest_id: number;
  present: Flag;
  marked_by: string;
  marked_at: Timestamp;
}

/** A member of the public's assessment attempt, taken through the signed link of their sign-up. */
export interface TrainingGuestAttemptsTable {
  id: Generated<number>;
  guest_id: number;
  /** The question ids drawn for this attempt, comma-separated. */
  question_ids: string;
  correct: number | null;
  total: number;
  passed: Flag | null;
  started_at: Timestamp;
  submitted_at: Timestamp | null;
}

/** Which member of the public was asked to evaluate an offering and whether they answered. */
export interface TrainingGuestEvaluationInvitesTable {
  id: Generated<number>;
  guest_id: number;
  offering_id: number;
  sent_at: Timestamp;
  responded_at: Timestamp | null;
}

/** Who was asked to evaluate an offering and whether they answered (never what they answered). */
export interface TrainingEvaluationInvitesTable {
  id: Generated<number>;
  enrolment_id: number;
  offering_id: number;
  sent_at: Timestamp;
  responded_at: Timestamp | null;
}

/** One anonymous answer to an offering's evaluation: ratings 1–5 and an optional comment, with its day only. */
export interface TrainingEvaluationResponsesTable {
  id: Generated<number>;
  offering_id: number;
  relevance: number;
  quality: number;
  recommend: number;
  comment: string | null;
  submitted_on: string;
}

/** A programme that must be completed before another (programme_id needs required_id). */
export interface TrainingPrerequisitesTable {
  id: Generated<number>;
  programme_id: number;
  required_id: number;
}

/** The office's recorded decision that a person may enrol in a programme without its prerequisites. */
export interface TrainingWaiversTable {
  id: Generated<number>;
  programme_id: number;
  user_id: number;
  reason: string;
  waived_by: string;
  created_at: Timestamp;
}

export interface TrainingTables {
  training_programmes: TrainingProgrammesTable;
  training_questions: TrainingQuestionsTable;
  training_offerings: TrainingOfferingsTable;
  training_sessions: TrainingSessionsTable;
  training_trainers: TrainingTrainersTable;
  training_enrolments: TrainingEnrolmentsTable;
  training_attendance: TrainingAttendanceTable;
  training_attempts: TrainingAttemptsTable;
  training_targets: TrainingTargetsTable;
  training_guests: TrainingGuestsTable;
  training_evaluation_invites: TrainingEvaluationInvitesTable;
  training_evaluation_responses: TrainingEvaluationResponsesTable;
  training_prerequisites: TrainingPrerequisitesTable;
  training_waivers: TrainingWaiversTable;
  training_guest_attendance: TrainingGuestAttendanceTable;
  training_guest_attempts: TrainingGuestAttemptsTable;
  training_guest_evaluation_invites: TrainingGuestEvaluationInvitesTable;
  training_assignments: TrainingAssignmentsTable;
  training_track_targets: TrainingTrackTargetsTable;
}
