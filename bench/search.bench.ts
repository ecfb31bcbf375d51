// Search engine alone, in process: query latency at 10,000 services (p50/p99) against the previous
// engine in the same run, and the index's memory at 10,000 and 100,000 services. The previous engine
// is the platform/search of commit BASELINE, read from git into tmp/ (gitignored) and indexed the
// way the catalog indexed then (one name field, no field limits on expansions).
// `BENCH_SERVICES=20000 npm run bench -- search` changes the latency corpus; memory is measured at
// 10,000 and 100,000 whatever it is (about six minutes; SEARCH_BENCH_MEMORY=0 leaves it out).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { generateDemoServices } from '../src/demo/catalog.generate.ts';
import { serviceSearchDoc, serviceSearchFields } from '../src/modules/catalog/testing.ts';
import { demoAgencies } from '../src/modules/identity/testing.ts';
import { SearchIndex } from '../src/platform/search/index.ts';
import { catalogQueries, report, round, timeCalls } from './lib.ts';

/** The engine before issue 12 (strict AND, hamza folded before prefixes, expansions in every field). */
const BASELINE = '811c2b8';
const TARGET = Number(process.env.BENCH_SERVICES ?? 10_000);
const CALLS = 3000;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const root = join(import.meta.dirname, '..');
const baseDir = join(root, 'tmp', `search-baseline-${BASELINE}`);
function extractBaseline(): string {
  const files = execFileSync('git', ['ls-tree', '-r', '--name-only', BASELINE, 'src/platform/search', 'src/platform/i18n/digits.ts'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  for (const f of files) {
    const to = join(baseDir, f);
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, execFileSync('git', ['show', `${BASELINE}:${f}`], { cwd: root, encoding: 'utf8' }));
  }
  return join(baseDir, 'src/platform/search/index.ts');
}
type Engine = { add(id: string, doc: unknown): void; search(q: string, o: { limit: number }): { total: number } };
/** The old engine's class, loaded from a path known only at run time. */
const Old = (await import(extractBaseline())).SearchIndex as new (options: unknown) => Engine;

const agencies = new Map(demoAgencies.map((a) => [a.code, a]));
const base = generateDemoServices();
/** The demo catalog repeated under new identifiers, as the catalog benchmark loads it. */
const corpus = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const s = base[i % base.length];
    const round = Math.floor(i / base.length);
    return { id: round === 0 ? s.identifier : `${s.identifier}-${round + 1}`, doc: serviceSearchDoc(s.data, agencies.get(s.agency)) };
  });

const engines: Record<'new' | 'old', () => Engine> = {
  new: () => new SearchIndex({ fields: serviceSearchFields }) as unknown as Engine,
  old: () => {
    const index = new Old({
      fields: [
        { name: 'name', weight: 5, text: (d: { name_ar: string; name_en: string }) => [d.name_ar, d.name_en] },
        { name: 'keywords', weight: 3 },
        { name: 'agency', weight: 2 },
        { name: 'description', weight: 1 },
      ],
    });
    return index;
  },
};

/** Builds an index of n services; its heap (after a full collection) and the build time. */
function build(kind: 'new' | 'old', n: number) {
  const docs = corpus(n);
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const index = engines[kind]();
  for (const { id, doc } of docs) index.add(id, doc);
  const seconds = (performance.now() - t0) / 1000;
  docs.length = 0;
  gc();
  const after = process.memoryUsage();
  return {
    index,
    seconds: round(seconds, 2),
    heapMb: round((after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / 1024 / 1024, 1),
  };
}

const queries = [
  ...catalogQueries,
  // Words that relax the query, hamza after the article, as-you-type and a typo.
  'تجديد جواز السفر للمقيمين والزوار',
  'work permit renewal extension',
  'الإلغاء',
  'الإلكترونية',
  'وكالة',
  'رخصة ق',
  'passp',
  'تاشيره خروج وعوده',
];

const rows: [string, string | number][] = [];
const latency: Record<string, { p50: number; p99: number; mean: number }> = {};
for (const kind of ['old', 'new'] as const) {
  const { index } = build(kind, TARGET);
  for (let i = 0; i < 300; i++) index.search(queries[i % queries.length], { limit: 20 }); // warm-up
  latency[kind] = await timeCalls(CALLS, (i) => index.search(queries[i % queries.length], { limit: 20 }));
  // Per query, for the record: the slowest one decides p99.
  const slowest = queries
    .map((q) => {
      const t0 = performance.now();
      for (let i = 0; i < 20; i++) index.search(q, { limit: 20 });
      return [q, (performance.now() - t0) / 20] as const;
    })
    .sort((a, b) => b[1] - a[1])[0];
  rows.push([`${kind} engine: slowest query (ms)`, `${round(slowest[1])} («${slowest[0]}»)`]);
}
rows.unshift(
  [`services (latency corpus)`, TARGET],
  [`new engine p50 / p99 / mean (ms)`, `${latency.new.p50} / ${latency.new.p99} / ${latency.new.mean}`],
  [`previous engine (${BASELINE}) p50 / p99 / mean (ms)`, `${latency.old.p50} / ${latency.old.p99} / ${latency.old.mean}`],
  [`new ÷ previous, p50 / p99`, `${round(latency.new.p50 / latency.old.p50)} / ${round(latency.new.p99 / latency.old.p99)}`],
);
// Memory: each index built alone (the previous one collected first); SEARCH_BENCH_MEMORY=0 skips it.
for (const n of process.env.SEARCH_BENCH_MEMORY === '0' ? [] : [10_000, 100_000]) {
  for (const kind of ['old', 'new'] as const) {
    const b = build(kind, n);
    rows.push([`${kind} engine, ${n} services: build (s) / index heap (MB)`, `${b.seconds} / ${b.heapMb}`]);
  }
}
report('search engine: latency against the previous engine, index memory', rows, {
  p99Ms: latency.new.p99,
  underTarget: latency.new.p99 < 20,
});
rmSync(baseDir, { recursive: true, force: true });
if (latency.new.p99 >= 20) process.exitCode = 1;
