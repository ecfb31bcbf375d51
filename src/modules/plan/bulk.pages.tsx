import type { FastifyInstance } from 'fastify';
import { setFlash } from '../../platform/http/context.ts';
import { AppError, fieldError } from '../../platform/http/errors.ts';
import { idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { bulkTemplate, commitBulk, PLAN_BULK_LIMITS, previewBulk } from './bulk.service.ts';
import { AGENCY_ROLES, PLAN_ROLES } from './plan.policy.ts';
import * as plans from './plan.service.ts';
import { BulkPage, BulkPreviewPage } from './views/bulk.views.tsx';

// Progress from a file: the owner agencies' staff upload a CSV or XLSX of figures, see the dry run, and
// commit it as the drafts of their period reports (the services check which initiatives are theirs).

export async function bulkPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const staff = { config: { access: { roles: AGENCY_ROLES } } };
  // The page and template explain the file to anyone in the plan console; only agency staff upload.
  const everyone = { config: { access: { roles: PLAN_ROLES } } };

  app.get('/console/plans/:id/bulk', everyone, async (req, reply) =>
    sendPage(req, reply, <BulkPage plan={await plans.getPlan(deps, req.ctx, idParam(req))} />),
  );
  app.get('/console/plans/:id/bulk/template.csv', everyone, async (req, reply) => {
    const { plan, csv } = await bulkTemplate(deps, req.ctx, idParam(req));
    return reply
      .header('content-disposition', `attachment; filename="plan-${plan.code}-progress.csv"`)
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(csv);
  });
  app.post(
    '/console/plans/:id/bulk',
    {
      config: {
        access: { roles: AGENCY_ROLES },
        // Twice the import's own limit, so a file a little too big gets the form's own error, not a bare 413.
        multipartOptions: { limits: { fileSize: 2 * PLAN_BULK_LIMITS.maxBytes, files: 1, fields: 3, parts: 4 } },
      },
    },
    async (req, reply) => {
      const plan = await plans.getPlan(deps, req.ctx, idParam(req));
      const file = (req.body as Record<string, unknown> | undefined)?.file;
      try {
        if (!Buffer.isBuffer(file)) fieldError('file', 'validation.file_required');
        const p = await previewBulk(deps, req.ctx, plan.id, file);
        return sendPage(
          req,
          reply,
          <BulkPreviewPage plan={plan} rows={p.rows} refused={p.refused} storageKey={p.key} sha256={p.sha256} />,
          p.refused ? 422 : 200,
        );
      } catch (err) {
        if (err instanceof AppError && err.fieldErrors.length)
          return sendPage(req, reply, <BulkPage plan={plan} errors={err.fieldErrors} />, err.status);
        throw err;
      }
    },
  );
  app.post('/console/plans/:id/bulk/commit', staff, async (req, reply) => {
    const id = idParam(req);
    await commitBulk(deps, req.ctx, id, formValues(req.body).key);
    setFlash(req, reply, 'plan.bulk.flash');
    return reply.redirect(`/${req.lang}/console/plans/${id}`, 303);
  });
}
