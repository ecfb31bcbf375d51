import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../platform/authz/roles.ts';
import { errorResponses, pageQuery, sendCached } from '../../platform/http/api.ts';
import { allAgencies, getAgencyByCode } from '../identity/public.ts';
import * as repo from './catalog.repo.ts';
import { audiences, channelTypes, lifecycleStatuses, maturities, newServiceInput, serviceData, taxonomyKinds } from './catalog.schema.ts';
import { catalogSearch, facetNames } from './catalog.search.ts';
import * as catalog from './catalog.service.ts';
import { cpsvDocument, exportCatalog } from './io/io.service.ts';

const codes = z.preprocess(
  (v) => (v === undefined ? undefined : Array.isArray(v) ? v : String(v).split(',')),
  z
    .array(z.string().regex(/^[a-z0-9/_-]{1,60}$/))
    .max(20)
    .optional(),
);

const cardSchema = z.object({
  identifier: z.string(),
  agency: z.string(),
  name_ar: z.string(),
  name_en: z.string(),
  summary_ar: z.string(),
  summary_en: z.string(),
  status: z.enum(lifecycleStatuses),
  maturity: z.enum(maturities),
  free: z.boolean(),
  online: z.boolean(),
  updated_at: z.string(),
  url: z.string(),
});
z.globalRegistry.add(cardSchema, { id: 'ServiceSummary' });
z.globalRegistry.add(serviceData, { id: 'ServiceData' });

const serviceOut = z.object({
  identifier: z.string(),
  agency: z.string(),
  version: z.number(),
  published_at: z.string(),
  data: serviceData,
});

const writeRoles = ['program_admin', 'agency_admin', 'agency_editor'] as const;

/** /api/v1/services: public search and records; agency tokens write drafts and publish. */
export async function catalogApi(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/services',
    {
      config: { access: 'public' },
      schema: {
        tags: ['services'],
        summary: 'Search published services (Arabic and English, any spelling), with facets',
        querystring: z
          .object({
            ...pageQuery,
            q: z.string().max(200).optional(),
            agency: codes,
            category: codes,
            audience: z.preprocess(
              (v) => (v === undefined ? undefined : Array.isArray(v) ? v : String(v).split(',')),
              z.array(z.enum(audiences)).optional(),
            ),
            maturity: z.preprocess(
              (v) => (v === undefined ? undefined : Array.isArray(v) ? v : String(v).split(',')),
              z.array(z.enum(maturities)).optional(),
            ),
            channel: z.preprocess(
              (v) => (v === undefined ? undefined : Array.isArray(v) ? v : String(v).split(',')),
              z.array(z.enum(channelTypes)).optional(),
            ),
            status: z.preprocess(
              (v) => (v === undefined ? undefined : Array.isArray(v) ? v : String(v).split(',')),
              z.array(z.enum(lifecycleStatuses)).optional(),
            ),
            life_event: codes,
            business_event: codes,
            prefix: z.enum(['true', 'false']).optional(),
          })
          .strict(),
        response: {
          200: z.object({
            total: z.number(),
            page: z.number(),
            per_page: z.number(),
            items: z.array(
              cardSchema.extend({
                score: z
                  .number()
                  .describe(
                    'Relevance (BM25F with coordination, title bonus and status boost); comparable within one query only. Without q: the status boost',
                  ),
                matched_fields: z
                  .array(z.enum(['name', 'keywords', 'agency', 'description']))
                  .describe('Where the query words (or, in name and keywords, their completions and one-typo variants) matched'),
                coverage: z
                  .number()
                  .min(0)
                  .max(1)
                  .describe('Share of the query words this service matched: 1 unless the query was relaxed'),
              }),
            ),
            relaxed: z
              .boolean()
              .describe('True when fewer than 5 services matched every word, so services matching at least half of the words are included'),
            facets: z.record(z.string(), z.record(z.string(), z.number())),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const { q = '', page, per_page, prefix, lang: _lang, ...rest } = req.query;
      const filters = Object.fromEntries(
        Object.entries(rest).filter(([k, v]) => v && [...facetNames, 'life_event', 'business_event'].includes(k)),
      ) as Record<string, string[]>;
      const res = await catalogSearch(deps).search(q, {
        filters,
        limit: per_page,
        offset: (page - 1) * per_page,
        prefix: prefix === undefined ? undefined : prefix === 'true',
      });
      const base = deps.config.baseUrl;
      return sendCached(req, reply, {
        total: res.total,
        page,
        per_page,
        relaxed: res.relaxed,
        items: res.hits.map(({ card: c, score, fields, coverage }) => ({
          identifier: c.identifier,
          agency: c.agencyCode,
          name_ar: c.name_ar,
          name_en: c.name_en,
          summary_ar: c.summary_ar,
          summary_en: c.summary_en,
          status: c.status,
          maturity: c.maturity,
          free: c.free,
          online: c.online,
          updated_at: c.publishedAt,
          url: `${base}/${req.lang}/services/${c.identifier}`,
          score: Math.round(score * 1e4) / 1e4,
          matched_fields: fields as ('name' | 'keywords' | 'agency' | 'description')[],
          coverage: Math.round(coverage * 1e4) / 1e4,
        })),
        facets: res.facets,
      });
    },
  );

  r.get(
    '/api/v1/services/:identifier',
    {
      config: { access: 'public' },
      schema: {
        tags: ['services'],
        summary: 'One published service',
        params: z.object({ identifier: z.string().max(80) }),
        response: { 200: serviceOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { row, data } = await catalog.getPublished(deps, req.params.identifier);
      const agency = (await allAgencies(deps)).find((a) => a.id === row.agency_id);
      return sendCached(req, reply, {
        identifier: row.identifier,
        agency: agency?.code ?? '',
        version: row.published_version,
        published_at: row.published_at ?? '',
        data,
      });
    },
  );

  r.get(
    '/api/v1/taxonomies',
    {
      config: { access: 'public' },
      schema: {
        tags: ['services'],
        summary: 'Topics, life events and business events',
        querystring: z.object({ kind: z.enum(taxonomyKinds).optional(), lang: z.enum(['ar', 'en']).optional() }).strict(),
        response: {
          200: z.object({
            items: z.array(z.object({ kind: z.enum(taxonomyKinds), code: z.string(), name_ar: z.string(), name_en: z.string() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const terms = await repo.listTerms(deps.db, req.query.kind);
      return sendCached(req, reply, { items: terms.map(({ kind, code, name_ar, name_en }) => ({ kind, code, name_ar, name_en })) }, 300);
    },
  );

  for (const [url, scope] of [
    ['/api/v1/catalog.jsonld', 'all'],
    ['/api/v1/agencies/:code/services.jsonld', 'agency'],
    ['/api/v1/services/:identifier.jsonld', 'service'],
  ] as const) {
    r.get(
      url,
      {
        config: { access: 'public' },
        schema: {
          tags: ['services'],
          summary: `CPSV-AP 3.2 JSON-LD: ${scope === 'all' ? 'the whole catalog' : scope === 'agency' ? "one agency's services" : 'one service'}`,
        },
      },
      async (req, reply) => {
        const params = req.params as Record<string, string>;
        let doc: object;
        if (scope === 'service') {
          const { row, data } = await catalog.getPublished(deps, params.identifier);
          doc = await cpsvDocument(deps, [{ ...row, data }]);
        } else {
          const systemCtx = { ...req.ctx, actor: { kind: 'system' as const, label: 'public export' } };
          const agencyId = scope === 'agency' ? (await getAgencyByCode(deps, params.code)).id : undefined;
          doc = JSON.parse((await exportCatalog(deps, systemCtx, { format: 'jsonld', agencyId, lang: req.lang })).body.toString('utf8'));
        }
        return sendCached(req, reply, doc, 300, 'application/ld+json; charset=utf-8');
      },
    );
  }

  r.post(
    '/api/v1/services',
    {
      config: { access: { roles: writeRoles, scopes: ['services:write'] } },
      schema: {
        tags: ['services'],
        summary: 'Create a service as a draft of your agency',
        security: [{ bearer: [] }],
        body: newServiceInput,
        response: { 201: z.object({ id: z.number(), identifier: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const row = await catalog.createService(deps, req.ctx, req.body);
      return reply.code(201).send({ id: row.id, identifier: row.identifier });
    },
  );

  r.put(
    '/api/v1/services/:identifier/draft',
    {
      config: { access: { roles: writeRoles, scopes: ['services:write'] } },
      schema: {
        tags: ['services'],
        summary: "Replace a service's working draft",
        security: [{ bearer: [] }],
        params: z.object({ identifier: z.string().max(80) }),
        body: serviceData,
        response: { 200: z.object({ identifier: z.string(), has_draft: z.boolean() }), ...errorResponses },
      },
    },
    async (req) => {
      const s = await catalog.getByIdentifierForEdit(deps, req.ctx, req.params.identifier);
      await catalog.saveDraft(deps, req.ctx, s.row.id, req.body);
      return { identifier: s.row.identifier, has_draft: true };
    },
  );

  r.post(
    '/api/v1/services/:identifier/publish',
    {
      config: { access: { roles: ['program_admin', 'agency_admin'], scopes: ['services:publish'] } },
      schema: {
        tags: ['services'],
        summary: 'Publish the draft as a new version',
        security: [{ bearer: [] }],
        params: z.object({ identifier: z.string().max(80) }),
        body: z
          .object({ note: z.string().max(500).optional() })
          .strict()
          .optional(),
        response: { 200: z.object({ identifier: z.string(), version: z.number() }), ...errorResponses },
      },
    },
    async (req) => {
      const s = await catalog.getByIdentifierForEdit(deps, req.ctx, req.params.identifier);
      const row = await catalog.publish(deps, req.ctx, s.row.id, req.body?.note);
      return { identifier: row.identifier, version: row.published_version };
    },
  );

  r.get(
    '/api/v1/services/:identifier/versions',
    {
      config: { access: { roles: [...roles], scopes: ['services:read'] } },
      schema: {
        tags: ['services'],
        summary: "A service's draft state and published versions (its agency's staff and tokens)",
        security: [{ bearer: [] }],
        params: z.object({ identifier: z.string().max(80) }),
        response: {
          200: z.object({
            identifier: z.string(),
            has_draft: z.boolean(),
            draft: serviceData.nullable(),
            versions: z.array(
              z.object({ version: z.number(), published_at: z.string(), published_by: z.string().nullable(), note: z.string().nullable() }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const s = await catalog.getByIdentifierForEdit(deps, req.ctx, req.params.identifier);
      return { identifier: s.row.identifier, has_draft: !!s.draft, draft: s.draft, versions: s.versions };
    },
  );
}
