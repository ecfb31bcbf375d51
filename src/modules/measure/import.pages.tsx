import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { setFlash } from '../../platform/http/context.ts';
import { AppError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { idParam } from '../../platform/http/pages.ts';
import { sendPage } from '../../platform/views/render.tsx';
import {
  answersReportCsv,
  applyAnswersUpload,
  MEASURE_IMPORT_LIMITS,
  previewAnswersUpload,
  reviewAnswersUpload,
  type Uploader,
} from './bulk.service.ts';
import { getRound } from './rounds.service.ts';
import { AnswersImportPage, AnswersPreviewPage } from './views/import.views.tsx';

// Bulk answers: the upload form, its dry run, and applying it (the template is a download, in downloads.ts).

export const IMPORT_ROLES = ['program_admin', 'agency_admin', 'agency_editor'] as const;

export async function importPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const uploaders = { config: { access: { roles: IMPORT_ROLES } } };
  const who = (req: FastifyRequest): Uploader => (hasRole(req.ctx.actor, 'program_admin') ? 'office' : 'agency');
  const roundFor = async (req: FastifyRequest) => {
    const { round } = await getRound(deps, req.ctx, idParam(req));
    if (round.status !== 'open') throw new NotFoundError();
    return round;
  };

  app.get('/console/measure/rounds/:id/import', uploaders, async (req, reply) =>
    sendPage(req, reply, <AnswersImportPage round={await roundFor(req)} who={who(req)} />),
  );
  app.post(
    '/console/measure/rounds/:id/import',
    {
      config: {
        access: { roles: IMPORT_ROLES },
        // Twice the import's own limit, so a file a little too big gets the form's own error, not a bare 413.
        multipartOptions: { limits: { fileSize: 2 * MEASURE_IMPORT_LIMITS.maxBytes, files: 1, fields: 3, parts: 4 } },
      },
    },
    async (req, reply) => {
      const round = await roundFor(req);
      const file = (req.body as Record<string, unknown> | undefined)?.file;
      try {
        if (!Buffer.isBuffer(file)) fieldError('file', 'validation.file_required');
        const p = await previewAnswersUpload(deps, req.ctx, round.id, file, req.uploadNames?.file ?? 'upload');
        return sendPage(
          req,
          reply,
          <AnswersPreviewPage round={round} upload={p.upload} rows={p.rows} counts={p.counts} groups={p.groups} />,
          p.counts.refused ? 422 : 200,
        );
      } catch (err) {
        if (err instanceof AppError && err.fieldErrors.length)
          return sendPage(req, reply, <AnswersImportPage round={round} who={who(req)} errors={err.fieldErrors} />, err.status);
        throw err;
      }
    },
  );
  const uploadParam = (req: FastifyRequest) => {
    const uploadId = Number((req.params as Record<string, string>).upload);
    if (!Number.isInteger(uploadId) || uploadId <= 0) throw new NotFoundError();
    return uploadId;
  };
  app.get('/console/measure/rounds/:id/import/:upload', uploaders, async (req, reply) => {
    const round = await roundFor(req);
    const p = await reviewAnswersUpload(deps, req.ctx, round.id, uploadParam(req));
    if (p.upload.applied_at) return reply.redirect(`/${req.lang}/console/measure/rounds/${round.id}`, 303);
    return sendPage(req, reply, <AnswersPreviewPage round={round} upload={p.upload} rows={p.rows} counts={p.counts} groups={p.groups} />);
  });
  // The dry run as CSV in the page's language (re-read from the kept file, as the page is).
  app.get('/console/measure/rounds/:id/import/:upload/report.csv', uploaders, async (req, reply) => {
    const round = await roundFor(req);
    const p = await reviewAnswersUpload(deps, req.ctx, round.id, uploadParam(req));
    return reply
      .header('content-disposition', `attachment; filename="answers-${p.upload.id}-report.csv"`)
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(answersReportCsv(req.lang, p.rows));
  });
  app.post('/console/measure/rounds/:id/import/:upload/apply', uploaders, async (req, reply) => {
    const id = idParam(req);
    await applyAnswersUpload(deps, req.ctx, id, uploadParam(req));
    setFlash(req, reply, 'measure.flash.imported');
    return reply.redirect(`/${req.lang}/console/measure/rounds/${id}`, 303);
  });
}
