import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiScopes, roles } from '../../platform/authz/roles.ts';
import { errorResponses, pageQuery, sendCached } from '../../platform/http/api.ts';
import * as agencies from './agencies.service.ts';
import { agencyContactInput, agencyOutput } from './identity.schema.ts';
import { agencyKinds } from './identity.tables.ts';

const publicAgency = (a: agencies.Agency) => agencyOutput.parse(a);

/** /api/v1/agencies (public read, agency-token write) and /api/v1/me. */
export async function identityApi(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/agencies',
    {
      config: { access: 'public' },
      schema: {
        tags: ['agencies'],
        summary: 'List agencies',
        querystring: z.object({ ...pageQuery, q: z.string().max(100).optional(), kind: z.enum(agencyKinds).optional() }).strict(),
        response: {
          200: z.object({ items: z.array(agencyOutput), page: z.number(), per_page: z.number(), has_next: z.boolean() }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const { page, per_page, q, kind } = req.query;
      const res = await agencies.listAgencies(deps, { q, kind, status: 'active' }, page, per_page);
      return sendCached(req, reply, { items: res.items.map(publicAgency), page, per_page, has_next: res.hasNext });
    },
  );

  r.get(
    '/api/v1/agencies/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['agencies'],
        summary: 'One agency',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: agencyOutput, ...errorResponses },
      },
    },
    async (req, reply) => sendCached(req, reply, publicAgency(await agencies.getAgency(deps, req.params.id))),
  );

  r.patch(
    '/api/v1/agencies/:id',
    {
      config: { access: { roles: ['program_admin', 'agency_admin'], scopes: ['agency:write'] } },
      schema: {
        tags: ['agencies'],
        summary: "Update an agency's contact details (its own API token with agency:write)",
        security: [{ bearer: [] }],
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: agencyContactInput,
        response: { 200: agencyOutput, ...errorResponses },
      },
    },
    async (req) => publicAgency(await agencies.updateAgency(deps, req.ctx, req.params.id, req.body)),
  );

  r.get(
    '/api/v1/me',
    {
      config: { access: { roles: [...roles], scopes: [...apiScopes] } },
      schema: {
        tags: ['identity'],
        summary: 'Who the caller is',
        security: [{ bearer: [] }],
        response: {
          200: z.object({
            kind: z.enum(['user', 'token']),
            id: z.number(),
            name: z.string(),
            agency_id: z.number().nullable(),
            scopes: z.array(z.string()),
            roles: z.array(z.object({ role: z.string(), agency_id: z.number().nullable() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const a = req.actor;
      if (a.kind === 'token') return { kind: 'token' as const, id: a.id, name: a.name, agency_id: a.agencyId, scopes: a.scopes, roles: [] };
      if (a.kind !== 'user') throw new Error('unreachable: access declaration admits users and tokens only');
      return {
        kind: 'user' as const,
        id: a.id,
        name: a.name,
        agency_id: null,
        scopes: [],
        roles: a.memberships.map((m) => ({ role: m.role, agency_id: m.agencyId })),
      };
    },
  );
}
