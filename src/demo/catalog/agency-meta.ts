// How each demo agency delivers its services: its platform and app, whether it runs service centres
// and kiosks, its call-centre hours, and keywords every one of its services carries.

export interface AgencyMeta {
  /** Platform named in descriptions, 'منصة أبشر|the Absher platform'. */
  platform?: string;
  /** Mobile app link. */
  app?: string;
  centres: boolean;
  kiosk?: boolean;
  /** Call centre answers around the clock. */
  cc247?: boolean;
  /** Index into `centreHours`. */
  hours?: number;
  /** Agency-wide keywords 'ar|en'. */
  kw?: string;
}

export const centreHours: [string, string][] = [
  ['الأحد–الخميس 8:00–15:00', 'Sunday–Thursday 8:00–15:00'],
  ['الأحد–الخميس 7:30–14:30', 'Sunday–Thursday 7:30–14:30'],
  ['الأحد–الخميس 8:00–16:00', 'Sunday–Thursday 8:00–16:00'],
  ['الأحد–الخميس 8:00–15:00، والسبت 9:00–13:00', 'Sunday–Thursday 8:00–15:00, Saturday 9:00–13:00'],
];
export const callCentreHours: [string, string] = ['الأحد–الخميس 8:00–20:00', 'Sunday–Thursday 8:00–20:00'];
export const kioskHours: [string, string] = ['يوميًا 9:00–23:00', 'Daily 9:00–23:00'];

const absher = 'منصة أبشر|the Absher platform';
const balady = 'منصة بلدي|the Balady platform';

export const agencyMeta: Record<string, AgencyMeta> = {
  moi: { platform: absher, app: 'https://www.absher.sa', centres: true, hours: 0, kw: 'وزارة الداخلية,أبشر|absher,moi' },
  gdp: {
    platform: absher,
    app: 'https://www.absher.sa',
    centres: true,
    kiosk: true,
    hours: 3,
    kw: 'الجوازات,أبشر|jawazat,passports,absher',
  },
  traffic: {
    platform: absher,
    app: 'https://www.absher.sa',
    centres: true,
    kiosk: true,
    hours: 0,
    kw: 'المرور,أبشر|muroor,traffic,absher',
  },
  'civil-affairs': {
    platform: absher,
    app: 'https://www.absher.sa',
    centres: true,
    kiosk: true,
    hours: 3,
    kw: 'الأحوال المدنية,أبشر|civil affairs,absher',
  },
  moh: {
    platform: 'تطبيق صحتي|the Sehhaty app',
    app: 'https://www.moh.gov.sa/app',
    centres: true,
    cc247: true,
    hours: 2,
    kw: 'وزارة الصحة,صحتي|moh,sehhaty',
  },
  moe: {
    platform: 'البوابة الإلكترونية لوزارة التعليم|the Ministry of Education portal',
    app: 'https://www.moe.gov.sa/app',
    centres: true,
    hours: 1,
    kw: 'وزارة التعليم|moe',
  },
  hrsd: { app: 'https://www.qiwa.sa', centres: true, hours: 0, kw: 'الموارد البشرية,مكتب العمل|hrsd' },
  hrdf: {
    platform: 'البوابة الوطنية للعمل (طاقات)|the National Labor Gateway (Taqat)',
    app: 'https://www.hrdf.org.sa/app',
    centres: true,
    hours: 2,
    kw: 'هدف,صندوق الموارد البشرية|hadaf,hrdf',
  },
  mc: {
    platform: 'منصة المركز السعودي للأعمال|the Saudi Business Center platform',
    app: 'https://mc.gov.sa/app',
    centres: true,
    hours: 0,
    kw: 'وزارة التجارة|ministry of commerce',
  },
  moj: {
    platform: 'منصة ناجز|the Najiz platform',
    app: 'https://najiz.sa',
    centres: true,
    kiosk: true,
    hours: 1,
    kw: 'وزارة العدل,ناجز|najiz,moj',
  },
  momrah: { platform: balady, app: 'https://balady.gov.sa', centres: true, cc247: true, hours: 0, kw: 'بلدي,البلدية|balady,municipality' },
  'riyadh-municipality': {
    platform: balady,
    app: 'https://balady.gov.sa',
    centres: true,
    cc247: true,
    hours: 0,
    kw: 'أمانة الرياض,بلدية الرياض,الرياض|riyadh municipality,riyadh',
  },
  'jeddah-municipality': {
    platform: balady,
    app: 'https://balady.gov.sa',
    centres: true,
    cc247: true,
    hours: 0,
    kw: 'أمانة جدة,بلدية جدة,جدة|jeddah municipality,jeddah',
  },
  'eastern-municipality': {
    platform: balady,
    app: 'https://balady.gov.sa',
    centres: true,
    cc247: true,
    hours: 0,
    kw: 'أمانة الشرقية,الدمام,الشرقية|eastern province municipality,dammam',
  },
  'makkah-municipality': {
    platform: balady,
    app: 'https://balady.gov.sa',
    centres: true,
    cc247: true,
    hours: 0,
    kw: 'أمانة العاصمة المقدسة,مكة,مكة المكرمة|makkah municipality,makkah,mecca',
  },
  mof: { platform: 'منصة اعتماد|the Etimad platform', centres: false, hours: 0, kw: 'وزارة المالية,اعتماد|etimad,mof' },
  zatca: {
    platform: 'البوابة الإلكترونية لهيئة الزكاة والضريبة والجمارك|the ZATCA portal',
    app: 'https://zatca.gov.sa/app',
    centres: true,
    hours: 2,
    kw: 'هيئة الزكاة والضريبة والجمارك|zatca',
  },
  haj: {
    platform: 'منصة نسك|the Nusuk platform',
    app: 'https://www.nusuk.sa',
    centres: true,
    cc247: true,
    hours: 0,
    kw: 'نسك,وزارة الحج|nusuk,hajj ministry',
  },
  mt: {
    platform: 'البوابة الإلكترونية لوزارة السياحة|the Ministry of Tourism portal',
    app: 'https://mt.gov.sa/app',
    centres: true,
    cc247: true,
    hours: 2,
    kw: 'وزارة السياحة|tourism ministry',
  },
  media: { centres: true, hours: 0, kw: 'وزارة الإعلام|ministry of media' },
  mot: {
    platform: 'منصة نقل|the Naql platform',
    app: 'https://mot.gov.sa/app',
    centres: true,
    hours: 0,
    kw: 'هيئة النقل,النقل|transport,tga',
  },
  mewa: {
    platform: 'منصة نما|the Nama platform',
    app: 'https://www.mewa.gov.sa/app',
    centres: true,
    hours: 1,
    kw: 'وزارة البيئة,الزراعة|mewa,agriculture',
  },
  mcit: { centres: false, kw: 'وزارة الاتصالات|mcit' },
  yesser: { centres: false, kw: 'يسر,التعاملات الإلكترونية|yesser,e-government' },
  dga: { centres: false, kw: 'هيئة الحكومة الرقمية|dga,digital government' },
  sdaia: { app: 'https://ta.sdaia.gov.sa', centres: false, kw: 'سدايا|sdaia' },
  nic: { centres: false, kw: 'مركز المعلومات الوطني|nic' },
  gosi: {
    platform: 'البوابة الإلكترونية للتأمينات الاجتماعية|the GOSI online portal',
    app: 'https://www.gosi.gov.sa/app',
    centres: true,
    hours: 0,
    kw: 'التأمينات,التأمينات الاجتماعية|gosi',
  },
  redf: {
    platform: 'منصة سكني|the Sakani platform',
    app: 'https://sakani.sa',
    centres: true,
    hours: 0,
    kw: 'الصندوق العقاري,سكني|redf,sakani',
  },
  sfda: {
    platform: 'البوابة الإلكترونية لهيئة الغذاء والدواء|the SFDA e-services portal',
    app: 'https://www.sfda.gov.sa/app',
    centres: true,
    hours: 0,
    kw: 'هيئة الغذاء والدواء|sfda',
  },
  saso: { platform: 'منصة سابر|the SABER platform', centres: true, hours: 0, kw: 'هيئة المواصفات|saso' },
  gastat: { platform: 'البوابة الإحصائية|the statistical portal', centres: true, hours: 0, kw: 'الإحصاء,هيئة الإحصاء|gastat,statistics' },
  rega: { centres: true, hours: 2, kw: 'هيئة العقار|rega' },
  tvtc: {
    platform: 'بوابة المؤسسة العامة للتدريب التقني والمهني|the TVTC portal',
    centres: true,
    hours: 1,
    kw: 'التدريب التقني,التقنية|tvtc',
  },
  scfhs: {
    platform: 'منصة ممارس بلس|the Mumaris Plus platform',
    app: 'https://www.scfhs.org.sa/app',
    centres: true,
    hours: 0,
    kw: 'هيئة التخصصات الصحية|scfhs',
  },
  mofa: { platform: 'منصة التأشيرات الموحدة|the unified visa platform', centres: true, hours: 0, kw: 'وزارة الخارجية|mofa' },
  se: {
    platform: 'تطبيق الكهرباء|the SE app',
    app: 'https://www.se.com.sa/app',
    centres: true,
    cc247: true,
    hours: 0,
    kw: 'الكهرباء,شركة الكهرباء|sec,electricity',
  },
  nwc: {
    platform: 'البوابة الإلكترونية لشركة المياه الوطنية|the NWC online portal',
    app: 'https://www.nwc.com.sa/app',
    centres: true,
    cc247: true,
    hours: 0,
    kw: 'المياه,شركة المياه|nwc,water',
  },
};
