import { daysBetween } from './baselines.ts';

// The geometry of the plan timeline (planned vs forecast bars), as pure functions: a day becomes a
// position along the axis, mirrored for right-to-left pages so time runs from the right in Arabic.

export interface Span {
  from: string;
  to: string;
}

/** The span a set of bars needs: from the earliest start to the latest end. */
export function spanOf(spans: readonly Span[]): Span | null {
  if (spans.length === 0) return null;
  // ISO dates compare as text (Math.min would make them numbers).
  let { from, to } = spans[0];
  for (const s of spans) {
    if (s.from < from) from = s.from;
    if (s.to > to) to = s.to;
  }
  return { from, to };
}

/**
 * Where a bar from `bar.from` to the end of `bar.to` sits on an axis `width` wide showing `range`:
 * its x and width, rounded to tenths. Right to left, x is measured from the other end.
 */
export function barGeometry(bar: Span, range: Span, width: number, rtl: boolean): { x: number; width: number } {
  const total = daysBetween(range.from, range.to) + 1;
  const start = (daysBetween(range.from, bar.from) / total) * width;
  const length = Math.max(((daysBetween(bar.from, bar.to) + 1) / total) * width, 1);
  const round = (v: number) => Math.round(v * 10) / 10;
  return { x: round(rtl ? width - start - length : start), width: round(length) };
}

/** The first day of each year inside the range (the axis's ticks). */
export function yearTicks(range: Span): string[] {
  const out: string[] = [];
  for (let y = Number(range.from.slice(0, 4)) + 1; y <= Number(range.to.slice(0, 4)); y++) out.push(`${y}-01-01`);
  return out;
}

export type MilestoneState = 'done' | 'done_late' | 'late' | 'on_track';

/**
 * Where a milestone stands on `today` and the day its marker shows: done (on or before its planned
 * date, or after it), late (forecast past its planned date, or planned date passed without an actual),
 * or on track at its planned (or forecast) date.
 */
export function milestoneState(
  m: { planned_date: string; forecast_date: string | null; actual_date: string | null },
  today: string,
): { state: MilestoneState; day: string } {
  if (m.actual_date) return { state: m.actual_date > m.planned_date ? 'done_late' : 'done', day: m.actual_date };
  const expected = m.forecast_date ?? m.planned_date;
  if (expected > m.planned_date || expected < today) return { state: 'late', day: expected };
  return { state: 'on_track', day: expected };
}
