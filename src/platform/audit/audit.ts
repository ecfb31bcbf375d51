import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Executor } from '../../db.ts';
import { type Actor, actorAgencyIds, actorId, actorLabel, type Ctx } from '../auth/actor.ts';
import { dialectOf } from '../db/database.ts';
import type { AuditLogTable } from '../db/tables.ts';
import { nowIso } from '../db/time.ts';

export interface AuditEntry {
  action: string;
  recordType: string;
  recordId?: string | number | null;
  /** The agency the record belongs to, so agency admins can read their own trail. */
  agencyId?: number | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_FIELD = /password|token_hash|secret|^token$/i;

/** Drops secrets from an audited snapshot; keeps everything else as it was. */
function redact(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (k, v) => (k && SECRET_FIELD.test(k) ? '[redacted]' : v));
}

function actingAgency(actor: Actor, recordAgency: number | null | undefined): number | null {
  const mine = actorAgencyIds(actor);
  if (recordAgency != null && mine.includes(recordAgency)) return recordAgency;
  return mine.length === 1 ? mine[0] : null;
}

type Row = Omit<AuditLogTable, 'seq' | 'hash' | 'prev_hash'> & { seq: number };

/** The hash of one audit row chained to the one before it. */
export function auditHash(prevHash: string, row: Row): string {
  const fields = [
    row.seq,
    row.at,
    row.actor_type,
    row.actor_id,
    row.actor_label,
    row.acting_agency_id,
    row.action,
    row.record_type,
    row.record_id,
    row.agency_id,
    row.before_json,
    row.after_json,
    row.request_id,
    row.ip,
  ];
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Appends one record to the audit trail inside the caller's transaction. The chain head row is
 * locked (FOR UPDATE on PostgreSQL; SQLite serialises writers) so concurrent writers never fork it.
 */
export async function recordAudit(trx: Executor, ctx: Ctx, entry: AuditEntry): Promise<void> {
  let headQuery = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (dialectOf(trx as Kysely<DB>) === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  const row: Row = {
    seq: Number(head.seq) + 1,
    at: nowIso(),
    actor_type: ctx.actor.kind,
    actor_id: actorId(ctx.actor),
    actor_label: actorLabel(ctx.actor),
    acting_agency_id: actingAgency(ctx.actor, entry.agencyId),
    action: entry.action,
    record_type: entry.recordType,
    record_id: entry.recordId == null ? null : String(entry.recordId),
    agency_id: entry.agencyId ?? null,
    before_json: redact(entry.before),
    after_json: redact(entry.after),
    request_id: ctx.requestId,
    ip: ctx.ip,
  };
  const hash = auditHash(head.hash, row);
  await trx
    .insertInto('audit_log')
    .values({ ...row, prev_hash: head.hash, hash })
    .execute();
  await trx.updateTable('audit_head').set({ seq: row.seq, hash }).where('id', '=', 1).execute();
}

/** Records an audit entry in a transaction of its own (refusals, sign-in failures). */
export async function recordAuditNow(db: Kysely<DB>, ctx: Ctx, entry: AuditEntry): Promise<void> {
  await db.transaction().execute((trx) => recordAudit(trx, ctx, entry));
}

export type VerifyResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAt: number; reason: 'hash' | 'link' | 'gap' | 'head' };

/** Walks the whole trail in order, a page at a time, and reports the first broken link. */
export async function verifyAuditChain(db: Kysely<DB>, pageSize = 1000): Promise<VerifyResult> {
  let prevHash = '0'.repeat(64);
  let expectedSeq = 1;
  let rows = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    if (page.length === 0) break;
    for (const r of page) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, rows, brokenAt: expectedSeq, reason: 'gap' };
      if (r.prev_hash !== prevHash) return { ok: false, rows, brokenAt: seq, reason: 'link' };
      const { hash, prev_hash: _p, ...rest } = r;
      if (auditHash(prevHash, { ...rest, seq }) !== hash) return { ok: false, rows, brokenAt: seq, reason: 'hash' };
      prevHash = hash;
      expectedSeq++;
      rows++;
    }
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (Number(head.seq) !== rows || head.hash !== prevHash) return { ok: false, rows, brokenAt: rows + 1, reason: 'head' };
  return { ok: true, rows };
}
