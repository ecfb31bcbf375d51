import {
  Breadcrumbs,
  Csrf,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { ReportFigures } from '../plan.schema.ts';
import { figureValues, type ReportBundle } from '../reports.service.ts';
import { Day, nameOf, PlanLayout, ReportStatusTag } from './common.tsx';

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

function FigureFields({ b, values, errors }: { b: ReportBundle; values: Values; errors?: Errors }) {
  const { t, lang, num } = usePage();
  return (
    <>
      <Field name="forecast_end" type="date" label={t('plan.field.forecast_end')} value={str(values.forecast_end)} errors={errors} />
      <Field name="spend_sar" label={t('plan.field.spend')} inputMode="decimal" value={str(values.spend_sar)} errors={errors} />
      {b.milestones.length ? (
        <fieldset>
          <legend>{t('plan.milestones.title')}</legend>
          {b.milestones.map((m) => (
            <div key={m.id} class="panel">
              <p>
                <strong>{nameOf(lang, m)}</strong> — {t('plan.field.planned_date')}: <Day value={m.planned_date} />
              </p>
              <Field
                name={`ms_${m.id}_forecast`}
                type="date"
                label={t('plan.field.forecast_date')}
                value={str(values[`ms_${m.id}_forecast`])}
                errors={errors}
              />
              <Field
                name={`ms_${m.id}_actual`}
                type="date"
                label={t('plan.field.actual_date')}
                value={str(values[`ms_${m.id}_actual`])}
                errors={errors}
              />
            </div>
          ))}
        </fieldset>
      ) : null}
      {b.kpis.length ? (
        <fieldset>
          <legend>{t('plan.kpis.title')}</legend>
          {b.kpis.map((k) => {
            const target = b.values.find((x) => x.kpi_id === k.id)?.target;
            return (
              <Field
                key={k.id}
                name={`kpi_${k.id}_actual`}
                label={nameOf(lang, k)}
                hint={
                  target === null || target === undefined ? t('plan.kpis.no_target') : t('plan.kpis.target_hint', { target: num(target) })
                }
                inputMode="decimal"
                value={str(values[`kpi_${k.id}_actual`])}
                errors={errors}
              />
            );
          })}
        </fieldset>
      ) : null}
    </>
  );
}

function FiguresTable({ b, figures }: { b: ReportBundle; figures: ReportFigures }) {
  const { t, lang, num } = usePage();
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption>{t('plan.report.figures')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('plan.field.forecast_end')}</th>
            <td>
              <Day value={figures.forecast_end} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t('plan.field.spend')}</th>
            <td class="num">{figures.spend_sar === null ? '—' : num(figures.spend_sar)}</td>
          </tr>
          {b.milestones.map((m) => {
            const f = figures.milestones.find((x) => x.id === m.id);
            return (
              <tr key={`m${m.id}`}>
                <th scope="row">{nameOf(lang, m)}</th>
                <td>
                  {t('plan.field.forecast_date')}: <Day value={f?.forecast_date} /> · {t('plan.field.actual_date')}:{' '}
                  <Day value={f?.actual_date} />
                </td>
              </tr>
            );
          })}
          {b.kpis.map((k) => {
            const f = figures.kpis.find((x) => x.id === k.id);
            return (
              <tr key={`k${k.id}`}>
                <th scope="row">{nameOf(lang, k)}</th>
                <td class="num">{f?.actual === null || f?.actual === undefined ? '—' : num(f.actual)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ReportPage(p: {
  b: ReportBundle;
  figures: ReportFigures;
  can: { draft: boolean; submit: boolean; review: boolean };
  form?: 'save' | 'return' | 'correction' | 'reject';
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const { b } = p;
  const r = b.report;
  const status = r?.status;
  const base = `/console/plans/initiatives/${b.initiative.id}/reports/${b.period.id}`;
  const editable = p.can.draft && b.plan.status === 'active' && (!r || status === 'draft' || status === 'returned');
  const values = p.form === 'save' || p.form === 'correction' ? (p.values ?? {}) : { ...figureValues(p.figures), narrative: r?.narrative };
  const errorsFor = (form: NonNullable<typeof p.form>) => (p.form === form ? p.errors : undefined);
  const title = t('plan.report.title', { code: b.initiative.code, period: b.period.code });
  return (
    <PlanLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/plans', label: t('plan.title') },
          { href: `/console/plans/${b.plan.id}`, label: nameOf(lang, b.plan) },
          { href: `/console/plans/initiatives/${b.initiative.id}`, label: b.initiative.code },
          { label: b.period.code },
        ]}
      />
      <PageHeading title={title} caption={nameOf(lang, b.initiative)} />
      <ErrorSummary errors={p.errors} />
      <p>
        <ReportStatusTag status={status ?? 'missing'} /> {t('plan.field.due_on')}: <Day value={b.period.due_on} />
      </p>
      {status === 'returned' && r?.review_comment ? (
        <div class="notice" role="note">
          <strong>{t('plan.report.returned_because')}</strong> {r.review_comment}
        </div>
      ) : null}
      {status === 'accepted' ? <p>{t('plan.report.locked')}</p> : null}
      {!editable && b.plan.status !== 'active' && !r ? <p>{t('plan.error.plan_not_active')}</p> : null}

      {editable ? (
        <form method="post" action={href(base)} novalidate>
          <Csrf />
          <TextArea
            name="narrative"
            label={t('plan.field.narrative')}
            hint={t('plan.field.narrative_hint')}
            value={str(values.narrative)}
            errors={errorsFor('save')}
            rows={4}
          />
          <FigureFields b={b} values={values} errors={errorsFor('save')} />
          <button type="submit" class="button">
            {t('plan.report.save')}
          </button>
        </form>
      ) : r ? (
        <>
          {r.narrative ? <p>{r.narrative}</p> : null}
          <FiguresTable b={b} figures={p.figures} />
        </>
      ) : null}

      {r && (status === 'draft' || status === 'returned') && p.can.submit ? (
        <PostButton
          action={href(`/console/plans/reports/${r.id}/submit`)}
          label={t('plan.report.submit')}
          confirm={t('plan.report.submit_confirm')}
        />
      ) : null}
      {r && (status === 'draft' || status === 'returned') && !p.can.submit && p.can.draft ? (
        <p class="hint">{t('plan.report.admin_submits')}</p>
      ) : null}

      {r && status === 'submitted' && p.can.review ? (
        <div class="grid-2">
          <form method="post" action={href(`/console/plans/reports/${r.id}/accept`)} class="panel" novalidate>
            <h2>{t('plan.report.accept')}</h2>
            <Csrf />
            <TextArea name="comment" label={t('plan.field.comment_optional')} rows={3} />
            <button type="submit" class="button">
              {t('plan.report.accept')}
            </button>
          </form>
          <form method="post" action={href(`/console/plans/reports/${r.id}/return`)} class="panel" novalidate>
            <h2>{t('plan.report.return')}</h2>
            <Csrf />
            <TextArea
              name="comment"
              label={t('plan.field.comment')}
              value={str(p.form === 'return' ? p.values?.comment : undefined)}
              errors={errorsFor('return')}
              rows={3}
            />
            <button type="submit" class="button secondary">
              {t('plan.report.return')}
            </button>
          </form>
        </div>
      ) : null}

      {b.corrections.length ? (
        <>
          <h2>{t('plan.corrections.title')}</h2>
          <ul class="timeline">
            {b.corrections.map((c) => (
              <li key={c.id}>
                <DateTime value={c.proposed_at} withTime /> — {c.proposed_by}: {c.reason} —{' '}
                <strong>
                  {c.status === 'proposed'
                    ? t('plan.correction.proposed')
                    : c.status === 'accepted'
                      ? t('plan.correction.accepted')
                      : t('plan.correction.rejected')}
                </strong>
                {c.review_comment ? <blockquote>{c.review_comment}</blockquote> : null}
                {c.status === 'proposed' && p.can.review ? (
                  <div class="grid-2">
                    <PostButton action={href(`/console/plans/corrections/${c.id}/accept`)} label={t('plan.correction.accept')} />
                    <form method="post" action={href(`/console/plans/corrections/${c.id}/reject`)} novalidate>
                      <Csrf />
                      <TextArea name="comment" label={t('plan.field.comment')} errors={errorsFor('reject')} rows={2} />
                      <button type="submit" class="button secondary">
                        {t('plan.correction.reject')}
                      </button>
                    </form>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {r && status === 'accepted' && p.can.submit && !b.corrections.some((c) => c.status === 'proposed') ? (
        <form method="post" action={href(`/console/plans/reports/${r.id}/correction`)} class="panel" novalidate>
          <h2>{t('plan.correction.propose')}</h2>
          <p class="hint">{t('plan.correction.hint')}</p>
          <Csrf />
          <TextArea
            name="reason"
            label={t('plan.field.reason')}
            value={str(p.form === 'correction' ? p.values?.reason : undefined)}
            errors={errorsFor('correction')}
            rows={3}
          />
          <FigureFields b={b} values={values} errors={errorsFor('correction')} />
          <button type="submit" class="button secondary">
            {t('plan.correction.propose')}
          </button>
        </form>
      ) : null}
    </PlanLayout>
  );
}
