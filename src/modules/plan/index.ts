import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import type { ScheduledPayload } from '../../platform/jobs/worker.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { SERVICE_PUBLISHED } from '../catalog/public.ts';
import { onServicePublished } from './auto.service.ts';
import { baselinePages } from './baselines.pages.tsx';
import { bulkPages } from './bulk.pages.tsx';
import { committeePages } from './committees.pages.tsx';
import { editPages } from './edit.pages.tsx';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0013 from './migrations/0013_plan.ts';
import * as m0028 from './migrations/0028_plan_baselines.ts';
import * as m0040 from './migrations/0040_plan_risks.ts';
import * as m0047 from './migrations/0047_plan_links.ts';
import * as m0056 from './migrations/0056_plan_committees.ts';
import * as m0059 from './migrations/0059_plan_systems.ts';
import * as m0061 from './migrations/0061_plan_archive_attendance.ts';
import { CHANGE_NOTICE_JOB, type ChangeNotice, type ReportNotice, sendChangeNotice, sendReportNotice } from './notices.ts';
import { participateInitiatives } from './participate-links.ts';
import { planApi } from './plan.api.ts';
import { planDashboardCard } from './plan.dashboard.tsx';
import { loadPlanDemo } from './plan.demo.ts';
import { planPages } from './plan.pages.tsx';
import { PLAN_ROLES } from './plan.policy.ts';
import type { PlanTables } from './plan.tables.ts';
import { planPersonalData } from './privacy.ts';
import { publicPlanPages } from './public.pages.tsx';
import { REMINDER_JOB, sendActionReminders, sendReminders } from './reminders.ts';
import { planReportPanel } from './report-panel.ts';
import { reportPages } from './reports.pages.tsx';
import { REPORT_NOTICE_JOB } from './reports.service.ts';
import { riskPages } from './risks.pages.tsx';
import { systemPages } from './systems.pages.tsx';

declare module '../../platform/jobs/jobs.ts' {
  interface JobPayloads {
    'plan.report_notice': ReportNotice;
    'plan.reminders': ScheduledPayload;
    'plan.change_notice': ChangeNotice;
  }
}

/**
 * Plans: the national executive plan and agencies' transformation plans, their tracks, initiatives,
 * milestones and KPIs, period reports under maker-checker, roll-up and ratings, the follow-up
 * dashboard and the public progress pages. The owner agency's team hears of each decision by email,
 * and is reminded of a period report before and after it is due. A milestone tied to a catalog service
 * completes when the catalog publishes that service live.
 */
export const planModule: ModuleDefinition<PlanTables, typeof ar> = defineModule({
  name: 'plan',
  messages: { ar, en },
  tables: [
    'plan_plans',
    'plan_tracks',
    'plan_initiatives',
    'plan_milestones',
    'plan_kpis',
    'plan_kpi_values',
    'plan_periods',
    'plan_reports',
    'plan_events',
    'plan_corrections',
    'plan_baselines',
    'plan_change_requests',
    'plan_risks',
    'plan_committees',
    'plan_committee_members',
    'plan_committee_meetings',
    'plan_committee_actions',
    'plan_systems',
    'plan_system_initiatives',
    'plan_system_services',
    'plan_committee_attendance',
  ],
  migrations: {
    '0013_plan': m0013,
    '0028_plan_baselines': m0028,
    '0040_plan_risks': m0040,
    '0047_plan_links': m0047,
    '0056_plan_committees': m0056,
    '0059_plan_systems': m0059,
    '0061_plan_archive_attendance': m0061,
  },
  nav: [
    { href: '/plans', label: 'nav.plans_public', area: 'public', order: 50, visible: (a) => a.kind !== 'user' },
    { href: '/console/plans', label: 'nav.plans', area: 'console', order: 35, visible: (a) => hasRole(a, ...PLAN_ROLES) },
  ],
  extensions: { fills: [planDashboardCard, planReportPanel, participateInitiatives] },
  personalData: planPersonalData,
  jobs: {
    [REPORT_NOTICE_JOB]: async (d, payload) => {
      await sendReportNotice(d, payload);
    },
    [CHANGE_NOTICE_JOB]: async (d, payload) => {
      await sendChangeNotice(d, payload);
    },
    [REMINDER_JOB]: async (d) => {
      await sendReminders(d);
      await sendActionReminders(d);
    },
  },
  // A milestone tied to a catalog service completes when the catalog publishes that service live.
  events: { handles: { [SERVICE_PUBLISHED]: (d, data) => onServicePublished(d, data) } },
  schedules: [{ kind: REMINDER_JOB, daily: { hour: 8, minute: 30 } }],
  routes: planRoutes,
  demo: async (deps, ctx) => loadPlanDemo(deps, ctx),
});

async function planRoutes(app: FastifyInstance): Promise<void> {
  await registerPages(app, async (scope) => {
    await planPages(scope);
    await editPages(scope);
    await baselinePages(scope);
    await reportPages(scope);
    await riskPages(scope);
    await committeePages(scope);
    await systemPages(scope);
    await bulkPages(scope);
    await publicPlanPages(scope);
  });
  await planApi(app);
}
