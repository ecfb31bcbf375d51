import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addMonths,
  completionRate,
  costPerTransaction,
  digitalTakeUp,
  type Figures,
  median,
  monthKpis,
  monthsEnding,
  monthsIn,
  series,
  totalTransactions,
} from './kpi.math.ts';
import type { FigureRow } from './kpi.repo.ts';
import { medianOfServices, nationalMedians } from './kpi.reports.ts';

const f = (o: Partial<Figures> = {}): Figures => ({
  web: 0,
  app: 0,
  kiosk: 0,
  call_centre: 0,
  service_centre: 0,
  started: 0,
  completed: 0,
  total_cost: null,
  ...o,
});

describe('kpi arithmetic', () => {
  it('digital take-up counts web, app and kiosk (self-service) against every channel', () => {
    const m = f({ web: 600, app: 200, kiosk: 100, call_centre: 60, service_centre: 40 });
    assert.equal(totalTransactions(m), 1000);
    assert.deepEqual(digitalTakeUp([m]), { numerator: 900, denominator: 1000, value: 0.9 });
    // Assisted channels alone: no digital take-up, but a real 0, not missing.
    assert.equal(digitalTakeUp([f({ call_centre: 5 })]).value, 0);
  });

  it('completion rate is completed over started; nothing started is not 0 % but unknown', () => {
    assert.equal(completionRate([f({ started: 800, completed: 600 })]).value, 0.75);
    assert.equal(completionRate([f({ started: 0, completed: 0 })]).value, null);
  });

  it('cost per transaction pools only the months that have a cost', () => {
    const months = [f({ web: 100, total_cost: 500 }), f({ web: 300, total_cost: 700 }), f({ web: 1000, total_cost: null })];
    // (500 + 700) / (100 + 300) = 3; the uncosted month's 1000 transactions are not divided into anything.
    assert.deepEqual(costPerTransaction(months), { numerator: 1200, denominator: 400, value: 3 });
    assert.equal(costPerTransaction([f({ web: 10 })]).value, null);
    assert.equal(costPerTransaction([f({ total_cost: 100 })]).value, null, 'a cost with no transactions has no per-transaction figure');
  });

  it('pools months by their counts, not by averaging their rates', () => {
    // 10/10 and 0/90: the pooled take-up is 10 %, the mean of the two months' rates would be 50 %.
    const months = [f({ web: 10 }), f({ call_centre: 90 })];
    assert.equal(digitalTakeUp(months).value, 0.1);
  });

  it('a missing month is null in every KPI, never zero', () => {
    assert.deepEqual(monthKpis(undefined), { takeUp: null, completion: null, cost: null });
    const rows = [
      { month: '2026-01', v: 1 },
      { month: '2026-03', v: 3 },
    ];
    assert.deepEqual(series(rows, ['2026-01', '2026-02', '2026-03']), [rows[0], undefined, rows[1]]);
    assert.equal(digitalTakeUp([]).value, null);
  });

  it('the median skips missing values and averages the middle pair', () => {
    assert.equal(median([3, null, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([null, undefined]), null);
    assert.equal(median([]), null);
    assert.equal(median([0]), 0);
  });

  it('counts months across year ends', () => {
    assert.equal(addMonths('2025-12', 1), '2026-01');
    assert.equal(addMonths('2026-01', -13), '2024-12');
    assert.deepEqual(monthsEnding('2026-02', 3), ['2025-12', '2026-01', '2026-02']);
    assert.deepEqual(monthsIn('2025-11-01', '2026-02-01'), ['2025-11', '2025-12', '2026-01']);
    assert.deepEqual(monthsIn('2025-11-15T00:00:00Z', '2026-01-01'), ['2025-12'], 'a month counts when its first day is in the period');
  });

  it('national medians per month: over the services that reported, missing months left out', () => {
    const row = (service_id: number, month: string, o: Partial<Figures>) => ({ ...f(o), service_id, month }) as unknown as FigureRow;
    const rows = [
      row(1, '2026-01', { web: 50, call_centre: 50, started: 100, completed: 50, total_cost: 1000 }), // 50 %, 50 %, 10
      row(2, '2026-01', { web: 90, call_centre: 10, started: 100, completed: 90, total_cost: 2000 }), // 90 %, 90 %, 20
      row(3, '2026-01', { web: 70, call_centre: 30, started: 0, completed: 0 }), // 70 %, —, —
      row(1, '2026-02', { web: 10, call_centre: 90, started: 10, completed: 5, total_cost: 300 }), // 10 %, 50 %, 3
    ];
    const m = nationalMedians(rows, ['2026-01', '2026-02', '2026-03']);
    assert.deepEqual(m[0], { month: '2026-01', services: 3, takeUp: 0.7, completion: 0.7, cost: 15 });
    assert.deepEqual(m[1], { month: '2026-02', services: 1, takeUp: 0.1, completion: 0.5, cost: 3 });
    assert.deepEqual(m[2], { month: '2026-03', services: 0, takeUp: null, completion: null, cost: null });
    // Over the period: service 1 pools to 60/200 = 30 %, service 2 90 %, service 3 70 % → median 70 %.
    assert.equal(medianOfServices(rows).takeUp, 0.7);
    // Service 1's cost pools to 1300 / 200 = 6.5; service 2's is 20; service 3 has none → (6.5 + 20) / 2.
    assert.equal(medianOfServices(rows).cost, 13.25);
  });
});
