import { signToken, verifyToken } from '../../platform/auth/crypto.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';

/** How long each kind of emailed link works. An unsubscribe link must outlive the inbox it sits in. */
export const LINK_DAYS = { confirm: 7, manage: 30, unsubscribe: 365 } as const;

type Purpose = keyof typeof LINK_DAYS;
const purposeOf = (p: Purpose) => `notify.${p}`;

/** What a link carries: the subscriber, the version of their links, and optionally the subscription or announcement. */
export interface LinkClaims {
  /** Subscriber id. */
  s: number;
  /** token_version when the link was made; bumping it revokes every older link. */
  v: number;
  /** Subscription being confirmed (confirm links). */
  n?: number;
  /** Announcement whose email carried the link (so an unsubscribe is attributed to it). */
  a?: number;
}

/** A signed, expiring token for one purpose. */
export function makeToken(secret: string, purpose: Purpose, claims: LinkClaims, now = Date.now()): string {
  const clean: Record<string, number> = { s: claims.s, v: claims.v };
  if (claims.n) clean.n = claims.n;
  if (claims.a) clean.a = claims.a;
  return signToken(secret, purposeOf(purpose), clean, new Date(now + LINK_DAYS[purpose] * 86_400_000));
}

/** The claims of a valid token of this purpose, or null (forged, expired, another purpose, malformed). */
export function readToken(secret: string, purpose: Purpose, token: string): LinkClaims | null {
  if (!/^[A-Za-z0-9_-]{10,400}\.[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const c = verifyToken<Record<string, unknown>>(secret, purposeOf(purpose), token);
  if (!c || !Number.isSafeInteger(c.s) || !Number.isSafeInteger(c.v)) return null;
  const n = c.n === undefined || Number.isSafeInteger(c.n) ? (c.n as number | undefined) : undefined;
  const a = c.a === undefined || Number.isSafeInteger(c.a) ? (c.a as number | undefined) : undefined;
  return { s: c.s as number, v: c.v as number, n, a };
}

/** Absolute URLs of the beneficiary's pages, as emails and feeds need them. */
export const urls = {
  confirm: (base: string, lang: Lang, token: string) => `${base}/${lang}/subscriptions/confirm/${token}`,
  manage: (base: string, lang: Lang, token: string) => `${base}/${lang}/subscriptions/manage/${token}`,
  unsubscribe: (base: string, lang: Lang, token: string) => `${base}/${lang}/subscriptions/unsubscribe/${token}`,
  announcement: (base: string, lang: Lang, id: number) => `${base}/${lang}/announcements/${id}`,
  service: (base: string, lang: Lang, identifier: string) => `${base}/${lang}/services/${identifier}`,
};

/** The per-recipient links of one email: manage and unsubscribe. */
export function recipientLinks(secret: string, base: string, lang: Lang, subscriber: { id: number; token_version: number }, a?: number) {
  const claims = { s: subscriber.id, v: subscriber.token_version, a };
  return {
    manage: urls.manage(base, lang, makeToken(secret, 'manage', claims)),
    unsubscribe: urls.unsubscribe(base, lang, makeToken(secret, 'unsubscribe', claims)),
  };
}
