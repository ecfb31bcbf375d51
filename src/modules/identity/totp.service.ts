import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { sha256, signToken, verifyToken } from '../../platform/auth/crypto.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, fieldError, RateLimitedError } from '../../platform/http/errors.ts';
import { clearRateLimit, hitRateLimit } from '../../platform/http/rate-limit.ts';

/**
 * A second factor for password accounts: an authenticator app's time-based codes (RFC 6238,
 * SHA-1, 6 digits, 30 s) and ten one-time recovery codes. The secret is stored encrypted
 * (AES-256-GCM under a key derived from SECRET_KEY by HKDF), recovery codes as SHA-256 hashes.
 * A code is accepted once: the step it was accepted for is kept, and it and earlier ones are
 * refused after. Attempts are limited per account. Program administrators must have one.
 */

const PERIOD = 30;
const RECOVERY_CODES = 10;
const MAX_ATTEMPTS = 5;
const ATTEMPT_WINDOW_SECONDS = 15 * 60;
const CHALLENGE_PURPOSE = 'identity.second-factor';
const CHALLENGE_TTL_MS = 10 * 60_000;
export const CHALLENGE_COOKIE = 'yusr_2fa';

const keyOf = (config: Config) => Buffer.from(hkdfSync('sha256', config.secretKey, 'yusr', 'identity/totp-secret/v1', 32));

/** AES-256-GCM: `v1.<iv>.<ciphertext>.<tag>` in base64url. */
export function encryptSecret(config: Config, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(config), iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, ct, cipher.getAuthTag()].map((x) => (typeof x === 'string' ? x : x.toString('base64url'))).join('.');
}

export function decryptSecret(config: Config, stored: string): string {
  const [v, iv, ct, tag] = stored.split('.');
  if (v !== 'v1') throw new Error('unknown secret format');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(config), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

const totpFor = (secret: string, email: string) =>
  new OTPAuth.TOTP({
    issuer: 'Yusr',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  });

const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

export async function factorOf(db: Executor, userId: number) {
  return db.selectFrom('totp_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Whether the person has a confirmed second factor. */
export async function hasSecondFactor(db: Executor, userId: number): Promise<boolean> {
  return Boolean((await factorOf(db, userId))?.confirmed_at);
}

/**
 * Whether the person must have one: they hold a role of SECOND_FACTOR_REQUIRED (program
 * administrators by default), or an administrator reset their lost one and they have not set up a new one yet.
 */
export async function requiresSecondFactor(deps: Pick<Deps, 'config' | 'db'>, userId: number, db: Executor = deps.db): Promise<boolean> {
  // `db`: inside a transaction, pass it (on SQLite a query outside it would wait for it forever).
  if (await db.selectFrom('totp_resets').select('user_id').where('user_id', '=', userId).executeTakeFirst()) return true;
  const roles = deps.config.secondFactorRoles;
  if (roles.length === 0) return false;
  const row = await db.selectFrom('memberships').select('id').where('user_id', '=', userId).where('role', 'in', roles).executeTakeFirst();
  return Boolean(row);
}

/**
 * Whether a signed-in session must set up an authenticator app before anything else: the person
 * must have one (their role, or a reset) and has none, and the session was opened with a password
 * (a provider's session is the provider's to secure). Sessions opened before the rule applied to
 * the person (a role given later, SECOND_FACTOR_REQUIRED changed) are caught here.
 */
export async function mustEnrolBeforeUse(
  deps: Pick<Deps, 'config' | 'db'>,
  actor: { id: number; sessionId?: string; memberships: { role: string }[] },
): Promise<boolean> {
  if (!actor.sessionId) return false;
  const roles: readonly string[] = deps.config.secondFactorRoles;
  const byRole = actor.memberships.some((m) => roles.includes(m.role));
  if (!byRole && !(await deps.db.selectFrom('totp_resets').select('user_id').where('user_id', '=', actor.id).executeTakeFirst()))
    return false;
  if (await hasSecondFactor(deps.db, actor.id)) return false;
  const viaProvider = await deps.db
    .selectFrom('oidc_sessions')
    .select('session_id')
    .where('session_id', '=', actor.sessionId)
    .executeTakeFirst();
  return !viaProvider;
}

/**
 * The secret being enrolled (a new one, or the one not confirmed yet), as the authenticator app
 * takes it: a QR code (SVG as a data URL, drawn here, nothing sent elsewhere) and the text for typing in.
 */
export async function enrolment(deps: Deps, user: { id: number; email: string }) {
  const existing = await factorOf(deps.db, user.id);
  if (existing?.confirmed_at) throw new AppError(409, 'totp.already');
  let secret: string;
  if (existing) secret = decryptSecret(deps.config, existing.secret_enc);
  else {
    secret = new OTPAuth.Secret({ size: 20 }).base32;
    await deps.db
      .insertInto('totp_factors')
      .values({
        user_id: user.id,
        secret_enc: encryptSecret(deps.config, secret),
        confirmed_at: null,
        last_step: null,
        created_at: nowIso(),
      })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    const row = await factorOf(deps.db, user.id);
    if (!row) throw new AppError(409, 'error.conflict');
    secret = decryptSecret(deps.config, row.secret_enc);
  }
  const uri = totpFor(secret, user.email).toString();
  const { default: QRCode } = await import('qrcode'); // on the first enrolment, not at app import
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret: secret.replace(/(.{4})/g, '$1 ').trim(), qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** Counts an attempt against the account; a 429 past the limit. */
async function throttle(db: Executor, userId: number): Promise<void> {
  const wait = await hitRateLimit(db, `totp:user:${userId}`, MAX_ATTEMPTS, ATTEMPT_WINDOW_SECONDS);
  if (wait > 0) throw new RateLimitedError(wait);
}

/**
 * Accepts a code for the step it matches (this one or the one either side, for clocks a little
 * off) only when that step is later than the last accepted: a code seen once is refused after.
 */
async function acceptCode(deps: Deps, trx: Executor, userId: number, email: string, code: string): Promise<boolean> {
  const f = await factorOf(trx, userId);
  if (!f || !/^\d{6}$/.test(code)) return false;
  const now = Date.now();
  const delta = totpFor(decryptSecret(deps.config, f.secret_enc), email).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return false;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  const r = await trx
    .updateTable('totp_factors')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Confirms an enrolment with a first code; returns the recovery codes (shown once, stored hashed). */
export async function confirmEnrolment(deps: Deps, ctx: Ctx, user: { id: number; email: string }, raw: unknown): Promise<string[]> {
  const code = String(raw ?? '').replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) fieldError('code', 'totp.code_format');
  await throttle(deps.db, user.id);
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const c = randomBytes(8).toString('hex');
    return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8, 12)}-${c.slice(12)}`;
  });
  const ok = await deps.db.transaction().execute(async (trx) => {
    const f = await factorOf(trx, user.id);
    if (!f || f.confirmed_at) return false;
    if (!(await acceptCode(deps, trx, user.id, user.email, code))) return false;
    await trx.updateTable('totp_factors').set({ confirmed_at: nowIso() }).where('user_id', '=', user.id).execute();
    await trx.deleteFrom('totp_resets').where('user_id', '=', user.id).execute();
    await trx.deleteFrom('totp_recovery_codes').where('user_id', '=', user.id).execute();
    await trx
      .insertInto('totp_recovery_codes')
      .values(codes.map((c) => ({ user_id: user.id, code_hash: sha256(normalizeRecovery(c)), used_at: null, created_at: nowIso() })))
      .execute();
    await recordAudit(trx, ctx, { action: 'user.second_factor_enrol', recordType: 'user', recordId: user.id });
    return true;
  });
  if (!ok) fieldError('code', 'totp.code_wrong');
  await clearRateLimit(deps.db, `totp:user:${user.id}`);
  return codes;
}

/** Checks the second step of a sign-in: a current code, or an unused recovery code (then used up). Audited either way. */
export async function verifySecondFactor(deps: Deps, ctx: Ctx, user: { id: number; email: string }, raw: unknown): Promise<void> {
  const input = String(raw ?? '').trim();
  if (!input) fieldError('code', 'totp.code_format');
  await throttle(deps.db, user.id);
  const digits = input.replace(/\s/g, '');
  const ok = await deps.db.transaction().execute(async (trx) => {
    let how: 'code' | 'recovery' | null = null;
    if (/^\d{6}$/.test(digits)) {
      if (await acceptCode(deps, trx, user.id, user.email, digits)) how = 'code';
    } else {
      const r = await trx
        .updateTable('totp_recovery_codes')
        .set({ used_at: nowIso() })
        .where('user_id', '=', user.id)
        .where('code_hash', '=', sha256(normalizeRecovery(input)))
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) how = 'recovery';
    }
    if (how) await recordAudit(trx, ctx, { action: 'auth.second_factor', recordType: 'user', recordId: user.id, after: { with: how } });
    return how !== null;
  });
  if (!ok) {
    await deps.db
      .transaction()
      .execute((trx) => recordAudit(trx, ctx, { action: 'auth.second_factor_failed', recordType: 'user', recordId: user.id }));
    fieldError('code', 'totp.code_wrong');
  }
  await clearRateLimit(deps.db, `totp:user:${user.id}`);
}

/** Turns the second factor off (not for program administrators, who must keep one); asks a current code. */
export async function disableSecondFactor(deps: Deps, ctx: Ctx, user: { id: number; email: string }, raw: unknown): Promise<void> {
  if (await requiresSecondFactor(deps, user.id)) throw new AppError(403, 'totp.required_admin');
  await verifySecondFactor(deps, ctx, user, raw);
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('totp_recovery_codes').where('user_id', '=', user.id).execute();
    await trx.deleteFrom('totp_factors').where('user_id', '=', user.id).execute();
    await recordAudit(trx, ctx, { action: 'user.second_factor_remove', recordType: 'user', recordId: user.id });
  });
}

/** The signed, short-lived cookie between the password step and the second one: who, where to go, and which step. */
export function challengeCookie(config: Config, userId: number, step: 'code' | 'enrol', next: string) {
  return {
    value: signToken(config.secretKey, CHALLENGE_PURPOSE, { u: userId, s: step, next }, new Date(Date.now() + CHALLENGE_TTL_MS)),
    maxAgeSeconds: CHALLENGE_TTL_MS / 1000,
  };
}

export function readChallenge(config: Config, cookie: string | undefined): { u: number; s: 'code' | 'enrol'; next: string } | null {
  return cookie ? verifyToken<{ u: number; s: 'code' | 'enrol'; next: string }>(config.secretKey, CHALLENGE_PURPOSE, cookie) : null;
}
