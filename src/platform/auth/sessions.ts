import type { Kysely } from 'kysely';
import type { DB, Executor } from '../../db.ts';
import type { Role, Scope } from '../authz/roles.ts';
import { isoIn, nowIso } from '../db/time.ts';
import type { Actor } from './actor.ts';
import { randomToken, safeEqual, sha256 } from './crypto.ts';

/** How long a session lives: `sessionTtlHours` idle (sliding), `sessionMaxHours` at most from sign-in, however active. */
export type SessionLifetime = { sessionTtlHours: number; sessionMaxHours: number };

/** When a session created at `createdAt` ends, however active it is. */
const absoluteEnd = (createdAt: string, life: SessionLifetime) =>
  new Date(new Date(createdAt).getTime() + life.sessionMaxHours * 3_600_000).toISOString();

/** The expiry of a session created at `createdAt`, seen now: the idle lifetime, capped by the absolute one. */
function expiryOf(createdAt: string, life: SessionLifetime): string {
  const idle = isoIn(life.sessionTtlHours * 3_600_000);
  const end = absoluteEnd(createdAt, life);
  // biome-ignore lint/complexity/useMathMinMax: ISO-8601 texts, which compare in time order; Math.min would make numbers of them
  return idle < end ? idle : end;
}

/** Starts a session; returns the raw token for the cookie (only its hash is stored). */
export async function createSession(
  trx: Executor,
  userId: number,
  life: SessionLifetime,
  meta: { ip: string | null; userAgent: string | null },
): Promise<string> {
  const token = randomToken();
  const now = nowIso();
  await trx
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiryOf(now, life),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

export async function destroySession(db: Executor, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}

/** Ends every session of a user (deactivation, password reset). */
export async function destroyUserSessions(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/**
 * The signed-in user behind a session cookie, or null; slides the expiry at most once a minute,
 * never past the absolute lifetime counted from sign-in.
 */
export async function actorFromSession(db: Kysely<DB>, token: string, life: SessionLifetime): Promise<Actor | null> {
  const id = sha256(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sid',
      'sessions.expires_at',
      'sessions.created_at',
      'sessions.last_seen_at',
      'users.id',
      'users.name',
      'users.email',
      'users.locale',
      'users.status',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  const now = nowIso();
  if (row?.status !== 'active' || row.expires_at < now || absoluteEnd(row.created_at, life) < now) return null;
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: expiryOf(row.created_at, life) })
      .where('id', '=', id)
      .execute();
  }
  const memberships = await db.selectFrom('memberships').select(['role', 'agency_id']).where('user_id', '=', row.id).execute();
  return {
    kind: 'user',
    id: row.id,
    name: row.name,
    email: row.email,
    locale: row.locale,
    sessionId: id,
    memberships: memberships.map((m) => ({ role: m.role as Role, agencyId: m.agency_id })),
  };
}

const TOKEN_RE = /^yusr_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

/** Creates the printable form of a new API token and what is stored of it. */
export function newApiToken(): { token: string; prefix: string; hash: string } {
  const prefix = randomToken(8)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .padEnd(8, '0')
    .slice(0, 8);
  const secret = randomToken(32);
  const token = `yusr_${prefix}_${secret}`;
  return { token, prefix, hash: sha256(token) };
}

/** The API token behind a bearer header (an agency's, or the program office's with no agency), or null when it is unknown, revoked or expired. */
export async function actorFromApiToken(db: Kysely<DB>, token: string): Promise<Actor | null> {
  const m = TOKEN_RE.exec(token);
  if (!m) return null;
  const row = await db.selectFrom('api_tokens').selectAll().where('prefix', '=', m[1]).executeTakeFirst();
  if (!row || row.revoked || !safeEqual(row.token_hash, sha256(token))) return null;
  if (row.expires_at && row.expires_at < nowIso()) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: nowIso() }).where('id', '=', row.id).execute();
  }
  return { kind: 'token', id: row.id, name: row.name, agencyId: row.agency_id, scopes: JSON.parse(row.scopes) as Scope[] };
}
