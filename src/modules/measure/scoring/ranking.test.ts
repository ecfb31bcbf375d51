import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreRound } from './engine.ts';
import { answers, fw, g, q } from './fixtures/build.ts';
import { competitionRanks, formatScore, roundHalfUp, stageFor } from './ranking.ts';

describe('display rounding', () => {
  it('rounds half up on the decimal value, not on its binary approximation', () => {
    assert.equal(roundHalfUp(1.005, 2), 1.01); // 1.005 × 100 is 100.49999999999999 in binary
    assert.equal(roundHalfUp(80.005, 2), 80.01);
    assert.equal(roundHalfUp(80.004999, 2), 80);
    assert.equal(roundHalfUp(0.59065, 4), 0.5907);
    assert.equal(roundHalfUp(-2.5, 0), -3);
    assert.equal(roundHalfUp(-0.001, 2), 0);
    assert.equal(formatScore(80, 2), '80.00');
    assert.equal(formatScore(99.995, 2), '100.00');
    assert.equal(formatScore(0.1 + 0.2, 1), '0.3');
  });
});

describe('competition ranking', () => {
  it('shares a rank on ties and skips after them (1, 2, 2, 4)', () => {
    assert.deepEqual(competitionRanks([70, 80, 90, 80]), [4, 2, 1, 2]);
    assert.deepEqual(competitionRanks([5, 5, 5]), [1, 1, 1]);
    assert.deepEqual(competitionRanks([null, 3, null, 1]), [null, 1, null, 2]);
    assert.deepEqual(competitionRanks([]), []);
  });

  it('ties agencies whose displayed scores are equal (80.004 and 80.001 both show 80.00)', () => {
    // One number question on 0..1000 with weight 1: the score is value / 10.
    const f = fw([g('p', [q('v', 'number', { scale: { min: 0, max: 1000, direction: 'higher_better' } })])]);
    const r = scoreRound(f, answers({ top: { v: 900 }, x: { v: 800.04 }, y: { v: 800.01 }, up: { v: 800.05 }, low: { v: 700 } }));
    assert.deepEqual(
      r.agencies.map((a) => [a.agency, a.text, a.rank]),
      [
        ['top', '90.00', 1],
        ['up', '80.01', 2], // 80.005 rounds up and so ranks above the tie
        ['x', '80.00', 3],
        ['y', '80.00', 3],
        ['low', '70.00', 5],
      ],
    );
    assert.ok((r.agencies[2].score as number) > (r.agencies[3].score as number), 'the unrounded scores differ; the displayed ones do not');
  });
});

describe('stages', () => {
  const stages = fw([g('p', [q('x', 'yes_no')])]).settings.stages;

  it('defaults to building, availability, integration and excellence at 0, 25, 50 and 75', () => {
    assert.deepEqual(
      stages.map((s) => [s.key, s.min, s.name_ar]),
      [
        ['building', 0, 'البناء'],
        ['availability', 25, 'الإتاحة'],
        ['integration', 50, 'التكامل'],
        ['excellence', 75, 'التميز'],
      ],
    );
  });

  it('places a score exactly on a threshold in the higher stage', () => {
    const at = (s: number) => stageFor(s, stages)?.key;
    assert.equal(at(0), 'building');
    assert.equal(at(24.99), 'building');
    assert.equal(at(25), 'availability');
    assert.equal(at(49.99), 'availability');
    assert.equal(at(50), 'integration');
    assert.equal(at(74.99), 'integration');
    assert.equal(at(75), 'excellence');
    assert.equal(at(100), 'excellence');
    assert.equal(stageFor(null, stages), null);
    assert.equal(stageFor(5, [{ key: 'ok', name_ar: 'مقبول', name_en: 'OK', min: 10 }]), null, 'below the first threshold');
    assert.equal(stageFor(5, []), null);
  });

  it('stages on the displayed score: 74.995 shows 75.00 and is excellence', () => {
    const f = fw([g('p', [q('v', 'number', { scale: { min: 0, max: 1000, direction: 'higher_better' } })])]);
    const r = scoreRound(f, answers({ a: { v: 749.95 }, b: { v: 749.94 } }));
    assert.deepEqual(
      r.agencies.map((a) => [a.agency, a.text, a.stage?.key]),
      [
        ['a', '75.00', 'excellence'],
        ['b', '74.99', 'integration'],
      ],
    );
  });

  it('scales default thresholds to the framework scale', () => {
    const s = fw([g('p', [q('x', 'yes_no')])], { settings: { scale_max: 1, decimals: 4 } }).settings.stages;
    assert.deepEqual(
      s.map((x) => x.min),
      [0, 0.25, 0.5, 0.75],
    );
  });
});
