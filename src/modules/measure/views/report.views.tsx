import { otherLang, pick, translate } from '../../../platform/i18n/i18n.ts';
import { formatList } from '../../../platform/i18n/lists.ts';
import { Breadcrumbs, DateTime } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { meanScore, movers, nodeMeans, stageCounts } from '../analysis.ts';
import { methodLabel } from '../measure.labels.ts';
import type { ResultsView } from '../results.service.ts';
import { formatDelta, formatScore, MeasureLayout, nameOf, RoundDates, RoundNav } from './common.tsx';
import { NationalCharts, RankingTable } from './results.views.tsx';

/** The report itself: the same body in the page and in the PDF. */
export function ReportBody({ view, generatedAt }: { view: ResultsView; generatedAt: string }) {
  const { t, lang, num } = usePage();
  const { round, framework, frameworkRow, participants } = view.bundle;
  const { scores } = view;
  const d = scores.decimals;
  const other = otherLang(lang);
  const stages = stageCounts(scores, framework.settings.stages);
  const mean = meanScore(scores);
  const means = nodeMeans(
    scores,
    framework.nodes.map((n) => n.key),
  );
  const name = (code: string) => {
    const a = view.agencyByCode.get(code);
    return a ? pick(lang, a, 'name') : code;
  };
  const top = scores.agencies.filter((a) => a.rank !== null && a.rank <= 3);
  const rises = movers(scores, view.previous?.scores)
    .filter((m) => m.delta > 0)
    .slice(0, 3);
  const upper = framework.settings.stages.slice(Math.max(0, framework.settings.stages.length - 2));
  const atUpper = stages.counts.filter((c) => upper.some((u) => u.key === c.stage.key)).reduce((s, c) => s + c.count, 0);
  const notSubmitted = participants.filter((p) => p.status !== 'submitted');
  const list = (xs: string[]) => formatList(lang, xs);
  return (
    <article class="report">
      <header class="report-cover">
        <p class="muted">{t('measure.report.program')}</p>
        <h1>{t('measure.report.heading')}</h1>
        <p class="report-other" lang={other} dir={other === 'ar' ? 'rtl' : 'ltr'}>
          {translate(other, 'measure.report.heading')} — {other === 'ar' ? round.name_ar : round.name_en}
        </p>
        <p class="lead">{nameOf(lang, round)}</p>
        <RoundDates round={round} />
        <p>
          {t('measure.report.framework', { name: nameOf(lang, frameworkRow), version: frameworkRow.version })} ·{' '}
          {view.provisional ? t('measure.results.provisional_short') : t('measure.report.finalised')}{' '}
          {round.finalised_at ? <DateTime value={round.finalised_at} /> : null}
        </p>
      </header>
      <section aria-labelledby="r-summary">
        <h2 id="r-summary">{t('measure.report.summary')}</h2>
        <ul class="report-points">
          <li>{t('measure.report.point_agencies', { count: scores.agencies.length, mean: formatScore(lang, mean, d) })}</li>
          <li>
            {t('measure.report.point_stages', {
              count: atUpper,
              total: scores.agencies.length,
              stages: formatList(
                lang,
                upper.map((s) => nameOf(lang, s)),
                'disjunction',
              ),
            })}
          </li>
          {stages.counts.map((c) => (
            <li key={c.stage.key}>{t('measure.report.point_stage', { stage: nameOf(lang, c.stage), count: c.count })}</li>
          ))}
          {top.length ? (
            <li>
              {t('measure.report.point_top', {
                names: list(top.map((a) => `${name(a.agency)} (${formatScore(lang, a.score, d)})`)),
              })}
            </li>
          ) : null}
          {rises.length ? (
            <li>
              {t('measure.report.point_rises', {
                names: list(rises.map((m) => `${name(m.agency)} (${formatDelta(lang, m.delta, d)})`)),
              })}
            </li>
          ) : null}
          {framework.nodes.map((n) => (
            <li key={n.key}>
              {t('measure.report.point_perspective', { name: nameOf(lang, n), mean: formatScore(lang, means.get(n.key), d) })}
            </li>
          ))}
          {notSubmitted.length ? (
            <li>
              {t('measure.report.point_not_submitted', {
                count: notSubmitted.length,
                names: list(notSubmitted.map((p) => pick(lang, p.agency, 'name'))),
              })}
            </li>
          ) : null}
        </ul>
      </section>
      <section aria-labelledby="r-charts" class="report-charts">
        <h2 id="r-charts">{t('measure.report.charts')}</h2>
        <NationalCharts view={view} idPrefix="rp" />
      </section>
      <section aria-labelledby="r-ranking" class="page-break">
        <h2 id="r-ranking">{t('measure.results.ranking')}</h2>
        <RankingTable view={view} link={false} />
      </section>
      <section aria-labelledby="r-method" class="page-break">
        <h2 id="r-method">{t('measure.report.method')}</h2>
        <p>{t('measure.report.method_text', { max: num(scores.scaleMax), decimals: num(d) })}</p>
        <ul>
          {framework.nodes.map((n) => (
            <li key={n.key}>
              {nameOf(lang, n)} —{' '}
              {t('measure.report.weight', {
                weight: num((n.weight / framework.nodes.reduce((s, x) => s + x.weight, 0)) * 100, { maximumFractionDigits: 1 }),
              })}
              {n.type !== 'question' ? ` · ${t(methodLabel[n.method])}` : ''}
            </li>
          ))}
        </ul>
        <p>
          {t('measure.report.stages_text', {
            stages: formatList(
              lang,
              framework.settings.stages.map((s) => `${nameOf(lang, s)} ≥ ${num(s.min)}`),
            ),
          })}
        </p>
        <p>{t('measure.report.reproduce')}</p>
        <p class="muted">
          {t('measure.report.generated')} <DateTime value={generatedAt} withTime />
        </p>
      </section>
    </article>
  );
}

/** The report in the console: print-ready, with the PDF when Chromium is available. */
export function ReportPage({ view, pdf, xlsx }: { view: ResultsView; pdf: boolean; xlsx: boolean }) {
  const { t, lang } = usePage();
  const { round } = view.bundle;
  return (
    <MeasureLayout title={`${t('measure.report.title')} — ${nameOf(lang, round)}`}>
      <div class="no-print">
        <Breadcrumbs
          items={[
            { href: '/console/measure', label: t('measure.title') },
            { href: `/console/measure/rounds/${round.id}`, label: nameOf(lang, round) },
            { label: t('measure.report.title') },
          ]}
        />
        <RoundNav round={round} current={`/console/measure/rounds/${round.id}/report`} showResults />
        <div class="actions">
          {pdf ? (
            <a class="button" href={`/measure/rounds/${round.id}/report.pdf?lang=${lang}`} download>
              {t('measure.report.pdf')}
            </a>
          ) : (
            <p class="notice warn">{t('measure.report.pdf_unavailable')}</p>
          )}
          {xlsx ? (
            <a class="button secondary" href={`/measure/rounds/${round.id}/scores.xlsx?lang=${lang}`} download>
              {t('measure.export.xlsx')}
            </a>
          ) : null}
          <p class="hint">{t('measure.report.print_hint')}</p>
        </div>
      </div>
      <ReportBody view={view} generatedAt={new Date().toISOString()} />
    </MeasureLayout>
  );
}
