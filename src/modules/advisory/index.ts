import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import type { ScheduledPayload } from '../../platform/jobs/worker.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { advisoryApi } from './advisory.api.ts';
import { advisoryDashboardCard } from './advisory.dashboard.tsx';
import { loadAdvisoryDemo } from './advisory.demo.ts';
import { advisoryPages, documentRoutes } from './advisory.pages.tsx';
import { ADVISORY_ROLES } from './advisory.policy.ts';
import type { AdvisoryTables } from './advisory.tables.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0016 from './migrations/0016_advisory.ts';
import * as m0030 from './migrations/0030_advisory_meetings.ts';
import * as m0037 from './migrations/0037_advisory_meeting_changes.ts';
import * as m0045 from './migrations/0045_advisory_attendee_changes.ts';
import { ADVISORY_NOTICE_JOB, type AdvisoryNotice, sendAdvisoryNotice } from './notices.ts';
import { advisoryPersonalData } from './privacy.ts';
import { advisoryReportPanel } from './report-panel.ts';
import { runSlaAlerts, SLA_ALERT_JOB } from './sla.alerts.ts';

declare module '../../platform/jobs/jobs.ts' {
  interface JobPayloads {
    'advisory.notice': AdvisoryNotice;
    'advisory.sla_alerts': ScheduledPayload;
  }
}

/**
 * Advisory: agencies ask the program's advisory team for help (strategic plans, tender documents,
 * vendor evaluation, technical reviews); the office triages and assigns advisors without conflicts
 * of interest; SLAs on the working calendar; a workspace with threaded comments and tasks; the
 * findings register with the agency's responses and follow-ups; closure with a rating; metrics.
 * Each step emails the people it reaches (the office, the agency, the assigned advisors).
 */
export const advisoryModule: ModuleDefinition<AdvisoryTables, typeof ar> = defineModule({
  name: 'advisory',
  messages: { ar, en },
  tables: [
    'advisory_advisors',
    'advisory_requests',
    'advisory_pauses',
    'advisory_assignments',
    'advisory_comments',
    'advisory_tasks',
    'advisory_findings',
    'advisory_documents',
    'advisory_comment_edits',
    'advisory_sla_alerts',
    'advisory_meetings',
    'advisory_meeting_attendees',
    'advisory_meeting_versions',
    'advisory_minutes_edits',
    'advisory_attendee_changes',
  ],
  migrations: {
    '0016_advisory': m0016,
    '0030_advisory_meetings': m0030,
    '0037_advisory_meeting_changes': m0037,
    '0045_advisory_attendee_changes': m0045,
  },
  personalData: advisoryPersonalData,
  nav: [{ href: '/console/advisory', label: 'nav.advisory', area: 'console', order: 40, visible: (a) => hasRole(a, ...ADVISORY_ROLES) }],
  extensions: { fills: [advisoryDashboardCard, advisoryReportPanel] },
  jobs: {
    [ADVISORY_NOTICE_JOB]: async (d, payload) => {
      await sendAdvisoryNotice(d, payload);
    },
    [SLA_ALERT_JOB]: async (d) => {
      await runSlaAlerts(d);
    },
  },
  schedules: [{ kind: SLA_ALERT_JOB, everyMs: 5 * 60_000 }],
  routes: advisoryRoutes,
  demo: async (deps, ctx) => loadAdvisoryDemo(deps, ctx),
});

async function advisoryRoutes(app: FastifyInstance): Promise<void> {
  await registerPages(app, advisoryPages);
  await documentRoutes(app);
  await advisoryApi(app);
}
