import { Breadcrumbs } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { ServiceReport, Window } from '../kpi.reports.ts';
import { nameOf, useMonth } from './common.tsx';
import { ServiceSummary } from './summary.tsx';

/** A live service's performance as anyone may read it: the four KPIs beside the national median, and their trend. */
export function PublicPerformancePage({ r, window }: { r: ServiceReport; window: Window }) {
  const { t, lang, href } = usePage();
  const month = useMonth();
  const s = r.service;
  const name = nameOf(lang, s);
  const title = t('kpi.service.title', { service: name });
  return (
    <Layout title={title} description={t('kpi.public.description', { service: name })}>
      <Breadcrumbs items={[{ href: `/services/${s.identifier}`, label: name }, { label: t('kpi.public.crumb') }]} />
      <PageHeading title={title} lead={t('kpi.service.lead', { from: month(r.months[0]), to: month(r.months[r.months.length - 1]) })} />
      <ServiceSummary r={r} window={window} path={`/performance/${s.identifier}`} id="kpi-public" />
      <p>
        <a href={href(`/services/${s.identifier}`)}>{t('kpi.public.back', { service: name })}</a>
      </p>
    </Layout>
  );
}
