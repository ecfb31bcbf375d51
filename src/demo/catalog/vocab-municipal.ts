import { type GroupSpec, o, type SvcSpec, s } from './types.ts';

// Municipal affairs and housing: MoMRAH (Balady, Sakani, Ejar) and the four demo municipalities.

/** Services every municipality (أمانة) offers locally. */
function localServices(): SvcSpec[] {
  return [
    s('street-lighting-report', 'بلاغ عن عطل في إنارة الشوارع', 'Report a street lighting fault', 'report', {
      req: 'location describe',
      kw: 'إنارة,أعمدة الإنارة|street light',
    }),
    s('pothole-report', 'بلاغ عن حفرة أو هبوط في الطريق', 'Report a pothole or road subsidence', 'report', {
      req: 'location describe',
      kw: 'حفرة,هبوط,طريق|pothole,road damage',
    }),
    s('waste-report', 'بلاغ عن تراكم النفايات', 'Report uncollected waste', 'report', {
      req: 'location',
      kw: 'نفايات,زبالة,قمامة,نظافة|garbage,rubbish,waste',
    }),
    s('pest-control', 'طلب مكافحة الحشرات والقوارض', 'Request pest and rodent control', 'req', {
      kw: 'رش,حشرات,بعوض,فئران|pest control,mosquitoes',
    }),
    s('stray-animals-report', 'بلاغ عن حيوانات ضالة', 'Report stray animals', 'report', {
      req: 'location',
      kw: 'كلاب ضالة,قطط|stray dogs',
    }),
    s('debris-removal', 'طلب إزالة مخلفات البناء', 'Request removal of construction debris', 'req', {
      kw: 'مخلفات,أنقاض,ردم|debris,rubble',
    }),
    s('park-event-booking', 'حجز موقع لإقامة فعالية في الحدائق العامة', 'Book a public park venue for an event', 'tx', {
      kw: 'حديقة,حدائق,فعالية|park,event venue',
    }),
    s('seasonal-kiosk', 'إصدار ترخيص كشك موسمي', 'Issue a seasonal kiosk licence', 'tx', {
      aud: 'cb',
      be: 'licensing',
      kw: 'كشك,أكشاك|kiosk',
    }),
    s('tree-planting', 'طلب زراعة أشجار أمام المنزل', 'Request tree planting in front of a home', 'req', {
      aud: 'c',
      kw: 'تشجير,أشجار|tree planting',
    }),
    s('outdoor-seating', 'إصدار تصريح جلسات خارجية للمطاعم والمقاهي', 'Issue an outdoor seating permit for restaurants and cafés', 'tx', {
      aud: 'b',
      be: 'licensing expanding',
      kw: 'جلسات خارجية,كافيه,مقهى,مطعم|outdoor seating,cafe',
    }),
    s('abandoned-vehicle-report', 'بلاغ عن مركبة مهملة', 'Report an abandoned vehicle', 'report', {
      req: 'location',
      kw: 'سيارة مهملة,سيارة تالفة|abandoned car',
    }),
    s('appointment', 'حجز موعد مراجعة في البلدية الفرعية', 'Book an appointment at a sub-municipality', 'book', {
      kw: 'بلدية فرعية,موعد بلدية|sub-municipality',
    }),
    s('temporary-structures', 'إصدار تصريح إنشاءات مؤقتة', 'Issue a temporary structures permit', 'tx', { aud: 'b', be: 'licensing' }),
    s('road-closure', 'إصدار تصريح إغلاق جزئي للطريق', 'Issue a partial road closure permit', 'tx', { aud: 'b' }),
    s('market-stall', 'حجز بسطة في الأسواق الشعبية', 'Book a stall in a public market', 'tx', {
      aud: 'cr',
      kw: 'بسطة,سوق شعبي|market stall',
    }),
    s('rainwater-report', 'بلاغ عن تجمع مياه الأمطار', 'Report rainwater pooling', 'report', {
      req: 'location',
      kw: 'أمطار,سيول,مياه الأمطار|rainwater,flooding',
    }),
    s('ramadan-tent', 'إصدار تصريح خيمة رمضانية', 'Issue a Ramadan tent permit', 'tx', { aud: 'b', seasonal: true }),
    s('graffiti-report', 'بلاغ عن كتابات مشوهة على الجدران', 'Report graffiti on walls', 'report', { req: 'location' }),
    s('park-maintenance-report', 'بلاغ عن حاجة حديقة عامة إلى صيانة', 'Report a public park that needs maintenance', 'report', {
      req: 'location',
    }),
    s('pavement-report', 'بلاغ عن تلف الأرصفة', 'Report a damaged pavement', 'report', { req: 'location', kw: 'رصيف,أرصفة|sidewalk' }),
  ];
}

const municipal = { cat: 'municipal', aud: 'crb', legal: 'municipal-licences', req: 'nafath' };

export const municipalGroups: GroupSpec[] = [
  {
    agency: 'momrah',
    cat: 'municipal',
    aud: 'crb',
    legal: 'municipal-licences',
    req: 'nafath',
    items: [
      o('building-permit', 'رخصة بناء', 'رخصة البناء', 'building permit', 'issue renew update cancel status', {
        le: 'buying-home',
        legal: 'building-code municipal-licences',
        req: 'owner engineer',
        docs: 'deed plans survey',
        live: true,
        cat: 'housing',
        kw: 'رخصة بناء,فسح بناء,فسح,تصريح بناء,رخص البناء|building permit,construction permit,building licence,balady',
      }),
      s('building-completion', 'إصدار شهادة إتمام بناء', 'Issue a building completion certificate', 'tx', {
        le: 'buying-home',
        legal: 'building-code',
        live: true,
        req: 'owner',
        kw: 'شهادة إتمام,إتمام بناء,شهادة اشغال|completion certificate,occupancy certificate',
      }),
      s('renovation-permit', 'إصدار رخصة ترميم', 'Issue a renovation permit', 'tx', { req: 'owner', kw: 'ترميم,تشطيب|renovation' }),
      s('demolition-permit', 'إصدار رخصة هدم', 'Issue a demolition permit', 'tx', { req: 'owner engineer' }),
      s('fencing-permit', 'إصدار رخصة تسوير أرض', 'Issue a land fencing permit', 'tx', { req: 'owner', kw: 'تسوير,سور|fence' }),
      o('commercial-licence', 'رخصة نشاط تجاري', 'رخصة النشاط التجاري', 'commercial activity licence', 'issue renew update cancel', {
        aud: 'b',
        be: 'starting-business licensing',
        req: 'cr safety',
        docs: 'lease',
        live: true,
        kw: 'رخصة بلدية,رخصة محل,رخصة فتح محل,رخصة تجارية بلدية|municipal licence,shop licence,baladiya licence,store license',
      }),
      o('health-certificate', 'شهادة صحية', 'الشهادة الصحية', 'health certificate', 'issue renew print', {
        aud: 'cr',
        be: 'hiring',
        live: true,
        docs: 'medical',
        out: 'شهادة صحية إلكترونية|Electronic health certificate',
        kw: 'شهادة صحية,كرت صحي,بطاقة صحية,كرت العامل|health card,food handler certificate',
      }),
      s('excavation-permit', 'إصدار تصريح حفريات', 'Issue an excavation permit', 'tx', { aud: 'b', kw: 'حفر,حفريات|excavation,digging' }),
      s('signboard-licence', 'إصدار ترخيص لوحة إعلانية', 'Issue a signboard licence', 'tx', {
        aud: 'b',
        be: 'licensing',
        kw: 'لوحة,لوحات,لوحة محل|signboard,billboard',
      }),
      s('940-report', 'بلاغ عن ملاحظة بلدية (٩٤٠)', 'Report a municipal issue (940)', 'report', {
        req: 'location describe',
        live: true,
        kw: '940,٩٤٠,بلاغ بلدي,بلدي,ملاحظة بلدية|940,municipal report,balady report',
      }),
      s('violations-inquiry', 'الاستعلام عن المخالفات البلدية', 'Inquire about municipal violations', 'inq', {
        legal: 'municipal-penalties',
        kw: 'مخالفات بلدية,غرامة بلدية|municipal fines',
      }),
      s('violation-objection', 'الاعتراض على مخالفة بلدية', 'Object to a municipal violation', 'req', { legal: 'municipal-penalties' }),
      s('violations-payment', 'سداد المخالفات البلدية', 'Pay municipal violations', 'pay', { legal: 'municipal-penalties' }),
      o('engineering-office', 'مكتب هندسي', 'المكتب الهندسي', 'engineering office', 'register reg-renew', {
        aud: 'b',
        art: 'an',
        req: 'cr',
        be: 'licensing',
      }),
      s('contractor-classification', 'طلب تصنيف المقاولين', 'Apply for contractor classification', 'req', {
        aud: 'b',
        be: 'government-tenders',
        t: 'P30D',
        kw: 'تصنيف مقاولين,مقاول|contractor classification',
      }),
      s('land-survey', 'طلب رفع مساحي لقطعة أرض', 'Request a land survey', 'req', { req: 'owner', kw: 'كروكي,رفع مساحي,مساحة|survey' }),
      s('zoning-inquiry', 'الاستعلام عن اشتراطات البناء للأرض', 'Check building regulations for a plot', 'inq', {
        kw: 'اشتراطات البناء,ارتفاعات|zoning',
      }),
      s('land-grant', 'التقديم على المنح البلدية', 'Apply for a municipal land grant', 'req', {
        aud: 'c',
        le: 'buying-home',
        cat: 'housing',
        kw: 'منحة أرض,منح|land grant',
      }),
      s('food-truck', 'إصدار ترخيص عربة طعام متنقلة', 'Issue a food truck licence', 'tx', {
        aud: 'cb',
        be: 'starting-business',
        kw: 'فود ترك,عربة طعام|food truck',
      }),
      s('home-business', 'إصدار ترخيص عمل من المنزل', 'Issue a home business licence', 'tx', {
        aud: 'c',
        be: 'starting-business',
        kw: 'أسر منتجة,عمل منزلي|home business',
      }),
      s('requirements-guides', 'الاطلاع على أدلة الاشتراطات البلدية', 'Read municipal requirements guides', 'info', { req: '!' }),
      s('building-code', 'الاطلاع على كود البناء السعودي', 'Read the Saudi Building Code', 'info', {
        req: '!',
        legal: 'building-code',
        kw: 'كود البناء|building code',
      }),
      s('supervision-office', 'طلب تعيين مكتب إشراف هندسي', 'Request appointment of a supervising engineering office', 'req', {
        req: 'owner',
      }),
      s('burial-locations', 'الاستعلام عن مواقع الدفن في المقابر', 'Look up burial locations in cemeteries', 'inq', {
        aud: 'cr',
        le: 'death',
        req: '!',
        kw: 'مقبرة,قبر,دفن|cemetery,grave',
      }),
      s('building-violation-report', 'بلاغ عن مخالفة بناء', 'Report a building violation', 'report', {
        req: 'location describe',
        kw: 'بناء مخالف,مخالفة بناء|illegal construction',
      }),
      s('change-of-use', 'طلب تغيير استخدام مبنى', "Request a change of a building's use", 'req', { req: 'owner' }),
      s('licences-lookup', 'الاستعلام عن التراخيص البلدية', 'Look up municipal licences', 'inq', { aud: 'crbv', req: '!' }),
      s('shopfront-permit', 'إصدار تصريح تعديل واجهة محل', 'Issue a shopfront alteration permit', 'tx', { aud: 'b' }),
    ],
  },
  {
    agency: 'momrah',
    cat: 'housing',
    aud: 'c',
    platform: 'منصة سكني|the Sakani platform',
    req: 'nafath',
    items: [
      s('housing-eligibility', 'الاستعلام عن أهلية الدعم السكني', 'Check housing support eligibility', 'inq', {
        le: 'buying-home',
        live: true,
        kw: 'سكني,الدعم السكني,إسكان|sakani,housing support',
      }),
      s('housing-registration', 'التسجيل في برامج الدعم السكني', 'Register for housing support programmes', 'req', {
        le: 'buying-home',
        live: true,
        req: 'eligible',
        kw: 'سكني,سكن,إسكان,وزارة الإسكان|sakani,housing',
      }),
      s('housing-objection', 'الاعتراض على نتيجة أهلية الدعم السكني', 'Appeal a housing support eligibility decision', 'req', {}),
      s('ejar-residential', 'توثيق عقد إيجار سكني', 'Register a residential lease contract', 'tx', {
        aud: 'crb',
        le: 'moving-home',
        live: true,
        kw: 'إيجار,ايجار,عقد ايجار,إيجار شقة,منصة إيجار|ejar,lease,rent contract,tenancy',
      }),
      s('ejar-commercial', 'توثيق عقد إيجار تجاري', 'Register a commercial lease contract', 'tx', {
        aud: 'b',
        be: 'starting-business',
        kw: 'إيجار,عقد إيجار تجاري|ejar,commercial lease',
      }),
      s('lease-termination', 'إنهاء عقد إيجار', 'Terminate a lease contract', 'tx', {
        live: true,
        aud: 'crb',
        le: 'moving-home',
        kw: 'إنهاء عقد,إيجار|end lease',
      }),
      s('white-land-registration', 'تسجيل الأراضي البيضاء', 'Register white (undeveloped) land', 'tx', {
        aud: 'cb',
        legal: 'white-land',
        kw: 'أراضي بيضاء,رسوم الأراضي|white land',
      }),
      s('white-land-fees', 'سداد رسوم الأراضي البيضاء', 'Pay white land fees', 'pay', { aud: 'cb', legal: 'white-land' }),
      s('ready-unit-booking', 'حجز وحدة سكنية جاهزة', 'Book a ready-built housing unit', 'tx', {
        le: 'buying-home',
        kw: 'وحدة سكنية,شقة,فيلا|housing unit',
      }),
      s('rent-payment', 'سداد دفعات الإيجار إلكترونيًا', 'Pay rent instalments online', 'pay', {
        aud: 'crb',
        le: 'moving-home',
        kw: 'إيجار,دفع الإيجار|rent payment,ejar',
      }),
    ],
  },
  {
    agency: 'riyadh-municipality',
    ...municipal,
    items: [
      ...localServices(),
      s(
        'riyadh-season-permit',
        'إصدار تصريح أنشطة تجارية مؤقتة خلال موسم الرياض',
        'Issue a temporary commercial activity permit for Riyadh Season',
        'tx',
        { aud: 'b', seasonal: true, cat: 'tourism' },
      ),
      s('wadi-hanifa-booking', 'حجز موقع تنزه في متنزهات وادي حنيفة', 'Book a picnic spot in the Wadi Hanifa parks', 'tx', {
        aud: 'crv',
        cat: 'tourism',
        kw: 'وادي حنيفة,متنزه|wadi hanifa',
      }),
      s('green-riyadh', 'طلب التشجير ضمن برنامج الرياض الخضراء', 'Request tree planting under the Green Riyadh programme', 'req', {
        aud: 'cg',
        cat: 'environment-agriculture',
      }),
      s('residents-parking', 'إصدار تصريح مواقف للسكان', "Issue a residents' parking permit", 'tx', {
        aud: 'cr',
        kw: 'مواقف,موقف|parking',
      }),
    ],
  },
  {
    agency: 'jeddah-municipality',
    ...municipal,
    items: [
      ...localServices(),
      s('waterfront-event', 'إصدار تصريح فعالية على الواجهة البحرية', 'Issue an event permit on the Jeddah waterfront', 'tx', {
        aud: 'b',
        cat: 'tourism',
        kw: 'كورنيش,واجهة بحرية|corniche,waterfront',
      }),
      s(
        'historic-jeddah-restoration',
        'إصدار تصريح ترميم مبنى في جدة التاريخية',
        'Issue a permit to restore a building in Historic Jeddah',
        'tx',
        {
          aud: 'cb',
          cat: 'culture-media',
          req: 'owner',
          kw: 'البلد,جدة التاريخية|al-balad,historic jeddah',
        },
      ),
      s('beach-chalet', 'حجز شاليه في الشواطئ العامة', 'Book a chalet on a public beach', 'tx', {
        aud: 'crv',
        cat: 'tourism',
        kw: 'شاليه,شاطئ|chalet,beach',
      }),
    ],
  },
  {
    agency: 'eastern-municipality',
    ...municipal,
    items: [
      ...localServices(),
      s('corniche-booking', 'حجز موقع على كورنيش الدمام', 'Book a spot on the Dammam Corniche', 'tx', {
        aud: 'crv',
        cat: 'tourism',
        kw: 'كورنيش,الدمام|corniche',
      }),
      s('beach-activity-permit', 'إصدار تصريح أنشطة تجارية على الشواطئ', 'Issue a permit for commercial activities on beaches', 'tx', {
        aud: 'b',
        cat: 'tourism',
      }),
      s('industrial-workshop', 'إصدار تصريح ورشة في المنطقة الصناعية', 'Issue a workshop permit in the industrial area', 'tx', {
        aud: 'b',
        be: 'licensing',
        kw: 'ورشة,صناعية|workshop',
      }),
    ],
  },
  {
    agency: 'makkah-municipality',
    ...municipal,
    items: [
      ...localServices(),
      s(
        'central-area-stalls',
        'إصدار تصريح البسطات الموسمية في المنطقة المركزية',
        'Issue a seasonal stall permit in the Central Area',
        'tx',
        { aud: 'cr', cat: 'hajj-umrah', seasonal: true },
      ),
      s('pilgrim-housing', 'إصدار ترخيص سكن الحجاج', 'Issue a pilgrim housing licence', 'tx', {
        aud: 'b',
        cat: 'hajj-umrah',
        be: 'licensing',
        kw: 'سكن حجاج,تصريح سكن|pilgrim housing',
      }),
      s('iftar-tables', 'إصدار تصريح موائد إفطار الصائمين', 'Issue a permit for public iftar tables', 'tx', {
        aud: 'cb',
        seasonal: true,
        kw: 'إفطار صائم,رمضان|iftar',
      }),
      s('slaughterhouses', 'الاستعلام عن مواقع المسالخ في موسم الحج', 'Find slaughterhouses during the Hajj season', 'info', {
        aud: 'crv',
        req: '!',
        cat: 'hajj-umrah',
        kw: 'مسلخ,أضاحي,هدي|slaughterhouse,sacrifice',
      }),
    ],
  },
];
