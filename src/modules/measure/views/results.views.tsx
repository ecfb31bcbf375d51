import { Chart } from '../../../platform/charts/charts.tsx';
import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, DateTime } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import { meanScore, movers, nodeMeans, stageCounts } from '../analysis.ts';
import type { ResultsView } from '../results.service.ts';
import { barsSvg, heatmapSvg, moversSvg, stagesSvg } from './charts.ts';
import { formatDelta, formatScore, MeasureLayout, nameOf, RoundNav, StageTag } from './common.tsx';

/** The class of a heat-map cell: five bands of the scale. */
export const heatClass = (score: number | null | undefined, max: number) =>
  score === null || score === undefined ? 'heat-none' : `heat-${Math.min(4, Math.floor((score / max) * 5))}`;

/** The charts of the national view (also used by the leadership report). */
export function NationalCharts({ view, idPrefix = 'nv' }: { view: ResultsView; idPrefix?: string }) {
  const { t, lang } = usePage();
  const { scores, bundle } = view;
  const { framework } = bundle;
  const d = scores.decimals;
  const name = (code: string) => {
    const a = view.agencyByCode.get(code);
    return a ? pick(lang, a, 'name') : code;
  };
  const ranked = scores.agencies.filter((a) => a.display !== null);
  const top = ranked.slice(0, 20);
  const stages = stageCounts(scores, framework.settings.stages);
  const columns = framework.nodes.map((n) => nameOf(lang, n));
  const cells = ranked.map((a) => framework.nodes.map((n) => a.nodes.get(n.key)?.score ?? null));
  const moves = movers(scores, view.previous?.scores);
  const shownMoves = moves.length > 10 ? [...moves.slice(0, 5), ...moves.slice(-5)] : moves;
  return (
    <>
      <Chart
        id={`${idPrefix}-ranking`}
        lang={lang}
        title={t('measure.results.ranking_chart', { count: top.length })}
        svg={barsSvg(
          lang,
          top.map((a) => ({ label: name(a.agency), value: a.display })),
          scores.scaleMax,
        )}
        table={{
          caption: t('measure.results.ranking_chart', { count: top.length }),
          columns: [t('field.agency'), t('measure.results.rank'), t('measure.results.score')],
          rows: top.map((a) => [name(a.agency), a.rank, formatScore(lang, a.score, d)]),
        }}
      />
      <Chart
        id={`${idPrefix}-stages`}
        lang={lang}
        title={t('measure.results.stages_chart')}
        svg={stagesSvg(
          lang,
          stages.counts.map((s) => ({ label: nameOf(lang, s.stage), count: s.count })),
        )}
        table={{
          caption: t('measure.results.stages_chart'),
          columns: [t('measure.results.stage'), t('measure.results.agencies')],
          rows: stages.counts.map((s) => [nameOf(lang, s.stage), s.count]),
        }}
      />
      <Chart
        id={`${idPrefix}-heatmap`}
        lang={lang}
        title={t('measure.results.heatmap')}
        svg={heatmapSvg(
          lang,
          ranked.map((a) => name(a.agency)),
          columns,
          cells,
          scores.scaleMax,
        )}
        table={{
          caption: t('measure.results.heatmap'),
          columns: [t('field.agency'), ...columns],
          rows: ranked.map((a, i) => [name(a.agency), ...cells[i].map((v) => formatScore(lang, v, d))]),
        }}
      />
      {view.previous ? (
        <Chart
          id={`${idPrefix}-movers`}
          lang={lang}
          title={t('measure.results.movers', { round: nameOf(lang, view.previous.round) })}
          svg={moversSvg(
            lang,
            shownMoves.map((m) => ({ label: name(m.agency), delta: m.delta })),
          )}
          table={{
            caption: t('measure.results.movers', { round: nameOf(lang, view.previous.round) }),
            columns: [t('field.agency'), t('measure.results.previous'), t('measure.results.score'), t('measure.results.change')],
            rows: shownMoves.map((m) => [
              name(m.agency),
              formatScore(lang, m.previous, d),
              formatScore(lang, m.score, d),
              formatDelta(lang, m.delta, d),
            ]),
          }}
        />
      ) : null}
    </>
  );
}

/** The full ranking: rank, agency, score, stage, change, and each perspective coloured by band. */
export function RankingTable({ view, link }: { view: ResultsView; link: boolean }) {
  const { t, lang, href, num } = usePage();
  const { scores, bundle } = view;
  const d = scores.decimals;
  const before = new Map(view.previous?.scores.agencies.map((a) => [a.agency, a]) ?? []);
  return (
    <div class="table-wrap" tabIndex={0}>
      <table class="ranking">
        <caption>{t('measure.results.ranking')}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('measure.results.rank')}
            </th>
            <th scope="col">{t('field.agency')}</th>
            <th scope="col" class="num">
              {t('measure.results.score')}
            </th>
            <th scope="col">{t('measure.results.stage')}</th>
            {view.previous ? (
              <th scope="col" class="num">
                {t('measure.results.change')}
              </th>
            ) : null}
            {bundle.framework.nodes.map((n) => (
              <th scope="col" class="num" key={n.key}>
                {nameOf(lang, n)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {scores.agencies.map((a) => {
            const agency = view.agencyByCode.get(a.agency);
            const prev = before.get(a.agency);
            return (
              <tr key={a.agency}>
                <td class="num">{a.rank === null ? '—' : num(a.rank)}</td>
                <th scope="row">
                  {link && agency ? (
                    <a href={href(`/console/measure/rounds/${bundle.round.id}/results/${agency.id}`)}>{pick(lang, agency, 'name')}</a>
                  ) : agency ? (
                    pick(lang, agency, 'name')
                  ) : (
                    a.agency
                  )}
                </th>
                <td class="num">{formatScore(lang, a.score, d)}</td>
                <td>
                  <StageTag stage={a.stage} />
                </td>
                {view.previous ? (
                  <td class="num">
                    {prev && prev.display !== null && a.display !== null ? formatDelta(lang, a.display - prev.display, d) : '—'}
                  </td>
                ) : null}
                {bundle.framework.nodes.map((n) => {
                  const s = a.nodes.get(n.key)?.score ?? null;
                  return (
                    <td class={`num ${heatClass(s, scores.scaleMax)}`} key={n.key}>
                      {formatScore(lang, s, d)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The national view: ranking, distribution by stage, heat map of perspectives, movers. */
export function ResultsPage({ view }: { view: ResultsView }) {
  const { t, lang, num } = usePage();
  const { round, framework } = view.bundle;
  const mean = meanScore(view.scores);
  const means = nodeMeans(
    view.scores,
    framework.nodes.map((n) => n.key),
  );
  const title = t('measure.results.title');
  return (
    <MeasureLayout title={`${title} — ${nameOf(lang, round)}`}>
      <Breadcrumbs
        items={[
          { href: '/console/measure', label: t('measure.title') },
          { href: `/console/measure/rounds/${round.id}`, label: nameOf(lang, round) },
          { label: title },
        ]}
      />
      <PageHeading title={title} caption={nameOf(lang, round)} />
      <RoundNav round={round} current={`/console/measure/rounds/${round.id}/results`} showResults />
      {view.provisional ? (
        <p class="notice warn">{t('measure.results.provisional')}</p>
      ) : (
        <p class="notice">
          {t('measure.results.final')} <DateTime value={round.finalised_at} withTime />
        </p>
      )}
      <dl class="at-a-glance">
        <div>
          <dt>{t('measure.results.agencies')}</dt>
          <dd>{num(view.scores.agencies.length)}</dd>
        </div>
        <div>
          <dt>{t('measure.results.mean')}</dt>
          <dd>{formatScore(lang, mean, view.scores.decimals)}</dd>
        </div>
        {framework.nodes.map((n) => (
          <div key={n.key}>
            <dt>{nameOf(lang, n)}</dt>
            <dd>{formatScore(lang, means.get(n.key), view.scores.decimals)}</dd>
          </div>
        ))}
      </dl>
      <RankingTable view={view} link />
      <NationalCharts view={view} />
    </MeasureLayout>
  );
}
