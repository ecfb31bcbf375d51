import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import { addNavItem } from '../../platform/views/nav.ts';
import { agencyPages } from './agencies.pages.tsx';
import { authPages } from './auth.pages.tsx';
import { identityApi } from './identity.api.ts';
import { tokenPages } from './tokens.pages.tsx';
import { userPages } from './users.pages.tsx';

/** Agencies, people, roles, sign-in and API tokens. */
export async function identityModule(app: FastifyInstance): Promise<void> {
  addNavItem({ href: '/console/agencies', label: 'nav.agencies', area: 'console', order: 80, visible: (a) => a.kind === 'user' });
  addNavItem({
    href: '/console/users',
    label: 'nav.users',
    area: 'console',
    order: 85,
    visible: (a) => hasRole(a, 'program_admin', 'agency_admin'),
  });
  await registerPages(app, async (scope) => {
    await authPages(scope);
    await agencyPages(scope);
    await userPages(scope);
    await tokenPages(scope);
  });
  await identityApi(app);
}
