import type { MessageKey } from '../../messages.ts';
import { type Lang, translate } from '../../platform/i18n/i18n.ts';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** An ISO 8601 duration in words: P3D → "3 working days" / "٣ أيام عمل". */
export function formatDuration(lang: Lang, iso: string | undefined): string | null {
  if (!iso) return null;
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

/** An amount of money in the language's digits and currency sign. */
export function formatMoney(lang: Lang, amount: number, currency: string): string {
  return new Intl.NumberFormat(lang === 'ar' ? 'ar-SA-u-nu-arab' : 'en-GB', {
    style: 'currency',
    currency,
    maximumFractionDigits: 2,
  }).format(amount);
}
