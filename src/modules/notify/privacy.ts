import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import type { ConsentGiven, ErasureResult, PersonalDataPort, Subject } from '../../platform/personal-data.ts';

// Notify's personal data for the privacy office: a subscriber's address, phone and what they follow.
// Erasure keeps the subscriber's row under an address that reaches nobody (announcements' delivery
// reports and unsubscribe counts keep adding up) and drops what they followed; addresses that never
// confirmed are deleted outright after their retention period.

const SUBSCRIBER_KIND = 'notify.subscriber';
const UNCONFIRMED_KIND = 'notify.unconfirmed';

async function subscribersOf(db: Executor, s: Subject) {
  if (!s.email && !s.phone) return [];
  return db
    .selectFrom('notify_subscribers')
    .selectAll()
    .where((eb) => eb.or([...(s.email ? [eb('email', '=', s.email.toLowerCase())] : []), ...(s.phone ? [eb('phone', '=', s.phone)] : [])]))
    .orderBy('id')
    .execute();
}

/** Keeps the row (counts survive) under an address that reaches nobody; revokes every emailed link. */
async function pseudonymise(trx: Executor, subscribers: { id: number; token_version: number; unsubscribed_at: string | null }[]) {
  const at = nowIso();
  for (const s of subscribers) {
    await trx.deleteFrom('notify_digest_items').where('subscriber_id', '=', s.id).execute();
    await trx.deleteFrom('notify_subscriptions').where('subscriber_id', '=', s.id).execute();
    await trx
      .updateTable('notify_subscribers')
      .set({
        email: `erased-${s.id}@erased.invalid`,
        phone: null,
        phone_verified_at: null,
        sms_enabled: 0,
        phone_code_hash: null,
        phone_code_expires_at: null,
        status: 'unsubscribed',
        suspended_reason: null,
        unsubscribed_at: s.unsubscribed_at ?? at,
        token_version: s.token_version + 1,
        updated_at: at,
      })
      .where('id', '=', s.id)
      .execute();
  }
}

export const notifyPersonalData: PersonalDataPort = {
  kinds: [
    {
      key: SUBSCRIBER_KIND,
      label: 'notify.privacy.subscriber',
      where: 'notify_subscribers (email, phone), notify_subscriptions, notify_unsubscribes',
      purpose: 'notify.privacy.subscriber_purpose',
      basis: 'consent',
      retention: 'notify.privacy.subscriber_retention',
      defaultPeriod: { n: 1, unit: 'years' },
    },
    {
      key: UNCONFIRMED_KIND,
      label: 'notify.privacy.unconfirmed',
      where: 'notify_subscribers (status pending)',
      purpose: 'notify.privacy.subscriber_purpose',
      basis: 'consent',
      retention: 'notify.privacy.unconfirmed_retention',
      defaultPeriod: { n: 7, unit: 'days' },
    },
  ],

  async export(deps, subject) {
    const subscribers = await subscribersOf(deps.db, subject);
    const ids = subscribers.map((s) => s.id);
    const subscriptions = ids.length
      ? await deps.db.selectFrom('notify_subscriptions').selectAll().where('subscriber_id', 'in', ids).orderBy('id').execute()
      : [];
    const unsubscribes = ids.length
      ? await deps.db.selectFrom('notify_unsubscribes').selectAll().where('subscriber_id', 'in', ids).orderBy('id').execute()
      : [];
    return [
      {
        kind: SUBSCRIBER_KIND,
        records: subscribers.map((s) => ({
          email: s.email,
          phone: s.phone,
          language: s.locale,
          status: s.status,
          sms: s.sms_enabled === 1,
          created_at: s.created_at,
          confirmed_at: s.confirmed_at,
          unsubscribed_at: s.unsubscribed_at,
          subscriptions: subscriptions
            .filter((x) => x.subscriber_id === s.id)
            .map((x) => ({
              follows: x.target_type,
              key: x.target_key,
              frequency: x.frequency,
              status: x.status,
              created_at: x.created_at,
            })),
          unsubscribes: unsubscribes
            .filter((x) => x.subscriber_id === s.id)
            .map((x) => ({ method: x.method, scope: x.scope, at: x.created_at })),
        })),
        files: [],
      },
    ];
  },

  // Confirmed subscriptions rest on consent; those confirmed before the register existed have no
  // record there: listed here (in the subscriber's language, at the confirmation time) for privacy to record.
  async priorConsents(db): Promise<ConsentGiven[]> {
    const rows = await db
      .selectFrom('notify_subscriptions as s')
      .innerJoin('notify_subscribers as r', 'r.id', 's.subscriber_id')
      .select(['s.id', 's.confirmed_at', 's.created_at', 'r.email', 'r.locale'])
      .where('s.status', '=', 'active')
      .where('r.status', 'in', ['confirmed', 'suspended'])
      .orderBy('s.id')
      .execute();
    return rows.map((r) => ({
      purpose: 'notify.subscription',
      kind: SUBSCRIBER_KIND,
      ref: `notify_subscription:${r.id}`,
      email: r.email,
      lang: r.locale,
      wording: translate(r.locale, 'notify.consent.before_register'),
      channel: 'before_register',
      form: '/subscriptions/confirm',
      givenAt: r.confirmed_at ?? r.created_at,
    }));
  },

  async erase(trx, _deps, subject): Promise<ErasureResult> {
    const subscribers = await subscribersOf(trx, subject);
    await pseudonymise(trx, subscribers);
    return { counts: { [SUBSCRIBER_KIND]: subscribers.length }, files: [] };
  },

  // Withdrawn on My data: the subscription the consent was given for ends, counted as an unsubscribe.
  async withdrawConsent(trx, _deps, consent) {
    const id = Number(/^notify_subscription:(\d+)$/.exec(consent.ref)?.[1]);
    if (consent.purpose !== 'notify.subscription' || !id) return;
    const s = await trx
      .selectFrom('notify_subscriptions as x')
      .innerJoin('notify_subscribers as r', 'r.id', 'x.subscriber_id')
      .select(['x.id', 'x.subscriber_id', 'x.target_type', 'x.target_key'])
      .where('x.id', '=', id)
      .where('r.email', '=', consent.email)
      .executeTakeFirst();
    if (!s) return;
    await trx.deleteFrom('notify_subscriptions').where('id', '=', s.id).execute();
    await trx
      .insertInto('notify_unsubscribes')
      .values({
        subscriber_id: s.subscriber_id,
        announcement_id: null,
        method: 'my_data',
        scope: 'one',
        target_type: s.target_type,
        target_key: s.target_key,
        created_at: nowIso(),
      })
      .execute();
  },

  async purge(trx, _deps, kind, cutoff): Promise<ErasureResult> {
    if (kind === UNCONFIRMED_KIND) {
      const r = await trx
        .deleteFrom('notify_subscribers')
        .where('status', '=', 'pending')
        .where('created_at', '<', cutoff)
        .executeTakeFirst();
      return { counts: { [kind]: Number(r.numDeletedRows ?? 0) }, files: [] };
    }
    if (kind === SUBSCRIBER_KIND) {
      const gone = await trx
        .selectFrom('notify_subscribers')
        .select(['id', 'token_version', 'unsubscribed_at'])
        .where('status', '=', 'unsubscribed')
        .where('unsubscribed_at', '<', cutoff)
        .where('email', 'not like', '%@erased.invalid')
        .execute();
      await pseudonymise(trx, gone);
      return { counts: { [kind]: gone.length }, files: [] };
    }
    return { counts: {}, files: [] };
  },
};
