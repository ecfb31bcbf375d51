import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { normalizeArabic, stemArabic } from './analyzer.ts';
import { loanwordOf, parseLoanwords, parsePlurals, pluralCount, singularOf } from './lexicon.ts';

const of = (word: string) => singularOf(normalizeArabic(word));
const file = (name: string) => readFileSync(new URL(`./lexicon/${name}`, import.meta.url), 'utf8');

describe('broken-plural lexicon', () => {
  it('joins the plurals the light stemmer cannot', () => {
    const pairs: [string, string][] = [
      ['قروض', 'قرض'],
      ['مشاريع', 'مشروع'],
      ['عقود', 'عقد'],
      ['مساكن', 'مسكن'],
      // Government services
      ['تراخيص', 'ترخيص'],
      ['تصاريح', 'تصريح'],
      ['وثائق', 'وثيقة'],
      ['رسوم', 'رسم'],
      ['ضرائب', 'ضريبة'],
      ['محاكم', 'محكمة'],
      ['قضايا', 'قضية'],
      ['مكاتب', 'مكتب'],
      ['مواعيد', 'موعد'],
      ['رواتب', 'راتب'],
      ['أراضي', 'أرض'],
      ['صكوك', 'صك'],
      ['مواليد', 'مولود'],
      ['أطفال', 'طفل'],
      ['وظائف', 'وظيفة'],
      ['أحوال', 'حال'],
      ['ورثة', 'وارث'],
      ['أوقاف', 'وقف'],
      ['منافذ', 'منفذ'],
      ['مدارس', 'مدرسة'],
      ['أطباء', 'طبيب'],
      ['أدوية', 'دواء'],
      ['مصانع', 'مصنع'],
      ['حدائق', 'حديقة'],
      ['نماذج', 'نموذج'],
      ['شروط', 'شرط'],
      ['قواعد', 'قاعدة'],
      ['وصايا', 'وصية'],
      ['أنشطة', 'نشاط'],
    ];
    for (const [plural, singular] of pairs) assert.equal(of(plural), normalizeArabic(singular), plural);
  });

  it('spells both sides as the analyzer does: hamza, alef maqsura, teh marbuta and harakat folded', () => {
    assert.equal(of('الأَحْوَال'), 'حال');
    assert.equal(of('دعاوى'), 'دعوي');
    assert.equal(of('إقامات'), undefined);
  });

  it('looks through a leading article or و', () => {
    assert.equal(of('المشاريع'), 'مشروع');
    assert.equal(of('والعقود'), 'عقد');
    assert.equal(of('بالمحاكم'), 'محكمه');
    assert.equal(of('للطلاب'), 'طالب');
  });

  it('maps words that are not plurals to nothing', () => {
    const singulars =
      'خدمة تجديد إصدار رخصة هوية جواز تأشيرة سجل تجاري شهادة ميلاد زواج طلاق نقل كفالة بلاغ مخالفة تصريح ترخيص ' +
      'بطاقة وزارة بلدية محكمة إقامة إلغاء إعفاء إشعار إخطار إنجاب إثبات إضافة إيقاف استخراج عمل سفر مرور تأمين ' +
      'صحة تعليم إسكان دعم ضمان حساب موعد اشتراك كهرباء تجارة شركة مؤسسة نشاط علامة سكن أرض بناء حج عمرة زيارة ' +
      'أسرة منحة ابتعاث جامعة طالب معلم مدرسة إجراء إعداد إعلان إنشاء إصلاح إلكتروني استعلام طباعة دفع سداد ' +
      'كتاب حكم بلد جهاز شركة ذوي العليا محام مرافق مزارع إعمار إنفاق وكالة وثيقة مواطن مقيم وافد عامل ' +
      // A word + ه spelled like a فَعَلَة plural, and the article + a word the dictionary lists as a plural.
      'نفسه وضعه عنده هدفه بحثه زوجة الزوجة';
    const wrong = singulars.split(' ').filter((w) => of(w) !== undefined);
    assert.deepEqual(wrong, []);
  });

  it('ships at least 2,000 pairs, each joining words the light stemmer keeps apart', () => {
    const generated = parsePlurals(file('plurals.arramooz.tsv'));
    assert.ok(generated.size >= 2000, `${generated.size} generated pairs`);
    assert.ok(pluralCount() >= generated.size);
    const hand = parsePlurals(file('plurals.yusr.tsv'));
    for (const [plural, singular] of [...generated, ...hand]) {
      assert.match(plural, /^[\u0621-\u064A]{3,}$/, plural);
      assert.notEqual(stemArabic(plural), stemArabic(singular), `${plural} → ${singular} adds nothing to the stemmer`);
    }
  });

  it('reads a "-" singular as a removal and skips comments', () => {
    const map = parsePlurals('# note\nعقود\tعقد\nذوي\tذو\n');
    parsePlurals('ذوي\t-\n', map);
    assert.deepEqual([...map], [['عقود', 'عقد']]);
  });
});

describe('French loanwords in Arabic letters', () => {
  const loans = parseLoanwords(file('loanwords.fr.tsv'));

  it('names for each spelling a usual spelling that names itself (one step, no chains)', () => {
    assert.ok(loans.size >= 100, `${loans.size} spellings`);
    for (const [spelling, usual] of loans) {
      assert.match(spelling, /^[\u0621-\u064A]{3,}$/, spelling);
      assert.equal(loans.get(usual), usual, `${spelling} → ${usual}, which names ${loans.get(usual)}`);
    }
  });

  it('holds no word the plural lexicon knows as Arabic, so no Arabic word is respelled', () => {
    const arabic = [...loans.keys()].filter((w) => of(w) !== undefined);
    assert.deepEqual(arabic, []);
  });

  it('looks through an article, و and the French «لا», normalising borrowed letters', () => {
    assert.equal(loanwordOf(normalizeArabic('الباسبورط')), 'باسبور');
    assert.equal(loanwordOf(normalizeArabic('وپاسبور')), 'باسبور');
    assert.equal(loanwordOf(normalizeArabic('لاسيجور')), 'سيجور');
    assert.equal(loanwordOf(normalizeArabic('ڨريز')), 'جريز');
    // A spelling listed whole wins over «لا» + a loanword: «لاكارت» (the identity card) is not «كارت».
    assert.equal(loanwordOf(normalizeArabic('لاكارط')), 'لاكارت');
    assert.equal(loanwordOf(normalizeArabic('جواز')), undefined);
  });
});
