import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { isAgencyRole, type Role, roles } from '../../platform/authz/roles.ts';
import { setFlash } from '../../platform/http/context.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { handleForm, idParam, pageParam, queryFilters } from '../../platform/http/pages.ts';
import { formValues } from '../../platform/http/validation.ts';
import { sendPage } from '../../platform/views/render.tsx';
import * as agencies from './agencies.service.ts';
import { identityPolicy } from './identity.policy.ts';
import { resetSecondFactor, signInMethods, unlinkProvider } from './sign-in-methods.service.ts';
import * as users from './users.service.ts';
import { InvitePage, UserPage, UsersPage } from './views/users.views.tsx';

const roleForm = (v: Record<string, unknown>) => ({
  role: v.role,
  agency_id: v.agency_id ? Number(v.agency_id) : null,
});

export async function userPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const admins = { config: { access: { roles: ['program_admin', 'agency_admin'] as const } } };

  /** The roles this actor may grant, and the agencies they may grant them in. */
  async function grantScope(req: FastifyRequest) {
    const all = await agencies.allAgencies(deps);
    if (hasRole(req.actor, 'program_admin')) return { grantable: [...roles] as Role[], agencyList: all };
    const mine = all.filter((a) => users.administersAgency(req.ctx, a.id));
    return { grantable: roles.filter(isAgencyRole) as Role[], agencyList: mine };
  }

  app.get('/console/users', admins, async (req, reply) => {
    const filters = queryFilters(req, ['q', 'role', 'status', 'agency'] as const);
    const page = pageParam(req);
    const agencyId = Number(filters.agency);
    const { items, hasNext } = await users.listUsers(
      deps,
      req.ctx,
      { q: filters.q, role: filters.role, status: filters.status, agencyIds: agencyId > 0 ? [agencyId] : undefined },
      page,
    );
    const { agencyList } = await grantScope(req);
    return sendPage(req, reply, <UsersPage items={items} hasNext={hasNext} page={page} filters={filters} agencies={agencyList} />);
  });

  app.get('/console/users/invite', admins, async (req, reply) => {
    const { grantable, agencyList } = await grantScope(req);
    return sendPage(req, reply, <InvitePage values={{}} agencies={agencyList} grantable={grantable} />);
  });

  app.post('/console/users/invite', admins, async (req, reply) => {
    const values = formValues(req.body);
    const { grantable, agencyList } = await grantScope(req);
    return handleForm(req, reply, {
      action: async () => {
        const r = await users.inviteOrOffer(deps, req.ctx, {
          name: values.name,
          email: values.email,
          locale: values.locale,
          ...roleForm(values),
        });
        if ('offered' in r) {
          setFlash(req, reply, 'user.offer_sent');
          return '/console/users';
        }
        setFlash(req, reply, 'user.invited');
        return `/console/users/${r.user.id}`;
      },
      rerender: (errors) => <InvitePage values={values} errors={errors} agencies={agencyList} grantable={grantable} />,
    });
  });

  async function renderUser(
    req: FastifyRequest,
    extra: {
      values?: Record<string, unknown>;
      errors?: FieldError[];
      signInValues?: Record<string, unknown>;
      signInErrors?: FieldError[];
    } = {},
  ) {
    const { user, memberships, canManage } = await users.getUser(deps, req.ctx, idParam(req));
    const { grantable, agencyList } = await grantScope(req);
    return (
      <UserPage
        user={user}
        memberships={memberships}
        canManage={canManage}
        canRemove={(m) => identityPolicy.grantRole(req.actor, m.role as Role, m.agency_id)}
        agencies={agencyList}
        grantable={grantable}
        isSelf={req.actor.kind === 'user' && req.actor.id === user.id}
        signIn={await signInMethods(deps, user.id)}
        {...extra}
      />
    );
  }

  app.get('/console/users/:id', admins, async (req, reply) => sendPage(req, reply, await renderUser(req)));

  app.post('/console/users/:id/roles', admins, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await users.addRole(deps, req.ctx, id, roleForm(values));
        return `/console/users/${id}`;
      },
      flash: 'flash.saved',
      rerender: (errors) => renderUser(req, { values, errors }),
    });
  });

  app.post('/console/users/:id/roles/:membership/remove', admins, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, reply, {
      action: async () => {
        await users.removeRole(deps, req.ctx, id, idParam(req, 'membership'));
        return `/console/users/${id}`;
      },
      flash: 'flash.saved',
      rerender: (errors) => renderUser(req, { errors }),
    });
  });

  app.post('/console/users/:id/providers/:link/unlink', admins, async (req, reply) => {
    const id = idParam(req);
    return handleForm(req, reply, {
      action: async () => {
        await unlinkProvider(deps, req.ctx, id, idParam(req, 'link'));
        return `/console/users/${id}`;
      },
      flash: 'oidc.unlinked',
      rerender: (errors) => renderUser(req, { signInErrors: errors }),
    });
  });

  app.post('/console/users/:id/two-factor/reset', admins, async (req, reply) => {
    const id = idParam(req);
    const values = formValues(req.body);
    return handleForm(req, reply, {
      action: async () => {
        await resetSecondFactor(deps, req.ctx, id, values);
        return `/console/users/${id}`;
      },
      flash: 'totp.reset_done',
      rerender: (errors) => renderUser(req, { signInValues: values, signInErrors: errors }),
    });
  });

  const simple: [string, (id: number, req: FastifyRequest) => Promise<unknown>, Parameters<typeof handleForm>[2]['flash']][] = [
    ['deactivate', (id, req) => users.setUserActive(deps, req.ctx, id, false), 'user.deactivated'],
    ['reactivate', (id, req) => users.setUserActive(deps, req.ctx, id, true), 'user.reactivated'],
    ['reset', (id, req) => users.sendPasswordReset(deps, req.ctx, id), 'user.reset_sent'],
    ['resend', (id, req) => users.resendInvitation(deps, req.ctx, id), 'user.invitation_resent'],
  ];
  for (const [verb, run, flash] of simple) {
    app.post(`/console/users/:id/${verb}`, admins, async (req, reply) => {
      const id = idParam(req);
      return handleForm(req, reply, {
        action: async () => {
          await run(id, req);
          return `/console/users/${id}`;
        },
        flash,
        rerender: (errors) => renderUser(req, { errors }),
      });
    });
  }
}
