// The national dashboard over the demo scaled BENCH_SCALE times (default ×10): the catalog's 1,023
// services and the volume of what people do — ratings and cases, subscribers, consultation comments,
// training's staff and enrolments (DemoOptions.volume); agencies, frameworks, plans and award
// editions stay the demo's, as a year of use does not multiply them. How long the figures take
// uncached (every module's panel computed, as each request did before the cache) against a plain
// load of every row of every table and against the cache in the same run, for the dashboard and
// for a scorecard's national median (every agency's panels), with the peak memory after each step.
// SQLite in a temporary file, one process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { createDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { loadDemo } from '../src/demo/demo.ts';
import { allAgencies } from '../src/modules/identity/public.ts';
import { loadPanels } from '../src/modules/reports/public.ts';
import { cachedPanels } from '../src/modules/reports/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { peakRssMb, report, round, timeCalls } from './lib.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'yusr-bench-'));
const config = loadConfig({
  ...process.env,
  DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
  SECRET_KEY: 'b'.repeat(40),
  LOG_LEVEL: 'silent',
  WORKER: 'off',
  DEMO_DATA: 'off',
  STORAGE_DIR: join(dir, 'files'),
});
const deps = await createDeps(config, { log: pino({ level: 'silent' }) });
const ctx = systemCtx('bench');

const t0 = performance.now();
await loadDemo(deps, ctx, { services: 1023 * SCALE, volume: SCALE });
const loadSeconds = round((performance.now() - t0) / 1000, 1);
const count = async (table: 'services' | 'feedback_ratings' | 'feedback_cases' | 'training_enrolments') =>
  Number((await deps.db.selectFrom(table).select(deps.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const services = await count('services');
const ratings = await count('feedback_ratings');
const cases = await count('feedback_cases');
const enrolments = await count('training_enrolments');
const rssAfterLoad = peakRssMb();

// This year so far, nationally: what /console/reports shows by default.
const year = new Date().getUTCFullYear();
const filter = { from: `${year}-01-01T00:00:00.000Z`, to: `${year + 1}-01-01T00:00:00.000Z` };
const agencies = (await allAgencies(deps)).filter((a) => a.status === 'active');

// The plain load: every row of every table read once (what any figure at all must at least cost
// if it were computed by reading the data), the baseline the dashboard's time is divided by.
const tables = (
  await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
    deps.db,
  )
).rows.map((r) => r.name);
let plainRows = 0;
const plain = await timeCalls(3, async () => {
  plainRows = 0;
  for (const t of tables)
    for await (const _ of deps.db
      .selectFrom(t as any)
      .selectAll()
      .stream(1000))
      plainRows++;
});
const rssPlain = peakRssMb();

const uncached = await timeCalls(3, () => loadPanels(deps, filter, ctx));
const rssUncached = peakRssMb();
await cachedPanels(deps, filter, ctx);
const cached = await timeCalls(50, () => cachedPanels(deps, filter, ctx));

const medianUncached = await timeCalls(1, async () => {
  for (const a of agencies) await loadPanels(deps, { ...filter, agencyId: a.id }, ctx);
});
const rssMedian = peakRssMb();
for (const a of agencies) await cachedPanels(deps, { ...filter, agencyId: a.id }, ctx);
const medianCached = await timeCalls(10, async () => {
  for (const a of agencies) await cachedPanels(deps, { ...filter, agencyId: a.id }, ctx);
});

report(
  'reports: national dashboard figures, uncached vs cached',
  [
    ['scale (× the demo)', SCALE],
    ['services', services],
    ['ratings', ratings],
    ['cases', cases],
    ['training enrolments', enrolments],
    ['active agencies', agencies.length],
    ['demo load (s)', loadSeconds],
    ['peak RSS after load (MB)', rssAfterLoad],
    ['plain load: every row of every table (rows)', plainRows],
    ['plain load p50 (ms)', plain.p50],
    ['peak RSS after plain load (MB)', rssPlain],
    ['dashboard uncached p50 (ms)', uncached.p50],
    ['dashboard uncached ÷ plain load', round(uncached.p50 / plain.p50)],
    ['dashboard cached p50 (ms)', cached.p50],
    ['dashboard cached: times faster than the plain load', Math.round(plain.p50 / cached.p50)],
    ['peak RSS after uncached dashboard (MB)', rssUncached],
    ['scorecard median uncached (ms, every agency)', medianUncached.p50],
    ['scorecard median cached p50 (ms)', medianCached.p50],
    ['peak RSS after uncached median (MB)', rssMedian],
  ],
  { scale: SCALE },
);
await deps.close();
rmSync(dir, { recursive: true, force: true });
