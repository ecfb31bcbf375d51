import { systemCtx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import { listUsers } from '../identity/public.ts';
import * as repo from './plan.repo.ts';

export interface ReportNotice {
  reportId: number;
  kind: 'returned' | 'accepted';
}

/**
 * Tells the owner agency's team (its administrators and editors) that the office returned or accepted
 * a period report. Runs after the decision committed; one email per person and decision, ever.
 */
export async function sendReportNotice(deps: Deps, notice: ReportNotice): Promise<number> {
  const report = await repo.findReport(deps.db, notice.reportId);
  if (!report) return 0;
  const initiative = await repo.findInitiative(deps.db, report.initiative_id);
  const period = await repo.findPeriod(deps.db, report.period_id);
  if (!initiative || !period) return 0;
  const team = await listUsers(deps, systemCtx('plan'), { agencyIds: [report.agency_id], status: 'active' }, 1, 500);
  let queued = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const user of team.items) {
      const lang = user.locale === 'en' ? 'en' : 'ar';
      const params = { code: initiative.code, name: lang === 'ar' ? initiative.name_ar : initiative.name_en, period: period.code };
      const subject = translate(lang, notice.kind === 'returned' ? 'plan.email.returned.subject' : 'plan.email.accepted.subject', params);
      const sent = await queuePersonEmail(trx, deps, user, lang, {
        subject,
        body: [
          translate(lang, notice.kind === 'returned' ? 'plan.email.returned.body' : 'plan.email.accepted.body', params),
          ...(notice.kind === 'returned' && report.review_comment ? [report.review_comment] : []),
        ],
        action: { label: translate(lang, 'plan.email.action'), path: `/console/plans/initiatives/${initiative.id}/reports/${period.id}` },
        footer: translate(lang, 'plan.email.footer'),
        key: `plan:${notice.kind}:${report.id}:${report.version}:user:${user.id}`,
        source: 'plan',
        ref: { refType: 'plan_report', refId: report.id },
      });
      if (sent) queued++;
    }
  });
  return queued;
}

export const CHANGE_NOTICE_JOB = 'plan.change_notice';

const CHANGE_KEYS = {
  proposed: { subject: 'plan.email.change_proposed.subject', body: 'plan.email.change_proposed.body' },
  accepted: { subject: 'plan.email.change_accepted.subject', body: 'plan.email.change_accepted.body' },
  rejected: { subject: 'plan.email.change_rejected.subject', body: 'plan.email.change_rejected.body' },
} as const;

export interface ChangeNotice {
  changeId: number;
  kind: 'proposed' | 'accepted' | 'rejected';
}

/**
 * Tells people of a change request: a proposal goes to the program office (its administrators and
 * reviewers), a decision to the owner agency's team (its administrators and editors) — each person in
 * their own language. Runs after the proposal or decision committed; one email per person and step, ever.
 */
export async function sendChangeNotice(deps: Deps, notice: ChangeNotice): Promise<number> {
  const change = await repo.findChange(deps.db, notice.changeId);
  if (!change) return 0;
  const initiative = await repo.findInitiative(deps.db, change.initiative_id);
  if (!initiative) return 0;
  const sys = systemCtx('plan');
  const people =
    notice.kind === 'proposed'
      ? [
          ...(await listUsers(deps, sys, { role: 'program_admin', status: 'active' }, 1, 500)).items,
          ...(await listUsers(deps, sys, { role: 'program_reviewer', status: 'active' }, 1, 500)).items,
        ].filter((u, i, all) => all.findIndex((x) => x.id === u.id) === i)
      : (await listUsers(deps, sys, { agencyIds: [change.agency_id], status: 'active' }, 1, 500)).items;
  let queued = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const user of people) {
      const lang = user.locale === 'en' ? 'en' : 'ar';
      const params = { code: initiative.code, name: lang === 'ar' ? initiative.name_ar : initiative.name_en };
      const extra = notice.kind === 'proposed' ? change.reason : change.review_comment;
      const sent = await queuePersonEmail(trx, deps, user, lang, {
        subject: translate(lang, CHANGE_KEYS[notice.kind].subject, params),
        body: [translate(lang, CHANGE_KEYS[notice.kind].body, params), ...(extra ? [extra] : [])],
        action: { label: translate(lang, 'plan.email.change_action'), path: `/console/plans/initiatives/${initiative.id}/changes` },
        footer: translate(lang, notice.kind === 'proposed' ? 'plan.email.footer_office' : 'plan.email.footer'),
        key: `plan:change:${notice.kind}:${change.id}:user:${user.id}`,
        source: 'plan',
        ref: { refType: 'plan_change_request', refId: change.id },
      });
      if (sent) queued++;
    }
  });
  return queued;
}
