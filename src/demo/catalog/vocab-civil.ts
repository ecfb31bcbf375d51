import { type GroupSpec, o, s } from './types.ts';

// Civil affairs, and the Ministry of Interior itself: security and civil defence.

export const civilGroups: GroupSpec[] = [
  {
    agency: 'civil-affairs',
    fee: 0,
    cat: 'identity-residency',
    aud: 'c',
    legal: 'civil-status',
    req: 'absher',
    items: [
      o('national-id', 'بطاقة الهوية الوطنية', 'الهوية الوطنية', 'national ID card', 'issue renew lost damaged validity', {
        docs: 'photo family-register',
        live: true,
        fee: 'lost:100 damaged:100',
        out: 'بطاقة هوية وطنية|National ID card',
        kw: 'هوية,الهوية,هويه,بطاقة الأحوال,بطاقة احوال,بطاقة شخصية,بطاقة وطنية|national id,id card,civil id,ahwal card,identity card',
      }),
      o('family-register', 'سجل أسرة', 'سجل الأسرة', 'family register', 'issue update lost', {
        le: 'marriage',
        docs: 'marriage-contract',
        live: true,
        out: 'سجل أسرة|Family register',
        kw: 'كرت العائلة,دفتر العائلة,سجل العائلة,بطاقة العائلة|family card,family book,family record',
      }),
      o('birth-certificate', 'شهادة ميلاد', 'شهادة الميلاد', 'birth certificate', 'issue lost', {
        le: 'birth',
        aud: 'cr',
        live: true,
        kw: 'شهادة ميلاد,ميلاد|birth certificate',
        out: 'شهادة ميلاد|Birth certificate',
      }),
      o('death-certificate', 'شهادة وفاة', 'شهادة الوفاة', 'death certificate', 'issue lost', {
        le: 'death',
        aud: 'cr',
        kw: 'شهادة وفاة,وفاة|death certificate',
        out: 'شهادة وفاة|Death certificate',
      }),
      s('birth-registration', 'تسجيل مولود', 'Register a newborn', 'tx', {
        le: 'birth',
        docs: 'birth-notice family-register',
        live: true,
        t: 'P1D',
        out: 'شهادة ميلاد وقيد المولود في سجل الأسرة|Birth certificate and entry in the family register',
        kw: 'مولود,مواليد,تسجيل مولود,بلاغ ولادة,تسجيل طفل|birth registration,newborn,baby,register birth',
      }),
      s('death-registration', 'تسجيل واقعة وفاة', 'Register a death', 'tx', {
        le: 'death',
        aud: 'cr',
        docs: 'death-notice',
        live: true,
        kw: 'وفاة,تسجيل وفاة,بلاغ وفاة|death registration,register death',
      }),
      s('marriage-registration', 'تسجيل واقعة زواج', 'Register a marriage', 'tx', {
        le: 'marriage',
        docs: 'marriage-contract',
        kw: 'زواج,تسجيل زواج|marriage registration',
      }),
      s('divorce-registration', 'تسجيل واقعة طلاق', 'Register a divorce', 'tx', { docs: 'court-deed', kw: 'طلاق|divorce registration' }),
      s('occupation-update', 'تعديل المهنة', 'Update the occupation in the civil record', 'tx', {
        le: 'first-job',
        live: true,
        kw: 'المهنة,تغيير المهنة,تعديل مهنة|occupation,profession',
      }),
      s('qualification-update', 'تعديل المؤهل العلمي', 'Update the educational qualification in the civil record', 'tx', {
        le: 'university',
        docs: 'qualification',
      }),
      s('name-change', 'تغيير الاسم', 'Change a name in the civil record', 'req', { t: 'P14D', kw: 'تغيير اسم,تعديل الاسم|name change' }),
      s('address-update', 'تحديث العنوان الوطني في السجل المدني', 'Update the national address in the civil register', 'tx', {
        le: 'moving-home',
        kw: 'العنوان الوطني,عنوان|national address',
      }),
      s('family-members', 'الاستعلام عن أفراد الأسرة', 'View family members', 'inq', {}),
      s('appointment', 'حجز موعد في الأحوال المدنية', 'Book a civil affairs appointment', 'book', {
        live: true,
        kw: 'موعد أحوال,مواعيد الأحوال|ahwal appointment,civil affairs appointment',
      }),
      s('digital-id', 'تفعيل الهوية الرقمية', 'Activate a digital ID', 'int', { aud: 'cr', kw: 'هوية رقمية,توكلنا|digital id,tawakkalna' }),
      s('birth-abroad', 'تسجيل مولود خارج المملكة', 'Register a child born abroad', 'tx', {
        le: 'birth travel-abroad',
        docs: 'birth-notice passport',
      }),
      s('id-delivery', 'توصيل بطاقة الهوية الوطنية', 'Have a national ID card delivered', 'tx', {
        fee: 30,
        kw: 'توصيل الهوية|id delivery',
      }),
      s('id-photo-update', 'تحديث الصورة الشخصية في الهوية الوطنية', 'Update the photo on a national ID card', 'tx', { docs: 'photo' }),
      s('naturalisation', 'طلب الحصول على الجنسية العربية السعودية', 'Apply for Saudi citizenship', 'req', {
        aud: 'r',
        t: 'P60D',
        kw: 'تجنيس,جنسية|naturalisation,citizenship',
      }),
      s(
        'separate-family-register',
        'إصدار سجل أسرة مستقل للمطلقة أو الأرملة',
        'Issue a separate family register for a divorced or widowed woman',
        'tx',
        { docs: 'court-deed' },
      ),
      s('newborn-correction', 'تصحيح بيانات المولود', "Correct a newborn's details", 'tx', { le: 'birth' }),
      s('birth-date-correction', 'تصحيح تاريخ الميلاد', 'Correct a date of birth', 'req', { t: 'P30D', docs: 'medical-report' }),
      s('family-members-statement', 'إصدار مشهد بأفراد الأسرة', 'Issue a statement of family members', 'tx', {}),
      s('marital-status-update', 'تحديث الحالة الاجتماعية', 'Update marital status', 'tx', { le: 'marriage' }),
      s('id-data-verification', 'التحقق من بيانات الهوية الوطنية', 'Verify national ID details', 'inq', { aud: 'cbg', req: '!' }),
      s('death-abroad', 'تسجيل واقعة وفاة خارج المملكة', 'Register a death abroad', 'tx', { le: 'death travel-abroad' }),
      s('children-to-mother', 'إضافة الأبناء إلى سجل الأم', "Add children to a mother's record", 'tx', { le: 'birth' }),
    ],
  },
  {
    agency: 'moi',
    cat: 'public-safety',
    aud: 'cr',
    req: 'absher',
    items: [
      o('firearm-licence', 'رخصة حيازة سلاح', 'رخصة حيازة السلاح', 'firearm possession licence', 'issue renew lost', {
        aud: 'c',
        legal: 'weapons',
        req: 'age18 saudi',
        docs: 'medical',
        kw: 'سلاح,رخصة سلاح,حمل سلاح|gun licence,weapon permit',
      }),
      s('foreign-marriage-permit', 'طلب إذن الزواج من غير سعودي', 'Apply for permission to marry a non-Saudi', 'req', {
        aud: 'c',
        le: 'marriage',
        cat: 'identity-residency',
        t: 'P30D',
      }),
      s('prison-visit', 'حجز موعد لزيارة سجين', 'Book a prison visit', 'book', { kw: 'زيارة سجين,نزيل,سجن|prison visit,inmate' }),
      s('security-report', 'تقديم بلاغ أمني عبر تطبيق كلنا أمن', 'Submit a security report through the Kollona Amn app', 'report', {
        aud: 'crv',
        kw: 'كلنا امن,كلنا أمن,بلاغ أمني,بلاغ|kollona amn,police report,security report',
      }),
      s('lost-items-report', 'الإبلاغ عن مفقودات', 'Report lost items', 'report', { aud: 'crv', kw: 'مفقودات,ضاع,فقدت|lost property' }),
      s('cybercrime-report', 'الإبلاغ عن جريمة معلوماتية', 'Report a cybercrime', 'report', {
        aud: 'crbv',
        legal: 'cybercrime',
        kw: 'ابتزاز,احتيال,نصب,جرائم إلكترونية|fraud,cybercrime,blackmail,scam',
      }),
      s('good-conduct-certificate', 'إصدار شهادة حسن سيرة وسلوك', 'Issue a police clearance (good conduct) certificate', 'tx', {
        live: true,
        kw: 'خلو سوابق,حسن سيرة,سوابق,شهادة حسن سلوك|police clearance,good conduct,criminal record',
      }),
      s('safety-licence', 'إصدار ترخيص السلامة للمنشأة من الدفاع المدني', 'Issue a civil defence safety licence for a business', 'tx', {
        aud: 'b',
        legal: 'civil-defence',
        req: 'safety',
        be: 'licensing starting-business',
        kw: 'الدفاع المدني,سلامة,ترخيص سلامة|civil defense,fire safety',
      }),
      s(
        'safety-licence-renewal',
        'تجديد ترخيص السلامة للمنشأة من الدفاع المدني',
        'Renew a civil defence safety licence for a business',
        'tx',
        {
          aud: 'b',
          legal: 'civil-defence',
          req: 'safety',
          be: 'licensing',
          kw: 'الدفاع المدني,سلامة|civil defense,fire safety',
        },
      ),
      s('safety-inspection', 'طلب زيارة كشف سلامة من الدفاع المدني', 'Request a civil defence safety inspection', 'req', {
        aud: 'b',
        legal: 'civil-defence',
      }),
      s('event-safety-permit', 'إصدار تصريح سلامة لفعالية', 'Issue a safety permit for an event', 'tx', {
        aud: 'b',
        legal: 'civil-defence',
        be: 'licensing',
      }),
      s('absher-registration', 'التسجيل في منصة أبشر', 'Register on the Absher platform', 'req', {
        aud: 'crv',
        kw: 'ابشر,أبشر,تسجيل ابشر|absher registration',
      }),
      s('absher-password', 'استعادة كلمة مرور أبشر', 'Recover an Absher password', 'tx', {
        aud: 'crv',
        kw: 'نسيت كلمة المرور,كلمة السر|forgot password',
      }),
      s('detainee-inquiry', 'الاستعلام عن الموقوفين', 'Inquire about detainees', 'inq', { kw: 'موقوف,سجين,نزيل|detainee,prisoner' }),
      s('boat-trip-permit', 'إصدار تصريح رحلة بحرية من حرس الحدود', 'Issue a boat trip permit from the Border Guard', 'tx', {
        cat: 'tourism',
        kw: 'حرس الحدود,إبحار,قارب,رحلة بحرية|border guard,boat,sailing permit',
      }),
      s('boat-registration', 'تسجيل قارب نزهة', 'Register a pleasure boat', 'tx', { cat: 'tourism', kw: 'قارب,يخت|boat,yacht' }),
      s('emergency-guidance', 'الاطلاع على إرشادات السلامة في حالات الطوارئ', 'Read safety guidance for emergencies', 'info', {
        aud: 'crv',
        kw: 'طوارئ,سيول,998|emergency,floods',
      }),
      s(
        'vehicle-theft-inquiry',
        'الاستعلام عن بلاغات السرقة على المركبة قبل شرائها',
        'Check a vehicle for theft reports before buying it',
        'inq',
        { le: 'buying-car', cat: 'transport' },
      ),
    ],
  },
];
