import { formatPhone } from '../../../platform/phone/phone.ts';
import { Csrf, ErrorSummary, type Errors, Field, PostButton, Select } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { frequencyLabel } from '../notify.labels.ts';
import type { Subscriber, Subscription } from '../subscribers.repo.ts';
import type { TargetLabel } from '../targets.ts';
import { LanguageChoices, useTargetName } from './subscribe.views.tsx';

export interface ManageProps {
  token: string;
  subscriber: Subscriber;
  subscriptions: (Subscription & { label: TargetLabel })[];
  errors?: Errors;
  values?: Record<string, unknown>;
}

/** The phone section: add a number, type the code it received, or stop texts. */
function PhoneSection(p: ManageProps) {
  const { t, href } = usePage();
  const s = p.subscriber;
  const base = `/subscriptions/manage/${p.token}/phone`;
  const awaitingCode = !!s.phone && !s.phone_verified_at;
  return (
    <section class="panel" aria-labelledby="sms-h">
      <h2 id="sms-h">{t('notify.manage.sms')}</h2>
      <p>{t('notify.manage.sms_lead')}</p>
      {s.phone && s.phone_verified_at ? (
        <>
          <p>
            {t('notify.manage.sms_on')} <span class="ltr">{formatPhone(s.phone)}</span>
          </p>
          <PostButton action={href(`${base}/remove`)} label={t('notify.manage.sms_remove')} tone="secondary" />
        </>
      ) : null}
      {awaitingCode ? (
        <form method="post" action={href(`${base}/verify`)} class="stack">
          <Csrf />
          <Field
            name="code"
            label={t('notify.manage.code')}
            hint={t('notify.manage.code_hint', { phone: formatPhone(s.phone ?? '') })}
            inputMode="numeric"
            autocomplete="one-time-code"
            errors={p.errors}
            dir="ltr"
          />
          <button type="submit" class="button">
            {t('notify.manage.code_submit')}
          </button>
        </form>
      ) : null}
      {s.status === 'confirmed' && !(s.phone && s.phone_verified_at) ? (
        <form method="post" action={href(base)} class="stack">
          <Csrf />
          <Field
            name="phone"
            type="tel"
            label={t('notify.manage.phone')}
            hint={t('notify.manage.phone_hint')}
            autocomplete="tel"
            value={(p.values?.phone as string | undefined) ?? (awaitingCode ? undefined : (s.phone ?? undefined))}
            errors={p.errors}
            dir="ltr"
          />
          <button type="submit" class="button secondary">
            {awaitingCode ? t('notify.manage.code_again') : t('notify.manage.sms_add')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** The lead sentence with the address isolated, so a Latin address does not scramble a right-to-left line. */
function EmailLead({ email }: { email: string }) {
  const { t } = usePage();
  const [before, after] = t('notify.manage.lead', { email: '\u0000' }).split('\u0000');
  return (
    <p class="lead">
      {before}
      <bdi dir="ltr">{email}</bdi>
      {after}
    </p>
  );
}

/** Everything a subscriber controls, reached by a signed link in any of our emails (no password). */
export function ManagePage(p: ManageProps) {
  const { t, href } = usePage();
  const name = useTargetName();
  const base = `/subscriptions/manage/${p.token}`;
  const s = p.subscriber;
  return (
    <Layout title={t('notify.manage.title')} nav="/announcements">
      <PageHeading title={t('notify.manage.title')} />
      <EmailLead email={s.email} />
      {s.status === 'suspended' ? (
        <div class="notice warn" role="note">
          {t('notify.manage.suspended')}
        </div>
      ) : null}
      {s.status === 'pending' ? (
        <div class="notice warn" role="note">
          {t('notify.manage.pending')}
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href(base)} class="panel stack">
        <Csrf />
        <h2>{t('notify.manage.preferences')}</h2>
        <LanguageChoices value={s.locale} errors={p.errors} />
        {p.subscriptions.length === 0 ? <p>{t('notify.manage.none')}</p> : null}
        {p.subscriptions.map((x) => (
          <Select
            key={x.id}
            name={`frequency_${x.id}`}
            label={t('notify.manage.how_often', { what: name(x.label) })}
            hint={x.status === 'pending' ? t('notify.manage.awaiting') : undefined}
            value={x.frequency}
            options={Object.entries(frequencyLabel).map(([f, key]) => ({ value: f, label: t(key) }))}
          />
        ))}
        <button type="submit" class="button">
          {t('notify.manage.save')}
        </button>
      </form>
      {p.subscriptions.length ? (
        <section aria-labelledby="subs-h">
          <h2 id="subs-h">{t('notify.manage.subscriptions')}</h2>
          <ul>
            {p.subscriptions.map((x) => (
              <li key={x.id} class="actions">
                <span>{name(x.label)}</span>
                <PostButton
                  action={href(`${base}/remove/${x.id}`)}
                  label={t('notify.manage.remove', { what: name(x.label) })}
                  tone="secondary"
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a href={href('/subscribe')}>{t('notify.manage.add')}</a>
      </p>
      <PhoneSection {...p} />
      <section class="panel" aria-labelledby="stop-h">
        <h2 id="stop-h">{t('notify.manage.stop')}</h2>
        <p>{t('notify.manage.stop_lead')}</p>
        <PostButton
          action={href(`${base}/unsubscribe`)}
          label={t('notify.manage.stop_submit')}
          tone="danger"
          confirm={t('notify.manage.stop_confirm')}
        />
      </section>
    </Layout>
  );
}
