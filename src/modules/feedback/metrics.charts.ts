import { chartBase, type EChartsOption, renderSvg } from '../../platform/charts/charts.tsx';
import type { Lang } from '../../platform/i18n/i18n.ts';

// Server-rendered ECharts SVG for the CX dashboard. Arabic charts run right to left: categories
// start on the right and the value axis sits on that side.

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/**
 * ECharts lays text out for a left-to-right context; inside an Arabic page the SVG would inherit
 * direction: rtl and flip every label's anchor. The chart mirrors itself (inverse axes), so its
 * text keeps LTR anchoring while the Arabic words still read right to left.
 */
const ltr = (svg: string) => svg.replace('<svg ', '<svg direction="ltr" ');

/** CSAT and trust by month, as percentages. */
export function trendSvg(lang: Lang, months: string[], series: { name: string; values: (number | null)[] }[]): string {
  const rtl = lang === 'ar';
  const option: EChartsOption = {
    ...chartBase(lang),
    legend: { top: 0, [rtl ? 'right' : 'left']: 0 },
    xAxis: { type: 'category', data: months, inverse: rtl },
    yAxis: { type: 'value', min: 0, max: 100, position: rtl ? 'right' : 'left', axisLabel: { formatter: '{value}%' } },
    series: series.map((s) => ({ type: 'line', name: s.name, data: s.values.map(pct), connectNulls: false, symbolSize: 6 })),
  };
  return ltr(renderSvg(option, { width: 720, height: 300 }, lang));
}

/** Horizontal bars: the share agreeing, one bar per label, with an optional reference line (the national median). */
export function barsSvg(
  lang: Lang,
  labels: string[],
  values: (number | null)[],
  reference?: { name: string; value: number | null },
): string {
  const rtl = lang === 'ar';
  const option: EChartsOption = {
    ...chartBase(lang),
    grid: { containLabel: true, left: 16, right: 16, top: reference ? 28 : 16, bottom: 16 },
    xAxis: { type: 'value', min: 0, max: 100, inverse: rtl, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: labels, inverse: true, position: rtl ? 'right' : 'left' },
    series: [
      {
        type: 'bar',
        data: values.map(pct),
        barMaxWidth: 22,
        ...(reference?.value != null
          ? {
              markLine: {
                symbol: 'none',
                label: { formatter: reference.name, position: 'start' },
                data: [{ xAxis: pct(reference.value) as number }],
              },
            }
          : {}),
      },
    ],
  };
  return ltr(renderSvg(option, { width: 720, height: Math.max(160, 40 + labels.length * 30) }, lang));
}
