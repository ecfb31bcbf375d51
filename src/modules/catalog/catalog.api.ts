import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../platform/authz/roles.ts';
import { errorResponses, pageQuery, sendCached } from '../../platform/http/api.ts';
import { fieldError } from '../../platform/http/errors.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { allAgencies, getAgencyByCode } from '../identity/public.ts';
import * as repo from './catalog.repo.ts';
import { audiences, channelTypes, lifecycleStatuses, maturities, newServiceInput, serviceData, taxonomyKinds } from './catalog.schema.ts';
import { catalogSearch, facetNames } from './catalog.search.ts';
import * as catalog from './catalog.service.ts';
import { importOptions } from './io/import.read.ts';
import { importNow } from './io/imports.service.ts';
import { cpsvDocument, exportCatalog } from './io/io.service.ts';
import { IMPORT_LIMITS } from './io/limits.ts';
import { fieldName, fixHint, groupReasons } from './io/report.ts';

const codes = z.preprocess(
  (v) => (v === undefined ? undefined : Array.isArray(v) ? v : String(v).split(',')),
  z
    .array(z.string().regex(/^[A-Za-z0-9./_-]{1,60}$/))
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

/**
 * An answer of the search API as it goes out: its JSON, encoded once (a 50-service answer is ~45 KB,
 * half of it Arabic: encoding it was most of the time a kept answer took), and its ETag (as
 * sendCached makes them).
 */
interface Answer {
  body: Buffer;
  etag: string;
}

/** How many bytes of answers the search API keeps. */
export const ANSWER_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * The search API's answers by request (language and query string as parsed), newest used last, up to
 * ANSWER_CACHE_BYTES of JSON; emptied whenever the index changes. The engine's answer and its JSON
 * and digest were three quarters of the route's time at 10,000 services, for the same few popular
 * queries asked again and again. `generation` counts the index's changes: an answer computed before
 * a change that lands while it is on its way is not kept.
 */
class AnswerCache {
  private readonly answers = new Map<string, Answer>();
  private bytes = 0;
  generation = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): Answer | undefined {
    const a = this.answers.get(key);
    if (a) {
      this.answers.delete(key);
      this.answers.set(key, a);
    }
    return a;
  }

  set(key: string, a: Answer, generation: number): void {
    if (generation !== this.generation || a.body.length > this.maxBytes / 8) return;
    this.answers.set(key, a);
    this.bytes += a.body.length;
    for (const [k, old] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.answers.delete(k);
      this.bytes -= old.body.length;
    }
  }

  clear(): void {
    this.generation++;
    this.answers.clear();
    this.bytes = 0;
  }
}

/** Sends an answer as sendCached does (strong ETag, public Cache-Control; 304 when If-None-Match names it). */
function sendAnswer(request: FastifyRequest, reply: FastifyReply, { body, etag }: Answer): FastifyReply {
  reply.header('etag', etag).header('cache-control', 'public, max-age=60').header('vary', 'accept-language');
  const inm = request.headers['if-none-match'];
  if (inm?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(body);
}

const answerOf = (json: string): Answer => {
  const body = Buffer.from(json, 'utf8');
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
};

/** /api/v1/services: public search and records; agency tokens write drafts and publish. */
export async function catalogApi(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const search = catalogSearch(deps);
  const answers = new AnswerCache(ANSWER_CACHE_BYTES);
  search.onChange(() => answers.clear());

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
            weak: z
              .boolean()
              .describe('True when no service matched even half of the words, so these match only some of them: weak results'),
            facets: z.record(z.string(), z.record(z.string(), z.number())),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      // The index brought up to date first (at most one read of the feed a second), so that an answer
      // kept from before a change is gone before it could be served.
      await search.refresh();
      const key = `${req.lang} ${JSON.stringify(req.query)}`;
      const kept = answers.get(key);
      if (kept) return sendAnswer(req, reply, kept);
      const generation = answers.generation;
      const { q = '', page, per_page, prefix, lang: _lang, ...rest } = req.query;
      const filters = Object.fromEntries(
        Object.entries(rest).filter(([k, v]) => v && [...facetNames, 'life_event', 'business_event'].includes(k)),
      ) as Record<string, string[]>;
      const res = await search.search(q, {
        filters,
        limit: per_page,
        offset: (page - 1) * per_page,
        prefix: prefix === undefined ? undefined : prefix === 'true',
      });
      const base = deps.config.baseUrl;
      const answer = answerOf(
        JSON.stringify({
          total: res.total,
          page,
          per_page,
          relaxed: res.relaxed,
          weak: res.weak,
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
        }),
      );
      answers.set(key, answer, generation);
      return sendAnswer(req, reply, answer);
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

  const problemOut = z.object({ field: z.string(), field_name: z.string(), key: z.string(), message: z.string(), hint: z.string() });
  const outcome = z.enum(['create', 'update', 'unchanged', 'draft', 'refuse']);
  r.post(
    '/api/v1/catalog/import',
    {
      // The file travels in JSON (base64 for XLSX): the upload limit plus the encoding's third.
      bodyLimit: Math.ceil(IMPORT_LIMITS.maxBytes * 1.4) + 64 * 1024,
      config: { access: { roles: ['program_admin', 'agency_admin'], scopes: ['services:publish'] } },
      schema: {
        tags: ['services'],
        summary:
          'Import services (and agencies) from CSV, XLSX or CPSV-AP 3.2 JSON-LD: a dry run by default, or the real run in one transaction',
        description:
          'Send `content` (CSV text or a JSON-LD document as text) or `content_base64` (XLSX). `options` gives values for Yusr-only fields rows leave out (otherwise such rows import as incomplete drafts) and `announce` (default false) whether publications draft announcements. An agency’s token imports into its own agency only (other agencies’ rows are refused); the program office’s own token imports into any agency, and creates or changes the file’s agencies only with agency:write too. A real run with refused rows answers 409; the dry run says why, grouped by reason in the `lang` asked for.',
        security: [{ bearer: [] }],
        querystring: z.object({ dry_run: z.enum(['true', 'false']).default('true'), lang: z.enum(['ar', 'en']).optional() }).strict(),
        body: z
          .object({
            content: z.string().max(IMPORT_LIMITS.maxBytes).optional(),
            content_base64: z
              .string()
              .max(Math.ceil(IMPORT_LIMITS.maxBytes * 1.4))
              .optional(),
            options: importOptions.partial().optional(),
          })
          .strict(),
        response: {
          200: z.object({
            dry_run: z.boolean(),
            applied: z.boolean(),
            refused: z.boolean(),
            counts: z.record(z.string(), z.number()).optional(),
            groups: z.array(
              z.object({
                what: z.enum(['service', 'agency']),
                field: z.string(),
                field_name: z.string(),
                key: z.string(),
                message: z.string(),
                hint: z.string(),
                rows: z.array(z.number()),
              }),
            ),
            agencies: z.array(
              z.object({
                row: z.number(),
                code: z.string().optional(),
                outcome,
                changes: z.array(z.string()),
                problems: z.array(problemOut),
              }),
            ),
            rows: z.array(
              z.object({
                row: z.number(),
                identifier: z.string().optional(),
                agency: z.string().optional(),
                outcome,
                changes: z.array(z.string()),
                missing: z.array(z.string()).optional(),
                launch: z.boolean().optional(),
                problems: z.array(problemOut),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { content, content_base64, options } = req.body;
      if ((content === undefined) === (content_base64 === undefined)) fieldError('content', 'validation.file_required');
      const file = content !== undefined ? Buffer.from(content, 'utf8') : Buffer.from(content_base64 as string, 'base64');
      const dryRun = req.query.dry_run !== 'false';
      const res = await importNow(deps, req.ctx, file, options ?? {}, dryRun);
      const lang = req.lang;
      const problems = (list: { field: string; key: string; params?: Record<string, unknown> }[], agencies = false) =>
        list.map((p) => ({
          field: p.field,
          field_name: fieldName(lang, p.field),
          key: p.key,
          message: translate(lang, p.key as never, p.params as never),
          hint: fixHint(lang, p.field, agencies),
        }));
      return {
        dry_run: dryRun,
        applied: res.applied,
        refused: res.refused,
        counts: res.counts,
        groups: groupReasons(lang, res.rows, res.agencies).map(({ fieldName: field_name, ...g }) => ({ ...g, field_name })),
        agencies: res.agencies.map((a) => ({
          row: a.row,
          code: a.code,
          outcome: a.outcome,
          changes: a.changes,
          problems: problems(a.problems, true),
        })),
        rows: res.rows.map((x) => ({
          row: x.row,
          identifier: x.identifier,
          agency: x.agencyCode,
          outcome: x.outcome,
          changes: x.changes,
          missing: x.missing,
          launch: x.launch,
          problems: problems(x.problems),
        })),
      };
    },
  );
}
