import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { getAgency } from '../identity/public.ts';
import { comparison, dayOf, phaseOf } from './consultations.service.ts';
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

/** A consultation's public page: its text, questions, visible comments, votes, and what the signed-in participant did. */
export async function publicConsultation(deps: Deps, id: number, participantId: number | null, at = new Date()) {
  const c = await published(deps, id);
  const phase: Phase = phaseOf(c, dayOf(deps, at));
  const [agency, articles, questions, visible, votes, services] = await Promise.all([
    getAgency(deps, c.agency_id),
    repo.listArticles(deps.db, id, 'draft'),
    repo.listQuestions(deps.db, id),
    repo.listComments(deps.db, id, { statuses: ['visible'] }),
    repo.voteCounts(deps.db, id),
    publicServices(deps.db, id),
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
  return { consultation: c, phase, agency, articles, questions, comments: visible.map(toPublic), tally, own, myVotes, services };
}

/** A completed consultation's report: every visible comment with its answer, the counts, and the texts compared. */
export async function publicReport(deps: Deps, id: number) {
  const c = await published(deps, id);
  if (c.status !== 'completed') throw new NotFoundError();
  const [agency, articles, questions, visible, counts, compared, total] = await Promise.all([
    getAgency(deps, c.agency_id),
    repo.listArticles(deps.db, id, 'draft'),
    repo.listQuestions(deps.db, id),
    repo.listComments(deps.db, id, { statuses: ['visible'] }),
    repo.dispositionCounts(deps.db, id),
    comparison(deps, id),
    repo.countComments(deps.db, id),
  ]);
  const byDisposition = Object.fromEntries(counts.filter((r) => r.disposition).map((r) => [r.disposition, Number(r.n)])) as Partial<
    Record<Disposition, number>
  >;
  return { consultation: c, agency, articles, questions, comments: visible.map(toPublic), byDisposition, total, compared };
}
