import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from './analyzer.ts';
import { EXACT, expandTerm, VERB } from './expand.ts';
import { type FieldSpec, type SearchDoc, SearchIndex } from './index.ts';
import { actionNounsOf, parseVerbs, verbFormCount } from './verbs.ts';
import { Vocabulary } from './vocabulary.ts';

// Service-action verbs (lexicon/verbs.tsv): a person names a service by what they want to do
// («ابي اجدد الاقامة», «بدي سجل ابني»), a catalog by the verbal noun (تجديد، تسجيل). The catalog
// below is this file's own (no demo, no judged set); each family holds services that share their
// object and differ by the action, so only the verb can pick the right one.

interface Doc extends SearchDoc {
  name_ar?: string;
  name_en?: string;
  description?: string;
}

const fields: FieldSpec<Doc>[] = [
  { name: 'name_ar', weight: 5, title: true },
  { name: 'name_en', weight: 5, title: true },
  { name: 'description', weight: 1, expand: false },
];

const catalog: Record<string, Doc> = {
  'residence-cancel': { name_ar: 'إلغاء إقامة وافد', name_en: 'Expatriate residence cancellation' },
  'residence-issue': { name_ar: 'إصدار إقامة وافد', name_en: 'Expatriate residence issuance' },
  'residence-renew': { name_ar: 'تجديد إقامة وافد', name_en: 'Expatriate residence renewal' },
  'residence-transfer': { name_ar: 'نقل إقامة وافد إلى جواز جديد', name_en: 'Residence transfer to a new passport' },
  'kafala-cancel': { name_ar: 'إلغاء كفالة عامل', name_en: 'Worker sponsorship cancellation' },
  'kafala-transfer': { name_ar: 'نقل كفالة عامل', name_en: 'Worker sponsorship transfer' },
  'kafala-waive': { name_ar: 'تنازل عن كفالة عامل', name_en: 'Worker sponsorship waiver' },
  'fines-inquire': { name_ar: 'الاستعلام عن المخالفات المرورية', name_en: 'Traffic fines inquiry' },
  'fines-object': { name_ar: 'الاعتراض على المخالفات المرورية', name_en: 'Traffic fines objection' },
  'fines-pay': { name_ar: 'سداد المخالفات المرورية', name_en: 'Traffic fines payment' },
  'cert-attest': { name_ar: 'تصديق شهادة دراسية', name_en: 'Academic certificate attestation' },
  'cert-extract': { name_ar: 'استخراج شهادة دراسية', name_en: 'Academic certificate copy' },
  'cert-translate': { name_ar: 'ترجمة شهادة دراسية', name_en: 'Academic certificate translation' },
  'land-buy': { name_ar: 'شراء أرض سكنية', name_en: 'Residential plot purchase' },
  'land-sell': { name_ar: 'بيع أرض سكنية', name_en: 'Residential plot sale' },
  'house-build': { name_ar: 'رخصة بناء منزل', name_en: 'House building permit' },
  'house-rent': { name_ar: 'استئجار منزل حكومي', name_en: 'Government house rental' },
  'school-register': { name_ar: 'تسجيل طالب في مدرسة', name_en: 'School registration' },
  'school-transfer': { name_ar: 'نقل طالب من مدرسة', name_en: 'School transfer' },
  hajj: { name_ar: 'تصريح الحج', name_en: 'Hajj permit' },
  umrah: { name_ar: 'تصريح العمرة', name_en: 'Umrah permit' },
  travel: { name_ar: 'تصريح سفر لقاصر', name_en: 'Travel permit for a minor' },
  retire: { name_ar: 'طلب التقاعد المبكر', name_en: 'Early retirement request' },
  complaint: { name_ar: 'تقديم شكوى ضد منشأة', name_en: 'Complaint against a business' },
  'appt-book': { name_ar: 'حجز موعد مراجعة', name_en: 'Book a visit appointment' },
  'appt-cancel': { name_ar: 'إلغاء موعد مراجعة', name_en: 'Cancel a visit appointment' },
  'shop-close': { name_ar: 'إغلاق محل تجاري', name_en: 'Shop closure' },
  'shop-open': { name_ar: 'فتح محل تجاري', name_en: 'Shop opening' },
  'name-change': { name_ar: 'تغيير الاسم', name_en: 'Change of name' },
  'data-amend': { name_ar: 'تعديل البيانات الشخصية', name_en: 'Personal data amendment' },
  'job-apply': { name_ar: 'التقديم على وظيفة', name_en: 'Job application' },
  'card-issue': { name_ar: 'إصدار البطاقة المدنية', name_en: 'Civil ID card issuance' },
  'card-replace': { name_ar: 'استبدال البطاقة المدنية', name_en: 'Civil ID card replacement' },
  'trade-cancel': { name_ar: 'شطب رخصة تجارية', name_en: 'Trade licence cancellation' },
  'trade-register': { name_ar: 'قيد رخصة تجارية', name_en: 'Trade licence registration' },
  'commercial-record': { name_ar: 'شهادة من السجل التجاري', name_en: 'Commercial record certificate' },
};

function build(): SearchIndex<Doc> {
  const i = new SearchIndex<Doc>({ fields });
  for (const [id, doc] of Object.entries(catalog)) i.add(id, doc);
  return i;
}

const i = build();
const first = (q: string) => i.search(q, { prefix: false, limit: 10 }).hits[0]?.id;
const ids = (q: string) => i.search(q, { prefix: false, limit: 50 }).hits.map((h) => h.id);
const word = (q: string) => analyze(q, { keepStopWords: true }).filter((t) => !t.stop);

describe('service-action verbs: the action a person types picks the service named by its masdar', () => {
  const cases: [string, string][] = [
    // Gulf, with and without the article and a pronoun
    ['ابي اجدد الاقامة', 'residence-renew'],
    ['كيف الغي الاقامة', 'residence-cancel'],
    ['ودي اصدر اقامة', 'residence-issue'],
    ['ابغى انقل الاقامة', 'residence-transfer'],
    ['ابغى انقل كفالة عامل', 'kafala-transfer'],
    ['كيف الغي الكفالة', 'kafala-cancel'],
    ['ابي اتنازل عن الكفالة', 'kafala-waive'],
    ['ابي استعلم عن مخالفاتي', 'fines-inquire'],
    ['ابي اعترض على مخالفة', 'fines-object'],
    ['ابي اصدق شهادتي', 'cert-attest'],
    ['ابي استخرج شهادة', 'cert-extract'],
    ['ابي اشتري ارض', 'land-buy'],
    ['ابي ابيع ارضي', 'land-sell'],
    ['ابي استاجر منزل', 'house-rent'],
    ['ابي اتقاعد', 'retire'],
    ['ابي احجز موعد', 'appt-book'],
    ['ابي الغي موعدي', 'appt-cancel'],
    ['ابي افتح محل', 'shop-open'],
    ['ابي اقفل المحل', 'shop-close'],
    ['ابي اغير اسمي', 'name-change'],
    ['ابي اعدل بياناتي', 'data-amend'],
    ['ابي اقدم على وظيفة', 'job-apply'],
    ['ابي استبدل البطاقة', 'card-replace'],
    ['ابي اعتمر', 'umrah'],
    ['ناوي احج', 'hajj'],
    // Levantine: «بدي» before the bare imperfect, and the «ب» present
    ['بدي سجل ابني بالمدرسة', 'school-register'],
    ['بدي ترجم شهادة', 'cert-translate'],
    ['بدي سافر', 'travel'],
    ['بجدد اقامتي', 'residence-renew'],
    // Egyptian «عايز», the «ح»/«ه» future; Maghrebi «نحب» and the «ن» first person
    ['عايز اسدد المخالفات', 'fines-pay'],
    ['حجدد الاقامة', 'residence-renew'],
    ['هجدد الإقامة', 'residence-renew'],
    ['نحب نجدد الاقامة', 'residence-renew'],
    // Building only after a word of wanting («ابني» alone is my son)
    ['ابي ابني منزل', 'house-build'],
    ['حابب اشتكي على منشأة', 'complaint'],
    // English where the Porter stem of the verb is not its noun's
    ['how do I register a trade licence', 'trade-register'],
    ['I want to pay traffic fines', 'fines-pay'],
  ];
  for (const [q, want] of cases) {
    it(`«${q}» → ${want}`, () => assert.equal(first(q), want, `${q}: ${ids(q).slice(0, 5).join(', ')}`));
  }

  it('English already joined by the stemmer stays so ("renewing" meets "renewal")', () => {
    assert.equal(first('I want to renew my expatriate residence'), 'residence-renew');
    assert.equal(first('renewing expatriate residence'), 'residence-renew');
  });
});

describe('service-action verbs: an expansion weighs less than the word itself', () => {
  it('the verb keeps its own weight; its noun comes in at the stem weight', () => {
    const vocab = new Vocabulary(5);
    const [token] = word('ابي اجدد');
    const { asWord, asStem } = expandTerm({ token, loose: true, prefix: false }, vocab, () => 0, 50);
    assert.equal(asWord.get('اجدد'), EXACT);
    assert.equal(asWord.get('تجديد'), VERB);
    assert.equal(asStem.get('تجديد'), VERB);
    assert.ok(VERB < EXACT);
  });

  it('the catalog’s own noun scores above the verb that means it', () => {
    const score = (q: string) => i.search(q, { prefix: false }).hits.find((h) => h.id === 'residence-renew')?.score ?? 0;
    assert.ok(score('تجديد الاقامة') > score('اجدد الاقامة'), `${score('تجديد الاقامة')} vs ${score('اجدد الاقامة')}`);
    assert.ok(score('اجدد الاقامة') > 0);
  });

  it('a synonym member is matched as written, not widened by the verb lexicon', () => {
    const vocab = new Vocabulary(5);
    const [token] = word('اجدد');
    const { asWord } = expandTerm({ token, loose: false, prefix: false }, vocab, () => 0, 50);
    assert.equal(asWord.has('تجديد'), false);
  });
});

describe('service-action verbs: false friends and refusals', () => {
  const nouns = (q: string) => {
    const ts = word(q);
    return actionNounsOf(ts[ts.length - 1])?.words;
  };

  it('«ابني» alone is my son; after a word of wanting it is building', () => {
    assert.equal(nouns('ابني'), undefined);
    assert.equal(nouns('تسجيل ابني'), undefined);
    assert.deepEqual(nouns('ابي ابني'), ['بناء']);
    assert.ok(!ids('ابني').includes('house-build'));
  });

  it('a bare core is a noun unless a word of wanting comes before it («سجل تجاري» is a record)', () => {
    assert.equal(nouns('سجل'), undefined);
    assert.deepEqual(nouns('بدي سجل'), ['تسجيل']);
    assert.ok(!ids('سجل تجاري').includes('school-register'));
    assert.equal(first('سجل تجاري'), 'commercial-record');
  });

  it('removed forms stay out: «بغير» (without), «منغير», «بصرف» (regardless), «بحول»', () => {
    for (const w of ['بغير', 'منغير', 'بصرف', 'بحول', 'بسجل', 'حبني']) assert.equal(nouns(w), undefined, w);
  });

  it('«افعل» is activation only after wanting, not in «كيف افعل»', () => {
    assert.equal(nouns('كيف افعل'), undefined);
    assert.deepEqual(nouns('ابي افعل'), ['تفعيل']);
  });

  it('a stop word of getting («اطلع») stays a stop word, not a verb of the lexicon', () => {
    assert.equal(word('ابي اطلع').length, 0);
  });

  it('an object pronoun and a leading «و» are looked through', () => {
    assert.deepEqual(nouns('اجددها'), ['تجديد']);
    assert.deepEqual(nouns('واسجله'), ['تسجيل']);
  });

  it('a query with no service for it finds nothing, or only a weak match', () => {
    assert.equal(i.search('ابي اصوت في الانتخابات', { prefix: false }).total, 0);
    const car = i.search('ابي اشتري سيارة', { prefix: false });
    assert.equal(car.relaxed, true);
    for (const h of car.hits) assert.ok(h.coverage < 1, h.id);
  });

  it('the lexicon file parses: every line has nouns, ~ and - work, shared forms keep both verbs’ nouns', () => {
    const m = parseVerbs('إصدار\tصدر\t-\nتصدير\tصدر\t-بصدر\nبناء\tبني\t-ابني ~ابني\n');
    assert.deepEqual(m.get('اصدر')?.words, ['اصدار', 'تصدير']);
    assert.equal(m.get('بصدر')?.afterWanting, false, 'removed from one line only');
    assert.equal(m.get('ابني')?.afterWanting, true);
    assert.equal(m.get('صدر')?.afterWanting, true);
    assert.ok(verbFormCount() > 1000);
  });
});
