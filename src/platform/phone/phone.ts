import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { foldDigits } from '../i18n/digits.ts';

// One reading of phone numbers for every module: what a person types (05…, 9665…, 00966…, +966 …,
// in Arabic-Indic or Persian digits, with spaces, dashes, dots or brackets) becomes E.164, checked
// against the numbering plan of its country (libphonenumber's full metadata).

/** The region a number without a country code is read in: numbers are Saudi unless they say otherwise. */
export const DEFAULT_PHONE_REGION: CountryCode = 'SA';

// Separators people write between digit groups; anything else (letters, "ext.", "#") is not a phone number.
const TYPED = /^\+?[\d\s().\-/\u00A0]+$/;

function parse(raw: string, region: CountryCode): PhoneNumber | undefined {
  const text = foldDigits(raw).trim();
  if (!TYPED.test(text)) return undefined;
  const p = parsePhoneNumberFromString(text, { defaultCountry: region, extract: false });
  return p?.isValid() && !p.ext ? p : undefined;
}

/** The number as E.164 ("+966501234567"), or null when it is not a valid number. */
export function toE164(raw: string, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  return parse(raw, region)?.number ?? null;
}

/** Whether the text is a valid phone number (in the region's numbering plan when it has no country code). */
export function isValidPhone(raw: string, region: CountryCode = DEFAULT_PHONE_REGION): boolean {
  return parse(raw, region) !== undefined;
}

/**
 * A number grouped for reading: national ("050 123 4567") when it belongs to the region, else
 * international ("+44 20 7946 0958"); text that is not a valid number comes back as given.
 */
export function formatPhone(raw: string, region: CountryCode = DEFAULT_PHONE_REGION): string {
  const p = parse(raw, region);
  if (!p) return raw;
  return p.country === region ? p.formatNational() : p.formatInternational();
}

/** A tel: link for a number as published, short codes (940) included: its digits and a leading +. */
export function telHref(raw: string): string {
  return `tel:${foldDigits(raw).replace(/[^+0-9]/g, '')}`;
}

/**
 * A number as an organisation publishes it — E.164, national, or a short code such as 940 — kept as
 * written, with its digits in ASCII; 'validation.phone' when it is not digits, spaces, dashes and brackets.
 */
export const publishedPhoneSchema = z
  .string()
  .transform(foldDigits)
  .pipe(z.string().regex(/^\+?[0-9][0-9 ()-]{2,19}$/, 'validation.phone'));
