import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { localToIso } from '../../platform/i18n/dates.ts';
import type { User } from '../identity/public.ts';
import * as repo from './advisory.repo.ts';
import {
  attendeesInput,
  cancelMeetingInput,
  MINUTES_ACTIONS,
  meetingInput,
  minutesEditInput,
  minutesInput,
  rescheduleInput,
} from './advisory.schema.ts';
import { readableRequest } from './advisory.service.ts';
import { active, advisors, enqueueNotice, office, withRole } from './notices.ts';

// Meetings on a request: the office or an assigned advisor schedules one (its time given in the
// program's zone, Riyadh), with a place or an online link and attendees from the request's people;
// each attendee is emailed an invitation with a link to its iCalendar file. After the meeting the team
// records the minutes and decisions; each action written with them becomes a task on the request.
// Who may read a meeting is who may read its request: the requesting agency its own, other agencies 403.
// Until its minutes are recorded the team may move a meeting (a new time, place or agenda, with the
// reason; the earlier schedule is kept) or call it off with a reason; either raises its revision,
// which the calendar file carries as SEQUENCE (a cancelled one is METHOD:CANCEL), and every attendee
// is emailed in their language. Recorded minutes may be corrected by the team, with a reason; each
// earlier wording is kept and shown, and the attendees hear of the correction. Who attends may change
// until the minutes are recorded: the revision rises, the change is kept with whom it added and
// removed, those added are invited and those removed are told (each in their language), and the
// calendar file withdraws the meeting for someone removed.

const MINUTE = 60_000;

/** The request's people: the program office, the requesting agency's administrators and editors, the assigned advisors. */
export async function meetingCandidates(deps: Deps, r: repo.RequestRow): Promise<User[]> {
  const people = new Map<number, User>();
  for (const u of [
    ...(await office(deps)),
    ...(await withRole(deps, 'agency_admin', r.agency_id)),
    ...(await withRole(deps, 'agency_editor', r.agency_id)),
    ...(await advisors(deps, r.id)),
  ])
    people.set(u.id, u);
  return active([...people.values()]).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
}

/** The team on the request: the office and the assigned advisors, while the work or the agency's response is under way. */
async function teamRequest(deps: Deps, ctx: Ctx, id: number) {
  const { request, access } = await readableRequest(deps, ctx, id);
  authorize(access.office || access.assignment !== null);
  if (request.status !== 'accepted' && request.status !== 'delivered') throw new ConflictError('advisory.error.status');
  return request;
}

export async function scheduleMeeting(deps: Deps, ctx: Ctx, id: number, raw: unknown, now = new Date()) {
  const request = await teamRequest(deps, ctx, id);
  const values = { ...((raw ?? {}) as Record<string, unknown>) };
  values.starts_at = localToIso(values.starts_at as string | undefined, deps.config.timeZone);
  const input = parseInput(meetingInput, values);
  if (Date.parse(input.starts_at) <= now.getTime()) fieldError('starts_at', 'advisory.validation.meeting_past');
  const candidates = new Set((await meetingCandidates(deps, request)).map((u) => u.id));
  const attendees = [...new Set(input.attendees)];
  if (attendees.some((u) => !candidates.has(u))) fieldError('attendees', 'advisory.validation.attendee_unknown');
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('advisory_meetings')
      .values({
        request_id: id,
        title: input.title,
        starts_at: input.starts_at,
        ends_at: new Date(Date.parse(input.starts_at) + input.duration * MINUTE).toISOString(),
        place: input.place ?? null,
        online_url: input.online_url ?? null,
        agenda: input.agenda ?? null,
        minutes: null,
        decisions: null,
        minutes_by: null,
        minutes_at: null,
        created_by: actorLabel(ctx.actor),
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('advisory_meeting_attendees')
      .values(attendees.map((user_id) => ({ meeting_id: row.id, user_id })))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'advisory.meeting',
      recordType: 'advisory_meeting',
      recordId: row.id,
      agencyId: request.agency_id,
      after: { ...row, attendees },
    });
    await enqueueNotice(trx, { requestId: id, event: 'meeting', ref: row.id });
    return row;
  });
}

/** A meeting of a request the actor may read, with its attendees' ids. */
export async function readableMeeting(deps: Deps, ctx: Ctx, id: number, meetingId: number) {
  const { request, access } = await readableRequest(deps, ctx, id);
  const meeting = await repo.findMeeting(deps.db, meetingId);
  if (!meeting || meeting.request_id !== id) throw new NotFoundError();
  return { request, access, meeting, attendees: await repo.listAttendees(deps.db, [meetingId]) };
}

/** The minutes and decisions of a meeting that took place; each action written with them becomes a task. */
export async function recordMinutes(deps: Deps, ctx: Ctx, id: number, meetingId: number, raw: unknown, now = new Date()) {
  const request = await teamRequest(deps, ctx, id);
  const meeting = await repo.findMeeting(deps.db, meetingId);
  if (!meeting || meeting.request_id !== id) throw new NotFoundError();
  if (meeting.cancelled_at) throw new ConflictError('advisory.error.meeting_cancelled');
  if (Date.parse(meeting.starts_at) > now.getTime()) throw new ConflictError('advisory.error.meeting_ahead');
  if (meeting.minutes_at) throw new ConflictError('advisory.error.minutes_recorded');
  const input = parseInput(minutesInput, raw) as { minutes: string; decisions?: string } & Record<string, unknown>;
  const assigned = new Set((await repo.listAssignments(deps.db, id)).map((a) => a.advisor_id));
  const actions: { title: string; owner: number | null; due: string }[] = [];
  for (let n = 1; n <= MINUTES_ACTIONS; n++) {
    const title = input[`action_title_${n}`] as string | undefined;
    if (!title) continue;
    const owner = input[`action_owner_${n}`] as number | undefined;
    if (owner !== undefined && !assigned.has(owner)) fieldError(`action_owner_${n}`, 'advisory.validation.owner_unassigned');
    actions.push({ title, owner: owner ?? null, due: input[`action_due_${n}`] as string });
  }
  return deps.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const row = await trx
      .updateTable('advisory_meetings')
      .set({ minutes: input.minutes, decisions: input.decisions ?? null, minutes_by: actorLabel(ctx.actor), minutes_at: at })
      .where('id', '=', meetingId)
      .where('minutes_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ConflictError('advisory.error.minutes_recorded');
    const tasks = [];
    for (const a of actions)
      tasks.push(
        await repo.insertTask(trx, {
          request_id: id,
          title: a.title,
          owner_advisor_id: a.owner,
          due_on: a.due,
          done_at: null,
          meeting_id: meetingId,
        }),
      );
    await recordAudit(trx, ctx, {
      action: 'advisory.minutes',
      recordType: 'advisory_meeting',
      recordId: meetingId,
      agencyId: request.agency_id,
      before: { minutes: null },
      after: { minutes: row.minutes, decisions: row.decisions, tasks: tasks.map((t) => t.id) },
    });
    await enqueueNotice(trx, { requestId: id, event: 'minutes', ref: meetingId });
    return { meeting: row, tasks };
  });
}

/** A meeting of the request the team may still move or call off: not cancelled, its minutes not recorded. */
async function changeableMeeting(deps: Deps, ctx: Ctx, id: number, meetingId: number) {
  const request = await teamRequest(deps, ctx, id);
  const meeting = await repo.findMeeting(deps.db, meetingId);
  if (!meeting || meeting.request_id !== id) throw new NotFoundError();
  if (meeting.cancelled_at) throw new ConflictError('advisory.error.meeting_cancelled');
  if (meeting.minutes_at) throw new ConflictError('advisory.error.minutes_recorded');
  return { request, meeting };
}

/** Moves a meeting (time, length, place, link, agenda, title) with the reason; the attendees stay invited and are told. */
export async function rescheduleMeeting(deps: Deps, ctx: Ctx, id: number, meetingId: number, raw: unknown, now = new Date()) {
  const { request, meeting } = await changeableMeeting(deps, ctx, id, meetingId);
  const values = { ...((raw ?? {}) as Record<string, unknown>) };
  values.starts_at = localToIso(values.starts_at as string | undefined, deps.config.timeZone);
  const input = parseInput(rescheduleInput, values);
  if (Date.parse(input.starts_at) <= now.getTime()) fieldError('starts_at', 'advisory.validation.meeting_past');
  const next = {
    title: input.title,
    starts_at: input.starts_at,
    ends_at: new Date(Date.parse(input.starts_at) + input.duration * MINUTE).toISOString(),
    place: input.place ?? null,
    online_url: input.online_url ?? null,
    agenda: input.agenda ?? null,
  };
  const was = {
    title: meeting.title,
    starts_at: meeting.starts_at,
    ends_at: meeting.ends_at,
    place: meeting.place,
    online_url: meeting.online_url,
    agenda: meeting.agenda,
  };
  if ((Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === was[k]))
    fieldError('starts_at', 'advisory.validation.meeting_unchanged');
  return deps.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const row = await trx
      .updateTable('advisory_meetings')
      .set({ ...next, sequence: meeting.sequence + 1 })
      .where('id', '=', meetingId)
      .where('sequence', '=', meeting.sequence)
      .where('cancelled_at', 'is', null)
      .where('minutes_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    // Someone else moved, cancelled or minuted it since it was read.
    if (!row) throw new ConflictError('advisory.error.meeting_changed');
    await trx
      .insertInto('advisory_meeting_versions')
      .values({
        meeting_id: meetingId,
        sequence: meeting.sequence,
        ...was,
        reason: input.reason,
        changed_by: actorLabel(ctx.actor),
        changed_at: at,
      })
      .execute();
    await recordAudit(trx, ctx, {
      action: 'advisory.meeting_reschedule',
      recordType: 'advisory_meeting',
      recordId: meetingId,
      agencyId: request.agency_id,
      before: { ...was, sequence: meeting.sequence },
      after: { ...next, sequence: row.sequence, reason: input.reason },
    });
    await enqueueNotice(trx, { requestId: id, event: 'rescheduled', ref: meetingId, seq: row.sequence });
    return row;
  });
}

/** Sets who attends a meeting that may still change: people of the request, at least one, not the same as before. */
export async function changeAttendees(deps: Deps, ctx: Ctx, id: number, meetingId: number, raw: unknown) {
  const input = parseInput(attendeesInput, raw);
  const { request, meeting } = await changeableMeeting(deps, ctx, id, meetingId);
  const candidates = new Set((await meetingCandidates(deps, request)).map((u) => u.id));
  const before = (await repo.listAttendees(deps.db, [meetingId])).map((a) => a.user_id);
  const next = [...new Set(input.attendees)];
  const added = next.filter((u) => !before.includes(u));
  const removed = before.filter((u) => !next.includes(u));
  // Someone already invited stays invited even if they are no longer among the request's people.
  if (added.some((u) => !candidates.has(u))) fieldError('attendees', 'advisory.validation.attendee_unknown');
  if (added.length === 0 && removed.length === 0) fieldError('attendees', 'advisory.validation.attendees_unchanged');
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('advisory_meetings')
      .set({ sequence: meeting.sequence + 1 })
      .where('id', '=', meetingId)
      .where('sequence', '=', meeting.sequence)
      .where('cancelled_at', 'is', null)
      .where('minutes_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ConflictError('advisory.error.meeting_changed');
    if (removed.length)
      await trx.deleteFrom('advisory_meeting_attendees').where('meeting_id', '=', meetingId).where('user_id', 'in', removed).execute();
    if (added.length)
      await trx
        .insertInto('advisory_meeting_attendees')
        .values(added.map((user_id) => ({ meeting_id: meetingId, user_id })))
        .execute();
    const change = await trx
      .insertInto('advisory_attendee_changes')
      .values({
        meeting_id: meetingId,
        sequence: row.sequence,
        added: added.join(','),
        removed: removed.join(','),
        changed_by: actorLabel(ctx.actor),
        changed_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'advisory.meeting_attendees',
      recordType: 'advisory_meeting',
      recordId: meetingId,
      agencyId: request.agency_id,
      before: { attendees: before, sequence: meeting.sequence },
      after: { attendees: next, added, removed, sequence: row.sequence },
    });
    if (added.length) await enqueueNotice(trx, { requestId: id, event: 'attendee_added', ref: meetingId, seq: change.id });
    if (removed.length) await enqueueNotice(trx, { requestId: id, event: 'attendee_removed', ref: meetingId, seq: change.id });
    return { meeting: row, change };
  });
}

/** Calls a meeting off with the reason; its calendar file becomes a cancellation and the attendees are told. */
export async function cancelMeeting(deps: Deps, ctx: Ctx, id: number, meetingId: number, raw: unknown) {
  const input = parseInput(cancelMeetingInput, raw);
  const { request, meeting } = await changeableMeeting(deps, ctx, id, meetingId);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('advisory_meetings')
      .set({
        cancelled_at: nowIso(),
        cancelled_by: actorLabel(ctx.actor),
        cancel_reason: input.cancel_reason,
        sequence: meeting.sequence + 1,
      })
      .where('id', '=', meetingId)
      .where('sequence', '=', meeting.sequence)
      .where('cancelled_at', 'is', null)
      .where('minutes_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ConflictError('advisory.error.meeting_changed');
    await recordAudit(trx, ctx, {
      action: 'advisory.meeting_cancel',
      recordType: 'advisory_meeting',
      recordId: meetingId,
      agencyId: request.agency_id,
      before: { cancelled_at: null, sequence: meeting.sequence },
      after: { cancelled_at: row.cancelled_at, reason: input.cancel_reason, sequence: row.sequence },
    });
    await enqueueNotice(trx, { requestId: id, event: 'cancelled', ref: meetingId, seq: row.sequence });
    return row;
  });
}

/** Recorded minutes the team may correct: the meeting's, on a request still under way. */
export async function editableMinutes(deps: Deps, ctx: Ctx, id: number, meetingId: number) {
  const request = await teamRequest(deps, ctx, id);
  const meeting = await repo.findMeeting(deps.db, meetingId);
  if (!meeting || meeting.request_id !== id) throw new NotFoundError();
  if (!meeting.minutes_at || meeting.minutes === null) throw new ConflictError('advisory.error.minutes_missing');
  return { request, meeting };
}

/** Corrects the minutes and decisions with the reason; the earlier wording is kept and the attendees are told. */
export async function editMinutes(deps: Deps, ctx: Ctx, id: number, meetingId: number, raw: unknown) {
  const input = parseInput(minutesEditInput, raw);
  const { request, meeting } = await editableMinutes(deps, ctx, id, meetingId);
  const decisions = input.decisions || null;
  if (input.minutes === meeting.minutes && decisions === meeting.decisions) fieldError('minutes', 'advisory.validation.minutes_unchanged');
  return deps.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const row = await trx
      .updateTable('advisory_meetings')
      .set({ minutes: input.minutes, decisions, minutes_edited_at: at })
      .where('id', '=', meetingId)
      // Unchanged since it was read: two corrections at once keep both earlier wordings in order.
      .where('minutes', '=', meeting.minutes as string)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ConflictError('advisory.error.meeting_changed');
    const edit = await trx
      .insertInto('advisory_minutes_edits')
      .values({
        meeting_id: meetingId,
        minutes: meeting.minutes as string,
        decisions: meeting.decisions,
        reason: input.reason,
        edited_by: actorLabel(ctx.actor),
        edited_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'advisory.minutes_edit',
      recordType: 'advisory_meeting',
      recordId: meetingId,
      agencyId: request.agency_id,
      before: { minutes: meeting.minutes, decisions: meeting.decisions },
      after: { minutes: row.minutes, decisions: row.decisions, reason: input.reason },
    });
    await enqueueNotice(trx, { requestId: id, event: 'minutes_edited', ref: meetingId, seq: edit.id });
    return row;
  });
}
