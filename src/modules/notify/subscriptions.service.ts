import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { randomToken, sha256 } from '../../platform/auth/crypto.ts';
import { lockKey } from '../../platform/db/locks.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, NotFoundError } from '../../platform/http/errors.ts';
import { enforceRateLimit, hitRateLimit } from '../../platform/http/rate-limit.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { type Lang, translate } from '../../platform/i18n/i18n.ts';
import { queueEmail } from '../../platform/messaging/messaging.ts';
import { recordConsent, withdrawConsent } from '../../platform/personal-data.ts';
import { type LinkClaims, makeToken, readToken, recipientLinks, urls } from './links.ts';
import { emailOnlyInput, preferencesInput, subscribeInput } from './notify.schema.ts';
import type { TargetType } from './notify.tables.ts';
import { confirmationEmail, manageLinkEmail, targetPhrase } from './render.ts';
import * as repo from './subscribers.repo.ts';
import { labelTargets, resolveTarget } from './targets.ts';

/** Requests a person may make from one address (IP) in an hour before being told to wait. */
export const SUBSCRIBE_PER_IP_PER_HOUR = 20;
/** Emails one inbox may receive from our forms: at most one per window, and a few a day, whoever asks. */
export const INBOX_LIMITS = [
  { limit: 3, seconds: 600 },
  { limit: 5, seconds: 86_400 },
];

const gone = () => new AppError(410, 'error.link_expired');
const asTarget = (s: repo.Subscription) => ({ type: s.target_type, key: s.target_key });

/** Whether another email may go to this inbox now (a victim's address is never bombed through our forms). */
async function inboxAllows(trx: Executor, purpose: string, email: string): Promise<boolean> {
  let ok = true;
  for (const w of INBOX_LIMITS) {
    if ((await hitRateLimit(trx, `notify.inbox.${purpose}.${w.seconds}:${sha256(email)}`, w.limit, w.seconds)) > 0) ok = false;
  }
  return ok;
}

/**
 * Records a subscription request and emails a confirmation link (double opt-in): nothing is sent
 * about the subject until the address confirms. The answer never reveals whether the address was known.
 */
export async function subscribe(deps: Deps, ctx: Ctx, raw: unknown): Promise<void> {
  const input = parseInput(subscribeInput, raw);
  const target = await resolveTarget(deps, input.target_type, input.target_key);
  await enforceRateLimit(deps.db, `notify.subscribe:${ctx.ip ?? 'unknown'}`, SUBSCRIBE_PER_IP_PER_HOUR, 3600);
  const [label] = await labelTargets(deps, [target]);
  await deps.db.transaction().execute(async (trx) => {
    // Requests for one address take turns (on PostgreSQL as on SQLite), so many identical ones at
    // once make one subscriber and one subscription; the inserts skip a row that already exists
    // and read it back instead of failing on the unique key.
    await lockKey(trx, 'notify.subscriber', input.email);
    let subscriber = await repo.findSubscriberByEmail(trx, input.email);
    const wasConfirmed = subscriber?.status === 'confirmed';
    if (!subscriber) {
      subscriber = (await repo.insertSubscriber(trx, input.email, input.locale)) ?? (await repo.findSubscriberByEmail(trx, input.email));
      if (!subscriber) throw new Error('notify: a subscriber neither inserted nor found');
    } else if (!wasConfirmed) {
      // Someone not (or no longer) confirmed starts again; a confirmed person's language is theirs to change.
      subscriber = await repo.updateSubscriber(trx, subscriber.id, { status: 'pending', locale: input.locale });
    }
    let subscription = await repo.findSubscription(trx, subscriber.id, target.type, target.key);
    if (subscription?.status === 'active' && wasConfirmed) return;
    if (subscription) await repo.updateSubscription(trx, subscription.id, { frequency: input.frequency });
    else {
      const wanted = { subscriber_id: subscriber.id, target_type: target.type, target_key: target.key, frequency: input.frequency };
      subscription =
        (await repo.insertSubscription(trx, wanted)) ?? (await repo.findSubscription(trx, subscriber.id, target.type, target.key));
      if (!subscription) throw new Error('notify: a subscription neither inserted nor found');
    }
    await recordAudit(trx, ctx, {
      action: 'notify.subscription_request',
      recordType: 'notify_subscriber',
      recordId: subscriber.id,
      after: { subscription: subscription.id, target, frequency: input.frequency },
    });
    if (!(await inboxAllows(trx, 'confirm', subscriber.email))) return;
    const lang = wasConfirmed ? subscriber.locale : input.locale;
    const token = makeToken(deps.config.secretKey, 'confirm', { s: subscriber.id, v: subscriber.token_version, n: subscription.id });
    const { unsubscribe } = recipientLinks(deps.config.secretKey, deps.config.baseUrl, lang, subscriber);
    const mail = confirmationEmail(lang, label, urls.confirm(deps.config.baseUrl, lang, token), unsubscribe);
    await queueEmail(trx, deps.messaging.from, {
      key: `notify:confirm:${subscription.id}:${randomToken(8)}`,
      to: subscriber.email,
      locale: lang,
      ...mail,
      source: 'notify.confirm',
      refType: 'notify_subscriber',
      refId: subscriber.id,
    });
  });
}

/** The subscriber and subscription a confirmation link names, or 410 when it no longer stands. */
export async function readConfirmLink(deps: Deps, token: string) {
  const c = readToken(deps.config.secretKey, 'confirm', token);
  const subscriber = c ? await repo.findSubscriber(deps.db, c.s) : undefined;
  const subscription = c?.n ? await repo.findSubscriptionById(deps.db, c.n) : undefined;
  if (!c || !subscriber || subscriber.token_version !== c.v || !subscription || subscription.subscriber_id !== subscriber.id) throw gone();
  const [label] = await labelTargets(deps, [asTarget(subscription)]);
  return { subscriber, subscription, label };
}

/** Confirms the address and the subscription; returns a fresh manage link token. Clicking twice is harmless. */
export async function confirm(deps: Deps, ctx: Ctx, token: string): Promise<{ manageToken: string; lang: Lang }> {
  const { subscriber, subscription, label } = await readConfirmLink(deps, token);
  await deps.db.transaction().execute(async (trx) => {
    const now = nowIso();
    if (subscriber.status !== 'confirmed') {
      await repo.updateSubscriber(trx, subscriber.id, {
        status: 'confirmed',
        confirmed_at: now,
        suspended_at: null,
        suspended_reason: null,
      });
    }
    if (subscription.status !== 'active') {
      await repo.updateSubscription(trx, subscription.id, { status: 'active', confirmed_at: now });
      // The consent, in the words the confirmation page showed (issue 19: the register of consents).
      const wording = [
        translate(ctx.lang, 'notify.confirm.lead', { what: targetPhrase(ctx.lang, label) }),
        translate(ctx.lang, 'notify.confirm.submit'),
      ];
      await recordConsent(trx, deps, {
        purpose: 'notify.subscription',
        kind: 'notify.subscriber',
        ref: `notify_subscription:${subscription.id}`,
        email: subscriber.email,
        lang: ctx.lang,
        wording: wording.join('\n'),
        channel: 'web_form',
        form: '/subscriptions/confirm',
      });
    }
    await recordAudit(trx, ctx, {
      action: 'notify.subscription_confirm',
      recordType: 'notify_subscriber',
      recordId: subscriber.id,
      after: { subscription: subscription.id },
    });
  });
  const claims = { s: subscriber.id, v: subscriber.token_version };
  return { manageToken: makeToken(deps.config.secretKey, 'manage', claims), lang: subscriber.locale };
}

/** What a manage link opens: the subscriber, their subscriptions with names, and the link's claims. */
export async function openManage(deps: Deps, token: string) {
  const claims = readToken(deps.config.secretKey, 'manage', token);
  const subscriber = claims ? await repo.findSubscriber(deps.db, claims.s) : undefined;
  if (!claims || !subscriber || subscriber.token_version !== claims.v || subscriber.status === 'unsubscribed') throw gone();
  const subscriptions = await repo.listSubscriptions(deps.db, subscriber.id);
  const labels = await labelTargets(deps, subscriptions.map(asTarget));
  return { claims, subscriber, subscriptions: subscriptions.map((s, i) => ({ ...s, label: labels[i] })) };
}

/** Saves language and frequencies from the manage page. */
export async function updatePreferences(deps: Deps, ctx: Ctx, token: string, raw: unknown) {
  const { subscriber, subscriptions } = await openManage(deps, token);
  const input = parseInput(preferencesInput, raw);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateSubscriber(trx, subscriber.id, { locale: input.locale });
    for (const s of subscriptions) {
      const f = input.frequencies[String(s.id)];
      if (f && f !== s.frequency) await repo.updateSubscription(trx, s.id, { frequency: f });
    }
    await recordAudit(trx, ctx, {
      action: 'notify.preferences',
      recordType: 'notify_subscriber',
      recordId: subscriber.id,
      before: { locale: subscriber.locale, frequencies: Object.fromEntries(subscriptions.map((s) => [s.id, s.frequency])) },
      after: input,
    });
  });
}

/** Removes one subscription; counted against the announcement whose email carried the link. */
export async function removeSubscription(deps: Deps, ctx: Ctx, token: string, subscriptionId: number) {
  const { subscriber, subscriptions, claims } = await openManage(deps, token);
  const s = subscriptions.find((x) => x.id === subscriptionId);
  if (!s) throw new NotFoundError();
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteSubscription(trx, s.id);
    await withdrawConsent(trx, deps, {
      purpose: 'notify.subscription',
      email: subscriber.email,
      ref: `notify_subscription:${s.id}`,
      channel: 'manage_page',
    });
    await repo.insertUnsubscribe(trx, {
      subscriber_id: subscriber.id,
      announcement_id: claims.a ?? null,
      method: 'manage',
      scope: 'one',
      target_type: s.target_type,
      target_key: s.target_key,
    });
    await recordAudit(trx, ctx, {
      action: 'notify.subscription_remove',
      recordType: 'notify_subscriber',
      recordId: subscriber.id,
      before: s,
    });
  });
}

/** Stops everything for a subscriber: subscriptions, texts, and every link already sent stops working. */
async function unsubscribeAllInTrx(
  trx: Executor,
  deps: Deps,
  ctx: Ctx,
  subscriberId: number,
  claims: LinkClaims,
  method: 'one_click' | 'link' | 'manage',
) {
  const subscriber = await repo.findSubscriber(trx, subscriberId);
  if (!subscriber || subscriber.status === 'unsubscribed') return;
  await repo.deleteSubscriptionsOf(trx, subscriber.id);
  const channel = method === 'manage' ? 'manage_page' : method === 'link' ? 'email_link' : 'one_click';
  await withdrawConsent(trx, deps, { purpose: 'notify.subscription', email: subscriber.email, channel });
  await repo.updateSubscriber(trx, subscriber.id, {
    status: 'unsubscribed',
    unsubscribed_at: nowIso(),
    token_version: subscriber.token_version + 1,
    sms_enabled: 0,
    phone: null,
    phone_verified_at: null,
    phone_code_hash: null,
  });
  await repo.insertUnsubscribe(trx, {
    subscriber_id: subscriber.id,
    announcement_id: claims.a ?? null,
    method,
    scope: 'all',
    target_type: null,
    target_key: null,
  });
  await recordAudit(trx, ctx, {
    action: 'notify.unsubscribe_all',
    recordType: 'notify_subscriber',
    recordId: subscriber.id,
    after: { method },
  });
}

/** Unsubscribes from everything through the manage page. */
export async function unsubscribeAllFromManage(deps: Deps, ctx: Ctx, token: string) {
  const { subscriber, claims } = await openManage(deps, token);
  await deps.db.transaction().execute((trx) => unsubscribeAllInTrx(trx, deps, ctx, subscriber.id, claims, 'manage'));
}

/** Whether an unsubscribe link is valid (the confirmation page shows its button only then). */
export async function readUnsubscribeLink(deps: Deps, token: string) {
  const claims = readToken(deps.config.secretKey, 'unsubscribe', token);
  const subscriber = claims ? await repo.findSubscriber(deps.db, claims.s) : undefined;
  if (!claims || !subscriber) throw gone();
  return { claims, subscriber, done: subscriber.status === 'unsubscribed' || subscriber.token_version !== claims.v };
}

/** RFC 8058 one-click (or the visible link's button): idempotent, so a mail provider may POST it twice. */
export async function unsubscribeByLink(deps: Deps, ctx: Ctx, token: string, method: 'one_click' | 'link') {
  const { claims, done } = await readUnsubscribeLink(deps, token);
  if (done) return;
  await deps.db.transaction().execute((trx) => unsubscribeAllInTrx(trx, deps, ctx, claims.s, claims, method));
}

/** Emails a fresh manage link to a known address; the answer is the same whether or not it is known. */
export async function requestManageLink(deps: Deps, ctx: Ctx, raw: unknown) {
  const input = parseInput(emailOnlyInput, raw);
  await enforceRateLimit(deps.db, `notify.manage_link:${ctx.ip ?? 'unknown'}`, SUBSCRIBE_PER_IP_PER_HOUR, 3600);
  await deps.db.transaction().execute(async (trx) => {
    const s = await repo.findSubscriberByEmail(trx, input.email);
    if (!s || (s.status !== 'confirmed' && s.status !== 'suspended')) return;
    if (!(await inboxAllows(trx, 'manage', s.email))) return;
    const token = makeToken(deps.config.secretKey, 'manage', { s: s.id, v: s.token_version });
    await queueEmail(trx, deps.messaging.from, {
      key: `notify:manage-link:${s.id}:${randomToken(8)}`,
      to: s.email,
      locale: s.locale,
      ...manageLinkEmail(
        s.locale,
        urls.manage(deps.config.baseUrl, s.locale, token),
        recipientLinks(deps.config.secretKey, deps.config.baseUrl, s.locale, s).unsubscribe,
      ),
      source: 'notify.manage_link',
      refType: 'notify_subscriber',
      refId: s.id,
    });
  });
}

/** A permanent delivery failure (5xx bounce) suspends the address; SMS refusals stop texts. */
export async function onBounce(deps: Deps, m: { channel: 'email' | 'sms'; to: string; error: string | null }) {
  const reason = m.error ?? 'permanent failure';
  if (m.channel === 'sms') await repo.disableSms(deps.db, m.to);
  else if ((await repo.suspendEmail(deps.db, m.to, reason)) > 0) {
    deps.log.info({ reason }, 'notify: suspended a bounced address');
  }
}

export type { TargetType };
