import type { Readable } from 'node:stream';
import type { Executor } from '../../db.ts';
import { recordAudit, recordAuditNow } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { randomToken, signToken, verifyToken } from '../../platform/auth/crypto.ts';
import { checkCode, codeHash, limitCodeRequests, newCode } from '../../platform/auth/one-time-code.ts';
import { isoIn, nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { dualDateText } from '../../platform/i18n/dates.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { queueEmail } from '../../platform/messaging/messaging.ts';
import { type ErasureResult, personalDataPorts, type Subject } from '../../platform/personal-data.ts';
import { requestKindLabel } from './privacy.labels.ts';
import { codeInput, correctionInput, decisionInput, emailInput, erasureInput } from './privacy.schema.ts';
import type { RequestKind, RequestStatus } from './privacy.tables.ts';
import { zipStream } from './zip.ts';

// Data subject requests. A person proves an address with a one-time code (kept only as a keyed
// hash; fifteen minutes, five guesses, three codes an hour per address and twenty per source), then
// downloads everything Yusr holds about that address at once, or asks for a correction or an
// erasure, which the program office decides within the legal deadline. Approving an erasure runs
// every module's erase in one transaction; stored files go after it commits.

export const CODE_MINUTES = 15;
export const CODE_ATTEMPTS = 5;
export const LIMITS = { codesPerAddress: { limit: 3, seconds: 3600 }, codesPerSource: { limit: 20, seconds: 3600 } } as const;
/** The PDPL's and the GDPR's answer time: 30 days from receipt. */
export const DEADLINE_DAYS = 30;
/** How long a verified browser may act for the address. */
export const SESSION_MINUTES = 60;
const PENDING = 'privacy-pending';
const SESSION = 'privacy-subject';

const CODE_PURPOSE = 'privacy.code';
const CODE_ERRORS = {
  attempts: 'privacy.validation.code_attempts',
  expired: 'privacy.validation.code_expired',
  wrong: 'privacy.validation.code_wrong',
} as const;

/** Emails a one-time code; returns the signed token the code form carries (it names the attempt, proves nothing). */
export async function requestCode(deps: Deps, ctx: Ctx, raw: unknown): Promise<string> {
  const { email } = parseInput(emailInput, raw);
  await limitCodeRequests(deps, ctx, 'privacy', email, LIMITS);
  const code = newCode();
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('privacy_verifications')
      .values({
        email,
        code_hash: 'pending',
        expires_at: isoIn(CODE_MINUTES * 60_000),
        attempts: 0,
        verified_at: null,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('privacy_verifications')
      .set({ code_hash: codeHash(deps.config.secretKey, CODE_PURPOSE, row.id, code) })
      .where('id', '=', row.id)
      .execute();
    await queueEmail(trx, deps.messaging.from, {
      key: `privacy:code:${row.id}:${randomToken(8)}`,
      to: email,
      locale: ctx.lang,
      subject: translate(ctx.lang, 'privacy.email.code_subject'),
      text: translate(ctx.lang, 'privacy.email.code_text', { code, minutes: CODE_MINUTES }),
      source: 'privacy.code',
      refType: 'privacy_verification',
      refId: row.id,
    });
    await recordAudit(trx, ctx, { action: 'privacy.code_request', recordType: 'privacy_verification', recordId: row.id });
    return row.id;
  });
  return signToken(deps.config.secretKey, PENDING, { v: id }, new Date(Date.now() + CODE_MINUTES * 60_000));
}

/** Checks the code; on success returns the token that lets this browser act for the address for an hour. */
export async function verifyCode(deps: Deps, ctx: Ctx, pending: unknown, raw: unknown): Promise<string> {
  const claims =
    typeof pending === 'string' && pending.length < 400 ? verifyToken<{ v: number }>(deps.config.secretKey, PENDING, pending) : null;
  if (!claims || !Number.isSafeInteger(claims.v)) throw new ConflictError('privacy.error.code_stale');
  const { code } = parseInput(codeInput, raw);
  const v = await deps.db.selectFrom('privacy_verifications').selectAll().where('id', '=', claims.v).executeTakeFirst();
  if (!v?.code_hash || v.verified_at) throw new ConflictError('privacy.error.code_stale');
  const check = checkCode(
    deps.config.secretKey,
    CODE_PURPOSE,
    { recordId: v.id, hash: v.code_hash, expiresAt: v.expires_at, attempts: v.attempts },
    code,
    CODE_ATTEMPTS,
  );
  if (check === 'wrong')
    await deps.db
      .updateTable('privacy_verifications')
      .set({ attempts: v.attempts + 1 })
      .where('id', '=', v.id)
      .execute();
  if (check !== 'ok') fieldError('code', CODE_ERRORS[check]);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('privacy_verifications').set({ verified_at: nowIso(), code_hash: null }).where('id', '=', v.id).execute();
    await recordAudit(trx, ctx, { action: 'privacy.verify', recordType: 'privacy_verification', recordId: v.id });
  });
  return subjectToken(deps, { email: v.email, phone: null });
}

/**
 * The token that lets this browser act for a verified subject for an hour: an address proved by an
 * emailed code, or an address (and phone) a beneficiary's national provider verified (`via` names it).
 */
export function subjectToken(deps: Deps, subject: Subject, via?: string): string {
  return signToken(
    deps.config.secretKey,
    SESSION,
    { e: subject.email, ...(subject.phone ? { p: subject.phone } : {}), ...(via ? { o: via } : {}) },
    new Date(Date.now() + SESSION_MINUTES * 60_000),
  );
}

/** The verified subject a browser's token names, if any. */
export function subjectFromToken(deps: Deps, token: unknown): Subject | null {
  return subjectSession(deps, token)?.subject ?? null;
}

/** The verified subject a browser's token names and the provider that verified it (null: an emailed code). */
export function subjectSession(deps: Deps, token: unknown): { subject: Subject; via: string | null } | null {
  if (typeof token !== 'string' || token.length > 800) return null;
  const claims = verifyToken<{ e: string; p?: string; o?: string }>(deps.config.secretKey, SESSION, token);
  if (!claims || typeof claims.e !== 'string') return null;
  return {
    subject: { email: claims.e, phone: typeof claims.p === 'string' ? claims.p : null },
    via: typeof claims.o === 'string' ? claims.o : null,
  };
}

/** Everything every module holds about the subject, as one JSON document plus the stored files it names. */
export async function collectArchive(deps: Deps, subject: Subject) {
  const modules = [];
  const files: { name: string; storageKey: string }[] = [];
  for (const { module, port } of personalDataPorts(deps)) {
    const kinds = await port.export(deps, subject);
    for (const k of kinds) for (const f of k.files) files.push({ name: `files/${module}/${f.name}`, storageKey: f.storageKey });
    modules.push({ module, kinds: kinds.map((k) => ({ kind: k.kind, records: k.records })) });
  }
  return { document: { subject: { email: subject.email, phone: subject.phone }, generated_at: nowIso(), modules }, files };
}

/**
 * Tells the person, in the language they asked in and in the transaction that changed the request,
 * that it was received (with its deadline) or answered: completed, or refused with the office's reason.
 */
async function acknowledge(
  trx: Executor,
  deps: Deps,
  r: { id: number; email: string; lang: 'ar' | 'en'; kind: RequestKind; due_at: string; created_at: string },
  status: 'received' | 'completed' | 'rejected',
  note: string | null = null,
) {
  if (!r.email) return;
  const l = r.lang;
  const params = {
    id: r.id,
    kind: translate(l, requestKindLabel[r.kind]),
    due: dualDateText(l, r.due_at, deps.config.timeZone),
    at: dualDateText(l, r.created_at, deps.config.timeZone),
    reason: note ?? '',
    hasNote: note ? 'yes' : 'no',
    link: `${deps.config.baseUrl}/${l}/my-data`,
  };
  // A download is answered at once: one email says it happened (and whom to tell if it was not them).
  const what = r.kind === 'access' ? 'access' : status;
  await queueEmail(trx, deps.messaging.from, {
    key: `privacy:request:${r.id}:${status}`,
    to: r.email,
    locale: l,
    subject: translate(l, `privacy.email.${what}_subject`, params),
    text: translate(l, `privacy.email.${what}_text`, params),
    source: 'privacy.request',
    refType: 'privacy_request',
    refId: r.id,
  });
}

const dueFrom = (at: string) => new Date(Date.parse(at) + DEADLINE_DAYS * 86_400_000).toISOString();

async function insertRequest(
  trx: Executor,
  ctx: Ctx,
  subject: Subject,
  kind: RequestKind,
  status: RequestStatus,
  fields: { record_ref?: string | null; details?: string | null; outcome_json?: string | null },
) {
  const at = nowIso();
  const r = await trx
    .insertInto('privacy_requests')
    .values({
      kind,
      email: subject.email ?? '',
      phone: subject.phone ?? null,
      lang: ctx.lang,
      record_ref: fields.record_ref ?? null,
      details: fields.details ?? null,
      status,
      due_at: dueFrom(at),
      outcome_json: fields.outcome_json ?? null,
      created_at: at,
      updated_at: at,
      closed_at: status === 'completed' ? at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('privacy_request_events').values({ request_id: r.id, status, note: null, actor_label: 'subject', at }).execute();
  await recordAudit(trx, ctx, {
    action: `privacy.request.${kind}`,
    recordType: 'privacy_request',
    recordId: r.id,
    after: { kind, status },
  });
  return r.id;
}

/**
 * The person's archive as a ZIP (data.json and their files), streamed; the download is recorded as a
 * completed access request and the person is emailed that it happened, in the same transaction.
 */
export async function downloadArchive(deps: Deps, ctx: Ctx, subject: Subject): Promise<Readable> {
  const { document, files } = await collectArchive(deps, subject);
  const counts = Object.fromEntries(document.modules.flatMap((m) => m.kinds.map((k) => [k.kind, k.records.length])));
  await deps.db.transaction().execute(async (trx) => {
    const id = await insertRequest(trx, ctx, subject, 'access', 'completed', {
      outcome_json: JSON.stringify({ counts, files: files.length }),
    });
    const r = await trx.selectFrom('privacy_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await acknowledge(trx, deps, r, 'completed');
  });
  return zipStream([
    { name: 'data.json', data: async () => Buffer.from(JSON.stringify(document, null, 2), 'utf8') },
    ...files.map((f) => ({ name: f.name, data: () => deps.storage.get(f.storageKey) })),
  ]);
}

/** A correction or erasure request from a verified address, waiting for the office. */
export async function fileRequest(deps: Deps, ctx: Ctx, subject: Subject, kind: 'correction' | 'erasure', raw: unknown): Promise<number> {
  const v = parseInput(kind === 'correction' ? correctionInput : erasureInput, raw);
  return deps.db.transaction().execute(async (trx) => {
    const id = await insertRequest(trx, ctx, subject, kind, 'received', v);
    const r = await trx.selectFrom('privacy_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await acknowledge(trx, deps, r, 'received');
    return id;
  });
}

/** The subject's own requests, newest first (what they see after verifying). */
export async function requestsOf(deps: Deps, subject: Subject) {
  return deps.db
    .selectFrom('privacy_requests')
    .selectAll()
    .where('email', '=', subject.email ?? '')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
}

// ---- The office's queue ----

export async function listRequests(deps: Deps, filters: { status?: string; kind?: string }) {
  let q = deps.db.selectFrom('privacy_requests').selectAll();
  if (filters.status) q = q.where('status', '=', filters.status as RequestStatus);
  if (filters.kind) q = q.where('kind', '=', filters.kind as RequestKind);
  return q.orderBy('due_at').orderBy('id').limit(200).execute();
}

/** One request with its history; reading it (the address) is audited as a read of personal data. */
export async function readRequest(deps: Deps, ctx: Ctx, id: number) {
  const request = await deps.db.selectFrom('privacy_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!request) throw new NotFoundError();
  const events = await deps.db.selectFrom('privacy_request_events').selectAll().where('request_id', '=', id).orderBy('id').execute();
  await recordAuditNow(deps.db, ctx, { action: 'privacy.request_read', recordType: 'privacy_request', recordId: id });
  // Each data kind's name, so the outcome reads «Complaint contact details: 2», not `feedback.case_contact: 2`.
  const kindLabels = new Map(personalDataPorts(deps).flatMap(({ port }) => port.kinds.map((k) => [k.key, k.label] as const)));
  return { request, events, kindLabels };
}

/**
 * The office decides: start work, complete or reject (with a reason). Completing an erasure erases
 * the address everywhere in the same transaction as the decision and its audit record; the stored
 * files are removed once that has committed.
 */
export async function decideRequest(deps: Deps, ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const d = parseInput(decisionInput, raw);
  const files = await deps.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('privacy_requests').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw new NotFoundError();
    if (r.status === 'completed' || r.status === 'rejected') throw new ConflictError('privacy.error.closed');
    const status: RequestStatus = d.action === 'start' ? 'in_progress' : d.action === 'complete' ? 'completed' : 'rejected';
    let outcome: ErasureResult | null = null;
    if (status === 'completed' && r.kind === 'erasure') outcome = await eraseSubject(trx, deps, { email: r.email, phone: r.phone });
    const at = nowIso();
    await trx
      .updateTable('privacy_requests')
      .set({
        status,
        updated_at: at,
        closed_at: status === 'in_progress' ? null : at,
        ...(outcome ? { outcome_json: JSON.stringify({ counts: outcome.counts, files: outcome.files.length }) } : {}),
      })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('privacy_request_events')
      .values({ request_id: id, status, note: d.note, actor_label: actorLabel(ctx.actor), at })
      .execute();
    await recordAudit(trx, ctx, {
      action: `privacy.request.${d.action}`,
      recordType: 'privacy_request',
      recordId: id,
      before: { status: r.status },
      after: { status, ...(outcome ? { erased: outcome.counts, files: outcome.files.length } : {}) },
    });
    if (status !== 'in_progress') await acknowledge(trx, deps, r, status, d.note);
    return outcome?.files ?? [];
  });
  await removeFiles(deps, files);
}

/**
 * Every module's erase, in the caller's transaction, in reverse module order: modules that find a
 * person through another's data (training, award and advisory through identity's staff accounts)
 * erase before the module they read pseudonymises it.
 */
export async function eraseSubject(trx: Executor, deps: Deps, subject: Subject): Promise<ErasureResult> {
  const out: ErasureResult = { counts: {}, files: [] };
  for (const { port } of [...personalDataPorts(deps)].reverse()) {
    const r = await port.erase(trx, deps, subject);
    Object.assign(out.counts, r.counts);
    out.files.push(...r.files);
  }
  return out;
}

/** Removes stored files after the transaction that let go of them committed; a file already gone is no error. */
export async function removeFiles(deps: Deps, keys: string[]): Promise<void> {
  for (const key of keys)
    await deps.storage.remove(key).catch((err: unknown) => deps.log.warn({ err, key }, 'privacy: stored file not removed'));
}
