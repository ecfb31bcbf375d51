import { Breadcrumbs } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { digitalChannels } from '../kpi.math.ts';
import type { ServiceReport, Window } from '../kpi.reports.ts';
import { channelLabel, KpiCards, nameOf, TrendCharts, useMonth, WindowLinks } from './common.tsx';

/** A live service's performance as anyone may read it: the four KPIs beside the national median, and their trend. */
export function PublicPerformancePage({ r, window }: { r: ServiceReport; window: Window }) {
  const { t, lang, href, num } = usePage();
  const month = useMonth();
  const s = r.service;
  const name = nameOf(lang, s);
  const missing = new Set(r.missing);
  const title = t('kpi.service.title', { service: name });
  return (
    <Layout title={title} description={t('kpi.public.description', { service: name })}>
      <Breadcrumbs items={[{ href: `/services/${s.identifier}`, label: name }, { label: t('kpi.public.crumb') }]} />
      <PageHeading title={title} lead={t('kpi.service.lead', { from: month(r.months[0]), to: month(r.months[r.months.length - 1]) })} />
      <KpiCards kpis={r.period} compare={r.national} compareLabel={t('kpi.national_median')} />
      <p class="muted">{t('kpi.definitions', { digital: digitalChannels.map((c) => t(channelLabel[c])).join('، ') })}</p>
      {r.missing.length ? <p>{t('kpi.service.missing', { count: r.missing.length, months: num(r.missing.length) })}</p> : null}
      <WindowLinks path={`/performance/${s.identifier}`} window={window} />
      <h2>{t('kpi.trend')}</h2>
      <TrendCharts
        id="kpi-public"
        months={r.months}
        series={[
          { name: t('kpi.kpi.take_up'), kpi: 'takeUp', data: r.rows.map((m) => m.kpis.takeUp), missing },
          { name: t('kpi.kpi.completion'), kpi: 'completion', data: r.rows.map((m) => m.kpis.completion), missing },
          { name: t('kpi.kpi.satisfaction'), kpi: 'satisfaction', data: r.rows.map((m) => m.kpis.satisfaction) },
          { name: t('kpi.kpi.cost'), kpi: 'cost', data: r.rows.map((m) => m.kpis.cost), missing },
          { name: t('kpi.median_of', { kpi: t('kpi.kpi.cost') }), kpi: 'cost', data: r.rows.map((m) => m.national.cost) },
        ]}
      />
      <p>
        <a href={href(`/services/${s.identifier}`)}>{t('kpi.public.back', { service: name })}</a>
      </p>
    </Layout>
  );
}
