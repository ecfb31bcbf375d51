import { parse } from 'csv-parse/sync';
import type { MessageKey } from '../messages.ts';
import { readNeutralisedCell } from './csv.ts';
import { fieldError } from './http/errors.ts';
import { loadExcelJS } from './xlsx.ts';

// A table from an uploaded CSV or XLSX file, for the modules that import rows (measure's answers,
// kpi's figures): the size checked before anything parses it, an XLSX's zip
// screened by the caller's guards (catalog's zip-bomb checks, passed in so the platform does not
// depend on a module), rows and columns capped, and a formula cell marked as null (its cached
// result is whatever the file says), so every importer refuses the same files for the same reasons.

export type TableKind = 'csv' | 'xlsx';

export interface TableLimits {
  /** The uploaded file. */
  maxBytes: number;
  /** Rows after the heading. */
  maxRows: number;
  /** Columns of the heading. */
  maxColumns: number;
  /** The message of "too many columns" (each importer names its own template). */
  columnsKey: MessageKey;
  /** How an XLSX date cell reads: a day (YYYY-MM-DD, the default) or a month (YYYY-MM, kpi's figures). */
  dates?: 'day' | 'month';
}

/** The zip checks an XLSX passes: cheap ones on upload (inspect), the full inflate before reading (verify). */
export interface XlsxGuards {
  inspect: (file: Buffer) => Promise<void>;
  verify: (file: Buffer) => Promise<void>;
}

/** The checks an upload passes before anything reads it: size, and an XLSX's zip directory. */
export async function screenTable(file: unknown, limits: TableLimits, guards: XlsxGuards): Promise<{ file: Buffer; kind: TableKind }> {
  if (!Buffer.isBuffer(file) || file.length === 0) fieldError('file', 'validation.file_empty');
  if (file.length > limits.maxBytes) fieldError('file', 'validation.file_too_big', { mb: limits.maxBytes / 1024 / 1024 });
  if (file.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
    await guards.inspect(file);
    return { file, kind: 'xlsx' };
  }
  if (file.includes(0)) fieldError('file', 'validation.file_type');
  return { file, kind: 'csv' };
}

/** A cell as text; an XLSX formula is refused by its reader, marked here by null. Dates as YYYY-MM-DD or YYYY-MM. */
function cellText(v: unknown, dates: 'day' | 'month'): string | null {
  if (v == null) return '';
  if (typeof v === 'object' && ('formula' in (v as object) || 'sharedFormula' in (v as object))) return null;
  if (typeof v === 'object' && 'richText' in (v as object))
    return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  // A link cell is its address (evidence columns want where it points, not the words shown).
  if (typeof v === 'object' && 'hyperlink' in (v as object)) return String((v as { hyperlink: unknown }).hyperlink);
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text);
  if (v instanceof Date) return v.toISOString().slice(0, dates === 'month' ? 7 : 10);
  return String(v);
}

/** Every row of the file's first sheet (the heading first), cells as text, a formula cell as null. */
export async function readTable(file: Buffer, kind: TableKind, limits: TableLimits, guards: XlsxGuards): Promise<(string | null)[][]> {
  const tooManyRows = (): never => fieldError('file', 'io.limit.rows', { max: limits.maxRows });
  const malformed = (e: unknown): never => fieldError('file', 'validation.csv_malformed', { detail: (e as Error).message.slice(0, 200) });
  let rows: (string | null)[][];
  if (kind === 'csv') {
    let parsed: string[][] = [];
    try {
      parsed = parse(file, { bom: true, relax_column_count: true, skip_empty_lines: true, to: limits.maxRows + 2 });
    } catch (e) {
      malformed(e);
    }
    if (parsed.length > limits.maxRows + 1) tooManyRows();
    rows = parsed.map((r) => r.map(readNeutralisedCell));
  } else {
    await guards.verify(file);
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch (e) {
      malformed(e);
    }
    const ws = wb.worksheets[0];
    if (!ws) return [];
    if (ws.actualRowCount > limits.maxRows + 1) tooManyRows();
    if (ws.actualColumnCount > limits.maxColumns) fieldError('file', limits.columnsKey, { max: limits.maxColumns });
    rows = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const values = row.values as unknown[];
      rows.push(Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1], limits.dates ?? 'day')));
    });
  }
  if ((rows[0]?.length ?? 0) > limits.maxColumns) fieldError('file', limits.columnsKey, { max: limits.maxColumns });
  return rows;
}
