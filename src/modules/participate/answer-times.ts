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
 * the national `medianDaysToAnswer`), and how many are still unanswered. SQL picks the few answers
 * the figures need (`dispositionRanks`); the comments are never loaded.
 */
export async function answerTimes(deps: Deps, c: { id: number; closes_on: string }): Promise<AnswerTimes> {
  const [ranks, undisposed] = await Promise.all([
    repo.dispositionRanks(deps.db, c.id),
    repo.countComments(deps.db, c.id, { undisposed: true }),
  ]);
  const n = ranks[0]?.n ?? 0;
  if (n === 0) return { answered: 0, undisposed, median: null, p90: null, max: null };
  const at = (rank: number) => {
    const r = ranks.find((x) => x.rn === rank);
    if (!r) throw new Error(`rank ${rank} of ${n} missing`);
    return daysToAnswer(deps, c.closes_on, r.disposed_at);
  };
  const lo = Math.floor((n + 1) / 2);
  const hi = Math.floor(n / 2) + 1;
  return {
    answered: n,
    undisposed,
    median: (at(lo) + at(hi)) / 2,
    p90: at(Math.ceil((9 * n) / 10)),
    max: at(n),
  };
}
