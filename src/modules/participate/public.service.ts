import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { idQuery } from '../../platform/http/pages.ts';
import { getAgency } from '../identity/public.ts';
import { answerTimes } from './answer-times.ts';
import { comparison, dayOf, phaseOf } from './consultations.service.ts';
import { publicInitiatives } from './initiatives.ts';
import { publicServices } from './links.ts';
import * as repo from './participate.repo.ts';
import type { CommentStatus, Disposition, Phase } from './participate.tables.ts';

// What the public reads. A comment's author is named only when they chose to be; otherwise no
// name, address or participant id leaves this file — the views never receive them.

/** A comment as the public sees it. */
export interface PublicComment {
  id: number;
  article_id: number | null;
  question_id: number | null;
  /** The author's name, or null for an anonymous comment. */
  author: string | null;
  body: string;
  created_at: string;
  disposition: Disposition | null;
  disposition_reason: string | null;
}

/** A participant's own comment, with what moderation did to it and why. */
export interface OwnComment extends PublicComment {
  status: CommentStatus;
  moderation_reason: string | null;
}

/** How many of a target's latest comments the consultation page and the report show. */
export const PREVIEW = 5;
/** Comments per page of a target's full list. */
export const COMMENTS_PAGE = 50;

/** A target's visible comments: how many, and how many of them have each answer. */
export interface TargetCount {
  total: number;
  byDisposition: Partial<Record<Disposition, number>>;
}

const keyOf = (t: repo.CommentTarget) => `${t.article_id ?? ''}:${t.question_id ?? ''}`;

/** Visible comments counted per target (in SQL); `count(target)` is zero for a target without any. */
async function targetCounts(deps: Deps, id: number) {
  const counts = new Map<string, TargetCount>();
  for (const r of await repo.visibleCounts(deps.db, id)) {
    const k = keyOf(r);
    const c = counts.get(k) ?? { total: 0, byDisposition: {} };
    c.total += Number(r.n);
    if (r.disposition) c.byDisposition[r.disposition] = Number(r.n);
    counts.set(k, c);
  }
  return (t: repo.CommentTarget): TargetCount => counts.get(keyOf(t)) ?? { total: 0, byDisposition: {} };
}

const toPublic = (c: repo.CommentRow & { author_name: string }): PublicComment => ({
  id: c.id,
  article_id: c.article_id,
  question_id: c.question_id,
  author: c.display === 'name' ? c.author_name : null,
  body: c.body,
  created_at: c.created_at,
  disposition: c.disposition,
  disposition_reason: c.disposition_reason,
});

/** Published consultations with their phase today, newest period first. */
export async function publicList(deps: Deps, at = new Date()) {
  const day = dayOf(deps, at);
  return (await repo.listConsultations(deps.db, { publicOnly: true })).map((c) => ({ ...c, phase: phaseOf(c, day) }));
}

/** A consultation the public may see (404 for a draft or none). */
export async function published(deps: Deps, id: number) {
  const c = await repo.findConsultation(deps.db, id);
  if (!c || c.status === 'draft') throw new NotFoundError();
  return c;
}

/** A consultation's public page: its text, questions, the latest visible comments on each with their counts, votes, and what the signed-in participant did. */
export async function publicConsultation(deps: Deps, id: number, participantId: number | null, at = new Date()) {
  const c = await published(deps, id);
  const phase: Phase = phaseOf(c, dayOf(deps, at));
  const [agency, articles, questions, latest, count, votes, services, initiatives] = await Promise.all([
    getAgency(deps, c.agency_id),
    repo.listArticles(deps.db, id, 'draft'),
    repo.listQuestions(deps.db, id),
    repo.latestVisible(deps.db, id, PREVIEW),
    targetCounts(deps, id),
    repo.voteCounts(deps.db, id),
    publicServices(deps.db, id),
    repo.listInitiativeLinks(deps.db, id).then((codes) => publicInitiatives(deps, codes)),
  ]);
  const tally = new Map<number, { agree: number; disagree: number }>();
  for (const v of votes) {
    const t = tally.get(v.article_id) ?? { agree: 0, disagree: 0 };
    t[v.stance] = Number(v.n);
    tally.set(v.article_id, t);
  }
  let own: OwnComment[] = [];
  let myVotes = new Map<number, 'agree' | 'disagree'>();
  if (participantId) {
    own = (await repo.listComments(deps.db, id, { participantId })).map((x) => ({
      ...toPublic(x),
      status: x.status,
      moderation_reason: x.moderation_reason,
    }));
    myVotes = new Map((await repo.participantVotes(deps.db, id, participantId)).map((v) => [v.article_id, v.stance]));
  }
  return {
    consultation: c,
    phase,
    agency,
    articles,
    questions,
    comments: latest.map(toPublic),
    count,
    tally,
    own,
    myVotes,
    services,
    initiatives,
  };
}

/**
 * A completed consultation's report: the counts, the time its comments waited for their answers, the
 * latest visible comments on each target with their answers, the texts compared, and the plan
 * initiatives it concerns that the public may follow.
 */
export async function publicReport(deps: Deps, id: number) {
  const c = await published(deps, id);
  if (c.status !== 'completed') throw new NotFoundError();
  const [agency, articles, questions, latest, count, counts, compared, total, times, initiatives] = await Promise.all([
    getAgency(deps, c.agency_id),
    repo.listArticles(deps.db, id, 'draft'),
    repo.listQuestions(deps.db, id),
    repo.latestVisible(deps.db, id, PREVIEW),
    targetCounts(deps, id),
    repo.dispositionCounts(deps.db, id),
    comparison(deps, id),
    repo.countComments(deps.db, id),
    answerTimes(deps, c),
    repo.listInitiativeLinks(deps.db, id).then((codes) => publicInitiatives(deps, codes)),
  ]);
  const byDisposition = Object.fromEntries(counts.filter((r) => r.disposition).map((r) => [r.disposition, Number(r.n)])) as Partial<
    Record<Disposition, number>
  >;
  return {
    consultation: c,
    agency,
    articles,
    questions,
    comments: latest.map(toPublic),
    count,
    byDisposition,
    total,
    compared,
    times,
    initiatives,
  };
}

/** The target a comments page's query names: `article=<id>`, `question=<id>`, or neither (the whole text); null when it names none of this consultation's. */
async function targetOf(deps: Deps, consultationId: number, query: Record<string, unknown>) {
  const { article, question } = query;
  if (article !== undefined && question !== undefined) return null;
  if (article !== undefined) {
    const id = idQuery(article);
    const a = id ? await repo.findArticle(deps.db, id) : undefined;
    return a && a.consultation_id === consultationId && a.version === 'draft' ? ({ kind: 'article', article: a } as const) : null;
  }
  if (question !== undefined) {
    const id = idQuery(question);
    const q = id ? await repo.findQuestion(deps.db, id) : undefined;
    return q && q.consultation_id === consultationId ? ({ kind: 'question', question: q } as const) : null;
  }
  return { kind: 'whole' } as const;
}

/**
 * Every visible comment on one target of a published consultation, oldest first, `COMMENTS_PAGE` a
 * page (a page past the last shows the last), with their answers once the consultation is
 * completed. 404 for a target that is not this consultation's. `ownIds`: the signed-in
 * participant's comments on this page (they cannot report their own).
 */
export async function publicComments(
  deps: Deps,
  id: number,
  query: Record<string, unknown>,
  page: number,
  participantId: number | null,
  at = new Date(),
) {
  const c = await published(deps, id);
  const target = await targetOf(deps, id, query);
  if (!target) throw new NotFoundError();
  const on: repo.CommentTarget = {
    article_id: target.kind === 'article' ? target.article.id : null,
    question_id: target.kind === 'question' ? target.question.id : null,
  };
  const [agency, counts] = await Promise.all([getAgency(deps, c.agency_id), repo.visibleCountsOn(deps.db, id, on)]);
  const count: TargetCount = { total: 0, byDisposition: {} };
  for (const r of counts) {
    count.total += Number(r.n);
    if (r.disposition) count.byDisposition[r.disposition] = Number(r.n);
  }
  const pages = Math.max(1, Math.ceil(count.total / COMMENTS_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await repo.visibleOn(deps.db, id, on, COMMENTS_PAGE, (current - 1) * COMMENTS_PAGE);
  return {
    consultation: c,
    agency,
    phase: phaseOf(c, dayOf(deps, at)),
    target,
    count,
    page: current,
    pages,
    comments: rows.map(toPublic),
    ownIds: new Set(participantId ? rows.filter((r) => r.participant_id === participantId).map((r) => r.id) : []),
  };
}
