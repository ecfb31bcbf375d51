import type { Deps } from '../../platform/deps.ts';
import { subscribe } from '../../platform/jobs/events.ts';
import { SERVICE_PUBLISHED, type ServicePublished } from '../catalog/catalog.service.ts';
import { publishDue } from './announcements.service.ts';
import { onServicePublished } from './auto-drafts.ts';
import { registerDelivery } from './delivery.ts';
import { assembleDigest, checkDigests, DIGEST_CHECK_JOB, DIGEST_JOB } from './digests.ts';
import { FANOUT_JOB, runFanout } from './fanout.ts';
import { onBounce } from './subscriptions.service.ts';

/**
 * Everything notify runs in the background, registered with the dependencies (so `yusr worker`,
 * which builds no HTTP app, has it too): fan-out, digests, scheduled publication, auto-drafts,
 * send-time rendering and bounces.
 */
export function registerNotifyJobs(deps: Deps): void {
  deps.jobs.handle(FANOUT_JOB, (d, payload, job) => runFanout(d, payload, job.signal));
  deps.jobs.handle(DIGEST_JOB, (d, payload) => assembleDigest(d, payload));
  deps.jobs.handle(DIGEST_CHECK_JOB, (d) => checkDigests(d));
  deps.jobs.schedule({ name: DIGEST_CHECK_JOB, kind: DIGEST_CHECK_JOB, everyMs: 60_000 });
  deps.jobs.tick((d) => publishDue(d));
  subscribe(deps.jobs, SERVICE_PUBLISHED, 'notify', (d, data: ServicePublished) => onServicePublished(d, data));
  registerDelivery(deps, (m) => onBounce(deps, m));
}
