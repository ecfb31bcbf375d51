import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, stemArabicLucene, stemsOf } from './analyzer.ts';
import { type FieldSpec, type SearchDoc, SearchIndex } from './index.ts';

// The failure classes of issue 12, each with examples of its own: partial matches (coordination),
// article + hamza and a word's own و, expansions only where they belong, titles first, and the
// score and matched fields every hit carries.

interface Doc extends SearchDoc {
  name_ar?: string;
  name_en?: string;
  keywords?: string;
  agency?: string;
  description?: string;
}

const fields: FieldSpec<Doc>[] = [
  { name: 'name_ar', weight: 5, title: true },
  { name: 'name_en', weight: 5, title: true },
  { name: 'keywords', weight: 3 },
  { name: 'agency', weight: 2, expand: false },
  { name: 'description', weight: 1, expand: false },
];

function index(docs: Record<string, Doc>): SearchIndex<Doc> {
  const i = new SearchIndex<Doc>({ fields });
  for (const [id, doc] of Object.entries(docs)) i.add(id, doc);
  return i;
}

const ids = (i: SearchIndex<Doc>, q: string, prefix = false) => i.search(q, { prefix, limit: 50 }).hits.map((h) => h.id);
const stems = (word: string) => stemsOf(analyze(word)[0]);
const meet = (a: string, b: string) => stems(a).some((s) => stems(b).includes(s));

describe('class 1: a query of several words, one of which misses', () => {
  const i = index({
    'visit-visa-extension': { name_ar: 'تمديد تأشيرة الزيارة', name_en: 'Visit visa extension' },
    'work-visa': { name_ar: 'إصدار تأشيرة عمل', name_en: 'Work visa issue' },
    'licence-renewal': { name_ar: 'تجديد رخصة المحل', name_en: 'Shop licence renewal' },
    'id-renewal': { name_ar: 'تجديد بطاقة الهوية', name_en: 'ID card renewal' },
    'municipal-booking': { name_ar: 'حجز موعد في البلدية', name_en: 'Municipality appointment' },
  });

  it('keeps the service matching most of the words when none matches all', () => {
    // والإقامة is in no service: three of four words still find the visit visa.
    const r = i.search('تمديد تأشيرة الزيارة والإقامة', { prefix: false });
    assert.equal(r.relaxed, true);
    assert.equal(r.hits[0].id, 'visit-visa-extension');
    assert.equal(r.hits[0].coverage, 0.75);
    // إصدار تأشيرة عمل shares one word of four: under half, left out.
    assert.ok(!r.hits.some((h) => h.id === 'work-visa'));
  });

  it('lets the rarer word decide when the service uses another word for the other', () => {
    // "renewal" where the service says "extension": visa (in two services) outweighs renewal (in two
    // as well, but matched by the title of the right one only through visa).
    assert.equal(ids(i, 'visit visa renewal')[0], 'visit-visa-extension');
    // The common word alone is not enough: renewal-only services carry less than half the idf.
    assert.deepEqual(ids(i, 'visit renewal').slice(0, 1), ['visit-visa-extension']);
  });

  it('ranks a complete match above partial ones, and marks partial ones by coverage', () => {
    const r = i.search('تجديد الهوية', { prefix: false });
    assert.equal(r.hits[0].id, 'id-renewal');
    assert.equal(r.hits[0].coverage, 1);
    for (const h of r.hits.slice(1)) assert.ok(h.coverage < 1 && h.score < r.hits[0].score / 2);
  });

  it('returns nothing, or clearly weak results, when the query is about something no service offers', () => {
    // One word in three is known: under half of the query, so only results flagged weak, each
    // matching one word of three.
    for (const q of ['رخصة صيد بحري', 'fishing boat licence']) {
      const r = i.search(q, { prefix: false });
      assert.ok(r.total > 0 && r.weak && r.relaxed, q);
      assert.ok(
        r.hits.every((h) => Math.abs(h.coverage - 1 / 3) < 1e-9),
        q,
      );
    }
    // No word known at all: nothing.
    assert.deepEqual(ids(i, 'صيد بحري'), []);
    assert.equal(i.search('صيد بحري').weak, false);
    // A query that matches well is never weak.
    assert.equal(i.search('تجديد رخصة', { prefix: false }).weak, false);
  });

  it('does not relax while every word finds enough services', () => {
    const many = index(
      Object.fromEntries(
        Array.from({ length: 6 }, (_, n) => [`r${n}`, { name_ar: `تجديد رخصة ${n}` } as Doc]).concat([['x', { name_ar: 'تجديد' }]]),
      ),
    );
    const r = many.search('تجديد رخصة', { prefix: false });
    assert.equal(r.relaxed, false);
    assert.equal(r.total, 6);
  });
});

describe('class 2: the article before a hamza, and a word’s own و', () => {
  it('takes the article off before folding hamza', () => {
    assert.ok(meet('الإلغاء', 'إلغاء'));
    assert.ok(meet('للإلزام', 'إلزامي'));
    assert.ok(meet('الألعاب', 'ألعاب'));
    assert.ok(meet('الإلكترونية', 'إلكتروني'));
    // Typed without its hamza the word is ambiguous: both readings are kept.
    assert.ok(meet('الزامي', 'إلزامي'));
    assert.ok(meet('الالزامي', 'الزامي'));
  });

  it('keeps a word’s own leading و as well as the reading without it', () => {
    assert.ok(meet('وصية', 'الوصية'));
    assert.ok(meet('ولادة', 'بالولادة'));
    assert.ok(meet('وظيفة', 'الوظيفة'));
    // و as a conjunction still comes off.
    assert.ok(meet('وتأشيرة', 'تأشيرة'));
  });

  it('keeps Lucene light10 available as it is, where Yusr differs by design', () => {
    assert.equal(stemArabicLucene('الالغاء'), 'الغاء');
    assert.equal(stemArabicLucene('الغاء'), 'غاء'); // Lucene's reading of إلغاء: the article taken off
    assert.equal(stemArabicLucene('وصيه'), 'صي');
    assert.deepEqual(stems('وصية'), ['صي', 'وص']);
  });

  it('finds a service by either spelling through the index', () => {
    const i = index({
      cancel: { name_ar: 'إلغاء الوكالة' },
      will: { name_ar: 'تسجيل وصية' },
      birth: { name_ar: 'تبليغ عن ولادة' },
    });
    for (const q of ['الإلغاء', 'إلغاء', 'الغاء', 'الالغاء', 'وكالة', 'بالوكالة']) assert.deepEqual(ids(i, q), ['cancel'], q);
    assert.deepEqual(ids(i, 'الوصية'), ['will']);
    assert.deepEqual(ids(i, 'الولادة'), ['birth']);
  });
});

describe('broken plurals through the lexicon (lexicon.ts)', () => {
  it('indexes and queries a broken plural as its singular too', () => {
    const i = index({
      loan: { name_ar: 'طلب قرض سكني' },
      project: { name_ar: 'تسجيل مشروع ناشئ' },
      contracts: { name_ar: 'توثيق العقود' },
    });
    assert.deepEqual(ids(i, 'القروض'), ['loan']);
    assert.deepEqual(ids(i, 'مشاريع'), ['project']);
    assert.deepEqual(ids(i, 'عقد'), ['contracts']);
  });
});

describe('words with attached pronouns, accusative alef and relative adjectives', () => {
  it('meets the word without an attached pronoun, and a broken plural through one', () => {
    assert.ok(meet('وظائفهم', 'الوظيفة'));
    assert.ok(meet('أنصبتهم', 'نصيب'));
    assert.ok(meet('حقوقكم', 'حقوق'));
    // A taa marbuta before a pronoun is written ت: «صلاحيتها» is «صلاحية» + ها.
    assert.ok(meet('صلاحيتها', 'صلاحية'));
    assert.ok(meet('رخصتي', 'رخصة'));
    assert.ok(meet('إقامتهم', 'الإقامة'));
  });

  it('meets a word written with the accusative alef, with or without its mark', () => {
    assert.ok(meet('تعويضاً', 'تعويض'));
    assert.ok(meet('تعويضا', 'التعويض'));
    assert.ok(meet('مجاناً', 'مجانا'));
    assert.ok(meet('يوماً', 'أيام'));
  });

  it('meets a relative adjective and its noun ending in hamza', () => {
    assert.ok(meet('دوائي', 'الدواء'));
    assert.ok(meet('القضائية', 'قضاء'));
    assert.ok(meet('كهربائي', 'الكهرباء'));
  });

  it('meets a word behind a lone ل, and behind ب before a hamza', () => {
    assert.ok(meet('لزيارة', 'الزيارة'));
    assert.ok(meet('لموظفي', 'موظف'));
    assert.ok(meet('لإدخال', 'إدخال'));
    assert.ok(meet('بإصدار', 'الإصدار'));
  });

  it('does not join words these rules would confuse', () => {
    // ب before anything but a hamza is the word's own letter: «بطاقة» (card) is not «طاقة» (energy).
    assert.ok(!meet('بطاقة', 'الطاقة'));
    assert.ok(!meet('لجنة', 'الجنة'));
    // Two letters are too few to stand for a word: «مجاناً» does not become «مج».
    assert.ok(!meet('مجاناً', 'مجلس'));
    assert.ok(!stems('مجاناً').includes('مج'));
    assert.ok(!meet('بيتي', 'بيئة'));
    assert.ok(!meet('الكهرباء', 'كهف'));
    // «ـانا» is the accusative alef after ن, not the pronoun نا: «أحياناً» is not «أحيا».
    assert.ok(!stems('أحياناً').includes('احيا'));
  });

  it('finds the service from the words a description uses', () => {
    const i = index({
      iloe: { name_ar: 'التأمين ضد التعطل', description: 'يصرف لهم تعويضاً نقدياً إذا فقدوا وظائفهم' },
      medicine: { name_ar: 'تسجيل مستحضر دوائي' },
      estate: { name_ar: 'إعلام وراثة', description: 'تحديد المستحقين للتركة وأنصبتهم الشرعية' },
    });
    assert.deepEqual(ids(i, 'تعويض الوظيفة'), ['iloe']);
    assert.deepEqual(ids(i, 'تسجيل دواء'), ['medicine']);
    assert.deepEqual(ids(i, 'نصيب'), ['estate']);
  });
});

describe('English words that are stop words elsewhere', () => {
  it('keeps «will», a legal document, as a word', () => {
    const i = index({ will: { name_en: 'Register a will' }, other: { name_en: 'Register a company' } });
    assert.deepEqual(ids(i, 'wills'), ['will']);
  });
});

describe('a synonym phrase in a relaxed query counts as the words it spans', () => {
  it('keeps a service that matches a four-word phrase when two other words match nothing', () => {
    const i = index({
      conduct: { name_ar: 'شهادة حسن السيرة والسلوك', name_en: 'Good conduct certificate' },
      other: { name_ar: 'شهادة ميلاد', name_en: 'Birth certificate' },
    });
    i.setSynonyms([['شهادة حسن السيرة والسلوك', 'good conduct certificate', 'شهادة عدم محكومية']]);
    // Six words, four of them one synonym phrase: 4 of 6 matched, not 1 of 3 clauses.
    assert.deepEqual(ids(i, 'استخراج شهادة حسن السيرة والسلوك للسفر'), ['conduct']);
    const hit = i.search('استخراج شهادة عدم محكومية للسفر', { limit: 5 }).hits[0];
    assert.equal(hit?.id, 'conduct');
    assert.equal(hit?.coverage, 3 / 5);
  });
});

describe('class 5: prefix and typo expansions only in names and keywords, below exact matches', () => {
  const i = index({
    'tax-return': { name_ar: 'تقديم الإقرار', agency: 'هيئة الزكاة والضرائب', description: 'يقدم المكلف إقراره السنوي' },
    'tax-cert': { name_ar: 'شهادة الضرائب', agency: 'هيئة الزكاة والضرائب' },
    'tax-refund': { name_ar: 'استرداد', keywords: 'الضرائب المستردة', agency: 'هيئة الزكاة والضرائب' },
  });

  it('does not match an agency’s name or a description through a typo', () => {
    // ضرايب is one letter from ضرائب: the names and keywords that hold it match, the agency does not.
    assert.deepEqual(ids(i, 'الضرايب').sort(), ['tax-cert', 'tax-refund']);
    assert.deepEqual(ids(i, 'الضرائب').sort(), ['tax-cert', 'tax-refund', 'tax-return']);
  });

  it('does not complete a word from an agency’s name or a description', () => {
    assert.deepEqual(ids(i, 'الزك', true), []);
    assert.deepEqual(ids(i, 'المكل', true), []);
    assert.deepEqual(ids(i, 'استر', true), ['tax-refund']);
  });

  it('never ranks a completion or a typo above an exact title', () => {
    const j = index({
      exact: { name_en: 'Garden permit' },
      prefix: { name_en: 'Gardenia permits', keywords: 'gardenias gardenia-care gardenia' },
      typo: { name_en: 'Gardne permit', keywords: 'gardne' },
    });
    assert.equal(ids(j, 'garden permit', true)[0], 'exact');
    assert.equal(ids(j, 'garden', true)[0], 'exact');
    assert.deepEqual(ids(j, 'garden', true).slice(-1), ['typo']);
  });
});

describe('class 6: titles first, however many keywords others carry', () => {
  const i = index({
    'building-permit': { name_ar: 'رخصة بناء', name_en: 'Building permit' },
    'permit-amend': {
      name_ar: 'تعديل رخصة بناء قائمة لمبنى تجاري',
      name_en: 'Amending an existing building permit for a commercial building',
    },
    'contractor-portal': {
      name_ar: 'بوابة المقاولين',
      name_en: 'Contractors portal',
      keywords: 'رخصة بناء، رخص البناء، بناء، building permit, building permits, permit, build, construction permit, رخصة',
      description: 'كل ما يخص رخصة البناء والبناء. Everything about building permits and building.',
    },
  });

  it('puts the service whose title is the query first, in both languages', () => {
    assert.equal(ids(i, 'building permit')[0], 'building-permit');
    assert.equal(ids(i, 'رخصة بناء')[0], 'building-permit');
    assert.equal(ids(i, 'رخص البناء')[0], 'building-permit'); // near-exact: other forms of the title's words
  });

  it('keeps a title that holds the words among others above a record that only lists them', () => {
    const order = ids(i, 'building permit');
    assert.ok(
      order.indexOf('permit-amend') < order.indexOf('contractor-portal') || order.indexOf('contractor-portal') === -1,
      order.join(),
    );
  });
});

describe('class 8: each hit’s score, coverage and matched fields', () => {
  it('names the fields that matched', () => {
    const i = index({
      a: { name_en: 'Passport renewal', description: 'Renew a passport online' },
      b: { name_en: 'Lost documents', keywords: 'passport' },
    });
    const r = i.search('passport', { prefix: false });
    assert.deepEqual(
      r.hits.map((h) => [h.id, h.fields, h.coverage]),
      [
        ['a', ['name_en', 'description'], 1],
        ['b', ['keywords'], 1],
      ],
    );
    assert.ok(r.hits[0].score > r.hits[1].score && r.hits[1].score > 0);
  });
});
