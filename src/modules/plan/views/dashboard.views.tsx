import { Chart, chartBase, renderSvg } from '../../../platform/charts/charts.tsx';
import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { dashboard, RatingCounts } from '../followup.service.ts';
import { type Rating, ratings } from '../plan.tables.ts';
import { Day, Head, nameOf, PlanLayout, RatingTag, ReportStatusTag, ratingLabel, usePct } from './common.tsx';
import { RiskTable } from './risks.views.tsx';

type Dashboard = Awaited<ReturnType<typeof dashboard>>;
const colours: Record<Rating | 'unrated', string> = {
  green: '#13694e',
  amber_green: '#5f8a1f',
  amber: '#b35c00',
  amber_red: '#c2410c',
  red: '#b3261e',
  unrated: '#8a9199',
};

export function DashboardPage(p: { d: Dashboard; agencies: Map<number, Agency> }) {
  const { t, lang, href, num } = usePage();
  const label = useLabel();
  const pct = usePct();
  const { d } = p;
  const plan = d.figures.plan;
  const columns = [...ratings, 'unrated'] as const;
  const columnLabel = (c: (typeof columns)[number]) => (c === 'unrated' ? t('plan.rating.none') : label(ratingLabel, c));
  const trackNames = d.byTrack.map((x) => nameOf(lang, x.track));
  const svg = renderSvg(
    {
      ...chartBase(lang),
      legend: { top: 0 },
      // An axis whose values are all 0 needs a maximum, or ECharts never finishes placing its ticks.
      xAxis: {
        type: 'value',
        inverse: lang === 'ar',
        minInterval: 1,
        ...(d.byTrack.some((x) => columns.some((c) => x.counts[c] > 0)) ? {} : { max: 1 }),
      },
      yAxis: { type: 'category', data: trackNames, position: lang === 'ar' ? 'right' : 'left', inverse: true },
      series: columns.map((c) => ({
        type: 'bar',
        stack: 'n',
        name: columnLabel(c),
        itemStyle: { color: colours[c] },
        data: d.byTrack.map((x) => x.counts[c]),
      })),
    },
    { width: 720, height: 80 + 44 * Math.max(1, trackNames.length) },
    lang,
  );
  const row = (name: string, c: RatingCounts) => [name, ...columns.map((k) => c[k])];
  return (
    <PlanLayout title={t('plan.dashboard.title')}>
      <Breadcrumbs
        items={[
          { href: '/console/plans', label: t('plan.title') },
          { href: `/console/plans/${plan.id}`, label: nameOf(lang, plan) },
          { label: t('plan.dashboard.title') },
        ]}
      />
      <PageHeading title={t('plan.dashboard.title')} caption={nameOf(lang, plan)} lead={t('plan.dashboard.lead')} />
      <ul class="cards">
        <li class="card">
          <h2>{t('plan.dashboard.progress')}</h2>
          <p class="big">{pct(d.figures.progress.value)}</p>
          <p>{t('plan.dashboard.planned', { planned: pct(d.figures.planned.value) })}</p>
        </li>
        <li class="card">
          <h2>{t('plan.dashboard.late')}</h2>
          <p class="big">{num(d.late.length)}</p>
        </li>
        <li class="card">
          <h2>{t('plan.dashboard.at_risk')}</h2>
          <p class="big">{num(d.atRisk.length)}</p>
        </li>
        <li class="card">
          <h2>{t('plan.dashboard.risks')}</h2>
          <p class="big">{num(d.risks.length)}</p>
        </li>
        <li class="card">
          <h2>{t('plan.dashboard.pending')}</h2>
          <p class="big">{num(d.pending)}</p>
        </li>
      </ul>
      <Chart
        id="plan-by-track"
        title={t('plan.dashboard.by_track')}
        svg={svg}
        lang={lang}
        table={{
          caption: t('plan.dashboard.by_track'),
          columns: [t('plan.field.track'), ...columns.map(columnLabel)],
          rows: d.byTrack.map((x) => row(nameOf(lang, x.track), x.counts)),
        }}
      />
      <div class="table-wrap" tabIndex={0}>
        <table class="chart-data">
          <caption>{t('plan.dashboard.by_agency')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.field.owner')}</th>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {columnLabel(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.byAgency.map((x) => {
              const a = p.agencies.get(x.agencyId);
              return (
                <tr key={x.agencyId}>
                  <th scope="row">{a ? pick(lang, a, 'name') : '—'}</th>
                  {columns.map((c) => (
                    <td class="num" key={c}>
                      {num(x.counts[c])}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2>{t('plan.dashboard.late')}</h2>
      {d.late.length === 0 ? (
        <p>{t('plan.dashboard.late_none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('plan.dashboard.late')}</caption>
            <Head
              cols={[
                t('plan.field.initiative'),
                t('plan.field.owner'),
                t('plan.field.period_code'),
                t('plan.field.due_on'),
                t('plan.field.status'),
              ]}
            />
            <tbody>
              {d.late.map((x) => {
                const a = p.agencies.get(x.initiative.owner_agency_id);
                return (
                  <tr key={`${x.initiative.id}-${x.period.id}`}>
                    <th scope="row">
                      <a href={href(`/console/plans/initiatives/${x.initiative.id}/reports/${x.period.id}`)}>
                        <span class="ltr">{x.initiative.code}</span> {nameOf(lang, x.initiative)}
                      </a>
                    </th>
                    <td>{a ? pick(lang, a, 'name') : '—'}</td>
                    <td class="ltr">{x.period.code}</td>
                    <td>
                      <Day value={x.period.due_on} />
                    </td>
                    <td>
                      <ReportStatusTag status={x.status} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('plan.dashboard.at_risk')}</h2>
      {d.atRisk.length === 0 ? (
        <p>{t('plan.dashboard.at_risk_none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('plan.dashboard.at_risk')}</caption>
            <Head
              cols={[
                t('plan.field.initiative'),
                t('plan.field.owner'),
                t('plan.field.slip'),
                t('plan.field.progress'),
                t('plan.field.overall'),
              ]}
            />
            <tbody>
              {d.atRisk.map((l) => {
                const a = p.agencies.get(l.initiative.owner_agency_id);
                return (
                  <tr key={l.initiative.id}>
                    <th scope="row">
                      <a href={href(`/console/plans/initiatives/${l.initiative.id}`)}>
                        <span class="ltr">{l.initiative.code}</span> {nameOf(lang, l.initiative)}
                      </a>
                    </th>
                    <td>{a ? pick(lang, a, 'name') : '—'}</td>
                    <td class="num">{t('plan.days', { count: l.figures.slipDays })}</td>
                    <td class="num">{pct(l.figures.progress)}</td>
                    <td>
                      <RatingTag rating={l.figures.overall} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('plan.dashboard.risks')}</h2>
      <p class="hint">{t('plan.dashboard.risks_lead')}</p>
      {d.risks.length === 0 ? (
        <p>{t('plan.dashboard.risks_none')}</p>
      ) : (
        <RiskTable caption={t('plan.dashboard.risks')} entries={d.risks} canEdit={() => false} />
      )}
      <p>
        <a href={href(`/console/plans/${plan.id}/risks`)}>{t('plan.risk.plan_link')}</a>
      </p>
    </PlanLayout>
  );
}
