import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import type { ScheduledPayload } from '../../platform/jobs/worker.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { adminPages } from './admin.pages.tsx';
import { DEMO_CASES, DEMO_RATINGS, loadFeedbackDemo } from './demo.ts';
import { downloadRoutes } from './downloads.ts';
import { feedbackApi } from './feedback.api.ts';
import { feedbackDashboardCard } from './feedback.dashboard.tsx';
import { CASE_ROLES, METRIC_ROLES } from './feedback.policy.ts';
import type { FeedbackTables } from './feedback.tables.ts';
import { inboxPages } from './inbox.pages.tsx';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import { metricsPages } from './metrics.pages.tsx';
import * as m0004 from './migrations/0004_feedback.ts';
import * as m0065 from './migrations/0065_feedback_cx_aggregates.ts';
import { feedbackPersonalData } from './privacy.ts';
import { publicPages } from './public.pages.tsx';
import { ratingsPages } from './ratings.pages.tsx';
import { feedbackReportPanel } from './report-panel.ts';
import { servicePageSection } from './service-page.tsx';
import { RECOMPUTE_JOB, recomputeActiveCases } from './sla.service.ts';
import { runSlaSweep } from './sla.sweep.ts';
import { SURVEY_JOB, sendSurvey } from './survey.service.ts';

export const SLA_SWEEP_JOB = 'feedback.sla_sweep';

declare module '../../platform/jobs/jobs.ts' {
  interface JobPayloads {
    'feedback.sla_sweep': ScheduledPayload;
    'feedback.survey': { caseId: number; reopenCount: number };
    'feedback.sla_recompute': Record<string, never>;
  }
}

/**
 * Ratings, complaints with SLAs, and customer-experience metrics: the loop back from beneficiaries.
 * In the background (web nodes and workers alike): the SLA sweep every five minutes (warnings and
 * escalations), the survey after resolution, and deadline recomputation when the calendar changes.
 */
export const feedbackModule: ModuleDefinition<FeedbackTables, typeof ar> = defineModule({
  name: 'feedback',
  messages: { ar, en },
  personalData: feedbackPersonalData,
  tables: [
    'feedback_question_sets',
    'feedback_ratings',
    'feedback_answers',
    'feedback_cases',
    'feedback_case_events',
    'feedback_case_pauses',
    'feedback_attachments',
    'feedback_counters',
    'feedback_sla_policies',
    'feedback_holidays',
    'feedback_settings',
    'feedback_agency_settings',
    'feedback_reroutes',
    'feedback_templates',
    'feedback_cx_ratings',
    'feedback_cx_answers',
    'feedback_cx_cases',
    'feedback_cx_sla',
  ],
  migrations: { '0004_feedback': m0004, '0065_feedback_cx_aggregates': m0065 },
  nav: [
    { href: '/feedback/new', label: 'nav.feedback_new', area: 'public', order: 30, visible: (a) => a.kind !== 'user' },
    { href: '/console/feedback', label: 'nav.feedback', area: 'console', order: 20, visible: (a) => hasRole(a, ...CASE_ROLES) },
    // Those who read the figures but handle no cases (reviewers, leadership) go straight to the figures.
    {
      href: '/console/feedback/metrics',
      label: 'nav.feedback',
      area: 'console',
      order: 20,
      visible: (a) => hasRole(a, ...METRIC_ROLES) && !hasRole(a, ...CASE_ROLES),
    },
  ],
  extensions: { fills: [servicePageSection, feedbackDashboardCard, feedbackReportPanel] },
  jobs: {
    [SLA_SWEEP_JOB]: async (d) => {
      await runSlaSweep(d);
    },
    [SURVEY_JOB]: (d, payload) => sendSurvey(d, payload),
    [RECOMPUTE_JOB]: async (d) => {
      await recomputeActiveCases(d);
    },
  },
  schedules: [{ kind: SLA_SWEEP_JOB, everyMs: 5 * 60_000 }],
  routes: feedbackRoutes,
  demo: async (deps, ctx, opts) => {
    const volume = opts.volume ?? 1;
    const made = await loadFeedbackDemo(deps, ctx, {
      ratings: Math.round(DEMO_RATINGS * volume),
      cases: Math.round(DEMO_CASES * volume),
    });
    return { ratings: made.ratings, cases: made.cases };
  },
});

async function feedbackRoutes(app: FastifyInstance): Promise<void> {
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

/** `yusr feedback aggregates [--repair]`. */
export { runAggregatesCommand } from './metrics.aggregates.ts';
