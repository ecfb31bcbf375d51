import type { FastifyInstance } from 'fastify';
import { hasRole, systemCtx } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import type { ScheduledPayload } from '../../platform/jobs/worker.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { backfillPriorConsents } from './consents.service.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0023 from './migrations/0023_privacy.ts';
import * as m0049 from './migrations/0049_privacy_consents.ts';
import * as m0057 from './migrations/0057_privacy_request_phone.ts';
import { privacyNoticeFill } from './notice.tsx';
import { privacyPersonalData } from './personal-data.ts';
import { loadPrivacyDemo } from './privacy.demo.ts';
import { OFFICE_ROLES, privacyOidcRoutes, privacyPages } from './privacy.pages.tsx';
import type { PrivacyTables } from './privacy.tables.ts';
import { runPurge } from './retention.service.ts';

export const RETENTION_JOB = 'privacy.retention';

declare module '../../platform/jobs/jobs.ts' {
  interface JobPayloads {
    'privacy.retention': ScheduledPayload;
  }
}

/**
 * Personal data as the PDPL and the GDPR expect: the register of what every module holds (built from
 * their manifests, shown to the office and published in the privacy notice), data subject requests
 * (download, correction, erasure) verified by an emailed code and decided by the office within 30
 * days, retention applied nightly with a report of counts, staff reads of personal data, breaches.
 */
export const privacyModule: ModuleDefinition<PrivacyTables, typeof ar> = defineModule({
  name: 'privacy',
  messages: { ar, en },
  personalData: privacyPersonalData,
  tables: [
    'privacy_verifications',
    'privacy_requests',
    'privacy_request_events',
    'privacy_retention',
    'privacy_purge_runs',
    'privacy_breaches',
    'privacy_consent_wordings',
    'privacy_consents',
  ],
  migrations: { '0023_privacy': m0023, '0049_privacy_consents': m0049, '0057_privacy_request_phone': m0057 },
  nav: [
    { href: '/my-data', label: 'nav.my_data', area: 'footer', order: 35, visible: () => true },
    { href: '/console/privacy', label: 'nav.privacy_office', area: 'console', order: 89, visible: (a) => hasRole(a, ...OFFICE_ROLES) },
  ],
  extensions: {
    fills: [privacyNoticeFill],
  },
  jobs: {
    [RETENTION_JOB]: async (deps, payload) => {
      // Consents given before the register existed are recorded first, so the register is whole.
      await backfillPriorConsents(deps, systemCtx('retention'));
      await runPurge(deps, systemCtx('retention'), 'schedule', new Date(), `nightly:${payload.scheduledAt}`);
    },
  },
  schedules: [{ kind: RETENTION_JOB, daily: { hour: 2, minute: 30 } }],
  routes: async (app: FastifyInstance) => {
    await registerPages(app, privacyPages);
    await privacyOidcRoutes(app);
  },
  demo: async (deps, ctx) => loadPrivacyDemo(deps, ctx),
});
