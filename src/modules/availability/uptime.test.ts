import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addLatency,
  dayState,
  emptyHistogram,
  formatHistogram,
  inPlannedDowntime,
  mergeHistograms,
  parseHistogram,
  percentile,
  uptimeOf,
} from './uptime.ts';

// Known answers of the availability arithmetic: uptime leaves planned downtime out of both sides,
// a period with no checks is missing (null), never 100 %; percentiles read bucket upper bounds.

describe('availability arithmetic', () => {
  it('computes uptime from counts, summing services and periods', () => {
    // 2 services: 990 up + 10 down, and 495 up + 5 down → 1485 / 1500 = 99 %.
    const u = uptimeOf([
      { up: 990, down: 10, planned: 0 },
      { up: 495, down: 5, planned: 0 },
    ]);
    assert.equal(u.uptime, 0.99);
    assert.equal(u.checks, 1500);
    assert.equal(u.plannedShare, 0);
  });

  it('counts planned downtime apart: neither up nor an outage', () => {
    // A day of 1-minute checks: 60 minutes of announced maintenance, 12 minutes of outage.
    const u = uptimeOf([{ up: 1440 - 60 - 12, down: 12, planned: 60 }]);
    assert.equal(u.uptime, 1368 / 1380);
    assert.equal(u.plannedShare, 60 / 1440);
    assert.equal(u.down, 12);
    // The same day with the maintenance unannounced would read lower.
    assert.ok((uptimeOf([{ up: 1368, down: 72, planned: 0 }]).uptime as number) < (u.uptime as number));
  });

  it('reports no checks as missing, and only-planned as missing uptime', () => {
    assert.equal(uptimeOf([]).uptime, null);
    assert.equal(uptimeOf([{ up: 0, down: 0, planned: 0 }]).plannedShare, null);
    const onlyPlanned = uptimeOf([{ up: 0, down: 0, planned: 24 }]);
    assert.equal(onlyPlanned.uptime, null);
    assert.equal(onlyPlanned.plannedShare, 1);
  });

  it('reads percentiles from the latency histogram as bucket upper bounds', () => {
    const h = emptyHistogram();
    for (const ms of [40, 60, 90, 150, 180, 190, 250, 450, 900, 12_000]) addLatency(h, ms);
    assert.equal(percentile(h, 0.5), 200); // 5th of 10 lies in (100, 200]
    assert.equal(percentile(h, 0.95), 30_000); // 10th lies in (10 000, 30 000]
    assert.equal(percentile(emptyHistogram(), 0.5), null);
    const round = parseHistogram(formatHistogram(h));
    assert.deepEqual(round, h);
    assert.deepEqual(mergeHistograms([h, h])[0], 2);
    const slow = addLatency(emptyHistogram(), 90_000);
    assert.equal(percentile(slow, 0.5), 30_000);
  });

  it('places instants in planned downtime of the service or of its whole agency', () => {
    const windows = [
      { agencyId: 1, serviceIds: [10], startsAt: '2026-03-01T00:00:00.000Z', endsAt: '2026-03-01T02:00:00.000Z' },
      { agencyId: 2, serviceIds: [], startsAt: '2026-03-02T00:00:00.000Z', endsAt: '2026-03-02T01:00:00.000Z' },
    ];
    assert.equal(inPlannedDowntime('2026-03-01T01:00:00.000Z', { id: 10, agencyId: 1 }, windows), true);
    assert.equal(inPlannedDowntime('2026-03-01T02:00:00.000Z', { id: 10, agencyId: 1 }, windows), false, 'the end is excluded');
    assert.equal(inPlannedDowntime('2026-03-01T01:00:00.000Z', { id: 11, agencyId: 1 }, windows), false, 'another service');
    assert.equal(inPlannedDowntime('2026-03-02T00:30:00.000Z', { id: 99, agencyId: 2 }, windows), true, 'agency-wide');
    assert.equal(inPlannedDowntime('2026-03-02T00:30:00.000Z', { id: 99, agencyId: 3 }, windows), false, 'another agency');
  });

  it('names a day on the status bar', () => {
    assert.equal(dayState({ up: 0, down: 0, planned: 0 }), 'none');
    assert.equal(dayState({ up: 100, down: 0, planned: 0 }), 'up');
    assert.equal(dayState({ up: 99, down: 1, planned: 0 }), 'up');
    assert.equal(dayState({ up: 95, down: 5, planned: 0 }), 'degraded');
    assert.equal(dayState({ up: 80, down: 20, planned: 0 }), 'down');
    assert.equal(dayState({ up: 20, down: 0, planned: 4 }), 'planned');
  });
});
