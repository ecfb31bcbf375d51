import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregate, disagreement, weightedScore } from './scoring.ts';

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
});
