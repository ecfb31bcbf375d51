import { recordAuditNow } from '../../platform/audit/audit.ts';
import { type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { type CsvCell, toCsv } from '../../platform/csv.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { loadExcelJS } from '../../platform/xlsx.ts';
import * as catalog from '../catalog/public.ts';
import * as identity from '../identity/public.ts';
import { kpis, type Period, type Scope } from './feedback.metrics.ts';
import { feedbackPolicy } from './feedback.policy.ts';
import { type BreakdownRow, byAgency, byService, monthlyTrend } from './metrics.breakdown.ts';

/** Counts below this are published as null (small-cell suppression), and so is any rate resting on them. */
export const OPEN_DATA_MIN = 5;

const COLUMNS = [
  'level',
  'key',
  'name',
  'ratings',
  'csat_responses',
  'csat_satisfied',
  'csat',
  'trust',
  'complaints',
  'sla_cases',
  'sla_met',
  'sla_compliance',
];

/** Names of the agencies and services in some breakdown rows, in a language. */
export async function names(deps: Deps, lang: Lang) {
  const agencies = await identity.allAgencies(deps);
  const services = await catalog.listServices(deps.db, { state: 'published' }, 100_000, 0);
  return {
    agency: new Map(agencies.map((a) => [String(a.id), { code: a.code, name: lang === 'ar' ? a.name_ar : a.name_en }])),
    service: new Map(services.map((s) => [String(s.id), { code: s.identifier, name: lang === 'ar' ? s.name_ar : s.name_en }])),
  };
}

/** The rows the actor may export for a scope: the totals, then by month, then by agency (nation) or by service. */
async function exportRows(deps: Deps, ctx: Ctx, s: Scope, lang: Lang) {
  authorize(feedbackPolicy.metrics(ctx.actor, s.agencyId), 'metrics of another agency');
  const n = await names(deps, lang);
  const total = await kpis(deps, s);
  const line = (level: string, key: string, name: string, r: BreakdownRow) => [
    level,
    key,
    name,
    r.ratings,
    r.responses,
    r.satisfied,
    r.csat,
    r.trust,
    r.complaints,
    r.slaCases,
    r.slaMet,
    r.sla,
  ];
  const rows: CsvCell[][] = [
    [
      'total',
      '',
      '',
      total.ratings,
      total.csat.responses,
      total.csat.satisfied,
      total.csat.rate,
      total.trust.rate,
      total.complaints,
      total.sla.cases,
      total.sla.met,
      total.sla.rate,
    ],
  ];
  for (const r of await monthlyTrend(deps, s)) rows.push(line('month', r.key, r.key, r));
  if (s.agencyId === undefined && hasRole(ctx.actor, 'program_admin', 'program_reviewer', 'leadership_viewer')) {
    for (const r of await byAgency(deps, s))
      rows.push(line('agency', n.agency.get(r.key)?.code ?? r.key, n.agency.get(r.key)?.name ?? '', r));
  }
  for (const r of await byService(deps, s))
    rows.push(line('service', n.service.get(r.key)?.code ?? r.key, n.service.get(r.key)?.name ?? '', r));
  return rows;
}

/** The KPIs of a scope as CSV (UTF-8 with BOM, for Excel) or XLSX (one sheet per level). */
export async function exportMetrics(deps: Deps, ctx: Ctx, s: Scope, format: 'csv' | 'xlsx', lang: Lang) {
  const rows = await exportRows(deps, ctx, s, lang);
  await recordAuditNow(deps.db, ctx, {
    action: 'feedback.metrics_export',
    recordType: 'feedback_metrics',
    recordId: null,
    agencyId: s.agencyId ?? null,
    after: { format, from: s.from, to: s.to, agency_id: s.agencyId ?? null, service_id: s.serviceId ?? null, rows: rows.length },
  });
  const name = `yusr-cx-${s.from.slice(0, 10)}-${s.to.slice(0, 10)}`;
  if (format === 'csv') {
    return {
      filename: `${name}.csv`,
      type: 'text/csv; charset=utf-8',
      // Counts and rates stay numbers; names (typed by agency staff) never open as formulas.
      body: Buffer.from(toCsv([COLUMNS, ...rows], { bom: true })),
    };
  }
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yusr';
  for (const level of ['total', 'month', 'agency', 'service']) {
    const part = rows.filter((r) => r[0] === level);
    if (part.length === 0) continue;
    const ws = wb.addWorksheet(level, { views: [{ rightToLeft: lang === 'ar', state: 'frozen', ySplit: 1 }] });
    ws.addRow(COLUMNS).font = { bold: true };
    for (const r of part) ws.addRow(r);
    ws.columns.forEach((c) => {
      c.width = 16;
    });
  }
  return {
    filename: `${name}.xlsx`,
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

export interface OpenDataRow {
  agency?: string;
  service?: string;
  month?: string;
  ratings: number | null;
  csat: number | null;
  trust: number | null;
  complaints: number | null;
  complaints_per_1000: number | null;
  sla_compliance: number | null;
  suppressed: boolean;
}

const small = (n: number) => n > 0 && n < OPEN_DATA_MIN;

/** Aggregated, anonymised KPIs for anyone: no text, no contact, no IP; small counts and the rates resting on them suppressed. */
export async function openData(deps: Deps, p: Period & { level: 'nation' | 'agency' | 'service' | 'month'; agencyId?: number }) {
  const n = await names(deps, 'en');
  const s: Scope = { from: p.from, to: p.to, agencyId: p.agencyId };
  const source =
    p.level === 'agency'
      ? await byAgency(deps, s)
      : p.level === 'service'
        ? await byService(deps, s)
        : p.level === 'month'
          ? await monthlyTrend(deps, s)
          : [];
  if (p.level === 'nation') {
    const k = await kpis(deps, s);
    source.push({
      key: '',
      ratings: k.ratings,
      responses: k.csat.responses,
      satisfied: k.csat.satisfied,
      csat: k.csat.rate,
      trustResponses: k.trust.responses,
      trust: k.trust.rate,
      complaints: k.complaints,
      slaCases: k.sla.cases,
      slaMet: k.sla.met,
      sla: k.sla.rate,
    });
  }
  return source.map((r): OpenDataRow => {
    const suppressed = small(r.ratings) || small(r.responses) || small(r.complaints) || small(r.slaCases) || small(r.trustResponses);
    return {
      ...(p.level === 'agency' ? { agency: n.agency.get(r.key)?.code ?? r.key } : {}),
      ...(p.level === 'service' ? { service: n.service.get(r.key)?.code ?? r.key } : {}),
      ...(p.level === 'month' ? { month: r.key } : {}),
      ratings: small(r.ratings) ? null : r.ratings,
      csat: r.responses >= OPEN_DATA_MIN ? r.csat : null,
      trust: r.trustResponses >= OPEN_DATA_MIN ? r.trust : null,
      complaints: small(r.complaints) ? null : r.complaints,
      complaints_per_1000: r.ratings >= OPEN_DATA_MIN && !small(r.complaints) ? (r.complaints * 1000) / r.ratings : null,
      sla_compliance: r.slaCases >= OPEN_DATA_MIN ? r.sla : null,
      suppressed,
    };
  });
}

/** Names of services for the dashboards, in a language. */
export async function serviceNames(deps: Deps, lang: Lang): Promise<Map<number, string>> {
  const n = await names(deps, lang);
  return new Map([...n.service].map(([id, v]) => [Number(id), v.name]));
}
