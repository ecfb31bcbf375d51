import type { Executor } from '../../db.ts';
import { destroyUserSessions } from '../../platform/auth/sessions.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { ERASED, type ErasureResult, type PersonalDataPort, type PurgeResult, type Subject } from '../../platform/personal-data.ts';
import * as repo from './identity.repo.ts';

// Identity's personal data for the privacy office: staff accounts (name, address, language, roles)
// and how they sign in (sessions with address and browser, provider identities, a second factor).
//
// Erasing a staff account closes it for good: the name and address are replaced (the address by
// one that reaches nobody), the password, roles, role offers, emailed links, provider identities,
// the second factor and every session go. The row stays under its id, so what other modules keep
// by user id (enrolments, judging, advisory work) becomes pseudonymous and their figures do not
// move. The audit trail is not rewritten: it keeps the name and address under which each action
// was taken, because the law requires that record and its hash chain proves nothing in it changed.
// The last active program administrator cannot be erased (nobody could run the program after).

const ACCOUNT_KIND = 'identity.account';
const SIGN_IN_KIND = 'identity.sign_in';

async function accountOf(db: Executor, s: Subject) {
  return s.email ? repo.findUserByEmail(db, s.email.trim().toLowerCase()) : undefined;
}

async function isLastProgramAdmin(trx: Executor, userId: number): Promise<boolean> {
  const admins = await trx
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.id')
    .where('memberships.role', '=', 'program_admin')
    .where('users.status', '=', 'active')
    .execute();
  return admins.some((a) => a.id === userId) && new Set(admins.map((a) => a.id)).size === 1;
}

export const identityPersonalData: PersonalDataPort = {
  kinds: [
    {
      key: ACCOUNT_KIND,
      label: 'identity.privacy.account',
      where: 'users (email, name, locale), memberships, role_offers, user_tokens',
      purpose: 'identity.privacy.account_purpose',
      basis: 'public_task',
      retention: 'identity.privacy.account_retention',
      defaultPeriod: { n: 2, unit: 'years' },
      correction: 'identity.privacy.account_correction',
    },
    {
      key: SIGN_IN_KIND,
      label: 'identity.privacy.sign_in',
      where:
        'sessions (ip, user_agent), oidc_identities (provider, subject, email), oidc_sessions, totp_factors, totp_recovery_codes, totp_resets',
      purpose: 'identity.privacy.sign_in_purpose',
      basis: 'legitimate_interest',
      retention: 'identity.privacy.sign_in_retention',
      defaultPeriod: null,
      correction: 'identity.privacy.sign_in_correction',
    },
  ],

  async export(deps, subject) {
    const u = await accountOf(deps.db, subject);
    if (!u) return [];
    const roles = await repo.membershipsOf(deps.db, u.id);
    const sessions = await deps.db
      .selectFrom('sessions')
      .select(['created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
      .where('user_id', '=', u.id)
      .orderBy('created_at')
      .execute();
    const links = await deps.db
      .selectFrom('oidc_identities')
      .select(['provider', 'subject', 'email', 'created_at', 'last_sign_in_at'])
      .where('user_id', '=', u.id)
      .orderBy('id')
      .execute();
    const factor = await deps.db.selectFrom('totp_factors').select(['confirmed_at']).where('user_id', '=', u.id).executeTakeFirst();
    const codes = await deps.db.selectFrom('totp_recovery_codes').select(['used_at']).where('user_id', '=', u.id).execute();
    return [
      {
        kind: ACCOUNT_KIND,
        records: [
          {
            email: u.email,
            name: u.name,
            language: u.locale,
            status: u.status,
            created_at: u.created_at,
            last_sign_in_at: u.last_login_at,
            roles: roles.map((m) => ({ role: m.role, agency: m.agency_id ? { ar: m.name_ar, en: m.name_en } : null })),
          },
        ],
        files: [],
      },
      {
        kind: SIGN_IN_KIND,
        records: [
          ...sessions.map((s) => ({ session: { ...s } })),
          ...links.map((l) => ({ provider_identity: { ...l } })),
          // The secret and the codes themselves are never exported: only that they exist.
          ...(factor
            ? [{ second_factor: { enrolled_at: factor.confirmed_at, recovery_codes_left: codes.filter((c) => !c.used_at).length } }]
            : []),
        ],
        files: [],
      },
    ];
  },

  async erase(trx, _deps, subject): Promise<ErasureResult> {
    const u = await accountOf(trx, subject);
    if (!u) return { counts: { [ACCOUNT_KIND]: 0, [SIGN_IN_KIND]: 0 }, files: [] };
    if (await isLastProgramAdmin(trx, u.id)) throw new ConflictError('error.last_admin');
    return eraseAccount(trx, u.id);
  },

  /**
   * Retention of closed accounts: an account deactivated before the cutoff (account_closures) is
   * handed to the privacy office as a subject, which erases it as an approved erasure request would:
   * every module's erase (the labels other modules keep of what the person did, then this module's
   * eraseAccount, which removes the closure row, so it is counted once). Counts only.
   */
  async purge(trx, _deps, kind, cutoff): Promise<PurgeResult> {
    if (kind !== ACCOUNT_KIND) return { counts: {}, files: [] };
    const closed = await trx
      .selectFrom('account_closures')
      .innerJoin('users', 'users.id', 'account_closures.user_id')
      .select('users.email')
      .where('account_closures.closed_at', '<', cutoff)
      .where('users.status', '=', 'deactivated')
      .orderBy('users.id')
      .execute();
    return { counts: { [ACCOUNT_KIND]: 0 }, files: [], subjects: closed.map((u) => ({ email: u.email, phone: null })) };
  },
};

/** Closes an account for good (its erasure, whether requested or by retention): see the top of this file. */
async function eraseAccount(trx: Executor, userId: number): Promise<ErasureResult> {
  const signIn = [
    await trx.deleteFrom('oidc_sessions').where('user_id', '=', userId).executeTakeFirst(),
    await trx.deleteFrom('oidc_identities').where('user_id', '=', userId).executeTakeFirst(),
    await trx.deleteFrom('totp_recovery_codes').where('user_id', '=', userId).executeTakeFirst(),
    await trx.deleteFrom('totp_factors').where('user_id', '=', userId).executeTakeFirst(),
    await trx.deleteFrom('totp_resets').where('user_id', '=', userId).executeTakeFirst(),
  ].reduce((n, r) => n + Number(r.numDeletedRows ?? 0), 0);
  await destroyUserSessions(trx, userId);
  await trx.deleteFrom('user_tokens').where('user_id', '=', userId).execute();
  await trx.deleteFrom('role_offers').where('user_id', '=', userId).execute();
  await trx.deleteFrom('memberships').where('user_id', '=', userId).execute();
  await repo.updateUserRow(trx, userId, {
    email: `erased-${userId}@erased.invalid`,
    name: ERASED,
    password_hash: null,
    status: 'deactivated',
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
  });
  await trx.deleteFrom('account_closures').where('user_id', '=', userId).execute();
  return { counts: { [ACCOUNT_KIND]: 1, [SIGN_IN_KIND]: signIn }, files: [] };
}
