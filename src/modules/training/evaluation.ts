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

// The reaction evaluation: once an offering's last day has passed, everyone enrolled who attended
// at least one session is emailed, once, a link to a short form (relevance, quality, would
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
 * Emails the evaluation to each attendee of offerings that ended (yesterday or earlier, within the
 * look-back), once: the invitation row is unique per enrolment and written in the email's
 * transaction, so reruns and parallel workers send nothing twice. Returns how many were sent.
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
    const attendees = await deps.db
      .selectFrom('training_enrolments as e')
      .select(['e.id', 'e.user_id'])
      .where('e.offering_id', '=', o.id)
      .where('e.status', '=', 'enrolled')
      .where((eb) =>
        eb.exists(
          eb.selectFrom('training_attendance as a').select('a.id').whereRef('a.enrolment_id', '=', 'e.id').where('a.present', '=', 1),
        ),
      )
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('training_evaluation_invites as i').select('i.id').whereRef('i.enrolment_id', '=', 'e.id'))),
      )
      .orderBy('e.id')
      .execute();
    for (const e of attendees) {
      const user = await findUser(deps.db, e.user_id);
      if (user?.status !== 'active') continue;
      const lang = user.locale;
      const token = signToken(deps.config.secretKey, PURPOSE, { e: e.id }, new Date(Date.now() + LINK_DAYS * 86_400_000));
      const done = await deps.db.transaction().execute(async (trx) => {
        if (!(await repo.insertInvite(trx, e.id, o.id))) return false;
        const params = { programme: lang === 'ar' ? p.title_ar : p.title_en };
        await queuePersonEmail(trx, deps, { name: user.name, email: user.email }, lang, {
          subject: translate(lang, 'training.evaluation.mail.subject', params),
          body: [translate(lang, 'training.evaluation.mail.text', params)],
          action: { label: translate(lang, 'training.evaluation.mail.action'), path: `/training/evaluation?token=${token}` },
          footer: translate(lang, 'training.evaluation.mail.footer'),
          key: `training:evaluation:${e.id}`,
          source: 'training',
          ref: { refType: 'training_offering', refId: o.id },
        });
        await recordAudit(trx, systemCtx('training evaluations'), {
          action: 'training.evaluation.invite',
          recordType: 'training_enrolment',
          recordId: e.id,
        });
        return true;
      });
      if (done) sent++;
    }
  }
  return sent;
}

function enrolmentOf(deps: Deps, token: unknown): number {
  const c = typeof token === 'string' && token.length < 500 ? verifyToken<{ e: number }>(deps.config.secretKey, PURPOSE, token) : null;
  if (!c || !Number.isSafeInteger(c.e)) throw new ConflictError('training.error.link_stale');
  return c.e;
}

/** The evaluation a link opens: its programme and offering; 409 when the link is stale or it was answered. */
export async function evaluationForm(deps: Deps, token: unknown) {
  const enrolmentId = enrolmentOf(deps, token);
  const invite = await repo.findInvite(deps.db, enrolmentId);
  if (!invite) throw new ConflictError('training.error.link_stale');
  if (invite.responded_at) throw new ConflictError('training.evaluation.already');
  const offering = await repo.findOffering(deps.db, invite.offering_id);
  const programme = offering ? await repo.findProgramme(deps.db, offering.programme_id) : undefined;
  if (!offering || !programme) throw new ConflictError('training.error.link_stale');
  return { offering, programme };
}

/** Records one anonymous answer: the invitation is marked answered and the ratings stored without the person, in one transaction. */
export async function submitEvaluation(deps: Deps, ctx: Ctx, token: unknown, raw: unknown) {
  const enrolmentId = enrolmentOf(deps, token);
  const input = parseInput(evaluationInput, raw);
  const { offering } = await evaluationForm(deps, token);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.markInviteAnswered(trx, enrolmentId))) throw new ConflictError('training.evaluation.already');
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
  const invited = await deps.db.selectFrom('training_evaluation_invites').select('offering_id').distinct().execute();
  const ids = invited.map((r) => r.offering_id).filter((id) => office || mine.includes(id));
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
