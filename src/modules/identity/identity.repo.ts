import type { Selectable } from 'kysely';
import type { Executor } from '../../db.ts';
import type { ApiTokensTable, UsersTable } from '../../platform/auth/auth.tables.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { AgencyContactInput, AgencyInput } from './identity.schema.ts';
import type { AgenciesTable } from './identity.tables.ts';

export type Agency = Selectable<AgenciesTable>;
export type User = Selectable<UsersTable>;
export type ApiToken = Selectable<ApiTokensTable>;
export type UserTokenPurpose = 'invite' | 'reset' | 'unlock';

export interface AgencyFilter {
  q?: string;
  kind?: string;
  status?: string;
  ids?: number[];
  parentId?: number;
}

/** Agencies matching a filter, by Arabic name, one page at a time. */
export async function listAgencies(db: Executor, f: AgencyFilter, limit: number, offset: number): Promise<Agency[]> {
  let q = db.selectFrom('agencies').selectAll();
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([eb(eb.fn('lower', ['name_en']), 'like', like), eb('name_ar', 'like', `%${f.q}%`), eb('code', 'like', like)]),
    );
  }
  if (f.kind) q = q.where('kind', '=', f.kind as Agency['kind']);
  if (f.status) q = q.where('status', '=', f.status as Agency['status']);
  if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.parentId) q = q.where('parent_id', '=', f.parentId);
  return q.orderBy('name_en').orderBy('id').limit(limit).offset(offset).execute();
}

export async function allAgencies(db: Executor): Promise<Agency[]> {
  return db.selectFrom('agencies').selectAll().orderBy('name_en').execute();
}

export async function findAgency(db: Executor, id: number): Promise<Agency | undefined> {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAgencyByCode(db: Executor, code: string): Promise<Agency | undefined> {
  return db
    .selectFrom('agencies')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['code']), '=', code.toLowerCase()))
    .executeTakeFirst();
}

export async function insertAgency(db: Executor, input: AgencyInput): Promise<Agency> {
  const now = nowIso();
  return db
    .insertInto('agencies')
    .values({
      code: input.code,
      name_ar: input.name_ar,
      name_en: input.name_en,
      kind: input.kind,
      parent_id: input.parent_id ?? null,
      website: input.website ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      address_ar: input.address_ar ?? null,
      address_en: input.address_en ?? null,
      status: input.status,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateAgencyRow(db: Executor, id: number, patch: Partial<AgencyInput> | AgencyContactInput): Promise<Agency> {
  return db
    .updateTable('agencies')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The ids of an agency and everything below it in the hierarchy. */
export async function agencySubtree(db: Executor, id: number): Promise<number[]> {
  const rows = await db.selectFrom('agencies').select(['id', 'parent_id']).execute();
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const r of rows) if (r.parent_id === out[i]) out.push(r.id);
  return out;
}

/** Every agency's id, code and names, by id (what a search index or a lookup table needs, nothing more). */
export async function agencyNames(db: Executor): Promise<Pick<Agency, 'id' | 'code' | 'name_ar' | 'name_en'>[]> {
  return db.selectFrom('agencies').select(['id', 'code', 'name_ar', 'name_en']).orderBy('id').execute();
}

/** Active agencies' codes and last change, by code (the sitemap's agency pages). */
export async function activeAgencyCodes(db: Executor): Promise<Pick<Agency, 'code' | 'updated_at'>[]> {
  return db.selectFrom('agencies').select(['code', 'updated_at']).where('status', '=', 'active').orderBy('code').execute();
}

export async function countAgencies(db: Executor): Promise<number> {
  const r = await db.selectFrom('agencies').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUser(db: Executor, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Executor,
  u: { email: string; name: string; locale: 'ar' | 'en'; status: User['status']; password_hash: string | null },
): Promise<User> {
  const now = nowIso();
  return db
    .insertInto('users')
    .values({
      ...u,
      email: u.email.toLowerCase(),
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateUserRow(db: Executor, id: number, patch: Partial<Omit<User, 'id' | 'created_at'>>): Promise<User> {
  return db
    .updateTable('users')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface UserFilter {
  q?: string;
  role?: string;
  status?: string;
  agencyIds?: number[];
}

/** Users matching a filter; with `agencyIds`, only people holding a role in those agencies. */
export async function listUsers(db: Executor, f: UserFilter, limit: number, offset: number): Promise<User[]> {
  let q = db.selectFrom('users').selectAll('users');
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) => eb.or([eb('email', 'like', like), eb(eb.fn('lower', ['name']), 'like', like)]));
  }
  if (f.status) q = q.where('status', '=', f.status as User['status']);
  if (f.role || f.agencyIds) {
    q = q.where('users.id', 'in', (eb) => {
      let m = eb.selectFrom('memberships').select('user_id');
      if (f.role) m = m.where('role', '=', f.role as string);
      if (f.agencyIds) m = m.where('agency_id', 'in', f.agencyIds.length ? f.agencyIds : [-1]);
      return m;
    });
  }
  return q.orderBy('users.name').orderBy('users.id').limit(limit).offset(offset).execute();
}

export async function membershipsOf(db: Executor, userId: number) {
  return db
    .selectFrom('memberships')
    .leftJoin('agencies', 'agencies.id', 'memberships.agency_id')
    .select(['memberships.id', 'memberships.role', 'memberships.agency_id', 'agencies.name_ar', 'agencies.name_en'])
    .where('user_id', '=', userId)
    .orderBy('memberships.id')
    .execute();
}

export async function insertMembership(db: Executor, userId: number, role: string, agencyId: number | null) {
  return db
    .insertInto('memberships')
    .values({ user_id: userId, role, agency_id: agencyId, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findMembership(db: Executor, id: number) {
  return db.selectFrom('memberships').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteMembership(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('memberships').where('id', '=', id).execute();
}

export async function insertUserToken(db: Executor, userId: number, purpose: UserTokenPurpose, hash: string, expiresAt: string) {
  await db
    .insertInto('user_tokens')
    .values({ user_id: userId, purpose, token_hash: hash, expires_at: expiresAt, used_at: null, created_at: nowIso() })
    .execute();
}

export async function findUserToken(db: Executor, purpose: UserTokenPurpose, hash: string) {
  return db.selectFrom('user_tokens').selectAll().where('purpose', '=', purpose).where('token_hash', '=', hash).executeTakeFirst();
}

/** Marks a token used; false when it was used already (a second tab, a replay). */
export async function useUserToken(db: Executor, id: number): Promise<boolean> {
  const r = await db
    .updateTable('user_tokens')
    .set({ used_at: nowIso() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Older unused tokens of the same purpose stop working when a new one is issued. */
export async function expireUserTokens(db: Executor, userId: number, purpose: UserTokenPurpose): Promise<void> {
  await db
    .updateTable('user_tokens')
    .set({ used_at: nowIso() })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

export async function insertRoleOffer(
  db: Executor,
  o: { user_id: number; role: string; agency_id: number | null; offered_by: number | null; token_hash: string; expires_at: string },
) {
  return db
    .insertInto('role_offers')
    .values({ ...o, accepted_at: null, created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findRoleOffer(db: Executor, tokenHash: string) {
  return db.selectFrom('role_offers').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks an offer accepted; false when it was accepted already. */
export async function acceptRoleOfferRow(db: Executor, id: number): Promise<boolean> {
  const r = await db
    .updateTable('role_offers')
    .set({ accepted_at: nowIso() })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** An agency's tokens, or (null) the program office's own. */
export async function listApiTokens(db: Executor, agencyId: number | null): Promise<ApiToken[]> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('agency_id', agencyId === null ? 'is' : '=', agencyId)
    .orderBy('id', 'desc')
    .execute();
}

export async function findApiToken(db: Executor, id: number): Promise<ApiToken | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertApiToken(
  db: Executor,
  t: {
    agency_id: number | null;
    name: string;
    prefix: string;
    token_hash: string;
    scopes: string[];
    created_by: number | null;
    expires_at: string | null;
  },
): Promise<ApiToken> {
  return db
    .insertInto('api_tokens')
    .values({ ...t, scopes: JSON.stringify(t.scopes), created_at: nowIso(), last_used_at: null, revoked_at: null, revoked: 0 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function revokeApiTokenRow(db: Executor, id: number): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked: 1, revoked_at: nowIso() }).where('id', '=', id).execute();
}
