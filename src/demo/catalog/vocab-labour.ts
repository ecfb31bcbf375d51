import { type GroupSpec, o, s } from './types.ts';

// Labour and social protection: HRSD (Qiwa, Musaned, social support), HRDF, GOSI.

export const labourGroups: GroupSpec[] = [
  {
    agency: 'hrsd',
    cat: 'labour',
    aud: 'b',
    legal: 'labour',
    platform: 'منصة قوى|the Qiwa platform',
    req: 'nafath',
    items: [
      o('work-permit', 'رخصة عمل', 'رخصة العمل', 'work permit', 'issue renew', {
        req: 'employer nitaqat wps',
        be: 'hiring',
        live: true,
        fee: 9600,
        feeNote: 'المقابل المالي السنوي عن العامل الوافد|Annual expatriate levy per worker',
        kw: 'رخصة عمل,قوى,مكتب العمل,رخص العمل|work permit,qiwa,labour office,labor permit',
        out: 'رخصة عمل إلكترونية|Electronic work permit',
      }),
      s('worker-transfer', 'نقل خدمات عامل', "Transfer a worker's services", 'tx', {
        be: 'hiring',
        req: 'employer nitaqat',
        fee: 2000,
        live: true,
        kw: 'نقل كفالة,نقل خدمات,نقل الكفالة,تنازل عن عامل|sponsorship transfer,transfer of services,kafala',
      }),
      s('occupation-change', 'تعديل مهنة عامل وافد', "Change an expatriate worker's occupation", 'tx', {
        req: 'employer',
        kw: 'تعديل مهنة,تغيير مهنة|occupation change',
      }),
      s('contract-authentication', 'توثيق عقود العمل', 'Authenticate employment contracts', 'tx', {
        aud: 'crb',
        be: 'hiring',
        docs: 'employment-contract',
        kw: 'عقد عمل,توثيق عقد,عقود العمل|employment contract,labour contract',
      }),
      s('work-visas', 'إصدار تأشيرات استقدام العمالة', 'Issue work visas to recruit workers', 'tx', {
        be: 'hiring',
        req: 'employer nitaqat',
        live: true,
        kw: 'تأشيرات,استقدام,فيزا عمل,تأشيرة عمل|work visa,recruitment,block visa',
      }),
      s('work-visa-cancellation', 'إلغاء تأشيرة عمل', 'Cancel a work visa', 'tx', { req: 'employer' }),
      s('absence-report', 'بلاغ تغيب عامل عن العمل', "Report a worker's absence from work", 'report', {
        req: 'employer',
        kw: 'بلاغ هروب,تغيب,هروب|absconding report,huroob',
      }),
      s('nitaqat', 'الاستعلام عن نطاق المنشأة في برنامج نطاقات', "Check an establishment's Nitaqat band", 'inq', {
        kw: 'نطاقات,السعودة,توطين|nitaqat,saudization',
      }),
      s('saudization-certificate', 'إصدار شهادة السعودة', 'Issue a Saudization certificate', 'tx', {
        be: 'government-tenders',
        live: true,
        kw: 'شهادة سعودة,توطين|saudization certificate,nitaqat certificate',
      }),
      s('wage-protection', 'رفع ملفات نظام حماية الأجور', 'Upload Wage Protection System files', 'tx', {
        kw: 'حماية الأجور,مدد,رواتب|wps,wage protection,mudad',
      }),
      s('labour-dispute', 'تقديم دعوى عمالية للتسوية الودية', 'File a labour dispute for amicable settlement', 'req', {
        live: true,
        aud: 'crb',
        cat: 'justice',
        t: 'P30D',
        kw: 'قضية عمالية,شكوى عمالية,ودي,تسوية|labour case,labor dispute,settlement',
      }),
      s('labour-violation-report', 'الإبلاغ عن مخالفة لنظام العمل', 'Report a Labour Law violation', 'report', {
        aud: 'crb',
        kw: 'مخالفة عمل,19911|labour violation',
      }),
      s('establishment-file', 'فتح ملف منشأة', 'Open an establishment file', 'tx', { be: 'starting-business', req: 'cr' }),
      s('establishment-file-closure', 'إغلاق ملف المنشأة', 'Close an establishment file', 'tx', {
        be: 'closing-business',
        req: 'cr no-dues',
      }),
      s('employees', 'الاستعلام عن العاملين في المنشأة', "View an establishment's employees", 'inq', {}),
      s('ajeer', 'إصدار تصريح عمل مؤقت عبر أجير', 'Issue a temporary work permit via Ajeer', 'tx', {
        be: 'hiring',
        kw: 'أجير,اجير,إعارة عمالة|ajeer,temporary work',
      }),
      s('freelance-document', 'إصدار وثيقة العمل الحر', 'Issue a freelance work document', 'tx', {
        aud: 'c',
        be: 'starting-business',
        live: true,
        kw: 'عمل حر,فريلانس,وثيقة عمل حر|freelance,freelancer,self-employed',
      }),
      s('end-of-service', 'حساب مكافأة نهاية الخدمة', 'Calculate end-of-service benefits', 'info', {
        aud: 'crb',
        req: '!',
        le: 'losing-job retirement',
        kw: 'نهاية الخدمة,مكافأة نهاية الخدمة|end of service,gratuity',
      }),
      s('labour-law-guide', 'الاطلاع على دليل نظام العمل', 'Read the Labour Law guide', 'info', { aud: 'crb', req: '!' }),
      s('labour-office-appointment', 'حجز موعد في مكتب العمل', 'Book a labour office appointment', 'book', {
        aud: 'crb',
        kw: 'مكتب العمل,موعد|labour office',
      }),
      s('saudization-calculator', 'حساب نسبة التوطين المطلوبة', 'Calculate the required Saudization rate', 'info', {
        req: '!',
        kw: 'نطاقات,توطين|saudization',
      }),
      s('unused-visa-refund', 'طلب استرداد رسوم تأشيرة عمل غير مستخدمة', 'Request a refund for an unused work visa', 'req', {
        req: 'employer',
      }),
      s('contract-termination', 'إنهاء العلاقة التعاقدية مع عامل', "End a worker's employment contract", 'tx', {
        req: 'employer',
        le: 'losing-job',
      }),
      s('job-mobility', 'التقديم على خدمة التنقل الوظيفي للعامل الوافد', 'Apply for job mobility as an expatriate worker', 'req', {
        aud: 'r',
        kw: 'تنقل وظيفي,نقل بدون موافقة|job mobility',
      }),
      s(
        'levy-exemption',
        'طلب الإعفاء من المقابل المالي للمنشآت الصغيرة',
        'Request exemption from the expat levy for small businesses',
        'req',
        { kw: 'المقابل المالي,إعفاء|levy exemption' },
      ),
    ],
  },
  {
    agency: 'hrsd',
    cat: 'labour',
    aud: 'cr',
    legal: 'domestic-workers',
    platform: 'منصة مساند|the Musaned platform',
    req: 'nafath',
    items: [
      s('domestic-visa', 'إصدار تأشيرة عمالة منزلية', 'Issue a domestic worker visa', 'tx', {
        fee: 2000,
        live: true,
        kw: 'مساند,عاملة منزلية,سائق خاص,خادمة,تأشيرات العمالة المنزلية|musaned,domestic worker,housemaid,private driver',
      }),
      s('domestic-contract', 'توثيق عقد عمالة منزلية', 'Authenticate a domestic worker contract', 'tx', { docs: 'employment-contract' }),
      s('domestic-transfer', 'نقل خدمات عامل منزلي', "Transfer a domestic worker's services", 'tx', {
        live: true,
        fee: 2000,
        kw: 'نقل كفالة,عاملة منزلية|domestic transfer',
      }),
      s('recruitment-office-complaint', 'تقديم شكوى على مكتب استقدام', 'File a complaint against a recruitment office', 'report', {}),
      s('domestic-wages', 'سداد أجور العمالة المنزلية إلكترونيًا', "Pay domestic workers' wages electronically", 'pay', {
        kw: 'رواتب العمالة|wages',
      }),
      o('recruitment-office', 'مكتب استقدام', 'مكتب الاستقدام', 'recruitment office', 'lic lic-renew', {
        aud: 'b',
        req: 'cr',
        be: 'licensing',
      }),
      s('contract-insurance', 'الاشتراك في تأمين عقود العمالة المنزلية', 'Subscribe to domestic worker contract insurance', 'tx', {}),
      s('recruitment-offices-search', 'البحث عن مكاتب الاستقدام المرخصة', 'Search licensed recruitment offices', 'info', { req: '!' }),
      s('domestic-absence-report', 'بلاغ تغيب عامل منزلي', "Report a domestic worker's absence", 'report', {
        kw: 'بلاغ هروب,تغيب|absconding',
      }),
    ],
  },
  {
    agency: 'hrsd',
    cat: 'social-support',
    aud: 'c',
    legal: 'social-security',
    fee: 0,
    platform: 'منصة الدعم والحماية الاجتماعية|the social support and protection platform',
    req: 'nafath',
    items: [
      s('social-security-registration', 'التسجيل في الضمان الاجتماعي', 'Register for social security', 'req', {
        le: 'losing-job disability',
        req: 'income',
        live: true,
        t: 'P30D',
        kw: 'ضمان,الضمان,الضمان المطور,الضمان الاجتماعي المطور,دعم|social security,welfare,daman',
      }),
      s('social-security-eligibility', 'الاستعلام عن أهلية الضمان الاجتماعي', 'Check social security eligibility', 'inq', {
        live: true,
        kw: 'أهلية الضمان,الضمان|eligibility,social security',
      }),
      s(
        'social-security-objection',
        'الاعتراض على نتيجة أهلية الضمان الاجتماعي',
        'Appeal a social security eligibility decision',
        'req',
        {},
      ),
      s('social-security-update', 'تحديث بيانات مستفيد الضمان الاجتماعي', 'Update social security beneficiary details', 'tx', {}),
      s('disability-card', 'إصدار بطاقة الأشخاص ذوي الإعاقة', 'Issue a disability card', 'tx', {
        le: 'disability',
        legal: 'disability',
        live: true,
        docs: 'medical-report',
        kw: 'بطاقة إعاقة,ذوي الإعاقة,بطاقة التسهيلات,معاق|disability card,special needs',
      }),
      s('disability-allowance', 'التسجيل في الإعانة المالية للأشخاص ذوي الإعاقة', 'Apply for the disability financial allowance', 'req', {
        le: 'disability',
        legal: 'disability',
      }),
      s('domestic-violence-report', 'الإبلاغ عن حالة عنف أسري', 'Report a domestic violence case', 'report', {
        req: '!',
        kw: 'عنف أسري,1919,حماية|domestic violence,abuse',
      }),
      s('elderly-care', 'طلب رعاية مسن في دار رعاية', 'Request residential care for an elderly person', 'req', {
        le: 'retirement',
        kw: 'مسن,كبار السن|elderly',
      }),
      o('private-nursery', 'حضانة أهلية', 'الحضانة الأهلية', 'private nursery', 'lic lic-renew', {
        aud: 'b',
        req: 'cr',
        be: 'licensing starting-business',
        kw: 'حضانة,حضانات|nursery,daycare',
      }),
      s('association-registration', 'تسجيل جمعية أهلية', 'Register a non-profit association', 'tx', {
        legal: 'ngo',
        kw: 'جمعية خيرية,جمعية,قطاع غير ربحي|charity,ngo,non-profit',
      }),
      s('volunteering', 'التسجيل في المنصة الوطنية للعمل التطوعي', 'Register on the national volunteering platform', 'req', {
        aud: 'cr',
        kw: 'تطوع,متطوع|volunteer',
      }),
      s('rehabilitation', 'طلب خدمات التأهيل الشامل', 'Request comprehensive rehabilitation services', 'req', {
        le: 'disability',
        legal: 'disability',
      }),
      s('emergency-aid', 'طلب مساعدة مقطوعة للحالات الطارئة', 'Request one-off emergency assistance', 'req', {
        kw: 'مساعدة,إعانة|emergency aid',
      }),
      s('family-counselling', 'طلب استشارة أسرية', 'Request family counselling', 'book', {
        kw: 'إرشاد أسري,مشاكل أسرية|family counselling',
      }),
      s('foster-care', 'طلب احتضان طفل يتيم', 'Apply to foster an orphan', 'req', { kw: 'احتضان,يتيم,أيتام|foster care,orphan' }),
      s('productive-families', 'التسجيل في برنامج الأسر المنتجة', 'Register in the productive families programme', 'req', {
        kw: 'أسر منتجة|home business',
      }),
    ],
  },
  {
    agency: 'hrdf',
    fee: 0,
    cat: 'labour',
    aud: 'c',
    req: 'nafath',
    items: [
      s('taqat-registration', 'التسجيل في البوابة الوطنية للعمل (طاقات)', 'Register on the National Labor Gateway (Taqat)', 'req', {
        le: 'first-job losing-job',
        live: true,
        kw: 'طاقات,وظائف,بحث عن عمل,توظيف|taqat,jobs,job search',
      }),
      s('job-search', 'البحث عن الوظائف الشاغرة', 'Search job vacancies', 'info', {
        req: '!',
        le: 'first-job losing-job',
        kw: 'وظايف,وظائف,شواغر,وظيفة|jobs,vacancies',
      }),
      s('job-posting', 'نشر وظيفة شاغرة', 'Post a job vacancy', 'tx', { aud: 'b', be: 'hiring', req: 'cr' }),
      s('tamheer', 'التسجيل في برنامج التدريب على رأس العمل (تمهير)', 'Enrol in the on-the-job training programme (Tamheer)', 'req', {
        le: 'first-job',
        kw: 'تمهير|tamheer',
      }),
      s('employment-support', 'التقديم على برنامج دعم التوظيف', 'Apply for the employment support programme', 'req', {
        aud: 'b',
        be: 'hiring',
        req: 'cr',
        kw: 'دعم رواتب,دعم توظيف|wage subsidy',
      }),
      s('remote-work', 'التسجيل في برنامج العمل عن بعد', 'Register for the remote work programme', 'req', { kw: 'عمل عن بعد|remote work' }),
      s('flexible-work', 'التسجيل في منصة العمل المرن', 'Register on the flexible work platform', 'req', {
        kw: 'عمل مرن,مرن,دوام جزئي|flexible work,part-time',
      }),
      s('doroob', 'التسجيل في دورات منصة دروب', 'Enrol in Doroob online courses', 'req', {
        aud: 'cr',
        cat: 'education',
        kw: 'دروب|doroob,e-learning',
      }),
      s('course-certificate', 'طباعة شهادة إتمام دورة تدريبية', 'Print a course completion certificate', 'tx', { aud: 'cr' }),
      s('career-guidance', 'حجز جلسة إرشاد مهني', 'Book a career counselling session', 'book', { le: 'first-job' }),
      s('wusool', 'التسجيل في برنامج دعم نقل المرأة العاملة (وصول)', 'Register for the working women transport programme (Wusool)', 'req', {
        kw: 'وصول|wusool',
      }),
      s(
        'qurrah',
        'التسجيل في برنامج دعم ضيافة أطفال المرأة العاملة (قرة)',
        'Register for the working women childcare programme (Qurrah)',
        'req',
        { le: 'birth', kw: 'قرة|qurrah,childcare' },
      ),
      s('support-disbursements', 'الاستعلام عن مستحقات دعم التوظيف', 'Check employment support disbursements', 'inq', { aud: 'b' }),
      s('job-fairs', 'التسجيل في ملتقيات التوظيف', 'Register for job fairs', 'req', { le: 'first-job', kw: 'ملتقى توظيف|job fair' }),
      s('certification-support', 'التقديم على دعم الشهادات المهنية الاحترافية', 'Apply for professional certification support', 'req', {}),
      s('training-provider', 'تسجيل جهة تدريبية لدى الصندوق', 'Register a training provider with the Fund', 'tx', { aud: 'b', req: 'cr' }),
    ],
  },
  {
    agency: 'gosi',
    fee: 0,
    cat: 'social-support labour',
    aud: 'cr',
    legal: 'social-insurance',
    req: 'nafath',
    items: [
      s('contributor-registration', 'تسجيل مشترك جديد', 'Register a new contributor', 'tx', {
        aud: 'b',
        be: 'hiring',
        req: 'gosi',
        live: true,
        kw: 'تأمينات,التأمينات,تسجيل موظف|gosi,registration',
      }),
      s('contributor-exclusion', 'استبعاد مشترك', "End a contributor's registration", 'tx', { aud: 'b', req: 'gosi' }),
      s('wage-update', 'تعديل أجر مشترك', "Update a contributor's wage", 'tx', { aud: 'b', req: 'gosi' }),
      s('contributions-payment', 'سداد الاشتراكات التأمينية', 'Pay social insurance contributions', 'pay', {
        aud: 'b',
        be: 'paying-taxes',
        kw: 'اشتراكات,سداد التأمينات|contributions',
      }),
      s('establishment-registration', 'تسجيل منشأة في التأمينات الاجتماعية', 'Register an establishment with GOSI', 'tx', {
        aud: 'b',
        be: 'starting-business',
        req: 'cr',
      }),
      s('compliance-certificate', 'إصدار شهادة التزام للمنشأة', 'Issue a compliance certificate for an establishment', 'tx', {
        aud: 'b',
        be: 'government-tenders',
        req: 'no-dues',
      }),
      s('contribution-statement', 'طباعة مشهد الاشتراك في التأمينات', 'Print a social insurance contribution statement', 'tx', {
        live: true,
        kw: 'برنت التأمينات,مشهد,برنت,مشهد تأمينات|gosi print,statement,contribution certificate',
      }),
      s('pension', 'طلب صرف المعاش التقاعدي', 'Apply for a retirement pension', 'req', {
        le: 'retirement',
        live: true,
        docs: 'iban',
        kw: 'تقاعد,معاش,راتب تقاعدي|pension,retirement',
      }),
      s('early-retirement', 'طلب التقاعد المبكر', 'Apply for early retirement', 'req', {
        le: 'retirement',
        live: true,
        kw: 'تقاعد مبكر|early retirement',
      }),
      s('pension-estimate', 'حساب المعاش التقاعدي المتوقع', 'Estimate the expected pension', 'info', { le: 'retirement', req: '!' }),
      s('saned', 'طلب تعويض ساند عن التعطل عن العمل', 'Claim SANED unemployment insurance', 'req', {
        le: 'losing-job',
        legal: 'saned',
        live: true,
        docs: 'iban',
        kw: 'ساند,تعطل,بطالة,فصل من العمل|saned,unemployment,jobless',
      }),
      s('injury-report', 'الإبلاغ عن إصابة عمل', 'Report an occupational injury', 'report', {
        aud: 'crb',
        kw: 'إصابة عمل,إصابة|work injury',
      }),
      s('disability-pension', 'طلب معاش العجز', 'Apply for a disability pension', 'req', { le: 'disability', docs: 'medical-report' }),
      s('survivors-pension', 'طلب صرف معاش الورثة', "Apply for a survivors' pension", 'req', { le: 'death', docs: 'death-notice' }),
      s('lump-sum', 'طلب صرف تعويض الدفعة الواحدة', 'Claim a lump-sum compensation', 'req', {}),
      s('periods-merge', 'طلب ضم مدد الاشتراك السابقة', 'Request to combine previous contribution periods', 'req', {}),
      s('pension-letter', 'إصدار خطاب تعريف بالمعاش التقاعدي', 'Issue a pension statement letter', 'tx', { le: 'retirement' }),
      s('proof-of-life', 'تحديث إثبات الحياة لأصحاب المعاشات', 'Submit proof of life for pensioners', 'tx', {
        le: 'retirement',
        aud: 'cr',
      }),
      s(
        'voluntary-coverage',
        'الاشتراك الاختياري للسعوديين العاملين خارج المملكة',
        'Join voluntary coverage for Saudis working abroad',
        'tx',
        { aud: 'c', le: 'travel-abroad' },
      ),
      s('penalties-objection', 'الاعتراض على غرامات التأمينات الاجتماعية', 'Appeal social insurance penalties', 'req', { aud: 'b' }),
      s('contribution-periods', 'الاستعلام عن مدد الاشتراك', 'Check contribution periods', 'inq', {}),
      s('salary-certificate', 'إصدار شهادة راتب للمشترك', 'Issue a salary certificate for a contributor', 'tx', {
        kw: 'تعريف راتب|salary certificate',
      }),
      s('pensioner-dependants', 'تسجيل المعالين لأصحاب المعاشات', 'Register dependants of pensioners', 'tx', { le: 'retirement' }),
      s('pension-bank-account', 'تعديل الحساب البنكي لصرف المعاش', 'Change the bank account for pension payments', 'tx', {
        le: 'retirement',
        docs: 'iban',
      }),
      s('medical-board', 'طلب العرض على اللجنة الطبية للتأمينات', 'Request a GOSI medical board assessment', 'req', { le: 'disability' }),
    ],
  },
];
