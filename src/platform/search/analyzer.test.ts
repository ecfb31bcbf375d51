import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldDigits } from '../i18n/digits.ts';
import { analyze, isStopWord, normalizeArabic, scriptOf, stemArabic } from './analyzer.ts';

const norms = (text: string) => analyze(text).map((t) => t.norm);
const stems = (text: string) => analyze(text).map((t) => t.stem);

describe('normalizeArabic (Lucene ArabicNormalizer behaviour)', () => {
  it('folds every hamza-on-alef and madda form to a bare alef', () => {
    assert.deepEqual(norms('أحمد احمد إحمد'), ['احمد', 'احمد', 'احمد']);
    assert.equal(normalizeArabic('آمن'), 'امن');
    assert.equal(normalizeArabic('إلى'), 'الي');
  });

  it('spells taa marbuta as haa, so رخصة and رخصه are one word', () => {
    assert.deepEqual(norms('رخصة رخصه'), ['رخصه', 'رخصه']);
    assert.deepEqual(stems('رخصة رخصه'), ['رخص', 'رخص']);
  });

  it('spells alef maqsura as yaa, so مستشفى and مستشفي are one word', () => {
    assert.deepEqual(norms('مستشفى مستشفي'), ['مستشفي', 'مستشفي']);
  });

  it('drops harakat, shadda, superscript alef and tatweel', () => {
    assert.deepEqual(norms('الْخِدْمَة'), ['الخدمه']);
    assert.deepEqual(norms('خـــدمة'), ['خدمه']);
    assert.deepEqual(norms('مُحَمَّد'), ['محمد']);
    assert.equal(normalizeArabic('هٰذا'), 'هذا');
  });

  it('leaves hamza on waw and yaa alone, as Lucene does', () => {
    assert.equal(normalizeArabic('مسؤول'), 'مسؤول');
    assert.equal(normalizeArabic('جائزة'), 'جائزه');
  });
});

describe('splitting', () => {
  it('never splits a word at a haraka or shadda', () => {
    const tokens = analyze('قَدَّمَ الطَّلَبَ لِلْمُوَاطِنِينَ');
    assert.equal(tokens.length, 3);
    assert.deepEqual(
      tokens.map((t) => t.norm),
      ['قدم', 'الطلب', 'للمواطنين'],
    );
  });

  it('keeps a word whole across zero-width joiners and direction marks', () => {
    assert.deepEqual(norms('رخ\u200Cصة \u200Fجواز\u200F'), ['رخصه', 'جواز']);
  });

  it('splits on punctuation, Arabic punctuation included', () => {
    assert.deepEqual(norms('جواز،رخصة؛هوية؟ passport/visa'), ['جواز', 'رخصه', 'هويه', 'passport', 'visa']);
  });

  it('applies NFKC, so presentation forms and ligatures read as plain letters', () => {
    assert.deepEqual(norms('\uFDF2'), ['الله']);
    assert.deepEqual(norms('ﺟﻮاز'), ['جواز']);
    assert.deepEqual(norms('ＰＡＳＳＰＯＲＴ'), ['passport']);
  });

  it('gives positions that count dropped stop words', () => {
    assert.deepEqual(
      analyze('الخدمات في الرياض').map((t) => [t.norm, t.pos]),
      [
        ['الخدمات', 0],
        ['الرياض', 2],
      ],
    );
  });

  it('returns nothing for blank or punctuation-only text', () => {
    assert.deepEqual(analyze(''), []);
    assert.deepEqual(analyze('  ، . ؟ - '), []);
    assert.deepEqual(analyze('\u064E\u0650'), []);
  });
});

describe('digits', () => {
  it('folds Arabic-Indic and Persian digits to ASCII', () => {
    assert.equal(foldDigits('١٤٤٨'), '1448');
    assert.equal(foldDigits('۱۴۴۸'), '1448');
    assert.equal(foldDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹'), '0123456789 0123456789');
    assert.deepEqual(norms('عام ١٤٤٨ و2026'), ['عام', '1448', 'و2026']);
    assert.deepEqual(norms('١٤٤٨ ۱۴۴۸ 1448'), ['1448', '1448', '1448']);
  });
});

describe('stemArabic (Lucene ArabicStemmer light10 behaviour)', () => {
  it('takes one prefix off: ال وال بال كال فال لل و', () => {
    assert.deepEqual(stems('والخدمات بالجواز للمواطنين كالطالب فالقرار'), ['خدم', 'جواز', 'مواطن', 'طالب', 'قرار']);
    assert.equal(stemArabic('والكتاب'), 'كتاب'); // وال, not و then ال
    assert.equal(stemArabic('وزارة'), 'زار'); // و off (5 letters), then ة
  });

  it('keeps the prefix when too little would remain', () => {
    assert.equal(stemArabic('وزن'), 'وزن'); // a lone و needs 4+ letters
    assert.equal(stemArabic('الم'), 'الم'); // ال needs 2 letters after it
    assert.equal(stemArabic('بالي'), 'بال'); // بال needs 2 letters after it; the suffix ي still comes off
    assert.equal(stemArabic('وال'), 'وال');
  });

  it('takes suffixes off in Lucene order while two letters remain', () => {
    assert.equal(stemArabic('خدماتها'), 'خدم'); // ها, then ات
    assert.equal(stemArabic('مهندسون'), 'مهندس');
    assert.equal(stemArabic('معلمين'), 'معلم');
    assert.equal(stemArabic('بيانات'), 'بيان'); // ان was already tried before ات came off
    assert.equal(stemArabic('رخصه'), 'رخص');
    assert.equal(stemArabic('مدني'), 'مدن');
    assert.equal(stemArabic('به'), 'به');
    assert.equal(stemArabic('كتبه'), 'كتب');
  });

  it('groups plurals and singulars on one stem', () => {
    assert.deepEqual(stems('الخدمات خدمة الخدمة'), ['خدم', 'خدم', 'خدم']);
    assert.deepEqual(stems('رخص رخصة الرخصة'), ['رخص', 'رخص', 'رخص']);
    assert.deepEqual(stems('جوازات الجواز'), ['جواز', 'جواز']);
  });

  it('keeps the prefixed word as the normalised form, the bare one as the stem', () => {
    const [t] = analyze('بالجوازات');
    assert.equal(t.norm, 'بالجوازات');
    assert.equal(t.stem, 'جواز');
    assert.equal(t.script, 'arabic');
  });
});

describe('English', () => {
  it('lower-cases and stems with Porter', () => {
    assert.deepEqual(stems('Renewing renewal RENEW renewed renews'), ['renew', 'renew', 'renew', 'renew', 'renew']);
    assert.deepEqual(norms('Renewing'), ['renewing']);
    assert.deepEqual(stems('passports Passport'), ['passport', 'passport']);
  });

  it('leaves codes with digits unstemmed', () => {
    assert.deepEqual(stems('ISO9001 covid19'), ['iso9001', 'covid19']);
  });
});

describe('stop words', () => {
  it('drops Arabic particles in any spelling, and their و-forms', () => {
    assert.deepEqual(norms('في من على إلى الى إلي عن مع هذا هذه التي الذي و'), []);
    assert.deepEqual(norms('وفي ومن والتي'), []);
    assert.deepEqual(norms('تجديد جواز السفر في الرياض'), ['تجديد', 'جواز', 'السفر', 'الرياض']);
  });

  it('drops English stop words', () => {
    assert.deepEqual(norms('The renewal of a passport'), ['renewal', 'passport']);
  });

  it('keeps words that matter in a service search', () => {
    assert.deepEqual(norms('غير سعودي التعليم عن بعد'), ['غير', 'سعودي', 'التعليم', 'بعد']);
  });

  it('flags stop words instead of dropping them when asked', () => {
    const tokens = analyze('رخصة من', { keepStopWords: true });
    assert.deepEqual(
      tokens.map((t) => [t.norm, t.stop ?? false]),
      [
        ['رخصه', false],
        ['من', true],
      ],
    );
    assert.ok(isStopWord('الي'));
    assert.ok(!isStopWord('جواز'));
  });

  it("drops the verbs of asking for a paper in the dialects, and keeps the catalog's own verbs", () => {
    assert.deepEqual(norms('شلون بطلع جواز سفر'), ['جواز', 'سفر']);
    assert.deepEqual(norms('ابغى أحصل على رخصة'), ['رخصه']);
    assert.deepEqual(norms('استخراج إصدار'), ['استخراج', 'اصدار']);
  });

  it('tells a word which stop words came before it, when stop words are kept (a negation for synonyms)', () => {
    const tokens = analyze('ورقة لا حكم عليه', { keepStopWords: true }).filter((t) => !t.stop);
    assert.deepEqual(
      tokens.map((t) => [t.norm, t.before ?? []]),
      [
        ['ورقه', []],
        ['حكم', ['لا']],
      ],
    );
    assert.equal(analyze('لا حكم')[0].before, undefined);
  });
});

describe('script', () => {
  it('tells Arabic, Latin and other tokens apart', () => {
    assert.deepEqual(
      analyze('جواز passport 1448 ПАСПОРТ').map((t) => t.script),
      ['arabic', 'latin', 'other', 'other'],
    );
    assert.equal(scriptOf('abcخدمة'), 'arabic');
  });
});

describe('index and query agree', () => {
  it('gives the same stem to every spelling a user might type', () => {
    const variants = ['الخدمة', 'الْخِدْمَةُ', 'الخـــدمه', 'خدمات', 'والخدمات', 'بالخدمة'];
    assert.deepEqual(new Set(variants.map((v) => analyze(v)[0].stem)), new Set(['خدم']));
  });
});

describe('letters Arabic script borrows for foreign sounds', () => {
  it('folds g, v, p, ch and zh letters to the letters they are drawn from, at index and query time alike', () => {
    // ڨ and گ (both a Maghrebi /g/) become one letter, ق.
    assert.deepEqual(norms('ڨاز گاز قاز'), ['قاز', 'قاز', 'قاز']);
    assert.deepEqual(norms('ڤيديو فيديو'), ['فيديو', 'فيديو']);
    assert.deepEqual(norms('پلاك بلاك'), ['بلاك', 'بلاك']);
    assert.deepEqual(norms('چيك جيك'), ['جيك', 'جيك']);
    assert.deepEqual(norms('ژورنال زورنال'), ['زورنال', 'زورنال']);
    // A Persian keyboard's kaf and yaa.
    assert.deepEqual(norms('کتاب كتاب'), ['كتاب', 'كتاب']);
    assert.equal(normalizeArabic('سیارة'), 'سياره');
  });
});

describe('French in the Latin path', () => {
  it('folds accents and ligatures, so «état», «Etat» and «etat» are one word', () => {
    assert.deepEqual(norms('état ÉTAT etat'), ['etat', 'etat', 'etat']);
    assert.deepEqual(stems('Déclaration déclaration declaration'), stems('declaration declaration declaration'));
    assert.deepEqual(norms('Œuvre Ça garçon'), ['oeuvre', 'ca', 'garcon']);
  });

  it('drops elided articles and particles with either apostrophe', () => {
    assert.deepEqual(norms("l'acte d'état civil"), ['acte', 'etat', 'civil']);
    assert.deepEqual(norms('d’immatriculation'), ['immatriculation']);
    assert.deepEqual(norms("qu'elle jusqu'au"), []);
    // English contractions keep their word: the apostrophe comes after it.
    assert.deepEqual(norms("driver's licence").slice(0, 1), ['driver']);
    assert.deepEqual(norms("l'acte d'amour"), ['acte', 'amour']);
  });

  it('drops French articles, prepositions and the words of asking, keeping the need', () => {
    assert.deepEqual(stems('je voudrais le permis de construire pour ma maison'), stems('permis construire maison'));
    assert.deepEqual(stems('comment faire une déclaration des revenus'), stems('declaration revenus'));
    for (const w of ['le', 'la', 'les', 'des', 'du', 'de', 'au', 'aux', 'pour', 'veux', 'comment']) assert.ok(isStopWord(w), w);
    // English words that look French keep their meaning.
    for (const w of ['son', 'sa', 'permit', 'card']) assert.ok(!isStopWord(w), w);
  });
});

describe('dialect request words', () => {
  it('are stop words in every dialect, so a sentence is read for its need', () => {
    const content = (q: string) => analyze(q).map((t) => t.norm);
    assert.deepEqual(content('حابب اجدد الاقامة'), ['اجدد', 'الاقامه']);
    assert.deepEqual(content('نبغي نسجل ابني في المدرسة'), ['نسجل', 'ابني', 'المدرسه']);
    assert.deepEqual(content('فين نلقى مكتب البريد'), ['نلقي', 'مكتب', 'البريد']);
    assert.deepEqual(content('ازاي اعمل توكيل'), ['اعمل', 'توكيل']);
    assert.deepEqual(content('عافاك واش كاين موعد'), ['كاين', 'موعد']);
    assert.deepEqual(content('بدنا نعرف ليش تأخر المعاش'), ['نعرف', 'تاخر', 'المعاش']);
  });
});

describe('French loanwords in Arabic letters', () => {
  it('stems every spelling of a loanword as its usual spelling, keeping its own stem beside it', () => {
    const one = analyze('الباصبور')[0];
    assert.equal(one.stem, analyze('باسبور')[0].stem);
    assert.ok(one.alt?.includes('باصبور'));
    for (const w of ['باسبورط', 'پاسبور', 'والباسبورت']) assert.equal(analyze(w)[0].stem, one.stem, w);
    // grise, with گ, ق, غ or ج: one stem.
    const grise = new Set(['گريز', 'قريز', 'غريز', 'جريز', 'كريز'].map((w) => analyze(w)[0].stem));
    assert.equal(grise.size, 1);
    // A loanword that is an MSA word spelled otherwise stems as the MSA word.
    assert.equal(analyze('الفاكتورة')[0].stem, analyze('الفاتورة')[0].stem);
    assert.equal(analyze('الديبلوم')[0].stem, analyze('الدبلوم')[0].stem);
  });

  it('leaves Arabic words alone', () => {
    // «غريزة» (instinct) is not «غريز» (grise); «فيش» (there is none) is not «لافيش» (la fiche).
    assert.notEqual(analyze('الغريزة')[0].stem, analyze('جريز')[0].stem);
    assert.equal(analyze('فيش')[0].alt, undefined);
    assert.equal(analyze('الكارت')[0].stem, 'كارت');
  });
});
