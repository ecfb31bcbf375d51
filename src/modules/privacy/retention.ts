import { civil, dayNumber, dayStart, hijriDate, hijriDayNumber, isoDay, localDayNumber } from '../../platform/i18n/dates.ts';
import type { RetentionPeriod } from '../../platform/personal-data.ts';

/** Goes back `months` months from a (year, month) pair; months are 1–12. */
function monthsBack(year: number, month: number, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) - months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * The instant before which a record's retention clock has run out: the start (local midnight in the
 * zone) of the day that lies the period before `now`'s local day. Months and years count calendar
 * months (Gregorian or Umm al-Qura); a day the target month lacks becomes that month's last day.
 */
export function cutoffFor(period: RetentionPeriod, now: Date, timeZone: string): string {
  const today = localDayNumber(timeZone, now.getTime());
  const { n, unit } = period;
  if (unit === 'days') return dayStart(isoDay(today - n), timeZone);
  if (unit === 'months' || unit === 'years') {
    const c = civil(today);
    const to = monthsBack(c.year, c.month, unit === 'years' ? n * 12 : n);
    const last = new Date(Date.UTC(to.year, to.month, 0)).getUTCDate();
    return dayStart(isoDay(dayNumber(to.year, to.month, Math.min(c.day, last))), timeZone);
  }
  const h = hijriDate(now, timeZone);
  const to = monthsBack(h.year, h.month, unit === 'hijri_years' ? n * 12 : n);
  for (let d = h.day; d >= 1; d--) {
    const day = hijriDayNumber(to.year, to.month, d);
    if (day !== null) return dayStart(isoDay(day), timeZone);
  }
  throw new RangeError('no such Hijri month');
}
