import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { Client } from '../../../test/helpers/client.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { isoDay, localDayNumber, zonedInstant } from '../../platform/i18n/dates.ts';
import { uptimeBetween } from './public.ts';
import { createProbe, historyBy, historyDates, nationalStatus, type Result, recordResults } from './testing.ts';

// The national status page's materialised history: ended days summed once into
// availability_day_totals and read from there; a late result for such a day forgets its sums in
// the same transaction (so every node reads the new figures); incidents are read live, so the page
// shows one the moment it opens and drops it the moment it closes, in both languages.

describe('availability: the national status page reads materialised days and is never stale', () => {
  let t: TestApp;
  let client: Client;
  const ids = { agency: 0, other: 0, probe: 0, second: 0 };
  const DAY = 86_400_000;
  const now = new Date();
  const runs = (from: number, n: number, ok: boolean, stepMs = 60_000): Result[] =>
    Array.from({ length: n }, (_, i) => ({
      at: new Date(from + i * stepMs).toISOString(),
      ok,
      statusCode: ok ? 200 : 503,
      latencyMs: ok ? 120 : null,
      error: ok ? null : 'status',
    }));
  const totals = () => t.deps.db.selectFrom('availability_day_totals').selectAll().orderBy('date').orderBy('agency_id').execute();
  const localDay = (ms: number) => isoDay(localDayNumber(t.deps.config.timeZone, ms));
  // Past checks sit at local noon of their day, so no run straddles local midnight at whatever hour
  // the suite runs (from 23:00 local, «five days ago + an hour» was four days ago).
  const noonDaysAgo = (n: number) =>
    zonedInstant(t.deps.config.timeZone, localDayNumber(t.deps.config.timeZone, now.getTime()) - n, 12 * 60);
  const serviceOf = async (probeId: number) =>
    (await t.deps.db.selectFrom('availability_probes').select('service_id').where('id', '=', probeId).executeTakeFirst())?.service_id;

  before(async () => {
    t = await testApp();
    client = new Client(t.app);
    const agency = await buildAgency(t.deps, { code: 'health', name_en: 'Health', name_ar: 'الصحة', website: 'https://health.gov.sa' });
    const other = await buildAgency(t.deps, { code: 'water', name_en: 'Water', name_ar: 'المياه', website: 'https://water.gov.sa' });
    ids.agency = agency.id;
    ids.other = other.id;
    const make = async (agencyId: number, identifier: string, url: string) => {
      const s = await buildService(t.deps, agencyId, {
        identifier,
        data: { channels: [{ type: 'web', url, availability: '24/7' }] },
      });
      return (await createProbe(t.deps, systemCtx('test'), { service_id: String(s.id), interval_seconds: '60' })).id;
    };
    ids.probe = await make(agency.id, 'book-appointment', 'https://www.health.gov.sa/book');
    ids.second = await make(other.id, 'water-bill', 'https://www.water.gov.sa/bill');
    // Ten days ago: 20 good checks of each; five days ago: 10 good and 2 failed (too few for an incident) of the first.
    await recordResults(t.deps, ids.probe, runs(noonDaysAgo(10), 20, true));
    await recordResults(t.deps, ids.second, runs(noonDaysAgo(10), 20, true));
    await recordResults(t.deps, ids.probe, [...runs(noonDaysAgo(5), 10, true), ...runs(noonDaysAgo(5) + 3_600_000, 2, false)]);
  });
  after(() => t.close());

  it('gives the same days as reading the roll-ups directly, and keeps ended days in the summary table', async () => {
    const d = await nationalStatus(t.deps, now);
    const plain = await historyBy(t.deps, 'agency', historyDates(now, t.deps.config.timeZone));
    assert.deepEqual(d.days, plain.days('all'));
    for (const row of d.agencies) assert.deepEqual(row.days, plain.days(row.agency.id));
    const rows = await totals();
    const tenAgo = localDay(noonDaysAgo(10));
    const fiveAgo = localDay(noonDaysAgo(5));
    const of = (date: string, agency: number) => rows.find((r) => r.date === date && r.agency_id === agency);
    assert.deepEqual([Number(of(tenAgo, 0)?.up), Number(of(tenAgo, ids.agency)?.up), Number(of(tenAgo, ids.other)?.up)], [40, 20, 20]);
    assert.deepEqual([Number(of(fiveAgo, ids.agency)?.up), Number(of(fiveAgo, ids.agency)?.down)], [10, 2]);
    assert.equal(rows.filter((r) => r.agency_id === 0).length, 88, 'every ended day but yesterday is marked, with or without checks');
    assert.equal(
      rows.some((r) => r.date >= localDay(now.getTime() - DAY)),
      false,
      'yesterday and today are read live',
    );
    const again = await nationalStatus(t.deps, now);
    assert.deepEqual(again.days, d.days);
    assert.equal((await totals()).length, rows.length, 'a second read computes nothing again');
  });

  it('forgets a day when a late result arrives for it, and the next read counts it', async () => {
    const fiveAgo = localDay(noonDaysAgo(5));
    await recordResults(t.deps, ids.second, runs(noonDaysAgo(5), 2, false));
    assert.equal(
      (await totals()).some((r) => r.date === fiveAgo),
      false,
    );
    const d = await nationalStatus(t.deps, now);
    const day = d.days.find((x) => x.date === fiveAgo);
    assert.deepEqual([day?.counts.up, day?.counts.down], [10, 4]);
    const plain = await historyBy(t.deps, 'agency', historyDates(now, t.deps.config.timeZone));
    assert.deepEqual(d.days, plain.days('all'));
  });

  it('gives the nation’s and an agency’s uptime of settled days from the same sums, a late result counted', async () => {
    const period = { from: new Date(now.getTime() - 12 * DAY).toISOString(), to: new Date(now.getTime() - 2 * DAY).toISOString() };
    // Known answers: ten days ago 20 + 20 good; five days ago 10 good and 2 failed (health), 2 failed (water, late).
    const nation = await uptimeBetween(t.deps, period);
    assert.deepEqual([nation.up, nation.down], [50, 4]);
    const health = await uptimeBetween(t.deps, { ...period, agencyId: ids.agency });
    assert.deepEqual([health.up, health.down], [30, 2]);
    const water = await uptimeBetween(t.deps, { ...period, agencyId: ids.other });
    assert.deepEqual([water.up, water.down], [20, 2]);
    // A service's uptime reads its own roll-ups; the same checks give the same figures.
    const service = await uptimeBetween(t.deps, { ...period, serviceId: (await serviceOf(ids.probe)) as number });
    assert.deepEqual([service.up, service.down], [30, 2]);
    // Another late result for a settled day (a good one: failures in a row would open an incident): the next read counts it.
    await recordResults(t.deps, ids.second, runs(noonDaysAgo(10) + 3_600_000, 1, true));
    assert.deepEqual(
      [(await uptimeBetween(t.deps, period)).up, (await uptimeBetween(t.deps, { ...period, agencyId: ids.other })).up],
      [51, 21],
    );
  });

  it('shows an incident on the page as soon as it opens, and no more once it closes, in both languages', async () => {
    await client.get('/en/status');
    const start = now.getTime() - 10 * 60_000;
    await recordResults(t.deps, ids.probe, runs(start, 3, false));
    const en = await client.get('/en/status');
    const ar = await client.get('/ar/status');
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /1 service has an outage now/);
    assert.match(en.body, /\/en\/status\/services\/book-appointment/);
    assert.match(ar.body, /خدمة واحدة منقطعة الآن/);
    await recordResults(t.deps, ids.probe, runs(start + 5 * 60_000, 2, true));
    const closedEn = await client.get('/en/status');
    const closedAr = await client.get('/ar/status');
    assert.match(closedEn.body, /All monitored services are operational/);
    assert.match(closedAr.body, /كل الخدمات المراقَبة تعمل/);
  });
});
