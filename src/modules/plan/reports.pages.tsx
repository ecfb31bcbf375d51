import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../messages.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { AGENCY_ROLES, OFFICE_ROLES, PLAN_ROLES, planPolicy } from './plan.policy.ts';
import * as repo from './plan.repo.ts';
import * as reports from './reports.service.ts';
import { ReportPage } from './views/report.views.tsx';

// Period reports: the agency drafts and submits, the office returns or accepts; corrections to
// locked reports are proposed by the agency's administrator and decided by the office.

type Values = Record<string, unknown>;
type Form = 'save' | 'return' | 'correction' | 'reject';

export async function reportPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const everyone = { config: { access: { roles: PLAN_ROLES } } };
  const agency = { config: { access: { roles: AGENCY_ROLES } } };
  const agencyAdmin = { config: { access: { roles: ['agency_admin'] as const } } };
  const office = { config: { access: { roles: OFFICE_ROLES } } };

  const page = async (req: FastifyRequest, initiativeId: number, periodId: number, form?: Form, values?: Values, errors?: FieldError[]) => {
    const b = await reports.reportBundle(deps, req.ctx, initiativeId, periodId);
    const agencyId = b.initiative.owner_agency_id;
    return (
      <ReportPage
        b={b}
        figures={b.report ? reports.parseFigures(b.report.figures_json) : reports.currentFigures(b)}
        can={{
          draft: planPolicy.draft(req.actor, agencyId),
          submit: planPolicy.submit(req.actor, agencyId),
          review: planPolicy.review(req.actor),
        }}
        form={form}
        values={values}
        errors={errors}
      />
    );
  };
  const path = (initiativeId: number, periodId: number) => `/console/plans/initiatives/${initiativeId}/reports/${periodId}`;

  app.get('/console/plans/initiatives/:id/reports/:period', everyone, async (req, reply) =>
    sendPage(req, reply, await page(req, idParam(req), idParam(req, 'period'))),
  );
  app.post('/console/plans/initiatives/:id/reports/:period', agency, async (req, reply) => {
    const [id, period] = [idParam(req), idParam(req, 'period')];
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await reports.saveReport(deps, req.ctx, id, period, values);
        return path(id, period);
      },
      flash: 'plan.flash.report_saved',
      rerender: (errors) => page(req, id, period, 'save', values, errors),
    });
  });

  /** A step on a report, by its id: back to the report's page, or the page again with the field errors. */
  const reportStep = (
    suffix: string,
    access: typeof agencyAdmin | typeof office,
    form: Form | undefined,
    run: (req: FastifyRequest, id: number, values: Values) => Promise<unknown>,
    flash: MessageKey,
  ) =>
    app.post(`/console/plans/reports/:id/${suffix}`, access, async (req, reply) => {
      const id = idParam(req);
      const report = await repo.findReport(deps.db, id);
      if (!report) return reply.callNotFound();
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(req, id, values);
          return path(report.initiative_id, report.period_id);
        },
        flash,
        rerender: (errors) => page(req, report.initiative_id, report.period_id, form, values, errors),
      });
    });
  reportStep('submit', agencyAdmin, undefined, (req, id) => reports.submitReport(deps, req.ctx, id), 'plan.flash.submitted');
  reportStep('return', office, 'return', (req, id, v) => reports.returnReport(deps, req.ctx, id, v), 'plan.flash.returned');
  reportStep('accept', office, undefined, (req, id, v) => reports.acceptReport(deps, req.ctx, id, v), 'plan.flash.accepted');
  reportStep(
    'correction',
    agencyAdmin,
    'correction',
    (req, id, v) => reports.proposeCorrection(deps, req.ctx, id, v),
    'plan.flash.correction_proposed',
  );

  const decide = (decision: 'accept' | 'reject') =>
    app.post(`/console/plans/corrections/:id/${decision}`, office, async (req, reply) => {
      const id = idParam(req);
      const c = await repo.findCorrection(deps.db, id);
      const report = c ? await repo.findReport(deps.db, c.report_id) : undefined;
      if (!c || !report) return reply.callNotFound();
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await reports.decideCorrection(deps, req.ctx, id, decision, values);
          return path(report.initiative_id, report.period_id);
        },
        flash: decision === 'accept' ? 'plan.flash.correction_accepted' : 'plan.flash.correction_rejected',
        rerender: (errors) => page(req, report.initiative_id, report.period_id, 'reject', values, errors),
      });
    });
  decide('accept');
  decide('reject');
}
