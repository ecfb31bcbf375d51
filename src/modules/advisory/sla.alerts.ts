import { recordAudit } from '../../platform/audit/audit.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { dualDateText } from '../../platform/i18n/dates.ts';
import { type Lang, translate } from '../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import type { SlaStatus } from '../feedback/public.ts';
import { loadCalendar } from '../feedback/public.ts';
import type { User } from '../identity/public.ts';
import * as repo from './advisory.repo.ts';
import type { AlertKind, SlaClock } from './advisory.tables.ts';
import { advisors, office } from './notices.ts';
import { pausesByRequest, requestClocks } from './sla.ts';

// SLA alerts: a scheduled sweep reads both clocks of every open request on the working calendar and
// warns the program office (and, on the delivery clock, the lead advisor) once a clock passes 80% of
// its target, and again when it is breached. Each request, clock and kind is alerted once, ever: the
// alert's row (unique) and the email keys make a rerun, a retried job or two workers send nothing
// twice. A paused clock ("more information") is neither warned nor breached while it waits.

export const SLA_ALERT_JOB = 'advisory.sla_alerts';
const ctx = systemCtx('advisory.sla');

const subjects = {
  warning: 'advisory.email.sla_warning.subject',
  breach: 'advisory.email.sla_breach.subject',
} as const satisfies Record<AlertKind, string>;
const bodies = {
  warning: 'advisory.email.sla_warning.body',
  breach: 'advisory.email.sla_breach.body',
} as const satisfies Record<AlertKind, string>;

/** The alert a clock calls for now, if any: a warning past 80% of its target, a breach past the deadline. */
export function alertFor(status: SlaStatus | null): AlertKind | null {
  if (status?.state === 'warning') return 'warning';
  if (status?.state === 'breached') return 'breach';
  return null;
}

/** Sends every alert that is due at `now` and not yet sent; returns how many alerts it sent. */
export async function runSlaAlerts(deps: Deps, now = new Date()): Promise<number> {
  const open = await deps.db
    .selectFrom('advisory_requests')
    .selectAll()
    .where('status', 'in', ['submitted', 'info_requested', 'accepted'])
    .orderBy('id')
    .execute();
  if (open.length === 0) return 0;
  const ids = open.map((r) => r.id);
  const pauses = pausesByRequest(await repo.listPauses(deps.db, ids));
  const sent = new Set((await repo.listSlaAlerts(deps.db, ids)).map((a) => `${a.request_id}:${a.clock}:${a.kind}`));
  const cal = await loadCalendar(deps.db);
  let count = 0;
  for (const r of open) {
    const clocks = requestClocks(cal, r, pauses.get(r.id) ?? [], now);
    const due: [SlaClock, SlaStatus | null][] = [
      ['first_response', r.first_response_at ? null : clocks.firstResponse],
      ['delivery', r.delivered_at ? null : clocks.delivery],
    ];
    for (const [clock, status] of due) {
      const kind = alertFor(status);
      if (!kind || !status?.dueAt || sent.has(`${r.id}:${clock}:${kind}`)) continue;
      if (await sendAlert(deps, r, clock, kind, status.dueAt, now)) count++;
    }
  }
  return count;
}

async function sendAlert(deps: Deps, r: repo.RequestRow, clock: SlaClock, kind: AlertKind, dueAt: Date, now: Date) {
  // The office always hears; the lead advisor too once there is one (the delivery clock is theirs).
  const people = new Map<number, User>();
  for (const u of [...(await office(deps)), ...(clock === 'delivery' ? await advisors(deps, r.id, 'lead') : [])]) people.set(u.id, u);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('advisory_sla_alerts')
      .values({ request_id: r.id, clock, kind, due_at: dueAt.toISOString(), sent_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['request_id', 'clock', 'kind']).doNothing())
      .returningAll()
      .executeTakeFirst();
    // Another worker sent it first.
    if (!row) return false;
    for (const user of people.values()) {
      const lang: Lang = user.locale === 'en' ? 'en' : 'ar';
      const params = {
        title: r.title,
        clock,
        due: dualDateText(lang, dueAt, deps.config.timeZone, true),
      };
      await queuePersonEmail(trx, deps, user, lang, {
        subject: translate(lang, subjects[kind], params),
        body: [translate(lang, bodies[kind], params)],
        action: { label: translate(lang, 'advisory.email.action'), path: `/console/advisory/${r.id}` },
        footer: translate(lang, 'advisory.email.footer'),
        key: `advisory:sla_${kind}:${clock}:${r.id}:user:${user.id}`,
        source: 'advisory',
        ref: { refType: 'advisory_request', refId: r.id },
      });
    }
    await recordAudit(trx, ctx, {
      action: kind === 'warning' ? 'advisory.sla_warning' : 'advisory.sla_breach',
      recordType: 'advisory_request',
      recordId: r.id,
      agencyId: r.agency_id,
      after: { clock, due_at: row.due_at, notified: [...people.keys()] },
    });
    return true;
  });
}
