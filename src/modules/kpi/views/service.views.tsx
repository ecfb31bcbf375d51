import type { MessageKey } from '../../../messages.ts';
import { Breadcrumbs, Csrf, DataTable, DateTime, ErrorSummary, type Errors, Field, TextArea } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { ServiceRow } from '../../catalog/public.ts';
import type { FigureRow, VersionRow } from '../kpi.repo.ts';
import type { ServiceReport, Window } from '../kpi.reports.ts';
import { channels, type Source } from '../kpi.tables.ts';
import { channelLabel, KpiLayout, kpiKeys, kpiLabel, Missing, nameOf, useKpiText, useMonth } from './common.tsx';
import { ServiceSummary } from './summary.tsx';

/** One service: the four KPIs over the window beside the national median, the trend, and every month's figures. */
export function ServicePage({ r, window, canWrite }: { r: ServiceReport; window: Window; canWrite: boolean }) {
  const { t, lang, href, num } = usePage();
  const text = useKpiText();
  const month = useMonth();
  const s = r.service;
  const name = nameOf(lang, s);
  return (
    <KpiLayout title={t('kpi.service.title', { service: name })}>
      <Breadcrumbs items={[{ href: `/console/kpi/agencies/${s.agency_id}`, label: t('kpi.title') }, { label: name }]} />
      <PageHeading
        title={t('kpi.service.title', { service: name })}
        lead={t('kpi.service.lead', { from: month(r.months[0]), to: month(r.months[r.months.length - 1]) })}
      />
      {canWrite ? (
        <p>
          <a class="button" href={href(`/console/kpi/services/${s.id}/figures`)}>
            {t('kpi.form.enter')}
          </a>
        </p>
      ) : null}
      <ServiceSummary r={r} window={window} path={`/console/kpi/services/${s.id}`} id="kpi-service" />
      <h2>{t('kpi.service.months')}</h2>
      <DataTable
        caption={t('kpi.service.months')}
        headers={[
          t('kpi.month'),
          ...channels.map((c) => t(channelLabel[c])),
          t('kpi.field.started'),
          t('kpi.field.completed'),
          t('kpi.field.total_cost'),
          ...kpiKeys.map((k) => t(kpiLabel[k])),
          { hidden: t('kpi.actions') },
        ]}
        empty={false}
      >
        {[...r.rows].reverse().map((m) => (
          <tr key={m.month}>
            <th scope="row">{month(m.month)}</th>
            {m.figure ? (
              <>
                {channels.map((c) => (
                  <td class="num" key={c}>
                    {num(m.figure?.[c] ?? 0)}
                  </td>
                ))}
                <td class="num">{num(m.figure.started)}</td>
                <td class="num">{num(m.figure.completed)}</td>
                <td class="num">{m.figure.total_cost === null ? '—' : num(m.figure.total_cost, { style: 'currency', currency: 'SAR' })}</td>
              </>
            ) : (
              <td colSpan={channels.length + 3}>
                <Missing />
              </td>
            )}
            {kpiKeys.map((k) => (
              <td class="num" key={k}>
                {text(k, m.kpis[k])}
              </td>
            ))}
            <td>
              {canWrite || m.figure ? (
                <a href={href(`/console/kpi/services/${s.id}/figures?month=${m.month}`)}>
                  {canWrite ? t('kpi.form.edit_month', { month: month(m.month) }) : t('kpi.history_of', { month: month(m.month) })}
                </a>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </KpiLayout>
  );
}

type Values = Record<string, unknown>;

const fieldLabel = {
  month: 'kpi.field.month',
  started: 'kpi.field.started',
  completed: 'kpi.field.completed',
  total_cost: 'kpi.field.total_cost',
  cost_includes: 'kpi.field.cost_includes',
  reason: 'kpi.field.reason',
} as const satisfies Record<string, MessageKey>;

const sourceLabel = {
  form: 'kpi.source.form',
  import: 'kpi.source.import',
  api: 'kpi.source.api',
  demo: 'kpi.source.demo',
} as const satisfies Record<Source, MessageKey>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** The values a month's form starts with: the figures already given, or nothing. */
export function formValuesOf(f: FigureRow | undefined, month: string): Values {
  if (!f) return { month };
  return { ...f, month, total_cost: f.total_cost ?? undefined, cost_includes: f.cost_includes ?? undefined };
}

/** Entering or correcting one month of a service, with that month's history under the form. */
export function MonthFormPage(p: {
  service: ServiceRow;
  month: string;
  figure: FigureRow | undefined;
  versions: VersionRow[];
  values: Values;
  errors?: Errors;
  canWrite: boolean;
}) {
  const { t, lang, href, num } = usePage();
  const month = useMonth();
  const v = p.values;
  const name = nameOf(lang, p.service);
  const title = p.figure ? t('kpi.form.correct_title', { month: month(p.month) }) : t('kpi.form.title');
  const labels: Record<string, string> = {
    ...Object.fromEntries(channels.map((c) => [c, t(channelLabel[c])])),
    ...Object.fromEntries(Object.entries(fieldLabel).map(([k, key]) => [k, t(key)])),
  };
  // Counts and the cost: typed as text (Arabic-Indic digits and separators are read), left to right.
  const NumberField = ({ name, hint, decimal }: { name: string; hint?: string; decimal?: boolean }) => (
    <Field
      name={name}
      label={labels[name]}
      hint={hint}
      value={str(v[name])}
      errors={p.errors}
      inputMode={decimal ? 'decimal' : 'numeric'}
      dir="ltr"
      required={!decimal}
    />
  );
  return (
    <KpiLayout title={title}>
      <Breadcrumbs
        items={[
          { href: `/console/kpi/agencies/${p.service.agency_id}`, label: t('kpi.title') },
          { href: `/console/kpi/services/${p.service.id}`, label: name },
          { label: title },
        ]}
      />
      <PageHeading title={title} caption={name} />
      <ErrorSummary errors={p.errors} labels={labels} />
      {p.canWrite ? (
        <form method="post" action={href(`/console/kpi/services/${p.service.id}/figures`)} novalidate>
          <Csrf />
          <Field
            name="month"
            label={labels.month}
            hint={t('kpi.field.month_hint')}
            value={str(v.month)}
            errors={p.errors}
            dir="ltr"
            required
          />
          <fieldset class="field">
            <legend>{t('kpi.field.channels')}</legend>
            <span class="hint">{t('kpi.field.channels_hint')}</span>
            {channels.map((c) => (
              <NumberField key={c} name={c} />
            ))}
          </fieldset>
          <NumberField name="started" hint={t('kpi.field.started_hint')} />
          <NumberField name="completed" hint={t('kpi.field.completed_hint')} />
          <NumberField name="total_cost" hint={t('kpi.field.total_cost_hint')} decimal />
          <TextArea
            name="cost_includes"
            label={labels.cost_includes}
            hint={t('kpi.field.cost_includes_hint')}
            value={str(v.cost_includes)}
            errors={p.errors}
            rows={3}
          />
          {p.figure ? (
            <TextArea
              name="reason"
              label={labels.reason}
              hint={t('kpi.field.reason_hint')}
              value={str(v.reason)}
              errors={p.errors}
              rows={2}
              required
            />
          ) : null}
          <button type="submit" class="button">
            {t('kpi.form.save')}
          </button>
        </form>
      ) : null}
      <h2>{t('kpi.history')}</h2>
      <DataTable
        caption={t('kpi.history')}
        headers={[t('kpi.version'), t('kpi.when'), t('kpi.by'), t('kpi.how'), t('kpi.field.reason'), t('kpi.transactions')]}
        empty={p.versions.length === 0}
      >
        {p.versions.map((x) => {
          const values = JSON.parse(x.values_json) as Record<string, number>;
          const total = channels.reduce((n, c) => n + (values[c] ?? 0), 0);
          return (
            <tr key={x.id}>
              <td class="num">{num(x.version)}</td>
              <td>
                <DateTime value={x.created_at} withTime />
              </td>
              <td>{x.actor_label}</td>
              <td>{t(sourceLabel[x.source])}</td>
              <td>{x.reason ?? '—'}</td>
              <td class="num">{num(total)}</td>
            </tr>
          );
        })}
      </DataTable>
    </KpiLayout>
  );
}
