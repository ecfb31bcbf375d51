import type { Executor } from '../../db.ts';
import type { Deps } from '../../platform/deps.ts';
import { type CaseRow, listPauses, type PauseRow, updateCase } from './cases.repo.ts';
import type { CaseCategory } from './feedback.tables.ts';
import * as settings from './settings.repo.ts';
import { compileCalendar, makeCalendar, type WorkingCalendar } from './sla/calendar.ts';
import { type SlaStatus, slaStatus } from './sla/clock.ts';
import { pickPolicy, policyTargets, type SlaPolicy, type SlaTargets } from './sla/policy.ts';

/** Used when neither the agency nor the program office has set a policy: 2 working days to answer, 10 to resolve. */
export const FALLBACK_POLICY: SlaPolicy = { agencyId: null, category: null, firstResponseHours: 16, resolutionHours: 80 };

const CALENDAR_KEY = 'calendar';

/** The national working calendar: hours and time zone from the settings (Saudi defaults), holidays from their table. */
export async function loadCalendar(db: Executor): Promise<WorkingCalendar> {
  const raw = await settings.getSetting(db, CALENDAR_KEY);
  const base = raw ? (JSON.parse(raw) as Pick<WorkingCalendar, 'timeZone' | 'hours'>) : {};
  const holidays = (await settings.listHolidays(db)).map((h) => ({ dates: h.dates, calendar: h.calendar, name: h.name_en }));
  return makeCalendar({ ...base, holidays });
}

/** Stores the working week and zone after the clock has accepted them (it throws a RangeError naming the problem). */
export async function storeCalendar(db: Executor, cal: Pick<WorkingCalendar, 'timeZone' | 'hours'>): Promise<void> {
  compileCalendar(makeCalendar({ ...cal, holidays: [] }));
  await settings.putSetting(db, CALENDAR_KEY, JSON.stringify({ timeZone: cal.timeZone, hours: cal.hours }));
}

const toPolicy = (r: settings.PolicyRow): SlaPolicy & { id: number } => ({
  id: r.id,
  agencyId: r.agency_id,
  category: r.category,
  firstResponseHours: r.first_response_minutes / 60,
  resolutionHours: r.resolution_minutes / 60,
  ...(r.warn_permille ? { warnAtFraction: r.warn_permille / 1000 } : {}),
});

/** The targets for a new case: agency + category, else the agency default, else the program default, else the fallback. */
export async function targetsFor(db: Executor, agencyId: number, category: CaseCategory): Promise<SlaTargets> {
  const policies = (await settings.listPolicies(db, [agencyId])).map(toPolicy);
  return policyTargets(pickPolicy(policies, { agencyId, category }) ?? FALLBACK_POLICY);
}

export interface CaseClocks {
  /** Null once the case is merged (a duplicate has no clock of its own). */
  first: SlaStatus | null;
  resolution: SlaStatus | null;
}

/** Where a case's two clocks stand: first response stops at the first reply, resolution at resolution; pauses count for both. */
export function caseClocks(cal: WorkingCalendar, c: CaseRow, pauses: readonly PauseRow[], now: Date): CaseClocks {
  if (c.status === 'merged') return { first: null, resolution: null };
  const base = {
    startedAt: new Date(c.created_at),
    pauses: pauses.map((p) => ({ from: new Date(p.started_at), to: p.ended_at ? new Date(p.ended_at) : null })),
    warnAtFraction: c.sla_warn_permille / 1000,
  };
  const first = slaStatus(cal, {
    ...base,
    targetMs: Number(c.sla_first_ms),
    ...(c.first_response_at ? { stoppedAt: new Date(c.first_response_at) } : { now }),
  });
  const resolution = slaStatus(cal, {
    ...base,
    targetMs: Number(c.sla_resolution_ms),
    ...(c.status === 'resolved' && c.resolved_at ? { stoppedAt: new Date(c.resolved_at) } : { now }),
  });
  return { first, resolution };
}

/** The cached deadlines the sweep selects by: null for a stopped clock, or a paused one whose deadline depends on the resume. */
export function cachedDeadlines(c: CaseRow, clocks: CaseClocks) {
  const running = c.status === 'new' || c.status === 'open' || c.status === 'waiting';
  const firstRunning = running && !c.first_response_at && clocks.first !== null;
  const resRunning = running && clocks.resolution !== null;
  const iso = (d: Date | undefined) => (d ? d.toISOString() : null);
  return {
    first_warn_at: firstRunning ? iso(clocks.first?.warnAt) : null,
    first_due_at: firstRunning ? iso(clocks.first?.dueAt) : null,
    res_warn_at: resRunning ? iso(clocks.resolution?.warnAt) : null,
    res_due_at: resRunning ? iso(clocks.resolution?.dueAt) : null,
  };
}

/** Recomputes a case's cached deadlines after anything that moves its clocks (reply, wait, resume, resolve, reopen). */
export async function refreshDeadlines(trx: Executor, c: CaseRow, now: Date, cal?: WorkingCalendar): Promise<CaseRow> {
  const calendar = cal ?? (await loadCalendar(trx));
  const clocks = caseClocks(calendar, c, await listPauses(trx, c.id), now);
  return updateCase(trx, c.id, cachedDeadlines(c, clocks));
}

/** Recomputes every active case's deadlines after the calendar or its holidays changed (a job). */
export async function recomputeActiveCases(deps: Deps, now = new Date()): Promise<number> {
  const cal = await loadCalendar(deps.db);
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = await deps.db
      .selectFrom('feedback_cases')
      .selectAll()
      .where('status', 'in', ['new', 'open', 'waiting'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) return done;
    for (const c of rows) await refreshDeadlines(deps.db, c, now, cal);
    after = rows[rows.length - 1].id;
    done += rows.length;
  }
}

/** Job kind that recomputes deadlines; enqueued by calendar and holiday changes. */
export const RECOMPUTE_JOB = 'feedback.sla_recompute';
