import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import type { ScheduledPayload } from '../../platform/jobs/worker.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { kpiApi } from './kpi.api.ts';
import { loadKpiDemo } from './kpi.demo.ts';
import { kpiPages } from './kpi.pages.tsx';
import { KPI_ROLES } from './kpi.policy.ts';
import { REMINDER_JOB, remindMissing } from './kpi.reminders.ts';
import type { KpiTables } from './kpi.tables.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0021 from './migrations/0021_kpi.ts';
import { mostUsed } from './popular.ts';
import { kpiPersonalData } from './privacy.ts';
import { kpiReportPanel } from './report-panel.ts';
import { performanceLink } from './service-page.tsx';

declare module '../../platform/jobs/jobs.ts' {
  interface JobPayloads {
    'kpi.missing_reminder': ScheduledPayload;
  }
}

/**
 * Service performance: each live service's monthly transactions by channel, journeys started and
 * completed, and cost — entered in a form, imported from CSV/XLSX after a dry run, or pushed with an
 * agency token — and the four KPIs (digital take-up, completion, cost per transaction, satisfaction
 * from feedback) per service, agency and nation, beside the national median; metric functions for
 * the modules that measure.
 */
export const kpiModule: ModuleDefinition<KpiTables, typeof ar> = defineModule({
  name: 'kpi',
  messages: { ar, en },
  tables: ['kpi_figures', 'kpi_figure_versions', 'kpi_uploads'],
  migrations: { '0021_kpi': m0021 },
  personalData: kpiPersonalData,
  nav: [{ href: '/console/kpi', label: 'nav.kpi', area: 'console', order: 37, visible: (a) => hasRole(a, ...KPI_ROLES) }],
  extensions: { fills: [performanceLink, kpiReportPanel, mostUsed] },
  jobs: { [REMINDER_JOB]: async (d) => void (await remindMissing(d)) },
  // Daily: from the 5th of a month it reminds agencies of last month's missing figures, once each.
  schedules: [{ kind: REMINDER_JOB, daily: { hour: 9, minute: 0 } }],
  routes: kpiRoutes,
  demo: async (deps, ctx) => loadKpiDemo(deps, ctx),
});

async function kpiRoutes(app: FastifyInstance): Promise<void> {
  await registerPages(app, kpiPages);
  await kpiApi(app);
}
