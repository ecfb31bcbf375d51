import { Readable } from 'node:stream';
import { stringify as stringifyStream } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';

// Every CSV Yusr writes goes through toCsv: RFC 4180 quoting (csv-stringify), CRLF line ends, and
// no cell a spreadsheet would run as a formula (CSV injection: OWASP; ASVS 5.0 1.2.10). A text
// cell that starts with = + - @, a tab, CR, LF or NUL (or the full-width ＝ ＋ － ＠ some
// spreadsheets also accept) gets a leading single quote, which Excel and LibreOffice read as
// "this is text" and do not show.
//
// Numbers are a deliberate exception: a value given as a JavaScript number is written as it is,
// so a numeric column stays numeric and -5 opens as the number -5 (a number cannot carry a
// formula). Writers therefore pass numbers as numbers; text that merely looks like a number
// ("-5" typed into a name) is text and is neutralised like any other.

const FORMULA_START = /^[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A value of a CSV cell: text is neutralised, numbers and booleans are written as they are, null and undefined as empty. */
export type CsvCell = string | number | boolean | null | undefined;

/** The cell as a spreadsheet may safely open it: text starting like a formula gets a leading '. */
export function neutraliseCell<T extends CsvCell>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The text of a cell read back from a CSV Yusr wrote: the quote neutraliseCell added is removed
 * again (only before a character it guards), so an exported file imports to the same values.
 */
export function readNeutralisedCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** Rows as CSV text (UTF-8; a BOM first with `bom`, for Excel), every cell neutralised. */
export function toCsv(rows: readonly (readonly CsvCell[])[], opts: { bom?: boolean } = {}): string {
  return stringify(
    rows.map((r) => r.map(neutraliseCell)),
    { bom: opts.bom ?? false, record_delimiter: '\r\n' },
  );
}

/** Rows as a CSV stream, for files too large to hold as text (open data): the same quoting, line ends and neutralising as toCsv. */
export function toCsvStream(
  rows: Iterable<readonly CsvCell[]> | AsyncIterable<readonly CsvCell[]>,
  opts: { bom?: boolean } = {},
): Readable {
  const source = Readable.from(
    (async function* () {
      for await (const r of rows) yield r.map(neutraliseCell);
    })(),
  );
  const out = stringifyStream({ bom: opts.bom ?? false, record_delimiter: '\r\n' });
  source.on('error', (err) => out.destroy(err));
  return source.pipe(out);
}
