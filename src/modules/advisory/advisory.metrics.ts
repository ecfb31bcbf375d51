import type { Deps } from '../../platform/deps.ts';
import { localDate } from '../../platform/i18n/dates.ts';
import { loadCalendar } from '../feedback/public.ts';
import * as repo from './advisory.repo.ts';
import { type RequestType, requestTypes, type Severity, severities } from './advisory.tables.ts';
import { pausesByRequest, requestClocks } from './sla.ts';

// Named metric functions: what the metrics page shows and what measurement and plans may read
// (through public.ts). Each counts over every agency, or one agency's requests.

export interface Share {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator as a fraction 0..1, or null when there is nothing to count. */
  rate: number | null;
}
const share = (numerator: number, denominator: number): Share => ({
  numerator,
  denominator,
  rate: denominator ? numerator / denominator : null,
});

/** Requests by type (every type present, zero when none). */
export async function requestsByType(deps: Deps, agencyId?: number): Promise<Record<RequestType, number>> {
  let q = deps.db.selectFrom('advisory_requests').select(['type', (eb) => eb.fn.countAll<number>().as('n')]);
  if (agencyId) q = q.where('agency_id', '=', agencyId);
  const out = Object.fromEntries(requestTypes.map((t) => [t, 0])) as Record<RequestType, number>;
  for (const r of await q.groupBy('type').execute()) out[r.type] = Number(r.n);
  return out;
}

/** Requests by requesting agency, most first. */
export async function requestsByAgency(deps: Deps): Promise<{ agencyId: number; count: number }[]> {
  const rows = await deps.db
    .selectFrom('advisory_requests')
    .select(['agency_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('agency_id')
    .execute();
  return rows.map((r) => ({ agencyId: r.agency_id, count: Number(r.n) })).sort((a, b) => b.count - a.count || a.agencyId - b.agencyId);
}

/**
 * Turnaround against the SLAs on the working calendar: of the requests whose first response was
 * given, the share on time; of those delivered, the share delivered on time.
 */
export async function slaCompliance(deps: Deps, agencyId?: number): Promise<{ firstResponse: Share; delivery: Share }> {
  const cal = await loadCalendar(deps.db);
  const rows = (await repo.listRequests(deps.db, { all: true })).filter(
    (r) => (!agencyId || r.agency_id === agencyId) && r.first_response_at !== null,
  );
  const pauses = await repo.listPauses(
    deps.db,
    rows.map((r) => r.id),
  );
  const byRequest = pausesByRequest(pauses);
  const now = new Date();
  let answered = 0;
  let answeredOnTime = 0;
  let delivered = 0;
  let deliveredOnTime = 0;
  for (const r of rows) {
    const c = requestClocks(cal, r, byRequest.get(r.id) ?? [], now);
    answered++;
    if (c.firstResponse.state === 'met') answeredOnTime++;
    if (r.delivered_at && c.delivery) {
      delivered++;
      if (c.delivery.state === 'met') deliveredOnTime++;
    }
  }
  return { firstResponse: share(answeredOnTime, answered), delivery: share(deliveredOnTime, delivered) };
}

const findings = (deps: Deps, agencyId?: number) => {
  const q = deps.db.selectFrom('advisory_findings').innerJoin('advisory_requests', 'advisory_requests.id', 'advisory_findings.request_id');
  return agencyId ? q.where('advisory_requests.agency_id', '=', agencyId) : q;
};

/** Findings by severity (every severity present). */
export async function findingsBySeverity(deps: Deps, agencyId?: number): Promise<Record<Severity, number>> {
  const rows = await findings(deps, agencyId)
    .select(['advisory_findings.severity', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('advisory_findings.severity')
    .execute();
  const out = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of rows) out[r.severity] = Number(r.n);
  return out;
}

/** Of the findings the agencies answered, the share accepted in full or in part. */
export async function findingsAcceptedShare(deps: Deps, agencyId?: number): Promise<Share> {
  const r = await findings(deps, agencyId)
    .select((eb) => [
      eb.fn.count<number>('advisory_findings.response').as('answered'),
      eb.fn
        .sum<number>(eb.case().when('advisory_findings.response', 'in', ['accept', 'accept_in_part']).then(1).else(0).end())
        .as('accepted'),
    ])
    .executeTakeFirstOrThrow();
  return share(Number(r.accepted ?? 0), Number(r.answered ?? 0));
}

/**
 * Of the follow-up actions that are due (closed, or open past their due date) on `today`, the share
 * the office closed on or before the due date the agency gave; dates in the program's time zone.
 */
export async function followupsClosedOnTimeShare(deps: Deps, agencyId?: number, today?: string): Promise<Share> {
  const cal = await loadCalendar(deps.db);
  const day = today ?? localDate(new Date(), cal.timeZone);
  const rows = await findings(deps, agencyId)
    .select(['advisory_findings.due_on', 'advisory_findings.followup_closed_at'])
    .where('advisory_findings.response', 'in', ['accept', 'accept_in_part'])
    .execute();
  let due = 0;
  let onTime = 0;
  for (const r of rows) {
    if (!r.due_on) continue;
    if (r.followup_closed_at) {
      due++;
      if (localDate(r.followup_closed_at, cal.timeZone) <= r.due_on) onTime++;
    } else if (r.due_on < day) due++;
  }
  return share(onTime, due);
}
