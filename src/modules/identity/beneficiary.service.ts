import type { Config } from '../../config.ts';
import { recordAuditNow } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { signToken, verifyToken } from '../../platform/auth/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { isLang, type Lang } from '../../platform/i18n/i18n.ts';
import { toE164 } from '../../platform/phone/phone.ts';
import { authorizationUrl, beneficiaryProviderOf, beneficiaryRedirectUri, CallbackError, completeSignIn } from './oidc.client.ts';
import { type Refusal, refuse } from './oidc.service.ts';

/**
 * Beneficiary sign-in with the national provider (a provider configured with OIDC_<ID>_FOR
 * beneficiaries or both): optional, never required, and it opens no Yusr session and creates no
 * account. It only proves an email address (and a phone number) the provider has verified, so the
 * privacy pages can show the person what Yusr holds about them — as an emailed code does. Its own
 * redirect URI and pending cookie keep it apart from staff sign-in: a staff callback never proves
 * a beneficiary's address, and the reverse. Refusals are audited as staff ones are.
 */

export const BENEFICIARY_OIDC_COOKIE = 'yusr_oidc_b';
const PENDING_PURPOSE = 'identity.oidc-beneficiary-pending';
const PENDING_TTL_MS = 10 * 60_000;

/** What the provider verified about the person: a lower-cased email, and an E.164 phone when verified too. */
export interface VerifiedBeneficiary {
  provider: string;
  email: string;
  phone: string | null;
}

/** Starts a beneficiary's sign-in: the provider's address and the signed 10-minute cookie with state, nonce and PKCE verifier. */
export async function startBeneficiarySignIn(config: Config, providerId: string, lang: Lang) {
  const p = beneficiaryProviderOf(config, providerId);
  const { url, pending } = await authorizationUrl(config, p, lang, beneficiaryRedirectUri(config, p.id));
  const cookie = signToken(
    config.secretKey,
    PENDING_PURPOSE,
    { p: p.id, s: pending.state, n: pending.nonce, v: pending.verifier, l: lang },
    new Date(Date.now() + PENDING_TTL_MS),
  );
  return { url: url.href, cookie, maxAgeSeconds: PENDING_TTL_MS / 1000 };
}

/** The language a beneficiary's sign-in started in, when its cookie is valid. */
export function beneficiaryPendingLang(config: Config, cookie: string | undefined): Lang | null {
  const data = cookie ? verifyToken<{ l?: string }>(config.secretKey, PENDING_PURPOSE, cookie) : null;
  return isLang(data?.l) ? data.l : null;
}

/**
 * Completes a beneficiary's sign-in from the provider's redirect: the pending cookie, the code
 * exchange and every check of the ID token (openid-client: signature, issuer, audience, expiry,
 * nonce, state, PKCE). The email must be verified by the provider (`email_verified` true); a phone
 * (`phone_number`) counts only when `phone_number_verified` is true and it is a valid number.
 * Throws OidcRefused (audited) otherwise; the success is audited without the address.
 */
export async function finishBeneficiarySignIn(
  deps: Deps,
  ctx: Ctx,
  providerId: string,
  currentUrl: URL,
  pendingCookie: string | undefined,
): Promise<VerifiedBeneficiary> {
  const p = beneficiaryProviderOf(deps.config, providerId);
  const pending = pendingCookie
    ? verifyToken<{ p: string; s: string; n: string; v: string }>(deps.config.secretKey, PENDING_PURPOSE, pendingCookie)
    : null;
  if (!pending || pending.p !== p.id) throw await refuse(deps, ctx, p, 'state', pendingCookie ? 'cookie_invalid' : 'cookie_missing', {});
  let claims: Awaited<ReturnType<typeof completeSignIn>>;
  try {
    claims = await completeSignIn(
      deps.config,
      p,
      currentUrl,
      { state: pending.s, nonce: pending.n, verifier: pending.v },
      beneficiaryRedirectUri(deps.config, p.id),
    );
  } catch (err) {
    if (!(err instanceof CallbackError)) throw err;
    const reason: Refusal = err.reason.startsWith('provider:') ? 'provider' : err.reason.includes('state') ? 'state' : 'invalid';
    throw await refuse(deps, ctx, p, reason, `beneficiary ${err.reason}`, {});
  }
  const raw = claims[p.emailClaim];
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!email || email.length > 254 || !email.includes('@')) throw await refuse(deps, ctx, p, 'unverified', 'beneficiary no_email', {});
  if (claims.email_verified !== true) throw await refuse(deps, ctx, p, 'unverified', 'beneficiary email_not_verified', { email });
  const phone =
    typeof claims.phone_number === 'string' && claims.phone_number_verified === true ? toE164(claims.phone_number.slice(0, 40)) : null;
  await recordAuditNow(deps.db, ctx, {
    action: 'auth.beneficiary_sign_in',
    recordType: 'sign_in',
    after: { provider: p.id, phone: phone !== null },
  });
  return { provider: p.id, email, phone };
}
