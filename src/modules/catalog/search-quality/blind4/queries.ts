// The fourth blind judged set's queries (issue 12), written with the judgments below before the engine
// was ever run on this catalog (see README.md). Not to be tuned against.
import type { JudgedQuery } from '../../testing.ts';

const ID = ['so-nira-national-id', 'dj-mi-cni', 'km-mi-cni'];
const PASSPORT = ['so-imm-passport', 'dj-mi-passport', 'km-mi-passport'];
const DEATH = ['dj-mi-death', 'kw-moj-inheritance', 'dj-cnss-survivor-pension'];
const FAMILY_ALLOWANCE = ['dj-cnss-family-allowance', 'lb-nssf-family-allowance'];
const PREPAID = ['dj-edd-prepaid', 'eg-elec-prepaid-meter'];
const BILL = ['kw-mew-bill', 'tn-steg-bill', 'eg-elec-meter-reading'];
const OUTAGE = ['ly-gecol-outage', 'qa-kahramaa-leak'];
const TAWJIHI = ['jo-moe-tawjihi', 'ps-moehe-tawjihi'];
const SECONDARY = ['eg-moe-thanaweya-results', 'jo-moe-tawjihi', 'ps-moehe-tawjihi', 'dz-onec-bac', 'ma-men-massar'];
const BAC = ['dz-onec-bac', 'ma-men-massar'];
const AID = ['om-mosd-social-security', 'eg-moss-takaful', 'iq-molsa-social-protection'];
const DISABILITY = ['om-mosd-disability-card', 'eg-moss-integrated-services-card'];

export const blind4Queries: JudgedQuery[] = [
  // Arabic: exact and partial names
  { q: 'بطاقة التعريف الوطنية الجيبوتية', lang: 'ar', expect: ['dj-mi-cni'], cls: 'exact', note: 'exact name' },
  { q: 'جواز السفر القمري', lang: 'ar', expect: ['km-mi-passport'], cls: 'exact', note: 'exact name' },
  { q: 'مستخرج عقد الميلاد', lang: 'ar', expect: ['dj-mi-birth-extract'], cls: 'exact', note: 'exact name' },
  { q: 'تعويض نهاية الخدمة', lang: 'ar', expect: ['lb-nssf-end-of-service'], cls: 'exact', note: 'name without its verb' },
  { q: 'منحة البطالة', lang: 'ar', expect: ['dz-anem-unemployment'], cls: 'exact', note: 'name without its verb' },
  { q: 'تكافل وكرامة', lang: 'ar', expect: ['eg-moss-takaful'], cls: 'exact', note: 'programme name' },
  { q: 'السجل العدلي', lang: 'ar', expect: ['ma-mj-casier'], cls: 'exact', note: 'Moroccan name of the document' },
  { q: 'استرجاع مصاريف العلاج', lang: 'ar', expect: ['tn-cnam-reimbursement'], cls: 'exact', note: 'exact name' },
  { q: 'بطاقة الهوية الوطنية', lang: 'ar', expect: ID, cls: 'partial', note: 'common name: every national identity card' },
  { q: 'جواز سفر', lang: 'ar', expect: PASSPORT, cls: 'partial', note: 'indefinite, every passport' },
  { q: 'رخصة تجارية مقديشو', lang: 'ar', expect: ['so-bra-business-licence'], cls: 'partial', note: 'adjective form and city' },
  { q: 'المنح العائلية', lang: 'ar', expect: FAMILY_ALLOWANCE, cls: 'partial', note: 'Djiboutian name, both family allowances' },
  { q: 'فاتورة الكهرباء', lang: 'ar', expect: BILL, cls: 'partial', note: 'every electricity bill service' },
  { q: 'الشهر العقاري', lang: 'ar', expect: ['eg-ren-poa', 'eg-ren-property-registration'], cls: 'partial', note: 'Egyptian agency name' },
  { q: 'نتيجة الثانوية العامة', lang: 'ar', expect: SECONDARY, cls: 'partial', note: 'every secondary-leaving exam result' },
  { q: 'البكالوريا', lang: 'ar', expect: BAC, cls: 'partial', note: 'one word, Algerian spelling (Moroccan الباكالوريا)' },
  { q: 'شهادة الملكية', lang: 'ar', expect: ['ma-ancfcc-property-certificate'], cls: 'partial', note: 'part of the name' },
  { q: 'تصريح عمل', lang: 'ar', expect: ['jo-mol-work-permit'], cls: 'partial', note: 'indefinite name' },
  // Arabic: several words, colloquial sentences, life events
  { q: 'تجديد جواز السفر', lang: 'ar', expect: PASSPORT, cls: 'words', note: 'renewal, in every passport description' },
  { q: 'توفي ابوي شو لازم اعمل', lang: 'ar', expect: DEATH, cls: 'words', note: 'life event, Levantine' },
  { q: 'ابوي مات وش اسوي', lang: 'ar', expect: DEATH, cls: 'words', note: 'life event, Gulf' },
  { q: 'كرت الكهربا خلص رصيده', lang: 'ar', expect: PREPAID, cls: 'words', note: 'colloquial, prepaid credit ran out' },
  { q: 'الكهربا مقطوعة عندنا', lang: 'ar', expect: OUTAGE, cls: 'words', note: 'colloquial, power cut' },
  { q: 'هل علي منع سفر', lang: 'ar', expect: ['kw-moj-travel-ban'], cls: 'words', note: 'question sentence' },
  { q: 'ابغى احجز موعد بالمركز الصحي', lang: 'ar', expect: ['om-moh-appointment'], cls: 'words', note: 'Gulf sentence with clitic' },
  { q: 'الفاتورة جاية عالية اوي', lang: 'ar', expect: ['eg-elec-meter-reading'], cls: 'words', note: 'Egyptian complaint sentence' },
  {
    q: 'عايز انقل ابني لمدرسة تانية',
    lang: 'ar',
    expect: ['qa-moehe-school-transfer'],
    cls: 'words',
    note: 'Egyptian sentence, school transfer',
  },
  { q: 'ما دفعولي راتبي صاحب الشغل', lang: 'ar', expect: ['jo-mol-labour-complaint'], cls: 'words', note: 'Levantine, unpaid wages' },
  // Arabic: hamza, orthography
  { q: 'تاشيرة دخول الصومال', lang: 'ar', expect: ['so-imm-evisa'], cls: 'hamza', note: 'missing hamza' },
  { q: 'معاش الارملة', lang: 'ar', expect: ['dj-cnss-survivor-pension'], cls: 'hamza', note: 'missing hamza' },
  { q: 'عقد ايجار', lang: 'ar', expect: ['om-mm-tenancy'], cls: 'hamza', note: 'missing hamza' },
  { q: 'اجازة بناء', lang: 'ar', expect: ['iq-amanat-building-permit'], cls: 'hamza', note: 'missing hamza, Iraqi term' },
  { q: 'ذوي الاعاقة', lang: 'ar', expect: DISABILITY, cls: 'hamza', note: 'missing hamza' },
  { q: 'شهادة الجنسيه', lang: 'ar', expect: ['dj-mi-nationality'], cls: 'orthography', note: 'taa marbuta as haa' },
  { q: 'توجيهى', lang: 'ar', expect: TAWJIHI, cls: 'orthography', note: 'final yaa as alef maqsura' },
  { q: 'بطاقه هويه', lang: 'ar', expect: ID, cls: 'orthography', note: 'taa marbuta as haa' },
  // Arabic: plurals and clitics
  { q: 'جوازات', lang: 'ar', expect: PASSPORT, cls: 'plural', note: 'broken plural' },
  { q: 'توثيق عقود الإيجار', lang: 'ar', expect: ['om-mm-tenancy'], cls: 'plural', note: 'broken plural عقود' },
  { q: 'توكيلات', lang: 'ar', expect: ['eg-ren-poa'], cls: 'plural', note: 'sound feminine plural' },
  { q: 'حصر ورثة', lang: 'ar', expect: ['kw-moj-inheritance'], cls: 'plural', note: 'ورثة (heirs) for الوراثة' },
  { q: 'نتائج التوجيهي', lang: 'ar', expect: TAWJIHI, cls: 'plural', note: 'plural of نتيجة' },
  { q: 'لجواز السفر', lang: 'ar', expect: PASSPORT, cls: 'clitic', note: 'attached lam' },
  { q: 'وشهادة الوفاة', lang: 'ar', expect: ['dj-mi-death'], cls: 'clitic', note: 'attached waw' },
  // Arabic: other countries' words, loanwords
  { q: 'شهادة ميلاد', lang: 'ar', expect: ['dj-mi-birth-extract'], cls: 'synonym', note: 'common name for the birth extract' },
  { q: 'فيزا الصومال', lang: 'ar', expect: ['so-imm-evisa'], cls: 'synonym', note: 'loanword for visa' },
  { q: 'باسبور', lang: 'ar', expect: PASSPORT, cls: 'synonym', note: 'loanword in Arabic letters' },
  { q: 'الكارت ناسيونال', lang: 'ar', expect: ID, cls: 'synonym', note: 'French carte nationale in Arabic letters' },
  { q: 'اعلام وراثة', lang: 'ar', expect: ['kw-moj-inheritance'], cls: 'synonym', note: 'Egyptian term for determination of heirs' },
  {
    q: 'خلاص فاتورة الستاغ',
    lang: 'ar',
    expect: ['tn-steg-bill'],
    cls: 'synonym',
    note: 'Tunisian: خلاص for payment, STEG in Arabic letters',
  },
  { q: 'كارنيه ذوي الهمم', lang: 'ar', expect: DISABILITY, cls: 'synonym', note: 'Egyptian: كارنيه and ذوي الهمم' },
  { q: 'معونة للاسر الفقيرة', lang: 'ar', expect: AID, cls: 'synonym', note: 'معونة for aid, every cash aid' },
  { q: 'نتيجة الباك', lang: 'ar', expect: BAC, cls: 'synonym', note: 'Maghreb short for baccalaureate' },
  { q: 'الكازي جوديسيير', lang: 'ar', expect: ['ma-mj-casier'], cls: 'synonym', note: 'French casier judiciaire in Arabic letters' },
  { q: 'الشوماج', lang: 'ar', expect: ['dz-anem-unemployment'], cls: 'synonym', note: 'Algerian loanword from chômage' },
  { q: 'اشتراك مية', lang: 'ar', expect: ['jo-miyahuna-subscription'], cls: 'synonym', note: 'Levantine مية for water' },
  // Arabic: typos, prefixes, generic
  { q: 'تصريخ عمل', lang: 'ar', expect: ['jo-mol-work-permit'], cls: 'typo', note: 'خ for ح' },
  { q: 'حصر الوارثة', lang: 'ar', expect: ['kw-moj-inheritance'], cls: 'typo', note: 'transposed letters' },
  { q: 'بطاقة الهو', lang: 'ar', expect: ID, cls: 'prefix', note: 'as-you-type' },
  { q: 'تكاف', lang: 'ar', expect: ['eg-moss-takaful'], cls: 'prefix', note: 'as-you-type' },
  { q: 'القضايا', lang: 'ar', expect: ['kw-moj-case-inquiry'], cls: 'generic', note: 'one word, the titled service must win' },
  // Latin letters: English
  { q: 'national ID card', lang: 'en', expect: ID, cls: 'partial', note: 'English, every national ID card' },
  { q: 'my father died what do i do', lang: 'en', expect: DEATH, cls: 'words', note: 'life event, English' },
  { q: 'electricity bills', lang: 'en', expect: BILL, cls: 'stem', note: 'English plural' },
  { q: 'power outage', lang: 'en', expect: OUTAGE, cls: 'synonym', note: 'outage for cut' },
  { q: 'work permits', lang: 'en', expect: ['jo-mol-work-permit'], cls: 'stem', note: 'English plural' },
  { q: 'tenancy contract muscat', lang: 'en', expect: ['om-mm-tenancy'], cls: 'partial', note: 'English with city' },
  { q: 'power of attorney', lang: 'en', expect: ['eg-ren-poa'], cls: 'partial', note: 'English' },
  { q: 'doctor appointment', lang: 'en', expect: ['om-moh-appointment'], cls: 'synonym', note: 'doctor for health institution' },
  { q: 'tawjihi results', lang: 'en', expect: TAWJIHI, cls: 'partial', note: 'English with transliterated name' },
  // Latin letters: French (Maghreb, Djibouti, Comoros)
  { q: "carte nationale d'identité", lang: 'en', expect: ID, cls: 'synonym', note: 'French' },
  { q: 'passeport comorien', lang: 'en', expect: ['km-mi-passport'], cls: 'synonym', note: 'French' },
  { q: "extrait d'acte de naissance", lang: 'en', expect: ['dj-mi-birth-extract'], cls: 'synonym', note: 'French' },
  { q: 'acte de deces', lang: 'en', expect: ['dj-mi-death'], cls: 'synonym', note: 'French without accent' },
  { q: 'allocations familiales', lang: 'en', expect: FAMILY_ALLOWANCE, cls: 'synonym', note: 'French' },
  { q: 'casier judiciaire', lang: 'en', expect: ['ma-mj-casier'], cls: 'synonym', note: 'French, in the English title' },
  { q: 'compteur prépayé', lang: 'en', expect: PREPAID, cls: 'synonym', note: 'French' },
  { q: 'pension de réversion', lang: 'en', expect: ['dj-cnss-survivor-pension'], cls: 'synonym', note: 'French' },
  // Latin letters: Arabic typed in Latin letters
  { q: 'minhat el batala', lang: 'en', expect: ['dz-anem-unemployment'], cls: 'synonym', note: 'Arabizi' },
  { q: 'shahadat wafat', lang: 'en', expect: ['dj-mi-death'], cls: 'synonym', note: 'Arabizi' },
  { q: 'takaful w karama', lang: 'en', expect: ['eg-moss-takaful'], cls: 'synonym', note: 'transliterated programme name' },
];
