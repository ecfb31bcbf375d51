import type { Config } from '../../config.ts';
import type { Executor } from '../../db.ts';
import { hmac, randomToken, signToken, verifyToken } from '../../platform/auth/crypto.ts';
import { clearRateLimit, countHit, refundRateLimit } from '../../platform/http/rate-limit.ts';

/**
 * How sign-in attempts are throttled, without letting anyone lock an owner out:
 *
 * - per account and source: LOGIN_MAX_ATTEMPTS failures within LOGIN_LOCK_MINUTES stop that source
 *   (one address, or one browser the account has signed in from before) for the rest of the window;
 *   the owner signing in from another source is not affected;
 * - per account, across unknown sources: ACCOUNT_FACTOR times as many failures (a guess from many
 *   addresses) stop unknown sources too; browsers the account signed in from before, and browsers
 *   unlocked by an emailed link, still get in;
 * - per address across accounts (password spraying): IP_FACTOR times as many failures in 15 minutes.
 *
 * Every attempt is counted atomically before its password is checked (one upsert returning the new
 * count), so parallel guesses cannot pass the limit; a successful attempt gives its count back.
 */
export const ACCOUNT_FACTOR = 20;
export const IP_FACTOR = 6;
const IP_WINDOW_SECONDS = 15 * 60;
const DEVICE_DAYS = 180;
const DEVICE_PURPOSE = 'identity.sign-in-device';
export const DEVICE_COOKIE = 'yusr_device';

/** A browser the account signed in from (or was unlocked in): a signed cookie naming the user. */
export function deviceCookieFor(config: Config, userId: number): { value: string; maxAgeSeconds: number } {
  const value = signToken(
    config.secretKey,
    DEVICE_PURPOSE,
    { u: userId, d: randomToken(12) },
    new Date(Date.now() + DEVICE_DAYS * 86_400_000),
  );
  return { value, maxAgeSeconds: DEVICE_DAYS * 86_400 };
}

/** The device id a cookie proves for this user, or null. */
function trustedDevice(config: Config, cookie: string | null | undefined, userId: number | undefined): string | null {
  if (!cookie || userId === undefined) return null;
  const p = verifyToken<{ u: number; d: string }>(config.secretKey, DEVICE_PURPOSE, cookie);
  return p && p.u === userId && typeof p.d === 'string' ? p.d : null;
}

/** The counter key of an email address, known or not (keyed, so the table holds no addresses). */
export const accountKey = (config: Config, email: string) => hmac(config.secretKey, `identity|sign-in|${email}`);

export type Attempt =
  | { refused: false; keys: { source: string; account: string | null; ip: string | null }; count: number; trusted: boolean }
  | { refused: 'locked' | 'rate_limited'; retryAfterSeconds: number; trusted: boolean };

/** Counts an attempt against its limits before the password is checked; refuses it when one is spent. */
export async function countAttempt(
  db: Executor,
  config: Config,
  a: { email: string; userId: number | undefined; ip: string | null; deviceCookie: string | null | undefined },
): Promise<Attempt> {
  const max = config.loginMaxAttempts;
  const window = config.loginLockMinutes * 60;
  const account = accountKey(config, a.email);
  const device = trustedDevice(config, a.deviceCookie, a.userId);
  const trusted = device !== null;
  const keys = {
    source: `sign-in:fail:${account}:${device ? `device:${device}` : `ip:${a.ip ?? 'unknown'}`}`,
    account: trusted ? null : `sign-in:fail:${account}`,
    ip: trusted ? null : `sign-in:ip:${a.ip ?? 'unknown'}`,
  };
  const counted: string[] = [];
  const refuse = async (refused: 'locked' | 'rate_limited', retryAfterSeconds: number): Promise<Attempt> => {
    // A refused attempt checks no password, so it stays counted only where it was refused.
    for (const k of counted.slice(0, -1)) await refundRateLimit(db, k);
    return { refused, retryAfterSeconds, trusted };
  };
  // The narrowest limit first: attempts it refuses never reach the wider counters.
  const source = await countHit(db, keys.source, window);
  counted.push(keys.source);
  if (source.count > max) return refuse('locked', source.remainingSeconds);
  if (keys.account) {
    const all = await countHit(db, keys.account, window);
    counted.push(keys.account);
    if (all.count > max * ACCOUNT_FACTOR) return refuse('locked', all.remainingSeconds);
  }
  if (keys.ip) {
    const ip = await countHit(db, keys.ip, IP_WINDOW_SECONDS);
    counted.push(keys.ip);
    if (ip.count > max * IP_FACTOR) return refuse('rate_limited', ip.remainingSeconds);
  }
  return { refused: false, keys, count: source.count, trusted };
}

/** After a successful sign-in: the source starts afresh, and the attempt does not count against the others. */
export async function forgiveAttempt(db: Executor, attempt: Extract<Attempt, { refused: false }>): Promise<void> {
  await clearRateLimit(db, attempt.keys.source);
  if (attempt.keys.account) await refundRateLimit(db, attempt.keys.account);
  if (attempt.keys.ip) await refundRateLimit(db, attempt.keys.ip);
}
