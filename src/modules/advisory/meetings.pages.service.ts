import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { calendar } from '../../platform/ical.ts';
import { findUser } from '../identity/public.ts';
import * as repo from './advisory.repo.ts';
import { readableMeeting } from './meetings.service.ts';

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
  return {
    request,
    meeting,
    attendees: people,
    tasks,
    owners,
    /** The schedules it had before each move, and the minutes' earlier wordings. */
    versions: await repo.listMeetingVersions(deps.db, meetingId),
    minutesEdits: await repo.listMinutesEdits(deps.db, meetingId),
    canRecord: working && !meeting.cancelled_at && !meeting.minutes_at && Date.parse(meeting.starts_at) <= now.getTime(),
    /** Move it or call it off: until its minutes are recorded. */
    canChange: working && !meeting.cancelled_at && !meeting.minutes_at,
    canEditMinutes: working && meeting.minutes_at !== null,
  };
}
export type MeetingView = Awaited<ReturnType<typeof meetingView>>;

/** The meeting's iCalendar file, for anyone who may read the request. */
export async function meetingIcs(deps: Deps, ctx: Ctx, id: number, meetingId: number) {
  const v = await meetingView(deps, ctx, id, meetingId);
  const m = v.meeting;
  const host = new URL(deps.config.baseUrl).host;
  // A moved meeting keeps its UID with a higher SEQUENCE, so calendars replace it; a cancelled one withdraws it.
  const changed = [m.created_at, ...v.versions.map((x) => x.changed_at), m.cancelled_at].filter((x): x is string => Boolean(x)).sort();
  return calendar({
    product: 'Advisory',
    now: new Date(changed[changed.length - 1] ?? m.created_at),
    method: m.cancelled_at ? 'CANCEL' : 'PUBLISH',
    events: [
      {
        uid: `advisory-meeting-${m.id}@${host}`,
        sequence: m.sequence,
        status: m.cancelled_at ? 'CANCELLED' : 'CONFIRMED',
        start: m.starts_at,
        end: m.ends_at,
        summary: m.title,
        description: [v.request.title, m.agenda ?? '', m.online_url ?? ''].filter(Boolean).join('\n\n'),
        location: m.place ?? m.online_url,
        url: `${deps.config.baseUrl}/ar/console/advisory/${id}/meetings/${m.id}`,
        organizer: { name: m.created_by.replace(/\s*<[^<>]*>\s*$/, ''), email: 'noreply@yusr.invalid' },
        attendees: v.attendees.map((a) => ({ name: a.name, email: a.email })),
      },
    ],
  });
}
