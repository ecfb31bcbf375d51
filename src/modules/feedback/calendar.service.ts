import { recordAudit } from '../../platform/audit/audit.ts';
import { actorAgencyIds, actorLabel, type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import { feedbackPolicy } from './feedback.policy.ts';
import { calendarInput, holidayInput, policyInput } from './feedback.schema.ts';
import * as repo from './settings.repo.ts';
import { expandHolidays, type Weekday, weekdays } from './sla/calendar.ts';
import { loadCalendar, RECOMPUTE_JOB, storeCalendar } from './sla.service.ts';
import { agencyOf } from './templates.service.ts';

/** The working calendar with its holidays, and their concrete dates this year and next (Hijri ones moved to Gregorian). */
export async function calendarView(deps: Deps, ctx: Ctx, now = new Date()) {
  authorize(feedbackPolicy.manageProgram(ctx.actor));
  const calendar = await loadCalendar(deps.db);
  const holidays = await repo.listHolidays(deps.db);
  const year = now.getUTCFullYear();
  const upcoming = holidays.map((h) => ({
    ...h,
    dates_in: [year, year + 1].flatMap((y) => expandHolidays([{ dates: h.dates, calendar: h.calendar }], y)),
  }));
  return { calendar, holidays: upcoming };
}

/** Every open case's deadlines move with the calendar: recompute them in the background. */
const recompute = (trx: Parameters<typeof enqueue>[0]) => enqueue(trx, RECOMPUTE_JOB, {});

/** Sets the time zone and the working hours of each weekday (an empty day is a day off). */
export async function saveWorkingWeek(deps: Deps, ctx: Ctx, raw: unknown) {
  authorize(feedbackPolicy.manageProgram(ctx.actor));
  const input = parseInput(calendarInput, raw);
  const hours: Partial<Record<Weekday, string[]>> = {};
  for (const d of weekdays) if (input[d]) hours[d] = [input[d] as string];
  const before = await loadCalendar(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    try {
      await storeCalendar(trx, { timeZone: input.time_zone, hours });
    } catch (err) {
      const m = err instanceof Error ? err.message : '';
      if (/time zone/.test(m)) fieldError('time_zone', 'feedback.validation.time_zone');
      const day = weekdays.find((d) => m.includes(`for ${d}`));
      fieldError(day ?? 'sun', day ? 'feedback.validation.shift' : 'feedback.validation.no_hours');
    }
    await recordAudit(trx, ctx, {
      action: 'feedback.calendar_save',
      recordType: 'feedback_calendar',
      before: { timeZone: before.timeZone, hours: before.hours },
      after: { timeZone: input.time_zone, hours },
    });
    await recompute(trx);
  });
}

/** Adds a public holiday: a date or range, Hijri (Umm al-Qura) or Gregorian, once or every year. */
export async function addHoliday(deps: Deps, ctx: Ctx, raw: unknown) {
  authorize(feedbackPolicy.manageProgram(ctx.actor));
  const input = parseInput(holidayInput, raw);
  const strip = (d: string) => (input.yearly ? d.slice(5) : d);
  const dates = input.to && input.to !== input.from ? `${strip(input.from)}..${strip(input.to)}` : strip(input.from);
  try {
    expandHolidays([{ dates, calendar: input.calendar }], new Date().getUTCFullYear());
  } catch {
    fieldError('from', 'feedback.validation.holiday');
  }
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertHoliday(trx, {
      name_ar: input.name_ar,
      name_en: input.name_en,
      dates,
      calendar: input.calendar,
      created_at: new Date().toISOString(),
      created_by: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, { action: 'feedback.holiday_add', recordType: 'feedback_holiday', recordId: row.id, after: row });
    await recompute(trx);
    return row;
  });
}

export async function deleteHoliday(deps: Deps, ctx: Ctx, id: number) {
  authorize(feedbackPolicy.manageProgram(ctx.actor));
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.deleteHoliday(trx, id);
    if (!row) throw new NotFoundError();
    await recordAudit(trx, ctx, { action: 'feedback.holiday_delete', recordType: 'feedback_holiday', recordId: id, before: row });
    await recompute(trx);
  });
}

/** The policies the actor may see: all for the program office, the defaults and their own for an agency administrator. */
export async function listPolicies(deps: Deps, ctx: Ctx) {
  const all = hasRole(ctx.actor, 'program_admin');
  const mine = actorAgencyIds(ctx.actor).filter((id) => feedbackPolicy.manageSla(ctx.actor, id));
  authorize(all || mine.length > 0);
  return { policies: await repo.listPolicies(deps.db, all ? undefined : mine), agencyIds: all ? undefined : mine };
}

/** Sets the targets (in working hours) for an agency and category, an agency default, or the program default. */
export async function savePolicy(deps: Deps, ctx: Ctx, raw: unknown) {
  authorize(feedbackPolicy.manageSla(ctx.actor, agencyOf(raw)), 'SLA policy of another agency');
  const input = parseInput(policyInput, raw);
  const scopeKey = `${input.agency_id ?? 'program'}:${input.category ?? '*'}`;
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.upsertPolicy(trx, {
      scope_key: scopeKey,
      agency_id: input.agency_id ?? null,
      category: input.category ?? null,
      first_response_minutes: Math.round(input.first_response_hours * 60),
      resolution_minutes: Math.round(input.resolution_hours * 60),
      warn_permille: input.warn_percent ? input.warn_percent * 10 : null,
      updated_by: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: 'feedback.sla_policy_save',
      recordType: 'feedback_sla_policy',
      recordId: row.id,
      agencyId: row.agency_id,
      after: row,
    });
    return row;
  });
}

export async function deletePolicy(deps: Deps, ctx: Ctx, id: number) {
  const row = await repo.findPolicy(deps.db, id);
  if (!row) throw new NotFoundError();
  authorize(feedbackPolicy.manageSla(ctx.actor, row.agency_id), 'SLA policy of another agency');
  await deps.db.transaction().execute(async (trx) => {
    await repo.deletePolicy(trx, id);
    await recordAudit(trx, ctx, {
      action: 'feedback.sla_policy_delete',
      recordType: 'feedback_sla_policy',
      recordId: id,
      agencyId: row.agency_id,
      before: row,
    });
  });
}
