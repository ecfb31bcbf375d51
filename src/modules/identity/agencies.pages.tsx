import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam, pageParam, queryFilters } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import * as agencies from './agencies.service.ts';
import { identityPolicy } from './identity.policy.ts';
import { staffProviders } from './oidc.client.ts';
import { agencyProvider, setAgencyProvider } from './oidc.service.ts';
import { administersAgency } from './users.service.ts';
import { AgenciesPage, AgencyFormPage, AgencyPage } from './views/agencies.views.tsx';

const CONTACT_FIELDS = ['website', 'email', 'phone', 'address_ar', 'address_en'] as const;

/** Form strings → the agency payload: parent as a number, blanks as explicit nulls (so a field can be cleared). */
export function agencyFormInput(values: Record<string, unknown>, contactOnly: boolean) {
  const out: Record<string, unknown> = {};
  for (const k of CONTACT_FIELDS) out[k] = values[k] ?? null;
  if (contactOnly) return out;
  return {
    ...out,
    code: values.code,
    name_ar: values.name_ar,
    name_en: values.name_en,
    kind: values.kind,
    status: values.status,
    parent_id: values.parent_id ? Number(values.parent_id) : null,
  };
}

export async function agencyPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const staff = { config: { access: 'signed-in' as const } };
  const admin = { config: { access: { roles: ['program_admin'] as const } } };

  app.get('/console/agencies', staff, async (req, reply) => {
    const filters = queryFilters(req, ['q', 'kind', 'status'] as const);
    const page = pageParam(req);
    const { items, hasNext } = await agencies.listAgencies(deps, filters, page);
    const parents = new Map((await agencies.allAgencies(deps)).map((a) => [a.id, a]));
    return sendPage(
      req,
      reply,
      <AgenciesPage
        items={items}
        hasNext={hasNext}
        page={page}
        filters={filters}
        parents={parents}
        canCreate={identityPolicy.manageAgencies(req.actor)}
      />,
    );
  });

  app.get('/console/agencies/new', admin, async (req, reply) =>
    sendPage(req, reply, <AgencyFormPage values={{ kind: 'ministry' }} agencies={await agencies.allAgencies(deps)} contactOnly={false} />),
  );

  app.post('/console/agencies/new', admin, async (req, reply) => {
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => `/console/agencies/${(await agencies.createAgency(deps, req.ctx, agencyFormInput(values, false))).id}`,
      flash: 'flash.created',
      rerender: async (errors) => (
        <AgencyFormPage values={values} errors={errors} agencies={await agencies.allAgencies(deps)} contactOnly={false} />
      ),
    });
  });

  const agencyPage = async (req: FastifyRequest, id: number, errors?: FieldError[]) => {
    const agency = await agencies.getAgency(deps, id);
    const all = await agencies.allAgencies(deps);
    const providers = staffProviders(deps.config).map((p) => ({ id: p.id, name: p.name }));
    return (
      <AgencyPage
        agency={agency}
        parent={all.find((a) => a.id === agency.parent_id)}
        children={all.filter((a) => a.parent_id === agency.id)}
        canEdit={agencies.canEditAgency(req.ctx, agency.id)}
        canTokens={identityPolicy.manageTokens(req.actor, agency.id)}
        canStaff={administersAgency(req.ctx, agency.id)}
        signIn={
          providers.length
            ? { providers, current: await agencyProvider(deps, agency.id), canEdit: identityPolicy.manageAgencies(req.actor), errors }
            : undefined
        }
      />
    );
  };

  app.get('/console/agencies/:id', staff, async (req, reply) => sendPage(req, reply, await agencyPage(req, idParam(req))));

  // "This agency signs in only with provider X": the program office decides (audited).
  app.post('/console/agencies/:id/sign-in', admin, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, reply, {
      action: async () => {
        await setAgencyProvider(deps, req.ctx, id, formValues(req.body).provider);
        return `/console/agencies/${id}`;
      },
      flash: 'flash.saved',
      rerender: (errors) => agencyPage(req, id, errors),
    });
  });

  app.get(
    '/console/agencies/:id/edit',
    { config: { access: { roles: ['program_admin', 'agency_admin'] as const } } },
    async (req, reply) => {
      const agency = await agencies.getAgency(deps, idParam(req));
      authorize(agencies.canEditAgency(req.ctx, agency.id));
      return sendPage(
        req,
        reply,
        <AgencyFormPage
          agency={agency}
          values={agency}
          agencies={await agencies.allAgencies(deps)}
          contactOnly={!hasRole(req.actor, 'program_admin')}
        />,
      );
    },
  );

  app.post(
    '/console/agencies/:id/edit',
    { config: { access: { roles: ['program_admin', 'agency_admin'] as const } } },
    async (req, reply) => {
      const id = idParam(req);
      const agency = await agencies.getAgency(deps, id);
      const values = formValues(req.body);
      const contactOnly = !hasRole(req.actor, 'program_admin');
      return handleForm(req, reply, {
        action: async () => {
          await agencies.updateAgency(deps, req.ctx, id, agencyFormInput(values, contactOnly));
          return `/console/agencies/${id}`;
        },
        flash: 'flash.saved',
        rerender: async (errors) => (
          <AgencyFormPage
            agency={agency}
            values={values}
            errors={errors}
            agencies={await agencies.allAgencies(deps)}
            contactOnly={contactOnly}
          />
        ),
      });
    },
  );
}
