import type { MessageKey } from '../../../messages.ts';
import { Breadcrumbs } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import { daysBetween, expectedEnd } from '../baselines.ts';
import type { InitiativeRow, MilestoneRow, PlanRow } from '../plan.repo.ts';
import { barGeometry, type MilestoneState, milestoneState, spanOf, yearTicks } from '../timeline.ts';
import { Day, Head, nameOf, PlanLayout } from './common.tsx';

// The plan's timeline: each initiative's planned bar and its forecast (or actual) bar, as an SVG drawn
// from the page's reading side (right to left in Arabic), with each milestone as a diamond on its
// initiative's row (hollow: planned; filled: done, late or expected), and the same figures in tables beneath.

const GUTTER = 110;
const AXIS = 880;
const ROW = 30;
const HEAD = 28;

const stateLabel = {
  done: 'plan.timeline.ms_state.done',
  done_late: 'plan.timeline.ms_state.done_late',
  late: 'plan.timeline.ms_state.late',
  on_track: 'plan.timeline.ms_state.on_track',
} as const satisfies Record<MilestoneState, MessageKey>;
const stateFill: Record<MilestoneState, string> = { done: '#13694e', done_late: '#b35c00', late: '#b3261e', on_track: '#1f6f8b' };

/** A diamond centred on (x, y), `r` from its centre to each corner. */
const diamond = (x: number, y: number, r: number) => `${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}`;

/** An initiative's forecast span: its actual dates where it has them, else planned start and forecast end. */
const forecastOf = (i: InitiativeRow) => ({ from: i.actual_start ?? i.planned_start, to: i.actual_end ?? expectedEnd(i) });

export function TimelinePage(p: { plan: PlanRow; initiatives: InitiativeRow[]; milestones: MilestoneRow[]; today: string }) {
  const { t, href, lang, num } = usePage();
  const rtl = lang === 'ar';
  const rows = p.initiatives;
  const range = spanOf([
    { from: p.plan.period_from, to: p.plan.period_to },
    ...rows.map((i) => ({ from: i.planned_start, to: i.planned_end })),
    ...rows.map(forecastOf),
    ...p.milestones.flatMap((m) => {
      const { day } = milestoneState(m, p.today);
      return [
        { from: m.planned_date, to: m.planned_date },
        { from: day, to: day },
      ];
    }),
  ]) as { from: string; to: string };
  const width = GUTTER + AXIS + 10;
  const height = HEAD + rows.length * ROW + 10;
  // The axis sits after the gutter on the reading side: left of it in English, right of it in Arabic.
  const axisStart = rtl ? 10 : GUTTER;
  const bar = (from: string, to: string) => {
    const g = barGeometry({ from, to }, range, AXIS, rtl);
    return { x: axisStart + g.x, width: g.width };
  };
  const at = (day: string) => {
    const g = barGeometry({ from: day, to: day }, range, AXIS, rtl);
    return axisStart + (rtl ? g.x + g.width : g.x);
  };
  const slip = (i: InitiativeRow) => daysBetween(i.planned_end, forecastOf(i).to);
  const showToday = p.today >= range.from && p.today <= range.to;
  const milestonesOf = (id: number) => p.milestones.filter((m) => m.initiative_id === id);
  const byId = new Map(rows.map((i) => [i.id, i]));
  const listed = p.milestones.filter((m) => byId.has(m.initiative_id));
  return (
    <PlanLayout title={t('plan.timeline.title')}>
      <Breadcrumbs
        items={[
          { href: '/console/plans', label: t('plan.title') },
          { href: `/console/plans/${p.plan.id}`, label: nameOf(lang, p.plan) },
          { label: t('plan.timeline.title') },
        ]}
      />
      <PageHeading title={t('plan.timeline.title')} caption={nameOf(lang, p.plan)} />
      <p>{t('plan.timeline.lead')}</p>
      {rows.length === 0 ? (
        <p>{t('plan.initiatives.none')}</p>
      ) : (
        <>
          <figure class="plan-timeline">
            <div class="table-wrap" tabIndex={0}>
              <svg
                viewBox={`0 0 ${width} ${height}`}
                width={width}
                height={height}
                role="img"
                aria-labelledby="timeline-title"
                xmlns="http://www.w3.org/2000/svg"
              >
                <title id="timeline-title">{t('plan.timeline.svg_title', { count: rows.length })}</title>
                {yearTicks(range).map((y) => (
                  <g key={y}>
                    <line x1={at(y)} x2={at(y)} y1={HEAD - 6} y2={height - 10} stroke="#8a949c" stroke-width="1" />
                    <text
                      x={at(y) + (rtl ? -4 : 4)}
                      y={HEAD - 10}
                      font-size="12"
                      fill="#1b1f23"
                      text-anchor="start"
                      direction={rtl ? 'rtl' : 'ltr'}
                    >
                      {num(Number(y.slice(0, 4)), { useGrouping: false })}
                    </text>
                  </g>
                ))}
                {showToday ? (
                  <line
                    x1={at(p.today)}
                    x2={at(p.today)}
                    y1={HEAD - 6}
                    y2={height - 10}
                    stroke="#b3261e"
                    stroke-width="2"
                    stroke-dasharray="4 3"
                  />
                ) : null}
                {rows.map((i, k) => {
                  const y = HEAD + k * ROW;
                  const planned = bar(i.planned_start, i.planned_end);
                  const f = forecastOf(i);
                  const forecast = bar(f.from, f.to);
                  const late = slip(i) > 0;
                  return (
                    <g key={i.id}>
                      <text
                        x={rtl ? width - 6 : 6}
                        y={y + 18}
                        font-size="12"
                        fill="#1b1f23"
                        text-anchor="start"
                        direction={rtl ? 'rtl' : 'ltr'}
                      >
                        {i.code}
                      </text>
                      <rect x={planned.x} y={y + 4} width={planned.width} height={9} fill="#ffffff" stroke="#4a555e" stroke-width="1.5" />
                      <rect x={forecast.x} y={y + 15} width={forecast.width} height={9} fill={late ? '#b3261e' : '#1f6f8b'} />
                      {milestonesOf(i.id).map((m) => {
                        const s = milestoneState(m, p.today);
                        return (
                          <g key={m.id} class="plan-milestone">
                            <polygon points={diamond(at(m.planned_date), y + 14, 5)} fill="#ffffff" stroke="#1b1f23" stroke-width="1.5" />
                            <polygon points={diamond(at(s.day), y + 14, 4)} fill={stateFill[s.state]} stroke="#ffffff" stroke-width="1" />
                          </g>
                        );
                      })}
                    </g>
                  );
                })}
              </svg>
            </div>
            <figcaption>{t('plan.timeline.legend')}</figcaption>
          </figure>
          <div class="table-wrap" tabIndex={0}>
            <table>
              <caption>{t('plan.timeline.caption')}</caption>
              <Head
                cols={[
                  t('plan.field.initiative'),
                  t('plan.field.planned_start'),
                  t('plan.field.planned_end'),
                  t('plan.timeline.forecast_start'),
                  t('plan.baselines.expected_end'),
                  t('plan.timeline.slip'),
                ]}
              />
              <tbody>
                {rows.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      <a href={href(`/console/plans/initiatives/${i.id}`)}>
                        <span class="ltr">{i.code}</span> {nameOf(lang, i)}
                      </a>
                    </th>
                    <td>
                      <Day value={i.planned_start} />
                    </td>
                    <td>
                      <Day value={i.planned_end} />
                    </td>
                    <td>
                      <Day value={forecastOf(i).from} />
                    </td>
                    <td>
                      <Day value={forecastOf(i).to} />
                    </td>
                    <td class="num">
                      {slip(i) === 0
                        ? t('plan.baselines.no_shift')
                        : slip(i) > 0
                          ? t('plan.baselines.later', { count: slip(i) })
                          : t('plan.baselines.earlier', { count: -slip(i) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {listed.length > 0 ? (
            <div class="table-wrap" tabIndex={0}>
              <table>
                <caption>{t('plan.timeline.milestones_caption')}</caption>
                <Head
                  cols={[
                    t('plan.field.milestone'),
                    t('plan.field.initiative'),
                    t('plan.field.planned_date'),
                    t('plan.field.forecast_date'),
                    t('plan.field.actual_date'),
                    t('plan.timeline.ms_state_col'),
                  ]}
                />
                <tbody>
                  {listed.map((m) => {
                    const i = byId.get(m.initiative_id) as InitiativeRow;
                    return (
                      <tr key={m.id}>
                        <th scope="row">{nameOf(lang, m)}</th>
                        <td>
                          <a href={href(`/console/plans/initiatives/${i.id}`)}>
                            <span class="ltr">{i.code}</span>
                          </a>
                        </td>
                        <td>
                          <Day value={m.planned_date} />
                        </td>
                        <td>
                          <Day value={m.forecast_date} />
                        </td>
                        <td>
                          <Day value={m.actual_date} />
                        </td>
                        <td>{t(stateLabel[milestoneState(m, p.today).state])}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
    </PlanLayout>
  );
}
