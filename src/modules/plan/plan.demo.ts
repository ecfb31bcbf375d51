import { createHash } from 'node:crypto';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { listForConsole } from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import * as committees from './committees.service.ts';
import { today } from './followup.service.ts';
import { demoInitiatives, demoTracks, EXECUTIVE_PLAN, kpiTemplates, milestoneTemplates } from './plan.demo.data.ts';
import * as repo from './plan.repo.ts';
import type { ReportFigures } from './plan.schema.ts';
import * as plans from './plan.service.ts';
import * as reports from './reports.service.ts';
import { addRisk } from './risks.service.ts';
import * as systems from './systems.service.ts';

// Demo data through the module's own services and rules: the second executive plan, active since
// two years before the day it is loaded, with quarterly periods, 46 initiatives, their milestones
// and KPIs, and a year of period reports in every state (accepted, under review, returned, draft,
// missing) plus corrections. Each initiative's pace comes from a hash of its code, so every load of
// the same day gives the same figures.

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const addMonths = (iso: string, months: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};
const hash = (s: string) => createHash('sha256').update(s).digest().readUInt32BE(0);
const quarterStart = (iso: string) =>
  `${iso.slice(0, 4)}-${String(Math.floor((Number(iso.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;

/** How an initiative is doing: its delay in days, KPI attainment, and the state of its latest report. */
const paces = [
  { lag: 0, attain: 1.05 },
  { lag: 0, attain: 1 },
  { lag: 20, attain: 0.93 },
  { lag: 50, attain: 0.8 },
  { lag: 120, attain: 0.55 },
] as const;
const latestStates = [
  'accepted',
  'accepted',
  'accepted',
  'accepted',
  'submitted',
  'submitted',
  'returned',
  'draft',
  'missing',
  'accepted',
] as const;

export async function loadPlanDemo(deps: Deps, ctx: Ctx): Promise<Record<string, number>> {
  if (await repo.findPlanByCode(deps.db, EXECUTIVE_PLAN.code)) return { plan_initiatives: 0, plan_reports: 0 };
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.code, a.id]));
  const fallback = agencies.get('yesser') ?? [...agencies.values()][0];
  if (fallback === undefined) return { plan_initiatives: 0, plan_reports: 0 };
  const day = today(deps);
  const start = addMonths(quarterStart(day), -24);

  const systemsOf = await demoSystems(deps, ctx, agencies, fallback);
  const ep2 = await demoPlan(deps, ctx, { ...EXECUTIVE_PLAN }, demoTracks, start, day);
  let made = 0;
  for (const [trackIndex, code, name_ar, name_en, owner] of demoInitiatives) {
    const h = hash(code);
    await demoInitiative(
      deps,
      ctx,
      ep2,
      trackIndex,
      { code: `EP2-${code}`, name_ar, name_en, owner: agencies.get(owner) ?? fallback, systems: systemsOf.get(`EP2-${code}`) },
      h,
      latestStates[(h >>> 15) % latestStates.length],
    );
    made++;
  }
  // A handful of agencies' own e-transformation plans; the last one's reports are late.
  for (const [i, a] of agencyPlans.entries()) {
    const owner = agencies.get(a.agency);
    if (owner === undefined) continue;
    const plan = await demoPlan(
      deps,
      ctx,
      { code: `tp-${a.agency}`, name_ar: a.name_ar, name_en: a.name_en, owner_agency_id: String(owner) },
      agencyTracks,
      start,
      day,
    );
    for (const [k, [trackIndex, name_ar, name_en]] of agencyInitiatives.entries()) {
      const code = `TP-${a.agency.toUpperCase()}-0${k + 1}`;
      await demoInitiative(
        deps,
        ctx,
        plan,
        trackIndex,
        { code, name_ar, name_en, owner, systems: systemsOf.get(code) },
        hash(code),
        i === agencyPlans.length - 1 ? 'missing' : 'accepted',
      );
    }
  }
  await demoCommittees(deps, ctx, agencies, day);
  const count = await deps.db
    .selectFrom('plan_reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { plan_initiatives: made, plan_reports: Number(count.n) };
}

const agencyPlans = [
  { agency: 'moh', name_ar: 'خطة التحول الإلكتروني لوزارة الصحة', name_en: 'Ministry of Health e-transformation plan' },
  { agency: 'mc', name_ar: 'خطة التحول الإلكتروني لوزارة التجارة', name_en: 'Ministry of Commerce e-transformation plan' },
  { agency: 'moj', name_ar: 'خطة التحول الإلكتروني لوزارة العدل', name_en: 'Ministry of Justice e-transformation plan' },
];
const agencyTracks = [
  { name_ar: 'الخدمات الإلكترونية', name_en: 'E-services', weight: 60 },
  { name_ar: 'البنية التحتية والتكامل', name_en: 'Infrastructure and integration', weight: 40 },
];
const agencyInitiatives: [number, string, string][] = [
  [0, 'أتمتة الخدمات الأكثر طلبًا', 'Automate the most requested services'],
  [0, 'ربط الخدمات بالبوابة الوطنية', 'Link the services to the national portal'],
  [1, 'الربط بقناة التكامل الحكومية', 'Connect to the government service bus'],
];

interface DemoPlan {
  plan: repo.PlanRow;
  tracks: repo.TrackRow[];
  start: string;
  /** The last four periods that have ended: they get reports, the latest of them perhaps late. */
  reported: repo.PeriodRow[];
}

/** An active plan of five years from `start`, with its tracks and quarterly reporting periods. */
async function demoPlan(
  deps: Deps,
  ctx: Ctx,
  names: { code: string; name_ar: string; name_en: string; owner_agency_id?: string },
  trackSpecs: { name_ar: string; name_en: string; weight: number }[],
  start: string,
  day: string,
): Promise<DemoPlan> {
  const plan = await plans.createPlan(deps, ctx, { ...names, period_from: start, period_to: addDays(addMonths(start, 60), -1) });
  const tracks = [];
  for (const t of trackSpecs) tracks.push(await plans.addTrack(deps, ctx, plan.id, { ...t, weight: String(t.weight) }));
  const periods: repo.PeriodRow[] = [];
  for (let q = 0; q < 20; q++) {
    const starts_on = addMonths(start, q * 3);
    const ends_on = addDays(addMonths(starts_on, 3), -1);
    const quarter = Math.floor((Number(starts_on.slice(5, 7)) - 1) / 3) + 1;
    periods.push(
      await plans.addPeriod(deps, ctx, plan.id, {
        code: `${starts_on.slice(0, 4)}-Q${quarter}`,
        starts_on,
        ends_on,
        due_on: addDays(ends_on, 21),
      }),
    );
  }
  await plans.setPlanStatus(deps, ctx, plan.id, { status: 'approved' });
  await plans.setPlanStatus(deps, ctx, plan.id, { status: 'active' });
  await plans.setPublished(deps, ctx, 'plan', plan.id, true);
  return { plan, tracks, start, reported: periods.filter((p) => p.ends_on < day).slice(-4) };
}

/** One initiative with its milestones, KPIs, targets and a year of reports, at the pace its hash gives. */
async function demoInitiative(
  deps: Deps,
  ctx: Ctx,
  p: DemoPlan,
  trackIndex: number,
  spec: { code: string; name_ar: string; name_en: string; owner: number; systems?: string },
  h: number,
  latest: (typeof latestStates)[number],
) {
  const pace = paces[h % paces.length];
  const plannedStart = addMonths(p.start, (h >>> 3) % 6);
  const plannedEnd = addMonths(plannedStart, 30 + ((h >>> 5) % 4) * 6);
  const initiative = await plans.createInitiative(deps, ctx, p.plan.id, {
    code: spec.code,
    name_ar: spec.name_ar,
    name_en: spec.name_en,
    objective_ar: `تحقيق «${spec.name_ar}» بما يرفع إتاحة الخدمات الإلكترونية ورضا المستفيدين.`,
    objective_en: `Deliver "${spec.name_en}", raising the availability of e-services and beneficiary satisfaction.`,
    track_id: String(p.tracks[trackIndex].id),
    owner_agency_id: String(spec.owner),
    weight: String(1 + ((h >>> 7) % 4)),
    planned_start: plannedStart,
    planned_end: plannedEnd,
    ...(spec.systems ? { systems: spec.systems } : {}),
    budget_sar: String(5_000_000 * (1 + ((h >>> 9) % 12))),
  });
  const count = 3 + ((h >>> 11) % 3);
  const span = Date.parse(plannedEnd) - Date.parse(plannedStart);
  for (let m = 0; m < count; m++) {
    await plans.addMilestone(deps, ctx, initiative.id, {
      ...milestoneTemplates[m],
      // Weights such as 10, 25, 25, 40 or 1, 2, 3: they are normalised, whatever they add up to.
      weight: String(h % 2 ? [10, 25, 25, 40, 20][m] : m + 1),
      planned_date: new Date(Date.parse(plannedStart) + (span * (m + 1)) / count).toISOString().slice(0, 10),
    });
  }
  const kpiCount = 1 + ((h >>> 13) % 2);
  for (let k = 0; k < kpiCount; k++) {
    const tpl = kpiTemplates[k];
    const { final: _final, ...fields } = tpl;
    const kpi = await plans.addKpi(deps, ctx, initiative.id, { ...fields, baseline: String(tpl.baseline), baseline_date: p.start });
    for (const [n, period] of p.reported.entries()) {
      const target = tpl.baseline + ((tpl.final - tpl.baseline) * (n + 2)) / (p.reported.length + 2);
      await plans.setTarget(deps, ctx, kpi.id, { period_id: String(period.id), target: String(Math.round(target * 10) / 10) });
    }
  }
  if (h % 3 !== 0) await plans.setPublished(deps, ctx, 'initiative', initiative.id, true);
  await reportHistory(deps, ctx, initiative.id, p.reported, pace, latest, h);
  // About a third of the initiatives keep a risk or an issue, some of them escalated to the office.
  if (h % 3 === 1) {
    const r = demoRisks[(h >>> 4) % demoRisks.length];
    await addRisk(deps, ctx, initiative.id, {
      ...r,
      likelihood: String(1 + ((h >>> 6) % 5)),
      impact: String(2 + ((h >>> 8) % 4)),
      status: (['open', 'mitigating', 'escalated', 'open', 'closed'] as const)[(h >>> 10) % 5],
      review_on: addMonths(p.reported.at(-1)?.ends_on ?? p.start, 3),
    });
  }
}

const demoRisks = [
  {
    kind: 'risk',
    title: 'تأخر المورد في تسليم بوابة الربط / The supplier may deliver the integration gateway late',
    owner: 'مدير تقنية المعلومات / Head of IT',
    mitigation: 'مورد بديل مؤهل مسبقاً وغرامات تأخير في العقد / A pre-qualified second supplier and delay penalties in the contract',
  },
  {
    kind: 'risk',
    title: 'نقص الكوادر المتخصصة في تحليل الأعمال / Too few business analysts',
    owner: 'مدير الموارد البشرية / Head of HR',
    mitigation: 'تعاقد مؤقت وبرنامج تدريب داخلي / Temporary contracts and an internal training programme',
  },
  {
    kind: 'issue',
    title: 'لم تُعتمد لائحة التوقيع الإلكتروني بعد / The e-signature regulation is not yet approved',
    owner: 'المستشار القانوني / Legal counsel',
    mitigation: 'متابعة أسبوعية مع الجهة التشريعية / Weekly follow-up with the legislating body',
  },
  {
    kind: 'risk',
    title: 'ضعف إقبال المستفيدين على القناة الجديدة / Beneficiaries may not take up the new channel',
    owner: 'مدير تجربة المستفيد / Head of customer experience',
    mitigation: 'حملة توعية وإبقاء القناة القديمة ستة أشهر / An awareness campaign and the old channel kept for six months',
  },
] as const;

/** The figures an initiative at this pace reports at the end of a period. */
async function figuresAt(
  deps: Deps,
  initiativeId: number,
  period: repo.PeriodRow,
  pace: (typeof paces)[number],
  n: number,
  of: number,
): Promise<ReportFigures> {
  const initiative = (await repo.findInitiative(deps.db, initiativeId)) as repo.InitiativeRow;
  const milestones = await repo.listMilestones(deps.db, [initiativeId]);
  const kpis = await repo.listKpis(deps.db, [initiativeId]);
  const elapsed = Math.min(
    1,
    Math.max(
      0,
      (Date.parse(period.ends_on) - Date.parse(initiative.planned_start)) /
        (Date.parse(initiative.planned_end) - Date.parse(initiative.planned_start)),
    ),
  );
  return {
    forecast_end: addDays(initiative.planned_end, pace.lag),
    spend_sar: Math.round(initiative.budget_sar * elapsed * 0.9),
    milestones: milestones.map((m) => {
      const due = addDays(m.planned_date, pace.lag);
      return due <= period.ends_on
        ? { id: m.id, forecast_date: null, actual_date: due }
        : { id: m.id, forecast_date: due, actual_date: null };
    }),
    kpis: kpis.map((k, i) => {
      const tpl = kpiTemplates[i];
      const target = tpl.baseline + ((tpl.final - tpl.baseline) * (n + 2)) / (of + 2);
      return { id: k.id, actual: Math.round((k.baseline + (target - k.baseline) * pace.attain) * 10) / 10 };
    }),
  };
}

async function reportHistory(
  deps: Deps,
  ctx: Ctx,
  initiativeId: number,
  periods: repo.PeriodRow[],
  pace: (typeof paces)[number],
  latest: (typeof latestStates)[number],
  h: number,
) {
  for (const [n, period] of periods.entries()) {
    const last = n === periods.length - 1;
    const state = last ? latest : latest === 'missing' && n === periods.length - 2 ? 'missing' : 'accepted';
    if (state === 'missing') continue;
    const figures = await figuresAt(deps, initiativeId, period, pace, n, periods.length);
    const narrative =
      pace.lag > 30
        ? 'تأخر الطرح بسبب إعادة دراسة المتطلبات مع الجهات المستفيدة. / Tender delayed while requirements were reviewed with the beneficiary agencies.'
        : 'سارت الأعمال وفق الخطة. / Work proceeded to plan.';
    const report = await reports.saveReport(deps, ctx, initiativeId, period.id, { ...reports.figureValues(figures), narrative });
    if (state === 'draft') continue;
    await reports.submitReport(deps, ctx, report.id);
    if (state === 'submitted') continue;
    if (state === 'returned' || h % 7 === 0) {
      await reports.returnReport(deps, ctx, report.id, {
        comment:
          'الرجاء إرفاق ما يثبت إنجاز المرحلة وتحديث التاريخ المتوقع. / Please attach evidence of the milestone and update the forecast date.',
      });
      if (state === 'returned') continue;
      await reports.saveReport(deps, ctx, initiativeId, period.id, { ...reports.figureValues(figures), narrative: `${narrative} (+)` });
      await reports.submitReport(deps, ctx, report.id);
    }
    await reports.acceptReport(deps, ctx, report.id, {});
    // A few locked reports were corrected afterwards: one accepted, one still waiting for review.
    if (n === 0 && h % 11 === 0) {
      const corrected = { ...figures, spend_sar: (figures.spend_sar ?? 0) + 250_000 };
      const c = await reports.proposeCorrection(deps, ctx, report.id, {
        ...reports.figureValues(corrected),
        reason: 'فاتورة متأخرة لم تُحتسب في المصروف. / A late invoice was left out of the spend.',
      });
      if (h % 2) await reports.decideCorrection(deps, ctx, c.id, 'accept', {});
    }
  }
}

/**
 * E-transactions committees for the agencies with their own plans, through the committee service:
 * external and named members with a chair, a meeting a month ago with its minutes and decisions, and
 * one upcoming. The last agency's first action is overdue; the other agencies have no committee yet.
 */
async function demoCommittees(deps: Deps, ctx: Ctx, agencies: Map<string, number>, day: string) {
  for (const [i, a] of agencyPlans.entries()) {
    const agencyId = agencies.get(a.agency);
    if (agencyId === undefined) continue;
    const committee = await committees.saveCommittee(deps, ctx, agencyId, {
      name_ar: 'لجنة التعاملات الإلكترونية',
      name_en: 'E-transactions committee',
    });
    const members = [];
    for (const [name, role_title, chair] of committeeMembers)
      members.push(await committees.addMember(deps, ctx, committee.id, { name, role_title, ...(chair ? { chair: 'on' } : {}) }));
    const past = await committees.addMeeting(deps, ctx, committee.id, {
      held_at: `${addDays(day, -30)}T07:00:00.000Z`,
      agenda:
        'متابعة خطة التحول الإلكتروني وأولويات الخدمات للربع القادم / Follow-up of the e-transformation plan and next quarter’s service priorities',
    });
    await committees.recordMinutes(deps, ctx, past.id, {
      minutes:
        'استعرضت اللجنة تقدم الخطة واتفقت على أولويات الخدمات. / The committee reviewed the plan’s progress and agreed the service priorities.',
    });
    const late = i === agencyPlans.length - 1;
    await committees.addDecision(deps, ctx, past.id, {
      decision: 'إطلاق خدمة إصدار التراخيص إلكترونيًا / Launch the licence issuance service online',
      owner_member_id: String(members[1].id),
      due_on: addDays(day, late ? -7 : 45),
    });
    await committees.addDecision(deps, ctx, past.id, {
      decision: 'ربط الخدمات بالنفاذ الوطني الموحد / Connect the services to the national single sign-on',
      owner_member_id: String(members[2].id),
      due_on: addDays(day, 60),
    });
    await committees.addMeeting(deps, ctx, committee.id, {
      held_at: `${addDays(day, 30)}T07:00:00.000Z`,
      agenda: 'مراجعة مؤشرات رضا المستفيدين / Review of beneficiary satisfaction figures',
    });
  }
}

const committeeMembers: [string, string, boolean][] = [
  ['د. خالد العتيبي', 'وكيل الوزارة للتحول الرقمي — رئيس اللجنة', true],
  ['م. سارة القحطاني', 'مديرة الخدمات الإلكترونية', false],
  ['م. فهد الدوسري', 'مدير تقنية المعلومات', false],
  ['أ. نورة الشهري', 'ممثلة مكتب برنامج التعاملات الإلكترونية (عضو من خارج الجهة)', false],
];

/**
 * The shared national systems of the sixth track, through the systems service: each with its owner,
 * the initiatives that build on or deliver it (named when they are created) and a few published
 * catalog services of the agencies that reuse it (when the catalog's demo is loaded). Returns each
 * initiative's system codes, one a line, as its form would carry them.
 */
async function demoSystems(deps: Deps, ctx: Ctx, agencies: Map<string, number>, fallback: number) {
  const byInitiative = new Map<string, string[]>();
  for (const s of nationalSystems) {
    const system = await systems.createSystem(deps, ctx, {
      code: s.code,
      name_ar: s.name_ar,
      name_en: s.name_en,
      description_ar: s.description_ar,
      description_en: s.description_en,
      owner_agency_id: String(agencies.get(s.owner) ?? fallback),
      status: s.status,
    });
    for (const code of s.initiatives) byInitiative.set(code, [...(byInitiative.get(code) ?? []), s.code]);
    const agencyIds = s.servicesOf.flatMap((a) => agencies.get(a) ?? []);
    if (!agencyIds.length) continue;
    const { items } = await listForConsole(deps, ctx, { agencyIds, state: 'published' }, 1, 4);
    for (const service of items) await systems.addSystemService(deps, ctx, system.id, { service: service.identifier });
  }
  return new Map([...byInitiative].map(([code, list]) => [code, list.join('\n')]));
}

const nationalSystems: {
  code: string;
  name_ar: string;
  name_en: string;
  description_ar: string;
  description_en: string;
  owner: string;
  status: 'in_service' | 'being_built' | 'retired';
  initiatives: string[];
  servicesOf: string[];
}[] = [
  {
    code: 'national-sso',
    name_ar: 'النفاذ الوطني الموحد',
    name_en: 'National single sign-on',
    description_ar: 'هوية رقمية واحدة يدخل بها المستفيد إلى كل الخدمات الحكومية الإلكترونية، بالتحقق متعدد العوامل.',
    description_en: 'One digital identity with which beneficiaries sign in to every government e-service, with multi-factor verification.',
    owner: 'nic',
    status: 'in_service',
    initiatives: ['EP2-SNS-02', 'EP2-SNS-08', 'EP2-ETR-03', 'TP-MOH-02', 'TP-MC-02'],
    servicesOf: ['civil-affairs', 'gosi'],
  },
  {
    code: 'gsb',
    name_ar: 'قناة التكامل الحكومية',
    name_en: 'Government service bus',
    description_ar: 'تبادل البيانات بين الجهات الحكومية آليًا، فلا يُطلب من المستفيد مستند تملكه جهة أخرى.',
    description_en: 'Automatic data exchange between agencies, so no beneficiary is asked for a document another agency holds.',
    owner: 'yesser',
    status: 'in_service',
    initiatives: ['EP2-SNS-03', 'TP-MOH-03', 'TP-MC-03', 'TP-MOJ-03'],
    servicesOf: ['moj', 'hrsd'],
  },
  {
    code: 'payment-gateway',
    name_ar: 'بوابة الدفع الوطنية',
    name_en: 'National payment gateway',
    description_ar: 'سداد الرسوم الحكومية إلكترونيًا بالبطاقات والمحافظ والتحويل، مع تسوية يومية لحسابات الجهات.',
    description_en: 'Paying government fees online by card, wallet or transfer, with daily settlement to the agencies’ accounts.',
    owner: 'mof',
    status: 'in_service',
    initiatives: ['EP2-SNS-01', 'EP2-NAP-05'],
    servicesOf: ['mc', 'traffic'],
  },
  {
    code: 'national-address',
    name_ar: 'العنوان الوطني',
    name_en: 'National address',
    description_ar: 'عنوان موحد موثّق لكل مستفيد ومنشأة، تتحقق منه الخدمات بدل طلب إثبات السكن.',
    description_en: 'One verified address for every person and business, checked by services instead of asking for proof of residence.',
    owner: 'gastat',
    status: 'in_service',
    initiatives: ['EP2-SNS-04'],
    servicesOf: ['momrah'],
  },
  {
    code: 'e-signature',
    name_ar: 'التوقيع الإلكتروني والشهادات الرقمية',
    name_en: 'E-signature and digital certificates',
    description_ar: 'توقيع المستندات والعقود إلكترونيًا بشهادات رقمية معتمدة، تقبله كل الجهات.',
    description_en: 'Signing documents and contracts electronically with accredited digital certificates that every agency accepts.',
    owner: 'nic',
    status: 'being_built',
    initiatives: ['EP2-NAP-06', 'EP2-NAP-08'],
    servicesOf: ['moj'],
  },
];
