import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../../messages.ts';
import { Chart, chartBase, renderSvg } from '../../../platform/charts/charts.tsx';
import { monthName } from '../../../platform/i18n/dates.ts';
import { type Lang, pick } from '../../../platform/i18n/i18n.ts';
import { usePage } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/Layout.tsx';
import type { Kpis, Window } from '../kpi.reports.ts';
import type { Channel } from '../kpi.tables.ts';

/** The console layout of the performance pages. */
export function KpiLayout({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <Layout title={title} nav="/console/kpi">
      {children}
    </Layout>
  );
}

export const nameOf = (lang: Lang, r: { name_ar: string; name_en: string }) => pick(lang, r, 'name');

export const channelLabel = {
  web: 'kpi.channel.web',
  app: 'kpi.channel.app',
  kiosk: 'kpi.channel.kiosk',
  call_centre: 'kpi.channel.call_centre',
  service_centre: 'kpi.channel.service_centre',
} as const satisfies Record<Channel, MessageKey>;

export const kpiLabel = {
  takeUp: 'kpi.kpi.take_up',
  completion: 'kpi.kpi.completion',
  cost: 'kpi.kpi.cost',
  satisfaction: 'kpi.kpi.satisfaction',
} as const satisfies Record<keyof Kpis, MessageKey>;
export const kpiKeys = Object.keys(kpiLabel) as (keyof Kpis)[];

/** A KPI's value as the page writes it: a percentage, or SAR per transaction; "—" when it cannot be computed. */
export function useKpiText() {
  const { num } = usePage();
  return (k: keyof Kpis, v: number | null | undefined) =>
    v === null || v === undefined
      ? '—'
      : k === 'cost'
        ? num(v, { style: 'currency', currency: 'SAR', maximumFractionDigits: 2 })
        : num(v, { style: 'percent', maximumFractionDigits: 1 });
}

/** The month in words, in the page's language and digits. */
export const useMonth = () => {
  const { lang } = usePage();
  return (m: string) => monthName(lang, m);
};

/** A missing month, said as missing (never as zero). */
export function Missing() {
  const { t } = usePage();
  return <span class="tag grey">{t('kpi.missing')}</span>;
}

/** Links between the 12- and 24-month views of a page. */
export function WindowLinks({ path, window }: { path: string; window: Window }) {
  const { t, href } = usePage();
  return (
    <p>
      {window === 12 ? (
        <a href={href(`${path}?months=24`)}>{t('kpi.window.show', { months: 24 })}</a>
      ) : (
        <a href={href(`${path}?months=12`)}>{t('kpi.window.show', { months: 12 })}</a>
      )}
    </p>
  );
}

/**
 * Two trend charts with their data tables: the three rates (0–100 %) and the cost per transaction.
 * A missing month is a gap in the line and "missing" in the table, never a zero.
 */
export function TrendCharts(p: {
  id: string;
  months: string[];
  /** Each line; `missing` names the months a series has no figures for (said as missing in the table). */
  series: { name: string; kpi: keyof Kpis; data: (number | null)[]; missing?: Set<string> }[];
}) {
  const { t, lang } = usePage();
  const month = useMonth();
  const text = useKpiText();
  const labels = p.months.map(month);
  const chart = (kind: 'rates' | 'cost') => {
    const series = p.series.filter((s) => (kind === 'cost') === (s.kpi === 'cost'));
    const has = series.some((s) => s.data.some((v) => v !== null));
    const svg = renderSvg(
      {
        ...chartBase(lang),
        legend: { top: 0 },
        // Four names wrap the legend onto a second line (Arabic's are longer): the plot starts below it.
        grid: { containLabel: true, left: 16, right: 16, top: series.length > 2 ? 64 : 32, bottom: 16 },
        xAxis: { type: 'category', data: labels, inverse: lang === 'ar' },
        yAxis:
          kind === 'rates'
            ? { type: 'value', min: 0, max: 100, position: lang === 'ar' ? 'right' : 'left', axisLabel: { formatter: '{value}%' } }
            : { type: 'value', min: 0, position: lang === 'ar' ? 'right' : 'left', ...(has ? {} : { max: 1 }) },
        series: series.map((s) => ({
          type: 'line',
          name: s.name,
          connectNulls: false,
          data: s.data.map((v) => (v === null ? null : kind === 'rates' ? Math.round(v * 1000) / 10 : Math.round(v * 100) / 100)),
        })),
      },
      { width: 720, height: 300 },
      lang,
    );
    return (
      <Chart
        id={`${p.id}-${kind}`}
        title={kind === 'rates' ? t('kpi.chart.rates') : t('kpi.chart.cost')}
        svg={svg}
        lang={lang}
        table={{
          caption: kind === 'rates' ? t('kpi.chart.rates_table') : t('kpi.chart.cost_table'),
          columns: [t('kpi.month'), ...series.map((s) => s.name)],
          rows: p.months.map((m, i) => [labels[i], ...series.map((s) => (s.missing?.has(m) ? t('kpi.missing') : text(s.kpi, s.data[i])))]),
        }}
      />
    );
  };
  return (
    <>
      {chart('rates')}
      {chart('cost')}
    </>
  );
}

/** The four KPIs side by side: the value, and the comparator (national median) under it. */
export function KpiCards(p: { kpis: Kpis; compare?: Kpis; compareLabel?: string }) {
  const { t } = usePage();
  const text = useKpiText();
  return (
    <ul class="cards">
      {kpiKeys.map((k) => (
        <li class="card" key={k}>
          <h2>{t(kpiLabel[k])}</h2>
          <p class="big">{text(k, p.kpis[k])}</p>
          {p.compare ? (
            <p class="muted">
              {p.compareLabel}: {text(k, p.compare[k])}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
