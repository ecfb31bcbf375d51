import type { MessageKey } from '../../messages.ts';
import type { Decision } from './measure.schema.ts';
import type { AnswerStatus, FrameworkStatus, ParticipantStatus, RoundStatus } from './measure.tables.ts';
import type { AnswerType, Method, NodeType } from './scoring/framework.schema.ts';

// Explicit maps from measure's closed sets to their messages: every key is written out, so a
// translator finds each one and the compiler checks each set is complete (no key is built at run time).

export const answerStatusLabel = {
  draft: 'measure.answer_status.draft',
  submitted: 'measure.answer_status.submitted',
  accepted: 'measure.answer_status.accepted',
  adjusted: 'measure.answer_status.adjusted',
  returned: 'measure.answer_status.returned',
  responded: 'measure.answer_status.responded',
} as const satisfies Record<AnswerStatus, MessageKey>;

export const answerTypeLabel = {
  yes_no: 'measure.answer_type.yes_no',
  levels: 'measure.answer_type.levels',
  percentage: 'measure.answer_type.percentage',
  number: 'measure.answer_type.number',
  automatic: 'measure.answer_type.automatic',
} as const satisfies Record<AnswerType, MessageKey>;

export const directionLabel = {
  higher_better: 'measure.direction.higher_better',
  lower_better: 'measure.direction.lower_better',
} as const satisfies Record<'higher_better' | 'lower_better', MessageKey>;

export const frameworkStatusLabel = {
  draft: 'measure.framework_status.draft',
  published: 'measure.framework_status.published',
} as const satisfies Record<FrameworkStatus, MessageKey>;

/** What each line of an answer's history records. */
export const historyLabel = {
  save: 'measure.history.save',
  respond: 'measure.history.respond',
  evidence_add: 'measure.history.evidence_add',
  evidence_remove: 'measure.history.evidence_remove',
  submit: 'measure.history.submit',
  resubmit: 'measure.history.resubmit',
  accept: 'measure.history.accept',
  adjust: 'measure.history.adjust',
  return: 'measure.history.return',
  auto_reading: 'measure.history.auto_reading',
  auto_frozen: 'measure.history.auto_frozen',
  import: 'measure.history.import',
  api: 'measure.history.api',
} as const satisfies Record<string, MessageKey>;

export const methodLabel = {
  weighted_mean: 'measure.method.weighted_mean',
  sum: 'measure.method.sum',
  min_max: 'measure.method.min_max',
  z_score: 'measure.method.z_score',
} as const satisfies Record<Method, MessageKey>;

export const nodeTypeLabel = {
  perspective: 'measure.node_type.perspective',
  axis: 'measure.node_type.axis',
  indicator: 'measure.node_type.indicator',
  question: 'measure.node_type.question',
} as const satisfies Record<NodeType, MessageKey>;

export const participantStatusLabel = {
  in_progress: 'measure.participant_status.in_progress',
  submitted: 'measure.participant_status.submitted',
  returned: 'measure.participant_status.returned',
} as const satisfies Record<ParticipantStatus, MessageKey>;

export const decisionLabel = {
  accept: 'measure.review.decision.accept',
  adjust: 'measure.review.decision.adjust',
  return: 'measure.review.decision.return',
} as const satisfies Record<Decision, MessageKey>;

export const roundStatusLabel = {
  draft: 'measure.round_status.draft',
  open: 'measure.round_status.open',
  finalised: 'measure.round_status.finalised',
  published: 'measure.round_status.published',
  closed: 'measure.round_status.closed',
} as const satisfies Record<RoundStatus | 'closed', MessageKey>;

/** What each round status means, under the round's heading. */
export const roundStatusNoteLabel = {
  draft: 'measure.round.status_note.draft',
  open: 'measure.round.status_note.open',
  finalised: 'measure.round.status_note.finalised',
  published: 'measure.round.status_note.published',
  closed: 'measure.round.status_note.closed',
} as const satisfies Record<RoundStatus | 'closed', MessageKey>;

/** Why a question stops a submission. */
export const submitProblemLabel = {
  unanswered: 'measure.submit.problem.unanswered',
  evidence: 'measure.submit.problem.evidence',
  returned: 'measure.submit.problem.returned',
} as const satisfies Record<'unanswered' | 'evidence' | 'returned', MessageKey>;
