import { StatCard } from '../../platform/views/components.tsx';
import { usePage } from '../../platform/views/context.ts';
import { fill } from '../../platform/views/extensions.ts';
import { consoleDashboard, dashboardScope } from '../console/public.ts';

interface Figures {
  national: boolean;
  /** National: reports waiting for the office's review; an agency: its reports still to send (drafts and returned). */
  waiting: number;
  returned: number;
}

function PlanCard(f: Figures) {
  const { t, num } = usePage();
  return (
    <StatCard
      title={t('dash.plan.title')}
      value={num(f.waiting)}
      detail={
        f.national ? t('dash.plan.to_review', { count: f.waiting }) : t('dash.plan.to_send', { count: f.waiting, returned: f.returned })
      }
      href="/console/plans"
      link={t('dash.plan.link')}
    />
  );
}

/** Plan's card on the console's first page: reports waiting for review (office) or still to send (agency). */
export const planDashboardCard = fill(consoleDashboard, {
  name: 'plan',
  order: 45,
  async load(deps, _props, ctx) {
    const scope = dashboardScope(ctx.actor);
    if (!scope) return null;
    let q = deps.db.selectFrom('plan_reports');
    if ('agencyIds' in scope) q = q.where('agency_id', 'in', scope.agencyIds);
    const rows = await q
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    return 'national' in scope
      ? { national: true, waiting: n('submitted'), returned: n('returned') }
      : { national: false, waiting: n('draft') + n('returned'), returned: n('returned') };
  },
  render: (f: Figures | null) => (f ? <PlanCard {...f} /> : null),
});
