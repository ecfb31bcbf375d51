import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../../platform/db/tables.ts';

/** Who a branch is for: an agency's own work, a semi-government entity, one person, or a team. */
export const nomineeKinds = ['agency', 'semi_government', 'individual', 'team'] as const;
export type NomineeKind = (typeof nomineeKinds)[number];

/** A nomination's life: drafted by the agency, submitted before the deadline, or withdrawn before it. */
export const nominationStatuses = ['draft', 'submitted', 'withdrawn'] as const;
export type NominationStatus = (typeof nominationStatuses)[number];

/** The program office's screening of a submitted nomination. */
export const screenings = ['pending', 'eligible', 'ineligible'] as const;
export type Screening = (typeof screenings)[number];

/** Where a conflict of interest comes from (automatic ones come from agency membership and are not stored). */
export const conflictSources = ['declared', 'office'] as const;
export type ConflictSource = (typeof conflictSources)[number] | 'automatic';
export const conflictKinds = ['employment', 'family', 'collaboration', 'financial', 'other'] as const;
export type ConflictKind = (typeof conflictKinds)[number];

/** One judge's review of one nomination: assigned, then submitted (scores are then final). */
export const reviewStatuses = ['assigned', 'submitted'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

export const outcomes = ['winner', 'honourable_mention'] as const;
export type Outcome = (typeof outcomes)[number];

/** A branch's decision: open, proposed by the office, approved by the program administrator. */
export const decisionStatuses = ['open', 'proposed', 'approved'] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];

/**
 * The order in which the standings compare nominations: the raw weighted mean then the normalised one
 * (the default), the normalised then the raw, or the raw mean then how many top scores (the scale's
 * highest) the nomination received. A tie on every measure stays a tie (shared rank).
 */
export const tieBreaks = ['raw_normalised', 'normalised_raw', 'raw_top_scores'] as const;
export type TieBreak = (typeof tieBreaks)[number];

/** An edition of the award. Instants are UTC ISO texts; pages show them in Asia/Riyadh, Hijri beside Gregorian. */
export interface AwardCyclesTable {
  id: Generated<number>;
  number: number;
  name_ar: string;
  name_en: string;
  rules_ar: string;
  rules_en: string;
  announced_at: Timestamp;
  nominations_open_at: Timestamp;
  /** The last second at which a nomination may be saved, submitted or withdrawn (inclusive, to the second). */
  nominations_close_at: Timestamp;
  /** The deadline before its last extension (null when never extended), and why it moved. */
  extended_from: Timestamp | null;
  extension_reason: string | null;
  screening_ends_at: Timestamp;
  judging_ends_at: Timestamp;
  results_at: Timestamp;
  judges_per_nomination: number;
  /** How the standings break a tie of the first measure (see scoring.ts TIE_BREAKS). */
  tie_break: Generated<TieBreak>;
  results_published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One rubric criterion: a key, its names, its weight; every criterion is scored on the branch's 1..scale_max. */
export interface Criterion {
  key: string;
  name_ar: string;
  name_en: string;
  weight: number;
  /** What each score means, one line per score ("1: …"), in both languages or neither. */
  anchors_ar?: string;
  anchors_en?: string;
}

export interface AwardBranchesTable {
  id: Generated<number>;
  cycle_id: number;
  code: string;
  position: number;
  name_ar: string;
  name_en: string;
  description_ar: string;
  description_en: string;
  nominee_kind: NomineeKind;
  /** Eligibility Yusr checks itself: the nominated catalog service must be published and live. */
  requires_live_service: Flag;
  /** Rubric criteria (JSON array of Criterion). */
  rubric_json: string;
  scale_max: number;
  /** Show the per-judge z-score normalised mean beside the raw mean. */
  normalise: Flag;
  /** Blind review: judges never see who is nominated (agency, nominee, service) on any page Yusr renders. */
  blind: Flag;
  /** Eligibility Yusr checks itself: the agency's stage in its latest published measurement round is at least this one (a default stage key), or null. */
  min_stage: string | null;
  /** A nomination is submitted only with at least one supporting document. */
  attachments_required: Generated<Flag>;
  decision_status: DecisionStatus;
  decided_by: string | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
}

export interface AwardNominationsTable {
  id: Generated<number>;
  cycle_id: number;
  branch_id: number;
  /** The nominating agency (its administrators own the nomination); null for an individual's nomination. */
  agency_id: number | null;
  /** The individual who nominated (themselves or another), by a verified email; null for an agency's. */
  entrant_id: number | null;
  status: NominationStatus;
  title_ar: string;
  title_en: string;
  summary: string;
  /** The person or team nominated, for individual and team branches. */
  nominee_name: string | null;
  /** The nominated catalog service, where the branch is about one. */
  service_id: number | null;
  /** The evidence Yusr held at submission (JSON, see evidence.ts), frozen then. */
  evidence_json: string | null;
  screening: Screening;
  /** The reason given to the nominee when found ineligible. */
  screening_reason: string | null;
  screened_by: string | null;
  screened_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  /** The version of its branch's questions it answered (null while it has answered none). */
  question_set_id: Generated<number | null>;
  /** Its answers (JSON object, question key → text), frozen at submission. */
  answers_json: Generated<string | null>;
}

/** A judge on an edition's panel; the agency they work for makes automatic conflicts. */
export interface AwardJudgesTable {
  id: Generated<number>;
  cycle_id: number;
  user_id: number;
  affiliation_agency_id: number | null;
  added_at: Timestamp;
}

/** A declared (by the judge) or office-added conflict: with an agency's nominations or one nomination. */
export interface AwardConflictsTable {
  id: Generated<number>;
  cycle_id: number;
  judge_user_id: number;
  agency_id: number | null;
  nomination_id: number | null;
  source: (typeof conflictSources)[number];
  kind: ConflictKind;
  note: string | null;
  created_by: string;
  created_at: Timestamp;
}

/** A judge assigned to a nomination, and their review (scores per criterion, JSON: { key: { score, comment } }). */
export interface AwardReviewsTable {
  id: Generated<number>;
  nomination_id: number;
  judge_user_id: number;
  status: ReviewStatus;
  scores_json: string;
  comment: string | null;
  assigned_at: Timestamp;
  submitted_at: Timestamp | null;
}

/** A winner or honourable mention of a branch, with its citation; a branch with none is "not awarded". */
export interface AwardDecisionsTable {
  id: Generated<number>;
  branch_id: number;
  nomination_id: number;
  outcome: Outcome;
  citation_ar: string;
  citation_en: string;
  created_at: Timestamp;
}

/** A post in the panel's discussion of a nomination, by a judge who has submitted their review or by the office. */
export interface AwardDiscussionTable {
  id: Generated<number>;
  nomination_id: number;
  author_user_id: number;
  body: string;
  created_at: Timestamp;
}

/** A person who proved an email address for one edition, and so may nominate for its individual and team branches. */
export interface AwardEntrantsTable {
  id: Generated<number>;
  cycle_id: number;
  email: string;
  name: string;
  locale: 'ar' | 'en';
  code_hash: string | null;
  code_expires_at: Timestamp | null;
  code_attempts: Generated<number>;
  verified_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A supporting document attached to a nomination while a draft; frozen with it at submission. */
export interface AwardAttachmentsTable {
  id: Generated<number>;
  nomination_id: number;
  /** The platform storage's key. */
  file_key: string;
  /** The uploader's file name, sanitised (letters, digits, spaces, dot, dash, underscore; its extension the kind's). */
  file_name: string;
  /** The kind its bytes showed (never the declared type). */
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  created_at: Timestamp;
}

/** One bilingual question of a branch's nomination form. */
export type Question = {
  key: string;
  prompt_ar: string;
  prompt_en: string;
  help_ar: string;
  help_en: string;
  word_limit: number;
  required: boolean;
};

/** One version of a branch's nomination form questions; a new version once a nomination answered the last. */
export interface AwardQuestionSetsTable {
  id: Generated<number>;
  branch_id: number;
  version: number;
  /** JSON array of Question. */
  questions_json: string;
  created_by: string;
  created_at: Timestamp;
}

/** A judge on a branch's panel: automatic assignment draws only from a branch's panel when it has one. */
export interface AwardBranchPanelsTable {
  id: Generated<number>;
  branch_id: number;
  judge_user_id: number;
  added_by: string;
  created_at: Timestamp;
}

export interface AwardTables {
  award_branch_panels: AwardBranchPanelsTable;
  award_question_sets: AwardQuestionSetsTable;
  award_attachments: AwardAttachmentsTable;
  award_entrants: AwardEntrantsTable;
  award_cycles: AwardCyclesTable;
  award_branches: AwardBranchesTable;
  award_nominations: AwardNominationsTable;
  award_judges: AwardJudgesTable;
  award_conflicts: AwardConflictsTable;
  award_reviews: AwardReviewsTable;
  award_decisions: AwardDecisionsTable;
  award_discussion: AwardDiscussionTable;
}
