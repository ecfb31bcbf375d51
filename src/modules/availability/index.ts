import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import type { ScheduledPayload } from '../../platform/jobs/worker.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { loadAvailabilityDemo } from './availability.demo.ts';
import { availabilityPages, feedRoutes } from './availability.pages.tsx';
import { AVAILABILITY_ROLES } from './availability.policy.ts';
import type { AvailabilityTables } from './availability.tables.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0020 from './migrations/0020_availability.ts';
import * as m0026 from './migrations/0026_availability_day_totals.ts';
import { PRUNE_JOB, pruneRaw, runDueProbes } from './monitor.service.ts';
import { availabilityPersonalData } from './privacy.ts';
import { availabilityReportPanel } from './report-panel.ts';
import { serviceStatusBox } from './service-page.tsx';

declare module '../../platform/jobs/jobs.ts' {
  interface JobPayloads {
    'availability.prune': ScheduledPayload;
  }
}

/**
 * Availability: probes of the catalog's online channels run by the worker; results kept raw for
 * days and rolled up per hour and day for good; incidents opened after repeated failures (the
 * agency emailed, an outage announcement drafted in notify) and closed on recovery; uptime per
 * service, agency and nation; the public status pages and their Atom feed.
 */
export const availabilityModule: ModuleDefinition<AvailabilityTables, typeof ar> = defineModule({
  name: 'availability',
  messages: { ar, en },
  tables: [
    'availability_probes',
    'availability_results',
    'availability_rollups',
    'availability_incidents',
    'availability_incident_events',
    'availability_day_totals',
  ],
  migrations: { '0020_availability': m0020, '0026_availability_day_totals': m0026 },
  personalData: availabilityPersonalData,
  nav: [
    { href: '/status', label: 'nav.status', area: 'public', order: 60, visible: (a) => a.kind !== 'user' },
    {
      href: '/console/availability',
      label: 'nav.availability',
      area: 'console',
      order: 45,
      visible: (a) => hasRole(a, ...AVAILABILITY_ROLES),
    },
  ],
  jobs: { [PRUNE_JOB]: async (d) => void (await pruneRaw(d)) },
  schedules: [{ kind: PRUNE_JOB, daily: { hour: 3, minute: 30 } }],
  tickers: [(d) => runDueProbes(d)],
  extensions: { fills: [serviceStatusBox, availabilityReportPanel] },
  routes: availabilityRoutes,
  demo: async (deps, ctx) => loadAvailabilityDemo(deps, ctx),
});

async function availabilityRoutes(app: FastifyInstance): Promise<void> {
  await registerPages(app, availabilityPages);
  await feedRoutes(app);
}
