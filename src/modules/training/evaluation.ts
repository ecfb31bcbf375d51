import { recordAudit } from '../../platform/audit/audit.ts';
import { type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { signToken, verifyToken } from '../../platform/auth/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, ForbiddenError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { localDate } from '../../platform/i18n/dates.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import { findUser } from '../identity/public.ts';
import { trainingPolicy } from './training.policy.ts';
import * as repo from './training.repo.ts';
import { evaluationInput } from './training.schema.ts';

// The reaction evaluation: once an offering's last day has passed, everyone who completed it — staff
// and members of the public alike — is emailed, once, a link to a short form (relevance, quality, would
// recommend, each 1–5, and a comment). Who was asked and whether they answered is kept apart from
// the answers, which carry only the offering and the day; results are shown per offering and per
// trainer only from MIN_RESPONSES answers up, so no small group can be read back to a person.

export const EVALUATION_JOB = 'training.evaluations';
/** Results (means and comments) are shown only from this many answers. */
export const MIN_RESPONSES = 5;
export const QUESTIONS = ['relevance', 'quality', 'recommend'] as const;
export type Question = (typeof QUESTIONS)[number];
/** Offerings that ended longer ago than this are not asked any more (a late first run does not email a year of history). */
const LOOKBACK_DAYS = 30;
const LINK_DAYS = 60;
const PURPOSE = 'training-evaluation';

const dayShift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Emails the evaluation to each person who completed an offering that ended (yesterday or earlier,
 * within the look-back), once: the invitation row is unique per enrolment (or sign-up) and written
 * in the email's transaction, so reruns and parallel workers send nothing twice. Returns how many
 * were sent.
 */
export async function sendEvaluations(deps: Deps, now = new Date()): Promise<number> {
  const today = localDate(now, deps.config.timeZone);
  const offerings = await deps.db
    .selectFrom('training_offerings')
    .selectAll()
    .where('ends_on', '<', today)
    .where('ends_on', '>=', dayShift(today, -LOOKBACK_DAYS))
    .where('status', 'in', ['open', 'closed', 'completed'])
    .orderBy('id')
    .execute();
  let sent = 0;
  for (const o of offerings) {
    const p = await repo.findProgramme(deps.db, o.programme_id);
    if (!p) continue;
    const completers = await deps.db
      .selectFrom('training_enrolments as e')
      .select(['e.id', 'e.user_id'])
      .where('e.offering_id', '=', o.id)
      .where('e.status', '=', 'enrolled')
      .where('e.completed_at', 'is not', null)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('training_evaluation_invites as i').select('i.id').whereRef('i.enrolment_id', '=', 'e.id'))),
      )
      .orderBy('e.id')
      .execute();
    const people: { kind: 'e' | 'g'; id: number; name: string; email: string; lang: 'ar' | 'en' }[] = [];
    for (const e of completers) {
      const user = await findUser(deps.db, e.user_id);
      if (user?.status === 'active') people.push({ kind: 'e', id: e.id, name: user.name, email: user.email, lang: user.locale });
    }
    const guests = await deps.db
      .selectFrom('training_guests as g')
      .select(['g.id', 'g.name', 'g.email', 'g.locale'])
      .where('g.offering_id', '=', o.id)
      .where('g.status', '=', 'enrolled')
      .where('g.completed_at', 'is not', null)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('training_guest_evaluation_invites as i').select('i.id').whereRef('i.guest_id', '=', 'g.id'))),
      )
      .orderBy('g.id')
      .execute();
    // An erased sign-up keeps no address to write to.
    for (const g of guests) if (g.email.includes('@')) people.push({ kind: 'g', id: g.id, name: g.name, email: g.email, lang: g.locale });
    for (const person of people) {
      const lang = person.lang;
      const token = signToken(deps.config.secretKey, PURPOSE, { [person.kind]: person.id }, new Date(Date.now() + LINK_DAYS * 86_400_000));
      const done = await deps.db.transaction().execute(async (trx) => {
        const fresh =
          person.kind === 'e' ? await repo.insertInvite(trx, person.id, o.id) : await repo.insertGuestInvite(trx, person.id, o.id);
        if (!fresh) return false;
        const params = { programme: lang === 'ar' ? p.title_ar : p.title_en };
        await queuePersonEmail(trx, deps, { name: person.name, email: person.email }, lang, {
          subject: translate(lang, 'training.evaluation.mail.subject', params),
          body: [translate(lang, 'training.evaluation.mail.text', params)],
          action: { label: translate(lang, 'training.evaluation.mail.action'), path: `/training/evaluation?token=${token}` },
          footer: translate(lang, 'training.evaluation.mail.footer'),
          key: person.kind === 'e' ? `training:evaluation:${person.id}` : `training:evaluation:guest:${person.id}`,
          source: 'training',
          ref: { refType: 'training_offering', refId: o.id },
        });
        await recordAudit(trx, systemCtx('training evaluations'), {
          action: 'training.evaluation.invite',
          recordType: person.kind === 'e' ? 'training_enrolment' : 'training_guest',
          recordId: person.id,
        });
        return true;
      });
      if (done) sent++;
    }
  }
  return sent;
}

/** Whom a link asks: a staff enrolment ({ e }) or a member of the public's sign-up ({ g }). */
function inviteeOf(deps: Deps, token: unknown): { kind: 'e' | 'g'; id: number } {
  const c =
    typeof token === 'string' && token.length < 500 ? verifyToken<{ e?: number; g?: number }>(deps.config.secretKey, PURPOSE, token) : null;
  if (c && Number.isSafeInteger(c.e)) return { kind: 'e', id: c.e as number };
  if (c && Number.isSafeInteger(c.g)) return { kind: 'g', id: c.g as number };
  throw new ConflictError('training.error.link_stale');
}

/** The evaluation a link opens: its programme and offering; 409 when the link is stale or it was answered. */
export async function evaluationForm(deps: Deps, token: unknown) {
  const who = inviteeOf(deps, token);
  const invite = who.kind === 'e' ? await repo.findInvite(deps.db, who.id) : await repo.findGuestInvite(deps.db, who.id);
  if (!invite) throw new ConflictError('training.error.link_stale');
  if (invite.responded_at) throw new ConflictError('training.evaluation.already');
  const offering = await repo.findOffering(deps.db, invite.offering_id);
  const programme = offering ? await repo.findProgramme(deps.db, offering.programme_id) : undefined;
  if (!offering || !programme) throw new ConflictError('training.error.link_stale');
  return { offering, programme };
}

/** Records one anonymous answer: the invitation is marked answered and the ratings stored without the person, in one transaction. */
export async function submitEvaluation(deps: Deps, ctx: Ctx, token: unknown, raw: unknown) {
  const who = inviteeOf(deps, token);
  const input = parseInput(evaluationInput, raw);
  const { offering } = await evaluationForm(deps, token);
  return deps.db.transaction().execute(async (trx) => {
    const marked = who.kind === 'e' ? await repo.markInviteAnswered(trx, who.id) : await repo.markGuestInviteAnswered(trx, who.id);
    if (!marked) throw new ConflictError('training.evaluation.already');
    await repo.insertResponse(trx, {
      offering_id: offering.id,
      relevance: input.relevance,
      quality: input.quality,
      recommend: input.recommend,
      comment: input.comment ?? null,
      submitted_on: localDate(new Date(), deps.config.timeZone),
    });
    // The answer is audited against the offering, not the person, so the trail does not undo the anonymity.
    await recordAudit(trx, ctx, { action: 'training.evaluation.submit', recordType: 'training_offering', recordId: offering.id });
  });
}

type Summary = { n: number; means: Record<Question, number> | null; comments: string[] };
function summarise(rows: { relevance: number; quality: number; recommend: number; comment: string | null }[]): Summary {
  if (rows.length < MIN_RESPONSES) return { n: rows.length, means: null, comments: [] };
  const mean = (q: Question) => rows.reduce((s, r) => s + r[q], 0) / rows.length;
  return {
    n: rows.length,
    means: { relevance: mean('relevance'), quality: mean('quality'), recommend: mean('recommend') },
    // Sorted, not in arrival order, so a comment cannot be matched to when someone answered.
    comments: rows
      .map((r) => r.comment)
      .filter((c): c is string => !!c)
      .sort((a, b) => a.localeCompare(b)),
  };
}

/**
 * Evaluation results: per offering (how many were asked, answered, and — from MIN_RESPONSES answers
 * — the mean of each question and the comments) and per trainer over all their offerings. The
 * office sees every offering and trainer; a trainer sees their own offerings and their own line.
 */
export async function evaluationResults(deps: Deps, ctx: Ctx) {
  const office = trainingPolicy.oversee(ctx.actor);
  const me = ctx.actor.kind === 'user' ? ctx.actor.id : -1;
  const mine = office ? [] : await repo.offeringsTrainedBy(deps.db, me);
  if (!office && !mine.length) throw new ForbiddenError('training.evaluation.not_trainer');
  const ids = (await repo.invitedOfferingIds(deps.db)).filter((id) => office || mine.includes(id));
  const responses = await repo.responsesOf(deps.db, ids);
  const offerings = [];
  for (const id of ids) {
    const o = await repo.findOffering(deps.db, id);
    const p = o ? await repo.findProgramme(deps.db, o.programme_id) : undefined;
    if (!o || !p) continue;
    offerings.push({
      offering: o,
      programme: p,
      ...(await repo.inviteCounts(deps.db, id)),
      ...summarise(responses.filter((r) => r.offering_id === id)),
    });
  }
  offerings.sort((a, b) => b.offering.ends_on.localeCompare(a.offering.ends_on) || a.offering.id - b.offering.id);
  const trainerRows = ids.length
    ? await deps.db
        .selectFrom('training_trainers')
        .select(['user_id', 'offering_id'])
        .where('offering_id', 'in', ids)
        .orderBy('id')
        .execute()
    : [];
  const trainers = [];
  for (const userId of [...new Set(trainerRows.map((r) => r.user_id))]) {
    if (!office && userId !== me) continue;
    const theirs = new Set(trainerRows.filter((r) => r.user_id === userId).map((r) => r.offering_id));
    const u = await findUser(deps.db, userId);
    const s = summarise(responses.filter((r) => theirs.has(r.offering_id)));
    trainers.push({ userId, name: u?.name ?? '', offerings: theirs.size, n: s.n, means: s.means });
  }
  trainers.sort((a, b) => a.name.localeCompare(b.name) || a.userId - b.userId);
  return { offerings, trainers, min: MIN_RESPONSES };
}
export type EvaluationResults = Awaited<ReturnType<typeof evaluationResults>>;
