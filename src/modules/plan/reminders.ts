import { systemCtx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { dayStart, dualDateText, localDate } from '../../platform/i18n/dates.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import { getAgency, listUsers } from '../identity/public.ts';
import * as committeesRepo from './committees.repo.ts';
import * as repo from './plan.repo.ts';

export const REMINDER_JOB = 'plan.reminders';

/** Reminders go out from this many days before a period's due date until it… */
export const REMIND_BEFORE_DAYS = 7;
/** …and, for a report still not submitted, from the day after it until this many days later. */
export const REMIND_AFTER_DAYS = 14;

export type ReminderKind = 'before' | 'after';

const DAY_MS = 86_400_000;
const dayIndex = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** Which reminder a period is in on `today` (both local calendar days), with the days to or past its due date. */
export function reminderFor(dueOn: string, today: string): { kind: ReminderKind; days: number } | null {
  const diff = dayIndex(dueOn) - dayIndex(today);
  if (diff >= 0 && diff <= REMIND_BEFORE_DAYS) return { kind: 'before', days: diff };
  if (diff < 0 && -diff <= REMIND_AFTER_DAYS) return { kind: 'after', days: -diff };
  return null;
}

/**
 * Reminds the owner agency's team (its administrators and editors, each in their language) of a period
 * report not yet submitted: once in the week before it is due, once more in the two weeks after. Runs
 * daily; the key (kind, initiative, period, person) makes each reminder go out once however often this
 * runs. Only active plans, and only initiatives that have started by the period's end.
 */
export async function sendReminders(deps: Deps, now = new Date()): Promise<number> {
  const today = localDate(now, deps.config.timeZone);
  let queued = 0;
  for (const plan of await repo.listPlans(deps.db)) {
    if (plan.status !== 'active') continue;
    const due = (await repo.listPeriods(deps.db, plan.id))
      .map((period) => ({ period, reminder: reminderFor(period.due_on, today) }))
      .filter((d) => d.reminder !== null);
    if (due.length === 0) continue;
    const initiatives = await repo.listInitiatives(deps.db, plan.id);
    const reports = await repo.listReports(
      deps.db,
      initiatives.map((i) => i.id),
    );
    const teams = new Map<number, Awaited<ReturnType<typeof listUsers>>['items']>();
    for (const { period, reminder } of due) {
      const { kind, days } = reminder as NonNullable<typeof reminder>;
      const waiting = initiatives.filter((i) => {
        if (i.planned_start > period.ends_on) return false;
        const r = reports.find((x) => x.initiative_id === i.id && x.period_id === period.id);
        return !r || r.status === 'draft' || r.status === 'returned';
      });
      for (const i of waiting) {
        if (!teams.has(i.owner_agency_id))
          teams.set(
            i.owner_agency_id,
            (await listUsers(deps, systemCtx('plan'), { agencyIds: [i.owner_agency_id], status: 'active' }, 1, 500)).items,
          );
      }
      await deps.db.transaction().execute(async (trx) => {
        for (const i of waiting)
          for (const user of teams.get(i.owner_agency_id) ?? []) {
            const lang = user.locale === 'en' ? 'en' : 'ar';
            const params = {
              code: i.code,
              name: lang === 'ar' ? i.name_ar : i.name_en,
              period: period.code,
              due: dualDateText(lang, dayStart(period.due_on, deps.config.timeZone), deps.config.timeZone),
              count: days,
            };
            const sent = await queuePersonEmail(trx, deps, user, lang, {
              subject: translate(
                lang,
                kind === 'before' ? 'plan.email.reminder_before.subject' : 'plan.email.reminder_after.subject',
                params,
              ),
              body: [translate(lang, kind === 'before' ? 'plan.email.reminder_before.body' : 'plan.email.reminder_after.body', params)],
              action: {
                label: translate(lang, 'plan.email.reminder_action'),
                path: `/console/plans/initiatives/${i.id}/reports/${period.id}`,
              },
              footer: translate(lang, 'plan.email.footer'),
              key: `plan:reminder:${kind}:${i.id}:${period.id}:user:${user.id}`,
              source: 'plan',
              ref: { refType: 'plan_initiative', refId: i.id },
            });
            if (sent) queued++;
          }
      });
    }
  }
  return queued;
}

/**
 * Reminds the owner of each open committee action (when the owner is one of the agency's accounts;
 * otherwise the agency's administrators, who keep the committee) in the week before it is due and
 * once more in the two weeks after, each in their language. Runs with the report reminders; the key
 * (kind, action, person) sends each once.
 */
export async function sendActionReminders(deps: Deps, now = new Date()): Promise<number> {
  const today = localDate(now, deps.config.timeZone);
  let queued = 0;
  const due = (await committeesRepo.listOpenActions(deps.db))
    .map((action) => ({ action, reminder: reminderFor(action.due_on, today) }))
    .filter((d) => d.reminder !== null);
  for (const { action, reminder } of due) {
    const { kind } = reminder as NonNullable<typeof reminder>;
    const committee = (await committeesRepo.findCommittee(deps.db, action.committee_id)) as committeesRepo.CommitteeRow;
    const owner = (await committeesRepo.findMember(deps.db, action.owner_member_id)) as committeesRepo.MemberRow;
    const agency = await getAgency(deps, committee.agency_id);
    const team = (await listUsers(deps, systemCtx('plan'), { agencyIds: [committee.agency_id], status: 'active' }, 1, 500)).items;
    const asOwner = team.filter((u) => u.id === owner.user_id);
    const admins = (
      await listUsers(deps, systemCtx('plan'), { agencyIds: [committee.agency_id], status: 'active', role: 'agency_admin' }, 1, 500)
    ).items;
    const people = asOwner.length > 0 ? asOwner : admins;
    await deps.db.transaction().execute(async (trx) => {
      for (const user of people) {
        const lang = user.locale === 'en' ? 'en' : 'ar';
        const params = {
          decision: action.decision,
          agency: lang === 'ar' ? agency.name_ar : agency.name_en,
          owner: owner.name,
          due: dualDateText(lang, dayStart(action.due_on, deps.config.timeZone), deps.config.timeZone),
        };
        const sent = await queuePersonEmail(trx, deps, user, lang, {
          subject: translate(lang, 'plan.committee.email.subject', params),
          body: [translate(lang, 'plan.committee.email.body', params)],
          action: { label: translate(lang, 'plan.committee.email.action'), path: `/console/plans/committee-meetings/${action.meeting_id}` },
          footer: translate(lang, 'plan.email.footer'),
          key: `plan:action-reminder:${kind}:${action.id}:user:${user.id}`,
          source: 'plan',
          ref: { refType: 'plan_committee_action', refId: action.id },
        });
        if (sent) queued++;
      }
    });
  }
  return queued;
}
