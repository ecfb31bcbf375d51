import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AgencyScore, normaliseAnswer, type RoundScores, ScoringError, scaleValue, scoreRound } from './engine.ts';
import { answers, fw, g, levels3, pct, q } from './fixtures/build.ts';
import type { QuestionNode } from './framework.schema.ts';

const near = (actual: number | null | undefined, expected: number, eps = 1e-9) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= eps, `expected ${expected}, got ${actual}`);
const agency = (r: RoundScores, code: string) => r.agencies.find((a) => a.agency === code) as AgencyScore;
const node = (r: RoundScores, code: string, key: string) => agency(r, code).nodes.get(key);

describe('weighted means at every level', () => {
  // root = 3·P1 + 1·P2;  P1 = 1·A1 + 2·A2;  A1 = 1·q1 + 3·q2;  A2 = q3;  P2 = q4
  const f = fw([
    g(
      'p1',
      [
        g('a1', [q('q1', 'yes_no'), pct('q2', { weight: 3 })], { type: 'axis' }),
        g('a2', [q('q3', 'levels', { levels: levels3 })], { type: 'axis', weight: 2 }),
      ],
      {
        type: 'perspective',
        weight: 3,
      },
    ),
    g('p2', [q('q4', 'number', { scale: { min: 0, max: 10, direction: 'higher_better' } })], { type: 'perspective' }),
  ]);
  const r = scoreRound(f, answers({ a: { q1: true, q2: 40, q3: 'l1', q4: 5 }, b: {}, c: { q1: false, q2: 100, q3: 'l2', q4: 10 } }));

  it('combines children by weight', () => {
    // a: A1 = (1 + 3·0.4)/4 = 0.55; A2 = 0.5; P1 = (0.55 + 2·0.5)/3 = 0.51667; P2 = 0.5; root = (3·0.51667 + 0.5)/4 = 0.5125
    near(node(r, 'a', 'a1')?.score, 55);
    near(node(r, 'a', 'a2')?.score, 50);
    near(node(r, 'a', 'p1')?.score, 155 / 3);
    near(agency(r, 'a').score, 51.25);
    // c: A1 = 3/4; A2 = 1; P1 = (0.75 + 2)/3; P2 = 1; root = (2.75 + 1)/4 = 0.9375
    near(agency(r, 'c').score, 93.75);
    assert.equal(agency(r, 'b').score, 0, 'missing answers score 0');
  });

  it('reports each node share and contribution so they add up to the parent', () => {
    assert.equal(node(r, 'a', 'p1')?.weight, 0.75);
    near(node(r, 'a', 'p1')?.contribution, 38.75);
    near(node(r, 'a', 'p2')?.contribution, 12.5);
    near(node(r, 'a', 'q2')?.contribution, 30); // 0.75 × 40 points of A1's 55
    assert.deepEqual([...agency(r, 'a').nodes.keys()], ['p1', 'a1', 'q1', 'q2', 'a2', 'q3', 'p2', 'q4']);
  });

  it('ranks, stages and displays', () => {
    assert.deepEqual(
      r.agencies.map((a) => [a.agency, a.rank, a.text, a.stage?.key]),
      [
        ['c', 1, '93.75', 'excellence'],
        ['a', 2, '51.25', 'integration'],
        ['b', 3, '0.00', 'building'],
      ],
    );
  });
});

describe('not applicable', () => {
  const f = fw([
    g('p', [q('q1', 'yes_no', { allow_na: true }), pct('q2', { weight: 2 }), pct('q3', { allow_na: true })]),
    g('r', [pct('q4', { allow_na: true })]),
  ]);

  it('drops out and its weight goes to the siblings in proportion', () => {
    const r = scoreRound(f, answers({ a: { q1: 'NA', q2: 50, q3: 100, q4: 0 } }));
    // p = (2·0.5 + 1·1)/3 = 2/3; root = (2/3 + 0)/2
    near(node(r, 'a', 'p')?.value, 2 / 3);
    near(node(r, 'a', 'q2')?.weight, 2 / 3);
    near(node(r, 'a', 'q3')?.weight, 1 / 3);
    assert.equal(node(r, 'a', 'q1')?.weight, 0);
    assert.equal(node(r, 'a', 'q1')?.value, null);
    near(agency(r, 'a').score, 100 / 3);
    assert.equal(agency(r, 'a').text, '33.33');
  });

  it('makes a node with only N/A children N/A, and that propagates upward', () => {
    const r = scoreRound(f, answers({ a: { q1: true, q2: 50, q3: 'NA', q4: 'NA' } }));
    assert.equal(node(r, 'a', 'r')?.value, null);
    near(agency(r, 'a').score, ((1 + 2 * 0.5) / 3) * 100); // root = p alone
    assert.equal(node(r, 'a', 'p')?.weight, 1);
  });

  it('treats a missing answer as 0, not as N/A', () => {
    const r = scoreRound(f, answers({ a: { q1: 'NA', q2: 0, q3: 'NA', q4: 'NA' }, z: { q1: 'NA', q3: 'NA', q4: 'NA' } }));
    assert.deepEqual(
      r.agencies.map((a) => [a.agency, a.score, a.rank]),
      [
        ['a', 0, 1],
        ['z', 0, 1],
      ],
    );
  });

  it('leaves an agency with nothing applicable unscored, unranked, unstaged and last', () => {
    const f2 = fw([g('p', [q('q1', 'yes_no', { allow_na: true })])]);
    const r = scoreRound(f2, answers({ a: { q1: 'NA' }, b: { q1: false } }));
    assert.deepEqual(
      r.agencies.map((a) => [a.agency, a.rank, a.score, a.text, a.stage?.key ?? null]),
      [
        ['b', 1, 0, '0.00', 'building'],
        ['a', null, null, null, null],
      ],
    );
  });
});

describe('question normalisation', () => {
  const num = (scale: object) => ({ key: 'n', type: 'question', answer_type: 'number', scale }) as unknown as QuestionNode;

  it('caps, rescales, clamps and inverts numbers', () => {
    const higher = { min: 0, max: 200, direction: 'higher_better' as const, cap: 100 };
    assert.equal(scaleValue(150, higher), 0.5, 'capped at 100 first, then 100/200');
    assert.equal(scaleValue(50, higher), 0.25);
    assert.equal(scaleValue(-10, higher), 0);
    const days = { min: 1, max: 31, direction: 'lower_better' as const };
    assert.equal(scaleValue(1, days), 1);
    assert.equal(scaleValue(16, days), 0.5);
    assert.equal(scaleValue(40, days), 0);
    assert.equal(scaleValue(0, days), 1);
    // The cap bounds the raw value in either direction: under lower-is-better it limits the penalty.
    near(scaleValue(40, { ...days, cap: 21 }), 1 / 3);
  });

  it('reads each answer type', () => {
    const pq = { answer_type: 'percentage' } as QuestionNode;
    assert.equal(normaliseAnswer(pq, { value: 120 }), 1);
    assert.equal(normaliseAnswer(pq, { value: -5 }), 0);
    assert.equal(normaliseAnswer(pq, { value: 37.5 }), 0.375);
    assert.equal(normaliseAnswer(pq, undefined), 0);
    assert.equal(normaliseAnswer(pq, { value: null }), 0);
    assert.equal(normaliseAnswer(pq, { value: null, na: true }), null);
    assert.equal(normaliseAnswer({ answer_type: 'yes_no' } as QuestionNode, { value: true }), 1);
    assert.equal(normaliseAnswer({ answer_type: 'levels', levels: levels3 } as QuestionNode, { value: 'l1' }), 0.5);
    assert.equal(normaliseAnswer(num({ min: 0, max: 8, direction: 'higher_better' }), { value: 6 }), 0.75);
    const auto = { ...num({ min: 0, max: 0.5, direction: 'lower_better' }), answer_type: 'automatic' } as QuestionNode;
    assert.equal(normaliseAnswer(auto, { value: 0.125 }), 0.75);
  });
});

describe('sum', () => {
  // Weights are shares of the node's full mark: any two of the three yes answers reach it.
  const f = fw([
    g('s', [q('a', 'yes_no', { weight: 0.5, allow_na: true }), q('b', 'yes_no', { weight: 0.5 }), q('c', 'yes_no', { weight: 0.5 })], {
      method: 'sum',
    }),
  ]);

  it('adds weighted children and stops at the full mark', () => {
    const r = scoreRound(
      f,
      answers({ x: { a: true, b: false, c: false }, y: { a: true, b: true, c: false }, z: { a: true, b: true, c: true } }),
    );
    assert.deepEqual(
      r.agencies.map((a) => [a.agency, a.score]),
      [
        ['y', 100],
        ['z', 100],
        ['x', 50],
      ],
    );
    assert.deepEqual(
      r.agencies.map((a) => a.rank),
      [1, 1, 3],
    );
  });

  it('spreads N/A weight so the shares keep their total (1.5 → b and c worth 0.75 each)', () => {
    const r = scoreRound(f, answers({ x: { a: 'NA', b: true, c: false } }));
    assert.equal(agency(r, 'x').score, 75);
    assert.equal(node(r, 'x', 'b')?.weight, 0.75);
  });
});

describe('relative methods across the round', () => {
  const mm = fw([g('m', [pct('x', { allow_na: true }), pct('y', { allow_na: true })], { method: 'min_max' })]);

  it('min-max rescales the aggregate: (v − min)/(max − min)', () => {
    const r = scoreRound(mm, answers({ a: { x: 20, y: 40 }, b: { x: 60, y: 80 }, c: { x: 40, y: 60 }, d: { x: 'NA', y: 'NA' } }));
    // aggregates a 0.3, b 0.7, c 0.5 → 0, 1, 0.5
    assert.deepEqual(
      r.agencies.map((a) => [a.agency, a.score]),
      [
        ['b', 100],
        ['c', 50],
        ['a', 0],
        ['d', null],
      ],
    );
  });

  it('min-max with no spread keeps each agency its absolute weighted mean (not 1, not 0)', () => {
    const r = scoreRound(mm, answers({ a: { x: 30, y: 50 }, b: { x: 50, y: 30 } }));
    assert.deepEqual(
      r.agencies.map((a) => [a.agency, a.score, a.rank]),
      [
        ['a', 40, 1],
        ['b', 40, 1],
      ],
    );
    near(scoreRound(mm, answers({ solo: { x: 10, y: 20 } })).agencies[0].score, 15);
  });

  it('z-score standardises each child (population sd), averages, then min-max rescales', () => {
    const z = fw([g('m', [pct('x'), pct('y')], { method: 'z_score' })]);
    const r = scoreRound(z, answers({ a: { x: 10, y: 50 }, b: { x: 20, y: 30 }, c: { x: 60, y: 40 } }));
    // x: mean 0.3, sd √(0.14/3) → z = (−2, −1, 3)/√(14/3);  y: mean 0.4, sd √(0.02/3) → z = (1, −1, 0)·√(3/2)
    const sx = Math.sqrt(14 / 3);
    const sy = Math.sqrt(3 / 2);
    const comp = { a: (-2 / sx + sy) / 2, b: (-1 / sx - sy) / 2, c: 3 / sx / 2 };
    near(agency(r, 'a').score, ((comp.a - comp.b) / (comp.c - comp.b)) * 100); // 64.5750…
    assert.equal(agency(r, 'a').text, '64.58');
    assert.equal(agency(r, 'b').score, 0);
    assert.equal(agency(r, 'c').score, 100);
    // Plain min-max of the same answers ranks differently: aggregates 0.3, 0.25, 0.5 → a = 20.
    near(agency(scoreRound(mm, answers({ a: { x: 10, y: 50 }, b: { x: 20, y: 30 }, c: { x: 60, y: 40 } })), 'a').score, 20);
  });

  it('z-score gives a child with no spread z = 0 everywhere', () => {
    const z = fw([g('m', [pct('x'), pct('y')], { method: 'z_score' })]);
    const r = scoreRound(z, answers({ a: { x: 10, y: 50 }, b: { x: 20, y: 50 }, c: { x: 60, y: 50 } }));
    near(agency(r, 'b').score, 20); // = min-max of x alone: (0.2 − 0.1)/(0.6 − 0.1)
  });

  it('rescales nested relative nodes before the parent combines them', () => {
    const f = fw([g('m', [pct('x')], { method: 'min_max' }), g('n', [pct('y')])]);
    const r = scoreRound(f, answers({ a: { x: 10, y: 100 }, b: { x: 30, y: 0 } }));
    // m: a 0, b 1;  root = (m + n)/2
    assert.deepEqual(
      r.agencies.map((a) => [a.agency, a.score]),
      [
        ['a', 50],
        ['b', 50],
      ],
    );
  });
});

describe('determinism and answer checks', () => {
  const f = fw([
    g(
      'p',
      [
        pct('x', { weight: 0.1 }),
        pct('y', { weight: 0.7 }),
        q('z', 'number', { weight: 0.2, scale: { min: 0, max: 3, direction: 'higher_better' } }),
      ],
      { method: 'z_score' },
    ),
  ]);

  it('gives bit-identical results whatever order agencies and answers arrive in', () => {
    const spec = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`ag-${i}`, { x: (i * 37) % 101, y: (i * 53) % 97, z: (i % 7) / 2 }]),
    );
    const forward = scoreRound(f, answers(spec));
    const reversed = answers(
      Object.fromEntries(
        Object.entries(spec)
          .reverse()
          .map(([k, v]) => [k, Object.fromEntries(Object.entries(v).reverse())]),
      ),
    );
    assert.deepEqual(scoreRound(f, reversed), forward);
  });

  it('rejects answers that do not fit, naming agency and question', () => {
    const bad = answers({ a: { x: 'high', nope: 1, z: true }, b: { y: 'NA' } });
    assert.throws(
      () => scoreRound(f, bad),
      (e: unknown) => {
        assert.ok(e instanceof ScoringError);
        assert.deepEqual(e.issues, [
          'agency a, question x: expected a finite number',
          'agency a, question nope: no such question in the framework',
          'agency a, question z: expected a finite number',
          'agency b, question y: "not applicable" is not allowed for this question',
        ]);
        return true;
      },
    );
    const lv = fw([g('p', [q('l', 'levels', { levels: levels3, allow_na: true }), q('b', 'yes_no')])]);
    assert.throws(() => scoreRound(lv, new Map([['a', new Map([['l', { value: 'l9' }]])]])), /expected one of the levels l0, l1, l2/);
    assert.throws(() => scoreRound(lv, new Map([['a', new Map([['l', { value: 'l1', na: true }]])]])), /must not carry a value/);
    assert.throws(() => scoreRound(lv, new Map([['a', new Map([['b', { value: 1 }]])]])), /expected yes or no/);
    assert.throws(() => scoreRound(lv, new Map([['a', new Map([['b', { value: Number.NaN }]])]])), /expected yes or no/);
  });
});
