import { Chart, chartBase, renderSvg } from '../../../platform/charts/charts.tsx';
import { Breadcrumbs, Csrf, ErrorSummary, type Errors, Field, Select, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { nationalProgress } from '../progress.service.ts';
import { tracks } from '../training.tables.ts';
import { Head, TrainingLayout, trackLabel, usePct } from './common.tsx';

type Progress = Awaited<ReturnType<typeof nationalProgress>>;

/** The national progress: each agency's trained staff against its target for the year, and the totals. */
export function ProgressPage(p: {
  d: Progress;
  agencies: Map<number, string>;
  canAdminister: boolean;
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, href, num, lang } = usePage();
  const label = useLabel();
  const pct = usePct();
  const rows = [...p.d.rows].sort(
    (a, b) => (b.share ?? -1) - (a.share ?? -1) || (p.agencies.get(a.agencyId) ?? '').localeCompare(p.agencies.get(b.agencyId) ?? ''),
  );
  const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  return (
    <TrainingLayout title={t('training.progress.title')}>
      <Breadcrumbs items={[{ href: '/console/training', label: t('training.title') }, { label: t('training.progress.title') }]} />
      <PageHeading title={t('training.progress.title')} lead={t('training.progress.lead', { year: String(p.d.year) })} />
      <form method="get" action={href('/console/training/progress')} class="filters panel">
        <Field name="year" label={t('training.field.year')} value={String(p.d.year)} inputMode="numeric" />
        <button type="submit" class="button secondary">
          {t('training.show')}
        </button>
      </form>
      <p>
        {t('training.progress.national', {
          trained: num(p.d.total.trained),
          staff: num(p.d.total.staff),
          share: pct(p.d.total.share),
          hours: num(p.d.total.hours),
        })}
      </p>
      <p>
        <a href={`/console/training/progress.csv?year=${p.d.year}&lang=${lang}`}>{t('training.progress.csv')}</a>
        {' · '}
        <a href={`/console/training/progress.xlsx?year=${p.d.year}&lang=${lang}`}>{t('training.progress.xlsx')}</a>
        {' · '}
        <a href={`/console/training/offerings.xlsx?year=${p.d.year}&lang=${lang}`}>{t('training.offerings.xlsx', { year: p.d.year })}</a>
      </p>
      <ProgressCharts d={p.d} rows={rows} agencies={p.agencies} />
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('training.progress.caption', { year: String(p.d.year) })}</caption>
          <Head
            cols={[
              t('training.field.agency'),
              t('training.field.staff'),
              t('training.field.trained'),
              t('training.field.share'),
              t('training.field.target'),
              t('training.field.hours_done'),
              t('training.field.hours_per_employee'),
              t('training.field.hours_target'),
            ]}
          />
          <tbody>
            {rows.map((r) => (
              <tr key={r.agencyId}>
                <th scope="row">{p.agencies.get(r.agencyId) ?? ''}</th>
                <td>{num(r.staff)}</td>
                <td>{num(r.trained)}</td>
                <td>{pct(r.share)}</td>
                <td>
                  {r.target === null ? '—' : pct(r.target / 100)}
                  {r.target !== null && r.share !== null
                    ? ` — ${r.share * 100 >= r.target ? t('training.progress.met') : t('training.progress.below')}`
                    : ''}
                </td>
                <td>{num(r.hours)}</td>
                <td>{r.hoursPerEmployee === null ? '—' : num(r.hoursPerEmployee, { maximumFractionDigits: 1 })}</td>
                <td>
                  {r.hoursTarget === null ? '—' : num(r.hoursTarget)}
                  {r.hoursTarget !== null && r.hoursPerEmployee !== null
                    ? ` — ${r.hoursPerEmployee >= r.hoursTarget ? t('training.progress.met') : t('training.progress.below')}`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.canAdminister ? (
        <>
          <h2>{t('training.target.title')}</h2>
          <ErrorSummary errors={p.errors} />
          <form method="post" action={href('/console/training/progress/targets')} class="panel" novalidate>
            <Csrf />
            <Select
              name="agency_id"
              label={t('training.field.agency')}
              value={str(p.values?.agency_id)}
              errors={p.errors}
              options={[...p.agencies].map(([id, name]) => ({ value: String(id), label: name }))}
              required
            />
            <Field
              name="year"
              label={t('training.field.year')}
              value={str(p.values?.year ?? p.d.year)}
              errors={p.errors}
              inputMode="numeric"
              required
            />
            <Field
              name="target_pct"
              label={t('training.field.target_pct')}
              value={str(p.values?.target_pct)}
              errors={p.errors}
              inputMode="numeric"
              required
            />
            <Field
              name="hours_per_employee"
              label={t('training.field.hours_target')}
              hint={t('training.field.hours_target_hint')}
              value={str(p.values?.hours_per_employee)}
              errors={p.errors}
              inputMode="decimal"
            />
            <fieldset>
              <legend>{t('training.field.track_targets')}</legend>
              <p class="hint">{t('training.field.track_targets_hint')}</p>
              {tracks.map((track) => (
                <Field
                  key={track}
                  name={`track_${track}`}
                  label={label(trackLabel, track)}
                  value={str(p.values?.[`track_${track}`])}
                  errors={p.errors}
                  inputMode="numeric"
                />
              ))}
            </fieldset>
            <button type="submit" class="button">
              {t('training.save')}
            </button>
          </form>
        </>
      ) : null}
    </TrainingLayout>
  );
}

/**
 * The year's progress as SVG charts drawn on the server, each with its numbers as a table: each
 * agency's share of staff trained against its target, and the nation's share against the target
 * its agencies add up to (each agency's target weighted by its staff; agencies without one left out).
 */
function ProgressCharts({ d, rows, agencies }: { d: Progress; rows: Progress['rows']; agencies: Map<number, string> }) {
  const { t, lang } = usePage();
  const pct = usePct();
  const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
  const names = rows.map((r) => agencies.get(r.agencyId) ?? '');
  const shareName = t('training.field.share');
  const targetName = t('training.field.target');
  const axis = { type: 'value' as const, min: 0, max: 100, inverse: lang === 'ar', axisLabel: { formatter: '{value}%' } };
  const agencySvg = renderSvg(
    {
      ...chartBase(lang),
      legend: { top: 0 },
      xAxis: axis,
      yAxis: { type: 'category', data: names, position: lang === 'ar' ? 'right' : 'left', inverse: true },
      series: [
        { type: 'bar', name: shareName, data: rows.map((r) => percent(r.share)) },
        {
          type: 'scatter',
          name: targetName,
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: '#b35c00' },
          data: rows.map((r) => r.target),
        },
      ],
    },
    { width: 720, height: 80 + 36 * Math.max(1, rows.length) },
    lang,
  );
  const targeted = rows.filter((r) => r.target !== null && r.staff > 0);
  const targetStaff = targeted.reduce((s, r) => s + r.staff, 0);
  const nationalTarget = targetStaff ? targeted.reduce((s, r) => s + (r.target ?? 0) * r.staff, 0) / targetStaff / 100 : null;
  const nationalSvg = renderSvg(
    {
      ...chartBase(lang),
      xAxis: axis,
      yAxis: { type: 'category', data: [shareName, targetName], position: lang === 'ar' ? 'right' : 'left', inverse: true },
      series: [
        {
          type: 'bar',
          data: [
            { value: percent(d.total.share), itemStyle: { color: '#13694e' } },
            { value: percent(nationalTarget), itemStyle: { color: '#b35c00' } },
          ],
        },
      ],
    },
    { width: 720, height: 150 },
    lang,
  );
  return (
    <>
      <Chart
        id="national-progress"
        lang={lang}
        title={t('training.progress.chart_national', { year: String(d.year) })}
        svg={nationalSvg}
        table={{
          caption: t('training.progress.chart_national', { year: String(d.year) }),
          columns: [t('training.progress.measure'), t('training.progress.value')],
          rows: [
            [shareName, pct(d.total.share)],
            [targetName, nationalTarget === null ? null : pct(nationalTarget)],
          ],
        }}
      />
      {rows.length ? (
        <Chart
          id="agency-progress"
          lang={lang}
          title={t('training.progress.chart_agencies', { year: String(d.year) })}
          svg={agencySvg}
          table={{
            caption: t('training.progress.chart_agencies', { year: String(d.year) }),
            columns: [t('training.field.agency'), shareName, targetName],
            rows: rows.map((r, i) => [names[i], pct(r.share), r.target === null ? null : pct(r.target / 100)]),
          }}
        />
      ) : null}
      <HoursChart d={d} rows={rows} names={names} />
      <TracksChart d={d} rows={rows} agencies={agencies} />
    </>
  );
}

/** Hours of completed programmes per member of staff in each agency, against the agency's target. */
function HoursChart({ d, rows, names }: { d: Progress; rows: Progress['rows']; names: string[] }) {
  const { t, lang, num } = usePage();
  const staffed = rows.map((r, i) => ({ r, name: names[i] })).filter((x) => x.r.staff > 0);
  if (!staffed.length) return null;
  const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  const valueName = t('training.field.hours_per_employee');
  const targetName = t('training.field.hours_target');
  const svg = renderSvg(
    {
      ...chartBase(lang),
      legend: { top: 0 },
      xAxis: { type: 'value', min: 0, inverse: lang === 'ar' },
      yAxis: { type: 'category', data: staffed.map((x) => x.name), position: lang === 'ar' ? 'right' : 'left', inverse: true },
      series: [
        { type: 'bar', name: valueName, data: staffed.map((x) => round1(x.r.hoursPerEmployee)) },
        {
          type: 'scatter',
          name: targetName,
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: '#b35c00' },
          data: staffed.map((x) => x.r.hoursTarget),
        },
      ],
    },
    { width: 720, height: 80 + 36 * staffed.length },
    lang,
  );
  const title = t('training.progress.chart_hours', { year: String(d.year) });
  return (
    <Chart
      id="hours-progress"
      lang={lang}
      title={title}
      svg={svg}
      table={{
        caption: title,
        columns: [t('training.field.agency'), valueName, targetName],
        rows: staffed.map((x) => [
          x.name,
          x.r.hoursPerEmployee === null ? null : num(x.r.hoursPerEmployee, { maximumFractionDigits: 1 }),
          x.r.hoursTarget === null ? null : num(x.r.hoursTarget),
        ]),
      }}
    />
  );
}

/** The share of each agency's staff trained on each track it has a target for, against that target. */
function TracksChart({ d, rows, agencies }: { d: Progress; rows: Progress['rows']; agencies: Map<number, string> }) {
  const { t, lang, num } = usePage();
  const label = useLabel();
  const pct = usePct();
  const title = t('training.progress.chart_tracks', { year: String(d.year) });
  const pairs = rows.flatMap((r) => r.tracks.map((x) => ({ agency: agencies.get(r.agencyId) ?? '', ...x })));
  if (!pairs.length)
    return (
      <>
        <h2>{t('training.progress.tracks_title', { year: String(d.year) })}</h2>
        <p>{t('training.progress.tracks_none')}</p>
      </>
    );
  const names = pairs.map((x) => `${x.agency} — ${label(trackLabel, x.track)}`);
  const shareName = t('training.field.share');
  const targetName = t('training.field.target');
  const svg = renderSvg(
    {
      ...chartBase(lang),
      legend: { top: 0 },
      xAxis: { type: 'value', min: 0, max: 100, inverse: lang === 'ar', axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: names, position: lang === 'ar' ? 'right' : 'left', inverse: true },
      series: [
        { type: 'bar', name: shareName, data: pairs.map((x) => (x.share === null ? null : Math.round(x.share * 1000) / 10)) },
        {
          type: 'scatter',
          name: targetName,
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: '#b35c00' },
          data: pairs.map((x) => x.target),
        },
      ],
    },
    { width: 720, height: 80 + 36 * pairs.length },
    lang,
  );
  return (
    <Chart
      id="track-progress"
      lang={lang}
      title={title}
      svg={svg}
      table={{
        caption: title,
        columns: [t('training.field.agency'), t('training.field.track'), t('training.field.trained'), shareName, targetName],
        rows: pairs.map((x) => [x.agency, label(trackLabel, x.track), num(x.trained), pct(x.share), pct(x.target / 100)]),
      }}
    />
  );
}
