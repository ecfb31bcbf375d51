import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../../platform/db/tables.ts';

export type FrameworkStatus = 'draft' | 'published';
export type RoundStatus = 'draft' | 'open' | 'finalised' | 'published';
export type ParticipantStatus = 'in_progress' | 'submitted' | 'returned';
/**
 * draft: saved by the agency, not submitted; submitted: waiting for review; accepted / adjusted
 * (reviewed); returned: sent back to the agency; responded: the agency answered the return and
 * will resubmit.
 */
export type AnswerStatus = 'draft' | 'submitted' | 'accepted' | 'adjusted' | 'returned' | 'responded';

/** One version of a framework; its JSON is the exported document, frozen once published. */
export interface MeasureFrameworksTable {
  id: Generated<number>;
  key: string;
  version: string;
  name_ar: string;
  name_en: string;
  status: FrameworkStatus;
  definition_json: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
}

export interface MeasureRoundsTable {
  id: Generated<number>;
  code: string;
  framework_id: number;
  name_ar: string;
  name_en: string;
  /** The period measured (YYYY-MM-DD, inclusive): automatic indicators read platform data of this period. */
  period_from: string;
  period_to: string;
  opens_at: Timestamp;
  /** Exclusive: answers are accepted while now < closes_at. */
  closes_at: Timestamp;
  /** Comma-separated days before the close on which reminders go out, e.g. "7,1". */
  reminder_days: string;
  status: RoundStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
  opened_at: Timestamp | null;
  finalised_at: Timestamp | null;
  published_at: Timestamp | null;
}

export interface MeasureParticipantsTable {
  id: Generated<number>;
  round_id: number;
  agency_id: number;
  status: ParticipantStatus;
  signed_off_by: string | null;
  signed_off_at: Timestamp | null;
  submitted_at: Timestamp | null;
  submissions: number;
  updated_at: Timestamp;
}

export interface MeasureAnswersTable {
  id: Generated<number>;
  round_id: number;
  agency_id: number;
  question_key: string;
  /** JSON of the agency's value: true/false, a level key, or a number; null when unanswered or N/A. */
  value_json: string | null;
  na: Flag;
  comment: string | null;
  /** For automatic questions: the source reading (numerator, denominator, rate, period, when). */
  auto_json: string | null;
  status: AnswerStatus;
  review_value_json: string | null;
  review_na: Flag;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  response: string | null;
  /** Optimistic lock: every change of the agency's answer increments it. */
  version: number;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeasureEvidenceTable {
  id: Generated<number>;
  answer_id: number;
  round_id: number;
  agency_id: number;
  storage_key: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

/** The visible history of one answer: every save, evidence change, submission and review decision. */
export interface MeasureAnswerEventsTable {
  id: Generated<number>;
  answer_id: number;
  action: string;
  detail_json: string | null;
  actor_label: string | null;
  at: Timestamp;
}

/** Scores frozen when a round is finalised: what every results page, report and export shows. */
export interface MeasureResultsTable {
  id: Generated<number>;
  round_id: number;
  agency_id: number;
  agency_code: string;
  score: number | null;
  display: number | null;
  score_text: string | null;
  rank: number | null;
  stage_key: string | null;
  /** JSON: node key → { value, score, weight, contribution }, in framework order. */
  nodes_json: string;
  computed_at: Timestamp;
}

/** A file of answers kept between its dry run and its application (by the same person). */
export interface MeasureUploadsTable {
  id: Generated<number>;
  round_id: number;
  storage_key: string;
  file_name: string;
  kind: 'csv' | 'xlsx';
  sha256: string;
  /** kind:id of the uploader: only they may apply it. */
  uploaded_by: string;
  created_at: Timestamp;
  applied_at: Timestamp | null;
}

/** Evidence given as the address of a document (from a bulk upload or the API) rather than a file. */
export interface MeasureEvidenceLinksTable {
  id: Generated<number>;
  answer_id: number;
  round_id: number;
  agency_id: number;
  url: string;
  added_by: string | null;
  added_at: Timestamp;
}

export interface MeasureTables {
  measure_frameworks: MeasureFrameworksTable;
  measure_rounds: MeasureRoundsTable;
  measure_participants: MeasureParticipantsTable;
  measure_answers: MeasureAnswersTable;
  measure_evidence: MeasureEvidenceTable;
  measure_answer_events: MeasureAnswerEventsTable;
  measure_results: MeasureResultsTable;
  measure_uploads: MeasureUploadsTable;
  measure_evidence_links: MeasureEvidenceLinksTable;
}
