// The demo's programmes and question banks, as the office would type them into the forms.

export const demoProgrammes = [
  {
    code: 'DS-101',
    title_ar: 'أساسيات تصميم الخدمات الرقمية',
    title_en: 'Digital service design fundamentals',
    description_ar: 'كيف تُصمَّم خدمة حكومية رقمية انطلاقًا من احتياجات المستفيد: رحلة المستفيد، والنماذج الأولية، واختبار قابلية الاستخدام.',
    description_en: "Designing a government e-service from its users' needs: journeys, prototypes and usability testing.",
    audience: 'employees',
    track: 'service_design',
    hours: '12',
    delivery_mode: 'blended',
    min_attendance_pct: '75',
    pass_mark_pct: '60',
    max_attempts: '3',
    questions_per_attempt: '3',
  },
  {
    code: 'DATA-201',
    title_ar: 'حوكمة البيانات في الجهات الحكومية',
    title_en: 'Data governance in government agencies',
    description_ar: 'تصنيف البيانات وحمايتها ومشاركتها بين الجهات وفق السياسات الوطنية.',
    description_en: 'Classifying, protecting and sharing data between agencies under the national policies.',
    audience: 'employees',
    track: 'data',
    hours: '9',
    delivery_mode: 'online',
    min_attendance_pct: '80',
    pass_mark_pct: '70',
    max_attempts: '2',
    questions_per_attempt: '3',
  },
  {
    code: 'CHG-110',
    title_ar: 'قيادة التغيير في العمل الحكومي',
    title_en: 'Leading change in government',
    description_ar: 'أدوات عملية لإدارة التغيير عند إطلاق الخدمات الرقمية.',
    description_en: 'Practical tools for managing change when digital services launch.',
    audience: 'employees',
    track: 'change_management',
    hours: '6',
    delivery_mode: 'in_person',
    min_attendance_pct: '70',
  },
  {
    code: 'CYB-100',
    title_ar: 'التوعية بالأمن السيبراني',
    title_en: 'Cybersecurity awareness',
    description_ar: 'كيف تحمي حساباتك وبياناتك عند استخدام الخدمات الحكومية الإلكترونية، وكيف تتعرّف على رسائل التصيّد.',
    description_en: 'Keeping your accounts and data safe when you use government e-services, and spotting phishing messages.',
    audience: 'public',
    track: 'cybersecurity',
    hours: '2',
    delivery_mode: 'online',
    min_attendance_pct: '100',
  },
  {
    code: 'PUB-DS',
    title_ar: 'استخدام الخدمات الحكومية الإلكترونية',
    title_en: 'Using government e-services',
    description_ar: 'ورشة لكبار السن وذويهم: إنشاء الحساب الموحّد، وتقديم الطلبات، ومتابعتها.',
    description_en: 'A workshop for older people and their families: the unified account, applying online, following a request.',
    audience: 'public',
    track: 'digital_services',
    hours: '3',
    delivery_mode: 'in_person',
    min_attendance_pct: '100',
  },
] as const;

const question = (text_ar: string, text_en: string, options: [string, string][], correct: number) => ({
  text_ar,
  text_en,
  ...Object.fromEntries(
    options.flatMap(([ar, en], i) => [
      [`option_${i + 1}_ar`, ar],
      [`option_${i + 1}_en`, en],
    ]),
  ),
  correct: String(correct),
});

export const demoQuestions: Record<string, Record<string, string>[]> = {
  'DS-101': [
    question(
      'ما أول خطوة في تصميم خدمة رقمية؟',
      'What is the first step in designing a digital service?',
      [
        ['فهم احتياجات المستفيد', "Understanding the user's needs"],
        ['اختيار التقنية', 'Choosing the technology'],
        ['كتابة الشروط والأحكام', 'Writing the terms and conditions'],
      ],
      1,
    ),
    question(
      'ما الغرض من النموذج الأولي؟',
      'What is a prototype for?',
      [
        ['اختبار فكرة قبل بنائها', 'Testing an idea before building it'],
        ['استبدال المستفيدين', 'Replacing the users'],
        ['تسريع الشراء', 'Speeding up procurement'],
      ],
      1,
    ),
    question(
      'متى يُختبر قابلية الاستخدام؟',
      'When is usability tested?',
      [
        ['بعد الإطلاق فقط', 'Only after launch'],
        ['في كل مرحلة', 'At every stage'],
        ['لا حاجة إليه', 'It is not needed'],
      ],
      2,
    ),
    question(
      'ما رحلة المستفيد؟',
      'What is a user journey?',
      [
        ['خريطة خطوات المستفيد للوصول إلى هدفه', 'A map of the steps a user takes to reach a goal'],
        ['جدول رواتب', 'A payroll table'],
        ['خطة سفر', 'A travel plan'],
      ],
      1,
    ),
  ],
  'DATA-201': [
    question(
      'من يحدد مستوى تصنيف البيانات؟',
      "Who sets a dataset's classification level?",
      [
        ['مالك البيانات في الجهة', "The agency's data owner"],
        ['أي موظف', 'Any employee'],
        ['المستفيد', 'The user'],
      ],
      1,
    ),
    question(
      'ما البيانات المفتوحة؟',
      'What is open data?',
      [
        ['بيانات متاحة للجميع لإعادة الاستخدام', 'Data anyone may reuse'],
        ['بيانات سرية', 'Secret data'],
        ['بيانات شخصية', 'Personal data'],
      ],
      1,
    ),
    question(
      'متى تُشارك البيانات الشخصية بين الجهات؟',
      'When may personal data be shared between agencies?',
      [
        ['دائمًا', 'Always'],
        ['وفق أساس نظامي واتفاقية مشاركة', 'On a legal basis, under a sharing agreement'],
        ['عند الطلب الشفهي', 'When asked orally'],
      ],
      2,
    ),
  ],
};
