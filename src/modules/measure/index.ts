import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import type { ScheduledPayload } from '../../platform/jobs/worker.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { measureAssetRoutes } from './assets.ts';
import { loadMeasureDemo } from './demo.ts';
import { downloadRoutes } from './downloads.ts';
import { frameworkPages } from './frameworks.pages.tsx';
import { importPages } from './import.pages.tsx';
import { measureApi } from './measure.api.ts';
import { measureDashboardCard } from './measure.dashboard.tsx';
import { MEASURE_ROLES } from './measure.policy.ts';
import type { MeasureTables } from './measure.tables.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0005 from './migrations/0005_measure.ts';
import * as m0035 from './migrations/0035_measure_bulk_answers.ts';
import { measurePersonalData } from './privacy.ts';
import { sendReminders } from './reminders.ts';
import { measureReportPanel } from './report-panel.ts';
import { resultPages } from './results.pages.tsx';
import { roundPages } from './rounds.pages.tsx';
import { sheetPages } from './sheet.pages.tsx';

declare module '../../platform/jobs/jobs.ts' {
  interface JobPayloads {
    'measure.reminders': ScheduledPayload;
  }
}

/**
 * Transformation measurement: frameworks, rounds, answers with evidence, review, scores, rankings
 * and reports. Reminders go out daily at 08:00 in the program's time zone.
 */
export const measureModule: ModuleDefinition<MeasureTables, typeof ar> = defineModule({
  name: 'measure',
  messages: { ar, en },
  tables: [
    'measure_frameworks',
    'measure_rounds',
    'measure_participants',
    'measure_answers',
    'measure_evidence',
    'measure_answer_events',
    'measure_results',
    'measure_uploads',
    'measure_evidence_links',
  ],
  migrations: { '0005_measure': m0005, '0035_measure_bulk_answers': m0035 },
  personalData: measurePersonalData,
  nav: [{ href: '/console/measure', label: 'nav.measure', area: 'console', order: 30, visible: (a) => hasRole(a, ...MEASURE_ROLES) }],
  extensions: { fills: [measureDashboardCard, measureReportPanel] },
  jobs: {
    'measure.reminders': async (d) => {
      await sendReminders(d);
    },
  },
  schedules: [{ kind: 'measure.reminders', daily: { hour: 8, minute: 0 } }],
  routes: measureRoutes,
  demo: async (deps, ctx) => loadMeasureDemo(deps, ctx),
});

async function measureRoutes(app: FastifyInstance): Promise<void> {
  await registerPages(app, async (scope) => {
    await roundPages(scope);
    await frameworkPages(scope);
    await sheetPages(scope);
    await resultPages(scope);
    await importPages(scope);
  });
  await downloadRoutes(app);
  await measureApi(app);
  await measureAssetRoutes(app);
}

/** `yusr measure score` (the composition root's CLI reaches modules through their manifests). */
export { runScoreCommand } from './scoring/cli.ts';
