import { type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { dayStart, hijriDate, hijriDayNumber, isoDay, localDate } from '../../platform/i18n/dates.ts';
import { type Agency, allAgencies, getAgency } from '../identity/public.ts';
import { cachedPanels } from './reports.cache.ts';
import { type Figure, type ReportFilter, type ReportPanel, type Section, sections } from './reports.panels.ts';
import { reportsPolicy } from './reports.policy.ts';

/** The period filter as the form holds it: a calendar, a year in it, and optionally one month. */
export interface PeriodForm {
  cal: 'gregorian' | 'hijri';
  year: number;
  /** 1..12, or null for the whole year. */
  month: number | null;
  agency: number | null;
  track: number | null;
}

const int = (v: unknown) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : null);

/** Reads the filter form (anything unreadable falls back to the default: this Gregorian year, every agency and track). */
export function readForm(deps: Deps, q: Record<string, unknown>, now = new Date()): PeriodForm {
  const cal = q.cal === 'hijri' ? 'hijri' : 'gregorian';
  const tz = deps.config.timeZone;
  const current = cal === 'hijri' ? hijriDate(now, tz).year : Number(localDate(now, tz).slice(0, 4));
  const y = int(q.year);
  const year = y !== null && (cal === 'hijri' ? y >= 1350 && y <= 1550 : y >= 1930 && y <= 2130) ? y : current;
  const m = int(q.month);
  const agency = int(q.agency);
  const track = int(q.track);
  return {
    cal,
    year,
    month: m !== null && m >= 1 && m <= 12 ? m : null,
    agency: agency && agency <= 2_147_483_647 ? agency : null,
    track: track && track <= 2_147_483_647 ? track : null,
  };
}

/** The instants [from, to) of a form's period, in the program's time zone. */
export function periodOf(deps: Deps, f: Pick<PeriodForm, 'cal' | 'year' | 'month'>): { from: string; to: string } {
  const tz = deps.config.timeZone;
  if (f.cal === 'gregorian') {
    const pad = (n: number) => String(n).padStart(2, '0');
    const start = `${f.year}-${pad(f.month ?? 1)}-01`;
    const end = f.month === null || f.month === 12 ? `${f.year + 1}-01-01` : `${f.year}-${pad(f.month + 1)}-01`;
    return { from: dayStart(start, tz), to: dayStart(end, tz) };
  }
  const first = hijriDayNumber(f.year, f.month ?? 1, 1) as number;
  const next =
    f.month === null || f.month === 12 ? (hijriDayNumber(f.year + 1, 1, 1) as number) : (hijriDayNumber(f.year, f.month + 1, 1) as number);
  return { from: dayStart(isoDay(first), tz), to: dayStart(isoDay(next), tz) };
}

export type LoadedPanel = ReportPanel & { module: string };

/** The panels of one section, in order. */
export const bySection = (panels: LoadedPanel[]): { section: Section; panels: LoadedPanel[] }[] =>
  sections.map((section) => ({ section, panels: panels.filter((p) => p.section === section) })).filter((s) => s.panels.length);

/** The national dashboard: every installed module's panel for the program office and leadership. */
export async function dashboard(deps: Deps, ctx: Ctx, filter: ReportFilter) {
  authorize(reportsPolicy.national(ctx.actor), 'reports.national');
  const panels = await cachedPanels(deps, filter, ctx);
  return {
    panels,
    tracks: panels.flatMap((p) => p.tracks ?? []),
    agencies: (await allAgencies(deps)).filter((a) => a.status === 'active'),
  };
}

/** The median of the known values (null when none). */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
}

/**
 * One agency's scorecard: its figures (those that narrow to an agency) beside the national median,
 * the middle of every active agency's figure for the same period. Agency administrators open their
 * own agency's only (403, audited, for another); the program office and leadership any agency's.
 * The medians are aggregates: read as the system, from what may be published unless the viewer is
 * the program office or leadership.
 */
export async function scorecard(deps: Deps, ctx: Ctx, agencyId: number, filter: Omit<ReportFilter, 'agencyId'>) {
  authorize(reportsPolicy.scorecard(ctx.actor, agencyId), 'reports.scorecard.other_agency');
  const agency: Agency = await getAgency(deps, agencyId);
  const own = (await cachedPanels(deps, { ...filter, agencyId }, ctx))
    .map((p) => ({ ...p, figures: p.figures.filter((f) => !f.nationalOnly) }))
    .filter((p) => p.figures.length);
  const agencies = (await allAgencies(deps)).filter((a) => a.status === 'active');
  const open = !reportsPolicy.national(ctx.actor);
  const values = new Map<string, (number | null)[]>();
  for (const a of agencies)
    for (const p of await cachedPanels(deps, { ...filter, agencyId: a.id, open }, systemCtx('reports', ctx.lang)))
      for (const f of p.figures) values.set(f.id, [...(values.get(f.id) ?? []), f.value]);
  const medians = new Map<string, number | null>([...values].map(([id, vs]) => [id, median(vs)]));
  return { agency, panels: own, medians, agencies: reportsPolicy.national(ctx.actor) ? agencies : [agency] };
}

/** Drops the links a viewer may not follow, so every figure links only where its viewer may go. */
export function keepLinks(panels: LoadedPanel[], canOpen: (href: string) => boolean): LoadedPanel[] {
  return panels.map((p) => ({
    ...p,
    figures: p.figures.map((f): Figure => (f.href && !canOpen(f.href) ? { ...f, href: undefined } : f)),
  }));
}
