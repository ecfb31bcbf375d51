// Civil-day arithmetic and time-zone conversion through Intl, so DST days of 23 or 25 hours come out right.

export const DAY_MS = 86_400_000;

/** A civil date as a day number: days since 1970-01-01, with no time zone attached. */
export type DayNumber = number;

/** The day number of a 'YYYY-MM-DD' civil date. */
export function dayNumber(year: number, month: number, day: number): DayNumber {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** 'YYYY-MM-DD' for a day number. */
export function isoDay(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Gregorian year, month and day of a day number. */
export function civil(day: DayNumber): { year: number; month: number; day: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Day of the week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError naming the zone if Intl does not know it. */
export function assertTimeZone(timeZone: string): void {
  try {
    wallClock(timeZone);
  } catch {
    throw new RangeError(`unknown time zone: ${timeZone}`);
  }
}

/** The zone's UTC offset at an instant, in ms (Riyadh: +3 h). */
export function offsetAt(timeZone: string, t: number): number {
  const whole = Math.floor(t / 1000) * 1000;
  const p: Record<string, string> = {};
  for (const part of wallClock(timeZone).formatToParts(whole)) p[part.type] = part.value;
  const year = p.era === 'BC' || p.era === 'B' ? 1 - Number(p.year) : Number(p.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(p.month) - 1, Number(p.day));
  wall.setUTCHours(Number(p.hour), Number(p.minute), Number(p.second), 0);
  return wall.getTime() - whole;
}

/** The local civil date of an instant. */
export function localDay(timeZone: string, t: number): DayNumber {
  return Math.floor((t + offsetAt(timeZone, t)) / DAY_MS);
}

/**
 * The instant of a local wall-clock time. Like Temporal's 'compatible': a time repeated by a
 * fall-back takes its first occurrence; a time skipped by a spring-forward moves later by the gap
 * (01:30 on the London spring-forward day is 02:30 BST).
 */
export function zonedInstant(timeZone: string, day: DayNumber, minuteOfDay: number): number {
  const wall = day * DAY_MS + minuteOfDay * 60_000;
  // One transition at most within a day either side: true of every real zone.
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  const a = wall - before;
  const b = wall - after;
  const aFits = offsetAt(timeZone, a) === before;
  const bFits = offsetAt(timeZone, b) === after;
  if (aFits && bFits) return Math.min(a, b);
  if (aFits) return a;
  if (bFits) return b;
  return a;
}
