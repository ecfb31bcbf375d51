import type { Deps } from '../../platform/deps.ts';
import { localDate, monthName } from '../../platform/i18n/dates.ts';
import { type Lang, translate } from '../../platform/i18n/i18n.ts';
import { renderEmail } from '../../platform/messaging/email-layout.tsx';
import { queueEmail } from '../../platform/messaging/messaging.ts';
import { listServices } from '../catalog/public.ts';
import { allAgencies, findUsers } from '../identity/public.ts';
import { addMonths } from './kpi.math.ts';
import * as repo from './kpi.repo.ts';
import { currentMonth } from './kpi.schema.ts';
import { isLive } from './kpi.service.ts';

// The monthly reminder: from the REMIND_FROM_DAY of a month, each agency with live services whose
// figures for the month before are missing has its staff emailed once (in their language) with
// the services still missing. The job runs every day; the message's key (agency, month, person)
// makes a second run, or a second worker, queue nothing again, and a run after the figures are in
// finds nothing to remind.

export const REMINDER_JOB = 'kpi.missing_reminder';
/** The day of the month (local) from which last month's missing figures are asked for. */
export const REMIND_FROM_DAY = 5;
/** Services named in one reminder; the rest are counted. */
const LISTED = 10;

/** Sends the reminders due at `now`; returns how many emails were queued (0 before the day, and on a repeat). */
export async function remindMissing(deps: Deps, now = new Date()): Promise<number> {
  const tz = deps.config.timeZone;
  if (Number(localDate(now, tz).slice(8, 10)) < REMIND_FROM_DAY) return 0;
  const month = addMonths(currentMonth(tz, now), -1);
  const live = (await listServices(deps.db, { status: 'live', state: 'published' }, 100_000, 0)).filter(isLive);
  const entered = new Set((await repo.listFigures(deps.db, { from: month, to: month })).map((f) => f.service_id));
  const missing = new Map<number, typeof live>();
  for (const s of live) if (!entered.has(s.id)) missing.set(s.agency_id, [...(missing.get(s.agency_id) ?? []), s]);
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.id, a]));
  let queued = 0;
  for (const [agencyId, services] of missing) {
    const agency = agencies.get(agencyId);
    if (agency?.status !== 'active') continue;
    const staff = await findUsers(deps.db, { agencyIds: [agencyId], status: 'active' }, 200, 0);
    for (const user of staff) {
      const lang: Lang = user.locale === 'en' ? 'en' : 'ar';
      const names = services.slice(0, LISTED).map((s) => `• ${lang === 'ar' ? s.name_ar : s.name_en}`);
      const params = { month: monthName(lang, month), count: services.length, more: Math.max(0, services.length - LISTED) };
      const subject = translate(lang, 'kpi.reminder.subject', params);
      const { html, text } = renderEmail({
        lang,
        sender: translate(lang, 'shell.product'),
        heading: subject,
        paragraphs: [
          translate(lang, 'email.greeting', { name: user.name }),
          translate(lang, 'kpi.reminder.body', params),
          names.join('\n'),
          ...(params.more ? [translate(lang, 'kpi.reminder.more', params)] : []),
          translate(lang, 'kpi.reminder.how'),
        ],
        action: { label: translate(lang, 'kpi.reminder.action'), url: `${deps.config.baseUrl}/${lang}/console/kpi/agencies/${agencyId}` },
        footer: [translate(lang, 'email.footer_program')],
      });
      const sent = await queueEmail(deps.db, deps.config.mailFrom, {
        key: `kpi:reminder:${month}:agency:${agencyId}:user:${user.id}`,
        to: user.email,
        locale: lang,
        subject,
        text,
        html,
        source: 'kpi.reminder',
        refType: 'agency',
        refId: agencyId,
      });
      if (sent) queued++;
    }
  }
  return queued;
}
