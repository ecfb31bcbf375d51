import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldDecimal, foldDigits } from './digits.ts';

describe('foldDigits', () => {
  it('folds Arabic-Indic and Persian digits, every one of them, to ASCII', () => {
    assert.equal(foldDigits('٠١٢٣٤٥٦٧٨٩'), '0123456789');
    assert.equal(foldDigits('۰۱۲۳۴۵۶۷۸۹'), '0123456789');
    assert.equal(foldDigits('عام ١٤٤٨ و۱۴۴۸ و1448'), 'عام 1448 و1448 و1448');
  });

  it('leaves letters, ASCII digits and the Arabic separators alone', () => {
    assert.equal(foldDigits('abc 123 ٫ ٬ ٪'), 'abc 123 ٫ ٬ ٪');
    assert.equal(foldDigits(''), '');
  });

  it('does not touch characters next to the digit blocks', () => {
    // U+065F (wavy hamza below) and U+066A (٪) sit either side of ٠-٩; U+06EF and U+06FA beside ۰-۹.
    assert.equal(foldDigits('\u065F\u066A\u06EF\u06FA'), '\u065F\u066A\u06EF\u06FA');
  });
});

describe('foldDecimal', () => {
  it('reads the Arabic decimal separator as a point', () => {
    assert.equal(foldDecimal('٨٥٫٥'), '85.5');
    assert.equal(Number(foldDecimal('۳٫۲۵')), 3.25);
  });

  it('keeps the thousands separator, so a caller decides what it means', () => {
    assert.equal(foldDecimal('١٬٢٣٤٫٥'), '1٬234.5');
  });
});
