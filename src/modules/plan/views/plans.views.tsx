import { pick } from '../../../platform/i18n/i18n.ts';
import { formatList } from '../../../platform/i18n/lists.ts';
import {
  Breadcrumbs,
  Csrf,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { PlanFigures } from '../followup.service.ts';
import type { InitiativeRow, PlanRow, ReportRow } from '../plan.repo.ts';
import { type PlanStatus, ratings } from '../plan.tables.ts';
import { thresholdsOf } from '../rollup.ts';
import {
  ArchivedToggle,
  Day,
  Head,
  NameFields,
  nameOf,
  PlanLayout,
  planStatusLabel,
  RatingTag,
  ReportStatusTag,
  ratingLabel,
  usePct,
} from './common.tsx';

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

export function PlansHomePage(p: { plans: PlanRow[]; agencies: Map<number, Agency>; canAdminister: boolean }) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  return (
    <PlanLayout title={t('plan.title')}>
      <PageHeading title={t('plan.title')} lead={t('plan.lead')} />
      <div class="actions">
        {p.canAdminister ? (
          <a class="button" href={href('/console/plans/new')}>
            {t('plan.new')}
          </a>
        ) : null}
        <a class="button secondary" href={href('/plans/ratings')}>
          {t('plan.ratings.title')}
        </a>
        <a class="button secondary" href={href('/console/plans/committees')}>
          {t('plan.committee.nav')}
        </a>
        <a class="button secondary" href={href('/console/plans/systems')}>
          {t('plan.system.nav')}
        </a>
      </div>
      {p.plans.length === 0 ? (
        <p>{t('plan.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('plan.list_caption')}</caption>
            <Head cols={[t('plan.field.name'), t('plan.field.owner'), t('plan.field.period'), t('plan.field.status')]} />
            <tbody>
              {p.plans.map((plan) => {
                const owner = plan.owner_agency_id ? p.agencies.get(plan.owner_agency_id) : undefined;
                return (
                  <tr key={plan.id}>
                    <th scope="row">
                      <a href={href(`/console/plans/${plan.id}`)}>{nameOf(lang, plan)}</a>
                    </th>
                    <td>{owner ? pick(lang, owner, 'name') : t('plan.owner.national')}</td>
                    <td>
                      <Day value={plan.period_from} /> – <Day value={plan.period_to} />
                    </td>
                    <td>{label(planStatusLabel, plan.status)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </PlanLayout>
  );
}

const next: Record<PlanStatus, PlanStatus | null> = { draft: 'approved', approved: 'active', active: 'closed', closed: null };
const stepLabel = {
  approved: 'plan.step.approve',
  active: 'plan.step.activate',
  closed: 'plan.step.close',
} as const;

export function PlanPage(p: {
  figures: PlanFigures;
  reports: ReportRow[];
  /** The archived initiatives the reader may see, listed when `shown` ("show archived"). */
  archived?: { rows: InitiativeRow[]; shown: boolean };
  agencies: Map<number, Agency>;
  can: { administer: boolean; review: boolean; bulk?: boolean };
  form?: 'track' | 'period' | 'thresholds';
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const pct = usePct();
  const f = p.figures;
  const plan = f.plan;
  const to = next[plan.status];
  const errorsFor = (form: 'track' | 'period' | 'thresholds') => (p.form === form ? p.errors : undefined);
  const valuesFor = (form: 'track' | 'period' | 'thresholds') => (p.form === form ? (p.values ?? {}) : {});
  const owner = plan.owner_agency_id ? p.agencies.get(plan.owner_agency_id) : undefined;
  const thresholds = thresholdsOf(plan.thresholds_json);
  const list = (items: string[]) => formatList(lang, items);
  return (
    <PlanLayout title={nameOf(lang, plan)}>
      <Breadcrumbs items={[{ href: '/console/plans', label: t('plan.title') }, { label: nameOf(lang, plan) }]} />
      <PageHeading
        title={nameOf(lang, plan)}
        caption={`${owner ? pick(lang, owner, 'name') : t('plan.owner.national')} · ${label(planStatusLabel, plan.status)}`}
      />
      <ErrorSummary errors={p.errors} />
      <p>
        <Day value={plan.period_from} /> – <Day value={plan.period_to} />
      </p>
      <div class="actions">
        <a class="button secondary" href={href(`/console/plans/${plan.id}/timeline`)}>
          {t('plan.timeline.title')}
        </a>
        <a class="button secondary" href={href(`/console/plans/${plan.id}/baselines`)}>
          {t('plan.baselines.title')}
        </a>
        <a class="button secondary" href={href(`/console/plans/${plan.id}/dashboard`)}>
          {t('plan.dashboard.title')}
        </a>
        <a class="button secondary" href={href(`/console/plans/${plan.id}/risks`)}>
          {t('plan.risk.plan_title')}
        </a>
        {p.can.bulk ? (
          <a class="button secondary" href={href(`/console/plans/${plan.id}/bulk`)}>
            {t('plan.bulk.title')}
          </a>
        ) : null}
        {p.can.administer ? (
          <>
            <a class="button secondary" href={href(`/console/plans/${plan.id}/initiatives/new`)}>
              {t('plan.initiative.new')}
            </a>
            {to ? (
              <PostButton
                action={href(`/console/plans/${plan.id}/status`)}
                label={t(stepLabel[to as keyof typeof stepLabel])}
                fields={{ status: to }}
                tone="secondary"
              />
            ) : null}
            <PostButton
              action={href(`/console/plans/${plan.id}/publish`)}
              label={plan.published ? t('plan.withdraw') : t('plan.publish')}
              fields={{ published: plan.published ? 'no' : 'yes' }}
              tone="secondary"
            />
          </>
        ) : null}
        {plan.published ? <a href={href(`/plans/${plan.id}`)}>{t('plan.public_page')}</a> : null}
      </div>

      <h2>{t('plan.progress.title')}</h2>
      <p>
        {t('plan.progress.summary', { actual: pct(f.progress.value), planned: pct(f.planned.value) })} {t('plan.as_of')}{' '}
        <Day value={f.today} />
      </p>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('plan.tracks.caption')}</caption>
          <Head
            cols={[
              t('plan.field.track'),
              t('plan.field.weight'),
              t('plan.field.share'),
              t('plan.field.initiatives'),
              t('plan.field.planned'),
              t('plan.field.progress'),
            ]}
          />
          <tbody>
            {f.tracks.map((tr, i) => (
              <tr key={tr.track.id}>
                <th scope="row">
                  {nameOf(lang, tr.track)}
                  {p.can.administer && plan.status !== 'closed' ? (
                    <>
                      {' '}
                      <a href={href(`/console/plans/tracks/${tr.track.id}/edit`)}>
                        {t('plan.edit')}
                        <span class="visually-hidden"> {nameOf(lang, tr.track)}</span>
                      </a>
                    </>
                  ) : null}
                </th>
                <td class="num">{num(tr.track.weight)}</td>
                <td class="num">{pct(f.progress.shares[i])}</td>
                <td class="num">{num(tr.initiatives.length)}</td>
                <td class="num">{pct(tr.planned.value)}</td>
                <td class="num">{pct(tr.progress.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">{t('plan.progress.arithmetic')}</p>

      <h2>{t('plan.initiatives.title')}</h2>
      {f.tracks.every((tr) => tr.initiatives.length === 0) ? <p>{t('plan.initiatives.none')}</p> : null}
      {f.tracks
        .filter((tr) => tr.initiatives.length > 0)
        .map((tr) => (
          <div class="table-wrap" tabIndex={0} key={tr.track.id}>
            <table>
              <caption>{nameOf(lang, tr.track)}</caption>
              <Head
                cols={[
                  t('plan.field.initiative'),
                  t('plan.field.owner'),
                  t('plan.field.progress'),
                  t('plan.field.slip'),
                  t('plan.field.overall'),
                  t('plan.field.last_report'),
                ]}
              />
              <tbody>
                {tr.initiatives.map((l) => {
                  const owner = p.agencies.get(l.initiative.owner_agency_id);
                  const last = p.reports.filter((r) => r.initiative_id === l.initiative.id).at(-1);
                  return (
                    <tr key={l.initiative.id}>
                      <th scope="row">
                        <a href={href(`/console/plans/initiatives/${l.initiative.id}`)}>
                          <span class="ltr">{l.initiative.code}</span> {nameOf(lang, l.initiative)}
                        </a>
                      </th>
                      <td>{owner ? pick(lang, owner, 'name') : '—'}</td>
                      <td class="num">{pct(l.figures.progress)}</td>
                      <td class="num">{t('plan.days', { count: l.figures.slipDays })}</td>
                      <td>
                        <RatingTag rating={l.figures.overall} />
                      </td>
                      <td>{last ? <ReportStatusTag status={last.status} /> : <ReportStatusTag status="missing" />}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
      <ArchivedToggle shown={p.archived?.shown ?? false} count={p.archived?.rows.length ?? 0} />
      {p.archived?.shown ? (
        p.archived.rows.length ? (
          <div class="table-wrap" tabIndex={0}>
            <table>
              <caption>{t('plan.archive.initiatives')}</caption>
              <Head cols={[t('plan.field.initiative'), t('plan.field.owner'), t('plan.archive.archived_on')]} />
              <tbody>
                {p.archived.rows.map((i) => {
                  const owner = p.agencies.get(i.owner_agency_id);
                  return (
                    <tr key={i.id}>
                      <th scope="row">
                        <a href={href(`/console/plans/initiatives/${i.id}`)}>
                          <span class="ltr">{i.code}</span> {nameOf(lang, i)}
                        </a>
                      </th>
                      <td>{owner ? pick(lang, owner, 'name') : '—'}</td>
                      <td>
                        <DateTime value={i.archived_at} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('plan.archive.none')}</p>
        )
      ) : null}

      <h2>{t('plan.periods.title')}</h2>
      {f.periods.length === 0 ? (
        <p>{t('plan.periods.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('plan.periods.caption')}</caption>
            <Head cols={[t('plan.field.period_code'), t('plan.field.starts_on'), t('plan.field.ends_on'), t('plan.field.due_on')]} />
            <tbody>
              {f.periods.map((pe) => (
                <tr key={pe.id}>
                  <th scope="row" class="ltr">
                    {pe.code}
                  </th>
                  <td>
                    <Day value={pe.starts_on} />
                  </td>
                  <td>
                    <Day value={pe.ends_on} />
                  </td>
                  <td>
                    <Day value={pe.due_on} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('plan.thresholds.title')}</h2>
      <p>
        {t('plan.thresholds.now', { slip: list(thresholds.slipDays.map((n) => num(n))), kpi: list(thresholds.kpiPct.map((n) => num(n))) })}{' '}
        <a href={href('/plans/ratings')}>{t('plan.ratings.read_definitions')}</a>
      </p>
      {p.can.administer && plan.status !== 'closed' ? (
        <form method="post" action={href(`/console/plans/${plan.id}/thresholds`)} class="panel" novalidate>
          <h3>{t('plan.thresholds.change')}</h3>
          <p class="hint">{t('plan.thresholds.hint')}</p>
          <Csrf />
          <div class="grid-2">
            <div>
              {ratings.slice(0, 4).map((r, i) => (
                <Field
                  key={r}
                  name={`slip_${i + 1}`}
                  label={t('plan.thresholds.slip', { rating: label(ratingLabel, r) })}
                  inputMode="numeric"
                  value={str(p.form === 'thresholds' ? valuesFor('thresholds')[`slip_${i + 1}`] : thresholds.slipDays[i])}
                  errors={errorsFor('thresholds')}
                />
              ))}
            </div>
            <div>
              {ratings.slice(0, 4).map((r, i) => (
                <Field
                  key={r}
                  name={`kpi_${i + 1}`}
                  label={t('plan.thresholds.kpi', { rating: label(ratingLabel, r) })}
                  inputMode="decimal"
                  value={str(p.form === 'thresholds' ? valuesFor('thresholds')[`kpi_${i + 1}`] : thresholds.kpiPct[i])}
                  errors={errorsFor('thresholds')}
                />
              ))}
            </div>
          </div>
          <button type="submit" class="button secondary">
            {t('plan.save')}
          </button>
        </form>
      ) : null}

      {p.can.administer && plan.status !== 'closed' ? (
        <div class="grid-2">
          <form method="post" action={href(`/console/plans/${plan.id}/tracks`)} class="panel" novalidate>
            <h2>{t('plan.tracks.add')}</h2>
            <Csrf />
            <NameFields values={valuesFor('track')} errors={errorsFor('track')} />
            <Field
              name="weight"
              label={t('plan.field.weight')}
              hint={t('plan.field.weight_hint')}
              inputMode="decimal"
              value={str(valuesFor('track').weight)}
              errors={errorsFor('track')}
            />
            <button type="submit" class="button">
              {t('plan.add')}
            </button>
          </form>
          <form method="post" action={href(`/console/plans/${plan.id}/periods`)} class="panel" novalidate>
            <h2>{t('plan.periods.add')}</h2>
            <Csrf />
            <Field
              name="code"
              label={t('plan.field.period_code')}
              hint={t('plan.field.period_code_hint')}
              value={str(valuesFor('period').code)}
              errors={errorsFor('period')}
              dir="ltr"
            />
            <Field
              name="starts_on"
              type="date"
              label={t('plan.field.starts_on')}
              value={str(valuesFor('period').starts_on)}
              errors={errorsFor('period')}
            />
            <Field
              name="ends_on"
              type="date"
              label={t('plan.field.ends_on')}
              value={str(valuesFor('period').ends_on)}
              errors={errorsFor('period')}
            />
            <Field
              name="due_on"
              type="date"
              label={t('plan.field.due_on')}
              value={str(valuesFor('period').due_on)}
              errors={errorsFor('period')}
            />
            <button type="submit" class="button">
              {t('plan.add')}
            </button>
          </form>
        </div>
      ) : null}
    </PlanLayout>
  );
}
