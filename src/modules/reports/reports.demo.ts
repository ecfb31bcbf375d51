import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { addRecipient, getFrequency, listRecipients, runSchedule, saveSchedule } from './archive/archive.service.ts';

/** The minister's office: an address without a Yusr account, so it receives the report's signed link. */
export const DEMO_RECIPIENT = { name: 'مكتب معالي رئيس اللجنة', email: 'committee.office@yusr.demo', lang: 'ar' } as const;

/**
 * The leadership report's demo, through the office's own services: a monthly schedule, one added
 * address beside the leadership accounts, and last month's report made by the scheduled job (so the
 * archive holds a report and the outbox its emails). Loaded after every other module, whose figures
 * the report freezes. Loading it again changes nothing (the schedule is kept, the period's report exists).
 */
export async function loadReportsDemo(deps: Deps, ctx: Ctx): Promise<Record<string, number>> {
  if ((await getFrequency(deps.db)) === 'off') await saveSchedule(deps, ctx, { frequency: 'monthly' });
  if (!(await listRecipients(deps.db)).some((r) => r.email === DEMO_RECIPIENT.email)) await addRecipient(deps, ctx, DEMO_RECIPIENT);
  const made = await runSchedule(deps);
  return { reports_archived: made?.created ? 1 : 0 };
}
