import type { Lang } from './i18n.ts';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    cache.set(key, f);
  }
  return f;
}

// Plain `ar-SA` defaults to Gregorian in current ICU, so every calendar is named explicitly.
const locales = {
  ar: { hijri: 'ar-SA-u-ca-islamic-umalqura-nu-arab', gregorian: 'ar-SA-u-ca-gregory-nu-arab' },
  en: { hijri: 'en-GB-u-ca-islamic-umalqura', gregorian: 'en-GB-u-ca-gregory' },
};

export interface DualDate {
  hijri: string;
  gregorian: string;
  /** The Gregorian date without the time, and the time alone (withTime only). */
  gregorianDay: string;
  time?: string;
  /** The Gregorian date as Arabic text marks it: «٦ ديسمبر ٢٠٢٦م», the era letter after the date, never after a time. */
  gregorianAr: string;
  iso: string;
}

/** A date in Hijri (Umm al-Qura) and Gregorian, in the language's words and digits. */
export function dualDate(lang: Lang, value: string | Date, timeZone: string, withTime = false): DualDate {
  const d = typeof value === 'string' ? new Date(value) : value;
  const options: Intl.DateTimeFormatOptions = withTime
    ? { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'long', year: 'numeric' };
  const hijri = fmt(locales[lang].hijri, timeZone, { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
  const gregorian = fmt(locales[lang].gregorian, timeZone, options).format(d);
  const gregorianDay = withTime
    ? fmt(locales[lang].gregorian, timeZone, { day: 'numeric', month: 'long', year: 'numeric' }).format(d)
    : gregorian;
  const time = withTime ? fmt(locales[lang].gregorian, timeZone, { hour: '2-digit', minute: '2-digit' }).format(d) : undefined;
  return { hijri, gregorian, gregorianDay, time, gregorianAr: `${gregorianDay}م${time ? ` ${time}` : ''}`, iso: d.toISOString() };
}

/** A Gregorian month key ("2026-01") in the language's words and digits: "يناير ٢٠٢٦", "Jan 2026". */
export function monthName(lang: Lang, key: string): string {
  if (!/^\d{4}-\d{2}$/.test(key)) return key;
  return fmt(locales[lang].gregorian, 'UTC', { month: 'short', year: 'numeric' }).format(new Date(`${key}-15T00:00:00Z`));
}

/** One line: "18 جمادى الآخرة 1448 هـ — 28 نوفمبر 2026" style, for emails, feeds and CSV. */
export function dualDateText(lang: Lang, value: string | Date, timeZone: string, withTime = false): string {
  const d = dualDate(lang, value, timeZone, withTime);
  return lang === 'ar' ? `${d.hijri} (${d.gregorianAr})` : `${d.gregorian} (${d.hijri})`;
}

/** The Hijri year of an instant (Umm al-Qura), as a Latin-digit number: tracking numbers use it. */
export function hijriYear(value: Date, timeZone: string): number {
  const parts = fmt('en-u-ca-islamic-umalqura-nu-latn', timeZone, { year: 'numeric' }).formatToParts(value);
  return Number(parts.find((p) => p.type === 'year')?.value);
}

/** Local wall-clock parts of an instant in a time zone (for schedules such as "08:00 Asia/Riyadh"). */
export function zonedParts(value: Date, timeZone: string) {
  const parts = fmt('en-GB-u-ca-gregory-nu-latn', timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(value);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    weekday: get('weekday'),
  };
}

// --- Civil days and wall clocks in a time zone -------------------------------------------------
// Through Intl only, so a zone with daylight saving gets its 23- and 25-hour days right; Asia/Riyadh
// (the default) has none, but the zone is configurable.

export const DAY_MS = 86_400_000;

/** A civil date as a day number: days since 1970-01-01, with no time zone attached. */
export type DayNumber = number;

/** The day number of a Gregorian civil date (out-of-range days roll over, as Date.UTC does). */
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

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
function dayOf(date: string): DayNumber | undefined {
  const m = ISO_DAY.exec(date);
  return m ? dayNumber(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string): Intl.DateTimeFormat {
  let f = wallClocks.get(timeZone);
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
    wallClocks.set(timeZone, f);
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

/** The local civil day of an instant (epoch ms), as a day number. */
export function localDayNumber(timeZone: string, t: number): DayNumber {
  return Math.floor((t + offsetAt(timeZone, t)) / DAY_MS);
}

/**
 * The instant (epoch ms) of a local wall-clock time. Like Temporal's 'compatible': a time repeated
 * by a fall-back takes its first occurrence; a time skipped by a spring-forward moves later by the
 * gap (01:30 on the London spring-forward day is 02:30 BST).
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

const instant = (value: string | Date | number) => (typeof value === 'number' ? value : new Date(value).getTime());

/** The local calendar day ('YYYY-MM-DD') of an instant. */
export function localDate(value: string | Date | number, timeZone: string): string {
  return isoDay(localDayNumber(timeZone, instant(value)));
}

/** The last local day of a period whose end is exclusive (a round closing at local midnight ends the day before). */
export function lastLocalDate(endExclusive: string | Date | number, timeZone: string): string {
  return localDate(instant(endExclusive) - 1, timeZone);
}

/**
 * The UTC instant (ISO text) at which a local calendar day begins, `plusDays` local days later:
 * plusDays 1 gives the exclusive end of `date`, 23 or 25 hours on from its start on a DST change.
 * A RangeError for text that is not 'YYYY-MM-DD'.
 */
export function dayStart(date: string, timeZone: string, plusDays = 0): string {
  const day = dayOf(date);
  if (day === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return new Date(zonedInstant(timeZone, day + plusDays, 0)).toISOString();
}

/** The instant a local calendar day ends (exclusive): the start of the next local day. */
export function dayEnd(date: string, timeZone: string): string {
  return dayStart(date, timeZone, 1);
}

/** dayStart of a form or query value, or undefined when it is absent or not 'YYYY-MM-DD'. */
export function formDayStart(value: unknown, timeZone: string, plusDays = 0): string | undefined {
  return typeof value === 'string' && ISO_DAY.test(value) ? dayStart(value, timeZone, plusDays) : undefined;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A form's local date-time ("2026-12-01T22:00", a datetime-local input, in the zone) as a UTC ISO
 * instant; unparseable text comes back unchanged so the schema refuses it with its own message.
 */
export function localToIso(local: string | undefined, timeZone: string): string | undefined {
  if (!local) return undefined;
  const m = LOCAL.exec(local);
  if (!m) return local;
  const day = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
  return new Date(zonedInstant(timeZone, day, Number(m[4]) * 60 + Number(m[5]))).toISOString();
}

/** A stored instant as the value of a datetime-local input in the zone ("2026-12-01T22:00"). */
export function isoToLocal(iso: string | null | undefined, timeZone: string): string | undefined {
  if (!iso) return undefined;
  const p = zonedParts(new Date(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

// --- Hijri (Umm al-Qura) -----------------------------------------------------------------------

const umalqura = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
  // A civil date maps to a civil date; noon UTC keeps the lookup clear of any zone's midnight.
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

export interface HijriDate {
  year: number;
  month: number;
  day: number;
}

/** The Umm al-Qura date of a Gregorian civil day. */
export function hijriOf(day: DayNumber): HijriDate {
  const p: Record<string, string> = {};
  for (const part of umalqura.formatToParts(day * DAY_MS + DAY_MS / 2)) p[part.type] = part.value;
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day) };
}

/** The Umm al-Qura date of an instant's local day in the zone. */
export function hijriDate(value: string | Date | number, timeZone: string): HijriDate {
  return hijriOf(localDayNumber(timeZone, instant(value)));
}

const hijriKey = (y: number, m: number, d: number) => y * 10_000 + m * 100 + d;
const hijriDays = new Map<number, DayNumber | null>();
// 1 Muharram 1 AH: 16 July 622 Julian, 19 July 622 proleptic Gregorian.
const HIJRI_EPOCH = dayNumber(622, 7, 19);

/**
 * The Gregorian day number of an Umm al-Qura date, or null for a day its month lacks (the 30th of a
 * 29-day month); a RangeError for a month outside 1–12 or a day outside 1–30.
 */
export function hijriDayNumber(year: number, month: number, day: number): DayNumber | null {
  if (![year, month, day].every(Number.isInteger) || year < 1 || month < 1 || month > 12 || day < 1 || day > 30) {
    throw new RangeError(`not a Hijri date: ${year}-${month}-${day}`);
  }
  const target = hijriKey(year, month, day);
  const cached = hijriDays.get(target);
  if (cached !== undefined) return cached;
  const keyOf = (n: DayNumber) => {
    const h = hijriOf(n);
    return hijriKey(h.year, h.month, h.day);
  };
  const guess = HIJRI_EPOCH + Math.floor((year - 1) * 354.36707 + (month - 1) * 29.530589 + day - 1);
  let lo = guess - 32;
  let hi = guess + 32;
  while (keyOf(lo) >= target) lo -= 64;
  while (keyOf(hi) < target) hi += 64;
  // Invariant: keyOf(lo) < target <= keyOf(hi); the mapping is monotonic, so bisect to the first day at or past it.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (keyOf(mid) < target) lo = mid;
    else hi = mid;
  }
  const found = keyOf(hi) === target ? hi : null;
  hijriDays.set(target, found);
  return found;
}

/** A time zone as people name it, in their language («توقيت المملكة العربية السعودية», "Saudi Arabia Time"), not its IANA code. */
export function zoneName(lang: Lang, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-SA' : 'en-GB', { timeZone, timeZoneName: 'shortGeneric' }).formatToParts(0);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** A wall-clock time kept as "HH:MM" (a digest's hour), written in the page's digits. */
export function clockTime(lang: Lang, hhmm: string): string {
  return lang === 'ar' ? hhmm.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d))) : hhmm;
}
