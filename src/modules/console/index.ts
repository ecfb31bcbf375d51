import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { consoleDashboard } from './console.extensions.ts';
import { consolePages } from './console.pages.tsx';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };

/** The console's own pages: dashboard (other modules add cards), audit trail, outbox and jobs. It owns no tables. */
export const consoleModule: ModuleDefinition<Record<never, never>, typeof ar> = defineModule({
  name: 'console',
  messages: { ar, en },
  tables: [],
  migrations: {},
  nav: [
    { href: '/console', label: 'nav.console', area: 'console', order: 0, visible: (a) => a.kind === 'user' },
    { href: '/console/audit', label: 'nav.audit', area: 'console', order: 90, visible: (a) => hasRole(a, 'program_admin', 'agency_admin') },
    { href: '/console/outbox', label: 'nav.outbox', area: 'console', order: 95, visible: (a) => hasRole(a, 'program_admin') },
    { href: '/console/jobs', label: 'nav.jobs', area: 'console', order: 96, visible: (a) => hasRole(a, 'program_admin') },
  ],
  extensions: { offers: [consoleDashboard] },
  routes: async (app: FastifyInstance) => registerPages(app, consolePages),
});
