import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { fieldError } from '../../platform/http/errors.ts';
import { localDate } from '../../platform/i18n/dates.ts';
import { findServiceByIdentifier, type ServiceData, type ServicePublished, type ServiceRow } from '../catalog/public.ts';
import * as repo from './plan.repo.ts';

// Milestones the catalog completes: a milestone tied to a catalog service ("the service is live")
// completes when the catalog publishes that service live — on the day of the publication, with the
// publication kept as its evidence, audited and in the initiative's history. The catalog tells plan
// through its publication event (plan never reads catalog tables); a milestone tied to a service that
// is already live completes as it is tied. A report cannot undo a completion the catalog made.

/** What completed a milestone automatically: the catalog publication that showed the service live. */
export interface AutoEvidence {
  source: 'catalog';
  service_id: number;
  identifier: string;
  version: number;
  published_at: string;
}

/** The service a milestone form names (its identifier), or a field error; undefined when none is named. */
export async function serviceForMilestone(db: Executor, identifier: string | undefined): Promise<ServiceRow | undefined> {
  if (!identifier) return undefined;
  const service = await findServiceByIdentifier(db, identifier);
  if (!service) fieldError('service', 'plan.validation.service_unknown', { identifier });
  return service;
}

/** The evidence a service's current publication gives, if it is published live. */
export function liveEvidence(service: ServiceRow): AutoEvidence | null {
  if (!service.published_json || !service.published_at) return null;
  const data = JSON.parse(service.published_json) as ServiceData;
  if (data.status !== 'live') return null;
  return {
    source: 'catalog',
    service_id: service.id,
    identifier: service.identifier,
    version: service.published_version,
    published_at: service.published_at,
  };
}

/**
 * Completes an open milestone from a catalog publication, inside the caller's transaction: its actual
 * date is the publication's day, the evidence is kept, the initiative's actual start and end follow,
 * and the completion is audited and in the history. A milestone already done is left as it is.
 */
export async function completeFromCatalog(trx: Executor, deps: Deps, m: repo.MilestoneRow, evidence: AutoEvidence): Promise<boolean> {
  if (m.actual_date) return false;
  const initiative = await repo.findInitiative(trx, m.initiative_id);
  if (!initiative) return false;
  const plan = await repo.findPlan(trx, initiative.plan_id);
  if (!plan || plan.status === 'closed') return false;
  const actual = localDate(evidence.published_at, deps.config.timeZone);
  await repo.updateMilestone(trx, m.id, { actual_date: actual, evidence_json: JSON.stringify(evidence) });
  const milestones = await repo.listMilestones(trx, [initiative.id]);
  const dates = milestones.map((x) => x.actual_date).filter((d): d is string => !!d);
  await repo.updateInitiative(trx, initiative.id, {
    actual_start: [initiative.actual_start, ...dates].filter((d): d is string => !!d).sort()[0] ?? null,
    actual_end: dates.length === milestones.length ? (dates.sort().at(-1) ?? null) : null,
  });
  await repo.insertEvent(trx, {
    initiative_id: initiative.id,
    report_id: null,
    action: 'milestone.auto_completed',
    comment: null,
    detail_json: JSON.stringify({ milestone_id: m.id, ...evidence }),
    actor_label: 'catalog',
  });
  await recordAudit(trx, systemCtx('catalog'), {
    action: 'plan.milestone.auto_complete',
    recordType: 'plan_milestone',
    recordId: m.id,
    agencyId: initiative.owner_agency_id,
    before: m,
    after: { actual_date: actual, evidence },
  });
  return true;
}

/**
 * Reacts to every catalog publication: a publication that shows the service live completes the open
 * milestones tied to it. Redelivered, it finds them done and changes nothing.
 */
export async function onServicePublished(deps: Deps, e: ServicePublished): Promise<void> {
  if (e.current.status !== 'live') return;
  const evidence: AutoEvidence = {
    source: 'catalog',
    service_id: e.serviceId,
    identifier: e.identifier,
    version: e.version,
    published_at: e.publishedAt,
  };
  await deps.db.transaction().execute(async (trx) => {
    for (const m of await repo.listOpenMilestonesTiedTo(trx, e.serviceId)) await completeFromCatalog(trx, deps, m, evidence);
  });
}
