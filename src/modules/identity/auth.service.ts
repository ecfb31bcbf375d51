import { recordAudit, recordAuditNow } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { DUMMY_PASSWORD_HASH, hashPassword, passwordHasher, sha256, verifyPassword } from '../../platform/auth/crypto.ts';
import { createSession, destroySession, destroyUserSessions } from '../../platform/auth/sessions.ts';
import { isoIn, nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, fieldError, RateLimitedError } from '../../platform/http/errors.ts';
import { enforceRateLimit, hitRateLimit } from '../../platform/http/rate-limit.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { newLink, queueAccountEmail } from './account-emails.ts';
import * as repo from './identity.repo.ts';
import { changePasswordInput, forgotInput, profileInput, setPasswordInput, signInInput } from './identity.schema.ts';
import { passwordReplacedBy } from './oidc.service.ts';
import { accountKey, countAttempt, deviceCookieFor, forgiveAttempt } from './sign-in-throttle.ts';
import { challengeCookie, hasSecondFactor, requiresSecondFactor } from './totp.service.ts';

const RESET_TTL_MS = 3_600_000;
export const INVITE_TTL_MS = 7 * 24 * 3_600_000;

/** A local path to return to after sign-in; anything else (another host, a scheme) becomes the console. */
export function safeNext(next: string | undefined, lang: string): string {
  if (next && /^\/(ar|en)(\/[^/\\]|\/?$|\?)/.test(next) && !next.includes('//')) return next;
  return `/${lang}/console`;
}

/**
 * Signs a person in. Unknown emails and wrong passwords get the same answer after the same scrypt
 * work; attempts are throttled per account and source (see sign-in-throttle.ts), so a stranger can
 * stop their own guesses but not the owner. Returns the session token and a device cookie.
 */
export async function signIn(deps: Deps, ctx: Ctx, raw: unknown, userAgent: string | null, deviceCookie?: string | null) {
  const input = parseInput(signInInput, raw);
  const { loginMaxAttempts: max } = deps.config;
  const user = await repo.findUserByEmail(deps.db, input.email);
  const attempt = await countAttempt(deps.db, deps.config, { email: input.email, userId: user?.id, ip: ctx.ip, deviceCookie });
  if (attempt.refused === 'rate_limited') throw new RateLimitedError(attempt.retryAfterSeconds);
  if (attempt.refused) throw new AppError(423, 'error.locked', { minutes: Math.ceil(attempt.retryAfterSeconds / 60) });
  const ok = (await passwordHasher.verify(input.password, user?.password_hash ?? DUMMY_PASSWORD_HASH)) && user?.status === 'active';
  if (!user || !ok) {
    const lock = attempt.count >= max;
    await recordAuditNow(deps.db, ctx, {
      action: lock ? 'auth.locked' : 'auth.sign_in_failed',
      recordType: user ? 'user' : 'sign_in',
      recordId: user?.id ?? null,
      // An unknown address is kept as a keyed hash: repeated guesses at one address can be told apart, the address not read.
      after: {
        ...(user ? {} : { account: 'unknown', email_hash: accountKey(deps.config, input.email) }),
        failures_from_source: attempt.count,
        source: attempt.trusted ? 'known browser' : 'address',
      },
    });
    if (lock) throw new AppError(423, 'error.locked', { minutes: deps.config.loginLockMinutes });
    fieldError('email', 'validation.sign_in_failed');
  }
  await forgiveAttempt(deps.db, attempt);
  // Checked after the password, so the answer tells nothing about an address to someone without it.
  const provider = await passwordReplacedBy(deps, user.id);
  if (provider) {
    await recordAuditNow(deps.db, ctx, {
      action: 'auth.password_sign_in_off',
      recordType: 'user',
      recordId: user.id,
      after: { provider: provider.id },
    });
    fieldError('password', 'validation.password_sign_in_off', { provider: provider.name[ctx.lang] });
  }
  const next = safeNext(input.next, ctx.lang);
  const device = deviceCookieFor(deps.config, user.id);
  // A second factor, or its enrolment when the person's role requires one, comes before the session.
  const step = (await hasSecondFactor(deps.db, user.id)) ? 'code' : (await requiresSecondFactor(deps, user.id)) ? 'enrol' : null;
  if (step) return { token: null, challenge: challengeCookie(deps.config, user.id, step, next), step, user, device, next };
  const token = await startSession(deps, ctx, user, userAgent);
  return { token, challenge: null, step, user, device, next };
}

/** Opens a session for someone whose every step of sign-in passed (clears the lock, audits the sign-in). */
export async function startSession(deps: Deps, ctx: Ctx, user: repo.User, userAgent: string | null): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    await repo.updateUserRow(trx, user.id, { failed_logins: 0, locked_until: null, last_login_at: nowIso() });
    const tok = await createSession(trx, user.id, deps.config, { ip: ctx.ip, userAgent });
    await recordAudit(
      trx,
      { ...ctx, actor: { kind: 'user', id: user.id, name: user.name, email: user.email, locale: user.locale, memberships: [] } },
      {
        action: 'auth.sign_in',
        recordType: 'user',
        recordId: user.id,
      },
    );
    return tok;
  });
}

export async function signOut(deps: Deps, ctx: Ctx, token: string | null): Promise<void> {
  if (!token) return;
  await deps.db.transaction().execute(async (trx) => {
    await destroySession(trx, token);
    if (ctx.actor.kind === 'user') await recordAudit(trx, ctx, { action: 'auth.sign_out', recordType: 'user', recordId: ctx.actor.id });
  });
}

/**
 * Emails a reset link when the address belongs to an active account. The answer is the same
 * either way, and requests are rate limited per address and per IP (no mail-bombing).
 */
export async function requestPasswordReset(deps: Deps, ctx: Ctx, raw: unknown): Promise<void> {
  const { email } = parseInput(forgotInput, raw);
  await enforceRateLimit(deps.db, `reset:ip:${ctx.ip}`, 10, 3600);
  if ((await hitRateLimit(deps.db, `reset:email:${sha256(email)}`, 3, 3600)) > 0) return;
  const user = await repo.findUserByEmail(deps.db, email);
  if (user?.status !== 'active') return;
  await issueResetToken(deps, ctx, user, 'user.password_reset_request');
}

/** Creates a single-use reset token and queues its email (also used by administrators). */
export async function issueResetToken(deps: Deps, ctx: Ctx, user: repo.User, action: string): Promise<void> {
  const { nonce, token } = newLink(deps.config, 'reset');
  await deps.db.transaction().execute(async (trx) => {
    await repo.expireUserTokens(trx, user.id, 'reset');
    await repo.insertUserToken(trx, user.id, 'reset', sha256(token), isoIn(RESET_TTL_MS));
    await queueAccountEmail(trx, deps.config, user, 'reset', nonce);
    await recordAudit(trx, ctx, { action, recordType: 'user', recordId: user.id });
  });
}

/** The user a reset or invitation link belongs to, while it is valid. */
export async function checkUserToken(deps: Deps, purpose: repo.UserTokenPurpose, token: string) {
  const row = await repo.findUserToken(deps.db, purpose, sha256(token));
  if (!row || row.used_at || row.expires_at < nowIso()) throw new AppError(410, 'error.link_expired');
  const user = await repo.findUser(deps.db, row.user_id);
  if (!user || user.status === 'deactivated') throw new AppError(410, 'error.link_expired');
  return { row, user };
}

/**
 * Emails a link that lets the browser it is opened in sign in to the account although its source
 * is stopped after failed attempts. Same answer whether or not the address has an account.
 */
export async function requestUnlock(deps: Deps, ctx: Ctx, raw: unknown): Promise<void> {
  const { email } = parseInput(forgotInput, raw);
  await enforceRateLimit(deps.db, `unlock:ip:${ctx.ip}`, 10, 3600);
  if ((await hitRateLimit(deps.db, `unlock:email:${sha256(email)}`, 3, 3600)) > 0) return;
  const user = await repo.findUserByEmail(deps.db, email);
  if (user?.status !== 'active') return;
  const { nonce, token } = newLink(deps.config, 'unlock');
  await deps.db.transaction().execute(async (trx) => {
    await repo.expireUserTokens(trx, user.id, 'unlock');
    await repo.insertUserToken(trx, user.id, 'unlock', sha256(token), isoIn(RESET_TTL_MS));
    await queueAccountEmail(trx, deps.config, user, 'unlock', nonce);
    await recordAudit(trx, ctx, { action: 'auth.unlock_request', recordType: 'user', recordId: user.id });
  });
}

/** Uses an unlock link: this browser becomes one the account signs in from (returns its device cookie). */
export async function unlockBrowser(deps: Deps, ctx: Ctx, token: string) {
  const { row, user } = await checkUserToken(deps, 'unlock', token);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.useUserToken(trx, row.id))) throw new AppError(410, 'error.link_expired');
    await recordAudit(trx, ctx, { action: 'auth.unlock', recordType: 'user', recordId: user.id });
  });
  return deviceCookieFor(deps.config, user.id);
}

/** Sets a new password from a reset link: single use, ends every session, clears the lock. */
export async function resetPassword(deps: Deps, ctx: Ctx, token: string, raw: unknown): Promise<void> {
  const { row, user } = await checkUserToken(deps, 'reset', token);
  const { password } = parseInput(setPasswordInput, raw);
  rejectWeak(password, user.email);
  const hash = await hashPassword(password);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.useUserToken(trx, row.id))) throw new AppError(410, 'error.link_expired');
    await repo.updateUserRow(trx, user.id, { password_hash: hash, failed_logins: 0, locked_until: null });
    await destroyUserSessions(trx, user.id);
    await recordAudit(trx, ctx, { action: 'user.password_reset', recordType: 'user', recordId: user.id });
  });
}

/** Accepts an invitation: sets the password, activates the account and signs the person in. */
export async function acceptInvitation(deps: Deps, ctx: Ctx, token: string, raw: unknown, userAgent: string | null) {
  const { row, user } = await checkUserToken(deps, 'invite', token);
  const provider = await passwordReplacedBy(deps, user.id);
  if (provider) fieldError('password', 'validation.password_sign_in_off', { provider: provider.name[ctx.lang] });
  const { password } = parseInput(setPasswordInput, raw);
  rejectWeak(password, user.email);
  const hash = await hashPassword(password);
  const session = await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.useUserToken(trx, row.id))) throw new AppError(410, 'error.link_expired');
    const after = await repo.updateUserRow(trx, user.id, { password_hash: hash, status: 'active', last_login_at: nowIso() });
    await recordAudit(trx, ctx, {
      action: 'user.activate',
      recordType: 'user',
      recordId: user.id,
      before: { status: user.status },
      after: { status: after.status },
    });
    // Someone whose role requires a second factor sets it up before the first session.
    if (await requiresSecondFactor(deps, user.id, trx)) return null;
    return createSession(trx, user.id, deps.config, { ip: ctx.ip, userAgent });
  });
  return { token: session, user, challenge: session ? null : challengeCookie(deps.config, user.id, 'enrol', `/${ctx.lang}/console`) };
}

/** Changes one's own password (the current one is asked again). */
export async function changePassword(deps: Deps, ctx: Ctx, raw: unknown): Promise<void> {
  if (ctx.actor.kind !== 'user') throw new AppError(401, 'error.unauthorized');
  const input = parseInput(changePasswordInput, raw);
  const user = await repo.findUser(deps.db, ctx.actor.id);
  if (!user || !(await verifyPassword(input.current, user.password_hash))) fieldError('current', 'validation.password_wrong');
  rejectWeak(input.password, user.email);
  const hash = await hashPassword(input.password);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateUserRow(trx, user.id, { password_hash: hash });
    // Other devices are signed out; this session stays.
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', user.id)
      .where('id', '!=', ctx.actor.kind === 'user' ? (ctx.actor.sessionId ?? '') : '')
      .execute();
    await recordAudit(trx, ctx, { action: 'user.password_change', recordType: 'user', recordId: user.id });
  });
}

export async function updateProfile(deps: Deps, ctx: Ctx, raw: unknown) {
  if (ctx.actor.kind !== 'user') throw new AppError(401, 'error.unauthorized');
  const input = parseInput(profileInput, raw);
  const before = await repo.findUser(deps.db, ctx.actor.id);
  await deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateUserRow(trx, ctx.actor.kind === 'user' ? ctx.actor.id : 0, input);
    await recordAudit(trx, ctx, {
      action: 'user.profile_update',
      recordType: 'user',
      recordId: after.id,
      before: { name: before?.name, locale: before?.locale },
      after: input,
    });
  });
}

const COMMON = new Set(['password123', '1234567890', 'qwertyuiop', 'password1234', 'yusr123456', 'admin12345', '0123456789']);

/** Refuses passwords that are common or contain the address's name part. */
function rejectWeak(password: string, email: string): void {
  const local = email.split('@')[0].toLowerCase();
  if (COMMON.has(password.toLowerCase()) || (local.length >= 4 && password.toLowerCase().includes(local)) || /^(.)\1+$/.test(password)) {
    fieldError('password', 'validation.password_weak');
  }
}
