import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { getAgency } from '../identity/public.ts';
import { answerTimes } from './answer-times.ts';
import { dayOf, getForConsole, phaseOf } from './consultations.service.ts';
import { findInitiatives, type LinkedInitiative } from './initiatives.ts';
import { participatePolicy } from './participate.policy.ts';
import * as repo from './participate.repo.ts';

// What the agency's console pages read: a consultation with its figures and the actions open to the
// actor, and the comment queue (authors' names and addresses included: the agency always knows).

export const QUEUE_PAGE = 50;

/**
 * Every plan initiative a consultation names, in the order written: those the public may follow with
 * their progress, the others with no page (a code no plan knows any more is shown as written).
 */
async function linkedInitiatives(deps: Deps, id: number): Promise<LinkedInitiative[]> {
  const codes = await repo.listInitiativeLinks(deps.db, id);
  const found = await findInitiatives(deps, codes);
  return codes.map(
    (code) => found.get(code) ?? { code, name_ar: code, name_en: code, path: null, progress: null, status_ar: null, status_en: null },
  );
}

/** A consultation, its text, questions, comment figures (time to an answer included), linked initiatives and what the actor may do next. */
export async function consoleDetail(deps: Deps, ctx: Ctx, id: number, at = new Date()) {
  const c = await getForConsole(deps, ctx, id);
  const phase = phaseOf(c, dayOf(deps, at));
  const [agency, articles, questions, votes, total, perArticle, times, initiatives] = await Promise.all([
    getAgency(deps, c.agency_id),
    repo.listArticles(deps.db, id, 'draft'),
    repo.listQuestions(deps.db, id),
    repo.voteCounts(deps.db, id),
    repo.countComments(deps.db, id),
    repo.commentsPerArticle(deps.db, id),
    answerTimes(deps, c),
    linkedInitiatives(deps, id),
  ]);
  const commentCount = new Map(perArticle.map((r) => [r.article_id, Number(r.n)]));
  const tally = new Map<number, { agree: number; disagree: number }>();
  for (const v of votes) {
    const t = tally.get(v.article_id) ?? { agree: 0, disagree: 0 };
    t[v.stance] = Number(v.n);
    tally.set(v.article_id, t);
  }
  const a = ctx.actor;
  return {
    consultation: c,
    phase,
    agency,
    articles,
    questions,
    tally,
    commentCount,
    total,
    undisposed: times.undisposed,
    times,
    initiatives,
    can: {
      edit: phase === 'draft' && c.approval !== 'submitted' && participatePolicy.draft(a, c.agency_id),
      submit: phase === 'draft' && (c.approval === 'none' || c.approval === 'returned') && participatePolicy.submit(a, c.agency_id),
      approve: phase === 'draft' && c.approval === 'submitted' && participatePolicy.approve(a),
      publish: phase === 'draft' && c.approval === 'approved' && participatePolicy.publish(a, c.agency_id),
      final: phase === 'closed' && participatePolicy.dispose(a, c.agency_id),
      complete: phase === 'closed' && participatePolicy.publish(a, c.agency_id),
    },
  };
}
export type ConsoleDetail = Awaited<ReturnType<typeof consoleDetail>>;

export type QueueFilter = 'all' | 'undisposed' | 'moderation';

/** A page of a consultation's comments for the agency: all, those without a disposition, or those hidden or removed. */
export async function commentQueue(deps: Deps, ctx: Ctx, id: number, show: QueueFilter, page: number, at = new Date()) {
  const c = await getForConsole(deps, ctx, id);
  const phase = phaseOf(c, dayOf(deps, at));
  const rows = await repo.listComments(deps.db, id, {
    undisposed: show === 'undisposed' || undefined,
    statuses: show === 'moderation' ? ['hidden', 'removed'] : undefined,
    limit: QUEUE_PAGE + 1,
    offset: (page - 1) * QUEUE_PAGE,
  });
  const [articles, questions, undisposed] = await Promise.all([
    repo.listArticles(deps.db, id, 'draft'),
    repo.listQuestions(deps.db, id),
    repo.countComments(deps.db, id, { undisposed: true }),
  ]);
  return {
    consultation: c,
    phase,
    show,
    page,
    hasNext: rows.length > QUEUE_PAGE,
    comments: rows.slice(0, QUEUE_PAGE),
    articles,
    questions,
    undisposed,
    can: {
      dispose: phase === 'closed' && participatePolicy.dispose(ctx.actor, c.agency_id),
      moderate: participatePolicy.moderate(ctx.actor, c.agency_id),
    },
  };
}
export type CommentQueue = Awaited<ReturnType<typeof commentQueue>>;
