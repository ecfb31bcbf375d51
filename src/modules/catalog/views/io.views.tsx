import { pick, translate } from '../../../platform/i18n/i18n.ts';
import { Choices, Csrf, ErrorSummary, type Errors, Select, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency, PlannedAgency } from '../../identity/public.ts';
import { audienceLabel, channelTypeLabel, lifecycleLabel, maturityLabel, outcomeLabel } from '../catalog.labels.ts';
import { audiences, channelTypes, lifecycleStatuses, maturities } from '../catalog.schema.ts';
import type { PlannedRow } from '../io/import.read.ts';
import type { ImportView } from '../io/imports.service.ts';
import { fieldName, groupReasons } from '../io/report.ts';

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
          <ImportOptionsFields />
          <button type="submit" class="button">
            {t('io.dry_run')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

/** The choices an importer makes for the whole file with the dry run (see importOptions). */
function ImportOptionsFields() {
  const { t } = usePage();
  return (
    <fieldset>
      <legend>{t('io.options')}</legend>
      <p class="hint">{t('io.options_lead')}</p>
      <Choices
        name="audiences"
        legend={t('io.default_audience')}
        options={audiences.map((a) => ({ value: a, label: t(audienceLabel[a]) }))}
      />
      <Select
        name="channel"
        label={t('io.default_channel')}
        blank={t('io.no_default')}
        value=""
        options={channelTypes.map((c) => ({ value: c, label: t(channelTypeLabel[c]) }))}
      />
      <Select
        name="maturity"
        label={t('io.default_maturity')}
        blank={t('io.no_default')}
        value=""
        options={maturities.map((c) => ({ value: c, label: t(maturityLabel[c]) }))}
      />
      <Select
        name="status"
        label={t('io.default_status')}
        blank={t('io.no_default')}
        value=""
        options={lifecycleStatuses.map((c) => ({ value: c, label: t(lifecycleLabel[c]) }))}
      />
      <Choices
        name="announce"
        legend={t('io.announce')}
        hint={t('io.announce_hint')}
        options={[{ value: 'yes', label: t('io.announce') }]}
      />
    </fieldset>
  );
}

const tone = { create: undefined, update: 'amber', unchanged: 'grey', draft: 'amber', refuse: 'red' } as const;

/** Refusals grouped by reason: how many rows, which, the field in the reader's language and what fixes it. */
function ReasonGroups({ rows, agencies }: { rows: PlannedRow[]; agencies: PlannedAgency[] }) {
  const { t, lang } = usePage();
  const groups = groupReasons(lang, rows, agencies);
  if (!groups.length) return null;
  return (
    <section aria-labelledby="groups-h">
      <h2 id="groups-h">{t('io.groups')}</h2>
      <ul class="stack">
        {groups.map((g) => (
          <li key={`${g.what}${g.field}${g.key}${g.message}`}>
            <strong>
              {g.fieldName}: {g.message}
            </strong>{' '}
            ({t('io.group_count', { count: g.rows.length })})
            <br />
            <span class="ltr">{t('io.group_rows', { rows: g.rows.slice(0, 50).join(', ') + (g.rows.length > 50 ? ' …' : '') })}</span>
            {g.hint ? (
              <>
                <br />
                <span class="hint">{g.hint}</span>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The file's organisations as agencies: what the run does to each. */
function AgencyTable({ agencies }: { agencies: PlannedAgency[] }) {
  const { t, lang } = usePage();
  if (!agencies.length) return null;
  const count = (o: string) => agencies.filter((a) => a.outcome === o).length;
  return (
    <section aria-labelledby="agencies-h">
      <h2 id="agencies-h">{t('io.agencies')}</h2>
      <p>
        {t('io.agencies_summary', {
          create: count('create'),
          update: count('update'),
          unchanged: count('unchanged'),
          refuse: count('refuse'),
        })}
      </p>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('io.row')}</th>
              <th scope="col">{t('io.field.code')}</th>
              <th scope="col">{t('io.outcome')}</th>
              <th scope="col">{t('io.reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr key={a.row}>
                <td class="num">{a.row}</td>
                <td class="ltr">{a.code ?? '—'}</td>
                <td>
                  <Tag tone={tone[a.outcome]}>{t(outcomeLabel[a.outcome])}</Tag>
                </td>
                <td>
                  {a.problems.length
                    ? a.problems.map((p) => `${fieldName(lang, p.field)}: ${translate(lang, p.key, p.params)}`).join('؛ ')
                    : a.changes.map((f) => fieldName(lang, f)).join(lang === 'ar' ? '، ' : ', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

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
                        {fieldName(lang, p.field)}: {translate(lang, p.key, p.params)}
                      </li>
                    ))}
                  </ul>
                ) : r.missing?.length ? (
                  t('io.missing', { fields: r.missing.map((f) => fieldName(lang, f)).join(lang === 'ar' ? '، ' : ', ') })
                ) : (
                  r.changes.map((f) => fieldName(lang, f)).join(lang === 'ar' ? '، ' : ', ')
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
  const refused = count('refuse') > 0 || imp.agencies.some((a) => a.outcome === 'refuse');
  const launches = imp.rows.filter((r) => r.launch).length;
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
          {t('io.done_full', {
            create: done.create ?? 0,
            update: done.update ?? 0,
            draft: done.draft ?? 0,
            agencies_created: done.agencies_created ?? 0,
            agencies_updated: done.agencies_updated ?? 0,
          })}
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
      {imp.status === 'planned' && count('draft') ? <p>{t('io.drafts_note', { count: count('draft') })}</p> : null}
      {imp.status === 'planned' && !refused ? (
        <p>{imp.options.announce ? t('io.effects_announce', { launches }) : t('io.effects_none')}</p>
      ) : null}
      {imp.status === 'planned' || imp.status === 'failed' ? (
        <p>
          <a href={href(`/console/catalog/imports/${imp.id}/report.csv`)} download>
            {t('io.download_report')}
          </a>
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
      {imp.status === 'planned' || imp.status === 'failed' ? (
        <>
          <ReasonGroups rows={imp.rows} agencies={imp.agencies} />
          <AgencyTable agencies={imp.agencies} />
          <ReportTable rows={imp.rows} />
        </>
      ) : null}
      <p>
        <a href={href('/console/catalog/io')}>{t('io.title')}</a>
      </p>
    </Layout>
  );
}
