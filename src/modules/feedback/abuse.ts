import { hmac } from '../../platform/auth/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { enforceRateLimit } from '../../platform/http/rate-limit.ts';
import { foldDigits } from '../../platform/i18n/digits.ts';
import { toE164 } from '../../platform/phone/phone.ts';

// Abuse protection without CAPTCHAs (which shut out people using screen readers or slow phones):
// per-IP and per-address rate limits, a honeypot field and duplicate detection. Addresses and IPs
// only ever reach the database as keyed hashes, so a leaked table does not give them away.

/** Limits per window: generous per IP (many people share a mobile carrier's address), tight per contact. */
export const LIMITS = {
  ratingPerIp: { limit: 60, seconds: 3600 },
  ratingPerIpService: { limit: 10, seconds: 3600 },
  casePerIp: { limit: 30, seconds: 3600 },
  casePerContact: { limit: 5, seconds: 3600 },
  casePerContactDay: { limit: 15, seconds: 86_400 },
  replyPerCase: { limit: 20, seconds: 3600 },
  trackPerIp: { limit: 20, seconds: 3600 },
  trackPerContact: { limit: 3, seconds: 3600 },
} as const;

/** A keyed hash (HMAC with the secret key): stable for counting, useless to anyone without the key. */
export const keyedHash = (deps: Deps, purpose: string, value: string) => hmac(deps.config.secretKey, `feedback|${purpose}|${value}`);

export const ipHash = (deps: Deps, ip: string | null) => keyedHash(deps, 'ip', ip ?? 'unknown');

/** Emails compare case-insensitively; phones by the digits of their E.164 form (the number as typed if it is none). */
export function normaliseContact(contact: string): string {
  const c = contact.trim().toLowerCase();
  if (c.includes('@')) return c;
  return (toE164(c) ?? foldDigits(c)).replace(/\D/g, '');
}

export const contactHash = (deps: Deps, contact: string) => keyedHash(deps, 'contact', normaliseContact(contact));

/** Text compared for duplicates: case, spacing and Arabic diacritics do not make a message new. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Counts one hit against each key (429 once any is over its limit). */
export async function limit(deps: Deps, hits: [key: string, rule: { limit: number; seconds: number }][]): Promise<void> {
  for (const [key, rule] of hits) await enforceRateLimit(deps.db, `feedback:${key}`, rule.limit, rule.seconds);
}

/** True when the hidden honeypot field was filled in: a person never sees it, a form-filling robot does. */
export function isHoneypotFilled(body: unknown): boolean {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)._hp : undefined;
  return typeof v === 'string' && v.trim() !== '';
}
