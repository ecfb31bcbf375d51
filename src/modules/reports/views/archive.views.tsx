import {
  Breadcrumbs,
  Csrf,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  Select,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { ArchiveRow, RecipientRow } from '../archive/archive.service.ts';
import { periodNames } from '../archive/period.ts';
import type { Snapshot, SnapshotFigure } from '../archive/snapshot.ts';
import type { Frequency } from '../reports.tables.ts';
import { sectionLabel, useValue } from './reports.views.tsx';

const frequencyLabel = {
  off: 'reports.archive.frequency.off',
  monthly: 'reports.archive.frequency.monthly',
  quarterly: 'reports.archive.frequency.quarterly',
} as const;

/** A period's names: Gregorian and Hijri, side by side. */
export function PeriodName({ period }: { period: { from: string; to: string } }) {
  const { lang, timeZone } = usePage();
  const n = periodNames(lang, timeZone, period);
  return (
    <>
      <span>{n.gregorian}</span> <span class="muted">({n.hijri})</span>
    </>
  );
}

function FigureRows({ figure }: { figure: SnapshotFigure }) {
  const { lang } = usePage();
  const value = useValue();
  return (
    <tr data-figure={figure.id}>
      <th scope="row">{figure.label[lang]}</th>
      <td class="num">{value(figure.unit, figure.value)}</td>
      <td class="num">{figure.trend === null ? '—' : value(figure.unit, figure.trend, true)}</td>
    </tr>
  );
}

/**
 * The report itself, from its frozen data: for each section the panels' figures with their change,
 * then every breakdown as a table. Plain tables of two or three columns, so print never clips them.
 */
export function ReportBody({ snapshot }: { snapshot: Snapshot }) {
  const { t, lang } = usePage();
  const value = useValue();
  const sections = Object.keys(sectionLabel) as (keyof typeof sectionLabel)[];
  return (
    <div class="report-archive">
      {snapshot.panels.length ? null : <p>{t('reports.none')}</p>}
      {sections.map((section) => {
        const panels = snapshot.panels.filter((p) => p.section === section);
        if (!panels.length) return null;
        return (
          <section key={section} aria-labelledby={`section-${section}`}>
            <h2 id={`section-${section}`}>{t(sectionLabel[section])}</h2>
            {panels.map((panel) => (
              <div key={panel.module} class="report-panel">
                <h3>{panel.title[lang]}</h3>
                <DataTable
                  caption={panel.title[lang]}
                  headers={[t('reports.col.figure'), t('reports.col.value'), t('reports.archive.col.change')]}
                  empty={!panel.figures.length}
                >
                  {panel.figures.map((f) => (
                    <FigureRows key={f.id} figure={f} />
                  ))}
                </DataTable>
                {panel.figures
                  .filter((f) => f.series.length)
                  .map((f) => (
                    <div key={f.id} class="report-series">
                      <h4>{t('reports.table', { figure: f.label[lang] })}</h4>
                      <DataTable
                        caption={t('reports.table', { figure: f.label[lang] })}
                        headers={[t('reports.col.item'), t('reports.col.value')]}
                        empty={false}
                      >
                        {f.series.map((p) => (
                          <tr key={p.label}>
                            <th scope="row">{p.name[lang] || p.name.en}</th>
                            <td class="num">{value(f.seriesUnit, p.value)}</td>
                          </tr>
                        ))}
                      </DataTable>
                    </div>
                  ))}
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}

/** Download links of one report, in the page's language (the PDF only where Chromium is). */
/** The report's page and files; through a recipient's signed link (`token`) when opened without an account. */
function Downloads({ id, pdf, token }: { id: number; pdf: boolean; token?: string }) {
  const { t, href, lang } = usePage();
  const base = token ? `/reports/shared/${id}` : `/console/reports/archive/${id}`;
  const query = token ? `?lang=${lang}&token=${encodeURIComponent(token)}` : `?lang=${lang}`;
  return (
    <ul class="actions">
      {token ? null : (
        <li>
          <a href={href(base)}>{t('reports.archive.open')}</a>
        </li>
      )}
      {pdf ? (
        <li>
          <a href={`${base}/report.pdf${query}`}>{t('reports.archive.pdf')}</a>
        </li>
      ) : null}
      <li>
        <a href={`${base}/report.xlsx${query}`}>{t('reports.archive.xlsx')}</a>
      </li>
    </ul>
  );
}

export type ArchiveForm = 'schedule' | 'recipient' | 'generate';

export function ArchivePage(p: {
  rows: ArchiveRow[];
  frequency: Frequency;
  manage: boolean;
  recipients: RecipientRow[];
  leaders: number;
  pdf: boolean;
  values?: Record<string, unknown>;
  errors?: Errors;
  form?: ArchiveForm;
}) {
  const { t, href, num } = usePage();
  const v = (k: string) => (typeof p.values?.[k] === 'string' ? (p.values[k] as string) : undefined);
  const errorsOf = (form: ArchiveForm) => (p.form === form ? p.errors : undefined);
  const title = t('reports.archive.title');
  return (
    <Layout title={title} nav="/console/reports">
      <Breadcrumbs items={[{ href: '/console/reports', label: t('reports.title') }, { label: title }]} />
      <PageHeading title={title} lead={t('reports.archive.lead')} />
      <ErrorSummary errors={p.errors} />
      <p>{t('reports.archive.schedule_now', { frequency: t(frequencyLabel[p.frequency]) })}</p>
      {p.pdf ? null : <p class="muted">{t('error.pdf_unavailable')}</p>}
      <DataTable
        caption={title}
        headers={[
          t('reports.archive.col.period'),
          t('reports.archive.col.generated'),
          t('reports.archive.col.recipients'),
          t('reports.archive.col.files'),
        ]}
        empty={!p.rows.length}
      >
        {p.rows.map((r) => (
          <tr key={r.id} data-period={r.period_key}>
            <th scope="row">
              <PeriodName period={{ from: r.period_from, to: r.period_to }} />
            </th>
            <td>
              <DateTime value={r.generated_at} withTime />
              <br />
              <span class="muted">{t(r.trigger === 'schedule' ? 'reports.archive.by_schedule' : 'reports.archive.by_hand')}</span>
            </td>
            <td class="num">{num(r.recipients)}</td>
            <td>
              <Downloads id={r.id} pdf={p.pdf} />
            </td>
          </tr>
        ))}
      </DataTable>
      {p.manage ? (
        <>
          <h2 id="schedule">{t('reports.archive.schedule')}</h2>
          <form method="post" action={href('/console/reports/archive/schedule')} class="panel stack">
            <Csrf />
            <Select
              name="frequency"
              label={t('reports.archive.frequency')}
              hint={t('reports.archive.frequency_hint')}
              value={v('frequency') ?? p.frequency}
              errors={errorsOf('schedule')}
              options={(['off', 'monthly', 'quarterly'] as const).map((f) => ({ value: f, label: t(frequencyLabel[f]) }))}
            />
            <button type="submit" class="button">
              {t('reports.archive.save')}
            </button>
          </form>

          <h2 id="recipients">{t('reports.archive.recipients')}</h2>
          <p>{t('reports.archive.leaders', { count: p.leaders })}</p>
          <DataTable
            caption={t('reports.archive.recipients')}
            headers={[
              t('reports.archive.col.name'),
              t('reports.archive.col.email'),
              t('reports.archive.col.lang'),
              { hidden: t('reports.archive.remove') },
            ]}
            empty={!p.recipients.length}
          >
            {p.recipients.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td dir="ltr">{r.email}</td>
                <td>{t(r.lang === 'ar' ? 'reports.archive.lang.ar' : 'reports.archive.lang.en')}</td>
                <td>
                  <PostButton
                    action={href(`/console/reports/archive/recipients/${r.id}/remove`)}
                    label={t('reports.archive.remove')}
                    tone="secondary"
                  />
                </td>
              </tr>
            ))}
          </DataTable>
          <form method="post" action={href('/console/reports/archive/recipients')} class="panel stack">
            <Csrf />
            <Field name="name" label={t('reports.archive.col.name')} value={v('name')} errors={errorsOf('recipient')} required />
            <Field
              name="email"
              type="email"
              dir="ltr"
              label={t('reports.archive.col.email')}
              value={v('email')}
              errors={errorsOf('recipient')}
              required
              autocomplete="off"
            />
            <Select
              name="lang"
              label={t('reports.archive.col.lang')}
              value={v('lang') ?? 'ar'}
              errors={errorsOf('recipient')}
              options={[
                { value: 'ar', label: t('reports.archive.lang.ar') },
                { value: 'en', label: t('reports.archive.lang.en') },
              ]}
            />
            <button type="submit" class="button">
              {t('reports.archive.add')}
            </button>
          </form>

          <h2 id="generate">{t('reports.archive.generate')}</h2>
          <form method="post" action={href('/console/reports/archive/generate')} class="panel stack">
            <Csrf />
            <p class="hint">{t('reports.archive.generate_hint')}</p>
            <Select
              name="gen_frequency"
              label={t('reports.archive.frequency')}
              value={v('gen_frequency') ?? 'monthly'}
              errors={errorsOf('generate')}
              options={(['monthly', 'quarterly'] as const).map((f) => ({ value: f, label: t(frequencyLabel[f]) }))}
            />
            <Field
              name="gen_year"
              type="number"
              inputMode="numeric"
              label={t('reports.filter.year')}
              value={v('gen_year')}
              errors={errorsOf('generate')}
              min={2000}
              max={2200}
              required
            />
            <Field
              name="gen_period"
              type="number"
              inputMode="numeric"
              label={t('reports.archive.period_number')}
              hint={t('reports.archive.period_number_hint')}
              value={v('gen_period')}
              errors={errorsOf('generate')}
              min={1}
              max={12}
              required
            />
            <button type="submit" class="button">
              {t('reports.archive.generate_now')}
            </button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

/** An archived report; `token` when a recipient without an account opens it through their signed link. */
export function ReportPage({ row, snapshot, pdf, token }: { row: ArchiveRow; snapshot: Snapshot; pdf: boolean; token?: string }) {
  const { t, lang, timeZone } = usePage();
  const names = periodNames(lang, timeZone, { from: row.period_from, to: row.period_to });
  const title = t('reports.archive.report_title', { period: names.gregorian });
  return (
    <Layout title={title} nav={token ? undefined : '/console/reports'}>
      {token ? null : (
        <Breadcrumbs
          items={[
            { href: '/console/reports', label: t('reports.title') },
            { href: '/console/reports/archive', label: t('reports.archive.title') },
            { label: names.gregorian },
          ]}
        />
      )}
      <PageHeading title={title} lead={t(token ? 'reports.archive.shared_lead' : 'reports.archive.report_lead', { hijri: names.hijri })} />
      <p class="muted">
        {t('reports.archive.generated_at')} <DateTime value={row.generated_at} withTime />
      </p>
      {pdf ? null : <p class="muted">{t('error.pdf_unavailable')}</p>}
      <Downloads id={row.id} pdf={pdf} token={token} />
      <ReportBody snapshot={snapshot} />
    </Layout>
  );
}
