import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorAgencyIds, actorLabel, type Ctx, hasAgencyRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { acceptUpload } from '../../platform/storage/sniff.ts';
import { findServiceByIdentifier } from '../catalog/public.ts';
import { findAgency, findUser, findUsers } from '../identity/public.ts';
import { findInitiativeByCode, findPlanByCode } from '../plan/public.ts';
import { advisoryPolicy } from './advisory.policy.ts';
import * as repo from './advisory.repo.ts';
import {
  acceptInput,
  advisorInput,
  answerInput,
  assignInput,
  closeInput,
  commentInput,
  declineInput,
  deliverInput,
  documentInput,
  findingInput,
  followupInput,
  infoInput,
  reassignInput,
  requestInput,
  responseInput,
  taskInput,
  unassignInput,
} from './advisory.schema.ts';
import type { RequestStatus } from './advisory.tables.ts';
import { enqueueNotice } from './notices.ts';

// The request lifecycle: an agency's administrator submits; the program office asks for more
// information (the SLA clocks pause), declines with a reason or accepts with a priority, and assigns
// a lead advisor and reviewers (never from the requesting agency unless it records an exception);
// the assigned advisors discuss, plan tasks and record findings, and the lead delivers; the agency
// responds to each finding and closes the request with a rating; the office closes follow-ups.
// Every change is audited in its own transaction, which also enqueues the email to the people it
// reaches (notices.ts).

/** What the actor may do on one request. */
export interface Access {
  office: boolean;
  /** Staff of the requesting agency (administrators and editors). */
  agency: boolean;
  /** The requesting agency's administrator. */
  actForAgency: boolean;
  assignment: repo.AssignmentRow | null;
}

async function accessTo(deps: Deps, ctx: Ctx, r: repo.RequestRow): Promise<Access> {
  const a = ctx.actor;
  let assignment: repo.AssignmentRow | null = null;
  if (a.kind === 'user' && advisoryPolicy.advisor(a)) {
    const me = await repo.advisorOfUser(deps.db, a.id);
    if (me) assignment = (await repo.listAssignments(deps.db, r.id)).find((x) => x.advisor_id === me.id) ?? null;
  }
  return {
    office: advisoryPolicy.office(a),
    agency: advisoryPolicy.agencyStaff(a, r.agency_id),
    actForAgency: advisoryPolicy.actForAgency(a, r.agency_id),
    assignment,
  };
}

/** The name shown beside a comment or a document: a person's name (the audit trail keeps the full label). */
const displayName = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.name : actorLabel(ctx.actor));

const canRead = (x: Access) => x.office || x.agency || x.assignment !== null;

/** A request the actor may read (404 when there is none, 403 when it is not theirs to see). */
export async function readableRequest(deps: Deps, ctx: Ctx, id: number) {
  const request = await repo.findRequest(deps.db, id);
  if (!request) throw new NotFoundError();
  const access = await accessTo(deps, ctx, request);
  authorize(canRead(access));
  return { request, access };
}

export function expect(r: repo.RequestRow, ...statuses: RequestStatus[]) {
  if (!statuses.includes(r.status)) throw new ConflictError('advisory.error.status');
}

async function move(
  deps: Deps,
  ctx: Ctx,
  r: repo.RequestRow,
  action: string,
  patch: Parameters<typeof repo.moveRequest>[3],
  extra?: (trx: Executor) => Promise<unknown>,
) {
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.moveRequest(trx, r.id, r.status, patch);
    if (!after) throw new ConflictError('advisory.error.status');
    if (extra) await extra(trx);
    await recordAudit(trx, ctx, {
      action,
      recordType: 'advisory_request',
      recordId: r.id,
      agencyId: r.agency_id,
      before: { status: r.status },
      after: patch,
    });
    return after;
  });
}

/** Submits a request for the administrator's agency (the one they name when they serve several). */
export async function submitRequest(deps: Deps, ctx: Ctx, raw: unknown) {
  const input = parseInput(requestInput, raw);
  const a = ctx.actor;
  const own =
    a.kind === 'user'
      ? actorAgencyIds(a).filter((id) => hasAgencyRole(a, id, 'agency_admin'))
      : a.kind === 'token' && a.agencyId !== null && advisoryPolicy.actForAgency(a, a.agencyId)
        ? [a.agencyId]
        : [];
  authorize(a.kind === 'system' || own.length > 0);
  const agencyId = input.agency_id ?? (own.length === 1 ? own[0] : undefined);
  if (agencyId === undefined) fieldError('agency_id', 'validation.agency_required');
  authorize(advisoryPolicy.actForAgency(a, agencyId));
  if (!(await findAgency(deps.db, agencyId))) fieldError('agency_id', 'validation.agency_unknown');

  const serviceIds = await resolveServices(deps, agencyId, input.services);
  const initiativeIds: number[] = [];
  for (const ref of splitList(input.initiatives)) {
    const [planCode, code, more] = ref.split('/');
    const plan = planCode && code && more === undefined ? await findPlanByCode(deps.db, planCode) : undefined;
    const initiative = plan ? await findInitiativeByCode(deps.db, plan.id, code as string) : undefined;
    if (!initiative || initiative.owner_agency_id !== agencyId)
      fieldError('initiatives', 'advisory.validation.initiative_unknown', { ref });
    initiativeIds.push(initiative.id);
  }
  const now = nowIso();
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertRequest(trx, {
      agency_id: agencyId,
      type: input.type,
      title: input.title,
      question: input.question,
      urgency: input.urgency,
      service_ids: [...new Set(serviceIds)].join(','),
      initiative_ids: [...new Set(initiativeIds)].join(','),
      status: 'submitted',
      priority: null,
      decline_reason: null,
      submitted_by: actorLabel(a),
      submitted_at: now,
      first_response_at: null,
      delivered_at: null,
      closed_at: null,
      satisfaction: null,
      closure_comment: null,
      anonymised: 0,
    });
    await recordAudit(trx, ctx, { action: 'advisory.submit', recordType: 'advisory_request', recordId: row.id, agencyId, after: row });
    await enqueueNotice(trx, { requestId: row.id, event: 'submitted' });
    return row;
  });
}

/** The agency's catalog services named by their identifiers (a field error names one that is unknown or another agency's). */
export async function resolveServices(deps: Deps, agencyId: number, text: string | undefined): Promise<number[]> {
  const serviceIds: number[] = [];
  for (const identifier of splitList(text)) {
    const service = await findServiceByIdentifier(deps.db, identifier);
    if (!service || service.agency_id !== agencyId) fieldError('services', 'advisory.validation.service_unknown', { identifier });
    serviceIds.push(service.id);
  }
  return serviceIds;
}

const splitList = (v: string | undefined) => (v ?? '').split(/[\s,،]+/).filter(Boolean);

/** The office asks the agency for more information: both SLA clocks stop until it answers. */
export async function requestInfo(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(advisoryPolicy.office(ctx.actor));
  const { question } = parseInput(infoInput, raw);
  const { request } = await readableRequest(deps, ctx, id);
  expect(request, 'submitted');
  const at = nowIso();
  return move(deps, ctx, request, 'advisory.info_request', { status: 'info_requested' }, async (trx) => {
    const pause = await repo.insertPause(trx, { request_id: id, from_at: at, to_at: null, question, answer: null });
    await enqueueNotice(trx, { requestId: id, event: 'info_requested', ref: pause.id });
  });
}

/** The agency's administrator answers: the clocks run again and the request is back with the office. */
export async function answerInfo(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const { answer } = parseInput(answerInput, raw);
  const { request, access } = await readableRequest(deps, ctx, id);
  authorize(access.actForAgency);
  expect(request, 'info_requested');
  const open = (await repo.listPauses(deps.db, [id])).find((p) => p.to_at === null);
  return move(deps, ctx, request, 'advisory.info_answer', { status: 'submitted' }, async (trx) => {
    if (open) await repo.closePause(trx, open.id, answer, nowIso());
    await enqueueNotice(trx, { requestId: id, event: 'info_answered', ref: open?.id });
  });
}

/** The office declines, saying why; the first response is given. */
export async function declineRequest(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(advisoryPolicy.office(ctx.actor));
  const { reason } = parseInput(declineInput, raw);
  const { request } = await readableRequest(deps, ctx, id);
  expect(request, 'submitted');
  return move(deps, ctx, request, 'advisory.decline', { status: 'declined', decline_reason: reason, first_response_at: nowIso() }, (trx) =>
    enqueueNotice(trx, { requestId: id, event: 'declined' }),
  );
}

/** The office accepts with a priority; the first response is given and the work can be assigned. */
export async function acceptRequest(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(advisoryPolicy.office(ctx.actor));
  const { priority } = parseInput(acceptInput, raw);
  const { request } = await readableRequest(deps, ctx, id);
  expect(request, 'submitted');
  return move(deps, ctx, request, 'advisory.accept', { status: 'accepted', priority, first_response_at: nowIso() }, (trx) =>
    enqueueNotice(trx, { requestId: id, event: 'accepted' }),
  );
}

/**
 * Assigns a member of the advisory team as lead (one per request) or reviewer. An advisor whose home
 * agency made the request is refused unless the office records an exception with its reason.
 */
export async function assignAdvisor(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(advisoryPolicy.office(ctx.actor));
  const input = parseInput(assignInput, raw);
  const { request } = await readableRequest(deps, ctx, id);
  expect(request, 'accepted');
  const advisor = await repo.findAdvisor(deps.db, input.advisor_id);
  if (!advisor?.active) fieldError('advisor_id', 'advisory.validation.advisor_unknown');
  const conflicted = advisor.home_agency_id === request.agency_id;
  if (conflicted && !input.exception_reason) fieldError('advisor_id', 'advisory.validation.conflicted');
  const current = await repo.listAssignments(deps.db, id);
  if (current.some((x) => x.advisor_id === advisor.id)) fieldError('advisor_id', 'advisory.validation.already_assigned');
  if (input.role === 'lead' && current.some((x) => x.role === 'lead')) fieldError('role', 'advisory.validation.lead_taken');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertAssignment(trx, {
      request_id: id,
      advisor_id: advisor.id,
      role: input.role,
      exception_reason: conflicted ? (input.exception_reason ?? null) : null,
      assigned_by: actorLabel(ctx.actor),
      assigned_at: nowIso(),
    });
    await recordAudit(trx, ctx, {
      action: conflicted ? 'advisory.assign_exception' : 'advisory.assign',
      recordType: 'advisory_request',
      recordId: id,
      agencyId: request.agency_id,
      after: row,
    });
    await enqueueNotice(trx, { requestId: id, event: 'assigned', ref: row.id });
    return row;
  });
}

/** An assignment of the request, while the team may still change (the work or the agency's response under way). */
async function changeableAssignment(deps: Deps, ctx: Ctx, id: number, assignmentId: number) {
  authorize(advisoryPolicy.office(ctx.actor));
  const { request } = await readableRequest(deps, ctx, id);
  const assignment = (await repo.listAssignments(deps.db, id)).find((a) => a.id === assignmentId);
  if (!assignment) throw new NotFoundError();
  expect(request, 'accepted', 'delivered');
  return { request, assignment };
}

/**
 * Puts another member of the team in an assignment's place, in the same role (the lead stays one
 * per request): the conflict rule holds as when assigning (an advisor from the requesting agency
 * needs a recorded exception), the open tasks of the one replaced pass to the new advisor, the
 * change is audited with its reason, and the new advisor is emailed.
 */
export async function replaceAdvisor(deps: Deps, ctx: Ctx, id: number, assignmentId: number, raw: unknown) {
  const input = parseInput(reassignInput, raw);
  const { request, assignment } = await changeableAssignment(deps, ctx, id, assignmentId);
  const advisor = await repo.findAdvisor(deps.db, input.advisor_id);
  if (!advisor?.active) fieldError('advisor_id', 'advisory.validation.advisor_unknown');
  if ((await repo.listAssignments(deps.db, id)).some((x) => x.advisor_id === advisor.id))
    fieldError('advisor_id', 'advisory.validation.already_assigned');
  const conflicted = advisor.home_agency_id === request.agency_id;
  if (conflicted && !input.exception_reason) fieldError('advisor_id', 'advisory.validation.conflicted');
  return deps.db.transaction().execute(async (trx) => {
    const gone = await repo.deleteAssignment(trx, assignment.id);
    // Someone else replaced or removed it since it was read.
    if (Number(gone.numDeletedRows) !== 1) throw new ConflictError('advisory.error.assignment_changed');
    const row = await repo.insertAssignment(trx, {
      request_id: id,
      advisor_id: advisor.id,
      role: assignment.role,
      exception_reason: conflicted ? (input.exception_reason ?? null) : null,
      assigned_by: actorLabel(ctx.actor),
      assigned_at: nowIso(),
    });
    const tasks = await repo.moveOpenTasks(trx, id, assignment.advisor_id, advisor.id);
    await recordAudit(trx, ctx, {
      action: conflicted ? 'advisory.reassign_exception' : 'advisory.reassign',
      recordType: 'advisory_request',
      recordId: id,
      agencyId: request.agency_id,
      before: assignment,
      after: { ...row, reason: input.reason, tasks: tasks.map((k) => k.id) },
    });
    await enqueueNotice(trx, { requestId: id, event: 'assigned', ref: row.id });
    return row;
  });
}

/** Takes a reviewer off the request, with the reason (the lead is replaced, never removed); their open tasks have no owner until given one. */
export async function removeReviewer(deps: Deps, ctx: Ctx, id: number, assignmentId: number, raw: unknown) {
  const input = parseInput(unassignInput, raw);
  const { request, assignment } = await changeableAssignment(deps, ctx, id, assignmentId);
  if (assignment.role === 'lead') throw new ConflictError('advisory.error.lead_required');
  await deps.db.transaction().execute(async (trx) => {
    const gone = await repo.deleteAssignment(trx, assignment.id);
    if (Number(gone.numDeletedRows) !== 1) throw new ConflictError('advisory.error.assignment_changed');
    const tasks = await repo.moveOpenTasks(trx, id, assignment.advisor_id, null);
    await recordAudit(trx, ctx, {
      action: 'advisory.unassign',
      recordType: 'advisory_request',
      recordId: id,
      agencyId: request.agency_id,
      before: assignment,
      after: { reason: input.reason, tasks: tasks.map((k) => k.id) },
    });
  });
}

/** A comment, optionally anchored to a section or page and optionally a reply, by anyone on the request. */
export async function addComment(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const input = parseInput(commentInput, raw);
  const { request } = await readableRequest(deps, ctx, id);
  expect(request, 'submitted', 'info_requested', 'accepted', 'delivered');
  if (input.parent_id !== undefined) {
    const parent = await repo.findComment(deps.db, input.parent_id);
    if (!parent || parent.request_id !== id) fieldError('parent_id', 'advisory.validation.parent_unknown');
  }
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertComment(trx, {
      request_id: id,
      parent_id: input.parent_id ?? null,
      anchor: input.anchor ?? null,
      body: input.body,
      author_label: displayName(ctx),
      author_user_id: ctx.actor.kind === 'user' ? ctx.actor.id : null,
    });
    await recordAudit(trx, ctx, {
      action: 'advisory.comment',
      recordType: 'advisory_comment',
      recordId: row.id,
      agencyId: request.agency_id,
      after: row,
    });
    return row;
  });
}

/** The team's work on an accepted request: the office and the assigned advisors. */
async function workable(deps: Deps, ctx: Ctx, id: number) {
  const { request, access } = await readableRequest(deps, ctx, id);
  authorize(access.office || access.assignment !== null);
  expect(request, 'accepted');
  return { request, access };
}

/** A task with an owner (an assigned advisor) and a due date. */
export async function addTask(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const input = parseInput(taskInput, raw);
  const { request } = await workable(deps, ctx, id);
  if (input.owner_advisor_id !== undefined) {
    const assigned = await repo.listAssignments(deps.db, id);
    if (!assigned.some((x) => x.advisor_id === input.owner_advisor_id))
      fieldError('owner_advisor_id', 'advisory.validation.owner_unassigned');
  }
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertTask(trx, {
      request_id: id,
      title: input.title,
      owner_advisor_id: input.owner_advisor_id ?? null,
      due_on: input.due_on,
      done_at: null,
    });
    await recordAudit(trx, ctx, {
      action: 'advisory.task',
      recordType: 'advisory_task',
      recordId: row.id,
      agencyId: request.agency_id,
      after: row,
    });
    return row;
  });
}

export async function completeTask(deps: Deps, ctx: Ctx, id: number, taskId: number) {
  const { request } = await workable(deps, ctx, id);
  const task = await repo.findTask(deps.db, taskId);
  if (!task || task.request_id !== id) throw new NotFoundError();
  await deps.db.transaction().execute(async (trx) => {
    const done = await repo.finishTask(trx, taskId);
    if (!done) throw new ConflictError('advisory.error.task_done');
    await recordAudit(trx, ctx, {
      action: 'advisory.task_done',
      recordType: 'advisory_task',
      recordId: taskId,
      agencyId: request.agency_id,
      after: { done_at: done.done_at },
    });
  });
}

/** A finding in the register, recorded by an assigned advisor while the work is open. */
export async function addFinding(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const input = parseInput(findingInput, raw);
  const { request, access } = await readableRequest(deps, ctx, id);
  authorize(access.assignment !== null || ctx.actor.kind === 'system');
  expect(request, 'accepted');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertFinding(trx, {
      request_id: id,
      ...input,
      response: null,
      response_reason: null,
      due_on: null,
      responded_at: null,
      followup_closed_at: null,
      followup_note: null,
      created_by: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: 'advisory.finding',
      recordType: 'advisory_finding',
      recordId: row.id,
      agencyId: request.agency_id,
      after: row,
    });
    return row;
  });
}

/** The lead advisor hands the findings over, with a summary for the report: the delivery clock stops and the agency responds. */
export async function deliver(deps: Deps, ctx: Ctx, id: number, raw: unknown = {}) {
  const input = parseInput(deliverInput, raw);
  const { request, access } = await readableRequest(deps, ctx, id);
  authorize(access.assignment?.role === 'lead' || ctx.actor.kind === 'system');
  expect(request, 'accepted');
  if ((await repo.listFindings(deps.db, [id])).length === 0) throw new ConflictError('advisory.error.no_findings');
  return move(
    deps,
    ctx,
    request,
    'advisory.deliver',
    { status: 'delivered', delivered_at: nowIso(), summary: input.summary || null },
    (trx) => enqueueNotice(trx, { requestId: id, event: 'delivered' }),
  );
}

/** The agency's response to a delivered finding: accept, accept in part or reject, once. */
export async function respondToFinding(deps: Deps, ctx: Ctx, id: number, findingId: number, raw: unknown) {
  const input = parseInput(responseInput, raw);
  const { request, access } = await readableRequest(deps, ctx, id);
  authorize(access.actForAgency);
  expect(request, 'delivered');
  const finding = await repo.findFinding(deps.db, findingId);
  if (!finding || finding.request_id !== id) throw new NotFoundError();
  if (finding.response) throw new ConflictError('advisory.error.responded');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.updateFinding(trx, findingId, {
      response: input.response,
      response_reason: input.reason ?? null,
      due_on: input.response === 'reject' ? null : (input.due_on ?? null),
      responded_at: nowIso(),
    });
    await recordAudit(trx, ctx, {
      action: 'advisory.finding_response',
      recordType: 'advisory_finding',
      recordId: findingId,
      agencyId: request.agency_id,
      after: { response: row.response, reason: row.response_reason, due_on: row.due_on },
    });
    await enqueueNotice(trx, { requestId: id, event: 'responded', ref: findingId });
    return row;
  });
}

/** The office closes the follow-up action of an accepted finding, with a note of what was done. */
export async function closeFollowup(deps: Deps, ctx: Ctx, id: number, findingId: number, raw: unknown) {
  authorize(advisoryPolicy.office(ctx.actor));
  const { note } = parseInput(followupInput, raw);
  const { request } = await readableRequest(deps, ctx, id);
  const finding = await repo.findFinding(deps.db, findingId);
  if (!finding || finding.request_id !== id) throw new NotFoundError();
  if (!finding.response || finding.response === 'reject' || finding.followup_closed_at)
    throw new ConflictError('advisory.error.no_followup');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.updateFinding(trx, findingId, { followup_closed_at: nowIso(), followup_note: note });
    await recordAudit(trx, ctx, {
      action: 'advisory.followup_close',
      recordType: 'advisory_finding',
      recordId: findingId,
      agencyId: request.agency_id,
      after: { followup_closed_at: row.followup_closed_at, note },
    });
    return row;
  });
}

/** The agency closes a delivered request once every finding has its response, rating the help 1–5. */
export async function closeRequest(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const input = parseInput(closeInput, raw);
  const { request, access } = await readableRequest(deps, ctx, id);
  authorize(access.actForAgency);
  expect(request, 'delivered');
  if ((await repo.listFindings(deps.db, [id])).some((f) => !f.response)) throw new ConflictError('advisory.error.unanswered');
  return move(
    deps,
    ctx,
    request,
    'advisory.close',
    {
      status: 'closed',
      closed_at: nowIso(),
      satisfaction: input.satisfaction,
      closure_comment: input.comment ?? null,
    },
    (trx) => enqueueNotice(trx, { requestId: id, event: 'closed' }),
  );
}

/** Puts a person with the advisor role on the advisory team, with the agency they come from. */
export async function addAdvisor(deps: Deps, ctx: Ctx, raw: unknown) {
  authorize(advisoryPolicy.manageTeam(ctx.actor));
  const input = parseInput(advisorInput, raw);
  const user = await findUser(deps.db, input.user_id);
  if (!user || user.status === 'deactivated') fieldError('user_id', 'advisory.validation.user_unknown');
  if (!(await advisorUsers(deps)).some((u) => u.id === user.id)) fieldError('user_id', 'advisory.validation.not_advisor');
  if (!(await findAgency(deps.db, input.home_agency_id))) fieldError('home_agency_id', 'validation.agency_unknown');
  if (await repo.advisorOfUser(deps.db, input.user_id)) fieldError('user_id', 'advisory.validation.on_team');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertAdvisor(trx, { user_id: input.user_id, home_agency_id: input.home_agency_id, active: 1 });
    await recordAudit(trx, ctx, {
      action: 'advisory.advisor_add',
      recordType: 'advisory_advisor',
      recordId: row.id,
      agencyId: row.home_agency_id,
      after: row,
    });
    return row;
  });
}

/** People holding the advisor role (identity grants it), who may be put on the team. */
export const advisorUsers = (deps: Deps) => findUsers(deps.db, { role: 'advisor' }, 5000, 0);

/** What a request's documents may be: office documents and PDFs, judged by their bytes, at most the platform's 10 MB per file. */
export const DOCUMENT_KINDS = ['pdf', 'docx', 'xlsx', 'pptx'] as const;
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Adds a document to a request, or a new version of one (it keeps the type and title and numbers
 * on): the agency's staff, the office and the assigned advisors, while the request is open.
 */
export async function uploadDocument(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const { file, ...fields } = (raw ?? {}) as Record<string, unknown>;
  const input = parseInput(documentInput, fields);
  const { request } = await readableRequest(deps, ctx, id);
  expect(request, 'submitted', 'info_requested', 'accepted', 'delivered');
  const buffer = Buffer.isBuffer(file) ? file : Buffer.alloc(0);
  const kind = acceptUpload('file', buffer, DOCUMENT_KINDS, DOCUMENT_MAX_BYTES);
  let previous: repo.DocumentRow | undefined;
  if (input.previous_id !== undefined) {
    previous = await repo.findDocument(deps.db, input.previous_id);
    if (!previous || previous.request_id !== id) fieldError('previous_id', 'advisory.validation.document_unknown');
    if ((await repo.listDocuments(deps.db, id)).some((d) => d.supersedes_id === previous?.id))
      fieldError('previous_id', 'advisory.validation.not_latest');
  }
  const stored = await deps.storage.put(buffer, kind.ext);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const row = await repo.insertDocument(trx, {
        request_id: id,
        doc_type: previous?.doc_type ?? (input.doc_type as NonNullable<typeof input.doc_type>),
        title: previous?.title ?? (input.doc_title as string),
        version: previous ? previous.version + 1 : 1,
        supersedes_id: previous?.id ?? null,
        storage_key: stored.key,
        mime: kind.mime,
        ext: kind.ext,
        size: stored.size,
        sha256: stored.sha256,
        uploaded_by: displayName(ctx),
      });
      await recordAudit(trx, ctx, {
        action: 'advisory.document',
        recordType: 'advisory_document',
        recordId: row.id,
        agencyId: request.agency_id,
        after: row,
      });
      return row;
    });
  } catch (err) {
    // A failed insert leaves no orphan file behind.
    await deps.storage.remove(stored.key).catch(() => undefined);
    throw err;
  }
}

/** One of a request's documents, for someone who may read the request. */
export async function documentFile(deps: Deps, ctx: Ctx, id: number, documentId: number) {
  await readableRequest(deps, ctx, id);
  const doc = await repo.findDocument(deps.db, documentId);
  if (!doc || doc.request_id !== id) throw new NotFoundError();
  return doc;
}

/** The office's choice whether the request's findings name its agency in the knowledge search. */
export async function setAnonymised(deps: Deps, ctx: Ctx, id: number, anonymised: boolean) {
  authorize(advisoryPolicy.office(ctx.actor));
  const { request } = await readableRequest(deps, ctx, id);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('advisory_requests')
      .set({ anonymised: anonymised ? 1 : 0, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'advisory.anonymise',
      recordType: 'advisory_request',
      recordId: id,
      agencyId: request.agency_id,
      before: { anonymised: request.anonymised },
      after: { anonymised: anonymised ? 1 : 0 },
    });
  });
}
