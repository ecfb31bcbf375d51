import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { calendar } from '../../platform/ical.ts';
import { findUser } from '../identity/public.ts';
import * as repo from './advisory.repo.ts';
import { meetingCandidates, readableMeeting } from './meetings.service.ts';

// What the meeting's page and its calendar file read.

/** A meeting with its attendees' names, the tasks its minutes made, and whether the actor may record them. */
export async function meetingView(deps: Deps, ctx: Ctx, id: number, meetingId: number, now = new Date()) {
  const { request, access, meeting, attendees } = await readableMeeting(deps, ctx, id, meetingId);
  const people = [];
  for (const a of attendees) {
    const u = await findUser(deps.db, a.user_id);
    if (u) people.push({ id: u.id, name: u.name, email: u.email });
  }
  const advisorName = new Map<number, string>();
  const owners = [];
  for (const a of await repo.listAssignments(deps.db, id)) {
    const advisor = await repo.findAdvisor(deps.db, a.advisor_id);
    const u = advisor ? await findUser(deps.db, advisor.user_id) : undefined;
    if (u) {
      advisorName.set(a.advisor_id, u.name);
      owners.push({ advisorId: a.advisor_id, name: u.name });
    }
  }
  const tasks = (await repo.listTasks(deps.db, id))
    .filter((k) => k.meeting_id === meetingId)
    .map((k) => ({ ...k, owner: k.owner_advisor_id ? (advisorName.get(k.owner_advisor_id) ?? null) : null }));
  const team = access.office || access.assignment !== null;
  const working = team && (request.status === 'accepted' || request.status === 'delivered');
  const canChange = working && !meeting.cancelled_at && !meeting.minutes_at;
  const names = new Map<number, string>();
  const nameOf = async (userId: number) => {
    if (!names.has(userId)) names.set(userId, (await findUser(deps.db, userId))?.name ?? '—');
    return names.get(userId) as string;
  };
  const attendeeChanges = [];
  for (const c of await repo.listAttendeeChanges(deps.db, meetingId))
    attendeeChanges.push({
      ...c,
      addedNames: await Promise.all(repo.idsOf(c.added).map(nameOf)),
      removedNames: await Promise.all(repo.idsOf(c.removed).map(nameOf)),
    });
  return {
    request,
    meeting,
    attendees: people,
    tasks,
    owners,
    /** The schedules it had before each move, and the minutes' earlier wordings. */
    versions: await repo.listMeetingVersions(deps.db, meetingId),
    minutesEdits: await repo.listMinutesEdits(deps.db, meetingId),
    /** Who was added and removed after it was scheduled, oldest first. */
    attendeeChanges,
    /** Whom the team may invite (the request's people), for the form that changes who attends. */
    candidates: canChange ? await meetingCandidates(deps, request) : [],
    canRecord: working && !meeting.cancelled_at && !meeting.minutes_at && Date.parse(meeting.starts_at) <= now.getTime(),
    /** Move it or call it off: until its minutes are recorded. */
    canChange,
    canEditMinutes: working && meeting.minutes_at !== null,
  };
}
export type MeetingView = Awaited<ReturnType<typeof meetingView>>;

/**
 * The meeting's iCalendar file, for anyone who may read the request. Someone the team removed from
 * the attendees (and did not invite again) gets the meeting withdrawn for them: a cancellation naming
 * them, as a calendar expects when an attendee is dropped.
 */
export async function meetingIcs(deps: Deps, ctx: Ctx, id: number, meetingId: number) {
  const v = await meetingView(deps, ctx, id, meetingId);
  const m = v.meeting;
  const host = new URL(deps.config.baseUrl).host;
  // A moved meeting keeps its UID with a higher SEQUENCE, so calendars replace it; a cancelled one withdraws it.
  const changed = [m.created_at, ...v.versions.map((x) => x.changed_at), ...v.attendeeChanges.map((x) => x.changed_at), m.cancelled_at]
    .filter((x): x is string => Boolean(x))
    .sort();
  const me = ctx.actor.kind === 'user' ? ctx.actor.id : null;
  const lastChange = [...v.attendeeChanges]
    .reverse()
    .find((c) => me !== null && (repo.idsOf(c.added).includes(me) || repo.idsOf(c.removed).includes(me)));
  const removed =
    me !== null && lastChange !== undefined && repo.idsOf(lastChange.removed).includes(me) && !v.attendees.some((a) => a.id === me);
  const withdrawn = Boolean(m.cancelled_at) || removed;
  return calendar({
    product: 'Advisory',
    now: new Date(changed[changed.length - 1] ?? m.created_at),
    method: withdrawn ? 'CANCEL' : 'PUBLISH',
    events: [
      {
        uid: `advisory-meeting-${m.id}@${host}`,
        sequence: m.sequence,
        status: withdrawn ? 'CANCELLED' : 'CONFIRMED',
        start: m.starts_at,
        end: m.ends_at,
        summary: m.title,
        description: [v.request.title, m.agenda ?? '', m.online_url ?? ''].filter(Boolean).join('\n\n'),
        location: m.place ?? m.online_url,
        url: `${deps.config.baseUrl}/ar/console/advisory/${id}/meetings/${m.id}`,
        organizer: { name: m.created_by.replace(/\s*<[^<>]*>\s*$/, ''), email: 'noreply@yusr.invalid' },
        attendees:
          removed && ctx.actor.kind === 'user'
            ? [{ name: ctx.actor.name, email: ctx.actor.email }]
            : v.attendees.map((a) => ({ name: a.name, email: a.email })),
      },
    ],
  });
}
