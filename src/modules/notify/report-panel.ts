import { change, previousPeriod, reportPanel } from '../reports/public.ts';
import { silentLaunchRate } from './notify.metrics.ts';
import { notifyPolicy } from './notify.policy.ts';

/** Notify's panel: the share of services launched in the period without an announcement (lower is better). */
export const notifyReportPanel = reportPanel({
  name: 'notify',
  order: 20,
  async load(deps, f, ctx) {
    if (!f.open && !(f.agencyId ? notifyPolicy.read(ctx.actor, f.agencyId) : notifyPolicy.national(ctx.actor))) return null;
    const now = await silentLaunchRate(deps, { from: f.from, to: f.to, agencyId: f.agencyId });
    const before = await silentLaunchRate(deps, { ...previousPeriod(f), agencyId: f.agencyId });
    const href = f.agencyId ? `/console/notify?agency=${f.agencyId}` : '/console/notify';
    return {
      section: 'loop',
      title: 'reports.panel.notify',
      figures: [
        {
          id: 'notify.silent_launch_rate',
          label: 'reports.fig.notify.silent_launch_rate',
          value: now.rate,
          unit: 'ratio',
          base: now.launched,
          trend: change(now.rate, before.rate),
          higherIsBetter: false,
          href,
        },
      ],
    };
  },
});
