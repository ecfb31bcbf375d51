import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { findService, type ServiceData } from '../catalog/public.ts';
import { availabilityPolicy } from './availability.policy.ts';
import * as repo from './availability.repo.ts';
import { type ProbeSettings, probeInput, probeSettings } from './availability.schema.ts';
import { probePolicy, targetProblem } from './probe.ts';

// Probes as agencies and the office keep them: create, change, pause and resume; every change audited.

const ONLINE = ['web', 'mobile'];

/** The channels of a service's published record that have an address to probe. */
export function onlineChannels(publishedJson: string | null): { type: string; url: string }[] {
  if (!publishedJson) return [];
  const data = JSON.parse(publishedJson) as ServiceData;
  return data.channels.filter((c) => ONLINE.includes(c.type) && c.url).map((c) => ({ type: c.type, url: c.url as string }));
}

/** The URL to probe and which channel it is: the given health URL, or the service's web (else mobile) channel. */
function target(deps: Deps, s: ProbeSettings, publishedJson: string | null) {
  const channels = onlineChannels(publishedJson);
  const url = s.url ?? channels[0]?.url;
  if (!url) fieldError('url', 'availability.validation.no_channel');
  const problem = targetProblem(url, probePolicy(deps));
  if (problem) fieldError('url', problem === 'refused_address' ? 'availability.validation.refused_address' : 'availability.validation.url');
  return { url, channel: channels.find((c) => c.url === url)?.type ?? 'health' };
}

const settings = (s: ProbeSettings) => ({
  interval_seconds: s.interval_seconds,
  timeout_ms: s.timeout_ms,
  expect_status: s.expect_status,
  expect_text: s.expect_text ?? null,
  fail_threshold: s.fail_threshold,
  recover_threshold: s.recover_threshold,
});

/** Adds a probe to a service of an agency the actor manages; its first run is due at once. */
export async function createProbe(deps: Deps, ctx: Ctx, raw: unknown) {
  const input = parseInput(probeInput, raw);
  const service = await findService(deps.db, input.service_id);
  if (!service) fieldError('service_id', 'availability.validation.service');
  authorize(availabilityPolicy.manage(ctx.actor, service.agency_id));
  const t = target(deps, input, service.published_json);
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertProbe(trx, {
      agency_id: service.agency_id,
      service_id: service.id,
      channel: t.channel,
      url: t.url,
      ...settings(input),
      paused: 0,
      next_run_at: nowIso(),
      last_run_at: null,
      last_ok: null,
      fail_streak: 0,
      ok_streak: 0,
      streak_started_at: null,
      created_by: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: 'availability.probe.create',
      recordType: 'availability_probe',
      recordId: row.id,
      agencyId: row.agency_id,
      after: row,
    });
    return row;
  });
}

async function load(deps: Deps, ctx: Ctx, id: number, manage: boolean) {
  const p = await repo.findProbe(deps.db, id);
  if (!p) throw new NotFoundError();
  authorize((manage ? availabilityPolicy.manage : availabilityPolicy.read)(ctx.actor, p.agency_id));
  return p;
}

/** Changes a probe's target and settings. */
export async function updateProbe(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const before = await load(deps, ctx, id, true);
  const input = parseInput(probeSettings, raw);
  const service = await findService(deps.db, before.service_id);
  const t = target(deps, input, service?.published_json ?? null);
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateProbe(trx, id, { url: t.url, channel: t.channel, ...settings(input) });
    await recordAudit(trx, ctx, {
      action: 'availability.probe.update',
      recordType: 'availability_probe',
      recordId: id,
      agencyId: before.agency_id,
      before,
      after,
    });
    return after;
  });
}

/** Pauses a probe (no runs, no incidents) or resumes it (due at once). */
export async function setPaused(deps: Deps, ctx: Ctx, id: number, paused: boolean) {
  const before = await load(deps, ctx, id, true);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateProbe(trx, id, paused ? { paused: 1 } : { paused: 0, next_run_at: nowIso() });
    await recordAudit(trx, ctx, {
      action: paused ? 'availability.probe.pause' : 'availability.probe.resume',
      recordType: 'availability_probe',
      recordId: id,
      agencyId: before.agency_id,
      before: { paused: before.paused },
      after: { paused: paused ? 1 : 0 },
    });
  });
}

/** One probe with its latest results, for its agency's staff and the office. */
export async function probeForStaff(deps: Deps, ctx: Ctx, id: number) {
  const probe = await load(deps, ctx, id, false);
  const service = await findService(deps.db, probe.service_id);
  return {
    probe,
    service,
    results: await repo.recentResults(deps.db, id, 50),
    canManage: availabilityPolicy.manage(ctx.actor, probe.agency_id),
  };
}

/** The console's probes: the actor's agencies only, unless they work for the program office. */
export const probesForStaff = (deps: Deps, ctx: Ctx) => repo.listProbes(deps.db, { agencyIds: availabilityPolicy.scope(ctx.actor) });

/** The console's incidents, newest first, scoped like the probes. */
export const incidentsForStaff = (deps: Deps, ctx: Ctx, status?: 'open' | 'closed') =>
  repo.listIncidents(deps.db, { agencyIds: availabilityPolicy.scope(ctx.actor), status });

/** One incident with its timeline. */
export async function incidentForStaff(deps: Deps, ctx: Ctx, id: number) {
  const incident = await repo.findIncident(deps.db, id);
  if (!incident) throw new NotFoundError();
  authorize(availabilityPolicy.read(ctx.actor, incident.agency_id));
  const probe = await repo.findProbe(deps.db, incident.probe_id);
  return { incident, probe, service: await findService(deps.db, incident.service_id), events: await repo.eventsOf(deps.db, id) };
}
