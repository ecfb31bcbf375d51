import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { registerPages } from '../../platform/http/pages.ts';
import { addNavItem } from '../../platform/views/nav.ts';
import { adminPages } from './admin.pages.tsx';
import { downloadRoutes } from './downloads.ts';
import { feedbackApi } from './feedback.api.ts';
import { registerFeedbackDashboard } from './feedback.dashboard.tsx';
import { METRIC_ROLES } from './feedback.policy.ts';
import { inboxPages } from './inbox.pages.tsx';
import { metricsPages } from './metrics.pages.tsx';
import { publicPages } from './public.pages.tsx';
import { ratingsPages } from './ratings.pages.tsx';
import { addServicePageSection } from './service-page.tsx';
import { RECOMPUTE_JOB, recomputeActiveCases } from './sla.service.ts';
import { runSlaSweep } from './sla.sweep.ts';
import { SURVEY_JOB, sendSurvey } from './survey.service.ts';

export const SLA_SWEEP_JOB = 'feedback.sla_sweep';

/** Ratings, complaints with SLAs, and customer-experience metrics: the loop back from beneficiaries. */
export async function feedbackModule(app: FastifyInstance): Promise<void> {
  addNavItem({ href: '/feedback/new', label: 'nav.feedback_new', area: 'public', order: 30, visible: (a) => a.kind !== 'user' });
  addNavItem({ href: '/console/feedback', label: 'nav.feedback', area: 'console', order: 20, visible: (a) => hasRole(a, ...METRIC_ROLES) });

  addServicePageSection();
  registerFeedbackDashboard();

  await registerPages(app, async (scope) => {
    await publicPages(scope);
    await inboxPages(scope);
    await ratingsPages(scope);
    await adminPages(scope);
    await metricsPages(scope);
  });
  await downloadRoutes(app);
  await feedbackApi(app);
}

/** The sweep (warnings and escalations), the survey sender and the deadline recomputation: for web nodes and workers alike. */
export function registerFeedbackJobs(deps: Deps): void {
  const jobs = deps.jobs;
  if (jobs.handlers.has(SLA_SWEEP_JOB)) return;
  jobs.handle(SLA_SWEEP_JOB, async (d) => {
    await runSlaSweep(d);
  });
  jobs.handle(SURVEY_JOB, (d, payload) => sendSurvey(d, payload));
  jobs.handle(RECOMPUTE_JOB, async (d) => {
    await recomputeActiveCases(d);
  });
  jobs.schedule({ name: SLA_SWEEP_JOB, kind: SLA_SWEEP_JOB, everyMs: 5 * 60_000 });
}
