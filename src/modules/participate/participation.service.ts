import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { hmac, randomToken, signToken, verifyToken } from '../../platform/auth/crypto.ts';
import { checkCode, codeHash, limitCodeRequests, newCode } from '../../platform/auth/one-time-code.ts';
import { isoIn, nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, ForbiddenError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { enforceRateLimit } from '../../platform/http/rate-limit.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { queueEmail } from '../../platform/messaging/messaging.ts';
import { recordConsent } from '../../platform/personal-data.ts';
import { dayOf, phaseOf } from './consultations.service.ts';
import * as repo from './participate.repo.ts';
import { codeInput, codeRequestInput, commentInput, voteInput } from './participate.schema.ts';

// Taking part without an account: a person verifies an email address with a one-time code sent
// through the outbox, then comments on an article, a question or the whole text, agrees or
// disagrees per article, and reports comments. Addresses and sources are rate-limited; comments are
// kept as written and only ever rendered as text.

/** A code works for fifteen minutes and five guesses; an address gets three codes an hour. */
export const CODE_MINUTES = 15;
export const CODE_ATTEMPTS = 5;
/** Flood limits per window (the platform's shared rate-limit table, so every web node counts together). */
export const LIMITS = {
  codesPerAddress: { limit: 3, seconds: 3600 },
  codesPerSource: { limit: 20, seconds: 3600 },
  commentsPerParticipant: { limit: 10, seconds: 3600 },
  commentsPerSource: { limit: 60, seconds: 3600 },
  votesPerParticipant: { limit: 300, seconds: 3600 },
  reportsPerParticipant: { limit: 30, seconds: 3600 },
} as const;
/** Reports by this many different participants hide a comment until a moderator reviews it (once: a restored comment stays). */
export const REPORT_THRESHOLD = 3;
/** How long a browser stays signed in as a verified participant. */
const SESSION_DAYS = 30;
const PENDING_PURPOSE = 'participate-pending';
const SESSION_PURPOSE = 'participate-participant';

const CODE_PURPOSE = 'participate.code';
const CODE_ERRORS = {
  attempts: 'participate.validation.code_attempts',
  expired: 'participate.validation.code_expired',
  wrong: 'participate.validation.code_wrong',
} as const;
/** Counts one hit (429 past the limit). The system actor (the demo loader, imports) is not a visitor and is not counted. */
const limit = (deps: Deps, ctx: Ctx, key: string, rule: { limit: number; seconds: number }) =>
  ctx.actor.kind === 'system' ? Promise.resolve() : enforceRateLimit(deps.db, `participate:${key}`, rule.limit, rule.seconds);

/**
 * Sends a one-time code to an address (through the outbox, in the caller's language). Returns the
 * signed token the code form carries, which names the participant but proves nothing by itself.
 */
export async function requestCode(deps: Deps, ctx: Ctx, raw: unknown): Promise<string> {
  const input = parseInput(codeRequestInput, raw);
  await limitCodeRequests(deps, ctx, 'participate', input.email, LIMITS);
  const code = newCode();
  const participant = await deps.db.transaction().execute(async (trx) => {
    const p = await repo.ensureParticipant(trx, input.email, input.name, ctx.lang);
    const after = await repo.updateParticipant(trx, p.id, {
      name: input.name,
      locale: ctx.lang,
      code_hash: codeHash(deps.config.secretKey, CODE_PURPOSE, p.id, code),
      code_expires_at: isoIn(CODE_MINUTES * 60_000),
      code_attempts: 0,
    });
    await queueEmail(trx, deps.messaging.from, {
      key: `participate:code:${p.id}:${randomToken(8)}`,
      to: input.email,
      locale: ctx.lang,
      subject: translate(ctx.lang, 'participate.email.code_subject'),
      text: translate(ctx.lang, 'participate.email.code_text', { code, minutes: CODE_MINUTES }),
      source: 'participate.code',
      refType: 'participate_participant',
      refId: p.id,
      recipientId: p.id,
    });
    await recordAudit(trx, ctx, { action: 'participate.code_request', recordType: 'participate_participant', recordId: p.id });
    return after;
  });
  return signToken(deps.config.secretKey, PENDING_PURPOSE, { p: participant.id }, new Date(Date.now() + CODE_MINUTES * 60_000));
}

/** The participant a code form names, or 410 when its token is forged or stale. */
function pendingParticipant(deps: Deps, token: unknown): number {
  const p =
    typeof token === 'string' && token.length < 400 ? verifyToken<{ p: number }>(deps.config.secretKey, PENDING_PURPOSE, token) : null;
  if (!p || !Number.isSafeInteger(p.p)) throw new ConflictError('participate.error.code_stale');
  return p.p;
}

/** Checks a code; on success the address is verified and the returned token signs the browser in as this participant. */
export async function verifyCode(deps: Deps, ctx: Ctx, pendingToken: unknown, raw: unknown): Promise<string> {
  const id = pendingParticipant(deps, pendingToken);
  const { code } = parseInput(codeInput, raw);
  const p = await repo.findParticipant(deps.db, id);
  if (!p?.code_hash) throw new ConflictError('participate.error.code_stale');
  const stored = { recordId: p.id, hash: p.code_hash, expiresAt: p.code_expires_at, attempts: p.code_attempts };
  const check = checkCode(deps.config.secretKey, CODE_PURPOSE, stored, code, CODE_ATTEMPTS);
  if (check === 'wrong') await repo.updateParticipant(deps.db, p.id, { code_attempts: p.code_attempts + 1 });
  if (check !== 'ok') fieldError('code', CODE_ERRORS[check]);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateParticipant(trx, p.id, {
      verified_at: p.verified_at ?? nowIso(),
      code_hash: null,
      code_expires_at: null,
      code_attempts: 0,
    });
    await recordAudit(trx, ctx, { action: 'participate.verify', recordType: 'participate_participant', recordId: p.id });
  });
  return sessionToken(deps, p.id);
}

export const sessionToken = (deps: Deps, participantId: number) =>
  signToken(deps.config.secretKey, SESSION_PURPOSE, { p: participantId }, new Date(Date.now() + SESSION_DAYS * 86_400_000));
export const SESSION_MAX_AGE = SESSION_DAYS * 86_400;

/** The verified participant a browser's token names, if any. */
export async function participantFromToken(deps: Deps, token: unknown): Promise<repo.ParticipantRow | undefined> {
  if (typeof token !== 'string' || token.length > 400) return undefined;
  const claims = verifyToken<{ p: number }>(deps.config.secretKey, SESSION_PURPOSE, token);
  if (!claims || !Number.isSafeInteger(claims.p)) return undefined;
  const p = await repo.findParticipant(deps.db, claims.p);
  return p?.verified_at ? p : undefined;
}

/**
 * A participant whose address was verified outside this form (system actor only: the demo loader
 * and imports of consultations run elsewhere). Audited like a code check.
 */
export async function verifiedParticipant(deps: Deps, ctx: Ctx, email: string, name: string) {
  if (ctx.actor.kind !== 'system') throw new ForbiddenError();
  const input = parseInput(codeRequestInput, { email, name });
  return deps.db.transaction().execute(async (trx) => {
    const p = await repo.ensureParticipant(trx, input.email, input.name, ctx.lang);
    if (p.verified_at) return p;
    const after = await repo.updateParticipant(trx, p.id, { verified_at: nowIso() });
    await recordAudit(trx, ctx, { action: 'participate.verify', recordType: 'participate_participant', recordId: p.id });
    return after;
  });
}

async function verified(deps: Deps, participantId: number | null | undefined) {
  const p = participantId ? await repo.findParticipant(deps.db, participantId) : undefined;
  if (!p?.verified_at) throw new ForbiddenError('participant_unverified', 'participate.error.unverified');
  return p;
}

async function openConsultation(deps: Deps, id: number, at: Date) {
  const c = await repo.findConsultation(deps.db, id);
  if (!c || c.status === 'draft') throw new NotFoundError();
  if (phaseOf(c, dayOf(deps, at)) !== 'open') throw new ConflictError('participate.error.not_open');
  return c;
}

/** A comment on the whole text, an article or a question of an open consultation, by a verified participant. */
export async function postComment(
  deps: Deps,
  ctx: Ctx,
  participantId: number | null,
  consultationId: number,
  raw: unknown,
  at = new Date(),
) {
  const p = await verified(deps, participantId);
  const c = await openConsultation(deps, consultationId, at);
  const input = parseInput(commentInput, raw);
  let article_id: number | null = null;
  let question_id: number | null = null;
  const [kind, ref] = input.target.split(':');
  if (kind === 'article') {
    const a = await repo.findArticle(deps.db, Number(ref));
    if (!a || a.consultation_id !== c.id || a.version !== 'draft') fieldError('target', 'participate.validation.target');
    article_id = a.id;
  } else if (kind === 'question') {
    const q = await repo.findQuestion(deps.db, Number(ref));
    if (!q || q.consultation_id !== c.id) fieldError('target', 'participate.validation.target');
    question_id = q.id;
  }
  await limit(deps, ctx, `comment-source:${hmac(deps.config.secretKey, `ip|${ctx.ip ?? 'unknown'}`)}`, LIMITS.commentsPerSource);
  await limit(deps, ctx, `comment-participant:${p.id}`, LIMITS.commentsPerParticipant);
  return deps.db.transaction().execute(async (trx) => {
    const comment = await repo.insertComment(
      trx,
      {
        consultation_id: c.id,
        article_id,
        question_id,
        participant_id: p.id,
        body: input.body,
        display: input.display,
        status: 'visible',
        reports: 0,
        moderation_reason: null,
        disposition: null,
        disposition_reason: null,
        disposed_at: null,
      },
      at.toISOString(),
    );
    await recordAudit(trx, ctx, {
      action: 'participate.comment.create',
      recordType: 'participate_comment',
      recordId: comment.id,
      agencyId: c.agency_id,
      after: { participant: p.id, consultation: c.id, article_id, question_id, display: input.display, body: input.body },
    });
    // Showing the name rests on consent (issue 19): recorded in the words of the choice the form offered.
    if (input.display === 'name')
      await recordConsent(trx, deps, {
        purpose: 'participate.comment_by_name',
        kind: 'participate.participant',
        ref: `participate_comment:${comment.id}`,
        email: p.email,
        lang: ctx.lang,
        wording: [translate(ctx.lang, 'participate.field.display'), translate(ctx.lang, 'participate.display.name', { name: p.name })].join(
          '\n',
        ),
        channel: 'web_form',
        form: `/consultations/${c.id}`,
      });
    return comment;
  });
}

/** Agrees or disagrees with an article of an open consultation (a second vote replaces the first). */
export async function vote(deps: Deps, ctx: Ctx, participantId: number | null, articleId: number, raw: unknown, at = new Date()) {
  const p = await verified(deps, participantId);
  const article = await repo.findArticle(deps.db, articleId);
  if (article?.version !== 'draft') throw new NotFoundError();
  const c = await openConsultation(deps, article.consultation_id, at);
  const { stance } = parseInput(voteInput, raw);
  await limit(deps, ctx, `vote-participant:${p.id}`, LIMITS.votesPerParticipant);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('participate_votes')
      .values({ consultation_id: c.id, article_id: articleId, participant_id: p.id, stance, updated_at: at.toISOString() })
      .onConflict((oc) => oc.columns(['article_id', 'participant_id']).doUpdateSet({ stance, updated_at: at.toISOString() }))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'participate.vote',
      recordType: 'participate_article',
      recordId: articleId,
      agencyId: c.agency_id,
      after: { participant: p.id, stance },
    });
  });
}

/**
 * Reports a visible comment (once per participant; not one's own). The report that reaches the
 * threshold hides the comment pending a moderator's review; its text is kept.
 */
export async function reportComment(deps: Deps, ctx: Ctx, participantId: number | null, commentId: number) {
  const p = await verified(deps, participantId);
  const comment = await repo.findComment(deps.db, commentId);
  if (!comment) throw new NotFoundError();
  const c = await repo.findConsultation(deps.db, comment.consultation_id);
  if (!c || c.status === 'draft') throw new NotFoundError();
  if (comment.participant_id === p.id) throw new ConflictError('participate.error.own_comment');
  if (comment.status !== 'visible') return comment;
  await limit(deps, ctx, `report-participant:${p.id}`, LIMITS.reportsPerParticipant);
  return deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('participate_reports')
      .values({ comment_id: commentId, participant_id: p.id, created_at: nowIso() })
      .onConflict((oc) => oc.columns(['comment_id', 'participant_id']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return comment;
    const counted = await trx
      .updateTable('participate_comments')
      .set((eb) => ({ reports: eb('reports', '+', 1) }))
      .where('id', '=', commentId)
      .returningAll()
      .executeTakeFirstOrThrow();
    let after = counted;
    // Hidden the first time the threshold is reached; once a moderator has restored it, their review stands.
    if (counted.reports === REPORT_THRESHOLD && counted.status === 'visible') {
      // No reason of a person's: the pages say it was hidden after reports, pending review.
      after = await repo.updateComment(trx, commentId, { status: 'hidden', moderation_reason: null });
      await repo.insertModeration(trx, {
        comment_id: commentId,
        action: 'hidden_by_reports',
        reason: '',
        actor_label: actorLabel(ctx.actor),
      });
    }
    await recordAudit(trx, ctx, {
      action: 'participate.comment.report',
      recordType: 'participate_comment',
      recordId: commentId,
      agencyId: c.agency_id,
      before: { status: comment.status, reports: comment.reports },
      after: { participant: p.id, status: after.status, reports: after.reports },
    });
    return after;
  });
}
