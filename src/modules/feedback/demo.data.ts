// Texts for the demo data: what beneficiaries write and agencies answer, in both languages.

export const demoHolidays = [
  { name_ar: 'عيد الفطر ١٤٤٧', name_en: 'Eid al-Fitr 1447', calendar: 'hijri' as const, dates: '1447-09-29..1447-10-04' },
  { name_ar: 'عيد الأضحى ١٤٤٧', name_en: 'Eid al-Adha 1447', calendar: 'hijri' as const, dates: '1447-12-09..1447-12-13' },
  { name_ar: 'عيد الفطر ١٤٤٨', name_en: 'Eid al-Fitr 1448', calendar: 'hijri' as const, dates: '1448-09-29..1448-10-04' },
  { name_ar: 'عيد الأضحى ١٤٤٨', name_en: 'Eid al-Adha 1448', calendar: 'hijri' as const, dates: '1448-12-09..1448-12-13' },
  { name_ar: 'اليوم الوطني', name_en: 'National Day', calendar: 'gregorian' as const, dates: '09-23' },
  { name_ar: 'يوم التأسيس', name_en: 'Founding Day', calendar: 'gregorian' as const, dates: '02-22' },
];

/** Rating comments, each with a reply an agency might publish. */
export const demoComments: { lang: 'ar' | 'en'; text: string; reply: string }[] = [
  { lang: 'ar', text: 'الخدمة سريعة وواضحة، أنجزت طلبي في دقائق.', reply: 'شكراً لك، يسعدنا أن التجربة كانت سهلة.' },
  { lang: 'ar', text: 'الموقع يتوقف عند رفع المستندات من الجوال.', reply: 'أصلحنا مشكلة الرفع من الجوال في التحديث الأخير، شكراً لتنبيهك.' },
  {
    lang: 'ar',
    text: 'انتظرت أسبوعاً ولم تصلني أي رسالة عن حالة الطلب.',
    reply: 'نعتذر عن ذلك، أضفنا رسائل نصية تبلغك بكل مرحلة من مراحل الطلب.',
  },
  { lang: 'ar', text: 'الموظف في مركز الخدمة كان متعاوناً جداً.', reply: 'نشكرك، وسنبلغ الفريق بكلماتك.' },
  { lang: 'ar', text: 'الرسوم غير مذكورة بوضوح قبل الدفع.', reply: 'أضفنا جدول الرسوم في أول صفحة من الخدمة.' },
  { lang: 'ar', text: 'لم أفهم المستندات المطلوبة، والتعليمات طويلة.', reply: 'اختصرنا قائمة المتطلبات وأضفنا أمثلة لكل مستند.' },
  { lang: 'ar', text: 'ممتازة، لكن أتمنى أن تتوفر في التطبيق أيضاً.', reply: 'الخدمة متاحة في التطبيق منذ هذا الشهر.' },
  { lang: 'ar', text: 'رُفض طلبي دون ذكر السبب.', reply: 'صار الرفض يذكر سببه وطريقة تصحيحه، ويمكنك التواصل معنا برقم طلبك.' },
  { lang: 'ar', text: 'تجربة سهلة، شكراً لكم.', reply: 'شكراً لك.' },
  { lang: 'ar', text: 'النظام طلب مني تسجيل الدخول ثلاث مرات.', reply: 'عالجنا انتهاء الجلسة المبكر، شكراً لصبرك.' },
  { lang: 'en', text: 'Quick and clear, done in ten minutes.', reply: 'Thank you, we are glad it was easy.' },
  {
    lang: 'en',
    text: 'The English version of the form has Arabic-only error messages.',
    reply: 'Fixed: every error message now comes in both languages.',
  },
  { lang: 'en', text: 'I could not pay with my foreign card.', reply: 'International cards are accepted since the last update.' },
  { lang: 'en', text: 'Waited two weeks without any update.', reply: 'We are sorry; you now get a text message at every step.' },
];

/** Complaint, inquiry and suggestion subjects and bodies. */
export const demoCases: {
  lang: 'ar' | 'en';
  kind: 'complaint' | 'inquiry' | 'suggestion';
  category: string;
  subject: string;
  body: string;
}[] = [
  {
    lang: 'ar',
    kind: 'complaint',
    category: 'delay',
    subject: 'تأخر إصدار الوثيقة',
    body: 'قدمت الطلب منذ ثلاثة أسابيع ولم يصدر حتى الآن رغم اكتمال المستندات.',
  },
  {
    lang: 'ar',
    kind: 'complaint',
    category: 'technical',
    subject: 'خطأ عند الدفع',
    body: 'خُصم المبلغ من حسابي وظهرت رسالة خطأ، ولم يُسجل الطلب.',
  },
  {
    lang: 'ar',
    kind: 'complaint',
    category: 'staff_conduct',
    subject: 'تعامل غير لائق في الفرع',
    body: 'تعامل معي الموظف بأسلوب غير لائق ورفض استلام المستندات.',
  },
  { lang: 'ar', kind: 'complaint', category: 'fees', subject: 'رسوم مكررة', body: 'دفعت رسوم الخدمة مرتين ولم يُسترد المبلغ الثاني.' },
  {
    lang: 'ar',
    kind: 'inquiry',
    category: 'information',
    subject: 'استفسار عن المتطلبات',
    body: 'هل يلزم إحضار الأصل أم تكفي صورة المستند؟',
  },
  {
    lang: 'ar',
    kind: 'inquiry',
    category: 'service_quality',
    subject: 'مدة المعالجة',
    body: 'كم تستغرق معالجة الطلب عادة بعد اكتمال المستندات؟',
  },
  {
    lang: 'ar',
    kind: 'suggestion',
    category: 'service_quality',
    subject: 'إشعارات بالرسائل النصية',
    body: 'أقترح إرسال رسالة نصية عند كل تغيير في حالة الطلب.',
  },
  {
    lang: 'ar',
    kind: 'suggestion',
    category: 'technical',
    subject: 'حفظ الطلب قبل إرساله',
    body: 'أقترح إمكانية حفظ الطلب والعودة إليه لاحقاً قبل الإرسال.',
  },
  {
    lang: 'en',
    kind: 'complaint',
    category: 'delay',
    subject: 'Application stuck for weeks',
    body: 'My application has shown "under review" for four weeks with no news.',
  },
  {
    lang: 'en',
    kind: 'complaint',
    category: 'technical',
    subject: 'Upload fails on mobile',
    body: 'Uploading a PDF from my phone fails every time at the last step.',
  },
  {
    lang: 'en',
    kind: 'inquiry',
    category: 'information',
    subject: 'Documents for residents',
    body: 'Which documents does a resident need for this service?',
  },
  {
    lang: 'en',
    kind: 'suggestion',
    category: 'service_quality',
    subject: 'Evening appointments',
    body: 'Please offer evening appointments for people who work during the day.',
  },
];

export const demoReplies = {
  ar: [
    'نعتذر عن التأخير، نراجع طلبك الآن وسنعود إليك قريباً.',
    'هل يمكنك تزويدنا برقم الطلب وتاريخ تقديمه؟',
    'شكراً لمقترحك، أحلناه إلى فريق تطوير الخدمة.',
  ],
  en: [
    'We are sorry for the delay; we are reviewing your application now.',
    'Could you send us the application number and the date you applied?',
    'Thank you for the suggestion; we passed it to the service team.',
  ],
};

export const demoResolutions = {
  ar: [
    'عولج طلبك وصدرت الوثيقة، ويمكنك استلامها إلكترونياً.',
    'استُرد المبلغ إلى حسابك خلال خمسة أيام عمل.',
    'المتطلبات موضحة الآن في صفحة الخدمة.',
  ],
  en: [
    'Your application was processed and the document issued.',
    'The amount was refunded to your account.',
    'The requirements are now explained on the service page.',
  ],
};

/** Reply templates the demo's staff start from: two for every agency, one of the first agency's own. */
export const demoTemplates = (agencyId: number | undefined) => [
  {
    title_ar: 'استلام البلاغ',
    title_en: 'We have your report',
    body_ar:
      'مرحباً {name}،\n\nاستلمنا بلاغك رقم {tracking} وأحلناه إلى الفريق المختص. سنعود إليك خلال مدة الخدمة المعلنة، ويمكنك متابعة حالته برقم البلاغ.',
    body_en:
      'Hello {name},\n\nWe have your report {tracking} and passed it to the team that handles it. We will come back to you within the published service time; you can follow it with its number.',
  },
  {
    title_ar: 'طلب معلومات إضافية',
    title_en: 'We need a little more information',
    body_ar:
      'مرحباً {name}،\n\nلنعالج بلاغك رقم {tracking} نحتاج إلى تفاصيل إضافية: تاريخ المحاولة، ورقم الطلب إن وُجد، وصورة من رسالة الخطأ. يمكنك الرد على هذه الرسالة بها.',
    body_en:
      'Hello {name},\n\nTo handle your report {tracking} we need a few more details: when you tried, the application number if you have one, and a picture of the error message. You can reply to this message with them.',
  },
  ...(agencyId
    ? [
        {
          agency_id: String(agencyId),
          title_ar: 'تم حل المشكلة',
          title_en: 'The problem is fixed',
          body_ar:
            'مرحباً {name}،\n\nعالجنا المشكلة التي أبلغت عنها في البلاغ رقم {tracking}. نرجو أن تجرّب الخدمة مرة أخرى، وأن تخبرنا برأيك في حل البلاغ.',
          body_en:
            'Hello {name},\n\nWe have fixed the problem you reported in {tracking}. Please try the service again, and tell us what you think of how we handled it.',
        },
      ]
    : []),
];
