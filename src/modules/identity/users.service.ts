import { recordAudit } from '../../platform/audit/audit.ts';
import { type Ctx, hasAgencyRole, hasRole } from '../../platform/auth/actor.ts';
import { sha256 } from '../../platform/auth/crypto.ts';
import { destroyUserSessions } from '../../platform/auth/sessions.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { isAgencyRole, type Role, roleLabel } from '../../platform/authz/roles.ts';
import { isoIn, nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { newLink, queueAccountEmail } from './account-emails.ts';
import { INVITE_TTL_MS, issueResetToken } from './auth.service.ts';
import { identityPolicy } from './identity.policy.ts';
import * as repo from './identity.repo.ts';
import { inviteInput, membershipInput } from './identity.schema.ts';

/** The agencies whose staff the actor administers (all of them for the program office: undefined). */
function administeredAgencies(ctx: Ctx): number[] | undefined {
  if (hasRole(ctx.actor, 'program_admin')) return undefined;
  if (ctx.actor.kind !== 'user') return [];
  return ctx.actor.memberships.filter((m) => m.role === 'agency_admin' && m.agencyId !== null).map((m) => m.agencyId as number);
}

export async function listUsers(deps: Deps, ctx: Ctx, filter: repo.UserFilter, page = 1, pageSize = 50) {
  authorize(identityPolicy.listUsers(ctx.actor));
  const scope = administeredAgencies(ctx);
  const agencyIds = scope && filter.agencyIds ? filter.agencyIds.filter((id) => scope.includes(id)) : (scope ?? filter.agencyIds);
  const rows = await repo.listUsers(deps.db, { ...filter, agencyIds }, pageSize + 1, (page - 1) * pageSize);
  return { items: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

/** A person and their roles, if the actor may manage them; otherwise a 404 (existence is not revealed). */
export async function getUser(deps: Deps, ctx: Ctx, id: number) {
  authorize(identityPolicy.listUsers(ctx.actor));
  const user = await repo.findUser(deps.db, id);
  if (!user) throw new NotFoundError();
  const memberships = await repo.membershipsOf(deps.db, id);
  const scope = administeredAgencies(ctx);
  if (scope && !memberships.some((m) => m.agency_id !== null && scope.includes(m.agency_id))) throw new NotFoundError();
  const agencyIds = memberships.filter((m) => m.agency_id !== null).map((m) => m.agency_id as number);
  const programRole = memberships.some((m) => !isAgencyRole(m.role as Role));
  return { user, memberships, canManage: identityPolicy.manageUser(ctx.actor, agencyIds, programRole) };
}

function checkMembershipShape(role: Role, agencyId: number | null | undefined) {
  if (isAgencyRole(role) && agencyId == null) fieldError('agency_id', 'validation.agency_required');
  if (!isAgencyRole(role) && agencyId != null) fieldError('agency_id', 'validation.agency_not_allowed');
}

/** Invites a person by email with one role; they set their own password from the emailed link. */
export async function inviteUser(deps: Deps, ctx: Ctx, raw: unknown) {
  const input = parseInput(inviteInput, raw);
  checkMembershipShape(input.role, input.agency_id);
  authorize(identityPolicy.grantRole(ctx.actor, input.role, input.agency_id ?? null));
  if (input.agency_id != null && !(await repo.findAgency(deps.db, input.agency_id))) fieldError('agency_id', 'validation.agency_unknown');
  if (await repo.findUserByEmail(deps.db, input.email)) {
    throw new ConflictError('error.conflict', undefined, [{ field: 'email', key: 'validation.email_taken' }]);
  }
  const { nonce, token } = newLink(deps.config, 'invite');
  return deps.db.transaction().execute(async (trx) => {
    const user = await repo.insertUser(trx, {
      email: input.email,
      name: input.name,
      locale: input.locale,
      status: 'invited',
      password_hash: null,
    });
    await repo.insertMembership(trx, user.id, input.role, input.agency_id ?? null);
    await repo.insertUserToken(trx, user.id, 'invite', sha256(token), isoIn(INVITE_TTL_MS));
    await queueAccountEmail(trx, deps.config, user, 'invite', nonce);
    await recordAudit(trx, ctx, {
      action: 'user.invite',
      recordType: 'user',
      recordId: user.id,
      agencyId: input.agency_id ?? null,
      after: { email: user.email, name: user.name, role: input.role, agency_id: input.agency_id ?? null },
    });
    return user;
  });
}

/**
 * The invitation form: a new address gets an account invitation; an existing account the actor
 * does not manage gets the role offered by email, to accept signed in (see acceptRoleOffer).
 */
export async function inviteOrOffer(deps: Deps, ctx: Ctx, raw: unknown): Promise<{ user: repo.User } | { offered: true }> {
  const input = parseInput(inviteInput, raw);
  const person = await repo.findUserByEmail(deps.db, input.email);
  if (!person || person.status === 'deactivated') return { user: await inviteUser(deps, ctx, raw) };
  const memberships = await repo.membershipsOf(deps.db, person.id);
  if (managesPerson(ctx, memberships)) return { user: await inviteUser(deps, ctx, raw) };
  checkMembershipShape(input.role, input.agency_id);
  authorize(identityPolicy.grantRole(ctx.actor, input.role, input.agency_id ?? null));
  if (input.agency_id != null && !(await repo.findAgency(deps.db, input.agency_id))) fieldError('agency_id', 'validation.agency_unknown');
  if (memberships.some((m) => m.role === input.role && m.agency_id === (input.agency_id ?? null))) {
    throw new ConflictError('error.conflict', undefined, [{ field: 'role', key: 'validation.role_held' }]);
  }
  const { nonce, token } = newLink(deps.config, 'offer');
  await deps.db.transaction().execute(async (trx) => {
    const offer = await repo.insertRoleOffer(trx, {
      user_id: person.id,
      role: input.role,
      agency_id: input.agency_id ?? null,
      offered_by: ctx.actor.kind === 'user' ? ctx.actor.id : null,
      token_hash: sha256(token),
      expires_at: isoIn(INVITE_TTL_MS),
    });
    const agency = input.agency_id != null ? await repo.findAgency(trx, input.agency_id) : undefined;
    await queueAccountEmail(trx, deps.config, person, 'offer', nonce, {
      role: translate(person.locale, roleLabel[input.role]),
      agency: agency ? (person.locale === 'ar' ? agency.name_ar : agency.name_en) : translate(person.locale, 'shell.product'),
    });
    await recordAudit(trx, ctx, {
      action: 'user.role_offer',
      recordType: 'user',
      recordId: person.id,
      agencyId: offer.agency_id,
      after: { role: offer.role, agency_id: offer.agency_id, offer_id: offer.id },
    });
  });
  return { offered: true };
}

/** A role offer for the signed-in person, while it is valid and its giver may still grant it. */
export async function checkRoleOffer(deps: Deps, ctx: Ctx, token: string) {
  if (ctx.actor.kind !== 'user') throw new NotFoundError();
  const offer = await repo.findRoleOffer(deps.db, sha256(token));
  // Someone else's offer is not revealed: the link was sent to its own addressee.
  if (!offer || offer.user_id !== ctx.actor.id) throw new NotFoundError();
  if (offer.accepted_at || offer.expires_at < nowIso()) throw new AppError(410, 'error.link_expired');
  const giver = offer.offered_by ? await repo.membershipsOf(deps.db, offer.offered_by) : [];
  const giverActor = {
    kind: 'user' as const,
    id: offer.offered_by ?? 0,
    name: '',
    email: '',
    locale: 'en' as const,
    memberships: giver.map((m) => ({ role: m.role as Role, agencyId: m.agency_id })),
  };
  if (!identityPolicy.grantRole(giverActor, offer.role as Role, offer.agency_id)) throw new AppError(410, 'error.link_expired');
  const agency = offer.agency_id != null ? await repo.findAgency(deps.db, offer.agency_id) : undefined;
  return { offer, agency };
}

/** The person accepts a role offered to them: it becomes a membership (audited in the agency's trail). */
export async function acceptRoleOffer(deps: Deps, ctx: Ctx, token: string): Promise<void> {
  const { offer } = await checkRoleOffer(deps, ctx, token);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.acceptRoleOfferRow(trx, offer.id))) throw new AppError(410, 'error.link_expired');
    const held = await repo.membershipsOf(trx, offer.user_id);
    if (!held.some((m) => m.role === offer.role && m.agency_id === offer.agency_id)) {
      await repo.insertMembership(trx, offer.user_id, offer.role, offer.agency_id);
    }
    await recordAudit(trx, ctx, {
      action: 'user.role_accept',
      recordType: 'user',
      recordId: offer.user_id,
      agencyId: offer.agency_id,
      after: { role: offer.role, agency_id: offer.agency_id, offer_id: offer.id, offered_by: offer.offered_by },
    });
  });
}

/** Sends a fresh invitation to someone who has not accepted yet. */
export async function resendInvitation(deps: Deps, ctx: Ctx, userId: number) {
  const { user, canManage } = await getUser(deps, ctx, userId);
  authorize(canManage);
  if (user.status !== 'invited') throw new ConflictError('error.not_invited');
  const { nonce, token } = newLink(deps.config, 'invite');
  await deps.db.transaction().execute(async (trx) => {
    await repo.expireUserTokens(trx, user.id, 'invite');
    await repo.insertUserToken(trx, user.id, 'invite', sha256(token), isoIn(INVITE_TTL_MS));
    await queueAccountEmail(trx, deps.config, user, 'invite', nonce);
    await recordAudit(trx, ctx, { action: 'user.invite_resend', recordType: 'user', recordId: user.id });
  });
}

/** Whether the actor manages this person already: the program office, or the administrator of every agency they work for. */
function managesPerson(ctx: Ctx, memberships: { role: string; agency_id: number | null }[]): boolean {
  const agencyIds = memberships.filter((m) => m.agency_id !== null).map((m) => m.agency_id as number);
  return identityPolicy.manageUser(
    ctx.actor,
    agencyIds,
    memberships.some((m) => !isAgencyRole(m.role as Role)),
  );
}

/**
 * Grants a role directly to someone the actor already manages. Anyone else (a program
 * administrator, another agency's staff) is offered the role by invitation and must accept it:
 * attaching a role by id would otherwise hand an agency administrator their account.
 */
export async function addRole(deps: Deps, ctx: Ctx, userId: number, raw: unknown) {
  const input = parseInput(membershipInput, raw);
  checkMembershipShape(input.role, input.agency_id);
  authorize(identityPolicy.grantRole(ctx.actor, input.role, input.agency_id ?? null));
  const user = await repo.findUser(deps.db, userId);
  if (!user) throw new NotFoundError();
  if (input.agency_id != null && !(await repo.findAgency(deps.db, input.agency_id))) fieldError('agency_id', 'validation.agency_unknown');
  const existing = await repo.membershipsOf(deps.db, userId);
  authorize(managesPerson(ctx, existing), 'role_needs_invitation');
  if (existing.some((m) => m.role === input.role && m.agency_id === (input.agency_id ?? null))) {
    throw new ConflictError('error.conflict', undefined, [{ field: 'role', key: 'validation.role_held' }]);
  }
  await deps.db.transaction().execute(async (trx) => {
    const m = await repo.insertMembership(trx, userId, input.role, input.agency_id ?? null);
    await recordAudit(trx, ctx, {
      action: 'user.role_add',
      recordType: 'user',
      recordId: userId,
      agencyId: m.agency_id,
      after: { role: m.role, agency_id: m.agency_id },
    });
  });
}

export async function removeRole(deps: Deps, ctx: Ctx, userId: number, membershipId: number) {
  const m = await repo.findMembership(deps.db, membershipId);
  if (!m || m.user_id !== userId) throw new NotFoundError();
  authorize(identityPolicy.grantRole(ctx.actor, m.role as Role, m.agency_id));
  if (m.role === 'program_admin') {
    const admins = await deps.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(deps.db.fn.countAll<number>().as('n'))
      .where('role', '=', 'program_admin')
      .where('users.status', '=', 'active')
      .executeTakeFirstOrThrow();
    if (Number(admins.n) <= 1) throw new ConflictError('error.last_admin');
  }
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteMembership(trx, membershipId);
    await recordAudit(trx, ctx, {
      action: 'user.role_remove',
      recordType: 'user',
      recordId: userId,
      agencyId: m.agency_id,
      before: { role: m.role, agency_id: m.agency_id },
    });
  });
}

/** Deactivates or reactivates an account; deactivation ends its sessions at once. */
export async function setUserActive(deps: Deps, ctx: Ctx, userId: number, active: boolean) {
  const { user, canManage } = await getUser(deps, ctx, userId);
  authorize(canManage);
  if (ctx.actor.kind === 'user' && ctx.actor.id === userId) throw new ConflictError('error.self_deactivate');
  if (active && user.status !== 'deactivated') return user;
  if (!active && user.status === 'deactivated') return user;
  const status = active ? (user.password_hash ? 'active' : 'invited') : 'deactivated';
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateUserRow(trx, userId, { status });
    if (!active) await destroyUserSessions(trx, userId);
    // The retention purge counts from closure; a reopened account is not closed any more.
    if (active) await trx.deleteFrom('account_closures').where('user_id', '=', userId).execute();
    else
      await trx
        .insertInto('account_closures')
        .values({ user_id: userId, closed_at: after.updated_at })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ closed_at: after.updated_at }))
        .execute();
    await recordAudit(trx, ctx, {
      action: active ? 'user.reactivate' : 'user.deactivate',
      recordType: 'user',
      recordId: userId,
      before: { status: user.status },
      after: { status },
    });
    return after;
  });
}

/** An administrator sends a person a reset link (they never see or set the password themselves). */
export async function sendPasswordReset(deps: Deps, ctx: Ctx, userId: number) {
  const { user, canManage } = await getUser(deps, ctx, userId);
  authorize(canManage);
  if (user.status !== 'active') throw new ConflictError('error.not_active');
  await issueResetToken(deps, ctx, user, 'user.password_reset_sent');
}

/** Whether the actor administers this agency's staff (views decide what to show). */
export const administersAgency = (ctx: Ctx, agencyId: number) =>
  hasRole(ctx.actor, 'program_admin') || hasAgencyRole(ctx.actor, agencyId, 'agency_admin');
