import { usePage } from '../../../platform/views/context.ts';
import { digitalChannels } from '../kpi.math.ts';
import type { ServiceReport, Window } from '../kpi.reports.ts';
import { channelLabel, KpiCards, TrendCharts, WindowLinks } from './common.tsx';

/**
 * A service's four KPIs over the window beside the national median, what they mean, how many
 * months are missing, and the trend with the national medians: the console's and the public page's.
 */
export function ServiceSummary({ r, window, path, id }: { r: ServiceReport; window: Window; path: string; id: string }) {
  const { t, num } = usePage();
  const missing = new Set(r.missing);
  return (
    <>
      <KpiCards kpis={r.period} compare={r.national} compareLabel={t('kpi.national_median')} />
      <p class="muted">{t('kpi.definitions', { digital: digitalChannels.map((c) => t(channelLabel[c])).join('، ') })}</p>
      {r.missing.length ? <p>{t('kpi.service.missing', { count: r.missing.length, months: num(r.missing.length) })}</p> : null}
      <WindowLinks path={path} window={window} />
      <h2>{t('kpi.trend')}</h2>
      <TrendCharts
        id={id}
        months={r.months}
        series={[
          { name: t('kpi.kpi.take_up'), kpi: 'takeUp', data: r.rows.map((m) => m.kpis.takeUp), missing },
          { name: t('kpi.kpi.completion'), kpi: 'completion', data: r.rows.map((m) => m.kpis.completion), missing },
          { name: t('kpi.kpi.satisfaction'), kpi: 'satisfaction', data: r.rows.map((m) => m.kpis.satisfaction) },
          { name: t('kpi.median_of', { kpi: t('kpi.kpi.take_up') }), kpi: 'takeUp', data: r.rows.map((m) => m.national.takeUp) },
          { name: t('kpi.kpi.cost'), kpi: 'cost', data: r.rows.map((m) => m.kpis.cost), missing },
          { name: t('kpi.median_of', { kpi: t('kpi.kpi.cost') }), kpi: 'cost', data: r.rows.map((m) => m.national.cost) },
        ]}
      />
    </>
  );
}
