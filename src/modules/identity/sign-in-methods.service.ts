import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { destroyUserSessions } from '../../platform/auth/sessions.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { queueEmail } from '../../platform/messaging/messaging.ts';
import { findUser } from './identity.repo.ts';
import { secondFactorResetInput } from './identity.schema.ts';
import { passwordReplacedBy } from './oidc.service.ts';
import { factorOf } from './totp.service.ts';
import { getUser } from './users.service.ts';

/**
 * How a person signs in, as they and their administrators manage it: an administrator resets a lost
 * authenticator app (the person sets up a new one at their next sign-in), and a provider identity is
 * unlinked from an account, by the person or an administrator. "Administrator" is the program office
 * for anyone, an agency administrator for the staff of their own agencies (users.service's getUser:
 * anyone else is a 404). Every change is audited and the person is told by email in their language.
 */

/** A provider's name in both languages (its id when it was removed from the configuration). */
const providerName = (deps: Deps, id: string) => deps.config.oidcProviders.find((p) => p.id === id)?.name ?? { ar: id, en: id };

const isSelf = (ctx: Ctx, userId: number) => ctx.actor.kind === 'user' && ctx.actor.id === userId;

/** The second factor and provider identities of one account, for the account page and the administrator's page. */
export async function signInMethods(deps: Deps, userId: number) {
  const factor = await factorOf(deps.db, userId);
  const reset = await deps.db.selectFrom('totp_resets').select('reset_at').where('user_id', '=', userId).executeTakeFirst();
  const links = await deps.db
    .selectFrom('oidc_identities')
    .select(['id', 'provider', 'email', 'created_at', 'last_sign_in_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return {
    secondFactor: Boolean(factor?.confirmed_at),
    resetPending: Boolean(reset),
    links: links.map((l) => ({ ...l, name: providerName(deps, l.provider) })),
  };
}

/**
 * The email telling the person, in their language. `once` names the change (the factor reset, the
 * link removed), so a repeated request queues no second email.
 */
async function tell(
  deps: Deps,
  userId: number,
  what: 'totp_reset' | 'oidc_unlinked',
  once: string,
  extra: { provider?: { ar: string; en: string }; reason?: string } = {},
) {
  const u = await findUser(deps.db, userId);
  return u
    ? {
        key: `identity:${what}:${userId}:${once}`,
        to: u.email,
        locale: u.locale,
        subject: translate(u.locale, `identity.email.${what}_subject`),
        text: translate(u.locale, `identity.email.${what}_text`, {
          name: u.name,
          provider: extra.provider?.[u.locale] ?? '',
          reason: extra.reason ?? '',
        }),
        source: 'identity.account',
        refType: 'user',
        refId: userId,
      }
    : null;
}

/**
 * An administrator resets a person's lost authenticator app, giving a reason: the secret and recovery
 * codes go, every session ends (one may be on the lost device), and the person must set up a new app
 * at their next sign-in, before any session. The reason is in the audit record and the person's email.
 * One's own is reset from the account page, with a code.
 */
export async function resetSecondFactor(deps: Deps, ctx: Ctx, userId: number, raw: unknown): Promise<void> {
  const { canManage } = await getUser(deps, ctx, userId);
  authorize(canManage, 'totp_reset');
  if (isSelf(ctx, userId)) throw new ConflictError('totp.reset_self');
  const { reason } = parseInput(secondFactorResetInput, raw);
  const factor = await factorOf(deps.db, userId);
  if (!factor?.confirmed_at) throw new ConflictError('totp.reset_none');
  const mail = await tell(deps, userId, 'totp_reset', factor.confirmed_at, { reason });
  await deps.db.transaction().execute(async (trx) => {
    // Only the factor read above: a second submission of the form finds none and changes nothing.
    const gone = await trx
      .deleteFrom('totp_factors')
      .where('user_id', '=', userId)
      .where('confirmed_at', '=', factor.confirmed_at)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw new ConflictError('totp.reset_none');
    await trx.deleteFrom('totp_recovery_codes').where('user_id', '=', userId).execute();
    await trx.deleteFrom('totp_resets').where('user_id', '=', userId).execute();
    await trx
      .insertInto('totp_resets')
      .values({ user_id: userId, reset_by: ctx.actor.kind === 'user' ? ctx.actor.id : null, reset_at: nowIso() })
      .execute();
    await destroyUserSessions(trx, userId);
    if (mail) await queueEmail(trx, deps.config.mailFrom, mail);
    await recordAudit(trx, ctx, {
      action: 'user.second_factor_reset',
      recordType: 'user',
      recordId: userId,
      before: { second_factor: true },
      after: { second_factor: false, enrol_at_next_sign_in: true, reason },
    });
  });
}

/**
 * Unlinks a provider identity from an account, by the person or an administrator: the sessions opened
 * with it end (but the person's own current one). The next sign-in with that provider links again
 * only by the same verified address, as a first one does.
 */
export async function unlinkProvider(deps: Deps, ctx: Ctx, userId: number, linkId: number): Promise<void> {
  const self = isSelf(ctx, userId);
  if (!self) authorize((await getUser(deps, ctx, userId)).canManage, 'oidc_unlink');
  const link = await deps.db
    .selectFrom('oidc_identities')
    .selectAll()
    .where('id', '=', linkId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!link) throw new NotFoundError();
  const required = await passwordReplacedBy(deps, userId);
  if (required && required.id === link.provider) {
    // The person's agency signs in only with this provider, and an account has one identity per
    // provider: without it they have no way in (their address may differ at the provider, or it may
    // stop saying it is verified). The program office lifts the agency's rule first.
    throw new ConflictError('oidc.unlink_only_way', { provider: required.name[ctx.lang] });
  }
  const mail = await tell(deps, userId, 'oidc_unlinked', `${link.id}`, { provider: providerName(deps, link.provider) });
  const current = ctx.actor.kind === 'user' ? ctx.actor.sessionId : undefined;
  await deps.db.transaction().execute(async (trx) => {
    const opened = (
      await trx
        .selectFrom('oidc_sessions')
        .select('session_id')
        .where('user_id', '=', userId)
        .where('provider', '=', link.provider)
        .where('subject', '=', link.subject)
        .execute()
    )
      .map((s) => s.session_id)
      .filter((id) => !(self && id === current));
    const gone = await trx.deleteFrom('oidc_identities').where('id', '=', link.id).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw new NotFoundError();
    if (opened.length) await trx.deleteFrom('sessions').where('id', 'in', opened).execute();
    if (mail) await queueEmail(trx, deps.config.mailFrom, mail);
    await recordAudit(trx, ctx, {
      action: 'auth.oidc_unlink',
      recordType: 'user',
      recordId: userId,
      before: { provider: link.provider, subject: link.subject },
      after: { by: self ? 'self' : 'administrator', sessions_ended: opened.length },
    });
  });
}
