import type { Deps } from '../../platform/deps.ts';
import { launchesBetween } from '../catalog/public.ts';
import { publishedForServices } from './announcements.repo.ts';

/**
 * A launch counts as announced when a published announcement of kind "launch" linked to the
 * service was published from 30 days before it went live to 7 days after (announcing ahead is
 * encouraged; a week's grace covers launches on a weekend or during Hajj).
 */
export const ANNOUNCE_WINDOW = { beforeDays: 30, afterDays: 7 } as const;

const DAY = 86_400_000;

export interface LaunchCheck {
  service_id: number;
  agency_id: number;
  identifier: string;
  name_ar: string;
  name_en: string;
  launched_at: string;
  /** The announcement that covers it, if any. */
  announcement_id: number | null;
  /** Not announced, but the 7-day grace has not run out yet. */
  in_grace: boolean;
}

/** Every launch in [from, to) with the announcement that covered it (or none). */
export async function checkLaunches(
  deps: Deps,
  w: { agencyId?: number; from: string; to: string },
  now = new Date(),
): Promise<LaunchCheck[]> {
  const launches = await launchesBetween(deps, w.from, w.to, w.agencyId);
  const announced = await publishedForServices(deps.db, [...new Set(launches.map((l) => l.service_id))], 'launch');
  return launches.map((l) => {
    const at = new Date(l.changed_at).getTime();
    const hit = announced.find((a) => {
      if (a.service_id !== l.service_id || !a.published_at) return false;
      const p = new Date(a.published_at).getTime();
      return p >= at - ANNOUNCE_WINDOW.beforeDays * DAY && p <= at + ANNOUNCE_WINDOW.afterDays * DAY;
    });
    return {
      service_id: l.service_id,
      agency_id: l.agency_id,
      identifier: l.identifier,
      name_ar: l.name_ar,
      name_en: l.name_en,
      launched_at: l.changed_at,
      announcement_id: hit?.id ?? null,
      in_grace: !hit && now.getTime() <= at + ANNOUNCE_WINDOW.afterDays * DAY,
    };
  });
}

/**
 * The silent-launch rate: services launched in [from, to) without an announcement, divided by
 * services launched — a fraction 0..1 (lower is better), null when nothing launched. Measure uses
 * it as the automatic indicator `notify.silent_launch_rate`.
 */
export async function silentLaunchRate(
  deps: Deps,
  w: { agencyId?: number; from: string; to: string },
): Promise<{ launched: number; silent: number; rate: number | null }> {
  const checks = await checkLaunches(deps, w);
  const silent = checks.filter((c) => c.announcement_id === null).length;
  return { launched: checks.length, silent, rate: checks.length ? silent / checks.length : null };
}

/** The rate per agency, worst first (the program office's table). */
export async function silentLaunchByAgency(deps: Deps, w: { from: string; to: string }) {
  const checks = await checkLaunches(deps, w);
  const by = new Map<number, { agency_id: number; launched: number; silent: number }>();
  for (const c of checks) {
    const row = by.get(c.agency_id) ?? { agency_id: c.agency_id, launched: 0, silent: 0 };
    row.launched++;
    if (c.announcement_id === null) row.silent++;
    by.set(c.agency_id, row);
  }
  const rows = [...by.values()].map((r) => ({ ...r, rate: r.silent / r.launched }));
  const national = { launched: checks.length, silent: checks.filter((c) => c.announcement_id === null).length };
  return {
    rows: rows.sort((a, b) => b.rate - a.rate || b.launched - a.launched),
    national: { ...national, rate: national.launched ? national.silent / national.launched : null },
  };
}
