import { pick, translate } from '../../../platform/i18n/i18n.ts';
import { Csrf, ErrorSummary, type Errors, Select, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { outcomeLabel } from '../catalog.labels.ts';
import type { PlannedRow } from '../io/import.read.ts';
import type { ImportView } from '../io/imports.service.ts';

export function ImportExportPage({
  agencies,
  errors,
  allowAll,
  canImport,
}: {
  agencies: Agency[];
  errors?: Errors;
  allowAll: boolean;
  /** Editors export; only administrators import (the import route refuses everyone else). */
  canImport: boolean;
}) {
  const { t, href, lang } = usePage();
  return (
    <Layout title={t('io.title')} nav="/console/catalog/io">
      <PageHeading title={t('io.title')} lead={t('io.lead')} />
      <ErrorSummary errors={errors} />
      <form method="get" action={href('/console/catalog/export')} class="panel">
        <h2>{t('io.export')}</h2>
        <Select
          name="format"
          label={t('io.export_format')}
          value="csv"
          options={[
            { value: 'csv', label: 'CSV' },
            { value: 'xlsx', label: 'XLSX (Excel)' },
            { value: 'jsonld', label: 'CPSV-AP 3.2 JSON-LD' },
          ]}
        />
        <Select
          name="agency"
          label={t('io.export_scope')}
          value=""
          blank={allowAll ? t('io.whole_catalog') : undefined}
          options={agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
        />
        <button type="submit" class="button secondary">
          {t('io.export')}
        </button>
      </form>
      {canImport ? null : (
        <section class="panel" aria-labelledby="import-h">
          <h2 id="import-h">{t('io.import')}</h2>
          <p>{t('io.import_admins_only')}</p>
        </section>
      )}
      {canImport ? (
        <form method="post" action={href('/console/catalog/import')} encType="multipart/form-data" class="panel">
          <Csrf />
          <h2>{t('io.import')}</h2>
          <div class={`field${errors?.some((e) => e.field === 'file') ? ' has-error' : ''}`}>
            <label for="f-file">{t('io.file')}</label>
            <span class="hint" id="f-file-hint">
              {t('io.file_hint')}
            </span>
            <input
              type="file"
              id="f-file"
              name="file"
              accept=".csv,.xlsx,.json,.jsonld,text/csv,application/ld+json"
              aria-describedby="f-file-hint"
              required
            />
          </div>
          <button type="submit" class="button">
            {t('io.dry_run')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

const tone = { create: undefined, update: 'amber', unchanged: 'grey', refuse: 'red' } as const;

/** The rows of a dry run, one line each, with the reasons a row is refused or what it changes. */
function ReportTable({ rows }: { rows: PlannedRow[] }) {
  const { t, lang } = usePage();
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('io.row')}</th>
            <th scope="col">{t('field.identifier')}</th>
            <th scope="col">{t('field.agency')}</th>
            <th scope="col">{t('io.outcome')}</th>
            <th scope="col">{t('io.reasons')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.row}>
              <td class="num">{r.row}</td>
              <td class="ltr">{r.identifier ?? '—'}</td>
              <td class="ltr">{r.agencyCode ?? '—'}</td>
              <td>
                <Tag tone={tone[r.outcome]}>{t(outcomeLabel[r.outcome])}</Tag>
              </td>
              <td>
                {r.problems.length ? (
                  <ul>
                    {r.problems.map((p, i) => (
                      <li key={i}>
                        <span class="ltr">{p.field}</span>: {translate(lang, p.key, p.params)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span class="ltr">{r.changes.join(', ')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const RUNNING = ['queued', 'planning', 'applying'];

/**
 * One import as the worker takes it through: progress while it runs (the page reloads itself
 * every two seconds, no script needed, and offers a link to reload by hand), then the dry run's
 * report with the button that writes it, then the outcome of the real run.
 */
export function ImportStatusPage({ imp }: { imp: ImportView }) {
  const { t, href, lang } = usePage();
  const here = href(`/console/catalog/imports/${imp.id}`);
  const running = RUNNING.includes(imp.status);
  const count = (o: string) => imp.rows.filter((r) => r.outcome === o).length;
  const refused = count('refuse') > 0;
  const done = imp.status === 'applied' ? imp.result : undefined;
  const lead = imp.status === 'planned' ? t('io.report_lead') : undefined;
  return (
    <Layout
      title={t('io.report')}
      nav="/console/catalog/io"
      head={running ? <meta http-equiv="refresh" content={`2;url=${here}`} /> : undefined}
    >
      <PageHeading title={t('io.report')} lead={lead} />
      <p class="ltr">{imp.fileName}</p>
      {running ? (
        <div class="notice" role="status">
          <p>
            {imp.status === 'queued' || imp.total === null
              ? t('io.queued')
              : t(imp.status === 'applying' ? 'io.applying' : 'io.progress', {
                  done: imp.processed,
                  total: imp.total,
                })}
          </p>
          {imp.total ? (
            <progress max={imp.total} value={imp.processed}>
              {`${imp.processed}/${imp.total}`}
            </progress>
          ) : null}
          <p>
            <a href={here}>{t('io.reload')}</a>
          </p>
        </div>
      ) : null}
      {done ? (
        <div class="notice" role="status">
          {t('io.done', { create: done.create, update: done.update })}
        </div>
      ) : null}
      {imp.status === 'failed' ? (
        <div class="notice warn" role="alert">
          {imp.errors.map((e) => translate(lang, e.key, e.params)).join(' ')}
        </div>
      ) : null}
      {imp.status === 'planned' ? (
        <p>
          <strong>
            {t('io.summary', { create: count('create'), update: count('update'), unchanged: count('unchanged'), refuse: count('refuse') })}
          </strong>
        </p>
      ) : null}
      {imp.status === 'planned' && refused ? (
        <div class="notice warn" role="alert">
          {t('io.run_refused')}
        </div>
      ) : null}
      {imp.status === 'planned' && !refused ? (
        <form method="post" action={href(`/console/catalog/imports/${imp.id}/run`)} class="actions">
          <Csrf />
          <button type="submit" class="button">
            {t('io.run')}
          </button>
        </form>
      ) : null}
      {imp.status === 'planned' || imp.status === 'failed' ? <ReportTable rows={imp.rows} /> : null}
      <p>
        <a href={href('/console/catalog/io')}>{t('io.title')}</a>
      </p>
    </Layout>
  );
}
