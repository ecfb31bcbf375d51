import { hasAgencyRole } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { change, previousPeriod, type ReportFilter, reportPanel } from '../reports/public.ts';
import { slaCompliance } from './advisory.metrics.ts';
import { advisoryPolicy } from './advisory.policy.ts';
import { type RequestType, requestTypes } from './advisory.tables.ts';
import { typeLabel } from './views/common.tsx';

/** Requests made in a period, by type. */
async function requestsIn(deps: Deps, f: Pick<ReportFilter, 'from' | 'to' | 'agencyId'>): Promise<Record<RequestType, number>> {
  let q = deps.db
    .selectFrom('advisory_requests')
    .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('submitted_at', '>=', f.from)
    .where('submitted_at', '<', f.to);
  if (f.agencyId !== undefined) q = q.where('agency_id', '=', f.agencyId);
  const out = Object.fromEntries(requestTypes.map((t) => [t, 0])) as Record<RequestType, number>;
  for (const r of await q.groupBy('type').execute()) out[r.type] = Number(r.n);
  return out;
}

const total = (r: Record<RequestType, number>) => Object.values(r).reduce((s, n) => s + n, 0);

/** Advisory's panel: advisory requests made in the period (by type) and their turnaround against the SLAs. */
export const advisoryReportPanel = reportPanel({
  name: 'advisory',
  order: 20,
  async load(deps, f, ctx) {
    const own = f.agencyId !== undefined && hasAgencyRole(ctx.actor, f.agencyId, 'agency_admin', 'agency_editor');
    if (!f.open && !advisoryPolicy.metrics(ctx.actor) && !own) return null;
    const now = await requestsIn(deps, f);
    const before = await requestsIn(deps, { ...previousPeriod(f), agencyId: f.agencyId });
    const sla = await slaCompliance(deps, f.agencyId);
    const href = f.open
      ? undefined
      : advisoryPolicy.metrics(ctx.actor)
        ? '/console/advisory/metrics'
        : own
          ? '/console/advisory'
          : undefined;
    return {
      section: 'capability',
      title: 'reports.panel.advisory',
      figures: [
        {
          id: 'advisory.requests',
          label: 'reports.fig.advisory.requests',
          value: total(now),
          unit: 'count',
          trend: change(total(now), total(before)),
          series: requestTypes.map((t) => ({ label: typeLabel[t], translate: true, value: now[t] })),
          href,
        },
        {
          id: 'advisory.first_response_on_time',
          label: 'reports.fig.advisory.first_response_on_time',
          value: sla.firstResponse.rate,
          unit: 'ratio',
          base: sla.firstResponse.denominator,
          href,
        },
        {
          id: 'advisory.delivered_on_time',
          label: 'reports.fig.advisory.delivered_on_time',
          value: sla.delivery.rate,
          unit: 'ratio',
          base: sla.delivery.denominator,
          href,
        },
      ],
    };
  },
});
