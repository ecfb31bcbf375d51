import { type GroupSpec, o, s } from './types.ts';

// Food, medicines and medical devices: the Saudi Food and Drug Authority.

export const foodDrugGroups: GroupSpec[] = [
  {
    agency: 'sfda',
    cat: 'food-drug',
    aud: 'b',
    legal: 'food',
    req: 'cr',
    items: [
      o('pharma-product', 'مستحضر صيدلاني', 'المستحضر الصيدلاني', 'pharmaceutical product', 'register reg-renew reg-update', {
        legal: 'pharma',
        docs: 'product-file free-sale',
      }),
      o('herbal-product', 'مستحضر عشبي', 'المستحضر العشبي', 'herbal product', 'register reg-renew reg-update', {
        legal: 'pharma',
        docs: 'product-file',
      }),
      o('medical-device', 'جهاز طبي', 'الجهاز الطبي', 'medical device', 'register reg-renew reg-update', {
        legal: 'medical-devices',
        docs: 'product-file',
      }),
      o('cosmetic', 'منتج تجميل', 'منتج التجميل', 'cosmetic product', 'register reg-renew reg-update', {
        docs: 'product-label',
        kw: 'تجميل,مكياج|cosmetics',
      }),
      o('supplement', 'مكمل غذائي', 'المكمل الغذائي', 'food supplement', 'register reg-renew reg-update', {
        docs: 'product-label lab-report',
        kw: 'مكملات,فيتامينات|supplements,vitamins',
      }),
      o('pesticide', 'مبيد صحة عامة', 'مبيد الصحة العامة', 'public health pesticide', 'register reg-renew', {
        docs: 'product-file lab-report',
      }),
      o('food-product', 'منتج غذائي', 'المنتج الغذائي', 'food product', 'register reg-update', { docs: 'product-label' }),
      o('animal-feed', 'علف حيواني', 'العلف الحيواني', 'animal feed product', 'register reg-renew', {
        art: 'an',
        docs: 'product-label lab-report',
      }),
      o('food-factory', 'مصنع أغذية', 'مصنع الأغذية', 'food factory', 'lic lic-renew', { be: 'licensing starting-business' }),
      o('drug-warehouse', 'مستودع أدوية', 'مستودع الأدوية', 'drug warehouse', 'lic lic-renew', { legal: 'pharma', be: 'licensing' }),
      o('pharma-factory', 'مصنع أدوية', 'مصنع الأدوية', 'pharmaceutical factory', 'lic lic-renew', { legal: 'pharma', be: 'licensing' }),
      o('device-warehouse', 'مستودع أجهزة طبية', 'مستودع الأجهزة الطبية', 'medical device warehouse', 'lic lic-renew', {
        legal: 'medical-devices',
        be: 'licensing',
      }),
      o('feed-mill', 'مصنع أعلاف', 'مصنع الأعلاف', 'feed mill', 'lic lic-renew', { be: 'licensing' }),
      s('food-import-release', 'طلب فسح شحنة أغذية مستوردة', 'Request clearance of an imported food shipment', 'req', {
        be: 'importing-exporting',
        live: true,
        docs: 'invoice origin',
        t: 'P2D',
        kw: 'فسح,فسح غذاء,استيراد,إرسالية|clearance,import release,food import',
      }),
      s('drug-import-release', 'طلب فسح شحنة أدوية مستوردة', 'Request clearance of an imported drug shipment', 'req', {
        be: 'importing-exporting',
        legal: 'pharma',
        docs: 'invoice',
        t: 'P2D',
        kw: 'فسح|clearance',
      }),
      s('personal-medicine', 'طلب إذن فسح أدوية للاستخدام الشخصي', 'Request permission to bring in medicines for personal use', 'req', {
        aud: 'crv',
        legal: 'pharma',
        req: '!',
        le: 'travel-abroad',
        docs: 'medical-report',
        kw: 'أدوية شخصية,أدوية مسافر|personal medication',
      }),
      s('adverse-event-report', 'الإبلاغ عن الآثار الجانبية للأدوية', 'Report side effects of a medicine', 'report', {
        aud: 'crb',
        legal: 'pharma',
        req: '!',
        live: true,
        kw: 'أعراض جانبية,آثار جانبية,تيقظ دوائي|side effects,adverse reaction,pharmacovigilance',
      }),
      s('food-complaint', 'تقديم بلاغ عن منتج غذائي مخالف', 'Report a non-compliant food product', 'report', {
        aud: 'crv',
        req: '!',
        kw: 'بلاغ غذاء,منتج فاسد,19999|food complaint,spoiled food',
      }),
      s('recalls', 'الاستعلام عن المنتجات المسحوبة من الأسواق', 'Check product recalls', 'info', {
        aud: 'crbv',
        req: '!',
        kw: 'سحب منتج,منتجات مسحوبة|recall',
      }),
      s('registered-medicines', 'البحث في قائمة الأدوية المسجلة وأسعارها', 'Search registered medicines and their prices', 'info', {
        aud: 'crb',
        req: '!',
        kw: 'سعر دواء,أسعار الأدوية,دواء|drug price,medicine price',
      }),
      s('food-export-certificate', 'إصدار شهادة صحية لتصدير الأغذية', 'Issue a health certificate for food exports', 'tx', {
        be: 'importing-exporting',
      }),
      s('free-sale-certificate', 'إصدار شهادة بيع حر', 'Issue a free sale certificate', 'tx', { be: 'importing-exporting' }),
      s('lab-testing', 'طلب تحليل عينة في مختبرات الهيئة', 'Request sample testing in SFDA laboratories', 'req', { t: 'P10D' }),
      s('clinical-trial', 'طلب الموافقة على تجربة سريرية', 'Apply for clinical trial approval', 'req', {
        aud: 'bg',
        legal: 'pharma',
        t: 'P60D',
      }),
      s('advert-permit', 'إصدار إذن إعلان عن منتج صحي', 'Issue an advertising permit for a health product', 'tx', { be: 'licensing' }),
      s(
        'controlled-import',
        'إصدار إذن استيراد مواد خاضعة للرقابة للأغراض الطبية',
        'Issue an import permit for controlled substances for medical use',
        'tx',
        { legal: 'pharma' },
      ),
      s('tobacco-registration', 'تسجيل منتجات التبغ', 'Register tobacco products', 'tx', { kw: 'تبغ,سجائر|tobacco' }),
      s('clearance-tracking', 'الاستعلام عن حالة طلب الفسح', 'Track a clearance request', 'inq', { kw: 'فسح|clearance status' }),
    ],
  },
];
