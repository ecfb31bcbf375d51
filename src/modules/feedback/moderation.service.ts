import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { servicePageChanged } from '../catalog/public.ts';
import { feedbackPolicy } from './feedback.policy.ts';
import { moderationInput } from './feedback.schema.ts';
import * as repo from './ratings.repo.ts';
import { ratingFor } from './ratings.service.ts';

/**
 * Hides an abusive comment. The author's words are kept (and copied into the audit record of the
 * act), but no page shows them again, and any public reply goes down with them.
 */
export async function hideComment(deps: Deps, ctx: Ctx, ratingId: number, raw: unknown) {
  const r = await ratingFor(deps, ratingId);
  authorize(feedbackPolicy.moderate(ctx.actor, r.agency_id), 'rating of another agency');
  if (r.comment_state === 'hidden') throw new ConflictError('feedback.error.comment_hidden');
  const { reason } = parseInput(moderationInput, raw);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateRating(trx, r.id, {
      comment_state: 'hidden',
      hidden_reason: reason,
      hidden_by: actorLabel(ctx.actor),
      hidden_at: new Date().toISOString(),
    });
    await servicePageChanged(trx, r.service_id);
    await recordAudit(trx, ctx, {
      action: 'feedback.comment_hide',
      recordType: 'feedback_rating',
      recordId: r.id,
      agencyId: r.agency_id,
      before: { comment: r.comment, comment_state: r.comment_state },
      after: { comment_state: 'hidden', reason },
    });
  });
}

/** Shows a hidden comment again (a moderation mistake), audited like the hiding. */
export async function unhideComment(deps: Deps, ctx: Ctx, ratingId: number) {
  const r = await ratingFor(deps, ratingId);
  authorize(feedbackPolicy.moderate(ctx.actor, r.agency_id), 'rating of another agency');
  if (r.comment_state !== 'hidden') throw new ConflictError('feedback.error.comment_visible');
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateRating(trx, r.id, { comment_state: 'visible', hidden_reason: null, hidden_by: null, hidden_at: null });
    await servicePageChanged(trx, r.service_id);
    await recordAudit(trx, ctx, {
      action: 'feedback.comment_unhide',
      recordType: 'feedback_rating',
      recordId: r.id,
      agencyId: r.agency_id,
      before: { comment_state: 'hidden', reason: r.hidden_reason },
      after: { comment_state: 'visible' },
    });
  });
}
