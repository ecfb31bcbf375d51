import { Chart } from '../../../platform/charts/charts.tsx';
import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, DateTime, Field, Pagination } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import { meanScore, movers, nodeMeans, stageCounts } from '../analysis.ts';
import type { ResultsView } from '../results.service.ts';
import type { AgencyScore } from '../scoring/engine.ts';
import { barsSvg, heatmapSvg, moversSvg, stagesSvg } from './charts.ts';
import { formatDelta, formatScore, MeasureLayout, nameOf, RoundNav, StageTag } from './common.tsx';

/** The class of a heat-map cell: five bands of the scale. */
export const heatClass = (score: number | null | undefined, max: number) =>
  score === null || score === undefined ? 'heat-none' : `heat-${Math.min(4, Math.floor((score / max) * 5))}`;

/** The charts of the national view (also used by the leadership report). */
export function NationalCharts({
  view,
  idPrefix = 'nv',
  heatmapOf,
}: {
  view: ResultsView;
  idPrefix?: string;
  /** The agencies the heat map shows (the national view: those on the ranking table's page); every ranked one by default. */
  heatmapOf?: AgencyScore[];
}) {
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
  const heat = (heatmapOf ?? ranked).filter((a) => a.display !== null);
  const cells = heat.map((a) => framework.nodes.map((n) => a.nodes.get(n.key)?.score ?? null));
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
      {heat.length ? (
        <Chart
          id={`${idPrefix}-heatmap`}
          lang={lang}
          title={t('measure.results.heatmap')}
          svg={heatmapSvg(
            lang,
            heat.map((a) => name(a.agency)),
            columns,
            cells,
            scores.scaleMax,
          )}
          table={{
            caption: t('measure.results.heatmap'),
            columns: [t('field.agency'), ...columns],
            rows: heat.map((a, i) => [name(a.agency), ...cells[i].map((v) => formatScore(lang, v, d))]),
          }}
        />
      ) : null}
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
export function RankingTable({ view, link, rows }: { view: ResultsView; link: boolean; rows?: AgencyScore[] }) {
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
          {(rows ?? scores.agencies).map((a) => {
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

/** Agencies a page of the national view's ranking shows: 300 agencies on one page made a 725 KB page. */
export const RANKING_PAGE_SIZE = 50;

/**
 * One page of the ranking, in rank order, optionally only the agencies whose name (in either
 * language) or code contains `q`. A page past the end shows the last one.
 */
export function rankingPage(view: ResultsView, opts: { page?: number; q?: string }) {
  const q = (opts.q ?? '').trim().toLocaleLowerCase();
  const matches = q
    ? view.scores.agencies.filter((a) => {
        const agency = view.agencyByCode.get(a.agency);
        return [a.agency, agency?.name_ar, agency?.name_en].some((x) => x?.toLocaleLowerCase().includes(q));
      })
    : view.scores.agencies;
  const pages = Math.max(1, Math.ceil(matches.length / RANKING_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), pages);
  const from = (page - 1) * RANKING_PAGE_SIZE;
  return { q, page, pages, total: matches.length, from, rows: matches.slice(from, from + RANKING_PAGE_SIZE) };
}

/**
 * The national view: the ranking a page at a time (each perspective coloured by band; every
 * agency's own scorecard a link away), the top agencies, the distribution by stage, the heat map of
 * the page's agencies and the biggest movers. The leadership report and the workbook carry all of them at once.
 */
export function ResultsPage({ view, page: pageNo, q: query }: { view: ResultsView; page?: number; q?: string }) {
  const { t, lang, num, href } = usePage();
  const ranking = rankingPage(view, { page: pageNo, q: query });
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
      <form
        method="get"
        action={href(`/console/measure/rounds/${round.id}/results`)}
        class="filters panel"
        role="search"
        aria-label={t('filters.label')}
      >
        <Field name="q" type="search" label={t('measure.results.find_agency')} value={query ?? ''} />
        <button type="submit" class="button secondary">
          {t('filters.apply')}
        </button>
      </form>
      {ranking.total ? (
        <p id="ranking-range">
          {t('measure.results.showing', { from: ranking.from + 1, to: ranking.from + ranking.rows.length, total: ranking.total })}
        </p>
      ) : (
        <p class="notice">{t('measure.results.no_match', { q: query ?? '' })}</p>
      )}
      {ranking.total ? <RankingTable view={view} link rows={ranking.rows} /> : null}
      <Pagination page={ranking.page} hasNext={ranking.page < ranking.pages} query={ranking.q ? { q: query } : {}} />
      <NationalCharts view={view} heatmapOf={ranking.rows} />
    </MeasureLayout>
  );
}
