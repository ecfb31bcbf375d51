import type { Approval, Disposition, IdeaAnswer, IdeaCategory, IdeaModeration } from './participate.tables.ts';

/** Each disposition's name in the catalogs, written out so no key is built at run time. */
export const dispositionKeys = {
  accepted: 'participate.disposition.accepted',
  accepted_in_part: 'participate.disposition.accepted_in_part',
  not_accepted: 'participate.disposition.not_accepted',
  out_of_scope: 'participate.disposition.out_of_scope',
} as const satisfies Record<Disposition, string>;

/** An idea's category, moderation state and answer by name in the catalogs. */
export const ideaCategoryKeys = {
  new_service: 'participate.idea.category.new_service',
  improvement: 'participate.idea.category.improvement',
  digital_channel: 'participate.idea.category.digital_channel',
  accessibility: 'participate.idea.category.accessibility',
  other: 'participate.idea.category.other',
} as const satisfies Record<IdeaCategory, string>;

export const ideaModerationKeys = {
  pending: 'participate.idea.moderation.pending',
  published: 'participate.idea.moderation.published',
  rejected: 'participate.idea.moderation.rejected',
} as const satisfies Record<IdeaModeration, string>;

export const ideaAnswerKeys = {
  under_study: 'participate.idea.answer.under_study',
  accepted: 'participate.idea.answer.accepted',
  implemented: 'participate.idea.answer.implemented',
  declined: 'participate.idea.answer.declined',
} as const satisfies Record<IdeaAnswer, string>;

export const approvalKeys = {
  none: 'participate.approval.none',
  submitted: 'participate.approval.submitted',
  approved: 'participate.approval.approved',
  returned: 'participate.approval.returned',
} as const satisfies Record<Approval, string>;
