import { StatCard } from '../../platform/views/components.tsx';
import { usePage } from '../../platform/views/context.ts';
import { fill } from '../../platform/views/extensions.ts';
import { consoleDashboard, dashboardScope } from '../console/public.ts';
import { silentLaunchRate } from './notify.metrics.ts';

const DAYS = 90;

interface Figures {
  launched: number;
  silent: number;
  rate: number | null;
  pending: number;
}

function NotifyCard(f: Figures) {
  const { t, num } = usePage();
  return (
    <StatCard
      title={t('dash.notify.title', { days: DAYS })}
      value={f.rate === null ? '—' : num(f.rate, { style: 'percent', maximumFractionDigits: 0 })}
      detail={`${t('dash.notify.detail', { silent: f.silent, count: f.launched })} · ${t('dash.notify.pending', { count: f.pending })}`}
      href="/console/notify"
      link={t('dash.notify.link')}
    />
  );
}

/** Notify's card on the console's first page: the silent-launch rate and announcements awaiting approval. */
export const notifyDashboardCard = fill(consoleDashboard, {
  name: 'notify',
  order: 20,
  async load(deps, _props, ctx) {
    const scope = dashboardScope(ctx.actor);
    if (!scope) return null;
    const to = new Date().toISOString();
    const from = new Date(Date.now() - DAYS * 86_400_000).toISOString();
    const ids = 'agencyIds' in scope ? scope.agencyIds : [undefined];
    const figures: Figures = { launched: 0, silent: 0, rate: null, pending: 0 };
    for (const agencyId of ids) {
      const r = await silentLaunchRate(deps, { agencyId, from, to });
      figures.launched += r.launched;
      figures.silent += r.silent;
    }
    figures.rate = figures.launched ? figures.silent / figures.launched : null;
    let q = deps.db.selectFrom('notify_announcements').where('status', '=', 'pending');
    if ('agencyIds' in scope) q = q.where('agency_id', 'in', scope.agencyIds);
    figures.pending = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return figures;
  },
  render: (f: Figures | null) => (f ? <NotifyCard {...f} /> : null),
});
