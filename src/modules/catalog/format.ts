import type { MessageKey } from '../../messages.ts';
import { type Lang, translate } from '../../platform/i18n/i18n.ts';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Durations already put in words, by language and ISO form: a catalog uses a few dozen of them. */
const durationWords = new Map<string, string | null>();

/** An ISO 8601 duration in words: P3D → "3 working days" / "٣ أيام عمل". */
export function formatDuration(lang: Lang, iso: string | undefined): string | null {
  if (!iso) return null;
  const key = `${lang}|${iso}`;
  const known = durationWords.get(key);
  if (known !== undefined) return known;
  const words = durationInWords(lang, iso);
  if (durationWords.size >= 1000) durationWords.clear();
  durationWords.set(key, words);
  return words;
}

function durationInWords(lang: Lang, iso: string): string | null {
  const m = DURATION.exec(iso);
  if (!m) return null;
  const units: [string | undefined, MessageKey][] = [
    [m[1], 'duration.years'],
    [m[2], 'duration.months'],
    [m[3], 'duration.weeks'],
    [m[4], 'duration.days'],
    [m[5], 'duration.hours'],
    [m[6], 'duration.minutes'],
  ];
  const parts = units.filter(([n]) => n && Number(n) > 0).map(([n, key]) => translate(lang, key, { count: Number(n) }));
  if (parts.length === 0) return translate(lang, 'duration.instant');
  return parts.join(translate(lang, 'duration.and'));
}

/** The units the service form offers for a duration, smallest first, with their ISO 8601 form. */
export const durationUnits = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;
export type DurationUnit = (typeof durationUnits)[number];
const ISO_OF: Record<DurationUnit, (n: number) => string> = {
  minutes: (n) => `PT${n}M`,
  hours: (n) => `PT${n}H`,
  days: (n) => `P${n}D`,
  weeks: (n) => `P${n}W`,
  months: (n) => `P${n}M`,
  years: (n) => `P${n}Y`,
};
export const isDurationUnit = (u: string): u is DurationUnit => (durationUnits as readonly string[]).includes(u);
export const isoDurationOf = (amount: number, unit: DurationUnit): string => ISO_OF[unit](amount);

/**
 * A duration as a number and one unit, as the form shows it (P3D → 3 days); null when it needs
 * several units (P1M2D, from an import), which the form keeps as it is until someone replaces it.
 */
export function durationAmount(iso: string | undefined): { amount: number; unit: DurationUnit } | null {
  const m = iso ? DURATION.exec(iso) : null;
  if (!m || m[7]) return null;
  const parts = [m[6], m[5], m[4], m[3], m[2], m[1]]
    .map((n, i) => ({ n, unit: (['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const)[i] }))
    .filter((x) => x.n !== undefined);
  return parts.length === 1 ? { amount: Number(parts[0].n), unit: parts[0].unit } : null;
}

/** Money formatters by language and currency (ICU takes longer to build one than to format with it). */
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** An amount of money in the language's digits and currency sign. */
export function formatMoney(lang: Lang, amount: number, currency: string): string {
  const key = `${lang}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'ar' ? 'ar-SA-u-nu-arab' : 'en-GB', { style: 'currency', currency, maximumFractionDigits: 2 });
    // Currencies come from the catalog's data: a bound keeps a stray code from growing the map.
    if (moneyFormats.size >= 100) moneyFormats.clear();
    moneyFormats.set(key, format);
  }
  return format.format(amount);
}
