import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, ForbiddenError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { findUser } from '../identity/public.ts';
import { awardPolicy } from './award.policy.ts';
import * as repo from './award.repo.ts';
import { getCycle } from './award.service.ts';
import { nominationAccess } from './judging.service.ts';

// The panel's discussion of a nomination (as in HotCRP): a judge reads and writes it only once their
// own review is submitted, so nobody's score is shaped by others' before they commit to it; the
// office reads and writes it throughout. A judge in conflict never reaches it (nominationAccess
// refuses them on every read); the nominating agency never sees it. Closed once results are published.

export const DISCUSSION_MAX = 4000;

/** Who may read the discussion, and write in it: null when the reader may not see it at all. */
async function standing(deps: Deps, ctx: Ctx, n: repo.NominationRow): Promise<'office' | 'judge' | null> {
  const access = await nominationAccess(deps, ctx, n);
  if (access === 'office') return 'office';
  if (access !== 'judge') return null;
  const me = awardPolicy.userId(ctx.actor) as number;
  const own = await repo.findReview(deps.db, n.id, me);
  return own?.status === 'submitted' ? 'judge' : null;
}

export type DiscussionPost = { id: number; author: string; body: string; created_at: string; mine: boolean };

/** The posts the reader may see (oldest first), and whether they may add one; null when the discussion is closed to them. */
export async function discussionOf(
  deps: Deps,
  ctx: Ctx,
  n: repo.NominationRow,
): Promise<{ posts: DiscussionPost[]; canPost: boolean } | null> {
  if ((await standing(deps, ctx, n)) === null) return null;
  const rows = await deps.db.selectFrom('award_discussion').selectAll().where('nomination_id', '=', n.id).orderBy('id').execute();
  const me = awardPolicy.userId(ctx.actor);
  const names = new Map<number, string>();
  for (const r of rows)
    if (!names.has(r.author_user_id))
      names.set(r.author_user_id, (await findUser(deps.db, r.author_user_id))?.name ?? `#${r.author_user_id}`);
  const cycle = await getCycle(deps, n.cycle_id);
  return {
    posts: rows.map((r) => ({
      id: r.id,
      author: names.get(r.author_user_id) ?? '',
      body: r.body,
      created_at: r.created_at,
      mine: r.author_user_id === me,
    })),
    canPost: !cycle.results_published_at,
  };
}

/** Adds a post; audited with it. Refused (and nothing stored) before the judge's own review is in, or after publication. */
export async function postToDiscussion(deps: Deps, ctx: Ctx, nominationId: number, raw: Record<string, unknown>) {
  const n = await repo.findNomination(deps.db, nominationId);
  if (!n) throw new NotFoundError();
  if ((await standing(deps, ctx, n)) === null) throw new ForbiddenError('award discussion');
  const cycle = await getCycle(deps, n.cycle_id);
  if (cycle.results_published_at) throw new ConflictError('award.error.published');
  const body = String(raw.body ?? '').trim();
  if (body === '') fieldError('body', 'validation.required');
  if (body.length > DISCUSSION_MAX) fieldError('body', 'award.validation.discussion_long', { max: DISCUSSION_MAX });
  // A post is a person's: the system (imports, jobs) has nothing to say in a panel.
  const me = awardPolicy.userId(ctx.actor);
  if (me === null) throw new ForbiddenError('award discussion: not a person');
  return deps.db.transaction().execute(async (trx) => {
    const post = await trx
      .insertInto('award_discussion')
      .values({ nomination_id: n.id, author_user_id: me, body, created_at: new Date().toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'award.discussion.post',
      recordType: 'award_nomination',
      recordId: n.id,
      after: { id: post.id, length: body.length },
    });
    return post;
  });
}
