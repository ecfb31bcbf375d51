import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPhone, isValidPhone, telHref, toE164 } from './phone.ts';

describe('toE164', () => {
  it('reads the forms Saudis write for a mobile number', () => {
    for (const raw of [
      '0501234567',
      '050 123 4567',
      '050-123-4567',
      '(050) 123 4567',
      '966501234567',
      '00966501234567',
      '+966 50 123 4567',
    ]) {
      assert.equal(toE164(raw), '+966501234567', raw);
    }
  });

  it('reads Arabic-Indic and Persian digits, and mixes of them', () => {
    assert.equal(toE164('٠٥٠١٢٣٤٥٦٧'), '+966501234567');
    assert.equal(toE164('۰۵۰ ۱۲۳ ۴۵۶۷'), '+966501234567');
    assert.equal(toE164('+٩٦٦ 55 ١٢٣ ٤٥٦٧'), '+966551234567');
  });

  it('reads landlines and other countries', () => {
    assert.equal(toE164('011 123 4567'), '+966111234567');
    assert.equal(toE164('+44 20 7946 0958'), '+442079460958');
    assert.equal(toE164('0044 7911 123456'), '+447911123456');
  });

  it('refuses what is not a valid number', () => {
    for (const raw of ['', '123', '12ab34', 'call me 0501234567', '0501234567 ext. 12', '05012345678', '+999 123 4567', '050 123 456']) {
      assert.equal(toE164(raw), null, raw);
      assert.equal(isValidPhone(raw), false, raw);
    }
  });

  it('reads a number without a country code in the region given', () => {
    assert.equal(toE164('020 7946 0958', 'GB'), '+442079460958');
    assert.equal(toE164('020 7946 0958'), null);
  });
});

describe('formatPhone', () => {
  it('groups a number of the region nationally and others internationally', () => {
    assert.equal(formatPhone('+966501234567'), '050 123 4567');
    assert.equal(formatPhone('٠٠٤٤٢٠٧٩٤٦٠٩٥٨'), '+44 20 7946 0958');
  });

  it('gives back text that is not a number as it was', () => {
    assert.equal(formatPhone('940'), '940');
  });
});

describe('telHref', () => {
  it('keeps the digits and the plus of a published number, short codes included', () => {
    assert.equal(telHref('+966 11 401 1111'), 'tel:+966114011111');
    assert.equal(telHref('٩٤٠'), 'tel:940');
  });
});
