import type { ComponentChildren } from 'preact';
import { hijriDayNumber, monthName } from '../../../platform/i18n/dates.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, DataTable, Field, FilterForm, Select } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { Figure, Section, SeriesPoint } from '../reports.panels.ts';
import { reportsPolicy } from '../reports.policy.ts';
import { bySection, type LoadedPanel, type PeriodForm } from '../reports.service.ts';

export const sectionLabel = {
  loop: 'reports.section.loop',
  transformation: 'reports.section.transformation',
  plan: 'reports.section.plan',
  capability: 'reports.section.capability',
  catalog: 'reports.section.catalog',
  services: 'reports.section.services',
} as const satisfies Record<Section, string>;

/** A figure's value in the page's language and digits. */
export function useValue() {
  const { t, num } = usePage();
  return (unit: Figure['unit'], v: number | null | undefined, signed = false): string => {
    if (v === null || v === undefined) return '—';
    const sign: Intl.NumberFormatOptions = signed ? { signDisplay: 'exceptZero' } : {};
    switch (unit) {
      case 'ratio':
        return num(v, { style: 'percent', maximumFractionDigits: 1, ...sign });
      case 'sar':
        return t('reports.sar', { value: num(v, { maximumFractionDigits: 2, ...sign }) });
      case 'per1000':
        return t('reports.per1000', { value: num(v, { maximumFractionDigits: 1, ...sign }) });
      case 'hours':
        return t('reports.hours', { value: num(v, { maximumFractionDigits: 1, ...sign }) });
      default:
        return num(v, { maximumFractionDigits: 1, ...sign });
    }
  };
}

function usePointName() {
  const { t, lang } = usePage();
  return (p: SeriesPoint) => (p.name ? p.name[lang] || p.name.en : p.translate ? t(p.label as never) : monthName(lang, p.label));
}

/** Horizontal bars drawn as SVG (mirrored in Arabic), always beside the table that holds the same data. */
function Bars({ figure, points }: { figure: Figure; points: SeriesPoint[] }) {
  const { t, dir } = usePage();
  const value = useValue();
  const max = Math.max(...points.map((p) => Math.abs(p.value)), 0) || 1;
  const row = 22;
  const width = 320;
  const labelRoom = 90;
  const bar = (v: number) => Math.max(1, ((width - labelRoom) * Math.abs(v)) / max);
  return (
    <svg
      class="report-chart"
      role="img"
      aria-label={t('reports.chart', { figure: t(figure.label) })}
      viewBox={`0 0 ${width} ${points.length * row}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      {points.map((p, i) => {
        const w = bar(p.value);
        const x = dir === 'rtl' ? width - w : 0;
        return (
          <g key={p.label}>
            <rect x={x} y={i * row + 3} width={w} height={row - 8} fill={p.value < 0 ? '#b3261e' : '#1b6e4b'} />
            <text
              x={dir === 'rtl' ? width - w - 4 : w + 4}
              y={i * row + row / 2 + 3}
              font-size="11"
              text-anchor={dir === 'rtl' ? 'end' : 'start'}
              direction={dir}
            >
              {value(figure.unit, p.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A figure's breakdown: the chart and its data table. */
function Series({ figure }: { figure: Figure }) {
  const { t } = usePage();
  const value = useValue();
  const name = usePointName();
  const points = figure.series ?? [];
  if (!points.length) return null;
  const unit = figure.seriesUnit ?? figure.unit;
  return (
    <details class="report-series">
      <summary>{t('reports.table', { figure: t(figure.label) })}</summary>
      <Bars figure={{ ...figure, unit }} points={points} />
      <DataTable
        caption={t('reports.table', { figure: t(figure.label) })}
        headers={[t('reports.col.item'), t('reports.col.value')]}
        empty={false}
      >
        {points.map((p) => (
          <tr key={p.label}>
            <th scope="row">{name(p)}</th>
            <td class="num">{value(unit, p.value)}</td>
          </tr>
        ))}
      </DataTable>
    </details>
  );
}

/** The figure's name, a link to its detail page when the viewer may open it. */
function FigureName({ figure }: { figure: Figure }) {
  const { t, href } = usePage();
  return figure.href ? <a href={href(figure.href)}>{t(figure.label)}</a> : t(figure.label);
}

function FigureCard({ figure }: { figure: Figure }) {
  const { t } = usePage();
  const value = useValue();
  const trendUnit = figure.unit;
  return (
    <li class="card report-figure" data-figure={figure.id}>
      <h4>
        <FigureName figure={figure} />
      </h4>
      <span class="stat">{value(figure.unit, figure.value)}</span>
      {figure.trend !== undefined ? (
        <p class="muted">
          {figure.trend === null ? t('reports.trend.none') : t('reports.trend', { change: value(trendUnit, figure.trend, true) })}
        </p>
      ) : null}
      <Series figure={figure} />
    </li>
  );
}

function ReportsLayout({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <Layout title={title} nav="/console/reports">
      {children}
    </Layout>
  );
}

function Filters({
  action,
  form,
  agencies,
  tracks,
}: {
  action: string;
  form: PeriodForm;
  agencies?: Agency[];
  tracks: { id: number; name: { ar: string; en: string } }[];
}) {
  const { t, lang, num } = usePage();
  const hijriMonth = (m: number) => {
    const day = hijriDayNumber(form.year, m, 15);
    return day === null
      ? num(m)
      : new Intl.DateTimeFormat(`${lang}-u-ca-islamic-umalqura`, { month: 'long', timeZone: 'UTC' }).format(day * 86_400_000);
  };
  const months = Array.from({ length: 12 }, (_, i) => i + 1).map((m) => ({
    value: String(m),
    label: form.cal === 'hijri' ? hijriMonth(m) : monthName(lang, `${form.year}-${String(m).padStart(2, '0')}`),
  }));
  const seen = new Set<number>();
  return (
    <FilterForm action={action}>
      <Select
        name="cal"
        label={t('reports.filter.calendar')}
        value={form.cal}
        options={[
          { value: 'gregorian', label: t('reports.filter.gregorian') },
          { value: 'hijri', label: t('reports.filter.hijri') },
        ]}
      />
      <Field name="year" label={t('reports.filter.year')} type="number" inputMode="numeric" value={form.year} min={1350} max={2130} />
      <Select
        name="month"
        label={t('reports.filter.month')}
        value={form.month ?? ''}
        blank={t('reports.filter.whole_year')}
        options={months}
      />
      {agencies ? (
        <Select
          name="agency"
          label={t('reports.filter.agency')}
          value={form.agency ?? ''}
          blank={t('reports.filter.all')}
          options={agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
        />
      ) : null}
      {tracks.length ? (
        <Select
          name="track"
          label={t('reports.filter.track')}
          value={form.track ?? ''}
          blank={t('reports.filter.all')}
          options={tracks
            .filter((x) => !seen.has(x.id) && seen.add(x.id))
            .map((x) => ({ value: String(x.id), label: x.name[lang] || x.name.en }))}
        />
      ) : null}
    </FilterForm>
  );
}

function PeriodLine({ form, period }: { form: PeriodForm; period: { from: string; to: string } }) {
  const { t, date } = usePage();
  const last = new Date(new Date(period.to).getTime() - 86_400_000).toISOString();
  const show = (iso: string) => (form.cal === 'hijri' ? date(iso).hijri : date(iso).gregorian);
  return <p class="muted">{t('reports.period', { from: show(period.from), to: show(last) })}</p>;
}

export function DashboardPage(p: {
  form: PeriodForm;
  period: { from: string; to: string };
  panels: LoadedPanel[];
  tracks: { id: number; name: { ar: string; en: string } }[];
  agencies: Agency[];
}) {
  const { t, lang, href } = usePage();
  const sections = bySection(p.panels);
  return (
    <ReportsLayout title={t('reports.title')}>
      <PageHeading title={t('reports.title')} lead={t('reports.lead')} />
      <p>
        <a href={href('/console/reports/archive')}>{t('reports.archive.link')}</a>
      </p>
      <Filters action="/console/reports" form={p.form} agencies={p.agencies} tracks={p.tracks} />
      <PeriodLine form={p.form} period={p.period} />
      {sections.length ? null : <p>{t('reports.none')}</p>}
      {sections.map((s) => (
        <section key={s.section} aria-labelledby={`section-${s.section}`}>
          <h2 id={`section-${s.section}`}>{t(sectionLabel[s.section])}</h2>
          {s.panels.map((panel) => (
            <div key={panel.module} class="report-panel">
              <h3>{t(panel.title)}</h3>
              {panel.figures.length ? (
                <ul class="grid cards">
                  {panel.figures.map((f) => (
                    <FigureCard key={f.id} figure={f} />
                  ))}
                </ul>
              ) : (
                <p class="muted">{t('reports.none')}</p>
              )}
            </div>
          ))}
        </section>
      ))}
      <h2>{t('reports.scorecards')}</h2>
      <ul class="report-agencies">
        {p.agencies.map((a) => (
          <li key={a.id}>
            <a href={href(`/console/reports/agencies/${a.id}`)}>{pick(lang, a, 'name')}</a>
          </li>
        ))}
      </ul>
    </ReportsLayout>
  );
}

export function ScorecardPage(p: {
  form: PeriodForm;
  period: { from: string; to: string };
  agency: Agency;
  panels: LoadedPanel[];
  medians: Map<string, number | null>;
  agencies: Agency[];
}) {
  const { t, lang, actor } = usePage();
  const value = useValue();
  const name = pick(lang, p.agency, 'name');
  const title = t('reports.scorecard.title', { agency: name });
  return (
    <ReportsLayout title={title}>
      {reportsPolicy.national(actor) ? (
        <Breadcrumbs items={[{ href: '/console/reports', label: t('reports.title') }, { label: name }]} />
      ) : null}
      <PageHeading title={title} lead={t('reports.scorecard.lead')} />
      <Filters action={`/console/reports/agencies/${p.agency.id}`} form={p.form} tracks={p.panels.flatMap((x) => x.tracks ?? [])} />
      <PeriodLine form={p.form} period={p.period} />
      {p.panels.length ? null : <p>{t('reports.none')}</p>}
      {bySection(p.panels).map((s) => (
        <section key={s.section} aria-labelledby={`section-${s.section}`}>
          <h2 id={`section-${s.section}`}>{t(sectionLabel[s.section])}</h2>
          {s.panels.map((panel) => (
            <div key={panel.module} class="report-panel">
              <DataTable
                caption={t(panel.title)}
                headers={[t(panel.title), t('reports.col.agency'), t('reports.col.median')]}
                empty={false}
              >
                {panel.figures.map((f) => (
                  <tr key={f.id} data-figure={f.id}>
                    <th scope="row">
                      <FigureName figure={f} />
                    </th>
                    <td class="num">{value(f.unit, f.value)}</td>
                    <td class="num">{value(f.unit, p.medians.get(f.id))}</td>
                  </tr>
                ))}
              </DataTable>
              {panel.figures.map((f) => (
                <Series key={f.id} figure={f} />
              ))}
            </div>
          ))}
        </section>
      ))}
    </ReportsLayout>
  );
}
