import { systemCtx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { dualDateText } from '../../platform/i18n/dates.ts';
import { type Lang, translate } from '../../platform/i18n/i18n.ts';
import { queuePersonEmail } from '../../platform/messaging/person-email.ts';
import { findUser, listUsers } from '../identity/public.ts';
import * as repo from './award.repo.ts';
import { entrantPath } from './entrants.service.ts';

export const OUTCOME_NOTICE_JOB = 'award.outcome_notice';
export const JUDGE_NOTICE_JOB = 'award.judge_notice';

/** What a nominating agency is told: its nomination's screening, or (at publication) its final outcome. */
export interface OutcomeNotice {
  nominationId: number;
  kind: 'eligible' | 'ineligible' | 'winner' | 'honourable_mention' | 'not_selected';
}

const subjects = {
  eligible: 'award.email.eligible.subject',
  ineligible: 'award.email.ineligible.subject',
  winner: 'award.email.winner.subject',
  honourable_mention: 'award.email.honourable_mention.subject',
  not_selected: 'award.email.not_selected.subject',
} as const;
const bodies = {
  eligible: 'award.email.eligible.body',
  ineligible: 'award.email.ineligible.body',
  winner: 'award.email.winner.body',
  honourable_mention: 'award.email.honourable_mention.body',
  not_selected: 'award.email.not_selected.body',
} as const;

/**
 * Emails the nominating agency's team (administrators and editors), or the individual who nominated,
 * an outcome of their nomination,
 * through platform messaging, after the decision committed; one email per person and outcome, ever.
 */
export async function sendOutcomeNotice(deps: Deps, notice: OutcomeNotice): Promise<number> {
  const n = await repo.findNomination(deps.db, notice.nominationId);
  if (!n) return 0;
  const cycle = await repo.findCycle(deps.db, n.cycle_id);
  const branch = await repo.findBranch(deps.db, n.branch_id);
  if (!cycle || !branch) return 0;
  // An individual's nomination: its entrant, by the address they proved, with the link to their nominations.
  const entrant = n.entrant_id === null ? undefined : await repo.findEntrant(deps.db, n.entrant_id);
  const people =
    n.agency_id !== null
      ? (await listUsers(deps, systemCtx('award'), { agencyIds: [n.agency_id], status: 'active' }, 1, 500)).items.map((u) => ({
          person: u,
          lang: (u.locale === 'en' ? 'en' : 'ar') as Lang,
          path: `/console/award/nominations/${n.id}`,
          key: `user:${u.id}`,
        }))
      : entrant?.verified_at
        ? [{ person: entrant, lang: entrant.locale, path: entrantPath(deps, entrant.id), key: `entrant:${entrant.id}` }]
        : [];
  let queued = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const { person: user, lang, path, key } of people) {
      const params = {
        title: lang === 'ar' ? n.title_ar : n.title_en,
        branch: lang === 'ar' ? branch.name_ar : branch.name_en,
        edition: lang === 'ar' ? cycle.name_ar : cycle.name_en,
      };
      const sent = await queuePersonEmail(trx, deps, user, lang, {
        subject: translate(lang, subjects[notice.kind], params),
        body: [
          translate(lang, bodies[notice.kind], params),
          ...(notice.kind === 'ineligible' && n.screening_reason ? [n.screening_reason] : []),
        ],
        action: { label: translate(lang, 'award.email.action'), path },
        footer: translate(lang, 'award.email.footer'),
        key: `award:${notice.kind}:${n.id}:${key}`,
        source: 'award',
        ref: { refType: 'award_nomination', refId: n.id },
      });
      if (sent) queued++;
    }
  });
  return queued;
}

/** One assignment run: the judges it gave new nominations, each with how many they now have in all. */
export interface JudgeNotice {
  cycleId: number;
  /** The run's first new assignment (award_reviews id): it names the run, so a retry emails no judge twice. */
  run: number;
  judges: { userId: number; count: number }[];
}

/**
 * Emails each judge an assignment run gave nominations to, once per run, in their own language: how
 * many nominations they have and the last day of judging (Hijri and Gregorian), with a link to their
 * judging list.
 */
export async function sendJudgeNotice(deps: Deps, notice: JudgeNotice): Promise<number> {
  const cycle = await repo.findCycle(deps.db, notice.cycleId);
  if (!cycle) return 0;
  const lastDay = new Date(Date.parse(cycle.judging_ends_at) - 1);
  let queued = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const judge of notice.judges) {
      const user = await findUser(trx, judge.userId);
      if (user?.status !== 'active') continue;
      const lang: Lang = user.locale === 'en' ? 'en' : 'ar';
      const params = {
        count: judge.count,
        edition: lang === 'ar' ? cycle.name_ar : cycle.name_en,
        deadline: dualDateText(lang, lastDay, deps.config.timeZone),
      };
      const sent = await queuePersonEmail(trx, deps, user, lang, {
        subject: translate(lang, 'award.email.judging.subject', params),
        body: [translate(lang, 'award.email.judging.body', params)],
        action: { label: translate(lang, 'award.email.judging.action'), path: `/console/award/${cycle.id}/judging` },
        footer: translate(lang, 'award.email.judging.footer'),
        key: `award:judging:${cycle.id}:${notice.run}:user:${user.id}`,
        source: 'award',
        ref: { refType: 'award_cycle', refId: cycle.id },
      });
      if (sent) queued++;
    }
  });
  return queued;
}
