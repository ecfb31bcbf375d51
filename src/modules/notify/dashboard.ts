import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { formDayStart, localDate } from '../../platform/i18n/dates.ts';
import { allAgencies } from '../identity/public.ts';
import * as repo from './announcements.repo.ts';
import { visibleAgencies } from './announcements.service.ts';
import { logoUrlOf } from './branding.ts';
import { digestSettings } from './digests.ts';
import { checkLaunches, silentLaunchByAgency } from './notify.metrics.ts';
import { notifyPolicy } from './notify.policy.ts';
import { subscriptionCounts } from './subscribers.repo.ts';

const DAY = 86_400_000;
/** The dashboard looks at the last 90 days unless asked otherwise. */
export const DEFAULT_PERIOD_DAYS = 90;

/** Everything the notify dashboard shows, for the actor's agency (or the whole program). */
export async function dashboardData(deps: Deps, ctx: Ctx, q: { from?: string; to?: string; agency?: string }) {
  const tz = deps.config.timeZone;
  const scope = visibleAgencies(ctx);
  const national = scope === undefined;
  const all = await allAgencies(deps);
  const agencies = national ? all : all.filter((a) => scope.includes(a.id));
  authorize(agencies.length > 0 || national);
  const asked = Number(q.agency) > 0 ? Number(q.agency) : undefined;
  if (asked) authorize(notifyPolicy.read(ctx.actor, asked));
  const agencyId = asked ?? (national ? undefined : agencies[0]?.id);
  const to = formDayStart(q.to, tz, 1) ?? new Date().toISOString();
  const from = formDayStart(q.from, tz) ?? new Date(Date.parse(to) - DEFAULT_PERIOD_DAYS * DAY).toISOString();
  const window = { agencyId, from, to };
  const checks = await checkLaunches(deps, window);
  const silent = checks.filter((c) => c.announcement_id === null).length;
  // An auto-draft waiting for approval is the quickest way to fix a silent launch: link to it.
  const drafts = await repo.listAnnouncements(deps.db, { kind: 'launch', agencyIds: agencyId ? [agencyId] : undefined }, 1000);
  const links = await repo.servicesOf(
    deps.db,
    drafts.filter((d) => d.status !== 'published').map((d) => d.id),
  );
  const draftFor = new Map<number, number>();
  for (const [annId, serviceIds] of links) for (const s of serviceIds) if (!draftFor.has(s)) draftFor.set(s, annId);
  const followers = agencyId
    ? ((await subscriptionCounts(deps.db, { type: 'agency', keys: [String(agencyId)] }))[0]?.n ?? 0)
    : (await subscriptionCounts(deps.db)).reduce((n, r) => n + Number(r.n), 0);
  const shown = (iso: string) => localDate(iso, tz);
  return {
    period: { from: q.from ?? shown(from), to: q.to ?? shown(new Date(Date.parse(to) - 1).toISOString()) },
    agencies,
    agencyId,
    national,
    rate: { launched: checks.length, silent, rate: checks.length ? silent / checks.length : null },
    launches: checks.map((c) => ({ ...c, draft_id: draftFor.get(c.service_id) ?? null })),
    byAgency: national && !agencyId ? (await silentLaunchByAgency(deps, { from, to })).rows : undefined,
    counts: await repo.statusCounts(deps.db, agencyId ? [agencyId] : scope),
    followers: Number(followers),
    settings: notifyPolicy.settings(ctx.actor) ? await digestSettings(deps) : undefined,
    canBrand: agencyId ? notifyPolicy.branding(ctx.actor, agencyId) : false,
    logoUrl: agencyId ? await logoUrlOf(deps, agencyId) : undefined,
  };
}
