import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { queueEmail } from '../../platform/messaging/messaging.ts';
import { participatePolicy } from './participate.policy.ts';
import * as repo from './participate.repo.ts';
import { moderationInput } from './participate.schema.ts';
import type { CommentStatus } from './participate.tables.ts';

const statusAfter: Record<'hide' | 'restore' | 'remove', CommentStatus> = { hide: 'hidden', restore: 'visible', remove: 'removed' };

/**
 * A moderator hides, restores or removes a comment, with a reason its author is shown (on the
 * consultation page, and by email through the outbox). The author's text is never changed; each
 * step is kept in the comment's moderation history and audited.
 */
export async function moderateComment(deps: Deps, ctx: Ctx, commentId: number, raw: unknown) {
  const comment = await repo.findComment(deps.db, commentId);
  if (!comment) throw new NotFoundError();
  const c = await repo.findConsultation(deps.db, comment.consultation_id);
  if (!c) throw new NotFoundError();
  authorize(participatePolicy.moderate(ctx.actor, c.agency_id));
  const input = parseInput(moderationInput, raw);
  const status = statusAfter[input.action];
  if (status === comment.status) throw new ConflictError('participate.error.moderation_same');
  const author = await repo.findParticipant(deps.db, comment.participant_id);
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateComment(trx, commentId, { status, moderation_reason: input.reason });
    const step = await repo.insertModeration(trx, {
      comment_id: commentId,
      action: input.action,
      reason: input.reason,
      actor_label: actorLabel(ctx.actor),
    });
    if (author) {
      const lang = author.locale;
      await queueEmail(trx, deps.messaging.from, {
        key: `participate:moderation:${step.id}`,
        to: author.email,
        locale: lang,
        subject: translate(lang, 'participate.email.moderation_subject'),
        text: translate(lang, 'participate.email.moderation_text', {
          title: lang === 'ar' ? c.title_ar : c.title_en,
          action: translate(lang, actionLabel[input.action]),
          reason: input.reason,
          url: `${deps.config.baseUrl}/${lang}/consultations/${c.id}`,
        }),
        source: 'participate.moderation',
        refType: 'participate_comment',
        refId: commentId,
        recipientId: author.id,
      });
    }
    await recordAudit(trx, ctx, {
      action: `participate.comment.${input.action}`,
      recordType: 'participate_comment',
      recordId: commentId,
      agencyId: c.agency_id,
      before: { status: comment.status, moderation_reason: comment.moderation_reason },
      after: { status: after.status, moderation_reason: after.moderation_reason },
    });
    return after;
  });
}

export const actionLabel = {
  hidden_by_reports: 'participate.moderation.hidden_by_reports',
  hide: 'participate.moderation.hide',
  restore: 'participate.moderation.restore',
  remove: 'participate.moderation.remove',
} as const;
