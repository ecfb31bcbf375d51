import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignJudges } from './assignment.ts';

// Assignment is pure and deterministic: checked against known answers, and for its guarantees
// (k judges, never a conflict, loads within one) on generated inputs.

const none = new Set<number>();
const nominations = (n: number, conflicts: Record<number, number[]> = {}) =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, conflicts: new Set(conflicts[i + 1] ?? []) }));

/** A small seeded generator (mulberry32), so generated cases are the same on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('award: assigning judges', () => {
  it('gives a known answer on a small case: k judges each, least-loaded first, ties by id', () => {
    const r = assignJudges({ nominations: nominations(3), judges: [30, 10, 20], k: 2 });
    assert.deepEqual(r.added, [
      { nominationId: 1, judgeId: 10 },
      { nominationId: 1, judgeId: 20 },
      { nominationId: 2, judgeId: 10 },
      { nominationId: 2, judgeId: 30 },
      { nominationId: 3, judgeId: 20 },
      { nominationId: 3, judgeId: 30 },
    ]);
    assert.deepEqual(
      [...r.loads],
      [
        [10, 2],
        [20, 2],
        [30, 2],
      ],
    );
    assert.equal(r.spread, 0);
    assert.deepEqual(r.short, []);
  });

  it('never assigns a conflicted judge, and reports nominations that cannot get k judges', () => {
    // Nomination 1 conflicts with judges 1 and 2: only judge 3 is left for it, so it is short by one.
    const r = assignJudges({ nominations: nominations(4, { 1: [1, 2], 2: [3] }), judges: [1, 2, 3], k: 2 });
    for (const a of r.added) assert.ok(!(a.nominationId === 1 && a.judgeId !== 3) && !(a.nominationId === 2 && a.judgeId === 3));
    assert.deepEqual(r.short, [{ nominationId: 1, got: 1 }]);
    assert.ok(r.spread <= 1, `spread ${r.spread}`);
    assert.equal(r.added.length, 7);
  });

  it('keeps existing assignments, counts them towards k and the loads, and does not repeat them', () => {
    const r = assignJudges({
      nominations: nominations(2),
      judges: [1, 2, 3],
      k: 2,
      existing: [
        { nominationId: 1, judgeId: 1 },
        { nominationId: 1, judgeId: 2 },
      ],
    });
    // Loads before: 1 → 1, 2 → 1, 3 → 0; nomination 2 takes judge 3, then judge 1 (tie with 2, lower id).
    assert.deepEqual(r.added, [
      { nominationId: 2, judgeId: 1 },
      { nominationId: 2, judgeId: 3 },
    ]);
    assert.equal(r.loads.get(3), 1);
    assert.ok(r.spread <= 1);
  });

  it('is deterministic: the same input gives the same output', () => {
    const input = { nominations: nominations(40, { 3: [1], 7: [2, 3], 11: [4] }), judges: [5, 4, 3, 2, 1], k: 3 };
    assert.deepEqual(assignJudges(input).added, assignJudges(input).added);
  });

  it('keeps loads within one on generated inputs with sparse conflicts, never breaking a conflict', () => {
    const random = rng(42);
    for (let round = 0; round < 40; round++) {
      const judgeCount = 3 + Math.floor(random() * 12);
      const k = 1 + Math.floor(random() * Math.min(3, judgeCount - 1));
      const judges = Array.from({ length: judgeCount }, (_, i) => i + 1);
      const list = Array.from({ length: 5 + Math.floor(random() * 60) }, (_, i) => ({
        id: i + 1,
        conflicts: new Set(judges.filter(() => random() < 0.05)),
      }));
      const r = assignJudges({ nominations: list, judges, k });
      for (const n of list) {
        const got = r.added.filter((a) => a.nominationId === n.id);
        assert.equal(new Set(got.map((a) => a.judgeId)).size, got.length, 'a judge twice on one nomination');
        for (const a of got) assert.ok(!n.conflicts.has(a.judgeId), `conflict broken in round ${round}`);
        const eligible = judges.filter((j) => !n.conflicts.has(j)).length;
        assert.equal(got.length, Math.min(k, eligible));
      }
      assert.ok(r.spread <= 1, `round ${round}: spread ${r.spread}`);
      assert.equal(
        [...r.loads.values()].reduce((a, b) => a + b, 0),
        r.added.length,
      );
    }
  });

  it('works with no judges and no nominations', () => {
    assert.deepEqual(assignJudges({ nominations: [], judges: [1, 2], k: 2 }).added, []);
    const r = assignJudges({ nominations: [{ id: 1, conflicts: none }], judges: [], k: 2 });
    assert.deepEqual(r.short, [{ nominationId: 1, got: 0 }]);
  });
});
