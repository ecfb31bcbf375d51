import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldDecimal, foldDigits, parseDecimal } from './digits.ts';

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

describe('parseDecimal', () => {
  it('reads a decimal comma, the Arabic decimal separator and Arabic-Indic digits', () => {
    assert.deepEqual(parseDecimal('0,99924'), { value: 0.99924 });
    assert.deepEqual(parseDecimal('٠٫٩٩٩٢٤'), { value: 0.99924 });
    assert.deepEqual(parseDecimal('۹۹٫۵'), { value: 99.5 });
    assert.deepEqual(parseDecimal('12,5'), { value: 12.5 });
    assert.deepEqual(parseDecimal(' -3.25 '), { value: -3.25 });
    assert.deepEqual(parseDecimal('1,2345'), { value: 1.2345 });
  });

  it('reads thousands separators only in groups of three', () => {
    assert.deepEqual(parseDecimal('1,234.5'), { value: 1234.5 });
    assert.deepEqual(parseDecimal('1,234,567'), { value: 1234567 });
    assert.deepEqual(parseDecimal('١٬٢٣٤'), { value: 1234 });
    assert.deepEqual(parseDecimal('12 345'), { value: 12345 });
  });

  it('refuses a lone comma before three digits as ambiguous, and anything else that is not a number', () => {
    assert.deepEqual(parseDecimal('1,234'), { error: 'ambiguous' });
    assert.deepEqual(parseDecimal('1.234,5'), { error: 'number' });
    assert.deepEqual(parseDecimal('12,34,5'), { error: 'number' });
    assert.deepEqual(parseDecimal('abc'), { error: 'number' });
    assert.deepEqual(parseDecimal(''), { error: 'number' });
    assert.deepEqual(parseDecimal('1e400'), { error: 'number' });
  });
});
