import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { handleForm, idParam } from '../../../platform/http/pages.ts';
import { formValues } from '../../../platform/http/validation.ts';
import { isLang, type Lang } from '../../../platform/i18n/i18n.ts';
import { pdfAvailable } from '../../../platform/pdf/pdf.ts';
import type { Errors } from '../../../platform/views/components.tsx';
import { sendPage } from '../../../platform/views/render.tsx';
import { findUsers } from '../../identity/public.ts';
import { type ArchiveForm, ArchivePage, ReportPage } from '../views/archive.views.tsx';
import { reportPdf, reportWorkbook } from './archive.files.tsx';
import { ARCHIVE_ROLES, archivePolicy, MANAGE_ROLES } from './archive.policy.ts';
import {
  addRecipient,
  auditRead,
  generateNow,
  getFrequency,
  getReport,
  getSharedReport,
  listArchive,
  listRecipients,
  removeRecipient,
  saveSchedule,
} from './archive.service.ts';

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
function attachment(reply: FastifyReply, filename: string, type: string) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'private, no-store')
    .type(type);
}

/** The leadership reports' archive: the list with downloads, the office's schedule, recipients and "generate now", each report. */
export async function archivePages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const readers = { config: { access: { roles: ARCHIVE_ROLES } } };
  const managers = { config: { access: { roles: MANAGE_ROLES } } };

  const archivePage = async (
    req: FastifyRequest,
    extra: { values?: Record<string, unknown>; errors?: Errors; form?: ArchiveForm } = {},
  ) => {
    const manage = archivePolicy.manage(req.actor);
    return (
      <ArchivePage
        rows={await listArchive(deps, req.ctx)}
        frequency={await getFrequency(deps.db)}
        manage={manage}
        recipients={manage ? await listRecipients(deps.db) : []}
        leaders={manage ? (await findUsers(deps.db, { role: 'leadership_viewer', status: 'active' }, 10_000, 0)).length : 0}
        pdf={pdfAvailable(deps.config.chromiumPath)}
        {...extra}
      />
    );
  };

  app.get('/console/reports/archive', readers, async (req, reply) => sendPage(req, reply, await archivePage(req)));

  const form = (path: string, kind: ArchiveForm, run: (req: FastifyRequest, values: Record<string, unknown>) => Promise<string>) =>
    app.post(path, managers, async (req, reply) => {
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: () => run(req, values),
        flash: `reports.archive.flash.${kind}` as const,
        rerender: (errors) => archivePage(req, { values, errors, form: kind }),
      });
    });

  form('/console/reports/archive/schedule', 'schedule', async (req, values) => {
    await saveSchedule(deps, req.ctx, values);
    return '/console/reports/archive';
  });
  form('/console/reports/archive/recipients', 'recipient', async (req, values) => {
    await addRecipient(deps, req.ctx, values);
    return '/console/reports/archive#recipients';
  });
  form('/console/reports/archive/generate', 'generate', async (req, values) => {
    const id = await generateNow(deps, req.ctx, values);
    return `/console/reports/archive/${id}`;
  });
  app.post('/console/reports/archive/recipients/:id/remove', managers, async (req, reply) =>
    handleForm(req, reply, {
      action: async () => {
        await removeRecipient(deps, req.ctx, idParam(req));
        return '/console/reports/archive#recipients';
      },
      flash: 'reports.archive.flash.removed',
      rerender: (errors) => archivePage(req, { errors }),
    }),
  );

  // A recipient the office added, without an account, opens the report through the signed link in their email.
  app.get('/reports/shared/:id', { config: { access: 'public' as const } }, async (req, reply) => {
    const shared = await getSharedReport(deps, req.ctx, idParam(req), (req.query as Record<string, unknown>).token, 'html', req.lang);
    reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer');
    return sendPage(
      req,
      reply,
      <ReportPage row={shared.row} snapshot={shared.snapshot} pdf={pdfAvailable(deps.config.chromiumPath)} token={shared.token} />,
    );
  });

  app.get('/console/reports/archive/:id', readers, async (req, reply) => {
    const { row, snapshot } = await getReport(deps, req.ctx, idParam(req));
    await auditRead(deps, req.ctx, row.id, 'html', req.lang);
    return sendPage(req, reply, <ReportPage row={row} snapshot={snapshot} pdf={pdfAvailable(deps.config.chromiumPath)} />);
  });
}

/**
 * The files, registered once (no /ar or /en prefix, like every download): the language comes from
 * ?lang= (the page's links carry it). Each is audited with its format and language.
 */
export async function archiveDownloads(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const readers = { config: { access: { roles: ARCHIVE_ROLES } }, schema: { hide: true } };
  const lang = (req: FastifyRequest): Lang => {
    const l = (req.query as Record<string, unknown>)?.lang;
    return isLang(l) ? l : req.lang;
  };

  app.get('/console/reports/archive/:id/report.pdf', readers, async (req, reply) => {
    const { row, snapshot } = await getReport(deps, req.ctx, idParam(req));
    const file = await reportPdf(deps, row, snapshot, lang(req));
    await auditRead(deps, req.ctx, row.id, 'pdf', lang(req));
    return attachment(reply, file.filename, 'application/pdf').send(file.body);
  });

  const shared = { config: { access: 'public' as const }, schema: { hide: true } };
  const token = (req: FastifyRequest) => (req.query as Record<string, unknown>).token;
  app.get('/reports/shared/:id/report.pdf', shared, async (req, reply) => {
    const { row, snapshot } = await getSharedReport(deps, req.ctx, idParam(req), token(req), 'pdf', lang(req));
    const file = await reportPdf(deps, row, snapshot, lang(req));
    return attachment(reply, file.filename, 'application/pdf').send(file.body);
  });
  app.get('/reports/shared/:id/report.xlsx', shared, async (req, reply) => {
    const { row, snapshot } = await getSharedReport(deps, req.ctx, idParam(req), token(req), 'xlsx', lang(req));
    const file = await reportWorkbook(deps, row, snapshot, lang(req));
    return attachment(reply, file.filename, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(file.body);
  });

  app.get('/console/reports/archive/:id/report.xlsx', readers, async (req, reply) => {
    const { row, snapshot } = await getReport(deps, req.ctx, idParam(req));
    const file = await reportWorkbook(deps, row, snapshot, lang(req));
    await auditRead(deps, req.ctx, row.id, 'xlsx', lang(req));
    return attachment(reply, file.filename, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(file.body);
  });
}
