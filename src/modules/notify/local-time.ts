import { zonedParts } from '../../platform/i18n/dates.ts';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** A form's local date-time ("2026-12-01T22:00", in the configured zone) as a UTC instant; unparseable input passes through to fail validation. */
export function localToIso(local: string | undefined, timeZone: string): string | undefined {
  if (!local) return undefined;
  const m = LOCAL.exec(local);
  if (!m) return local;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wall;
  // Two rounds settle the zone's offset at that instant (enough for any daylight-saving edge).
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(guess), timeZone);
    guess += wall - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  }
  return new Date(guess).toISOString();
}

/** A stored instant as the value of a datetime-local input in the configured zone. */
export function isoToLocal(iso: string | null | undefined, timeZone: string): string | undefined {
  if (!iso) return undefined;
  const p = zonedParts(new Date(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** A yyyy-mm-dd form date as the start of that day in the configured zone (UTC ISO), or undefined. */
export function dayStart(day: string | undefined, timeZone: string, plusDays = 0): string | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const start = localToIso(`${day}T00:00`, timeZone);
  if (!start || Number.isNaN(Date.parse(start))) return undefined;
  return new Date(Date.parse(start) + plusDays * 86_400_000).toISOString();
}
