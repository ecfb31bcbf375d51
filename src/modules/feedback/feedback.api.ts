import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, pageQuery, sendCached } from '../../platform/http/api.ts';
import { isoDay } from '../../platform/http/validation.ts';
import { AGENCY_CODE, getAgencyByCode } from '../identity/public.ts';
import { recordCaseRead } from './case-reads.ts';
import { type CaseRow, findCases } from './cases.repo.ts';
import { submitCase } from './cases.service.ts';
import { CASE_ROLES } from './feedback.policy.ts';
import { caseInput, question, ratingInput } from './feedback.schema.ts';
import { caseCategories, caseKinds, caseStatuses } from './feedback.tables.ts';
import * as inbox from './inbox.service.ts';
import { OPEN_DATA_MIN, openData } from './metrics.export.ts';
import { currentQuestions, submitRating } from './ratings.service.ts';
import { statusUrl } from './tracking.ts';

const caseOut = z.object({
  id: z.number(),
  tracking_no: z.string(),
  kind: z.enum(caseKinds),
  category: z.enum(caseCategories),
  agency_id: z.number(),
  service_id: z.number().nullable(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(caseStatuses),
  lang: z.enum(['ar', 'en']),
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
  assigned_to: z.number().nullable(),
  created_at: z.string(),
  first_response_at: z.string().nullable(),
  resolved_at: z.string().nullable(),
  first_due_at: z.string().nullable(),
  resolution_due_at: z.string().nullable(),
});
z.globalRegistry.add(caseOut, { id: 'FeedbackCase' });

const toCase = (c: CaseRow): z.infer<typeof caseOut> => ({
  id: c.id,
  tracking_no: c.tracking_no,
  kind: c.kind,
  category: c.category,
  agency_id: c.agency_id,
  service_id: c.service_id,
  subject: c.subject,
  body: c.body,
  status: c.status,
  lang: c.lang,
  contact: { name: c.contact_name, email: c.contact_email, phone: c.contact_phone },
  assigned_to: c.assigned_to,
  created_at: c.created_at,
  first_response_at: c.first_response_at,
  resolved_at: c.resolved_at,
  first_due_at: c.first_due_at,
  resolution_due_at: c.res_due_at,
});

const day = isoDay();

/** /api/v1/feedback: ratings and cases from apps, agencies' case work by token, and the open-data KPIs. */
export async function feedbackApi(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/feedback/questions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['feedback'],
        summary: 'The rating questions asked now (OMB A-11 §280 drivers)',
        response: { 200: z.object({ version: z.number(), questions: z.array(question) }) },
      },
    },
    async (req, reply) => sendCached(req, reply, await currentQuestions(deps.db)),
  );

  r.post(
    '/api/v1/feedback/services/:identifier/ratings',
    {
      config: { access: 'public' },
      schema: {
        tags: ['feedback'],
        summary: 'Rate a published service (anonymous; answers 1–5 by driver code, each optional)',
        params: z.object({ identifier: z.string().max(80) }),
        body: ratingInput,
        response: { 201: z.object({ recorded: z.literal(true) }), ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (req, reply) => {
      await submitRating(deps, req.ctx, req.params.identifier, req.body);
      return reply.code(201).send({ recorded: true as const });
    },
  );

  r.post(
    '/api/v1/feedback/cases',
    {
      config: { access: 'public' },
      schema: {
        tags: ['feedback'],
        summary: 'Send a complaint, inquiry or suggestion (anonymous; attachments through the web form)',
        body: caseInput,
        response: {
          201: z.object({ tracking_no: z.string(), status_url: z.string() }),
          200: z.object({ tracking_no: z.string(), duplicate: z.literal(true) }),
          ...errorResponses,
          429: errorResponses[400],
        },
      },
    },
    async (req, reply) => {
      const res = await submitCase(deps, req.ctx, req.body);
      if (res.duplicate) return reply.code(200).send({ tracking_no: res.case.tracking_no, duplicate: true as const });
      return reply.code(201).send({ tracking_no: res.case.tracking_no, status_url: statusUrl(deps.config, res.case, req.lang) });
    },
  );

  r.get(
    '/api/v1/feedback/cases',
    {
      config: { access: { roles: CASE_ROLES, scopes: ['agency:read'] } },
      schema: {
        tags: ['feedback'],
        summary: "The caller's agency's cases (personal data: agency staff and tokens with agency:read only)",
        security: [{ bearer: [] }],
        querystring: z.object({ ...pageQuery, status: z.enum([...caseStatuses, 'active']).optional() }).strict(),
        response: {
          200: z.object({ items: z.array(caseOut.omit({ body: true })), page: z.number(), has_next: z.boolean() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const res = await inbox.listInbox(deps, req.ctx, { status: req.query.status }, req.query.page, req.query.per_page);
      const rows = await findCases(
        deps.db,
        res.items.map((i) => i.id),
      );
      await recordCaseRead(deps, req.ctx, rows, 'api');
      return { items: rows.map(toCase), page: req.query.page, has_next: res.hasNext };
    },
  );

  r.get(
    '/api/v1/feedback/cases/:id',
    {
      config: { access: { roles: CASE_ROLES, scopes: ['agency:read'] } },
      schema: {
        tags: ['feedback'],
        summary: 'One case with its timeline',
        security: [{ bearer: [] }],
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: {
          200: caseOut.extend({
            events: z.array(
              z.object({
                kind: z.string(),
                visibility: z.enum(['public', 'internal']),
                body: z.string().nullable(),
                created_at: z.string(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const x = await inbox.getCase(deps, req.ctx, req.params.id, 'api');
      return {
        ...toCase(x.case),
        events: x.events.map((e) => ({ kind: e.kind, visibility: e.visibility, body: e.body, created_at: e.created_at })),
      };
    },
  );

  r.post(
    '/api/v1/feedback/cases/:id/replies',
    {
      config: { access: { roles: CASE_ROLES, scopes: ['agency:write'] } },
      schema: {
        tags: ['feedback'],
        summary: 'Reply to the beneficiary (emailed or texted to them); waiting=true pauses the clocks until they answer',
        security: [{ bearer: [] }],
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({ body: z.string().min(2).max(5000), waiting: z.boolean().optional() }).strict(),
        response: { 200: caseOut, ...errorResponses },
      },
    },
    async (req) =>
      toCase(await inbox.replyToCase(deps, req.ctx, req.params.id, { body: req.body.body, waiting: req.body.waiting ? 'on' : undefined })),
  );

  r.get(
    '/api/v1/feedback/kpis',
    {
      config: { access: 'public' },
      schema: {
        tags: ['feedback'],
        summary: `Open data: aggregated, anonymised customer-experience KPIs (counts under ${OPEN_DATA_MIN} suppressed)`,
        querystring: z
          .object({
            from: day.optional(),
            to: day.optional(),
            level: z.enum(['nation', 'agency', 'service', 'month']).default('nation'),
            agency: z.string().regex(AGENCY_CODE).optional(),
            lang: z.enum(['ar', 'en']).optional(),
          })
          .strict(),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            level: z.string(),
            agency: z.string().nullable(),
            min_count: z.number(),
            rows: z.array(
              z.object({
                agency: z.string().optional(),
                service: z.string().optional(),
                month: z.string().optional(),
                ratings: z.number().nullable(),
                csat: z.number().nullable(),
                trust: z.number().nullable(),
                complaints: z.number().nullable(),
                complaints_per_1000: z.number().nullable(),
                sla_compliance: z.number().nullable(),
                suppressed: z.boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const today = new Date().toISOString().slice(0, 10);
      const from = req.query.from ?? `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
      const to = req.query.to ?? today;
      const agency = req.query.agency ? await getAgencyByCode(deps, req.query.agency) : undefined;
      // Whole UTC days, `to` included.
      const toExclusive = new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString();
      const rows = await openData(deps, { from: `${from}T00:00:00.000Z`, to: toExclusive, level: req.query.level, agencyId: agency?.id });
      return sendCached(
        req,
        reply,
        { from, to, level: req.query.level, agency: agency?.code ?? null, min_count: OPEN_DATA_MIN, rows },
        300,
      );
    },
  );
}
