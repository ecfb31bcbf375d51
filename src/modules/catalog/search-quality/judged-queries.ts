// Judged queries for catalog search quality, over the demo catalog (src/demo/catalog.generate.ts).
// For each query, at least one of `expect` must appear in the top 5 results (recall@5); the rank of
// the first one found gives the reciprocal rank (MRR). Every expected identifier is a flagship demo
// service, always published as live. `note` names the variant under test; the class (reported
// per class by the test) follows from it (demoClass).

/**
 * What a query exercises: issue 12's failure classes (words: several words, one unused or with a
 * clitic; hamza: article + hamza and a word's own leading و; plural; synonym: colloquial, foreign and
 * system names; typo; generic: the titled service must win; prefix: as-you-type), plus exact and
 * partial names, orthography (taa marbuta, harakat, tatweel, digits), clitic (an attached prefix),
 * stem (English inflection) and none (no relevant service).
 */
export const queryClasses = [
  'exact',
  'partial',
  'words',
  'hamza',
  'plural',
  'synonym',
  'typo',
  'generic',
  'prefix',
  'orthography',
  'clitic',
  'stem',
  'none',
] as const;
export type QueryClass = (typeof queryClasses)[number];

export interface JudgedQuery {
  q: string;
  lang: 'ar' | 'en';
  /** Identifiers of the right answers; at least one must appear in the top 5 (none for class `none`). */
  expect: string[];
  note?: string;
  cls?: QueryClass;
}

/** The class of a demo query, read from its note (the demo set was written before classes were named). */
export function demoClass(note = ''): QueryClass {
  if (note.startsWith('exact name')) return 'exact';
  if (note.startsWith('partial name')) return 'partial';
  if (note.startsWith('hamza')) return 'hamza';
  if (note.includes('as-you-type')) return 'prefix';
  if (note.startsWith('typo')) return 'typo';
  if (/^prefix/.test(note)) return 'clitic';
  if (/taa marbuta|alef maqsura|yaa written|harakat|tatweel|digits/.test(note)) return 'orthography';
  if (/plural/.test(note)) return 'plural';
  if (/colloquial|loanword|synonym|transliteration|acronym/.test(note)) return 'synonym';
  return 'stem';
}

const passport = ['gdp-passport-issue', 'gdp-passport-renewal'];
const iqamaRenewal = ['gdp-iqama-renewal'];
const drivingLicence = ['traffic-driving-licence-issue', 'traffic-driving-licence-renewal'];
const istimara = [
  'traffic-vehicle-registration-renewal',
  'traffic-vehicle-registration-lost-replacement',
  'traffic-vehicle-registration-damaged-replacement',
  'traffic-vehicle-registration-validity',
];
const nationalId = ['civil-affairs-national-id-issue', 'civil-affairs-national-id-renewal'];
const cr = ['mc-cr-issue', 'mc-cr-renewal'];
const violations = ['traffic-violations-inquiry', 'traffic-violations-payment'];
const socialSecurity = ['hrsd-social-security-registration', 'hrsd-social-security-eligibility'];
const buildingPermit = ['momrah-building-permit-issue', 'momrah-building-permit-renewal'];
const healthCertificate = ['momrah-health-certificate-issue', 'momrah-health-certificate-renewal', 'momrah-health-certificate-print'];
const sickLeave = ['moh-sick-leaves', 'moh-sick-leave-verification', 'moh-sick-leave-print'];
const exitReentry = ['gdp-exit-reentry-visa-issue', 'gdp-exit-reentry-visa-extension'];
const finalExit = ['gdp-final-exit-visa-issue'];
const poaIssue = ['moj-poa-issue', 'moj-poa-inquiry'];

const ar = (q: string, expect: string[], note: string): JudgedQuery => ({ q, lang: 'ar', expect, note });
const en = (q: string, expect: string[], note: string): JudgedQuery => ({ q, lang: 'en', expect, note });

const demoQueries: JudgedQuery[] = [
  // Arabic — exact names.
  ar('إصدار جواز سفر', ['gdp-passport-issue'], 'exact name'),
  ar('تجديد رخصة القيادة', ['traffic-driving-licence-renewal'], 'exact name'),
  ar('نقل ملكية مركبة', ['traffic-vehicle-ownership-transfer'], 'exact name'),
  ar('تسجيل مولود', ['civil-affairs-birth-registration'], 'exact name'),
  ar('فسخ وكالة', ['moj-poa-revocation'], 'exact name'),
  ar('إصدار رخصة بناء', ['momrah-building-permit-issue'], 'exact name'),
  ar('نقل خدمات عامل', ['hrsd-worker-transfer', 'hrsd-domestic-transfer'], 'exact name (the domestic-worker variant is also right)'),
  ar('تقديم إقرار الزكاة', ['zatca-zakat-return'], 'exact name'),

  // Arabic — partial names.
  ar('جواز السفر', passport, 'partial name, issue and renewal equally right'),
  ar('السجل التجاري', cr, 'partial name'),
  ar('الضمان الاجتماعي', socialSecurity, 'partial name'),
  ar('رخصة عمل', ['hrsd-work-permit-issue', 'hrsd-work-permit-renewal'], 'partial name'),
  ar('حصر ورثة', ['moj-heirs-deed'], 'partial name'),
  ar('ضريبة القيمة المضافة', ['zatca-vat-registration', 'zatca-vat-return'], 'partial name'),
  ar('الفحص الفني الدوري', ['saso-vehicle-inspection'], 'partial name'),
  ar('الآثار الجانبية للأدوية', ['sfda-adverse-event-report'], 'partial name, with madda'),

  // Arabic — hamza variants.
  ar('اصدار جواز سفر', ['gdp-passport-issue'], 'hamza: اصدار for إصدار'),
  ar('تجديد الاقامة', iqamaRenewal, 'hamza: الاقامة for الإقامة'),
  ar('اصدار سجل الاسرة', ['civil-affairs-family-register-issue'], 'hamza: اصدار, الاسرة'),
  ar('موعد الاحوال المدنية', ['civil-affairs-appointment'], 'hamza: الاحوال for الأحوال'),
  ar('التاشيرة السياحية', ['mofa-tourist-evisa', 'mt-tourist-visa-info'], 'hamza: التاشيرة for التأشيرة'),
  ar('انهاء عقد ايجار', ['momrah-lease-termination'], 'hamza: انهاء, ايجار'),

  // Arabic — taa marbuta written as haa, yaa and alef maqsura.
  ar('رخصه قيادة', drivingLicence, 'taa marbuta: رخصه'),
  ar('تأشيره خروج نهائي', finalExit, 'taa marbuta: تأشيره'),
  ar('الشهاده الصحيه', healthCertificate, 'taa marbuta in two words'),
  ar('الاستعلام عن المخالفات المروريه', ['traffic-violations-inquiry'], 'taa marbuta: المروريه'),
  ar('موعد مستشفي', ['moh-hospital-appointment'], 'alef maqsura written as yaa: مستشفي'),
  ar('تأشيرة خروج نهائى', finalExit, 'yaa written as alef maqsura: نهائى'),
  ar('حقوق المرضي', ['moh-patient-rights'], 'alef maqsura written as yaa: المرضي'),

  // Arabic — harakat and tatweel.
  ar('الجَوَاز', passport, 'harakat'),
  ar('جـــواز السفر', passport, 'tatweel'),
  ar('رُخْصَة القِيَادَة', drivingLicence, 'harakat with sukun'),
  ar('الهويـــة الوطنيـــة', nationalId, 'tatweel in two words'),
  ar('سِجِلّ تِجَارِيّ', cr, 'harakat with shadda'),

  // Arabic — attached prefixes.
  ar('وتجديد جواز السفر', ['gdp-passport-renewal'], 'prefix و'),
  ar('بالسجل التجاري', cr, 'prefix بال'),
  ar('للهوية الوطنية', ['civil-affairs-national-id-lost-replacement', ...nationalId], 'prefix لل'),
  ar('والرخصة المهنية للمعلمين', ['moe-teacher-licence'], 'prefixes وال and لل'),
  ar('للمقيمين تأشيرة خروج وعودة', exitReentry, 'prefix لل on an audience word'),
  ar('والمخالفات المرورية', violations, 'prefix وال'),

  // Arabic — plurals and suffixes.
  ar('رخص البناء', buildingPermit, 'broken plural: رخص'),
  ar('تأشيرات العمالة المنزلية', ['hrsd-domestic-visa'], 'sound plural: تأشيرات'),
  ar('المخالفات المرورية', violations, 'plural with article'),
  ar('مواعيد الجوازات', ['gdp-appointment'], 'broken plural: مواعيد'),
  ar('الوكالات الإلكترونية', [...poaIssue, 'moj-poa-verification'], 'plural: الوكالات'),
  ar('تراخيص الصيدليات', ['moh-private-pharmacy-licence', 'moh-private-pharmacy-licence-renewal'], 'plurals: تراخيص، الصيدليات'),
  ar('شهادات الميلاد', ['civil-affairs-birth-certificate-issue', 'civil-affairs-birth-certificate-lost-replacement'], 'plural: شهادات'),
  ar('تصاريح الحج', ['haj-hajj-permit-print', 'gdp-residents-hajj-permit', 'haj-domestic-hajj-registration'], 'broken plural: تصاريح'),
  ar('القضايا العمالية', ['hrsd-labour-dispute'], 'plural of قضية, adjective suffix'),

  // Arabic — Arabic-Indic digits.
  ar('٩٤٠', ['momrah-940-report'], 'Arabic-Indic digits alone'),
  ar('بلاغ ٩٤٠', ['momrah-940-report'], 'Arabic-Indic digits with a word'),
  ar('استشارة ٩٣٧', ['moh-virtual-consultation'], 'Arabic-Indic digits: call-centre number'),

  // Arabic — colloquial synonyms.
  ar('بطاقة الأحوال', nationalId, 'colloquial: بطاقة الأحوال for the national ID'),
  ar('استمارة', istimara, 'colloquial: استمارة for the vehicle registration'),
  ar('تجديد الاستمارة', ['traffic-vehicle-registration-renewal'], 'colloquial: الاستمارة'),
  ar('فيزا زيارة', ['gdp-visit-visa-extension', 'mofa-family-visit-visa', 'mofa-personal-visit-visa'], 'colloquial: فيزا for تأشيرة'),
  ar('ليسن', drivingLicence, 'colloquial: ليسن for the driving licence'),
  ar('وايت ماء', ['nwc-water-tanker'], 'colloquial: وايت for a water tanker'),
  ar('مبايعة سيارة', ['traffic-vehicle-ownership-transfer'], 'colloquial: مبايعة for a vehicle sale'),
  ar('افراغ عقار', ['moj-property-transfer'], 'colloquial: افراغ, no hamza'),
  ar('برنت التأمينات', ['gosi-contribution-statement'], 'colloquial loanword: برنت'),
  ar('كرت العائلة', ['civil-affairs-family-register-issue'], 'colloquial: كرت العائلة for سجل الأسرة'),
  ar('الكهرباء طافية', ['se-outage-report'], 'colloquial: طافية for a power cut'),
  ar('سكليف', sickLeave, 'colloquial loanword for sick leave'),

  // Arabic — one typo in a word of five letters or more.
  ar('تجدبد الاقامة', iqamaRenewal, 'typo: ب for ي in تجديد'),
  ar('المخالقات المرورية', violations, 'typo: ق for ف'),
  ar('السجل التجري', cr, 'typo: missing ا in التجاري'),
  ar('الضمان الاجتماغي', socialSecurity, 'typo: غ for ع'),
  ar('حجز موعد في المستشقى', ['moh-hospital-appointment'], 'typo: ق for ف'),
  ar('تأشرة خروج وعودة', exitReentry, 'typo: missing ي in تأشيرة'),
  ar('فسخ الوكلة', ['moj-poa-revocation'], 'typo: missing ا in الوكالة'),

  // Arabic — as-you-type prefixes.
  ar('جوا', passport, 'as-you-type prefix of جواز'),
  ar('رخصة قيا', drivingLicence, 'as-you-type prefix, last word unfinished'),
  ar('تجديد الإقا', iqamaRenewal, 'as-you-type prefix of الإقامة'),
  ar('حصر ور', ['moj-heirs-deed'], 'as-you-type prefix of ورثة'),
  ar('تسجيل مول', ['civil-affairs-birth-registration'], 'as-you-type prefix of مولود'),

  // English — names and words.
  en('issue a passport', ['gdp-passport-issue'], 'exact name, lower case'),
  en('renew passport', ['gdp-passport-renewal'], 'stem: renew'),
  en('passport renewal', ['gdp-passport-renewal'], 'stem: renewal'),
  en('renewing a driving licence', ['traffic-driving-licence-renewal'], 'stem: renewing'),
  en('driving license', drivingLicence, 'US spelling: license'),
  en('drivers licence renewal', ['traffic-driving-licence-renewal'], 'variant: drivers licence'),
  en('iqama renewal', iqamaRenewal, 'loanword: iqama'),
  en('residence permit', ['gdp-iqama-issue', ...iqamaRenewal], 'synonym of iqama'),
  en('istimara', istimara, 'transliteration: istimara'),
  en('vehicle registration renewal', ['traffic-vehicle-registration-renewal'], 'partial name'),
  en('renew CR', ['mc-cr-renewal'], 'acronym: CR for commercial registration'),
  en('commercial registration', cr, 'partial name'),
  en('reserve a trade name', ['mc-trade-name-reservation'], 'exact name'),
  en('exit re-entry visa', exitReentry, 'hyphenated word'),
  en('final exit visa', finalExit, 'partial name'),
  en('extend visit visa', ['gdp-visit-visa-extension'], 'stem: extend'),
  en('national ID card', nationalId, 'acronym in mixed case'),
  en('register a newborn', ['civil-affairs-birth-registration'], 'exact name'),
  en('birth certificate', ['civil-affairs-birth-certificate-issue', 'civil-affairs-birth-certificate-lost-replacement'], 'partial name'),
  en('register a death', ['civil-affairs-death-registration'], 'exact name'),
  en('family register', ['civil-affairs-family-register-issue'], 'partial name'),
  en('traffic fines', violations, 'synonym: fines for violations'),
  en('appeal a traffic violation', ['traffic-violation-objection'], 'synonym: appeal for object'),
  en('power of attorney', poaIssue, 'phrase with a stop word'),
  en('revoke power of attorney', ['moj-poa-revocation'], 'exact name without article'),
  en('file a lawsuit', ['moj-lawsuit'], 'exact name'),
  en('building permits', buildingPermit, 'plural'),
  en('municipal report 940', ['momrah-940-report'], 'digits'),
  en('work permit', ['hrsd-work-permit-issue', 'hrsd-work-permit-renewal'], 'partial name'),
  en('sponsorship transfer', ['hrsd-worker-transfer', 'hrsd-domestic-transfer'], 'synonym: sponsorship (kafala) transfer'),
  en('social security', socialSecurity, 'partial name'),
  en('VAT registration', ['zatca-vat-registration'], 'acronym: VAT'),
  en('zakat certificate', ['zatca-zakat-certificate'], 'loanword: zakat'),
  en('customs declaration', ['zatca-import-declaration', 'zatca-export-declaration', 'zatca-traveller-declaration'], 'partial name'),
  en('umrah permit', ['haj-umrah-permit'], 'loanword: umrah'),
  en('hospital appointment', ['moh-hospital-appointment'], 'partial name'),
  en('sick leave', sickLeave, 'partial name'),
  en('retirement pension', ['gosi-pension', 'gosi-early-retirement'], 'partial name'),
  en('unemployment insurance', ['gosi-saned'], 'partial name'),
  en('home loan', ['redf-subsidised-loan'], 'partial name'),
  en('electricity bill', ['se-bill-inquiry', 'se-bill-payment'], 'partial name'),
  en('tourist visa', ['mofa-tourist-evisa', 'mt-tourist-visa-info'], 'partial name'),
  en(
    'licenses for private pharmacies',
    ['moh-private-pharmacy-licence', 'moh-private-pharmacy-licence-renewal'],
    'plurals and US spelling',
  ),
  en('booking primary care appointments', ['moh-phc-appointment'], 'stems: booking, appointments'),

  // English — one typo in a word of five letters or more.
  en('pasport renewal', ['gdp-passport-renewal'], 'typo: missing s'),
  en('reneval iqama', iqamaRenewal, 'typo: v for w'),
  en('drivng licence', drivingLicence, 'typo: missing i'),
  en('comercial registration', cr, 'typo: missing m'),
  en('vehicle registraton', istimara, 'typo: missing i'),
  en('buildng permit', buildingPermit, 'typo: missing i'),
  en('inheritence', ['moj-heirs-deed'], 'typo: e for a'),

  // English — as-you-type prefixes.
  en('passp', passport, 'as-you-type prefix of passport'),
  en('driving lic', drivingLicence, 'as-you-type prefix of licence'),
  en('commercial reg', cr, 'as-you-type prefix of registration'),
  en('umra', ['haj-umrah-permit', 'haj-umrah-visa'], 'as-you-type prefix of umrah'),
];

export const judgedQueries: JudgedQuery[] = demoQueries.map((j) => ({ ...j, cls: demoClass(j.note) }));
