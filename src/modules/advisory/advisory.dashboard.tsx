import { StatCard } from '../../platform/views/components.tsx';
import { usePage } from '../../platform/views/context.ts';
import { fill } from '../../platform/views/extensions.ts';
import { consoleDashboard } from '../console/public.ts';
import { advisoryPolicy } from './advisory.policy.ts';
import { queue } from './queue.service.ts';

interface Figures {
  open: number;
  attention: number;
}

function AdvisoryCard(f: Figures) {
  const { t, num } = usePage();
  return (
    <StatCard
      title={t('advisory.dash.title')}
      value={num(f.open)}
      detail={t('advisory.dash.detail', { count: f.attention })}
      href="/console/advisory"
      link={t('advisory.dash.link')}
    />
  );
}

/**
 * Advisory's card on the console's first page: the open requests the viewer may see (the office all,
 * agency staff their agency's, advisors those assigned to them) and how many are overdue or at risk.
 */
export const advisoryDashboardCard = fill(consoleDashboard, {
  name: 'advisory',
  order: 48,
  async load(deps, _props, ctx) {
    const rows = (await queue(deps, ctx)).filter((r) => r.request.status !== 'declined' && r.request.status !== 'closed');
    if (rows.length === 0 && !advisoryPolicy.office(ctx.actor)) return null;
    return { open: rows.length, attention: rows.filter((r) => r.clocks.standing === 'overdue' || r.clocks.standing === 'at_risk').length };
  },
  render: (f: Figures | null) => (f ? <AdvisoryCard {...f} /> : null),
});
