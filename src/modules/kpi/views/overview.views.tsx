import { hasRole } from '../../../platform/auth/actor.ts';
import { Breadcrumbs, DataTable } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { WRITE_ROLES } from '../kpi.policy.ts';
import type { AgencyOverview, NationalOverview, Window } from '../kpi.reports.ts';
import { KpiCards, KpiLayout, kpiKeys, kpiLabel, Missing, nameOf, TrendCharts, useKpiText, useMonth, WindowLinks } from './common.tsx';

/** The office's national overview: medians of services' KPIs, their trend, and every agency's figures. */
export function NationalPage({ d, window }: { d: NationalOverview; window: Window }) {
  const { t, lang, href, num } = usePage();
  const text = useKpiText();
  const month = useMonth();
  const first = month(d.months[0]);
  const last = month(d.months[d.months.length - 1]);
  return (
    <KpiLayout title={t('kpi.national.title')}>
      <PageHeading title={t('kpi.national.title')} lead={t('kpi.national.lead', { from: first, to: last })} />
      <Actions />
      <Downloads query={`months=${window}`} />
      <p>{t('kpi.national.reporting', { reporting: num(d.reporting), live: num(d.liveServices) })}</p>
      <h2>{t('kpi.national.median')}</h2>
      <KpiCards kpis={d.median} />
      <p class="muted">{t('kpi.national.median_note')}</p>
      <WindowLinks path="/console/kpi" window={window} />
      <h2>{t('kpi.trend')}</h2>
      <TrendCharts
        id="kpi-national"
        months={d.months}
        series={[
          { name: t('kpi.kpi.take_up'), kpi: 'takeUp', data: d.trend.map((m) => m.takeUp) },
          { name: t('kpi.kpi.completion'), kpi: 'completion', data: d.trend.map((m) => m.completion) },
          { name: t('kpi.kpi.satisfaction'), kpi: 'satisfaction', data: d.trend.map((m) => m.satisfaction) },
          { name: t('kpi.kpi.cost'), kpi: 'cost', data: d.trend.map((m) => m.cost) },
        ]}
      />
      <h2>{t('kpi.national.agencies')}</h2>
      <DataTable
        caption={t('kpi.national.agencies')}
        headers={[t('kpi.agency'), t('kpi.services_reporting'), ...kpiKeys.map((k) => t(kpiLabel[k]))]}
        empty={d.agencies.length === 0}
      >
        {d.agencies.map((a) => (
          <tr key={a.agency.id}>
            <th scope="row">
              <a href={href(`/console/kpi/agencies/${a.agency.id}`)}>{nameOf(lang, a.agency)}</a>
            </th>
            <td class="num">{num(a.services)}</td>
            {kpiKeys.map((k) => (
              <td class="num" key={k}>
                {text(k, a.kpis[k])}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
    </KpiLayout>
  );
}

/** The entry points every performance page offers: the form is per service; the import and its template. */
function Actions() {
  const { t, href, actor } = usePage();
  if (!hasRole(actor, ...WRITE_ROLES)) return null;
  return (
    <p>
      <a href={href('/console/kpi/import')}>{t('kpi.import.title')}</a>
      {' · '}
      <a href={href('/console/kpi/template.csv')}>{t('kpi.import.template')}</a>
    </p>
  );
}

/** The figures of the page's scope and window as a file: each service's months and the agency's and nation's. */
function Downloads({ query }: { query: string }) {
  const { t, href } = usePage();
  return (
    <p>
      {t('kpi.export.label')} <a href={href(`/console/kpi/export.csv?${query}`)}>{t('kpi.export.csv')}</a>
      {' · '}
      <a href={href(`/console/kpi/export.xlsx?${query}`)}>{t('kpi.export.xlsx')}</a>
    </p>
  );
}

/** An agency's live services with their KPIs over the window and how many months each has entered. */
export function AgencyPage({ d, window }: { d: AgencyOverview; window: Window }) {
  const { t, lang, href, num } = usePage();
  const text = useKpiText();
  const month = useMonth();
  const canNational = d.canNational;
  return (
    <KpiLayout title={t('kpi.agency.title', { agency: nameOf(lang, d.agency) })}>
      {canNational ? (
        <Breadcrumbs items={[{ href: '/console/kpi', label: t('kpi.national.title') }, { label: nameOf(lang, d.agency) }]} />
      ) : null}
      <PageHeading
        title={t('kpi.agency.title', { agency: nameOf(lang, d.agency) })}
        lead={t('kpi.agency.lead', { from: month(d.months[0]), to: month(d.months[d.months.length - 1]) })}
      />
      {d.canWrite ? <Actions /> : null}
      <Downloads query={`agency=${d.agency.id}&months=${window}`} />
      <KpiCards kpis={d.period} />
      <WindowLinks path={`/console/kpi/agencies/${d.agency.id}`} window={window} />
      <h2>{t('kpi.agency.services')}</h2>
      <DataTable
        caption={t('kpi.agency.services')}
        headers={[t('kpi.service'), t('kpi.months_entered'), t('kpi.last_month'), ...kpiKeys.map((k) => t(kpiLabel[k]))]}
        empty={d.services.length === 0}
      >
        {d.services.map((s) => (
          <tr key={s.service.id}>
            <th scope="row">
              <a href={href(`/console/kpi/services/${s.service.id}`)}>{nameOf(lang, s.service)}</a>
            </th>
            <td class="num">{t('kpi.months_of', { entered: num(s.entered), months: num(d.months.length) })}</td>
            <td>{s.lastMonth ? month(s.lastMonth) : <Missing />}</td>
            {kpiKeys.map((k) => (
              <td class="num" key={k}>
                {text(k, s.kpis[k])}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
      <h2>{t('kpi.trend')}</h2>
      <TrendCharts
        id="kpi-agency"
        months={d.months}
        series={[
          { name: t('kpi.kpi.take_up'), kpi: 'takeUp', data: d.trend.map((m) => m.kpis.takeUp), missing: missingOf(d) },
          { name: t('kpi.kpi.completion'), kpi: 'completion', data: d.trend.map((m) => m.kpis.completion), missing: missingOf(d) },
          { name: t('kpi.kpi.cost'), kpi: 'cost', data: d.trend.map((m) => m.kpis.cost), missing: missingOf(d) },
        ]}
      />
    </KpiLayout>
  );
}

const missingOf = (d: AgencyOverview) => new Set(d.trend.filter((m) => m.services === 0).map((m) => m.month));

/** Staff of several agencies choose one. */
export function AgencyChoicePage({ agencies }: { agencies: Agency[] }) {
  const { t, lang, href } = usePage();
  return (
    <KpiLayout title={t('kpi.title')}>
      <PageHeading title={t('kpi.title')} lead={t('kpi.choose_agency')} />
      <ul>
        {agencies.map((a) => (
          <li key={a.id}>
            <a href={href(`/console/kpi/agencies/${a.id}`)}>{nameOf(lang, a)}</a>
          </li>
        ))}
      </ul>
    </KpiLayout>
  );
}
