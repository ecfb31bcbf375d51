import { recordAuditNow } from '../../../platform/audit/audit.ts';
import { type Ctx, hasRole } from '../../../platform/auth/actor.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import { toCsv } from '../../../platform/csv.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Lang } from '../../../platform/i18n/i18n.ts';
import { loadExcelJS } from '../../../platform/xlsx.ts';
import { allAgencies } from '../../identity/public.ts';
import { catalogPolicy } from '../catalog.policy.ts';
import * as repo from '../catalog.repo.ts';
import type { ServiceData } from '../catalog.schema.ts';
import { toCpsvJsonLd } from '../cpsv/export.ts';
import { columns, dataToRow } from './columns.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'jsonld';

/** The published services the actor may export, oldest identifier first. */
async function exportable(deps: Deps, ctx: Ctx, agencyId?: number) {
  if (agencyId)
    authorize(hasRole(ctx.actor, 'program_admin', 'program_reviewer', 'leadership_viewer') || catalogPolicy.read(ctx.actor, agencyId));
  let q = deps.db
    .selectFrom('services')
    .select(['identifier', 'agency_id', 'published_json', 'published_version', 'published_at'])
    .where('published_version', '>', 0);
  if (agencyId) q = q.where('agency_id', '=', agencyId);
  return (await q.orderBy('identifier').execute()).map((r) => ({ ...r, data: JSON.parse(r.published_json ?? '{}') as ServiceData }));
}

/** Published services as one CPSV-AP 3.2 JSON-LD document. */
export async function cpsvDocument(
  deps: Deps,
  rows: { identifier: string; agency_id: number; published_version: number; published_at: string | null; data: ServiceData }[],
) {
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.id, a]));
  const terms = await repo.listTerms(deps.db);
  return toCpsvJsonLd({
    baseUrl: deps.config.baseUrl,
    services: rows.map((r) => ({
      identifier: r.identifier,
      agency_id: r.agency_id,
      version: r.published_version,
      published_at: r.published_at ?? '',
      data: r.data,
    })),
    agencies,
    terms: new Map(terms.map((t) => [`${t.kind}:${t.code}`, t])),
  });
}

/** The published catalog (or one agency's part of it) as CSV, XLSX or CPSV-AP JSON-LD. */
export async function exportCatalog(deps: Deps, ctx: Ctx, opts: { format: ExportFormat; agencyId?: number; lang: Lang }) {
  const rows = await exportable(deps, ctx, opts.agencyId);
  const agencies = await allAgencies(deps);
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const stamp = new Date().toISOString().slice(0, 10);
  const name = `yusr-catalog${opts.agencyId ? `-${byId.get(opts.agencyId)?.code}` : ''}-${stamp}`;
  if (opts.format === 'jsonld') {
    const doc = await cpsvDocument(deps, rows);
    return { filename: `${name}.jsonld`, type: 'application/ld+json; charset=utf-8', body: Buffer.from(JSON.stringify(doc, null, 2)) };
  }
  // A spreadsheet leaves the system: who took which part of the catalog is on the record.
  await recordAuditNow(deps.db, ctx, {
    action: 'catalog.export',
    recordType: 'catalog',
    recordId: null,
    agencyId: opts.agencyId ?? null,
    after: { format: opts.format, agency_id: opts.agencyId ?? null, services: rows.length },
  });
  const headings = columns.map(([key, ar]) => (opts.lang === 'ar' ? ar : key));
  const table = rows.map((r) => Object.values(dataToRow(r.identifier, byId.get(r.agency_id)?.code ?? '', r.data)));
  if (opts.format === 'csv') {
    // Names and descriptions are typed by agency staff: no cell may open as a formula.
    const csv = toCsv([headings, ...table], { bom: true });
    return { filename: `${name}.csv`, type: 'text/csv; charset=utf-8', body: Buffer.from(csv) };
  }
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yusr';
  const ws = wb.addWorksheet('services', { views: [{ rightToLeft: opts.lang === 'ar', state: 'frozen', ySplit: 1 }] });
  ws.addRow(headings).font = { bold: true };
  for (const r of table) ws.addRow(r).alignment = { wrapText: true, vertical: 'top' };
  ws.columns.forEach((c) => {
    c.width = 24;
  });
  return {
    filename: `${name}.xlsx`,
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
