import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorAgencyIds, actorLabel, type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { lockKey } from '../../platform/db/locks.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { getPublished, servicePageChanged } from '../catalog/public.ts';
import { ipHash, keyedHash, LIMITS, limit, normaliseText } from './abuse.ts';
import { feedbackPolicy } from './feedback.policy.ts';
import { defaultQuestions, publicReplyInput, type Question, questionSet, ratingInput } from './feedback.schema.ts';
import * as repo from './ratings.repo.ts';
import { monthOf } from './tracking.ts';

const DUPLICATE_WINDOW_MS = 3_600_000;

/** The questions asked now: the latest version, or version 1 (OMB A-11 §280) written on first use. */
export async function currentQuestions(db: Executor): Promise<{ version: number; questions: Question[] }> {
  let row = await repo.latestQuestionSet(db);
  if (!row) {
    await repo.insertQuestionSet(db, 1, JSON.stringify(defaultQuestions), 'system', new Date().toISOString());
    row = await repo.latestQuestionSet(db);
  }
  if (!row) throw new Error('question set missing after insert');
  return { version: row.version, questions: JSON.parse(row.questions_json) as Question[] };
}

/** Every version, newest first (the program office compares wording across versions). */
export async function questionHistory(deps: Deps, ctx: Ctx) {
  authorize(feedbackPolicy.manageProgram(ctx.actor));
  await currentQuestions(deps.db);
  return (await repo.listQuestionSets(deps.db)).map((r) => ({ ...r, questions: JSON.parse(r.questions_json) as Question[] }));
}

/**
 * Publishes a new version of the questions. Answers are stored by driver code, so a reworded
 * question keeps its history and a new driver starts its own; the "satisfied" driver (CSAT) must stay.
 */
export async function saveQuestions(deps: Deps, ctx: Ctx, raw: unknown) {
  authorize(feedbackPolicy.manageProgram(ctx.actor));
  const questions = parseInput(questionSet, raw);
  const { version, questions: before } = await currentQuestions(deps.db);
  if (JSON.stringify(before) === JSON.stringify(questions)) throw new ConflictError('feedback.error.questions_unchanged');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertQuestionSet(trx, version + 1, JSON.stringify(questions), actorLabel(ctx.actor), new Date().toISOString());
    if (!row) throw new ConflictError('error.conflict');
    await recordAudit(trx, ctx, {
      action: 'feedback.questions_save',
      recordType: 'feedback_questions',
      recordId: row.version,
      before,
      after: questions,
    });
    return row;
  });
}

/**
 * Records an anonymous rating of a published service. The same rating sent again within the hour
 * from the same address is accepted but stored once; per-IP limits stop floods.
 */
export async function submitRating(deps: Deps, ctx: Ctx, identifier: string, raw: unknown, now = new Date()) {
  const { row: service } = await getPublished(deps, identifier);
  const input = parseInput(ratingInput, raw);
  const { version, questions } = await currentQuestions(deps.db);
  const drivers = new Set(questions.map((q) => q.driver));
  const unknown = Object.keys(input.answers).filter((d) => !drivers.has(d));
  if (unknown.length) throw new ValidationError(unknown.map((d) => ({ field: `q_${d}`, key: 'validation.unknown_field' })));
  const answers = Object.entries(input.answers).sort(([a], [b]) => a.localeCompare(b));
  const comment = input.comment?.trim() || null;
  if (answers.length === 0 && !comment) fieldError('q_satisfied', 'feedback.validation.rating_empty');
  const ip = ipHash(deps, ctx.ip);
  await limit(deps, [
    [`rating:ip:${ip}`, LIMITS.ratingPerIp],
    [`rating:ip-service:${ip}:${service.id}`, LIMITS.ratingPerIpService],
  ]);
  const fingerprint = keyedHash(deps, 'rating', `${service.id}|${ip}|${JSON.stringify(answers)}|${normaliseText(comment ?? '')}`);
  const at = now.toISOString();
  const month = monthOf(now, deps.config.timeZone);
  return deps.db.transaction().execute(async (trx) => {
    // The same rating sent twice at once waits for the first to commit, then finds it.
    await lockKey(trx, 'feedback.rating', fingerprint);
    if (await repo.recentFingerprint(trx, fingerprint, new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString())) {
      return { duplicate: true as const };
    }
    const rating = await repo.insertRating(trx, {
      service_id: service.id,
      agency_id: service.agency_id,
      question_set_version: version,
      comment,
      comment_lang: comment ? ctx.lang : null,
      comment_state: comment ? 'visible' : 'none',
      hidden_reason: null,
      hidden_by: null,
      hidden_at: null,
      public_reply: null,
      public_reply_lang: null,
      public_reply_at: null,
      public_reply_by: null,
      ip_hash: ip,
      fingerprint,
      month,
      created_at: at,
    });
    await repo.insertAnswers(
      trx,
      answers.map(([driver, score]) => ({
        rating_id: rating.id,
        service_id: service.id,
        agency_id: service.agency_id,
        driver,
        score,
        month,
        created_at: at,
      })),
    );
    return { duplicate: false as const };
  });
}

/** Comments on the actor's agencies' services, for reading, replying and moderation. */
export async function listComments(deps: Deps, ctx: Ctx, filter: repo.CommentFilter, page = 1, pageSize = 30) {
  const scope = hasRole(ctx.actor, 'program_admin')
    ? undefined
    : actorAgencyIds(ctx.actor).filter((id) => feedbackPolicy.readRatings(ctx.actor, id));
  const agencyIds = scope && filter.agencyIds ? filter.agencyIds.filter((id) => scope.includes(id)) : (scope ?? filter.agencyIds);
  const rows = await repo.listComments(deps.db, { ...filter, agencyIds }, pageSize + 1, (page - 1) * pageSize);
  // A hidden comment's text is kept for the record but shown to no one.
  const items = rows.slice(0, pageSize).map((r) => (r.comment_state === 'hidden' ? { ...r, comment: null } : r));
  return { items, hasNext: rows.length > pageSize };
}

async function ratingFor(deps: Deps, id: number) {
  const r = await repo.findRating(deps.db, id);
  if (!r || r.comment_state === 'none') throw new NotFoundError();
  return r;
}

/** Publishes (or replaces) the agency's public reply to a comment; the exchange then shows on the service page. */
export async function publishReply(deps: Deps, ctx: Ctx, ratingId: number, raw: unknown) {
  const r = await ratingFor(deps, ratingId);
  authorize(feedbackPolicy.replyToRating(ctx.actor, r.agency_id), 'rating of another agency');
  if (r.comment_state === 'hidden') throw new ConflictError('feedback.error.comment_hidden');
  const { body } = parseInput(publicReplyInput, raw);
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateRating(trx, r.id, {
      public_reply: body,
      public_reply_lang: ctx.lang,
      public_reply_at: new Date().toISOString(),
      public_reply_by: actorLabel(ctx.actor),
    });
    await servicePageChanged(trx, r.service_id);
    await recordAudit(trx, ctx, {
      action: 'feedback.rating_reply',
      recordType: 'feedback_rating',
      recordId: r.id,
      agencyId: r.agency_id,
      before: { public_reply: r.public_reply },
      after: { public_reply: body },
    });
    return after;
  });
}

/** Withdraws the agency's public reply. */
export async function withdrawReply(deps: Deps, ctx: Ctx, ratingId: number) {
  const r = await ratingFor(deps, ratingId);
  authorize(feedbackPolicy.replyToRating(ctx.actor, r.agency_id), 'rating of another agency');
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateRating(trx, r.id, { public_reply: null, public_reply_lang: null, public_reply_at: null, public_reply_by: null });
    await servicePageChanged(trx, r.service_id);
    await recordAudit(trx, ctx, {
      action: 'feedback.rating_reply_withdraw',
      recordType: 'feedback_rating',
      recordId: r.id,
      agencyId: r.agency_id,
      before: { public_reply: r.public_reply },
    });
  });
}

export { ratingFor };
