import type { MessageKey } from '../../../messages.ts';
import { pick, translate } from '../../../platform/i18n/i18n.ts';
import { Csrf, ErrorSummary, type Errors, Select, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/identity.repo.ts';
import type { PlannedRow } from '../io/io.service.ts';

export function ImportExportPage({ agencies, errors, allowAll }: { agencies: Agency[]; errors?: Errors; allowAll: boolean }) {
  const { t, href, lang, csrf } = usePage();
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
      <form
        method="post"
        action={`${href('/console/catalog/import')}?_csrf=${encodeURIComponent(csrf)}`}
        encType="multipart/form-data"
        class="panel"
      >
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
    </Layout>
  );
}

const tone = { create: undefined, update: 'amber', unchanged: 'grey', refuse: 'red' } as const;

export function ImportReportPage({ rows, token, done }: { rows: PlannedRow[]; token?: string; done?: Record<string, number> }) {
  const { t, href, lang } = usePage();
  const count = (o: string) => rows.filter((r) => r.outcome === o).length;
  const refused = count('refuse') > 0;
  return (
    <Layout title={t('io.report')} nav="/console/catalog/io">
      <PageHeading title={t('io.report')} lead={done ? undefined : t('io.report_lead')} />
      {done ? (
        <div class="notice" role="status">
          {t('io.done', { create: done.create, update: done.update })}
        </div>
      ) : null}
      {done ? null : (
        <p>
          <strong>
            {t('io.summary', { create: count('create'), update: count('update'), unchanged: count('unchanged'), refuse: count('refuse') })}
          </strong>
        </p>
      )}
      {!done && refused ? (
        <div class="notice warn" role="alert">
          {t('io.run_refused')}
        </div>
      ) : null}
      {!done && !refused && token ? (
        <form method="post" action={href('/console/catalog/import/run')} class="actions">
          <Csrf />
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="button">
            {t('io.run')}
          </button>
        </form>
      ) : null}
      {done ? null : (
        <div class="table-wrap">
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
                    <Tag tone={tone[r.outcome]}>{t(`io.outcome.${r.outcome}` as MessageKey)}</Tag>
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
      )}
      <p>
        <a href={href('/console/catalog/io')}>{t('io.title')}</a>
      </p>
    </Layout>
  );
}
