import type { Executor } from '../../db.ts';
import type { MessageKey } from '../../messages.ts';
import type { Deps } from '../../platform/deps.ts';
import { dualDateText } from '../../platform/i18n/dates.ts';
import { type Lang, type Params, pick, translate } from '../../platform/i18n/i18n.ts';
import { renderEmail } from '../../platform/messaging/email-layout.tsx';
import { queueEmail, queueSms } from '../../platform/messaging/messaging.ts';
import * as identity from '../identity/public.ts';
import type { CaseRow } from './cases.repo.ts';
import { clockLabel, kindLabel } from './feedback.labels.ts';
import { statusUrl } from './tracking.ts';

// Every message goes through the platform's delivery path (the same outbox, SMTP and SMS adapter
// as notify), queued inside the transaction of the change that causes it, with an idempotency key.

export type BeneficiaryNotice = 'submitted' | 'reply' | 'waiting' | 'resolved' | 'survey' | 'rerouted' | 'merged' | 'link';

const tr = (lang: Lang) => (key: MessageKey, params?: Params) => translate(lang, key, params);

/** Each notice's texts, written out so every key is checked (none is built at run time). */
const beneficiaryText = {
  submitted: {
    subject: 'feedback.email.submitted.subject',
    body: 'feedback.email.submitted.body',
    action: 'feedback.email.submitted.action',
  },
  reply: { subject: 'feedback.email.reply.subject', body: 'feedback.email.reply.body', action: 'feedback.email.reply.action' },
  waiting: { subject: 'feedback.email.waiting.subject', body: 'feedback.email.waiting.body', action: 'feedback.email.waiting.action' },
  resolved: { subject: 'feedback.email.resolved.subject', body: 'feedback.email.resolved.body', action: 'feedback.email.resolved.action' },
  survey: { subject: 'feedback.email.survey.subject', body: 'feedback.email.survey.body', action: 'feedback.email.survey.action' },
  rerouted: { subject: 'feedback.email.rerouted.subject', body: 'feedback.email.rerouted.body', action: 'feedback.email.rerouted.action' },
  merged: { subject: 'feedback.email.merged.subject', body: 'feedback.email.merged.body', action: 'feedback.email.merged.action' },
  link: { subject: 'feedback.email.link.subject', body: 'feedback.email.link.body', action: 'feedback.email.link.action' },
} as const satisfies Record<BeneficiaryNotice, { subject: MessageKey; body: MessageKey; action: MessageKey }>;

async function agencyName(trx: Executor, agencyId: number, lang: Lang): Promise<string> {
  const a = await identity.findAgency(trx, agencyId);
  return a ? pick(lang, a, 'name') : translate(lang, 'shell.product');
}

/**
 * Tells the beneficiary, by the channel they chose, about their case. `key` makes it once only
 * (an event id, a resolution count…); `text` is the agency's words when there are some.
 */
export async function notifyBeneficiary(
  trx: Executor,
  deps: Deps,
  c: CaseRow,
  notice: BeneficiaryNotice,
  opts: { key: string; text?: string; url?: string; other?: string; files?: number },
): Promise<void> {
  const lang = c.lang;
  const t = tr(lang);
  const agency = await agencyName(trx, c.agency_id, lang);
  const url = opts.url ?? statusUrl(deps.config, c, lang);
  const p = { tracking: c.tracking_no, agency, other: opts.other ?? '', kind: t(kindLabel[c.kind]) };
  const subject = t(beneficiaryText[notice].subject, p);
  const key = `feedback:case:${c.id}:${notice}:${opts.key}`;
  if (c.notify_by === 'sms' && c.contact_phone) {
    await queueSms(trx, {
      key,
      to: c.contact_phone,
      locale: lang,
      text: t('feedback.sms', { subject, url }),
      source: 'feedback',
      refType: 'feedback_case',
      refId: c.id,
    });
    return;
  }
  if (!c.contact_email) return;
  const paragraphs = [t(beneficiaryText[notice].body, p)];
  if (opts.text) paragraphs.push(opts.text);
  if (opts.files) paragraphs.push(t('feedback.email.files', { count: opts.files }));
  if (notice === 'waiting') paragraphs.push(t('feedback.email.waiting.more'));
  if (notice === 'resolved') paragraphs.push(t('feedback.email.resolved.reopen'));
  const { html, text } = renderEmail({
    lang,
    sender: agency,
    heading: subject,
    preheader: t(beneficiaryText[notice].body, p).slice(0, 120),
    paragraphs,
    action: { label: t(beneficiaryText[notice].action), url },
    footer: [t('feedback.email.footer', { agency }), t('email.footer_program')],
  });
  await queueEmail(trx, deps.config.mailFrom, {
    key,
    to: c.contact_email,
    locale: lang,
    subject,
    text,
    html,
    source: 'feedback',
    refType: 'feedback_case',
    refId: c.id,
  });
}

export type StaffNotice = 'warning' | 'breach' | 'beneficiary_reply' | 'assigned';

const staffText = {
  warning: { subject: 'feedback.staff_email.warning.subject', body: 'feedback.staff_email.warning.body' },
  breach: { subject: 'feedback.staff_email.breach.subject', body: 'feedback.staff_email.breach.body' },
  beneficiary_reply: { subject: 'feedback.staff_email.beneficiary_reply.subject', body: 'feedback.staff_email.beneficiary_reply.body' },
  assigned: { subject: 'feedback.staff_email.assigned.subject', body: 'feedback.staff_email.assigned.body' },
} as const satisfies Record<StaffNotice, { subject: MessageKey; body: MessageKey }>;

/** Active staff of an agency holding one of the roles (escalations go to administrators). */
export async function agencyStaff(trx: Executor, agencyId: number, role: 'agency_admin' | 'agency_editor') {
  return identity.findUsers(trx, { role, agencyIds: [agencyId], status: 'active' }, 50, 0);
}

/** Emails agency staff about a case: SLA warnings and breaches, a beneficiary's reply, an assignment. */
export async function notifyStaff(
  trx: Executor,
  deps: Deps,
  c: CaseRow,
  notice: StaffNotice,
  to: { id: number; email: string; locale: Lang }[],
  opts: { key: string; clock?: 'first' | 'resolution'; dueAt?: Date },
): Promise<void> {
  const seen = new Set<number>();
  for (const user of to) {
    if (seen.has(user.id)) continue;
    seen.add(user.id);
    const lang = user.locale;
    const t = tr(lang);
    const p = {
      tracking: c.tracking_no,
      subject: c.subject,
      clock: opts.clock ? t(clockLabel[opts.clock]) : '',
      due: opts.dueAt ? dualDateText(lang, opts.dueAt, deps.config.timeZone, true) : '',
    };
    const subject = t(staffText[notice].subject, p);
    const { html, text } = renderEmail({
      lang,
      sender: t('shell.product'),
      heading: subject,
      paragraphs: [t(staffText[notice].body, p), c.subject],
      action: { label: t('feedback.staff_email.action'), url: `${deps.config.baseUrl}/${lang}/console/feedback/cases/${c.id}` },
      footer: [t('feedback.staff_email.footer'), t('email.footer_program')],
    });
    await queueEmail(trx, deps.config.mailFrom, {
      key: `feedback:staff:${c.id}:${notice}:${opts.key}:${user.id}`,
      to: user.email,
      locale: lang,
      subject,
      text,
      html,
      source: 'feedback',
      refType: 'feedback_case',
      refId: c.id,
    });
  }
}
