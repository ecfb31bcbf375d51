import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deletesOf, Vocabulary, withinOneEdit } from './vocabulary.ts';

/** Textbook optimal-string-alignment distance, to check the fast test against. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('withinOneEdit', () => {
  it('accepts each kind of single edit, Arabic and English', () => {
    assert.ok(withinOneEdit('passport', 'passprot')); // transposition
    assert.ok(withinOneEdit('passport', 'pasport')); // deletion
    assert.ok(withinOneEdit('passport', 'passsport')); // insertion
    assert.ok(withinOneEdit('الرخصه', 'الرخضه')); // substitution
    assert.ok(withinOneEdit('same', 'same'));
  });

  it('rejects two edits', () => {
    assert.ok(!withinOneEdit('passport', 'pasprot'));
    assert.ok(!withinOneEdit('abcd', 'badc'));
    assert.ok(!withinOneEdit('abc', 'abcde'));
    assert.ok(!withinOneEdit('abcde', 'bcdex'));
  });

  it('agrees with a full distance computation on every pair of a small alphabet', () => {
    const words: string[] = [''];
    for (let len = 1; len <= 4; len++) for (const w of words.filter((x) => x.length === len - 1)) for (const c of 'abc') words.push(w + c);
    for (const a of words) for (const b of words) assert.equal(withinOneEdit(a, b), osa(a, b) <= 1, `${a} / ${b}`);
  });
});

describe('deletesOf', () => {
  it('lists each one-letter deletion once', () => {
    assert.deepEqual(deletesOf('abc'), ['bc', 'ac', 'ab']);
    assert.deepEqual(deletesOf('aab'), ['ab', 'aa']);
  });
});

describe('Vocabulary', () => {
  it('finds prefixes by binary search, in sorted order, within a limit', () => {
    const v = new Vocabulary(5);
    for (const t of ['جواز', 'جوال', 'جوازات', 'جائزه', 'passport', 'pass', 'past']) v.add(t);
    assert.deepEqual(v.withPrefix('جوا', 10), ['جواز', 'جوازات', 'جوال']); // ز (U+0632) sorts before ل (U+0644)
    assert.deepEqual(v.withPrefix('pass', 10), ['pass', 'passport']);
    assert.deepEqual(v.withPrefix('pas', 2), ['pass', 'passport']);
    assert.deepEqual(v.withPrefix('x', 10), []);
    assert.deepEqual(v.withPrefix('', 10), []);
  });

  it('keeps prefixes right through small and bulk changes', () => {
    const v = new Vocabulary(5);
    const live = new Set<string>();
    for (let round = 0; round < 4; round++) {
      // Rounds alternate between a few changes (binary inserts) and many (a re-sort).
      const n = round % 2 === 0 ? 10 : 1000;
      for (let i = 0; i < n; i++) {
        const t = `t${(i * 7919 + round * 31) % 1500}`;
        if (live.has(t) && i % 3 === 0) {
          v.remove(t);
          live.delete(t);
        } else {
          v.add(t);
          live.add(t);
        }
      }
      assert.deepEqual(v.withPrefix('t', 5000), [...live].sort(), `round ${round}`);
      assert.deepEqual(v.withPrefix('t12', 5000), [...live].filter((t) => t.startsWith('t12')).sort());
      assert.equal(v.size, live.size);
    }
  });

  it('finds terms one edit away with the same first letter, without the word itself', () => {
    const v = new Vocabulary(5);
    for (const t of ['passport', 'passports', 'pasport', 'bassport', 'passprt', 'الرخصه', 'جديد', 'تجديد', 'short']) v.add(t);
    assert.deepEqual(v.nearby('passport').sort(), ['pasport', 'passports', 'passprt']);
    assert.deepEqual(v.nearby('passprot').sort(), ['passport', 'passprt']);
    assert.deepEqual(v.nearby('الرخضه'), ['الرخصه']);
    assert.deepEqual(v.nearby('تجديد'), []); // جديد: the first letter differs
    assert.deepEqual(v.nearby('shrt'), []); // below the minimum length
  });

  it('forgets removed terms in typo look-ups', () => {
    const v = new Vocabulary(5);
    v.add('passport');
    v.add('passpart');
    v.remove('passport');
    assert.deepEqual(v.nearby('passprot'), []);
    assert.deepEqual(
      v.nearby('passpory'),
      ['passpart'].filter((t) => withinOneEdit('passpory', t)),
    );
    assert.ok(!v.has('passport'));
    v.add('passport');
    assert.deepEqual(v.nearby('passprot'), ['passport']);
  });
});
