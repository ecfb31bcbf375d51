import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorAgencyIds, hasRole } from '../../platform/auth/actor.ts';
import type { Access } from '../../platform/http/access.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { servicePageCache } from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import * as calendar from './calendar.service.ts';
import { ADMIN_ROLES, CASE_ROLES, feedbackPolicy } from './feedback.policy.ts';
import { questionHistory, saveQuestions } from './ratings.service.ts';
import * as settings from './settings.service.ts';
import * as templates from './templates.service.ts';
import { CalendarPage } from './views/calendar.views.tsx';
import { QuestionsPage } from './views/questions.views.tsx';
import { SettingsPage } from './views/settings.views.tsx';
import { SlaPage } from './views/sla.views.tsx';
import { TemplateEditPage, TemplatesPage } from './views/templates.views.tsx';

/** Questions from the form rows: kept rows in order, then the new row when it has a driver code. */
function questionsFromForm(v: Record<string, unknown>) {
  const out: { driver: unknown; ar: unknown; en: unknown; staff: boolean }[] = [];
  for (let i = 0; v[`driver_${i}`] !== undefined; i++) {
    if (v[`keep_${i}`] === 'on')
      out.push({ driver: v[`driver_${i}`], ar: v[`ar_${i}`] ?? '', en: v[`en_${i}`] ?? '', staff: v[`staff_${i}`] === 'on' });
  }
  if (v.driver_new !== undefined) out.push({ driver: v.driver_new, ar: v.ar_new ?? '', en: v.en_new ?? '', staff: v.staff_new === 'on' });
  return out;
}

/** Program and agency settings: SLA targets, the working calendar, rating questions, templates, public summary. */
export async function adminPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const admins = { config: { access: { roles: ADMIN_ROLES } } };
  const program = { config: { access: { roles: ['program_admin'] as const } } };
  const staff = { config: { access: { roles: CASE_ROLES } } };

  /** The agencies the actor administers (every agency for the program office). */
  const administered = async (req: FastifyRequest) =>
    (await allAgencies(deps)).filter(
      (a) => hasRole(req.actor, 'program_admin') || (actorAgencyIds(req.actor).includes(a.id) && feedbackPolicy.manageSla(req.actor, a.id)),
    );

  const slaPage = async (req: FastifyRequest, values?: Record<string, unknown>, errors?: FieldError[]) => {
    const { policies } = await calendar.listPolicies(deps, req.ctx);
    return (
      <SlaPage
        policies={policies}
        agencies={await administered(req)}
        programDefaults={hasRole(req.actor, 'program_admin')}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/console/feedback/sla', admins, async (req, reply) => sendPage(req, reply, await slaPage(req)));
  app.post('/console/feedback/sla', admins, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await calendar.savePolicy(deps, req.ctx, values);
        return '/console/feedback/sla';
      },
      flash: 'feedback.flash.saved',
      rerender: (errors) => slaPage(req, values, errors),
    });
  });
  app.post('/console/feedback/sla/:id/delete', admins, async (req, reply) =>
    handleForm(req, reply, {
      action: async () => {
        await calendar.deletePolicy(deps, req.ctx, idParam(req));
        return '/console/feedback/sla';
      },
      flash: 'feedback.flash.deleted',
      rerender: (errors) => slaPage(req, undefined, errors),
    }),
  );

  const calendarPage = async (req: FastifyRequest, values?: Record<string, unknown>, errors?: FieldError[]) => (
    <CalendarPage view={await calendar.calendarView(deps, req.ctx)} values={values} errors={errors} />
  );
  app.get('/console/feedback/calendar', program, async (req, reply) => sendPage(req, reply, await calendarPage(req)));
  const calendarPost = (
    path: string,
    flash: 'feedback.flash.saved' | 'feedback.flash.deleted',
    run: (req: FastifyRequest, values: Record<string, unknown>) => Promise<unknown>,
  ) =>
    app.post(`/console/feedback/calendar/${path}`, program, async (req, reply) => {
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(req, values);
          return '/console/feedback/calendar';
        },
        flash,
        rerender: (errors) => calendarPage(req, values, errors),
      });
    });
  calendarPost('week', 'feedback.flash.saved', (req, v) => calendar.saveWorkingWeek(deps, req.ctx, v));
  calendarPost('holidays', 'feedback.flash.saved', (req, v) => calendar.addHoliday(deps, req.ctx, v));
  calendarPost('holidays/:id/delete', 'feedback.flash.deleted', (req) => calendar.deleteHoliday(deps, req.ctx, idParam(req)));

  const questionsPage = async (req: FastifyRequest, errors?: FieldError[]) => (
    <QuestionsPage versions={await questionHistory(deps, req.ctx)} errors={errors} />
  );
  app.get('/console/feedback/questions', program, async (req, reply) => sendPage(req, reply, await questionsPage(req)));
  app.post('/console/feedback/questions', program, async (req, reply) =>
    handleForm(req, reply, {
      action: async () => {
        await saveQuestions(deps, req.ctx, questionsFromForm(formValues(req.body)));
        servicePageCache(deps).invalidate();
        return '/console/feedback/questions';
      },
      flash: 'feedback.flash.saved',
      rerender: (errors) => questionsPage(req, errors),
    }),
  );

  /** The agencies whose templates the actor may write: the form offers only these (every one for the program office). */
  const templateAgencies = async (req: FastifyRequest) =>
    (await allAgencies(deps)).filter((a) => feedbackPolicy.manageTemplates(req.actor, a.id));
  const templatesPage = async (req: FastifyRequest, values?: Record<string, unknown>, errors?: FieldError[]) => {
    const mine = await templateAgencies(req);
    return (
      <TemplatesPage
        templates={await templates.listTemplates(deps, req.ctx)}
        agencies={await allAgencies(deps)}
        formAgencies={mine}
        editable={(t) => feedbackPolicy.manageTemplates(req.actor, t.agency_id)}
        programWide={hasRole(req.actor, 'program_admin')}
        canCreate={mine.length > 0}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/console/feedback/templates', staff, async (req, reply) => sendPage(req, reply, await templatesPage(req)));
  app.post('/console/feedback/templates', staff, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await templates.saveTemplate(deps, req.ctx, null, values);
        return '/console/feedback/templates';
      },
      flash: 'feedback.flash.saved',
      rerender: (errors) => templatesPage(req, values, errors),
    });
  });
  const editPage = async (req: FastifyRequest, values?: Record<string, unknown>, errors?: FieldError[]) => {
    const t = await templates.getTemplate(deps, req.ctx, idParam(req));
    return (
      <TemplateEditPage
        template={t}
        agencies={await templateAgencies(req)}
        programWide={hasRole(req.actor, 'program_admin')}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/console/feedback/templates/:id', staff, async (req, reply) => sendPage(req, reply, await editPage(req)));
  app.post('/console/feedback/templates/:id', staff, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await templates.saveTemplate(deps, req.ctx, idParam(req), values);
        return '/console/feedback/templates';
      },
      flash: 'feedback.flash.saved',
      rerender: (errors) => editPage(req, values, errors),
    });
  });
  app.post('/console/feedback/templates/:id/delete', staff, async (req, reply) =>
    handleForm(req, reply, {
      action: async () => {
        await templates.deleteTemplate(deps, req.ctx, idParam(req));
        return '/console/feedback/templates';
      },
      flash: 'feedback.flash.deleted',
      rerender: (errors) => templatesPage(req, undefined, errors),
    }),
  );

  const settingsPage = async (req: FastifyRequest) => {
    const agencies = (await allAgencies(deps)).filter((a) => feedbackPolicy.agencySettings(req.actor, a.id));
    const rows = [];
    for (const agency of agencies) rows.push({ agency, show: (await settings.agencyCxSettings(deps, req.ctx, agency.id)).show });
    return (
      <SettingsPage agencies={rows} required={await settings.summaryRequired(deps.db)} canRequire={hasRole(req.actor, 'program_admin')} />
    );
  };
  app.get('/console/feedback/settings', admins, async (req, reply) => sendPage(req, reply, await settingsPage(req)));
  const settingsPost = (
    path: string,
    access: { config: { access: Access } },
    run: (req: FastifyRequest, on: boolean) => Promise<unknown>,
    field: string,
  ) =>
    app.post(`/console/feedback/settings/${path}`, access, async (req, reply) =>
      handleForm(req, reply, {
        action: async () => {
          await run(req, formValues(req.body)[field] === 'on');
          // Service pages are cached for a few seconds; show the change at once.
          servicePageCache(deps).invalidate();
          return '/console/feedback/settings';
        },
        flash: 'feedback.flash.saved',
        rerender: () => settingsPage(req),
      }),
    );
  settingsPost('require', program, (req, on) => settings.setSummaryRequired(deps, req.ctx, on), 'required');
  settingsPost(':id', admins, (req, on) => settings.setAgencyCx(deps, req.ctx, idParam(req), on), 'show');
}
