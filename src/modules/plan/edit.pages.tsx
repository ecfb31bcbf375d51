import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { setFlash } from '../../platform/http/context.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { findService } from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import * as edits from './edit.service.ts';
import { idList } from './links.service.ts';
import { PLAN_ROLES } from './plan.policy.ts';
import * as repo from './plan.repo.ts';
import { systemsOfInitiative } from './systems.service.ts';
import { initiativeValues, KpiEditPage, MilestoneEditPage, TrackEditPage, valuesOf } from './views/edit.views.tsx';
import { InitiativeFormPage } from './views/forms.views.tsx';

// Editing and removing tracks and initiatives (the office) and milestones and KPIs (the office and the
// owner agency's staff; the services check which agency). A refused removal is an error page saying why.

type Values = Record<string, unknown>;
type Errors = FieldError[];

export async function editPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const everyone = { config: { access: { roles: PLAN_ROLES } } };
  const admin = { config: { access: { roles: ['program_admin'] as const } } };

  const edit = (
    path: string,
    access: typeof everyone | typeof admin,
    page: (req: FastifyRequest, values?: Values, errors?: Errors) => Promise<VNode>,
    save: (req: FastifyRequest, id: number, values: Values) => Promise<string>,
    remove: (req: FastifyRequest, id: number) => Promise<string>,
  ) => {
    app.get(`/console/plans/${path}/:id/edit`, access, async (req, reply) => sendPage(req, reply, await page(req)));
    app.post(`/console/plans/${path}/:id/edit`, access, async (req, reply) => {
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: () => save(req, idParam(req), values),
        flash: 'plan.flash.saved',
        rerender: (errors) => page(req, values, errors),
      });
    });
    app.post(`/console/plans/${path}/:id/remove`, access, async (req, reply) => {
      const to = await remove(req, idParam(req));
      setFlash(req, reply, 'plan.flash.removed');
      return reply.redirect(`/${req.lang}${to}`, 303);
    });
  };

  // Archiving instead of removing: initiatives (the office), milestones and KPIs (the office and the owner agency's staff).
  const archive = (
    path: string,
    access: typeof everyone | typeof admin,
    run: (req: FastifyRequest, id: number, archived: boolean) => Promise<string>,
  ) => {
    for (const [step, archived] of [
      ['archive', true],
      ['restore', false],
    ] as const)
      app.post(`/console/plans/${path}/:id/${step}`, access, async (req, reply) => {
        const to = await run(req, idParam(req), archived);
        setFlash(req, reply, archived ? 'plan.flash.archived' : 'plan.flash.restored');
        return reply.redirect(`/${req.lang}${to}`, 303);
      });
  };
  archive('initiatives', admin, async (req, id, archived) => {
    await edits.setInitiativeArchived(deps, req.ctx, id, archived);
    return `/console/plans/initiatives/${id}`;
  });
  archive(
    'milestones',
    everyone,
    async (req, id, archived) => `/console/plans/initiatives/${(await edits.setMilestoneArchived(deps, req.ctx, id, archived)).id}`,
  );
  archive(
    'kpis',
    everyone,
    async (req, id, archived) => `/console/plans/initiatives/${(await edits.setKpiArchived(deps, req.ctx, id, archived)).id}`,
  );

  edit(
    'tracks',
    admin,
    async (req, values, errors) => {
      const { track, plan } = await edits.getTrack(deps, req.ctx, idParam(req));
      return <TrackEditPage plan={plan} track={track} values={values ?? valuesOf(track)} errors={errors} />;
    },
    async (req, id, values) => `/console/plans/${(await edits.updateTrack(deps, req.ctx, id, values)).plan_id}`,
    async (req, id) => `/console/plans/${(await edits.removeTrack(deps, req.ctx, id)).id}`,
  );

  edit(
    'initiatives',
    admin,
    async (req, values, errors) => {
      const { initiative, plan } = await edits.getInitiativeToEdit(deps, req.ctx, idParam(req));
      const services: string[] = [];
      for (const sid of initiative.service_ids.split(',').filter(Boolean)) {
        const s = await findService(deps.db, Number(sid));
        if (s) services.push(s.identifier);
      }
      const agencies = await allAgencies(deps);
      const initiatives = await repo.listInitiatives(deps.db, plan.id, undefined, 'all');
      const codesOf = <T extends { id: number; code: string }>(rows: T[], ids: string) =>
        idList(ids).flatMap((x) => rows.filter((r) => r.id === x).map((r) => r.code));
      return (
        <InitiativeFormPage
          plan={plan}
          initiative={initiative}
          tracks={await repo.listTracks(deps.db, plan.id)}
          agencies={agencies.filter((a) => a.status === 'active' || a.id === initiative.owner_agency_id)}
          values={
            values ??
            initiativeValues(
              initiative,
              services,
              codesOf(agencies, initiative.partner_agency_ids),
              codesOf(initiatives, initiative.depends_on_ids),
              (await systemsOfInitiative(deps, initiative.id)).map((s) => s.code),
            )
          }
          errors={errors}
        />
      );
    },
    async (req, id, values) => `/console/plans/initiatives/${(await edits.updateInitiative(deps, req.ctx, id, values)).id}`,
    async (req, id) => `/console/plans/${(await edits.removeInitiative(deps, req.ctx, id)).id}`,
  );

  edit(
    'milestones',
    everyone,
    async (req, values, errors) => {
      const { milestone, initiative, plan, service } = await edits.getMilestone(deps, req.ctx, idParam(req));
      return (
        <MilestoneEditPage
          plan={plan}
          initiative={initiative}
          milestone={milestone}
          values={values ?? { ...valuesOf(milestone), service: service?.identifier }}
          errors={errors}
        />
      );
    },
    async (req, id, values) => `/console/plans/initiatives/${(await edits.updateMilestone(deps, req.ctx, id, values)).id}`,
    async (req, id) => `/console/plans/initiatives/${(await edits.removeMilestone(deps, req.ctx, id)).id}`,
  );

  edit(
    'kpis',
    everyone,
    async (req, values, errors) => {
      const { kpi, initiative, plan } = await edits.getKpi(deps, req.ctx, idParam(req));
      return <KpiEditPage plan={plan} initiative={initiative} kpi={kpi} values={values ?? valuesOf(kpi)} errors={errors} />;
    },
    async (req, id, values) => `/console/plans/initiatives/${(await edits.updateKpi(deps, req.ctx, id, values)).id}`,
    async (req, id) => `/console/plans/initiatives/${(await edits.removeKpi(deps, req.ctx, id)).id}`,
  );
}
