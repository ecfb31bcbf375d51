import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { hmac, randomToken, signToken, verifyToken } from '../../platform/auth/crypto.ts';
import { checkCode, codeHash, limitCodeRequests, newCode } from '../../platform/auth/one-time-code.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { isoIn, nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { enforceRateLimit } from '../../platform/http/rate-limit.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import { findUserByEmail } from '../identity/public.ts';
import { lockOpenOffering, promoteWaitlisted } from './enrolment.service.ts';
import { trainingPolicy } from './training.policy.ts';
import * as repo from './training.repo.ts';
import { guestCodeInput, guestInput, reasonInput } from './training.schema.ts';

// Members of the public sign up for an offering of a public programme without an account, the way
// participate lets people comment: they give a name and an email (and a phone if they like), prove
// the address with a one-time code or the link in the same email (both sent through the outbox),
// and only then take a seat or a waitlist place, through the same locked offering row, the same
// conditional seat update and the same waitlist sequence as staff, so the two never overbook each
// other. A signed link in every email lets them see and cancel their place. Codes are rate-limited
// per address and per source.

/** A code (or the link beside it) works for thirty minutes and five guesses. */
export const CODE_MINUTES = 30;
export const CODE_ATTEMPTS = 5;
export const LIMITS = {
  codesPerAddress: { limit: 3, seconds: 3600 },
  codesPerSource: { limit: 20, seconds: 3600 },
  checksPerSource: { limit: 60, seconds: 3600 },
} as const;
const PENDING = 'training-guest-pending';
const LINK = 'training-guest-link';
const MANAGE = 'training-guest-manage';
/** The manage link in the emails works for a year. */
const MANAGE_DAYS = 365;

const CODE_PURPOSE = 'training.guest.code';
const CODE_ERRORS = {
  attempts: 'training.validation.code_attempts',
  expired: 'training.validation.code_expired',
  wrong: 'training.validation.code_wrong',
} as const;
const sourceKey = (deps: Deps, ctx: Ctx) => hmac(deps.config.secretKey, `ip|${ctx.ip ?? 'unknown'}`);
const limit = (deps: Deps, ctx: Ctx, key: string, rule: { limit: number; seconds: number }) =>
  ctx.actor.kind === 'system' ? Promise.resolve() : enforceRateLimit(deps.db, `training:${key}`, rule.limit, rule.seconds);

/** An offering the public may sign up for: open, of a published programme for the public (404 otherwise). */
export async function publicOffering(deps: Deps, offeringId: number) {
  const o = await repo.findOffering(deps.db, offeringId);
  const p = o ? await repo.findProgramme(deps.db, o.programme_id) : undefined;
  if (!o || !p?.published || p.audience !== 'public' || o.status === 'draft') throw new NotFoundError();
  const required = await repo.prerequisiteIds(deps.db, p.id);
  const prerequisites = (await repo.listProgrammes(deps.db)).filter((x) => required.includes(x.id));
  return { offering: o, programme: p, sessions: await repo.listSessions(deps.db, o.id), prerequisites };
}

/**
 * Refuses (409, naming the first missing programme in the page's language) a proven address that
 * has not completed every programme this one requires, as a member of the public or as staff.
 * Checked only once the address is proven, so nobody learns another person's record by trying it.
 */
async function checkGuestPrerequisites(trx: Executor, programmeId: number, email: string, lang: 'ar' | 'en') {
  const required = await repo.prerequisiteIds(trx, programmeId);
  if (!required.length) return;
  const done = new Set(await repo.guestCompletedProgrammeIds(trx, email));
  const user = await findUserByEmail(trx, email);
  if (user) for (const id of await repo.completedProgrammeIds(trx, user.id)) done.add(id);
  for (const id of required) {
    if (done.has(id)) continue;
    const p = await repo.findProgramme(trx, id);
    throw new ConflictError('training.error.prerequisite_missing', {
      programme: p ? (lang === 'ar' ? p.title_ar : p.title_en) : String(id),
    });
  }
}

export const manageToken = (deps: Deps, guestId: number) =>
  signToken(deps.config.secretKey, MANAGE, { g: guestId }, new Date(Date.now() + MANAGE_DAYS * 86_400_000));

type GuestKind = 'enrolled' | 'waitlisted' | 'promoted' | 'cancelled' | 'cancelled_by_office';
const guestMail = {
  cancelled_by_office: ['training.guest_mail.cancelled_by_office.subject', 'training.guest_mail.cancelled_by_office.text'],
  enrolled: ['training.guest_mail.enrolled.subject', 'training.guest_mail.enrolled.text'],
  waitlisted: ['training.guest_mail.waitlisted.subject', 'training.guest_mail.waitlisted.text'],
  promoted: ['training.guest_mail.promoted.subject', 'training.guest_mail.promoted.text'],
  cancelled: ['training.guest_mail.cancelled.subject', 'training.guest_mail.cancelled.text'],
} as const;

/** Tells a member of the public what happened to their place, with the link to see or cancel it, in the caller's transaction. */
export async function tellGuest(deps: Deps, trx: Executor, g: repo.GuestRow, kind: GuestKind) {
  const o = await repo.findOffering(trx, g.offering_id);
  const p = o ? await repo.findProgramme(trx, o.programme_id) : undefined;
  if (!o || !p) return;
  const lang = g.locale;
  const params = {
    programme: lang === 'ar' ? p.title_ar : p.title_en,
    starts: o.starts_on,
    position: g.waitlist_position ?? 0,
    reason: g.cancel_reason ?? '',
  };
  await queuePersonEmail(trx, deps, { name: g.name, email: g.email }, lang, {
    subject: translate(lang, guestMail[kind][0], params),
    body: [translate(lang, guestMail[kind][1], params)],
    action: { label: translate(lang, 'training.guest_mail.manage'), path: `/training/sign-up/manage?token=${manageToken(deps, g.id)}` },
    footer: translate(lang, 'training.guest_mail.footer'),
    key: `training:guest:${g.id}:${kind}:${randomToken(8)}`,
    source: 'training',
    ref: { refType: 'training_guest', refId: g.id },
  });
}

/**
 * Sends a one-time code and a confirmation link to the address (in the page's language) for one
 * offering. Returns the signed token the code form carries: it names the sign-up but proves nothing.
 * `at` dates the sign-up (the demo's past year passes its own); the code's lifetime runs on the clock.
 */
export async function requestGuestCode(deps: Deps, ctx: Ctx, offeringId: number, raw: unknown, at = new Date()): Promise<string> {
  const { offering } = await publicOffering(deps, offeringId);
  if (offering.status !== 'open') throw new ConflictError('training.error.offering_closed');
  const input = parseInput(guestInput, raw);
  await limitCodeRequests(deps, ctx, 'training:guest', input.email, LIMITS);
  const code = newCode();
  const guest = await deps.db.transaction().execute(async (trx) => {
    const g = await repo.ensureGuest(trx, offeringId, input.email, input.name, ctx.lang, at);
    const hash = codeHash(deps.config.secretKey, CODE_PURPOSE, g.id, code);
    const after = await repo.updateGuest(
      trx,
      g.id,
      {
        name: input.name,
        phone: input.phone ?? g.phone,
        locale: ctx.lang,
        code_hash: hash,
        code_expires_at: isoIn(CODE_MINUTES * 60_000),
        code_attempts: 0,
      },
      at,
    );
    const link = signToken(deps.config.secretKey, LINK, { g: g.id, h: hash.slice(0, 16) }, new Date(Date.now() + CODE_MINUTES * 60_000));
    await queuePersonEmail(trx, deps, { name: input.name, email: input.email }, ctx.lang, {
      subject: translate(ctx.lang, 'training.guest_mail.code.subject'),
      body: [translate(ctx.lang, 'training.guest_mail.code.text', { code, minutes: CODE_MINUTES })],
      action: { label: translate(ctx.lang, 'training.guest_mail.code.action'), path: `/training/sign-up/confirm?token=${link}` },
      footer: translate(ctx.lang, 'training.guest_mail.footer'),
      key: `training:guest:${g.id}:code:${randomToken(8)}`,
      source: 'training',
      ref: { refType: 'training_guest', refId: g.id },
    });
    await recordAudit(trx, ctx, { action: 'training.guest.code_request', recordType: 'training_guest', recordId: g.id });
    return after;
  });
  return signToken(deps.config.secretKey, PENDING, { g: guest.id }, new Date(Date.now() + CODE_MINUTES * 60_000));
}

function claims(deps: Deps, purpose: string, token: unknown) {
  const c =
    typeof token === 'string' && token.length < 500 ? verifyToken<{ g: number; h?: string }>(deps.config.secretKey, purpose, token) : null;
  if (!c || !Number.isSafeInteger(c.g)) throw new ConflictError('training.error.link_stale');
  return c;
}

/** Checks the code typed on the form; on success the address is verified and the person takes a seat or a waitlist place. */
export async function verifyGuestCode(deps: Deps, ctx: Ctx, pendingToken: unknown, raw: unknown, at = new Date()) {
  const { g: id } = claims(deps, PENDING, pendingToken);
  const { code } = parseInput(guestCodeInput, raw);
  await limit(deps, ctx, `guest-check-source:${sourceKey(deps, ctx)}`, LIMITS.checksPerSource);
  const g = await repo.findGuest(deps.db, id);
  if (!g?.code_hash) throw new ConflictError('training.error.link_stale');
  const stored = { recordId: g.id, hash: g.code_hash, expiresAt: g.code_expires_at, attempts: g.code_attempts };
  const check = checkCode(deps.config.secretKey, CODE_PURPOSE, stored, code, CODE_ATTEMPTS);
  if (check === 'wrong') await repo.updateGuest(deps.db, g.id, { code_attempts: g.code_attempts + 1 });
  if (check !== 'ok') fieldError('code', CODE_ERRORS[check]);
  return takePlace(deps, ctx, g.id, g.code_hash, at);
}

/** The sign-up a confirmation link names, while the link is still good (for its confirmation page). */
export async function guestOfLink(deps: Deps, token: unknown) {
  const c = claims(deps, LINK, token);
  const g = await repo.findGuest(deps.db, c.g);
  if (!g?.code_hash || g.code_hash.slice(0, 16) !== c.h || !g.code_expires_at || g.code_expires_at < nowIso())
    throw new ConflictError('training.error.link_stale');
  return { guest: g, ...(await publicOffering(deps, g.offering_id)) };
}

/** The person followed the link in the email (and pressed confirm): the address is verified; seat or waitlist. */
export async function confirmGuestLink(deps: Deps, ctx: Ctx, token: unknown) {
  const { guest } = await guestOfLink(deps, token);
  await limit(deps, ctx, `guest-check-source:${sourceKey(deps, ctx)}`, LIMITS.checksPerSource);
  return takePlace(deps, ctx, guest.id, guest.code_hash as string);
}

/**
 * Verifies the address and gives the person a seat, or the next waitlist place, under the offering's
 * row lock; a person who already holds a place keeps it (nothing changes, no second seat).
 */
async function takePlace(deps: Deps, ctx: Ctx, guestId: number, usedHash: string, at = new Date()) {
  return deps.db.transaction().execute(async (trx) => {
    const first = await repo.findGuest(trx, guestId);
    if (!first) throw new NotFoundError();
    await lockOpenOffering(trx, first.offering_id);
    const g = await repo.findGuest(trx, guestId);
    // The code or link was used by a parallel request while this one waited for the lock.
    if (!g || g.code_hash !== usedHash) throw new ConflictError('training.error.link_stale');
    const cleared = { code_hash: null, code_expires_at: null, code_attempts: 0, verified_at: g.verified_at ?? at.toISOString() };
    if (g.status === 'enrolled' || g.status === 'waitlisted') {
      const same = await repo.updateGuest(trx, g.id, cleared, at);
      return { guest: same, already: true, token: manageToken(deps, g.id) };
    }
    const o = await repo.findOffering(trx, g.offering_id);
    await checkGuestPrerequisites(trx, o?.programme_id ?? -1, g.email, ctx.lang);
    const seated = await repo.takeSeat(trx, g.offering_id, ['open']);
    const after = await repo.updateGuest(
      trx,
      g.id,
      {
        ...cleared,
        status: seated ? 'enrolled' : 'waitlisted',
        waitlist_position: seated ? null : await repo.nextWaitlistPosition(trx, g.offering_id),
      },
      at,
    );
    await recordAudit(trx, ctx, {
      action: 'training.guest.enrol',
      recordType: 'training_guest',
      recordId: g.id,
      before: { status: g.status },
      after: { offering_id: g.offering_id, status: after.status, waitlist_position: after.waitlist_position },
    });
    await tellGuest(deps, trx, after, seated ? 'enrolled' : 'waitlisted');
    return { guest: after, already: false, token: manageToken(deps, g.id) };
  });
}

/** The sign-up a manage link names, with its offering (for the page that shows it and offers to cancel). */
export async function guestOfManageLink(deps: Deps, token: unknown) {
  const c = claims(deps, MANAGE, token);
  const g = await repo.findGuest(deps.db, c.g);
  if (!g || g.status === 'pending') throw new ConflictError('training.error.link_stale');
  return { guest: g, ...(await publicOffering(deps, g.offering_id)) };
}

/**
 * Cancels a place under the offering's lock (the person through their link, or the office with a
 * reason they are told): audited, emailed in the person's language, and a freed seat goes to the
 * waitlist in the same transaction.
 */
async function cancelPlace(deps: Deps, ctx: Ctx, guestId: number, offeringId: number, by: { label: string; reason: string } | null) {
  return deps.db.transaction().execute(async (trx) => {
    const o = await repo.lockOffering(trx, offeringId);
    if (!o) throw new NotFoundError();
    const g = await repo.findGuest(trx, guestId);
    if (!g || (g.status !== 'enrolled' && g.status !== 'waitlisted')) throw new ConflictError('training.error.not_active');
    if (o.status === 'completed' || o.status === 'cancelled' || g.completed_at) throw new ConflictError('training.error.offering_finished');
    const after = await repo.updateGuest(trx, g.id, {
      status: 'cancelled',
      waitlist_position: null,
      cancelled_by: by?.label ?? null,
      cancel_reason: by?.reason ?? null,
    });
    await recordAudit(trx, ctx, {
      action: by ? 'training.guest.cancel_by_office' : 'training.guest.cancel',
      recordType: 'training_guest',
      recordId: g.id,
      before: { status: g.status, waitlist_position: g.waitlist_position },
      after: { status: 'cancelled', ...(by ? { reason: by.reason } : {}) },
    });
    await tellGuest(deps, trx, after, by ? 'cancelled_by_office' : 'cancelled');
    if (g.status === 'enrolled') {
      await repo.releaseSeat(trx, g.offering_id);
      await promoteWaitlisted(deps, trx, ctx, g.offering_id);
    }
    return after;
  });
}

/** Cancels a member of the public's place through their signed link; a freed seat goes to the waitlist in the same transaction. */
export async function cancelGuest(deps: Deps, ctx: Ctx, token: unknown) {
  const { guest } = await guestOfManageLink(deps, token);
  return cancelPlace(deps, ctx, guest.id, guest.offering_id, null);
}

/**
 * The program administrator cancels a member of the public's place from the console, with a reason
 * the person is told by email in the language they signed up in; a freed seat goes to the waitlist.
 */
export async function cancelGuestByOffice(deps: Deps, ctx: Ctx, guestId: number, raw: unknown) {
  authorize(trainingPolicy.administer(ctx.actor), 'training.cancel.not_yours');
  const { reason } = parseInput(reasonInput, raw);
  const g = await repo.findGuest(deps.db, guestId);
  if (!g || g.status === 'pending') throw new NotFoundError();
  return cancelPlace(deps, ctx, g.id, g.offering_id, { label: actorLabel(ctx.actor), reason });
}
