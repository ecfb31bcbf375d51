import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import { PLAN_ROLES } from './plan.policy.ts';
import * as systems from './systems.service.ts';
import { SystemListPage, SystemPage } from './views/systems.views.tsx';

// The shared national systems: the list (with the administrator's form to add one) and a system's
// page (what reuses it; the administrator's edit form and service links). Everyone in the plan console
// reads; the services refuse changes to anyone but the program administrator (403).

type Values = Record<string, unknown>;

export async function systemPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const everyone = { config: { access: { roles: PLAN_ROLES } } };

  const listPage = async (req: FastifyRequest, values?: Values, errors?: FieldError[]) => (
    <SystemListPage
      {...(await systems.listSystems(deps, req.ctx, (req.query as Record<string, unknown>).archived === '1'))}
      values={values}
      errors={errors}
    />
  );
  app.get('/console/plans/systems', everyone, async (req, reply) => sendPage(req, reply, await listPage(req)));
  app.post('/console/plans/systems', everyone, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/plans/systems/${(await systems.createSystem(deps, req.ctx, values)).id}`,
      flash: 'plan.flash.saved',
      rerender: (errors) => listPage(req, values, errors),
    });
  });

  const systemPage = async (req: FastifyRequest, id: number, values?: Values, errors?: FieldError[]) => (
    <SystemPage {...(await systems.getSystem(deps, req.ctx, id))} values={values} errors={errors} />
  );
  app.get('/console/plans/systems/:id', everyone, async (req, reply) => sendPage(req, reply, await systemPage(req, idParam(req))));

  /** A form posted on the system's page: the change, then back to the page (or the page with its errors). */
  const systemForm = (path: string, act: (req: FastifyRequest, id: number, values: Values) => Promise<unknown>) =>
    app.post(path, everyone, async (req, reply) => {
      const id = idParam(req);
      const values = formValues(req.body);
      return handleForm(req, reply, {
        action: async () => {
          await act(req, id, values);
          return `/console/plans/systems/${id}`;
        },
        flash: 'plan.flash.saved',
        rerender: (errors) => systemPage(req, id, values, errors),
      });
    });
  systemForm('/console/plans/systems/:id', (req, id, values) => systems.updateSystem(deps, req.ctx, id, values));
  systemForm('/console/plans/systems/:id/services', (req, id, values) => systems.addSystemService(deps, req.ctx, id, values));
  systemForm('/console/plans/systems/:id/archive', (req, id) => systems.setSystemArchived(deps, req.ctx, id, true));
  systemForm('/console/plans/systems/:id/restore', (req, id) => systems.setSystemArchived(deps, req.ctx, id, false));
  systemForm('/console/plans/systems/:id/services/remove', (req, id, values) =>
    systems.removeSystemService(deps, req.ctx, id, String(values.service ?? '')),
  );
}
