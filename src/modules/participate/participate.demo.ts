import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { allAgencies } from '../identity/public.ts';
import * as consultations from './consultations.service.ts';
import * as ideas from './ideas.service.ts';
import { findInitiatives } from './initiatives.ts';
import * as repo from './participate.repo.ts';
import type { IdeaAnswer, IdeaCategory } from './participate.tables.ts';
import { dispositions } from './participate.tables.ts';
import * as participation from './participation.service.ts';

// Demo data through the module's own services and rules, written as it would have happened: each
// step is taken at a moment inside the period it belongs to (the services take that moment), so a
// consultation is published before it opens, commented while open and answered after it closes.
// One consultation is open, one closed with half its comments answered, and one completed with 300
// comments, every one answered, its final text and report published. Choices come from indexes, so
// every load of the same day gives the same data; a second load adds nothing.

const DEMO_TITLE = {
  open: 'Draft regulation on digital government service fees',
  closed: 'Draft policy on open government data',
  completed: 'Draft rules for government mobile applications',
};

const NAMES = [
  'نورة القحطاني',
  'محمد العتيبي',
  'سارة الغامدي',
  'عبدالله الشهري',
  'ريم الدوسري',
  'فهد الزهراني',
  'هند المطيري',
  'خالد الحربي',
];
const COMMENTS = [
  'أقترح توضيح المقصود بهذه المادة وإضافة أمثلة عملية.',
  'المادة مناسبة، لكن المدة المحددة قصيرة وأقترح تمديدها.',
  'يجب مراعاة الأشخاص ذوي الإعاقة عند تطبيق هذا الحكم.',
  'أتفق مع النص كما هو.',
  'أرى أن هذا الحكم يزيد الأعباء على المنشآت الصغيرة.',
  'Please publish the technical standards referred to here in English as well.',
  'The deadline in this article should count working days, not calendar days.',
  'أقترح إضافة قناة للتظلم قبل تطبيق الغرامة.',
];
const REASONS = [
  'عُدّل النص وفق المقترح.',
  'أُخذ بجزء من المقترح وعُدّلت المدة إلى ستين يومًا.',
  'لم يؤخذ بالمقترح لتعارضه مع نظام آخر نافذ.',
  'الملاحظة خارج نطاق هذه المسودة وأحيلت إلى الجهة المختصة.',
];

const ARTICLES = [
  ['التعريفات', 'يقصد بالألفاظ والعبارات الآتية أينما وردت في هذه القواعد المعاني المبينة أمامها ما لم يقتض السياق خلاف ذلك.'],
  ['النطاق', 'تسري هذه القواعد على جميع الجهات الحكومية التي تقدم خدماتها عبر القنوات الرقمية.'],
  ['الأهداف', 'تهدف هذه القواعد إلى رفع جودة الخدمات الرقمية وتوحيد معاييرها.'],
  ['الإتاحة', 'تلتزم الجهة بإتاحة خدماتها الرقمية للأشخاص ذوي الإعاقة وفق المعايير المعتمدة.'],
  ['اللغة', 'تقدم الخدمة باللغة العربية، ويجوز تقديمها بلغات أخرى.'],
  ['حماية البيانات', 'تلتزم الجهة بحماية البيانات الشخصية للمستفيدين وعدم استخدامها لغير الغرض الذي جمعت من أجله.'],
  ['المدد', 'تنجز الجهة الطلب خلال ثلاثين يومًا من تاريخ استكماله.'],
  ['الرسوم', 'لا يجوز فرض رسوم على الخدمة إلا بنص نظامي.'],
  ['التظلم', 'للمستفيد التظلم من القرار خلال ستين يومًا من تاريخ إبلاغه به.'],
  ['الرقابة', 'تتولى الهيئة الرقابة على تطبيق هذه القواعد.'],
  ['المخالفات', 'يعاقب المخالف بالجزاءات المنصوص عليها في الأنظمة ذات العلاقة.'],
  ['النفاذ', 'يعمل بهذه القواعد بعد تسعين يومًا من تاريخ نشرها.'],
] as const;
const ordinals = [
  'الأولى',
  'الثانية',
  'الثالثة',
  'الرابعة',
  'الخامسة',
  'السادسة',
  'السابعة',
  'الثامنة',
  'التاسعة',
  'العاشرة',
  'الحادية عشرة',
  'الثانية عشرة',
];
const ruleText = (articles: readonly (readonly [string, string])[]) =>
  articles.map(([heading, body], i) => `المادة ${ordinals[i]}: ${heading}\n${body}`).join('\n\n');

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** Noon of a day (UTC), a moment safely inside it in the program's time zone. */
const noon = (day: string) => new Date(`${day}T09:00:00Z`);

/** `volume` multiplies the comments each consultation receives (1: the demo; see DemoOptions.volume). */
export async function loadParticipateDemo(deps: Deps, ctx: Ctx, volume = 1): Promise<Record<string, number>> {
  const counts = { participate_consultations: 0, participate_comments: 0, participate_ideas: 0 };
  const agencies = (await allAgencies(deps)).filter((a) => a.status === 'active');
  if (agencies.length === 0) return counts;
  const existing = new Set((await repo.listConsultations(deps.db, {})).map((c) => c.title_en));
  const today = consultations.dayOf(deps, new Date());
  const people: repo.ParticipantRow[] = [];
  for (let i = 0; i < 60; i++)
    people.push(await participation.verifiedParticipant(deps, ctx, `participant${i + 1}@demo.yusr.sa`, NAMES[i % NAMES.length]));

  const make = async (
    key: keyof typeof DEMO_TITLE,
    agencyIndex: number,
    title_ar: string,
    opens: string,
    closes: string,
    wantedComments: number,
  ) => {
    const comments = Math.max(1, Math.round(wantedComments * volume));
    if (existing.has(DEMO_TITLE[key])) return null;
    const agency = agencies[agencyIndex % agencies.length];
    const c = await consultations.createConsultation(deps, ctx, {
      agency_id: String(agency.id),
      title_ar,
      title_en: DEMO_TITLE[key],
      summary_ar: `تعرض ${agency.name_ar} هذه المسودة لاستطلاع آراء العموم قبل اعتمادها.`,
      summary_en: `${agency.name_en} puts this draft to the public before adopting it.`,
      source_format: 'text',
      source_text: `قواعد تنظيمية — مسودة للاستطلاع\n\n${ruleText(ARTICLES)}`,
      questions_ar: 'هل المدد المقترحة مناسبة؟\nما الأثر المتوقع على المنشآت الصغيرة؟',
      questions_en: 'Are the proposed time limits appropriate?\nWhat effect do you expect on small businesses?',
      opens_on: opens,
      closes_on: closes,
    });
    await consultations.submitConsultation(deps, ctx, c.id);
    await consultations.approveConsultation(deps, ctx, c.id);
    await consultations.publishConsultation(deps, ctx, c.id, noon(addDays(opens, -1)));
    const articles = await repo.listArticles(deps.db, c.id, 'draft');
    const questions = await repo.listQuestions(deps.db, c.id);
    const span = Math.max(1, Math.min(Date.parse(closes), Date.parse(today)) / 86_400_000 - Date.parse(opens) / 86_400_000);
    for (let k = 0; k < comments; k++) {
      const who = people[(k * 7 + agencyIndex) % people.length];
      const article = articles[(k * 5) % articles.length];
      const target = k % 11 === 0 ? 'whole' : k % 13 === 0 ? `question:${questions[k % questions.length].id}` : `article:${article.id}`;
      const day = addDays(opens, Math.floor((k * span) / Math.max(1, comments)));
      await participation.postComment(
        deps,
        ctx,
        who.id,
        c.id,
        { target, body: COMMENTS[k % COMMENTS.length], display: k % 4 === 3 ? 'anonymous' : 'name' },
        noon(day),
      );
      if (k % 3 === 0) await participation.vote(deps, ctx, who.id, article.id, { stance: k % 5 === 0 ? 'disagree' : 'agree' }, noon(day));
    }
    counts.participate_consultations++;
    counts.participate_comments += comments;
    return c;
  };

  await make('open', 0, 'مسودة لائحة رسوم الخدمات الحكومية الرقمية', addDays(today, -10), addDays(today, 20), 14);

  const closed = await make('closed', 1, 'مسودة سياسة البيانات الحكومية المفتوحة', addDays(today, -60), addDays(today, -20), 40);
  if (closed) await answer(deps, ctx, closed.id, addDays(today, -15), 2);

  const done = await make(
    'completed',
    2,
    'مسودة قواعد التطبيقات الحكومية على الأجهزة الذكية',
    addDays(today, -130),
    addDays(today, -100),
    300,
  );
  if (done) {
    const after = noon(addDays(today, -95));
    await answer(deps, ctx, done.id, addDays(today, -96), 1);
    const received = (await repo.listComments(deps.db, done.id)).length;
    const final = ARTICLES.map(([h, b], i) =>
      i === 6
        ? [h, 'تنجز الجهة الطلب خلال عشرين يوم عمل من تاريخ استكماله.']
        : i === 8
          ? [h, `${b} ويبت في التظلم خلال ثلاثين يومًا.`]
          : [h, b],
    ) as [string, string][];
    await consultations.setFinalText(
      deps,
      ctx,
      done.id,
      {
        final_text: `قواعد تنظيمية — النص النهائي\n\n${ruleText(final)}`,
        report_ar: `تلقت الجهة ${received.toLocaleString('ar-SA')} ملاحظة، وأجابت عن كل منها، وعدّلت المادتين السابعة والتاسعة.`,
        report_en: `The agency received ${received.toLocaleString('en')} comments, answered every one, and changed articles seven and nine.`,
      },
      after,
    );
    await consultations.completeConsultation(deps, ctx, done.id, after);
  }
  counts.participate_ideas = await loadIdeas(
    deps,
    ctx,
    people,
    agencies.map((a) => a.id),
  );
  return counts;
}

/** Ideas in every state: waiting, not published, published without an answer, and each answer (some answered twice). */
const IDEAS: {
  title: string;
  to: number | 'program';
  category: IdeaCategory;
  state: 'pending' | 'rejected' | IdeaAnswer[];
  /** Plan initiatives that may carry it out: it is linked to the first the public sees (else the first found), if any. */
  initiatives?: string[];
}[] = [
  { title: 'تجديد رخصة البلدية دون زيارة الفرع', to: 0, category: 'improvement', state: ['under_study', 'accepted', 'implemented'] },
  {
    title: 'حساب واحد لكل الخدمات الحكومية',
    to: 'program',
    category: 'digital_channel',
    state: ['under_study', 'accepted'],
    // Taken into the executive plan (plan's demo, loaded before this one): digital identity and single sign-on.
    initiatives: ['ep2/EP2-SNS-02', 'ep2/EP2-SNS-08'],
  },
  { title: 'ترجمة فورية بلغة الإشارة في مراكز الخدمة', to: 1, category: 'accessibility', state: ['under_study'] },
  { title: 'إلغاء اشتراط الحضور الشخصي لتوثيق العقود', to: 2, category: 'improvement', state: ['under_study', 'declined'] },
  { title: 'Publish service fees in one open dataset', to: 'program', category: 'new_service', state: [] },
  { title: 'إشعار قبل انتهاء الوثائق بشهر', to: 0, category: 'new_service', state: 'pending' },
  { title: 'إعلان تجاري لا علاقة له بالخدمات', to: 1, category: 'other', state: 'rejected' },
];
const ANSWER_REASONS: Record<IdeaAnswer, string> = {
  under_study: 'تدرس الجهة الفكرة مع الإدارات المعنية وتقدر تكلفتها.',
  accepted: 'قُبلت الفكرة وأُدرجت في خطة العام القادم.',
  implemented: 'نُفذت الفكرة وأصبحت الخدمة متاحة عبر الموقع والتطبيق.',
  declined: 'يشترط النظام الحضور الشخصي لتوثيق هذا النوع من العقود، ولا يمكن تغييره بقرار من الجهة.',
};

async function loadIdeas(deps: Deps, ctx: Ctx, people: repo.ParticipantRow[], agencyIds: number[]): Promise<number> {
  const existing = new Set((await deps.db.selectFrom('participate_ideas').select('title').execute()).map((r) => r.title));
  const today = consultations.dayOf(deps, new Date());
  let made = 0;
  for (const [k, d] of IDEAS.entries()) {
    if (existing.has(d.title)) continue;
    const proposer = people[(k * 11) % people.length];
    const idea = await ideas.proposeIdea(
      deps,
      ctx,
      proposer.id,
      {
        to: d.to === 'program' ? 'program' : String(agencyIds[d.to % agencyIds.length]),
        title: d.title,
        description: `${d.title}. أقترح ذلك لأنه يوفر الوقت على المستفيدين ويقلل المراجعات.`,
        category: d.category,
      },
      noon(addDays(today, -60 + k)),
    );
    made++;
    if (d.state === 'pending') continue;
    if (d.state === 'rejected') {
      await ideas.moderateIdea(
        deps,
        ctx,
        idea.id,
        { decision: 'reject', reason: 'لا تتعلق المشاركة بخدمة حكومية.' },
        noon(addDays(today, -58 + k)),
      );
      continue;
    }
    await ideas.moderateIdea(deps, ctx, idea.id, { decision: 'publish', reason: '' }, noon(addDays(today, -58 + k)));
    // Supports: fewer for later ideas, so "most supported" differs from "newest".
    for (let i = 0; i < 40 - k * 5; i++) {
      const who = people[(k * 11 + i + 1) % people.length];
      if (who.id !== proposer.id) await ideas.supportIdea(deps, ctx, who.id, idea.id);
    }
    for (const [j, a] of d.state.entries())
      await ideas.answerIdea(deps, ctx, idea.id, { answer: a, reason: ANSWER_REASONS[a] }, noon(addDays(today, -50 + k + j * 10)));
    if (d.initiatives) await linkIdea(deps, ctx, idea.id, d.initiatives);
  }
  return made;
}

/** Links an accepted idea, through the moderators' own service, to the first of `codes` plans publish (else the first known; none without plans). */
async function linkIdea(deps: Deps, ctx: Ctx, id: number, codes: string[]) {
  const found = await findInitiatives(deps, codes);
  const known = codes.filter((c) => found.has(c));
  const code = known.find((c) => found.get(c)?.path) ?? known[0];
  if (code) await ideas.linkIdeaInitiatives(deps, ctx, id, { initiatives: code });
}

/** Answers every `every`-th comment of a closed consultation (1: all of them), on a given day. */
async function answer(deps: Deps, ctx: Ctx, id: number, day: string, every: number) {
  const comments = await repo.listComments(deps.db, id);
  for (const [k, m] of comments.entries()) {
    if (k % every !== 0) continue;
    const d = dispositions[k % dispositions.length];
    await consultations.disposeComment(deps, ctx, m.id, { disposition: d, reason: REASONS[k % REASONS.length] }, noon(day));
  }
}
