import { randomInt } from 'node:crypto';
import { nowIso } from '../db/time.ts';
import type { Deps } from '../deps.ts';
import { enforceRateLimit } from '../http/rate-limit.ts';
import { foldDigits } from '../i18n/digits.ts';
import type { Ctx } from './actor.ts';
import { hmac, safeEqual } from './crypto.ts';

// A person without an account proves an email address with a six-digit code sent to it (participate's
// commenters, training's guests, privacy's data subjects). The code is kept only as a keyed hash bound
// to the record it verifies (a hash copied to another record does not match), lives a few minutes and
// a few guesses, and may be typed in Arabic-Indic or Persian digits. Each module keeps the code on its
// own record; this is the one place that makes, hashes, checks and floods-limits codes.

/** Six random digits, leading zeros kept. */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** The stored form of a code: an HMAC under the app's key over the purpose, the record's id and the code. */
export const codeHash = (secret: string, purpose: string, recordId: number, code: string): string =>
  hmac(secret, `${purpose}|${recordId}|${code}`);

/** What a code on record looks like to the check. */
export interface StoredCode {
  recordId: number;
  hash: string;
  /** ISO instant; null when no code is pending. */
  expiresAt: string | null;
  attempts: number;
}

export type CodeCheck = 'ok' | 'attempts' | 'expired' | 'wrong';

/**
 * Checks a typed code: too many guesses first (so a locked code cannot be probed further), then
 * expiry, then the hash in constant time. It writes nothing: on 'wrong' the caller counts the guess.
 */
export function checkCode(secret: string, purpose: string, stored: StoredCode, typed: string, maxAttempts: number): CodeCheck {
  if (stored.attempts >= maxAttempts) return 'attempts';
  if (!stored.expiresAt || stored.expiresAt < nowIso()) return 'expired';
  return safeEqual(codeHash(secret, purpose, stored.recordId, foldDigits(typed.trim())), stored.hash) ? 'ok' : 'wrong';
}

export interface CodeFloodLimits {
  codesPerAddress: { limit: number; seconds: number };
  codesPerSource: { limit: number; seconds: number };
}

/**
 * Counts a code request against its source address and against the email address (each kept as a
 * keyed hash in the shared rate-limit table, so every web node counts together); 429 past either.
 * The system actor (the demo loader, imports) is not a visitor and is not counted.
 */
export async function limitCodeRequests(deps: Deps, ctx: Ctx, namespace: string, email: string, limits: CodeFloodLimits): Promise<void> {
  if (ctx.actor.kind === 'system') return;
  const source = hmac(deps.config.secretKey, `ip|${ctx.ip ?? 'unknown'}`);
  const address = hmac(deps.config.secretKey, `email|${email}`);
  await enforceRateLimit(deps.db, `${namespace}:code-source:${source}`, limits.codesPerSource.limit, limits.codesPerSource.seconds);
  await enforceRateLimit(deps.db, `${namespace}:code-address:${address}`, limits.codesPerAddress.limit, limits.codesPerAddress.seconds);
}
