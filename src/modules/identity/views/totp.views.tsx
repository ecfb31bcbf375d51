import { Csrf, ErrorSummary, type Errors, Field } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';

/** The second step of a password sign-in: a code from the authenticator app, or a recovery code. */
export function SecondFactorPage({ errors }: { errors?: Errors }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('totp.challenge.title')}>
      <PageHeading title={t('totp.challenge.title')} lead={t('totp.challenge.lead')} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href('/sign-in/code')} class="panel" noValidate>
        <Csrf />
        <CodeField errors={errors} hint={t('totp.challenge.hint')} />
        <button type="submit" class="button">
          {t('totp.challenge.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** Setting up the authenticator app: its QR code, the same secret as text, and a first code to confirm. */
export function EnrolPage({
  action,
  qr,
  secret,
  required,
  errors,
}: {
  action: string;
  qr: string;
  secret: string;
  required?: boolean;
  errors?: Errors;
}) {
  const { t, href } = usePage();
  return (
    <Layout title={t('totp.enrol.title')}>
      <PageHeading title={t('totp.enrol.title')} lead={required ? t('totp.enrol.required') : t('totp.enrol.lead')} />
      <ErrorSummary errors={errors} />
      <ol>
        <li>{t('totp.enrol.step_app')}</li>
        <li>
          {t('totp.enrol.step_scan')}
          <div>
            <img src={qr} width={200} height={200} alt={t('totp.enrol.qr_alt')} />
          </div>
          <p>
            {t('totp.enrol.manual')} <code class="ltr">{secret}</code>
          </p>
        </li>
        <li>{t('totp.enrol.step_code')}</li>
      </ol>
      <form method="post" action={href(action)} class="panel" noValidate>
        <Csrf />
        <CodeField errors={errors} />
        <button type="submit" class="button">
          {t('totp.enrol.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** The recovery codes, shown this once. */
export function RecoveryCodesPage({ codes, next }: { codes: string[]; next: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('totp.codes.title')}>
      <PageHeading title={t('totp.codes.title')} lead={t('totp.codes.lead')} />
      <ul class="panel ltr">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href={next}>
          {t('totp.codes.continue')}
        </a>
      </p>
    </Layout>
  );
}

/** One's own second factor when it is set up: how many recovery codes are left, and turning it off (unless required). */
export function TwoFactorStatusPage({ left, required, errors }: { left: number; required: boolean; errors?: Errors }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('totp.account.title')}>
      <PageHeading title={t('totp.account.title')} lead={t('totp.account.on')} />
      <p>{t('totp.account.codes_left', { n: left })}</p>
      {required ? (
        <p>{t('totp.required_admin')}</p>
      ) : (
        <form method="post" action={href('/account/two-factor/disable')} class="panel" noValidate>
          <Csrf />
          <ErrorSummary errors={errors} />
          <CodeField errors={errors} />
          <button type="submit" class="button secondary">
            {t('totp.account.disable')}
          </button>
        </form>
      )}
    </Layout>
  );
}

/** The one-time code field every form here asks for. */
function CodeField({ errors, hint }: { errors?: Errors; hint?: string }) {
  const { t } = usePage();
  return <Field name="code" label={t('totp.field.code')} hint={hint} errors={errors} autocomplete="one-time-code" dir="ltr" required />;
}
