import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiScopes, roles } from '../../platform/authz/roles.ts';
import { errorResponses, pageQuery, sendCached } from '../../platform/http/api.ts';
import * as agencies from './agencies.service.ts';
import { agencyInput, agencyOutput, agencyPatchInput } from './identity.schema.ts';
import { agencyKinds } from './identity.tables.ts';

const publicAgency = (a: agencies.Agency) => agencyOutput.parse(a);

/** /api/v1/agencies (public read; the program office creates, changes and archives, an agency token changes its contact details) and /api/v1/me. */
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

  // Writing agencies. The program office (a program administrator, or the office's own token with
  // agency:write) creates, changes and archives any agency; an agency's own token with agency:write
  // changes only how its agency is reached. The checks are the console form's (bilingual field
  // errors as RFC 9457 problems), and each change is audited in its transaction.
  const officeWrite = { roles: ['program_admin'] as const, scopes: ['agency:write'] as const };
  const conflict = { 409: errorResponses[400] };

  r.post(
    '/api/v1/agencies',
    {
      config: { access: officeWrite },
      schema: {
        tags: ['agencies'],
        summary: "Create an agency (the program office: a program administrator, or the office's own token with agency:write)",
        description:
          'The same checks as the console form: code 2–40 of `A–Z a–z 0–9 . _ -` (case kept, unique whatever the case: 409 when taken), both names, a kind, an existing `parent_id` (no cycle), http(s) website, email, phone. An agency token is refused (403).',
        security: [{ bearer: [] }],
        body: agencyInput,
        response: { 201: agencyOutput, ...conflict, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(publicAgency(await agencies.createAgency(deps, req.ctx, req.body))),
  );

  r.patch(
    '/api/v1/agencies/:id',
    {
      config: { access: { roles: ['program_admin', 'agency_admin'], scopes: ['agency:write'] } },
      schema: {
        tags: ['agencies'],
        summary:
          "Update an agency: the program office any field of any agency; an agency's own token (agency:write) only its contact details",
        description:
          'Fields left out keep their value; the result is checked as the console form checks it. An agency token may send only `website`, `email`, `phone`, `address_ar`, `address_en` of its own agency (other fields: 400, another agency: 403). Setting `status` to `inactive` archives the agency as DELETE does.',
        security: [{ bearer: [] }],
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: agencyPatchInput,
        response: { 200: agencyOutput, ...conflict, ...errorResponses },
      },
    },
    async (req) => publicAgency(await agencies.updateAgency(deps, req.ctx, req.params.id, req.body)),
  );

  r.delete(
    '/api/v1/agencies/:id',
    {
      config: { access: officeWrite },
      schema: {
        tags: ['agencies'],
        summary: 'Archive an agency (the program office): agencies are never deleted',
        description:
          'Services, answers, plans and the audit trail point at agencies, so an agency is archived instead: its status becomes `inactive` (off the public lists) and everything under it is kept. An agency with active branches answers 409 naming them; archiving an archived agency changes nothing.',
        security: [{ bearer: [] }],
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: agencyOutput, ...conflict, ...errorResponses },
      },
    },
    async (req) => publicAgency(await agencies.archiveAgency(deps, req.ctx, req.params.id)),
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
