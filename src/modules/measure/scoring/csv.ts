import { parse } from 'csv-parse/sync';
import { type CsvCell, toCsv } from '../../../platform/csv.ts';
import { foldDecimal, parseDecimal } from '../../../platform/i18n/digits.ts';
import type { Answer, RoundAnswers, RoundScores } from './engine.ts';
import { type Framework, type QuestionNode, questionsOf } from './framework.schema.ts';
import { formatScore } from './ranking.ts';

// The answers file an auditor receives: `agency,question,value,na`, UTF-8 (a BOM is allowed),
// RFC 4180 quoting, one row per agency and question. Parsing is strict: a file that could be
// read two ways is rejected with its row numbers rather than guessed at.

export const ANSWERS_HEADER = ['agency', 'question', 'value', 'na'] as const;

export interface CsvIssue {
  /** Record number, the header being row 1 (what a spreadsheet shows). */
  row: number;
  message: string;
}

/** A CSV file that cannot be read; `issues` say where. */
export class CsvError extends Error {
  constructor(readonly issues: CsvIssue[]) {
    super(issues.map((i) => `row ${i.row}: ${i.message}`).join('\n'));
    this.name = 'CsvError';
  }
}

const PARSE_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (quote the whole field and double the quote)',
};

/** RFC 4180 records (csv-parse). Accepts CRLF or LF line ends, a leading BOM, and blank lines. */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] });
  } catch (err) {
    const e = err as { code?: string; records?: number; message: string };
    throw new CsvError([{ row: (e.records ?? 0) + 1, message: PARSE_ERRORS[e.code ?? ''] ?? e.message }]);
  }
}

/** RFC 4180 text with CRLF line ends; numbers stay numbers, text never opens as a formula (platform/csv). */
export function writeCsv(rows: readonly (readonly CsvCell[])[]): string {
  return toCsv(rows);
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['yes', 'true', '1', 'نعم']);
const FALSE = new Set(['no', 'false', '0', 'لا']);

/** A value cell read for its question, or an error message. */
function readValue(q: QuestionNode, raw: string): { value: Answer['value'] } | { error: string } {
  const s = raw.trim();
  if (s === '') return { value: null };
  switch (q.answer_type) {
    case 'yes_no': {
      const l = s.toLowerCase();
      if (TRUE.has(l)) return { value: true };
      if (FALSE.has(l)) return { value: false };
      return { error: `"${raw}" is not yes or no` };
    }
    case 'levels':
      return q.levels?.some((l) => l.key === s)
        ? { value: s }
        : { error: `"${raw}" is not one of the levels ${q.levels?.map((l) => l.key).join(', ')}` };
    default: {
      const plain = foldDecimal(s);
      if (NUMBER.test(plain) && Number.isFinite(Number(plain))) return { value: Number(plain) };
      const n = parseDecimal(s);
      if ('value' in n) return { value: n.value };
      return {
        error: n.error === 'ambiguous' ? `"${raw}" could use the comma as a decimal or a thousands separator` : `"${raw}" is not a number`,
      };
    }
  }
}

/** Reads an answers file against its framework. Collects every problem (up to 100) before throwing. */
export function parseAnswersCsv(text: string, framework: Framework): RoundAnswers {
  const rows = parseCsv(text);
  if (rows.length === 0) throw new CsvError([{ row: 1, message: `empty file; expected the header ${ANSWERS_HEADER.join(',')}` }]);
  if (rows[0].join(',') !== ANSWERS_HEADER.join(','))
    throw new CsvError([{ row: 1, message: `expected the header ${ANSWERS_HEADER.join(',')}, found ${rows[0].join(',')}` }]);
  const questions = new Map(questionsOf(framework).map((q) => [q.key, q]));
  const out: RoundAnswers = new Map();
  const firstRow = new Map<string, number>();
  const issues: CsvIssue[] = [];
  // One row to an answer, or the reason it cannot be one.
  const readRow = (fields: string[], row: number): string | undefined => {
    if (fields.length !== ANSWERS_HEADER.length) return `expected ${ANSWERS_HEADER.length} fields, found ${fields.length}`;
    const [agency, key, rawValue, rawNa] = fields;
    if (agency.trim() === '') return 'the agency is empty';
    if (agency !== agency.trim()) return `the agency "${agency}" has leading or trailing spaces`;
    const q = questions.get(key);
    if (!q) return `"${key}" is not a question of framework ${framework.id} ${framework.version}`;
    const naText = rawNa.trim().toLowerCase();
    const na = naText === '' ? false : TRUE.has(naText) ? true : FALSE.has(naText) ? false : null;
    if (na === null) return `na must be empty, yes or no; found "${rawNa}"`;
    const id = `${agency}\u0000${key}`;
    const earlier = firstRow.get(id);
    if (earlier !== undefined) return `agency ${agency} answers ${key} again (first at row ${earlier})`;
    firstRow.set(id, row);
    let answer: Answer;
    if (na) {
      if (!q.allow_na) return `${key} does not allow "not applicable"`;
      if (rawValue.trim() !== '') return 'a "not applicable" row must leave value empty';
      answer = { value: null, na: true };
    } else {
      const v = readValue(q, rawValue);
      if ('error' in v) return `${key}: ${v.error}`;
      answer = { value: v.value };
    }
    const given = out.get(agency) ?? new Map<string, Answer>();
    out.set(agency, given.set(key, answer));
    return undefined;
  };
  rows.slice(1).forEach((fields, i) => {
    const problem = readRow(fields, i + 2);
    if (problem !== undefined && issues.length < 100) issues.push({ row: i + 2, message: problem });
  });
  if (issues.length) throw new CsvError(issues);
  return out;
}

/** The answers file for a round: agencies in code order, questions in framework order. */
export function answersToCsv(answers: RoundAnswers, framework: Framework): string {
  const rows: CsvCell[][] = [[...ANSWERS_HEADER]];
  const agencies = [...answers.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const agency of agencies) {
    const given = answers.get(agency) as Map<string, Answer>;
    for (const q of questionsOf(framework)) {
      const a = given.get(q.key);
      if (!a) continue;
      // A numeric answer is written as a number, so a negative one reads back as itself.
      const v = a.na || a.value === null ? '' : typeof a.value === 'boolean' ? (a.value ? 'yes' : 'no') : a.value;
      rows.push([agency, q.key, v, a.na ? 'yes' : '']);
    }
  }
  return writeCsv(rows);
}

/** Scores as CSV: rank, agency, score, stage key, then each top-level node; empty means not applicable. */
export function scoresToCsv(result: RoundScores, framework: Framework): string {
  const top = framework.nodes.map((n) => n.key);
  const fmt = (x: number | null) => (x === null ? '' : formatScore(x, result.decimals));
  const rows = result.agencies.map((a) => [
    a.rank === null ? '' : String(a.rank),
    a.agency,
    a.text ?? '',
    a.stage?.key ?? '',
    ...top.map((k) => fmt(a.nodes.get(k)?.score ?? null)),
  ]);
  return writeCsv([['rank', 'agency', 'score', 'stage', ...top], ...rows]);
}
