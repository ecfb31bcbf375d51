import { type GroupSpec, o, s } from './types.ts';

// Environment and agriculture, digital government bodies, electricity and water.

export const utilityGroups: GroupSpec[] = [
  {
    agency: 'mewa',
    cat: 'environment-agriculture',
    aud: 'cb',
    legal: 'agriculture',
    req: 'nafath',
    items: [
      s('farm-registration', 'تسجيل حيازة زراعية', 'Register an agricultural holding', 'tx', {
        kw: 'مزرعة,حيازة زراعية|farm registration',
      }),
      o('agri-project', 'مشروع زراعي', 'المشروع الزراعي', 'agricultural project', 'lic lic-renew', {
        art: 'an',
        be: 'licensing starting-business',
        docs: 'project-study',
      }),
      o('livestock-project', 'مشروع ثروة حيوانية', 'مشروع الثروة الحيوانية', 'livestock project', 'lic lic-renew', {
        be: 'licensing',
        docs: 'project-study',
      }),
      o('fishing-licence', 'رخصة صيد بحري', 'رخصة الصيد البحري', 'fishing licence', 'issue renew', {
        aud: 'cr',
        legal: 'fisheries',
        kw: 'صيد,صيد سمك,قارب صيد|fishing',
      }),
      o('vet-clinic', 'عيادة بيطرية', 'العيادة البيطرية', 'veterinary clinic', 'lic lic-renew', {
        aud: 'b',
        req: 'cr',
        be: 'licensing',
        kw: 'بيطري,طبيب بيطري|vet',
      }),
      o('pesticide-shop', 'محل بيع مبيدات زراعية', 'محل بيع المبيدات الزراعية', 'agricultural pesticide shop', 'lic lic-renew', {
        aud: 'b',
        art: 'an',
        req: 'cr',
        be: 'licensing',
      }),
      s('hunting-permit', 'إصدار تصريح صيد بري', 'Issue a hunting permit', 'tx', {
        aud: 'cr',
        legal: 'environment',
        kw: 'قنص,صيد بري,مقناص|hunting',
      }),
      s('well-drilling', 'إصدار ترخيص حفر بئر', 'Issue a well drilling licence', 'tx', { legal: 'water', kw: 'بئر,حفر بئر|well' }),
      s('animal-import', 'إصدار إذن استيراد حيوانات حية', 'Issue a live animal import permit', 'tx', {
        aud: 'b',
        be: 'importing-exporting',
      }),
      s('plant-import', 'إصدار إذن استيراد نباتات ومنتجات زراعية', 'Issue an import permit for plants and agricultural products', 'tx', {
        aud: 'b',
        be: 'importing-exporting',
      }),
      s('phytosanitary', 'إصدار شهادة صحة نباتية للتصدير', 'Issue a phytosanitary certificate for export', 'tx', {
        aud: 'b',
        be: 'importing-exporting',
      }),
      s('pet-travel', 'إصدار شهادة صحية بيطرية لسفر الحيوانات الأليفة', 'Issue a veterinary health certificate for pet travel', 'tx', {
        aud: 'crv',
        le: 'travel-abroad',
        kw: 'قطط,قطة,كلب,حيوان أليف|pet,cat,dog',
      }),
      s('livestock-tagging', 'ترقيم الماشية وتسجيلها', 'Tag and register livestock', 'tx', {
        kw: 'ترقيم,أنعام,ماشية,حلال|livestock tagging',
      }),
      s('small-farmers', 'التقديم على دعم صغار المزارعين', 'Apply for small farmer support', 'req', {
        aud: 'c',
        kw: 'ريف,دعم ريف,مزارع|reef,farmer support',
      }),
      s('environmental-permit', 'إصدار تصريح بيئي لمنشأة', 'Issue an environmental permit for a facility', 'tx', {
        aud: 'b',
        legal: 'environment',
        docs: 'env-study',
        kw: 'بيئي,تصريح بيئي|environmental permit',
      }),
      s('environmental-report', 'الإبلاغ عن مخالفة بيئية', 'Report an environmental violation', 'report', {
        aud: 'crbv',
        legal: 'environment',
        req: 'location',
      }),
      s('logging-report', 'الإبلاغ عن الاحتطاب الجائر', 'Report illegal tree cutting', 'report', {
        aud: 'crv',
        legal: 'environment',
        kw: 'احتطاب,حطب|logging,firewood',
      }),
      s('extension-visit', 'طلب زيارة إرشادية زراعية', 'Request an agricultural extension visit', 'req', {}),
      s('palm-registration', 'تسجيل أشجار النخيل', 'Register date palm trees', 'tx', { kw: 'نخيل,تمور|palms,dates' }),
      s('animal-cruelty-report', 'الإبلاغ عن إساءة معاملة الحيوانات', 'Report animal cruelty', 'report', {
        aud: 'crv',
        legal: 'animal-welfare',
      }),
      s('agri-loan', 'التقديم على قرض صندوق التنمية الزراعية', 'Apply for an Agricultural Development Fund loan', 'req', {
        be: 'expanding',
      }),
      s('rainfall-data', 'الاطلاع على بيانات الأمطار والمياه', 'View rainfall and water data', 'info', {
        aud: 'crbg',
        req: '!',
        legal: 'water',
      }),
      s('seedlings', 'طلب شتلات للتشجير', 'Request seedlings for planting', 'req', { aud: 'cbg', kw: 'شتلات,تشجير|seedlings' }),
      s('locust-report', 'الإبلاغ عن الجراد الصحراوي', 'Report desert locusts', 'report', { aud: 'crv', req: 'location' }),
      s('animal-disease-report', 'الإبلاغ عن مرض حيواني معدٍ', 'Report an infectious animal disease', 'report', {}),
      s('fishing-boat', 'تسجيل قارب صيد', 'Register a fishing boat', 'tx', { legal: 'fisheries' }),
      s('vet-appointment', 'حجز موعد في العيادة البيطرية الحكومية', 'Book a government veterinary clinic appointment', 'book', {}),
      s('organic-certificate', 'إصدار شهادة المنتج العضوي', 'Issue an organic product certificate', 'tx', { aud: 'b', kw: 'عضوي|organic' }),
    ],
  },
  {
    agency: 'mcit',
    cat: 'communications',
    aud: 'crb',
    legal: 'telecom',
    req: 'nafath',
    items: [
      s('digital-skills', 'التسجيل في مبادرات المهارات الرقمية', 'Enrol in digital skills initiatives', 'req', {
        aud: 'cr',
        cat: 'education',
        kw: 'مهارات رقمية,برمجة|digital skills,coding',
      }),
      s('startup-support', 'التقديم على برامج دعم الشركات التقنية الناشئة', 'Apply for tech start-up support programmes', 'req', {
        aud: 'b',
        be: 'starting-business',
      }),
      s('tech-events', 'التسجيل في الفعاليات التقنية', 'Register for technology events', 'req', {}),
      s('telecom-complaint', 'تقديم شكوى على مقدم خدمة اتصالات', 'File a complaint against a telecom provider', 'report', {
        kw: 'شكوى اتصالات,إنترنت,جوال|telecom complaint,internet',
      }),
      s('registered-numbers', 'الاستعلام عن أرقام الجوال المسجلة بالهوية', 'Check mobile numbers registered to an ID', 'inq', {
        aud: 'cr',
        kw: 'شرائح,أرقام جوال,شريحة|sim cards,mobile numbers',
      }),
      s('spectrum-licence', 'إصدار ترخيص استخدام الطيف الترددي', 'Issue a spectrum use licence', 'tx', {
        aud: 'b',
        req: 'cr',
        be: 'licensing',
      }),
      s('type-approval', 'طلب اعتماد أجهزة الاتصالات', 'Apply for type approval of telecom equipment', 'req', {
        aud: 'b',
        req: 'cr',
        be: 'importing-exporting',
      }),
      s('coding-bootcamps', 'التسجيل في معسكرات البرمجة', 'Join coding bootcamps', 'req', {
        aud: 'cr',
        le: 'first-job',
        kw: 'برمجة,طويق|coding,bootcamp',
      }),
      s('ict-indicators', 'الاطلاع على مؤشرات قطاع الاتصالات وتقنية المعلومات', 'View ICT sector indicators', 'info', {
        aud: 'crbg',
        req: '!',
        cat: 'statistics',
      }),
      s('coverage-report', 'الإبلاغ عن ضعف تغطية شبكات الاتصالات', 'Report weak mobile network coverage', 'report', {
        aud: 'crv',
        kw: 'تغطية,شبكة ضعيفة|coverage,no signal',
      }),
    ],
  },
  {
    agency: 'yesser',
    cat: 'communications',
    aud: 'g',
    legal: 'e-transactions',
    req: 'gov',
    items: [
      s('gsb-integration', 'طلب الربط مع قناة التكامل الحكومية', 'Request integration with the Government Service Bus', 'req', {
        kw: 'قناة التكامل|gsb,integration',
      }),
      s('gsn-connection', 'طلب الربط بالشبكة الحكومية الآمنة', 'Request connection to the Secure Government Network', 'req', {
        kw: 'الشبكة الحكومية|gsn',
      }),
      s('portal-listing', 'إدراج خدمة في البوابة الوطنية', 'List a service on the national portal', 'tx', {
        kw: 'البوابة الوطنية|national portal',
      }),
      s('measurement', 'المشاركة في قياس التحول الرقمي', 'Take part in the digital transformation measurement', 'tx', {
        kw: 'قياس التحول,مؤشرات|measurement,indicators',
      }),
      s(
        'capacity-building',
        'التسجيل في برامج بناء القدرات الرقمية للموظفين الحكوميين',
        'Enrol government employees in digital capacity-building programmes',
        'req',
        { cat: 'education' },
      ),
      s('advisory-support', 'طلب دعم من الفريق الاستشاري', 'Request support from the advisory team', 'req', {}),
      s('award-nomination', 'الترشح لجائزة الإنجاز للتعاملات الإلكترونية الحكومية', 'Apply for the e-Government Achievement Award', 'tx', {
        aud: 'gc',
        seasonal: true,
        kw: 'جائزة الإنجاز|achievement award',
      }),
      s('standards', 'الاطلاع على معايير التعاملات الإلكترونية الحكومية', 'Read the e-government standards', 'info', { req: '!' }),
      s('public-consultation', 'المشاركة في الاستطلاعات العامة على منصة استطلاع', 'Take part in public consultations on Istitlaa', 'tx', {
        aud: 'crb',
        req: 'nafath',
        kw: 'استطلاع,مشاركة|istitlaa,consultation',
      }),
    ],
  },
  {
    agency: 'dga',
    cat: 'communications',
    aud: 'g',
    req: 'gov',
    items: [
      s('platform-registration', 'تسجيل منصة حكومية رقمية', 'Register a government digital platform', 'tx', {}),
      s('cloud-approval', 'طلب الموافقة على استخدام الخدمات السحابية', 'Request approval to use cloud services', 'req', {
        kw: 'سحابة|cloud',
      }),
      s('gov-domain', 'طلب نطاق حكومي (gov.sa)', 'Request a government domain (gov.sa)', 'req', { kw: 'نطاق,دومين|domain' }),
      s('service-complaint', 'تقديم شكوى على خدمة رقمية حكومية', 'File a complaint about a government digital service', 'report', {
        aud: 'crb',
        req: 'nafath',
      }),
      s('maturity-index', 'الاطلاع على نتائج مؤشر نضج التجربة الرقمية', 'View digital experience maturity index results', 'info', {
        aud: 'gc',
        req: '!',
      }),
      s('official-apps', 'التحقق من التطبيقات الحكومية الرسمية', 'Verify official government apps', 'inq', { aud: 'crbv', req: '!' }),
      s('project-review', 'طلب مراجعة مشروع رقمي حكومي', 'Request a review of a government digital project', 'req', {}),
      s('ux-lab', 'حجز جلسة في مختبر تجربة المستخدم الحكومي', 'Book a government user experience lab session', 'book', {}),
      s('shared-platforms', 'طلب الاستفادة من المنصات الحكومية المشتركة', 'Request use of shared government platforms', 'req', {}),
      s('digital-government-guides', 'الاطلاع على أدلة الحكومة الرقمية', 'Read the digital government guides', 'info', { req: '!' }),
    ],
  },
  {
    agency: 'sdaia',
    cat: 'communications',
    aud: 'crbg',
    legal: 'pdpl',
    items: [
      s('tawakkalna', 'التسجيل في تطبيق توكلنا', 'Register on the Tawakkalna app', 'req', {
        aud: 'crv',
        legal: '!',
        kw: 'توكلنا|tawakkalna',
      }),
      s('nafath', 'التسجيل في النفاذ الوطني الموحد', 'Register for the National Single Sign-On (Nafath)', 'req', {
        aud: 'crv',
        legal: '!',
        kw: 'نفاذ,النفاذ الوطني|nafath,sso',
      }),
      s('data-breach-report', 'الإبلاغ عن تسرب بيانات شخصية', 'Report a personal data breach', 'report', {
        kw: 'تسرب بيانات,خصوصية|data breach,privacy',
      }),
      s(
        'controller-registration',
        'تسجيل جهة تحكم في البوابة الوطنية لحماية البيانات',
        'Register a data controller on the national data protection portal',
        'tx',
        { aud: 'bg' },
      ),
      s('privacy-complaint', 'تقديم شكوى انتهاك خصوصية', 'File a privacy complaint', 'report', { aud: 'crv' }),
      s('ai-ethics', 'الاطلاع على مبادئ أخلاقيات الذكاء الاصطناعي', 'Read the AI ethics principles', 'info', { legal: '!' }),
      s('open-data-request', 'طلب إتاحة بيانات حكومية', 'Request publication of government data', 'req', { aud: 'crb' }),
      s('digital-documents', 'عرض الوثائق الرقمية في توكلنا', 'Show digital documents in Tawakkalna', 'int', {
        aud: 'crv',
        legal: '!',
        kw: 'توكلنا,وثائق رقمية|tawakkalna,digital wallet',
      }),
    ],
  },
  {
    agency: 'nic',
    cat: 'communications',
    aud: 'g',
    req: 'gov',
    items: [
      s('hosting', 'طلب استضافة أنظمة في مراكز البيانات الحكومية', 'Request hosting in government data centres', 'req', {}),
      s('yaqeen', 'الاشتراك في خدمة يقين للتحقق من الهوية', 'Subscribe to the Yaqeen identity verification service', 'tx', {
        aud: 'bg',
        kw: 'يقين|yaqeen',
      }),
      s('data-exchange', 'طلب الربط مع خدمات تبادل البيانات الوطنية', 'Request access to national data exchange services', 'req', {}),
      s('gov-cloud', 'طلب موارد من السحابة الحكومية (ديم)', 'Request resources on the government cloud (DEEM)', 'req', {
        kw: 'ديم|deem,gov cloud',
      }),
      s('incident-report', 'الإبلاغ عن حادثة تقنية في الخدمات المستضافة', 'Report a technical incident in hosted services', 'report', {}),
      s('mobile-verification', 'الاشتراك في خدمة التحقق من ملكية الجوال', 'Subscribe to the mobile ownership verification service', 'tx', {
        aud: 'bg',
      }),
      s('api-keys', 'طلب مفاتيح الوصول إلى الواجهات البرمجية', 'Request API access keys', 'req', {}),
    ],
  },
  {
    agency: 'se',
    cat: 'utilities',
    aud: 'crb',
    legal: 'electricity',
    req: 'nafath',
    items: [
      s('new-connection', 'طلب توصيل الخدمة الكهربائية', 'Request a new electricity connection', 'req', {
        le: 'moving-home buying-home',
        live: true,
        req: 'owner',
        docs: 'deed',
        kw: 'عداد,توصيل كهرباء,كهرباء,عداد كهرباء|electricity connection,meter,power connection',
      }),
      s('bill-inquiry', 'الاستعلام عن فاتورة الكهرباء', 'Check an electricity bill', 'inq', {
        live: true,
        kw: 'فاتورة,فاتوره,فاتورة الكهرباء|bill,electricity bill,power bill',
      }),
      s('bill-payment', 'سداد فاتورة الكهرباء', 'Pay an electricity bill', 'pay', {
        live: true,
        kw: 'سداد,فاتورة الكهرباء|pay bill,electricity bill',
      }),
      s('outage-report', 'بلاغ عن انقطاع الكهرباء', 'Report a power outage', 'report', {
        req: 'location',
        live: true,
        kw: 'انقطاع,طفى,الكهرباء طافية,انقطاع التيار,الكهرباء مقطوعة|power cut,outage,blackout',
      }),
      s('account-transfer', 'نقل ملكية حساب الكهرباء', 'Transfer an electricity account', 'tx', { le: 'moving-home buying-home' }),
      s('meter-reading', 'إرسال قراءة العداد', 'Submit a meter reading', 'tx', {}),
      s('meter-test', 'طلب فحص العداد', 'Request a meter test', 'req', {}),
      s('disconnection', 'طلب فصل الخدمة الكهربائية', 'Request disconnection of electricity', 'req', { le: 'moving-home' }),
      s('bill-objection', 'الاعتراض على فاتورة الكهرباء', 'Dispute an electricity bill', 'req', { kw: 'فاتورة عالية|high bill' }),
      s('capacity-increase', 'طلب زيادة سعة العداد', 'Request a meter capacity increase', 'req', { aud: 'cb' }),
      s('life-support', 'التسجيل في خدمة المرضى المعتمدين على أجهزة طبية', 'Register a patient who depends on medical devices', 'req', {
        aud: 'cr',
        le: 'disability',
        docs: 'medical-report',
      }),
      s('solar-connection', 'طلب ربط نظام طاقة شمسية صغير', 'Request connection of a small solar PV system', 'req', {
        kw: 'طاقة شمسية,ألواح شمسية|solar',
      }),
      s('outage-compensation', 'طلب تعويض عن انقطاع الكهرباء', 'Request compensation for a power outage', 'req', {}),
      s('smart-meter', 'طلب تركيب عداد ذكي', 'Request a smart meter installation', 'req', {}),
      s('ev-charger', 'طلب توصيل شاحن مركبة كهربائية', 'Request an electric vehicle charger connection', 'req', {
        kw: 'شاحن,سيارة كهربائية|ev charger',
      }),
    ],
  },
  {
    agency: 'nwc',
    cat: 'utilities',
    aud: 'crb',
    legal: 'water',
    req: 'nafath',
    items: [
      s('water-connection', 'طلب توصيل خدمة المياه', 'Request a water connection', 'req', {
        le: 'moving-home buying-home',
        live: true,
        req: 'owner',
        kw: 'موية,مويه,عداد ماء,توصيل مياه|water connection,water meter',
      }),
      s('sewer-connection', 'طلب توصيل خدمة الصرف الصحي', 'Request a sewer connection', 'req', { req: 'owner', kw: 'صرف صحي,مجاري|sewer' }),
      s('bill-inquiry', 'الاستعلام عن فاتورة المياه', 'Check a water bill', 'inq', {
        live: true,
        kw: 'فاتورة ماء,فاتورة المويه|water bill',
      }),
      s('bill-payment', 'سداد فاتورة المياه', 'Pay a water bill', 'pay', { kw: 'سداد,فاتورة ماء|pay water bill' }),
      s('leak-report', 'بلاغ عن تسرب مياه', 'Report a water leak', 'report', {
        req: 'location',
        live: true,
        kw: 'تسريب,تسرب,كسر ماسورة|leak,burst pipe',
      }),
      s('water-tanker', 'طلب صهريج مياه', 'Request a water tanker', 'tx', {
        fee: 40,
        feeNote: 'لكل صهريج|Per tanker',
        live: true,
        kw: 'وايت,صهريج,وايت ماء,وايت مويه|water truck,tanker',
      }),
      s('sewage-overflow-report', 'بلاغ عن طفح الصرف الصحي', 'Report a sewage overflow', 'report', {
        req: 'location',
        kw: 'طفح,مجاري|sewage',
      }),
      s('account-transfer', 'نقل ملكية حساب المياه', 'Transfer a water account', 'tx', { le: 'moving-home buying-home' }),
      s('meter-test', 'طلب فحص عداد المياه', 'Request a water meter test', 'req', {}),
      s('bill-objection', 'الاعتراض على فاتورة المياه', 'Dispute a water bill', 'req', {}),
      s('disconnection', 'طلب فصل خدمة المياه', 'Request water disconnection', 'req', { le: 'moving-home' }),
      s('quality-report', 'بلاغ عن جودة المياه', 'Report a water quality problem', 'report', {}),
      s('tenant-registration', 'تسجيل المستأجر في حساب المياه', 'Register a tenant on a water account', 'tx', { le: 'moving-home' }),
      s('saving-devices', 'طلب أدوات ترشيد استهلاك المياه', 'Request water-saving devices', 'req', { kw: 'ترشيد|water saving' }),
    ],
  },
];
