import type { Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Frequency, NotifySubscribersTable, NotifySubscriptionsTable, NotifyUnsubscribesTable, TargetType } from './notify.tables.ts';

export type Subscriber = Selectable<NotifySubscribersTable>;
export type Subscription = Selectable<NotifySubscriptionsTable>;

/** One subscriber by id. */
export async function findSubscriber(db: Executor, id: number): Promise<Subscriber | undefined> {
  return db.selectFrom('notify_subscribers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One subscriber by (lower-cased) address. */
export async function findSubscriberByEmail(db: Executor, email: string): Promise<Subscriber | undefined> {
  return db.selectFrom('notify_subscribers').selectAll().where('email', '=', email).executeTakeFirst();
}

/** A new, unconfirmed subscriber; undefined when the address is already known (another request may have just added it). */
export async function insertSubscriber(db: Executor, email: string, locale: 'ar' | 'en'): Promise<Subscriber | undefined> {
  const now = nowIso();
  return db
    .insertInto('notify_subscribers')
    .values({
      email,
      locale,
      status: 'pending',
      token_version: 1,
      phone: null,
      phone_verified_at: null,
      sms_enabled: 0,
      phone_code_hash: null,
      phone_code_expires_at: null,
      phone_code_attempts: 0,
      confirmed_at: null,
      suspended_at: null,
      suspended_reason: null,
      unsubscribed_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Updates a subscriber and stamps it. */
export async function updateSubscriber(db: Executor, id: number, patch: Updateable<NotifySubscribersTable>): Promise<Subscriber> {
  return db
    .updateTable('notify_subscribers')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** What sending needs to know about a batch of subscribers. */
export async function subscribersByIds(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('notify_subscribers')
    .select(['id', 'email', 'locale', 'status', 'token_version', 'sms_enabled', 'phone', 'phone_verified_at'])
    .where('id', 'in', ids)
    .execute();
}

/** A subscriber's subscription to one target, if any. */
export async function findSubscription(db: Executor, subscriberId: number, type: TargetType, key: string) {
  return db
    .selectFrom('notify_subscriptions')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .where('target_type', '=', type)
    .where('target_key', '=', key)
    .executeTakeFirst();
}

/** One subscription by id. */
export async function findSubscriptionById(db: Executor, id: number): Promise<Subscription | undefined> {
  return db.selectFrom('notify_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A new subscription, pending until its confirmation link is used; undefined when the subscriber already has it. */
export async function insertSubscription(
  db: Executor,
  v: { subscriber_id: number; target_type: TargetType; target_key: string; frequency: Frequency },
): Promise<Subscription | undefined> {
  return db
    .insertInto('notify_subscriptions')
    .values({ ...v, status: 'pending', created_at: nowIso(), confirmed_at: null })
    .onConflict((oc) => oc.columns(['subscriber_id', 'target_type', 'target_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Updates a subscription. */
export async function updateSubscription(db: Executor, id: number, patch: Updateable<NotifySubscriptionsTable>) {
  await db.updateTable('notify_subscriptions').set(patch).where('id', '=', id).execute();
}

/** A subscriber's subscriptions, oldest first. */
export async function listSubscriptions(db: Executor, subscriberId: number): Promise<Subscription[]> {
  return db.selectFrom('notify_subscriptions').selectAll().where('subscriber_id', '=', subscriberId).orderBy('id').execute();
}

/** Removes one subscription. */
export async function deleteSubscription(db: Executor, id: number) {
  await db.deleteFrom('notify_subscriptions').where('id', '=', id).execute();
}

/** Removes all of a subscriber's subscriptions. */
export async function deleteSubscriptionsOf(db: Executor, subscriberId: number) {
  await db.deleteFrom('notify_subscriptions').where('subscriber_id', '=', subscriberId).execute();
}

/** Records an unsubscribe (for the delivery report of the announcement that caused it). */
export async function insertUnsubscribe(db: Executor, v: Omit<Selectable<NotifyUnsubscribesTable>, 'id' | 'created_at'>) {
  await db
    .insertInto('notify_unsubscribes')
    .values({ ...v, created_at: nowIso() })
    .execute();
}

/** Suspends every live subscriber at an address that bounced; returns how many. */
export async function suspendEmail(db: Executor, email: string, reason: string): Promise<number> {
  const r = await db
    .updateTable('notify_subscribers')
    .set({ status: 'suspended', suspended_at: nowIso(), suspended_reason: reason.slice(0, 500), updated_at: nowIso() })
    .where('email', '=', email)
    .where('status', 'in', ['confirmed', 'pending'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Stops text messages to a phone number the provider refused for good. */
export async function disableSms(db: Executor, phone: string): Promise<number> {
  const r = await db
    .updateTable('notify_subscribers')
    .set({ sms_enabled: 0, updated_at: nowIso() })
    .where('phone', '=', phone)
    .where('sms_enabled', '=', 1)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Confirmed subscribers and active subscriptions by target type (dashboard). */
export async function subscriptionCounts(db: Executor, filter?: { type: TargetType; keys: string[] }) {
  let q = db
    .selectFrom('notify_subscriptions as s')
    .innerJoin('notify_subscribers as p', 'p.id', 's.subscriber_id')
    .select(['s.target_type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('s.status', '=', 'active')
    .where('p.status', '=', 'confirmed');
  if (filter) q = q.where('s.target_type', '=', filter.type).where('s.target_key', 'in', filter.keys.length ? filter.keys : ['-']);
  return q.groupBy('s.target_type').execute();
}
