import type { Deps } from '../../platform/deps.ts';
import { dualDateText } from '../../platform/i18n/dates.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { queueEmail } from '../../platform/messaging/messaging.ts';
import { findUser } from '../identity/public.ts';
import { manageToken } from './guests.service.ts';
import * as repo from './training.repo.ts';

/** The hourly job that reminds enrolled people of their sessions. */
export const REMINDER_JOB = 'training.session_reminders';
const HORIZON_MS = 24 * 60 * 60_000;

/**
 * Emails each person enrolled in a running offering once about every session that starts within
 * the next 24 hours. The message key names the session and the enrolment, so running again (or on
 * several workers) never sends a second reminder. Returns how many were queued.
 */
export async function sendSessionReminders(deps: Deps, now = new Date()): Promise<number> {
  const sessions = await repo.sessionsStartingBetween(deps.db, now.toISOString(), new Date(now.getTime() + HORIZON_MS).toISOString());
  let queued = 0;
  for (const s of sessions) {
    const programme = await repo.findProgramme(deps.db, s.programme_id);
    if (!programme) continue;
    for (const e of (await repo.listEnrolments(deps.db, s.offering_id)).filter((x) => x.status === 'enrolled')) {
      const user = await findUser(deps.db, e.user_id);
      if (user?.status !== 'active') continue;
      const lang = user.locale;
      const params = {
        programme: lang === 'ar' ? programme.title_ar : programme.title_en,
        when: dualDateText(lang, s.starts_at, deps.config.timeZone, true),
        where: [lang === 'ar' ? s.location_ar : s.location_en, s.online_url].filter(Boolean).join(' · ') || '—',
        link: `${deps.config.baseUrl}/${lang}/console/training/offerings/${s.offering_id}`,
      };
      const sent = await queueEmail(deps.db, deps.config.mailFrom, {
        key: `training:reminder:session:${s.id}:enrolment:${e.id}`,
        to: user.email,
        locale: lang,
        subject: translate(lang, 'training.mail.reminder.subject', params),
        text: translate(lang, 'training.mail.reminder.text', params),
        source: 'training',
        refType: 'training_session',
        refId: s.id,
        recipientId: user.id,
      });
      if (sent) queued++;
    }
    // Members of the public with a seat get the same reminder, in the language they signed up in.
    for (const g of (await repo.listGuests(deps.db, s.offering_id)).filter((x) => x.status === 'enrolled')) {
      const lang = g.locale;
      const params = {
        programme: lang === 'ar' ? programme.title_ar : programme.title_en,
        when: dualDateText(lang, s.starts_at, deps.config.timeZone, true),
        where: [lang === 'ar' ? s.location_ar : s.location_en, s.online_url].filter(Boolean).join(' · ') || '—',
        link: `${deps.config.baseUrl}/${lang}/training/sign-up/manage?token=${manageToken(deps, g.id)}`,
      };
      const sent = await queueEmail(deps.db, deps.config.mailFrom, {
        key: `training:reminder:session:${s.id}:guest:${g.id}`,
        to: g.email,
        locale: lang,
        subject: translate(lang, 'training.mail.reminder.subject', params),
        text: translate(lang, 'training.mail.reminder.text', params),
        source: 'training',
        refType: 'training_session',
        refId: s.id,
      });
      if (sent) queued++;
    }
  }
  return queued;
}
