import { type GroupSpec, o, s } from './types.ts';

// Health: Ministry of Health and the Saudi Commission for Health Specialties.

export const healthGroups: GroupSpec[] = [
  {
    agency: 'moh',
    fee: 0,
    cat: 'health',
    aud: 'cr',
    legal: 'health',
    req: 'nafath',
    items: [
      s('phc-appointment', 'حجز موعد في مركز الرعاية الأولية', 'Book a primary care centre appointment', 'book', {
        live: true,
        kw: 'موعد,مستوصف,مركز صحي,صحتي,مواعيد,الرعاية الأولية|appointment,clinic,health centre,sehhaty,primary care',
      }),
      s('hospital-appointment', 'حجز موعد في مستشفى', 'Book a hospital appointment', 'book', {
        live: true,
        kw: 'مستشفى,المستشفيات,موعد مستشفى,عيادة|hospital appointment,outpatient clinic',
      }),
      s('virtual-consultation', 'طلب استشارة طبية عن بعد', 'Request a remote medical consultation', 'tx', {
        live: true,
        t: 'PT1H',
        kw: 'استشارة,طبيب,937,استشارة طبية,تطبيب عن بعد|telemedicine,virtual doctor,online doctor',
      }),
      s('sick-leaves', 'الاستعلام عن الإجازات المرضية', 'View sick leaves', 'inq', {
        live: true,
        kw: 'اجازة مرضية,إجازة مرضية,سكليف,إجازات مرضية|sick leave,sick note,medical leave',
      }),
      s('sick-leave-verification', 'التحقق من صحة الإجازة المرضية', 'Verify a sick leave', 'inq', {
        aud: 'crbg',
        live: true,
        kw: 'اجازة مرضية,إجازة مرضية,سكليف,تحقق|sick leave,sick note,verify medical leave',
      }),
      s('sick-leave-print', 'طباعة تقرير الإجازة المرضية', 'Print a sick leave report', 'tx', {
        live: true,
        kw: 'إجازة مرضية,سكليف|sick leave,sick note',
      }),
      s('medical-reports', 'طلب التقارير الطبية', 'Request medical reports', 'req', {
        live: true,
        t: 'P5D',
        kw: 'تقرير طبي,تقارير طبية|medical report',
      }),
      s('patient-transfer', 'طلب نقل مريض بين المستشفيات', 'Request a patient transfer between hospitals', 'req', {
        le: 'health-emergency',
        live: true,
        t: 'P1D',
        kw: 'إحالة,نقل مريض,احالة,تحويل مريض|patient transfer,referral,hospital transfer',
      }),
      s('treatment-abroad', 'طلب العلاج في الخارج', 'Apply for medical treatment abroad', 'req', {
        aud: 'c',
        le: 'health-emergency',
        docs: 'medical-report',
        t: 'P30D',
      }),
      s('vaccination-certificate', 'إصدار شهادة التطعيمات', 'Issue a vaccination certificate', 'tx', {
        le: 'birth starting-school',
        kw: 'تطعيم,لقاح,تطعيمات الأطفال,كرت التطعيم|vaccination,vaccine,immunisation',
      }),
      s('child-vaccination-appointment', 'حجز موعد تطعيم الأطفال', 'Book a child vaccination appointment', 'book', {
        le: 'birth',
        kw: 'تطعيم,تطعيمات,لقاح|vaccination,vaccine',
      }),
      s('premarital-screening', 'حجز موعد فحص ما قبل الزواج', 'Book a premarital screening appointment', 'book', {
        le: 'marriage',
        kw: 'فحص الزواج,زواج صحي|premarital,marriage test',
      }),
      s('premarital-certificate', 'إصدار شهادة الفحص الطبي قبل الزواج', 'Issue a premarital medical screening certificate', 'tx', {
        le: 'marriage',
        kw: 'فحص الزواج|premarital certificate',
      }),
      s('facility-finder', 'البحث عن أقرب مستشفى أو مركز صحي', 'Find the nearest hospital or health centre', 'info', { aud: 'crv' }),
      s('pharmacies-on-duty', 'البحث عن الصيدليات المناوبة', 'Find pharmacies on duty', 'info', {
        aud: 'crv',
        kw: 'صيدلية,صيدليات,مناوبة|pharmacy,open pharmacy',
      }),
      s('e-prescriptions', 'الاستعلام عن الوصفات الطبية الإلكترونية', 'View electronic prescriptions', 'inq', {
        kw: 'وصفة,روشتة,وصفات,وصفتي|prescription,wasfaty',
      }),
      s('prescription-refill', 'طلب إعادة صرف الأدوية', 'Request a prescription refill', 'tx', { kw: 'صرف أدوية,أدوية|refill,medication' }),
      s('health-record', 'الاطلاع على الملف الصحي الموحد', 'View the unified health record', 'inq', {
        kw: 'ملف صحي,ملفي الطبي|health record,medical file',
      }),
      s('lab-results', 'الاطلاع على نتائج التحاليل المخبرية', 'View laboratory test results', 'inq', {
        kw: 'تحاليل,نتيجة تحليل,مختبر|lab results,blood test',
      }),
      s('facility-complaint', 'تقديم شكوى على منشأة صحية', 'File a complaint about a health facility', 'report', {
        kw: 'شكوى,937|complaint',
      }),
      s('blood-donation', 'حجز موعد للتبرع بالدم', 'Book a blood donation appointment', 'book', { kw: 'تبرع بالدم,وتين|blood donation' }),
      s('organ-donation', 'التسجيل في برنامج التبرع بالأعضاء', 'Register as an organ donor', 'req', { kw: 'تبرع بالأعضاء|organ donor' }),
      s('home-care', 'طلب خدمة الرعاية الصحية المنزلية', 'Request home health care', 'req', {
        le: 'disability retirement',
        kw: 'رعاية منزلية|home care',
      }),
      s('disability-report', 'إصدار تقرير طبي لإثبات الإعاقة', 'Issue a medical report confirming a disability', 'tx', {
        le: 'disability',
        t: 'P14D',
      }),
      s('medical-committee', 'طلب العرض على اللجنة الطبية', 'Request a medical committee assessment', 'req', {
        le: 'disability',
        t: 'P14D',
      }),
      s('assistive-devices', 'طلب صرف كرسي متحرك وأجهزة طبية مساندة', 'Request a wheelchair or assistive medical devices', 'req', {
        le: 'disability',
        kw: 'كرسي متحرك,أجهزة مساندة|wheelchair',
      }),
      o('private-facility', 'منشأة صحية خاصة', 'المنشأة الصحية الخاصة', 'private health facility', 'lic lic-renew lic-update lic-cancel', {
        aud: 'b',
        be: 'licensing starting-business',
        legal: 'private-health',
        req: 'cr',
        kw: 'مستوصف خاص,مجمع طبي,عيادة خاصة|private clinic,medical complex',
      }),
      o('private-pharmacy', 'صيدلية أهلية', 'الصيدلية الأهلية', 'private pharmacy', 'lic lic-renew', {
        aud: 'b',
        be: 'licensing starting-business',
        legal: 'pharma',
        req: 'cr',
        live: true,
        kw: 'صيدلية,صيدليات,ترخيص صيدلية|pharmacy,pharmacy licence',
      }),
      o('medical-lab', 'مختبر طبي خاص', 'المختبر الطبي الخاص', 'private medical laboratory', 'lic lic-renew', {
        aud: 'b',
        be: 'licensing',
        legal: 'private-health',
        req: 'cr',
      }),
      o('optical-shop', 'محل نظارات طبية', 'محل النظارات الطبية', 'optical shop', 'lic lic-renew', {
        aud: 'b',
        art: 'an',
        be: 'licensing',
        req: 'cr',
        kw: 'نظارات,بصريات|optician',
      }),
      o('practitioner-licence', 'ترخيص مزاولة مهنة صحية', 'ترخيص مزاولة المهنة الصحية', 'health practitioner licence', 'issue renew', {
        req: 'practitioner',
        legal: 'health-professions',
        be: 'licensing',
        live: true,
        kw: 'مزاولة مهنة,ترخيص ممارس,ممارس صحي,تصريح ممارس,تصاريح الممارسين|practitioner licence,medical licence,seha',
      }),
      s('practitioner-transfer', 'نقل خدمات ممارس صحي بين المنشآت', 'Transfer a health practitioner between facilities', 'tx', {
        aud: 'b',
        req: 'practitioner',
      }),
      s(
        'visiting-practitioner',
        'إصدار تصريح عمل مؤقت لممارس صحي زائر',
        'Issue a temporary permit for a visiting health practitioner',
        'tx',
        { aud: 'b', legal: 'health-professions' },
      ),
      s('awareness', 'الاطلاع على الإرشادات الصحية والتوعوية', 'Read health awareness guidance', 'info', {
        aud: 'crv',
        kw: 'توعية صحية,نصائح|health tips',
      }),
      s('mental-health', 'طلب استشارة نفسية', 'Request a mental health consultation', 'book', {
        kw: 'نفسي,استشارة نفسية|mental health,counselling',
      }),
      s('companion-report', 'طلب تقرير مرافق مريض', 'Request a patient companion report', 'tx', { kw: 'مرافق,مرافقة مريض|companion' }),
      s('birth-notification', 'إصدار بلاغ الولادة', 'Issue a birth notification', 'int', {
        le: 'birth',
        kw: 'بلاغ ولادة,تبليغ ولادة|birth notification',
      }),
      s('death-notification', 'إصدار بلاغ الوفاة', 'Issue a death notification', 'int', {
        le: 'death',
        kw: 'بلاغ وفاة|death notification',
      }),
      s('school-health-check', 'حجز موعد الفحص الطبي للطلاب المستجدين', 'Book a medical check-up for new school pupils', 'book', {
        le: 'starting-school',
        cat: 'education',
      }),
      s('driving-medical-exam', 'حجز موعد الفحص الطبي لرخصة القيادة', 'Book a medical examination for a driving licence', 'book', {
        le: 'driving',
        kw: 'فحص طبي,فحص النظر|medical test,eye test',
      }),
      s('fitness-certificate', 'إصدار شهادة اللياقة الطبية للتوظيف', 'Issue a medical fitness certificate for employment', 'tx', {
        le: 'first-job',
        kw: 'لياقة طبية|fitness to work',
      }),
      s('pilgrim-vaccination', 'إصدار شهادة تطعيم الحمى الشوكية للحجاج', 'Issue a meningitis vaccination certificate for pilgrims', 'tx', {
        cat: 'hajj-umrah',
        kw: 'حمى شوكية,تطعيم الحج|meningitis,hajj vaccine',
      }),
      s('health-volunteering', 'التسجيل في التطوع الصحي', 'Register as a health volunteer', 'req', { kw: 'تطوع|volunteering' }),
      s('research-approval', 'طلب الموافقة على إجراء بحث صحي', 'Apply for approval to conduct health research', 'req', {
        aud: 'crg',
        t: 'P30D',
      }),
      s('patient-rights', 'الاطلاع على حقوق المرضى ومسؤولياتهم', "Learn about patients' rights and responsibilities", 'info', {
        live: true,
        aud: 'crv',
      }),
      s('diabetes-programme', 'التسجيل في برنامج رعاية مرضى السكري', 'Enrol in the diabetes care programme', 'req', {
        kw: 'سكري,السكر|diabetes',
      }),
      s('quit-smoking', 'حجز موعد في عيادة الإقلاع عن التدخين', 'Book a smoking cessation clinic appointment', 'book', {
        kw: 'تدخين,الإقلاع|quit smoking',
      }),
      s('pregnancy-follow-up', 'التسجيل في متابعة الحمل', 'Register for pregnancy follow-up', 'req', {
        le: 'birth',
        kw: 'حمل,متابعة الحمل|pregnancy,antenatal',
      }),
      s('newborn-screening', 'الاستعلام عن نتيجة فحص حديثي الولادة', 'Check newborn screening results', 'inq', { le: 'birth' }),
      s('dental-appointment', 'حجز موعد في عيادة الأسنان', 'Book a dental clinic appointment', 'book', { kw: 'أسنان,طبيب أسنان|dentist' }),
      s('emergency-wait', 'الاستعلام عن أوقات الانتظار في أقسام الطوارئ', 'Check waiting times in emergency departments', 'info', {
        le: 'health-emergency',
        kw: 'طوارئ,إسعاف|emergency room',
      }),
      s('medication-delivery', 'طلب توصيل الأدوية إلى المنزل', 'Have medication delivered at home', 'tx', {
        le: 'disability retirement',
        kw: 'توصيل أدوية|medicine delivery',
      }),
      s('non-emergency-ambulance', 'طلب نقل إسعافي غير طارئ', 'Request non-emergency ambulance transport', 'req', {
        le: 'disability health-emergency',
        kw: 'إسعاف,نقل إسعافي|ambulance',
      }),
      s('cancer-screening', 'حجز موعد الفحص المبكر للسرطان', 'Book an early cancer screening appointment', 'book', {
        kw: 'فحص مبكر,سرطان الثدي|cancer screening,mammogram',
      }),
      s('covid-certificate', 'إصدار شهادة التطعيم ضد فيروس كورونا', 'Issue a COVID-19 vaccination certificate', 'tx', {
        kw: 'كورونا,كوفيد|covid,coronavirus',
      }),
      s('medical-file-transfer', 'طلب نقل الملف الطبي إلى منشأة أخرى', 'Request transfer of a medical file to another facility', 'req', {
        le: 'moving-home',
      }),
      s('second-opinion', 'طلب رأي طبي ثانٍ', 'Request a second medical opinion', 'req', { docs: 'medical-report' }),
      s(
        'chronic-medication',
        'التسجيل في برنامج صرف أدوية الأمراض المزمنة',
        'Enrol in the chronic medication dispensing programme',
        'req',
        { kw: 'أمراض مزمنة,ضغط,سكري|chronic disease' },
      ),
      s('physiotherapy', 'حجز موعد في عيادة العلاج الطبيعي', 'Book a physiotherapy appointment', 'book', {
        le: 'disability',
        kw: 'علاج طبيعي|physiotherapy',
      }),
      s('travel-vaccination', 'حجز موعد تطعيمات السفر', 'Book a travel vaccination appointment', 'book', {
        le: 'travel-abroad',
        kw: 'تطعيم السفر|travel vaccine',
      }),
      s('appointment-change', 'تعديل موعد طبي أو إلغاؤه', 'Change or cancel a medical appointment', 'tx', {
        kw: 'إلغاء موعد,تغيير موعد|cancel appointment,reschedule',
      }),
      s('sehhaty-dependants', 'إضافة التابعين إلى تطبيق صحتي', 'Add dependants to the Sehhaty app', 'tx', {
        le: 'birth',
        kw: 'صحتي,تابعين|sehhaty,dependants',
      }),
      s('patient-experience', 'تقييم تجربة المريض في المنشأة الصحية', 'Rate a patient experience at a health facility', 'report', {
        kw: 'تقييم,رضا المرضى|patient experience,feedback',
      }),
      s('hearing-screening', 'حجز موعد فحص السمع لحديثي الولادة', 'Book a newborn hearing screening', 'book', { le: 'birth' }),
      o(
        'home-care-provider',
        'مقدم خدمات رعاية صحية منزلية',
        'مقدم خدمات الرعاية الصحية المنزلية',
        'home health care provider',
        'lic lic-renew',
        { aud: 'b', req: 'cr', be: 'licensing', legal: 'private-health' },
      ),
      o('ambulance-company', 'شركة نقل إسعافي خاصة', 'شركة النقل الإسعافي الخاصة', 'private ambulance company', 'lic lic-renew', {
        aud: 'b',
        req: 'cr',
        be: 'licensing',
        legal: 'private-health',
      }),
    ],
  },
  {
    agency: 'scfhs',
    cat: 'health',
    aud: 'cr',
    legal: 'health-professions',
    req: 'nafath',
    items: [
      s('classification', 'طلب التصنيف والتسجيل المهني', 'Apply for professional classification and registration', 'req', {
        live: true,
        docs: 'qualification experience passport',
        t: 'P30D',
        kw: 'ممارس بلس,تصنيف,هيئة التخصصات,تسجيل مهني|classification,registration,mumaris plus',
      }),
      s('registration-renewal', 'تجديد التسجيل المهني', 'Renew professional registration', 'tx', {
        fee: 300,
        kw: 'تجديد التصنيف,تجديد الرخصة المهنية|renew registration',
      }),
      s('classification-upgrade', 'ترقية التصنيف المهني', 'Upgrade professional classification', 'req', { docs: 'qualification' }),
      s('exam-booking', 'حجز موعد اختبار الهيئة', 'Book a SCFHS licensing exam', 'book', {
        fee: 1000,
        kw: 'برومترك,اختبار الهيئة,اختبار التصنيف|prometric,scfhs exam',
      }),
      s('exam-result', 'الاستعلام عن نتيجة اختبار الهيئة', 'Check SCFHS exam results', 'inq', { kw: 'نتيجة الاختبار|exam result' }),
      s('exam-appeal', 'الاعتراض على نتيجة اختبار الهيئة', 'Appeal a SCFHS exam result', 'req', {}),
      s('postgraduate-programmes', 'التقديم على برامج الدراسات العليا الصحية', 'Apply for postgraduate health training programmes', 'req', {
        aud: 'c',
        le: 'university first-job',
        kw: 'زمالة,بورد,الزمالة السعودية|residency,board,fellowship',
      }),
      s('matching-results', 'الاستعلام عن نتائج المفاضلة في برامج التدريب', 'Check training programme matching results', 'inq', {}),
      s('cme-hours', 'اعتماد ساعات التعليم الطبي المستمر', 'Accredit continuing medical education hours', 'tx', {
        kw: 'ساعات تعليم مستمر,نقاط|cme,cpd',
      }),
      s('cme-activity', 'طلب اعتماد نشاط تعليمي', 'Apply to accredit an educational activity', 'req', { aud: 'b' }),
      s('dataflow', 'التحقق من الشهادات المهنية (داتافلو)', 'Verify professional credentials (DataFlow)', 'req', {
        kw: 'داتا فلو,التحقق من الشهادات|dataflow,primary source verification',
      }),
      s('good-standing', 'إصدار شهادة حسن السيرة المهنية', 'Issue a certificate of good professional standing', 'tx', {}),
      s('practitioner-lookup', 'التحقق من تسجيل ممارس صحي', "Verify a health practitioner's registration", 'inq', { aud: 'crbv' }),
      s('training-centre', 'اعتماد مركز تدريب صحي', 'Accredit a health training centre', 'req', { aud: 'b' }),
      s('qualification-equivalency', 'معادلة المؤهلات الصحية', 'Obtain equivalency for health qualifications', 'req', {
        docs: 'qualification',
      }),
      s('registration-card', 'طباعة بطاقة التسجيل المهني', 'Print a professional registration card', 'tx', {}),
      s('programme-certificate', 'إصدار شهادة إتمام برنامج تدريبي', 'Issue a training programme completion certificate', 'tx', {}),
      s('practitioner-update', 'تحديث بيانات الممارس الصحي', 'Update health practitioner details', 'tx', {}),
      s('classification-guide', 'الاطلاع على دليل التصنيف المهني', 'Read the professional classification guide', 'info', { aud: 'crv' }),
    ],
  },
];
