import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasRole } from '../../../platform/auth/actor.ts';
import { AppError, fieldError } from '../../../platform/http/errors.ts';
import { formValues } from '../../../platform/http/validation.ts';
import { sendPage } from '../../../platform/views/render.tsx';
import { allAgencies } from '../../identity/agencies.service.ts';
import { catalogPolicy } from '../catalog.policy.ts';
import { ImportExportPage, ImportReportPage } from '../views/io.views.tsx';
import { type ExportFormat, exportCatalog, planImport, runImport, stashUpload } from './io.service.ts';

const PROGRAM = ['program_admin', 'program_reviewer', 'leadership_viewer'] as const;

export async function ioPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const readers = { config: { access: { roles: [...PROGRAM, 'agency_admin', 'agency_editor'] as const } } };
  const importers = { config: { access: { roles: ['program_admin', 'agency_admin'] as const } } };

  const scope = async (req: FastifyRequest) => {
    const all = await allAgencies(deps);
    const allowAll = hasRole(req.actor, ...PROGRAM);
    return { allowAll, agencies: allowAll ? all : all.filter((a) => catalogPolicy.read(req.actor, a.id)) };
  };

  app.get('/console/catalog/io', readers, async (req, reply) => sendPage(req, reply, <ImportExportPage {...(await scope(req))} />));

  app.get('/console/catalog/export', readers, async (req, reply) => {
    const q = req.query as Record<string, string>;
    const format = (['csv', 'xlsx', 'jsonld'].includes(q.format) ? q.format : 'csv') as ExportFormat;
    const { allowAll, agencies } = await scope(req);
    const agencyId = Number(q.agency) > 0 ? Number(q.agency) : allowAll ? undefined : agencies[0]?.id;
    const file = await exportCatalog(deps, req.ctx, { format, agencyId, lang: req.lang });
    return reply
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .type(file.type)
      .send(file.body);
  });

  app.post('/console/catalog/import', importers, async (req, reply) => {
    const file = (req.body as Record<string, unknown> | undefined)?.file;
    try {
      if (!Buffer.isBuffer(file)) fieldError('file', 'validation.file_required');
      const plan = await planImport(deps, req.ctx, file);
      const token = plan.rows.some((r) => r.outcome === 'refuse') ? undefined : await stashUpload(deps, req.ctx, file);
      return sendPage(req, reply, <ImportReportPage rows={plan.rows} token={token} />);
    } catch (err) {
      if (err instanceof AppError && err.fieldErrors.length)
        return sendPage(req, reply, <ImportExportPage {...(await scope(req))} errors={err.fieldErrors} />, err.status);
      throw err;
    }
  });

  app.post('/console/catalog/import/run', importers, async (req, reply) => {
    const token = String(formValues(req.body).token ?? '');
    const done = await runImport(deps, req.ctx, token);
    return sendPage(req, reply, <ImportReportPage rows={[]} done={done} />, 201);
  });
}
