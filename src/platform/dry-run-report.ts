import { type CsvCell, toCsv } from './csv.ts';

// A dry run's report as people act on it in a spreadsheet, shared by every import that has a dry
// run (the catalog's and measure's bulk answers): the refusals grouped by reason — the largest
// group first, its rows in order, one line per row and reason with the field or column that fixes
// it — then every row that has no problem with what it would do. The caller words every cell in
// the reader's language.

export interface DryRunProblem {
  /** The field or column, named in the reader's language. */
  field: string;
  /** The reason, in the reader's language. */
  reason: string;
  /** What fixes it (a property, a column), if the import can say. */
  hint?: string;
  /** What makes two problems the same reason (default: field and reason as worded). */
  group?: string;
}

export interface DryRunRow {
  /** The cells that say which row this is and what would happen to it (row number, keys, outcome). */
  cells: CsvCell[];
  problems: DryRunProblem[];
  /** For a row without problems: what it would change. */
  note?: string;
}

export interface DryRunHeadings {
  /** One heading per cell of `cells`. */
  cells: string[];
  field: string;
  reason: string;
  /** The heading of the "what fixes it" column; without it the report has no such column. */
  hint?: string;
}

/** The report as CSV (UTF-8 with a BOM for Excel; every cell neutralised by toCsv). */
export function dryRunCsv(headings: DryRunHeadings, rows: readonly DryRunRow[]): string {
  const withHint = headings.hint !== undefined;
  const lines: CsvCell[][] = [[...headings.cells, headings.field, headings.reason, ...(withHint ? [headings.hint] : [])]];
  const groups = new Map<string, { first: number; lines: CsvCell[][] }>();
  rows.forEach((r, i) => {
    for (const p of r.problems) {
      const id = p.group ?? `${p.field}\u0000${p.reason}`;
      const g = groups.get(id) ?? { first: i, lines: [] };
      g.lines.push([...r.cells, p.field, p.reason, ...(withHint ? [p.hint ?? ''] : [])]);
      groups.set(id, g);
    }
  });
  for (const g of [...groups.values()].sort((a, b) => b.lines.length - a.lines.length || a.first - b.first)) lines.push(...g.lines);
  for (const r of rows) if (!r.problems.length) lines.push([...r.cells, '', r.note ?? '', ...(withHint ? [''] : [])]);
  return toCsv(lines, { bom: true });
}
