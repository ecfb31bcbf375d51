import type { Deps } from '../../platform/deps.ts';
import { medianDays } from './answer-times.ts';
import { dayOf } from './consultations.service.ts';

// Named metric functions for measurement and plans (read through public.ts).

/**
 * Consultations held: published consultations (completed ones included) whose period has begun,
 * opening between `from` and `to` (days, both included, either open-ended), of one agency or all.
 */
export async function consultationsHeld(
  deps: Deps,
  f: { agencyId?: number; from?: string; to?: string } = {},
  at = new Date(),
): Promise<number> {
  const today = dayOf(deps, at);
  let q = deps.db
    .selectFrom('participate_consultations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '!=', 'draft')
    .where('opens_on', '<=', today);
  if (f.agencyId) q = q.where('agency_id', '=', f.agencyId);
  if (f.from) q = q.where('opens_on', '>=', f.from);
  if (f.to) q = q.where('opens_on', '<=', f.to);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/**
 * The share of comments answered: of the comments on consultations whose period is over (closed or
 * completed), those with a disposition; null when there are none. Of one agency or all.
 */
export async function commentsAnsweredShare(
  deps: Deps,
  f: { agencyId?: number } = {},
  at = new Date(),
): Promise<{ answered: number; total: number; share: number | null }> {
  const today = dayOf(deps, at);
  let q = deps.db
    .selectFrom('participate_comments as m')
    .innerJoin('participate_consultations as c', 'c.id', 'm.consultation_id')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('m.disposition').as('answered')])
    .where((eb) => eb.or([eb('c.status', '=', 'completed'), eb.and([eb('c.status', '=', 'published'), eb('c.closes_on', '<', today)])]));
  if (f.agencyId) q = q.where('c.agency_id', '=', f.agencyId);
  const r = await q.executeTakeFirstOrThrow();
  const total = Number(r.total);
  const answered = Number(r.answered);
  return { answered, total, share: total ? answered / total : null };
}

/**
 * Days to answer: the median number of days from a consultation's last day to each comment's
 * disposition (`daysToAnswer`), over the answered comments of one agency or all; null when none is
 * answered. SQL counts them and reads the middle one or two by rank; no comment is loaded.
 */
export function medianDaysToAnswer(deps: Deps, f: { agencyId?: number } = {}): Promise<number | null> {
  return medianDays(deps, f.agencyId ? { agencyId: f.agencyId } : {});
}

/**
 * The share of ideas answered: of the published ideas addressed to one agency (or to anyone, the
 * program's included), those given an official answer (under study, accepted, implemented or
 * declined); null when none is published. All time, like the comments' share.
 */
export async function ideasAnsweredShare(
  deps: Deps,
  f: { agencyId?: number } = {},
): Promise<{ answered: number; total: number; share: number | null }> {
  let q = deps.db
    .selectFrom('participate_ideas')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('answer').as('answered')])
    .where('moderation', '=', 'published');
  if (f.agencyId) q = q.where('agency_id', '=', f.agencyId);
  const r = await q.executeTakeFirstOrThrow();
  const total = Number(r.total);
  const answered = Number(r.answered);
  return { answered, total, share: total ? answered / total : null };
}
