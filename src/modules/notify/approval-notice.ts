import type { Deps } from '../../platform/deps.ts';
import { type Lang, translate } from '../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import { findUsers } from '../identity/public.ts';
import * as repo from './announcements.repo.ts';

export const APPROVAL_NOTICE_JOB = 'notify.approval_notice';

/** An announcement sent for approval; `at` names the submission (it can be returned and sent again). */
export interface ApprovalNotice {
  announcementId: number;
  at: string;
}

/**
 * Emails the announcing agency's administrators (not the person who sent it) that an announcement
 * waits for their approval, each in their own language, with a link to it; once per person and
 * submission, and nothing once it is no longer waiting.
 */
export async function sendApprovalNotice(deps: Deps, notice: ApprovalNotice): Promise<number> {
  const a = await repo.findAnnouncement(deps.db, notice.announcementId);
  if (a?.status !== 'pending') return 0;
  const sender = /<([^<>]+)>\s*$/.exec(a.submitted_by ?? '')?.[1]?.toLowerCase();
  const admins = await findUsers(deps.db, { role: 'agency_admin', status: 'active', agencyIds: [a.agency_id] }, 5000, 0);
  let queued = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const user of admins) {
      if (user.email.toLowerCase() === sender) continue;
      const lang: Lang = user.locale === 'en' ? 'en' : 'ar';
      const params = { title: lang === 'ar' ? a.title_ar : a.title_en };
      const sent = await queuePersonEmail(trx, deps, user, lang, {
        subject: translate(lang, 'notify.email.approval.subject', params),
        body: [translate(lang, 'notify.email.approval.body', params)],
        action: { label: translate(lang, 'notify.email.approval.action'), path: `/console/announcements/${a.id}` },
        footer: translate(lang, 'notify.email.approval.footer'),
        key: `notify:approval:${a.id}:${notice.at}:user:${user.id}`,
        source: 'notify',
        ref: { refType: 'notify.approval', refId: a.id },
      });
      if (sent) queued++;
    }
  });
  return queued;
}
