import type { Role, Scope } from '../authz/roles.ts';
import type { Lang } from '../i18n/i18n.ts';

export interface Membership {
  role: Role;
  agencyId: number | null;
}

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'system'; label: string }
  | { kind: 'user'; id: number; name: string; email: string; locale: Lang; memberships: Membership[]; sessionId?: string }
  /** An API token: an agency's, or (agencyId null) the program office's own, across agencies where routes allow the office. */
  | { kind: 'token'; id: number; name: string; agencyId: number | null; scopes: Scope[] };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const anonymous: Actor = { kind: 'anonymous' };
export const systemActor = (label: string): Actor => ({ kind: 'system', label });

/** Everything a service needs to know about who calls it and from where. */
export interface Ctx {
  actor: Actor;
  lang: Lang;
  requestId: string | null;
  ip: string | null;
}

export const systemCtx = (label = 'cli', lang: Lang = 'en'): Ctx => ({
  actor: systemActor(label),
  lang,
  requestId: null,
  ip: null,
});

/** True when the actor holds any of the roles (in any agency). */
export function hasRole(actor: Actor, ...wanted: Role[]): boolean {
  if (actor.kind === 'system') return true;
  return actor.kind === 'user' && actor.memberships.some((m) => wanted.includes(m.role));
}

/** True when the actor holds one of the roles for this agency (program-wide roles count for every agency). */
export function hasAgencyRole(actor: Actor, agencyId: number, ...wanted: Role[]): boolean {
  if (actor.kind !== 'user') return false;
  return actor.memberships.some((m) => wanted.includes(m.role) && m.agencyId === agencyId);
}

/**
 * The program office's own API token holding one of the scopes. Such a token is no agency's, so every
 * agency check (`agencyId === id`) already refuses it; a policy lets it through only where the
 * program office may act (agencies, catalog import, measurement answers on behalf of an agency).
 */
export function isOfficeToken(actor: Actor, ...scopes: Scope[]): boolean {
  return actor.kind === 'token' && actor.agencyId === null && scopes.some((s) => actor.scopes.includes(s));
}

/** The agencies the actor works for (agency roles only). */
export function actorAgencyIds(actor: Actor): number[] {
  if (actor.kind === 'token') return actor.agencyId === null ? [] : [actor.agencyId];
  if (actor.kind !== 'user') return [];
  return [...new Set(actor.memberships.filter((m) => m.agencyId !== null).map((m) => m.agencyId as number))];
}

/** A short, human label for the audit trail. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `${actor.name} <${actor.email}>`;
    case 'token':
      return `token ${actor.name}`;
    case 'system':
      return actor.label;
    default:
      return 'anonymous';
  }
}

export function actorId(actor: Actor): string | null {
  return actor.kind === 'user' || actor.kind === 'token' ? String(actor.id) : null;
}
