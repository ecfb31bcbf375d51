import { zonedParts } from '../../platform/i18n/dates.ts';

// Rounds are planned in calendar days of the program's time zone; the database keeps instants.

/** The UTC instant at which a local calendar day (YYYY-MM-DD) begins in a time zone. */
export function dayStart(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d);
  let guess = wall;
  // Two passes settle the offset even when the day begins on a daylight-saving change.
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(guess), timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess = wall - (seen - guess);
  }
  return new Date(guess).toISOString();
}

/** The instant the local day after `date` begins: a round closing "on" a date accepts answers all that day. */
export function dayEnd(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return dayStart(next, timeZone);
}

/** The local calendar day (YYYY-MM-DD) of an instant. */
export function localDay(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The last local day a round accepts answers (its close is exclusive). */
export const lastDay = (closesAt: string, timeZone: string) => localDay(new Date(Date.parse(closesAt) - 1).toISOString(), timeZone);
