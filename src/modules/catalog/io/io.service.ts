import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { type Ctx, hasRole } from '../../../platform/auth/actor.ts';
import { signToken, verifyToken } from '../../../platform/auth/crypto.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, type FieldError, fieldError } from '../../../platform/http/errors.ts';
import { issuesToFieldErrors } from '../../../platform/http/validation.ts';
import type { Lang } from '../../../platform/i18n/i18n.ts';
import { allAgencies } from '../../identity/agencies.service.ts';
import { catalogPolicy } from '../catalog.policy.ts';
import * as repo from '../catalog.repo.ts';
import { type ServiceData, serviceData } from '../catalog.schema.ts';
import { catalogChanged, createInTransaction, diffData, publishInTransaction } from '../catalog.service.ts';
import { toCpsvJsonLd } from '../cpsv/export.ts';
import { fromCpsvJsonLd } from '../cpsv/import.ts';
import { type ColumnKey, columnFor, columns, dataToRow, requiredColumns, rowToData } from './columns.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'jsonld';
export type Outcome = 'create' | 'update' | 'unchanged' | 'refuse';

export interface PlannedRow {
  row: number;
  identifier?: string;
  agencyCode?: string;
  outcome: Outcome;
  problems: FieldError[];
  changes: string[];
}

interface Candidate {
  row: number;
  identifier?: string;
  agencyCode?: string;
  data?: unknown;
  problems: FieldError[];
}

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
  const headings = columns.map(([key, ar]) => (opts.lang === 'ar' ? ar : key));
  const table = rows.map((r) => Object.values(dataToRow(r.identifier, byId.get(r.agency_id)?.code ?? '', r.data)));
  if (opts.format === 'csv') {
    const csv = stringify([headings, ...table], { bom: true, record_delimiter: '\r\n' });
    return { filename: `${name}.csv`, type: 'text/csv; charset=utf-8', body: Buffer.from(csv) };
  }
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

/** Rows of a table (CSV or the first XLSX sheet), keyed by column, with their spreadsheet row numbers. */
function tableCandidates(header: string[], body: string[][]): Candidate[] {
  const keys = header.map((h) => (h.trim() ? columnFor(h) : undefined));
  const unknown = header.filter((h, i) => h.trim() && !keys[i]);
  if (unknown.length) fieldError('file', 'validation.csv_header', { name: unknown.join(', ') });
  const missing = requiredColumns.filter((k) => !keys.includes(k));
  if (missing.length) fieldError('file', 'validation.csv_missing_column', { name: missing.join(', ') });
  return body
    .map((cells, i) => ({ cells, row: i + 2 }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''))
    .map(({ cells, row }) => {
      const r: Partial<Record<ColumnKey, string>> = {};
      keys.forEach((k, j) => {
        if (k) r[k] = cells[j] ?? '';
      });
      return { row, identifier: r.identifier?.trim(), agencyCode: r.agency?.trim(), data: rowToData(r), problems: [] };
    });
}

async function readCandidates(file: Buffer): Promise<Candidate[]> {
  if (file.length === 0) fieldError('file', 'validation.file_empty');
  const head = file.subarray(0, 4).toString('latin1');
  if (head.startsWith('PK\u0003\u0004')) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch (e) {
      fieldError('file', 'validation.csv_malformed', { detail: (e as Error).message.slice(0, 200) });
    }
    const ws = wb.worksheets[0];
    const rows: string[][] = [];
    ws?.eachRow({ includeEmpty: true }, (row, n) => {
      const values = row.values as unknown[];
      rows[n - 1] = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]));
    });
    const [header = [], ...body] = Array.from(rows, (r) => r ?? []);
    return tableCandidates(header, body);
  }
  const text = file.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(text)) {
    let result: Awaited<ReturnType<typeof fromCpsvJsonLd>>;
    try {
      result = await fromCpsvJsonLd(text);
    } catch (e) {
      fieldError('file', 'validation.csv_malformed', { detail: (e as Error).message.slice(0, 200) });
    }
    return result.items.map((it) => ({
      row: it.index + 1,
      identifier: it.identifier,
      agencyCode: it.agencyCode,
      data: it.data,
      problems: it.errors.map((e) => ({ field: 'file', key: 'validation.csv_malformed' as const, params: { detail: e } })),
    }));
  }
  if (text.includes('\u0000')) fieldError('file', 'validation.file_type');
  let records: string[][];
  try {
    records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false });
  } catch (e) {
    fieldError('file', 'validation.csv_malformed', { detail: (e as Error).message.slice(0, 200) });
  }
  const [header = [], ...body] = records;
  return tableCandidates(header, body);
}

function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'object' && 'richText' in (v as object))
    return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text);
  if (typeof v === 'object' && 'result' in (v as object)) return String((v as { result: unknown }).result ?? '');
  return String(v);
}

/** What importing the file would do, row by row, without changing anything. */
export async function planImport(
  deps: Deps,
  ctx: Ctx,
  file: Buffer,
): Promise<{ rows: PlannedRow[]; parsed: Map<number, { data: ServiceData; agencyId: number }> }> {
  const candidates = await readCandidates(file);
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.code, a]));
  const terms = new Set((await repo.listTerms(deps.db)).map((t) => `${t.kind}:${t.code}`));
  const seen = new Set<string>();
  const parsed = new Map<number, { data: ServiceData; agencyId: number }>();
  const rows: PlannedRow[] = [];
  for (const c of candidates) {
    const problems = [...c.problems];
    const agency = c.agencyCode ? agencies.get(c.agencyCode) : undefined;
    if (!c.identifier || !/^[a-z0-9][a-z0-9-]{2,79}$/.test(c.identifier))
      problems.push({ field: 'identifier', key: 'validation.service_identifier' });
    else if (seen.has(c.identifier)) problems.push({ field: 'identifier', key: 'validation.duplicate_row' });
    if (c.identifier) seen.add(c.identifier);
    if (!agency) problems.push({ field: 'agency', key: 'validation.agency_code_unknown', params: { code: c.agencyCode ?? '' } });
    else if (!catalogPolicy.importInto(ctx.actor, agency.id)) problems.push({ field: 'agency', key: 'validation.not_your_agency' });
    const v = serviceData.safeParse(c.data);
    if (!v.success) problems.push(...issuesToFieldErrors(v.error.issues));
    else {
      for (const [kind, list] of [
        ['category', v.data.categories],
        ['life_event', v.data.life_events],
        ['business_event', v.data.business_events],
      ] as const) {
        for (const code of list)
          if (!terms.has(`${kind}:${code}`)) problems.push({ field: kind, key: 'validation.term_unknown', params: { code } });
      }
    }
    const existing = c.identifier ? await repo.findServiceByIdentifier(deps.db, c.identifier) : undefined;
    if (existing && agency && existing.agency_id !== agency.id) problems.push({ field: 'identifier', key: 'validation.identifier_taken' });
    let outcome: Outcome = 'refuse';
    let changes: string[] = [];
    if (problems.length === 0 && v.success && agency) {
      parsed.set(c.row, { data: v.data, agencyId: agency.id });
      if (!existing) outcome = 'create';
      else {
        changes = diffData(existing.published_json ? JSON.parse(existing.published_json) : null, v.data).map((d) => d.field);
        outcome = changes.length ? 'update' : 'unchanged';
      }
    }
    rows.push({ row: c.row, identifier: c.identifier, agencyCode: c.agencyCode, outcome, problems, changes });
  }
  return { rows, parsed };
}

const IMPORT_PURPOSE = 'catalog-import';

/** Keeps the uploaded file for the real run and returns a signed, expiring reference to it. */
export async function stashUpload(deps: Deps, ctx: Ctx, file: Buffer): Promise<string> {
  const stored = await deps.storage.put(file, 'import');
  return signToken(
    deps.config.secretKey,
    IMPORT_PURPOSE,
    { key: stored.key, by: ctx.actor.kind === 'user' ? ctx.actor.id : 0 },
    new Date(Date.now() + 3_600_000),
  );
}

/** The real run: plans again (the catalog may have moved) and writes everything in one transaction, or nothing. */
export async function runImport(deps: Deps, ctx: Ctx, token: string) {
  const ref = verifyToken<{ key: string; by: number }>(deps.config.secretKey, IMPORT_PURPOSE, token);
  if (!ref || ref.by !== (ctx.actor.kind === 'user' ? ctx.actor.id : 0) || !(await deps.storage.exists(ref.key)))
    throw new AppError(410, 'io.expired');
  const plan = await planImport(deps, ctx, await deps.storage.get(ref.key));
  if (plan.rows.some((r) => r.outcome === 'refuse')) throw new AppError(409, 'io.run_refused');
  const counts = { create: 0, update: 0, unchanged: 0, refuse: 0 };
  await deps.db.transaction().execute(async (trx) => {
    for (const r of plan.rows) {
      counts[r.outcome]++;
      const p = plan.parsed.get(r.row);
      if (!p || !r.identifier || r.outcome === 'unchanged') continue;
      const row =
        (await repo.findServiceByIdentifier(trx, r.identifier)) ??
        (await createInTransaction(trx, ctx, { identifier: r.identifier, agency_id: p.agencyId, data: p.data }));
      await publishInTransaction(trx, deps, ctx, row, p.data, 'import');
    }
    await recordAudit(trx, ctx, { action: 'catalog.import', recordType: 'catalog', recordId: null, after: counts });
  });
  await deps.storage.remove(ref.key);
  catalogChanged(deps);
  return counts;
}
