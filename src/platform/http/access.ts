import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { type Actor, hasRole } from '../auth/actor.ts';
import type { Role, Scope } from '../authz/roles.ts';
import { ForbiddenError, UnauthorizedError } from './errors.ts';

/**
 * Who may call a route. Every route declares one (a test walks the inventory):
 * - 'public': anyone, no account;
 * - 'signed-in': any signed-in person;
 * - { roles, scopes }: a person holding one of the roles, or an agency API token with one of the scopes.
 * Record-level checks (which agency) happen in each module's policy, inside the service.
 */
export type Access = 'public' | 'signed-in' | { roles?: readonly Role[]; scopes?: readonly Scope[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Set false only on routes authenticated by a signed token in the URL (e.g. one-click unsubscribe). */
    csrf?: boolean;
  }
}

/** Whether the actor passes a route's declared access. */
export function passes(access: Access, actor: Actor): boolean {
  if (access === 'public') return true;
  if (actor.kind === 'system') return true;
  if (access === 'signed-in') return actor.kind === 'user';
  if (actor.kind === 'token') return (access.scopes ?? []).some((s) => actor.scopes.includes(s));
  if (actor.kind === 'user') return (access.roles ?? []).length > 0 && hasRole(actor, ...(access.roles ?? []));
  return false;
}

/**
 * The guard every request passes through, as an onRequest hook: before the body is read or
 * validated, so a caller without access gets 401/403 whatever it sends and learns nothing about
 * the schema. A route without a declaration is refused (fail closed).
 */
export async function enforceAccess(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const access = request.routeOptions.config?.access;
  if (access === undefined) {
    // Fastify's own 404 route has no declaration and needs none.
    if (!request.routeOptions.url) return;
    throw new ForbiddenError('route has no access declaration');
  }
  if (passes(access, request.actor)) return;
  if (request.actor.kind === 'anonymous') throw new UnauthorizedError();
  throw new ForbiddenError('role');
}

export interface RouteRecord {
  method: string;
  url: string;
  access: Access | undefined;
  /** The route's schemas (Zod), so a test can fill in the fields a body or query names. */
  schema: RouteOptions['schema'];
}

/** Collects every route as it is registered, so a test can prove each declares its access. */
export function routeInventory() {
  const routes: RouteRecord[] = [];
  return {
    routes,
    onRoute(opts: RouteOptions) {
      const methods = Array.isArray(opts.method) ? opts.method : [opts.method];
      for (const method of methods)
        routes.push({ method, url: opts.url, access: opts.config?.access as Access | undefined, schema: opts.schema });
    },
  };
}
