import type { Executor } from '../../db.ts';
import type { MessageKey } from '../../messages.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { dualDateText } from '../../platform/i18n/dates.ts';
import { type Params, translate } from '../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import { listUsers } from '../identity/public.ts';
import type { RoundRow } from './repo/rounds.repo.ts';

// Emails to an agency's measurement team. Recipients are read before the caller's transaction
// (SQLite has one connection; a read outside the transaction would wait for it forever).

export type Recipient = { id: number; email: string; name: string; locale: 'ar' | 'en' };
export type EmailKind = 'opened' | 'reminder' | 'returned' | 'published';

/** The active staff of each agency (its administrators and editors), by agency id. */
export async function agencyTeams(deps: Deps, agencyIds: number[]): Promise<Map<number, Recipient[]>> {
  const out = new Map<number, Recipient[]>();
  for (const agencyId of agencyIds) {
    const users = await listUsers(deps, systemCtx('measure'), { agencyIds: [agencyId], status: 'active' }, 1, 500);
    out.set(
      agencyId,
      users.items.map((u) => ({ id: u.id, email: u.email, name: u.name, locale: u.locale === 'en' ? 'en' : 'ar' })),
    );
  }
  return out;
}

const subjects: Record<EmailKind, MessageKey> = {
  opened: 'measure.email.opened.subject',
  reminder: 'measure.email.reminder.subject',
  returned: 'measure.email.returned.subject',
  published: 'measure.email.published.subject',
};
const bodies: Record<EmailKind, MessageKey> = {
  opened: 'measure.email.opened.body',
  reminder: 'measure.email.reminder.body',
  returned: 'measure.email.returned.body',
  published: 'measure.email.published.body',
};

/** Queues one email per team member in the caller's transaction; `key` makes each send happen once. */
export async function queueTeamEmail(
  trx: Executor,
  deps: Deps,
  opts: { round: RoundRow; agencyId: number; team: Recipient[]; kind: EmailKind; key: string; params?: Params; path: string },
): Promise<number> {
  let queued = 0;
  for (const user of opts.team) {
    const lang = user.locale;
    const round = lang === 'ar' ? opts.round.name_ar : opts.round.name_en;
    const params = {
      round,
      close: dualDateText(lang, new Date(Date.parse(opts.round.closes_at) - 1), deps.config.timeZone),
      ...opts.params,
    };
    const sent = await queuePersonEmail(trx, deps, user, lang, {
      subject: translate(lang, subjects[opts.kind], params),
      body: [translate(lang, bodies[opts.kind], params)],
      action: { label: translate(lang, 'measure.email.action'), path: opts.path },
      footer: translate(lang, 'measure.email.footer'),
      key: `measure:${opts.kind}:${opts.key}:user:${user.id}`,
      source: 'measure',
      ref: { refType: 'measure_round', refId: opts.round.id },
    });
    if (sent) queued++;
  }
  return queued;
}
