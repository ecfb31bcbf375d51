import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import * as baselines from './baselines.service.ts';
import { planOverview } from './followup.service.ts';
import { OFFICE_ROLES, PLAN_ROLES, planPolicy } from './plan.policy.ts';
import * as repo from './plan.repo.ts';
import { BaselinesPage, ChangesPage } from './views/baselines.views.tsx';
import { TimelinePage } from './views/timeline.views.tsx';

// A plan's timeline (planned vs forecast), its baselines and their "as of" comparison; an initiative's change requests, proposed by the
// owner agency's administrator and decided by the program office.

type Values = Record<string, unknown>;

export async function baselinePages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const everyone = { config: { access: { roles: PLAN_ROLES } } };
  const office = { config: { access: { roles: OFFICE_ROLES } } };

  app.get('/console/plans/:id/baselines', everyone, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const v = await baselines.baselineComparison(deps, req.ctx, idParam(req), { from: text(q.from), to: text(q.to) });
    return sendPage(req, reply, <BaselinesPage v={v} />);
  });

  app.get('/console/plans/:id/timeline', everyone, async (req, reply) => {
    const { figures } = await planOverview(deps, req.ctx, idParam(req));
    const initiatives = figures.tracks.flatMap((tr) => tr.initiatives.map((l) => l.initiative));
    const milestones = await repo.listMilestones(
      deps.db,
      initiatives.map((i) => i.id),
    );
    return sendPage(
      req,
      reply,
      <TimelinePage plan={figures.plan} initiatives={initiatives} milestones={milestones} today={figures.today} />,
    );
  });

  const changesPage = async (
    req: FastifyRequest,
    initiativeId: number,
    form?: 'propose' | number,
    values?: Values,
    errors?: FieldError[],
  ) => {
    const d = await baselines.initiativeChanges(deps, req.ctx, initiativeId);
    return (
      <ChangesPage
        {...d}
        can={{ propose: planPolicy.submit(req.actor, d.initiative.owner_agency_id), decide: planPolicy.review(req.actor) }}
        form={form}
        values={values}
        errors={errors}
      />
    );
  };
  app.get('/console/plans/initiatives/:id/changes', everyone, async (req, reply) =>
    sendPage(req, reply, await changesPage(req, idParam(req))),
  );
  app.post('/console/plans/initiatives/:id/changes', everyone, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await baselines.proposeChange(deps, req.ctx, id, values);
        return `/console/plans/initiatives/${id}/changes`;
      },
      flash: 'plan.flash.change_proposed',
      rerender: (errors) => changesPage(req, id, 'propose', values, errors),
    });
  });
  for (const decision of ['accept', 'reject'] as const)
    app.post(`/console/plans/changes/:id/${decision}`, office, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () =>
          `/console/plans/initiatives/${(await baselines.decideChange(deps, req.ctx, id, decision, values)).initiative_id}/changes`,
        flash: decision === 'accept' ? 'plan.flash.change_accepted' : 'plan.flash.change_rejected',
        rerender: async (errors) => {
          const row = await repo.findChange(deps.db, id);
          return changesPage(req, row?.initiative_id ?? 0, id, values, errors);
        },
      });
    });
}
