import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import type { ScheduledPayload } from '../../platform/jobs/worker.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { SERVICE_PUBLISHED } from '../catalog/public.ts';
import { announcementPages, serviceUpdatesBox } from './announcements.pages.tsx';
import { publishDue } from './announcements.service.ts';
import { APPROVAL_NOTICE_JOB, type ApprovalNotice, sendApprovalNotice } from './approval-notice.ts';
import { onServicePublished } from './auto-drafts.ts';
import { logoRoutes } from './branding.ts';
import { consolePages, NOTIFY_STAFF } from './console.pages.tsx';
import { registerDelivery } from './delivery.ts';
import { assembleDigest, checkDigests, DIGEST_CHECK_JOB, DIGEST_JOB } from './digests.ts';
import { FANOUT_JOB, runFanout } from './fanout.ts';
import { feedRoutes } from './feeds.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0003 from './migrations/0003_notify.ts';
import * as m0012 from './migrations/0012_notify_message_recipients.ts';
import { notifyApi } from './notify.api.ts';
import { notifyDashboardCard } from './notify.dashboard.tsx';
import { loadNotifyDemo } from './notify.demo.ts';
import type { NotifyTables } from './notify.tables.ts';
import { notifyPersonalData } from './privacy.ts';
import { notifyReportPanel } from './report-panel.ts';
import { subscribePages } from './subscribe.pages.tsx';
import { onBounce } from './subscriptions.service.ts';
import { notifyTopics } from './topics.ts';

declare module '../../platform/jobs/jobs.ts' {
  interface JobPayloads {
    'notify.fanout': { announcementId: number };
    'notify.approval_notice': ApprovalNotice;
    'notify.digest': { digestKey: string };
    'notify.digest_check': ScheduledPayload;
  }
}

/**
 * Subscriptions and announcements: no service launches silently. Its background work runs in web
 * nodes and `yusr worker` alike: fan-out, digests, scheduled publication, auto-drafts when a service
 * is published, send-time rendering and bounces.
 */
export const notifyModule: ModuleDefinition<NotifyTables, typeof ar> = defineModule({
  name: 'notify',
  messages: { ar, en },
  personalData: notifyPersonalData,
  tables: [
    'notify_subscribers',
    'notify_subscriptions',
    'notify_announcements',
    'notify_announcement_services',
    'notify_fanouts',
    'notify_digest_items',
    'notify_unsubscribes',
    'notify_agency_branding',
  ],
  migrations: { '0003_notify': m0003, '0012_notify_message_recipients': m0012 },
  nav: [
    { href: '/announcements', label: 'nav.announcements', area: 'public', order: 30, visible: (a) => a.kind !== 'user' },
    { href: '/console/notify', label: 'nav.notify', area: 'console', order: 20, visible: (a) => hasRole(a, ...NOTIFY_STAFF) },
  ],
  extensions: { offers: [notifyTopics], fills: [serviceUpdatesBox, notifyDashboardCard, notifyReportPanel] },
  jobs: {
    [FANOUT_JOB]: (d, payload, job) => runFanout(d, payload, job.signal),
    [APPROVAL_NOTICE_JOB]: async (d, payload) => {
      await sendApprovalNotice(d, payload);
    },
    [DIGEST_JOB]: (d, payload) => assembleDigest(d, payload),
    [DIGEST_CHECK_JOB]: (d) => checkDigests(d),
  },
  schedules: [{ kind: DIGEST_CHECK_JOB, everyMs: 60_000 }],
  tickers: [(d) => publishDue(d)],
  events: { handles: { [SERVICE_PUBLISHED]: (d, data) => onServicePublished(d, data) } },
  delivery: (deps) => registerDelivery(deps, (m) => onBounce(deps, m)),
  routes: notifyRoutes,
  demo: loadNotifyDemo,
});

async function notifyRoutes(app: FastifyInstance): Promise<void> {
  await registerPages(app, async (scope) => {
    await subscribePages(scope);
    await announcementPages(scope);
    await consolePages(scope);
  });
  await notifyApi(app);
  await feedRoutes(app);
  await logoRoutes(app);
}
