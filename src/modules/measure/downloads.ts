import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAuditNow } from '../../platform/audit/audit.ts';
import { idParam } from '../../platform/http/pages.ts';
import { isLang } from '../../platform/i18n/i18n.ts';
import { answersTemplate } from './bulk.service.ts';
import { evidenceFile } from './evidence.service.ts';
import { auditExport } from './finalise.service.ts';
import { frameworkJson, getFramework } from './frameworks.service.ts';
import { MEASURE_ROLES, PROGRAM_ROLES } from './measure.policy.ts';
import { reportPdf, scoresWorkbook } from './report.service.tsx';

// Files, not pages: registered once (no /ar or /en prefix), the language of a workbook or PDF
// comes from ?lang=. Each one is authorized in its service like the page it belongs to.

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987), so Arabic file names survive. */
export function attachment(reply: FastifyReply, filename: string, type: string) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'private, no-store')
    .type(type);
}

export async function downloadRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const program = { config: { access: { roles: PROGRAM_ROLES } }, schema: { hide: true } };
  const readers = { config: { access: { roles: MEASURE_ROLES } }, schema: { hide: true } };
  const lang = (q: unknown) => {
    const l = (q as Record<string, unknown>)?.lang;
    return isLang(l) ? l : 'ar';
  };

  app.get('/measure/frameworks/:id/framework.json', program, async (req, reply) => {
    const f = await getFramework(deps, req.ctx, idParam(req));
    return attachment(reply, `${f.row.key}-${f.row.version}.json`, 'application/json; charset=utf-8').send(frameworkJson(f.framework));
  });

  app.get('/measure/rounds/:id/framework.json', program, async (req, reply) => {
    const x = await auditExport(deps, req.ctx, idParam(req));
    return attachment(reply, `${x.code}-framework.json`, 'application/json; charset=utf-8').send(x.frameworkJson);
  });
  // Every spreadsheet taken out is on the record: who, which round, which file.
  const exported = (req: FastifyRequest, roundId: number, file: string) =>
    recordAuditNow(deps.db, req.ctx, { action: 'measure.round.export', recordType: 'measure_round', recordId: roundId, after: { file } });

  // The bulk-answer template, filled with what the caller may upload (authorized in its service).
  const uploaders = { config: { access: { roles: ['program_admin', 'agency_admin', 'agency_editor'] as const } }, schema: { hide: true } };
  app.get('/measure/rounds/:id/answers-template.csv', uploaders, async (req, reply) => {
    const id = idParam(req);
    return attachment(reply, `answers-${id}.csv`, 'text/csv; charset=utf-8').send(await answersTemplate(deps, req.ctx, id));
  });

  app.get('/measure/rounds/:id/answers.csv', program, async (req, reply) => {
    const x = await auditExport(deps, req.ctx, idParam(req));
    await exported(req, idParam(req), 'answers.csv');
    return attachment(reply, `${x.code}-answers.csv`, 'text/csv; charset=utf-8').send(x.answersCsv);
  });
  app.get('/measure/rounds/:id/scores.csv', program, async (req, reply) => {
    const x = await auditExport(deps, req.ctx, idParam(req));
    await exported(req, idParam(req), 'scores.csv');
    return attachment(reply, `${x.code}-scores.csv`, 'text/csv; charset=utf-8').send(x.scoresCsv);
  });

  app.get('/measure/rounds/:id/scores.xlsx', readers, async (req, reply) => {
    const file = await scoresWorkbook(deps, req.ctx, idParam(req), lang(req.query));
    await exported(req, idParam(req), file.filename);
    return attachment(reply, file.filename, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(file.body);
  });

  app.get('/measure/rounds/:id/report.pdf', readers, async (req, reply) => {
    const file = await reportPdf(deps, req.ctx, idParam(req), lang(req.query));
    return attachment(reply, file.filename, 'application/pdf').send(file.body);
  });

  app.get(
    '/measure/evidence/:id',
    { config: { access: { roles: [...PROGRAM_ROLES, 'agency_admin', 'agency_editor'] as const } }, schema: { hide: true } },
    async (req, reply) => {
      const { row, stream } = await evidenceFile(deps, req.ctx, idParam(req));
      return attachment(reply, row.filename, row.mime).header('x-content-type-options', 'nosniff').send(stream);
    },
  );
}
