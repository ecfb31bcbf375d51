import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareArticles, diffWords, splitArticles } from './articles.ts';

describe('participate: splitting a draft into articles', () => {
  it('splits Markdown by its headings, keeping the text before the first as a preamble', () => {
    const a = splitArticles('Preamble line.\n\n# Article 1 — Scope\nThis applies to all.\n\n## Definitions\n- a: one\n- b: two\n');
    assert.deepEqual(a, [
      { label: '', body: 'Preamble line.' },
      { label: 'Article 1 — Scope', body: 'This applies to all.' },
      { label: 'Definitions', body: '- a: one\n- b: two' },
    ]);
  });

  it('splits Arabic rules by "المادة" headings, numbered in words or digits (Arabic-Indic too)', () => {
    const a = splitArticles(
      'نظام تجريبي\r\nالمادة الأولى: التعريفات\r\nيقصد بالألفاظ…\r\n\r\nالمادة (٢)\r\nيسري هذا النظام.\r\nمادة 3\r\nيعمل به من تاريخه.',
    );
    assert.deepEqual(
      a.map((x) => x.label),
      ['', 'المادة الأولى: التعريفات', 'المادة (٢)', 'مادة 3'],
    );
    assert.equal(a[2].body, 'يسري هذا النظام.');
    assert.equal(a[0].body, 'نظام تجريبي');
  });

  it('splits by numbered clauses when there are no headings, and only when there are at least two', () => {
    const a = splitArticles('1. The first clause.\ncontinued here.\n2) The second.\n(3) The third.\n٤- الرابعة');
    assert.deepEqual(
      a.map((x) => x.label),
      ['1.', '2)', '(3)', '٤-'],
    );
    assert.equal(a[0].body, '1. The first clause.\ncontinued here.');
    assert.deepEqual(splitArticles('1. Only one numbered line.\n\nAnd a paragraph.'), [
      { label: '', body: '1. Only one numbered line.' },
      { label: '', body: 'And a paragraph.' },
    ]);
  });

  it('falls back to paragraphs, and gives nothing for blank text', () => {
    assert.deepEqual(splitArticles('First paragraph\nsame paragraph.\n\n\n  Second.  '), [
      { label: '', body: 'First paragraph\nsame paragraph.' },
      { label: '', body: 'Second.' },
    ]);
    assert.deepEqual(splitArticles(' \n\n \n'), []);
  });

  it('does not take a word that merely starts like a heading for one', () => {
    const a = splitArticles('Article 1\nArticles 2 and 3 are repealed.\nArticle 12\nText.');
    assert.deepEqual(
      a.map((x) => x.label),
      ['Article 1', 'Article 12'],
    );
  });
});

describe('participate: comparing the final text with the draft', () => {
  it('marks removed and added words and keeps the rest', () => {
    const parts = diffWords('The fee is 100 riyals.', 'The fee is 50 riyals.');
    assert.deepEqual(parts, [
      { kind: 'same', text: 'The fee is ' },
      { kind: 'removed', text: '100' },
      { kind: 'added', text: '50' },
      { kind: 'same', text: ' riyals.' },
    ]);
    assert.equal(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
      'The fee is 100 riyals.',
    );
  });

  it('pairs article N with article N, and says which were changed, added or removed', () => {
    const draft = splitArticles('# One\nsame\n# Two\nold text\n# Three\ngone');
    const final = splitArticles('# One\nsame\n# Two\nnew text\n');
    assert.deepEqual(
      compareArticles(draft, final).map((c) => c.change),
      ['unchanged', 'changed', 'removed'],
    );
    assert.deepEqual(
      compareArticles(final, draft).map((c) => c.change),
      ['unchanged', 'changed', 'added'],
    );
  });
});
