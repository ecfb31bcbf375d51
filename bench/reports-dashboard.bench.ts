// The national dashboard over the demo with its catalog scaled (BENCH_SCALE × the demo's 1,023
// services, default ×10; the other modules load their own demo as usual): how long the figures take
// uncached (every module's panel computed, as each request did before the cache) against the cache
// in the same run, for the dashboard and for a scorecard's national median (every agency's panels),
// with the peak memory after each step. SQLite in a temporary file, one process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
await loadDemo(deps, ctx, { services: 1023 * SCALE });
const loadSeconds = round((performance.now() - t0) / 1000, 1);
const count = async (table: 'services' | 'feedback_ratings' | 'feedback_cases') =>
  Number((await deps.db.selectFrom(table).select(deps.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const services = await count('services');
const ratings = await count('feedback_ratings');
const cases = await count('feedback_cases');
const rssAfterLoad = peakRssMb();

// This year so far, nationally: what /console/reports shows by default.
const year = new Date().getUTCFullYear();
const filter = { from: `${year}-01-01T00:00:00.000Z`, to: `${year + 1}-01-01T00:00:00.000Z` };
const agencies = (await allAgencies(deps)).filter((a) => a.status === 'active');

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
    ['scale (× demo catalog)', SCALE],
    ['services', services],
    ['ratings', ratings],
    ['cases', cases],
    ['active agencies', agencies.length],
    ['demo load (s)', loadSeconds],
    ['peak RSS after load (MB)', rssAfterLoad],
    ['dashboard uncached p50 (ms)', uncached.p50],
    ['dashboard cached p50 (ms)', cached.p50],
    ['peak RSS after uncached dashboard (MB)', rssUncached],
    ['scorecard median uncached (ms, every agency)', medianUncached.p50],
    ['scorecard median cached p50 (ms)', medianCached.p50],
    ['peak RSS after uncached median (MB)', rssMedian],
  ],
  { scale: SCALE },
);
await deps.close();
rmSync(dir, { recursive: true, force: true });
