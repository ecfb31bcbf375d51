import {
  assertTimeZone,
  civil,
  type DayNumber,
  dayNumber,
  hijriDayNumber,
  hijriOf,
  isoDay,
  weekdayOf,
  zonedInstant,
} from '../../../platform/i18n/dates.ts';

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

/**
 * A public holiday entered by the program office, in the local calendar of the working calendar.
 * `dates` is 'YYYY-MM-DD', 'YYYY-MM-DD..YYYY-MM-DD' (inclusive), or the same without the year
 * ('MM-DD..MM-DD') for a holiday that comes back every year; a yearly range whose end is before its
 * start runs into the next year. Hijri means Umm al-Qura.
 */
export interface Holiday {
  dates: string;
  calendar?: 'gregorian' | 'hijri';
  name?: string;
}

export interface WorkingCalendar {
  /** IANA zone whose wall clock the hours and holidays are read in. */
  timeZone: string;
  /** Shifts per weekday as 'HH:MM-HH:MM' (end exclusive, '24:00' allowed); a missing or empty day is off. */
  hours: Partial<Record<Weekday, readonly string[]>>;
  holidays: readonly Holiday[];
}

const govDay = ['08:00-16:00'];

/** A calendar with Saudi government defaults (Asia/Riyadh, Sunday–Thursday 08:00–16:00) for what is not given. */
export function makeCalendar(overrides: Partial<WorkingCalendar> = {}): WorkingCalendar {
  return {
    timeZone: overrides.timeZone ?? 'Asia/Riyadh',
    // Given hours replace the whole week: merging would leave stray default days in a custom week.
    hours: overrides.hours ?? { sun: govDay, mon: govDay, tue: govDay, wed: govDay, thu: govDay },
    holidays: overrides.holidays ?? [],
  };
}

// --- Hijri (Umm al-Qura) ---------------------------------------------------------------------

/** The Gregorian 'YYYY-MM-DD' of an Umm al-Qura date; RangeError for a day the month does not have (30 of a 29-day month). */
export function hijriToGregorian(year: number, month: number, day: number): string {
  const found = hijriDayNumber(year, month, day);
  if (found === null) throw new RangeError(`Hijri month ${year}-${month} has no day ${day}`);
  return isoDay(found);
}

// --- Holidays ---------------------------------------------------------------------------------

interface ParsedHoliday {
  hijri: boolean;
  yearly: boolean;
  from: [number, number, number]; // year is 0 when yearly
  to: [number, number, number];
}

const datePart = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/;

function parseHoliday(h: Holiday): ParsedHoliday {
  const bad = (why: string) => new RangeError(`holiday ${JSON.stringify(h.dates)}${h.name ? ` (${h.name})` : ''}: ${why}`);
  const [a, b = a, extra] = h.dates.split('..');
  const ma = datePart.exec(a ?? '');
  const mb = datePart.exec(b ?? '');
  if (!ma || !mb || extra !== undefined) throw bad("expected 'YYYY-MM-DD', 'YYYY-MM-DD..YYYY-MM-DD' or 'MM-DD..MM-DD'");
  if ((ma[1] === undefined) !== (mb[1] === undefined)) throw bad('both ends need a year, or neither');
  const hijri = (h.calendar ?? 'gregorian') === 'hijri';
  if (h.calendar !== undefined && h.calendar !== 'gregorian' && h.calendar !== 'hijri') throw bad('unknown calendar');
  const yearly = ma[1] === undefined;
  const from: [number, number, number] = [Number(ma[1] ?? 0), Number(ma[2]), Number(ma[3])];
  const to: [number, number, number] = [Number(mb[1] ?? 0), Number(mb[2]), Number(mb[3])];
  for (const [, m, d] of [from, to]) {
    if (m < 1 || m > 12 || d < 1 || d > (hijri ? 30 : 31)) throw bad('month or day out of range');
  }
  if (!yearly) {
    const start = hijri ? hijriDayNumber(...from) : gregorianDay(...from);
    const end = hijri ? hijriDayNumber(...to) : gregorianDay(...to);
    if (start === null || end === null) throw bad('no such date');
    if (end < start) throw bad('ends before it starts');
  }
  return { hijri, yearly, from, to };
}

function gregorianDay(y: number, m: number, d: number): DayNumber | null {
  const n = dayNumber(y, m, d);
  const c = civil(n);
  return c.month === m && c.day === d ? n : null;
}

// A yearly date the year lacks (30 of a 29-day Hijri month, 29 February) starts the day after the
// month's last day and ends on that last day, so the range keeps to the days that exist.
function yearlyStart(hijri: boolean, y: number, m: number, d: number): DayNumber {
  const exact = hijri ? hijriDayNumber(y, m, d) : gregorianDay(y, m, d);
  return exact ?? yearlyEnd(hijri, y, m, d) + 1;
}
function yearlyEnd(hijri: boolean, y: number, m: number, d: number): DayNumber {
  for (let dd = d; dd >= 1; dd--) {
    const n = hijri ? hijriDayNumber(y, m, dd) : gregorianDay(y, m, dd);
    if (n !== null) return n;
  }
  throw new RangeError(`no day in month ${y}-${m}`);
}

function occurrences(p: ParsedHoliday, first: DayNumber, last: DayNumber): [DayNumber, DayNumber][] {
  if (!p.yearly) {
    const start = p.hijri ? hijriDayNumber(...p.from) : gregorianDay(...p.from);
    const end = p.hijri ? hijriDayNumber(...p.to) : gregorianDay(...p.to);
    return start !== null && end !== null ? [[start, end]] : [];
  }
  const yearOf = (n: DayNumber) => (p.hijri ? hijriOf(n).year : civil(n).year);
  const wraps = p.to[1] * 100 + p.to[2] < p.from[1] * 100 + p.from[2];
  const out: [DayNumber, DayNumber][] = [];
  // The year before too: a range wrapping past the year end can reach into the window from it.
  for (let y = yearOf(first) - 1; y <= yearOf(last); y++) {
    const start = yearlyStart(p.hijri, y, p.from[1], p.from[2]);
    const end = yearlyEnd(p.hijri, wraps ? y + 1 : y, p.to[1], p.to[2]);
    if (end >= start) out.push([start, end]);
  }
  return out;
}

/** The holidays' concrete Gregorian date ranges (inclusive) that touch the given Gregorian year, yearly ones expanded. */
export function expandHolidays(holidays: readonly Holiday[], year: number): { from: string; to: string; name?: string }[] {
  const first = dayNumber(year, 1, 1);
  const last = dayNumber(year, 12, 31);
  const out: { from: string; to: string; name?: string }[] = [];
  for (const h of holidays) {
    for (const [s, e] of occurrences(parseHoliday(h), first, last)) {
      if (e < first || s > last) continue;
      out.push({ from: isoDay(s), to: isoDay(e), ...(h.name ? { name: h.name } : {}) });
    }
  }
  return out.sort((a, b) => a.from.localeCompare(b.from));
}

// --- Compiled form used by the clock ----------------------------------------------------------

/** A validated calendar with per-year holiday sets and per-day working intervals cached. */
export interface CompiledCalendar {
  timeZone: string;
  /** Working intervals of a local civil day as UTC ms [start, end), sorted and disjoint. */
  intervals(day: DayNumber): readonly (readonly [number, number])[];
}

const shiftPattern = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

function parseShifts(day: Weekday, shifts: readonly string[]): [number, number][] {
  const out = shifts.map((s): [number, number] => {
    const m = shiftPattern.exec(s);
    const start = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
    const end = m ? Number(m[3]) * 60 + Number(m[4]) : Number.NaN;
    if (!m || Number(m[2]) > 59 || Number(m[4]) > 59 || !(start < end) || end > 24 * 60) {
      throw new RangeError(`working hours for ${day}: ${JSON.stringify(s)} is not 'HH:MM-HH:MM' with start before end`);
    }
    return [start, end];
  });
  out.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < out.length; i++) {
    if (out[i][0] < out[i - 1][1]) throw new RangeError(`working hours for ${day}: shifts overlap`);
  }
  return out;
}

function compile(cal: WorkingCalendar): CompiledCalendar {
  assertTimeZone(cal.timeZone);
  for (const key of Object.keys(cal.hours)) {
    if (!(weekdays as readonly string[]).includes(key)) throw new RangeError(`working hours: unknown weekday ${key}`);
  }
  const week = weekdays.map((d) => parseShifts(d, cal.hours[d] ?? []));
  if (week.every((s) => s.length === 0)) {
    throw new Error('working calendar has no working hours on any weekday: an SLA clock on it would never run');
  }
  const holidays = cal.holidays.map(parseHoliday);
  const holidayYears = new Map<number, Set<DayNumber>>();
  const isHoliday = (day: DayNumber) => {
    const year = civil(day).year;
    let set = holidayYears.get(year);
    if (!set) {
      set = new Set();
      const first = dayNumber(year, 1, 1);
      const last = dayNumber(year, 12, 31);
      for (const p of holidays) {
        for (const [s, e] of occurrences(p, first, last)) {
          for (let n = Math.max(s, first); n <= Math.min(e, last); n++) set.add(n);
        }
      }
      holidayYears.set(year, set);
    }
    return set.has(day);
  };
  const days = new Map<DayNumber, [number, number][]>();
  return {
    timeZone: cal.timeZone,
    intervals(day) {
      let out = days.get(day);
      if (out) return out;
      out = [];
      if (!isHoliday(day)) {
        for (const [s, e] of week[weekdayOf(day)]) {
          const last = out.length ? out[out.length - 1][1] : -Infinity;
          // A shift touching a DST jump can shrink or collide with its neighbour; keep intervals disjoint.
          const start = Math.max(zonedInstant(cal.timeZone, day, s), last);
          const end = zonedInstant(cal.timeZone, day, e);
          if (end > start) out.push([start, end]);
        }
      }
      if (days.size > 20_000) days.clear();
      days.set(day, out);
      return out;
    },
  };
}

const compiled = new Map<string, CompiledCalendar>();

/** Validates a calendar (RangeError or Error naming the problem) and returns its cached compiled form. */
export function compileCalendar(cal: WorkingCalendar): CompiledCalendar {
  // Keyed by content, not identity: calendars read afresh from storage still hit, and a mutated one misses.
  const key = JSON.stringify([cal.timeZone, cal.hours, cal.holidays]);
  let c = compiled.get(key);
  if (!c) {
    c = compile(cal);
    if (compiled.size > 200) compiled.clear();
    compiled.set(key, c);
  }
  return c;
}
