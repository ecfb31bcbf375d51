import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { PLAN_ROLES, planPolicy } from './plan.policy.ts';
import * as risks from './risks.service.ts';
import { valuesOf } from './views/edit.views.tsx';
import { InitiativeRisksPage, PlanRisksPage, RiskEditPage } from './views/risks.views.tsx';

// The risks and issues register: an initiative's (kept by its owner agency's staff and the program
// administrator; the services check which agency), a plan's whole register, and an entry's edit page.

type Values = Record<string, unknown>;

export async function riskPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const everyone = { config: { access: { roles: PLAN_ROLES } } };

  const initiativePage = async (req: FastifyRequest, id: number, values?: Values, errors?: FieldError[]) => {
    const d = await risks.initiativeRisks(deps, req.ctx, id);
    return (
      <InitiativeRisksPage {...d} canKeep={planPolicy.keep(req.actor, d.initiative.owner_agency_id)} values={values} errors={errors} />
    );
  };
  app.get('/console/plans/initiatives/:id/risks', everyone, async (req, reply) =>
    sendPage(req, reply, await initiativePage(req, idParam(req))),
  );
  app.post('/console/plans/initiatives/:id/risks', everyone, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await risks.addRisk(deps, req.ctx, id, values);
        return `/console/plans/initiatives/${id}/risks`;
      },
      flash: 'plan.flash.saved',
      rerender: (errors) => initiativePage(req, id, values, errors),
    });
  });

  const editPage = async (req: FastifyRequest, values?: Values, errors?: FieldError[]) => {
    const d = await risks.getRisk(deps, req.ctx, idParam(req));
    return <RiskEditPage {...d} values={values ?? valuesOf(d.risk)} errors={errors} />;
  };
  app.get('/console/plans/risks/:id/edit', everyone, async (req, reply) => sendPage(req, reply, await editPage(req)));
  app.post('/console/plans/risks/:id/edit', everyone, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/plans/initiatives/${(await risks.updateRisk(deps, req.ctx, idParam(req), values)).initiative_id}/risks`,
      flash: 'plan.flash.saved',
      rerender: (errors) => editPage(req, values, errors),
    });
  });

  app.get('/console/plans/:id/risks', everyone, async (req, reply) => {
    const d = await risks.planRisks(deps, req.ctx, idParam(req));
    const open = d.plan.status !== 'closed';
    const owners = new Map(d.entries.map((e) => [e.risk.id, e.initiative.owner_agency_id]));
    return sendPage(req, reply, <PlanRisksPage {...d} canEdit={(r) => open && planPolicy.keep(req.actor, owners.get(r.id) ?? 0)} />);
  });
}
