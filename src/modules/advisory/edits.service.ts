import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { advisoryPolicy, COMMENT_EDIT_WINDOW_MS } from './advisory.policy.ts';
import * as repo from './advisory.repo.ts';
import { classifyInput, commentEditInput, requestEditInput } from './advisory.schema.ts';
import { expect, readableRequest, resolveServices } from './advisory.service.ts';

// Editing after the fact, each audited with what it was before: the requesting agency's
// administrator edits its request while the office still triages it (submitted, or waiting for more
// information); the office corrects a request's type and priority while it is open; a comment's
// author edits it within a day of writing it, and the page keeps every earlier wording.

/** The agency edits its own request (type, title, question, urgency, services) before the office decides. */
export async function editRequest(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const input = parseInput(requestEditInput, raw);
  const { request, access } = await readableRequest(deps, ctx, id);
  authorize(access.actForAgency);
  expect(request, 'submitted', 'info_requested');
  const serviceIds = [...new Set(await resolveServices(deps, request.agency_id, input.services))].join(',');
  const patch = { type: input.type, title: input.title, question: input.question, urgency: input.urgency, service_ids: serviceIds };
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.moveRequest(trx, id, request.status, patch);
    if (!after) throw new ConflictError('advisory.error.status');
    await recordAudit(trx, ctx, {
      action: 'advisory.edit',
      recordType: 'advisory_request',
      recordId: id,
      agencyId: request.agency_id,
      before: {
        type: request.type,
        title: request.title,
        question: request.question,
        urgency: request.urgency,
        service_ids: request.service_ids,
      },
      after: patch,
    });
    return after;
  });
}

/** The office corrects the type (its SLA targets follow) and the priority of an open request. */
export async function classifyRequest(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(advisoryPolicy.office(ctx.actor));
  const input = parseInput(classifyInput, raw);
  const { request } = await readableRequest(deps, ctx, id);
  expect(request, 'submitted', 'info_requested', 'accepted', 'delivered');
  // An accepted request keeps a priority; before the decision it may have none yet.
  if (!input.priority && (request.status === 'accepted' || request.status === 'delivered')) fieldError('priority', 'validation.required');
  const patch = { type: input.type, priority: input.priority ?? request.priority };
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.moveRequest(trx, id, request.status, patch);
    if (!after) throw new ConflictError('advisory.error.status');
    await recordAudit(trx, ctx, {
      action: 'advisory.classify',
      recordType: 'advisory_request',
      recordId: id,
      agencyId: request.agency_id,
      before: { type: request.type, priority: request.priority },
      after: patch,
    });
    return after;
  });
}

/** A comment its author may still edit at `now`: theirs, on an open request, within the window. */
export async function editableComment(deps: Deps, ctx: Ctx, id: number, commentId: number, now = new Date()) {
  const { request } = await readableRequest(deps, ctx, id);
  const comment = await repo.findComment(deps.db, commentId);
  if (!comment || comment.request_id !== id) throw new NotFoundError();
  authorize(ctx.actor.kind === 'user' && comment.author_user_id === ctx.actor.id);
  if (request.status === 'closed' || request.status === 'declined') throw new ConflictError('advisory.error.status');
  if (now.getTime() - Date.parse(comment.created_at) > COMMENT_EDIT_WINDOW_MS) throw new ConflictError('advisory.error.edit_window');
  return { request, comment };
}

/** The author edits their comment; what it said before is kept in its history. */
export async function editComment(deps: Deps, ctx: Ctx, id: number, commentId: number, raw: unknown, now = new Date()) {
  const input = parseInput(commentEditInput, raw);
  const { request, comment } = await editableComment(deps, ctx, id, commentId, now);
  return deps.db.transaction().execute(async (trx) => {
    const at = nowIso();
    await trx
      .insertInto('advisory_comment_edits')
      .values({ comment_id: commentId, body: comment.body, anchor: comment.anchor, edited_by: actorLabel(ctx.actor), edited_at: at })
      .execute();
    const row = await trx
      .updateTable('advisory_comments')
      .set({ body: input.body, anchor: input.anchor ?? null, edited_at: at })
      .where('id', '=', commentId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'advisory.comment_edit',
      recordType: 'advisory_comment',
      recordId: commentId,
      agencyId: request.agency_id,
      before: { body: comment.body, anchor: comment.anchor },
      after: { body: row.body, anchor: row.anchor },
    });
    return row;
  });
}
