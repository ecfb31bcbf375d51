// Demo data: the second executive plan of the e-government program, 46 initiatives on six tracks,
// with owners from the demo agencies (identity's demo data). Names are plausible, not official.

export const EXECUTIVE_PLAN = {
  code: 'ep2',
  name_ar: 'الخطة التنفيذية الثانية للتعاملات الإلكترونية الحكومية',
  name_en: 'Second Executive Plan for e-Government Transactions',
};

export const demoTracks: { name_ar: string; name_en: string; weight: number }[] = [
  { name_ar: 'البنية التحتية', name_en: 'Infrastructure', weight: 20 },
  { name_ar: 'التعاملات الإلكترونية', name_en: 'E-transactions', weight: 25 },
  { name_ar: 'المشاركة الإلكترونية', name_en: 'E-participation', weight: 10 },
  { name_ar: 'الأنظمة واللوائح', name_en: 'Laws and regulations', weight: 10 },
  { name_ar: 'التطبيقات الوطنية', name_en: 'National applications', weight: 15 },
  // Deliberately not adding up to 100 with the others: weights are normalised.
  { name_ar: 'الأنظمة الوطنية المشتركة', name_en: 'Shared national systems', weight: 25 },
];

/** [track index, code, Arabic name, English name, owner agency code]. */
export const demoInitiatives: [number, string, string, string, string][] = [
  [0, 'INF-01', 'شبكة الاتصالات الحكومية الآمنة', 'Secure government network', 'yesser'],
  [0, 'INF-02', 'مركز البيانات الحكومي الوطني', 'National government data centre', 'nic'],
  [0, 'INF-03', 'الحوسبة السحابية الحكومية', 'Government cloud', 'dga'],
  [0, 'INF-04', 'استمرارية الأعمال والتعافي من الكوارث', 'Business continuity and disaster recovery', 'nic'],
  [0, 'INF-05', 'مركز الأمن السيبراني للتعاملات الحكومية', 'Cyber-security centre for government transactions', 'mcit'],
  [0, 'INF-06', 'ربط الجهات الصحية بالشبكة الحكومية', 'Health agencies on the government network', 'moh'],
  [0, 'INF-07', 'ربط إدارات التعليم بالشبكة الحكومية', 'Education offices on the government network', 'moe'],
  [0, 'INF-08', 'منصة مراقبة توافر الخدمات على مدار الساعة', 'Round-the-clock service availability monitoring', 'yesser'],
  [1, 'ETR-01', 'إصدار وتجديد جواز السفر إلكترونيًا', 'Passport issue and renewal online', 'gdp'],
  [1, 'ETR-02', 'تجديد رخصة القيادة إلكترونيًا', 'Driving licence renewal online', 'traffic'],
  [1, 'ETR-03', 'خدمات الأحوال المدنية الإلكترونية', 'Civil affairs e-services', 'civil-affairs'],
  [1, 'ETR-04', 'المواعيد الطبية الإلكترونية', 'Online medical appointments', 'moh'],
  [1, 'ETR-05', 'السجل التجاري الفوري', 'Instant commercial registration', 'mc'],
  [1, 'ETR-06', 'الرخص البلدية الإلكترونية', 'Municipal licences online', 'momrah'],
  [1, 'ETR-07', 'التوثيق والوكالات الإلكترونية', 'Electronic notarisation and powers of attorney', 'moj'],
  [1, 'ETR-08', 'الإقرارات الضريبية والزكوية الإلكترونية', 'Tax and zakat returns online', 'zatca'],
  [1, 'ETR-09', 'خدمات التأمينات الاجتماعية الإلكترونية', 'Social insurance e-services', 'gosi'],
  [1, 'ETR-10', 'خدمات العمل والتوظيف الإلكترونية', 'Labour and employment e-services', 'hrsd'],
  [2, 'EPA-01', 'بوابة المشاركة الإلكترونية الوطنية', 'National e-participation portal', 'yesser'],
  [2, 'EPA-02', 'الاستشارات العامة للأنظمة قبل إقرارها', 'Public consultation on draft regulations', 'dga'],
  [2, 'EPA-03', 'قياس رضا المستفيدين عن الخدمات', 'Beneficiary satisfaction measurement', 'yesser'],
  [2, 'EPA-04', 'قنوات التواصل مع المستفيدين في الجهات', "Agencies' channels to beneficiaries", 'media'],
  [2, 'EPA-05', 'البيانات المفتوحة الحكومية', 'Open government data', 'gastat'],
  [2, 'EPA-06', 'مبادرة الأفكار والمقترحات العامة', 'Public ideas and suggestions', 'momrah'],
  [3, 'LAW-01', 'نظام التعاملات الإلكترونية ولائحته', 'E-transactions law and its regulation', 'mcit'],
  [3, 'LAW-02', 'ضوابط حماية البيانات الشخصية في الخدمات', 'Personal data protection in services', 'sdaia'],
  [3, 'LAW-03', 'حجية التوقيع الإلكتروني أمام الجهات', 'Legal standing of electronic signatures', 'moj'],
  [3, 'LAW-04', 'معايير توافر الخدمات الإلكترونية', 'Service availability standards', 'dga'],
  [3, 'LAW-05', 'ضوابط المدفوعات الحكومية الإلكترونية', 'Rules for electronic government payments', 'mof'],
  [3, 'LAW-06', 'لائحة لجان التعاملات الإلكترونية في الجهات', 'Regulation of agency e-transactions committees', 'yesser'],
  [4, 'NAP-01', 'نظام الموارد الحكومية الموحد', 'Unified government resource planning', 'mof'],
  [4, 'NAP-02', 'نظام الاتصالات الإدارية الإلكتروني', 'Electronic administrative correspondence', 'yesser'],
  [4, 'NAP-03', 'الملف الصحي الموحد', 'Unified health record', 'moh'],
  [4, 'NAP-04', 'نظام معلومات الطلاب الوطني', 'National student information system', 'moe'],
  [4, 'NAP-05', 'منصة المشتريات الحكومية', 'Government procurement platform', 'mof'],
  [4, 'NAP-06', 'نظام إدارة القضايا الإلكتروني', 'Electronic case management', 'moj'],
  [4, 'NAP-07', 'منصة الموارد البشرية الحكومية', 'Government human resources platform', 'hrsd'],
  [4, 'NAP-08', 'السجل العقاري الإلكتروني', 'Electronic land registry', 'moj'],
  [5, 'SNS-01', 'بوابة الدفع الحكومية', 'Government payment gateway', 'mof'],
  [5, 'SNS-02', 'الهوية الرقمية الوطنية والنفاذ الموحد', 'National digital identity and single sign-on', 'nic'],
  [5, 'SNS-03', 'قناة التكامل الحكومية', 'Government service bus', 'yesser'],
  [5, 'SNS-04', 'العنوان الوطني', 'National address', 'gastat'],
  [5, 'SNS-05', 'منصة الرسائل النصية الحكومية', 'Government SMS platform', 'yesser'],
  [5, 'SNS-06', 'منصة البيانات الوطنية الموحدة', 'National data platform', 'sdaia'],
  [5, 'SNS-07', 'البريد الإلكتروني الحكومي الموحد', 'Unified government email', 'nic'],
  [5, 'SNS-08', 'البوابة الوطنية للخدمات', 'National services portal', 'dga'],
];

export const milestoneTemplates: { name_ar: string; name_en: string }[] = [
  { name_ar: 'دراسة الوضع الراهن والمتطلبات', name_en: 'Current state and requirements' },
  { name_ar: 'التصميم والطرح', name_en: 'Design and tender' },
  { name_ar: 'التطوير والتكامل', name_en: 'Build and integration' },
  { name_ar: 'التجربة والإطلاق', name_en: 'Pilot and launch' },
  { name_ar: 'التعميم على الجهات', name_en: 'Roll-out to agencies' },
];

export const kpiTemplates = [
  {
    name_ar: 'نسبة الخدمات المتاحة إلكترونيًا',
    name_en: 'Share of services available online',
    unit_ar: '٪',
    unit_en: '%',
    kpi_type: 'percentage' as const,
    direction: 'increase' as const,
    baseline: 20,
    final: 90,
  },
  {
    name_ar: 'متوسط مدة إنجاز المعاملة',
    name_en: 'Average processing time',
    unit_ar: 'يوم',
    unit_en: 'days',
    kpi_type: 'number' as const,
    direction: 'decrease' as const,
    baseline: 14,
    final: 2,
  },
];
