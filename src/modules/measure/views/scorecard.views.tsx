import { Chart } from '../../../platform/charts/charts.tsx';
import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { type Driver, drivers, liftedAndDragged, nodeMeans, scorecardNodes } from '../analysis.ts';
import type { ResultsView } from '../results.service.ts';
import type { AgencyScore } from '../scoring/engine.ts';
import { comparisonSvg } from './charts.ts';
import { formatDelta, formatScore, MeasureLayout, nameOf, RoundNav, StageTag } from './common.tsx';

function DriverList({ title, items, kind, d }: { title: string; items: Driver[]; kind: 'points' | 'lost'; d: number }) {
  const { t, lang } = usePage();
  return (
    <section class="card">
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p class="muted">{t('measure.scorecard.no_drivers')}</p>
      ) : (
        <ol>
          {items.map((x) => (
            <li key={x.q.key}>
              {nameOf(lang, x.q)} —{' '}
              <strong>
                {t(kind === 'points' ? 'measure.scorecard.points' : 'measure.scorecard.lost', { points: formatScore(lang, x[kind], d) })}
              </strong>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function ScorecardPage({ view, agency, detail }: { view: ResultsView; agency: Agency; detail: boolean }) {
  const { t, lang, num } = usePage();
  const { round, framework } = view.bundle;
  const scores = view.scores;
  const d = scores.decimals;
  const a = scores.agencies.find((x) => view.agencyByCode.get(x.agency)?.id === agency.id) as AgencyScore;
  const prev = view.previous?.scores.agencies.find((x) => x.agency === a.agency);
  const rows = scorecardNodes(framework);
  const means = nodeMeans(
    scores,
    rows.map((r) => r.node.key),
  );
  const ranked = scores.agencies.filter((x) => x.rank !== null).length;
  const name = pick(lang, agency, 'name');
  const { lifted, dragged } = liftedAndDragged(drivers(framework, a, scores.scaleMax));
  const top = framework.nodes;
  const title = t('measure.scorecard.title', { agency: name });
  return (
    <MeasureLayout title={`${title} — ${nameOf(lang, round)}`}>
      <Breadcrumbs
        items={[
          { href: '/console/measure', label: t('measure.title') },
          { href: `/console/measure/rounds/${round.id}`, label: nameOf(lang, round) },
          { href: `/console/measure/rounds/${round.id}/results`, label: t('measure.results.title') },
          { label: name },
        ]}
      />
      <PageHeading title={title} caption={nameOf(lang, round)} />
      <RoundNav round={round} current="" showResults />
      {view.provisional ? <p class="notice warn">{t('measure.results.provisional')}</p> : null}
      <dl class="at-a-glance scorecard-head">
        <div>
          <dt>{t('measure.results.score')}</dt>
          <dd class="big">{formatScore(lang, a.score, d)}</dd>
        </div>
        <div>
          <dt>{t('measure.results.stage')}</dt>
          <dd>
            <StageTag stage={a.stage} />
          </dd>
        </div>
        <div>
          <dt>{t('measure.results.rank')}</dt>
          <dd>{a.rank === null ? '—' : t('measure.scorecard.rank_of', { rank: num(a.rank), total: num(ranked) })}</dd>
        </div>
        <div>
          <dt>
            {view.previous
              ? t('measure.scorecard.change_since', { round: nameOf(lang, view.previous.round) })
              : t('measure.results.change')}
          </dt>
          <dd>
            {prev && prev.display !== null && a.display !== null
              ? formatDelta(lang, a.display - prev.display, d)
              : t('measure.scorecard.no_previous')}
            {prev?.rank && a.rank ? ` (${t('measure.scorecard.rank_was', { rank: num(prev.rank) })})` : ''}
          </dd>
        </div>
      </dl>
      <Chart
        id="sc-compare"
        lang={lang}
        title={t('measure.scorecard.compare')}
        svg={comparisonSvg(
          lang,
          top.map((n) => ({ label: nameOf(lang, n), agency: a.nodes.get(n.key)?.score ?? null, national: means.get(n.key) ?? null })),
          [name, t('measure.scorecard.national')],
          scores.scaleMax,
        )}
        table={{
          caption: t('measure.scorecard.compare'),
          columns: [t('measure.scorecard.node'), name, t('measure.scorecard.national')],
          rows: top.map((n) => [nameOf(lang, n), formatScore(lang, a.nodes.get(n.key)?.score, d), formatScore(lang, means.get(n.key), d)]),
        }}
      />
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('measure.scorecard.breakdown')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('measure.scorecard.node')}</th>
              <th scope="col" class="num">
                {t('measure.results.score')}
              </th>
              <th scope="col" class="num">
                {t('measure.scorecard.weight')}
              </th>
              <th scope="col" class="num">
                {t('measure.scorecard.national')}
              </th>
              <th scope="col" class="num">
                {t('measure.results.change')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ node, depth }) => {
              const s = a.nodes.get(node.key);
              const p = prev?.nodes.get(node.key);
              return (
                <tr key={node.key} class={depth ? 'sub' : 'top'}>
                  <th scope="row">{nameOf(lang, node)}</th>
                  <td class="num">{s?.value === null ? t('measure.answer.na') : formatScore(lang, s?.score, d)}</td>
                  <td class="num">{s ? `${num(s.weight * 100, { maximumFractionDigits: 1 })}${lang === 'ar' ? '٪' : '%'}` : '—'}</td>
                  <td class="num">{formatScore(lang, means.get(node.key), d)}</td>
                  <td class="num">{s?.score != null && p?.score != null ? formatDelta(lang, s.score - p.score, d) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {detail ? (
        <>
          <h2>{t('measure.scorecard.drivers')}</h2>
          <p class="hint">{t('measure.scorecard.drivers_hint')}</p>
          <div class="grid">
            <DriverList title={t('measure.scorecard.lifted')} items={lifted} kind="points" d={d} />
            <DriverList title={t('measure.scorecard.dragged')} items={dragged} kind="lost" d={d} />
          </div>
        </>
      ) : (
        <p class="muted">{t('measure.scorecard.published_only')}</p>
      )}
    </MeasureLayout>
  );
}
