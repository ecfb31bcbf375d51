import type { Selectable } from 'kysely';
import type { ConsentChannel } from '../../../platform/personal-data.ts';
import { Csrf, DataTable, DateTime, ErrorSummary, type Errors, Field, TextArea } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { ConsentItem } from '../consents.service.ts';
import type { ItemKind } from '../items.service.ts';
import { consentChannelLabel, requestKindLabel, requestStatusLabel } from '../privacy.labels.ts';
import type { PrivacyRequestsTable } from '../privacy.tables.ts';

type Values = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** A national provider a beneficiary may sign in with instead of an emailed code (optional). */
export interface BeneficiaryProvider {
  id: string;
  name: { ar: string; en: string };
}

/** Step 1: which address (or, never required, the national provider). */
export function EmailPage({
  values = {},
  errors,
  providers = [],
}: {
  values?: Values;
  errors?: Errors;
  providers?: BeneficiaryProvider[];
}) {
  const { t, href, lang } = usePage();
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
      {providers.length > 0 && (
        <section class="panel" aria-labelledby="sign-in-provider">
          <h2 id="sign-in-provider">{t('privacy.sign_in.heading')}</h2>
          <p>{t('privacy.sign_in.lead')}</p>
          {providers.map((p) => (
            <p key={p.id}>
              {/* A link, not a form: the page's CSP (form-action 'self') would stop a form redirected to the provider. */}
              <a class="button secondary" href={href(`/my-data/sign-in/${p.id}`)}>
                {t('privacy.sign_in.with', { provider: p.name[lang] })}
              </a>
            </p>
          ))}
        </section>
      )}
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
  phone?: string | null;
  /** The provider's name when a national provider verified the subject; absent after an emailed code. */
  via?: string;
  items?: ItemKind[];
  consents?: ConsentItem[];
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
      <PageHeading
        title={t('privacy.subject.title')}
        lead={
          p.via
            ? t('privacy.subject.signed_in_via', {
                email: p.email,
                provider: p.via,
                phone: p.phone ?? '',
                hasPhone: p.phone ? 'yes' : 'no',
              })
            : t('privacy.subject.signed_in', { email: p.email })
        }
      />
      <ErrorSummary errors={p.errors} />
      {p.items && <MyItems items={p.items} consents={p.consents ?? []} />}
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

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Records shown per kind on the page; the download has them all. */
export const ITEMS_SHOWN = 20;

function ItemValue({ value }: { value: unknown }) {
  const { t, lang } = usePage();
  if (typeof value === 'string' && ISO_TIME.test(value)) return <DateTime value={value} withTime />;
  if (typeof value === 'boolean') return <>{t(value ? 'privacy.items.yes' : 'privacy.items.no')}</>;
  if (typeof value === 'string' || typeof value === 'number') return <span dir="auto">{String(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <>{t('privacy.items.none_listed')}</>;
    return (
      <ul>
        {value.map((v, i) => (
          <li key={i}>
            <ItemValue value={v} />
          </li>
        ))}
      </ul>
    );
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // A bilingual name ({ar, en}) reads in the page's language.
    if (typeof o.ar === 'string' && typeof o.en === 'string' && Object.keys(o).length === 2)
      return <span dir="auto">{o[lang] as string}</span>;
    return <Fields record={o} />;
  }
  return <code dir="ltr">{JSON.stringify(value)}</code>;
}

/** A record's fields as the archive names them (empty ones left out). */
function Fields({ record }: { record: Record<string, unknown> }) {
  return (
    <dl class="item-fields">
      {Object.entries(record)
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([name, v]) => (
          <div key={name}>
            <dt>
              <code dir="ltr">{name}</code>
            </dt>
            <dd>
              <ItemValue value={v} />
            </dd>
          </div>
        ))}
    </dl>
  );
}

const channelText = (t: ReturnType<typeof usePage>['t'], c: string | null) =>
  c && c in consentChannelLabel ? t(consentChannelLabel[c as ConsentChannel]) : (c ?? '');

/** The consents the person gave: the words they saw, when and how, and a button to withdraw each standing one. */
function Consents({ consents }: { consents: ConsentItem[] }) {
  const { t, href } = usePage();
  return (
    <section aria-labelledby="consents">
      <h3 id="consents">
        {t('privacy.consent.title')} <span class="muted">({t('privacy.items.count', { n: consents.length })})</span>
      </h3>
      <p>{t('privacy.consent.lead')}</p>
      <ol>
        {consents.map((c) => (
          <li key={c.id}>
            <dl class="item-fields">
              {c.purposeLabel && (
                <div>
                  <dt>{t('privacy.consent.purpose')}</dt>
                  <dd>{t(c.purposeLabel)}</dd>
                </div>
              )}
              <div>
                <dt>{c.givenChannel === 'before_register' ? t('privacy.consent.wording_before') : t('privacy.consent.wording')}</dt>
                <dd>
                  <blockquote lang={c.lang} dir={c.lang === 'ar' ? 'rtl' : 'ltr'}>
                    {c.wording.split('\n').map((line, i) => (
                      <p key={i}>{line}</p>
                    ))}
                  </blockquote>
                  <span class="muted">
                    {t('privacy.consent.version')} <code dir="ltr">{c.wordingVersion.slice(0, 12)}</code>
                  </span>
                </dd>
              </div>
              <div>
                <dt>{t('privacy.consent.given')}</dt>
                <dd>
                  <DateTime value={c.givenAt} withTime /> · {channelText(t, c.givenChannel)}
                </dd>
              </div>
              <div>
                <dt>{t('privacy.consent.withdrawn')}</dt>
                <dd>
                  {c.withdrawnAt ? (
                    <>
                      <DateTime value={c.withdrawnAt} withTime /> · {channelText(t, c.withdrawnChannel)}
                    </>
                  ) : (
                    t('privacy.consent.standing')
                  )}
                </dd>
              </div>
            </dl>
            {!c.withdrawnAt && (
              <form method="post" action={href(`/my-data/consents/${c.id}/withdraw`)}>
                <Csrf />
                <button type="submit" class="button secondary" aria-describedby={`consent-${c.id}-what`}>
                  {t('privacy.consent.withdraw')}
                </button>
                <span id={`consent-${c.id}-what`} class="visually-hidden">
                  {c.wording.split('\n')[0]}
                </span>
              </form>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** "My items": every kind Yusr holds about the subject with its records, as the archive has them; consents with their withdraw buttons. */
function MyItems({ items: all, consents }: { items: ItemKind[]; consents: ConsentItem[] }) {
  const { t } = usePage();
  const items = all.filter((k) => k.kind !== 'privacy.consent');
  return (
    <section class="panel" aria-labelledby="my-items">
      <h2 id="my-items">{t('privacy.items.title')}</h2>
      <p>{t('privacy.items.lead')}</p>
      {items.length === 0 && consents.length === 0 && <p>{t('privacy.items.none')}</p>}
      {consents.length > 0 && <Consents consents={consents} />}
      {items.map((k) => (
        <section key={k.kind} aria-labelledby={`items-${k.kind}`}>
          <h3 id={`items-${k.kind}`}>
            {t(k.label)} <span class="muted">({t('privacy.items.count', { n: k.records.length })})</span>
          </h3>
          <ol>
            {k.records.slice(0, ITEMS_SHOWN).map((r, i) => (
              <li key={i}>
                <Fields record={r} />
              </li>
            ))}
          </ol>
          {k.records.length > ITEMS_SHOWN && <p>{t('privacy.items.more', { n: k.records.length - ITEMS_SHOWN })}</p>}
        </section>
      ))}
    </section>
  );
}

/** A refused beneficiary sign-in: why, in words, and the way back (an emailed code still works). */
export function SignInRefusedPage({ reason, provider }: { reason: 'state' | 'provider' | 'invalid' | 'unverified'; provider: string }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('privacy.sign_in.refused_title')} nav="/privacy">
      <PageHeading title={t('privacy.sign_in.refused_title')} />
      <p>{t(`privacy.sign_in.refused.${reason}`, { provider })}</p>
      <p>
        <a href={href('/my-data')}>{t('privacy.sign_in.back')}</a>
      </p>
    </Layout>
  );
}
