import type { Executor } from '../../db.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/authz/roles.ts';
import type { Deps } from '../../platform/deps.ts';
import { type Lang, translate } from '../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import { findUsers, type User } from '../identity/public.ts';

// Emails to the people who must act: the program office when a draft waits for its approval, the
// agency when its draft is approved or returned, an idea's moderators when it waits for them or its
// supports oblige an answer. Each goes to every active holder of the roles named (never to the person
// who acted), in their own language, queued in the transaction of the change it is about, once per
// person and event (its key).

/** The notices there are; each has `.subject`, `.body`, `.action` and `.footer` messages. */
type Notice =
  | 'participate.notice.approval_request'
  | 'participate.notice.approved'
  | 'participate.notice.returned'
  | 'participate.notice.idea_pending'
  | 'participate.notice.idea_threshold'
  | 'participate.notice.idea_overdue';

/** Active people holding any of these roles (in this agency, or the program's roles when null), each once. */
export async function staffWith(db: Executor, roles: readonly Role[], agencyId: number | null): Promise<User[]> {
  const seen = new Map<number, User>();
  for (const role of roles) {
    const people = await findUsers(db, { role, status: 'active', ...(agencyId === null ? {} : { agencyIds: [agencyId] }) }, 5000, 0);
    for (const u of people) seen.set(u.id, u);
  }
  return [...seen.values()].sort((a, b) => a.id - b.id);
}

export interface StaffNotice {
  /** Which notice: its messages are `${notice}.subject`, `.body`, `.action` and `.footer`. */
  notice: Notice;
  /** The values of the messages, in the recipient's language. */
  params: (lang: Lang) => Record<string, string | number>;
  /** An extra paragraph (a comment or reason), when there is one. */
  extra?: (lang: Lang) => string | null;
  path: string;
  /** The event, unique for this record: the key is `${key}:user:${id}`. */
  key: string;
  ref: { refType: string; refId: number };
}

/** Queues the notice to each person (but the actor), in the caller's transaction; returns how many were queued. */
export async function tellStaff(trx: Executor, deps: Deps, ctx: Ctx, people: User[], n: StaffNotice): Promise<number> {
  const actorId = ctx.actor.kind === 'user' ? ctx.actor.id : null;
  let queued = 0;
  for (const user of people) {
    if (user.id === actorId) continue;
    const lang: Lang = user.locale === 'en' ? 'en' : 'ar';
    const params = n.params(lang);
    const extra = n.extra?.(lang);
    const sent = await queuePersonEmail(trx, deps, user, lang, {
      subject: translate(lang, `${n.notice}.subject`, params),
      body: [translate(lang, `${n.notice}.body`, params), ...(extra ? [extra] : [])],
      action: { label: translate(lang, `${n.notice}.action`), path: n.path },
      footer: translate(lang, `${n.notice}.footer`),
      key: `${n.key}:user:${user.id}`,
      source: 'participate.staff',
      ref: n.ref,
    });
    if (sent) queued++;
  }
  return queued;
}
