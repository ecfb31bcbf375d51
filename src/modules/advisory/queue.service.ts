import { actorAgencyIds, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { findService } from '../catalog/public.ts';
import { loadCalendar } from '../feedback/public.ts';
import { allAgencies, findUser } from '../identity/public.ts';
import { findInitiative } from '../plan/public.ts';
import { advisoryPolicy } from './advisory.policy.ts';
import * as repo from './advisory.repo.ts';
import { readableRequest } from './advisory.service.ts';
import type { RequestStatus } from './advisory.tables.ts';
import { meetingCandidates } from './meetings.service.ts';
import { pausesByRequest, requestClocks } from './sla.ts';

// What the pages read: the queue with each request's SLA standing, one request's workspace, the team.

/** The requests the actor may see (the office all; agency staff their agencies'; advisors those assigned to them), with their clocks. */
export async function queue(deps: Deps, ctx: Ctx, status?: RequestStatus, now = new Date()) {
  const a = ctx.actor;
  const office = advisoryPolicy.office(a);
  const me = a.kind === 'user' && advisoryPolicy.advisor(a) ? await repo.advisorOfUser(deps.db, a.id) : undefined;
  const rows = await repo.listRequests(
    deps.db,
    office ? { all: true, status } : { agencyIds: actorAgencyIds(a), advisorId: me?.id, status },
  );
  const pauses = pausesByRequest(
    await repo.listPauses(
      deps.db,
      rows.map((r) => r.id),
    ),
  );
  const cal = await loadCalendar(deps.db);
  return rows.map((request) => ({ request, clocks: requestClocks(cal, request, pauses.get(request.id) ?? [], now) }));
}

/** The team with each member's name and open assignments (the office's view). */
export async function team(deps: Deps, ctx: Ctx) {
  authorize(advisoryPolicy.office(ctx.actor));
  return teamRows(deps);
}

async function teamRows(deps: Deps) {
  const advisors = await repo.listAdvisors(deps.db);
  const open = await deps.db
    .selectFrom('advisory_assignments')
    .innerJoin('advisory_requests', 'advisory_requests.id', 'advisory_assignments.request_id')
    .select(['advisory_assignments.advisor_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('advisory_requests.status', 'in', ['accepted', 'delivered'])
    .groupBy('advisory_assignments.advisor_id')
    .execute();
  const load = new Map(open.map((o) => [o.advisor_id, Number(o.n)]));
  const out = [];
  for (const advisor of advisors) {
    const user = await findUser(deps.db, advisor.user_id);
    out.push({ advisor, name: user?.name ?? '', email: user?.email ?? '', open: load.get(advisor.id) ?? 0 });
  }
  return out;
}
export type TeamMember = Awaited<ReturnType<typeof teamRows>>[number];

/** Everything the request's page shows, for an actor who may read it. */
export async function workspace(deps: Deps, ctx: Ctx, id: number, now = new Date()) {
  const { request, access } = await readableRequest(deps, ctx, id);
  const [pauses, assignments, comments, tasks, findings, documents] = await Promise.all([
    repo.listPauses(deps.db, [id]),
    repo.listAssignments(deps.db, id),
    repo.listComments(deps.db, id),
    repo.listTasks(deps.db, id),
    repo.listFindings(deps.db, [id]),
    repo.listDocuments(deps.db, id),
  ]);
  const members = await teamRows(deps);
  const cal = await loadCalendar(deps.db);
  const services = [];
  for (const sid of request.service_ids.split(',').filter(Boolean)) {
    const s = await findService(deps.db, Number(sid));
    if (s) services.push({ identifier: s.identifier, name_ar: s.name_ar, name_en: s.name_en });
  }
  const initiatives = [];
  for (const iid of request.initiative_ids.split(',').filter(Boolean)) {
    const i = await findInitiative(deps.db, Number(iid));
    if (i) initiatives.push({ id: i.id, code: i.code, name_ar: i.name_ar, name_en: i.name_en });
  }
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.id, a]));
  const canMeet = (access.office || access.assignment !== null) && (request.status === 'accepted' || request.status === 'delivered');
  return {
    commentEdits: await repo.listCommentEdits(
      deps.db,
      comments.map((c) => c.id),
    ),
    /** The reader's account, and the time the page is read at: a comment's author may edit it within the window. */
    me: ctx.actor.kind === 'user' ? ctx.actor.id : null,
    now,
    meetings: await repo.listMeetings(deps.db, id),
    canMeet,
    candidates: canMeet ? await meetingCandidates(deps, request) : [],
    request,
    access,
    clocks: requestClocks(cal, request, pauses, now),
    pauses,
    assignments,
    comments,
    tasks,
    findings,
    documents,
    // Agency staff see who advises them, not the roster; the office picks from the whole team.
    members: access.office ? members : members.filter((m) => assignments.some((x) => x.advisor_id === m.advisor.id)),
    services,
    initiatives,
    agencies,
  };
}
export type Workspace = Awaited<ReturnType<typeof workspace>>;
