import { recordAudit } from '../../platform/audit/audit.ts';
import { type Ctx, hasAgencyRole, hasRole } from '../../platform/auth/actor.ts';
import { randomToken, sha256 } from '../../platform/auth/crypto.ts';
import { destroyUserSessions } from '../../platform/auth/sessions.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { isAgencyRole, type Role } from '../../platform/authz/roles.ts';
import { isoIn } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { queueAccountEmail } from './account-emails.ts';
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
  const token = randomToken();
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
    await queueAccountEmail(trx, deps.config, user, 'invite', token, sha256(token).slice(0, 16));
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

/** Sends a fresh invitation to someone who has not accepted yet. */
export async function resendInvitation(deps: Deps, ctx: Ctx, userId: number) {
  const { user, canManage } = await getUser(deps, ctx, userId);
  authorize(canManage);
  if (user.status !== 'invited') throw new ConflictError('error.not_invited');
  const token = randomToken();
  await deps.db.transaction().execute(async (trx) => {
    await repo.expireUserTokens(trx, user.id, 'invite');
    await repo.insertUserToken(trx, user.id, 'invite', sha256(token), isoIn(INVITE_TTL_MS));
    await queueAccountEmail(trx, deps.config, user, 'invite', token, sha256(token).slice(0, 16));
    await recordAudit(trx, ctx, { action: 'user.invite_resend', recordType: 'user', recordId: user.id });
  });
}

export async function addRole(deps: Deps, ctx: Ctx, userId: number, raw: unknown) {
  const input = parseInput(membershipInput, raw);
  checkMembershipShape(input.role, input.agency_id);
  authorize(identityPolicy.grantRole(ctx.actor, input.role, input.agency_id ?? null));
  const user = await repo.findUser(deps.db, userId);
  if (!user) throw new NotFoundError();
  if (input.agency_id != null && !(await repo.findAgency(deps.db, input.agency_id))) fieldError('agency_id', 'validation.agency_unknown');
  const existing = await repo.membershipsOf(deps.db, userId);
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
