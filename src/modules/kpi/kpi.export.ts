import { recordAuditNow } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { type CsvCell, toCsv } from '../../platform/csv.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { loadExcelJS } from '../../platform/xlsx.ts';
import { listServices } from '../catalog/public.ts';
import { csat } from '../feedback/public.ts';
import { allAgencies } from '../identity/public.ts';
import { addMonths, type Figures, median, monthKpis, monthsEnding } from './kpi.math.ts';
import { kpiPolicy } from './kpi.policy.ts';
import * as repo from './kpi.repo.ts';
import { type Window, windowEnd } from './kpi.reports.ts';
import { ownAgencies } from './kpi.service.ts';
import { channels } from './kpi.tables.ts';

// The KPI figures as a file: each service's months (only those entered: a missing month is a
// missing row, never zeros), each agency's and the nation's months (sums of what was entered, the
// KPIs of those sums, satisfaction from feedback, and for the nation the median of services'
// KPIs). CSV (UTF-8 with BOM, one table with a level column) or XLSX (one sheet per level).

/** Stable column names (machine-readable in every language; the names of things follow the language asked). */
export const EXPORT_COLUMNS = [
  'level',
  'agency',
  'service',
  'name',
  'month',
  'services_reporting',
  ...channels,
  'started',
  'completed',
  'total_cost',
  'cost_includes',
  'digital_take_up',
  'completion_rate',
  'cost_per_transaction',
  'satisfaction',
  'median_digital_take_up',
  'median_completion_rate',
  'median_cost_per_transaction',
] as const;

const LEVELS = ['service', 'agency', 'national'] as const;
const monthStart = (m: string) => `${m}-01`;

/** Sums of some months' figures (null cost when none of them has one). */
function summed(fs: readonly repo.FigureRow[]) {
  const costs = fs.filter((f) => f.total_cost !== null);
  return {
    ...Object.fromEntries(channels.map((c) => [c, fs.reduce((n, f) => n + Number(f[c]), 0)])),
    started: fs.reduce((n, f) => n + Number(f.started), 0),
    completed: fs.reduce((n, f) => n + Number(f.completed), 0),
    total_cost: costs.length ? costs.reduce((n, f) => n + Number(f.total_cost), 0) : null,
  } as Figures;
}

/** The rows of an export over the last 12 or 24 months: the actor's agencies (or one of them), or every agency for the office. */
export async function exportRows(deps: Deps, ctx: Ctx, window: Window, lang: Lang, agencyId?: number): Promise<CsvCell[][]> {
  const national = kpiPolicy.national(ctx.actor);
  let agencyIds: number[] | undefined;
  if (agencyId !== undefined) {
    authorize(kpiPolicy.read(ctx.actor, agencyId));
    agencyIds = [agencyId];
  } else if (!national) agencyIds = ownAgencies(ctx).filter((id) => kpiPolicy.read(ctx.actor, id));
  authorize(agencyIds === undefined || agencyIds.length > 0);
  const months = monthsEnding(await windowEnd(deps, {}), window);
  const [from, to] = [months[0] as string, months[months.length - 1] as string];
  const all = await repo.listFigures(deps.db, { from, to });
  const mine = agencyIds ? all.filter((r) => (agencyIds as number[]).includes(r.agency_id)) : all;
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.id, a]));
  const services = new Map((await listServices(deps.db, { agencyIds }, 100_000, 0)).map((s) => [s.id, s]));
  const name = (x: { name_ar: string; name_en: string } | undefined) => (x ? (lang === 'ar' ? x.name_ar : x.name_en) : '');
  const satisfaction = async (scope: { agencyId?: number }, month: string) =>
    (await csat(deps, { ...scope, from: monthStart(month), to: monthStart(addMonths(month, 1)) })).rate;
  const line = (level: (typeof LEVELS)[number], agency: string, service: string, label: string, month: string, count: number) =>
    ({ level, agency, service, label, month, count }) as const;
  const row = (
    head: ReturnType<typeof line>,
    f: Figures | undefined,
    includes: string | null,
    satisfied: number | null,
    medians?: [number | null, number | null, number | null],
  ): CsvCell[] => {
    const k = monthKpis(f);
    return [
      head.level,
      head.agency,
      head.service,
      head.label,
      head.month,
      head.count,
      ...channels.map((c) => (f ? Number(f[c]) : null)),
      f ? Number(f.started) : null,
      f ? Number(f.completed) : null,
      f?.total_cost ?? null,
      includes,
      k.takeUp,
      k.completion,
      k.cost,
      satisfied,
      ...(medians ?? [null, null, null]),
    ];
  };
  const out: CsvCell[][] = [];
  for (const r of [...mine].sort((a, b) => a.agency_id - b.agency_id || a.service_id - b.service_id || a.month.localeCompare(b.month))) {
    const s = services.get(r.service_id);
    out.push(
      row(
        line('service', agencies.get(r.agency_id)?.code ?? '', s?.identifier ?? String(r.service_id), name(s), r.month, 1),
        r,
        r.cost_includes,
        null,
      ),
    );
  }
  const agencyList = [...new Set(mine.map((r) => r.agency_id))].sort((a, b) => a - b);
  for (const id of agencyList) {
    const a = agencies.get(id);
    for (const month of months) {
      const fs = mine.filter((r) => r.agency_id === id && r.month === month);
      const head = line('agency', a?.code ?? String(id), '', name(a), month, fs.length);
      out.push(row(head, fs.length ? summed(fs) : undefined, null, await satisfaction({ agencyId: id }, month)));
    }
  }
  for (const month of months) {
    const fs = all.filter((r) => r.month === month);
    const ks = fs.map((f) => monthKpis(f));
    const medians: [number | null, number | null, number | null] = [
      median(ks.map((k) => k.takeUp)),
      median(ks.map((k) => k.completion)),
      median(ks.map((k) => k.cost)),
    ];
    const head = line('national', '', '', '', month, fs.length);
    // Agency staff get the nation's medians (public on every performance page), not its sums.
    const sums = national && fs.length ? summed(fs) : undefined;
    out.push(row(head, sums, null, await satisfaction({}, month), medians));
  }
  return out;
}

/** The KPI figures as CSV or XLSX, audited (who exported what). */
export async function exportKpis(deps: Deps, ctx: Ctx, format: 'csv' | 'xlsx', window: Window, lang: Lang, agencyId?: number) {
  const rows = await exportRows(deps, ctx, window, lang, agencyId);
  await recordAuditNow(deps.db, ctx, {
    action: 'kpi.export',
    recordType: 'kpi_figures',
    recordId: null,
    agencyId: agencyId ?? null,
    after: { format, months: window, agency_id: agencyId ?? null, rows: rows.length },
  });
  const filename = `yusr-performance-${agencyId ?? 'all'}-${window}m`;
  if (format === 'csv')
    return {
      filename: `${filename}.csv`,
      type: 'text/csv; charset=utf-8',
      body: Buffer.from(toCsv([[...EXPORT_COLUMNS], ...rows], { bom: true })),
    };
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yusr';
  for (const level of LEVELS) {
    const ws = wb.addWorksheet(level, { views: [{ rightToLeft: lang === 'ar', state: 'frozen', ySplit: 1 }] });
    ws.addRow([...EXPORT_COLUMNS]).font = { bold: true };
    for (const r of rows.filter((x) => x[0] === level)) ws.addRow(r);
    ws.columns.forEach((c) => {
      c.width = 16;
    });
  }
  return {
    filename: `${filename}.xlsx`,
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
