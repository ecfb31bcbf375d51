import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import { drawQuestionIds, grade, questionsOf } from './assessment.ts';
import { certifyGuestCompletion, guestCertificateOf, revokeGuestCertificate } from './certificates.ts';
import { attemptPasses, type CompletionResult, evaluateCompletion } from './completion.ts';
import { guestOfManageLink, manageToken } from './guests.service.ts';
import { trainingPolicy } from './training.policy.ts';
import * as repo from './training.repo.ts';
import { reasonInput } from './training.schema.ts';

// Members of the public learn the way staff do once they hold a seat: a trainer (or the office)
// marks them present per session, they take the programme's assessment through the signed link of
// their sign-up (they have no account), their completion is computed from the same criteria — or
// recorded by the office with a written reason, never silently — and a completion is certified in
// the transaction that records it with the same signed, verifiable credential staff receive, which
// is emailed to them in the language they signed up in.

/** The evidence of one member of the public's place, and what the programme's criteria make of it. */
export async function guestCompletionOf(db: Executor, g: repo.GuestRow, p: repo.ProgrammeRow): Promise<CompletionResult> {
  const attempts = (await repo.listGuestAttempts(db, g.id))
    .filter((a) => a.correct !== null)
    .map((a) => ({ correct: a.correct as number, total: a.total }));
  const assignmentRequired = p.assignment_ar !== null;
  return evaluateCompletion(
    { minAttendancePct: p.min_attendance_pct, passMarkPct: p.pass_mark_pct, assignmentRequired },
    {
      sessions: await repo.countSessions(db, g.offering_id),
      attended: await repo.guestAttendedCount(db, g.id),
      attempts,
      assignmentAccepted: assignmentRequired && (await repo.assignmentOf(db, { guestId: g.id }))?.status === 'accepted',
    },
  );
}

/** Emails a member of the public the certificate of their completion, with the page where anyone can verify it. */
async function tellCertificate(deps: Deps, trx: Executor, g: repo.GuestRow, p: repo.ProgrammeRow, serial: string, verifyPath: string) {
  const lang = g.locale;
  const params = { programme: lang === 'ar' ? p.title_ar : p.title_en, serial };
  await queuePersonEmail(trx, deps, { name: g.name, email: g.email }, lang, {
    subject: translate(lang, 'training.guest_mail.certificate.subject', params),
    body: [translate(lang, 'training.guest_mail.certificate.text', params)],
    action: { label: translate(lang, 'training.guest_mail.certificate.action'), path: verifyPath },
    footer: translate(lang, 'training.guest_mail.footer'),
    key: `training:guest:${g.id}:certificate:${serial}`,
    source: 'training',
    ref: { refType: 'training_guest', refId: g.id },
  });
}

/** Records a completion on a sign-up and certifies it (audited by the caller's action), in the caller's transaction. */
async function complete(
  deps: Deps,
  trx: Executor,
  ctx: Ctx,
  g: repo.GuestRow,
  p: repo.ProgrammeRow,
  reason: string | null,
  at = new Date(),
) {
  const after = await repo.updateGuest(
    trx,
    g.id,
    { completed_at: at.toISOString(), completion_basis: reason === null ? 'criteria' : 'manual', completion_reason: reason },
    at,
  );
  const issued = await certifyGuestCompletion(deps, trx, ctx, after, p);
  if (issued) await tellCertificate(deps, trx, after, p, issued.serial, issued.verifyPath);
  return after;
}

/**
 * Sets or clears a member of the public's completion the criteria decide (one the office recorded
 * stays as it was): a completion is certified and emailed, and the certificate of one that no
 * longer holds (attendance corrected) is revoked, in the same transaction.
 */
export async function refreshGuestCompletion(deps: Deps, trx: Executor, ctx: Ctx, g: repo.GuestRow, p: repo.ProgrammeRow, at = new Date()) {
  if (g.status !== 'enrolled' || g.completion_basis === 'manual') return;
  const { complete: done } = await guestCompletionOf(trx, g, p);
  if (done === (g.completed_at !== null)) return;
  if (done) await complete(deps, trx, ctx, g, p, null, at);
  else {
    await revokeGuestCertificate(trx, ctx, g, 'The completion criteria are no longer met (attendance corrected).');
    await repo.updateGuest(trx, g.id, { completed_at: null, completion_basis: null });
  }
  await recordAudit(trx, ctx, {
    action: done ? 'training.guest.complete' : 'training.guest.uncomplete',
    recordType: 'training_guest',
    recordId: g.id,
    before: { completed_at: g.completed_at },
    after: { completed: done, basis: 'criteria' },
  });
}

/** The office records a member of the public's completion the criteria do not show, with a written reason; it is certified. */
export async function recordGuestCompletion(deps: Deps, ctx: Ctx, guestId: number, raw: unknown) {
  authorize(trainingPolicy.oversee(ctx.actor));
  const { reason } = parseInput(reasonInput, raw);
  return deps.db.transaction().execute(async (trx) => {
    const first = await repo.findGuest(trx, guestId);
    if (!first) throw new NotFoundError();
    await repo.lockOffering(trx, first.offering_id);
    const g = await repo.findGuest(trx, guestId);
    if (g?.status !== 'enrolled') throw new ConflictError('training.error.not_enrolled');
    if (g.completed_at) throw new ConflictError('training.error.already_complete');
    const o = await repo.findOffering(trx, g.offering_id);
    const p = o ? await repo.findProgramme(trx, o.programme_id) : undefined;
    if (!p) throw new NotFoundError();
    const after = await complete(deps, trx, ctx, g, p, reason);
    await recordAudit(trx, ctx, {
      action: 'training.guest.complete_manual',
      recordType: 'training_guest',
      recordId: g.id,
      before: { completed_at: null },
      after: { completed_at: after.completed_at, basis: 'manual', reason },
    });
    return after;
  });
}

/**
 * What a member of the public's signed link shows of their learning: attendance, the assessment
 * (attempts, what is left, an open attempt's questions), completion and the certificate's page.
 */
export async function guestLearning(deps: Deps, token: unknown) {
  const d = await guestOfManageLink(deps, token);
  const { guest: g, programme: p } = d;
  const attempts = await repo.listGuestAttempts(deps.db, g.id);
  const open = attempts.find((a) => a.submitted_at === null);
  const passed = p.pass_mark_pct !== null && attempts.some((a) => a.passed === 1);
  const running = d.offering.status !== 'cancelled';
  const canStart = p.pass_mark_pct !== null && g.status === 'enrolled' && running && !passed && !open && attempts.length < p.max_attempts;
  const certificate = g.status === 'enrolled' ? await guestCertificateOf(deps.db, g) : undefined;
  const assignment = p.assignment_ar !== null ? await repo.assignmentOf(deps.db, { guestId: g.id }) : undefined;
  return {
    ...d,
    assignment,
    /** Whether they may send (or send again) the assignment now. */
    canSubmitAssignment:
      p.assignment_ar !== null &&
      g.status === 'enrolled' &&
      (d.offering.status === 'open' || d.offering.status === 'closed') &&
      assignment?.status !== 'accepted',
    /** Whether a session code may be typed: seated on an offering that is running. */
    canAttendByCode: g.status === 'enrolled' && (d.offering.status === 'open' || d.offering.status === 'closed'),
    result: await guestCompletionOf(deps.db, g, p),
    attempts,
    open,
    passed,
    canStart,
    questions: open ? questionsOf(open.question_ids, await repo.listQuestions(deps.db, p.id)) : [],
    certificate: certificate && !certificate.revoked_at ? `/verify/${certificate.serial}` : null,
  };
}
export type GuestLearning = Awaited<ReturnType<typeof guestLearning>>;

/** Starts an assessment attempt through the signed link (a double click starts one attempt: counted again under the offering's lock). */
export async function startGuestAttempt(deps: Deps, ctx: Ctx, token: unknown) {
  const l = await guestLearning(deps, token);
  if (l.programme.pass_mark_pct === null) throw new ConflictError('training.error.no_assessment');
  if (l.open) return l.open;
  if (!l.canStart)
    throw new ConflictError(
      l.passed
        ? 'training.error.already_passed'
        : l.guest.status !== 'enrolled'
          ? 'training.error.not_enrolled'
          : 'training.error.no_attempts_left',
    );
  const bank = await repo.listQuestions(deps.db, l.programme.id);
  if (bank.length === 0) throw new ConflictError('training.error.no_questions');
  const drawn = drawQuestionIds(bank, l.programme.questions_per_attempt);
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockOffering(trx, l.offering.id);
    const attempts = await repo.listGuestAttempts(trx, l.guest.id);
    const open = attempts.find((x) => x.submitted_at === null);
    if (open) return open;
    if (attempts.length >= l.programme.max_attempts) throw new ConflictError('training.error.no_attempts_left');
    const attempt = await repo.insertGuestAttempt(trx, {
      guest_id: l.guest.id,
      question_ids: drawn.join(','),
      correct: null,
      total: drawn.length,
      passed: null,
    });
    await recordAudit(trx, ctx, {
      action: 'training.guest_attempt.start',
      recordType: 'training_guest_attempt',
      recordId: attempt.id,
      after: { guest_id: l.guest.id, questions: drawn.length },
    });
    return attempt;
  });
}

/** Grades the open attempt sent through the signed link (every question answered), then computes completion again. */
export async function submitGuestAttempt(deps: Deps, ctx: Ctx, token: unknown, raw: Record<string, unknown>) {
  const l = await guestLearning(deps, token);
  if (!l.open) throw new ConflictError('training.error.no_open_attempt');
  const attempt = l.open;
  const correct = grade(l.questions, raw);
  const passed = attemptPasses({ correct, total: attempt.total }, l.programme.pass_mark_pct as number);
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockOffering(trx, l.offering.id);
    const closed = await repo.closeGuestAttempt(trx, attempt.id, correct, passed);
    if (!closed) throw new ConflictError('training.error.no_open_attempt');
    await recordAudit(trx, ctx, {
      action: 'training.guest_attempt.submit',
      recordType: 'training_guest_attempt',
      recordId: attempt.id,
      after: { correct, total: attempt.total, passed },
    });
    const g = await repo.findGuest(trx, l.guest.id);
    if (g) await refreshGuestCompletion(deps, trx, ctx, g, l.programme);
    return { attempt: closed, token: manageToken(deps, l.guest.id) };
  });
}
