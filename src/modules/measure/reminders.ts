import type { Deps } from '../../platform/deps.ts';
import { agencyTeams, queueTeamEmail } from './notifications.ts';
import * as repo from './repo/rounds.repo.ts';

const DAY_MS = 86_400_000;

/** The reminder due now: the smallest configured day count that the time left has reached, or null. */
export function dueReminder(reminderDays: string, closesAt: string, now: Date): { day: number; daysLeft: number } | null {
  const left = Date.parse(closesAt) - now.getTime();
  if (left <= 0) return null;
  const daysLeft = Math.ceil(left / DAY_MS);
  const days = reminderDays
    .split(',')
    .map(Number)
    .filter((d) => Number.isInteger(d) && d > 0)
    .sort((a, b) => a - b);
  const day = days.find((d) => daysLeft <= d);
  return day === undefined ? null : { day, daysLeft };
}

/**
 * Reminds the teams of agencies that have not submitted, before an open round closes. Runs daily;
 * each reminder's key (round, agency, day, person) makes it go out once however often this runs.
 */
export async function sendReminders(deps: Deps, now = new Date()): Promise<number> {
  let queued = 0;
  for (const round of await repo.listRounds(deps.db, { statuses: ['open'] })) {
    const due = dueReminder(round.reminder_days, round.closes_at, now);
    if (!due || round.opens_at > now.toISOString()) continue;
    const waiting = (await repo.listParticipants(deps.db, round.id)).filter((p) => p.status === 'in_progress');
    if (waiting.length === 0) continue;
    const teams = await agencyTeams(
      deps,
      waiting.map((p) => p.agency_id),
    );
    await deps.db.transaction().execute(async (trx) => {
      for (const p of waiting) {
        queued += await queueTeamEmail(trx, deps, {
          round,
          agencyId: p.agency_id,
          team: teams.get(p.agency_id) ?? [],
          kind: 'reminder',
          key: `${round.id}:${p.agency_id}:${due.day}`,
          params: { days: due.daysLeft, count: due.daysLeft },
          path: `/console/measure/rounds/${round.id}/agencies/${p.agency_id}`,
        });
      }
    });
  }
  return queued;
}
