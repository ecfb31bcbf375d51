import { type GroupSpec, o, s } from './types.ts';

// Real estate: the Real Estate General Authority and the Real Estate Development Fund.

export const housingGroups: GroupSpec[] = [
  {
    agency: 'rega',
    cat: 'housing business',
    aud: 'cb',
    legal: 'brokerage',
    req: 'nafath',
    items: [
      o('fal-licence', 'رخصة فال للوساطة العقارية', 'رخصة فال للوساطة العقارية', 'FAL real estate brokerage licence', 'issue renew', {
        live: true,
        be: 'licensing starting-business',
        kw: 'فال,رخصة فال,وسيط عقاري,مكتب عقار,وساطة|fal licence,real estate broker,brokerage',
      }),
      s('property-ad-licence', 'إصدار ترخيص إعلان عقاري', 'Issue a real estate advertising licence', 'tx', {
        kw: 'إعلان عقاري,إعلان|property ad',
      }),
      s('off-plan-licence', 'إصدار ترخيص بيع وحدات عقارية على الخارطة', 'Issue an off-plan sales licence', 'tx', {
        aud: 'b',
        legal: 'off-plan',
        kw: 'وافي,على الخارطة|wafi,off-plan',
      }),
      s('owners-association', 'تسجيل جمعية ملاك', "Register an owners' association", 'tx', {
        legal: 'unit-ownership',
        kw: 'ملاك,اتحاد ملاك|owners association',
      }),
      s('property-registration', 'التسجيل العيني للعقار', 'Register a property in the real estate register', 'tx', {
        aud: 'crb',
        legal: 'real-estate-registration',
        le: 'buying-home',
        kw: 'السجل العقاري,تسجيل عيني|real estate registry',
      }),
      s('brokerage-contract', 'توثيق عقد وساطة عقارية', 'Register a real estate brokerage contract', 'tx', { aud: 'crb', req: 'contract' }),
      s('complaint', 'تقديم شكوى عقارية', 'File a real estate complaint', 'report', { aud: 'crb' }),
      s('price-indicators', 'الاطلاع على مؤشرات أسعار العقار', 'View real estate price indicators', 'info', {
        aud: 'crbv',
        req: '!',
        le: 'buying-home',
        kw: 'أسعار العقار,مؤشر|property prices',
      }),
      s('broker-verification', 'التحقق من رخصة وسيط عقاري', "Verify a real estate broker's licence", 'inq', { aud: 'crbv', req: '!' }),
      s('property-management-licence', 'إصدار ترخيص إدارة الأملاك', 'Issue a property management licence', 'tx', { aud: 'b' }),
      s('auction-licence', 'إصدار ترخيص مزاد عقاري', 'Issue a real estate auction licence', 'tx', { aud: 'b' }),
      s('courses', 'التسجيل في الدورات العقارية الإلزامية', 'Enrol in mandatory real estate courses', 'req', { aud: 'cr' }),
      s('unit-subdivision', 'فرز الوحدات العقارية', 'Subdivide a building into separate units', 'tx', {
        legal: 'unit-ownership',
        kw: 'فرز,صك شقة|unit subdivision',
      }),
      s('advert-violation-report', 'الإبلاغ عن مخالفة إعلان عقاري', 'Report a non-compliant property advertisement', 'report', {
        aud: 'crb',
        req: '!',
      }),
    ],
  },
  {
    agency: 'redf',
    cat: 'housing',
    aud: 'c',
    legal: 'redf',
    req: 'nafath',
    le: 'buying-home',
    items: [
      s('subsidised-loan', 'التقديم على القرض العقاري المدعوم', 'Apply for a subsidised home loan', 'req', {
        live: true,
        req: 'eligible',
        kw: 'قرض,تمويل عقاري,الصندوق العقاري,قرض سكني,القروض العقارية|home loan,mortgage,housing loan',
      }),
      s('financing-eligibility', 'الاستعلام عن الأهلية للتمويل العقاري', 'Check home financing eligibility', 'inq', {
        kw: 'أهلية,تمويل|eligibility',
      }),
      s('subsidy-estimate', 'حساب مبلغ الدعم السكني المتوقع', 'Estimate the expected housing subsidy', 'info', { req: '!' }),
      s('instalment-deferral', 'طلب تأجيل أقساط القرض العقاري', 'Request deferral of home loan instalments', 'req', {}),
      s('legacy-loan-payment', 'سداد أقساط قروض الصندوق السابقة', 'Pay instalments on previous Fund loans', 'pay', {}),
      s('loan-waiver', 'طلب الإعفاء من القرض لحالات الوفاة أو العجز', 'Request a loan waiver in case of death or disability', 'req', {
        le: 'death disability',
      }),
      s('final-clearance', 'إصدار مخالصة نهائية للقرض', 'Issue a final loan clearance', 'tx', { kw: 'مخالصة,فك رهن|clearance' }),
      s('account-statement', 'طباعة كشف حساب القرض', 'Print a loan account statement', 'tx', {}),
      s('beneficiary-update', 'تحديث بيانات المستفيد', 'Update beneficiary details', 'tx', {}),
      s('eligibility-objection', 'الاعتراض على قرار الاستحقاق', 'Appeal an eligibility decision', 'req', {}),
      s('self-construction', 'التقديم على منتج البناء الذاتي', 'Apply for the self-construction product', 'req', {
        kw: 'بناء ذاتي|self-build',
      }),
      s('off-plan-product', 'التقديم على منتج البيع على الخارطة', 'Apply for the off-plan housing product', 'req', {}),
      s('military-support', 'التقديم على الدعم السكني للعسكريين', 'Apply for housing support for military personnel', 'req', {}),
    ],
  },
];
