import { mkdtempSync } from 'node:fs';
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
