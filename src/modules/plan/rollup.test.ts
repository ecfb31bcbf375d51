import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  daysBetween,
  initiativeFigures,
  initiativeProgress,
  kpiAttainment,
  kpiRating,
  kpiScore,
  overallRating,
  plannedProgress,
  scheduleRating,
  slippageDays,
  thresholdsOf,
  weightedMean,
} from './rollup.ts';

// The plan's arithmetic against answers worked out by hand (each comment shows the sum).

const ms = (weight: number, planned_date: string, actual_date: string | null = null, forecast_date: string | null = null) => ({
  weight,
  planned_date,
  actual_date,
  forecast_date,
});
const near = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);

describe('plan roll-up', () => {
  it('normalises weights that do not add up to 100', () => {
    // (10·1 + 30·0 + 20·1) / 60 = 0.5
    const r = weightedMean([
      { weight: 10, value: 1 },
      { weight: 30, value: 0 },
      { weight: 20, value: 1 },
    ]);
    near(r.value, 0.5);
    assert.equal(r.totalWeight, 60);
    assert.deepEqual(r.shares, [10 / 60, 30 / 60, 20 / 60]);
  });

  it("an initiative's progress is the weighted share of its milestones done; planned progress the share due by the day", () => {
    const milestones = [ms(1, '2026-01-31', '2026-02-03'), ms(2, '2026-03-31', '2026-03-30'), ms(3, '2026-06-30')];
    near(initiativeProgress(milestones), 3 / 6); // (1 + 2) / (1 + 2 + 3)
    near(plannedProgress(milestones, '2026-04-15'), 3 / 6);
    near(plannedProgress(milestones, '2026-01-01'), 0);
    assert.equal(initiativeProgress([]), null);
  });

  it('leaves out the parts with nothing to measure and renormalises the others (initiative → track → plan)', () => {
    // Track 1: A (weight 2, 50%), B (weight 1, no milestones), C (weight 1, 100%) → (2·0.5 + 1·1) / 3 = 2/3
    const track1 = weightedMean([
      { weight: 2, value: 0.5 },
      { weight: 1, value: null },
      { weight: 1, value: 1 },
    ]);
    near(track1.value, 2 / 3);
    assert.deepEqual(track1.shares, [2 / 3, null, 1 / 3]);
    // Track 2: one initiative at 25%. Plan: tracks weighted 30 and 45 → (30·2/3 + 45·0.25) / 75 = 31.25 / 75
    const plan = weightedMean([
      { weight: 30, value: track1.value },
      { weight: 45, value: 0.25 },
    ]);
    near(plan.value, 31.25 / 75);
    // A track whose initiatives have no milestones yet does not drag the plan down.
    near(
      weightedMean([
        { weight: 30, value: track1.value },
        { weight: 45, value: null },
      ]).value,
      2 / 3,
    );
    assert.equal(weightedMean([{ weight: 0, value: 1 }]).value, null);
  });
});

describe('plan ratings', () => {
  it('counts slippage from the forecast end and from open milestones, overdue ones up to today; done ones no longer count', () => {
    const initiative = { planned_end: '2026-06-30', forecast_end: '2026-07-20' }; // 20 days
    const milestones = [
      ms(1, '2025-12-01', '2026-01-30'), // done 60 days late: no longer counts
      ms(1, '2026-03-01', null, '2026-03-15'), // forecast 14 days late
      ms(1, '2026-01-10'), // open and overdue: 2026-01-10 → 2026-02-19 = 40 days
    ];
    assert.equal(daysBetween('2026-01-10', '2026-02-19'), 40);
    assert.equal(slippageDays(initiative, milestones, '2026-02-19'), 40);
    assert.equal(slippageDays(initiative, milestones.slice(0, 2), '2026-02-19'), 20);
    assert.equal(slippageDays({ planned_end: '2026-06-30', forecast_end: '2026-06-01' }, [], '2026-02-19'), 0);
  });

  it('rates schedule slippage on the default thresholds 0 / 30 / 60 / 90 days', () => {
    assert.deepEqual(
      [0, 1, 30, 31, 60, 61, 90, 91].map((d) => scheduleRating(d)),
      ['green', 'amber_green', 'amber_green', 'amber', 'amber', 'amber_red', 'amber_red', 'red'],
    );
  });

  it('measures KPI attainment from baseline to target in the direction that is better', () => {
    // Higher is better: baseline 20, target 60, actual 56 → (56 − 20) / (60 − 20) = 0.9
    near(kpiAttainment({ kpi_type: 'percentage', direction: 'increase', baseline: 20, target: 60, actual: 56 }), 0.9);
    // Lower is better: baseline 14 days, target 8, actual 10 → (14 − 10) / (14 − 8) = 2/3
    near(kpiAttainment({ kpi_type: 'number', direction: 'decrease', baseline: 14, target: 8, actual: 10 }), 2 / 3);
    // The wrong way counts 0, beyond the target 1.
    assert.equal(kpiAttainment({ kpi_type: 'number', direction: 'decrease', baseline: 14, target: 8, actual: 16 }), 0);
    assert.equal(kpiAttainment({ kpi_type: 'number', direction: 'decrease', baseline: 14, target: 8, actual: 6 }), 1);
    // A target equal to the baseline is met or not; yes/no is met or not.
    assert.equal(kpiAttainment({ kpi_type: 'number', direction: 'increase', baseline: 5, target: 5, actual: 5 }), 1);
    assert.equal(kpiAttainment({ kpi_type: 'number', direction: 'decrease', baseline: 5, target: 5, actual: 6 }), 0);
    assert.equal(kpiAttainment({ kpi_type: 'yes_no', direction: 'increase', baseline: 0, target: 1, actual: 1 }), 1);
    assert.equal(kpiAttainment({ kpi_type: 'yes_no', direction: 'increase', baseline: 0, target: 1, actual: 0 }), 0);
    // No target or no actual (a missing report): not measured.
    assert.equal(kpiAttainment({ kpi_type: 'number', direction: 'increase', baseline: 0, target: 10, actual: null }), null);
    assert.equal(kpiAttainment({ kpi_type: 'number', direction: 'increase', baseline: 0, target: null, actual: 3 }), null);
  });

  it('rates the mean attainment of the KPIs that have figures on 100 / 90 / 75 / 50 %', () => {
    const kpis = [
      { kpi_type: 'percentage' as const, direction: 'increase' as const, baseline: 20, target: 60, actual: 56 }, // 0.9
      { kpi_type: 'number' as const, direction: 'decrease' as const, baseline: 14, target: 8, actual: 10 }, // 2/3
      { kpi_type: 'number' as const, direction: 'increase' as const, baseline: 0, target: 10, actual: null }, // missing: left out
    ];
    const score = kpiScore(kpis); // (0.9 + 2/3) / 2 = 0.78333…
    near(score, (0.9 + 2 / 3) / 2);
    assert.equal(kpiRating(score as number), 'amber');
    assert.deepEqual(
      [1, 0.95, 0.9, 0.8, 0.75, 0.6, 0.5, 0.49].map((s) => kpiRating(s)),
      ['green', 'amber_green', 'amber_green', 'amber', 'amber', 'amber_red', 'amber_red', 'red'],
    );
    assert.equal(kpiScore([kpis[2]]), null);
  });

  it('takes the worse of schedule and KPI as the overall rating, and the office override when there is one', () => {
    assert.equal(overallRating('amber', 'amber_red'), 'amber_red');
    assert.equal(overallRating('red', 'green'), 'red');
    assert.equal(overallRating('amber_green', null), 'amber_green');
    const milestones = [ms(1, '2026-01-10'), ms(3, '2025-11-01', '2025-11-01')];
    const kpis = [{ kpi_type: 'number' as const, direction: 'decrease' as const, baseline: 14, target: 8, actual: 10 }];
    const f = initiativeFigures({ planned_end: '2026-06-30', forecast_end: null, override_rating: null }, milestones, kpis, '2026-02-19');
    near(f.progress, 3 / 4);
    assert.equal(f.slipDays, 40);
    assert.equal(f.schedule, 'amber');
    assert.equal(f.kpi, 'amber_red');
    assert.equal(f.computed, 'amber_red');
    assert.equal(f.overall, 'amber_red');
    const o = initiativeFigures(
      { planned_end: '2026-06-30', forecast_end: null, override_rating: 'amber' },
      milestones,
      kpis,
      '2026-02-19',
    );
    assert.equal(o.computed, 'amber_red');
    assert.equal(o.overall, 'amber');
    assert.equal(o.overridden, true);
  });

  it("reads a plan's own thresholds, falling back to the defaults for anything malformed", () => {
    const t = thresholdsOf(JSON.stringify({ slipDays: [7, 14, 21, 28], kpiPct: 'x' }));
    assert.deepEqual(t.slipDays, [7, 14, 21, 28]);
    assert.deepEqual(t.kpiPct, [100, 90, 75, 50]);
    assert.equal(scheduleRating(15, t), 'amber');
    assert.deepEqual(thresholdsOf('not json').slipDays, [0, 30, 60, 90]);
  });
});
