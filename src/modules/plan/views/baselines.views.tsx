import { Breadcrumbs, Csrf, DateTime, ErrorSummary, type Errors, Field, Select, TextArea } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Change } from '../baselines.service.ts';
import { type ComparisonRow, expectedEnd } from '../baselines.ts';
import type { BaselineRow, ChangeRow, InitiativeRow, KpiRow, PeriodRow, PlanRow } from '../plan.repo.ts';
import type { ChangeStatus } from '../plan.tables.ts';
import { Day, Head, nameOf, PlanLayout } from './common.tsx';

// The "as of" comparison of a plan's baselines, and an initiative's change requests.

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

function useShift() {
  const { t } = usePage();
  return (days: number | null) =>
    days === null
      ? '—'
      : days === 0
        ? t('plan.baselines.no_shift')
        : days > 0
          ? t('plan.baselines.later', { count: days })
          : t('plan.baselines.earlier', { count: -days });
}

function useSar() {
  const { num } = usePage();
  return (v: number) => num(v, { style: 'currency', currency: 'SAR', maximumFractionDigits: 0 });
}

/** A from → to pair of days, with the shift between them. */
function Moved({ from, to, shift }: { from: string | undefined; to: string | undefined; shift: number | null }) {
  const { t } = usePage();
  const s = useShift();
  if (from === undefined || to === undefined) return <Day value={from ?? to} />;
  return (
    <>
      <Day value={from} />
      {shift ? (
        <>
          {` ${t('plan.arrow')} `}
          <Day value={to} />
          <br />
          <strong>{s(shift)}</strong>
        </>
      ) : null}
    </>
  );
}

export interface BaselinesView {
  plan: PlanRow;
  baselines: BaselineRow[];
  from: BaselineRow | undefined;
  to: BaselineRow | undefined;
  comparison: import('../baselines.ts').Comparison | undefined;
  reasons: Map<number, ChangeRow[]>;
}

export function BaselinesPage({ v }: { v: BaselinesView }) {
  const { t, href, lang, num } = usePage();
  const sar = useSar();
  const label = (b: BaselineRow) =>
    t(b.reason === 'approval' ? 'plan.baselines.label_approval' : 'plan.baselines.label_change', { number: b.number });
  const statusLabel = (r: ComparisonRow) =>
    r.status === 'added'
      ? t('plan.baselines.added')
      : r.status === 'removed'
        ? t('plan.baselines.removed')
        : r.status === 'changed'
          ? t('plan.baselines.changed')
          : t('plan.baselines.same');
  return (
    <PlanLayout title={t('plan.baselines.title')}>
      <Breadcrumbs
        items={[
          { href: '/console/plans', label: t('plan.title') },
          { href: `/console/plans/${v.plan.id}`, label: nameOf(lang, v.plan) },
          { label: t('plan.baselines.title') },
        ]}
      />
      <PageHeading title={t('plan.baselines.title')} caption={nameOf(lang, v.plan)} />
      <p>{t('plan.baselines.lead')}</p>
      {v.baselines.length === 0 ? (
        <p>{t('plan.baselines.none')}</p>
      ) : (
        <>
          <div class="table-wrap" tabIndex={0}>
            <table>
              <caption>{t('plan.baselines.list_caption')}</caption>
              <Head cols={[t('plan.baselines.baseline'), t('plan.baselines.taken_at'), t('plan.baselines.taken_by')]} />
              <tbody>
                {v.baselines.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">{label(b)}</th>
                    <td>
                      <DateTime value={b.taken_at} withTime />
                    </td>
                    <td>{b.taken_by}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form method="get" action={href(`/console/plans/${v.plan.id}/baselines`)} class="panel">
            <h2>{t('plan.baselines.compare')}</h2>
            <Select
              name="from"
              label={t('plan.baselines.from')}
              value={str(v.from?.id)}
              options={v.baselines.map((b) => ({ value: String(b.id), label: label(b) }))}
            />
            <Select
              name="to"
              label={t('plan.baselines.to')}
              value={v.to ? String(v.to.id) : 'today'}
              options={[
                { value: 'today', label: t('plan.baselines.today') },
                ...v.baselines.map((b) => ({ value: String(b.id), label: label(b) })),
              ]}
            />
            <button type="submit" class="button secondary">
              {t('plan.baselines.show')}
            </button>
          </form>
        </>
      )}
      {v.comparison && v.from ? (
        <>
          <h2>
            {label(v.from)} {t('plan.arrow')} {v.to ? label(v.to) : t('plan.baselines.today')}
          </h2>
          <p>
            {t('plan.baselines.summary', { count: v.comparison.slipped, days: v.comparison.maxSlip })}{' '}
            {t('plan.baselines.budget_summary', { from: sar(v.comparison.budgetFrom), to: sar(v.comparison.budgetTo) })}
          </p>
          <p class="hint">{t('plan.baselines.arithmetic')}</p>
          <div class="table-wrap" tabIndex={0}>
            <table>
              <caption>{t('plan.baselines.comparison_caption')}</caption>
              <Head
                cols={[
                  t('plan.field.initiative'),
                  t('plan.field.status'),
                  t('plan.field.planned_start'),
                  t('plan.field.planned_end'),
                  t('plan.baselines.expected_end'),
                  t('plan.field.budget'),
                  t('plan.baselines.targets'),
                  t('plan.baselines.why'),
                ]}
              />
              <tbody>
                {v.comparison.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <span class="ltr">{r.code}</span> {nameOf(lang, r)}
                    </th>
                    <td>{statusLabel(r)}</td>
                    <td>
                      <Moved from={r.from?.planned_start} to={r.to?.planned_start} shift={r.startShift} />
                    </td>
                    <td>
                      <Moved from={r.from?.planned_end} to={r.to?.planned_end} shift={r.endShift} />
                    </td>
                    <td>
                      <Moved from={r.from ? expectedEnd(r.from) : undefined} to={r.to ? expectedEnd(r.to) : undefined} shift={r.slip} />
                    </td>
                    <td class="num">
                      {r.from && r.to && r.budgetChange ? (
                        <>
                          {sar(r.from.budget_sar)} {t('plan.arrow')} {sar(r.to.budget_sar)}
                        </>
                      ) : (
                        sar((r.to ?? r.from)?.budget_sar ?? 0)
                      )}
                    </td>
                    <td class="num">{num(r.targets.length)}</td>
                    <td>
                      {(v.reasons.get(r.id) ?? []).map((c) => (
                        <p key={c.id}>{c.reason}</p>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </PlanLayout>
  );
}

const changeStatusLabel = {
  proposed: 'plan.change_status.proposed',
  accepted: 'plan.change_status.accepted',
  rejected: 'plan.change_status.rejected',
} as const;

/** What a change request changes, one line each. */
function ChangeList({ change, kpis, periods }: { change: Change; kpis: KpiRow[]; periods: PeriodRow[] }) {
  const { t, lang, num } = usePage();
  const sar = useSar();
  const kpi = change.target ? kpis.find((k) => k.id === change.target?.kpi_id) : undefined;
  const period = change.target ? periods.find((p) => p.id === change.target?.period_id) : undefined;
  return (
    <ul>
      {change.planned_start ? (
        <li>
          {t('plan.field.planned_start')}: <Day value={change.planned_start.from} /> {t('plan.arrow')}{' '}
          <Day value={change.planned_start.to} />
        </li>
      ) : null}
      {change.planned_end ? (
        <li>
          {t('plan.field.planned_end')}: <Day value={change.planned_end.from} /> {t('plan.arrow')} <Day value={change.planned_end.to} />
        </li>
      ) : null}
      {change.budget_sar ? (
        <li>
          {t('plan.field.budget')}: {sar(change.budget_sar.from)} {t('plan.arrow')} {sar(change.budget_sar.to)}
        </li>
      ) : null}
      {change.target ? (
        <li>
          {t('plan.field.target')} — {kpi ? nameOf(lang, kpi) : '—'} (<span class="ltr">{period?.code ?? '—'}</span>):{' '}
          {change.target.from === null ? '—' : num(change.target.from)} {t('plan.arrow')} {num(change.target.to)}
        </li>
      ) : null}
    </ul>
  );
}

export function ChangesPage(p: {
  initiative: InitiativeRow;
  plan: PlanRow;
  changes: ChangeRow[];
  kpis: KpiRow[];
  periods: PeriodRow[];
  baselined: boolean;
  can: { propose: boolean; decide: boolean };
  values?: Values;
  errors?: Errors;
  /** Which form the errors belong to: the proposal, or the decision of one request. */
  form?: 'propose' | number;
}) {
  const { t, href, lang } = usePage();
  const i = p.initiative;
  const pending = p.changes.some((c) => c.status === 'proposed');
  const proposeValues = p.form === 'propose' ? (p.values ?? {}) : {};
  const proposeErrors = p.form === 'propose' ? p.errors : undefined;
  return (
    <PlanLayout title={t('plan.changes.title')}>
      <Breadcrumbs
        items={[
          { href: '/console/plans', label: t('plan.title') },
          { href: `/console/plans/${p.plan.id}`, label: nameOf(lang, p.plan) },
          { href: `/console/plans/initiatives/${i.id}`, label: i.code },
          { label: t('plan.changes.title') },
        ]}
      />
      <PageHeading title={t('plan.changes.title')} caption={`${i.code} · ${nameOf(lang, i)}`} />
      <ErrorSummary errors={p.errors} />
      <p>{t('plan.changes.lead')}</p>
      <p>
        <a href={href(`/console/plans/${p.plan.id}/baselines`)}>{t('plan.baselines.title')}</a>
      </p>
      {p.changes.length === 0 ? (
        <p>{t('plan.changes.none')}</p>
      ) : (
        p.changes.map((c) => (
          <section class="panel" key={c.id} aria-labelledby={`change-${c.id}`}>
            <h2 id={`change-${c.id}`}>
              {t('plan.changes.request', { number: c.id })} — {t(changeStatusLabel[c.status as ChangeStatus])}
            </h2>
            <p class="hint">
              {c.proposed_by} · <DateTime value={c.proposed_at} withTime />
            </p>
            <ChangeList change={JSON.parse(c.changes_json) as Change} kpis={p.kpis} periods={p.periods} />
            <h3>{t('plan.field.reason')}</h3>
            <blockquote>{c.reason}</blockquote>
            {c.status !== 'proposed' ? (
              <p>
                {c.reviewed_by} · <DateTime value={c.reviewed_at} withTime />
                {c.review_comment ? <blockquote>{c.review_comment}</blockquote> : null}
              </p>
            ) : p.can.decide ? (
              <div class="grid-2">
                <form method="post" action={href(`/console/plans/changes/${c.id}/accept`)} novalidate>
                  <Csrf />
                  <TextArea
                    name="comment"
                    label={t('plan.field.comment')}
                    value={p.form === c.id ? str(p.values?.comment) : undefined}
                    errors={p.form === c.id ? p.errors : undefined}
                    rows={2}
                  />
                  <button type="submit" class="button">
                    {t('plan.changes.accept')}
                  </button>
                </form>
                <form method="post" action={href(`/console/plans/changes/${c.id}/reject`)} novalidate>
                  <Csrf />
                  <TextArea
                    name="comment"
                    label={t('plan.changes.reject_comment')}
                    value={p.form === c.id ? str(p.values?.comment) : undefined}
                    errors={p.form === c.id ? p.errors : undefined}
                    rows={2}
                  />
                  <button type="submit" class="button secondary">
                    {t('plan.changes.reject')}
                  </button>
                </form>
              </div>
            ) : null}
          </section>
        ))
      )}
      {p.can.propose && p.baselined && !pending ? (
        <form method="post" action={href(`/console/plans/initiatives/${i.id}/changes`)} class="panel" novalidate>
          <h2>{t('plan.changes.propose')}</h2>
          <p class="hint">{t('plan.changes.propose_hint')}</p>
          <Csrf />
          <Field
            name="planned_start"
            type="date"
            label={t('plan.field.planned_start')}
            value={str(proposeValues.planned_start)}
            errors={proposeErrors}
          />
          <Field
            name="planned_end"
            type="date"
            label={t('plan.field.planned_end')}
            value={str(proposeValues.planned_end)}
            errors={proposeErrors}
          />
          <Field
            name="budget_sar"
            label={t('plan.field.budget')}
            inputMode="decimal"
            value={str(proposeValues.budget_sar)}
            errors={proposeErrors}
          />
          {p.kpis.length > 0 && p.periods.length > 0 ? (
            <>
              <Select
                name="kpi_id"
                label={t('plan.field.kpi')}
                blank=""
                value={str(proposeValues.kpi_id)}
                errors={proposeErrors}
                options={p.kpis.map((k) => ({ value: String(k.id), label: nameOf(lang, k) }))}
              />
              <Select
                name="period_id"
                label={t('plan.field.period_code')}
                blank=""
                value={str(proposeValues.period_id)}
                errors={proposeErrors}
                options={p.periods.map((pe) => ({ value: String(pe.id), label: pe.code }))}
              />
              <Field
                name="target"
                label={t('plan.field.target')}
                inputMode="decimal"
                value={str(proposeValues.target)}
                errors={proposeErrors}
              />
            </>
          ) : null}
          <TextArea
            name="reason"
            label={t('plan.field.reason')}
            value={str(proposeValues.reason)}
            errors={proposeErrors}
            rows={3}
            required
          />
          <button type="submit" class="button">
            {t('plan.changes.send')}
          </button>
        </form>
      ) : null}
    </PlanLayout>
  );
}
