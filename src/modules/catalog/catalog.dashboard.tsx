import { StatCard } from '../../platform/views/components.tsx';
import { usePage } from '../../platform/views/context.ts';
import { fill } from '../../platform/views/extensions.ts';
import { consoleDashboard, dashboardScope } from '../console/public.ts';

function CatalogCard({ live, drafts }: { live: number; drafts: number }) {
  const { t, num } = usePage();
  return (
    <StatCard
      title={t('dash.catalog.title')}
      value={num(live)}
      detail={`${t('dash.catalog.live')} · ${t('dash.catalog.drafts', { count: drafts })}`}
      href="/console/services?state=draft"
      link={t('dash.catalog.link')}
    />
  );
}

/** The catalog's card on the console's first page: live services, and drafts waiting to be published. */
export const catalogDashboardCard = fill(consoleDashboard, {
  name: 'catalog',
  order: 10,
  async load(deps, _props, ctx) {
    const scope = dashboardScope(ctx.actor);
    if (!scope) return null;
    let q = deps.db.selectFrom('services');
    if ('agencyIds' in scope) q = q.where('agency_id', 'in', scope.agencyIds);
    const r = await q
      .select((eb) => [
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('status', '=', 'live'), eb('published_version', '>', 0)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('live'),
        eb.fn.sum<number>(eb.case().when('draft_json', 'is not', null).then(1).else(0).end()).as('drafts'),
      ])
      .executeTakeFirstOrThrow();
    return { live: Number(r.live ?? 0), drafts: Number(r.drafts ?? 0) };
  },
  render: (d: { live: number; drafts: number } | null) => (d ? <CatalogCard {...d} /> : null),
});
