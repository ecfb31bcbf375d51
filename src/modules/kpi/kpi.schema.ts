import { z } from 'zod';
import { foldDecimal, foldDigits } from '../../platform/i18n/digits.ts';
import { channels } from './kpi.tables.ts';

// One schema for a month's figures, whether typed in the form, read from a file row or sent to the
// API: validation, the TypeScript type and the OpenAPI document come from it. Numbers may be typed
// with Arabic-Indic digits and thousands separators; every problem is a field error with its own key.

/** The largest count a month can hold (far above any service's transactions, inside a double's exact range). */
export const MAX_COUNT = 1_000_000_000_000;
export const MAX_TEXT = 500;

const numeric = (v: unknown) => (typeof v === 'string' ? foldDecimal(v).replace(/[,\u066C\s]/g, '') : v);

/**
 * A non-negative number typed as text or given as a number: a whole count, or an amount in SAR
 * with at most two decimals; anything else is the kind's own field error.
 */
const quantity = (kind: 'count' | 'money') => {
  const error = kind === 'count' ? 'kpi.validation.count' : 'kpi.validation.cost';
  const pattern = kind === 'count' ? /^\d+$/ : /^\d+(\.\d{1,2})?$/;
  return z.union([z.number(), z.string()], { error }).transform((v, c) => {
    const n = typeof v === 'number' ? v : pattern.test(v) ? Number(v) : Number.NaN;
    if (!Number.isFinite(n) || n < 0 || (kind === 'count' && !Number.isInteger(n))) {
      c.addIssue({ code: 'custom', message: error });
      return z.NEVER;
    }
    if (n > MAX_COUNT) {
      c.addIssue({ code: 'custom', message: 'kpi.validation.count_too_big' });
      return z.NEVER;
    }
    return Math.round(n * 100) / 100;
  });
};

const count = () => z.preprocess(numeric, quantity('count'));
const money = () => z.preprocess((v) => (v === '' || v === null ? undefined : numeric(v)), quantity('money').optional());

const text = () =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
    z.string().max(MAX_TEXT).optional(),
  );

/** A Gregorian month, YYYY-MM. */
export const monthSchema = z.preprocess(
  (v) => (typeof v === 'string' ? foldDigits(v.trim()) : v),
  z.string({ error: 'kpi.validation.month' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'kpi.validation.month' }),
);

/** The earliest month figures may be given for. */
export const FIRST_MONTH = '2000-01';

/** The current month in the program's time zone: figures for a later month cannot exist yet. */
export function currentMonth(timeZone = 'Asia/Riyadh', now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}`;
}

const countFields = Object.fromEntries([...channels, 'started', 'completed'].map((k) => [k, count()])) as Record<
  (typeof channels)[number] | 'started' | 'completed',
  ReturnType<typeof count>
>;

/** A month's figures (without the month and service, which the URL or the file row names); cross-field rules are in crossProblems. */
export const figuresBody = z.object({
  ...countFields,
  total_cost: money(),
  cost_includes: text(),
  /** Why a month already entered is corrected (asked for on a correction only). */
  reason: text(),
});
export type FiguresBody = z.output<typeof figuresBody>;

/** Checks a month against the calendar: not before FIRST_MONTH, not after the current month. */
export function monthProblem(month: string, now: string): 'kpi.validation.month_future' | 'kpi.validation.month_early' | null {
  if (month > now) return 'kpi.validation.month_future';
  if (month < FIRST_MONTH) return 'kpi.validation.month_early';
  return null;
}

/**
 * The rules between fields, checked on whatever fields did parse, so a form shows every problem at
 * once: completed at most started; a cost says what it includes.
 */
export function crossProblems(
  f: Partial<FiguresBody>,
): { field: string; key: 'kpi.validation.completed_over_started' | 'kpi.validation.cost_includes' }[] {
  const out: { field: string; key: 'kpi.validation.completed_over_started' | 'kpi.validation.cost_includes' }[] = [];
  if (f.completed !== undefined && f.started !== undefined && f.completed > f.started)
    out.push({ field: 'completed', key: 'kpi.validation.completed_over_started' });
  if (f.total_cost !== undefined && !f.cost_includes) out.push({ field: 'cost_includes', key: 'kpi.validation.cost_includes' });
  return out;
}
