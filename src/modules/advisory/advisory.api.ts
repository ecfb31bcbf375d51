import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/api.ts';
import { allAgencies } from '../identity/public.ts';
import * as repo from './advisory.repo.ts';
import { requestInput } from './advisory.schema.ts';
import { readableRequest, submitRequest } from './advisory.service.ts';
import { priorities, requestStatuses, requestTypes, responses, severities, urgencies } from './advisory.tables.ts';
import { queue } from './queue.service.ts';

// /api/v1/advisory: an agency's own advisory requests for its systems (an agency API token with
// advisory:read or advisory:write, or a signed-in agency administrator or editor): list and read
// them with their findings and the agency's responses, and submit a new one (advisory:write). A
// request of another agency is 403, an unknown one 404, bad input 400 — RFC 9457 problems throughout.

const requestOut = z.object({
  id: z.number(),
  agency: z.string(),
  type: z.enum(requestTypes),
  title: z.string(),
  question: z.string(),
  urgency: z.enum(urgencies),
  status: z.enum(requestStatuses),
  priority: z.enum(priorities).nullable(),
  submitted_at: z.string(),
  first_response_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  decline_reason: z.string().nullable(),
  summary: z.string().nullable(),
  url: z.string(),
});
z.globalRegistry.add(requestOut, { id: 'AdvisoryRequest' });

const findingOut = z.object({
  id: z.number(),
  severity: z.enum(severities),
  title: z.string(),
  recommendation: z.string(),
  reference: z.string(),
  response: z.enum(responses).nullable(),
  response_reason: z.string().nullable(),
  due_on: z.string().nullable(),
  followup_closed_at: z.string().nullable(),
});
const requestDetailOut = requestOut.extend({ findings: z.array(findingOut) });
z.globalRegistry.add(requestDetailOut, { id: 'AdvisoryRequestWithFindings' });

const readers = {
  roles: ['agency_admin', 'agency_editor', 'program_admin', 'program_reviewer'] as const,
  scopes: ['advisory:read', 'advisory:write'] as const,
};
const writers = { roles: ['agency_admin'] as const, scopes: ['advisory:write'] as const };
const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

export async function advisoryApi(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const out = async (rows: repo.RequestRow[], lang: 'ar' | 'en') => {
    const codes = new Map((await allAgencies(deps)).map((a) => [a.id, a.code]));
    return rows.map((x) => ({
      id: x.id,
      agency: codes.get(x.agency_id) ?? '',
      type: x.type,
      title: x.title,
      question: x.question,
      urgency: x.urgency,
      status: x.status,
      priority: x.priority,
      submitted_at: x.submitted_at,
      first_response_at: x.first_response_at,
      delivered_at: x.delivered_at,
      closed_at: x.closed_at,
      decline_reason: x.decline_reason,
      summary: x.summary,
      url: `${deps.config.baseUrl}/${lang}/console/advisory/${x.id}`,
    }));
  };

  r.get(
    '/api/v1/advisory/requests',
    {
      config: { access: readers },
      schema: {
        tags: ['advisory'],
        summary: "Your agency's advisory requests, newest first",
        security: [{ bearer: [] }],
        querystring: z
          .object({
            page: z.coerce.number().int().min(1).max(10_000).default(1),
            per_page: z.coerce.number().int().min(1).max(200).default(50),
            lang: z.enum(['ar', 'en']).optional(),
            status: z.enum(requestStatuses).optional(),
          })
          .strict(),
        response: {
          200: z.object({ items: z.array(requestOut), page: z.number(), per_page: z.number(), has_next: z.boolean() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { page, per_page, status, lang } = req.query;
      // A token or agency staff read their agency's own requests (the queue's rule); the office reads all.
      const rows = (await queue(deps, req.ctx, status))
        .map((x) => x.request)
        .sort((a, b) => (a.submitted_at < b.submitted_at ? 1 : a.submitted_at > b.submitted_at ? -1 : b.id - a.id));
      const slice = rows.slice((page - 1) * per_page, page * per_page);
      return { items: await out(slice, lang ?? req.lang), page, per_page, has_next: rows.length > page * per_page };
    },
  );

  r.get(
    '/api/v1/advisory/requests/:id',
    {
      config: { access: readers },
      schema: {
        tags: ['advisory'],
        summary: 'One advisory request of your agency, with its findings and your responses (findings once delivered)',
        security: [{ bearer: [] }],
        params: idParams,
        querystring: z.object({ lang: z.enum(['ar', 'en']).optional() }).strict(),
        response: { 200: requestDetailOut, ...errorResponses },
      },
    },
    async (req) => {
      const { request, access } = await readableRequest(deps, req.ctx, req.params.id);
      // The agency sees the findings once they are delivered; until then they are the team's drafts.
      const shown = access.office || request.status === 'delivered' || request.status === 'closed';
      const findings = shown ? await repo.listFindings(deps.db, [request.id]) : [];
      const [row] = await out([request], req.query.lang ?? req.lang);
      return {
        ...(row as z.infer<typeof requestOut>),
        findings: findings.map((f) => ({
          id: f.id,
          severity: f.severity,
          title: f.title,
          recommendation: f.recommendation,
          reference: f.reference,
          response: f.response,
          response_reason: f.response_reason,
          due_on: f.due_on,
          followup_closed_at: f.followup_closed_at,
        })),
      };
    },
  );

  r.post(
    '/api/v1/advisory/requests',
    {
      config: { access: writers },
      schema: {
        tags: ['advisory'],
        summary: 'Submit an advisory request for your agency (the SLA clock starts)',
        security: [{ bearer: [] }],
        body: requestInput,
        response: { 201: requestOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const row = await submitRequest(deps, req.ctx, req.body);
      return reply.code(201).send((await out([row], req.lang))[0]);
    },
  );
}
