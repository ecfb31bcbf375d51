import { clockTime } from '../../../platform/i18n/dates.ts';
import { keyFor, pick } from '../../../platform/i18n/i18n.ts';
import { Choices, Csrf, ErrorSummary, type Errors, Field, Select, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { audienceLabel, audiences } from '../../catalog/public.ts';
import { frequencyLabel, subscribeKindLabel, targetOfLabel, weekdayLabel } from '../notify.labels.ts';
import type { TargetLabel } from '../targets.ts';

export interface SubscribeOptions {
  agencies: { code: string; name_ar: string; name_en: string }[];
  categories: { code: string; name_ar: string; name_en: string }[];
}

/** What a target is called on a page: "Renew a passport (service)" and so on. */
export function useTargetName() {
  const { t, lang } = usePage();
  return (l: Pick<TargetLabel, 'type' | 'key' | 'ar' | 'en'>) => {
    if (l.type === 'new_services') return t('notify.target.new_services');
    if (l.type === 'audience') {
      const audience = keyFor(audienceLabel, l.key);
      return t('notify.target.audience_of', { name: audience ? t(audience) : l.key });
    }
    return t(targetOfLabel[l.type], { name: lang === 'ar' ? l.ar : l.en });
  };
}

/** Immediate, daily or weekly, with when the digests go out. */
export function FrequencyChoices({ value, errors, digest }: { value?: string; errors?: Errors; digest: { time: string; day: string } }) {
  const { t, lang, zoneName } = usePage();
  const day = keyFor(weekdayLabel, digest.day);
  const weekday = (d: string) => (day ? t(day) : d);
  return (
    <Choices
      type="radio"
      name="frequency"
      legend={t('notify.field.frequency')}
      hint={t('notify.field.frequency_hint', { time: clockTime(lang, digest.time), zone: zoneName, day: weekday(digest.day) })}
      errors={errors}
      values={[value ?? 'immediate']}
      options={Object.entries(frequencyLabel).map(([f, key]) => ({ value: f, label: t(key) }))}
    />
  );
}

/** Arabic or English emails. */
export function LanguageChoices({ value, errors }: { value: string; errors?: Errors }) {
  const { t } = usePage();
  return (
    <Choices
      type="radio"
      name="locale"
      legend={t('notify.field.locale')}
      errors={errors}
      values={[value]}
      options={[
        { value: 'ar', label: 'العربية' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}

/** The public subscription form: one target chosen beforehand (from a service page) or picked here. */
export function SubscribePage(p: {
  target?: TargetLabel & { publicKey: string };
  options: SubscribeOptions;
  digest: { time: string; day: string };
  values: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  const name = useTargetName();
  const v = (k: string) => (typeof p.values[k] === 'string' ? (p.values[k] as string) : undefined);
  return (
    <Layout title={t('notify.subscribe.title')} nav="/announcements">
      <PageHeading title={t('notify.subscribe.title')} lead={t('notify.subscribe.lead')} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href('/subscribe')} class="panel stack" noValidate>
        <Csrf />
        {p.target ? (
          <>
            <input type="hidden" name="target_type" value={p.target.type} />
            <input type="hidden" name="target_key" value={p.target.publicKey} />
            <p>
              <strong>{t('notify.subscribe.about')}</strong> {name(p.target)}
            </p>
          </>
        ) : (
          <>
            <Choices
              type="radio"
              name="target_type"
              legend={t('notify.subscribe.what')}
              errors={p.errors}
              values={[v('target_type') ?? 'new_services']}
              options={Object.entries(subscribeKindLabel).map(([k, key]) => ({ value: k, label: t(key) }))}
            />
            <Select
              name="agency"
              label={t('notify.subscribe.agency')}
              blank={t('notify.subscribe.choose')}
              value={v('agency')}
              errors={p.errors}
              options={p.options.agencies.map((a) => ({ value: a.code, label: pick(lang, a, 'name') }))}
            />
            <Select
              name="category"
              label={t('notify.subscribe.category')}
              blank={t('notify.subscribe.choose')}
              value={v('category')}
              errors={p.errors}
              options={p.options.categories.map((c) => ({ value: c.code, label: pick(lang, c, 'name') }))}
            />
            <Select
              name="audience"
              label={t('notify.subscribe.audience')}
              blank={t('notify.subscribe.choose')}
              value={v('audience')}
              errors={p.errors}
              options={audiences.map((a) => ({ value: a, label: label(audienceLabel, a) }))}
            />
          </>
        )}
        <Field
          name="email"
          type="email"
          label={t('field.email')}
          hint={t('notify.subscribe.email_hint')}
          value={v('email')}
          errors={p.errors}
          autocomplete="email"
          dir="ltr"
          required
        />
        <FrequencyChoices value={v('frequency')} errors={p.errors} digest={p.digest} />
        <LanguageChoices value={v('locale') ?? lang} errors={p.errors} />
        <div class="visually-hidden">
          <label for="f-website">{t('notify.subscribe.honeypot')}</label>
          <input id="f-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <p class="hint">
          {t('notify.subscribe.privacy')} <a href={href('/privacy')}>{t('notify.subscribe.privacy_link')}</a>
        </p>
        <button type="submit" class="button">
          {t('notify.subscribe.submit')}
        </button>
      </form>
      <p>
        <a href={href('/subscriptions/manage')}>{t('notify.subscribe.already')}</a>
      </p>
    </Layout>
  );
}

/** After subscribing: a confirmation link is on its way. */
export function CheckEmailPage() {
  const { t, href } = usePage();
  return (
    <Layout title={t('notify.check.title')} nav="/announcements">
      <PageHeading title={t('notify.check.title')} lead={t('notify.check.lead')} />
      <p>{t('notify.check.body')}</p>
      <p>
        <a href={href('/announcements')}>{t('notify.check.back')}</a>
      </p>
    </Layout>
  );
}

/** The page a confirmation link opens: one button, so link scanners that open links cannot confirm. */
export function ConfirmPage(p: { token: string; what: string; already: boolean }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('notify.confirm.title')} nav="/announcements">
      <PageHeading title={t('notify.confirm.title')} lead={t('notify.confirm.lead', { what: p.what })} />
      <form method="post" action={href(`/subscriptions/confirm/${p.token}`)}>
        <Csrf />
        <button type="submit" class="button">
          {p.already ? t('notify.confirm.open_manage') : t('notify.confirm.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** An expired or forged link: say so, and offer a fresh one. */
export function LinkExpiredPage() {
  const { t, href } = usePage();
  return (
    <Layout title={t('error.link_expired')} nav="/announcements">
      <PageHeading title={t('error.link_expired')} lead={t('notify.expired.lead')} />
      <p>
        <a class="button" href={href('/subscriptions/manage')}>
          {t('notify.expired.new_link')}
        </a>
      </p>
    </Layout>
  );
}

/** Asks for a fresh manage link by email. */
export function RequestLinkPage(p: { values: Record<string, unknown>; errors?: Errors }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('notify.request.title')} nav="/announcements">
      <PageHeading title={t('notify.request.title')} lead={t('notify.request.lead')} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href('/subscriptions/manage')} class="panel stack" noValidate>
        <Csrf />
        <Field
          name="email"
          type="email"
          label={t('field.email')}
          value={p.values.email as string | undefined}
          errors={p.errors}
          autocomplete="email"
          dir="ltr"
          required
        />
        <button type="submit" class="button">
          {t('notify.request.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** The visible unsubscribe link: one button (a link scanner opening it changes nothing). */
export function UnsubscribePage(p: { token: string; done: boolean }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('notify.unsubscribe.title')} nav="/announcements">
      <PageHeading title={t('notify.unsubscribe.title')} lead={p.done ? t('notify.unsubscribed.lead') : t('notify.unsubscribe.lead')} />
      {p.done ? null : (
        <form method="post" action={href(`/subscriptions/unsubscribe/${p.token}`)}>
          <button type="submit" class="button danger">
            {t('notify.unsubscribe.submit')}
          </button>
        </form>
      )}
    </Layout>
  );
}

/** Done: nothing more will be sent. */
export function UnsubscribedPage() {
  const { t, href } = usePage();
  return (
    <Layout title={t('notify.unsubscribed.title')} nav="/announcements">
      <PageHeading title={t('notify.unsubscribed.title')} lead={t('notify.unsubscribed.lead')} />
      <p>
        <a href={href('/subscribe')}>{t('notify.unsubscribed.again')}</a>
      </p>
    </Layout>
  );
}
