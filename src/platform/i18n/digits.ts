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
