import { type GroupSpec, o, s } from './types.ts';

// Justice: Ministry of Justice (Najiz) — powers of attorney, courts, enforcement, family, real estate.

export const justiceGroups: GroupSpec[] = [
  {
    agency: 'moj',
    fee: 0,
    cat: 'justice',
    aud: 'crb',
    legal: 'notarization',
    req: 'nafath',
    items: [
      o('poa', 'وكالة إلكترونية', 'الوكالة الإلكترونية', 'electronic power of attorney', 'issue verify', {
        art: 'an',
        live: true,
        fee: 0,
        out: 'وكالة إلكترونية موثقة|Notarised electronic power of attorney',
        kw: 'وكالة,وكاله,وكالات,توكيل,وكالة شرعية|power of attorney,poa,proxy,wakala',
      }),
      s('poa-revocation', 'فسخ وكالة', 'Revoke a power of attorney', 'tx', {
        live: true,
        kw: 'فسخ,إلغاء وكالة,فسخ الوكالة|revoke poa,cancel power of attorney',
      }),
      s('poa-inquiry', 'الاستعلام عن الوكالات الصادرة', 'View issued powers of attorney', 'inq', {
        live: true,
        kw: 'وكالات,وكالاتي|powers of attorney',
      }),
      s('poa-renunciation', 'تنازل الوكيل عن الوكالة', 'Renounce a power of attorney as the agent', 'tx', {}),
      s('lawsuit', 'رفع دعوى', 'File a lawsuit', 'tx', {
        legal: 'civil-procedure',
        live: true,
        t: 'P3D',
        kw: 'دعوى,قضية,قضيه,محكمة,صحيفة دعوى|lawsuit,case,court case,claim,sue',
      }),
      s('enforcement-request', 'تقديم طلب تنفيذ', 'Submit an enforcement request', 'tx', {
        legal: 'enforcement',
        live: true,
        kw: 'تنفيذ,محكمة التنفيذ,سند تنفيذي,طلب تنفيذ|enforcement,execution court,enforce judgment',
      }),
      s('court-appointment', 'حجز موعد في محكمة', 'Book a court appointment', 'book', {
        live: true,
        kw: 'موعد محكمة,مواعيد المحاكم|court appointment',
      }),
      s('case-inquiry', 'الاستعلام عن القضايا', 'Check case status', 'inq', {
        live: true,
        req: 'case',
        kw: 'قضاياي,حالة القضية|my cases,case status',
      }),
      s('remote-hearing', 'حضور الجلسات القضائية عن بعد', 'Attend court hearings remotely', 'tx', {
        req: 'case',
        kw: 'جلسة عن بعد,الترافع عن بعد|remote hearing,video hearing',
      }),
      s('judgment-copy', 'طلب نسخة من صك الحكم', 'Request a copy of a court judgment', 'tx', { req: 'case' }),
      s('appeal', 'تقديم اعتراض على حكم (استئناف)', 'Appeal a court judgment', 'tx', {
        legal: 'civil-procedure',
        req: 'case',
        kw: 'استئناف,اعتراض على حكم|appeal',
      }),
      s('memorandum', 'تقديم مذكرة في قضية', 'Submit a memorandum in a case', 'tx', { req: 'case' }),
      s('taradhi', 'طلب الصلح في منصة تراضي', 'Request reconciliation on the Taradhi platform', 'req', {
        kw: 'تراضي,صلح,مصالحة|taradhi,mediation,settlement',
      }),
      s('marriage-contract', 'توثيق عقد الزواج', 'Register a marriage contract', 'tx', {
        aud: 'cr',
        le: 'marriage',
        legal: 'personal-status',
        live: true,
        kw: 'عقد زواج,مأذون,ملكة,عقد نكاح|marriage contract,nikah',
      }),
      s('divorce-deed', 'إصدار صك إثبات طلاق', 'Issue a divorce deed', 'tx', { aud: 'cr', legal: 'personal-status' }),
      s('custody-case', 'رفع دعوى حضانة', 'File a child custody case', 'tx', {
        aud: 'cr',
        legal: 'personal-status',
        kw: 'حضانة,أطفال|custody',
      }),
      s('alimony-case', 'رفع دعوى نفقة', 'File an alimony claim', 'tx', {
        aud: 'cr',
        legal: 'personal-status',
        kw: 'نفقة|alimony,maintenance',
      }),
      s('visitation-enforcement', 'طلب تنفيذ حكم زيارة المحضون', 'Request enforcement of a child visitation ruling', 'tx', {
        aud: 'cr',
        legal: 'enforcement',
      }),
      s('heirs-deed', 'طلب حصر ورثة', 'Request a deed of heirs (inheritance determination)', 'tx', {
        aud: 'cr',
        le: 'death',
        legal: 'personal-status',
        live: true,
        docs: 'death-notice',
        kw: 'حصر ورثة,حصر الورثة,ورثة,إرث,تركة|inheritance,heirs,estate',
      }),
      s('estate-division', 'طلب قسمة تركة', 'Request division of an estate', 'tx', {
        aud: 'cr',
        le: 'death',
        legal: 'civil-transactions',
        kw: 'تركة,قسمة|estate division',
      }),
      s('guardianship', 'طلب إثبات ولاية على قاصر', 'Request guardianship over a minor', 'tx', { aud: 'cr', legal: 'personal-status' }),
      s('dependency-deed', 'إصدار صك إعالة', 'Issue a dependency deed', 'tx', { aud: 'c', kw: 'إعالة,صك إعالة|dependency certificate' }),
      s('will', 'توثيق وصية', 'Notarise a will', 'tx', { aud: 'cr', le: 'death', kw: 'وصية|will' }),
      s('waqf', 'تسجيل وقف', 'Register an endowment (waqf)', 'tx', { kw: 'وقف,أوقاف|waqf,endowment' }),
      s('notary-appointment', 'حجز موعد لدى موثق', 'Book an appointment with a notary', 'book', { kw: 'موثق,كاتب عدل|notary' }),
      s('articles-notarisation', 'توثيق عقد تأسيس شركة', "Notarise a company's articles of association", 'tx', {
        aud: 'b',
        be: 'starting-business',
        cat: 'business',
      }),
      o('law-licence', 'رخصة محاماة', 'رخصة المحاماة', 'law practice licence', 'issue renew', {
        aud: 'c',
        legal: 'legal-profession',
        kw: 'محامي,محاماة|lawyer licence',
      }),
      s('trainee-lawyer', 'تسجيل محامٍ متدرب', 'Register a trainee lawyer', 'tx', { aud: 'c', legal: 'legal-profession' }),
      s('promissory-note', 'إنشاء سند لأمر إلكتروني', 'Create an electronic promissory note', 'tx', {
        be: 'expanding',
        cat: 'business',
        kw: 'سند لأمر,كمبيالة,نافذ|promissory note,nafith',
      }),
      s('published-judgments', 'البحث في الأحكام القضائية المنشورة', 'Search published court judgments', 'info', { req: '!', aud: 'crbv' }),
      s('services-suspension-lift', 'طلب رفع إيقاف الخدمات', 'Request lifting of a suspension of services', 'req', {
        legal: 'enforcement',
      }),
      s('enforcement-payment', 'سداد مبلغ التنفيذ', 'Pay an enforcement amount', 'pay', { legal: 'enforcement' }),
      s('court-fees', 'سداد التكاليف القضائية', 'Pay court costs', 'pay', { legal: 'civil-procedure' }),
      s('interpreter', 'طلب مترجم في جلسة قضائية', 'Request an interpreter for a court hearing', 'req', { aud: 'rv' }),
      s('expert', 'طلب ندب خبير في قضية', 'Request an expert to be appointed in a case', 'req', { req: 'case' }),
      s('business-poa', 'إصدار وكالة عن منشأة', 'Issue a power of attorney on behalf of a business', 'tx', {
        aud: 'b',
        legal: 'notarization',
        kw: 'وكالة منشأة,وكالة تجارية|company power of attorney',
      }),
      s('financial-claim', 'رفع دعوى مطالبة مالية', 'File a financial claim', 'tx', {
        legal: 'civil-procedure',
        kw: 'مطالبة مالية,دين|debt claim',
      }),
      s('commercial-lawsuit', 'رفع دعوى تجارية', 'File a commercial lawsuit', 'tx', {
        aud: 'b',
        legal: 'civil-procedure',
        cat: 'business',
      }),
      s('hearing-postponement', 'طلب تأجيل جلسة قضائية', 'Request postponement of a court hearing', 'req', { req: 'case' }),
      s('judicial-notifications', 'الاستعلام عن التبليغات القضائية', 'Check judicial notifications', 'inq', {
        kw: 'تبليغ,تبليغات|notifications',
      }),
      s('lawyer-search', 'البحث عن محامٍ مرخص', 'Find a licensed lawyer', 'info', { req: '!', aud: 'crbv', kw: 'محامي,محامين|lawyer' }),
      s('minor-funds', 'طلب صرف من أموال القاصرين', "Request disbursement from a minor's funds", 'req', { aud: 'cr' }),
    ],
  },
  {
    agency: 'moj',
    fee: 0,
    cat: 'justice housing',
    aud: 'crb',
    legal: 'real-estate-registration',
    req: 'nafath',
    le: 'buying-home',
    items: [
      o('title-deed', 'صك عقاري', 'الصك العقاري', 'property title deed', 'verify update', {
        kw: 'صك,صكوك,الصك,صك ملكية|title deed,property deed',
      }),
      s('property-transfer', 'نقل ملكية عقار (إفراغ)', 'Transfer property ownership (ifragh)', 'tx', {
        live: true,
        req: 'owner',
        docs: 'deed',
        kw: 'إفراغ,افراغ,نقل ملكية عقار,بيع عقار,إفراغ عقار|property transfer,ifragh,conveyance',
      }),
      s('mortgage-registration', 'تسجيل رهن عقاري', 'Register a real estate mortgage', 'tx', { req: 'owner', kw: 'رهن,رهن عقار|mortgage' }),
      s('mortgage-release', 'فك رهن عقار', 'Release a property mortgage', 'tx', { req: 'owner', kw: 'فك رهن|mortgage release' }),
      s('deed-modernisation', 'تحديث الصكوك الورقية إلى صكوك إلكترونية', 'Convert paper deeds into electronic deeds', 'tx', {
        req: 'owner',
        kw: 'تحديث صك|deed update',
      }),
      s('deed-inquiry', 'الاستعلام عن الصكوك المملوكة', 'View owned title deeds', 'inq', {}),
      s('deed-subdivision', 'طلب فرز صك عقاري', 'Request subdivision of a title deed', 'tx', { req: 'owner' }),
      s('deed-merge', 'طلب دمج الصكوك العقارية', 'Request merging of title deeds', 'tx', { req: 'owner' }),
    ],
  },
];
