import { createRequire } from 'node:module';
import type { ComponentChildren } from 'preact';
import { formatNumber, type Lang } from '../i18n/i18n.ts';

type ECharts = typeof import('echarts');
export type EChartsOption = Parameters<ReturnType<ECharts['init']>['setOption']>[0];

// echarts ships CommonJS-style typings (`export =`), which NodeNext will not name-import. It is
// required on the first chart rendered, not when the app is imported (about 2 s to load), so a node
// or a test process that draws no chart never pays for it; rendering stays synchronous.
let loadedEcharts: ECharts | undefined;
const echarts = (): ECharts => {
  loadedEcharts ??= createRequire(import.meta.url)('echarts') as ECharts;
  return loadedEcharts;
};

/** Loads the chart library now: `yusr serve` does before it listens, so no visitor waits on the first chart. */
export const loadCharts = (): void => void echarts();

const cache = new Map<string, string>();
const CACHE_LIMIT = 200;

/** Fonts and direction every chart shares; Arabic charts read right to left. */
export function chartBase(lang: Lang): EChartsOption {
  return {
    animation: false,
    textStyle: {
      fontFamily: lang === 'ar' ? 'Noto Naskh Arabic, Noto Sans Arabic, Tahoma, sans-serif' : 'system-ui, Segoe UI, Roboto, sans-serif',
      fontSize: 13,
      color: '#1b1f23',
    },
    color: ['#13694e', '#1d4f91', '#b35c00', '#6b3fa0', '#8a6100', '#454c53'],
    grid: { containLabel: true, left: 16, right: 16, top: 32, bottom: 16 },
  };
}

/**
 * Renders an ECharts option to an SVG string on the server (no browser, no script), cached by the
 * option's content: the same chart in a page, an email or a PDF costs one render.
 */
export function renderSvg(option: EChartsOption, size: { width: number; height: number }, lang: Lang): string {
  const key = `${lang}:${size.width}x${size.height}:${JSON.stringify(option)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  chart.setOption(option);
  const svg = localDigits(lang, presentationAttributes(chart.renderToSVGString()));
  chart.dispose();
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, svg);
  return svg;
}

/**
 * ECharts writes numbers with Latin digits; an Arabic chart shows them as the rest of the page does
 * (Arabic-Indic digits, ٫ as the decimal point, ٪), in its text only — never inside entities or markup.
 */
export function localDigits(lang: Lang, svg: string): string {
  if (lang !== 'ar') return svg;
  return svg.replace(/(<text\b[^>]*>)([^<]*)(<\/text>)/g, (_m, open: string, body: string, close: string) => {
    const local = body.replace(/&[#a-zA-Z0-9]+;|(\d)\.(?=\d)|[0-9%]/g, (t: string, before?: string) => {
      if (t.startsWith('&')) return t;
      if (before !== undefined) return `${String.fromCharCode(0x660 + Number(before))}\u066B`;
      // As Intl writes it: ٪ then an Arabic letter mark, so it stands left of the number as in the tables.
      if (t === '%') return '\u066A\u061C';
      return String.fromCharCode(0x660 + Number(t));
    });
    return open + local + close;
  });
}

const PRESENTATION = new Set([
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'opacity',
  'text-anchor',
  'dominant-baseline',
]);

/**
 * ECharts writes text styles as inline `style` attributes (and hover styles as a <style> block), which the pages' content security policy
 * (no inline styles) would drop; SVG accepts the same properties as presentation attributes.
 */
export function presentationAttributes(svg: string): string {
  // Its <style> block only styles hover states, which a server-rendered chart does not have.
  return svg.replace(/<style[^>]*>[\s\S]*?<\/style>/g, '').replace(/ style="([^"]*)"/g, (_m, css: string) =>
    css
      .split(';')
      .map((decl) => decl.split(':').map((x) => x.trim()))
      .filter(([k, v]) => k && v && PRESENTATION.has(k))
      .map(([k, v]) => ` ${k}="${v.replace(/"/g, "'")}"`)
      .join(''),
  );
}

export interface ChartTable {
  caption: string;
  columns: string[];
  rows: (string | number | null)[][];
}

/**
 * A chart for sighted readers with its data as a table for everyone else: the SVG is hidden from
 * assistive technology, the table carries the same numbers in the page's language.
 */
export function Chart({
  id,
  title,
  svg,
  table,
  lang,
  note,
}: {
  id: string;
  title: string;
  svg: string;
  table: ChartTable;
  lang: Lang;
  note?: ComponentChildren;
}) {
  const cell = (v: string | number | null) => (v === null ? '—' : typeof v === 'number' ? formatNumber(lang, v) : v);
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div class="chart-svg" aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />
      {note}
      <div class="table-wrap" tabIndex={0}>
        <table class="chart-data">
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th scope="col" key={i}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i}>
                {r.map((v, j) =>
                  j === 0 ? (
                    <th scope="row" key={j}>
                      {cell(v)}
                    </th>
                  ) : (
                    <td class="num" key={j}>
                      {cell(v)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
