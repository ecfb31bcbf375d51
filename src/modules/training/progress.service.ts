import type { Executor } from '../../db.ts';
import { recordAudit, recordAuditNow } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { type CsvCell, toCsv } from '../../platform/csv.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, ForbiddenError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { dayStart } from '../../platform/i18n/dates.ts';
import { type Lang, pick, translate } from '../../platform/i18n/i18n.ts';
import { allAgencies, findUser, findUsers } from '../identity/public.ts';
import { drawQuestionIds, grade, questionsOf } from './assessment.ts';
import { certificateOf, certifyCompletion, revokeCompletionCertificate } from './certificates.ts';
import { attemptPasses, type CompletionResult, evaluateCompletion } from './completion.ts';
import { refreshGuestCompletion } from './guest-learning.service.ts';
import { trainingPolicy } from './training.policy.ts';
import * as repo from './training.repo.ts';
import { attendanceInput, reasonInput, targetInput } from './training.schema.ts';
import { type Track, tracks } from './training.tables.ts';

// What happens once people are enrolled: attendance per session, the assessment, completion computed
// from the programme's criteria (or recorded by the office with a reason), learning records, and
// agencies' yearly targets with the national progress.

/** The evidence of one enrolment, and what the criteria make of it. */
export async function completionOf(db: Executor, e: repo.EnrolmentRow, p: repo.ProgrammeRow): Promise<CompletionResult> {
  const attempts = (await repo.listAttempts(db, e.id))
    .filter((a) => a.correct !== null)
    .map((a) => ({ correct: a.correct as number, total: a.total }));
  const assignmentRequired = p.assignment_ar !== null;
  return evaluateCompletion(
    { minAttendancePct: p.min_attendance_pct, passMarkPct: p.pass_mark_pct, assignmentRequired },
    {
      sessions: await repo.countSessions(db, e.offering_id),
      attended: await repo.attendedCount(db, e.id),
      attempts,
      assignmentAccepted: assignmentRequired && (await repo.assignmentOf(db, { enrolmentId: e.id }))?.status === 'accepted',
    },
  );
}

/**
 * Sets or clears a completion the criteria decide (a completion recorded by hand stays as it was): a
 * completion is certified, and the certificate of one that no longer holds is revoked, in the same transaction.
 */
export async function refreshCompletion(deps: Deps, trx: Executor, ctx: Ctx, e: repo.EnrolmentRow, p: repo.ProgrammeRow, at = new Date()) {
  if (e.status !== 'enrolled' || e.completion_basis === 'manual') return;
  const { complete } = await completionOf(trx, e, p);
  if (complete === (e.completed_at !== null)) return;
  if (!complete) await revokeCompletionCertificate(trx, ctx, e, 'The completion criteria are no longer met (attendance corrected).');
  const after = await repo.updateEnrolment(
    trx,
    e.id,
    { completed_at: complete ? at.toISOString() : null, completion_basis: complete ? 'criteria' : null },
    at,
  );
  if (complete) await certifyCompletion(deps, trx, ctx, after, p);
  await recordAudit(trx, ctx, {
    action: complete ? 'training.enrolment.complete' : 'training.enrolment.uncomplete',
    recordType: 'training_enrolment',
    recordId: e.id,
    agencyId: e.agency_id,
    before: { completed_at: e.completed_at },
    after: { completed: complete, basis: 'criteria' },
  });
}

async function offeringContext(db: Executor, offeringId: number) {
  const offering = await repo.findOffering(db, offeringId);
  if (!offering) throw new NotFoundError();
  const programme = await repo.findProgramme(db, offering.programme_id);
  if (!programme) throw new NotFoundError();
  return { offering, programme, trainers: await repo.trainerIds(db, offeringId) };
}

/** One session's attendance sheet: the offering's enrolled people and who was marked present. */
export async function attendanceSheet(deps: Deps, ctx: Ctx, sessionId: number) {
  const session = await repo.findSession(deps.db, sessionId);
  if (!session) throw new NotFoundError();
  const { offering, programme, trainers } = await offeringContext(deps.db, session.offering_id);
  authorize(trainingPolicy.markAttendance(ctx.actor, trainers));
  const enrolled = [];
  for (const e of (await repo.listEnrolments(deps.db, offering.id)).filter((x) => x.status === 'enrolled'))
    enrolled.push({ ...e, person: (await findUser(deps.db, e.user_id))?.name ?? '' });
  const marks = new Map((await repo.attendanceOf(deps.db, sessionId)).map((a) => [a.enrolment_id, a.present === 1]));
  const guests = (await repo.listGuests(deps.db, offering.id)).filter((g) => g.status === 'enrolled');
  const guestMarks = new Map((await repo.guestAttendanceOf(deps.db, sessionId)).map((a) => [a.guest_id, a.present === 1]));
  return { session, offering, programme, enrolled, marks, guests, guestMarks };
}

/**
 * A trainer or the office marks who attended a session (everyone else enrolled is absent), and each
 * person's completion is computed again from the criteria, in the same transaction. `at` is when it
 * was marked (the demo's past year passes its own; the session must have started by then).
 */
export async function markAttendance(deps: Deps, ctx: Ctx, sessionId: number, raw: unknown, at = new Date()) {
  const session = await repo.findSession(deps.db, sessionId);
  if (!session) throw new NotFoundError();
  const { offering, programme, trainers } = await offeringContext(deps.db, session.offering_id);
  authorize(trainingPolicy.markAttendance(ctx.actor, trainers));
  const { present, present_guests: presentGuests } = parseInput(attendanceInput, raw);
  if (offering.status === 'draft' || offering.status === 'cancelled') throw new ConflictError('training.error.offering_not_running');
  if (session.starts_at > at.toISOString()) throw new ConflictError('training.error.session_future');
  const enrolled = (await repo.listEnrolments(deps.db, offering.id)).filter((e) => e.status === 'enrolled');
  const ids = new Set(enrolled.map((e) => e.id));
  for (const id of present) if (!ids.has(id)) fieldError('present', 'training.validation.not_enrolled');
  const guests = (await repo.listGuests(deps.db, offering.id)).filter((g) => g.status === 'enrolled');
  const guestIds = new Set(guests.map((g) => g.id));
  for (const id of presentGuests) if (!guestIds.has(id)) fieldError('present_guests', 'training.validation.not_enrolled');
  const marker = ctx.actor.kind === 'user' ? ctx.actor.email : 'system';
  const sorted = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
  return deps.db.transaction().execute(async (trx) => {
    for (const e of enrolled) await repo.setAttendance(trx, sessionId, e.id, present.includes(e.id), marker, at);
    for (const g of guests) await repo.setGuestAttendance(trx, sessionId, g.id, presentGuests.includes(g.id), marker, at);
    await recordAudit(trx, ctx, {
      action: 'training.attendance.mark',
      recordType: 'training_session',
      recordId: sessionId,
      after: { present: sorted(present), enrolled: enrolled.length, present_guests: sorted(presentGuests), guests: guests.length },
    });
    for (const e of enrolled) await refreshCompletion(deps, trx, ctx, e, programme, at);
    for (const g of guests) await refreshGuestCompletion(deps, trx, ctx, g, programme, at);
    const here = new Set(present).size + new Set(presentGuests).size;
    return { present: here, absent: enrolled.length + guests.length - here };
  });
}

/** An enrolment the actor may read (its person, their agency administrator, the office, the offering's trainers). */
async function readableEnrolment(deps: Deps, ctx: Ctx, enrolmentId: number) {
  const e = await repo.findEnrolment(deps.db, enrolmentId);
  if (!e) throw new NotFoundError();
  const { offering, programme, trainers } = await offeringContext(deps.db, e.offering_id);
  authorize(trainingPolicy.readEnrolment(ctx.actor, e, trainers), 'training.enrolment.not_yours');
  return { e, offering, programme, isOwn: ctx.actor.kind === 'user' && ctx.actor.id === e.user_id };
}

/**
 * A person's assessment so far: their attempts, what is left, and whether they may start another.
 * Others who may read the enrolment see the attempts; only the person starts and answers them.
 */
export async function assessmentOf(deps: Deps, ctx: Ctx, enrolmentId: number) {
  const { e, offering, programme, isOwn } = await readableEnrolment(deps, ctx, enrolmentId);
  const attempts = await repo.listAttempts(deps.db, e.id);
  const passed = programme.pass_mark_pct !== null && attempts.some((a) => a.passed === 1);
  const open = attempts.find((a) => a.submitted_at === null);
  const canStart =
    isOwn && programme.pass_mark_pct !== null && e.status === 'enrolled' && !passed && !open && attempts.length < programme.max_attempts;
  return { enrolment: e, offering, programme, attempts, passed, open, canStart, isOwn };
}

/** Starts an attempt: draws the programme's number of questions at random from its bank (an attempt counts once started). */
export async function startAttempt(deps: Deps, ctx: Ctx, enrolmentId: number, at = new Date()) {
  const a = await assessmentOf(deps, ctx, enrolmentId);
  if (!a.isOwn) throw new ForbiddenError('training.assessment.not_yours');
  if (a.programme.pass_mark_pct === null) throw new ConflictError('training.error.no_assessment');
  if (a.open) return a.open;
  if (!a.canStart)
    throw new ConflictError(
      a.passed
        ? 'training.error.already_passed'
        : a.enrolment.status !== 'enrolled'
          ? 'training.error.not_enrolled'
          : 'training.error.no_attempts_left',
    );
  const bank = await repo.listQuestions(deps.db, a.programme.id);
  if (bank.length === 0) throw new ConflictError('training.error.no_questions');
  const drawn = drawQuestionIds(bank, a.programme.questions_per_attempt);
  return deps.db.transaction().execute(async (trx) => {
    // Two starts at once (a double click) must not make two attempts: count again under the offering's lock.
    await repo.lockOffering(trx, a.offering.id);
    const attempts = await repo.listAttempts(trx, enrolmentId);
    const open = attempts.find((x) => x.submitted_at === null);
    if (open) return open;
    if (attempts.length >= a.programme.max_attempts) throw new ConflictError('training.error.no_attempts_left');
    const attempt = await repo.insertAttempt(
      trx,
      {
        enrolment_id: enrolmentId,
        question_ids: drawn.join(','),
        correct: null,
        total: drawn.length,
        passed: null,
      },
      at,
    );
    await recordAudit(trx, ctx, {
      action: 'training.attempt.start',
      recordType: 'training_attempt',
      recordId: attempt.id,
      agencyId: a.enrolment.agency_id,
      after: { enrolment_id: enrolmentId, questions: drawn.length },
    });
    return attempt;
  });
}

/** An open attempt's questions, in the order drawn, for the person to answer (the right answers stay on the server). */
export async function openAttempt(deps: Deps, ctx: Ctx, enrolmentId: number) {
  const a = await assessmentOf(deps, ctx, enrolmentId);
  if (!a.open || !a.isOwn) return { ...a, questions: [] as repo.QuestionRow[] };
  return { ...a, questions: questionsOf(a.open.question_ids, await repo.listQuestions(deps.db, a.programme.id)) };
}

/** Grades an open attempt (every question must be answered), then computes completion again. */
export async function submitAttempt(deps: Deps, ctx: Ctx, enrolmentId: number, raw: Record<string, unknown>, at = new Date()) {
  const a = await openAttempt(deps, ctx, enrolmentId);
  if (!a.isOwn) throw new ForbiddenError('training.assessment.not_yours');
  if (!a.open) throw new ConflictError('training.error.no_open_attempt');
  const attempt = a.open;
  const passMark = a.programme.pass_mark_pct as number;
  const correct = grade(a.questions, raw);
  const passed = attemptPasses({ correct, total: attempt.total }, passMark);
  return deps.db.transaction().execute(async (trx) => {
    const closed = await repo.closeAttempt(trx, attempt.id, correct, passed, at);
    if (!closed) throw new ConflictError('training.error.no_open_attempt');
    await recordAudit(trx, ctx, {
      action: 'training.attempt.submit',
      recordType: 'training_attempt',
      recordId: attempt.id,
      agencyId: a.enrolment.agency_id,
      after: { correct, total: attempt.total, passed },
    });
    const e = await repo.findEnrolment(trx, enrolmentId);
    if (e) await refreshCompletion(deps, trx, ctx, e, a.programme, at);
    return closed;
  });
}

/** The office records a completion the criteria do not show (e.g. an equivalent course elsewhere), with a written reason. */
export async function recordCompletion(deps: Deps, ctx: Ctx, enrolmentId: number, raw: unknown) {
  authorize(trainingPolicy.oversee(ctx.actor));
  const { reason } = parseInput(reasonInput, raw);
  const e = await repo.findEnrolment(deps.db, enrolmentId);
  if (!e) throw new NotFoundError();
  if (e.status !== 'enrolled') throw new ConflictError('training.error.not_enrolled');
  if (e.completed_at) throw new ConflictError('training.error.already_complete');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateEnrolment(trx, enrolmentId, {
      completed_at: nowIso(),
      completion_basis: 'manual',
      completion_reason: reason,
    });
    await recordAudit(trx, ctx, {
      action: 'training.enrolment.complete_manual',
      recordType: 'training_enrolment',
      recordId: enrolmentId,
      agencyId: e.agency_id,
      before: { completed_at: null },
      after: { completed_at: after.completed_at, basis: 'manual', reason },
    });
    const programme = await repo.findProgramme(trx, (await repo.findOffering(trx, e.offering_id))?.programme_id ?? -1);
    if (programme) await certifyCompletion(deps, trx, ctx, after, programme);
    return after;
  });
}

export type RecordEntry = repo.RecordRow & { result: CompletionResult; person: string; certificate: string | null };

async function withResults(db: Executor, rows: repo.RecordRow[], names: Map<number, string>): Promise<RecordEntry[]> {
  const out: RecordEntry[] = [];
  for (const r of rows) {
    const p = await repo.findProgramme(db, r.programme_id);
    if (!p) continue;
    const certificate = await certificateOf(db, r);
    out.push({
      ...r,
      result: await completionOf(db, r, p),
      person: names.get(r.user_id) ?? '',
      certificate: certificate && !certificate.revoked_at ? `/verify/${certificate.serial}` : null,
    });
  }
  return out;
}

/** The signed-in person's learning record: every enrolment, its completion and the hours completed. */
export async function myRecord(deps: Deps, ctx: Ctx) {
  if (ctx.actor.kind !== 'user') throw new ForbiddenError('training.record.not_a_person');
  const rows = await repo.learningRecord(deps.db, { userId: ctx.actor.id });
  return withResults(deps.db, rows, new Map([[ctx.actor.id, ctx.actor.name]]));
}

/** An agency's staff learning records and requests waiting for approval: its administrator (and the office). */
export async function agencyRecord(deps: Deps, ctx: Ctx, agencyId: number) {
  authorize(trainingPolicy.manageAgency(ctx.actor, agencyId) || trainingPolicy.oversee(ctx.actor), 'training.record.other_agency');
  const staff = await findUsers(deps.db, { agencyIds: [agencyId], status: 'active' }, 100_000, 0);
  const rows = await repo.learningRecord(deps.db, { agencyIds: [agencyId] });
  const names = new Map(staff.map((u) => [u.id, u.name]));
  // People who have left the agency keep their record under their name.
  for (const r of rows) if (!names.has(r.user_id)) names.set(r.user_id, (await findUser(deps.db, r.user_id))?.name ?? '');
  return { staff, entries: await withResults(deps.db, rows, names) };
}

/** The calendar year [from, to) in the configured time zone. */
export const yearRange = (deps: Deps, year: number) => ({
  from: dayStart(`${year}-01-01`, deps.config.timeZone),
  to: dayStart(`${year + 1}-01-01`, deps.config.timeZone),
});

/**
 * Metric function: the share of an agency's active staff who completed at least one programme in the
 * calendar year (null when the agency has no staff). Measurement and plans read it through public.ts.
 */
export async function trainedStaffShare(
  deps: Deps,
  agencyId: number,
  year: number,
): Promise<{ trained: number; staff: number; share: number | null }> {
  const staff = new Set((await findUsers(deps.db, { agencyIds: [agencyId], status: 'active' }, 100_000, 0)).map((u) => u.id));
  const { from, to } = yearRange(deps, year);
  const trained = (await repo.completedPeople(deps.db, from, to, agencyId)).filter((r) => staff.has(r.userId)).length;
  return { trained, staff: staff.size, share: staff.size ? trained / staff.size : null };
}

/**
 * Sets an agency's targets for a year: the share of its staff who should complete a programme,
 * optionally the hours of completed programmes per member of staff, and optionally the share who
 * should complete a programme of each track (a track left blank has no target; all in one transaction).
 */
export async function setTarget(deps: Deps, ctx: Ctx, raw: unknown) {
  authorize(trainingPolicy.administer(ctx.actor));
  const input = parseInput(targetInput, raw);
  if (!(await allAgencies(deps)).some((a) => a.id === input.agency_id)) fieldError('agency_id', 'validation.agency_unknown');
  const byTrack = tracks.flatMap((track) => {
    const pct = input[`track_${track}`];
    return pct === undefined ? [] : [{ track, pct }];
  });
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.upsertTarget(trx, input.agency_id, input.year, input.target_pct, input.hours_per_employee ?? null);
    await repo.replaceTrackTargets(trx, input.agency_id, input.year, byTrack);
    await recordAudit(trx, ctx, {
      action: 'training.target.set',
      recordType: 'training_target',
      recordId: row.id,
      agencyId: input.agency_id,
      after: input,
    });
    return row;
  });
}

export interface TrackProgress {
  track: Track;
  /** Staff who completed at least one programme of the track in the year. */
  trained: number;
  share: number | null;
  /** The target share 0–100. */
  target: number;
}

export interface AgencyProgress {
  agencyId: number;
  staff: number;
  trained: number;
  share: number | null;
  hours: number;
  target: number | null;
  /** Hours of completed programmes per member of the active staff (null without staff). */
  hoursPerEmployee: number | null;
  /** The hours per member of staff aimed for, or null. */
  hoursTarget: number | null;
  /** Progress on each track the agency has a target for, in the tracks' order. */
  tracks: TrackProgress[];
}

/** Progress of every active agency towards its target in a year, and the national totals. */
export async function nationalProgress(deps: Deps, ctx: Ctx, year: number) {
  authorize(trainingPolicy.readProgress(ctx.actor));
  const { from, to } = yearRange(deps, year);
  const done = await repo.completedPeople(deps.db, from, to);
  const targetRows = await repo.listTargets(deps.db, year);
  const targets = new Map(targetRows.map((t) => [t.agency_id, t.target_pct]));
  const hoursTargets = new Map(targetRows.map((t) => [t.agency_id, t.hours_per_employee]));
  const trackTargets = await repo.listTrackTargets(deps.db, year);
  // Who completed what track is read only when some agency has a target by track.
  const byTrack = trackTargets.length ? await repo.completedByTrack(deps.db, from, to) : [];
  const rows: AgencyProgress[] = [];
  for (const agency of (await allAgencies(deps)).filter((a) => a.status === 'active')) {
    const staff = new Set((await findUsers(deps.db, { agencyIds: [agency.id], status: 'active' }, 100_000, 0)).map((u) => u.id));
    const mine = done.filter((d) => d.agencyId === agency.id && staff.has(d.userId));
    const hours = mine.reduce((s, d) => s + d.hours, 0);
    const wanted = trackTargets.filter((x) => x.agency_id === agency.id);
    const trackRows = tracks.flatMap((track) => {
      const target = wanted.find((x) => x.track === track);
      if (!target) return [];
      const trained = byTrack.filter((d) => d.agencyId === agency.id && d.track === track && staff.has(d.userId)).length;
      return [{ track, trained, share: staff.size ? trained / staff.size : null, target: target.target_pct }];
    });
    rows.push({
      agencyId: agency.id,
      staff: staff.size,
      trained: mine.length,
      share: staff.size ? mine.length / staff.size : null,
      hours,
      target: targets.get(agency.id) ?? null,
      hoursPerEmployee: staff.size ? hours / staff.size : null,
      hoursTarget: hoursTargets.get(agency.id) ?? null,
      tracks: trackRows,
    });
  }
  const staff = rows.reduce((s, r) => s + r.staff, 0);
  const trained = rows.reduce((s, r) => s + r.trained, 0);
  const hours = rows.reduce((s, r) => s + r.hours, 0);
  return {
    year,
    rows,
    total: { staff, trained, share: staff ? trained / staff : null, hours, hoursPerEmployee: staff ? hours / staff : null },
  };
}

/**
 * One agency's figures in the exports' order: staff, trained, share, target share, hours, hours per
 * member of staff and its target, then for each track the share trained and its target (blank
 * where the agency has no target for the track).
 */
export function progressCells(r: AgencyProgress): (number | null)[] {
  return [
    r.staff,
    r.trained,
    r.share,
    r.target === null ? null : r.target / 100,
    r.hours,
    r.hoursPerEmployee,
    r.hoursTarget,
    ...tracks.flatMap((t) => {
      const x = r.tracks.find((y) => y.track === t);
      return x ? [x.share, x.target / 100] : [null, null];
    }),
  ];
}

/** The national progress of a year as CSV (UTF-8 with BOM, for Excel): one row per agency; the export is audited. */
export async function exportProgress(deps: Deps, ctx: Ctx, year: number, lang: Lang) {
  const d = await nationalProgress(deps, ctx, year);
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.id, a]));
  const rows: CsvCell[][] = [
    [
      'agency_code',
      'agency',
      'staff',
      'trained',
      'share',
      'target_share',
      'hours_completed',
      'hours_per_employee',
      'target_hours_per_employee',
      ...tracks.flatMap((t) => [`share_${t}`, `target_share_${t}`]),
    ],
  ];
  for (const r of d.rows) {
    const a = agencies.get(r.agencyId);
    rows.push([a?.code ?? '', a ? pick(lang, a, 'name') : '', ...progressCells(r)]);
  }
  rows.push([
    '',
    translate(lang, 'training.progress.total'),
    d.total.staff,
    d.total.trained,
    d.total.share,
    null,
    d.total.hours,
    d.total.hoursPerEmployee,
    null,
    ...tracks.flatMap(() => [null, null]),
  ]);
  await recordAuditNow(deps.db, ctx, {
    action: 'training.progress_export',
    recordType: 'training_progress',
    recordId: null,
    after: { year, format: 'csv', rows: d.rows.length },
  });
  return { filename: `yusr-training-${year}.csv`, body: Buffer.from(toCsv(rows, { bom: true })) };
}
