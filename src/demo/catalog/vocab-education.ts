import { type GroupSpec, o, s } from './types.ts';

// Education: Ministry of Education (schools, universities, scholarships) and TVTC.

export const educationGroups: GroupSpec[] = [
  {
    agency: 'moe',
    fee: 0,
    cat: 'education',
    aud: 'cr',
    platform: 'نظام نور|the Noor system',
    req: 'noor',
    items: [
      s('first-grade-registration', 'تسجيل الطلاب المستجدين في الصف الأول الابتدائي', 'Register new pupils in first grade', 'tx', {
        le: 'starting-school',
        req: 'guardian',
        docs: 'id vaccination',
        live: true,
        kw: 'تسجيل مدارس,نور,مستجدين,أول ابتدائي,تسجيل طالب|noor,school enrolment,first grade',
      }),
      s('kindergarten-registration', 'تسجيل الأطفال في رياض الأطفال', 'Register children in kindergarten', 'tx', {
        le: 'starting-school',
        req: 'guardian',
        live: true,
        kw: 'روضة,رياض أطفال,تمهيدي|kindergarten,preschool',
      }),
      s('student-transfer', 'نقل طالب بين المدارس', 'Transfer a pupil between schools', 'tx', {
        le: 'moving-home',
        req: 'guardian',
        kw: 'نقل مدرسة,نقل طالب|school transfer',
      }),
      s('results', 'الاستعلام عن نتائج الطلاب', 'Check pupil results', 'inq', {
        live: true,
        kw: 'نتائج,نتيجة,شهادة,نور|results,grades,report card',
      }),
      s('certificate-print', 'طباعة الشهادة الدراسية', 'Print a school certificate', 'tx', { kw: 'شهادة,الشهادة|certificate' }),
      s('certificate-lost', 'بدل فاقد للشهادة الدراسية', 'Replace a lost school certificate', 'tx', { req: 'lost-decl' }),
      s('certificate-attestation', 'التصديق على الشهادات الدراسية', 'Attest school certificates', 'tx', {
        docs: 'school-cert',
        kw: 'تصديق,توثيق شهادة|attestation',
      }),
      s(
        'school-equivalency',
        'معادلة الشهادات الدراسية الصادرة من الخارج',
        'Obtain equivalency for school certificates issued abroad',
        'req',
        { docs: 'school-cert passport', t: 'P10D' },
      ),
      s('madrasati', 'الدخول إلى منصة مدرستي', 'Sign in to the Madrasati platform', 'info', {
        kw: 'مدرستي,تعليم عن بعد|madrasati,remote learning',
      }),
      s('school-transport', 'التسجيل في خدمة النقل المدرسي', 'Register for school transport', 'req', {
        le: 'starting-school',
        kw: 'باص المدرسة,نقل مدرسي|school bus',
      }),
      s('special-education', 'تسجيل طالب في برامج التربية الخاصة', 'Enrol a pupil in special education programmes', 'req', {
        le: 'disability starting-school',
        docs: 'medical-report',
      }),
      s('adult-education', 'التسجيل في برامج تعليم الكبار', 'Enrol in adult education programmes', 'req', {
        aud: 'c',
        kw: 'محو الأمية|adult literacy',
      }),
      s('absence-excuse', 'تقديم عذر غياب طالب', 'Submit a pupil absence excuse', 'tx', { req: 'guardian', kw: 'غياب,عذر غياب|absence' }),
      s('grade-objection', 'الاعتراض على درجات الاختبارات النهائية', 'Appeal final exam grades', 'req', { req: 'guardian' }),
      s('noor-account', 'إنشاء حساب لولي الأمر', 'Create a parent account', 'req', {
        req: '!',
        kw: 'حساب نور,ولي أمر|noor account,parent account',
      }),
      s('school-finder', 'البحث عن المدارس القريبة', 'Find nearby schools', 'info', { le: 'moving-home starting-school', req: '!' }),
      s('bullying-report', 'الإبلاغ عن حالة تنمر في المدرسة', 'Report a bullying incident at school', 'report', { kw: 'تنمر|bullying' }),
      s('textbooks', 'تحميل الكتب المدرسية الإلكترونية', 'Download digital school textbooks', 'info', {
        req: '!',
        kw: 'كتب,مناهج,كتاب مدرسي|textbooks,curriculum',
      }),
      s('academic-calendar', 'الاطلاع على التقويم الدراسي', 'View the academic calendar', 'info', {
        req: '!',
        kw: 'تقويم دراسي,إجازات المدارس|school calendar,holidays',
      }),
      s('teacher-transfer', 'التقديم على حركة النقل الخارجي للمعلمين', 'Apply for the external teacher transfer round', 'req', {
        aud: 'c',
        req: 'nafath',
        kw: 'حركة النقل,نقل خارجي,نقل معلمين|teacher transfer',
      }),
      s('teacher-licence', 'إصدار الرخصة المهنية للمعلمين', 'Issue a teacher professional licence', 'tx', {
        aud: 'c',
        req: 'nafath',
        live: true,
        kw: 'رخصة معلم,الرخصة المهنية,رخصة التدريس|teacher licence,teaching license',
      }),
      s('teacher-experience-certificate', 'إصدار شهادة خبرة لمعلم', 'Issue an experience certificate for a teacher', 'tx', {
        aud: 'c',
        req: 'nafath',
      }),
      s('research-access', 'طلب تسهيل مهمة باحث في المدارس', 'Request research access to schools', 'req', { aud: 'c', req: 'nafath' }),
      s('complaint', 'تقديم شكوى تعليمية', 'Submit an education complaint', 'report', { req: 'nafath', kw: 'شكوى,تواصل|complaint' }),
      s('private-school-fees', 'الاطلاع على رسوم المدارس الأهلية', 'View private school fees', 'info', {
        req: '!',
        kw: 'رسوم مدارس,مدارس أهلية|school fees',
      }),
      s('pupil-card', 'إصدار بطاقة طالب', 'Issue a pupil ID card', 'tx', { req: 'guardian' }),
      s('academic-record', 'طباعة السجل الأكاديمي للطالب', "Print a pupil's academic record", 'tx', {}),
      s('attendance', 'الاستعلام عن حضور الطالب وغيابه', "Check a pupil's attendance", 'inq', { kw: 'غياب,حضور|attendance' }),
      s('summer-programmes', 'التسجيل في البرامج الصيفية', 'Enrol in summer programmes', 'req', { seasonal: true }),
      s('gifted-assessment', 'التسجيل في مقياس الكشف عن الموهوبين', 'Register for the gifted pupils assessment', 'req', {
        kw: 'موهبة,موهوبين|gifted',
      }),
      s('certificate-verification', 'التحقق من صحة الشهادات الدراسية', 'Verify school certificates', 'inq', { aud: 'crb', req: '!' }),
      o('private-school', 'مدرسة أهلية', 'المدرسة الأهلية', 'private school', 'lic lic-renew lic-update', {
        aud: 'b',
        req: 'cr',
        be: 'licensing starting-business',
        kw: 'مدارس أهلية,مدرسة خاصة|private school',
      }),
      o('international-school', 'مدرسة عالمية', 'المدرسة العالمية', 'international school', 'lic lic-renew', {
        aud: 'b',
        art: 'an',
        req: 'cr',
        be: 'licensing foreign-investment',
      }),
      o('private-kindergarten', 'روضة أطفال أهلية', 'روضة الأطفال الأهلية', 'private kindergarten', 'lic lic-renew', {
        aud: 'b',
        req: 'cr',
        be: 'licensing',
      }),
    ],
  },
  {
    agency: 'moe',
    fee: 0,
    cat: 'education',
    aud: 'c',
    req: 'nafath',
    legal: 'universities',
    le: 'university',
    items: [
      s('university-admission', 'التقديم على القبول الموحد في الجامعات', 'Apply for unified university admission', 'req', {
        live: true,
        seasonal: true,
        kw: 'قبول,جامعة,الجامعات,قبول موحد,التقديم على الجامعة|university admission,college,apply to university',
      }),
      s(
        'private-university-grants',
        'التقديم على المنح الداخلية في الجامعات والكليات الأهلية',
        'Apply for internal scholarships at private universities and colleges',
        'req',
        { seasonal: true },
      ),
      s(
        'scholarship',
        'التقديم على برنامج خادم الحرمين الشريفين للابتعاث',
        'Apply for the Custodian of the Two Holy Mosques Scholarship Program',
        'req',
        {
          le: 'university travel-abroad',
          live: true,
          kw: 'ابتعاث,بعثة,سفير,منحة,مبتعث|scholarship,study abroad,safeer',
        },
      ),
      s('scholar-allowance', 'الاستعلام عن المكافآت المالية للمبتعثين', 'Check scholarship student allowances', 'inq', {
        kw: 'مكافأة,مكافآت|stipend,allowance',
      }),
      s('scholar-companion', 'إضافة مرافق إلى ملف المبتعث', "Add a companion to a scholarship student's file", 'tx', {
        le: 'travel-abroad marriage',
      }),
      s(
        'degree-equivalency',
        'معادلة الشهادات الجامعية الصادرة من الخارج',
        'Obtain equivalency for university degrees issued abroad',
        'req',
        {
          aud: 'cr',
          live: true,
          docs: 'qualification passport',
          t: 'P30D',
          kw: 'معادلة,معادلة شهادة|degree equivalency,recognition',
        },
      ),
      s('recommended-universities', 'الاطلاع على الجامعات الأجنبية الموصى بها', 'View recommended foreign universities', 'info', {
        req: '!',
        le: 'travel-abroad',
      }),
      s(
        'self-funded-annexation',
        'طلب إلحاق الدارسين على حسابهم الخاص بالبعثة',
        'Apply to join the scholarship as a self-funded student abroad',
        'req',
        { le: 'travel-abroad' },
      ),
      s('graduation-document', 'إصدار وثيقة تخرج للمبتعثين', 'Issue a graduation document for scholarship students', 'tx', {
        le: 'first-job',
      }),
      s('introduction-letter', 'إصدار خطاب تعريف لطالب مبتعث', 'Issue an introduction letter for a scholarship student', 'tx', {}),
      s('scholar-tickets', 'طلب تذاكر سفر للمبتعث', 'Request travel tickets for a scholarship student', 'tx', { le: 'travel-abroad' }),
      s('scholar-medical', 'طلب تغطية علاجية للمبتعث', 'Request medical coverage for a scholarship student', 'req', {}),
      s('scholar-report', 'رفع التقرير الأكاديمي للمبتعث', "Submit a scholarship student's academic report", 'tx', {}),
      o('private-university', 'جامعة أهلية', 'الجامعة الأهلية', 'private university', 'lic lic-renew', {
        aud: 'b',
        req: 'cr',
        le: '!',
        be: 'licensing',
      }),
    ],
  },
  {
    agency: 'tvtc',
    cat: 'education labour',
    aud: 'c',
    req: 'nafath',
    items: [
      s('college-admission', 'التقديم على القبول في الكليات التقنية', 'Apply for admission to technical colleges', 'req', {
        le: 'university',
        seasonal: true,
        kw: 'كلية تقنية,التقنية|technical college',
      }),
      s(
        'institute-admission',
        'التقديم على القبول في المعاهد الصناعية الثانوية',
        'Apply for admission to secondary industrial institutes',
        'req',
        { seasonal: true, kw: 'معهد صناعي|industrial institute' },
      ),
      s('results', 'الاستعلام عن نتائج المتدربين', 'Check trainee results', 'inq', { kw: 'نتائج,رايات|results' }),
      s('graduation-document', 'إصدار وثيقة التخرج', 'Issue a graduation certificate', 'tx', { le: 'first-job' }),
      s('graduation-document-lost', 'بدل فاقد لوثيقة التخرج', 'Replace a lost graduation certificate', 'tx', { req: 'lost-decl' }),
      s('attestation', 'التصديق على الشهادات التدريبية', 'Attest training certificates', 'tx', {}),
      s('allowances', 'الاستعلام عن المكافآت الشهرية للمتدربين', 'Check trainee monthly allowances', 'inq', {
        kw: 'مكافأة,مكافاة|stipend,allowance',
      }),
      s('withdrawal', 'الانسحاب من فصل تدريبي', 'Withdraw from a training semester', 'tx', {}),
      s('deferral', 'تأجيل الفصل التدريبي', 'Defer a training semester', 'tx', {}),
      o('training-institution', 'منشأة تدريب أهلية', 'منشأة التدريب الأهلية', 'private training institution', 'lic lic-renew lic-update', {
        aud: 'b',
        req: 'cr',
        be: 'licensing starting-business',
      }),
      o('language-institute', 'معهد لغات أهلي', 'معهد اللغات الأهلي', 'private language institute', 'lic lic-renew', {
        aud: 'b',
        req: 'cr',
        be: 'licensing',
        kw: 'معهد لغة,إنجليزي|language school',
      }),
      s('programme-accreditation', 'اعتماد برنامج تدريبي', 'Accredit a training programme', 'req', {
        aud: 'b',
        req: 'cr',
        docs: 'training-plan',
      }),
      s('cooperative-training', 'التسجيل في التدريب التعاوني', 'Register for cooperative training', 'req', {
        le: 'first-job',
        kw: 'تعاوني,تدريب تعاوني|internship,co-op',
      }),
      s('certificate-verification', 'التحقق من الشهادات التدريبية', 'Verify training certificates', 'inq', { aud: 'cb' }),
      s('short-courses', 'التسجيل في الدورات التدريبية القصيرة', 'Enrol in short training courses', 'req', { aud: 'cr' }),
      s('skills-test', 'حجز موعد اختبار الاعتماد المهني', 'Book a professional accreditation test', 'book', {
        aud: 'rb',
        be: 'hiring',
        kw: 'فحص مهني,اعتماد مهني|professional accreditation,skills verification',
      }),
      s('admission-results', 'الاستعلام عن نتائج القبول', 'Check admission results', 'inq', { le: 'university' }),
      s('transfer', 'طلب التحويل بين الكليات التقنية', 'Request a transfer between technical colleges', 'req', { le: 'moving-home' }),
      s('graduate-employment', 'التسجيل في برنامج توظيف الخريجين', 'Register in the graduate employment programme', 'req', {
        le: 'first-job',
      }),
      s('absence-excuse', 'تقديم عذر غياب متدرب', 'Submit a trainee absence excuse', 'tx', {}),
      s('timetables', 'الاطلاع على الجداول التدريبية', 'View training timetables', 'info', { req: '!' }),
    ],
  },
];
