import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import { addNavItem } from '../../platform/views/nav.ts';
import { consolePages } from './console.pages.tsx';

/** The console's own pages: dashboard, audit trail, outbox and jobs. */
export async function consoleModule(app: FastifyInstance): Promise<void> {
  addNavItem({ href: '/console', label: 'nav.console', area: 'console', order: 0, visible: (a) => a.kind === 'user' });
  addNavItem({
    href: '/console/audit',
    label: 'nav.audit',
    area: 'console',
    order: 90,
    visible: (a) => hasRole(a, 'program_admin', 'agency_admin'),
  });
  addNavItem({ href: '/console/outbox', label: 'nav.outbox', area: 'console', order: 95, visible: (a) => hasRole(a, 'program_admin') });
  addNavItem({ href: '/console/jobs', label: 'nav.jobs', area: 'console', order: 96, visible: (a) => hasRole(a, 'program_admin') });
  await registerPages(app, consolePages);
}
