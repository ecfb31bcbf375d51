import { change, previousPeriod, reportPanel } from '../reports/public.ts';
import { completionRate, costPerTransaction, digitalTakeUp } from './kpi.metrics.ts';
import { kpiPolicy } from './kpi.policy.ts';

/** Service performance's panel: digital take-up, completion rate and cost per transaction over the period. */
export const kpiReportPanel = reportPanel({
  name: 'kpi',
  order: 20,
  async load(deps, f, ctx) {
    const readable = f.agencyId ? kpiPolicy.read(ctx.actor, f.agencyId) : kpiPolicy.national(ctx.actor);
    if (!f.open && !readable) return null;
    const scope = { from: f.from, to: f.to, agencyId: f.agencyId };
    const prev = { ...previousPeriod(f), agencyId: f.agencyId };
    const href = f.open ? undefined : f.agencyId ? `/console/kpi/agencies/${f.agencyId}` : '/console/kpi';
    const takeUp = await digitalTakeUp(deps, scope);
    const completion = await completionRate(deps, scope);
    const cost = await costPerTransaction(deps, scope);
    return {
      section: 'services',
      title: 'reports.panel.kpi',
      figures: [
        {
          id: 'kpi.digital_take_up',
          label: 'reports.fig.kpi.digital_take_up',
          value: takeUp.value,
          unit: 'ratio',
          base: takeUp.denominator,
          trend: change(takeUp.value, (await digitalTakeUp(deps, prev)).value),
          href,
        },
        {
          id: 'kpi.completion',
          label: 'reports.fig.kpi.completion',
          value: completion.value,
          unit: 'ratio',
          base: completion.denominator,
          trend: change(completion.value, (await completionRate(deps, prev)).value),
          href,
        },
        {
          id: 'kpi.cost',
          label: 'reports.fig.kpi.cost',
          value: cost.value,
          unit: 'sar',
          base: cost.denominator,
          trend: change(cost.value, (await costPerTransaction(deps, prev)).value),
          higherIsBetter: false,
          href,
        },
      ],
    };
  },
});
