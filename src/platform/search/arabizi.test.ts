import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeArabic } from './analyzer.ts';
import { arabicSkeleton, latinSkeletons } from './arabizi.ts';
import { type SearchDoc, SearchIndex } from './index.ts';

interface Service extends SearchDoc {
  name: string;
  description?: string;
}
const fields = [
  { name: 'name', weight: 5 },
  { name: 'description', weight: 1 },
];
const ids = (index: SearchIndex<Service>, q: string) => index.search(`${q} `, { limit: 10 }).hits.map((h) => h.id);

describe('Arabic typed in Latin letters (Arabizi)', () => {
  it('reduces both scripts to the same consonant skeleton', () => {
    const ar = (w: string) => arabicSkeleton(normalizeArabic(w));
    // Long vowels, weak letters, hamza, ع and a final ة drop; emphatics share a class; the article goes.
    assert.equal(ar('جواز'), 'jz');
    assert.equal(ar('الجواز'), 'jz');
    assert.equal(ar('شهادة'), 'chd');
    assert.equal(ar('إخراج'), 'xrj');
    assert.equal(ar('صحة'), 'sh');
    assert.equal(ar('عقد'), 'qd');
    assert.equal(ar('مُحَمَّد'), 'mhmd', 'harakat go in normalisation');
    assert.equal(arabicSkeleton('جواز2'), '', 'not a plain Arabic word');
    assert.deepEqual(latinSkeletons('jawaz'), ['jz']);
    assert.deepEqual(latinSkeletons('shahadet'), ['chdt', 'chd'], 'with and without the construct t');
    assert.deepEqual(latinSkeletons('rokhset'), ['rxst', 'rxs']);
    assert.deepEqual(latinSkeletons('9iyada'), ['qd'], '9 is ق');
    assert.deepEqual(latinSkeletons('7ajz'), ['hjz'], '7 is ح');
    assert.deepEqual(latinSkeletons('el3agd').sort(), ['ljd', 'jd'].sort(), 'the article aside; 3 (ع) drops');
    assert.deepEqual(latinSkeletons('mohammad'), ['mhmd'], 'a doubled letter counts once');
    assert.deepEqual(latinSkeletons('a'), [], 'too short to look up');
    assert.deepEqual(latinSkeletons('été'), [], 'letters outside a–z are not Arabizi');
  });

  it('finds Arabic services for a Latin-letter query the index does not know', () => {
    const index = new SearchIndex<Service>({ fields });
    index.add('passport', { name: 'إصدار جواز سفر' });
    index.add('birth', { name: 'شهادة ميلاد' });
    index.add('licence', { name: 'تجديد رخصة القيادة' });
    index.add('water', { name: 'توصيل المياه' });
    assert.deepEqual(ids(index, 'jawaz safar'), ['passport']);
    assert.deepEqual(ids(index, 'shahadet milad'), ['birth']);
    assert.deepEqual(ids(index, 'rokhset 9iyada'), ['licence']);
    assert.deepEqual(ids(index, 'zzqq'), [], 'a word with no Arabic counterpart finds nothing');
  });

  it('leaves a Latin word the index knows, or one a typo away, to its own matches', () => {
    const index = new SearchIndex<Service>({ fields });
    index.add('en', { name: 'Passport renewal', description: 'Renew a passport' });
    // بسبرت has the skeleton of "passport": it must not join a query the English word already answers.
    index.add('ar', { name: 'بسبرت' });
    assert.deepEqual(ids(index, 'passport'), ['en']);
    assert.deepEqual(ids(index, 'pasport'), ['en'], 'a typo of a known word is corrected, not transliterated');
  });

  it('follows the index as documents come and go', () => {
    const index = new SearchIndex<Service>({ fields });
    index.add('a', { name: 'جواز سفر' });
    assert.deepEqual(ids(index, 'jawaz'), ['a']);
    index.remove('a');
    assert.deepEqual(ids(index, 'jawaz'), []);
    index.add('b', { name: 'الجواز الدبلوماسي' });
    assert.deepEqual(ids(index, 'jawaz'), ['b']);
  });

  it('does not transliterate a word a synonym group answers', () => {
    const index = new SearchIndex<Service>({ fields });
    index.add('card', { name: 'بطاقة ملكية المركبة' });
    index.add('renew', { name: 'تجديد استمارة المركبة' });
    index.setSynonyms([['mulkiya', 'استمارة']]);
    assert.deepEqual(ids(index, 'mulkiya'), ['renew']);
  });
});
