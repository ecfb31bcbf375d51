import { StatCard } from '../../platform/views/components.tsx';
import { usePage } from '../../platform/views/context.ts';
import { fill } from '../../platform/views/extensions.ts';
import { consoleDashboard } from '../console/public.ts';
import { reportsPolicy } from './reports.policy.ts';

interface Target {
  href: string;
  national: boolean;
}

function ReportsCard({ href, national }: Target) {
  const { t, num } = usePage();
  return (
    <StatCard
      title={t('dash.reports.title')}
      value={num(new Date().getUTCFullYear(), { useGrouping: false })}
      detail={t(national ? 'dash.reports.detail' : 'dash.reports.agency_detail')}
      href={href}
      link={t(national ? 'dash.reports.link' : 'dash.reports.agency_link')}
    />
  );
}

/**
 * The first card of the console's first page for leadership and the program office (the national
 * dashboard), and for agency administrators (their scorecard): where the leadership viewer lands.
 */
export const reportsDashboardCard = fill(consoleDashboard, {
  name: 'reports',
  order: 0,
  async load(_deps, _props, ctx): Promise<Target | null> {
    if (reportsPolicy.national(ctx.actor)) return { href: '/console/reports', national: true };
    const own = reportsPolicy.ownAgency(ctx.actor);
    return own === undefined ? null : { href: `/console/reports/agencies/${own}`, national: false };
  },
  render: (target: Target | null) => (target ? <ReportsCard {...target} /> : null),
});
