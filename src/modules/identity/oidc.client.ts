import { createPublicKey, constants as cryptoConstants, type JsonWebKey, verify as verifySignature } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Config, OidcProviderConfig } from '../../config.ts';
import { AppError, NotFoundError } from '../../platform/http/errors.ts';

/**
 * The relying-party side of OpenID Connect, over openid-client: discovery (cached an hour per
 * provider), the authorization URL with PKCE, state and nonce, the code exchange with every check
 * of the ID token (signature included: non-repudiation checks are on, so an ID token altered in
 * transit is refused even over TLS), and the verification of back-channel logout tokens.
 */

const DISCOVERY_TTL_MS = 3_600_000;
const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

/** A configured provider by id for staff sign-in (not one only for beneficiaries), or a 404. */
export function providerOf(config: Config, id: string): OidcProviderConfig {
  const p = config.oidcProviders.find((x) => x.id === id && x.for !== 'beneficiaries');
  if (!p) throw new NotFoundError();
  return p;
}

/** The providers staff may sign in with (OIDC_<ID>_FOR staff or both). */
export const staffProviders = (config: Config) => config.oidcProviders.filter((p) => p.for !== 'beneficiaries');

/** The providers beneficiaries may sign in with (OIDC_<ID>_FOR beneficiaries or both). */
export const beneficiaryProviders = (config: Config) => config.oidcProviders.filter((p) => p.for !== 'staff');

/** A configured provider by id for beneficiaries, or a 404. */
export function beneficiaryProviderOf(config: Config, id: string): OidcProviderConfig {
  const p = beneficiaryProviders(config).find((x) => x.id === id);
  if (!p) throw new NotFoundError();
  return p;
}

/** The provider's discovered configuration; a provider that cannot be reached is a 503, never a 500. */
export async function discover(p: OidcProviderConfig): Promise<oidc.Configuration> {
  const key = `${p.issuer}|${p.clientId}`;
  const hit = discovered.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const url = new URL(p.issuer);
  // Plain http is accepted by the configuration only for 127.0.0.1 / localhost outside production.
  const execute = url.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
  const config = oidc.discovery(url, p.clientId, undefined, oidc.ClientSecretBasic(p.clientSecret), { execute, timeout: 10 }).then((c) => {
    oidc.enableNonRepudiationChecks(c);
    return c;
  });
  discovered.set(key, { at: Date.now(), config });
  try {
    return await config;
  } catch {
    discovered.delete(key);
    throw new AppError(503, 'oidc.unavailable');
  }
}

/** Where the provider sends the browser back (one per provider; the language travels in the pending cookie). */
export const redirectUri = (config: Config, providerId: string) => `${config.baseUrl}/sign-in/oidc/${providerId}/callback`;
/** Where the provider sends a beneficiary back (registered apart, so a staff callback never opens their page and the reverse). */
export const beneficiaryRedirectUri = (config: Config, providerId: string) => `${config.baseUrl}/my-data/oidc/${providerId}/callback`;

export interface Pending {
  state: string;
  nonce: string;
  verifier: string;
}

/** A fresh state, nonce and PKCE verifier, and the provider's authorization URL for them. */
export async function authorizationUrl(
  config: Config,
  p: OidcProviderConfig,
  lang: string,
  redirect = redirectUri(config, p.id),
): Promise<{ url: URL; pending: Pending }> {
  const c = await discover(p);
  const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
  const url = oidc.buildAuthorizationUrl(c, {
    redirect_uri: redirect,
    scope: p.scopes,
    response_type: 'code',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    ui_locales: lang,
  });
  return { url, pending };
}

/** Why a callback was refused, for the audit trail (never shown raw to the person). */
export class CallbackError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Exchanges the code and checks everything (state, PKCE, the ID token's signature, issuer,
 * audience, expiry and nonce); returns the ID token's claims with the UserInfo claims under them
 * when the ID token does not carry the email claim itself.
 */
export async function completeSignIn(
  config: Config,
  p: OidcProviderConfig,
  currentUrl: URL,
  pending: Pending,
  redirect = redirectUri(config, p.id),
): Promise<Record<string, unknown> & { sub: string; sid?: string }> {
  const c = await discover(p);
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(
      c,
      currentUrl,
      { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true },
      { redirect_uri: redirect },
    );
  } catch (err) {
    if (err instanceof oidc.AuthorizationResponseError) throw new CallbackError(`provider:${err.error}`);
    const code = (err as { code?: string }).code;
    throw new CallbackError(code ? `invalid:${code}` : 'invalid');
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw new CallbackError('invalid:no_id_token');
  let claims: Record<string, unknown> = { ...idClaims };
  if (claims[p.emailClaim] === undefined) {
    try {
      const info = await oidc.fetchUserInfo(c, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    } catch {
      throw new CallbackError('invalid:userinfo');
    }
  }
  return claims as Record<string, unknown> & { sub: string; sid?: string };
}

/** The provider's logout address for RP-initiated logout, or null when it has none. */
export async function endSessionUrl(config: Config, p: OidcProviderConfig, lang: string): Promise<string | null> {
  let c: oidc.Configuration;
  try {
    c = await discover(p);
  } catch {
    return null;
  }
  if (!c.serverMetadata().end_session_endpoint) return null;
  return oidc.buildEndSessionUrl(c, { client_id: p.clientId, post_logout_redirect_uri: `${config.baseUrl}/${lang}/` }).href;
}

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** Signature algorithms accepted on logout tokens and the key type each needs ("none" and HMAC never). */
const ALGS: Record<string, { kty: string; hash: string | null; crv?: string; pss?: boolean; ec?: boolean }> = {
  RS256: { kty: 'RSA', hash: 'sha256' },
  RS384: { kty: 'RSA', hash: 'sha384' },
  RS512: { kty: 'RSA', hash: 'sha512' },
  PS256: { kty: 'RSA', hash: 'sha256', pss: true },
  PS384: { kty: 'RSA', hash: 'sha384', pss: true },
  PS512: { kty: 'RSA', hash: 'sha512', pss: true },
  ES256: { kty: 'EC', hash: 'sha256', crv: 'P-256', ec: true },
  ES384: { kty: 'EC', hash: 'sha384', crv: 'P-384', ec: true },
  ES512: { kty: 'EC', hash: 'sha512', crv: 'P-521', ec: true },
  EdDSA: { kty: 'OKP', hash: null, crv: 'Ed25519' },
};

const jwksCache = new Map<string, { at: number; keys: JsonWebKey[] }>();

async function fetchJwks(uri: string, fresh: boolean): Promise<JsonWebKey[]> {
  const hit = jwksCache.get(uri);
  if (hit && !fresh && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.keys;
  // A refetch for an unknown key id at most once a minute, so forged tokens cannot make Yusr hammer the provider.
  if (hit && fresh && Date.now() - hit.at < 60_000) return hit.keys;
  const res = await fetch(uri, { signal: AbortSignal.timeout(10_000), headers: { accept: 'application/json' } });
  if (!res.ok) throw new CallbackError('jwks');
  const body = (await res.json()) as { keys?: JsonWebKey[] };
  const keys = Array.isArray(body.keys) ? body.keys : [];
  jwksCache.set(uri, { at: Date.now(), keys });
  return keys;
}

const part = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>;

/**
 * Verifies a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6):
 * its signature against the provider's JWKS, issuer, audience, iat/exp, the logout event, no
 * nonce, and a sub or sid. Returns what to end; throws CallbackError otherwise.
 */
export async function verifyLogoutToken(p: OidcProviderConfig, token: string): Promise<{ sub?: string; sid?: string }> {
  const c = await discover(p);
  const meta = c.serverMetadata();
  const pieces = token.split('.');
  if (pieces.length !== 3) throw new CallbackError('malformed');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = part(pieces[0]);
    claims = part(pieces[1]);
  } catch {
    throw new CallbackError('malformed');
  }
  const alg = ALGS[String(header.alg)];
  if (!alg) throw new CallbackError('alg');
  if (!meta.jwks_uri) throw new CallbackError('jwks');
  const data = Buffer.from(`${pieces[0]}.${pieces[1]}`);
  const signature = Buffer.from(pieces[2], 'base64url');
  const matches = (k: JsonWebKey & { kid?: string; use?: string; alg?: string }) =>
    k.kty === alg.kty &&
    (!alg.crv || k.crv === alg.crv) &&
    (header.kid === undefined || k.kid === header.kid) &&
    (k.use === undefined || k.use === 'sig') &&
    (k.alg === undefined || k.alg === header.alg);
  let candidates = (await fetchJwks(meta.jwks_uri, false)).filter(matches);
  if (candidates.length === 0) candidates = (await fetchJwks(meta.jwks_uri, true)).filter(matches);
  const ok = candidates.some((jwk) => {
    try {
      const key = createPublicKey({ key: jwk, format: 'jwk' });
      if (alg.pss) {
        return verifySignature(
          alg.hash,
          data,
          { key, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: cryptoConstants.RSA_PSS_SALTLEN_DIGEST },
          signature,
        );
      }
      if (alg.ec) return verifySignature(alg.hash, data, { key, dsaEncoding: 'ieee-p1363' }, signature);
      return verifySignature(alg.hash, data, key, signature);
    } catch {
      return false;
    }
  });
  if (!ok) throw new CallbackError('signature');
  const now = Math.floor(Date.now() / 1000);
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== meta.issuer) throw new CallbackError('iss');
  if (!aud.includes(p.clientId)) throw new CallbackError('aud');
  if (typeof claims.iat !== 'number' || claims.iat > now + 60 || claims.iat < now - 600) throw new CallbackError('iat');
  if (claims.exp !== undefined && (typeof claims.exp !== 'number' || claims.exp < now - 60)) throw new CallbackError('exp');
  const events = claims.events as Record<string, unknown> | undefined;
  if (!events || typeof events !== 'object' || typeof events[BACKCHANNEL_EVENT] !== 'object') throw new CallbackError('events');
  if (claims.nonce !== undefined) throw new CallbackError('nonce');
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
  const sid = typeof claims.sid === 'string' ? claims.sid : undefined;
  if (!sub && !sid) throw new CallbackError('sub_sid');
  return { sub, sid };
}
