import type { ReportFilter } from './reports.panels.ts';

/** The period of the same length just before a filter's (for a figure's trend). */
export function previousPeriod(f: Pick<ReportFilter, 'from' | 'to'>): { from: string; to: string } {
  const from = new Date(f.from).getTime();
  const to = new Date(f.to).getTime();
  return { from: new Date(from - (to - from)).toISOString(), to: new Date(from).toISOString() };
}

/** The change from a previous value to the current one; null unless both are known. */
export const change = (now: number | null | undefined, before: number | null | undefined): number | null =>
  now === null || now === undefined || before === null || before === undefined ? null : now - before;

/** The first day (UTC) of each calendar month that starts in [from, to), as `YYYY-MM`, at most `max` (the last ones). */
export function monthsOf(f: Pick<ReportFilter, 'from' | 'to'>, max = 12): string[] {
  const out: string[] = [];
  const start = new Date(f.from);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth();
  if (start.getUTCDate() !== 1 || start.getUTCHours() !== 0 || start.getUTCMinutes() !== 0) m++;
  for (;;) {
    const d = new Date(Date.UTC(y, m, 1));
    if (d.toISOString() >= new Date(f.to).toISOString()) break;
    out.push(d.toISOString().slice(0, 7));
    y = d.getUTCFullYear();
    m = d.getUTCMonth() + 1;
  }
  return out.slice(-max);
}

/** A month `YYYY-MM` as the range [its first day, the next month's first day). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1)).toISOString(), to: new Date(Date.UTC(y, m, 1)).toISOString() };
}
