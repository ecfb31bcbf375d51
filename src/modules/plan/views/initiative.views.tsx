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
  Select,
  Tag,
  TextArea,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { AutoEvidence } from '../auto.service.ts';
import { baselined } from '../baselines.service.ts';
import type { InitiativeDetail } from '../followup.service.ts';
import { kpiDirections, kpiTypes, ratings } from '../plan.tables.ts';
import { kpiAttainment, weightedMean } from '../rollup.ts';
import {
  ArchivedToggle,
  Day,
  directionLabel,
  Head,
  kpiTypeLabel,
  NameFields,
  nameOf,
  PlanLayout,
  RatingTag,
  ReportStatusTag,
  ratingLabel,
  usePct,
} from './common.tsx';
import { History } from './history.tsx';
import { RiskTable } from './risks.views.tsx';

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

export function InitiativePage(p: {
  d: InitiativeDetail;
  agency: Agency | undefined;
  services: { identifier: string; name_ar: string; name_en: string }[];
  /** The agencies taking part besides the owner; the initiatives it depends on and those depending on it (linked when the reader may open them). */
  partners: Agency[];
  dependsOn: { id: number; code: string; name_ar: string; name_en: string; link: boolean }[];
  dependents: { id: number; code: string; name_ar: string; name_en: string; link: boolean }[];
  /** The catalog services milestones are tied to, by id. */
  tied: Map<number, { identifier: string; name_ar: string; name_en: string }>;
  can: { keep: boolean; administer: boolean; review: boolean };
  /** "Show archived": list the initiative's archived milestones and KPIs. */
  showArchived?: boolean;
  form?: 'milestone' | 'kpi' | 'target' | 'override';
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const pct = usePct();
  const { d } = p;
  const i = d.initiative;
  const f = d.figures;
  const errorsFor = (form: NonNullable<typeof p.form>) => (p.form === form ? p.errors : undefined);
  const valuesFor = (form: NonNullable<typeof p.form>) => (p.form === form ? (p.values ?? {}) : {});
  const shares = weightedMean(d.milestones.map((m) => ({ weight: m.weight, value: m.actual_date ? 1 : 0 }))).shares;
  const sar = (v: number) => num(v, { style: 'currency', currency: 'SAR', maximumFractionDigits: 0 });
  const open = d.plan.status !== 'closed';
  return (
    <PlanLayout title={nameOf(lang, i)}>
      <Breadcrumbs
        items={[
          { href: '/console/plans', label: t('plan.title') },
          { href: `/console/plans/${d.plan.id}`, label: nameOf(lang, d.plan) },
          { label: i.code },
        ]}
      />
      <PageHeading title={nameOf(lang, i)} caption={`${i.code} · ${d.track ? nameOf(lang, d.track) : ''}`} />
      <ErrorSummary errors={p.errors} />
      {i.archived_at ? (
        <p class="notice">
          <Tag tone="grey">{t('plan.archive.tag')}</Tag> {t('plan.archive.notice')} <DateTime value={i.archived_at} />
        </p>
      ) : null}
      <p>{pick(lang, i, 'objective')}</p>
      <dl class="summary">
        <dt>{t('plan.field.owner')}</dt>
        <dd>{p.agency ? pick(lang, p.agency, 'name') : '—'}</dd>
        <dt>{t('plan.field.partners')}</dt>
        <dd>
          {p.partners.length
            ? formatList(
                lang,
                p.partners.map((a) => pick(lang, a, 'name')),
              )
            : '—'}
        </dd>
        <dt>{t('plan.field.sponsor')}</dt>
        <dd>{pick(lang, i, 'sponsor') || '—'}</dd>
        <dt>{t('plan.field.depends_on')}</dt>
        <dd>
          <InitiativeLinks items={p.dependsOn} />
        </dd>
        <dt>{t('plan.field.dependents')}</dt>
        <dd>
          <InitiativeLinks items={p.dependents} />
        </dd>
        <dt>{t('plan.field.weight')}</dt>
        <dd>{num(i.weight)}</dd>
        <dt>{t('plan.field.planned_dates')}</dt>
        <dd>
          <Day value={i.planned_start} /> – <Day value={i.planned_end} />
        </dd>
        <dt>{t('plan.field.forecast_end')}</dt>
        <dd>
          <Day value={i.forecast_end} />
        </dd>
        <dt>{t('plan.field.actual_dates')}</dt>
        <dd>
          <Day value={i.actual_start} /> – <Day value={i.actual_end} />
        </dd>
        <dt>{t('plan.field.budget_spend')}</dt>
        <dd>
          {sar(i.spend_sar)} / {sar(i.budget_sar)}
        </dd>
        <dt>{t('plan.field.services')}</dt>
        <dd>
          {p.services.length
            ? p.services.map((s) => (
                <a key={s.identifier} href={href(`/services/${s.identifier}`)}>
                  {nameOf(lang, s)}{' '}
                </a>
              ))
            : '—'}
        </dd>
        <dt>{t('plan.field.public')}</dt>
        <dd>{i.published ? t('plan.published_yes') : t('plan.published_no')}</dd>
      </dl>
      {p.can.administer ? (
        <PostButton
          action={href(`/console/plans/initiatives/${i.id}/publish`)}
          label={i.published ? t('plan.withdraw') : t('plan.publish')}
          fields={{ published: i.published ? 'no' : 'yes' }}
          tone="secondary"
        />
      ) : null}
      <ul class="plan-links">
        {p.can.administer && open ? (
          <li>
            <a href={href(`/console/plans/initiatives/${i.id}/edit`)}>{t('plan.initiative.edit')}</a>
          </li>
        ) : null}
        <li>
          <a href={href(`/console/plans/initiatives/${i.id}/changes`)}>{t('plan.changes.link')}</a>
        </li>
      </ul>

      <h2>{t('plan.ratings_now')}</h2>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>
            {t('plan.ratings_caption')} <Day value={d.today} />
            {d.period ? <span class="ltr"> ({d.period.code})</span> : null}
          </caption>
          <tbody>
            <tr>
              <th scope="row">{t('plan.field.progress')}</th>
              <td>{t('plan.arith.progress', { actual: pct(f.progress), planned: pct(f.planned) })}</td>
              <td />
            </tr>
            <tr>
              <th scope="row">{t('plan.rating_kind.schedule')}</th>
              <td>{t('plan.arith.slip', { count: f.slipDays })}</td>
              <td>
                <RatingTag rating={f.schedule} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t('plan.rating_kind.kpi')}</th>
              <td>{f.kpiScore === null ? t('plan.arith.kpi_none') : t('plan.arith.kpi', { score: pct(f.kpiScore) })}</td>
              <td>
                <RatingTag rating={f.kpi} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t('plan.rating_kind.computed')}</th>
              <td>{t('plan.arith.overall')}</td>
              <td>
                <RatingTag rating={f.computed} />
              </td>
            </tr>
            {f.overridden ? (
              <tr>
                <th scope="row">{t('plan.rating_kind.override')}</th>
                <td>{i.override_reason}</td>
                <td>
                  <RatingTag rating={f.overall} />
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <p>
        <a href={href('/plans/ratings')}>{t('plan.ratings.read_definitions')}</a>
      </p>

      <h2>{t('plan.milestones.title')}</h2>
      {d.milestones.length === 0 ? (
        <p>{t('plan.milestones.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('plan.milestones.caption')}</caption>
            <Head
              cols={[
                t('plan.field.milestone'),
                t('plan.field.weight'),
                t('plan.field.share'),
                t('plan.field.planned_date'),
                t('plan.field.forecast_date'),
                t('plan.field.actual_date'),
                t('plan.field.evidence'),
              ]}
            />
            <tbody>
              {d.milestones.map((m, k) => (
                <tr key={m.id}>
                  <th scope="row">
                    {nameOf(lang, m)}
                    {p.can.keep && open ? (
                      <>
                        {' '}
                        <a href={href(`/console/plans/milestones/${m.id}/edit`)}>
                          {t('plan.edit')}
                          <span class="visually-hidden"> {nameOf(lang, m)}</span>
                        </a>
                      </>
                    ) : null}
                  </th>
                  <td class="num">{num(m.weight)}</td>
                  <td class="num">{pct(shares[k])}</td>
                  <td>
                    <Day value={m.planned_date} />
                  </td>
                  <td>
                    <Day value={m.forecast_date} />
                  </td>
                  <td>
                    <Day value={m.actual_date} />
                  </td>
                  <td>
                    <MilestoneEvidence milestone={m} service={m.auto_service_id ? p.tied.get(m.auto_service_id) : undefined} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.can.keep && open ? (
        <form method="post" action={href(`/console/plans/initiatives/${i.id}/milestones`)} class="panel" novalidate>
          <h3>{t('plan.milestones.add')}</h3>
          <Csrf />
          <NameFields values={valuesFor('milestone')} errors={errorsFor('milestone')} />
          <Field
            name="weight"
            label={t('plan.field.weight')}
            hint={t('plan.field.weight_hint')}
            inputMode="decimal"
            value={str(valuesFor('milestone').weight)}
            errors={errorsFor('milestone')}
          />
          <Field
            name="planned_date"
            type="date"
            label={t('plan.field.planned_date')}
            value={str(valuesFor('milestone').planned_date)}
            errors={errorsFor('milestone')}
          />
          <Field
            name="service"
            label={t('plan.field.auto_service')}
            hint={t('plan.field.auto_service_hint')}
            value={str(valuesFor('milestone').service)}
            errors={errorsFor('milestone')}
            dir="ltr"
          />
          <button type="submit" class="button">
            {t('plan.add')}
          </button>
        </form>
      ) : null}

      <h2>{t('plan.kpis.title')}</h2>
      {d.kpis.length === 0 ? (
        <p>{t('plan.kpis.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('plan.kpis.caption')}</caption>
            <Head
              cols={[
                t('plan.field.kpi'),
                t('plan.field.kpi_type'),
                t('plan.field.direction'),
                t('plan.field.baseline'),
                t('plan.field.target'),
                t('plan.field.actual'),
                t('plan.field.attainment'),
              ]}
            />
            <tbody>
              {d.kpis.map((k) => (
                <tr key={k.id}>
                  <th scope="row">
                    {nameOf(lang, k)} <span class="muted">({pick(lang, k, 'unit')})</span>
                    {p.can.keep && open ? (
                      <>
                        {' '}
                        <a href={href(`/console/plans/kpis/${k.id}/edit`)}>
                          {t('plan.edit')}
                          <span class="visually-hidden"> {nameOf(lang, k)}</span>
                        </a>
                      </>
                    ) : null}
                  </th>
                  <td>{label(kpiTypeLabel, k.kpi_type)}</td>
                  <td>{label(directionLabel, k.direction)}</td>
                  <td class="num">{num(k.baseline)}</td>
                  <td class="num">{k.target === null ? '—' : num(k.target)}</td>
                  <td class="num">{k.actual === null ? '—' : num(k.actual)}</td>
                  <td class="num">{pct(kpiAttainment(k))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.can.keep && open ? (
        <form method="post" action={href(`/console/plans/initiatives/${i.id}/kpis`)} class="panel" novalidate>
          <h3>{t('plan.kpis.add')}</h3>
          <Csrf />
          <NameFields values={valuesFor('kpi')} errors={errorsFor('kpi')} />
          <Field
            name="unit_ar"
            label={t('plan.field.unit_ar')}
            value={str(valuesFor('kpi').unit_ar)}
            errors={errorsFor('kpi')}
            lang="ar"
            dir="rtl"
          />
          <Field
            name="unit_en"
            label={t('plan.field.unit_en')}
            value={str(valuesFor('kpi').unit_en)}
            errors={errorsFor('kpi')}
            lang="en"
            dir="ltr"
          />
          <Select
            name="kpi_type"
            label={t('plan.field.kpi_type')}
            value={str(valuesFor('kpi').kpi_type)}
            errors={errorsFor('kpi')}
            options={kpiTypes.map((k) => ({ value: k, label: label(kpiTypeLabel, k) }))}
          />
          <Select
            name="direction"
            label={t('plan.field.direction')}
            value={str(valuesFor('kpi').direction)}
            errors={errorsFor('kpi')}
            options={kpiDirections.map((k) => ({ value: k, label: label(directionLabel, k) }))}
          />
          <Field
            name="baseline"
            label={t('plan.field.baseline')}
            inputMode="decimal"
            value={str(valuesFor('kpi').baseline)}
            errors={errorsFor('kpi')}
          />
          <Field
            name="baseline_date"
            type="date"
            label={t('plan.field.baseline_date')}
            value={str(valuesFor('kpi').baseline_date)}
            errors={errorsFor('kpi')}
          />
          <button type="submit" class="button">
            {t('plan.add')}
          </button>
        </form>
      ) : null}
      {p.can.administer && open && d.kpis.length > 0 && d.periods.length > 0 ? (
        <form method="post" action={href(`/console/plans/initiatives/${i.id}/targets`)} class="panel" novalidate>
          <h3>{t('plan.kpis.set_target')}</h3>
          {baselined(d.plan) ? (
            <p class="hint">
              {t('plan.kpis.targets_locked')}{' '}
              <a href={href(`/console/plans/initiatives/${i.id}/changes`)}>{t('plan.kpis.request_target')}</a>
            </p>
          ) : null}
          <Csrf />
          <Select
            name="kpi_id"
            label={t('plan.field.kpi')}
            value={str(valuesFor('target').kpi_id)}
            errors={errorsFor('target')}
            options={d.kpis.map((k) => ({ value: String(k.id), label: nameOf(lang, k) }))}
          />
          <Select
            name="period_id"
            label={t('plan.field.period_code')}
            value={str(valuesFor('target').period_id)}
            errors={errorsFor('target')}
            options={d.periods.map((pe) => ({ value: String(pe.id), label: pe.code }))}
          />
          <Field
            name="target"
            label={t('plan.field.target')}
            inputMode="decimal"
            value={str(valuesFor('target').target)}
            errors={errorsFor('target')}
          />
          <button type="submit" class="button">
            {t('plan.save')}
          </button>
        </form>
      ) : null}

      <ArchivedToggle shown={p.showArchived ?? false} count={d.archivedMilestones.length + d.archivedKpis.length} />
      {p.showArchived ? <ArchivedParts d={d} canEdit={p.can.keep} /> : null}

      <h2>{t('plan.risk.title')}</h2>
      {d.risks.filter((r) => r.status !== 'closed').length === 0 ? (
        <p>{t('plan.risk.none_open')}</p>
      ) : (
        <RiskTable
          caption={t('plan.risk.open_caption')}
          entries={d.risks.filter((r) => r.status !== 'closed').map((risk) => ({ risk }))}
          canEdit={() => p.can.keep && open}
        />
      )}
      <p>
        <a href={href(`/console/plans/initiatives/${i.id}/risks`)}>{p.can.keep && open ? t('plan.risk.keep_link') : t('plan.risk.link')}</a>
      </p>

      <h2>{t('plan.reports.title')}</h2>
      {d.periods.length === 0 ? (
        <p>{t('plan.periods.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('plan.reports.caption')}</caption>
            <Head cols={[t('plan.field.period_code'), t('plan.field.due_on'), t('plan.field.status')]} />
            <tbody>
              {d.periods.map((pe) => {
                const r = d.reports.find((x) => x.period_id === pe.id);
                return (
                  <tr key={pe.id}>
                    <th scope="row">
                      <a class="ltr" href={href(`/console/plans/initiatives/${i.id}/reports/${pe.id}`)}>
                        {pe.code}
                      </a>
                    </th>
                    <td>
                      <Day value={pe.due_on} />
                    </td>
                    <td>
                      <ReportStatusTag status={r ? r.status : 'missing'} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {p.can.review ? (
        <form method="post" action={href(`/console/plans/initiatives/${i.id}/override`)} class="panel" novalidate>
          <h2>{t('plan.override.title')}</h2>
          <p class="hint">{t('plan.override.hint')}</p>
          <Csrf />
          <Select
            name="rating"
            label={t('plan.field.rating')}
            blank={t('plan.override.none')}
            value={str(valuesFor('override').rating ?? i.override_rating)}
            errors={errorsFor('override')}
            options={ratings.map((r) => ({ value: r, label: label(ratingLabel, r) }))}
          />
          <TextArea
            name="reason"
            label={t('plan.field.reason')}
            value={str(valuesFor('override').reason ?? i.override_reason)}
            errors={errorsFor('override')}
            rows={3}
          />
          <button type="submit" class="button secondary">
            {t('plan.save')}
          </button>
        </form>
      ) : null}

      <h2>{t('plan.history.title')}</h2>
      <History events={d.events} periods={d.periods} />
    </PlanLayout>
  );
}

/** How a milestone is evidenced: the catalog publication that completed it, or the service whose going live will. */
export function MilestoneEvidence(p: {
  milestone: Pick<InitiativeDetail['milestones'][number], 'evidence_json'>;
  service: { identifier: string; name_ar: string; name_en: string } | undefined;
}) {
  const { t, href, lang, num } = usePage();
  const name = p.service ? nameOf(lang, p.service) : '';
  if (p.milestone.evidence_json) {
    const e = JSON.parse(p.milestone.evidence_json) as AutoEvidence;
    const [before, after] = t('plan.milestones.auto_done', { service: '\u0000', version: num(e.version), date: '\u0001' }).split('\u0000');
    const [middle, end] = (after ?? '').split('\u0001');
    return (
      <>
        {before}
        <a href={href(`/services/${e.identifier}`)}>{name || e.identifier}</a>
        {middle}
        <DateTime value={e.published_at} />
        {end}
      </>
    );
  }
  if (!p.service) return <>—</>;
  const [before, after] = t('plan.milestones.auto_pending', { service: '\u0000' }).split('\u0000');
  return (
    <>
      {before}
      <a href={href(`/services/${p.service.identifier}`)}>{name}</a>
      {after}
    </>
  );
}

/** Initiatives by code and name, each a link when the reader may open it. */
function InitiativeLinks({ items }: { items: { id: number; code: string; name_ar: string; name_en: string; link: boolean }[] }) {
  const { href, lang } = usePage();
  if (!items.length) return <>—</>;
  return (
    <ul class="plain">
      {items.map((x) => (
        <li key={x.id}>
          {x.link ? (
            <a href={href(`/console/plans/initiatives/${x.id}`)}>
              <span class="ltr">{x.code}</span> {nameOf(lang, x)}
            </a>
          ) : (
            <>
              <span class="ltr">{x.code}</span> {nameOf(lang, x)}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The initiative's archived milestones and KPIs, with their figures, each linked to its page to restore it. */
function ArchivedParts({ d, canEdit }: { d: InitiativeDetail; canEdit: boolean }) {
  const { t, href, lang, num } = usePage();
  const name = (path: string, x: { id: number; name_ar: string; name_en: string }) =>
    canEdit ? <a href={href(`/console/plans/${path}/${x.id}/edit`)}>{nameOf(lang, x)}</a> : nameOf(lang, x);
  if (!d.archivedMilestones.length && !d.archivedKpis.length) return <p>{t('plan.archive.none')}</p>;
  return (
    <>
      {d.archivedMilestones.length ? (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('plan.archive.milestones')}</caption>
            <Head
              cols={[t('plan.field.milestone'), t('plan.field.planned_date'), t('plan.field.actual_date'), t('plan.archive.archived_on')]}
            />
            <tbody>
              {d.archivedMilestones.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{name('milestones', m)}</th>
                  <td>
                    <Day value={m.planned_date} />
                  </td>
                  <td>
                    <Day value={m.actual_date} />
                  </td>
                  <td>
                    <DateTime value={m.archived_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {d.archivedKpis.length ? (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('plan.archive.kpis')}</caption>
            <Head cols={[t('plan.field.kpi'), t('plan.field.baseline'), t('plan.archive.archived_on')]} />
            <tbody>
              {d.archivedKpis.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{name('kpis', k)}</th>
                  <td class="num">{num(k.baseline)}</td>
                  <td>
                    <DateTime value={k.archived_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
