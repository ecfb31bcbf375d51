import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorAgencyIds } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { errorResponses, pageQuery, sendCached } from '../../platform/http/api.ts';
import * as catalog from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import { listAnnouncements, servicesOf } from './announcements.repo.ts';
import * as ann from './announcements.service.ts';
import { NOTIFY_STAFF } from './console.pages.tsx';
import { urls } from './links.ts';
import { silentLaunchRate } from './notify.metrics.ts';
import { notifyPolicy } from './notify.policy.ts';
import { announcementInput, approveInput, subscribeInput } from './notify.schema.ts';
import { announcementKinds, announcementStatuses } from './notify.tables.ts';
import { deliveryReport } from './report.ts';
import { subscribe } from './subscriptions.service.ts';

const announcementOut = z.object({
  id: z.number(),
  agency: z.string(),
  kind: z.enum(announcementKinds),
  status: z.enum(announcementStatuses),
  title_ar: z.string(),
  title_en: z.string(),
  body_ar: z.string(),
  body_en: z.string(),
  starts_at: z.string().nullable(),
  ends_at: z.string().nullable(),
  publish_at: z.string().nullable(),
  published_at: z.string().nullable(),
  services: z.array(z.string()),
  url: z.string(),
});
z.globalRegistry.add(announcementOut, { id: 'Announcement' });

const counts = z.object({
  queued: z.number(),
  sending: z.number(),
  delivered: z.number(),
  local: z.number(),
  failed: z.number(),
  cancelled: z.number(),
});
const reportOut = z.object({
  fanout: z.object({ status: z.string(), started_at: z.string(), finished_at: z.string().nullable() }).nullable(),
  matched: z.object({ email: z.number(), digest: z.number(), sms: z.number() }),
  email: counts,
  sms: counts,
  digests: z.object({ waiting: z.number(), assembled: z.number(), sent: z.number(), failed: z.number() }),
  failures: z.array(z.object({ reason: z.string(), count: z.number() })),
  unsubscribes: z.number(),
});

const writers = { roles: ['program_admin', 'agency_admin', 'agency_editor'] as const, scopes: ['announcements:write'] as const };
const approvers = { roles: ['program_admin', 'agency_admin'] as const, scopes: ['announcements:publish'] as const };
const readers = { roles: NOTIFY_STAFF, scopes: ['announcements:write', 'announcements:publish'] as const };
const idParams = z.object({ id: z.coerce.number().int().positive() });

/** /api/v1/announcements (public read; agency tokens draft and publish), subscriptions and the silent-launch rate. */
export async function notifyApi(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  const out = async (rows: Awaited<ReturnType<typeof listAnnouncements>>, lang: 'ar' | 'en') => {
    const codes = new Map((await allAgencies(deps)).map((a) => [a.id, a.code]));
    const links = await servicesOf(
      deps.db,
      rows.map((a) => a.id),
    );
    const identifiers = new Map<number, string>();
    for (const id of new Set([...links.values()].flat())) identifiers.set(id, (await catalog.findService(deps.db, id))?.identifier ?? '');
    return rows.map((a) => ({
      id: a.id,
      agency: codes.get(a.agency_id) ?? '',
      kind: a.kind,
      status: a.status,
      title_ar: a.title_ar,
      title_en: a.title_en,
      body_ar: a.body_ar,
      body_en: a.body_en,
      starts_at: a.starts_at,
      ends_at: a.ends_at,
      publish_at: a.publish_at,
      published_at: a.published_at,
      services: (links.get(a.id) ?? []).map((id) => identifiers.get(id) ?? ''),
      url: urls.announcement(deps.config.baseUrl, lang, a.id),
    }));
  };

  r.post(
    '/api/v1/subscriptions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['notify'],
        summary: 'Ask for updates by email (a confirmation link is emailed first: double opt-in)',
        body: subscribeInput,
        response: { 202: z.object({ status: z.literal('confirmation_sent') }), ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (req, reply) => {
      await subscribe(deps, req.ctx, req.body);
      return reply.code(202).send({ status: 'confirmation_sent' as const });
    },
  );

  r.get(
    '/api/v1/announcements',
    {
      config: { access: 'public' },
      schema: {
        tags: ['notify'],
        summary: 'Published announcements, newest first',
        querystring: z.object({ ...pageQuery, agency: z.string().max(40).optional(), kind: z.enum(announcementKinds).optional() }).strict(),
        response: {
          200: z.object({ items: z.array(announcementOut), page: z.number(), per_page: z.number(), has_next: z.boolean() }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const { page, per_page, agency, kind, lang } = req.query;
      const a = agency ? (await allAgencies(deps)).find((x) => x.code === agency) : undefined;
      const rows = await listAnnouncements(
        deps.db,
        { status: 'published', kind, agencyIds: agency ? [a?.id ?? -1] : undefined },
        per_page + 1,
        (page - 1) * per_page,
      );
      return sendCached(req, reply, {
        items: await out(rows.slice(0, per_page), lang ?? req.lang),
        page,
        per_page,
        has_next: rows.length > per_page,
      });
    },
  );

  r.get(
    '/api/v1/announcements/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['notify'],
        summary: 'One published announcement',
        params: idParams,
        response: { 200: announcementOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { announcement } = await ann.getPublic(deps, req.params.id);
      return sendCached(req, reply, (await out([announcement], req.lang))[0]);
    },
  );

  r.post(
    '/api/v1/announcements',
    {
      config: { access: writers },
      schema: {
        tags: ['notify'],
        summary: 'Write a draft announcement for your agency',
        security: [{ bearer: [] }],
        body: announcementInput,
        response: { 201: announcementOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const row = await ann.createAnnouncement(deps, req.ctx, req.body);
      return reply.code(201).send((await out([row], req.lang))[0]);
    },
  );

  r.post(
    '/api/v1/announcements/:id/submit',
    {
      config: { access: writers },
      schema: {
        tags: ['notify'],
        summary: "Ask the agency administrator's approval",
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: announcementOut, ...errorResponses },
      },
    },
    async (req) => {
      await ann.submitAnnouncement(deps, req.ctx, req.params.id);
      return (await out([(await ann.getForStaff(deps, req.ctx, req.params.id)).announcement], req.lang))[0];
    },
  );

  r.post(
    '/api/v1/announcements/:id/publish',
    {
      config: { access: approvers },
      schema: {
        tags: ['notify'],
        summary: 'Approve: publish now, or at publish_at',
        security: [{ bearer: [] }],
        params: idParams,
        body: approveInput.optional(),
        response: { 200: announcementOut, ...errorResponses },
      },
    },
    async (req) => {
      await ann.approveAnnouncement(deps, req.ctx, req.params.id, req.body ?? {});
      return (await out([(await ann.getForStaff(deps, req.ctx, req.params.id)).announcement], req.lang))[0];
    },
  );

  r.get(
    '/api/v1/announcements/:id/report',
    {
      config: { access: readers },
      schema: {
        tags: ['notify'],
        summary: 'Delivery report of a published announcement',
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: reportOut, ...errorResponses },
      },
    },
    async (req) => deliveryReport(deps, req.ctx, req.params.id),
  );

  r.get(
    '/api/v1/notify/silent-launch-rate',
    {
      config: { access: readers },
      schema: {
        tags: ['notify'],
        summary: 'Services launched in [from, to) without an announcement ÷ services launched (a fraction; lower is better)',
        security: [{ bearer: [] }],
        querystring: z
          .object({
            from: z.iso.datetime(),
            to: z.iso.datetime(),
            agency: z.coerce.number().int().positive().optional(),
            lang: z.enum(['ar', 'en']).optional(),
          })
          .strict(),
        response: { 200: z.object({ launched: z.number(), silent: z.number(), rate: z.number().nullable() }), ...errorResponses },
      },
    },
    async (req) => {
      const { from, to } = req.query;
      const mine = actorAgencyIds(req.actor);
      const agencyId = req.query.agency ?? (notifyPolicy.national(req.actor) ? undefined : mine[0]);
      if (agencyId) authorize(notifyPolicy.read(req.actor, agencyId));
      else authorize(notifyPolicy.national(req.actor));
      return silentLaunchRate(deps, { agencyId, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    },
  );
}
