import type { Criterion, TieBreak } from './award.tables.ts';

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
  /** How many criteria the judge scored at the scale's top (for the top-scores tie-break). */
  tops?: number;
}

/** How many criteria of a review were given the scale's highest score. */
export function topScores(criteria: readonly Criterion[], scores: Scores, scaleMax: number): number {
  return criteria.filter((c) => scores[c.key]?.score === scaleMax).length;
}

export interface Aggregate {
  nominationId: number;
  judges: number;
  /** Mean of the judges' weighted scores. */
  raw: number;
  /** Mean of the judges' z-scores (each judge's score minus their own mean, over their own standard deviation). */
  normalised: number;
  /** Criteria scored at the scale's top, over all its reviews. */
  topScores: number;
  /** Competition rank (1, 1, 3…): nominations equal on every measure of the tie-break rule share a rank. */
  rank: number;
}

/** The measures each tie-break rule compares, in order (higher is better for each). */
export const TIE_BREAKS: Record<TieBreak, readonly ('raw' | 'normalised' | 'topScores')[]> = {
  raw_normalised: ['raw', 'normalised'],
  normalised_raw: ['normalised', 'raw'],
  raw_top_scores: ['raw', 'topScores'],
};
/** Means closer than this are equal (floating-point sums of the same scores in another order). */
const EPSILON = 1e-9;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Raw and normalised means per nomination. A judge's z-score of a nomination is (score − μ) / σ over
 * every review that judge submitted in the set (population σ); a judge whose scores are all equal
 * (σ = 0) contributes 0, saying nothing about the order. Sorted by the edition's tie-break rule (by
 * default the raw mean, a tie going to the better normalised mean — the nomination its own judges
 * ranked higher); nominations equal on every measure of the rule share a rank and are listed in
 * nomination order.
 */
export function aggregate(reviews: readonly Review[], rule: TieBreak = 'raw_normalised'): Aggregate[] {
  const byJudge = new Map<number, number[]>();
  for (const r of reviews) byJudge.set(r.judgeId, [...(byJudge.get(r.judgeId) ?? []), r.score]);
  const stats = new Map<number, { mu: number; sigma: number }>();
  for (const [j, xs] of byJudge) {
    const mu = mean(xs);
    stats.set(j, { mu, sigma: Math.sqrt(mean(xs.map((x) => (x - mu) ** 2))) });
  }
  const byNomination = new Map<number, { raw: number[]; z: number[]; tops: number }>();
  for (const r of reviews) {
    const s = stats.get(r.judgeId) as { mu: number; sigma: number };
    const e = byNomination.get(r.nominationId) ?? { raw: [], z: [], tops: 0 };
    e.raw.push(r.score);
    e.z.push(s.sigma > 0 ? (r.score - s.mu) / s.sigma : 0);
    e.tops += r.tops ?? 0;
    byNomination.set(r.nominationId, e);
  }
  const measures = TIE_BREAKS[rule];
  const compare = (a: Omit<Aggregate, 'rank'>, b: Omit<Aggregate, 'rank'>) => {
    for (const m of measures) {
      const d = b[m] - a[m];
      if (Math.abs(d) > EPSILON) return d;
    }
    return 0;
  };
  const sorted = [...byNomination]
    .map(([nominationId, e]) => ({
      nominationId,
      judges: e.raw.length,
      raw: mean(e.raw),
      normalised: mean(e.z),
      topScores: e.tops,
    }))
    .sort((a, b) => compare(a, b) || a.nominationId - b.nominationId);
  const out: Aggregate[] = [];
  for (const [i, a] of sorted.entries()) {
    const prev = out[i - 1];
    out.push({ ...a, rank: prev && compare(prev, a) === 0 ? prev.rank : i + 1 });
  }
  return out;
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
