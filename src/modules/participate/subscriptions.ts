import type { Executor } from '../../db.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { dualDateText } from '../../platform/i18n/dates.ts';
import { type Lang, translate } from '../../platform/i18n/i18n.ts';
import { fill } from '../../platform/views/extensions.ts';
import { findAgency } from '../identity/public.ts';
import { notifyTopics, publishTopicNotice, type TopicLabel } from '../notify/public.ts';
import * as ideasRepo from './ideas.repo.ts';
import { ideaAnswerKeys } from './labels.ts';
import * as repo from './participate.repo.ts';

// Email notices through notify's subscriptions (double opt-in, manage and unsubscribe links, digests):
// people follow new consultations, or one consultation's answers and report, from links on the public
// pages. Publishing a consultation, or completing it with its report, publishes notify's notice in the
// same transaction, so the change and its delivery commit together or not at all. Likewise people
// follow agencies' official answers to ideas, all or one idea's; recording an answer publishes the notice.
// A notice belongs to an agency in notify, so the answers to ideas addressed to the program have no topic.

/** The topic of every newly published consultation. */
export const NEW_CONSULTATIONS_TOPIC = 'participate/consultations';
/** The topic of one consultation's answers and report. */
export const consultationTopic = (id: number) => `participate/consultation/${id}`;

const ONE = /^participate\/consultation\/(\d{1,10})$/;
/** The topic of every official answer to an idea addressed to an agency. */
export const IDEA_ANSWERS_TOPIC = 'participate/idea-answers';
/** The topic of one idea's official answers. */
export const ideaTopic = (id: number) => `participate/idea/${id}`;
const IDEA = /^participate\/idea\/(\d{1,10})$/;

/** Whether people may follow this idea's answers: published, and addressed to an agency. */
export const followable = (i: { moderation: string; agency_id: number | null }) => i.moderation === 'published' && i.agency_id !== null;
const both = (f: (lang: Lang) => string) => ({ ar: f('ar'), en: f('en') });
const titleOf = (lang: Lang, c: { title_ar: string; title_en: string }) => (lang === 'ar' ? c.title_ar : c.title_en);

/** Names participate's topics for notify: new consultations, and a published consultation's answers. */
export const participateTopics = fill(notifyTopics, {
  name: 'participate.topics',
  order: 10,
  async load(deps: Deps, { key }: { key: string }): Promise<TopicLabel | null> {
    if (key === NEW_CONSULTATIONS_TOPIC) return { ...both((l) => translate(l, 'participate.topic.consultations')), path: '/consultations' };
    if (key === IDEA_ANSWERS_TOPIC) return { ...both((l) => translate(l, 'participate.topic.idea_answers')), path: '/ideas' };
    const idea = IDEA.exec(key);
    if (idea) {
      const i = await ideasRepo.findIdea(deps.db, Number(idea[1]));
      if (!i || !followable(i)) return null;
      return { ...both((l) => translate(l, 'participate.topic.idea', { title: i.title })), path: `/ideas/${i.id}` };
    }
    const m = ONE.exec(key);
    if (!m) return null;
    const c = await repo.findConsultation(deps.db, Number(m[1]));
    if (!c || c.status === 'draft') return null;
    return { ...both((l) => translate(l, 'participate.topic.consultation', { title: titleOf(l, c) })), path: `/consultations/${c.id}` };
  },
  render: () => null,
});

const day = (lang: Lang, value: string, deps: Deps) => dualDateText(lang, `${value}T12:00:00Z`, deps.config.timeZone);
const pageUrl = (deps: Deps, lang: Lang, path: string) => `${deps.config.baseUrl}/${lang}${path}`;

/** Tells the followers of new consultations that this one is published, in the publishing transaction. */
export async function announceConsultation(trx: Executor, deps: Deps, ctx: Ctx, c: repo.ConsultationRow): Promise<number> {
  const agency = await findAgency(trx, c.agency_id);
  const agencyName = (lang: Lang) => (lang === 'ar' ? agency?.name_ar : agency?.name_en) ?? '';
  return publishTopicNotice(trx, ctx, {
    agencyId: c.agency_id,
    topics: [NEW_CONSULTATIONS_TOPIC],
    sourceKey: `participate:consultation:${c.id}:published`,
    title: both((l) => translate(l, 'participate.announce.published.title', { title: titleOf(l, c) })),
    body: both((l) =>
      [
        translate(l, 'participate.announce.published.body', { agency: agencyName(l), title: titleOf(l, c) }),
        l === 'ar' ? c.summary_ar : c.summary_en,
        translate(l, 'participate.announce.period', { from: day(l, c.opens_on, deps), to: day(l, c.closes_on, deps) }),
        translate(l, 'participate.announce.published.link', { url: pageUrl(deps, l, `/consultations/${c.id}`) }),
      ].join('\n\n'),
    ),
  });
}

/** Tells a consultation's followers that every comment is answered and the report is out, in the completing transaction. */
export async function announceReport(trx: Executor, deps: Deps, ctx: Ctx, c: repo.ConsultationRow): Promise<number> {
  const agency = await findAgency(trx, c.agency_id);
  const count = await repo.countComments(trx, c.id, {});
  return publishTopicNotice(trx, ctx, {
    agencyId: c.agency_id,
    topics: [consultationTopic(c.id)],
    sourceKey: `participate:consultation:${c.id}:report`,
    title: both((l) => translate(l, 'participate.announce.report.title', { title: titleOf(l, c) })),
    body: both((l) =>
      [
        translate(l, 'participate.announce.report.body', {
          agency: (l === 'ar' ? agency?.name_ar : agency?.name_en) ?? '',
          title: titleOf(l, c),
          count,
        }),
        translate(l, 'participate.announce.report.link', { url: pageUrl(deps, l, `/consultations/${c.id}/report`) }),
      ].join('\n\n'),
    ),
  });
}

/**
 * Tells the followers of ideas' answers, and of this idea, of the official answer just recorded (the
 * step), in the answering transaction, once per step. The proposer is not named. Null (nothing
 * published) for an idea addressed to the program.
 */
export async function announceIdeaAnswer(
  trx: Executor,
  deps: Deps,
  ctx: Ctx,
  idea: ideasRepo.IdeaRow,
  step: { id: number },
  at: Date,
): Promise<number | null> {
  if (idea.agency_id === null || idea.answer === null || !followable(idea)) return null;
  const agency = await findAgency(trx, idea.agency_id);
  const status = (l: Lang) => translate(l, ideaAnswerKeys[idea.answer as keyof typeof ideaAnswerKeys]);
  return publishTopicNotice(trx, ctx, {
    agencyId: idea.agency_id,
    topics: [IDEA_ANSWERS_TOPIC, ideaTopic(idea.id)],
    sourceKey: `participate:idea:${idea.id}:answer:${step.id}`,
    title: both((l) => translate(l, 'participate.announce.idea.title', { title: idea.title, status: status(l) })),
    body: both((l) =>
      [
        translate(l, 'participate.announce.idea.body', {
          agency: (l === 'ar' ? agency?.name_ar : agency?.name_en) ?? '',
          title: idea.title,
          date: dualDateText(l, at, deps.config.timeZone),
          status: status(l),
        }),
        ...(idea.answer_reason ? [translate(l, 'participate.announce.idea.reason', { reason: idea.answer_reason })] : []),
        translate(l, 'participate.announce.idea.link', { url: pageUrl(deps, l, `/ideas/${idea.id}`) }),
      ].join('\n\n'),
    ),
  });
}
