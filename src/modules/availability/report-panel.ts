import { change, previousPeriod, reportPanel } from '../reports/public.ts';
import { availabilityPolicy } from './availability.policy.ts';
import { uptimeBetween } from './status.service.ts';

/** Availability's panel: uptime over the period (planned downtime apart) and the incidents that started in it. */
export const availabilityReportPanel = reportPanel({
  name: 'availability',
  order: 10,
  async load(deps, f, ctx) {
    const readable = f.agencyId ? availabilityPolicy.read(ctx.actor, f.agencyId) : availabilityPolicy.scope(ctx.actor) === undefined;
    if (!f.open && !readable) return null;
    const now = await uptimeBetween(deps, { from: f.from, to: f.to, agencyId: f.agencyId });
    const before = await uptimeBetween(deps, { ...previousPeriod(f), agencyId: f.agencyId });
    let q = deps.db.selectFrom('availability_incidents').where('started_at', '>=', f.from).where('started_at', '<', f.to);
    if (f.agencyId !== undefined) q = q.where('agency_id', '=', f.agencyId);
    const incidents = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const href = f.open ? undefined : '/console/availability';
    return {
      section: 'services',
      title: 'reports.panel.availability',
      figures: [
        {
          id: 'availability.uptime',
          label: 'reports.fig.availability.uptime',
          value: now.uptime,
          unit: 'ratio',
          base: now.checks,
          trend: change(now.uptime, before.uptime),
          href,
        },
        {
          id: 'availability.incidents',
          label: 'reports.fig.availability.incidents',
          value: incidents,
          unit: 'count',
          higherIsBetter: false,
          href: href && '/console/availability/incidents',
        },
      ],
    };
  },
});
