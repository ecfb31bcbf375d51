import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/tables.ts';

/**
 * A consultation's life: an agency editor drafts it, the agency administrator publishes it (it is
 * open for comment between its two days, both included, in the program's time zone), and after it
 * closes the agency answers every comment and completes it, publishing the report.
 */
export const consultationStatuses = ['draft', 'published', 'completed'] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];

/** What the public sees of a published consultation: before, during and after its period, or its report. */
export type Phase = 'draft' | 'upcoming' | 'open' | 'closed' | 'completed';

export const sourceFormats = ['text', 'markdown', 'docx'] as const;
export type SourceFormat = (typeof sourceFormats)[number];

/** The draft put to consultation, or the final text after it. */
export const textVersions = ['draft', 'final'] as const;
export type TextVersion = (typeof textVersions)[number];

/** How a comment's author appears to the public (the agency always knows). */
export const displayModes = ['name', 'anonymous'] as const;
export type DisplayMode = (typeof displayModes)[number];

/** visible; hidden (reported past the threshold, or by a moderator, pending review); removed by a moderator. */
export const commentStatuses = ['visible', 'hidden', 'removed'] as const;
export type CommentStatus = (typeof commentStatuses)[number];

/** What the agency did with a comment. */
export const dispositions = ['accepted', 'accepted_in_part', 'not_accepted', 'out_of_scope'] as const;
export type Disposition = (typeof dispositions)[number];

export const stances = ['agree', 'disagree'] as const;
export type Stance = (typeof stances)[number];

export const moderationActions = ['hidden_by_reports', 'hide', 'restore', 'remove'] as const;
export type ModerationAction = (typeof moderationActions)[number];

export interface ParticipateConsultationsTable {
  id: Generated<number>;
  agency_id: number;
  title_ar: string;
  title_en: string;
  summary_ar: string;
  summary_en: string;
  /** The text as pasted, kept as it came. */
  source_format: SourceFormat;
  source_text: string;
  /** A DOCX draft's original file (its text is `source_text`): storage key, uploaded name, SHA-256. */
  source_file_key: Generated<string | null>;
  source_file_name: Generated<string | null>;
  source_file_sha256: Generated<string | null>;
  /** The final text as pasted after the consultation (its articles are the 'final' version). */
  final_text: string | null;
  report_ar: string | null;
  report_en: string | null;
  /** First and last day of the period, YYYY-MM-DD, both included. */
  opens_on: string;
  closes_on: string;
  status: ConsultationStatus;
  /** The program office's approval of a draft: required before the agency may publish it. */
  approval: Generated<Approval>;
  /** The office's comment when it returned the draft (cleared on approval). */
  approval_comment: string | null;
  /** Whom it is for, in both languages (0039); null when it is for everyone. */
  audience_ar: string | null;
  audience_en: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
  completed_at: Timestamp | null;
}

export interface ParticipateArticlesTable {
  id: Generated<number>;
  consultation_id: number;
  version: TextVersion;
  /** 1, 2, 3… in the order of the text. */
  position: number;
  /** The heading as written ("المادة الأولى", "Article 3 — Scope"); empty for a preamble. */
  label: string;
  body: string;
}

export interface ParticipateQuestionsTable {
  id: Generated<number>;
  consultation_id: number;
  position: number;
  text_ar: string;
  text_en: string;
}

/** A member of the public who verified an email address by a one-time code. */
export interface ParticipateParticipantsTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  name: string;
  /** The language they asked for their code in; later emails use it. */
  locale: 'ar' | 'en';
  code_hash: string | null;
  code_expires_at: Timestamp | null;
  code_attempts: number;
  verified_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ParticipateCommentsTable {
  id: Generated<number>;
  consultation_id: number;
  /** The article commented on; null with no question for the whole text. */
  article_id: number | null;
  /** The question answered, if the comment answers one. */
  question_id: number | null;
  participant_id: number;
  /** The author's text, never changed (moderation changes only the status). */
  body: string;
  display: DisplayMode;
  status: CommentStatus;
  reports: number;
  moderation_reason: string | null;
  disposition: Disposition | null;
  disposition_reason: string | null;
  disposed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ParticipateVotesTable {
  id: Generated<number>;
  consultation_id: number;
  article_id: number;
  participant_id: number;
  stance: Stance;
  updated_at: Timestamp;
}

export interface ParticipateReportsTable {
  id: Generated<number>;
  comment_id: number;
  participant_id: number;
  created_at: Timestamp;
}

/** Every moderation step on a comment, with the reason its author is shown. */
export interface ParticipateModerationTable {
  id: Generated<number>;
  comment_id: number;
  action: ModerationAction;
  reason: string;
  actor_label: string;
  at: Timestamp;
}

/** none (being drafted), submitted to the office, approved (may be published), returned with a comment. */
export const approvals = ['none', 'submitted', 'approved', 'returned'] as const;
export type Approval = (typeof approvals)[number];

/** What an idea is about. */
export const ideaCategories = ['new_service', 'improvement', 'digital_channel', 'accessibility', 'other'] as const;
export type IdeaCategory = (typeof ideaCategories)[number];

/** An idea waits for moderation, then is published or rejected (with a reason the proposer is told). */
export const ideaModerations = ['pending', 'published', 'rejected'] as const;
export type IdeaModeration = (typeof ideaModerations)[number];

/** The official answer to a published idea, shown publicly with its history. */
export const ideaAnswers = ['under_study', 'accepted', 'implemented', 'declined'] as const;
export type IdeaAnswer = (typeof ideaAnswers)[number];

/** An idea from the public, to an agency or to the program (agency_id null). */
export interface ParticipateIdeasTable {
  id: Generated<number>;
  agency_id: number | null;
  participant_id: number;
  title: string;
  description: string;
  category: IdeaCategory;
  /** A catalog service the idea is about, if any. */
  service_id: number | null;
  moderation: IdeaModeration;
  moderation_reason: string | null;
  /** The latest answer (null until the first). */
  answer: IdeaAnswer | null;
  answer_reason: string | null;
  /** Verified addresses supporting it (kept equal to its support rows). */
  supports: Generated<number>;
  created_at: Timestamp;
  published_at: Timestamp | null;
  answered_at: Timestamp | null;
  /** When its supports first reached the program's threshold (0039); null below it. */
  threshold_reached_at: Timestamp | null;
  /** The last day, YYYY-MM-DD, for its official answer once the threshold was reached (0039). */
  answer_due_on: string | null;
}

export interface ParticipateIdeaSupportsTable {
  id: Generated<number>;
  idea_id: number;
  participant_id: number;
  created_at: Timestamp;
}

/** Every moderation decision and answer on an idea, with its reason; the answers are shown publicly. */
export interface ParticipateIdeaStepsTable {
  id: Generated<number>;
  idea_id: number;
  kind: 'moderation' | 'answer';
  state: IdeaModeration | IdeaAnswer;
  reason: string;
  actor_label: string;
  at: Timestamp;
}

/** The program's settings for participation, by key (0039). */
export interface ParticipateSettingsTable {
  key: string;
  value: string;
}

/** A catalog service a consultation concerns (0039). */
export interface ParticipateConsultationServicesTable {
  id: Generated<number>;
  consultation_id: number;
  service_id: number;
  /** The identifier as the agency wrote it (the form shows it back). */
  identifier: string;
}

/** A plan initiative a consultation concerns, by its code "plan/initiative" (0051). */
export interface ParticipateConsultationInitiativesTable {
  id: Generated<number>;
  consultation_id: number;
  code: string;
}

/** A plan initiative an accepted or implemented idea was taken into, by its code (0051). */
export interface ParticipateIdeaInitiativesTable {
  id: Generated<number>;
  idea_id: number;
  code: string;
}

export interface ParticipateTables {
  participate_consultation_initiatives: ParticipateConsultationInitiativesTable;
  participate_idea_initiatives: ParticipateIdeaInitiativesTable;
  participate_settings: ParticipateSettingsTable;
  participate_consultation_services: ParticipateConsultationServicesTable;
  participate_ideas: ParticipateIdeasTable;
  participate_idea_supports: ParticipateIdeaSupportsTable;
  participate_idea_steps: ParticipateIdeaStepsTable;
  participate_consultations: ParticipateConsultationsTable;
  participate_articles: ParticipateArticlesTable;
  participate_questions: ParticipateQuestionsTable;
  participate_participants: ParticipateParticipantsTable;
  participate_comments: ParticipateCommentsTable;
  participate_votes: ParticipateVotesTable;
  participate_reports: ParticipateReportsTable;
  participate_moderation: ParticipateModerationTable;
}
