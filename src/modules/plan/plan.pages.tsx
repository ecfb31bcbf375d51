import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../messages.ts';
import { hasRole } from '../../platform/auth/actor.ts';
import { setFlash } from '../../platform/http/context.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { findService } from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import { dashboard, initiativeDetail, planOverview } from './followup.service.ts';
import { idList } from './links.service.ts';
import { AGENCY_ROLES, OFFICE_ROLES, PLAN_ROLES, planPolicy } from './plan.policy.ts';
import * as repo from './plan.repo.ts';
import * as plans from './plan.service.ts';
import { DashboardPage } from './views/dashboard.views.tsx';
import { InitiativeFormPage, PlanFormPage } from './views/forms.views.tsx';
import { InitiativePage } from './views/initiative.views.tsx';
import { PlanPage, PlansHomePage } from './views/plans.views.tsx';

// The program office's and agencies' pages: plans, their tracks and calendar, initiatives with their
// milestones, KPIs and targets, the rating override, publication, and the follow-up dashboard.

type Values = Record<string, unknown>;
type Errors = Parameters<typeof PlanPage>[0]['errors'];

export async function planPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const everyone = { config: { access: { roles: PLAN_ROLES } } };
  const admin = { config: { access: { roles: ['program_admin'] as const } } };
  const office = { config: { access: { roles: OFFICE_ROLES } } };
  const agencyMap = async () => new Map((await allAgencies(deps)).map((a) => [a.id, a]));

  app.get('/console/plans', everyone, async (req, reply) =>
    sendPage(
      req,
      reply,
      <PlansHomePage
        plans={await plans.listPlans(deps, req.ctx)}
        agencies={await agencyMap()}
        canAdminister={planPolicy.administer(req.actor)}
      />,
    ),
  );

  const activeAgencies = async () => (await allAgencies(deps)).filter((a) => a.status === 'active');
  app.get('/console/plans/new', admin, async (req, reply) =>
    sendPage(req, reply, <PlanFormPage values={{}} agencies={await activeAgencies()} />),
  );
  app.post('/console/plans/new', admin, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/plans/${(await plans.createPlan(deps, req.ctx, values)).id}`,
      flash: 'plan.flash.created',
      rerender: async (errors) => <PlanFormPage values={values} errors={errors} agencies={await activeAgencies()} />,
    });
  });

  const planPage = async (req: FastifyRequest, form?: 'track' | 'period' | 'thresholds', values?: Values, errors?: Errors) => {
    const { figures, reports, archived } = await planOverview(deps, req.ctx, idParam(req));
    return (
      <PlanPage
        figures={figures}
        reports={reports}
        archived={{ rows: archived, shown: (req.query as Record<string, unknown>).archived === '1' }}
        agencies={await agencyMap()}
        can={{
          administer: planPolicy.administer(req.actor),
          review: planPolicy.review(req.actor),
          bulk: figures.plan.status === 'active' && hasRole(req.actor, ...AGENCY_ROLES),
        }}
        form={form}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/console/plans/:id', everyone, async (req, reply) => sendPage(req, reply, await planPage(req)));

  const planForm = (
    path: string,
    form: 'track' | 'period' | 'thresholds',
    run: (id: number, req: FastifyRequest, values: Values) => Promise<unknown>,
    flash: MessageKey,
  ) =>
    app.post(`/console/plans/:id/${path}`, admin, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(id, req, values);
          return `/console/plans/${id}`;
        },
        flash,
        rerender: (errors) => planPage(req, form, values, errors),
      });
    });
  planForm('tracks', 'track', (id, req, v) => plans.addTrack(deps, req.ctx, id, v), 'plan.flash.saved');
  planForm('periods', 'period', (id, req, v) => plans.addPeriod(deps, req.ctx, id, v), 'plan.flash.saved');
  planForm('thresholds', 'thresholds', (id, req, v) => plans.setThresholds(deps, req.ctx, id, v), 'plan.flash.saved');

  // A refused step (wrong status, nothing to approve) is an error page that says why.
  const redirect = (req: FastifyRequest, reply: FastifyReply, to: string, flash: MessageKey) => {
    setFlash(req, reply, flash);
    return reply.redirect(`/${req.lang}${to}`, 303);
  };
  app.post('/console/plans/:id/status', admin, async (req, reply) => {
    const id = idParam(req);
    await plans.setPlanStatus(deps, req.ctx, id, formValues(req.body));
    return redirect(req, reply, `/console/plans/${id}`, 'plan.flash.status');
  });
  app.post('/console/plans/:id/publish', admin, async (req, reply) => {
    const id = idParam(req);
    await plans.setPublished(deps, req.ctx, 'plan', id, formValues(req.body).published === 'yes');
    return redirect(req, reply, `/console/plans/${id}`, 'plan.flash.saved');
  });

  app.get('/console/plans/:id/dashboard', everyone, async (req, reply) =>
    sendPage(req, reply, <DashboardPage d={await dashboard(deps, req.ctx, idParam(req))} agencies={await agencyMap()} />),
  );

  const initiativeForm = async (req: FastifyRequest, values: Values, errors?: Errors) => {
    const plan = await plans.getPlan(deps, req.ctx, idParam(req));
    return (
      <InitiativeFormPage
        plan={plan}
        tracks={await repo.listTracks(deps.db, plan.id)}
        agencies={await activeAgencies()}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/console/plans/:id/initiatives/new', admin, async (req, reply) =>
    sendPage(req, reply, await initiativeForm(req, { weight: '1' })),
  );
  app.post('/console/plans/:id/initiatives/new', admin, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/plans/initiatives/${(await plans.createInitiative(deps, req.ctx, idParam(req), values)).id}`,
      flash: 'plan.flash.created',
      rerender: (errors) => initiativeForm(req, values, errors),
    });
  });

  type InitiativeForm = 'milestone' | 'kpi' | 'target' | 'override';
  const initiativePage = async (req: FastifyRequest, form?: InitiativeForm, values?: Values, errors?: Errors) => {
    const d = await initiativeDetail(deps, req.ctx, idParam(req));
    const services = [];
    for (const id of d.initiative.service_ids.split(',').filter(Boolean)) {
      const s = await findService(deps.db, Number(id));
      if (s) services.push({ identifier: s.identifier, name_ar: s.name_ar, name_en: s.name_en });
    }
    const tied = new Map<number, { identifier: string; name_ar: string; name_en: string }>();
    for (const id of new Set(d.milestones.map((m) => m.auto_service_id).filter((x): x is number => x !== null))) {
      const s = await findService(deps.db, id);
      if (s) tied.set(id, { identifier: s.identifier, name_ar: s.name_ar, name_en: s.name_en });
    }
    const agencies = await agencyMap();
    const siblings = await repo.listInitiatives(deps.db, d.plan.id, undefined, 'all');
    const tie = (x: repo.InitiativeRow) => ({ ...x, link: planPolicy.readInitiative(req.actor, x.owner_agency_id) });
    const dependsOn = idList(d.initiative.depends_on_ids).flatMap((x) => siblings.filter((s) => s.id === x).map(tie));
    const dependents = siblings.filter((s) => idList(s.depends_on_ids).includes(d.initiative.id)).map(tie);
    return (
      <InitiativePage
        d={d}
        agency={agencies.get(d.initiative.owner_agency_id)}
        partners={idList(d.initiative.partner_agency_ids).flatMap((x) => agencies.get(x) ?? [])}
        dependsOn={dependsOn}
        dependents={dependents}
        services={services}
        tied={tied}
        can={{
          keep: planPolicy.keep(req.actor, d.initiative.owner_agency_id),
          administer: planPolicy.administer(req.actor),
          review: planPolicy.review(req.actor),
        }}
        showArchived={(req.query as Record<string, unknown>).archived === '1'}
        form={form}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/console/plans/initiatives/:id', everyone, async (req, reply) => sendPage(req, reply, await initiativePage(req)));

  const initiativeAction = (
    path: string,
    access: typeof everyone | typeof admin | typeof office,
    form: InitiativeForm,
    run: (id: number, req: FastifyRequest, values: Values) => Promise<unknown>,
  ) =>
    app.post(`/console/plans/initiatives/:id/${path}`, access, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await run(id, req, values);
          return `/console/plans/initiatives/${id}`;
        },
        flash: 'plan.flash.saved',
        rerender: (errors) => initiativePage(req, form, values, errors),
      });
    });
  initiativeAction('milestones', everyone, 'milestone', (id, req, v) => plans.addMilestone(deps, req.ctx, id, v));
  initiativeAction('kpis', everyone, 'kpi', (id, req, v) => plans.addKpi(deps, req.ctx, id, v));
  initiativeAction('override', office, 'override', (id, req, v) => plans.overrideRating(deps, req.ctx, id, v));
  initiativeAction('targets', admin, 'target', async (id, req, v) => {
    const { kpi_id, ...rest } = v;
    const kpi = /^\d{1,10}$/.test(String(kpi_id ?? '')) ? await repo.findKpi(deps.db, Number(kpi_id)) : undefined;
    if (!kpi || kpi.initiative_id !== id) throw new NotFoundError();
    return plans.setTarget(deps, req.ctx, kpi.id, rest);
  });
  app.post('/console/plans/initiatives/:id/publish', admin, async (req, reply) => {
    const id = idParam(req);
    await plans.setPublished(deps, req.ctx, 'initiative', id, formValues(req.body).published === 'yes');
    return redirect(req, reply, `/console/plans/initiatives/${id}`, 'plan.flash.saved');
  });
}
