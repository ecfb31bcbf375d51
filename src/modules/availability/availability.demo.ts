import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { findService, listServices } from '../catalog/public.ts';
import { plannedDowntime } from '../notify/public.ts';
import * as repo from './availability.repo.ts';
import type { DemoPath } from './demo-service.ts';
import { type Result, recordResults } from './monitor.service.ts';
import { demoServiceOrigin } from './probe.ts';
import { createProbe, onlineChannels, setPaused } from './probes.service.ts';
import { inPlannedDowntime } from './uptime.ts';

// Demo data of availability: probes of a few demo services' web channels with 90 days of hourly
// history recorded through recordResults — the same function the worker records real runs with, so
// roll-ups, flapping damping, incidents, the agency's email and the drafted announcement all come
// from the same rules. The history is generated, not measured. Live probing goes to the demo's small
// local fake service (demo-service.ts; `DEMO_SERVICE_PORT`, started by `yusr serve`) and never to a
// government site; without that service the probes watch their service's channel, paused.

const DAY = 86_400_000;
const HOUR = 3_600_000;
type Scenario = 'steady' | 'flapping' | 'down' | 'past_incident';
const SCENARIOS: Scenario[] = ['down', 'flapping', 'past_incident', 'steady', 'steady', 'steady'];
/** The fake service's path each scenario's live probe watches (demo-service.ts). */
const FAKE_PATH: Record<Scenario, DemoPath> = { down: 'down', flapping: 'flapping', past_incident: 'up', steady: 'up' };

/** A small deterministic generator, so every demo load tells the same story. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function history(
  scenario: Scenario,
  seed: number,
  now: number,
  service: { id: number; agencyId: number },
  windows: Parameters<typeof inPlannedDowntime>[2],
): Result[] {
  const rnd = random(seed);
  const start = Math.floor(now / HOUR) * HOUR - 90 * DAY;
  const out: Result[] = [];
  let sinceFail = 10;
  for (let t = start; t <= now; t += HOUR) {
    const at = new Date(t).toISOString();
    const hoursAgo = (now - t) / HOUR;
    let fail = rnd() < 0.002;
    if (scenario === 'flapping') fail = sinceFail >= 2 && rnd() < 0.18; // never three in a row: damped, no incident
    if (scenario === 'past_incident') fail = fail || (hoursAgo >= 20 * 24 && hoursAgo < 20 * 24 + 4);
    if (scenario === 'down') fail = hoursAgo < 5;
    if (inPlannedDowntime(at, service, windows)) fail = true;
    sinceFail = fail ? 0 : sinceFail + 1;
    const latency = Math.round(120 + rnd() * 380 + (rnd() < 0.05 ? 1500 : 0));
    out.push(
      fail
        ? {
            at,
            ok: false,
            statusCode: scenario === 'down' ? null : 503,
            latencyMs: null,
            error: scenario === 'down' ? 'timeout' : 'status',
          }
        : { at, ok: true, statusCode: 200, latencyMs: latency, error: null },
    );
  }
  return out;
}

/** Loads the demo probes and their history; skips when any probe exists. */
export async function loadAvailabilityDemo(deps: Deps, ctx: Ctx): Promise<{ probes: number; results: number }> {
  if ((await repo.listProbes(deps.db, {})).length > 0) return { probes: 0, results: 0 };
  const now = Date.now();
  const windows = await plannedDowntime(deps.db, new Date(now - 91 * DAY).toISOString(), new Date(now).toISOString());
  const candidates = (await listServices(deps.db, { state: 'published', status: 'live' }, 400, 0)).filter((s) => s.agency_id);
  // Services with announced maintenance first (their failures then count as planned), one per agency.
  const withWindow = new Set(windows.flatMap((w) => w.serviceIds));
  candidates.sort((a, b) => Number(withWindow.has(b.id)) - Number(withWindow.has(a.id)));
  const chosen: typeof candidates = [];
  const agencies = new Set<number>();
  for (const s of candidates) {
    if (chosen.length >= SCENARIOS.length) break;
    if (agencies.has(s.agency_id)) continue;
    const full = await findService(deps.db, s.id);
    if (onlineChannels(full?.published_json ?? null).length === 0) continue;
    agencies.add(s.agency_id);
    chosen.push(s);
  }
  let results = 0;
  const port = deps.config.demoServicePort;
  for (const [i, s] of chosen.entries()) {
    const scenario = SCENARIOS[i] as Scenario;
    // With the demo's local fake service, the probes watch it every minute (live); without it they
    // watch the service's own channel, paused, since the demo never contacts government sites.
    const live = port ? { url: `${demoServiceOrigin(port)}/${FAKE_PATH[scenario]}/${s.identifier}`, interval_seconds: '60' } : null;
    const probe = await createProbe(deps, ctx, {
      service_id: String(s.id),
      interval_seconds: '3600',
      timeout_ms: '10000',
      ...(live ?? {}),
    });
    if (!live) await setPaused(deps, ctx, probe.id, true);
    const rows = history(scenario, 7 + i, now, { id: s.id, agencyId: s.agency_id }, windows);
    await recordResults(deps, probe.id, rows);
    results += rows.length;
  }
  return { probes: chosen.length, results };
}
