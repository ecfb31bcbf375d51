import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setFlash } from '../../platform/http/context.ts';
import { AppError, type FieldError, fieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { allAgencies } from '../identity/public.ts';
import { exportKpis } from './kpi.export.ts';
import { commitUpload, KPI_IMPORT_LIMITS, previewUpload, templateCsv } from './kpi.import.ts';
import { addMonths } from './kpi.math.ts';
import { KPI_ROLES, kpiPolicy, WRITE_ROLES } from './kpi.policy.ts';
import { agencyOverview, nationalOverview, publicServiceReport, serviceReport, windowOf } from './kpi.reports.ts';
import { monthSchema } from './kpi.schema.ts';
import { latestMonth, monthHistory, ownAgencies, saveMonth } from './kpi.service.ts';
import { ImportPage, PreviewPage } from './views/import.views.tsx';
import { AgencyChoicePage, AgencyPage, NationalPage } from './views/overview.views.tsx';
import { PublicPerformancePage } from './views/public.views.tsx';
import { formValuesOf, MonthFormPage, ServicePage } from './views/service.views.tsx';

// The console's performance pages: the national overview (office), an agency's services, one
// service's KPIs and months, the month form with its history, and the file import with its dry run.

export async function kpiPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const readers = { config: { access: { roles: KPI_ROLES } } };
  const writers = { config: { access: { roles: WRITE_ROLES } } };
  const months = (req: FastifyRequest) => windowOf((req.query as Record<string, unknown>)?.months);

  app.get('/console/kpi', readers, async (req, reply) => {
    if (kpiPolicy.national(req.actor))
      return sendPage(req, reply, <NationalPage d={await nationalOverview(deps, req.ctx, months(req))} window={months(req)} />);
    const mine = ownAgencies(req.ctx);
    if (mine.length === 1) return reply.redirect(`/${req.lang}/console/kpi/agencies/${mine[0]}`, 303);
    const agencies = (await allAgencies(deps)).filter((a) => mine.includes(a.id));
    return sendPage(req, reply, <AgencyChoicePage agencies={agencies} />);
  });

  app.get('/console/kpi/agencies/:id', readers, async (req, reply) =>
    sendPage(req, reply, <AgencyPage d={await agencyOverview(deps, req.ctx, idParam(req), months(req))} window={months(req)} />),
  );

  app.get('/console/kpi/services/:id', readers, async (req, reply) => {
    const r = await serviceReport(deps, req.ctx, idParam(req), months(req));
    return sendPage(req, reply, <ServicePage r={r} window={months(req)} canWrite={kpiPolicy.write(req.actor, r.service.agency_id)} />);
  });

  const monthPage = async (req: FastifyRequest, month: string, values?: Record<string, unknown>, errors?: FieldError[]) => {
    const h = await monthHistory(deps, req.ctx, idParam(req), month);
    return (
      <MonthFormPage
        service={h.service}
        month={month}
        figure={h.figure}
        versions={h.versions}
        values={values ?? formValuesOf(h.figure, month)}
        errors={errors}
        canWrite={kpiPolicy.write(req.actor, h.service.agency_id)}
      />
    );
  };
  // The month in the query names which month the form opens on (the last complete month by default).
  const askedMonth = (raw: unknown) => {
    const m = monthSchema.safeParse(raw);
    return m.success ? m.data : addMonths(latestMonth(deps), -1);
  };
  app.get('/console/kpi/services/:id/figures', readers, async (req, reply) =>
    sendPage(req, reply, await monthPage(req, askedMonth((req.query as Record<string, unknown>)?.month))),
  );
  app.post('/console/kpi/services/:id/figures', writers, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await saveMonth(deps, req.ctx, id, values.month, values, 'form');
        return `/console/kpi/services/${id}`;
      },
      flash: 'kpi.flash.saved',
      rerender: (errors) => monthPage(req, askedMonth(values.month), values, errors),
    });
  });

  // Anyone: a live service's KPIs, as GOV.UK publishes its services' performance.
  app.get('/performance/:identifier', { config: { access: 'public' as const } }, async (req, reply) => {
    const r = await publicServiceReport(deps, (req.params as { identifier: string }).identifier, months(req));
    return sendPage(req, reply, <PublicPerformancePage r={r} window={months(req)} />);
  });

  app.get('/console/kpi/template.csv', readers, async (_req, reply) =>
    reply
      .header('content-disposition', 'attachment; filename="yusr-performance-template.csv"')
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(templateCsv()),
  );

  // The figures as a file (every agency for the office; one agency, or the person's own, for its staff).
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/console/kpi/export.${format}`, readers, async (req, reply) => {
      const agency = (req.query as Record<string, unknown>)?.agency;
      const agencyId = agency === undefined || agency === '' ? undefined : Number(agency);
      if (agencyId !== undefined && !(Number.isInteger(agencyId) && agencyId > 0)) fieldError('agency', 'kpi.validation.agency');
      const file = await exportKpis(deps, req.ctx, format, months(req), req.lang, agencyId);
      return reply
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .type(file.type)
        .send(file.body);
    });
  }

  app.get('/console/kpi/import', writers, async (req, reply) => sendPage(req, reply, <ImportPage />));
  app.post(
    '/console/kpi/import',
    {
      config: {
        access: { roles: WRITE_ROLES },
        // Twice the import's own limit, so a file a little too big gets the form's own error, not a bare 413.
        multipartOptions: { limits: { fileSize: 2 * KPI_IMPORT_LIMITS.maxBytes, files: 1, fields: 3, parts: 4 } },
      },
    },
    async (req, reply) => {
      const file = (req.body as Record<string, unknown> | undefined)?.file;
      try {
        if (!Buffer.isBuffer(file)) fieldError('file', 'validation.file_required');
        const p = await previewUpload(deps, req.ctx, file, req.uploadNames?.file ?? 'upload');
        return sendPage(req, reply, <PreviewPage upload={p.upload} rows={p.rows} refused={p.refused} />, p.refused ? 422 : 200);
      } catch (err) {
        if (err instanceof AppError && err.fieldErrors.length)
          return sendPage(req, reply, <ImportPage errors={err.fieldErrors} />, err.status);
        throw err;
      }
    },
  );
  app.post('/console/kpi/import/:id/commit', writers, async (req, reply) => {
    await commitUpload(deps, req.ctx, idParam(req));
    setFlash(req, reply, 'kpi.flash.imported');
    return reply.redirect(`/${req.lang}/console/kpi`, 303);
  });
}
