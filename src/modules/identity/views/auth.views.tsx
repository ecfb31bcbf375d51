import { roleLabel } from '../../../platform/authz/roles.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import { Csrf, ErrorSummary, type Errors, Field, Select, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../identity.repo.ts';
import { type SignInMethods, SignInSection } from './sign-in.views.tsx';

/** A provider staff may sign in with, and the agencies that sign in only with it. */
export interface SignInProvider {
  id: string;
  name: { ar: string; en: string };
  agencies: { name_ar: string; name_en: string }[];
}

export function SignInPage({
  values = {},
  errors,
  next,
  offerUnlock,
  providers = [],
}: {
  values?: Record<string, unknown>;
  errors?: Errors;
  next?: string;
  offerUnlock?: boolean;
  providers?: SignInProvider[];
}) {
  const { t, href, lang } = usePage();
  return (
    <Layout title={t('auth.sign_in.title')}>
      <PageHeading title={t('auth.sign_in.title')} lead={t('auth.sign_in.lead')} />
      <ErrorSummary errors={errors} />
      {providers.length > 0 ? (
        <section class="panel" aria-labelledby="sso-heading">
          <h2 id="sso-heading">{t('oidc.sign_in.heading')}</h2>
          {providers.map((p) => (
            <p key={p.id}>
              <a class="button" href={`/sign-in/oidc/${p.id}/start?${new URLSearchParams({ lang, ...(next ? { next } : {}) }).toString()}`}>
                {t('oidc.sign_in.with', { provider: p.name[lang] })}
              </a>
              {p.agencies.length > 0 ? (
                <span class="hint">
                  {' '}
                  {t('oidc.sign_in.only_for', { agencies: p.agencies.map((a) => pick(lang, a, 'name')).join(lang === 'ar' ? '، ' : ', ') })}
                </span>
              ) : null}
            </p>
          ))}
          <h2>{t('oidc.sign_in.password_heading')}</h2>
        </section>
      ) : null}
      <form method="post" action={href('/sign-in')} class="panel" noValidate>
        <Csrf />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <Field
          name="email"
          type="email"
          label={t('field.email')}
          value={String(values.email ?? '')}
          errors={errors}
          autocomplete="username"
          dir="ltr"
          required
        />
        <Field
          name="password"
          type="password"
          label={t('field.password')}
          errors={errors}
          autocomplete="current-password"
          dir="ltr"
          required
        />
        <button type="submit" class="button">
          {t('auth.sign_in.submit')}
        </button>
      </form>
      {offerUnlock && values.email ? (
        <form method="post" action={href('/sign-in/unlock')} class="panel">
          <Csrf />
          <input type="hidden" name="email" value={String(values.email)} />
          <p>{t('auth.unlock.offer')}</p>
          <button type="submit" class="button secondary">
            {t('auth.unlock.submit')}
          </button>
        </form>
      ) : null}
      <p>
        <a href={href('/password/forgot')}>{t('auth.forgot.link')}</a>
      </p>
    </Layout>
  );
}

/** The page an unlock link opens: one button, so a mail scanner following the link changes nothing. */
export function UnlockPage({ token, email }: { token: string; email: string }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('auth.unlock.title')}>
      <PageHeading title={t('auth.unlock.title')} lead={t('auth.unlock.lead')} />
      <form method="post" action={href(`/sign-in/unlock/${token}`)} class="panel">
        <Csrf />
        <p>
          {t('field.email')}: <strong class="ltr">{email}</strong>
        </p>
        <button type="submit" class="button">
          {t('auth.unlock.confirm')}
        </button>
      </form>
    </Layout>
  );
}

export function ForgotPage({ values = {}, errors, sent }: { values?: Record<string, unknown>; errors?: Errors; sent?: boolean }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('auth.forgot.title')}>
      <PageHeading title={t('auth.forgot.title')} lead={t('auth.forgot.lead')} />
      {sent ? (
        <div class="notice" role="status">
          {t('auth.forgot.sent')}
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      <form method="post" action={href('/password/forgot')} class="panel" noValidate>
        <Csrf />
        <Field
          name="email"
          type="email"
          label={t('field.email')}
          value={String(values.email ?? '')}
          errors={errors}
          autocomplete="email"
          dir="ltr"
          required
        />
        <button type="submit" class="button">
          {t('auth.forgot.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** Choose a password: used by the reset link and by the invitation link. */
export function SetPasswordPage({
  purpose,
  token,
  email,
  errors,
}: {
  purpose: 'reset' | 'invite';
  token: string;
  email: string;
  errors?: Errors;
}) {
  const { t, href } = usePage();
  const title = purpose === 'reset' ? t('auth.reset.title') : t('auth.invite.title');
  return (
    <Layout title={title}>
      <PageHeading title={title} lead={purpose === 'reset' ? t('auth.reset.lead') : t('auth.invite.lead')} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href(purpose === 'reset' ? `/password/reset/${token}` : `/invitation/${token}`)} class="panel" noValidate>
        <Csrf />
        <p>
          {t('field.email')}: <strong class="ltr">{email}</strong>
        </p>
        <input type="hidden" name="username" value={email} autoComplete="username" />
        <Field
          name="password"
          type="password"
          label={t('field.new_password')}
          hint={t('auth.password_hint')}
          errors={errors}
          autocomplete="new-password"
          dir="ltr"
          required
        />
        <Field
          name="confirm"
          type="password"
          label={t('field.confirm_password')}
          errors={errors}
          autocomplete="new-password"
          dir="ltr"
          required
        />
        <button type="submit" class="button">
          {purpose === 'reset' ? t('auth.reset.submit') : t('auth.invite.submit')}
        </button>
      </form>
    </Layout>
  );
}

export function AccountPage({
  name,
  email,
  locale,
  profileErrors,
  passwordErrors,
  signIn,
  signInErrors,
}: {
  name: string;
  email: string;
  locale: string;
  profileErrors?: Errors;
  passwordErrors?: Errors;
  signIn?: SignInMethods;
  signInErrors?: Errors;
}) {
  const { t, href } = usePage();
  return (
    <Layout title={t('account.title')}>
      <PageHeading title={t('account.title')} lead={email} />
      <p>
        <a href={href('/account/two-factor')}>{t('totp.account.link')}</a>
      </p>
      <section class="panel" aria-labelledby="profile-h">
        <h2 id="profile-h">{t('account.profile')}</h2>
        <ErrorSummary errors={profileErrors} />
        <form method="post" action={href('/account/profile')} noValidate>
          <Csrf />
          <Field name="name" label={t('field.name')} value={name} errors={profileErrors} autocomplete="name" required />
          <Select
            name="locale"
            label={t('field.locale')}
            value={locale}
            options={[
              { value: 'ar', label: 'العربية' },
              { value: 'en', label: 'English' },
            ]}
            errors={profileErrors}
          />
          <button type="submit" class="button">
            {t('action.save')}
          </button>
        </form>
      </section>
      {signIn?.links.length ? (
        <SignInSection methods={signIn} base="/account" canReset={false} canUnlink heading="sign-in-h" errors={signInErrors} />
      ) : null}
      <section class="panel" aria-labelledby="password-h">
        <h2 id="password-h">{t('account.password')}</h2>
        <ErrorSummary errors={passwordErrors} />
        <form method="post" action={href('/account/password')} noValidate>
          <Csrf />
          <input type="hidden" name="username" value={email} autoComplete="username" />
          <Field
            name="current"
            type="password"
            label={t('field.current_password')}
            errors={passwordErrors}
            autocomplete="current-password"
            dir="ltr"
            required
          />
          <Field
            name="password"
            type="password"
            label={t('field.new_password')}
            hint={t('auth.password_hint')}
            errors={passwordErrors}
            autocomplete="new-password"
            dir="ltr"
            required
          />
          <Field
            name="confirm"
            type="password"
            label={t('field.confirm_password')}
            errors={passwordErrors}
            autocomplete="new-password"
            dir="ltr"
            required
          />
          <button type="submit" class="button">
            {t('account.change_password')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** A role offered to the signed-in person, with the one button that accepts it. */
export function RoleOfferPage({ token, role, agency }: { token: string; role: string; agency?: Agency }) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  return (
    <Layout title={t('offer.title')}>
      <PageHeading title={t('offer.title')} lead={t('offer.lead')} />
      <form method="post" action={href(`/role-offer/${token}`)} class="panel">
        <Csrf />
        <dl>
          <dt>{t('offer.role')}</dt>
          <dd>{label(roleLabel, role)}</dd>
          {agency ? (
            <>
              <dt>{t('field.agency')}</dt>
              <dd>{pick(lang, agency, 'name')}</dd>
            </>
          ) : null}
        </dl>
        <button type="submit" class="button">
          {t('offer.accept')}
        </button>
      </form>
    </Layout>
  );
}

/** Why a sign-in with a provider was refused, and what to do about it; nothing was changed. */
export function OidcRefusedPage({ reason, provider }: { reason: string; provider: { ar: string; en: string } }) {
  const { t, href, lang } = usePage();
  const key = `oidc.refused.${reason}` as Parameters<typeof t>[0];
  return (
    <Layout title={t('oidc.refused.title')}>
      <PageHeading title={t('oidc.refused.title')} />
      <div class="notice error" role="alert">
        <p>{t(key, { provider: provider[lang] })}</p>
      </div>
      <p>
        <a href={href('/sign-in')}>{t('oidc.refused.back')}</a>
      </p>
    </Layout>
  );
}

/** After signing out: done here; a link to sign out at the provider too, when the session came from one. */
export function SignedOutPage({ provider }: { provider?: { name: { ar: string; en: string }; url: string } }) {
  const { t, href, lang } = usePage();
  return (
    <Layout title={t('auth.signed_out')}>
      <PageHeading title={t('auth.signed_out')} />
      {provider ? (
        <p>
          <a class="button" href={provider.url}>
            {t('oidc.signed_out.provider', { provider: provider.name[lang] })}
          </a>
        </p>
      ) : null}
      <p>
        <a href={href('/')}>{t('oidc.signed_out.home')}</a>
      </p>
    </Layout>
  );
}
