import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBlocks } from './markup.ts';

describe('site pages: the plain-text markup', () => {
  it('reads headings, paragraphs joined across lines, and lists', () => {
    assert.deepEqual(parseBlocks('## What we collect\r\nYour name\nand email.\n\n- one\n- two\nAfter the list.\n\n\n## Next'), [
      { kind: 'heading', text: 'What we collect' },
      { kind: 'paragraph', text: 'Your name and email.' },
      { kind: 'list', items: ['one', 'two'] },
      { kind: 'paragraph', text: 'After the list.' },
      { kind: 'heading', text: 'Next' },
    ]);
  });
  it('gives markup-looking text no meaning beyond the three rules', () => {
    assert.deepEqual(parseBlocks('<script>alert(1)</script>\n#not a heading\n-not a list'), [
      { kind: 'paragraph', text: '<script>alert(1)</script> #not a heading -not a list' },
    ]);
    assert.deepEqual(parseBlocks('   \n\n'), []);
  });
});
