// Catalog speed: the public service page against a static page of the same size served by the
// same server, and the search API at 10,000 services (p50/p99, requests/s). SQLite, one process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import autocannon from 'autocannon';
import pino from 'pino';
import { buildApp, createDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { loadDemo } from '../src/demo/demo.ts';
import { CatalogSearch, catalogSearch } from '../src/modules/catalog/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { catalogQueries, type LoadResult, load, report, round, sequential, timeCalls } from './lib.ts';

const TARGET = Number(process.env.BENCH_SERVICES ?? 10_000);

/**
 * Load from a child process, 10 connections taking the paths in turn: the server has this process's
 * thread to itself. The other figures share it with autocannon, which decodes every response body
 * into a string — for a 45 KB search answer, half Arabic, that was 40% of the thread once the answers
 * were kept, so in process the figures compare bodies' sizes as much as the server's work.
 */
async function loadApart(url: string, paths: string[], seconds = 8): Promise<LoadResult> {
  const autocannonUrl = pathToFileURL(createRequire(import.meta.url).resolve('autocannon')).href;
  const code = `import autocannon from ${JSON.stringify(autocannonUrl)};
let text = '';
for await (const chunk of process.stdin) text += chunk;
const paths = JSON.parse(text);
let at = 0;
const r = await autocannon({ url: ${JSON.stringify(url)}, connections: 10, duration: ${seconds},
  requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[at++ % paths.length] }) }] });
console.log(JSON.stringify({ rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx }));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify(paths));
  let out = '';
  for await (const chunk of child.stdout) out += chunk;
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (status !== 0) throw new Error(`bench: the load process failed (${status})`);
  return JSON.parse(out.trim().split('\n').pop() as string) as LoadResult;
}
const dir = mkdtempSync(join(tmpdir(), 'yusr-bench-'));
const config = loadConfig({
  ...process.env,
  DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
  SECRET_KEY: 'b'.repeat(40),
  LOG_LEVEL: 'silent',
  WORKER: 'off',
  DEMO_DATA: 'off',
});
const deps = await createDeps(config, { log: pino({ level: 'silent' }) });

const t0 = performance.now();
await loadDemo(deps, systemCtx('bench'), { services: TARGET, only: 'catalog' });
const count = Number((await deps.db.selectFrom('services').select(deps.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const loadSeconds = round((performance.now() - t0) / 1000, 1);

// The index as a web node builds it at start (before /readyz says ready), and as a restarted node
// loads it from the snapshot: time, memory, and the longest the event loop had to wait meanwhile
// (the build yields between batches of services; decoding and loading a snapshot do not).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
/**
 * One node's start, timed: its heap once ready (after a full collection), and the longest the
 * event loop waited meanwhile. The first start builds from the tables and persists a snapshot;
 * the second loads that snapshot and reads the change feed since, as a restarted node does.
 */
async function nodeStart() {
  gc();
  // Large typed arrays (the postings) live outside the JS heap: count their buffers too.
  const heap = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const heapBefore = heap();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const t0 = performance.now();
  const search = new CatalogSearch(deps);
  await search.start();
  const seconds = round((performance.now() - t0) / 1000, 2);
  loopDelay.disable();
  gc();
  const heapMb = round((heap() - heapBefore) / 1024 / 1024, 0);
  const w0 = performance.now();
  await search.snapshotWritten();
  const writeSeconds = round((performance.now() - w0) / 1000, 2);
  await search.stop();
  return { seconds, heapMb, maxWaitMs: round(loopDelay.max / 1e6, 0), from: search.loadedFrom, size: search.size, writeSeconds };
}
const fromTables = await nodeStart();
// The header row and the rows its data names (issue 23: the snapshot is stored in rows of 2 MB).
const snapshotBytes = async (table: 'catalog_search_snapshots' | 'catalog_search_snapshot_rows') =>
  Number(
    (
      await deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(eb.fn<number>('length', ['data'])), eb.lit(0)).as('bytes'))
        .executeTakeFirstOrThrow()
    ).bytes,
  );
const snapshotMb = round(
  ((await snapshotBytes('catalog_search_snapshots')) + (await snapshotBytes('catalog_search_snapshot_rows'))) / 1024 / 1024,
  1,
);
const fromSnapshot = await nodeStart();
if (fromTables.from !== 'tables' || fromSnapshot.from !== 'snapshot') throw new Error('bench: the second start did not load the snapshot');

const app = await buildApp(deps);
const identifiers = (await deps.db.selectFrom('services').select('identifier').where('status', '=', 'live').execute()).map(
  (r) => r.identifier,
);
// The baseline: a static page as large as a real service page, from the same server and stack.
let staticPage = '';
app.get('/bench/static', { config: { access: 'public' } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(staticPage));
staticPage = (await app.inject(`/ar/services/${identifiers[0]}`)).body;
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const queries = catalogQueries;
const index = catalogSearch(deps);
await index.refresh();
const inProcess = await timeCalls(3000, (i) => index.search(queries[i % queries.length], { limit: 20 }));

const warm = await load(base, { seconds: 2, paths: ['/bench/static'] });
const staticRun = await load(base, { seconds: 8, paths: ['/bench/static'] });
// Cold: one connection asks for each service page once (every one rendered from the database),
// against the static page on one connection; popular: 200 pages on 10 connections, as a portal
// sees them, served from the 30-second page cache.
const coldPaths = identifiers.slice(0, 4000).map((id, i) => `/${i % 2 ? 'en' : 'ar'}/services/${id}`);
const staticOne = await sequential(
  base,
  coldPaths.map(() => '/bench/static'),
);
const coldRun = await sequential(base, coldPaths);
const pageRun = await load(base, { seconds: 8, paths: identifiers.slice(0, 200).map((id, i) => `/${i % 2 ? 'en' : 'ar'}/services/${id}`) });
const searchRun = await load(base, { seconds: 8, paths: queries.map((q) => `/api/v1/services?q=${encodeURIComponent(q)}`) });
// Every answer computed: the services' names in both languages as queries, each asked once per
// round by whichever connection is free (the API keeps answers until the index changes, but fewer
// than these, and a round visits them oldest first, so none is still kept when asked again).
const names = [...new Set([...index.cards.values()].flatMap((c) => [c.name_ar, c.name_en]))];
let nextName = 0;
const distinct = await autocannon({
  url: base,
  connections: 10,
  duration: 8,
  requests: [
    {
      method: 'GET',
      setupRequest: (request) => ({ ...request, path: `/api/v1/services?q=${encodeURIComponent(names[nextName++ % names.length])}` }),
    },
  ],
});
const distinctRun = {
  rps: Math.round(distinct.requests.average),
  p50: distinct.latency.p50,
  p99: distinct.latency.p99,
  errors: distinct.errors,
  non2xx: distinct.non2xx,
};
// The same three with the load from another process.
const searchPaths = queries.map((q) => `/api/v1/services?q=${encodeURIComponent(q)}`);
const staticApart = await loadApart(base, ['/bench/static']);
const searchApart = await loadApart(base, searchPaths);
const distinctApart = await loadApart(
  base,
  names.map((q) => `/api/v1/services?q=${encodeURIComponent(q)}`),
);
const runs = [staticRun, coldRun, pageRun, searchRun, distinctRun, staticApart, searchApart, distinctApart];

report(
  'catalog: service page and search at scale',
  [
    ['services in the catalog', count],
    ['demo load (s)', loadSeconds],
    ['index build from the tables at start (s)', fromTables.seconds],
    ['index memory (MB: heap and array buffers, services and their cards)', `${fromTables.heapMb} (${fromTables.size} services)`],
    ['longest event-loop wait during the build (ms)', fromTables.maxWaitMs],
    ['snapshot: size (MB) / encoded and written after the build in (s)', `${snapshotMb} / ${fromTables.writeSeconds}`],
    ['ready from the snapshot at start (s)', fromSnapshot.seconds],
    ['index memory loaded from the snapshot (MB)', fromSnapshot.heapMb],
    ['longest event-loop wait while loading the snapshot (ms)', fromSnapshot.maxWaitMs],
    ['page size (KB)', round(staticPage.length / 1024, 1)],
    ['static baseline (req/s)', staticRun.rps],
    ['static baseline, 1 connection (req/s)', staticOne.rps],
    ['service page, cold, 1 connection (req/s)', coldRun.rps],
    ['service page, cold ÷ baseline', round(coldRun.rps / staticOne.rps, 2)],
    ['service page, cold p50 / p99 (ms)', `${coldRun.p50} / ${coldRun.p99}`],
    ['service page, popular (req/s)', pageRun.rps],
    ['service page, popular ÷ baseline', round(pageRun.rps / staticRun.rps, 2)],
    ['service page, popular p50 / p99 (ms)', `${pageRun.p50} / ${pageRun.p99}`],
    ['search API (req/s)', searchRun.rps],
    ['search API ÷ baseline', round(searchRun.rps / staticRun.rps, 2)],
    ['search API p50 / p99 (ms)', `${searchRun.p50} / ${searchRun.p99}`],
    [`search API, every answer computed (${names.length} distinct queries) (req/s)`, distinctRun.rps],
    ['search API, every answer computed ÷ baseline', round(distinctRun.rps / staticRun.rps, 2)],
    ['search API, every answer computed p50 / p99 (ms)', `${distinctRun.p50} / ${distinctRun.p99}`],
    ['load from another process: static baseline (req/s)', staticApart.rps],
    ['load from another process: search API (req/s) / ÷ baseline', `${searchApart.rps} / ${round(searchApart.rps / staticApart.rps, 2)}`],
    ['load from another process: search API p50 / p99 (ms)', `${searchApart.p50} / ${searchApart.p99}`],
    [
      'load from another process: every answer computed (req/s) / ÷ baseline',
      `${distinctApart.rps} / ${round(distinctApart.rps / staticApart.rps, 2)}`,
    ],
    ['load from another process: every answer computed p50 / p99 (ms)', `${distinctApart.p50} / ${distinctApart.p99}`],
    ['search in process p50 / p99 (ms)', `${inProcess.p50} / ${inProcess.p99}`],
    ['errors / non-2xx', `${runs.reduce((n, r) => n + r.errors, 0)} / ${runs.reduce((n, r) => n + r.non2xx, 0)}`],
  ],
  { warmRps: warm.rps },
);
await app.close();
await deps.close();
rmSync(dir, { recursive: true, force: true });
