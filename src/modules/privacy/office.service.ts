import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { dayStart } from '../../platform/i18n/dates.ts';
import { personalDataPorts } from '../../platform/personal-data.ts';
import { breachInput } from './privacy.schema.ts';
import { dataRegister } from './register.ts';

// The office's own records: who read whose personal data (from the audit trail), and breaches.

/** Every audit action that records a read of personal data, as the modules declare them. */
export const readActions = (deps: Deps) => personalDataPorts(deps).flatMap((p) => p.port.readActions ?? []);

export interface AccessFilters {
  action?: string;
  actor?: string;
  record?: string;
  from?: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Staff reads of personal data, newest first, filtered by action, reader, record and days. */
export async function accessLog(deps: Deps, f: AccessFilters, page: number, size = 50) {
  const actions = readActions(deps);
  let q = deps.db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor_type', 'actor_label', 'action', 'record_type', 'record_id', 'after_json', 'ip'])
    .where('action', 'in', f.action && actions.includes(f.action) ? [f.action] : actions);
  if (f.actor) q = q.where('actor_label', 'like', `%${f.actor.replace(/[%_\\]/g, '')}%`);
  if (f.record) q = q.where('record_id', '=', f.record);
  if (f.from && DAY.test(f.from)) q = q.where('at', '>=', dayStart(f.from, deps.config.timeZone));
  if (f.to && DAY.test(f.to)) q = q.where('at', '<', dayStart(f.to, deps.config.timeZone, 1));
  const rows = await q
    .orderBy('seq', 'desc')
    .limit(size + 1)
    .offset((page - 1) * size)
    .execute();
  return {
    rows: rows.slice(0, size).map((r) => {
      const after = r.after_json ? (JSON.parse(r.after_json) as { via?: string; cases?: number[] }) : {};
      return { ...r, via: after.via ?? null, records: after.cases ?? (r.record_id ? [r.record_id] : []) };
    }),
    hasNext: rows.length > size,
    actions,
  };
}

export async function listBreaches(deps: Deps) {
  return deps.db.selectFrom('privacy_breaches').selectAll().orderBy('discovered_on', 'desc').orderBy('id', 'desc').execute();
}

export async function findBreach(deps: Deps, id: number) {
  const b = await deps.db.selectFrom('privacy_breaches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!b) throw new NotFoundError();
  return { ...b, kinds: JSON.parse(b.data_kinds) as string[] };
}

async function validBreach(deps: Deps, raw: unknown) {
  const v = parseInput(breachInput, raw);
  const known = new Set((await dataRegister(deps)).map((e) => e.kind.key));
  if (v.data_kinds.some((k) => !known.has(k))) fieldError('data_kinds', 'privacy.validation.kinds');
  const today = new Date().toISOString().slice(0, 10);
  if (v.discovered_on > today) fieldError('discovered_on', 'privacy.validation.future');
  for (const f of ['authority_notified_on', 'subjects_notified_on'] as const)
    if (v[f] && v[f] < v.discovered_on) fieldError(f, 'privacy.validation.before_discovery');
  return { ...v, data_kinds: JSON.stringify(v.data_kinds) };
}

/** Records a breach (audited with what was entered). */
export async function createBreach(deps: Deps, ctx: Ctx, raw: unknown): Promise<number> {
  const v = await validBreach(deps, raw);
  return deps.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const r = await trx
      .insertInto('privacy_breaches')
      .values({ ...v, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'privacy.breach.create', recordType: 'privacy_breach', recordId: r.id, after: v });
    return r.id;
  });
}

/** Updates a breach: who was told and when, measures, status (audited with before and after). */
export async function updateBreach(deps: Deps, ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const before = await findBreach(deps, id);
  const v = await validBreach(deps, raw);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('privacy_breaches')
      .set({ ...v, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    const { kinds: _k, ...was } = before;
    await recordAudit(trx, ctx, { action: 'privacy.breach.update', recordType: 'privacy_breach', recordId: id, before: was, after: v });
  });
}
