import { chartBase, type EChartsOption, renderSvg } from '../../../platform/charts/charts.tsx';
import type { Lang } from '../../../platform/i18n/i18n.ts';

// Chart options for the national view, the scorecard and the report, rendered to SVG on the
// server. Arabic charts read right to left: categories on the right, bars growing leftwards.

const rtl = (lang: Lang) => lang === 'ar';
const WIDTH = 720;

/** Horizontal bars, one per label, on 0..max. */
export function barsSvg(lang: Lang, rows: { label: string; value: number | null }[], max: number, opts: { color?: string } = {}): string {
  const height = Math.max(120, rows.length * 26 + 50);
  const option: EChartsOption = {
    ...chartBase(lang),
    grid: { containLabel: true, left: 16, right: 24, top: 16, bottom: 16 },
    xAxis: { type: 'value', min: 0, max, inverse: rtl(lang) },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      inverse: true,
      position: rtl(lang) ? 'right' : 'left',
      axisLabel: { width: 220, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.value),
        itemStyle: opts.color ? { color: opts.color } : undefined,
        label: { show: true, position: rtl(lang) ? 'left' : 'right', fontSize: 11 },
      },
    ],
  };
  return leaner(renderSvg(option, { width: WIDTH, height }, lang));
}

/** Vertical bars of how many agencies are at each stage. */
export function stagesSvg(lang: Lang, rows: { label: string; count: number }[]): string {
  const option: EChartsOption = {
    ...chartBase(lang),
    xAxis: { type: 'category', data: rows.map((r) => r.label), inverse: rtl(lang) },
    yAxis: { type: 'value', minInterval: 1, position: rtl(lang) ? 'right' : 'left' },
    series: [{ type: 'bar', data: rows.map((r) => r.count), label: { show: true, position: 'top' } }],
  };
  return leaner(renderSvg(option, { width: WIDTH, height: 280 }, lang));
}

/** Perspectives (columns) by agencies (rows), coloured by score. */
export function heatmapSvg(lang: Lang, agencies: string[], columns: string[], cells: (number | null)[][], max: number): string {
  const data: [number, number, number | string][] = [];
  cells.forEach((row, y) => {
    row.forEach((v, x) => {
      data.push([x, y, v === null ? '-' : Math.round(v * 10) / 10]);
    });
  });
  const option: EChartsOption = {
    ...chartBase(lang),
    grid: { containLabel: true, left: 16, right: 16, top: 16, bottom: 70 },
    xAxis: {
      type: 'category',
      data: columns,
      inverse: rtl(lang),
      position: 'top',
      // Column names wrap onto several lines within their column instead of being cut («…البنية ا»);
      // the chart widens with the columns, so each has room for whole words.
      axisLabel: { interval: 0, width: COLUMN - 12, overflow: 'break', lineHeight: 14 },
    },
    yAxis: {
      type: 'category',
      data: agencies,
      inverse: true,
      position: rtl(lang) ? 'right' : 'left',
      axisLabel: { width: 220, overflow: 'truncate' },
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 8,
      inRange: { color: ['#fbeceb', '#fff4d6', '#e3f1eb', '#13694e'] },
    },
    series: [{ type: 'heatmap', data, label: { show: true, fontSize: 10 } }],
  };
  return leaner(
    renderSvg(option, { width: Math.max(WIDTH, 260 + columns.length * COLUMN), height: Math.max(160, agencies.length * 22 + 130) }, lang),
  );
}

const leanCache = new Map<string, string>();

/**
 * The same picture in fewer bytes: the font family every text repeats is said once on the <svg>
 * (texts inherit it), and what only served the browser-side renderer goes (classes of the style
 * block the platform removes, pointer events, xml:space on single-line labels). A heat map of 50
 * agencies shrinks by about a third. Cached, as renderSvg is, by the SVG it was given.
 */
export function leaner(svg: string): string {
  const hit = leanCache.get(svg);
  if (hit) return hit;
  const family = / font-family="([^"]*)"/.exec(svg)?.[1];
  let out = svg
    .replace(/ class="zr\d*-cls-\d+"/g, '')
    .replace(/ pointer-events="visible"/g, '')
    .replace(/ xml:space="preserve"/g, '');
  if (family) {
    out = out.replaceAll(` font-family="${family}"`, '').replace(/^<svg\b/, `<svg font-family="${family}"`);
  }
  if (leanCache.size >= 50) leanCache.delete(leanCache.keys().next().value as string);
  leanCache.set(svg, out);
  return out;
}
/** A heat-map column's width: room for whole words of a perspective's name (the server-side renderer allows 12 px a letter). */
const COLUMN = 170;

/** Score changes since the previous round: rises in green, falls in red. */
export function moversSvg(lang: Lang, rows: { label: string; delta: number }[]): string {
  const option: EChartsOption = {
    ...chartBase(lang),
    grid: { containLabel: true, left: 16, right: 24, top: 16, bottom: 16 },
    xAxis: { type: 'value', inverse: rtl(lang) },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      inverse: true,
      position: rtl(lang) ? 'right' : 'left',
      axisLabel: { width: 220, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => ({ value: Math.round(r.delta * 100) / 100, itemStyle: { color: r.delta >= 0 ? '#13694e' : '#b3261e' } })),
        label: { show: true, fontSize: 11 },
      },
    ],
  };
  return leaner(renderSvg(option, { width: WIDTH, height: Math.max(120, rows.length * 26 + 50) }, lang));
}

/** An agency's perspectives beside the national average. */
export function comparisonSvg(
  lang: Lang,
  rows: { label: string; agency: number | null; national: number | null }[],
  names: [string, string],
  max: number,
): string {
  const option: EChartsOption = {
    ...chartBase(lang),
    legend: { top: 0, data: names },
    grid: { containLabel: true, left: 16, right: 24, top: 36, bottom: 16 },
    xAxis: { type: 'value', min: 0, max, inverse: rtl(lang) },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      inverse: true,
      position: rtl(lang) ? 'right' : 'left',
      axisLabel: { width: 200, overflow: 'truncate' },
    },
    series: [
      { name: names[0], type: 'bar', data: rows.map((r) => (r.agency === null ? null : Math.round(r.agency * 100) / 100)) },
      { name: names[1], type: 'bar', data: rows.map((r) => (r.national === null ? null : Math.round(r.national * 100) / 100)) },
    ],
  };
  return renderSvg(option, { width: WIDTH, height: Math.max(160, rows.length * 48 + 60) }, lang);
}
