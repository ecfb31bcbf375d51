import { hasRole } from '../../platform/auth/actor.ts';
import { change, previousPeriod, reportPanel } from '../reports/public.ts';
import { channelTypeLabel, lifecycleLabel, maturityLabel } from './catalog.labels.ts';
import { launchesBetween, publishedAsOf } from './catalog.metrics.ts';
import { catalogPolicy } from './catalog.policy.ts';
import { channelTypes, lifecycleStatuses, maturities } from './catalog.schema.ts';

const STAFF = ['program_admin', 'program_reviewer', 'leadership_viewer', 'agency_admin', 'agency_editor'] as const;

/** The catalog's panel: services by maturity and by channel, live against planned, and growth (launches in the period). */
export const catalogReportPanel = reportPanel({
  name: 'catalog',
  order: 10,
  async load(deps, f, ctx) {
    // The catalog as published at the period's end (today's records would repeat today's counts for every past month).
    const rows = await publishedAsOf(deps, f.to, f.agencyId);
    const offered = rows.filter((r) => r.status !== 'retired');
    const byMaturity = maturities.map((m) => ({
      label: maturityLabel[m],
      translate: true,
      value: offered.filter((r) => r.maturity === m).length,
    }));
    const byStatus = lifecycleStatuses.map((s) => ({
      label: lifecycleLabel[s],
      translate: true,
      value: rows.filter((r) => r.status === s).length,
    }));
    const channels = new Map<string, number>(channelTypes.map((c) => [c, 0]));
    let digital = 0;
    for (const r of offered) {
      for (const t of r.channelTypes) channels.set(t, (channels.get(t) ?? 0) + 1);
      if (r.channelTypes.some((t) => t === 'web' || t === 'mobile' || t === 'kiosk')) digital++;
    }
    const byChannel = channelTypes.map((c) => ({ label: channelTypeLabel[c], translate: true, value: channels.get(c) ?? 0 }));
    const launched = (await launchesBetween(deps, f.from, f.to, f.agencyId)).length;
    const prev = previousPeriod(f);
    const before = (await launchesBetween(deps, prev.from, prev.to, f.agencyId)).length;
    const readable = !f.open && (f.agencyId ? catalogPolicy.read(ctx.actor, f.agencyId) : hasRole(ctx.actor, ...STAFF));
    const href = readable ? (f.agencyId ? `/console/services?agency=${f.agencyId}` : '/console/services') : undefined;
    const count = (s: string) => rows.filter((r) => r.status === s).length;
    return {
      section: 'catalog',
      title: 'reports.panel.catalog',
      figures: [
        { id: 'catalog.offered', label: 'reports.fig.catalog.offered', value: offered.length, unit: 'count', series: byMaturity, href },
        { id: 'catalog.digital', label: 'reports.fig.catalog.digital', value: digital, unit: 'count', series: byChannel, href },
        {
          id: 'catalog.live_planned',
          label: 'reports.fig.catalog.live_planned',
          value: count('live'),
          unit: 'count',
          series: byStatus,
          href: href && `${href}${href.includes('?') ? '&' : '?'}status=live`,
        },
        { id: 'catalog.planned', label: 'reports.fig.catalog.planned', value: count('planned'), unit: 'count', href },
        {
          id: 'catalog.launched',
          label: 'reports.fig.catalog.launched',
          value: launched,
          unit: 'count',
          trend: change(launched, before),
          href,
        },
      ],
    };
  },
});
