import { randomInt } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { hmac, randomToken, safeEqual } from '../../platform/auth/crypto.ts';
import { isoIn, nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError } from '../../platform/http/errors.ts';
import { enforceRateLimit } from '../../platform/http/rate-limit.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { queueSms } from '../../platform/messaging/messaging.ts';
import { toE164 } from '../../platform/phone/phone.ts';
import { codeInput, phoneInput } from './notify.schema.ts';
import * as repo from './subscribers.repo.ts';
import { openManage } from './subscriptions.service.ts';

/** A code works for ten minutes and for five guesses; a phone gets three codes an hour. */
export const CODE_MINUTES = 10;
export const CODE_ATTEMPTS = 5;
const CODES_PER_HOUR = 3;

// Keyed with the application secret: a leaked table does not give the six digits away.
const codeHash = (secret: string, subscriberId: number, phone: string, code: string) =>
  hmac(secret, `notify.phone|${subscriberId}|${phone}|${code}`);

/** Adds (or replaces) the phone of a confirmed subscriber and texts it a one-time code. */
export async function addPhone(deps: Deps, ctx: Ctx, token: string, raw: unknown) {
  const { subscriber } = await openManage(deps, token);
  if (subscriber.status !== 'confirmed') throw new ConflictError('notify.error.not_confirmed');
  const phone = toE164(parseInput(phoneInput, raw).phone) ?? fieldError('phone', 'validation.phone');
  await enforceRateLimit(deps.db, `notify.phone.subscriber:${subscriber.id}`, CODES_PER_HOUR, 3600);
  await enforceRateLimit(deps.db, `notify.phone.number:${phone}`, CODES_PER_HOUR, 3600);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateSubscriber(trx, subscriber.id, {
      phone,
      phone_verified_at: null,
      sms_enabled: 0,
      phone_code_hash: codeHash(deps.config.secretKey, subscriber.id, phone, code),
      phone_code_expires_at: isoIn(CODE_MINUTES * 60_000),
      phone_code_attempts: 0,
    });
    await queueSms(trx, {
      key: `notify:phone-code:${subscriber.id}:${randomToken(8)}`,
      to: phone,
      locale: subscriber.locale,
      text: translate(subscriber.locale, 'notify.sms.code', { code, minutes: CODE_MINUTES }),
      source: 'notify.phone_code',
      refType: 'notify_subscriber',
      refId: subscriber.id,
    });
    await recordAudit(trx, ctx, { action: 'notify.phone_add', recordType: 'notify_subscriber', recordId: subscriber.id });
  });
}

/** Checks the code; on success the phone is verified and texts are turned on. */
export async function verifyPhone(deps: Deps, ctx: Ctx, token: string, raw: unknown) {
  const { subscriber } = await openManage(deps, token);
  const { code } = parseInput(codeInput, raw);
  if (!subscriber.phone || !subscriber.phone_code_hash) throw new ConflictError('notify.error.no_code');
  if (subscriber.phone_code_attempts >= CODE_ATTEMPTS) fieldError('code', 'notify.validation.code_attempts');
  if (!subscriber.phone_code_expires_at || subscriber.phone_code_expires_at < nowIso())
    fieldError('code', 'notify.validation.code_expired');
  const ok = safeEqual(codeHash(deps.config.secretKey, subscriber.id, subscriber.phone, code), subscriber.phone_code_hash);
  if (!ok) {
    await repo.updateSubscriber(deps.db, subscriber.id, { phone_code_attempts: subscriber.phone_code_attempts + 1 });
    fieldError('code', 'notify.validation.code_wrong');
  }
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateSubscriber(trx, subscriber.id, {
      phone_verified_at: nowIso(),
      sms_enabled: 1,
      phone_code_hash: null,
      phone_code_expires_at: null,
      phone_code_attempts: 0,
    });
    await recordAudit(trx, ctx, { action: 'notify.phone_verify', recordType: 'notify_subscriber', recordId: subscriber.id });
  });
}

/** Stops texts and forgets the number. */
export async function removePhone(deps: Deps, ctx: Ctx, token: string) {
  const { subscriber } = await openManage(deps, token);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateSubscriber(trx, subscriber.id, {
      phone: null,
      phone_verified_at: null,
      sms_enabled: 0,
      phone_code_hash: null,
      phone_code_expires_at: null,
      phone_code_attempts: 0,
    });
    await recordAudit(trx, ctx, { action: 'notify.phone_remove', recordType: 'notify_subscriber', recordId: subscriber.id });
  });
}
