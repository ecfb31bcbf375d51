import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { localDate } from '../../platform/i18n/dates.ts';
import { allAgencies, getAgency, listUsers } from '../identity/public.ts';
import * as repo from './committees.repo.ts';
import { planPolicy } from './plan.policy.ts';
import { committeeDecisionInput, committeeInput, meetingInput, memberInput, minutesInput } from './plan.schema.ts';
import { type AttendanceStatus, attendanceStatuses } from './plan.tables.ts';

// Each agency's e-transactions committee. The agency's administrator keeps it (members and the one
// chair, meetings with agenda and minutes, the minutes' decisions as actions with an owner and due
// day); the agency's staff read it; the program office and leadership read every agency's and see
// which agencies have none or have overdue actions. Another agency sees nothing (404). Every change is
// audited in its transaction.

export type { ActionRow, AttendanceRow, CommitteeRow, MeetingRow, MemberRow } from './committees.repo.ts';

export type ActionState = 'open' | 'done' | 'overdue';

/** An action's state on `today` (a local calendar day): done, overdue (open past its due day) or open. */
export function actionState(a: { status: string; due_on: string }, today: string): ActionState {
  if (a.status === 'done') return 'done';
  return a.due_on < today ? 'overdue' : 'open';
}

const today = (deps: Deps, now = new Date()) => localDate(now, deps.config.timeZone);

/** The agency, if the actor may read its committee; another agency's staff get a 404. */
async function readableAgency(deps: Deps, ctx: Ctx, agencyId: number) {
  if (!planPolicy.readCommittee(ctx.actor, agencyId)) throw new NotFoundError();
  return getAgency(deps, agencyId);
}

async function keptCommittee(deps: Deps, ctx: Ctx, committeeId: number) {
  const committee = await repo.findCommittee(deps.db, committeeId);
  if (!committee) throw new NotFoundError();
  await readableAgency(deps, ctx, committee.agency_id);
  authorize(planPolicy.keepCommittee(ctx.actor, committee.agency_id));
  return committee;
}

/** The agency's active accounts, offered as members. */
export async function agencyAccounts(deps: Deps, agencyId: number) {
  return (await listUsers(deps, systemCtx('plan'), { agencyIds: [agencyId], status: 'active' }, 1, 500)).items;
}

/** Every agency the actor may read, with its committee's figures: the office's list. */
export async function committeeOverview(deps: Deps, ctx: Ctx, now = new Date()) {
  const day = today(deps, now);
  const agencies = (await allAgencies(deps)).filter((a) => planPolicy.readCommittee(ctx.actor, a.id));
  const committees = new Map((await repo.listCommittees(deps.db)).map((c) => [c.agency_id, c]));
  const open = await repo.listOpenActions(deps.db);
  const rows = agencies.map((agency) => {
    const committee = committees.get(agency.id) ?? null;
    const actions = committee ? open.filter((a) => a.committee_id === committee.id) : [];
    return {
      agency,
      committee,
      open: actions.length,
      overdue: actions.filter((a) => actionState(a, day) === 'overdue').length,
    };
  });
  return {
    rows,
    without: rows.filter((r) => !r.committee).length,
    withOverdue: rows.filter((r) => r.overdue > 0).length,
  };
}

/** An agency's committee (or null before it is set up) with its members, meetings and actions. */
export async function getCommittee(deps: Deps, ctx: Ctx, agencyId: number, now = new Date()) {
  const agency = await readableAgency(deps, ctx, agencyId);
  const committee = (await repo.findCommitteeOfAgency(deps.db, agencyId)) ?? null;
  const canKeep = planPolicy.keepCommittee(ctx.actor, agencyId);
  if (!committee) return { agency, committee, members: [], allMembers: [], meetings: [], actions: [], today: today(deps, now), canKeep };
  const allMembers = await repo.listMembers(deps.db, committee.id, true);
  return {
    agency,
    committee,
    members: allMembers.filter((m) => m.active === 1),
    allMembers,
    meetings: await repo.listMeetings(deps.db, committee.id),
    actions: await repo.listActions(deps.db, committee.id),
    attendance: attendanceRates(allMembers, await repo.listAttendance(deps.db, { committeeId: committee.id })),
    today: today(deps, now),
    canKeep,
  };
}

export interface AttendanceRate {
  member: repo.MemberRow;
  present: number;
  absent: number;
  excused: number;
  /** Meetings whose attendance names the member. */
  recorded: number;
  /** Present ÷ recorded (0–1), null when none is recorded. */
  rate: number | null;
}

/**
 * Each member's attendance over the meetings whose attendance was recorded for them: the current
 * members, and removed ones who have any recorded. An excused absence counts as not present.
 */
export function attendanceRates(members: readonly repo.MemberRow[], rows: readonly repo.AttendanceRow[]): AttendanceRate[] {
  return members
    .map((member) => {
      const mine = rows.filter((r) => r.member_id === member.id);
      const count = (s: AttendanceStatus) => mine.filter((r) => r.status === s).length;
      const present = count('present');
      return {
        member,
        present,
        absent: count('absent'),
        excused: count('excused'),
        recorded: mine.length,
        rate: mine.length ? present / mine.length : null,
      };
    })
    .filter((r) => r.member.active === 1 || r.recorded > 0);
}

/** One meeting with its committee, members and the actions decided in it. */
export async function getMeeting(deps: Deps, ctx: Ctx, meetingId: number, now = new Date()) {
  const meeting = await repo.findMeeting(deps.db, meetingId);
  if (!meeting) throw new NotFoundError();
  const committee = (await repo.findCommittee(deps.db, meeting.committee_id)) as repo.CommitteeRow;
  const agency = await readableAgency(deps, ctx, committee.agency_id);
  const allMembers = await repo.listMembers(deps.db, committee.id, true);
  return {
    agency,
    committee,
    meeting,
    members: allMembers.filter((m) => m.active === 1),
    allMembers,
    actions: await repo.listActions(deps.db, committee.id, meeting.id),
    attendance: await repo.listAttendance(deps.db, { meetingId: meeting.id }),
    held: meeting.held_at <= now.toISOString(),
    today: today(deps, now),
    canKeep: planPolicy.keepCommittee(ctx.actor, committee.agency_id),
  };
}

/** Sets up the agency's committee, or renames it. */
export async function saveCommittee(deps: Deps, ctx: Ctx, agencyId: number, raw: unknown) {
  await readableAgency(deps, ctx, agencyId);
  authorize(planPolicy.keepCommittee(ctx.actor, agencyId));
  const input = parseInput(committeeInput, raw);
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findCommitteeOfAgency(trx, agencyId);
    const after = before
      ? await repo.updateCommittee(trx, before.id, input)
      : await repo.insertCommittee(trx, { ...input, agency_id: agencyId, created_by: actorLabel(ctx.actor) });
    await recordAudit(trx, ctx, {
      action: before ? 'plan.committee.update' : 'plan.committee.create',
      recordType: 'plan_committee',
      recordId: after.id,
      agencyId,
      before,
      after,
    });
    return after;
  });
}

/** Adds a member: one of the agency's active accounts, or a named external member. A new chair replaces the old. */
export async function addMember(deps: Deps, ctx: Ctx, committeeId: number, raw: unknown) {
  const committee = await keptCommittee(deps, ctx, committeeId);
  const input = parseInput(memberInput, raw);
  let name = input.name ?? '';
  if (input.user_id !== undefined) {
    const account = (await agencyAccounts(deps, committee.agency_id)).find((u) => u.id === input.user_id);
    if (!account) fieldError('user_id', 'plan.committee.validation.account');
    const members = await repo.listMembers(deps.db, committee.id);
    if (members.some((m) => m.user_id === account.id)) fieldError('user_id', 'plan.committee.validation.already_member');
    name = account.name;
  }
  return deps.db.transaction().execute(async (trx) => {
    if (input.chair) await repo.clearChair(trx, committee.id);
    const row = await repo.insertMember(trx, {
      committee_id: committee.id,
      user_id: input.user_id ?? null,
      name,
      role_title: input.role_title,
      is_chair: input.chair ? 1 : 0,
      active: 1,
    });
    await recordAudit(trx, ctx, {
      action: 'plan.committee.member_add',
      recordType: 'plan_committee_member',
      recordId: row.id,
      agencyId: committee.agency_id,
      after: row,
    });
    return row;
  });
}

async function keptMember(deps: Deps, ctx: Ctx, memberId: number) {
  const member = await repo.findMember(deps.db, memberId);
  if (member?.active !== 1) throw new NotFoundError();
  return { member, committee: await keptCommittee(deps, ctx, member.committee_id) };
}

/** Makes a member the committee's chair (the previous chair stays a member). */
export async function makeChair(deps: Deps, ctx: Ctx, memberId: number) {
  const { member, committee } = await keptMember(deps, ctx, memberId);
  return deps.db.transaction().execute(async (trx) => {
    await repo.clearChair(trx, committee.id);
    const after = await repo.updateMember(trx, member.id, { is_chair: 1 });
    await recordAudit(trx, ctx, {
      action: 'plan.committee.chair',
      recordType: 'plan_committee_member',
      recordId: member.id,
      agencyId: committee.agency_id,
      before: member,
      after,
    });
    return after;
  });
}

/** Removes a member; they stay named on the actions they own. */
export async function removeMember(deps: Deps, ctx: Ctx, memberId: number) {
  const { member, committee } = await keptMember(deps, ctx, memberId);
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateMember(trx, member.id, { active: 0, is_chair: 0 });
    await recordAudit(trx, ctx, {
      action: 'plan.committee.member_remove',
      recordType: 'plan_committee_member',
      recordId: member.id,
      agencyId: committee.agency_id,
      before: member,
      after,
    });
    return after;
  });
}

/** Schedules a meeting with its agenda (`held_at` in UTC). */
export async function addMeeting(deps: Deps, ctx: Ctx, committeeId: number, raw: unknown) {
  const committee = await keptCommittee(deps, ctx, committeeId);
  const input = parseInput(meetingInput, raw);
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertMeeting(trx, {
      committee_id: committee.id,
      held_at: new Date(input.held_at).toISOString(),
      agenda: input.agenda,
      minutes: null,
      minutes_by: null,
      minutes_at: null,
      created_by: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: 'plan.committee.meeting_add',
      recordType: 'plan_committee_meeting',
      recordId: row.id,
      agencyId: committee.agency_id,
      after: row,
    });
    return row;
  });
}

async function keptMeeting(deps: Deps, ctx: Ctx, meetingId: number) {
  const meeting = await repo.findMeeting(deps.db, meetingId);
  if (!meeting) throw new NotFoundError();
  return { meeting, committee: await keptCommittee(deps, ctx, meeting.committee_id) };
}

/** Records (or corrects) the minutes of a meeting that has been held. */
export async function recordMinutes(deps: Deps, ctx: Ctx, meetingId: number, raw: unknown, now = new Date()) {
  const { meeting, committee } = await keptMeeting(deps, ctx, meetingId);
  const input = parseInput(minutesInput, raw);
  if (meeting.held_at > now.toISOString()) fieldError('minutes', 'plan.committee.validation.not_held');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateMeeting(trx, meeting.id, {
      minutes: input.minutes,
      minutes_by: actorLabel(ctx.actor),
      minutes_at: now.toISOString(),
    });
    await recordAudit(trx, ctx, {
      action: 'plan.committee.minutes',
      recordType: 'plan_committee_meeting',
      recordId: meeting.id,
      agencyId: committee.agency_id,
      before: meeting,
      after,
    });
    return after;
  });
}

/** Records a decision of the minutes as an action owned by a current member, due on a day. */
export async function addDecision(deps: Deps, ctx: Ctx, meetingId: number, raw: unknown) {
  const { meeting, committee } = await keptMeeting(deps, ctx, meetingId);
  const input = parseInput(committeeDecisionInput, raw);
  if (meeting.minutes === null) fieldError('decision', 'plan.committee.validation.minutes_first');
  const owner = await repo.findMember(deps.db, input.owner_member_id);
  if (!owner || owner.committee_id !== committee.id || owner.active !== 1) fieldError('owner_member_id', 'plan.committee.validation.owner');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertAction(trx, {
      committee_id: committee.id,
      meeting_id: meeting.id,
      decision: input.decision,
      owner_member_id: owner.id,
      due_on: input.due_on,
      status: 'open',
      done_on: null,
      created_by: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: 'plan.committee.action_add',
      recordType: 'plan_committee_action',
      recordId: row.id,
      agencyId: committee.agency_id,
      after: row,
    });
    return row;
  });
}

/** Marks an action done (on the local day), or reopens a done one. */
export async function setActionDone(deps: Deps, ctx: Ctx, actionId: number, done: boolean, now = new Date()) {
  const action = await repo.findAction(deps.db, actionId);
  if (!action) throw new NotFoundError();
  const committee = await keptCommittee(deps, ctx, action.committee_id);
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateAction(
      trx,
      action.id,
      done ? { status: 'done', done_on: today(deps, now) } : { status: 'open', done_on: null },
    );
    await recordAudit(trx, ctx, {
      action: done ? 'plan.committee.action_done' : 'plan.committee.action_reopen',
      recordType: 'plan_committee_action',
      recordId: action.id,
      agencyId: committee.agency_id,
      before: action,
      after,
    });
    return after;
  });
}

/** The committee a member belongs to, if the actor may read it (for the page to go back to). */
export async function committeeOfMember(deps: Deps, ctx: Ctx, committeeId: number) {
  const committee = await repo.findCommittee(deps.db, committeeId);
  if (!committee) throw new NotFoundError();
  await readableAgency(deps, ctx, committee.agency_id);
  return committee;
}

/**
 * Records who of the committee attended a meeting that has been held: for each current member (and any
 * member already recorded for it) present, absent or excused, posted as `member_<id>`; a member left
 * unanswered stays unrecorded. Audited with what it replaced.
 */
export async function recordAttendance(deps: Deps, ctx: Ctx, meetingId: number, raw: unknown, now = new Date()) {
  const { meeting, committee } = await keptMeeting(deps, ctx, meetingId);
  const values = (raw ?? {}) as Record<string, unknown>;
  if (meeting.held_at > now.toISOString()) fieldError('attendance', 'plan.committee.validation.not_held_attendance');
  const before = await repo.listAttendance(deps.db, { meetingId: meeting.id });
  const members = (await repo.listMembers(deps.db, committee.id, true)).filter(
    (m) => m.active === 1 || before.some((a) => a.member_id === m.id),
  );
  for (const key of Object.keys(values))
    if (key.startsWith('member_') && !members.some((m) => `member_${m.id}` === key))
      fieldError('attendance', 'plan.committee.validation.attendance_member');
  const chosen: { member_id: number; status: AttendanceStatus }[] = [];
  for (const m of members) {
    const v = values[`member_${m.id}`];
    if (v === undefined || v === '') continue;
    if (!attendanceStatuses.includes(v as AttendanceStatus)) fieldError(`member_${m.id}`, 'plan.committee.validation.attendance_status');
    chosen.push({ member_id: m.id, status: v as AttendanceStatus });
  }
  if (chosen.length === 0) fieldError('attendance', 'plan.committee.validation.attendance_none');
  return deps.db.transaction().execute(async (trx) => {
    for (const c of chosen) await repo.setAttendance(trx, meeting.id, c.member_id, c.status, actorLabel(ctx.actor));
    const after = await repo.listAttendance(trx, { meetingId: meeting.id });
    const brief = (rows: repo.AttendanceRow[]) => rows.map((r) => ({ member_id: r.member_id, status: r.status }));
    await recordAudit(trx, ctx, {
      action: 'plan.committee.attendance',
      recordType: 'plan_committee_meeting',
      recordId: meeting.id,
      agencyId: committee.agency_id,
      before: { attendance: brief(before) },
      after: { attendance: brief(after) },
    });
    return after;
  });
}
