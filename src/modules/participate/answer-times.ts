import type { Deps } from '../../platform/deps.ts';
import { daysToAnswer } from './participate.metrics.ts';
import * as repo from './participate.repo.ts';

// Time to disposition, per consultation: the statistics export, the public report and the console
// read it from here.

/** How long a consultation's comments waited for their answers, in days after its last day (`daysToAnswer`). */
export interface AnswerTimes {
  answered: number;
  undisposed: number;
  /** The median (the mean of the two middle ones for an even count); null while none is answered. */
  median: number | null;
  /** The 90th percentile, nearest rank: the ⌈0.9·n⌉-th shortest wait. */
  p90: number | null;
  /** The longest wait. */
  max: number | null;
}

/**
 * A consultation's time to disposition: from its last day to the day each comment was answered (as
 * the national `medianDaysToAnswer`), and how many are still unanswered. SQL reads the few answers
 * the figures need by rank along an index (`answeredAtRank`); the comments are never loaded.
 */
export async function answerTimes(deps: Deps, c: { id: number; closes_on: string }): Promise<AnswerTimes> {
  const [n, undisposed] = await Promise.all([repo.countAnswered(deps.db, c.id), repo.countComments(deps.db, c.id, { undisposed: true })]);
  if (n === 0) return { answered: 0, undisposed, median: null, p90: null, max: null };
  const at = async (rank: number) => daysToAnswer(deps, c.closes_on, await repo.answeredAtRank(deps.db, c.id, rank));
  const lo = Math.floor((n + 1) / 2);
  const hi = Math.floor(n / 2) + 1;
  const [a, b, p90, max] = await Promise.all([at(lo), hi === lo ? null : at(hi), at(Math.ceil((9 * n) / 10)), at(n)]);
  return { answered: n, undisposed, median: b === null ? a : (a + b) / 2, p90, max };
}
