import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { measurePolicy } from './measure.policy.ts';
import { reviewInput } from './measure.schema.ts';
import type { AnswerStatus } from './measure.tables.ts';
import { agencyTeams, queueTeamEmail } from './notifications.ts';
import * as repo from './repo/answers.repo.ts';
import { findParticipant, findRound, moveParticipant } from './repo/rounds.repo.ts';
import { getRound } from './rounds.service.ts';
import { questionsOf } from './scoring/framework.schema.ts';
import { readValue, valueFromJson, valueToJson } from './values.ts';

/** Answers a reviewer may decide on (again, until the round is finalised). */
const REVIEWABLE: AnswerStatus[] = ['submitted', 'accepted', 'adjusted'];

async function reviewContext(deps: Deps, ctx: Ctx, roundId: number, agencyId: number) {
  authorize(measurePolicy.review(ctx.actor));
  const round = await findRound(deps.db, roundId);
  if (!round) throw new NotFoundError();
  const participant = await findParticipant(deps.db, roundId, agencyId);
  if (!participant) throw new NotFoundError();
  if (round.status !== 'open') throw new ConflictError('measure.error.round_locked');
  if (participant.status === 'in_progress') throw new ConflictError('measure.error.not_submitted');
  return { round, participant };
}

/**
 * A reviewer accepts an answer, adjusts it (with a reason; the adjusted value is what counts), or
 * returns it to the agency (with a reason; the agency responds and resubmits).
 */
export async function reviewAnswer(deps: Deps, ctx: Ctx, roundId: number, agencyId: number, key: string, raw: Record<string, unknown>) {
  const { round, participant } = await reviewContext(deps, ctx, roundId, agencyId);
  const input = parseInput(reviewInput, raw);
  const { framework } = await getRound(deps, ctx, roundId);
  const q = questionsOf(framework).find((x) => x.key === key);
  if (!q) throw new NotFoundError();
  const row = await repo.findAnswer(deps.db, roundId, agencyId, key);
  if (!row) throw new NotFoundError();
  if (!REVIEWABLE.includes(row.status)) throw new ConflictError('measure.error.not_reviewable');
  let review = { value_json: null as string | null, na: 0 };
  if (input.decision === 'adjust') {
    if (input.na && !q.allow_na) fieldError('value', 'measure.validation.na_not_allowed');
    const read = input.na ? { value: null } : readValue(q, input.value);
    if ('error' in read) fieldError('value', read.error, read.params);
    if (!input.na && read.value === null) fieldError('value', 'validation.required');
    review = { value_json: valueToJson(read.value), na: input.na ? 1 : 0 };
  }
  const status: AnswerStatus = input.decision === 'accept' ? 'accepted' : input.decision === 'adjust' ? 'adjusted' : 'returned';
  const by = actorLabel(ctx.actor);
  const team = status === 'returned' ? ((await agencyTeams(deps, [agencyId])).get(agencyId) ?? []) : [];
  await deps.db.transaction().execute(async (trx) => {
    const after = await repo.reviewAnswer(trx, row.id, row.status, {
      status,
      review_value_json: review.value_json,
      review_na: review.na,
      review_reason: input.reason ?? null,
      reviewed_by: by,
      reviewed_at: nowIso(),
    });
    if (!after) throw new ConflictError('measure.error.not_reviewable');
    const detail = {
      decision: input.decision,
      reason: input.reason ?? null,
      ...(status === 'adjusted' ? { value: valueFromJson(review.value_json), na: !!review.na } : {}),
    };
    await repo.insertEvent(trx, { answer_id: row.id, action: input.decision, detail, actor_label: by });
    await recordAudit(trx, ctx, {
      action: `measure.answer.${input.decision}`,
      recordType: 'measure_answer',
      recordId: row.id,
      agencyId,
      before: { status: row.status, value: valueFromJson(row.value_json), na: !!row.na },
      after: { status, ...detail },
    });
    if (status === 'returned') {
      await moveParticipant(trx, participant.id, ['submitted'], 'returned');
      // One email per return cycle, however many answers the reviewers send back in it.
      await queueTeamEmail(trx, deps, {
        round,
        agencyId,
        team,
        kind: 'returned',
        key: `${roundId}:${agencyId}:${participant.submissions}`,
        path: `/console/measure/rounds/${roundId}/agencies/${agencyId}`,
      });
    }
  });
}

/** Accepts every answer of an agency that is still waiting for review. */
export async function acceptPending(deps: Deps, ctx: Ctx, roundId: number, agencyId: number): Promise<number> {
  await reviewContext(deps, ctx, roundId, agencyId);
  const by = actorLabel(ctx.actor);
  return deps.db.transaction().execute(async (trx) => {
    const pending = (await repo.listAnswers(trx, roundId, agencyId)).filter((r) => r.status === 'submitted');
    for (const row of pending) {
      const after = await repo.reviewAnswer(trx, row.id, 'submitted', {
        status: 'accepted',
        review_value_json: null,
        review_na: 0,
        review_reason: null,
        reviewed_by: by,
        reviewed_at: nowIso(),
      });
      if (!after) continue;
      await repo.insertEvent(trx, { answer_id: row.id, action: 'accept', detail: { decision: 'accept', bulk: true }, actor_label: by });
      await recordAudit(trx, ctx, {
        action: 'measure.answer.accept',
        recordType: 'measure_answer',
        recordId: row.id,
        agencyId,
        before: { status: 'submitted' },
        after: { status: 'accepted', bulk: true },
      });
    }
    return pending.length;
  });
}

/** The history of one answer, for whoever may read that agency's answers. */
export async function answerHistory(deps: Deps, ctx: Ctx, roundId: number, agencyId: number, key: string) {
  authorize(measurePolicy.readAnswers(ctx.actor, agencyId));
  await getRound(deps, ctx, roundId);
  const row = await repo.findAnswer(deps.db, roundId, agencyId, key);
  return row ? repo.listEvents(deps.db, row.id) : [];
}
