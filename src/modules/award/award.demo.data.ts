import type { NomineeKind } from './award.tables.ts';

/** The seven branches of the demo editions, each with its rubric (criteria and weights, scored 1–5). */
export const demoBranches: {
  code: string;
  name_ar: string;
  name_en: string;
  description_ar: string;
  description_en: string;
  nominee_kind: NomineeKind;
  live: boolean;
  criteria: [string, string, number][];
}[] = [
  {
    code: 'e-service',
    name_ar: 'أفضل خدمة إلكترونية',
    name_en: 'Best e-service',
    description_ar: 'خدمة إلكترونية مكتملة حققت أثرًا ملموسًا للمستفيدين.',
    description_en: 'A complete e-service with a measurable benefit to its users.',
    nominee_kind: 'agency',
    live: true,
    criteria: [
      ['سهولة الاستخدام', 'Ease of use', 3],
      ['الأثر على المستفيد', 'Impact on users', 4],
      ['الابتكار', 'Innovation', 2],
      ['الاستدامة', 'Sustainability', 1],
    ],
  },
  {
    code: 'integration',
    name_ar: 'أفضل تكامل للخدمات المشتركة',
    name_en: 'Best shared service integration',
    description_ar: 'تكامل بين جهتين أو أكثر أغنى المستفيد عن مراجعة أكثر من جهة.',
    description_en: 'Integration between agencies that spares users a visit to more than one of them.',
    nominee_kind: 'agency',
    live: true,
    criteria: [
      ['عدد الجهات المتكاملة', 'Agencies integrated', 2],
      ['الوقت الموفَّر', 'Time saved', 3],
      ['جودة التنفيذ', 'Quality of delivery', 3],
    ],
  },
  {
    code: 'participation',
    name_ar: 'أفضل مبادرة للمشاركة الإلكترونية',
    name_en: 'Best e-participation initiative',
    description_ar: 'مبادرة أشركت المستفيدين في تصميم الخدمات أو السياسات.',
    description_en: 'An initiative that involved the public in designing services or policy.',
    nominee_kind: 'agency',
    live: false,
    criteria: [
      ['حجم المشاركة', 'Reach', 2],
      ['الاستجابة للمقترحات', 'Response to proposals', 3],
      ['الشفافية', 'Transparency', 2],
    ],
  },
  {
    code: 'plan',
    name_ar: 'أفضل إنجاز في خطة التحول',
    name_en: 'Best transformation plan achievement',
    description_ar: 'جهة حققت مبادرات خطتها للتحول في مواعيدها وبمؤشراتها.',
    description_en: 'An agency that delivered its transformation plan on time and on target.',
    nominee_kind: 'agency',
    live: false,
    criteria: [
      ['الالتزام بالجدول', 'Schedule', 3],
      ['تحقيق المؤشرات', 'KPI attainment', 3],
      ['الحوكمة', 'Governance', 1],
    ],
  },
  {
    code: 'semi-government',
    name_ar: 'أفضل جهة شبه حكومية',
    name_en: 'Best semi-government entity',
    description_ar: 'جهة شبه حكومية تميزت في تقديم خدماتها إلكترونيًا.',
    description_en: 'A semi-government entity that stood out in delivering its services online.',
    nominee_kind: 'semi_government',
    live: false,
    criteria: [
      ['نضج الخدمات', 'Service maturity', 3],
      ['رضا المستفيدين', 'User satisfaction', 3],
      ['التحول الرقمي', 'Digital transformation', 2],
    ],
  },
  {
    code: 'idea',
    name_ar: 'أفضل فكرة فردية',
    name_en: 'Best individual idea',
    description_ar: 'فكرة قدمها موظف حكومي قابلة للتطبيق في التعاملات الإلكترونية.',
    description_en: "A government employee's workable idea for e-government.",
    nominee_kind: 'individual',
    live: false,
    criteria: [
      ['الأصالة', 'Originality', 3],
      ['قابلية التطبيق', 'Feasibility', 3],
      ['الأثر المتوقع', 'Expected impact', 2],
    ],
  },
  {
    code: 'contribution',
    name_ar: 'أفضل إسهام فردي',
    name_en: 'Best individual contribution',
    description_ar: 'إسهام متميز لموظف أو فريق في مشروع للتعاملات الإلكترونية.',
    description_en: 'An outstanding contribution by an employee or a team to an e-government project.',
    nominee_kind: 'team',
    live: false,
    criteria: [
      ['حجم الإسهام', 'Scale of contribution', 3],
      ['الأثر', 'Impact', 3],
      ['الريادة', 'Leadership', 1],
    ],
  },
];

/** Demo nominations: branch code, nominating agency code, titles, nominee (individual and team branches). */
export const demoNominations: [string, string, string, string, string?][] = [
  ['e-service', 'moh', 'خدمة المواعيد الموحدة', 'Unified appointments'],
  ['e-service', 'mc', 'السجل التجاري الفوري', 'Instant commercial registration'],
  ['e-service', 'moj', 'الوكالات الإلكترونية', 'Electronic powers of attorney'],
  ['integration', 'hrsd', 'التكامل مع التأمينات لعقود العمل', 'Work contracts integrated with social insurance'],
  ['integration', 'momrah', 'الرخص البلدية الموحدة', 'Unified municipal licences'],
  ['participation', 'mcit', 'منصة استطلاع آراء المستفيدين', 'Public consultation platform'],
  ['participation', 'moe', 'مجلس أولياء الأمور الرقمي', 'Digital parents council'],
  ['plan', 'zatca', 'إنجاز خطة التحول الرقمي للهيئة', "The authority's transformation plan delivered"],
  ['plan', 'mof', 'أتمتة المدفوعات الحكومية', 'Government payments automated'],
  ['semi-government', 'se', 'خدمات الكهرباء الرقمية', 'Digital electricity services'],
  ['semi-government', 'nwc', 'بوابة خدمات المياه', 'Water services portal'],
  ['idea', 'sdaia', 'التحقق من الهوية بالصوت', 'Voice identity verification', 'م. ريم الحربي'],
  ['idea', 'dga', 'نماذج تُعبأ مسبقًا من البيانات الوطنية', 'Forms prefilled from national data', 'أ. ماجد الشهري'],
  ['contribution', 'nic', 'فريق مركز البيانات الوطني', 'National data centre team', 'فريق البنية السحابية'],
  ['contribution', 'yesser', 'فريق قياس التحول', 'Transformation measurement team', 'فريق القياس'],
];

/** Judges the demo invites beside identity's own demo judge. */
export const demoJudges: { email: string; name: string }[] = [
  { email: 'judge2@yusr.demo', name: 'د. هند العمري' },
  { email: 'judge3@yusr.demo', name: 'م. فيصل الزهراني' },
  { email: 'judge4@yusr.demo', name: 'أ. لمى السبيعي' },
  { email: 'judge5@yusr.demo', name: 'د. خالد المطيري' },
  { email: 'judge6@yusr.demo', name: 'أ. منيرة الدوسري' },
];
