import {
  answerIdea,
  approveConsultation,
  completeConsultation,
  createConsultation,
  dayOf,
  disposeComment,
  moderateIdea,
  postComment,
  proposeIdea,
  publishConsultation,
  setFinalText,
  submitConsultation,
  supportIdea,
  verifiedParticipant,
  vote,
} from '../../../src/modules/participate/testing.ts';
import { systemCtx } from '../../../src/platform/auth/actor.ts';
import { buildAgency } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const at = (day: string) => new Date(`${day}T09:00:00Z`);

/** Consultation pages: a draft, an open consultation with comments and votes, and a completed one with its report. */
const samples: SampleBuilder = async ({ deps }) => {
  const agency = await buildAgency(deps, {
    code: 'a11y-participate',
    name_ar: 'هيئة الحكومة الرقمية',
    name_en: 'Digital Government Authority',
  });
  const sys = systemCtx('a11y');
  const today = dayOf(deps, new Date());
  const text = 'المادة الأولى: التعريفات\nيقصد بالرسم المقابل المالي.\n\nالمادة الثانية: الرسوم\nيكون الرسم 100 ريال.';
  const input = (title: string, opens: string, closes: string) => ({
    agency_id: String(agency.id),
    title_ar: `مسودة ${title}`,
    title_en: `Draft ${title}`,
    summary_ar: 'ملخص المسودة',
    summary_en: 'What the draft does',
    source_format: 'text',
    source_text: text,
    questions_ar: 'هل الرسم مناسب؟',
    questions_en: 'Is the fee right?',
    opens_on: opens,
    closes_on: closes,
  });
  const draft = await createConsultation(deps, sys, input('draft', addDays(today, 10), addDays(today, 40)));
  // A draft awaiting the office's approval (the program administrator browsing sees approve and return).
  const waiting = await createConsultation(deps, sys, input('awaiting approval', addDays(today, 10), addDays(today, 40)));
  await submitConsultation(deps, sys, waiting.id);
  const open = await createConsultation(deps, sys, input('open', addDays(today, -2), addDays(today, 20)));
  const done = await createConsultation(deps, sys, input('completed', addDays(today, -40), addDays(today, -20)));
  for (const c of [open, done]) {
    await submitConsultation(deps, sys, c.id);
    await approveConsultation(deps, sys, c.id);
  }
  await publishConsultation(deps, sys, open.id, at(addDays(today, -3)));
  await publishConsultation(deps, sys, done.id, at(addDays(today, -41)));
  const p = await verifiedParticipant(deps, sys, 'a11y.participant@example.sa', 'نورة');
  const q = await verifiedParticipant(deps, sys, 'a11y.anon@example.sa', 'سالم');
  const articles = await deps.db
    .selectFrom('participate_articles')
    .selectAll()
    .where('consultation_id', '=', open.id)
    .orderBy('position')
    .execute();
  await postComment(
    deps,
    sys,
    p.id,
    open.id,
    { target: `article:${articles[1].id}`, body: 'الرسم مرتفع.', display: 'name' },
    at(addDays(today, -1)),
  );
  await postComment(deps, sys, q.id, open.id, { target: 'whole', body: 'ملاحظة عامة.', display: 'anonymous' }, at(addDays(today, -1)));
  await vote(deps, sys, p.id, articles[1].id, { stance: 'disagree' }, at(addDays(today, -1)));
  // Enough comments on the first article for its full list to have pages (written as the service would).
  await deps.db
    .insertInto('participate_comments')
    .values(
      Array.from({ length: 61 }, (_, i) => ({
        consultation_id: open.id,
        article_id: articles[0].id,
        question_id: null,
        participant_id: i % 2 ? q.id : p.id,
        body: `ملاحظة رقم ${i + 1} على التعريفات.`,
        display: i % 2 ? ('anonymous' as const) : ('name' as const),
        status: 'visible' as const,
        reports: 0,
        moderation_reason: null,
        disposition: null,
        disposition_reason: null,
        disposed_at: null,
        created_at: at(addDays(today, -1)).toISOString(),
      })),
    )
    .execute();
  const doneArticles = await deps.db
    .selectFrom('participate_articles')
    .selectAll()
    .where('consultation_id', '=', done.id)
    .orderBy('position')
    .execute();
  const c1 = await postComment(
    deps,
    sys,
    p.id,
    done.id,
    { target: `article:${doneArticles[1].id}`, body: 'أقترح خفض الرسم.', display: 'name' },
    at(addDays(today, -30)),
  );
  const c2 = await postComment(
    deps,
    sys,
    q.id,
    done.id,
    { target: 'whole', body: 'النص واضح.', display: 'anonymous' },
    at(addDays(today, -30)),
  );
  await disposeComment(deps, sys, c1.id, { disposition: 'accepted', reason: 'خُفض الرسم إلى 50 ريالًا.' }, at(addDays(today, -15)));
  await disposeComment(deps, sys, c2.id, { disposition: 'out_of_scope', reason: 'ملاحظة عامة.' }, at(addDays(today, -15)));
  await setFinalText(
    deps,
    sys,
    done.id,
    { final_text: text.replace('100', '50'), report_ar: 'خُفض الرسم.', report_en: 'The fee was lowered.' },
    at(addDays(today, -15)),
  );
  await completeConsultation(deps, sys, done.id, at(addDays(today, -14)));
  const idea = await proposeIdea(deps, sys, p.id, {
    to: String(agency.id),
    title: 'تجديد الرخصة دون زيارة',
    description: 'أقترح أن يكون التجديد كله عبر الموقع.',
    category: 'improvement',
  });
  await moderateIdea(deps, sys, idea.id, { decision: 'publish', reason: '' });
  await supportIdea(deps, sys, q.id, idea.id);
  await answerIdea(deps, sys, idea.id, { answer: 'under_study', reason: 'ندرس التكلفة.' });
  await answerIdea(deps, sys, idea.id, { answer: 'declined', reason: 'يتطلب النظام حضورًا شخصيًا.' });
  // An accepted idea: its console page offers the form linking it to plan initiatives.
  const accepted = await proposeIdea(deps, sys, p.id, {
    to: String(agency.id),
    title: 'إشعار قبل انتهاء الرخصة',
    description: 'رسالة قبل انتهاء الرخصة بشهر.',
    category: 'new_service',
  });
  await moderateIdea(deps, sys, accepted.id, { decision: 'publish', reason: '' });
  await answerIdea(deps, sys, accepted.id, { answer: 'accepted', reason: 'أُدرجت في الخطة.' });
  return {
    '/ideas': '/ideas',
    '/ideas/new': '/ideas/new',
    '/ideas/join': '/ideas/join',
    '/ideas/:id': `/ideas/${idea.id}`,
    '/console/ideas': '/console/ideas',
    '/console/ideas/:id': `/console/ideas/${idea.id}`,
    '/console/ideas/:id (accepted)': `/console/ideas/${accepted.id}`,
    '/consultations': '/consultations',
    '/consultations/:id': `/consultations/${open.id}`,
    '/consultations/:id/join': `/consultations/${open.id}/join`,
    '/consultations/:id/report': `/consultations/${done.id}/report`,
    '/consultations/:id/comments': `/consultations/${open.id}/comments?article=${articles[0].id}&page=2`,
    '/consultations/:id/comments (completed)': `/consultations/${done.id}/comments?article=${doneArticles[1].id}`,
    '/console/consultations': '/console/consultations',
    '/console/consultations/new': '/console/consultations/new',
    '/console/consultations/:id': `/console/consultations/${waiting.id}`,
    '/console/consultations/:id/edit': `/console/consultations/${draft.id}/edit`,
    '/console/consultations/:id/comments': `/console/consultations/${open.id}/comments`,
  };
};
export default samples;
