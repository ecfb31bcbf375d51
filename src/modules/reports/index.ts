import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import type { ScheduledPayload } from '../../platform/jobs/worker.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { archiveDownloads, archivePages } from './archive/archive.pages.tsx';
import { REPORT_JOB, runSchedule } from './archive/archive.service.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0029 from './migrations/0029_reports_archive.ts';
import opendataAr from './opendata/messages/ar.json' with { type: 'json' };
import opendataEn from './opendata/messages/en.json' with { type: 'json' };
import { openDataRoutes } from './opendata/opendata.routes.tsx';
import { reportsPersonalData } from './privacy.ts';
import { reportsDashboardCard } from './reports.dashboard.tsx';
import { loadReportsDemo } from './reports.demo.ts';
import { reportsPages } from './reports.pages.tsx';
import { reportPanels } from './reports.panels.ts';
import { REPORT_ROLES } from './reports.policy.ts';
import type { ReportsTables } from './reports.tables.ts';

declare module '../../platform/jobs/jobs.ts' {
  interface JobPayloads {
    'reports.leadership_report': ScheduledPayload;
  }
}

/** The module's catalogs: the dashboard's, and open data's beside its code. */
const messages = { ar: { ...ar, ...opendataAr }, en: { ...en, ...opendataEn } };

/**
 * Reports: the national dashboard (program office and leadership) and each agency's scorecard beside
 * the national median, built from the panels other modules provide through `reportPanels` (each
 * module computes its own figures with its own services), open data built from the same panels
 * (opendata/), and the scheduled leadership report: archived with the data it was built from, as
 * HTML, PDF and XLSX, emailed to leadership (archive/).
 */
export const reportsModule: ModuleDefinition<ReportsTables, typeof messages.ar> = defineModule({
  name: 'reports',
  messages,
  personalData: reportsPersonalData,
  tables: ['reports_settings', 'reports_recipients', 'reports_archive'],
  migrations: { '0029_reports_archive': m0029 },
  nav: [
    { href: '/console/reports', label: 'nav.reports', area: 'console', order: 5, visible: (a) => hasRole(a, ...REPORT_ROLES) },
    { href: '/open-data', label: 'opendata.nav', area: 'footer', order: 40, visible: () => true },
  ],
  extensions: { offers: [reportPanels], fills: [reportsDashboardCard] },
  jobs: { [REPORT_JOB]: async (d) => void (await runSchedule(d)) },
  // Daily: once the schedule's last month or quarter has closed, its report is made (once; the archive's key holds it).
  schedules: [{ kind: REPORT_JOB, daily: { hour: 7, minute: 0 } }],
  routes: reportsRoutes,
  demo: (deps, ctx) => loadReportsDemo(deps, ctx),
});

async function reportsRoutes(app: FastifyInstance): Promise<void> {
  await registerPages(app, reportsPages);
  await registerPages(app, archivePages);
  await archiveDownloads(app);
  await openDataRoutes(app);
}
