import { randomInt, timingSafeEqual } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, ForbiddenError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { enforceRateLimit } from '../../platform/http/rate-limit.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { refreshGuestCompletion } from './guest-learning.service.ts';
import { guestOfManageLink, manageToken } from './guests.service.ts';
import { refreshCompletion } from './progress.service.ts';
import { trainingPolicy } from './training.policy.ts';
import * as repo from './training.repo.ts';
import { sessionCodeInput } from './training.schema.ts';

// Session codes: a trainer of the offering (or the office) shows a six-digit code for a session, and
// a person enrolled on the offering types it on their learning record (staff) or on the page of their
// place (the public) to mark themselves present. A code is random and holds only from a quarter of an
// hour before the session starts until it ends; a new one replaces the old. A wrong or expired code is
// a field error in both languages, and tries are counted in the platform's rate-limit table (per
// person), so six digits cannot be guessed. Each self-marking is audited and completion computed again.

/** How long before a session starts its code is accepted (people arrive early). */
export const CODE_LEAD_MS = 15 * 60_000;
/** Tries at a code one person may make in a window. */
export const CODE_TRIES = 10;
export const CODE_WINDOW_SECONDS = 15 * 60;

/** Whether a session's code holds at a moment: from CODE_LEAD_MS before it starts until it ends. */
export const codeHolds = (s: { starts_at: string; ends_at: string }, at: Date) =>
  at.getTime() >= new Date(s.starts_at).getTime() - CODE_LEAD_MS && at.getTime() <= new Date(s.ends_at).getTime();

const running = (o: repo.OfferingRow) => o.status === 'open' || o.status === 'closed' || o.status === 'completed';

async function sessionContext(deps: Deps, ctx: Ctx, sessionId: number) {
  const session = await repo.findSession(deps.db, sessionId);
  if (!session) throw new NotFoundError();
  const offering = await repo.findOffering(deps.db, session.offering_id);
  if (!offering) throw new NotFoundError();
  authorize(trainingPolicy.markAttendance(ctx.actor, await repo.trainerIds(deps.db, offering.id)));
  return { session, offering };
}

/** The code to show on the attendance sheet while it holds (null before the window, after it, or when none was made). */
export const shownCode = (s: repo.SessionRow, at = new Date()) => (s.code && codeHolds(s, at) ? s.code : null);

/** A trainer or the office makes a new code for a session whose window is open now (it replaces any before it). */
export async function issueSessionCode(deps: Deps, ctx: Ctx, sessionId: number, at = new Date()) {
  const { session, offering } = await sessionContext(deps, ctx, sessionId);
  if (!running(offering)) throw new ConflictError('training.error.offering_not_running');
  if (!codeHolds(session, at)) throw new ConflictError('training.error.code_window');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateSession(trx, sessionId, { code, code_set_by: actorLabel(ctx.actor) });
    // The code itself is not written to the audit trail: who made one and when is enough.
    await recordAudit(trx, ctx, {
      action: 'training.session.code',
      recordType: 'training_session',
      recordId: sessionId,
      after: { offering_id: offering.id, replaced: session.code !== null },
    });
    return after;
  });
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The session of an offering whose code holds now and matches, or a field error (wrong or expired: the same words). */
async function sessionByCode(deps: Deps, offeringId: number, code: string, at: Date) {
  for (const s of await repo.listSessions(deps.db, offeringId)) if (s.code && codeHolds(s, at) && same(s.code, code)) return s;
  return fieldError('code', 'training.validation.session_code_wrong');
}

/**
 * A member of staff marks their own attendance with a session's code, on one of their enrolments:
 * counted against their rate limit first, then checked; present is recorded (marked by "code:<who>").
 */
export async function attendByCode(deps: Deps, ctx: Ctx, enrolmentId: number, raw: unknown, at = new Date()) {
  if (ctx.actor.kind !== 'user') throw new ForbiddenError('training.record.not_a_person');
  const e = await repo.findEnrolment(deps.db, enrolmentId);
  if (!e) throw new NotFoundError();
  if (e.user_id !== ctx.actor.id) throw new ForbiddenError('training.enrolment.not_yours');
  const { code } = parseInput(sessionCodeInput, raw);
  await enforceRateLimit(deps.db, `training.session_code:user:${ctx.actor.id}`, CODE_TRIES, CODE_WINDOW_SECONDS);
  const offering = await repo.findOffering(deps.db, e.offering_id);
  const programme = offering ? await repo.findProgramme(deps.db, offering.programme_id) : undefined;
  if (!offering || !programme) throw new NotFoundError();
  if (e.status !== 'enrolled') throw new ConflictError('training.error.not_enrolled');
  if (!running(offering)) throw new ConflictError('training.error.offering_not_running');
  const session = await sessionByCode(deps, offering.id, code, at);
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockOffering(trx, offering.id);
    await repo.setAttendance(trx, session.id, e.id, true, `code:${ctx.actor.kind === 'user' ? ctx.actor.email : ''}`, at);
    await recordAudit(trx, ctx, {
      action: 'training.attendance.code',
      recordType: 'training_session',
      recordId: session.id,
      agencyId: e.agency_id,
      after: { enrolment_id: e.id, present: true },
    });
    const fresh = await repo.findEnrolment(trx, e.id);
    if (fresh) await refreshCompletion(deps, trx, ctx, fresh, programme, at);
    return session;
  });
}

/** A member of the public marks their own attendance with a session's code, through the signed link of their place. */
export async function guestAttendByCode(deps: Deps, ctx: Ctx, token: unknown, raw: unknown, at = new Date()) {
  const { guest, offering, programme } = await guestOfManageLink(deps, token);
  const { code } = parseInput(sessionCodeInput, raw);
  await enforceRateLimit(deps.db, `training.session_code:guest:${guest.id}`, CODE_TRIES, CODE_WINDOW_SECONDS);
  if (guest.status !== 'enrolled') throw new ConflictError('training.error.not_enrolled');
  if (!running(offering)) throw new ConflictError('training.error.offering_not_running');
  const session = await sessionByCode(deps, offering.id, code, at);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockOffering(trx, offering.id);
    await repo.setGuestAttendance(trx, session.id, guest.id, true, `code:guest:${guest.id}`, at);
    await recordAudit(trx, ctx, {
      action: 'training.guest_attendance.code',
      recordType: 'training_session',
      recordId: session.id,
      after: { guest_id: guest.id, present: true },
    });
    const fresh = await repo.findGuest(trx, guest.id);
    if (fresh) await refreshGuestCompletion(deps, trx, ctx, fresh, programme, at);
  });
  return { session, token: manageToken(deps, guest.id) };
}
