import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorAgencyIds, actorLabel, type Ctx, hasAgencyRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, ForbiddenError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { type Lang, translate } from '../../platform/i18n/i18n.ts';
import { queueEmail } from '../../platform/messaging/messaging.ts';
import { findUser, findUsers } from '../identity/public.ts';
import { tellGuest } from './guests.service.ts';
import { trainingPolicy } from './training.policy.ts';
import * as repo from './training.repo.ts';
import { enrolInput, nominateInput } from './training.schema.ts';
import type { EnrolmentStatus } from './training.tables.ts';

// Enrolment: staff ask for a seat and their agency administrator approves (or nominates them
// directly); seats are taken by one conditional update on the offering's counter, inside a
// transaction that first locks the offering's row, so concurrent sign-ups can never overbook it on
// either engine; a full offering puts people on a waitlist in sign-up order, and a freed seat goes
// to the first of them in the same transaction. Each person hears of each decision by email.

const ACTIVE: readonly EnrolmentStatus[] = ['requested', 'enrolled', 'waitlisted'];

/** Locks an open offering of a published programme, or says why there is nothing to enrol in. */
export async function lockOpenOffering(trx: Executor, offeringId: number) {
  const o = await repo.lockOffering(trx, offeringId);
  if (!o) throw new NotFoundError();
  const p = await repo.findProgramme(trx, o.programme_id);
  if (!p?.published) throw new NotFoundError();
  if (o.status !== 'open') throw new ConflictError('training.error.offering_closed');
  return { offering: o, programme: p };
}

type Kind = 'requested' | 'enrolled' | 'waitlisted' | 'promoted' | 'rejected' | 'cancelled';
const mail = {
  requested: ['training.mail.requested.subject', 'training.mail.requested.text'],
  enrolled: ['training.mail.enrolled.subject', 'training.mail.enrolled.text'],
  waitlisted: ['training.mail.waitlisted.subject', 'training.mail.waitlisted.text'],
  promoted: ['training.mail.promoted.subject', 'training.mail.promoted.text'],
  rejected: ['training.mail.rejected.subject', 'training.mail.rejected.text'],
  cancelled: ['training.mail.cancelled.subject', 'training.mail.cancelled.text'],
} as const;

/** Queues the email that tells a person what happened to their enrolment, in the caller's transaction. */
async function tell(deps: Deps, trx: Executor, e: repo.EnrolmentRow, kind: Kind) {
  const user = await findUser(trx, e.user_id);
  const o = await repo.findOffering(trx, e.offering_id);
  const p = o ? await repo.findProgramme(trx, o.programme_id) : undefined;
  if (!user || !o || !p) return;
  const lang = user.locale;
  const params = {
    programme: lang === 'ar' ? p.title_ar : p.title_en,
    starts: o.starts_on,
    position: e.waitlist_position ?? 0,
    link: `${deps.config.baseUrl}/${lang}/console/training/record`,
  };
  await queueEmail(trx, deps.config.mailFrom, {
    key: `training:enrolment:${e.id}:${kind}:${nowIso()}`,
    to: user.email,
    locale: lang,
    subject: translate(lang, mail[kind][0], params),
    text: translate(lang, mail[kind][1], params),
    source: 'training',
    refType: 'training_enrolment',
    refId: e.id,
    recipientId: user.id,
  });
}

/** Emails the agency's administrators that a request waits for them, in the caller's transaction. */
async function tellApprovers(deps: Deps, trx: Executor, e: repo.EnrolmentRow, person: string) {
  const o = await repo.findOffering(trx, e.offering_id);
  const p = o ? await repo.findProgramme(trx, o.programme_id) : undefined;
  if (!o || !p) return;
  for (const admin of await findUsers(trx, { agencyIds: [e.agency_id], role: 'agency_admin', status: 'active' }, 100, 0)) {
    const lang = admin.locale;
    const params = {
      person,
      programme: lang === 'ar' ? p.title_ar : p.title_en,
      starts: o.starts_on,
      link: `${deps.config.baseUrl}/${lang}/console/training/agencies/${e.agency_id}`,
    };
    await queueEmail(trx, deps.config.mailFrom, {
      key: `training:enrolment:${e.id}:approver:${admin.id}:${nowIso()}`,
      to: admin.email,
      locale: lang,
      subject: translate(lang, 'training.mail.approve.subject', params),
      text: translate(lang, 'training.mail.approve.text', params),
      source: 'training',
      refType: 'training_enrolment',
      refId: e.id,
      recipientId: admin.id,
    });
  }
}

/** Gives an approved person a seat, or the next place on the waitlist (the offering is locked and open). */
async function seatOrWaitlist(deps: Deps, trx: Executor, ctx: Ctx, e: repo.EnrolmentRow, action: string, at: Date) {
  const seated = await repo.takeSeat(trx, e.offering_id, ['open']);
  const after = await repo.updateEnrolment(
    trx,
    e.id,
    {
      status: seated ? 'enrolled' : 'waitlisted',
      waitlist_position: seated ? null : await repo.nextWaitlistPosition(trx, e.offering_id),
      decided_by: actorLabel(ctx.actor),
      decided_at: at.toISOString(),
    },
    at,
  );
  await recordAudit(trx, ctx, {
    action,
    recordType: 'training_enrolment',
    recordId: e.id,
    agencyId: e.agency_id,
    before: { status: e.status },
    after: { status: after.status, waitlist_position: after.waitlist_position },
  });
  await tell(deps, trx, after, seated ? 'enrolled' : 'waitlisted');
  return after;
}

/**
 * Gives freed seats to the waitlist, first come first served, while the offering has seats (called
 * inside a transaction that holds the offering's lock: when a seat is released, the capacity grows,
 * or the offering reopens).
 */
export async function promoteWaitlisted(deps: Deps, trx: Executor, ctx: Ctx, offeringId: number, at = new Date()): Promise<number> {
  let promoted = 0;
  for (;;) {
    // Staff and members of the public share one waitlist sequence: the lower position goes first.
    const staff = await repo.firstWaitlisted(trx, offeringId);
    const guest = await repo.firstWaitlistedGuest(trx, offeringId);
    const guestFirst = !!guest && (!staff || (guest.waitlist_position ?? 0) < (staff.waitlist_position ?? 0));
    if ((!staff && !guest) || !(await repo.takeSeat(trx, offeringId, ['open', 'closed']))) return promoted;
    if (guestFirst && guest) {
      const after = await repo.updateGuest(trx, guest.id, { status: 'enrolled', waitlist_position: null }, at);
      await recordAudit(trx, ctx, {
        action: 'training.guest.promote',
        recordType: 'training_guest',
        recordId: guest.id,
        before: { status: 'waitlisted', waitlist_position: guest.waitlist_position },
        after: { status: 'enrolled' },
      });
      await tellGuest(deps, trx, after, 'promoted');
    } else if (staff) {
      const after = await repo.updateEnrolment(trx, staff.id, { status: 'enrolled', waitlist_position: null }, at);
      await recordAudit(trx, ctx, {
        action: 'training.enrolment.promote',
        recordType: 'training_enrolment',
        recordId: staff.id,
        agencyId: staff.agency_id,
        before: { status: 'waitlisted', waitlist_position: staff.waitlist_position },
        after: { status: 'enrolled' },
      });
      await tell(deps, trx, after, 'promoted');
    }
    promoted++;
  }
}

/**
 * Refuses (409, naming the first missing programme in the person's language) when a person has not
 * completed every programme the offering's programme requires, unless the office waived them for it.
 */
export async function checkPrerequisites(trx: Executor, programmeId: number, userId: number, lang: Lang) {
  const required = await repo.prerequisiteIds(trx, programmeId);
  if (!required.length || (await repo.findWaiver(trx, programmeId, userId))) return;
  const done = new Set(await repo.completedProgrammeIds(trx, userId));
  for (const id of required) {
    if (done.has(id)) continue;
    const p = await repo.findProgramme(trx, id);
    throw new ConflictError('training.error.prerequisite_missing', {
      programme: p ? (lang === 'ar' ? p.title_ar : p.title_en) : String(id),
    });
  }
}

/** Creates (or renews, after a rejection or cancellation) one person's enrolment row for an offering. */
async function upsertEnrolment(trx: Executor, offeringId: number, userId: number, agencyId: number, nominated: boolean, at: Date) {
  const existing = await repo.findEnrolmentOf(trx, offeringId, userId);
  if (existing && ACTIVE.includes(existing.status)) return { row: existing, fresh: false };
  const fields = {
    agency_id: agencyId,
    status: 'requested' as const,
    waitlist_position: null,
    nominated: nominated ? 1 : 0,
    decided_by: null,
    decided_at: null,
    completed_at: null,
    completion_basis: null,
    completion_reason: null,
  };
  const row = existing
    ? await repo.updateEnrolment(trx, existing.id, fields, at)
    : await repo.insertEnrolment(trx, { offering_id: offeringId, user_id: userId, ...fields }, at);
  return { row, fresh: true };
}

/**
 * A member of an agency's staff asks for a seat on an open offering. The request waits for the
 * agency administrator; an administrator's own request is decided at once (they are its approver).
 * `at` (here and in the decisions below) is when it happened: now, or the demo's past day.
 */
export async function enrolSelf(deps: Deps, ctx: Ctx, offeringId: number, raw: unknown, at = new Date()) {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new ForbiddenError('training.enrol.not_a_person');
  const input = parseInput(enrolInput, raw);
  const staffAgencies = actorAgencyIds(actor).filter((id) => trainingPolicy.enrolSelf(actor, id));
  const agencyId = input.agency_id ?? (staffAgencies.length === 1 ? staffAgencies[0] : undefined);
  authorize(staffAgencies.length > 0, 'training.enrol.not_staff');
  if (agencyId === undefined) fieldError('agency_id', 'training.validation.agency_choose');
  authorize(trainingPolicy.enrolSelf(actor, agencyId), 'training.enrol.other_agency');
  return deps.db.transaction().execute(async (trx) => {
    const { programme } = await lockOpenOffering(trx, offeringId);
    const { row, fresh } = await upsertEnrolment(trx, offeringId, actor.id, agencyId, false, at);
    if (!fresh) throw new ConflictError('training.error.already_enrolled');
    await checkPrerequisites(trx, programme.id, actor.id, ctx.lang);
    if (hasAgencyRole(actor, agencyId, 'agency_admin')) return seatOrWaitlist(deps, trx, ctx, row, 'training.enrolment.enrol', at);
    await recordAudit(trx, ctx, {
      action: 'training.enrolment.request',
      recordType: 'training_enrolment',
      recordId: row.id,
      agencyId,
      after: { offering_id: offeringId, user_id: actor.id, status: 'requested' },
    });
    await tell(deps, trx, row, 'requested');
    await tellApprovers(deps, trx, row, actor.name);
    return row;
  });
}

/**
 * An agency administrator nominates members of their staff (chosen from a list): each gets a seat
 * or a waitlist place at once, all in one transaction; people already enrolled are left as they are.
 */
export async function nominate(deps: Deps, ctx: Ctx, offeringId: number, agencyId: number, raw: unknown, at = new Date()) {
  authorize(trainingPolicy.manageAgency(ctx.actor, agencyId), 'training.nominate.other_agency');
  const { user_ids } = parseInput(nominateInput, raw);
  const staff = new Set((await findUsers(deps.db, { agencyIds: [agencyId], status: 'active' }, 100_000, 0)).map((u) => u.id));
  for (const id of user_ids) if (!staff.has(id)) fieldError('user_ids', 'training.validation.not_staff');
  return deps.db.transaction().execute(async (trx) => {
    const { programme } = await lockOpenOffering(trx, offeringId);
    const out: repo.EnrolmentRow[] = [];
    for (const userId of [...new Set(user_ids)]) {
      const person = await findUser(trx, userId);
      try {
        await checkPrerequisites(trx, programme.id, userId, ctx.lang);
      } catch (e) {
        if (e instanceof ConflictError)
          fieldError('user_ids', 'training.validation.prerequisite_person', {
            person: person?.name ?? '',
            programme: String(e.params?.programme ?? ''),
          });
        throw e;
      }
      const { row, fresh } = await upsertEnrolment(trx, offeringId, userId, agencyId, true, at);
      if (fresh) out.push(await seatOrWaitlist(deps, trx, ctx, row, 'training.enrolment.nominate', at));
      else if (row.status === 'requested') out.push(await seatOrWaitlist(deps, trx, ctx, row, 'training.enrolment.approve', at));
    }
    return out;
  });
}

async function requestOf(deps: Deps, ctx: Ctx, id: number) {
  const e = await repo.findEnrolment(deps.db, id);
  if (!e) throw new NotFoundError();
  authorize(trainingPolicy.manageAgency(ctx.actor, e.agency_id), 'training.decide.other_agency');
  return e;
}

/** The agency administrator approves a request: a seat if one is free, else the waitlist. */
export async function approve(deps: Deps, ctx: Ctx, id: number, at = new Date()) {
  const first = await requestOf(deps, ctx, id);
  return deps.db.transaction().execute(async (trx) => {
    await lockOpenOffering(trx, first.offering_id);
    const e = await repo.findEnrolment(trx, id);
    if (e?.status !== 'requested') throw new ConflictError('training.error.not_requested');
    return seatOrWaitlist(deps, trx, ctx, e, 'training.enrolment.approve', at);
  });
}

/** The agency administrator turns a request down. */
export async function reject(deps: Deps, ctx: Ctx, id: number, at = new Date()) {
  const first = await requestOf(deps, ctx, id);
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockOffering(trx, first.offering_id);
    const e = await repo.findEnrolment(trx, id);
    if (e?.status !== 'requested') throw new ConflictError('training.error.not_requested');
    const after = await repo.updateEnrolment(
      trx,
      id,
      { status: 'rejected', decided_by: actorLabel(ctx.actor), decided_at: at.toISOString() },
      at,
    );
    await recordAudit(trx, ctx, {
      action: 'training.enrolment.reject',
      recordType: 'training_enrolment',
      recordId: id,
      agencyId: e.agency_id,
      before: { status: e.status },
      after: { status: 'rejected' },
    });
    await tell(deps, trx, after, 'rejected');
    return after;
  });
}

/**
 * Cancels an enrolment (the person, their agency administrator or the program administrator). A
 * freed seat goes to the first person on the waitlist in the same transaction.
 */
export async function cancel(deps: Deps, ctx: Ctx, id: number, at = new Date()) {
  const first = await repo.findEnrolment(deps.db, id);
  if (!first) throw new NotFoundError();
  authorize(trainingPolicy.cancel(ctx.actor, first), 'training.cancel.not_yours');
  return deps.db.transaction().execute(async (trx) => {
    const o = await repo.lockOffering(trx, first.offering_id);
    if (!o) throw new NotFoundError();
    const e = await repo.findEnrolment(trx, id);
    if (!e || !ACTIVE.includes(e.status)) throw new ConflictError('training.error.not_active');
    if (o.status === 'completed' || o.status === 'cancelled' || e.completed_at) throw new ConflictError('training.error.offering_finished');
    const after = await repo.updateEnrolment(trx, id, { status: 'cancelled', waitlist_position: null }, at);
    await recordAudit(trx, ctx, {
      action: 'training.enrolment.cancel',
      recordType: 'training_enrolment',
      recordId: id,
      agencyId: e.agency_id,
      before: { status: e.status },
      after: { status: 'cancelled' },
    });
    await tell(deps, trx, after, 'cancelled');
    if (e.status === 'enrolled') {
      await repo.releaseSeat(trx, e.offering_id);
      await promoteWaitlisted(deps, trx, ctx, e.offering_id, at);
    }
    return after;
  });
}
