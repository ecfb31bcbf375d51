import type { Executor } from '../../db.ts';
import type { Deps } from '../../platform/deps.ts';
import { dualDateText } from '../../platform/i18n/dates.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import { findAgency, findUser, findUserByEmail, findUsers, type User } from '../identity/public.ts';
import * as repo from './advisory.repo.ts';

export const ADVISORY_NOTICE_JOB = 'advisory.notice';

/**
 * One step of a request that someone must hear of. `ref` names the step's own record where a request
 * can take it more than once: the pause (information asked and answered), the assignment, the finding.
 */
export interface AdvisoryNotice {
  requestId: number;
  event:
    | 'submitted'
    | 'info_requested'
    | 'info_answered'
    | 'accepted'
    | 'declined'
    | 'assigned'
    | 'delivered'
    | 'responded'
    | 'closed'
    | 'meeting'
    | 'minutes'
    | 'rescheduled'
    | 'cancelled'
    | 'minutes_edited'
    | 'attendee_added'
    | 'attendee_removed';
  ref?: number;
  /** Where one record changes more than once: the meeting's revision, or the minutes' correction. */
  seq?: number;
}

/** Enqueues the notice inside the change's own transaction: it is sent only if the change commits. */
export const enqueueNotice = (trx: Executor, notice: AdvisoryNotice) => enqueue(trx, ADVISORY_NOTICE_JOB, notice);

type Event = AdvisoryNotice['event'];
const subjects = {
  submitted: 'advisory.email.submitted.subject',
  info_requested: 'advisory.email.info_requested.subject',
  info_answered: 'advisory.email.info_answered.subject',
  accepted: 'advisory.email.accepted.subject',
  declined: 'advisory.email.declined.subject',
  assigned: 'advisory.email.assigned.subject',
  delivered: 'advisory.email.delivered.subject',
  responded: 'advisory.email.responded.subject',
  closed: 'advisory.email.closed.subject',
  meeting: 'advisory.email.meeting.subject',
  minutes: 'advisory.email.minutes.subject',
  rescheduled: 'advisory.email.rescheduled.subject',
  cancelled: 'advisory.email.cancelled.subject',
  minutes_edited: 'advisory.email.minutes_edited.subject',
  attendee_added: 'advisory.email.meeting.subject',
  attendee_removed: 'advisory.email.attendee_removed.subject',
} as const satisfies Record<Event, string>;
const bodies = {
  submitted: 'advisory.email.submitted.body',
  info_requested: 'advisory.email.info_requested.body',
  info_answered: 'advisory.email.info_answered.body',
  accepted: 'advisory.email.accepted.body',
  declined: 'advisory.email.declined.body',
  assigned: 'advisory.email.assigned.body',
  delivered: 'advisory.email.delivered.body',
  responded: 'advisory.email.responded.body',
  closed: 'advisory.email.closed.body',
  meeting: 'advisory.email.meeting.body',
  minutes: 'advisory.email.minutes.body',
  rescheduled: 'advisory.email.rescheduled.body',
  cancelled: 'advisory.email.cancelled.body',
  minutes_edited: 'advisory.email.minutes_edited.body',
  attendee_added: 'advisory.email.meeting.body',
  attendee_removed: 'advisory.email.attendee_removed.body',
} as const satisfies Record<Event, string>;
const priorities = { low: 'advisory.priority.low', medium: 'advisory.priority.medium', high: 'advisory.priority.high' } as const;
const responses = {
  accept: 'advisory.response.accept',
  accept_in_part: 'advisory.response.accept_in_part',
  reject: 'advisory.response.reject',
} as const;

export const active = (users: (User | undefined)[]) => users.filter((u): u is User => u?.status === 'active');
export const withRole = (deps: Deps, role: string, agencyId?: number) =>
  findUsers(deps.db, { role, status: 'active', ...(agencyId === undefined ? {} : { agencyIds: [agencyId] }) }, 5000, 0);

/** Whoever triages: the program office (its administrators and reviewers). */
export const office = async (deps: Deps) => [...(await withRole(deps, 'program_admin')), ...(await withRole(deps, 'program_reviewer'))];

/** The person who submitted the request (named in its record as «Name <email>»), while still active. */
async function requester(deps: Deps, r: repo.RequestRow) {
  const email = /<([^<>]+)>\s*$/.exec(r.submitted_by)?.[1];
  return active([email ? await findUserByEmail(deps.db, email) : undefined]);
}

/** The requesting agency: its administrators (`editors` too when the news is for the whole team) and the requester. */
const agency = async (deps: Deps, r: repo.RequestRow, editors: boolean) => [
  ...(await withRole(deps, 'agency_admin', r.agency_id)),
  ...(editors ? await withRole(deps, 'agency_editor', r.agency_id) : []),
  ...(await requester(deps, r)),
];

/** The advisors assigned to the request (or only those with `role`), as people. */
export async function advisors(deps: Deps, requestId: number, role?: 'lead') {
  const people: (User | undefined)[] = [];
  for (const a of await repo.listAssignments(deps.db, requestId)) {
    if (role && a.role !== role) continue;
    const advisor = await repo.findAdvisor(deps.db, a.advisor_id);
    if (advisor) people.push(await findUser(deps.db, advisor.user_id));
  }
  return active(people);
}

async function recipients(deps: Deps, r: repo.RequestRow, n: AdvisoryNotice): Promise<User[]> {
  switch (n.event) {
    case 'submitted':
    case 'info_answered':
      return office(deps);
    case 'info_requested':
      return agency(deps, r, false);
    case 'accepted':
    case 'declined':
    case 'delivered':
      return agency(deps, r, true);
    case 'assigned': {
      const assignment = (await repo.listAssignments(deps.db, r.id)).find((a) => a.id === n.ref);
      const advisor = assignment ? await repo.findAdvisor(deps.db, assignment.advisor_id) : undefined;
      return active([advisor ? await findUser(deps.db, advisor.user_id) : undefined]);
    }
    case 'responded':
      return advisors(deps, r.id, 'lead');
    case 'closed':
      return advisors(deps, r.id);
    case 'meeting':
    case 'minutes':
    case 'rescheduled':
    case 'cancelled':
    case 'minutes_edited': {
      const people = [];
      for (const a of await repo.listAttendees(deps.db, [n.ref ?? 0])) people.push(await findUser(deps.db, a.user_id));
      return active(people);
    }
    case 'attendee_added':
    case 'attendee_removed': {
      // Only the people this change added (or removed): the others' invitation stands as it was.
      const change = (await repo.listAttendeeChanges(deps.db, n.ref ?? 0)).find((c) => c.id === n.seq);
      const ids = change ? repo.idsOf(n.event === 'attendee_added' ? change.added : change.removed) : [];
      const people = [];
      for (const userId of ids) people.push(await findUser(deps.db, userId));
      return active(people);
    }
  }
}

/** What the email says beyond its body: the question, the answer, the reason given. */
async function details(deps: Deps, lang: Lang, r: repo.RequestRow, n: AdvisoryNotice) {
  const params: Record<string, string | number> = { title: r.title, role: 'reviewer' };
  const extra: string[] = [];
  let path = `/console/advisory/${r.id}`;
  const agencyRow = await findAgency(deps.db, r.agency_id);
  params.agency = agencyRow ? (lang === 'ar' ? agencyRow.name_ar : agencyRow.name_en) : '';
  if (n.event === 'info_requested' || n.event === 'info_answered') {
    const pause = (await repo.listPauses(deps.db, [r.id])).find((p) => p.id === n.ref);
    const text = n.event === 'info_requested' ? pause?.question : pause?.answer;
    if (text) extra.push(text);
  }
  if (n.event === 'accepted') params.priority = r.priority ? translate(lang, priorities[r.priority]) : '';
  if (n.event === 'declined' && r.decline_reason) extra.push(r.decline_reason);
  if (n.event === 'assigned')
    params.role = (await repo.listAssignments(deps.db, r.id)).find((a) => a.id === n.ref)?.role === 'lead' ? 'lead' : 'reviewer';
  if (n.event === 'responded') {
    const finding = await repo.findFinding(deps.db, n.ref ?? 0);
    params.finding = finding?.title ?? '';
    params.response = finding?.response ? translate(lang, responses[finding.response]) : '';
    if (finding?.response_reason) extra.push(finding.response_reason);
    if (finding) path = `/console/advisory/${r.id}/findings/${finding.id}`;
  }
  if (n.event === 'closed') Object.assign(params, { rating: r.satisfaction ?? 0, max: 5 });
  if (
    n.event === 'meeting' ||
    n.event === 'minutes' ||
    n.event === 'rescheduled' ||
    n.event === 'cancelled' ||
    n.event === 'minutes_edited' ||
    n.event === 'attendee_added' ||
    n.event === 'attendee_removed'
  ) {
    const m = await repo.findMeeting(deps.db, n.ref ?? 0);
    if (m) {
      path = `/console/advisory/${r.id}/meetings/${m.id}`;
      const when = (iso: string) => dualDateText(lang, iso, deps.config.timeZone, true);
      const ics = `${deps.config.baseUrl}/console/advisory/${r.id}/meetings/${m.id}/invite.ics`;
      params.meeting = m.title;
      params.when = when(m.starts_at);
      const where = (place: string | null, online: string | null) => {
        if (place) extra.push(translate(lang, 'advisory.email.meeting.place', { place }));
        if (online) extra.push(translate(lang, 'advisory.email.meeting.online', { url: online }));
      };
      if (n.event === 'meeting' || n.event === 'attendee_added') {
        where(m.place, m.online_url);
        if (m.agenda) extra.push(m.agenda);
        extra.push(translate(lang, 'advisory.email.meeting.calendar', { url: ics }));
      } else if (n.event === 'rescheduled') {
        // The schedule as this revision set it (a later move sends its own email) and the one it replaced.
        const versions = await repo.listMeetingVersions(deps.db, m.id);
        const earlier = versions.find((v) => v.sequence === (n.seq ?? m.sequence) - 1);
        const now = versions.find((v) => v.sequence === n.seq) ?? m;
        params.meeting = now.title;
        params.when = when(now.starts_at);
        params.before = earlier ? when(earlier.starts_at) : '';
        if (earlier) extra.push(translate(lang, 'advisory.email.reason', { reason: earlier.reason }));
        where(now.place, now.online_url);
        if (now.agenda) extra.push(now.agenda);
        extra.push(translate(lang, 'advisory.email.rescheduled.calendar', { url: ics }));
      } else if (n.event === 'attendee_removed') {
        extra.push(translate(lang, 'advisory.email.attendee_removed.calendar', { url: ics }));
      } else if (n.event === 'cancelled') {
        if (m.cancel_reason) extra.push(translate(lang, 'advisory.email.reason', { reason: m.cancel_reason }));
        extra.push(translate(lang, 'advisory.email.cancelled.calendar', { url: ics }));
      } else if (n.event === 'minutes_edited') {
        // The wording this correction made: what the next correction replaced, or the minutes as they stand.
        const edits = await repo.listMinutesEdits(deps.db, m.id);
        const at = edits.findIndex((e) => e.id === n.seq);
        const edit = edits[at];
        const made = edits[at + 1] ?? m;
        if (edit) extra.push(translate(lang, 'advisory.email.reason', { reason: edit.reason }));
        if (made.minutes) extra.push(made.minutes);
        if (made.decisions) extra.push(translate(lang, 'advisory.email.minutes.decisions', { decisions: made.decisions }));
      } else {
        if (m.minutes) extra.push(m.minutes);
        if (m.decisions) extra.push(translate(lang, 'advisory.email.minutes.decisions', { decisions: m.decisions }));
      }
    }
  }
  return { params, extra, path };
}

/**
 * Emails the people a step of a request reaches, each in their own language, through platform
 * messaging; one email per person and step, ever (a retried job queues nothing twice).
 */
export async function sendAdvisoryNotice(deps: Deps, n: AdvisoryNotice): Promise<number> {
  const r = await repo.findRequest(deps.db, n.requestId);
  if (!r) return 0;
  const people = new Map((await recipients(deps, r, n)).map((u) => [u.id, u]));
  const step = [r.id, n.ref, n.seq].filter((x) => x !== undefined).join(':');
  const said = new Map<Lang, Awaited<ReturnType<typeof details>>>();
  for (const lang of new Set([...people.values()].map((u): Lang => (u.locale === 'en' ? 'en' : 'ar'))))
    said.set(lang, await details(deps, lang, r, n));
  let queued = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const user of people.values()) {
      const lang: Lang = user.locale === 'en' ? 'en' : 'ar';
      const { params, extra, path } = said.get(lang) as Awaited<ReturnType<typeof details>>;
      const sent = await queuePersonEmail(trx, deps, user, lang, {
        subject: translate(lang, subjects[n.event], params),
        body: [translate(lang, bodies[n.event], params), ...extra],
        action: { label: translate(lang, 'advisory.email.action'), path },
        footer: translate(lang, 'advisory.email.footer'),
        key: `advisory:${n.event}:${step}:user:${user.id}`,
        source: 'advisory',
        ref: { refType: 'advisory_request', refId: r.id },
      });
      if (sent) queued++;
    }
  });
  return queued;
}
