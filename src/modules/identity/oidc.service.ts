import type { Config, OidcProviderConfig } from '../../config.ts';
import type { Executor } from '../../db.ts';
import { recordAudit, recordAuditNow } from '../../platform/audit/audit.ts';
import { type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { sha256, signToken, verifyToken } from '../../platform/auth/crypto.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { fieldError } from '../../platform/http/errors.ts';
import { isLang, type Lang } from '../../platform/i18n/i18n.ts';
import { identityPolicy } from './identity.policy.ts';
import * as repo from './identity.repo.ts';
import {
  authorizationUrl,
  CallbackError,
  completeSignIn,
  discover,
  endSessionUrl,
  type Pending,
  providerOf,
  staffProviders,
  verifyLogoutToken,
} from './oidc.client.ts';
import { accountKey } from './sign-in-throttle.ts';

/**
 * Staff sign-in with an OpenID Connect provider. The provider proves who someone is; Yusr decides
 * what they may do: a first sign-in links the provider's subject to the existing account (invited
 * or active) with the same verified email, and nothing else — no account is ever created and no
 * role granted here. Later sign-ins match by subject. Every sign-in, link and refusal is audited.
 */

export const OIDC_COOKIE = 'yusr_oidc';
const PENDING_PURPOSE = 'identity.oidc-pending';
const PENDING_TTL_MS = 10 * 60_000;

/** Starts a sign-in: the provider's address, and the signed, short-lived cookie that holds state, nonce and PKCE verifier. */
export async function startOidcSignIn(config: Config, providerId: string, lang: string, next: string) {
  const p = providerOf(config, providerId);
  const { url, pending } = await authorizationUrl(config, p, lang);
  const cookie = signToken(
    config.secretKey,
    PENDING_PURPOSE,
    { p: p.id, s: pending.state, n: pending.nonce, v: pending.verifier, next, l: lang },
    new Date(Date.now() + PENDING_TTL_MS),
  );
  return { url: url.href, cookie, maxAgeSeconds: PENDING_TTL_MS / 1000 };
}

/** The language a pending sign-in started in, when its cookie is valid. */
export function pendingLang(config: Config, cookie: string | undefined): Lang | null {
  const data = cookie ? verifyToken<{ l?: string }>(config.secretKey, PENDING_PURPOSE, cookie) : null;
  return isLang(data?.l) ? data.l : null;
}

/** Why a sign-in was refused: each has its own bilingual explanation (oidc.refused.<reason>). */
export type Refusal = 'state' | 'provider' | 'invalid' | 'unverified' | 'unknown' | 'inactive' | 'taken' | 'agency' | 'wrong_provider';

export class OidcRefused extends Error {
  constructor(
    readonly reason: Refusal,
    readonly detail: string,
  ) {
    super(reason);
  }
}

/** Refuses and audits (in a transaction of its own, as the refusal has nothing else to write). */
export async function refuse(
  deps: Deps,
  ctx: Ctx,
  p: OidcProviderConfig,
  reason: Refusal,
  detail: string,
  who: { userId?: number; email?: string },
) {
  await recordAuditNow(deps.db, ctx, {
    action: 'auth.oidc_refused',
    recordType: who.userId ? 'user' : 'sign_in',
    recordId: who.userId ?? null,
    after: {
      provider: p.id,
      reason,
      detail,
      ...(who.email && !who.userId ? { email_hash: accountKey(deps.config, who.email) } : {}),
    },
  });
  return new OidcRefused(reason, detail);
}

/**
 * Completes a sign-in from the provider's redirect: checks the pending cookie, exchanges the code
 * (openid-client checks state, PKCE and the ID token), then finds or links the account and opens
 * a session. Throws OidcRefused (audited) when the person may not sign in this way.
 */
export async function finishOidcSignIn(
  deps: Deps,
  ctx: Ctx,
  providerId: string,
  currentUrl: URL,
  pendingCookie: string | undefined,
  userAgent: string | null,
) {
  const p = providerOf(deps.config, providerId);
  const pending = pendingCookie
    ? verifyToken<{ p: string; s: string; n: string; v: string; next: string }>(deps.config.secretKey, PENDING_PURPOSE, pendingCookie)
    : null;
  if (!pending || pending.p !== p.id) throw await refuse(deps, ctx, p, 'state', pendingCookie ? 'cookie_invalid' : 'cookie_missing', {});
  const checks: Pending = { state: pending.s, nonce: pending.n, verifier: pending.v };
  let claims: Awaited<ReturnType<typeof completeSignIn>>;
  try {
    claims = await completeSignIn(deps.config, p, currentUrl, checks);
  } catch (err) {
    if (!(err instanceof CallbackError)) throw err;
    const reason: Refusal = err.reason.startsWith('provider:') ? 'provider' : err.reason.includes('state') ? 'state' : 'invalid';
    throw await refuse(deps, ctx, p, reason, err.reason, {});
  }
  const email = typeof claims[p.emailClaim] === 'string' ? (claims[p.emailClaim] as string).trim().toLowerCase() : '';
  const linked = await findLink(deps.db, p.id, claims.sub);
  let user = linked ? await repo.findUser(deps.db, linked.user_id) : undefined;
  if (!linked) {
    if (!email) throw await refuse(deps, ctx, p, 'unverified', 'no_email', {});
    if (claims.email_verified !== true) throw await refuse(deps, ctx, p, 'unverified', 'email_not_verified', { email });
    user = await repo.findUserByEmail(deps.db, email);
    if (!user) throw await refuse(deps, ctx, p, 'unknown', 'no_account', { email });
    const other = await deps.db
      .selectFrom('oidc_identities')
      .select('subject')
      .where('provider', '=', p.id)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (other) throw await refuse(deps, ctx, p, 'taken', 'account_linked_to_another_subject', { userId: user.id });
  }
  if (!user || user.status === 'deactivated') throw await refuse(deps, ctx, p, 'inactive', 'deactivated', { userId: user?.id });
  const agencies = await deps.db
    .selectFrom('memberships')
    .innerJoin('agencies', 'agencies.id', 'memberships.agency_id')
    .leftJoin('agency_sign_in', 'agency_sign_in.agency_id', 'agencies.id')
    .select(['agencies.id', 'agencies.code', 'agency_sign_in.provider'])
    .where('memberships.user_id', '=', user.id)
    .execute();
  const required = agencies.find((a) => a.provider && a.provider !== p.id && deps.config.oidcProviders.some((x) => x.id === a.provider));
  if (required)
    throw await refuse(deps, ctx, p, 'wrong_provider', `agency ${required.code} signs in with ${required.provider}`, { userId: user.id });
  if (p.agencyClaim && agencies.length > 0) {
    const said = claims[p.agencyClaim];
    if (typeof said !== 'string' || !agencies.some((a) => a.code === said)) {
      throw await refuse(deps, ctx, p, 'agency', 'agency_claim_mismatch', { userId: user.id });
    }
  }
  const signedIn = user;
  const userCtx: Ctx = {
    ...ctx,
    actor: { kind: 'user', id: signedIn.id, name: signedIn.name, email: signedIn.email, locale: signedIn.locale, memberships: [] },
  };
  const token = await deps.db.transaction().execute(async (trx) => {
    const now = nowIso();
    if (linked) {
      await trx.updateTable('oidc_identities').set({ last_sign_in_at: now }).where('id', '=', linked.id).execute();
    } else {
      await trx
        .insertInto('oidc_identities')
        .values({ user_id: signedIn.id, provider: p.id, subject: claims.sub, email, created_at: now, last_sign_in_at: now })
        .execute();
      await recordAudit(trx, userCtx, {
        action: 'auth.oidc_link',
        recordType: 'user',
        recordId: signedIn.id,
        after: { provider: p.id, subject: claims.sub },
      });
    }
    if (signedIn.status === 'invited') {
      // The invitation was the program's decision; the provider only proves the invited address.
      await repo.expireUserTokens(trx, signedIn.id, 'invite');
      await repo.updateUserRow(trx, signedIn.id, { status: 'active' });
      await recordAudit(trx, userCtx, {
        action: 'user.activate',
        recordType: 'user',
        recordId: signedIn.id,
        before: { status: 'invited' },
        after: { status: 'active', via: p.id },
      });
    }
    await repo.updateUserRow(trx, signedIn.id, { last_login_at: now });
    const tok = await createSession(trx, signedIn.id, deps.config, { ip: ctx.ip, userAgent });
    await trx
      .insertInto('oidc_sessions')
      .values({
        session_id: sha256(tok),
        user_id: signedIn.id,
        provider: p.id,
        subject: claims.sub,
        sid: typeof claims.sid === 'string' ? claims.sid : null,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, userCtx, {
      action: 'auth.sign_in',
      recordType: 'user',
      recordId: signedIn.id,
      after: { method: 'oidc', provider: p.id },
    });
    return tok;
  });
  return { token, user: signedIn, next: pending.next };
}

const findLink = (db: Executor, provider: string, subject: string) =>
  db.selectFrom('oidc_identities').selectAll().where('provider', '=', provider).where('subject', '=', subject).executeTakeFirst();

/** The provider a session was opened with, when it was (for RP-initiated logout at sign-out). */
export async function providerOfSession(deps: Deps, sessionToken: string): Promise<OidcProviderConfig | null> {
  const row = await deps.db
    .selectFrom('oidc_sessions')
    .select('provider')
    .where('session_id', '=', sha256(sessionToken))
    .executeTakeFirst();
  return (row && deps.config.oidcProviders.find((p) => p.id === row.provider)) || null;
}

/** Where to send the browser after signing out of a session opened with a provider: its end-session endpoint, or null. */
export async function providerLogoutUrl(deps: Deps, p: OidcProviderConfig, lang: string): Promise<string | null> {
  return endSessionUrl(deps.config, p, lang);
}

/**
 * Back-channel logout: a verified logout token ends the Yusr sessions the provider session (sid)
 * or, without a sid, every session of the subject opened with that provider. Returns how many.
 */
export async function backchannelLogout(deps: Deps, providerId: string, logoutToken: unknown): Promise<number> {
  const p = providerOf(deps.config, providerId);
  const ctx = systemCtx(`oidc:${p.id}`);
  if (typeof logoutToken !== 'string' || logoutToken.length > 16_000) throw new CallbackError('missing');
  let who: { sub?: string; sid?: string };
  try {
    who = await verifyLogoutToken(p, logoutToken);
  } catch (err) {
    if (!(err instanceof CallbackError)) throw err;
    await recordAuditNow(deps.db, ctx, {
      action: 'auth.oidc_logout_refused',
      recordType: 'sign_in',
      after: { provider: p.id, reason: err.reason },
    });
    throw err;
  }
  return endProviderSessions(deps, ctx, p.id, who, 'auth.oidc_backchannel_logout');
}

/**
 * Ends the Yusr sessions opened with a provider's session (sid) or, without a sid, every session of
 * the subject opened with that provider; audited (counts only) in the same transaction. Returns how many.
 */
async function endProviderSessions(
  deps: Deps,
  ctx: Ctx,
  providerId: string,
  who: { sub?: string; sid?: string },
  action: 'auth.oidc_backchannel_logout' | 'auth.oidc_frontchannel_logout',
): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('oidc_sessions').select(['session_id', 'user_id']).where('provider', '=', providerId);
    if (who.sid) q = q.where('sid', '=', who.sid);
    if (who.sub) q = q.where('subject', '=', who.sub);
    const rows = await q.orderBy('session_id').execute();
    if (rows.length > 0) {
      await trx
        .deleteFrom('sessions')
        .where(
          'id',
          'in',
          rows.map((r) => r.session_id),
        )
        .execute();
    }
    await recordAudit(trx, ctx, {
      action,
      recordType: rows[0] ? 'user' : 'sign_in',
      recordId: rows[0]?.user_id ?? null,
      after: { provider: providerId, sessions_ended: rows.length, by: who.sid ? 'sid' : 'sub' },
    });
    return rows.length;
  });
}

/**
 * Front-channel logout (OpenID Connect Front-Channel Logout 1.0): the provider loads
 * `frontchannel_logout_uri` in a frame with `iss` and `sid`. Nothing is signed, so both are required
 * (`frontchannel_logout_session_required`): the issuer must be the provider's as discovered, and
 * only the sessions opened with that provider session end — a sid is known only to the provider
 * and Yusr. A wrong or missing parameter is refused (CallbackError) and audited.
 */
export async function frontchannelLogout(deps: Deps, providerId: string, iss: unknown, sid: unknown): Promise<number> {
  const p = providerOf(deps.config, providerId);
  const ctx = systemCtx(`oidc:${p.id}`);
  const refuse = async (reason: string): Promise<never> => {
    await recordAuditNow(deps.db, ctx, {
      action: 'auth.oidc_logout_refused',
      recordType: 'sign_in',
      after: { provider: p.id, reason, channel: 'front' },
    });
    throw new CallbackError(reason);
  };
  if (typeof iss !== 'string' || typeof sid !== 'string' || !iss || !sid || iss.length > 2000 || sid.length > 500) return refuse('missing');
  if (iss !== (await discover(p)).serverMetadata().issuer) return refuse('iss');
  return endProviderSessions(deps, ctx, p.id, { sid }, 'auth.oidc_frontchannel_logout');
}

/** The provider an agency's staff must sign in with (only when it is still configured), or null. */
export async function agencyProvider(deps: Deps, agencyId: number): Promise<string | null> {
  const row = await deps.db.selectFrom('agency_sign_in').select('provider').where('agency_id', '=', agencyId).executeTakeFirst();
  return row && deps.config.oidcProviders.some((p) => p.id === row.provider) ? row.provider : null;
}

/** Every agency that signs in only with a provider, by provider id (for the sign-in page). */
export async function agenciesByProvider(deps: Deps): Promise<Map<string, { name_ar: string; name_en: string }[]>> {
  const rows = await deps.db
    .selectFrom('agency_sign_in')
    .innerJoin('agencies', 'agencies.id', 'agency_sign_in.agency_id')
    .select(['agency_sign_in.provider', 'agencies.name_ar', 'agencies.name_en'])
    .orderBy('agencies.name_en')
    .execute();
  const out = new Map<string, { name_ar: string; name_en: string }[]>();
  for (const r of rows) out.set(r.provider, [...(out.get(r.provider) ?? []), { name_ar: r.name_ar, name_en: r.name_en }]);
  return out;
}

/**
 * The provider that replaces password sign-in for this person (one of their agencies signs in only
 * with it), or null. A provider since removed from the configuration no longer counts, so nobody is
 * locked out by a setting that cannot be followed.
 */
export async function passwordReplacedBy(deps: Deps, userId: number): Promise<OidcProviderConfig | null> {
  const rows = await deps.db
    .selectFrom('memberships')
    .innerJoin('agency_sign_in', 'agency_sign_in.agency_id', 'memberships.agency_id')
    .select('agency_sign_in.provider')
    .where('memberships.user_id', '=', userId)
    .execute();
  for (const r of rows) {
    const p = deps.config.oidcProviders.find((x) => x.id === r.provider);
    if (p) return p;
  }
  return null;
}

/** Sets (or clears, with an empty provider) the provider an agency's staff sign in with; program office only, audited. */
export async function setAgencyProvider(deps: Deps, ctx: Ctx, agencyId: number, raw: unknown): Promise<void> {
  authorize(identityPolicy.manageAgencies(ctx.actor));
  const provider = typeof raw === 'string' ? raw.trim() : '';
  if (provider && !staffProviders(deps.config).some((p) => p.id === provider)) fieldError('provider', 'validation.oidc_provider_unknown');
  const agency = await repo.findAgency(deps.db, agencyId);
  if (!agency) fieldError('provider', 'validation.agency_unknown');
  const before = await deps.db.selectFrom('agency_sign_in').select('provider').where('agency_id', '=', agencyId).executeTakeFirst();
  if ((before?.provider ?? '') === provider) return;
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('agency_sign_in').where('agency_id', '=', agencyId).execute();
    if (provider) {
      await trx
        .insertInto('agency_sign_in')
        .values({ agency_id: agencyId, provider, updated_by: ctx.actor.kind === 'user' ? ctx.actor.id : null, updated_at: nowIso() })
        .execute();
    }
    await recordAudit(trx, ctx, {
      action: 'agency.sign_in_update',
      recordType: 'agency',
      recordId: agencyId,
      agencyId,
      before: { sign_in_provider: before?.provider ?? null, password_sign_in: !before },
      after: { sign_in_provider: provider || null, password_sign_in: !provider },
    });
  });
}
