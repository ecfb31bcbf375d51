import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { hmac, randomToken, signToken, verifyToken } from '../../platform/auth/crypto.ts';
import { checkCode, codeHash, limitCodeRequests, newCode } from '../../platform/auth/one-time-code.ts';
import { isoIn, nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { enforceRateLimit } from '../../platform/http/rate-limit.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { dualDateText } from '../../platform/i18n/dates.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import { addAttachment, findAttachment, readAttachment, removeAttachment } from './attachments.ts';
import * as repo from './award.repo.ts';
import { entrantCodeInput, entrantInput } from './award.schema.ts';
import { assertWindow, insertDraft, phaseOf, saveDraft, submitDraft, takesIndividuals, withdrawOne } from './award.service.ts';

// Individuals nominate themselves or others for the branches that take people (individual and team)
// without an account, the way participate's commenters and training's guests do: a name and an email,
// a six-digit code sent to it (the platform's one-time code: keyed hash bound to the entrant, thirty
// minutes, five guesses, flood-limited per address and per source), and then a signed link — shown
// at once and emailed — to their own nominations of that edition: drafts saved without script,
// submitted with the evidence frozen, withdrawn until the deadline, the screening's reason shown.
// Every change goes through the same checks and the same deadline as an agency's nomination.

export const CODE_MINUTES = 30;
export const CODE_ATTEMPTS = 5;
export const LIMITS = {
  codesPerAddress: { limit: 3, seconds: 3600 },
  codesPerSource: { limit: 20, seconds: 3600 },
  checksPerSource: { limit: 60, seconds: 3600 },
} as const;
const CODE_PURPOSE = 'award.entrant.code';
const PENDING = 'award-entrant-pending';
const MANAGE = 'award-entrant-manage';
/** The link to one's nominations works for a year: through screening, judging and the results. */
const MANAGE_DAYS = 365;
const CODE_ERRORS = {
  attempts: 'award.validation.code_attempts',
  expired: 'award.validation.code_expired',
  wrong: 'award.validation.code_wrong',
} as const;

/** An edition open to individuals: it exists, has a branch that takes people, and is not yet published (404 otherwise). */
export async function individualEdition(deps: Deps, number: number) {
  const cycle = await repo.findCycleByNumber(deps.db, number);
  const branches = cycle ? (await repo.listBranches(deps.db, cycle.id)).filter((b) => takesIndividuals(b.nominee_kind)) : [];
  if (!cycle || branches.length === 0) throw new NotFoundError();
  return { cycle, branches };
}

/** The signed link to an entrant's own nominations. */
export const entrantToken = (deps: Deps, entrantId: number) =>
  signToken(deps.config.secretKey, MANAGE, { e: entrantId }, new Date(Date.now() + MANAGE_DAYS * 86_400_000));
export const entrantPath = (deps: Deps, entrantId: number) => `/award/entrant?token=${entrantToken(deps, entrantId)}`;

function claims(deps: Deps, purpose: string, token: unknown) {
  const c = typeof token === 'string' && token.length < 500 ? verifyToken<{ e: number }>(deps.config.secretKey, purpose, token) : null;
  if (!c || !Number.isSafeInteger(c.e)) throw new ConflictError('award.error.link_stale');
  return c;
}

/**
 * Sends a code to the address for one edition while nominations are open (the deadline refuses it in
 * the reader's language). Returns the signed token the code form carries: it names the entrant, proves nothing.
 */
export async function requestEntrantCode(deps: Deps, ctx: Ctx, number: number, raw: unknown, at = new Date()): Promise<string> {
  const { cycle } = await individualEdition(deps, number);
  assertWindow(cycle, at, ctx.lang, deps.config.timeZone);
  const input = parseInput(entrantInput, raw);
  await limitCodeRequests(deps, ctx, 'award:entrant', input.email, LIMITS);
  const code = newCode();
  const entrant = await deps.db.transaction().execute(async (trx) => {
    const e = await repo.ensureEntrant(trx, cycle.id, input.email, input.name, ctx.lang);
    const after = await repo.updateEntrant(trx, e.id, {
      name: e.verified_at ? e.name : input.name,
      locale: ctx.lang,
      code_hash: codeHash(deps.config.secretKey, CODE_PURPOSE, e.id, code),
      code_expires_at: isoIn(CODE_MINUTES * 60_000),
      code_attempts: 0,
    });
    const edition = ctx.lang === 'ar' ? cycle.name_ar : cycle.name_en;
    await queuePersonEmail(trx, deps, { name: input.name, email: input.email }, ctx.lang, {
      subject: translate(ctx.lang, 'award.entrant_mail.code.subject', { edition }),
      body: [translate(ctx.lang, 'award.entrant_mail.code.text', { code, minutes: CODE_MINUTES, edition })],
      action: { label: translate(ctx.lang, 'award.entrant_mail.code.action'), path: `/award/${cycle.number}/nominate` },
      footer: translate(ctx.lang, 'award.entrant_mail.footer'),
      key: `award:entrant:${e.id}:code:${randomToken(8)}`,
      source: 'award',
      ref: { refType: 'award_entrant', refId: e.id },
    });
    await recordAudit(trx, ctx, { action: 'award.entrant.code_request', recordType: 'award_entrant', recordId: e.id });
    return after;
  });
  return signToken(deps.config.secretKey, PENDING, { e: entrant.id }, new Date(Date.now() + CODE_MINUTES * 60_000));
}

/**
 * Checks the typed code; on success the address is verified (once: a later code for the same address
 * only signs in again) and the entrant is sent the link to their nominations. Returns that link's token.
 */
export async function verifyEntrantCode(deps: Deps, ctx: Ctx, pendingToken: unknown, raw: unknown): Promise<string> {
  const { e: id } = claims(deps, PENDING, pendingToken);
  const { code } = parseInput(entrantCodeInput, raw);
  if (ctx.actor.kind !== 'system') {
    const source = hmac(deps.config.secretKey, `ip|${ctx.ip ?? 'unknown'}`);
    await enforceRateLimit(deps.db, `award:entrant-check-source:${source}`, LIMITS.checksPerSource.limit, LIMITS.checksPerSource.seconds);
  }
  const e = await repo.findEntrant(deps.db, id);
  if (!e?.code_hash) throw new ConflictError('award.error.link_stale');
  const stored = { recordId: e.id, hash: e.code_hash, expiresAt: e.code_expires_at, attempts: e.code_attempts };
  const check = checkCode(deps.config.secretKey, CODE_PURPOSE, stored, code, CODE_ATTEMPTS);
  if (check === 'wrong') await repo.updateEntrant(deps.db, e.id, { code_attempts: e.code_attempts + 1 });
  if (check !== 'ok') fieldError('code', CODE_ERRORS[check]);
  const cycle = (await repo.findCycle(deps.db, e.cycle_id)) as repo.CycleRow;
  await deps.db.transaction().execute(async (trx) => {
    // The code is spent: it cannot be typed again.
    await repo.updateEntrant(trx, e.id, {
      code_hash: null,
      code_expires_at: null,
      code_attempts: 0,
      verified_at: e.verified_at ?? nowIso(),
    });
    const lang = e.locale;
    await queuePersonEmail(trx, deps, { name: e.name, email: e.email }, lang, {
      subject: translate(lang, 'award.entrant_mail.verified.subject', { edition: lang === 'ar' ? cycle.name_ar : cycle.name_en }),
      body: [
        translate(lang, 'award.entrant_mail.verified.text', {
          edition: lang === 'ar' ? cycle.name_ar : cycle.name_en,
          deadline: dualDateText(lang, cycle.nominations_close_at, deps.config.timeZone, true),
        }),
      ],
      action: { label: translate(lang, 'award.entrant_mail.action'), path: entrantPath(deps, e.id) },
      footer: translate(lang, 'award.entrant_mail.footer'),
      key: `award:entrant:${e.id}:verified:${randomToken(8)}`,
      source: 'award',
      ref: { refType: 'award_entrant', refId: e.id },
    });
    await recordAudit(trx, ctx, { action: 'award.entrant.verify', recordType: 'award_entrant', recordId: e.id });
  });
  return entrantToken(deps, e.id);
}

/** The verified entrant a link names, their edition and its branches for people, and their nominations. */
export async function entrantOf(deps: Deps, token: unknown, at = new Date()) {
  const { e: id } = claims(deps, MANAGE, token);
  const entrant = await repo.findEntrant(deps.db, id);
  if (!entrant?.verified_at) throw new ConflictError('award.error.link_stale');
  const cycle = (await repo.findCycle(deps.db, entrant.cycle_id)) as repo.CycleRow;
  const branches = (await repo.listBranches(deps.db, cycle.id)).filter((b) => takesIndividuals(b.nominee_kind));
  const nominations = await repo.listEntrantNominations(deps.db, entrant.id);
  return { entrant, cycle, branches, nominations, open: phaseOf(cycle, at) === 'nominating' };
}

/** One of the entrant's own nominations (another's is a 404: a link never reaches past its owner). */
async function ownEntry(deps: Deps, token: unknown, nominationId: number) {
  const { entrant, cycle } = await entrantOf(deps, token);
  const n = await repo.findNomination(deps.db, nominationId);
  if (!n || n.entrant_id !== entrant.id) throw new NotFoundError();
  return { n, cycle };
}

/** Starts a draft for one of the edition's branches for people, before the deadline. */
export async function createEntrantNomination(deps: Deps, ctx: Ctx, token: unknown, raw: unknown, at = new Date()) {
  const { entrant, cycle } = await entrantOf(deps, token);
  assertWindow(cycle, at, ctx.lang, deps.config.timeZone);
  return insertDraft(deps, ctx, cycle, { agencyId: null, entrantId: entrant.id }, raw);
}

export async function saveEntrantNomination(deps: Deps, ctx: Ctx, token: unknown, id: number, raw: unknown, at = new Date()) {
  const { n, cycle } = await ownEntry(deps, token, id);
  return saveDraft(deps, ctx, n, cycle, raw, at);
}

export async function submitEntrantNomination(deps: Deps, ctx: Ctx, token: unknown, id: number, at = new Date()) {
  const { n, cycle } = await ownEntry(deps, token, id);
  return submitDraft(deps, ctx, n, cycle, at);
}

export async function withdrawEntrantNomination(deps: Deps, ctx: Ctx, token: unknown, id: number, at = new Date()) {
  const { n, cycle } = await ownEntry(deps, token, id);
  return withdrawOne(deps, ctx, n, cycle, at);
}

/** Attaches a document to one of the entrant's drafts (same checks as an agency's). */
export async function attachToEntrantNomination(
  deps: Deps,
  ctx: Ctx,
  token: unknown,
  id: number,
  file: unknown,
  name: string | undefined,
  at = new Date(),
) {
  const { n, cycle } = await ownEntry(deps, token, id);
  return addAttachment(deps, ctx, n, cycle, file, name, at);
}

/** One attachment of the entrant's own nomination (another's is a 404), with that nomination and its edition. */
async function ownAttachment(deps: Deps, token: unknown, attachmentId: number) {
  const a = await findAttachment(deps.db, attachmentId);
  if (!a) throw new NotFoundError();
  return { a, ...(await ownEntry(deps, token, a.nomination_id)) };
}

export async function removeEntrantAttachment(deps: Deps, ctx: Ctx, token: unknown, attachmentId: number, at = new Date()) {
  const { a, n, cycle } = await ownAttachment(deps, token, attachmentId);
  await removeAttachment(deps, ctx, n, cycle, a.id, at);
  return n;
}

/** The entrant reads one of their own documents (audited like every read). */
export async function readEntrantAttachment(deps: Deps, ctx: Ctx, token: unknown, attachmentId: number) {
  const { a, n } = await ownAttachment(deps, token, attachmentId);
  return { a, body: await readAttachment(deps, ctx, n, a, a.file_name) };
}
