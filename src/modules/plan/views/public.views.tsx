import { pick } from '../../../platform/i18n/i18n.ts';
import { formatList } from '../../../platform/i18n/lists.ts';
import { Breadcrumbs, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { PlanFigures, publicInitiative } from '../followup.service.ts';
import type { PlanRow } from '../plan.repo.ts';
import { ratings } from '../plan.tables.ts';
import { defaultThresholds, kpiAttainment } from '../rollup.ts';
import { Day, directionLabel, Head, nameOf, planStatusLabel, RatingTag, ratingDefinition, usePct } from './common.tsx';
import { History } from './history.tsx';
import { MilestoneEvidence } from './initiative.views.tsx';

export function PublicPlansPage({ plans }: { plans: PlanRow[] }) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  return (
    <Layout title={t('plan.public.title')} nav="/plans">
      <PageHeading title={t('plan.public.title')} lead={t('plan.public.lead')} />
      {plans.length === 0 ? (
        <p>{t('plan.public.none')}</p>
      ) : (
        <ul class="cards">
          {plans.map((p) => (
            <li class="card" key={p.id}>
              <h2>
                <a href={href(`/plans/${p.id}`)}>{nameOf(lang, p)}</a>
              </h2>
              <p>
                {label(planStatusLabel, p.status)} · <Day value={p.period_from} /> – <Day value={p.period_to} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={href('/plans/ratings')}>{t('plan.ratings.read_definitions')}</a>
      </p>
    </Layout>
  );
}

export function PublicPlanPage({ f }: { f: PlanFigures }) {
  const { t, href, lang } = usePage();
  const pct = usePct();
  return (
    <Layout title={nameOf(lang, f.plan)} nav="/plans">
      <Breadcrumbs items={[{ href: '/plans', label: t('plan.public.title') }, { label: nameOf(lang, f.plan) }]} />
      <PageHeading title={nameOf(lang, f.plan)} lead={t('plan.public.plan_lead')} />
      <p>
        {t('plan.progress.summary', { actual: pct(f.progress.value), planned: pct(f.planned.value) })} {t('plan.as_of')}{' '}
        <Day value={f.today} />
      </p>
      {f.tracks
        .filter((tr) => tr.initiatives.length > 0)
        .map((tr) => (
          <section key={tr.track.id}>
            <h2>
              {nameOf(lang, tr.track)} — {pct(tr.progress.value)}
            </h2>
            <div class="table-wrap" tabIndex={0}>
              <table>
                <caption>{t('plan.public.initiatives_of', { track: nameOf(lang, tr.track) })}</caption>
                <Head cols={[t('plan.field.initiative'), t('plan.field.planned'), t('plan.field.progress'), t('plan.field.overall')]} />
                <tbody>
                  {tr.initiatives.map((l) => (
                    <tr key={l.initiative.id}>
                      <th scope="row">
                        <a href={href(`/plans/initiatives/${l.initiative.id}`)}>{nameOf(lang, l.initiative)}</a>
                      </th>
                      <td class="num">{pct(l.figures.planned)}</td>
                      <td class="num">{pct(l.figures.progress)}</td>
                      <td>
                        <RatingTag rating={l.figures.overall} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      <p>
        <a href={href('/plans/ratings')}>{t('plan.ratings.read_definitions')}</a>
      </p>
    </Layout>
  );
}

export function PublicInitiativePage({ d }: { d: Awaited<ReturnType<typeof publicInitiative>> }) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const pct = usePct();
  const i = d.line.initiative;
  const plan = d.figures.plan;
  const period = d.figures.period;
  return (
    <Layout title={nameOf(lang, i)} nav="/plans">
      <Breadcrumbs
        items={[
          { href: '/plans', label: t('plan.public.title') },
          { href: `/plans/${plan.id}`, label: nameOf(lang, plan) },
          { label: nameOf(lang, i) },
        ]}
      />
      <PageHeading title={nameOf(lang, i)} caption={d.track ? nameOf(lang, d.track) : undefined} lead={pick(lang, i, 'objective')} />
      <dl class="summary">
        <dt>{t('plan.field.planned_dates')}</dt>
        <dd>
          <Day value={i.planned_start} /> – <Day value={i.planned_end} />
        </dd>
        <dt>{t('plan.field.forecast_end')}</dt>
        <dd>
          <Day value={i.forecast_end ?? i.planned_end} />
        </dd>
        <dt>{t('plan.field.progress')}</dt>
        <dd>{t('plan.arith.progress', { actual: pct(d.line.figures.progress), planned: pct(d.line.figures.planned) })}</dd>
        <dt>{t('plan.field.overall')}</dt>
        <dd>
          <RatingTag rating={d.line.figures.overall} />
        </dd>
        <dt>{t('plan.field.partners')}</dt>
        <dd>
          {d.partners.length
            ? formatList(
                lang,
                d.partners.map((a) => pick(lang, a, 'name')),
              )
            : t('plan.public.no_partners')}
        </dd>
      </dl>
      <h2>{t('plan.milestones.title')}</h2>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('plan.milestones.caption')}</caption>
          <Head cols={[t('plan.field.milestone'), t('plan.field.planned_date'), t('plan.field.actual_date'), t('plan.field.evidence')]} />
          <tbody>
            {d.line.milestones.map((m) => (
              <tr key={m.id}>
                <th scope="row">{nameOf(lang, m)}</th>
                <td>
                  <Day value={m.planned_date} />
                </td>
                <td>
                  <Day value={m.actual_date} />
                </td>
                <td>
                  {m.evidence_json ? <MilestoneEvidence milestone={m} service={d.evidence.get(m.id)} /> : <span class="muted">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('plan.public.systems_title')}</h2>
      {d.systems.length ? (
        <ul>
          {d.systems.map((s) => (
            <li key={s.id}>{nameOf(lang, s)}</li>
          ))}
        </ul>
      ) : (
        <p>{t('plan.public.no_systems')}</p>
      )}
      {d.kpis.length ? (
        <>
          <h2>{t('plan.kpis.title')}</h2>
          <div class="table-wrap" tabIndex={0}>
            <table>
              <caption>
                {t('plan.kpis.caption')}
                {period ? <span class="ltr"> ({period.code})</span> : null}
              </caption>
              <Head
                cols={[
                  t('plan.field.kpi'),
                  t('plan.field.direction'),
                  t('plan.field.baseline'),
                  t('plan.field.target'),
                  t('plan.field.actual'),
                  t('plan.field.attainment'),
                ]}
              />
              <tbody>
                {d.kpis.map((k) => {
                  const v = period ? d.values.find((x) => x.kpi_id === k.id && x.period_id === period.id) : undefined;
                  const facts = { ...k, target: v?.target ?? null, actual: v?.actual ?? null };
                  return (
                    <tr key={k.id}>
                      <th scope="row">
                        {nameOf(lang, k)} <span class="muted">({pick(lang, k, 'unit')})</span>
                      </th>
                      <td>{label(directionLabel, k.direction)}</td>
                      <td class="num">{num(k.baseline)}</td>
                      <td class="num">{facts.target === null ? '—' : num(facts.target)}</td>
                      <td class="num">{facts.actual === null ? '—' : num(facts.actual)}</td>
                      <td class="num">{pct(kpiAttainment(facts))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <h2>{t('plan.history.title')}</h2>
      <History events={d.events} periods={d.figures.periods} comments={false} />
      <p>
        <a href={href('/plans/ratings')}>{t('plan.ratings.read_definitions')}</a>
      </p>
    </Layout>
  );
}

/** The written definitions of the five ratings and how each is computed (default thresholds). */
export function RatingsPage() {
  const { t, num } = usePage();
  const label = useLabel();
  const s = defaultThresholds.slipDays;
  const k = defaultThresholds.kpiPct;
  return (
    <Layout title={t('plan.ratings.title')} nav="/plans">
      <PageHeading title={t('plan.ratings.title')} lead={t('plan.ratings.lead')} />
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('plan.ratings.caption')}</caption>
          <Head cols={[t('plan.field.rating'), t('plan.ratings.meaning'), t('plan.rating_kind.schedule'), t('plan.rating_kind.kpi')]} />
          <tbody>
            {ratings.map((r, i) => (
              <tr key={r}>
                <th scope="row">
                  <RatingTag rating={r} />
                </th>
                <td>{label(ratingDefinition, r)}</td>
                <td>
                  {i === 0
                    ? t('plan.ratings.slip_first', { days: num(s[0]) })
                    : i < 4
                      ? t('plan.ratings.slip_between', { from: num(s[i - 1]), to: num(s[i]) })
                      : t('plan.ratings.slip_over', { days: num(s[3]) })}
                </td>
                <td>
                  {i === 0
                    ? t('plan.ratings.kpi_first', { pct: num(k[0]) })
                    : i < 4
                      ? t('plan.ratings.kpi_between', { from: num(k[i]), to: num(k[i - 1]) })
                      : t('plan.ratings.kpi_under', { pct: num(k[3]) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('plan.ratings.how_title')}</h2>
      <ul>
        <li>{t('plan.ratings.how_progress')}</li>
        <li>{t('plan.ratings.how_rollup')}</li>
        <li>{t('plan.ratings.how_slip')}</li>
        <li>{t('plan.ratings.how_kpi')}</li>
        <li>{t('plan.ratings.how_overall')}</li>
        <li>{t('plan.ratings.how_thresholds')}</li>
      </ul>
    </Layout>
  );
}
