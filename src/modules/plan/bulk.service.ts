import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { toCsv } from '../../platform/csv.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, ConflictError, type FieldError, fieldError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { localDate } from '../../platform/i18n/dates.ts';
import { readTable, screenTable, type TableLimits } from '../../platform/tabular.ts';
import { inspectXlsx, verifyXlsx } from '../catalog/public.ts';
import { ratingPeriod } from './followup.service.ts';
import { planPolicy } from './plan.policy.ts';
import * as repo from './plan.repo.ts';
import { currentFigures, figuresFromForm, figureValues, parseFigures } from './reports.service.ts';

// Progress of many initiatives from one file (CSV or XLSX, one row per figure): each row drafts the
// figure into its initiative's period report — the same draft the report page saves, so the
// administrator still submits and the office still reviews. The dry run shows what each row would do
// and writes nothing; the commit re-reads the stored file, checks every row again as the person
// committing, and writes every report in one transaction, or none if any row is refused.

/** What one file may cost (docs/modules.md lists them). */
export const PLAN_BULK_LIMITS = {
  maxBytes: 2 * 1024 * 1024,
  /** 46 initiatives × 12 figures × 4 periods, with room. */
  maxRows: 5_000,
  maxColumns: 12,
  columnsKey: 'plan.bulk.columns',
} as const satisfies TableLimits;

/** The file's columns, each headed by its key, its Arabic name, or both as "Arabic (key)" (the template's). */
export const bulkColumns = {
  initiative: 'رمز المبادرة',
  period: 'الفترة',
  item: 'البند',
  name: 'الاسم',
  forecast_date: 'التاريخ المتوقع',
  actual_date: 'التاريخ الفعلي',
  value: 'القيمة',
} as const;
type Column = keyof typeof bulkColumns;
const required: Column[] = ['initiative', 'period', 'item'];
const heading = (key: Column) => `${bulkColumns[key]} (${key})`;

function columnFor(cell: string): Column | undefined {
  const h = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const key of Object.keys(bulkColumns) as Column[]) if (h === key || h === bulkColumns[key] || h === heading(key)) return key;
  return undefined;
}

const guards = { inspect: inspectXlsx, verify: verifyXlsx };
/** Stored uploads of this import end so; the commit reads no other stored file. */
const EXT = 'planbulk';
const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}\.planbulk$/;

export type BulkOutcome = 'change' | 'unchanged' | 'refuse';
export interface BulkRow {
  row: number;
  initiative: string;
  period: string;
  item: string;
  outcome: BulkOutcome;
  problems: FieldError[];
}

interface Group {
  initiative: repo.InitiativeRow;
  period: repo.PeriodRow;
  report: repo.ReportRow | undefined;
  values: Record<string, unknown>;
  narrative: string;
  rows: { row: BulkRow; fields: string[] }[];
}

/** Which report-form field each column of a row sets, for its item. */
function fieldsOf(item: string, r: Partial<Record<Column, string>>): { set: Record<string, string>; problem?: FieldError } {
  const set: Record<string, string> = {};
  const m = /^(milestone|kpi):(\d{1,10})$/.exec(item);
  if (m?.[1] === 'milestone') {
    if (r.forecast_date !== undefined) set[`ms_${m[2]}_forecast`] = r.forecast_date;
    if (r.actual_date !== undefined) set[`ms_${m[2]}_actual`] = r.actual_date;
  } else if (m?.[1] === 'kpi') {
    if (r.value !== undefined) set[`kpi_${m[2]}_actual`] = r.value;
  } else if (item === 'spend') {
    if (r.value !== undefined) set.spend_sar = r.value;
  } else if (item === 'forecast_end') {
    if (r.forecast_date !== undefined) set.forecast_end = r.forecast_date;
  } else if (item === 'narrative') {
    if (r.value !== undefined) set.narrative = r.value;
  } else return { set, problem: { field: 'item', key: 'plan.bulk.item_unknown', params: { item: item.slice(0, 40) } } };
  return { set };
}

/** Where the report form puts a field's error, as the file's column. */
const columnOf = (field: string): Column =>
  field.endsWith('_forecast') || field === 'forecast_end'
    ? 'forecast_date'
    : field.endsWith('_actual') && field.startsWith('ms_')
      ? 'actual_date'
      : 'value';

/** What importing the file would do, row by row, writing nothing. */
export async function planBulk(deps: Deps, ctx: Ctx, planId: number, file: Buffer, kind: 'csv' | 'xlsx') {
  const plan = await repo.findPlan(deps.db, planId);
  if (!plan) throw new NotFoundError();
  authorize(planPolicy.readPlan(ctx.actor, plan));
  const [header = [], ...body] = await readTable(file, kind, PLAN_BULK_LIMITS, guards);
  const keys = header.map((h) => (h?.trim() ? columnFor(h) : undefined));
  const unknown = header.filter((h, i) => h?.trim() && !keys[i]);
  if (unknown.length) fieldError('file', 'validation.csv_header', { name: unknown.join(', ').slice(0, 200) });
  const missing = required.filter((k) => !keys.includes(k));
  if (missing.length) fieldError('file', 'validation.csv_missing_column', { name: missing.map(heading).join(', ') });
  if (body.length === 0) fieldError('file', 'plan.bulk.no_rows');

  const today = localDate(nowIso(), deps.config.timeZone);
  const periods = await repo.listPeriods(deps.db, planId);
  const initiatives = new Map((await repo.listInitiatives(deps.db, planId)).map((i) => [i.code.toLowerCase(), i]));
  const groups = new Map<string, Group>();
  const rows: BulkRow[] = [];
  const seen = new Map<string, number>();
  for (const [n, cells] of body.entries()) {
    const r: Partial<Record<Column, string>> = {};
    const problems: FieldError[] = [];
    keys.forEach((k, j) => {
      if (!k) return;
      const v = cells[j];
      if (v === null) problems.push({ field: k, key: 'plan.bulk.formula' });
      else if (v !== undefined && v.trim() !== '') r[k] = v.trim();
    });
    const row: BulkRow = {
      row: n + 2,
      initiative: (r.initiative ?? '').slice(0, 40),
      period: (r.period ?? '').slice(0, 40),
      item: (r.item ?? '').slice(0, 40),
      outcome: 'refuse',
      problems,
    };
    rows.push(row);
    const initiative = initiatives.get(row.initiative.toLowerCase());
    const period = periods.find((p) => p.code === row.period);
    if (!initiative) problems.push({ field: 'initiative', key: 'plan.bulk.initiative_unknown', params: { code: row.initiative } });
    else if (!planPolicy.draft(ctx.actor, initiative.owner_agency_id))
      problems.push({ field: 'initiative', key: 'plan.bulk.not_your_agency' });
    if (!period) problems.push({ field: 'period', key: 'plan.bulk.period_unknown', params: { code: row.period } });
    const { set, problem } = fieldsOf(row.item, r);
    if (problem) problems.push(problem);
    else if (Object.keys(set).length === 0) problems.push({ field: 'value', key: 'plan.bulk.nothing' });
    if (plan.status !== 'active') problems.push({ field: 'period', key: 'plan.error.plan_not_active' });
    if (!initiative || !period || problems.length) continue;
    // The item must be one of this initiative's own milestones or KPIs.
    const own = /^(milestone|kpi):(\d+)$/.exec(row.item);
    const key = `${initiative.id}|${period.id}`;
    let group = groups.get(key);
    if (!group) {
      const report = await repo.findReportFor(deps.db, initiative.id, period.id);
      const milestones = await repo.listMilestones(deps.db, [initiative.id]);
      const kpis = await repo.listKpis(deps.db, [initiative.id]);
      const values = (
        await repo.listKpiValues(
          deps.db,
          kpis.map((k) => k.id),
        )
      ).filter((v) => v.period_id === period.id);
      const base = report ? parseFigures(report.figures_json) : currentFigures({ initiative, milestones, kpis, values });
      group = {
        initiative,
        period,
        report,
        values: { ...figureValues(base), __milestones: milestones, __kpis: kpis },
        narrative: report?.narrative ?? '',
        rows: [],
      };
      groups.set(key, group);
    }
    if (own) {
      const list = (own[1] === 'milestone' ? group.values.__milestones : group.values.__kpis) as { id: number }[];
      if (!list.some((x) => x.id === Number(own[2]))) {
        problems.push({ field: 'item', key: 'plan.bulk.item_unknown', params: { item: row.item } });
        continue;
      }
    }
    if (group.report?.status === 'submitted') problems.push({ field: 'period', key: 'plan.error.under_review' });
    if (group.report?.status === 'accepted') problems.push({ field: 'period', key: 'plan.error.locked' });
    const dup = `${key}|${row.item}`;
    if (seen.has(dup)) problems.push({ field: 'item', key: 'plan.bulk.duplicate', params: { row: seen.get(dup) as number } });
    seen.set(dup, row.row);
    if (problems.length) continue;
    const before: Record<string, unknown> = { ...group.values, narrative: group.narrative };
    for (const [f, v] of Object.entries(set)) {
      if (f === 'narrative') group.narrative = v;
      else group.values[f] = v;
    }
    const after: Record<string, unknown> = { ...group.values, narrative: group.narrative };
    row.outcome = Object.keys(set).some((f) => String(before[f] ?? '') !== String(after[f] ?? '')) ? 'change' : 'unchanged';
    group.rows.push({ row, fields: Object.keys(set) });
  }

  // Each report's figures checked as its form checks them; an error goes to the rows that set the field.
  const ready: { group: Group; figures: ReturnType<typeof figuresFromForm> }[] = [];
  for (const group of groups.values()) {
    const { __milestones, __kpis, ...values } = group.values;
    try {
      const figures = figuresFromForm(values, __milestones as repo.MilestoneRow[], __kpis as repo.KpiRow[], today);
      if (group.narrative.length > 5000) throw new ValidationError([{ field: 'narrative', key: 'plan.bulk.narrative_long' }]);
      ready.push({ group, figures });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      for (const err of e.fieldErrors)
        for (const { row, fields } of group.rows)
          if (fields.includes(err.field)) {
            row.problems.push({ ...err, field: columnOf(err.field) });
            row.outcome = 'refuse';
          }
      // A group with an error writes nothing, so its other rows are held back too.
      for (const { row } of group.rows)
        if (row.outcome !== 'refuse') {
          row.problems.push({ field: 'initiative', key: 'plan.bulk.held' });
          row.outcome = 'refuse';
        }
    }
  }
  return { plan, rows, ready, today };
}

/** The dry run: keeps the file for the commit and returns the preview; a refused file throws a field error. */
export async function previewBulk(deps: Deps, ctx: Ctx, planId: number, raw: unknown) {
  const { file, kind } = await screenTable(raw, PLAN_BULK_LIMITS, guards);
  const { plan, rows } = await planBulk(deps, ctx, planId, file, kind);
  const stored = await deps.storage.put(file, EXT);
  return { plan, rows, key: stored.key, sha256: stored.sha256, refused: rows.filter((r) => r.outcome === 'refuse').length };
}

/** Commits a previewed file: every report in one transaction, or nothing when any row is refused now. */
export async function commitBulk(deps: Deps, ctx: Ctx, planId: number, key: unknown) {
  if (typeof key !== 'string' || !KEY.test(key) || !(await deps.storage.exists(key))) throw new NotFoundError();
  const { file, kind } = await screenTable(await deps.storage.get(key), PLAN_BULK_LIMITS, guards);
  const { plan, rows, ready } = await planBulk(deps, ctx, planId, file, kind);
  const refused = rows.filter((r) => r.outcome === 'refuse').length;
  if (refused) throw new AppError(409, 'plan.bulk.refused', { count: refused });
  let saved = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const { group, figures } of ready) {
      if (!group.rows.some(({ row }) => row.outcome === 'change')) continue;
      const figures_json = JSON.stringify(figures);
      const report = group.report
        ? await repo.moveReport(trx, group.report.id, ['draft', 'returned'], group.report.version, {
            figures_json,
            narrative: group.narrative,
          })
        : await repo.insertReport(trx, {
            initiative_id: group.initiative.id,
            period_id: group.period.id,
            agency_id: group.initiative.owner_agency_id,
            figures_json,
            narrative: group.narrative,
          });
      if (!report) throw new ConflictError('plan.error.changed');
      await recordAudit(trx, ctx, {
        action: 'plan.report.save',
        recordType: 'plan_report',
        recordId: report.id,
        agencyId: report.agency_id,
        before: group.report ? { figures: JSON.parse(group.report.figures_json), narrative: group.report.narrative } : undefined,
        after: { figures, narrative: report.narrative, source: 'bulk' },
      });
      saved++;
    }
    await recordAudit(trx, ctx, {
      action: 'plan.bulk.import',
      recordType: 'plan_plan',
      recordId: plan.id,
      agencyId: plan.owner_agency_id,
      after: { key, rows: rows.length, reports: saved },
    });
  });
  return { rows: rows.length, reports: saved };
}

/**
 * The template of a plan's progress file for one period (the latest started, unless given): a row per
 * figure of every initiative the actor drafts reports for, filled with the figures as they now stand.
 */
export async function bulkTemplate(deps: Deps, ctx: Ctx, planId: number, periodId?: number) {
  const plan = await repo.findPlan(deps.db, planId);
  if (!plan) throw new NotFoundError();
  authorize(planPolicy.readPlan(ctx.actor, plan));
  const periods = await repo.listPeriods(deps.db, planId);
  const period =
    periodId === undefined ? ratingPeriod(periods, localDate(nowIso(), deps.config.timeZone)) : periods.find((p) => p.id === periodId);
  const keys = Object.keys(bulkColumns) as Column[];
  const out: (string | number | null)[][] = [keys.map(heading)];
  if (!period) return { plan, csv: toCsv(out, { bom: true }) };
  for (const initiative of await repo.listInitiatives(deps.db, planId)) {
    if (!planPolicy.draft(ctx.actor, initiative.owner_agency_id)) continue;
    const report = await repo.findReportFor(deps.db, initiative.id, period.id);
    const milestones = await repo.listMilestones(deps.db, [initiative.id]);
    const kpis = await repo.listKpis(deps.db, [initiative.id]);
    const values = (
      await repo.listKpiValues(
        deps.db,
        kpis.map((k) => k.id),
      )
    ).filter((v) => v.period_id === period.id);
    const f = report ? parseFigures(report.figures_json) : currentFigures({ initiative, milestones, kpis, values });
    const line = (item: string, name: string, forecast: string | null, actual: string | null, value: string | number | null) => [
      initiative.code,
      period.code,
      item,
      name,
      forecast,
      actual,
      value,
    ];
    for (const m of milestones) {
      const x = f.milestones.find((y) => y.id === m.id);
      out.push(line(`milestone:${m.id}`, `${m.name_ar} / ${m.name_en}`, x?.forecast_date ?? null, x?.actual_date ?? null, null));
    }
    for (const k of kpis)
      out.push(line(`kpi:${k.id}`, `${k.name_ar} / ${k.name_en}`, null, null, f.kpis.find((y) => y.id === k.id)?.actual ?? null));
    out.push(line('forecast_end', '', f.forecast_end, null, null));
    out.push(line('spend', '', null, null, f.spend_sar));
    out.push(line('narrative', '', null, null, report?.narrative ?? null));
  }
  return { plan, period, csv: toCsv(out, { bom: true }) };
}
