import type { Verdict } from '../../../platform/credentials/credentials.ts';
import type { CredentialRow } from '../../../platform/credentials/index.ts';
import {
  Breadcrumbs,
  Csrf,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  FilterForm,
  Pagination,
  Tag,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import type { MessageKey } from '../../../platform/views/Layout.tsx';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';

type Values = Record<string, unknown>;
type Achievement = { name: { ar: string; en: string }; description: { ar: string; en: string }; criteria: { ar: string; en: string } };

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Check by serial, or paste / upload the credential file. Both work without JavaScript. */
export function VerifyFormPage({ values, errors }: { values: Values; errors?: Errors }) {
  const { t, href } = usePage();
  const serialErrors = errors?.filter((e) => e.field === 'serial');
  const docErrors = errors?.filter((e) => e.field !== 'serial');
  return (
    <Layout title={t('credentials.verify.title')} nav="/verify">
      <PageHeading title={t('credentials.verify.title')} lead={t('credentials.verify.lead')} />
      <ErrorSummary errors={errors} />
      <form method="get" action={href('/verify')} class="panel stack">
        <Field
          name="serial"
          label={t('credentials.verify.serial')}
          hint={t('credentials.verify.serial_hint')}
          value={text(values.serial)}
          errors={serialErrors}
          dir="ltr"
          autocomplete="off"
        />
        <button type="submit" class="button">
          {t('credentials.verify.by_serial')}
        </button>
      </form>
      <h2>{t('credentials.verify.or')}</h2>
      <form method="post" action={href('/verify')} encType="multipart/form-data" class="panel stack">
        <Csrf />
        <TextArea
          name="document"
          label={t('credentials.verify.document')}
          hint={t('credentials.verify.document_hint')}
          value={text(values.document)}
          errors={docErrors}
          dir="ltr"
          rows={8}
        />
        <Field
          name="file"
          type="file"
          label={t('credentials.verify.file')}
          accept=".json,.jsonld,application/json,application/ld+json"
          errors={docErrors}
        />
        <button type="submit" class="button">
          {t('credentials.verify.by_document')}
        </button>
      </form>
    </Layout>
  );
}

/** What a verifier learns: the outcome in words, and for this program's credentials what they certify. */
const outcomeText = {
  valid: 'credentials.outcome.valid',
  revoked: 'credentials.outcome.revoked',
  invalid: 'credentials.outcome.invalid',
  not_ours: 'credentials.outcome.not_ours',
} as const satisfies Record<Verdict['outcome'], MessageKey>;

export function VerifyResultPage({ verdict, baseUrl }: { verdict: Verdict; baseUrl: string }) {
  const { t, lang, href } = usePage();
  const row = 'row' in verdict ? verdict.row : undefined;
  const achievement = row ? (JSON.parse(row.achievement_json) as Achievement) : undefined;
  const tone = verdict.outcome === 'valid' ? 'notice' : 'notice warn';
  return (
    <Layout title={t('credentials.verify.title')} nav="/verify">
      <Breadcrumbs
        items={[{ href: '/verify', label: t('credentials.verify.title') }, { label: row?.serial ?? t('credentials.verify.result') }]}
      />
      <PageHeading title={achievement ? achievement.name[lang] : t('credentials.verify.result')} />
      <div class={tone} role="status">
        <p>
          <strong>{t(outcomeText[verdict.outcome])}</strong>
        </p>
        {verdict.outcome === 'invalid' ? (
          <p class="muted" dir="ltr" lang="en">
            {t('credentials.detail_reason', { reason: verdict.reason })}
          </p>
        ) : null}
      </div>
      {row && achievement ? (
        <>
          <dl class="summary">
            <dt>{t('credentials.field.recipient')}</dt>
            <dd>{row.recipient_name}</dd>
            <dt>{t('credentials.field.achievement')}</dt>
            <dd>{achievement.name[lang]}</dd>
            <dt>{t('credentials.field.description')}</dt>
            <dd>{achievement.description[lang]}</dd>
            <dt>{t('credentials.field.criteria')}</dt>
            <dd>{achievement.criteria[lang]}</dd>
            <dt>{t('credentials.field.issuer')}</dt>
            <dd>{t('credentials.issuer_name')}</dd>
            <dt>{t('credentials.field.issued')}</dt>
            <dd>
              <DateTime value={row.issued_at} />
            </dd>
            <dt>{t('credentials.field.serial')}</dt>
            <dd dir="ltr">{row.serial}</dd>
            {row.revoked_at ? (
              <>
                <dt>{t('credentials.field.revoked')}</dt>
                <dd>
                  <DateTime value={row.revoked_at} />
                </dd>
                <dt>{t('credentials.field.revoked_reason')}</dt>
                <dd>{row.revoked_reason}</dd>
              </>
            ) : null}
          </dl>
          <ul>
            <li>
              <a href={href(`/verify/${row.serial}/certificate.pdf`)}>{t('credentials.certificate.download')}</a>
            </li>
            <li>
              <a href={`/credentials/${row.serial}.json`} download={`${row.serial}.json`}>
                {t('credentials.download_json')}
              </a>
            </li>
          </ul>
          <p class="muted">
            {t('credentials.how', {
              issuer: `${baseUrl}/credentials/issuer`,
              status: `${baseUrl}/credentials/status/${row.status_list}`,
            })}
          </p>
        </>
      ) : null}
      <p>
        <a href={href('/verify')}>{t('credentials.verify.title')}</a>
      </p>
    </Layout>
  );
}

export function CredentialsListPage(p: { rows: CredentialRow[]; hasNext: boolean; page: number; q?: string; canRevoke: boolean }) {
  const { t, lang, href } = usePage();
  return (
    <Layout title={t('credentials.console.title')} nav="/console/credentials">
      <PageHeading title={t('credentials.console.title')} lead={t('credentials.console.lead')} />
      <FilterForm action="/console/credentials">
        <Field name="q" type="search" label={t('credentials.console.search')} value={p.q ?? ''} />
      </FilterForm>
      <DataTable
        caption={t('credentials.console.title')}
        empty={p.rows.length === 0}
        headers={[
          t('credentials.field.serial'),
          t('credentials.field.recipient'),
          t('credentials.field.achievement'),
          t('credentials.field.source'),
          t('credentials.field.issued'),
          t('credentials.field.status'),
          { hidden: t('credentials.console.revoke') },
        ]}
      >
        {p.rows.map((r) => {
          const a = JSON.parse(r.achievement_json) as Achievement;
          return (
            <tr key={r.id}>
              <td dir="ltr">
                <a href={href(`/verify/${r.serial}`)}>{r.serial}</a>
              </td>
              <td>{r.recipient_name}</td>
              <td>{a.name[lang]}</td>
              <td>{r.source}</td>
              <td>
                <DateTime value={r.issued_at} />
              </td>
              <td>{r.revoked_at ? <Tag tone="red">{t('credentials.status.revoked')}</Tag> : <Tag>{t('credentials.status.valid')}</Tag>}</td>
              <td>
                {p.canRevoke && !r.revoked_at ? (
                  <a href={href(`/console/credentials/${r.serial}/revoke`)}>
                    {t('credentials.console.revoke')}
                    <span class="visually-hidden"> {r.serial}</span>
                  </a>
                ) : null}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <Pagination page={p.page} hasNext={p.hasNext} query={{ q: p.q }} />
    </Layout>
  );
}

export function RevokePage({ row, values, errors }: { row: CredentialRow; values: Values; errors?: Errors }) {
  const { t, href } = usePage();
  const title = t('credentials.console.revoke_title', { serial: row.serial });
  return (
    <Layout title={title} nav="/console/credentials">
      <Breadcrumbs items={[{ href: '/console/credentials', label: t('credentials.console.title') }, { label: row.serial }]} />
      <PageHeading title={title} lead={`${t('credentials.field.recipient')}: ${row.recipient_name}`} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href(`/console/credentials/${row.serial}/revoke`)} class="panel stack">
        <Csrf />
        <TextArea
          name="reason"
          label={t('credentials.field.reason')}
          hint={t('credentials.field.reason_hint')}
          value={text(values.reason)}
          errors={errors}
          required
          rows={3}
        />
        <button type="submit" class="button danger">
          {t('credentials.console.revoke')}
        </button>
      </form>
    </Layout>
  );
}
