import type { FastifyInstance, FastifyReply } from 'fastify';
import { idParam } from '../../platform/http/pages.ts';
import type { AttachmentRow } from './cases.repo.ts';
import { beneficiaryAttachment } from './cases.service.ts';
import { CASE_ROLES, METRIC_ROLES } from './feedback.policy.ts';
import { staffAttachment } from './inbox.service.ts';
import { exportMetrics } from './metrics.export.ts';
import { metricsScope } from './metrics.pages.tsx';
import { tokenParam, trackingParam } from './pages.util.ts';

// Files, not pages: registered once, without a language prefix (the language of a refusal comes
// from ?lang= or Accept-Language), so the page inventory and its accessibility checks skip them.

function sendAttachment(deps: FastifyInstance['deps'], reply: FastifyReply, a: AttachmentRow) {
  return reply
    .header('content-disposition', `attachment; filename="attachment-${a.id}.${a.ext}"`)
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex, nofollow')
    .type(a.mime)
    .send(deps.storage.stream(a.storage_key));
}

/** A beneficiary's attachment (by the status link), a case's attachment (its agency) and the metrics export. */
export async function downloadRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;

  app.get('/feedback/cases/:tracking/attachments/:id', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) =>
    sendAttachment(deps, reply, await beneficiaryAttachment(deps, req.ctx, trackingParam(req), tokenParam(req), idParam(req))),
  );

  app.get(
    '/console/feedback/cases/:id/attachments/:attachment',
    { config: { access: { roles: CASE_ROLES } }, schema: { hide: true } },
    async (req, reply) => sendAttachment(deps, reply, await staffAttachment(deps, req.ctx, idParam(req), idParam(req, 'attachment'))),
  );

  app.get(
    '/console/feedback/metrics/export',
    { config: { access: { roles: METRIC_ROLES } }, schema: { hide: true } },
    async (req, reply) => {
      const { scope } = await metricsScope(deps, req);
      const format = (req.query as Record<string, unknown>).format === 'xlsx' ? 'xlsx' : 'csv';
      const file = await exportMetrics(deps, req.ctx, scope, format, req.lang);
      return reply
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .type(file.type)
        .send(file.body);
    },
  );
}
