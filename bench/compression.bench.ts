// Response compression: what it saves (bytes of a service page, the search API's JSON, a console
// table) and what it costs in requests per second on the cached service page, against the same
// pages sent uncompressed in the same run. SQLite, one process (autocannon shares the CPU).
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pino from 'pino';
import { buildApp, createDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { loadDemo } from '../src/demo/demo.ts';
import { catalogSearch } from '../src/modules/catalog/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { report, round, timeCalls } from './lib.ts';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'yusr-bench-compress-'));
const config = loadConfig({
  ...process.env,
  DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
  SECRET_KEY: 'b'.repeat(40),
  LOG_LEVEL: 'silent',
  WORKER: 'off',
  DEMO_DATA: 'off',
});
const deps = await createDeps(config, { log: pino({ level: 'silent' }) });
await loadDemo(deps, systemCtx('bench'), { services: SERVICES, only: 'catalog' });
await catalogSearch(deps).start();
const app = await buildApp(deps);
let staticPage = '';
app.get('/bench/static', { config: { access: 'public' } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(staticPage));
const identifiers = (
  await deps.db.selectFrom('services').select('identifier').where('status', '=', 'live').orderBy('identifier').limit(200).execute()
).map((r) => r.identifier);
const pages = identifiers.map((id, i) => `/${i % 2 ? 'en' : 'ar'}/services/${id}`);
staticPage = (await app.inject(pages[0])).body;

/** Bytes on the wire of one response for each encoding. */
async function sizes(url: string) {
  const out: Record<string, number> = {};
  for (const enc of ['identity', 'gzip', 'br']) {
    const res = await app.inject({ url, headers: { 'accept-encoding': enc } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    out[enc] = res.rawPayload.length;
  }
  return out;
}
const kb = (n: number) => round(n / 1024, 1);
const pageSizes = await sizes(pages[0]);
const apiSizes = await sizes(`/api/v1/services?q=${encodeURIComponent('رخصة')}&per_page=50`);
const listSizes = await sizes('/ar/services');

// In process (app.inject, no load generator competing for the CPU): what one cached page costs
// the server with each encoding, interleaved in rounds so that outside load falls on all three.
const injected: Record<string, number[]> = { identity: [], gzip: [], br: [] };
for (let r = 0; r < 5; r++)
  for (const enc of Object.keys(injected)) {
    const t = await timeCalls(200, (i) => app.inject({ url: pages[i % pages.length], headers: { 'accept-encoding': enc } }));
    injected[enc].push(t.p50);
  }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const inj = Object.fromEntries(Object.entries(injected).map(([k, v]) => [k, median(v)])) as Record<string, number>;

await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

type Run = { rps: number; p50: number; p99: number; errors: number };
async function run(paths: string[], encoding: string, seconds = 6) {
  const r = await autocannon({
    url: base,
    connections: 10,
    duration: seconds,
    headers: { 'accept-encoding': encoding },
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx };
}

await run(pages, 'identity', 2); // warms the page cache and the JIT
// Interleaved, so a burst of load from elsewhere on the machine does not land on one encoding only.
const res: Record<string, Run[]> = { static: [], identity: [], gzip: [], br: [] };
for (let i = 0; i < 2; i++) {
  res.static.push(await run(['/bench/static'], 'identity'));
  res.identity.push(await run(pages, 'identity'));
  res.gzip.push(await run(pages, 'gzip'));
  res.br.push(await run(pages, 'br'));
}
const best = (xs: Run[]) => xs.reduce((a, b) => (b.rps > a.rps ? b : a));
const [st, id, gz, br] = [best(res.static), best(res.identity), best(res.gzip), best(res.br)];
const fmt = (x: Run) => `${x.rps} req/s, p50 ${x.p50} / p99 ${x.p99} ms${x.errors ? `, ${x.errors} errors` : ''}`;

report(
  'compression: bytes saved and the cost on the cached service page',
  [
    ['services in the catalog', SERVICES],
    ['service page (KB): identity / gzip / br', `${kb(pageSizes.identity)} / ${kb(pageSizes.gzip)} / ${kb(pageSizes.br)}`],
    ['search API, 50 results (KB): identity / gzip / br', `${kb(apiSizes.identity)} / ${kb(apiSizes.gzip)} / ${kb(apiSizes.br)}`],
    ['services list page (KB): identity / gzip / br', `${kb(listSizes.identity)} / ${kb(listSizes.gzip)} / ${kb(listSizes.br)}`],
    ['cached service page in process, p50 (ms): identity / gzip / br', `${inj.identity} / ${inj.gzip} / ${inj.br}`],
    ['ratio in process: br ÷ identity (time per page)', round(inj.br / inj.identity, 2)],
    ['static page, identity (baseline)', fmt(st)],
    ['cached service page, identity', fmt(id)],
    ['cached service page, gzip', fmt(gz)],
    ['cached service page, br', fmt(br)],
    ['ratio: gzip ÷ identity (req/s)', round(gz.rps / id.rps, 2)],
    ['ratio: br ÷ identity (req/s)', round(br.rps / id.rps, 2)],
    ['ratio: identity ÷ static baseline', round(id.rps / st.rps, 2)],
  ],
  { runs: res },
);
await app.close();
await deps.close();
rmSync(dir, { recursive: true, force: true });
