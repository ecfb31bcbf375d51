import type { Kysely } from 'kysely';
import type { DB, Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { dialectOf } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import * as identity from '../identity/public.ts';
import { type CaseRow, insertEvent, listPauses, updateCase } from './cases.repo.ts';
import { agencyStaff, notifyStaff } from './notifications.ts';
import { cachedDeadlines, caseClocks, loadCalendar } from './sla.service.ts';
import { monthOf } from './tracking.ts';

const BATCH = 200;
const ctx = systemCtx('feedback.sla');

/** Cases whose cached warning or deadline has passed without the matching flag: what the sweep looks at. */
function dueCases(db: Kysely<DB>, at: string) {
  return db
    .selectFrom('feedback_cases')
    .selectAll()
    .where('status', 'in', ['new', 'open'])
    .where((eb) =>
      eb.or([
        eb.and([eb('first_warned', '=', 0), eb('first_warn_at', '<=', at)]),
        eb.and([eb('first_breached', '=', 0), eb('first_due_at', '<', at)]),
        eb.and([eb('res_warned', '=', 0), eb('res_warn_at', '<=', at)]),
        eb.and([eb('res_breached', '=', 0), eb('res_due_at', '<', at)]),
      ]),
    )
    .orderBy('id')
    .limit(BATCH)
    .execute();
}

async function staffFor(trx: Executor, c: CaseRow) {
  const admins = await agencyStaff(trx, c.agency_id, 'agency_admin');
  const assignee = c.assigned_to ? await identity.findUser(trx, c.assigned_to) : undefined;
  return { admins, assignee: assignee && assignee.status === 'active' ? [assignee] : [] };
}

/**
 * Warns before a deadline and escalates to the agency's administrators at a breach. The clock is
 * read again for each case (the cached times may be stale after a holiday was added), and flags
 * plus message keys make a rerun, or two workers at once, send nothing twice.
 */
export async function runSlaSweep(deps: Deps, now = new Date()): Promise<number> {
  const cal = await loadCalendar(deps.db);
  let handled = 0;
  for (let pass = 0; pass < 10; pass++) {
    const rows = await dueCases(deps.db, now.toISOString());
    if (rows.length === 0) break;
    for (const row of rows) {
      await deps.db.transaction().execute(async (trx) => {
        let q = trx.selectFrom('feedback_cases').selectAll().where('id', '=', row.id);
        if (dialectOf(deps.db) === 'postgres') q = q.forUpdate();
        const c = await q.executeTakeFirstOrThrow();
        const clocks = caseClocks(cal, c, await listPauses(trx, c.id), now);
        const patch: Partial<CaseRow> = { ...cachedDeadlines(c, clocks) };
        const { admins, assignee } = await staffFor(trx, c);
        for (const [clock, status] of [
          ['first', c.first_response_at ? null : clocks.first],
          ['resolution', clocks.resolution],
        ] as const) {
          if (!status || !['warning', 'breached'].includes(status.state)) continue;
          const warned = clock === 'first' ? 'first_warned' : 'res_warned';
          const breached = clock === 'first' ? 'first_breached' : 'res_breached';
          if (status.state === 'warning' && !c[warned]) {
            patch[warned] = 1;
            await insertEvent(trx, {
              case_id: c.id,
              agency_id: c.agency_id,
              kind: 'sla_warning',
              visibility: 'internal',
              author_type: 'system',
              author_id: null,
              author_label: null,
              body: null,
              data_json: JSON.stringify({ clock, due_at: status.dueAt?.toISOString() }),
              created_at: now.toISOString(),
            });
            await notifyStaff(trx, deps, c, 'warning', assignee.length ? assignee : admins, { key: clock, clock, dueAt: status.dueAt });
          }
          if (status.state === 'breached' && !c[breached]) {
            patch[warned] = 1;
            patch[breached] = 1;
            if (clock === 'resolution' && c.sla_outcome === null) {
              patch.sla_outcome = 'breached';
              const settled = status.breachedAt ?? now;
              patch.sla_outcome_at = settled.toISOString();
              patch.sla_outcome_month = monthOf(settled, deps.config.timeZone);
            }
            await insertEvent(trx, {
              case_id: c.id,
              agency_id: c.agency_id,
              kind: 'sla_breach',
              visibility: 'internal',
              author_type: 'system',
              author_id: null,
              author_label: null,
              body: null,
              data_json: JSON.stringify({ clock, due_at: status.dueAt?.toISOString() }),
              created_at: now.toISOString(),
            });
            await notifyStaff(trx, deps, c, 'breach', [...admins, ...assignee], { key: clock, clock, dueAt: status.dueAt });
            await recordAudit(trx, ctx, {
              action: 'feedback.sla_breach',
              recordType: 'feedback_case',
              recordId: c.id,
              agencyId: c.agency_id,
              after: { clock, due_at: status.dueAt?.toISOString(), escalated_to: admins.map((a) => a.id) },
            });
          }
        }
        await updateCase(trx, c.id, patch);
      });
      handled++;
    }
    if (rows.length < BATCH) break;
  }
  return handled;
}
