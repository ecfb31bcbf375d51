import type { Criterion } from './award.tables.ts';

// Score aggregation: each judge's weighted score of a nomination, the raw mean over judges, and the
// per-judge z-score normalisation that corrects harsh and lenient judges. Pure functions.

export type Scores = Record<string, { score: number; comment?: string }>;

/** A judge's weighted score of one nomination: Σ wᵢ·sᵢ / Σ wᵢ over the rubric's criteria (null if any is missing). */
export function weightedScore(criteria: readonly Criterion[], scores: Scores): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores[c.key]?.score;
    if (typeof s !== 'number' || !Number.isFinite(s)) return null;
    sum += c.weight * s;
    weights += c.weight;
  }
  return weights > 0 ? sum / weights : null;
}

export interface Review {
  nominationId: number;
  judgeId: number;
  /** The judge's weighted score of the nomination. */
  score: number;
}

export interface Aggregate {
  nominationId: number;
  judges: number;
  /** Mean of the judges' weighted scores. */
  raw: number;
  /** Mean of the judges' z-scores (each judge's score minus their own mean, over their own standard deviation). */
  normalised: number;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Raw and normalised means per nomination. A judge's z-score of a nomination is (score − μ) / σ over
 * every review that judge submitted in the set (population σ); a judge whose scores are all equal
 * (σ = 0) contributes 0, saying nothing about the order. Sorted best raw mean first; a tie on the
 * raw mean goes to the better normalised mean (the nomination its own judges ranked higher), then
 * to the earlier nomination.
 */
export function aggregate(reviews: readonly Review[]): Aggregate[] {
  const byJudge = new Map<number, number[]>();
  for (const r of reviews) byJudge.set(r.judgeId, [...(byJudge.get(r.judgeId) ?? []), r.score]);
  const stats = new Map<number, { mu: number; sigma: number }>();
  for (const [j, xs] of byJudge) {
    const mu = mean(xs);
    stats.set(j, { mu, sigma: Math.sqrt(mean(xs.map((x) => (x - mu) ** 2))) });
  }
  const byNomination = new Map<number, { raw: number[]; z: number[] }>();
  for (const r of reviews) {
    const s = stats.get(r.judgeId) as { mu: number; sigma: number };
    const e = byNomination.get(r.nominationId) ?? { raw: [], z: [] };
    e.raw.push(r.score);
    e.z.push(s.sigma > 0 ? (r.score - s.mu) / s.sigma : 0);
    byNomination.set(r.nominationId, e);
  }
  return [...byNomination]
    .map(([nominationId, e]) => ({ nominationId, judges: e.raw.length, raw: mean(e.raw), normalised: mean(e.z) }))
    .sort((a, b) => b.raw - a.raw || b.normalised - a.normalised || a.nominationId - b.nominationId);
}

/**
 * How far judges disagree: for each nomination scored by two judges or more, the (population)
 * standard deviation of their weighted scores; the mean of those over the nominations, in points of
 * the scale (0 = every panel agreed exactly). Null when no nomination has two reviews.
 */
export function disagreement(reviews: readonly Review[]): { nominations: number; meanSd: number | null } {
  const byNomination = new Map<number, number[]>();
  for (const r of reviews) byNomination.set(r.nominationId, [...(byNomination.get(r.nominationId) ?? []), r.score]);
  const sds = [...byNomination.values()]
    .filter((xs) => xs.length >= 2)
    .map((xs) => {
      const mu = mean(xs);
      return Math.sqrt(mean(xs.map((x) => (x - mu) ** 2)));
    });
  return { nominations: sds.length, meanSd: sds.length ? mean(sds) : null };
}
