import type { Executor } from '../../db.ts';
import { recordAudit, recordAuditNow } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { type Lang, translate } from '../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import { acceptUpload } from '../../platform/storage/sniff.ts';
import { findUser } from '../identity/public.ts';
import { refreshGuestCompletion } from './guest-learning.service.ts';
import { guestOfManageLink, manageToken } from './guests.service.ts';
import { refreshCompletion } from './progress.service.ts';
import { trainingPolicy } from './training.policy.ts';
import * as repo from './training.repo.ts';
import { assignmentDecisionInput, assignmentInput } from './training.schema.ts';

// Assignments: a programme may ask for one (a brief in both languages). A person enrolled on one of
// its offerings — a member of staff signed in, or a member of the public through the signed link of
// their place — submits a text and optionally one PDF, judged by its bytes (at most 5 MB, its name
// sanitised; the file is stored before the row that names it and removed again if that write
// fails). A trainer of the offering or the office accepts it, or returns it with a comment the
// person is emailed in their language; a returned assignment may be submitted again. Completion
// then needs it accepted, computed again in the transaction of the decision. Every step audited.

export const ASSIGNMENT_KINDS = ['pdf'] as const;
export const ASSIGNMENT_MAX_BYTES = 5 * 1024 * 1024;

/** Whose assignment: a member of staff's enrolment or a member of the public's place. */
type Owner = { kind: 'enrolment'; row: repo.EnrolmentRow } | { kind: 'guest'; row: repo.GuestRow };

const ownerKey = (o: Owner) => (o.kind === 'enrolment' ? { enrolmentId: o.row.id } : { guestId: o.row.id });

/**
 * A file name safe to store and send back: its last path segment, letters (any script), digits,
 * spaces, dots, dashes and underscores, at most 80 characters, with the extension its bytes showed.
 */
export function safeFileName(raw: string | undefined, ext: string): string {
  const last = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const base = last
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} ._-]+/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s_]+|[.\s_]+$/g, '')
    .slice(0, 80)
    .trim();
  return `${base || 'assignment'}.${ext}`;
}

async function contextOf(db: Executor, offeringId: number) {
  const offering = await repo.findOffering(db, offeringId);
  const programme = offering ? await repo.findProgramme(db, offering.programme_id) : undefined;
  if (!offering || !programme) throw new NotFoundError();
  return { offering, programme, trainers: await repo.trainerIds(db, offeringId) };
}

/** A member of staff's assignment page: the enrolment (read by those who may read it), the brief and the submission. */
export async function staffAssignment(deps: Deps, ctx: Ctx, enrolmentId: number) {
  const e = await repo.findEnrolment(deps.db, enrolmentId);
  if (!e) throw new NotFoundError();
  const c = await contextOf(deps.db, e.offering_id);
  authorize(trainingPolicy.readEnrolment(ctx.actor, e, c.trainers), 'training.enrolment.not_yours');
  const isOwn = ctx.actor.kind === 'user' && ctx.actor.id === e.user_id;
  const assignment = await repo.assignmentOf(deps.db, { enrolmentId: e.id });
  return {
    ...c,
    enrolment: e,
    assignment,
    isOwn,
    person: (await findUser(deps.db, e.user_id))?.name ?? '',
    canSubmit: isOwn && canSubmit(c.programme, c.offering, e.status, assignment),
    canDecide: assignment?.status === 'submitted' && trainingPolicy.markAttendance(ctx.actor, c.trainers),
  };
}
export type StaffAssignment = Awaited<ReturnType<typeof staffAssignment>>;

const SUBMITTABLE = ['open', 'closed'] as const;

/** Whether a person may submit (or submit again) now. */
export const canSubmit = (p: repo.ProgrammeRow, o: repo.OfferingRow, status: string, a: repo.AssignmentRow | undefined) =>
  p.assignment_ar !== null && status === 'enrolled' && (SUBMITTABLE as readonly string[]).includes(o.status) && a?.status !== 'accepted';

/** Refuses a submission the state does not allow, naming why. */
function checkSubmittable(p: repo.ProgrammeRow, o: repo.OfferingRow, status: string, a: repo.AssignmentRow | undefined) {
  if (p.assignment_ar === null) throw new ConflictError('training.error.no_assignment');
  if (status !== 'enrolled') throw new ConflictError('training.error.not_enrolled');
  if (!(SUBMITTABLE as readonly string[]).includes(o.status)) throw new ConflictError('training.error.assignment_closed');
  if (a?.status === 'accepted') throw new ConflictError('training.error.assignment_accepted');
}

/**
 * Stores a submission: the text and, if one came, the PDF (judged by its bytes before anything is
 * written). A first submission adds the row, a later one (after a return, or before any decision)
 * replaces the text and, when a new file came, the file; the old file goes once the row no longer names it.
 */
async function submit(
  deps: Deps,
  ctx: Ctx,
  owner: Owner,
  raw: Record<string, unknown>,
  fileName: string | undefined,
  at = new Date(),
): Promise<repo.AssignmentRow> {
  const { offering, programme } = await contextOf(deps.db, owner.row.offering_id);
  checkSubmittable(programme, offering, owner.row.status, await repo.assignmentOf(deps.db, ownerKey(owner)));
  const { file, ...fields } = raw;
  const { text } = parseInput(assignmentInput, { text: fields.text });
  const hasFile = Buffer.isBuffer(file) && file.length > 0;
  const kind = hasFile ? acceptUpload('file', file, ASSIGNMENT_KINDS, ASSIGNMENT_MAX_BYTES) : null;
  const stored = hasFile && kind ? await deps.storage.put(file, kind.ext) : null;
  let replaced: string | null = null;
  try {
    const row = await deps.db.transaction().execute(async (trx) => {
      await repo.lockOffering(trx, offering.id);
      const current = owner.kind === 'enrolment' ? await repo.findEnrolment(trx, owner.row.id) : await repo.findGuest(trx, owner.row.id);
      const before = await repo.assignmentOf(trx, ownerKey(owner));
      checkSubmittable(programme, offering, current?.status ?? '', before);
      const file =
        stored && kind
          ? { file_key: stored.key, file_name: safeFileName(fileName, kind.ext), file_size: stored.size, file_sha256: stored.sha256 }
          : {};
      const values = {
        text,
        status: 'submitted' as const,
        comment: null,
        decided_by: null,
        decided_at: null,
        submitted_at: at.toISOString(),
        ...file,
      };
      const row = before
        ? await repo.updateAssignment(trx, before.id, values)
        : await repo.insertAssignment(trx, {
            ...values,
            offering_id: offering.id,
            enrolment_id: owner.kind === 'enrolment' ? owner.row.id : null,
            guest_id: owner.kind === 'guest' ? owner.row.id : null,
          });
      if (before?.file_key && stored) replaced = before.file_key;
      await recordAudit(trx, ctx, {
        action: 'training.assignment.submit',
        recordType: 'training_assignment',
        recordId: row.id,
        agencyId: owner.kind === 'enrolment' ? owner.row.agency_id : undefined,
        before: before ? { status: before.status, file_sha256: before.file_sha256 } : undefined,
        after: {
          [owner.kind === 'enrolment' ? 'enrolment_id' : 'guest_id']: owner.row.id,
          characters: text.length,
          file: row.file_name,
          file_sha256: row.file_sha256,
        },
      });
      return row;
    });
    if (replaced) await deps.storage.remove(replaced).catch(() => undefined);
    return row;
  } catch (err) {
    if (stored) await deps.storage.remove(stored.key).catch(() => undefined);
    throw err;
  }
}

/** A member of staff submits their own assignment (no one else may, not even their administrator); `at`: when (default now). */
export async function submitStaffAssignment(
  deps: Deps,
  ctx: Ctx,
  enrolmentId: number,
  raw: Record<string, unknown>,
  fileName?: string,
  at = new Date(),
) {
  const a = await staffAssignment(deps, ctx, enrolmentId);
  if (!a.isOwn) throw new ForbiddenError('training.assignment.not_yours');
  return submit(deps, ctx, { kind: 'enrolment', row: a.enrolment }, raw, fileName, at);
}

/** A member of the public submits their assignment through the signed link of their place. */
export async function submitGuestAssignment(deps: Deps, ctx: Ctx, token: unknown, raw: Record<string, unknown>, fileName?: string) {
  const { guest } = await guestOfManageLink(deps, token);
  await submit(deps, ctx, { kind: 'guest', row: guest }, raw, fileName);
  return { token: manageToken(deps, guest.id) };
}

/** The offering an assignment belongs to (undefined when there is no such assignment). */
export const assignmentOffering = async (deps: Deps, id: number) => (await repo.findAssignment(deps.db, id))?.offering_id;

/** An offering's assignments for its trainers and the office, with whose each is, newest last. */
export async function offeringAssignments(deps: Deps, ctx: Ctx, offeringId: number) {
  const c = await contextOf(deps.db, offeringId);
  authorize(trainingPolicy.markAttendance(ctx.actor, c.trainers), 'training.assignment.not_reviewer');
  const rows = [];
  for (const a of await repo.listAssignments(deps.db, offeringId)) {
    let person = '';
    if (a.enrolment_id !== null) {
      const e = await repo.findEnrolment(deps.db, a.enrolment_id);
      person = e ? ((await findUser(deps.db, e.user_id))?.name ?? '') : '';
    } else if (a.guest_id !== null) person = (await repo.findGuest(deps.db, a.guest_id))?.name ?? '';
    rows.push({ ...a, person, public: a.guest_id !== null });
  }
  return { ...c, assignments: rows };
}
export type OfferingAssignments = Awaited<ReturnType<typeof offeringAssignments>>;

/** Emails the person that their assignment was returned, with the reviewer's comment, in their language. */
async function tellReturned(deps: Deps, trx: Executor, a: repo.AssignmentRow, p: repo.ProgrammeRow) {
  let to: { name: string; email: string; lang: Lang; path: string } | null = null;
  if (a.enrolment_id !== null) {
    const e = await repo.findEnrolment(trx, a.enrolment_id);
    const u = e ? await findUser(trx, e.user_id) : undefined;
    if (u) to = { name: u.name, email: u.email, lang: u.locale, path: `/console/training/enrolments/${a.enrolment_id}/assignment` };
  } else if (a.guest_id !== null) {
    const g = await repo.findGuest(trx, a.guest_id);
    if (g)
      to = {
        name: g.name,
        email: g.email,
        lang: g.locale,
        path: `/training/sign-up/manage?token=${encodeURIComponent(manageToken(deps, g.id))}`,
      };
  }
  if (!to) return;
  const params = { programme: to.lang === 'ar' ? p.title_ar : p.title_en, comment: a.comment ?? '' };
  await queuePersonEmail(trx, deps, to, to.lang, {
    subject: translate(to.lang, 'training.assignment_mail.returned.subject', params),
    body: [translate(to.lang, 'training.assignment_mail.returned.text', params), a.comment ?? ''],
    action: { label: translate(to.lang, 'training.assignment_mail.returned.action'), path: to.path },
    footer: translate(to.lang, a.guest_id !== null ? 'training.guest_mail.footer' : 'training.assignment_mail.footer'),
    key: `training:assignment:${a.id}:returned:${a.decided_at}`,
    source: 'training',
    ref:
      a.guest_id !== null
        ? { refType: 'training_guest', refId: a.guest_id }
        : { refType: 'training_enrolment', refId: a.enrolment_id ?? 0 },
  });
}

/**
 * A trainer of the offering or the office accepts a submitted assignment, or returns it with a
 * comment the person is emailed; completion is computed again in the same transaction.
 */
export async function decideAssignment(deps: Deps, ctx: Ctx, assignmentId: number, raw: unknown, at = new Date()) {
  const a = await repo.findAssignment(deps.db, assignmentId);
  if (!a) throw new NotFoundError();
  const { offering, programme, trainers } = await contextOf(deps.db, a.offering_id);
  authorize(trainingPolicy.markAttendance(ctx.actor, trainers), 'training.assignment.not_reviewer');
  const input = parseInput(assignmentDecisionInput, raw);
  if (offering.status === 'cancelled') throw new ConflictError('training.error.offering_not_running');
  if (a.status !== 'submitted') throw new ConflictError('training.error.assignment_decided');
  const accepted = input.decision === 'accept';
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockOffering(trx, offering.id);
    const after = await repo.decideAssignment(trx, a.id, {
      status: accepted ? 'accepted' : 'returned',
      comment: input.comment || null,
      decided_by: actorLabel(ctx.actor),
      decided_at: at.toISOString(),
    });
    if (!after) throw new ConflictError('training.error.assignment_decided');
    const e = a.enrolment_id !== null ? await repo.findEnrolment(trx, a.enrolment_id) : undefined;
    await recordAudit(trx, ctx, {
      action: accepted ? 'training.assignment.accept' : 'training.assignment.return',
      recordType: 'training_assignment',
      recordId: a.id,
      agencyId: e?.agency_id,
      before: { status: a.status },
      after: { status: after.status, comment: after.comment },
    });
    if (!accepted) await tellReturned(deps, trx, after, programme);
    if (e) await refreshCompletion(deps, trx, ctx, e, programme, at);
    else if (a.guest_id !== null) {
      const g = await repo.findGuest(trx, a.guest_id);
      if (g) await refreshGuestCompletion(deps, trx, ctx, g, programme, at);
    }
    return after;
  });
}

/**
 * The PDF of an assignment, for its person, a trainer of the offering or the office (the agency's
 * administrator reads the decision on the record, not the work); the read is audited.
 */
export async function readAssignmentFile(deps: Deps, ctx: Ctx, assignmentId: number) {
  const a = await repo.findAssignment(deps.db, assignmentId);
  if (!a?.file_key) throw new NotFoundError();
  const { trainers } = await contextOf(deps.db, a.offering_id);
  const e = a.enrolment_id !== null ? await repo.findEnrolment(deps.db, a.enrolment_id) : undefined;
  const own = !!e && ctx.actor.kind === 'user' && ctx.actor.id === e.user_id;
  authorize(own || trainingPolicy.markAttendance(ctx.actor, trainers), 'training.assignment.not_reviewer');
  const body = await deps.storage.get(a.file_key);
  await recordAuditNow(deps.db, ctx, {
    action: 'training.assignment.read',
    recordType: 'training_assignment',
    recordId: a.id,
    agencyId: e?.agency_id,
    after: { file: a.file_name, file_sha256: a.file_sha256 },
  });
  const name = a.file_name ?? 'assignment.pdf';
  return {
    body,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${name.replace(/[^\w.-]+/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  };
}
