// The plan module at scale (issue 14): BENCH_PLANS agency plans (default 300) × 50 initiatives × 10
// milestones × 24 monthly periods, with one KPI per initiative and its 24 values, and a period report
// for nearly every initiative and period in every state. It times, over every plan: a plain load of
// the rows the follow-up reads (the same queries, no arithmetic) — the baseline; the roll-up
// (initiative → track → plan, ratings); and the follow-up dashboard (roll-up, late reports, slipping
// initiatives, risks); each as a ratio to the baseline, with the peak memory after each step.
// SQLite in a temporary file, one process; rows are written in batches, not through the services.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { dashboard, defaultThresholds, planFigures, planRepo } from '../src/modules/plan/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { buildAgency } from '../test/helpers/factories.ts';
import { peakRssMb, report, round } from './lib.ts';

const PLANS = Number(process.env.BENCH_PLANS ?? 300);
const INITIATIVES = 50;
const MILESTONES = 10;
const PERIODS = 24;
const TRACKS = 6;
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
const db = deps.db;
const ctx = systemCtx('bench');
const now = new Date().toISOString();
const today = now.slice(0, 10);

/** Inserts rows in batches of `size` (under SQLite's bound-parameter limit). */
async function insert(table: string, rows: Record<string, unknown>[], size = 400) {
  for (let i = 0; i < rows.length; i += size)
    await (db as any)
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => day(new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000));
// Monthly periods over the two years ending this month: all but the last have ended.
const first = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - (PERIODS - 1), 1));
const periodDates = Array.from({ length: PERIODS }, (_, k) => {
  const s = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + k, 1));
  const e = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + k + 1, 0));
  return { code: day(s).slice(0, 7), starts_on: day(s), ends_on: day(e), due_on: addDays(day(e), 21) };
});
const from = periodDates[0].starts_on;
const to = periodDates.at(-1)?.ends_on as string;
const statuses = ['accepted', 'accepted', 'accepted', 'accepted', 'submitted', 'draft', 'returned'] as const;

const t0 = performance.now();
const ids = { track: 0, initiative: 0, milestone: 0, kpi: 0, period: 0 };
const counts = { initiatives: 0, milestones: 0, kpis: 0, values: 0, reports: 0 };
for (let p = 1; p <= PLANS; p++) {
  const agency = await buildAgency(deps, { code: `bench-${p}`, name_ar: `جهة ${p}`, name_en: `Agency ${p}` });
  await insert('plan_plans', [
    {
      id: p,
      code: `agency-plan-${p}`,
      name_ar: `خطة التحول ${p}`,
      name_en: `Transformation plan ${p}`,
      owner_agency_id: agency.id,
      period_from: from,
      period_to: to,
      status: 'active',
      thresholds_json: JSON.stringify(defaultThresholds),
      published: 1,
      created_at: now,
      updated_at: now,
    },
  ]);
  const tracks = Array.from({ length: TRACKS }, (_, k) => ({
    id: ++ids.track,
    plan_id: p,
    position: k + 1,
    name_ar: `مسار ${k + 1}`,
    name_en: `Track ${k + 1}`,
    weight: 10 + k * 5,
  }));
  const periods = periodDates.map((d) => ({ id: ++ids.period, plan_id: p, ...d }));
  const initiatives: Record<string, unknown>[] = [];
  const milestones: Record<string, unknown>[] = [];
  const kpis: Record<string, unknown>[] = [];
  const values: Record<string, unknown>[] = [];
  const reports: Record<string, unknown>[] = [];
  for (let i = 0; i < INITIATIVES; i++) {
    const id = ++ids.initiative;
    const start = addDays(from, (i * 7) % 200);
    const end = addDays(start, 400 + ((i * 13) % 300));
    const slip = i % 5 === 0 ? 45 : i % 7 === 0 ? 120 : 0;
    initiatives.push({
      id,
      plan_id: p,
      track_id: tracks[i % TRACKS].id,
      code: `I-${String(i + 1).padStart(2, '0')}`,
      name_ar: `مبادرة ${i + 1}`,
      name_en: `Initiative ${i + 1}`,
      objective_ar: 'هدف',
      objective_en: 'Objective',
      owner_agency_id: agency.id,
      weight: 1 + (i % 4),
      planned_start: start,
      planned_end: end,
      forecast_end: slip ? addDays(end, slip) : null,
      actual_start: start,
      actual_end: null,
      budget_sar: 1_000_000 + i * 10_000,
      spend_sar: 400_000 + i * 5_000,
      service_ids: '',
      published: 1,
      override_rating: null,
      override_reason: null,
      created_at: now,
      updated_at: now,
    });
    const figures = { forecast_end: null as string | null, spend_sar: 0, milestones: [] as unknown[], kpis: [] as unknown[] };
    for (let m = 0; m < MILESTONES; m++) {
      const planned = addDays(start, Math.round(((m + 1) * (Date.parse(end) - Date.parse(start))) / 86_400_000 / MILESTONES));
      const done = planned < today && (i + m) % 4 !== 0;
      const mid = ++ids.milestone;
      milestones.push({
        id: mid,
        initiative_id: id,
        position: m + 1,
        name_ar: `معلم ${m + 1}`,
        name_en: `Milestone ${m + 1}`,
        weight: 5 + ((m * 3) % 11),
        planned_date: planned,
        forecast_date: done ? null : addDays(planned, slip),
        actual_date: done ? addDays(planned, (m % 3) * 5) : null,
      });
      figures.milestones.push({ id: mid, forecast_date: null, actual_date: done ? planned : null });
    }
    const kid = ++ids.kpi;
    kpis.push({
      id: kid,
      initiative_id: id,
      name_ar: 'مؤشر',
      name_en: 'KPI',
      unit_ar: '٪',
      unit_en: '%',
      kpi_type: 'percentage',
      direction: i % 3 === 0 ? 'decrease' : 'increase',
      baseline: 40,
      baseline_date: from,
    });
    periods.forEach((period, k) => {
      values.push({ kpi_id: kid, period_id: period.id, target: 40 + k * 2, actual: k < PERIODS - 1 ? 38 + k * 2 - (i % 4) : null });
      // One report in twenty is missing; the rest cycle through every state.
      if ((i + k) % 20 === 0) return;
      const status = statuses[(i + k) % statuses.length];
      reports.push({
        initiative_id: id,
        period_id: period.id,
        agency_id: agency.id,
        status,
        figures_json: JSON.stringify({ ...figures, kpis: [{ id: kid, actual: 38 + k * 2 }] }),
        narrative: 'تقدم العمل وفق الخطة.',
        review_comment: status === 'returned' ? 'أرفقوا محضر الاستلام.' : null,
        version: 1,
        created_at: now,
        updated_at: now,
        submitted_at: status === 'draft' ? null : now,
        accepted_at: status === 'accepted' ? now : null,
      });
    });
  }
  await db.transaction().execute(async (trx) => {
    const put = async (table: string, rows: Record<string, unknown>[]) => {
      for (let k = 0; k < rows.length; k += 400)
        await (trx as any)
          .insertInto(table)
          .values(rows.slice(k, k + 400))
          .execute();
    };
    await put('plan_tracks', tracks);
    await put('plan_periods', periods);
    await put('plan_initiatives', initiatives);
    await put('plan_milestones', milestones);
    await put('plan_kpis', kpis);
    await put('plan_kpi_values', values);
    await put('plan_reports', reports);
  });
  counts.initiatives += initiatives.length;
  counts.milestones += milestones.length;
  counts.kpis += kpis.length;
  counts.values += values.length;
  counts.reports += reports.length;
}
const loadSeconds = round((performance.now() - t0) / 1000, 1);
const rssAfterLoad = peakRssMb();

/** Seconds to run `step` over every plan, once. */
async function overPlans(step: (planId: number) => Promise<unknown>) {
  const s = performance.now();
  for (let p = 1; p <= PLANS; p++) await step(p);
  return (performance.now() - s) / 1000;
}

// The baselines: the same rows the roll-up (and, with the reports, the dashboard) reads, by the same
// queries, nothing computed.
const rows = async (id: number, withReports: boolean) => {
  const plan = await planRepo.findPlan(db, id);
  await planRepo.listTracks(db, id);
  await planRepo.listPeriods(db, id);
  const initiatives = await planRepo.listInitiatives(db, id);
  const iids = initiatives.map((i) => i.id);
  await planRepo.listMilestones(db, iids);
  const kpis = await planRepo.listKpis(db, iids);
  await planRepo.listKpiValues(
    db,
    kpis.map((k) => k.id),
  );
  if (withReports) await planRepo.listReports(db, iids);
  return plan;
};
// One pass first, so no measured step pays for a cold page cache.
await overPlans((id) => rows(id, true));
const plainRollup = await overPlans((id) => rows(id, false));
const plain = await overPlans((id) => rows(id, true));
const rssPlain = peakRssMb();
const rollup = await overPlans(async (id) => planFigures(db, (await planRepo.findPlan(db, id)) as planRepo.PlanRow, today));
const rssRollup = peakRssMb();
let late = 0;
let atRisk = 0;
const board = await overPlans(async (id) => {
  const d = await dashboard(deps, ctx, id, today);
  late += d.late.length;
  atRisk += d.atRisk.length;
});
const rssDashboard = peakRssMb();

report(
  'plan: roll-up and follow-up dashboard at scale',
  [
    ['plans', PLANS],
    ['initiatives', counts.initiatives],
    ['milestones', counts.milestones],
    ['KPI values', counts.values],
    ['period reports', counts.reports],
    ['load (s)', loadSeconds],
    ['peak RSS after load (MB)', rssAfterLoad],
    ["baseline: plain load of the roll-up's rows, every plan (s)", round(plainRollup)],
    ["baseline: plain load of the dashboard's rows (with reports), every plan (s)", round(plain)],
    ['peak RSS after baseline (MB)', rssPlain],
    ['roll-up, every plan (s) (× its baseline)', `${round(rollup)} (${round(rollup / plainRollup)}×)`],
    ['roll-up per plan (ms)', round((rollup * 1000) / PLANS)],
    ['peak RSS after roll-up (MB)', rssRollup],
    ['dashboard, every plan (s) (× its baseline)', `${round(board)} (${round(board / plain)}×)`],
    ['dashboard per plan (ms)', round((board * 1000) / PLANS)],
    ['peak RSS after dashboard (MB)', rssDashboard],
    ['late reports found', late],
    ['red or slipping initiatives found', atRisk],
  ],
  { rollupRatio: round(rollup / plainRollup), dashboardRatio: round(board / plain) },
);

await deps.close();
rmSync(dir, { recursive: true, force: true });
