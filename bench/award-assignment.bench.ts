// Award judging at scale: assigning 2,000 nominations to 150 judges, 3 judges each, with 5% of
// (nomination, judge) pairs in conflict. Reports the time, the peak memory and the balance reached
// (largest load minus smallest), and checks no conflict was assigned. Pure function, one process.
import { assignJudges } from '../src/modules/award/testing.ts';
import { report, round } from './lib.ts';

const NOMINATIONS = Number(process.env.BENCH_NOMINATIONS ?? 2000);
const JUDGES = Number(process.env.BENCH_JUDGES ?? 150);
const K = Number(process.env.BENCH_K ?? 3);
const CONFLICT = Number(process.env.BENCH_CONFLICT ?? 0.05);

/** mulberry32: the same conflicts on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(1448);
const judges = Array.from({ length: JUDGES }, (_, i) => i + 1);
const nominations = Array.from({ length: NOMINATIONS }, (_, i) => ({
  id: i + 1,
  conflicts: new Set(judges.filter(() => random() < CONFLICT)),
}));
const pairs = nominations.reduce((s, n) => s + n.conflicts.size, 0);

const t0 = performance.now();
const result = assignJudges({ nominations, judges, k: K });
const ms = performance.now() - t0;

for (const a of result.added) {
  const n = nominations[a.nominationId - 1];
  if (n.conflicts.has(a.judgeId)) throw new Error(`conflict assigned: nomination ${a.nominationId}, judge ${a.judgeId}`);
}
const loads = [...result.loads.values()];
report('award judge assignment', [
  ['nominations × judges', `${NOMINATIONS} × ${JUDGES}`],
  ['judges per nomination', K],
  ['conflicting pairs', `${pairs} (${round((100 * pairs) / (NOMINATIONS * JUDGES), 1)}%)`],
  ['time (ms)', round(ms, 1)],
  ['assignments', result.added.length],
  ['short of k', result.short.length],
  ['load min / max (spread)', `${Math.min(...loads)} / ${Math.max(...loads)} (${result.spread})`],
]);
if (result.spread > 1) process.exitCode = 1;
