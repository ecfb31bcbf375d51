import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregate, disagreement, topScores, weightedScore } from './scoring.ts';

// Score aggregation and normalisation against answers computed by hand.

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);

describe('award: scores', () => {
  it('weights criteria: (2·4 + 1·1) / 3 = 3; a missing criterion gives no score', () => {
    const criteria = [
      { key: 'a', name_ar: 'أ', name_en: 'A', weight: 2 },
      { key: 'b', name_ar: 'ب', name_en: 'B', weight: 1 },
    ];
    assert.equal(weightedScore(criteria, { a: { score: 4 }, b: { score: 1 } }), 3);
    assert.equal(weightedScore(criteria, { a: { score: 4 } }), null);
  });

  it('gives the raw mean and the per-judge z-score mean beside it', () => {
    // Judge 1 scores 10→8, 20→6, 30→4: μ = 6, σ = √(8/3), z = +1.2247, 0, −1.2247.
    // Judge 2 (harsher) scores 10→5, 20→3: μ = 4, σ = 1, z = +1, −1.
    const rows = aggregate([
      { nominationId: 10, judgeId: 1, score: 8 },
      { nominationId: 20, judgeId: 1, score: 6 },
      { nominationId: 30, judgeId: 1, score: 4 },
      { nominationId: 10, judgeId: 2, score: 5 },
      { nominationId: 20, judgeId: 2, score: 3 },
    ]);
    assert.deepEqual(
      rows.map((r) => [r.nominationId, r.judges]),
      [
        [10, 2],
        [20, 2],
        [30, 1],
      ],
    );
    const z = Math.sqrt(3 / 2); // 2 / √(8/3)
    close(rows[0].raw, 6.5);
    close(rows[0].normalised, (z + 1) / 2);
    close(rows[1].raw, 4.5);
    close(rows[1].normalised, -0.5);
    close(rows[2].raw, 4);
    close(rows[2].normalised, -z);
  });

  it('corrects a harsh judge: equal raw means, different normalised ones', () => {
    // A lenient judge gives 9 and 7; a harsh one 4 and 6 on the same pair, in the other order.
    // Raw means are equal (6.5 each), but each judge preferred a different one by the same margin: z means 0.
    // Then a third nomination only the harsh judge scored, at its top: its z says so.
    const rows = aggregate([
      { nominationId: 1, judgeId: 1, score: 9 },
      { nominationId: 2, judgeId: 1, score: 7 },
      { nominationId: 1, judgeId: 2, score: 4 },
      { nominationId: 2, judgeId: 2, score: 6 },
      { nominationId: 3, judgeId: 2, score: 8 },
    ]);
    const byId = new Map(rows.map((r) => [r.nominationId, r]));
    close(byId.get(1)?.raw ?? 0, 6.5);
    close(byId.get(2)?.raw ?? 0, 6.5);
    // Judge 2: μ = 6, σ = √(8/3); z(4) = −1.2247, z(6) = 0, z(8) = +1.2247. Judge 1: μ = 8, σ = 1.
    close(byId.get(1)?.normalised ?? 0, (1 - Math.sqrt(3 / 2)) / 2);
    close(byId.get(2)?.normalised ?? 0, (-1 + 0) / 2);
    close(byId.get(3)?.normalised ?? 0, Math.sqrt(3 / 2));
    assert.equal(rows[0].nominationId, 3, 'best raw mean first');
  });

  it('a judge who gives every nomination the same score contributes 0', () => {
    const rows = aggregate([
      { nominationId: 1, judgeId: 1, score: 5 },
      { nominationId: 2, judgeId: 1, score: 5 },
    ]);
    for (const r of rows) close(r.normalised, 0);
  });

  it('measures judge disagreement: the mean standard deviation of panels of two or more', () => {
    // Nomination 1: 4 and 2 (σ = 1); nomination 2: 3, 3, 3 (σ = 0); nomination 3 has one review (left out).
    const d = disagreement([
      { nominationId: 1, judgeId: 1, score: 4 },
      { nominationId: 1, judgeId: 2, score: 2 },
      { nominationId: 2, judgeId: 1, score: 3 },
      { nominationId: 2, judgeId: 2, score: 3 },
      { nominationId: 2, judgeId: 3, score: 3 },
      { nominationId: 3, judgeId: 3, score: 5 },
    ]);
    assert.equal(d.nominations, 2);
    close(d.meanSd ?? -1, 0.5);
    assert.deepEqual(disagreement([{ nominationId: 1, judgeId: 1, score: 4 }]), { nominations: 0, meanSd: null });
  });

  it('breaks a tie on the raw mean by the normalised mean', () => {
    // Both raw means are 6.5 in the harsh-judge case above; nomination 1's z mean (−0.112) beats nomination 2's (−0.5).
    const rows = aggregate([
      { nominationId: 2, judgeId: 1, score: 7 },
      { nominationId: 1, judgeId: 1, score: 9 },
      { nominationId: 2, judgeId: 2, score: 6 },
      { nominationId: 1, judgeId: 2, score: 4 },
      { nominationId: 3, judgeId: 2, score: 8 },
    ]);
    assert.deepEqual(
      rows.map((r) => r.nominationId),
      [3, 1, 2],
    );
  });

  // The edition's tie-break rule, against answers computed by hand.
  // J1 scores n1 = 5, n2 = 3, n3 = 1 (μ 3, σ √(8/3): z +1.2247, 0, −1.2247); J2 scores n1 = 2, n2 = 4 (μ 3, σ 1: z −1, +1).
  // n1: raw 3.5, z mean 0.1124, 2 top scores; n2: raw 3.5, z mean 0.5, 1 top score; n3: raw 1, z −1.2247, none.
  const tied = [
    { nominationId: 1, judgeId: 1, score: 5, tops: 2 },
    { nominationId: 2, judgeId: 1, score: 3, tops: 1 },
    { nominationId: 3, judgeId: 1, score: 1, tops: 0 },
    { nominationId: 1, judgeId: 2, score: 2, tops: 0 },
    { nominationId: 2, judgeId: 2, score: 4, tops: 0 },
  ];
  const order = (rows: { nominationId: number; rank: number }[]) => rows.map((r) => [r.nominationId, r.rank]);

  it('ranks by the raw mean then the normalised mean by default', () => {
    const rows = aggregate(tied);
    assert.deepEqual(order(rows), [
      [2, 1],
      [1, 2],
      [3, 3],
    ]);
    close(rows[1].normalised, (Math.sqrt(3 / 2) - 1) / 2);
    assert.deepEqual(order(aggregate(tied, 'raw_normalised')), order(rows));
  });

  it('ranks by the raw mean then the number of top scores', () => {
    const rows = aggregate(tied, 'raw_top_scores');
    assert.deepEqual(order(rows), [
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    assert.deepEqual(
      rows.map((r) => r.topScores),
      [2, 1, 0],
    );
  });

  it('ranks by the normalised mean then the raw mean', () => {
    // A lenient J1 (n1 = 5, n2 = 4) and a harsh J2 (n3 = 2, n4 = 1): z = +1, −1 for each.
    // Raw first: 1, 2, 3, 4. Normalised first: n1 and n3 tie at +1 (raw 5 beats 2), n2 and n4 at −1 (4 beats 1).
    const reviews = [
      { nominationId: 1, judgeId: 1, score: 5 },
      { nominationId: 2, judgeId: 1, score: 4 },
      { nominationId: 3, judgeId: 2, score: 2 },
      { nominationId: 4, judgeId: 2, score: 1 },
    ];
    assert.deepEqual(
      aggregate(reviews, 'raw_normalised').map((r) => r.nominationId),
      [1, 2, 3, 4],
    );
    assert.deepEqual(order(aggregate(reviews, 'normalised_raw')), [
      [1, 1],
      [3, 2],
      [2, 3],
      [4, 4],
    ]);
  });

  it('gives nominations equal on every measure of the rule the same rank (1, 1, 3)', () => {
    const reviews = [
      { nominationId: 7, judgeId: 1, score: 4, tops: 0 },
      { nominationId: 5, judgeId: 1, score: 4, tops: 0 },
      { nominationId: 6, judgeId: 1, score: 2, tops: 0 },
    ];
    for (const rule of ['raw_normalised', 'normalised_raw', 'raw_top_scores'] as const)
      assert.deepEqual(order(aggregate(reviews, rule)), [
        [5, 1],
        [7, 1],
        [6, 3],
      ]);
    // Means that differ only by floating-point noise are equal: (0.1 + 0.2) against 0.3.
    const noisy = aggregate([
      { nominationId: 1, judgeId: 1, score: 0.1 + 0.2 },
      { nominationId: 2, judgeId: 2, score: 0.3 },
    ]);
    assert.deepEqual(
      noisy.map((r) => r.rank),
      [1, 1],
    );
  });

  it("counts the criteria a review scored at the scale's top", () => {
    const criteria = [
      { key: 'a', name_ar: 'أ', name_en: 'A', weight: 2 },
      { key: 'b', name_ar: 'ب', name_en: 'B', weight: 1 },
    ];
    assert.equal(topScores(criteria, { a: { score: 5 }, b: { score: 5 } }, 5), 2);
    assert.equal(topScores(criteria, { a: { score: 5 }, b: { score: 4 } }, 5), 1);
    assert.equal(topScores(criteria, { a: { score: 5 } }, 7), 0);
  });
});
