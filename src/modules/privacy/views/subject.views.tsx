import type { Selectable } from 'kysely';
import { Csrf, DataTable, DateTime, ErrorSummary, type Errors, Field, TextArea } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { requestKindLabel, requestStatusLabel } from '../privacy.labels.ts';
import type { PrivacyRequestsTable } from '../privacy.tables.ts';

type Values = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Step 1: which address. */
export function EmailPage({ values = {}, errors }: { values?: Values; errors?: Errors }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('privacy.subject.title')} nav="/privacy">
      <PageHeading title={t('privacy.subject.title')} lead={t('privacy.subject.lead')} />
      <ErrorSummary errors={errors} labels={{ email: t('privacy.subject.email') }} />
      <form method="post" action={href('/my-data')}>
        <Csrf />
        <Field
          name="email"
          type="email"
          autocomplete="email"
          dir="ltr"
          label={t('privacy.subject.email')}
          hint={t('privacy.subject.email_hint')}
          value={text(values.email)}
          errors={errors}
          required
        />
        <button type="submit" class="button">
          {t('privacy.subject.send_code')}
        </button>
      </form>
    </Layout>
  );
}

/** Step 2: the code from the email. */
export function CodePage({ pending, errors }: { pending: string; errors?: Errors }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('privacy.subject.code_title')} nav="/privacy">
      <PageHeading title={t('privacy.subject.code_title')} lead={t('privacy.subject.code_lead')} />
      <ErrorSummary errors={errors} labels={{ code: t('privacy.subject.code') }} />
      <form method="post" action={href('/my-data/verify')}>
        <Csrf />
        <input type="hidden" name="pending" value={pending} />
        <Field
          name="code"
          inputMode="numeric"
          autocomplete="one-time-code"
          dir="ltr"
          label={t('privacy.subject.code')}
          errors={errors}
          required
        />
        <button type="submit" class="button">
          {t('privacy.subject.verify')}
        </button>
      </form>
    </Layout>
  );
}

/** Step 3: what the verified person can do, and the requests they made. */
export function SubjectPage(p: {
  email: string;
  requests: Selectable<PrivacyRequestsTable>[];
  values?: Values;
  errors?: Errors;
  form?: 'correction' | 'erasure';
}) {
  const { t, href } = usePage();
  const errs = (f: 'correction' | 'erasure') => (p.form === f ? p.errors : undefined);
  const vals = (f: 'correction' | 'erasure') => (p.form === f ? (p.values ?? {}) : {});
  return (
    <Layout title={t('privacy.subject.title')} nav="/privacy">
      <PageHeading title={t('privacy.subject.title')} lead={t('privacy.subject.signed_in', { email: p.email })} />
      <ErrorSummary errors={p.errors} />
      <section class="panel" aria-labelledby="download">
        <h2 id="download">{t('privacy.subject.download_title')}</h2>
        <p>{t('privacy.subject.download_lead')}</p>
        <form method="post" action={href('/my-data/archive')}>
          <Csrf />
          <button type="submit" class="button">
            {t('privacy.subject.download')}
          </button>
        </form>
      </section>
      <form method="post" action={href('/my-data/correction')} class="panel" aria-labelledby="correction">
        <Csrf />
        <h2 id="correction">{t('privacy.subject.correction_title')}</h2>
        <p>{t('privacy.subject.correction_lead')}</p>
        <Field
          name="correction_ref"
          label={t('privacy.subject.record')}
          hint={t('privacy.subject.record_hint')}
          value={text(vals('correction').correction_ref)}
          errors={errs('correction')}
        />
        <TextArea
          name="correction_details"
          label={t('privacy.subject.correction_details')}
          value={text(vals('correction').correction_details)}
          errors={errs('correction')}
          required
        />
        <button type="submit" class="button secondary">
          {t('privacy.subject.send_correction')}
        </button>
      </form>
      <form method="post" action={href('/my-data/erasure')} class="panel" aria-labelledby="erasure">
        <Csrf />
        <h2 id="erasure">{t('privacy.subject.erasure_title')}</h2>
        <p>{t('privacy.subject.erasure_lead')}</p>
        <Field
          name="erasure_ref"
          label={t('privacy.subject.record')}
          hint={t('privacy.subject.record_hint')}
          value={text(vals('erasure').erasure_ref)}
          errors={errs('erasure')}
        />
        <TextArea
          name="erasure_details"
          label={t('privacy.subject.erasure_details')}
          value={text(vals('erasure').erasure_details)}
          errors={errs('erasure')}
        />
        <button type="submit" class="button danger">
          {t('privacy.subject.send_erasure')}
        </button>
      </form>
      <h2>{t('privacy.subject.requests')}</h2>
      <DataTable
        caption={t('privacy.subject.requests')}
        empty={p.requests.length === 0}
        headers={[t('privacy.requests.kind'), t('privacy.requests.status'), t('privacy.requests.received'), t('privacy.requests.due')]}
      >
        {p.requests.map((r) => (
          <tr key={r.id}>
            <td>{t(requestKindLabel[r.kind])}</td>
            <td>{t(requestStatusLabel[r.status])}</td>
            <td>
              <DateTime value={r.created_at} />
            </td>
            <td>
              <DateTime value={r.due_at} />
            </td>
          </tr>
        ))}
      </DataTable>
      <form method="post" action={href('/my-data/sign-out')}>
        <Csrf />
        <button type="submit" class="button secondary">
          {t('privacy.subject.sign_out')}
        </button>
      </form>
    </Layout>
  );
}
