import { createHash, createHmac } from 'node:crypto';
import type { DialectAdapter, Kysely } from 'kysely';
import type { Config } from '../../config.ts';
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

/**
 * Keyed records carry this prefix. Records written before the chain was keyed are plain SHA-256
 * (64 hex digits, no prefix): they may only come before the first keyed record, whose MAC covers
 * the last of them through its prev_hash, so none of them can be rewritten afterwards either.
 */
export const KEYED = 'hmac:';

function rowFields(row: Row): string {
  return JSON.stringify([
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
  ]);
}

/** The hash of one audit row chained to the one before it, as written before the chain was keyed (verification only). */
export function legacyAuditHash(prevHash: string, row: Row): string {
  return createHash('sha256').update(prevHash).update('\n').update(rowFields(row)).digest('hex');
}

/** The keyed hash of one audit row chained to the one before it: without the key, nobody can recompute it. */
export function auditHash(key: string, prevHash: string, row: Row): string {
  return KEYED + createHmac('sha256', key).update(prevHash).update('\n').update(rowFields(row)).digest('hex');
}

/** The audit chain's key: AUDIT_KEY, or one derived from SECRET_KEY. Never stored in the database. */
export function auditKeyOf(config: Pick<Config, 'secretKey' | 'auditKey'>): string {
  return config.auditKey ?? createHmac('sha256', config.secretKey).update('yusr audit chain v1').digest('hex');
}

// The key travels with the database handle: every transaction of a Kysely instance shares its
// adapter, so recordAudit(trx, …) finds the key without each of its callers passing it.
const keys = new WeakMap<DialectAdapter, string>();

/** Gives a database handle (and every transaction on it) the key its audit records are signed with. */
export function bindAuditKey(db: Kysely<DB>, key: string): void {
  keys.set(db.getExecutor().adapter, key);
}

function boundKey(db: Executor): string {
  const key = keys.get((db as Kysely<DB>).getExecutor().adapter);
  if (!key) throw new Error('No audit key is bound to this database handle (createDeps binds it).');
  return key;
}

/**
 * Appends one record to the audit trail inside the caller's transaction. The chain head row is
 * locked (FOR UPDATE on PostgreSQL; SQLite serialises writers) so concurrent writers never fork it.
 */
export async function recordAudit(trx: Executor, ctx: Ctx, entry: AuditEntry): Promise<void> {
  const key = boundKey(trx);
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
  const hash = auditHash(key, head.hash, row);
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

/**
 * Why verification stopped: `hash` a record does not match its MAC (altered, or recomputed without
 * the key), `unkeyed` an unkeyed record after keyed ones (a chain recomputed with plain SHA-256),
 * `link` / `gap` a record's predecessor is not the one before it / is missing, `head` the head row
 * disagrees with the last record, `truncated` records a checkpoint vouched for are gone,
 * `checkpoint` a checkpoint's record has another hash (the chain was rewritten after it).
 */
export type BrokenReason = 'hash' | 'unkeyed' | 'link' | 'gap' | 'head' | 'truncated' | 'checkpoint';

export type VerifyResult =
  | { ok: true; rows: number; unkeyed: number; checkpoints: number }
  | { ok: false; rows: number; brokenAt: number; reason: BrokenReason };

/** A head the chain had at some time, vouched for outside the database (see checkpoint.ts). */
export interface AnchoredHead {
  seq: number;
  hash: string;
}

/**
 * Walks the whole trail in order, a page at a time, checking every record's MAC with `key`, and
 * every anchored head against the record at its position; reports the first broken link.
 */
export async function verifyAuditChain(db: Kysely<DB>, key: string, anchors: AnchoredHead[] = [], pageSize = 1000): Promise<VerifyResult> {
  const anchored = new Map<number, string>();
  for (const a of anchors) anchored.set(a.seq, a.hash);
  let prevHash = '0'.repeat(64);
  let expectedSeq = 1;
  let rows = 0;
  let unkeyed = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    if (page.length === 0) break;
    for (const r of page) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, rows, brokenAt: expectedSeq, reason: 'gap' };
      if (r.prev_hash !== prevHash) return { ok: false, rows, brokenAt: seq, reason: 'link' };
      const { hash, prev_hash: _p, ...rest } = r;
      if (hash.startsWith(KEYED)) {
        if (auditHash(key, prevHash, { ...rest, seq }) !== hash) return { ok: false, rows, brokenAt: seq, reason: 'hash' };
      } else {
        if (unkeyed !== rows) return { ok: false, rows, brokenAt: seq, reason: 'unkeyed' };
        if (legacyAuditHash(prevHash, { ...rest, seq }) !== hash) return { ok: false, rows, brokenAt: seq, reason: 'hash' };
        unkeyed++;
      }
      const vouched = anchored.get(seq);
      if (vouched !== undefined && vouched !== hash) return { ok: false, rows, brokenAt: seq, reason: 'checkpoint' };
      prevHash = hash;
      expectedSeq++;
      rows++;
    }
  }
  const furthest = Math.max(0, ...anchored.keys());
  if (furthest > rows) return { ok: false, rows, brokenAt: rows + 1, reason: 'truncated' };
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (Number(head.seq) !== rows || head.hash !== prevHash) return { ok: false, rows, brokenAt: rows + 1, reason: 'head' };
  return { ok: true, rows, unkeyed, checkpoints: anchored.size };
}
