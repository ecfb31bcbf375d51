import { dayStart, localDate } from '../../../platform/i18n/dates.ts';
import type { Lang } from '../../../platform/i18n/i18n.ts';

/**
 * A leadership report's period: a Gregorian month or quarter in the program's time zone, keyed
 * `2026-11` or `2026-Q4` (the archive holds one report per key).
 */
export interface ReportPeriod {
  key: string;
  frequency: 'monthly' | 'quarterly';
  year: number;
  /** 1..12 for a month, 1..4 for a quarter. */
  index: number;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period of a frequency, year and month or quarter number (null when the number is out of range). */
export function reportPeriod(timeZone: string, frequency: 'monthly' | 'quarterly', year: number, index: number): ReportPeriod | null {
  const count = frequency === 'monthly' ? 12 : 4;
  if (!Number.isInteger(year) || !Number.isInteger(index) || index < 1 || index > count || year < 2000 || year > 2200) return null;
  const first = frequency === 'monthly' ? index : (index - 1) * 3 + 1;
  const next = first + (frequency === 'monthly' ? 1 : 3);
  return {
    key: frequency === 'monthly' ? `${year}-${pad(index)}` : `${year}-Q${index}`,
    frequency,
    year,
    index,
    from: dayStart(`${year}-${pad(first)}-01`, timeZone),
    to: next > 12 ? dayStart(`${year + 1}-01-01`, timeZone) : dayStart(`${year}-${pad(next)}-01`, timeZone),
  };
}

/** The last period of a frequency that has closed by `now` (last month, or last quarter), in the program's time zone. */
export function lastClosedPeriod(timeZone: string, frequency: 'monthly' | 'quarterly', now = new Date()): ReportPeriod {
  const today = localDate(now, timeZone);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  if (frequency === 'monthly') return reportPeriod(timeZone, 'monthly', m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1) as ReportPeriod;
  const q = Math.ceil(m / 3);
  return reportPeriod(timeZone, 'quarterly', q === 1 ? y - 1 : y, q === 1 ? 4 : q - 1) as ReportPeriod;
}

/** The period a stored key names (null for a key that is not one). */
export function periodOfKey(timeZone: string, key: string): ReportPeriod | null {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return reportPeriod(timeZone, 'monthly', Number(month[1]), Number(month[2]));
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  return quarter ? reportPeriod(timeZone, 'quarterly', Number(quarter[1]), Number(quarter[2])) : null;
}

const locales = {
  ar: { hijri: 'ar-SA-u-ca-islamic-umalqura-nu-arab', gregorian: 'ar-SA-u-ca-gregory-nu-arab' },
  en: { hijri: 'en-GB-u-ca-islamic-umalqura', gregorian: 'en-GB-u-ca-gregory' },
} as const;

/**
 * A period's names in a language: the Gregorian month or months ("November 2026", "October –
 * December 2026") and the Hijri months it spans ("Jumada I – Jumada II 1448 AH"), both from ICU.
 */
export function periodNames(lang: Lang, timeZone: string, p: Pick<ReportPeriod, 'from' | 'to'>): { gregorian: string; hijri: string } {
  const first = new Date(p.from);
  const last = new Date(new Date(p.to).getTime() - 1);
  const range = (locale: string) => {
    const f = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone });
    const a = f.format(first);
    const b = f.format(last);
    return a === b ? a : f.formatRange(first, last);
  };
  return { gregorian: range(locales[lang].gregorian), hijri: range(locales[lang].hijri) };
}
