import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatList, formatListParts } from './lists.ts';

describe('formatList', () => {
  it('joins in Arabic with و attached to each following item', () => {
    assert.equal(formatList('ar', ['المواطنون', 'المقيمون', 'الشركات']), 'المواطنون والمقيمون والشركات');
    assert.equal(formatList('ar', ['الويب', 'مركز الاتصال'], 'disjunction'), 'الويب أو مركز الاتصال');
  });

  it('joins in British English, without the serial comma', () => {
    assert.equal(formatList('en', ['citizens', 'residents', 'businesses']), 'citizens, residents and businesses');
    assert.equal(formatList('en', ['web', 'call centre', 'kiosk'], 'disjunction'), 'web, call centre or kiosk');
    assert.equal(formatList('en', ['SAR 100', 'SAR 200', 'SAR 300'], 'unit'), 'SAR 100, SAR 200, SAR 300');
  });

  it('gives one item alone and nothing for none', () => {
    assert.equal(formatList('ar', ['الصحة']), 'الصحة');
    assert.equal(formatList('en', []), '');
  });
});

describe('formatListParts', () => {
  it('keeps the items as given, with the separators between them', () => {
    const links = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const parts = formatListParts('en', links);
    assert.deepEqual(parts, [{ item: links[0] }, { separator: ', ' }, { item: links[1] }, { separator: ' and ' }, { item: links[2] }]);
    assert.strictEqual(parts[2].item, links[1]);
    assert.deepEqual(
      formatListParts('ar', ['x', 'y']).map((p) => p.item ?? p.separator),
      ['x', ' و', 'y'],
    );
  });
});
