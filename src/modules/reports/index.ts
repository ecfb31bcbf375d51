import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import opendataAr from './opendata/messages/ar.json' with { type: 'json' };
import opendataEn from './opendata/messages/en.json' with { type: 'json' };
import { openDataRoutes } from './opendata/opendata.routes.tsx';
import { reportsDashboardCard } from './reports.dashboard.tsx';
import { reportsPages } from './reports.pages.tsx';
import { reportPanels } from './reports.panels.ts';
import { REPORT_ROLES } from './reports.policy.ts';

/** The module's catalogs: the dashboard's, and open data's beside its code. */
const messages = { ar: { ...ar, ...opendataAr }, en: { ...en, ...opendataEn } };

/**
 * Reports: the national dashboard (program office and leadership) and each agency's scorecard beside
 * the national median, built from the panels other modules provide through `reportPanels` (each
 * module computes its own figures with its own services), and open data built from the same panels
 * (opendata/). It owns no tables.
 */
export const reportsModule: ModuleDefinition<Record<never, never>, typeof messages.ar> = defineModule({
  name: 'reports',
  messages,
  tables: [],
  migrations: {},
  nav: [
    { href: '/console/reports', label: 'nav.reports', area: 'console', order: 5, visible: (a) => hasRole(a, ...REPORT_ROLES) },
    { href: '/open-data', label: 'opendata.nav', area: 'footer', order: 40, visible: () => true },
  ],
  extensions: { offers: [reportPanels], fills: [reportsDashboardCard] },
  routes: reportsRoutes,
});

async function reportsRoutes(app: FastifyInstance): Promise<void> {
  await registerPages(app, reportsPages);
  await openDataRoutes(app);
}
