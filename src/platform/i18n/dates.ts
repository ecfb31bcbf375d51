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
  return { hijri, gregorian, iso: d.toISOString() };
}

/** A Gregorian month key ("2026-01") in the language's words and digits: "يناير ٢٠٢٦", "Jan 2026". */
export function monthName(lang: Lang, key: string): string {
  if (!/^\d{4}-\d{2}$/.test(key)) return key;
  return fmt(locales[lang].gregorian, 'UTC', { month: 'short', year: 'numeric' }).format(new Date(`${key}-15T00:00:00Z`));
}

/** One line: "18 جمادى الآخرة 1448 هـ — 28 نوفمبر 2026" style, for emails, feeds and CSV. */
export function dualDateText(lang: Lang, value: string | Date, timeZone: string, withTime = false): string {
  const d = dualDate(lang, value, timeZone, withTime);
  return lang === 'ar' ? `${d.hijri} (${d.gregorian}م)` : `${d.gregorian} (${d.hijri})`;
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
