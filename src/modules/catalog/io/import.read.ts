import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse as csvParser } from 'csv-parse';
import { z } from 'zod';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { readNeutralisedCell } from '../../../platform/csv.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, type FieldError, fieldError } from '../../../platform/http/errors.ts';
import { jsonDepth } from '../../../platform/http/json-depth.ts';
import { issuesToFieldErrors } from '../../../platform/http/validation.ts';
import { loadExcelJS } from '../../../platform/xlsx.ts';
import { type AgencyRecord, allAgencies, type PlannedAgency, planAgencies } from '../../identity/public.ts';
import { catalogPolicy } from '../catalog.policy.ts';
import * as repo from '../catalog.repo.ts';
import {
  audiences,
  channelSchema,
  channelTypes,
  lifecycleStatuses,
  maturities,
  SERVICE_IDENTIFIER,
  type ServiceData,
  serviceData,
} from '../catalog.schema.ts';
import { diffData } from '../catalog.service.ts';
import { fromCpsvJsonLd, guardJsonLd, JsonLdRefused } from '../cpsv/import.ts';
import { agencyColumnFor, type ColumnKey, columnFor, requiredColumns, rowToData, yusrOnlyFields } from './columns.ts';
import { BATCH, IMPORT_LIMITS, inspectXlsx, verifyXlsx } from './limits.ts';

export type ImportKind = 'csv' | 'xlsx' | 'jsonld';
/** `draft`: the row lacks fields only Yusr has; it is written as an unpublished draft with a checklist. */
export type Outcome = 'create' | 'update' | 'unchanged' | 'draft' | 'refuse';

export interface PlannedRow {
  row: number;
  identifier?: string;
  agencyCode?: string;
  outcome: Outcome;
  problems: FieldError[];
  changes: string[];
  /** For a draft: what publication still needs. */
  missing?: string[];
  /** Publishing it would draft a launch announcement (when the importer asks for announcements). */
  launch?: boolean;
}

/**
 * What the importer chose for the whole file with the dry run: values for Yusr's own fields a row
 * leaves out (otherwise such a row becomes an incomplete draft), and whether publications should
 * tell other modules (launch and change announcements, subscriber emails). Off by default: importing
 * existing services is not a launch.
 */
export const importOptions = z
  .object({
    audiences: z.array(z.enum(audiences)).max(5).default([]),
    channel: z.enum(channelTypes).optional(),
    maturity: z.enum(maturities).optional(),
    status: z.enum(lifecycleStatuses).optional(),
    announce: z.boolean().default(false),
  })
  .strict();
export type ImportOptions = z.output<typeof importOptions>;
export const NO_OPTIONS: ImportOptions = { audiences: [], announce: false };

/** A draft may lack Yusr's own fields; publication then refuses until they are filled in. */
const draftData = serviceData.extend({
  audiences: z.array(z.enum(audiences)).max(5),
  channels: z.array(channelSchema).max(10),
  maturity: z.enum(maturities).optional(),
  status: z.enum(lifecycleStatuses).optional(),
});

interface Candidate {
  row: number;
  identifier?: string;
  agencyCode?: string;
  data?: unknown;
  problems: FieldError[];
}

/** Called every batch with the rows done so far and the total. */
export type Progress = (done: number, total: number) => Promise<void>;

const malformed = (e: unknown): never => fieldError('file', 'validation.csv_malformed', { detail: (e as Error).message.slice(0, 200) });

const tooManyRows = (): never => fieldError('file', 'io.limit.rows', { max: IMPORT_LIMITS.maxRows });

function jsonLdProblem(e: JsonLdRefused): never {
  switch (e.reason) {
    case 'depth':
      return fieldError('file', 'io.limit.depth', e.params);
    case 'remote_context':
      return fieldError('file', 'io.limit.remote_context', e.params);
    case 'contexts':
      return fieldError('file', 'io.limit.contexts', e.params);
    default:
      return fieldError('file', 'io.limit.terms', e.params);
  }
}

const textOf = (file: Buffer) => file.toString('utf8').replace(/^\uFEFF/, '');

/**
 * The checks an upload passes before it is stored and queued: size, kind, an XLSX's zip
 * directory (declared inflation, entries, ratio), a JSON-LD file's nesting and contexts. Each
 * costs one pass over the bytes at most; the reading itself happens in the worker.
 */
export async function screenUpload(file: Buffer): Promise<ImportKind> {
  if (file.length === 0) fieldError('file', 'validation.file_empty');
  if (file.length > IMPORT_LIMITS.maxBytes) fieldError('file', 'validation.file_too_big', { mb: IMPORT_LIMITS.maxBytes / 1024 / 1024 });
  if (file.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
    await inspectXlsx(file);
    return 'xlsx';
  }
  const text = textOf(file);
  if (/^\s*[{[]/.test(text)) {
    if (jsonDepth(text, IMPORT_LIMITS.maxJsonDepth) > IMPORT_LIMITS.maxJsonDepth)
      fieldError('file', 'io.limit.depth', { max: IMPORT_LIMITS.maxJsonDepth });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      malformed(e);
    }
    try {
      guardJsonLd(json);
    } catch (e) {
      if (e instanceof JsonLdRefused) jsonLdProblem(e);
      throw e;
    }
    return 'jsonld';
  }
  if (file.includes(0)) fieldError('file', 'validation.file_type');
  return 'csv';
}

/** Rows of a table (CSV or the first XLSX sheet), keyed by column, with their spreadsheet row numbers. */
function tableCandidates(header: string[], body: string[][]): Candidate[] {
  if (body.length > IMPORT_LIMITS.maxRows) tooManyRows();
  const keys = header.map((h) => (h.trim() ? columnFor(h) : undefined));
  const unknown = header.filter((h, i) => h.trim() && !keys[i]);
  if (unknown.length) fieldError('file', 'validation.csv_header', { name: unknown.join(', ') });
  const missing = requiredColumns.filter((k) => !keys.includes(k));
  if (missing.length) fieldError('file', 'validation.csv_missing_column', { name: missing.join(', ') });
  const out: Candidate[] = [];
  body.forEach((cells, i) => {
    if (!cells.some((c) => c.trim() !== '')) return;
    const r: Partial<Record<ColumnKey, string>> = {};
    keys.forEach((k, j) => {
      if (k) r[k] = cells[j] ?? '';
    });
    out.push({ row: i + 2, identifier: r.identifier?.trim(), agencyCode: r.agency?.trim(), data: rowToData(r), problems: [] });
  });
  return out;
}

/** CSV records, parsed 64 KB at a time with the event loop let through between pieces; stops past the row limit. */
async function csvRecords(file: Buffer): Promise<string[][]> {
  const parser = csvParser({ bom: true, relax_column_count: true, skip_empty_lines: false });
  const records: string[][] = [];
  let failure: Error | undefined;
  // A cell Yusr's CSV writer guarded against formula injection reads back as what was written.
  parser.on('data', (r: string[]) => records.push(r.map(readNeutralisedCell)));
  parser.on('error', (e: Error) => {
    failure = e;
  });
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', () => resolve());
  });
  for (let at = 0; at < file.length && !failure; at += 64 * 1024) {
    parser.write(file.subarray(at, at + 64 * 1024));
    await nextTurn();
    // The heading plus the allowed rows (blank lines count: the limit is on lines of the sheet).
    if (records.length > IMPORT_LIMITS.maxRows + 1) {
      parser.destroy();
      tooManyRows();
    }
  }
  if (!failure) parser.end();
  await ended;
  if (failure) malformed(failure);
  if (records.length > IMPORT_LIMITS.maxRows + 1) tooManyRows();
  return records;
}

async function xlsxRecords(file: Buffer): Promise<string[][]> {
  await verifyXlsx(file);
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch (e) {
    malformed(e);
  }
  const ws = wb.worksheets[0];
  if (ws && ws.actualRowCount > IMPORT_LIMITS.maxRows + 1) tooManyRows();
  const rows: string[][] = [];
  ws?.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as unknown[];
    rows[n - 1] = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]));
  });
  return Array.from(rows, (r) => r ?? []);
}

/** Reads the stored file into candidate rows (and a JSON-LD file's organisations); a file-level problem is thrown as a field error. */
export async function readCandidates(file: Buffer, kind: ImportKind): Promise<{ candidates: Candidate[]; organisations: AgencyRecord[] }> {
  if (kind === 'jsonld') {
    let result: Awaited<ReturnType<typeof fromCpsvJsonLd>>;
    try {
      result = await fromCpsvJsonLd(textOf(file));
    } catch (e) {
      if (e instanceof JsonLdRefused) jsonLdProblem(e);
      return malformed(e);
    }
    if (result.items.length + result.organisations.length > IMPORT_LIMITS.maxRows) tooManyRows();
    return {
      candidates: result.items.map((it) => ({
        row: it.index + 1,
        identifier: it.identifier,
        agencyCode: it.agencyCode,
        data: it.data,
        problems: it.errors.map((e) => ({ field: 'file', key: 'validation.csv_malformed' as const, params: { detail: e } })),
      })),
      organisations: result.organisations.map(({ index, ...o }) => ({ row: index + 1, ...o })),
    };
  }
  const [header = [], ...body] = await tableRecords(file, kind);
  if (isAgencySheet(header)) return { candidates: [], organisations: agencyRows(header, body) };
  return { candidates: tableCandidates(header, body), organisations: [] };
}

/** A sheet with a code column and no identifier column lists agencies, not services. */
const isAgencySheet = (header: string[]) =>
  header.some((h) => agencyColumnFor(h) === 'code') && !header.some((h) => columnFor(h) === 'identifier');

/** The rows of an agencies sheet as agency records, with their spreadsheet row numbers. */
function agencyRows(header: string[], body: string[][]): AgencyRecord[] {
  if (body.length > IMPORT_LIMITS.maxRows) tooManyRows();
  const keys = header.map((h) => (h.trim() ? agencyColumnFor(h) : undefined));
  const unknown = header.filter((h, i) => h.trim() && !keys[i]);
  if (unknown.length) fieldError('file', 'validation.csv_header', { name: unknown.join(', ') });
  const out: AgencyRecord[] = [];
  body.forEach((cells, i) => {
    if (!cells.some((c) => c.trim() !== '')) return;
    const r: AgencyRecord = { row: i + 2 };
    keys.forEach((k, j) => {
      if (k && cells[j]?.trim()) r[k] = cells[j].trim();
    });
    out.push(r);
  });
  return out;
}

/** The rows of a CSV or of an XLSX file's first sheet, within the upload limits (catalog and agency sheets alike). */
export async function tableRecords(file: Buffer, kind: 'csv' | 'xlsx' | 'jsonld'): Promise<string[][]> {
  if (kind === 'jsonld') fieldError('file', 'validation.file_type');
  return kind === 'xlsx' ? xlsxRecords(file) : csvRecords(file);
}

/** A row's data with the file's defaults filled in, and the Yusr-only fields still missing. */
function withDefaults(data: unknown, o: ImportOptions, published: ServiceData | null): { data: unknown; missing: string[] } {
  if (!data || typeof data !== 'object') return { data, missing: [] };
  const d = { ...(data as Record<string, unknown>) };
  const empty = (k: string) => d[k] === undefined || d[k] === '' || (Array.isArray(d[k]) && (d[k] as unknown[]).length === 0);
  // A service Yusr already publishes keeps its own values of the fields the file does not carry.
  for (const k of yusrOnlyFields) if (empty(k) && published) d[k] = published[k];
  if (empty('audiences') && o.audiences.length) d.audiences = o.audiences;
  if (empty('channels') && o.channel) d.channels = [{ type: o.channel }];
  if (empty('maturity') && o.maturity) d.maturity = o.maturity;
  if (empty('status') && o.status) d.status = o.status;
  const missing = yusrOnlyFields.filter(empty);
  for (const k of missing) {
    if (k === 'maturity' || k === 'status') delete d[k];
    else d[k] = [];
  }
  return { data: d, missing };
}

function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'object' && 'richText' in (v as object))
    return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text);
  if (typeof v === 'object' && 'result' in (v as object)) return String((v as { result: unknown }).result ?? '');
  return String(v);
}

export type Parsed = { data: ServiceData; agencyId?: number; agencyCode: string; draft: boolean };
export type Plan = { rows: PlannedRow[]; agencies: PlannedAgency[]; parsed: Map<number, Parsed> };

/**
 * What importing the file would do, row by row, without changing anything. Works in batches,
 * letting the event loop through between them, and reports progress after each.
 */
export async function planImport(
  deps: Deps,
  ctx: Ctx,
  file: Buffer,
  kind: ImportKind,
  progress?: Progress,
  options: ImportOptions = NO_OPTIONS,
): Promise<Plan> {
  const { candidates, organisations } = await readCandidates(file, kind);
  const plannedAgencies = await planAgencies(deps.db, ctx, organisations);
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.code.toLowerCase(), a]));
  // Agencies the same file creates: services may name them; the write resolves their ids.
  const fromFile = new Map(plannedAgencies.filter((a) => a.outcome === 'create' && a.code).map((a) => [a.code?.toLowerCase(), a]));
  const terms = new Set((await repo.listTerms(deps.db)).map((t) => `${t.kind}:${t.code}`));
  const seen = new Set<string>();
  const parsed = new Map<number, Parsed>();
  const rows: PlannedRow[] = [];
  for (const [i, c] of candidates.entries()) {
    if (i % BATCH === 0) {
      await progress?.(i, candidates.length);
      await nextTurn();
    }
    const problems = [...c.problems];
    const code = c.agencyCode?.toLowerCase();
    const agency = code ? agencies.get(code) : undefined;
    const newAgency = code && !agency ? fromFile.get(code) : undefined;
    const key = c.identifier?.toLowerCase();
    if (!c.identifier || !SERVICE_IDENTIFIER.test(c.identifier))
      problems.push({ field: 'identifier', key: 'validation.service_identifier' });
    else if (key && seen.has(key)) problems.push({ field: 'identifier', key: 'validation.duplicate_row' });
    if (key) seen.add(key);
    if (!agency && !newAgency)
      problems.push({ field: 'agency', key: 'validation.agency_code_unknown', params: { code: c.agencyCode ?? '' } });
    else if (agency && !catalogPolicy.importInto(ctx.actor, agency.id))
      problems.push({ field: 'agency', key: 'validation.not_your_agency' });
    const existing = c.identifier ? await repo.findServiceByIdentifier(deps.db, c.identifier) : undefined;
    const published: ServiceData | null = existing?.published_json ? JSON.parse(existing.published_json) : null;
    const filled = withDefaults(c.data, options, published);
    const v = (filled.missing.length ? draftData : serviceData).safeParse(filled.data) as z.ZodSafeParseResult<ServiceData>;
    if (!v.success) problems.push(...issuesToFieldErrors(v.error.issues, { input: filled.data }));
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
    if (existing && existing.agency_id !== agency?.id) problems.push({ field: 'identifier', key: 'validation.identifier_taken' });
    let outcome: Outcome = 'refuse';
    let changes: string[] = [];
    let launch: boolean | undefined;
    if (problems.length === 0 && v.success && (agency || newAgency)) {
      parsed.set(c.row, { data: v.data, agencyId: agency?.id, agencyCode: c.agencyCode ?? '', draft: filled.missing.length > 0 });
      changes = diffData(published, v.data).map((d) => d.field);
      if (filled.missing.length) outcome = 'draft';
      else if (!existing) outcome = 'create';
      else outcome = changes.length ? 'update' : 'unchanged';
      if (outcome === 'create' || outcome === 'update') launch = v.data.status === 'live' && published?.status !== 'live';
    }
    rows.push({
      row: c.row,
      identifier: c.identifier,
      agencyCode: c.agencyCode,
      outcome,
      problems,
      changes,
      ...(filled.missing.length ? { missing: filled.missing } : {}),
      ...(launch ? { launch } : {}),
    });
  }
  await progress?.(candidates.length, candidates.length);
  return { rows, agencies: plannedAgencies, parsed };
}

/** True for an error that refuses the file as a whole (shown beside the file field). */
export const isFileRefusal = (e: unknown): e is AppError => e instanceof AppError && e.fieldErrors.length > 0;
