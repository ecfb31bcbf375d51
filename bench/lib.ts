import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pino from 'pino';
import { createDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

/** Peak resident memory of this process so far, in MB (what every benchmark prints). */
export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** HTTP load from this process with autocannon, on loopback only; bounded by duration. */
export async function load(
  url: string,
  opts: { connections?: number; seconds?: number; amount?: number; paths?: string[] } = {},
): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: opts.connections ?? 10,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds ?? 5 }),
    requests: opts.paths?.map((path) => ({ method: 'GET', path })),
  });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

/**
 * Each path once, in order, on one keep-alive connection, timed by the clock rather than by
 * autocannon's one-second buckets: autocannon stops an `amount` run on its next tick and averages
 * per second, so 4,000 requests that took 0.1 s read as 4,000/s and ones that took 6 s as 667/s,
 * which hid any ratio between a fast page and a slow one.
 */
export async function sequential(base: string, paths: string[]): Promise<LoadResult & { meanMs: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      http
        .get(`${base}${path}`, { agent }, (res) => {
          res.on('data', () => {});
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject);
    });
  const times: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const t0 = performance.now();
  for (const path of paths) {
    const t = performance.now();
    try {
      const status = await get(path);
      if (status < 200 || status >= 300) non2xx++;
    } catch {
      errors++;
    }
    times.push(performance.now() - t);
  }
  const elapsed = performance.now() - t0;
  agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] * 100) / 100;
  return {
    rps: Math.round((paths.length / elapsed) * 1000),
    p50: at(0.5),
    p99: at(0.99),
    meanMs: Math.round((elapsed / paths.length) * 1000) / 1000,
    errors,
    non2xx,
  };
}

/** Latency percentiles of in-process calls, in milliseconds. */
export async function timeCalls(n: number, call: (i: number) => unknown): Promise<{ p50: number; p99: number; mean: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: round(at(0.5)), p99: round(at(0.99)), mean: round(times.reduce((a, b) => a + b, 0) / times.length) };
}

export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Prints a benchmark's figures as a small table, then one JSON line for machines. */
export function report(name: string, rows: [string, string | number][], extra: Record<string, unknown> = {}): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n## ${name}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  console.log(`  ${'peak RSS (MB)'.padEnd(width)}  ${peakRssMb()}`);
  console.log(`RESULT ${JSON.stringify({ name, ...Object.fromEntries(rows), peakRssMb: peakRssMb(), ...extra })}`);
}

/** The search queries the catalog and search benchmarks time (spellings, prefixes, both languages). */
export const catalogQueries = [
  'جواز السفر',
  'تجديد الرخصه',
  'اقامة',
  'سجل تجاري',
  'passport',
  'driving licence renewal',
  'مستشفي',
  'بالجوازات',
  'رخصة بناء',
  'visa',
  'تأشيرة',
  'health',
  'المخالفات',
  'zakat',
  'ضمان',
];

/** A fresh SQLite installation in its own temporary folder for one benchmark: no worker, no demo data. */
export async function sqliteInstallation(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `yusr-bench-${name}-`));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
    SECRET_KEY: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
    WORKER: 'off',
    DEMO_DATA: 'off',
    STORAGE_DIR: join(dir, 'files'),
  });
  return { dir, config, deps: await createDeps(config, { log: pino({ level: 'silent' }) }) };
}
