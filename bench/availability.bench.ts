// Availability at national scale, on SQLite (in memory): 5,000 services probed every minute for 30
// days, kept as the module keeps them — hourly and daily roll-ups (raw results live 14 days). Prints
// the storage per probe-day against raw minute results, the time to record one probe run through
// recordResults against a plain one-row insert, and the status page's reads (90-day national history,
// national uptime over 30 days) against a full scan of the daily roll-ups — ratios measured in the same run.
// The national page's data is timed three ways: uncached (the 90-day history summed from the roll-ups
// on every read), cold (the ended days summed once into availability_day_totals) and cached (read
// from there, yesterday and today live); peak RSS is taken after seeding, after the cached reads and
// after the uncached ones (maxRSS only grows, so the cached reads run first).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { createDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { uptimeBetween } from '../src/modules/availability/public.ts';
import { historyBy, historyDates, nationalStatus, recordResults } from '../src/modules/availability/testing.ts';
import { peakRssMb, report, round, timeCalls } from './lib.ts';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 5000);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const AGENCIES = 50;
const HOUR = 3_600_000;

const deps = await createDeps(
  loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    SECRET_KEY: randomBytes(24).toString('hex'),
    LOG_LEVEL: 'silent',
    WORKER: 'off',
    DEMO_DATA: 'off',
    STORAGE_DIR: '/tmp/yusr-bench-files',
    TIME_ZONE: 'Asia/Riyadh',
  }),
  { log: pino({ level: 'silent' }) },
);
const db = deps.db;
const bytes = async () => {
  const pages = await sql<{ page_count: number }>`pragma page_count`.execute(db);
  const size = await sql<{ page_size: number }>`pragma page_size`.execute(db);
  return Number(pages.rows[0]?.page_count) * Number(size.rows[0]?.page_size);
};
const now = Date.now();
const iso = new Date(now).toISOString();

const seedStart = performance.now();
await db.transaction().execute(async (trx) => {
  for (let a = 1; a <= AGENCIES; a++) {
    await trx
      .insertInto('agencies')
      .values({
        code: `a${a}`,
        name_ar: `جهة ${a}`,
        name_en: `Agency ${a}`,
        kind: 'ministry',
        parent_id: null,
        website: `https://a${a}.gov.sa`,
        email: null,
        phone: null,
        address_ar: null,
        address_en: null,
        status: 'active',
        created_at: iso,
        updated_at: iso,
      })
      .execute();
  }
  for (let s = 1; s <= SERVICES; s += 500) {
    const n = Math.min(500, SERVICES - s + 1);
    const rows = Array.from({ length: n }, (_, k) => ({
      identifier: `s-${s + k}`,
      agency_id: ((s + k) % AGENCIES) + 1,
      name_ar: `خدمة ${s + k}`,
      name_en: `Service ${s + k}`,
      status: 'live' as const,
      maturity: 'transactional' as const,
      published_json: '{}',
      published_version: 1,
      published_at: iso,
      first_published_at: iso,
      status_changed_at: iso,
      draft_json: null,
      draft_updated_at: null,
      draft_updated_by: null,
      complete: 1,
      created_at: iso,
      updated_at: iso,
    }));
    await trx.insertInto('services').values(rows).execute();
    await trx
      .insertInto('availability_probes')
      .values(
        rows.map((r, k) => ({
          agency_id: r.agency_id,
          service_id: s + k,
          channel: 'web',
          url: `https://a${r.agency_id}.gov.sa/s/${s + k}`,
          interval_seconds: 60,
          timeout_ms: 10_000,
          expect_status: 200,
          expect_text: null,
          fail_threshold: 3,
          recover_threshold: 2,
          paused: 1,
          next_run_at: iso,
          last_run_at: null,
          last_ok: 1,
          fail_streak: 0,
          ok_streak: 0,
          streak_started_at: null,
          created_by: 'bench',
          created_at: iso,
          updated_at: iso,
        })),
      )
      .execute();
  }
});
const beforeRollups = await bytes();
// Every probe: 60 checks an hour, now and then a few down, latencies spread over the buckets.
const hist = (p: number, h: number) =>
  [0, 5, 20, 20, 8, 3, 1, 1, 0, 0, 0, 0, 0, 0].map((c, i) => (i === (p + h) % 4 ? c + 1 : c)).join(',');
await db.transaction().execute(async (trx) => {
  const start = Math.floor(now / HOUR) * HOUR - DAYS * 24 * HOUR;
  for (let p = 1; p <= SERVICES; p++) {
    const hours = Array.from({ length: DAYS * 24 }, (_, h) => {
      const down = (p * 7 + h) % 997 === 0 ? 12 : 0;
      return {
        probe_id: p,
        period: 'hour' as const,
        start: new Date(start + h * HOUR).toISOString(),
        up: 60 - down,
        down,
        planned: 0,
        histogram: hist(p, h),
      };
    });
    for (let i = 0; i < hours.length; i += 250)
      await trx
        .insertInto('availability_rollups')
        .values(hours.slice(i, i + 250))
        .execute();
    const days = Array.from({ length: DAYS }, (_, d) => {
      const slice = hours.slice(d * 24, d * 24 + 24);
      return {
        probe_id: p,
        period: 'day' as const,
        start: new Date(start + d * 24 * HOUR).toISOString().slice(0, 10),
        up: slice.reduce((a, r) => a + r.up, 0),
        down: slice.reduce((a, r) => a + r.down, 0),
        planned: 0,
        histogram: hist(p, d),
      };
    });
    await trx.insertInto('availability_rollups').values(days).execute();
  }
});
const seeded = round((performance.now() - seedStart) / 1000, 1);
const rollupBytes = (await bytes()) - beforeRollups;

// Raw minute results for comparison: 20 probes × one day, as the raw table stores them.
const beforeRaw = await bytes();
await db.transaction().execute(async (trx) => {
  for (let p = 1; p <= 20; p++) {
    const rows = Array.from({ length: 1440 }, (_, m) => ({
      probe_id: p,
      at: new Date(now - (1440 - m) * 60_000).toISOString(),
      ok: 1,
      planned: 0,
      status_code: 200,
      latency_ms: 120 + (m % 300),
      error: null,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('availability_results')
        .values(rows.slice(i, i + 500))
        .execute();
  }
});
const rawPerProbeDay = ((await bytes()) - beforeRaw) / 20;
const rollupPerProbeDay = rollupBytes / (SERVICES * DAYS);

// Recording one run: recordResults (raw row, two roll-ups, streaks) against a plain one-row insert.
const plain = await timeCalls(500, (i) =>
  db
    .insertInto('availability_results')
    .values({
      probe_id: (i % SERVICES) + 1,
      at: new Date(now + i).toISOString(),
      ok: 1,
      planned: 0,
      status_code: 200,
      latency_ms: 150,
      error: null,
    })
    .execute(),
);
const record = await timeCalls(500, (i) =>
  recordResults(deps, (i % SERVICES) + 1, [
    { at: new Date(now + 1000 + i).toISOString(), ok: true, statusCode: 200, latencyMs: 150, error: null },
  ]),
);

const scan = await timeCalls(10, () =>
  db
    .selectFrom('availability_rollups')
    .select((eb) => eb.fn.sum<number>('up').as('n'))
    .where('period', '=', 'day')
    .executeTakeFirst(),
);
const dates = historyDates(new Date(now), deps.config.timeZone);
const rssSeeded = peakRssMb();
const forget = () => db.deleteFrom('availability_day_totals').execute();
const cold = await timeCalls(3, async () => {
  await forget();
  return nationalStatus(deps, new Date(now));
});
const cached = await timeCalls(20, () => nationalStatus(deps, new Date(now)));
const rssCached = peakRssMb();
const history = await timeCalls(5, () => historyBy(deps, 'agency', dates));
const rssUncached = peakRssMb();
const month = { from: new Date(now - DAYS * 24 * HOUR).toISOString(), to: new Date(now).toISOString() };
const nation = await timeCalls(5, () => uptimeBetween(deps, month));
const agency = await timeCalls(20, (i) => uptimeBetween(deps, { ...month, agencyId: (i % AGENCIES) + 1 }));
const service = await timeCalls(50, (i) => uptimeBetween(deps, { ...month, serviceId: (i % SERVICES) + 1 }));

report(`availability, ${SERVICES.toLocaleString('en')} services probed every minute for ${DAYS} days (SQLite)`, [
  ['seeding roll-ups (s)', seeded],
  ['roll-up rows', SERVICES * DAYS * 25],
  ['storage per probe-day, roll-ups (bytes)', Math.round(rollupPerProbeDay)],
  ['storage per probe-day, raw minute results (bytes)', Math.round(rawPerProbeDay)],
  ['roll-ups ÷ raw storage', round(rollupPerProbeDay / rawPerProbeDay, 3)],
  ['baseline: one-row insert, p50 ms', plain.p50],
  ['recordResults, one run, p50 ms (× baseline)', `${record.p50} (${round(record.p50 / plain.p50)}×)`],
  ['runs per second one worker records (1 / mean)', Math.round(1000 / record.mean)],
  ['baseline: sum of daily roll-ups (full scan), p50 ms', scan.p50],
  ['status page uncached: 90-day national history by agency, p50 ms (× baseline)', `${history.p50} (${round(history.p50 / scan.p50)}×)`],
  ['status page cold: sums ended days into the summary table, p50 ms (× uncached)', `${cold.p50} (${round(cold.p50 / history.p50)}×)`],
  [
    'status page cached: whole page data from the summary, p50 ms (× uncached)',
    `${cached.p50} (${round(cached.p50 / history.p50, 3)}×; ${round(history.p50 / cached.p50, 1)}× faster)`,
  ],
  ['peak RSS after seeding (MB)', rssSeeded],
  ['peak RSS after cached page reads (MB, × seeded)', `${rssCached} (${round(rssCached / rssSeeded, 3)}×)`],
  ['peak RSS after uncached page reads (MB, × seeded)', `${rssUncached} (${round(rssUncached / rssSeeded, 3)}×)`],
  ['uptime, nation, 30 days (daily and edge hourly roll-ups), p50 ms', nation.p50],
  ['uptime, one agency, 30 days, p50 ms', agency.p50],
  ['uptime, one service, 30 days, p50 ms', service.p50],
]);
await deps.close();
