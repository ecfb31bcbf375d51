import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { barGeometry, milestoneState, spanOf, yearTicks } from './timeline.ts';

// The timeline's geometry against hand-computed positions, left to right and mirrored right to left.

describe('plan: timeline geometry', () => {
  // 2025 and 2026: 730 days on an axis 730 wide, one unit a day.
  const range = { from: '2025-01-01', to: '2026-12-31' };

  it('places a bar by its days, and mirrors it for right-to-left pages', () => {
    // 2025-07-01 is day 181 (31+28+31+30+31+30); to 2025-12-31 inclusive is 184 days.
    assert.deepEqual(barGeometry({ from: '2025-07-01', to: '2025-12-31' }, range, 730, false), { x: 181, width: 184 });
    assert.deepEqual(barGeometry({ from: '2025-07-01', to: '2025-12-31' }, range, 730, true), { x: 365, width: 184 });
    assert.deepEqual(barGeometry(range, range, 730, true), { x: 0, width: 730 });
    // Half the width: positions halve and round to tenths.
    assert.deepEqual(barGeometry({ from: '2025-01-02', to: '2025-01-02' }, range, 365, false), { x: 0.5, width: 1 });
  });

  it('spans every bar and ticks each new year', () => {
    assert.deepEqual(
      spanOf([
        { from: '2025-03-01', to: '2025-06-30' },
        { from: '2024-11-01', to: '2025-02-01' },
        { from: '2025-01-01', to: '2027-01-31' },
      ]),
      { from: '2024-11-01', to: '2027-01-31' },
    );
    assert.equal(spanOf([]), null);
    assert.deepEqual(yearTicks({ from: '2024-11-01', to: '2027-01-31' }), ['2025-01-01', '2026-01-01', '2027-01-01']);
  });

  it('says where each milestone stands and which day its marker shows', () => {
    const m = (planned_date: string, forecast_date: string | null, actual_date: string | null) => ({
      planned_date,
      forecast_date,
      actual_date,
    });
    const today = '2025-06-01';
    assert.deepEqual(milestoneState(m('2025-03-01', null, '2025-02-20'), today), { state: 'done', day: '2025-02-20' });
    assert.deepEqual(milestoneState(m('2025-03-01', '2025-03-01', '2025-03-01'), today), { state: 'done', day: '2025-03-01' });
    assert.deepEqual(milestoneState(m('2025-03-01', null, '2025-04-02'), today), { state: 'done_late', day: '2025-04-02' });
    assert.deepEqual(milestoneState(m('2025-09-01', '2025-10-15', null), today), { state: 'late', day: '2025-10-15' });
    assert.deepEqual(
      milestoneState(m('2025-05-31', null, null), today),
      { state: 'late', day: '2025-05-31' },
      'planned day passed, nothing done',
    );
    assert.deepEqual(
      milestoneState(m('2025-06-01', null, null), today),
      { state: 'on_track', day: '2025-06-01' },
      'due today is not late yet',
    );
    assert.deepEqual(milestoneState(m('2025-09-01', '2025-08-01', null), today), { state: 'on_track', day: '2025-08-01' });
  });
});
