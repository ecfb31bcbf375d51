import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { allAgencies, findUsers, inviteUser, type User } from '../identity/public.ts';
import { findInitiativeByCode, findPlanByCode } from '../plan/public.ts';
import * as repo from './advisory.repo.ts';
import * as svc from './advisory.service.ts';
import type { DocType, RequestType, Severity } from './advisory.tables.ts';

// Demo data through the module's own services and rules: the advisory team of 21 people from 13
// agencies (the demo advisor and 20 colleagues invited with the advisor role), and requests of every
// type and every state — awaiting triage, waiting for information, declined, in progress, delivered
// and closed — with assignments, comments, tasks, findings and the agencies' responses.

/** The team: [email, name, home agency code]; the first is identity's demo advisor. */
const TEAM: [string, string, string][] = [
  ['advisor@yusr.demo', 'Mona Alzahrani', 'dga'],
  ['advisor.faisal@yusr.demo', 'فيصل المطيري', 'dga'],
  ['advisor.hessa@yusr.demo', 'حصة الشمري', 'sdaia'],
  ['advisor.omar@yusr.demo', 'عمر باعشن', 'sdaia'],
  ['advisor.lama@yusr.demo', 'لمى القرشي', 'nic'],
  ['advisor.turki@yusr.demo', 'تركي العنزي', 'nic'],
  ['advisor.abeer@yusr.demo', 'عبير الحربي', 'mcit'],
  ['advisor.majed@yusr.demo', 'ماجد السبيعي', 'mcit'],
  ['advisor.dalal@yusr.demo', 'دلال الزهراني', 'yesser'],
  ['advisor.nasser@yusr.demo', 'ناصر الدوسري', 'yesser'],
  ['advisor.rawan@yusr.demo', 'روان العمري', 'mof'],
  ['advisor.saud@yusr.demo', 'سعود الرشيد', 'mof'],
  ['advisor.jawaher@yusr.demo', 'جواهر الغامدي', 'moh'],
  ['advisor.bandar@yusr.demo', 'بندر القحطاني', 'moh'],
  ['advisor.amal@yusr.demo', 'أمل السالم', 'moe'],
  ['advisor.yasser@yusr.demo', 'ياسر الشهري', 'hrsd'],
  ['advisor.ghada@yusr.demo', 'غادة البقمي', 'mc'],
  ['advisor.hamad@yusr.demo', 'حمد العتيبي', 'gastat'],
  ['advisor.nouf@yusr.demo', 'نوف الجهني', 'zatca'],
  ['advisor.khalid@yusr.demo', 'خالد المالكي', 'gosi'],
  ['advisor.sara@yusr.demo', 'سارة الفيفي', 'gosi'],
];

type Step = 'submitted' | 'info_requested' | 'declined' | 'accepted' | 'delivered' | 'closed';
interface DemoFinding {
  severity: Severity;
  title: string;
  recommendation: string;
  reference: string;
  response?: 'accept' | 'accept_in_part' | 'reject';
  reason?: string;
  due?: string;
  followupClosed?: string;
}
interface DemoRequest {
  agency: string;
  type: RequestType;
  title: string;
  question: string;
  urgency: 'normal' | 'high' | 'critical';
  initiatives?: string;
  to: Step;
  /** Team members by index in TEAM: the lead first, then reviewers. */
  team?: number[];
  exception?: string;
  infoAnswered?: boolean;
  findings?: DemoFinding[];
  satisfaction?: number;
  /** The office leaves the agency's name out of the knowledge base. */
  anonymised?: true;
}

const REQUESTS: DemoRequest[] = [
  {
    agency: 'moh',
    type: 'strategic_plan',
    title: 'الخطة الاستراتيجية للتحول الرقمي الصحي 2026–2030',
    question: 'نرغب في مراجعة مسودة خطتنا الاستراتيجية للتحول الرقمي ومواءمتها مع الخطة التنفيذية الثانية ومؤشراتها.',
    urgency: 'high',
    initiatives: 'ep2/EP2-INF-06',
    to: 'closed',
    team: [0, 4, 10],
    findings: [
      {
        severity: 'high',
        title: 'مؤشرات الأداء غير مرتبطة بالمبادرات',
        recommendation: 'اربط كل مؤشر بمبادرة ومالك وخط أساس وقيمة مستهدفة سنوية.',
        reference: 'مسودة الخطة، القسم 5 ص 22',
        response: 'accept',
        due: '2026-03-31',
        followupClosed: 'yes',
      },
      {
        severity: 'medium',
        title: 'الميزانية لا تغطي التشغيل بعد الإطلاق',
        recommendation: 'أضف تكاليف التشغيل والصيانة لخمس سنوات لكل مبادرة.',
        reference: 'مسودة الخطة، الملحق ب',
        response: 'accept_in_part',
        reason: 'سنضيفها للمبادرات الكبرى فقط هذا العام.',
        due: '2026-06-30',
      },
      {
        severity: 'low',
        title: 'تكرار في محور تجربة المستفيد',
        recommendation: 'ادمج المبادرتين 3.2 و3.4.',
        reference: 'مسودة الخطة، القسم 3',
        response: 'reject',
        reason: 'المبادرتان لجهتين تنفيذيتين مختلفتين.',
      },
    ],
    satisfaction: 5,
  },
  {
    agency: 'mc',
    type: 'tender_review',
    title: 'كراسة شروط منصة السجل التجاري الموحد',
    question: 'مراجعة كراسة الشروط والمواصفات الفنية قبل الطرح في منصة اعتماد.',
    urgency: 'critical',
    to: 'delivered',
    team: [1, 6],
    findings: [
      {
        severity: 'critical',
        title: 'معايير التقييم الفني تفضّل مورّدًا بعينه',
        recommendation: 'استبدل اشتراط منتج محدد بمتطلبات وظيفية قابلة للقياس.',
        reference: 'كراسة الشروط §6.3 ص 31',
        response: 'accept',
        due: '2026-02-15',
      },
      {
        severity: 'high',
        title: 'غياب اتفاقية مستوى الخدمة',
        recommendation: 'أضف ملحقًا لمستويات الخدمة مع غرامات متدرجة.',
        reference: 'كراسة الشروط، الملحق 4',
      },
    ],
  },
  {
    agency: 'gdp',
    type: 'technical_review',
    title: 'مراجعة التوجه التقني لبوابة الجوازات الجديدة',
    question: 'هل البنية المقترحة (خدمات مصغّرة على السحابة الحكومية) مناسبة لحجم الطلب المتوقع؟',
    urgency: 'normal',
    to: 'accepted',
    team: [2, 5, 8],
    findings: [
      {
        severity: 'medium',
        title: 'لا خطة لاختبار الأحمال',
        recommendation: 'نفّذ اختبار أحمال بضعف ذروة موسم الحج قبل الإطلاق.',
        reference: 'وثيقة البنية §4 ص 9',
      },
    ],
  },
  {
    agency: 'traffic',
    type: 'vendor_evaluation',
    title: 'تقييم العروض الفنية لنظام المخالفات المرورية',
    question: 'نطلب دعم لجنة التقييم في مقارنة العروض الفنية الثلاثة.',
    urgency: 'high',
    to: 'info_requested',
  },
  {
    agency: 'civil-affairs',
    type: 'service_availability',
    title: 'مراجعة توافر خدمات الأحوال المدنية الإلكترونية',
    question: 'انقطاعات متكررة في خدمة تجديد الهوية مساء الخميس؛ نطلب مراجعة خطة التوافر.',
    urgency: 'critical',
    to: 'submitted',
  },
  {
    agency: 'moh',
    type: 'other',
    title: 'ترشيح متحدثين لمؤتمر الصحة الرقمية',
    question: 'نرغب في ترشيح أعضاء من الفريق الاستشاري للتحدث في مؤتمرنا.',
    urgency: 'normal',
    to: 'declined',
  },
  {
    agency: 'dga',
    type: 'strategic_plan',
    title: 'تحديث استراتيجية الحكومة الرقمية',
    question: 'مراجعة مستقلة لتحديث الاستراتيجية قبل رفعها للاعتماد.',
    urgency: 'normal',
    to: 'accepted',
    // The demo advisor's home agency is the requester: recorded as an exception.
    team: [3, 0],
    exception: 'خبرتها في إعداد الاستراتيجية الأصلية؛ تعمل مراجِعة فقط ولا تقيّم أعمال فريقها.',
  },
  {
    agency: 'moe',
    type: 'tender_review',
    title: 'كراسة شروط منصة التعليم الإلكتروني',
    question: 'مراجعة نطاق العمل ومعايير التأهيل.',
    urgency: 'normal',
    to: 'closed',
    team: [9, 13],
    infoAnswered: true,
    findings: [
      {
        severity: 'high',
        title: 'نطاق العمل لا يشمل نقل البيانات',
        recommendation: 'أضف مرحلة ترحيل بيانات المنصة الحالية مع معايير قبول.',
        reference: 'نطاق العمل §2.4',
        response: 'accept',
        due: '2026-01-31',
      },
    ],
    satisfaction: 4,
    anonymised: true,
  },
  {
    agency: 'hrsd',
    type: 'vendor_evaluation',
    title: 'اختيار شركة لتطوير تطبيق الدعم الاجتماعي',
    question: 'دعم في المفاضلة بين الشركات المؤهلة.',
    urgency: 'high',
    to: 'submitted',
    infoAnswered: true,
  },
  {
    agency: 'momrah',
    type: 'service_availability',
    title: 'توافر خدمات رخص البناء',
    question: 'مراجعة مؤشرات التوافر وخطة التعافي.',
    urgency: 'normal',
    to: 'delivered',
    team: [11, 15],
    findings: [
      {
        severity: 'medium',
        title: 'هدف التعافي أطول من المقبول',
        recommendation: 'خفّض هدف زمن التعافي إلى أربع ساعات للخدمات الحرجة.',
        reference: 'خطة استمرارية الأعمال ص 12',
        response: 'accept',
        due: '2026-04-30',
      },
      {
        severity: 'low',
        title: 'صفحة الحالة غير محدثة',
        recommendation: 'انشر صفحة حالة عامة تُحدَّث آليًا.',
        reference: 'تقرير التوافر، القسم 2',
      },
    ],
  },
  {
    agency: 'mof',
    type: 'technical_review',
    title: 'مراجعة تكامل منصة اعتماد مع الأنظمة المالية',
    question: 'مراجعة واجهات التكامل المقترحة.',
    urgency: 'normal',
    to: 'declined',
  },
  {
    agency: 'moj',
    type: 'other',
    title: 'منهجية قياس رضا المستفيدين',
    question: 'نطلب رأي الفريق في منهجية القياس الجديدة.',
    urgency: 'normal',
    to: 'accepted',
    team: [16],
  },
];

/** The kind of document each type of request usually comes with. */
const documentOf: Record<RequestType, DocType> = {
  strategic_plan: 'project_plan',
  tender_review: 'bidding_documents',
  vendor_evaluation: 'evaluation_reports',
  technical_review: 'technical_specifications',
  service_availability: 'other',
  other: 'other',
};
/** A small, valid PDF naming the document (demo files carry no real content). */
const demoPdf = (title: string, version: number) =>
  Buffer.from(
    `%PDF-1.4\n% Yusr demo document: ${title}, version ${version}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

const advisorCtx = (u: User): Ctx => ({
  actor: { kind: 'user', id: u.id, name: u.name, email: u.email, locale: u.locale, memberships: [{ role: 'advisor', agencyId: null }] },
  lang: u.locale,
  requestId: null,
  ip: null,
});

export async function loadAdvisoryDemo(deps: Deps, ctx: Ctx): Promise<Record<string, number>> {
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.code, a.id]));
  const counts = { advisory_advisors: 0, advisory_requests: 0, advisory_findings: 0 };
  // The team: invite whoever is missing, then put everyone on the roster with their home agency.
  const people: User[] = [];
  for (const [email, name, home] of TEAM) {
    const homeId = agencies.get(home);
    if (!homeId) return counts; // identity's demo agencies are not loaded
    let user = (await findUsers(deps.db, { q: email }, 1, 0)).find((u) => u.email === email);
    user ??= await inviteUser(deps, ctx, { email, name, locale: /[a-z]/i.test(name) ? 'en' : 'ar', role: 'advisor' });
    if (!(await repo.advisorOfUser(deps.db, user.id))) {
      await svc.addAdvisor(deps, ctx, { user_id: String(user.id), home_agency_id: String(homeId) });
      counts.advisory_advisors++;
    }
    people.push(user);
  }
  if ((await repo.listRequests(deps.db, { all: true })).length > 0) return counts;
  const roster = new Map((await repo.listAdvisors(deps.db)).map((a) => [a.user_id, a]));
  const member = (i: number) => roster.get(people[i].id) as repo.AdvisorRow;
  const linkable = await findPlanByCode(deps.db, 'ep2');

  for (const d of REQUESTS) {
    const agencyId = agencies.get(d.agency);
    if (!agencyId) continue;
    let initiatives: string | undefined;
    if (d.initiatives && linkable) {
      const i = await findInitiativeByCode(deps.db, linkable.id, d.initiatives.split('/')[1]);
      if (i && i.owner_agency_id === agencyId) initiatives = d.initiatives;
    }
    const r = await svc.submitRequest(deps, ctx, {
      agency_id: String(agencyId),
      type: d.type,
      title: d.title,
      question: d.question,
      urgency: d.urgency,
      ...(initiatives ? { initiatives } : {}),
    });
    counts.advisory_requests++;
    const doc = await svc.uploadDocument(deps, ctx, r.id, { doc_type: documentOf[d.type], doc_title: d.title, file: demoPdf(d.title, 1) });
    if (d.to === 'submitted' && !d.infoAnswered) continue;
    if (d.to === 'info_requested' || d.infoAnswered) {
      await svc.requestInfo(deps, ctx, r.id, { question: 'أرفقوا الوثيقة المراد مراجعتها وحددوا موعد القرار.' });
      if (d.to === 'info_requested') continue;
      await svc.answerInfo(deps, ctx, r.id, { answer: 'أُرفقت الوثيقة في البريد الرسمي، وموعد القرار نهاية الربع.' });
      if (d.to === 'submitted') continue;
    }
    if (d.to === 'declined') {
      await svc.declineRequest(deps, ctx, r.id, { reason: 'الطلب خارج نطاق عمل الفريق الاستشاري؛ نقترح التواصل مع الجهة المختصة.' });
      continue;
    }
    await svc.acceptRequest(deps, ctx, r.id, { priority: d.urgency === 'critical' ? 'high' : d.urgency === 'high' ? 'medium' : 'low' });
    const team = d.team ?? [];
    for (const [n, i] of team.entries()) {
      const advisor = member(i);
      await svc.assignAdvisor(deps, ctx, r.id, {
        advisor_id: String(advisor.id),
        role: n === 0 ? 'lead' : 'reviewer',
        ...(advisor.home_agency_id === agencyId ? { exception_reason: d.exception } : {}),
      });
    }
    if (team.length === 0) continue;
    const lead = advisorCtx(people[team[0]]);
    if (d.findings?.length) await svc.uploadDocument(deps, lead, r.id, { previous_id: String(doc.id), file: demoPdf(d.title, 2) });
    await svc.addTask(deps, lead, r.id, {
      title: 'قراءة الوثائق وإعداد قائمة الأسئلة',
      owner_advisor_id: String(member(team[0]).id),
      due_on: '2026-01-15',
    });
    const first = await svc.addComment(deps, lead, r.id, {
      body: 'بدأنا المراجعة؛ سنرسل الملاحظات الأولية خلال أسبوع.',
      anchor: 'القسم 1',
    });
    if (team.length > 1)
      await svc.addComment(deps, advisorCtx(people[team[1]]), r.id, {
        body: 'أتفق، وأضيف أن الجدول الزمني يحتاج مراجعة.',
        parent_id: String(first.id),
      });
    const saved = [];
    for (const f of d.findings ?? []) {
      saved.push(
        await svc.addFinding(deps, lead, r.id, {
          severity: f.severity,
          title: f.title,
          recommendation: f.recommendation,
          reference: f.reference,
        }),
      );
      counts.advisory_findings++;
    }
    if (d.to === 'accepted') continue;
    await svc.deliver(deps, lead, r.id);
    for (const [i, f] of (d.findings ?? []).entries()) {
      if (!f.response) continue;
      await svc.respondToFinding(deps, ctx, r.id, saved[i].id, {
        response: f.response,
        ...(f.reason ? { reason: f.reason } : {}),
        ...(f.due ? { due_on: f.due } : {}),
      });
      if (f.followupClosed) await svc.closeFollowup(deps, ctx, r.id, saved[i].id, { note: 'نُفّذت التوصية وتحقق المكتب من ذلك.' });
    }
    if (d.anonymised) await svc.setAnonymised(deps, ctx, r.id, true);
    if (d.to === 'closed')
      await svc.closeRequest(deps, ctx, r.id, { satisfaction: String(d.satisfaction ?? 4), comment: 'دعم مفيد وفي وقته.' });
  }
  return counts;
}
