// The fifth blind judged set's queries (issue 12), written with the judgments below before the engine
// was ever run on this catalog (see README.md). Not to be tuned against.
import type { JudgedQuery } from '../../testing.ts';

/** Commercial registration: the services that enter a trader or company in a commercial register. */
const CR = ['sa-mc-cr-issue', 'om-mociip-cr', 'eg-gafi-company', 'ma-cri-company', 'sd-reg-business-name'];
/** Setting up a company (not a sole establishment). */
const COMPANY = ['eg-gafi-company', 'jo-ccd-company', 'ma-cri-company', 'om-mociip-cr'];
/** Opening a shop or a business: every service that lets one start trading, and the trade name it needs first. */
const START_BUSINESS = [
  'ad-added-tajer',
  'sa-mc-cr-issue',
  'sa-mc-trade-name',
  'om-mociip-cr',
  'sd-reg-business-name',
  'eg-gafi-company',
  'jo-ccd-company',
  'ma-cri-company',
];
const VAT = ['bh-nbr-vat-registration', 'sa-zatca-vat-registration'];
const TAX_CARD = ['om-ta-tax-card', 'eg-eta-tax-card'];
const TAXES = [...VAT, ...TAX_CARD, 'iq-gct-tax-clearance'];
const ZAKAT = ['sa-zatca-zakat-return'];
const GOODS_CUSTOMS = ['bh-customs-clearance', 'ma-adii-declaration'];
const IMPORT_CAR = ['dxb-customs-vehicle-certificate', 'iq-gca-vehicle', 'eg-customs-expat-car'];
const CUSTOMS = [...GOODS_CUSTOMS, ...IMPORT_CAR];
const HAJJ = ['uae-awqaf-hajj', 'sa-hajj-domestic', 'om-mera-hajj', 'iq-hajj-lottery', 'ma-habous-hajj'];
const HAJJ_LOTTERY = ['iq-hajj-lottery', 'ma-habous-hajj'];
const UMRAH = ['sa-hajj-umrah-permit'];
const HOUSING = ['bh-moh-housing-application', 'sa-momrah-sakani', 'kw-pahw-housing-application', 'eg-shf-social-housing'];
const HOUSING_LOAN = ['bh-moh-housing-application', 'sa-momrah-sakani', 'eg-shf-social-housing'];
const FISHING = ['sa-mewa-fishing-licence', 'om-mafwr-fishing'];
const LIVESTOCK = ['ad-adafsa-livestock', 'kw-paaf-jawakhir', 'sd-mar-livestock-export', 'ma-onssa-sheep'];
const LIVESTOCK_REGISTRATION = ['ad-adafsa-livestock', 'kw-paaf-jawakhir', 'ma-onssa-sheep'];
const CHARITY = ['sa-ncnp-association', 'jo-roa-association'];
const WAQF = ['uae-awqaf-endowment'];
const SPORTS = ['sa-mos-sports-club'];

export const blind5Queries: JudgedQuery[] = [
  // Arabic: exact names
  { q: 'رخصة تاجر أبوظبي الفورية', lang: 'ar', expect: ['ad-added-tajer'], cls: 'exact', note: 'exact name' },
  { q: 'التسجيل في قرعة الحج', lang: 'ar', expect: HAJJ_LOTTERY, cls: 'exact', note: 'exact name (Iraq and Morocco)' },
  { q: 'طلب بدل الإيجار', lang: 'ar', expect: ['kw-pahw-rent-allowance'], cls: 'exact', note: 'exact name' },
  { q: 'الشهادة الصحية البيطرية لصادر الماشية', lang: 'ar', expect: ['sd-mar-livestock-export'], cls: 'exact', note: 'exact name' },
  { q: 'تسجيل العزبة وترقيم الثروة الحيوانية', lang: 'ar', expect: ['ad-adafsa-livestock'], cls: 'exact', note: 'exact name' },

  // Arabic: partial names, and agency names as queries (what does this body offer)
  { q: 'سجل تجاري', lang: 'ar', expect: CR, cls: 'partial', note: 'partial name' },
  { q: 'تصريح العمرة', lang: 'ar', expect: UMRAH, cls: 'partial', note: 'partial name' },
  { q: 'تصريح بيئي', lang: 'ar', expect: ['sa-ncec-environmental-permit'], cls: 'partial', note: 'partial name' },
  { q: 'بطاقة الصحافة', lang: 'ar', expect: ['ma-cnp-press-card'], cls: 'partial', note: 'partial name' },
  { q: 'نقل ملكية المركبة', lang: 'ar', expect: ['krg-traffic-ownership-transfer'], cls: 'partial', note: 'partial name' },
  { q: 'لوحة أرقام مميزة', lang: 'ar', expect: ['ad-police-special-plates'], cls: 'partial', note: 'partial name' },
  {
    q: 'وزارة الحج والعمرة',
    lang: 'ar',
    expect: ['sa-hajj-umrah-permit', 'sa-hajj-domestic'],
    cls: 'partial',
    note: 'agency name: its services',
  },
  {
    q: 'هيئة الزكاة والضريبة والجمارك',
    lang: 'ar',
    expect: ['sa-zatca-zakat-return', 'sa-zatca-vat-registration'],
    cls: 'partial',
    note: 'agency name: its services',
  },
  {
    q: 'الرعاية السكنية',
    lang: 'ar',
    expect: ['kw-pahw-housing-application', 'kw-pahw-rent-allowance'],
    cls: 'partial',
    note: 'agency name (Kuwait): its services',
  },
  { q: 'غرفة تجارة عمان', lang: 'ar', expect: ['jo-acc-origin'], cls: 'partial', note: 'agency name without shadda: its service' },

  // Arabic: several words, a sentence
  { q: 'ابي اسجل مؤسستي في ضريبة القيمة المضافة', lang: 'ar', expect: VAT, cls: 'words', note: 'Gulf sentence' },
  { q: 'كيف اطلع رخصة صيد سمك', lang: 'ar', expect: FISHING, cls: 'words', note: 'colloquial sentence' },
  { q: 'موعد فحص القيادة في اربيل', lang: 'ar', expect: ['krg-traffic-driving-test'], cls: 'words', note: 'several words with a place' },
  { q: 'رخصة لفتح فندق او مخيم سياحي', lang: 'ar', expect: ['om-mht-tourism-licence'], cls: 'words', note: 'several words' },
  { q: 'شهادة جمركية لسيارة مستوردة من امريكا', lang: 'ar', expect: IMPORT_CAR, cls: 'words', note: 'several words, one unused' },
  { q: 'تخليص بضاعة من الميناء', lang: 'ar', expect: GOODS_CUSTOMS, cls: 'words', note: 'several words, singular for plural' },

  // Arabic: hamza
  { q: 'انشاء وقف خيري', lang: 'ar', expect: WAQF, cls: 'hamza', note: 'hamza missing, word not in text' },
  { q: 'الاقرار الزكوي للمنشات', lang: 'ar', expect: ZAKAT, cls: 'hamza', note: 'hamza and madda missing' },
  { q: 'اصدار سجل تجاري', lang: 'ar', expect: CR, cls: 'hamza', note: 'hamza missing' },
  { q: 'تاسيس شركة', lang: 'ar', expect: COMPANY, cls: 'hamza', note: 'hamza missing' },
  { q: 'عقد الايجار', lang: 'ar', expect: ['sa-momrah-ejar'], cls: 'hamza', note: 'hamza missing' },

  // Arabic: orthography
  { q: 'رخصه صيد بحري', lang: 'ar', expect: FISHING, cls: 'orthography', note: 'taa marbuta as haa' },
  { q: 'الضريبه على القيمه المضافه', lang: 'ar', expect: VAT, cls: 'orthography', note: 'taa marbuta as haa, three times' },
  { q: 'نادى رياضى خاص', lang: 'ar', expect: SPORTS, cls: 'orthography', note: 'yaa as alef maqsura (Egyptian habit)' },

  // Arabic: plurals
  { q: 'تراخيص الصيد', lang: 'ar', expect: FISHING, cls: 'plural', note: 'broken plural of ترخيص' },
  { q: 'المواشي', lang: 'ar', expect: LIVESTOCK, cls: 'plural', note: 'broken plural of ماشية' },
  { q: 'جمعيات خيرية', lang: 'ar', expect: CHARITY, cls: 'plural', note: 'sound feminine plural' },
  {
    q: 'بطاقة تشغيل شاحنة',
    lang: 'ar',
    expect: ['sa-tga-truck-operating-card'],
    cls: 'plural',
    note: 'singular for the plural in the title',
  },

  // Arabic: attached prefixes
  { q: 'للحج', lang: 'ar', expect: HAJJ, cls: 'clitic', note: 'prefix lam with article' },
  { q: 'والعمرة', lang: 'ar', expect: UMRAH, cls: 'clitic', note: 'prefix waw' },
  { q: 'بالوقف', lang: 'ar', expect: WAQF, cls: 'clitic', note: 'prefix baa with article' },

  // Arabic: other countries' words, colloquial sentences, life events
  { q: 'الكمارك', lang: 'ar', expect: CUSTOMS, cls: 'synonym', note: 'Iraqi word for customs' },
  { q: 'ترسيم سيارة', lang: 'ar', expect: IMPORT_CAR, cls: 'synonym', note: 'Iraqi: paying duty on an imported car' },
  {
    q: 'تحويل سنوية',
    lang: 'ar',
    expect: ['krg-traffic-ownership-transfer'],
    cls: 'synonym',
    note: 'Iraqi: transferring a car registration',
  },
  { q: 'ابي افتح محل', lang: 'ar', expect: START_BUSINESS, cls: 'synonym', note: 'Gulf life event: opening a shop' },
  { q: 'عايز اعمل شركة', lang: 'ar', expect: COMPANY, cls: 'synonym', note: 'Egyptian life event: starting a company' },
  { q: 'بدي سجل جمعية خيرية', lang: 'ar', expect: CHARITY, cls: 'synonym', note: 'Levantine life event: starting a charity' },
  { q: 'ناوي احج السنة', lang: 'ar', expect: HAJJ, cls: 'synonym', note: 'colloquial life event: going on Hajj (verb)' },
  { q: 'شقة من الحكومة', lang: 'ar', expect: HOUSING, cls: 'synonym', note: 'colloquial: a flat from the government' },
  { q: 'قرض سكني', lang: 'ar', expect: HOUSING_LOAN, cls: 'synonym', note: 'housing loan (mortgage, finance in the texts)' },
  { q: 'تسجيل الحلال', lang: 'ar', expect: LIVESTOCK_REGISTRATION, cls: 'synonym', note: 'Gulf: حلال for livestock' },
  { q: 'تاكسي', lang: 'ar', expect: ['sa-tga-taxi-driver-card'], cls: 'synonym', note: 'loanword for سيارة الأجرة' },
  {
    q: 'رخصة مشاهير السوشل ميديا',
    lang: 'ar',
    expect: ['uae-media-advertiser-permit'],
    cls: 'synonym',
    note: 'colloquial: celebrities, social media loanword',
  },
  { q: 'داير اسجل دكاني', lang: 'ar', expect: START_BUSINESS, cls: 'synonym', note: 'Sudanese life event: registering my shop' },
  { q: 'بغيت نصاوب شركة', lang: 'ar', expect: COMPANY, cls: 'synonym', note: 'Moroccan life event: making a company' },
  { q: 'ترقيم الحولي', lang: 'ar', expect: ['ma-onssa-sheep'], cls: 'synonym', note: 'Moroccan: حولي for the Eid sheep' },
  { q: 'استيراد عربية من بره', lang: 'ar', expect: IMPORT_CAR, cls: 'synonym', note: 'Egyptian life event: importing a car (عربية)' },

  // Arabic: typos
  { q: 'سجل تجاتي', lang: 'ar', expect: CR, cls: 'typo', note: 'typo: ت for ر' },
  { q: 'قرعه الحح', lang: 'ar', expect: HAJJ_LOTTERY, cls: 'typo', note: 'typo: ح for ج, and taa marbuta as haa' },
  { q: 'جواخر', lang: 'ar', expect: ['kw-paaf-jawakhir'], cls: 'typo', note: 'typo: missing yaa' },

  // Arabic: as-you-type prefixes
  { q: 'ترسيم الكم', lang: 'ar', expect: ['iq-gca-vehicle'], cls: 'prefix', note: 'as-you-type' },
  { q: 'حجز اسم تج', lang: 'ar', expect: ['sa-mc-trade-name'], cls: 'prefix', note: 'as-you-type' },
  {
    q: 'الدعم السك',
    lang: 'ar',
    expect: [...HOUSING, 'kw-pahw-rent-allowance'],
    cls: 'prefix',
    note: 'as-you-type: housing support',
  },

  // Arabic: generic words
  { q: 'الحج', lang: 'ar', expect: HAJJ, cls: 'generic', note: 'generic word' },
  { q: 'الضريبة', lang: 'ar', expect: TAXES, cls: 'generic', note: 'generic word' },

  // Latin letters: English from expatriates
  { q: 'trade license abu dhabi', lang: 'en', expect: ['ad-added-tajer'], cls: 'words', note: 'English, American spelling, with a place' },
  { q: 'commercial registration', lang: 'en', expect: CR, cls: 'partial', note: 'English partial name' },
  { q: 'VAT registration', lang: 'en', expect: VAT, cls: 'partial', note: 'English acronym, partial name' },
  { q: 'how to start a business', lang: 'en', expect: START_BUSINESS, cls: 'synonym', note: 'English life event' },
  { q: 'importing a car customs', lang: 'en', expect: IMPORT_CAR, cls: 'words', note: 'English, several words' },
  { q: 'fishing license', lang: 'en', expect: FISHING, cls: 'orthography', note: 'American spelling of licence' },
  { q: 'registering a charity', lang: 'en', expect: CHARITY, cls: 'stem', note: 'English inflection' },
  { q: 'gym licence', lang: 'en', expect: SPORTS, cls: 'partial', note: 'English partial name' },
  { q: 'rent allowance kuwait', lang: 'en', expect: ['kw-pahw-rent-allowance'], cls: 'words', note: 'English with a place' },
  { q: 'camel tagging', lang: 'en', expect: ['ad-adafsa-livestock'], cls: 'stem', note: 'English inflection, word in the description' },

  // Latin letters: French as used in the Maghreb
  { q: "création d'entreprise en ligne", lang: 'en', expect: START_BUSINESS, cls: 'synonym', note: 'French' },
  { q: 'dédouanement marchandises', lang: 'en', expect: GOODS_CUSTOMS, cls: 'synonym', note: 'French' },
  { q: 'carte de presse', lang: 'en', expect: ['ma-cnp-press-card'], cls: 'synonym', note: 'French' },
  { q: 'registre de commerce', lang: 'en', expect: CR, cls: 'synonym', note: 'French' },
  { q: 'tirage au sort hajj', lang: 'en', expect: HAJJ_LOTTERY, cls: 'synonym', note: 'French' },
  { q: "mouton de l'aid", lang: 'en', expect: ['ma-onssa-sheep'], cls: 'synonym', note: 'French without diaeresis' },

  // Latin letters: Arabic typed in Latin letters (Arabizi)
  { q: 'sijil tijari', lang: 'en', expect: CR, cls: 'synonym', note: 'transliteration (Arabizi)' },
  { q: 'qur3at al hajj', lang: 'en', expect: HAJJ_LOTTERY, cls: 'synonym', note: 'transliteration (Arabizi with digit 3)' },
  { q: 'tasree7 3omra', lang: 'en', expect: UMRAH, cls: 'synonym', note: 'transliteration (Arabizi with digits 7 and 3)' },
  { q: 'ejar', lang: 'en', expect: ['sa-momrah-ejar'], cls: 'partial', note: 'system name in Latin letters' },
];
