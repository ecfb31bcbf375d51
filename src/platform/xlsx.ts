/**
 * exceljs on first use, not when the app is imported: it costs about 0.7 s to load and only an XLSX
 * export or import needs it, so every node start and every test process that never touches a
 * spreadsheet skips it. Loaded once and shared by every use site; for types, `import type` from 'exceljs'.
 */
type ExcelJS = typeof import('exceljs');

let loading: Promise<ExcelJS> | undefined;

export function loadExcelJS(): Promise<ExcelJS> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}
