import { type Channel, channels, type KpiFiguresTable } from './kpi.tables.ts';

// The four service KPIs as pure functions (GOV.UK Performance Platform's mandatory KPIs), over one
// month's figures or a period's. Every ratio is null when there is nothing to divide by, and a
// month with no figures is null, never zero: a missing month must never read as "nobody used it".

/**
 * Channels that count as digital for take-up: the self-service digital channels, where the person
 * completes the transaction themselves on the service's own screens — the website, the app and the
 * self-service kiosk (GOV.UK counts self-service digital channels; a kiosk is the same digital
 * service on a screen in a hall). The call centre and the service centre are assisted channels:
 * an employee does the transaction for the person, so they do not count.
 */
export const digitalChannels: readonly Channel[] = ['web', 'app', 'kiosk'];

/** One month's figures, as far as the arithmetic needs them. */
export type Figures = Pick<KpiFiguresTable, Channel | 'started' | 'completed' | 'total_cost'>;

/** A ratio with its parts, so a reader can check it (and sums over months stay exact). */
export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}

const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  value: denominator > 0 ? numerator / denominator : null,
});

/** Transactions through every channel. */
export const totalTransactions = (f: Figures) => channels.reduce((n, c) => n + f[c], 0);

/** Transactions through the digital channels. */
export const digitalTransactions = (f: Figures) => digitalChannels.reduce((n, c) => n + f[c], 0);

/** The months' figures added up; costs only over the months that have one (with their transactions, for cost per transaction). */
function sums(months: readonly Figures[]) {
  let all = 0;
  let digital = 0;
  let started = 0;
  let completed = 0;
  let cost = 0;
  let costed = 0;
  for (const f of months) {
    const total = totalTransactions(f);
    all += total;
    digital += digitalTransactions(f);
    started += f.started;
    completed += f.completed;
    if (f.total_cost !== null) {
      cost += f.total_cost;
      costed += total;
    }
  }
  return { all, digital, started, completed, cost, costed };
}

/** Digital take-up: digital transactions ÷ transactions through all channels, over the months given. */
export function digitalTakeUp(months: readonly Figures[]): Ratio {
  const s = sums(months);
  return ratio(s.digital, s.all);
}

/** Completion rate: online journeys completed ÷ started, over the months given. */
export function completionRate(months: readonly Figures[]): Ratio {
  const s = sums(months);
  return ratio(s.completed, s.started);
}

/** Cost per transaction: total cost ÷ transactions, over the months that have a cost (null when none has). */
export function costPerTransaction(months: readonly Figures[]): Ratio {
  const s = sums(months);
  return ratio(s.cost, s.costed);
}

/** The three figure-based KPIs of one month, or nulls when the month is missing. */
export function monthKpis(f: Figures | undefined) {
  if (!f) return { takeUp: null, completion: null, cost: null };
  return { takeUp: digitalTakeUp([f]).value, completion: completionRate([f]).value, cost: costPerTransaction([f]).value };
}

/** The median of the values that are there (nulls are missing data, not zeros); null when there are none. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** A month (YYYY-MM) moved by n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The `count` months ending with `last`, oldest first. */
export function monthsEnding(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
}

/** The months whose first day falls in [from, to) (ISO dates or instants). */
export function monthsIn(from: string, to: string): string[] {
  const out: string[] = [];
  const end = to.slice(0, 10);
  let m = from.slice(0, 7);
  if (`${m}-01` < from.slice(0, 10)) m = addMonths(m, 1);
  while (`${m}-01` < end && out.length < 1200) {
    out.push(m);
    m = addMonths(m, 1);
  }
  return out;
}

/** The figures of each month in `months`, with undefined where a month has none (missing stays missing). */
export function series<F extends { month: string }>(rows: readonly F[], months: readonly string[]): (F | undefined)[] {
  const by = new Map(rows.map((r) => [r.month, r]));
  return months.map((m) => by.get(m));
}
