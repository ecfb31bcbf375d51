// The sixth blind judged set's queries (issue 12), written with the judgments below before the engine
// was ever run on this catalog (see README.md). Not to be tuned against.
import type { JudgedQuery } from '../../testing.ts';

/** A passport, first issue or renewal, in any country. */
const PASSPORT = ['ly-pass-passport', 'dz-int-biometric-passport', 'lb-gs-passport', 'sy-imm-passport'];
/** An identity card. */
const ID_CARD = ['ps-moi-id-card', 'ye-csra-national-id', 'mr-anrpts-nni-card'];
/** A birth certificate or extract from the civil register. */
const BIRTH_EXTRACT = ['tn-tunis-birth-extract', 'dz-int-birth-s12', 'mr-anrpts-birth-extract'];
/** A birth certificate, including the first one issued when a newborn is registered. */
const BIRTH_CERT = [...BIRTH_EXTRACT, 'ps-moi-birth-registration'];
/** A record of the family's members from the civil register. */
const FAMILY_RECORD = ['ly-cra-family-record', 'sy-civil-family-statement'];
/** A criminal (judicial) record extract. */
const CRIMINAL_RECORD = ['dz-moj-criminal-record', 'lb-isf-judicial-record'];
/** A notarised power of attorney. */
const POA = ['qa-moj-poa', 'rak-courts-poa'];
/** A retirement pension paid monthly (not the Lebanese lump sum). */
const PENSION = ['ly-ssf-pension', 'tn-cnrps-pension'];
/** Getting electricity to a home: a connection, a subscription, a meter or a move-in account. */
const ELECTRICITY = ['qa-km-new-connection', 'tn-steg-subscription', 'lb-edl-meter', 'shj-sewa-move-in'];
/** Proof of a disability. */
const DISABILITY = ['lb-mosa-disability-card', 'kw-pada-disability-certificate'];
/** Recognition of a foreign certificate or degree. */
const EQUIVALENCE = ['lb-mehe-equivalence', 'ye-mohe-equivalence'];
/** A driving licence. */
const DRIVING = ['dz-int-driving-licence', 'ps-mot-driving-licence'];
/** Cash transfers to poor families. */
const CASH = ['ps-mosd-cash-transfer', 'mr-taazour-cash-transfer'];
/** A home internet subscription. */
const INTERNET = ['dz-at-idoom-fibre', 'sy-ste-adsl', 'ye-ptc-landline'];
/** Support for farmers. */
const FARMERS = ['mr-ma-seed-support', 'ps-moa-damage-compensation'];

export const blind6Queries: JudgedQuery[] = [
  // Arabic: exact names
  { q: 'بطاقة الشفاء', lang: 'ar', expect: ['dz-cnas-chifa'], cls: 'exact' },
  { q: 'تعويض نهاية الخدمة', lang: 'ar', expect: ['lb-nssf-end-of-service'], cls: 'exact' },
  { q: 'بطاقة المعوق الشخصية', lang: 'ar', expect: ['lb-mosa-disability-card'], cls: 'exact' },
  { q: 'التحويلات الطبية للعلاج في الخارج', lang: 'ar', expect: ['ps-moh-medical-referral'], cls: 'exact' },
  { q: 'منحة البطالة', lang: 'ar', expect: ['dz-anem-unemployment-allowance'], cls: 'exact' },
  { q: 'البطاقة الرمادية', lang: 'ar', expect: ['dz-int-carte-grise'], cls: 'exact' },
  // Arabic: partial names and agency names
  { q: 'مضمون ولادة', lang: 'ar', expect: ['tn-tunis-birth-extract'], cls: 'partial', note: 'Tunisian word: only its service' },
  { q: 'معادلة الشهادات', lang: 'ar', expect: EQUIVALENCE, cls: 'partial' },
  { q: 'السجل العدلي', lang: 'ar', expect: CRIMINAL_RECORD, cls: 'partial' },
  { q: 'رخصة البناء', lang: 'ar', expect: ['tn-tunis-building-permit'], cls: 'partial' },
  { q: 'رخصة السياقة', lang: 'ar', expect: DRIVING, cls: 'partial', note: 'Maghrebi word for any driving licence' },
  { q: 'عقد زواج', lang: 'ar', expect: ['ps-sjc-marriage-contract'], cls: 'partial' },
  { q: 'تسجيل مولود', lang: 'ar', expect: ['ps-moi-birth-registration'], cls: 'partial' },
  { q: 'كهرماء', lang: 'ar', expect: ['qa-km-new-connection'], cls: 'partial', note: 'agency name' },
  { q: 'وزارة التنمية الاجتماعية', lang: 'ar', expect: ['ps-mosd-cash-transfer'], cls: 'partial', note: 'agency name' },
  { q: 'جراية التقاعد', lang: 'ar', expect: ['tn-cnrps-pension'], cls: 'partial' },
  // Arabic: generic words
  { q: 'جواز سفر', lang: 'ar', expect: PASSPORT, cls: 'generic' },
  {
    q: 'الضمان الاجتماعي',
    lang: 'ar',
    expect: ['ly-ssf-pension', 'lb-nssf-end-of-service'],
    cls: 'generic',
    note: 'the two social security funds',
  },
  // Arabic: other words for the same thing, colloquial sentences
  { q: 'صحيفة السوابق العدلية', lang: 'ar', expect: CRIMINAL_RECORD, cls: 'synonym' },
  { q: 'شهادة عدم محكومية', lang: 'ar', expect: CRIMINAL_RECORD, cls: 'synonym' },
  { q: 'وكالة عند كاتب العدل', lang: 'ar', expect: POA, cls: 'synonym' },
  { q: 'بدي ساعة كهربا للبيت', lang: 'ar', expect: ELECTRICITY, cls: 'synonym', note: 'Levantine: ساعة is the meter' },
  {
    q: 'ابغى اوصل الكهربا والماي لبيتي الجديد',
    lang: 'ar',
    expect: ['qa-km-new-connection', 'shj-sewa-move-in'],
    cls: 'synonym',
    note: 'Gulf; electricity and water',
  },
  { q: 'نتيجة الباك', lang: 'ar', expect: ['tn-edu-bac-results'], cls: 'synonym', note: 'Maghrebi short name' },
  { q: 'كرت صحي', lang: 'ar', expect: ['qa-hmc-health-card'], cls: 'synonym' },
  { q: 'ترجيع فلوس الدوا', lang: 'ar', expect: ['tn-cnam-reimbursement'], cls: 'synonym', note: 'colloquial: getting medicine money back' },
  { q: 'معاش تقاعدي', lang: 'ar', expect: PENSION, cls: 'synonym' },
  { q: 'تجديد رخصة سواقة', lang: 'ar', expect: DRIVING, cls: 'synonym', note: 'Levantine' },
  { q: 'كتب الكتاب', lang: 'ar', expect: ['ps-sjc-marriage-contract'], cls: 'synonym', note: 'everyday name of the marriage contract' },
  { q: 'بدي سجل ابني اللي انولد', lang: 'ar', expect: ['ps-moi-birth-registration'], cls: 'synonym', note: 'Levantine' },
  { q: 'خط ارضي', lang: 'ar', expect: ['ye-ptc-landline'], cls: 'synonym' },
  { q: 'دعم الفلاحين', lang: 'ar', expect: FARMERS, cls: 'synonym', note: 'فلاح for مزارع' },
  { q: 'شكوى على الكفيل', lang: 'ar', expect: ['qa-mol-labour-complaint'], cls: 'synonym', note: 'Gulf: the sponsor is the employer' },
  { q: 'بغيت ندير باسبور', lang: 'ar', expect: PASSPORT, cls: 'synonym', note: 'Maghrebi' },
  { q: 'ذوي الاحتياجات الخاصة', lang: 'ar', expect: DISABILITY, cls: 'synonym' },
  { q: 'تصريح كشتة في البر', lang: 'ar', expect: ['qa-mecc-camping-permit'], cls: 'synonym', note: 'Gulf: كشتة is a desert outing' },
  { q: 'ابحث عن عمل', lang: 'ar', expect: ['dz-anem-registration'], cls: 'synonym' },
  { q: 'نحب نخرج مضمون', lang: 'ar', expect: ['tn-tunis-birth-extract'], cls: 'synonym', note: 'Tunisian' },
  // Arabic: several words of the text
  { q: 'اشتراك انترنت', lang: 'ar', expect: INTERNET, cls: 'words' },
  { q: 'الهوية بدل فاقد', lang: 'ar', expect: ['ps-moi-id-card'], cls: 'words' },
  { q: 'تصديق الوثائق للخارج', lang: 'ar', expect: ['sy-mofae-attestation'], cls: 'words' },
  { q: 'عايز اطلع جواز سفر جديد', lang: 'ar', expect: PASSPORT, cls: 'words', note: 'Egyptian' },
  { q: 'فحص طبي قبل الزواج', lang: 'ar', expect: ['ps-sjc-marriage-contract'], cls: 'words' },
  // Arabic: missing hamza and madda
  { q: 'اخراج قيد عائلي', lang: 'ar', expect: FAMILY_RECORD, cls: 'hamza' },
  { q: 'اعفاء جمركي للسيارة', lang: 'ar', expect: ['tn-douane-car-fcr'], cls: 'hamza' },
  { q: 'شهادة اعاقة', lang: 'ar', expect: DISABILITY, cls: 'hamza' },
  { q: 'التعريف بالامضاء', lang: 'ar', expect: ['tn-tunis-signature'], cls: 'hamza' },
  { q: 'الياف بصرية', lang: 'ar', expect: ['dz-at-idoom-fibre'], cls: 'hamza' },
  { q: 'تازر', lang: 'ar', expect: ['mr-taazour-cash-transfer'], cls: 'hamza', note: 'agency name without madda' },
  // Arabic: taa marbuta as haa, other spellings
  { q: 'شهاده ميلاد', lang: 'ar', expect: BIRTH_CERT, cls: 'orthography' },
  { q: 'بطاقه هويه', lang: 'ar', expect: ID_CARD, cls: 'orthography' },
  { q: 'منحه البطاله', lang: 'ar', expect: ['dz-anem-unemployment-allowance'], cls: 'orthography' },
  // Arabic: plurals
  { q: 'رخص البناء', lang: 'ar', expect: ['tn-tunis-building-permit'], cls: 'plural' },
  { q: 'المتقاعدين', lang: 'ar', expect: PENSION, cls: 'plural' },
  { q: 'مساعدات للاسر الفقيرة', lang: 'ar', expect: CASH, cls: 'plural' },
  // Arabic: attached و، ب، ل
  { q: 'ورخصة السياقة', lang: 'ar', expect: DRIVING, cls: 'clitic' },
  { q: 'بالتحويلات النقدية', lang: 'ar', expect: CASH, cls: 'clitic' },
  { q: 'لمعادلة شهادتي الجامعية', lang: 'ar', expect: ['ye-mohe-equivalence'], cls: 'clitic' },
  // Arabic: as-you-type prefixes
  { q: 'بطاقة الشف', lang: 'ar', expect: ['dz-cnas-chifa'], cls: 'prefix' },
  { q: 'جواز الس', lang: 'ar', expect: PASSPORT, cls: 'prefix' },
  { q: 'التعريف بالإم', lang: 'ar', expect: ['tn-tunis-signature'], cls: 'prefix' },
  // Arabic: typos
  { q: 'جوزا السفر', lang: 'ar', expect: PASSPORT, cls: 'typo' },
  { q: 'تعويص نهاية الخدمة', lang: 'ar', expect: ['lb-nssf-end-of-service'], cls: 'typo' },

  // Latin letters: English
  { q: 'passport renewal', lang: 'en', expect: PASSPORT, cls: 'partial' },
  { q: 'power of attorney', lang: 'en', expect: POA, cls: 'partial' },
  { q: 'disability card', lang: 'en', expect: DISABILITY, cls: 'partial' },
  { q: 'health card qatar', lang: 'en', expect: ['qa-hmc-health-card'], cls: 'partial' },
  { q: 'winter camping permit', lang: 'en', expect: ['qa-mecc-camping-permit'], cls: 'exact' },
  { q: 'electricity connection', lang: 'en', expect: ELECTRICITY, cls: 'words' },
  { q: 'equivalency of certificates', lang: 'en', expect: EQUIVALENCE, cls: 'stem' },
  { q: 'marriage contracts', lang: 'en', expect: ['ps-sjc-marriage-contract'], cls: 'stem' },
  { q: 'unpaid salary complaint', lang: 'en', expect: ['qa-mol-labour-complaint'], cls: 'synonym' },
  // Latin letters: French as used in the Maghreb and Lebanon
  { q: 'casier judiciaire', lang: 'en', expect: CRIMINAL_RECORD, cls: 'synonym' },
  { q: 'extrait de naissance', lang: 'en', expect: BIRTH_EXTRACT, cls: 'synonym' },
  { q: 'carte grise', lang: 'en', expect: ['dz-int-carte-grise'], cls: 'synonym' },
  {
    q: 'permis de conduire biometrique',
    lang: 'en',
    expect: ['dz-int-driving-licence'],
    cls: 'synonym',
    note: 'biometric narrows it to Algeria',
  },
  { q: 'legalisation de signature', lang: 'en', expect: ['tn-tunis-signature'], cls: 'synonym' },
  { q: 'remboursement cnam', lang: 'en', expect: ['tn-cnam-reimbursement'], cls: 'synonym' },
  { q: 'allocation chomage', lang: 'en', expect: ['dz-anem-unemployment-allowance'], cls: 'synonym' },
  { q: 'voiture FCR', lang: 'en', expect: ['tn-douane-car-fcr'], cls: 'partial' },
  // Latin letters: Arabizi
  { q: 'jawaz safar', lang: 'en', expect: PASSPORT, cls: 'synonym' },
  { q: 'shahadet i3a9a', lang: 'en', expect: DISABILITY, cls: 'synonym' },
  { q: 'ekhraj 2ayd 3a2ili', lang: 'en', expect: FAMILY_RECORD, cls: 'synonym' },
];
