import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { credentialsRoutes, OFFICE } from './credentials.pages.tsx';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };

/**
 * Certificates anyone can check: the public verification pages (by serial, or a pasted or uploaded
 * credential), the documents a verifier fetches (signed credential, issuer profile and keys, status
 * lists) and the office's list with revocation. Signing and the tables are the platform's
 * (src/platform/credentials), used by every module that certifies something.
 */
export const credentialsModule: ModuleDefinition<Record<never, never>, typeof ar> = defineModule({
  name: 'credentials',
  messages: { ar, en },
  tables: [],
  migrations: {},
  nav: [
    // In the foot of every page rather than the header: people come to it from a certificate's link or QR code.
    { href: '/verify', label: 'nav.verify', area: 'footer', order: 50, visible: () => true },
    { href: '/console/credentials', label: 'nav.credentials', area: 'console', order: 85, visible: (a) => hasRole(a, ...OFFICE) },
  ],
  routes: async (app: FastifyInstance) => credentialsRoutes(app),
});
