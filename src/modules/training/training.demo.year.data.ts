// The demo's year of training, as the office would type it into the forms: more programmes for
// agency staff and the public (every track, every delivery mode), three question banks, and the
// names the demo's staff are given. training.demo.year.ts schedules and runs them.

type Mode = 'online' | 'in_person' | 'blended';
type Track = 'digital_services' | 'data' | 'cybersecurity' | 'service_design' | 'change_management';

export interface YearProgramme {
  code: string;
  title_ar: string;
  title_en: string;
  description_ar: string;
  description_en: string;
  audience: 'employees' | 'public';
  track: Track;
  hours: string;
  delivery_mode: Mode;
  min_attendance_pct: string;
  pass_mark_pct?: string;
  max_attempts?: string;
  questions_per_attempt?: string;
  assignment_ar?: string;
  assignment_en?: string;
}

const p = (
  code: string,
  audience: 'employees' | 'public',
  track: Track,
  delivery_mode: Mode,
  hours: number,
  min_attendance_pct: number,
  [title_ar, title_en]: [string, string],
  [description_ar, description_en]: [string, string],
  extra: Partial<YearProgramme> = {},
): YearProgramme => ({
  code,
  title_ar,
  title_en,
  description_ar,
  description_en,
  audience,
  track,
  hours: String(hours),
  delivery_mode,
  min_attendance_pct: String(min_attendance_pct),
  ...extra,
});

export const yearProgrammes: YearProgramme[] = [
  p(
    'DS-150',
    'employees',
    'digital_services',
    'online',
    8,
    75,
    ['قياس رضا المستفيدين عن الخدمات الرقمية', 'Measuring user satisfaction with digital services'],
    [
      'مؤشرات الرضا وسهولة الاستخدام، وتصميم الاستبانات القصيرة، وقراءة النتائج وتحويلها إلى تحسينات.',
      'Satisfaction and ease-of-use measures, short surveys, and turning the results into improvements.',
    ],
    { pass_mark_pct: '60', max_attempts: '3', questions_per_attempt: '3' },
  ),
  p(
    'DS-210',
    'employees',
    'digital_services',
    'blended',
    16,
    80,
    ['إدارة المنتجات الرقمية الحكومية', 'Managing government digital products'],
    [
      'دور مدير المنتج، وترتيب الأولويات حسب أثرها على المستفيد، وخطط الإطلاق والتحسين المستمر.',
      "The product manager's role, prioritising by impact on users, launch plans and continuous improvement.",
    ],
    {
      assignment_ar: 'اكتب خارطة طريق لخدمة رقمية في جهتك لستة أشهر: المشكلة، والمستفيدون، وثلاثة تحسينات مرتّبة بأثرها.',
      assignment_en:
        'Write a six-month roadmap for a digital service of your agency: the problem, its users, and three improvements ranked by impact.',
    },
  ),
  p(
    'DS-120',
    'employees',
    'digital_services',
    'in_person',
    6,
    100,
    ['كتابة المحتوى الحكومي بلغة واضحة', 'Writing government content in plain language'],
    [
      'صياغة صفحات الخدمات والرسائل بلغة عربية واضحة ومباشرة، مع أمثلة قبل التحرير وبعده.',
      'Writing service pages and messages in clear, direct Arabic and English, with before-and-after examples.',
    ],
  ),
  p(
    'DATA-110',
    'employees',
    'data',
    'online',
    10,
    75,
    ['أساسيات تحليل البيانات لصنّاع القرار', 'Data analysis basics for decision makers'],
    [
      'قراءة المؤشرات والرسوم البيانية، والأسئلة الصحيحة قبل القرار، والأخطاء الشائعة في تفسير الأرقام.',
      'Reading indicators and charts, the right questions before a decision, and common mistakes with numbers.',
    ],
    { pass_mark_pct: '70', max_attempts: '2', questions_per_attempt: '3' },
  ),
  p(
    'DATA-130',
    'employees',
    'data',
    'blended',
    12,
    80,
    ['نشر البيانات المفتوحة', 'Publishing open data'],
    [
      'اختيار مجموعات البيانات، وتنظيفها، وتوثيقها، ونشرها على المنصة الوطنية وفق سياسة البيانات المفتوحة.',
      'Choosing datasets, cleaning and documenting them, and publishing them on the national portal under the open data policy.',
    ],
    {
      assignment_ar: 'اختر مجموعة بيانات من جهتك واكتب بطاقة وصفها: المصدر، وتكرار التحديث، والحقول، وقيود الاستخدام.',
      assignment_en: 'Pick a dataset from your agency and write its description card: source, update frequency, fields and terms of use.',
    },
  ),
  p(
    'DATA-220',
    'employees',
    'data',
    'in_person',
    14,
    85,
    ['حماية البيانات الشخصية في الجهات الحكومية', 'Personal data protection in government agencies'],
    [
      'مبادئ نظام حماية البيانات الشخصية، وسجل المعالجة، وتقييم الأثر، والتعامل مع طلبات أصحاب البيانات.',
      "The personal data protection law's principles, the processing record, impact assessments and data subjects' requests.",
    ],
  ),
  p(
    'CYB-200',
    'employees',
    'cybersecurity',
    'online',
    4,
    100,
    ['التوعية بالأمن السيبراني لموظفي الجهات', 'Cybersecurity awareness for agency staff'],
    [
      'التصيّد، وكلمات المرور والتحقق الثنائي، والتعامل الآمن مع المرفقات والأجهزة المحمولة، والإبلاغ عن الحوادث.',
      'Phishing, passwords and two-step verification, handling attachments and mobile devices safely, reporting incidents.',
    ],
    { pass_mark_pct: '80', max_attempts: '3', questions_per_attempt: '3' },
  ),
  p(
    'CYB-220',
    'employees',
    'cybersecurity',
    'blended',
    12,
    80,
    ['أمن الخدمات الرقمية للفرق التقنية', 'Securing digital services for technical teams'],
    [
      'الضوابط الأساسية للأمن السيبراني، والتطوير الآمن، واختبار الاختراق، وإدارة الثغرات في الخدمات الحكومية.',
      'The essential cybersecurity controls, secure development, penetration testing and vulnerability management.',
    ],
  ),
  p(
    'CYB-240',
    'employees',
    'cybersecurity',
    'in_person',
    8,
    100,
    ['الاستجابة للحوادث السيبرانية', 'Responding to cyber incidents'],
    [
      'تمرين عملي: من اكتشاف الحادثة إلى احتوائها والإبلاغ عنها واستخلاص الدروس.',
      'A hands-on exercise: from detecting an incident to containing it, reporting it and learning from it.',
    ],
  ),
  p(
    'SD-130',
    'employees',
    'service_design',
    'in_person',
    12,
    80,
    ['رسم رحلة المستفيد', 'Mapping the user journey'],
    [
      'ورشة تطبيقية لرسم رحلة مستفيد حقيقية من خدمات الجهة، وتحديد نقاط الألم وفرص التحسين.',
      "A practical workshop mapping a real user journey through one of the agency's services, its pain points and opportunities.",
    ],
    {
      assignment_ar: 'ارسم رحلة مستفيد لخدمة واحدة من خدمات جهتك، وحدّد ثلاث نقاط ألم واقترح لكل منها تحسينًا.',
      assignment_en: "Map a user journey for one of your agency's services, name three pain points and propose an improvement for each.",
    },
  ),
  p(
    'SD-140',
    'employees',
    'service_design',
    'online',
    6,
    75,
    ['اختبار قابلية الاستخدام', 'Usability testing'],
    [
      'إعداد جلسات الاختبار مع المستفيدين، وكتابة المهام، وتسجيل الملاحظات، وترتيب المشكلات حسب شدتها.',
      'Preparing test sessions with users, writing tasks, taking notes and ranking problems by severity.',
    ],
  ),
  p(
    'SD-230',
    'employees',
    'service_design',
    'blended',
    18,
    80,
    ['إعادة هندسة الإجراءات الحكومية', 'Re-engineering government procedures'],
    [
      'تقليص الخطوات والمستندات المطلوبة، ومبدأ "مرة واحدة فقط"، وقياس زمن الإنجاز قبل التغيير وبعده.',
      'Cutting steps and documents, the once-only principle, and measuring turnaround before and after a change.',
    ],
  ),
  p(
    'CHG-120',
    'employees',
    'change_management',
    'online',
    5,
    75,
    ['التواصل أثناء التحول الرقمي', 'Communicating during digital transformation'],
    [
      'كيف تُبلَّغ الفرق والمستفيدون بالتغيير: الرسائل، والقنوات، والتوقيت، والتعامل مع المقاومة.',
      'Telling teams and users about a change: messages, channels, timing and handling resistance.',
    ],
  ),
  p(
    'CHG-210',
    'employees',
    'change_management',
    'blended',
    10,
    80,
    ['القيادة الرقمية للمديرين', 'Digital leadership for managers'],
    [
      'قيادة الفرق في بيئة رقمية، واتخاذ القرار بالبيانات، وبناء ثقافة التجربة والتحسين.',
      'Leading teams in a digital setting, deciding with data, and building a culture of trying and improving.',
    ],
  ),
  p(
    'PUB-120',
    'public',
    'digital_services',
    'online',
    2,
    100,
    ['الهوية الرقمية والتوقيع الإلكتروني', 'Digital identity and e-signatures'],
    [
      'كيف تستخدم هويتك الرقمية للدخول إلى الخدمات، وكيف توقّع المستندات إلكترونيًا بأمان.',
      'Using your digital identity to sign in to services, and signing documents electronically and safely.',
    ],
  ),
  p(
    'PUB-130',
    'public',
    'digital_services',
    'blended',
    4,
    100,
    ['الخدمات الرقمية لرواد الأعمال', 'Digital services for entrepreneurs'],
    [
      'تسجيل المنشأة، والرخص، والفوترة الإلكترونية، والتعامل مع الجهات عبر المنصات الموحدة.',
      'Registering a business, licences, e-invoicing, and dealing with agencies through the unified platforms.',
    ],
  ),
  p(
    'PUB-210',
    'public',
    'data',
    'online',
    3,
    100,
    ['البيانات المفتوحة للباحثين والطلاب', 'Open data for researchers and students'],
    [
      'أين تجد البيانات الحكومية المفتوحة، وكيف تقرأ بطاقة الوصف، وكيف تستشهد بها في بحثك.',
      'Where to find open government data, how to read its description, and how to cite it in your work.',
    ],
  ),
  p(
    'PUB-310',
    'public',
    'cybersecurity',
    'in_person',
    2,
    100,
    ['حماية الأسرة من الاحتيال الإلكتروني', 'Protecting your family from online fraud'],
    [
      'ورشة للأسر: الرسائل والمكالمات الاحتيالية، وحماية حسابات الأطفال، وما تفعله إن تعرّضت للاحتيال.',
      'A workshop for families: fraudulent messages and calls, protecting children’s accounts, what to do if you are defrauded.',
    ],
  ),
  p(
    'PUB-410',
    'public',
    'service_design',
    'in_person',
    3,
    100,
    ['شارك في تصميم الخدمات الحكومية', 'Help design government services'],
    [
      'كيف يشارك المستفيد في اختبار الخدمات وإبداء الرأي فيها، وما الذي يحدث لملاحظاته بعد ذلك.',
      'How people can take part in testing services and giving feedback, and what happens to their comments next.',
    ],
  ),
  p(
    'PUB-510',
    'public',
    'change_management',
    'online',
    2,
    100,
    ['التحول إلى الخدمات الرقمية لكبار السن', 'Moving to digital services, for older people'],
    [
      'لقاء مبسّط لكبار السن وذويهم عن الانتقال من المراجعة الحضورية إلى الخدمات الرقمية خطوة بخطوة.',
      'A gentle session for older people and their families on moving from counter visits to digital services, step by step.',
    ],
  ),
];

const q = (text_ar: string, text_en: string, options: [string, string][], correct: number) => ({
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

export const yearQuestions: Record<string, Record<string, string>[]> = {
  'DS-150': [
    q(
      'ما أفضل وقت لسؤال المستفيد عن رضاه؟',
      'When is the best time to ask users how satisfied they are?',
      [
        ['بعد إتمام الخدمة مباشرة', 'Right after they complete the service'],
        ['بعد سنة', 'A year later'],
        ['قبل بدء الخدمة', 'Before they start'],
      ],
      1,
    ),
    q(
      'كم سؤالًا يُنصح به في استبانة الرضا القصيرة؟',
      'How many questions suit a short satisfaction survey?',
      [
        ['من سؤال إلى ثلاثة', 'One to three'],
        ['ثلاثون', 'Thirty'],
        ['لا حدّ', 'No limit'],
      ],
      1,
    ),
    q(
      'ماذا تفعل بنتائج الرضا المنخفضة؟',
      'What do you do with low satisfaction results?',
      [
        ['تخفيها', 'Hide them'],
        ['تبحث عن أسبابها وتحسّن الخدمة', 'Find the causes and improve the service'],
        ['تلغي الاستبانة', 'Stop the survey'],
      ],
      2,
    ),
    q(
      'ما مؤشر سهولة الاستخدام؟',
      'What does an ease-of-use score measure?',
      [
        ['الجهد الذي بذله المستفيد لإتمام الخدمة', 'The effort it took the user to complete the service'],
        ['عدد الموظفين', 'The number of staff'],
        ['تكلفة الخادم', 'The server cost'],
      ],
      1,
    ),
  ],
  'DATA-110': [
    q(
      'ما أول سؤال قبل قراءة مؤشر؟',
      'What is the first question before reading an indicator?',
      [
        ['كيف يُحسب ومن أين تأتي بياناته', 'How it is calculated and where its data come from'],
        ['ما لون الرسم', 'What colour the chart is'],
        ['من صمّمه', 'Who designed it'],
      ],
      1,
    ),
    q(
      'هل يعني الارتباط بين متغيرين أن أحدهما سبب الآخر؟',
      'Does a correlation between two variables mean one causes the other?',
      [
        ['نعم دائمًا', 'Yes, always'],
        ['لا، ليس بالضرورة', 'No, not necessarily'],
      ],
      2,
    ),
    q(
      'متى يكون المتوسط مضلّلًا؟',
      'When can an average mislead?',
      [
        ['عندما توجد قيم متطرفة', 'When there are outliers'],
        ['عندما تكون البيانات كثيرة', 'When there is a lot of data'],
        ['لا يضلّل أبدًا', 'It never misleads'],
      ],
      1,
    ),
  ],
  'CYB-200': [
    q(
      'وصلتك رسالة تطلب كلمة مرورك بشكل عاجل. ماذا تفعل؟',
      'A message urgently asks for your password. What do you do?',
      [
        ['أرسلها فورًا', 'Send it at once'],
        ['لا أرسلها وأبلّغ فريق الأمن السيبراني', 'Do not send it and report it to the security team'],
        ['أرسلها لزميلي ليتحقق', 'Forward it to a colleague to check'],
      ],
      2,
    ),
    q(
      'ما فائدة التحقق الثنائي؟',
      'What does two-step verification do?',
      [
        ['يحمي الحساب حتى لو عُرفت كلمة المرور', 'Protects the account even if the password is known'],
        ['يسرّع الدخول', 'Speeds up sign-in'],
        ['يلغي الحاجة إلى كلمة المرور', 'Removes the need for a password'],
      ],
      1,
    ),
    q(
      'وجدت ذاكرة USB في موقف السيارات. ماذا تفعل؟',
      'You find a USB stick in the car park. What do you do?',
      [
        ['أوصلها بجهاز العمل لأعرف صاحبها', 'Plug it into a work computer to find its owner'],
        ['أسلّمها لفريق الأمن السيبراني دون توصيلها', 'Hand it to the security team without plugging it in'],
      ],
      2,
    ),
    q(
      'أي كلمة مرور أقوى؟',
      'Which password is strongest?',
      [
        ['123456', '123456'],
        ['اسمي وتاريخ ميلادي', 'My name and birth date'],
        ['عبارة طويلة من كلمات عشوائية', 'A long phrase of random words'],
      ],
      3,
    ),
  ],
};

/** Given names and family names the demo's staff are drawn from (Arabic, with their English spelling). */
export const givenNames: [string, string][] = [
  ['محمد', 'Mohammed'],
  ['عبدالله', 'Abdullah'],
  ['فهد', 'Fahad'],
  ['سلطان', 'Sultan'],
  ['خالد', 'Khalid'],
  ['تركي', 'Turki'],
  ['ماجد', 'Majed'],
  ['ريان', 'Rayan'],
  ['يوسف', 'Yousef'],
  ['عمر', 'Omar'],
  ['بندر', 'Bandar'],
  ['نواف', 'Nawaf'],
  ['سارة', 'Sarah'],
  ['نورة', 'Noura'],
  ['هيفاء', 'Haifa'],
  ['ريم', 'Reem'],
  ['لمى', 'Lama'],
  ['أمل', 'Amal'],
  ['منيرة', 'Munira'],
  ['جواهر', 'Jawaher'],
  ['شهد', 'Shahad'],
  ['دانة', 'Dana'],
  ['العنود', 'Alanoud'],
  ['رهف', 'Rahaf'],
];

export const familyNames: [string, string][] = [
  ['القحطاني', 'Alqahtani'],
  ['الغامدي', 'Alghamdi'],
  ['الزهراني', 'Alzahrani'],
  ['العتيبي', 'Alotaibi'],
  ['الشمري', 'Alshammari'],
  ['الدوسري', 'Aldosari'],
  ['الحربي', 'Alharbi'],
  ['المطيري', 'Almutairi'],
  ['السبيعي', 'Alsubaie'],
  ['العنزي', 'Alanazi'],
  ['الشهري', 'Alshehri'],
  ['المالكي', 'Almalki'],
  ['الرشيدي', 'Alrashidi'],
  ['البقمي', 'Albuqami'],
  ['الجهني', 'Aljuhani'],
  ['الأحمدي', 'Alahmadi'],
];
