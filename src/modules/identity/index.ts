import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { registerIdentityDelivery } from './account-emails.ts';
import { agencyPages } from './agencies.pages.tsx';
import { authPages } from './auth.pages.tsx';
import { identityApi } from './identity.api.ts';
import { loadIdentityDemo } from './identity.demo.ts';
import type { IdentityTables } from './identity.tables.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0010 from './migrations/0010_identity_role_offers.ts';
import * as m0022 from './migrations/0022_identity_oidc.ts';
import * as m0027 from './migrations/0027_identity_totp_reset.ts';
import * as m0063 from './migrations/0063_identity_account_closures.ts';
import { oidcPages, oidcProviderRoutes } from './oidc.pages.tsx';
import { identityPersonalData } from './privacy.ts';
import { tokenPages } from './tokens.pages.tsx';
import { secondFactorGate, totpPages } from './totp.pages.tsx';
import { userPages } from './users.pages.tsx';

/**
 * Agencies, people, roles, sign-in and API tokens. (Its first tables — agencies, and the users,
 * memberships, sessions and tokens the platform's auth reads — were created by 0001_platform.)
 */
export const identityModule: ModuleDefinition<IdentityTables, typeof ar> = defineModule({
  name: 'identity',
  messages: { ar, en },
  tables: [
    'agencies',
    'role_offers',
    'oidc_identities',
    'oidc_sessions',
    'agency_sign_in',
    'totp_factors',
    'totp_recovery_codes',
    'totp_resets',
    'account_closures',
  ],
  migrations: {
    '0010_identity_role_offers': m0010,
    '0022_identity_oidc': m0022,
    '0027_identity_totp_reset': m0027,
    '0063_identity_account_closures': m0063,
  },
  nav: [
    { href: '/console/agencies', label: 'nav.agencies', area: 'console', order: 80, visible: (a) => a.kind === 'user' },
    { href: '/console/users', label: 'nav.users', area: 'console', order: 85, visible: (a) => hasRole(a, 'program_admin', 'agency_admin') },
  ],
  delivery: registerIdentityDelivery,
  personalData: identityPersonalData,
  routes: identityRoutes,
  demo: loadIdentityDemo,
});

async function identityRoutes(app: FastifyInstance): Promise<void> {
  // First: the pages of every module that follows are registered under it.
  secondFactorGate(app);
  await registerPages(app, async (scope) => {
    await authPages(scope);
    await oidcPages(scope);
    await totpPages(scope);
    await agencyPages(scope);
    await userPages(scope);
    await tokenPages(scope);
  });
  await identityApi(app);
  await oidcProviderRoutes(app);
}

/** `yusr user create` (the composition root's CLI reaches modules through their manifests). */
export { createUserFromCli } from './cli.ts';
