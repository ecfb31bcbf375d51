// People type numbers with the digits their keyboard gives: Arabic-Indic (٠-٩) on Arabic layouts,
// Eastern Arabic-Indic (۰-۹) on Persian and Urdu ones. Everything that reads a number folds first.

const NON_ASCII_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/g;
// Both blocks end in 0-9 at the low nibble: U+0660 and U+06F0 are 0, U+0669 and U+06F9 are 9.
const ascii = (d: string) => String(d.charCodeAt(0) & 0xf);

/** Arabic-Indic (٠-٩) and Persian/Urdu (۰-۹) digits to ASCII 0-9; everything else unchanged. */
export function foldDigits(text: string): string {
  return text.replace(NON_ASCII_DIGIT, ascii);
}

/** foldDigits, and the Arabic decimal separator (٫) to '.', so "٨٥٫٥" reads as 85.5. */
export function foldDecimal(text: string): string {
  return foldDigits(text).replace(/\u066B/g, '.');
}

/** A typed number read, or why it cannot be: not a number, or a comma that could be either separator. */
export type DecimalRead = { value: number } | { error: 'number' | 'ambiguous' };

const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const GROUPED = /^[+-]?\d{1,3}([,\u066C\u00A0\u202F ]\d{3})+(\.\d+)?$/;

/**
 * A number as people type it, in any of the program's digit sets: "85.5", "٨٥٫٥", "0,99924",
 * "1,234.5", "١٬٢٣٤". A comma is a decimal separator when it is the only separator and cannot be a
 * thousands separator ("0,5", "12,75", "1,2345"); a lone comma followed by exactly three digits
 * ("1,234") could be either and is refused as ambiguous rather than guessed. Thousands
 * separators (",", "٬", spaces) count only in groups of three before any decimal point.
 */
export function parseDecimal(text: string): DecimalRead {
  let s = foldDecimal(text.trim()).replace(/^\+/, '');
  if (s === '') return { error: 'number' };
  if (/^-?\d+,\d+$/.test(s)) {
    if (/^-?[1-9]\d{0,2},\d{3}$/.test(s)) return { error: 'ambiguous' };
    s = s.replace(',', '.');
  } else if (GROUPED.test(s)) {
    s = s.replace(/[,\u066C\u00A0\u202F ]/g, '');
  }
  if (!PLAIN.test(s)) return { error: 'number' };
  const value = Number(s);
  return Number.isFinite(value) ? { value } : { error: 'number' };
}
