import { type GroupSpec, o, s } from './types.ts';

// Business and quality: Ministry of Commerce, SASO, GASTAT.

export const businessGroups: GroupSpec[] = [
  {
    agency: 'mc',
    cat: 'business',
    aud: 'cb',
    legal: 'cr',
    req: 'nafath',
    items: [
      o('cr', 'سجل تجاري', 'السجل التجاري', 'commercial registration', 'issue renew update verify print', {
        be: 'starting-business',
        live: true,
        fee: 'issue:200 renew:200',
        feeNote: 'عن كل سنة|Per year',
        out: 'سجل تجاري إلكتروني|Electronic commercial registration',
        kw: 'سجل,سجل تجاري,السجل,سجلات تجارية,مؤسسة|cr,commercial register,business registration,trade licence,company registration',
      }),
      s('cr-strike-off', 'شطب السجل التجاري', 'Strike off a commercial registration', 'tx', {
        be: 'closing-business',
        req: 'no-dues',
        kw: 'شطب,إلغاء السجل|cr cancellation,close business',
      }),
      s('cr-extract', 'إصدار مستخرج سجل تجاري', 'Issue a commercial registration extract', 'tx', { kw: 'مستخرج,سجل|cr extract' }),
      s('cr-annual-confirmation', 'تأكيد بيانات السجل التجاري سنويًا', 'Confirm commercial registration data annually', 'tx', {
        kw: 'تأكيد البيانات|annual confirmation',
      }),
      s('trade-name-reservation', 'حجز اسم تجاري', 'Reserve a trade name', 'tx', {
        fee: 0,
        be: 'starting-business',
        legal: 'trade-names',
        live: true,
        t: 'PT1H',
        kw: 'اسم تجاري,الاسم التجاري,أسماء تجارية|trade name,business name',
      }),
      s('branch-cr', 'إصدار سجل تجاري فرعي', 'Issue a branch commercial registration', 'tx', {
        be: 'expanding',
        kw: 'فرع,سجل فرعي|branch cr',
      }),
      s('commercial-report', 'تقديم بلاغ تجاري', 'Submit a commercial complaint', 'report', {
        aud: 'crv',
        legal: 'anti-fraud',
        req: '!',
        live: true,
        kw: 'بلاغ تجاري,غش تجاري,حماية المستهلك,1900,بلاغ|consumer complaint,commercial fraud,report a shop',
      }),
      s('llc-incorporation', 'تأسيس شركة ذات مسؤولية محدودة', 'Incorporate a limited liability company', 'tx', {
        legal: 'companies',
        be: 'starting-business',
        live: true,
        docs: 'articles',
        kw: 'شركة,تأسيس شركة,ذات مسؤولية محدودة|llc,company formation',
      }),
      s('sjsc-incorporation', 'تأسيس شركة مساهمة مبسطة', 'Incorporate a simplified joint stock company', 'tx', {
        legal: 'companies',
        be: 'starting-business',
        docs: 'articles',
      }),
      s('jsc-incorporation', 'تأسيس شركة مساهمة', 'Incorporate a joint stock company', 'tx', {
        legal: 'companies',
        be: 'starting-business',
        docs: 'articles',
      }),
      s('professional-company', 'تأسيس شركة مهنية', 'Incorporate a professional company', 'tx', {
        legal: 'companies',
        be: 'starting-business',
        docs: 'articles',
      }),
      s('articles-amendment', 'تعديل عقد تأسيس الشركة', "Amend a company's articles of association", 'tx', {
        legal: 'companies',
        be: 'expanding',
        docs: 'articles',
      }),
      s('company-liquidation', 'تصفية شركة', 'Liquidate a company', 'tx', { legal: 'companies', be: 'closing-business' }),
      s('general-assembly', 'الدعوة إلى جمعية عامة إلكترونية', 'Call an electronic general assembly', 'tx', { legal: 'companies' }),
      s('capital-increase', 'زيادة رأس مال الشركة', "Increase a company's capital", 'tx', { legal: 'companies', be: 'expanding' }),
      s('new-partner', 'إدخال شريك جديد في الشركة', 'Admit a new partner to a company', 'tx', {
        legal: 'companies',
        be: 'expanding foreign-investment',
      }),
      s('foreign-branch', 'تسجيل فرع شركة أجنبية', 'Register a branch of a foreign company', 'tx', {
        legal: 'companies',
        be: 'foreign-investment',
      }),
      s('franchise-registration', 'تسجيل اتفاقية امتياز تجاري', 'Register a franchise agreement', 'tx', {
        legal: 'franchise',
        be: 'expanding',
        kw: 'فرنشايز,امتياز|franchise',
      }),
      s('online-store', 'تسجيل متجر إلكتروني', 'Register an online store', 'tx', {
        legal: 'ecommerce',
        be: 'e-commerce',
        kw: 'متجر إلكتروني,معروف,متجر|online store,e-store,maroof',
      }),
      s('sale-permit', 'إصدار تصريح تخفيضات', 'Issue a sales promotion permit', 'tx', {
        be: 'licensing',
        kw: 'تخفيضات,عروض,تنزيلات,أوكازيون|sale permit,discount,promotion',
      }),
      s('competition-permit', 'إصدار تصريح مسابقة تجارية', 'Issue a commercial competition permit', 'tx', { be: 'licensing' }),
      s('commercial-pledge', 'تسجيل رهن تجاري', 'Register a commercial pledge', 'tx', { kw: 'رهن تجاري,رهن منقول|commercial pledge' }),
      s('isic-guide', 'الاطلاع على دليل الأنشطة الاقتصادية', 'Browse the economic activities guide (ISIC4)', 'info', {
        aud: 'crb',
        req: '!',
        kw: 'أنشطة,نشاط تجاري|isic,business activities',
      }),
      s('consumer-rights', 'الاطلاع على حقوق المستهلك', 'Learn about consumer rights', 'info', {
        aud: 'crv',
        req: '!',
        kw: 'حماية المستهلك|consumer protection',
      }),
      s('warranty-complaint', 'تقديم شكوى ضمان منتج', 'File a product warranty complaint', 'report', {
        aud: 'cr',
        kw: 'ضمان,كفالة منتج|warranty',
      }),
      s('vehicle-defect-report', 'الإبلاغ عن عيوب المركبات', 'Report vehicle defects', 'report', {
        aud: 'crb',
        kw: 'عيوب مصنعية,استدعاء|vehicle defect',
      }),
      s('vehicle-recalls', 'الاستعلام عن حملات استدعاء المركبات', 'Check vehicle recall campaigns', 'info', {
        aud: 'crb',
        req: '!',
        le: 'buying-car',
        kw: 'استدعاء سيارات|vehicle recall',
      }),
      s('chamber-membership', 'إصدار شهادة عضوية الغرفة التجارية', 'Issue a chamber of commerce membership certificate', 'tx', {
        be: 'government-tenders',
      }),
      s('trade-name-change', 'تغيير الاسم التجاري', 'Change a trade name', 'tx', { legal: 'trade-names' }),
      s('manager-change', 'تعديل مدير الشركة', "Change a company's manager", 'tx', { legal: 'companies' }),
      s('sole-to-company', 'تحويل مؤسسة فردية إلى شركة', 'Convert a sole proprietorship into a company', 'tx', {
        legal: 'companies',
        be: 'expanding',
      }),
      s('company-merger', 'دمج الشركات', 'Merge companies', 'tx', { legal: 'companies', be: 'expanding' }),
      s('online-store-complaint', 'تقديم شكوى على متجر إلكتروني', 'File a complaint against an online store', 'report', {
        aud: 'crv',
        req: '!',
        legal: 'ecommerce',
        be: 'e-commerce',
      }),
      s('business-lookup', 'الاستعلام عن بيانات منشأة تجارية', "Look up a business's registration data", 'inq', { aud: 'crbv', req: '!' }),
      s('certificate-of-origin', 'إصدار شهادة منشأ', 'Issue a certificate of origin', 'tx', {
        be: 'importing-exporting',
        kw: 'شهادة منشأ|certificate of origin',
      }),
      s('beneficial-owner', 'الإفصاح عن المستفيد الحقيقي', 'Declare the ultimate beneficial owner', 'tx', { legal: 'companies' }),
      s('establishment-ownership-transfer', 'نقل ملكية مؤسسة فردية', 'Transfer ownership of a sole proprietorship', 'tx', {}),
      s('cr-reinstatement', 'إعادة قيد السجل التجاري بعد شطبه', 'Reinstate a struck-off commercial registration', 'tx', {}),
      o('commercial-agency', 'وكالة تجارية', 'الوكالة التجارية', 'commercial agency', 'register reg-renew reg-cancel', {
        aud: 'b',
        legal: 'commercial-agencies',
        be: 'importing-exporting',
        docs: 'cr-copy',
        kw: 'وكالة تجارية,وكيل|commercial agency,distributor',
      }),
    ],
  },
  {
    agency: 'saso',
    cat: 'standards-quality',
    aud: 'b',
    legal: 'product-safety',
    req: 'cr',
    items: [
      s('product-conformity', 'إصدار شهادة مطابقة المنتج عبر منصة سابر', 'Issue a product certificate of conformity via SABER', 'tx', {
        be: 'importing-exporting',
        live: true,
        req: 'conformity',
        kw: 'سابر,شهادة مطابقة,مطابقة|saber,conformity certificate,coc',
      }),
      s('shipment-conformity', 'إصدار شهادة مطابقة الإرسالية', 'Issue a shipment certificate of conformity', 'tx', {
        be: 'importing-exporting',
        req: 'conformity',
      }),
      s('quality-mark', 'طلب الحصول على علامة الجودة السعودية', 'Apply for the Saudi Quality Mark', 'req', {
        t: 'P30D',
        kw: 'علامة الجودة|quality mark',
      }),
      s('quality-mark-renewal', 'تجديد ترخيص علامة الجودة السعودية', 'Renew a Saudi Quality Mark licence', 'tx', {
        kw: 'علامة الجودة|quality mark',
      }),
      s('energy-efficiency', 'تسجيل منتج في برنامج كفاءة الطاقة', 'Register a product for energy efficiency labelling', 'tx', {
        kw: 'كفاءة الطاقة,ملصق كفاءة|energy label',
      }),
      s('standards-purchase', 'شراء المواصفات القياسية', 'Purchase standards documents', 'pay', { aud: 'crb', req: '!' }),
      s('standards-search', 'البحث في المواصفات القياسية السعودية', 'Search Saudi standards', 'info', { aud: 'crb', req: '!' }),
      s('vehicle-inspection', 'حجز موعد الفحص الفني الدوري للمركبات', 'Book a periodic vehicle inspection', 'book', {
        aud: 'crb',
        req: 'nafath',
        cat: 'transport',
        le: 'buying-car driving',
        live: true,
        kw: 'فحص دوري,الفحص الدوري,فحص سيارة,موعد فحص,فحص|mvpi,fahas,vehicle inspection,car inspection',
      }),
      s('inspection-result', 'الاستعلام عن نتيجة الفحص الفني الدوري', 'Check a periodic inspection result', 'inq', {
        aud: 'crb',
        req: '!',
        cat: 'transport',
      }),
      s('calibration', 'طلب معايرة أجهزة القياس', 'Request calibration of measuring instruments', 'req', { legal: 'metrology' }),
      s('scales-verification', 'طلب التحقق من الموازين التجارية', 'Request verification of commercial scales', 'req', {
        legal: 'metrology',
        kw: 'ميزان,موازين|scales',
      }),
      s('gold-hallmarking', 'طلب دمغ المشغولات الذهبية', 'Request hallmarking of gold articles', 'req', {
        legal: 'metrology',
        kw: 'ذهب,دمغ|gold,hallmark',
      }),
      s('vehicle-conformity', 'إصدار شهادة مطابقة للمركبات المستوردة', 'Issue a conformity certificate for imported vehicles', 'tx', {
        aud: 'crb',
        req: 'nafath',
        le: 'buying-car',
      }),
      s('non-conforming-report', 'الإبلاغ عن منتج غير مطابق للمواصفات', 'Report a non-conforming product', 'report', {
        aud: 'crb',
        req: '!',
      }),
      s('lab-accreditation', 'اعتماد مختبرات الفحص', 'Accredit testing laboratories', 'req', { t: 'P60D' }),
      s('standard-proposal', 'تقديم مقترح مواصفة قياسية جديدة', 'Propose a new standard', 'req', { aud: 'bg', req: '!' }),
      s('conformity-verification', 'التحقق من شهادة المطابقة', 'Verify a certificate of conformity', 'inq', { aud: 'crb', req: '!' }),
    ],
  },
  {
    agency: 'gastat',
    cat: 'statistics',
    aud: 'crbg',
    legal: 'statistics',
    items: [
      s('data-request', 'طلب بيانات إحصائية مخصصة', 'Request custom statistical data', 'req', { req: 'nafath', t: 'P14D' }),
      s('bulletins', 'الاطلاع على النشرات الإحصائية', 'Browse statistical bulletins', 'info', {}),
      s('cpi', 'الاطلاع على مؤشر أسعار المستهلك', 'View the consumer price index', 'info', { kw: 'تضخم,أسعار|inflation,cpi' }),
      s('census', 'الاطلاع على نتائج التعداد السكاني', 'View population census results', 'info', { kw: 'تعداد,سكان|census,population' }),
      s('survey-response', 'المشاركة في المسوح الإحصائية إلكترونيًا', 'Respond to statistical surveys online', 'tx', { aud: 'crb' }),
      s('establishment-survey', 'الإجابة عن استبيان المسح الاقتصادي للمنشآت', 'Answer the economic establishments survey', 'tx', {
        aud: 'b',
        req: 'cr',
      }),
      s('microdata-access', 'طلب الوصول إلى البيانات الجزئية للباحثين', 'Request microdata access for researchers', 'req', {
        aud: 'cg',
        req: 'nafath',
        t: 'P30D',
      }),
      s('statistical-letter', 'إصدار إفادة إحصائية', 'Issue a statistical statement letter', 'tx', { req: 'nafath' }),
      s('researcher-verification', 'التحقق من هوية الباحث الإحصائي الميداني', "Verify a field statistical researcher's identity", 'inq', {
        aud: 'crb',
      }),
      s('labour-market-stats', 'الاطلاع على إحصاءات سوق العمل', 'View labour market statistics', 'info', {
        kw: 'بطالة,سوق العمل|unemployment rate',
      }),
      s('open-data', 'تحميل البيانات المفتوحة', 'Download open data', 'info', { kw: 'بيانات مفتوحة|open data' }),
      s('release-calendar', 'الاطلاع على جدول مواعيد النشر الإحصائي', 'View the statistical release calendar', 'info', {}),
    ],
  },
];
