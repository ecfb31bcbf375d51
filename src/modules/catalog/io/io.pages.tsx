import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasRole } from '../../../platform/auth/actor.ts';
import { AppError, fieldError } from '../../../platform/http/errors.ts';
import { idParam } from '../../../platform/http/pages.ts';
import { sendPage } from '../../../platform/views/render.tsx';
import { allAgencies } from '../../identity/public.ts';
import { catalogPolicy } from '../catalog.policy.ts';
import { ImportExportPage, ImportStatusPage } from '../views/io.views.tsx';
import { applyImport, getImport, startImport } from './imports.service.ts';
import { type ExportFormat, exportCatalog } from './io.service.ts';
import { reportCsv } from './report.ts';

/** The dry run's choices from the upload form (multipart fields: one value, or several for audiences). */
function formOptions(body: Record<string, unknown> | undefined) {
  const one = (k: string) => {
    const v = body?.[k];
    const x = Array.isArray(v) ? v[0] : v;
    return typeof x === 'string' && x !== '' ? x : undefined;
  };
  const list = body?.audiences === undefined ? [] : ([] as unknown[]).concat(body.audiences).filter((x) => typeof x === 'string' && x);
  return {
    audiences: list,
    channel: one('channel'),
    maturity: one('maturity'),
    status: one('status'),
    announce: one('announce') === 'yes',
  };
}

const PROGRAM = ['program_admin', 'program_reviewer', 'leadership_viewer'] as const;

export async function ioPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const readers = { config: { access: { roles: [...PROGRAM, 'agency_admin', 'agency_editor'] as const } } };
  const importers = { config: { access: { roles: ['program_admin', 'agency_admin'] as const } } };

  const scope = async (req: FastifyRequest) => {
    const all = await allAgencies(deps);
    const allowAll = hasRole(req.actor, ...PROGRAM);
    return {
      allowAll,
      canImport: hasRole(req.actor, ...importers.config.access.roles),
      agencies: allowAll ? all : all.filter((a) => catalogPolicy.read(req.actor, a.id)),
    };
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
    const body = req.body as Record<string, unknown> | undefined;
    const file = body?.file;
    try {
      if (!Buffer.isBuffer(file)) fieldError('file', 'validation.file_required');
      const id = await startImport(deps, req.ctx, file, req.uploadNames?.file ?? 'import', formOptions(body));
      return reply.redirect(`/${req.lang}/console/catalog/imports/${id}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.fieldErrors.length)
        return sendPage(req, reply, <ImportExportPage {...(await scope(req))} errors={err.fieldErrors} />, err.status);
      throw err;
    }
  });

  // The import's page follows the worker: it reloads itself until the dry run (or the real run) is done.
  app.get('/console/catalog/imports/:id', importers, async (req, reply) => {
    const imp = await getImport(deps, req.ctx, idParam(req));
    if (imp.status === 'refused') return sendPage(req, reply, <ImportExportPage {...(await scope(req))} errors={imp.errors} />, 422);
    return sendPage(req, reply, <ImportStatusPage imp={imp} />, imp.status === 'failed' ? 409 : 200);
  });

  app.get('/console/catalog/imports/:id/report.csv', importers, async (req, reply) => {
    const imp = await getImport(deps, req.ctx, idParam(req));
    return reply
      .header('content-disposition', `attachment; filename="import-${imp.id}-report.csv"`)
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(reportCsv(req.lang, imp.rows, imp.agencies));
  });

  app.post('/console/catalog/imports/:id/run', importers, async (req, reply) => {
    const id = idParam(req);
    await applyImport(deps, req.ctx, id);
    return reply.redirect(`/${req.lang}/console/catalog/imports/${id}`, 303);
  });
}
