import { createHmac } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db.ts';
import { safeEqual } from '../auth/crypto.ts';
import type { Deps } from '../deps.ts';
import { type AnchoredHead, auditKeyOf, type VerifyResult, verifyAuditChain } from './audit.ts';

/**
 * Checkpoints anchor the audit chain's head outside the database: signed files in
 * AUDIT_CHECKPOINT_DIR. Someone who can write to the database but not to that folder can no
 * longer cut records from the end and move the head back: the last checkpoint still names a
 * record that is gone, or a hash the rewritten chain no longer has.
 */

export interface Checkpoint extends AnchoredHead {
  at: string;
  mac: string;
}

const FILE = /^head-(\d{12})\.json$/;
/** Checkpoints kept; the newest always among them. At one per five minutes, about eight hours. */
const KEEP = 100;
export const CHECKPOINT_EVERY_MS = 5 * 60_000;

function checkpointMac(key: string, c: Omit<Checkpoint, 'mac'>): string {
  return createHmac('sha256', key).update(`yusr audit checkpoint v1\n${c.seq}\n${c.hash}\n${c.at}`).digest('hex');
}

/** Every checkpoint file in `dir`: those signed with `key`, and the names of those that are not. */
export async function readCheckpoints(dir: string, key: string): Promise<{ valid: Checkpoint[]; forged: string[] }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { valid: [], forged: [] };
    throw err;
  }
  const valid: Checkpoint[] = [];
  const forged: string[] = [];
  for (const name of names.filter((n) => FILE.test(n)).sort()) {
    try {
      const c = JSON.parse(await readFile(join(dir, name), 'utf8')) as Checkpoint;
      const fields = { seq: Number(c.seq), hash: String(c.hash), at: String(c.at) };
      if (Number.isSafeInteger(fields.seq) && safeEqual(String(c.mac), checkpointMac(key, fields))) valid.push({ ...fields, mac: c.mac });
      else forged.push(name);
    } catch {
      forged.push(name);
    }
  }
  return { valid: valid.sort((a, b) => a.seq - b.seq), forged };
}

export type CheckpointResult =
  | { status: 'written' | 'unchanged' | 'empty'; seq: number }
  | { status: 'behind'; seq: number; lastCheckpoint: number };

/** Signs the chain's current head into a new checkpoint file (0600, in a 0700 folder); never moves backwards. */
export async function writeAuditCheckpoint(db: Kysely<DB>, key: string, dir: string, now = new Date()): Promise<CheckpointResult> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  const seq = Number(head.seq);
  if (seq === 0) return { status: 'empty', seq };
  const { valid } = await readCheckpoints(dir, key);
  const last = valid.at(-1);
  if (last && seq < last.seq) return { status: 'behind', seq, lastCheckpoint: last.seq };
  if (last && seq === last.seq) return { status: 'unchanged', seq };
  const body = { seq, hash: head.hash, at: now.toISOString() };
  const checkpoint: Checkpoint = { ...body, mac: checkpointMac(key, body) };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `head-${String(seq).padStart(12, '0')}.json`);
  await writeFile(`${file}.tmp`, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  await rename(`${file}.tmp`, file);
  const old = valid.slice(0, Math.max(0, valid.length + 1 - KEEP));
  for (const c of old) await rm(join(dir, `head-${String(c.seq).padStart(12, '0')}.json`), { force: true });
  return { status: 'written', seq };
}

/** Checks the whole trail against the installation's key and checkpoints (what `yusr audit verify` runs). */
export async function verifyAuditTrail(deps: Pick<Deps, 'db' | 'config'>): Promise<VerifyResult | { ok: false; forged: string[] }> {
  const key = auditKeyOf(deps.config);
  const { valid, forged } = await readCheckpoints(deps.config.auditCheckpointDir, key);
  if (forged.length) return { ok: false, forged };
  return verifyAuditChain(deps.db, key, valid);
}

/** The scheduled job that anchors the head every few minutes; a head behind its last checkpoint parks the job. */
export async function auditCheckpointJob(d: Deps): Promise<void> {
  const r = await writeAuditCheckpoint(d.db, auditKeyOf(d.config), d.config.auditCheckpointDir);
  if (r.status === 'behind') {
    d.log.error(r, 'audit chain head is behind its last checkpoint: records were removed; run `yusr audit verify`');
    throw new Error(`audit head ${r.seq} is behind the last checkpoint ${r.lastCheckpoint}`);
  }
}
