import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import { addNavItem } from '../../platform/views/nav.ts';
import { measureAssetRoutes } from './assets.ts';
import { downloadRoutes } from './downloads.ts';
import { frameworkPages } from './frameworks.pages.tsx';
import { registerMeasureDashboard } from './measure.dashboard.tsx';
import { MEASURE_ROLES } from './measure.policy.ts';
import { registerMeasureJobs } from './reminders.ts';
import { resultPages } from './results.pages.tsx';
import { roundPages } from './rounds.pages.tsx';
import { sheetPages } from './sheet.pages.tsx';

export { loadMeasureDemo } from './demo.ts';
export { registerMeasureJobs } from './reminders.ts';

/** Transformation measurement: frameworks, rounds, answers with evidence, review, scores, rankings and reports. */
export async function measureModule(app: FastifyInstance): Promise<void> {
  registerMeasureJobs(app.deps);
  registerMeasureDashboard();
  addNavItem({ href: '/console/measure', label: 'nav.measure', area: 'console', order: 30, visible: (a) => hasRole(a, ...MEASURE_ROLES) });
  await registerPages(app, async (scope) => {
    await roundPages(scope);
    await frameworkPages(scope);
    await sheetPages(scope);
    await resultPages(scope);
  });
  await downloadRoutes(app);
  await measureAssetRoutes(app);
}
