import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { dualDateText, localDate } from '../../platform/i18n/dates.ts';
import { type Lang, translate } from '../../platform/i18n/i18n.ts';
import { renderEmail } from '../../platform/messaging/email-layout.tsx';
import { queueEmail } from '../../platform/messaging/messaging.ts';
import { findService } from '../catalog/public.ts';
import { findAgency, findUsers } from '../identity/public.ts';
import { draftOutageAnnouncement, plannedDowntime } from '../notify/public.ts';
import * as repo from './availability.repo.ts';
import { agencyDomains, hostClock, type ProbeOutcome, probePolicy, runProbe } from './probe.ts';
import { lockDay } from './status.service.ts';
import { addLatency, formatHistogram, inPlannedDowntime, parseHistogram } from './uptime.ts';

// The monitor: runs due probes (a worker ticker), records each result with its hourly and daily
// roll-ups, damps flapping (an incident opens only after N failed runs in a row and closes after M
// good ones), tells the agency and drafts the outage announcement in notify when one opens.

/** Raw results are kept this many days; the hourly and daily roll-ups for good. */
export const RAW_DAYS = 14;
export const PRUNE_JOB = 'availability.prune';

/** One probe run's result at an instant. */
export type Result = ProbeOutcome & { at: string };

const hourOf = (at: string) => `${new Date(at).toISOString().slice(0, 13)}:00:00.000Z`;
const ctx = () => systemCtx('availability monitor');

/** What the probe says to the sites it visits: who it is and where to read about it. */
export const userAgentOf = (deps: Pick<Deps, 'config'>) => `Yusr-probe/1 (+${deps.config.baseUrl}/status)`;

/**
 * Records a probe's results (oldest first) in one transaction: raw rows, roll-ups, streaks, and the
 * incidents they open or close. The worker records one run at a time; the demo records history
 * through here too. Returns the incidents opened and closed.
 */
export async function recordResults(deps: Deps, probeId: number, results: Result[]): Promise<{ opened: number[]; closed: number[] }> {
  const sorted = [...results].sort((a, b) => a.at.localeCompare(b.at));
  const out = { opened: [] as number[], closed: [] as number[] };
  if (sorted.length === 0) return out;
  const first = sorted[0] as Result;
  const last = sorted[sorted.length - 1] as Result;
  const windows = await plannedDowntime(deps.db, first.at, new Date(Date.parse(last.at) + 1).toISOString());
  await deps.db.transaction().execute(async (trx) => {
    const p = await repo.findProbe(trx, probeId);
    if (!p) return;
    let open = await repo.openIncident(trx, probeId);
    const state = { fail: p.fail_streak, ok: p.ok_streak, since: p.streak_started_at, lastOk: p.last_ok };
    const cache = new Map<string, { row: repo.Rollup; exists: boolean }>();
    const raw: Parameters<typeof repo.insertResults>[1] = [];
    for (const r of sorted) {
      const planned = !r.ok && inPlannedDowntime(r.at, { id: p.service_id, agencyId: p.agency_id }, windows);
      raw.push({
        probe_id: p.id,
        at: r.at,
        ok: r.ok ? 1 : 0,
        planned: planned ? 1 : 0,
        status_code: r.statusCode,
        latency_ms: r.latencyMs,
        error: r.error,
      });
      for (const [period, start] of [
        ['hour', hourOf(r.at)],
        ['day', localDate(r.at, deps.config.timeZone)],
      ] as const) {
        const key = `${period}:${start}`;
        let entry = cache.get(key);
        if (!entry) {
          const found = await repo.findRollup(trx, p.id, period, start);
          entry = found
            ? { row: found, exists: true }
            : { row: { probe_id: p.id, period, start, up: 0, down: 0, planned: 0, histogram: '' }, exists: false };
          cache.set(key, entry);
        }
        const row = entry.row;
        if (r.ok) {
          row.up++;
          if (r.latencyMs !== null) row.histogram = formatHistogram(addLatency(parseHistogram(row.histogram), r.latencyMs));
        } else if (planned) row.planned++;
        else row.down++;
      }
      state.lastOk = r.ok ? 1 : 0;
      // Failures inside announced maintenance are neither an outage nor a recovery.
      if (planned) continue;
      if (r.ok) {
        if (state.ok === 0) state.since = r.at;
        state.ok++;
        state.fail = 0;
        if (open && state.ok >= p.recover_threshold) {
          await closeIncident(deps, trx, open, state.since ?? r.at, state.ok);
          out.closed.push(open.id);
          open = undefined;
        }
      } else {
        if (state.fail === 0) state.since = r.at;
        state.fail++;
        state.ok = 0;
        if (!open && state.fail >= p.fail_threshold) {
          open = await openIncidentFor(deps, trx, p, state.since ?? r.at, r);
          out.opened.push(open.id);
        } else if (open && r.error) await repo.updateIncident(trx, open.id, { last_error: r.error, updated_at: r.at });
      }
    }
    await repo.insertResults(trx, raw);
    for (const { row, exists } of cache.values()) await repo.saveRollup(trx, row, exists);
    // A result for a day that has ended makes the status page sum that day again (on every node).
    const today = localDate(nowIso(), deps.config.timeZone);
    const late = [...cache.values()]
      .map((e) => e.row)
      .filter((r) => r.period === 'day' && r.start < today)
      .map((r) => r.start);
    for (const date of late.sort()) await lockDay(trx, date);
    await repo.deleteDayTotals(trx, late);
    await repo.updateProbe(trx, p.id, {
      fail_streak: state.fail,
      ok_streak: state.ok,
      streak_started_at: state.since,
      last_ok: state.lastOk,
      last_run_at: last.at,
    });
  });
  return out;
}

async function closeIncident(deps: Deps, trx: Executor, incident: repo.Incident, endedAt: string, successes: number) {
  const duration = Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(incident.started_at)) / 1000));
  await repo.updateIncident(trx, incident.id, { status: 'closed', ended_at: endedAt, duration_seconds: duration, updated_at: endedAt });
  await repo.addEvent(trx, { incident_id: incident.id, at: endedAt, kind: 'recovered', detail: String(successes) });
  await recordAudit(trx, ctx(), {
    action: 'availability.incident.close',
    recordType: 'availability_incident',
    recordId: incident.id,
    agencyId: incident.agency_id,
    after: { ended_at: endedAt, duration_seconds: duration },
  });
  // The "service restored" notice, drafted in both languages for the agency to approve in notify.
  const restoredId = await draftNotice(deps, trx, incident, 'restored', endedAt);
  await repo.updateIncident(trx, incident.id, { restored_announcement_id: restoredId });
  await repo.addEvent(trx, { incident_id: incident.id, at: endedAt, kind: 'restored_drafted', detail: String(restoredId) });
}

/**
 * Drafts an incident's announcement in notify in both languages, for the agency to approve: the
 * outage ('draft', when it opens) or "service restored" ('restored', when it closes). Returns its id.
 */
async function draftNotice(deps: Deps, trx: Executor, incident: repo.Incident, kind: 'draft' | 'restored', endedAt?: string) {
  const service = await findService(trx, incident.service_id);
  const tz = deps.config.timeZone;
  const text = (lang: Lang) => {
    const params = {
      name: service ? (lang === 'ar' ? service.name_ar : service.name_en) : `#${incident.service_id}`,
      since: dualDateText(lang, incident.started_at, tz, true),
      until: endedAt ? dualDateText(lang, endedAt, tz, true) : '',
    };
    return { title: translate(lang, `availability.${kind}.title`, params), body: translate(lang, `availability.${kind}.body`, params) };
  };
  const ar = text('ar');
  const en = text('en');
  return draftOutageAnnouncement(trx, {
    agencyId: incident.agency_id,
    serviceId: incident.service_id,
    startsAt: incident.started_at,
    // A notice of an outage that has ended gives its end (a moment after the start at the least).
    endsAt: endedAt && (endedAt > incident.started_at ? endedAt : new Date(Date.parse(incident.started_at) + 1000).toISOString()),
    sourceKey: kind === 'draft' ? `availability:incident:${incident.id}` : `availability:incident:${incident.id}:restored`,
    title: { ar: ar.title, en: en.title },
    body: { ar: ar.body, en: en.body },
  });
}

/** Opens an incident, drafts its outage announcement in notify and emails the agency's staff, in the caller's transaction. */
async function openIncidentFor(deps: Deps, trx: Executor, p: repo.Probe, startedAt: string, r: Result) {
  const incident = await repo.insertIncident(trx, {
    probe_id: p.id,
    agency_id: p.agency_id,
    service_id: p.service_id,
    status: 'open',
    started_at: startedAt,
    detected_at: r.at,
    ended_at: null,
    duration_seconds: null,
    last_error: r.error,
    announcement_id: null,
    restored_announcement_id: null,
    updated_at: r.at,
  });
  await repo.addEvent(trx, { incident_id: incident.id, at: r.at, kind: 'opened', detail: r.error });
  await recordAudit(trx, ctx(), {
    action: 'availability.incident.open',
    recordType: 'availability_incident',
    recordId: incident.id,
    agencyId: p.agency_id,
    after: { probe_id: p.id, started_at: startedAt, error: r.error },
  });
  const announcementId = await draftNotice(deps, trx, incident, 'draft');
  const service = await findService(trx, p.service_id);
  const tz = deps.config.timeZone;
  const name = (lang: Lang) => (service ? (lang === 'ar' ? service.name_ar : service.name_en) : `#${p.service_id}`);
  await repo.updateIncident(trx, incident.id, { announcement_id: announcementId });
  await repo.addEvent(trx, { incident_id: incident.id, at: r.at, kind: 'drafted', detail: String(announcementId) });
  const staff = await findUsers(trx, { agencyIds: [p.agency_id], status: 'active' }, 200, 0);
  let told = 0;
  for (const user of staff) {
    const lang: Lang = user.locale === 'en' ? 'en' : 'ar';
    const params = { name: name(lang), since: dualDateText(lang, startedAt, tz, true), url: p.url };
    const subject = translate(lang, 'availability.email.subject', params);
    const { html, text: body } = renderEmail({
      lang,
      sender: translate(lang, 'shell.product'),
      heading: subject,
      paragraphs: [
        translate(lang, 'email.greeting', { name: user.name }),
        translate(lang, 'availability.email.body', params),
        translate(lang, 'availability.email.draft'),
      ],
      action: {
        label: translate(lang, 'availability.email.action'),
        url: `${deps.config.baseUrl}/${lang}/console/availability/incidents/${incident.id}`,
      },
      footer: [translate(lang, 'email.footer_program')],
    });
    if (
      await queueEmail(trx, deps.config.mailFrom, {
        key: `availability:incident:${incident.id}:user:${user.id}`,
        to: user.email,
        locale: lang,
        subject,
        text: body,
        html,
        source: 'availability',
        refType: 'availability_incident',
        refId: incident.id,
      })
    )
      told++;
  }
  await repo.addEvent(trx, { incident_id: incident.id, at: r.at, kind: 'notified', detail: String(told) });
  return { ...incident, announcement_id: announcementId };
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
};

/**
 * The worker's ticker: probes whose time has come, at most one per host per `hostGapMs` (the others
 * wait for a later pass), each claimed so two workers never run it twice, run together, recorded one
 * by one. Returns how many ran.
 */
export async function runDueProbes(deps: Deps, now = new Date(), limit = 20): Promise<number> {
  const policy = probePolicy(deps);
  const clock = hostClock(deps);
  const due = await repo.dueProbes(deps.db, now.toISOString(), limit * 5);
  const taken: repo.Probe[] = [];
  for (const p of due) {
    if (taken.length >= limit) break;
    const host = hostOf(p.url);
    const last = clock.get(host);
    if (last !== undefined && now.getTime() - last < policy.hostGapMs) continue;
    if (!(await repo.claimProbe(deps.db, p, new Date(now.getTime() + p.interval_seconds * 1000).toISOString()))) continue;
    clock.set(host, now.getTime());
    taken.push(p);
  }
  if (taken.length === 0) return 0;
  const ua = userAgentOf(deps);
  const outcomes = await Promise.all(
    taken.map(async (p) => {
      const agency = await findAgency(deps.db, p.agency_id);
      return runProbe(
        {
          url: p.url,
          timeoutMs: p.timeout_ms,
          expectStatus: p.expect_status,
          expectText: p.expect_text,
          domains: agencyDomains(p.url, agency?.website),
        },
        policy,
        ua,
      );
    }),
  );
  for (const [i, p] of taken.entries()) await recordResults(deps, p.id, [{ ...(outcomes[i] as ProbeOutcome), at: now.toISOString() }]);
  return taken.length;
}

/** Deletes raw results older than RAW_DAYS (the roll-ups stay); returns how many. */
export async function pruneRaw(deps: Deps, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - RAW_DAYS * 86_400_000).toISOString();
  let total = 0;
  for (;;) {
    const n = await repo.pruneResults(deps.db, before);
    total += n;
    if (n === 0) return total;
  }
}
