import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorAgencyIds, actorLabel, type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { hmac } from '../../platform/auth/crypto.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, ForbiddenError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { enforceRateLimit } from '../../platform/http/rate-limit.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { localDate } from '../../platform/i18n/dates.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import { findService } from '../catalog/public.ts';
import { findAgency } from '../identity/public.ts';
import * as repo from './ideas.repo.ts';
import { publicInitiatives, resolveInitiatives } from './initiatives.ts';
import { ideaAnswerKeys, ideaModerationKeys } from './labels.ts';
import { tellStaff } from './notices.ts';
import { participatePolicy } from './participate.policy.ts';
import { findParticipant, type ParticipantRow } from './participate.repo.ts';
import { ideaAnswerInput, ideaInitiativesInput, ideaInput, ideaModerationInput } from './participate.schema.ts';
import type { IdeaAnswer, IdeaCategory, IdeaModeration } from './participate.tables.ts';
import { announceIdeaAnswer } from './subscriptions.ts';
import { answerersOf, checkThreshold, deadlineOf, ideaRule } from './thresholds.ts';

const today = (deps: Deps) => localDate(new Date(), deps.config.timeZone);

// Ideas from the public. A person who verified an address (the same one-time code as consultations)
// proposes an idea to an agency or to the program; it waits for moderation and is published or
// rejected with a reason; others who verified an address support it, once each; the agency (or the
// office, for the program's ideas) answers it with a status, every answer kept and shown publicly.
// The proposer is emailed on every decision, in the transaction that makes it.

export const IDEA_LIMITS = {
  ideasPerParticipant: { limit: 5, seconds: 86_400 },
  ideasPerSource: { limit: 30, seconds: 3600 },
  supportsPerParticipant: { limit: 100, seconds: 3600 },
} as const;
export const IDEAS_PAGE = 20;

const limit = (deps: Deps, ctx: Ctx, key: string, rule: { limit: number; seconds: number }) =>
  ctx.actor.kind === 'system' ? Promise.resolve() : enforceRateLimit(deps.db, `participate:${key}`, rule.limit, rule.seconds);

async function verified(deps: Deps, participantId: number | null | undefined): Promise<ParticipantRow> {
  const p = participantId ? await findParticipant(deps.db, participantId) : undefined;
  if (!p?.verified_at) throw new ForbiddenError('participant_unverified', 'participate.error.unverified');
  return p;
}

/** A new idea from a verified participant; it waits for moderation before anyone else sees it. */
export async function proposeIdea(deps: Deps, ctx: Ctx, participantId: number | null, raw: unknown, at = new Date()) {
  const p = await verified(deps, participantId);
  const input = parseInput(ideaInput, raw);
  if (input.agency_id !== null) {
    const agency = await findAgency(deps.db, input.agency_id);
    if (agency?.status !== 'active') fieldError('to', 'participate.validation.idea_to');
  }
  if (input.service_id !== null) {
    const s = await findService(deps.db, input.service_id);
    if (!s || s.published_version === 0) fieldError('service_id', 'participate.validation.idea_service');
    if (input.agency_id !== null && s.agency_id !== input.agency_id) fieldError('service_id', 'participate.validation.idea_service_agency');
  }
  await limit(deps, ctx, `idea-source:${hmac(deps.config.secretKey, `ip|${ctx.ip ?? 'unknown'}`)}`, IDEA_LIMITS.ideasPerSource);
  await limit(deps, ctx, `idea-participant:${p.id}`, IDEA_LIMITS.ideasPerParticipant);
  return deps.db.transaction().execute(async (trx) => {
    const idea = await repo.insertIdea(trx, {
      ...input,
      participant_id: p.id,
      moderation: 'pending',
      moderation_reason: null,
      answer: null,
      answer_reason: null,
      created_at: at.toISOString(),
      published_at: null,
      answered_at: null,
    });
    await recordAudit(trx, ctx, {
      action: 'participate.idea.create',
      recordType: 'participate_idea',
      recordId: idea.id,
      agencyId: idea.agency_id,
      after: { participant: p.id, ...input },
    });
    const agency = input.agency_id === null ? null : await findAgency(trx, input.agency_id);
    await tellStaff(trx, deps, ctx, await answerersOf(trx, idea.agency_id), {
      notice: 'participate.notice.idea_pending',
      params: (lang) => ({
        title: idea.title,
        to: agency ? (lang === 'ar' ? agency.name_ar : agency.name_en) : translate(lang, 'participate.notice.to_program'),
      }),
      path: `/console/ideas/${idea.id}`,
      key: `participate:idea:${idea.id}:pending`,
      ref: { refType: 'participate_idea', refId: idea.id },
    });
    return idea;
  });
}

/** An idea in the console (404 when none; 403 for another agency's staff). */
export async function getIdeaForConsole(deps: Deps, ctx: Ctx, id: number) {
  const idea = await repo.findIdea(deps.db, id);
  if (!idea) throw new NotFoundError();
  authorize(participatePolicy.readIdea(ctx.actor, idea.agency_id));
  return idea;
}

/** Emails the proposer about a decision on their idea, in their language, in the caller's transaction. */
async function tellProposer(trx: Executor, deps: Deps, idea: repo.IdeaRow, stepId: number, what: string, reason: string) {
  const p = await findParticipant(trx, idea.participant_id);
  if (!p?.verified_at) return;
  const lang = p.locale;
  const params = { title: idea.title, status: translate(lang, what as Parameters<typeof translate>[1]) };
  await queuePersonEmail(trx, deps, p, lang, {
    subject: translate(lang, 'participate.email.idea_subject', params),
    body: [
      translate(lang, 'participate.email.idea_body', params),
      ...(reason ? [translate(lang, 'participate.email.idea_reason', { reason })] : []),
    ],
    action: { label: translate(lang, 'participate.email.idea_action'), path: `/ideas/${idea.id}` },
    footer: translate(lang, 'participate.email.idea_footer'),
    key: `participate:idea:${idea.id}:step:${stepId}`,
    source: 'participate.idea',
    ref: { refType: 'participate_idea', refId: idea.id },
  });
}

/** Publishes a pending idea or rejects it (a pending or published one) with the reason its proposer is told. */
export async function moderateIdea(deps: Deps, ctx: Ctx, id: number, raw: unknown, at = new Date()) {
  const idea = await getIdeaForConsole(deps, ctx, id);
  authorize(participatePolicy.answerIdea(ctx.actor, idea.agency_id));
  const input = parseInput(ideaModerationInput, raw);
  const to: IdeaModeration = input.decision === 'publish' ? 'published' : 'rejected';
  if (idea.moderation === to) throw new ConflictError('participate.error.idea_same');
  if (to === 'published' && idea.moderation !== 'pending') throw new ConflictError('participate.error.idea_not_pending');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateIdea(trx, id, {
      moderation: to,
      moderation_reason: input.reason || null,
      ...(to === 'published' && !idea.published_at ? { published_at: at.toISOString() } : {}),
    });
    const step = await repo.insertStep(
      trx,
      { idea_id: id, kind: 'moderation', state: to, reason: input.reason, actor_label: actorLabel(ctx.actor) },
      at.toISOString(),
    );
    await tellProposer(trx, deps, after, step.id, ideaModerationKeys[to], input.reason);
    await recordAudit(trx, ctx, {
      action: `participate.idea.${input.decision}`,
      recordType: 'participate_idea',
      recordId: id,
      agencyId: idea.agency_id,
      before: { moderation: idea.moderation, reason: idea.moderation_reason },
      after: { moderation: after.moderation, reason: after.moderation_reason },
    });
    return after;
  });
}

/**
 * The official answer to a published idea: a status (declining needs a reason); each answer is kept
 * and shown publicly, and published to the followers of ideas' answers and of this idea (`announceIdeaAnswer`).
 */
export async function answerIdea(deps: Deps, ctx: Ctx, id: number, raw: unknown, at = new Date()) {
  const idea = await getIdeaForConsole(deps, ctx, id);
  authorize(participatePolicy.answerIdea(ctx.actor, idea.agency_id));
  const input = parseInput(ideaAnswerInput, raw);
  if (idea.moderation !== 'published') throw new ConflictError('participate.error.idea_not_published');
  if (idea.answer === input.answer) throw new ConflictError('participate.error.idea_same');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateIdea(trx, id, {
      answer: input.answer,
      answer_reason: input.reason || null,
      answered_at: at.toISOString(),
    });
    const step = await repo.insertStep(
      trx,
      { idea_id: id, kind: 'answer', state: input.answer, reason: input.reason, actor_label: actorLabel(ctx.actor) },
      at.toISOString(),
    );
    await tellProposer(trx, deps, after, step.id, ideaAnswerKeys[input.answer], input.reason);
    await announceIdeaAnswer(trx, deps, ctx, after, step, at);
    await recordAudit(trx, ctx, {
      action: 'participate.idea.answer',
      recordType: 'participate_idea',
      recordId: id,
      agencyId: idea.agency_id,
      before: { answer: idea.answer, reason: idea.answer_reason },
      after: { answer: after.answer, reason: after.answer_reason },
    });
    return after;
  });
}

/** Answers after which an idea may be linked to the plan initiatives that carry it out. */
const LINKABLE: readonly (IdeaAnswer | null)[] = ['accepted', 'implemented'];

/**
 * The idea's moderators link an accepted or implemented idea to the plan initiatives that carry it
 * out (codes one a line; none unlinks), so the public follows their progress on the idea's page.
 * Every code is checked through plan's port first: an unknown one is refused on its field, nothing written.
 */
export async function linkIdeaInitiatives(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const idea = await getIdeaForConsole(deps, ctx, id);
  authorize(participatePolicy.answerIdea(ctx.actor, idea.agency_id));
  const input = parseInput(ideaInitiativesInput, raw);
  if (idea.moderation !== 'published' || !LINKABLE.includes(idea.answer)) throw new ConflictError('participate.error.idea_not_accepted');
  const codes = await resolveInitiatives(deps, input.initiatives);
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.listIdeaInitiatives(trx, id);
    await repo.replaceIdeaInitiatives(trx, id, codes);
    await recordAudit(trx, ctx, {
      action: 'participate.idea.initiatives',
      recordType: 'participate_idea',
      recordId: id,
      agencyId: idea.agency_id,
      before: { initiatives: before },
      after: { initiatives: codes },
    });
    return codes;
  });
}

/** A verified participant supports a published idea (once per address; not their own). */
export async function supportIdea(deps: Deps, ctx: Ctx, participantId: number | null, id: number, at = new Date()) {
  const p = await verified(deps, participantId);
  const idea = await repo.findIdea(deps.db, id);
  if (idea?.moderation !== 'published') throw new NotFoundError();
  if (idea.participant_id === p.id) throw new ConflictError('participate.error.own_idea');
  await limit(deps, ctx, `idea-support:${p.id}`, IDEA_LIMITS.supportsPerParticipant);
  return deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('participate_idea_supports')
      .values({ idea_id: id, participant_id: p.id, created_at: at.toISOString() })
      .onConflict((oc) => oc.columns(['idea_id', 'participant_id']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return idea;
    const after = await trx
      .updateTable('participate_ideas')
      .set((eb) => ({ supports: eb('supports', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'participate.idea.support',
      recordType: 'participate_idea',
      recordId: id,
      agencyId: idea.agency_id,
      after: { participant: p.id, supports: after.supports },
    });
    return checkThreshold(trx, deps, ctx, after, at);
  });
}

/** What a visitor filtered the public list by. */
export interface PublicIdeaFilter {
  to?: number | 'program';
  category?: IdeaCategory;
  answer?: IdeaAnswer | 'none';
  sort: 'supported' | 'newest';
}

/** A page of published ideas. The proposer is never named on public pages. */
export async function publicIdeas(deps: Deps, f: PublicIdeaFilter, page: number) {
  const rows = await repo.listIdeas(deps.db, { ...f, moderation: 'published', limit: IDEAS_PAGE + 1, offset: (page - 1) * IDEAS_PAGE });
  return { items: rows.slice(0, IDEAS_PAGE).map(publicIdeaOf), hasNext: rows.length > IDEAS_PAGE, page };
}

/** An idea as the public sees it: no proposer, no address. */
const publicIdeaOf = (i: repo.IdeaRow) => ({
  id: i.id,
  agency_id: i.agency_id,
  title: i.title,
  description: i.description,
  category: i.category,
  service_id: i.service_id,
  moderation: i.moderation,
  moderation_reason: i.moderation_reason,
  answer: i.answer,
  answer_reason: i.answer_reason,
  supports: i.supports,
  created_at: i.created_at,
  published_at: i.published_at,
  answered_at: i.answered_at,
  answer_due_on: i.answer_due_on,
});
export type PublicIdea = ReturnType<typeof publicIdeaOf>;

/** The service an idea is about, as the public sees it (only while it is published in the catalog). */
async function serviceOf(deps: Deps, id: number | null) {
  if (id === null) return null;
  const s = await findService(deps.db, id);
  return s && s.published_version > 0 ? { id: s.id, identifier: s.identifier, name_ar: s.name_ar, name_en: s.name_en } : null;
}

/**
 * An idea's public page: a published idea with its public history (the answers), or the proposer's
 * own idea while it waits or after it was rejected (with its moderation steps). 404 for anyone else.
 */
export async function publicIdea(deps: Deps, id: number, participantId: number | null) {
  const idea = await repo.findIdea(deps.db, id);
  const own = !!idea && participantId !== null && idea.participant_id === participantId;
  if (!idea || (idea.moderation !== 'published' && !own)) throw new NotFoundError();
  const [agency, service, steps, supported, initiatives] = await Promise.all([
    idea.agency_id === null ? null : findAgency(deps.db, idea.agency_id),
    serviceOf(deps, idea.service_id),
    repo.listSteps(deps.db, id, !own),
    participantId ? repo.hasSupported(deps.db, id, participantId) : false,
    repo.listIdeaInitiatives(deps.db, id).then((codes) => publicInitiatives(deps, codes)),
  ]);
  return {
    idea: publicIdeaOf(idea),
    agency: agency ?? null,
    service,
    steps: steps.map((s) => ({ id: s.id, kind: s.kind, state: s.state, reason: s.reason, at: s.at })),
    own,
    supported,
    initiatives,
    deadline: deadlineOf(idea, today(deps), deps.config.timeZone),
  };
}

/** The ideas an actor may see in the console: every idea for the office, their agencies' for agency staff. */
export async function consoleIdeas(deps: Deps, ctx: Ctx, f: { moderation?: IdeaModeration; to?: number | 'program' }, page: number) {
  const office = hasRole(ctx.actor, 'program_admin', 'program_reviewer');
  const rows = await repo.listIdeas(deps.db, {
    ...f,
    scope: office ? null : { agencyIds: actorAgencyIds(ctx.actor), program: false },
    sort: 'newest',
    limit: IDEAS_PAGE + 1,
    offset: (page - 1) * IDEAS_PAGE,
  });
  const day = today(deps);
  return {
    items: rows
      .slice(0, IDEAS_PAGE)
      .filter((i) => participatePolicy.readIdea(ctx.actor, i.agency_id))
      .map((i) => ({ ...i, deadline: deadlineOf(i, day, deps.config.timeZone) })),
    hasNext: rows.length > IDEAS_PAGE,
    page,
    rule: await ideaRule(deps.db),
    canSetRule: participatePolicy.setRule(ctx.actor),
  };
}

/** One idea for the console: with its proposer (the agency always knows), every step, and what the actor may do. */
export async function consoleIdea(deps: Deps, ctx: Ctx, id: number) {
  const idea = await getIdeaForConsole(deps, ctx, id);
  const [proposer, agency, service, steps, initiatives] = await Promise.all([
    findParticipant(deps.db, idea.participant_id),
    idea.agency_id === null ? null : findAgency(deps.db, idea.agency_id),
    serviceOf(deps, idea.service_id),
    repo.listSteps(deps.db, id, false),
    repo.listIdeaInitiatives(deps.db, id),
  ]);
  const may = participatePolicy.answerIdea(ctx.actor, idea.agency_id);
  return {
    idea,
    proposer: proposer ? { name: proposer.name, email: proposer.email } : null,
    agency: agency ?? null,
    service,
    steps,
    initiatives,
    deadline: deadlineOf(idea, today(deps), deps.config.timeZone),
    can: {
      moderate: may,
      answer: may && idea.moderation === 'published',
      link: may && idea.moderation === 'published' && LINKABLE.includes(idea.answer),
    },
  };
}
export type ConsoleIdea = Awaited<ReturnType<typeof consoleIdea>>;
