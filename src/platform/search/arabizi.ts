// Arabic typed in Latin letters: "jawaz safar", "shahadet milad", "rokhset 9iyada" (Arabizi, with
// digits for the letters Latin lacks), the way many people write on a phone without an Arabic
// keyboard. Both scripts are reduced to one consonant skeleton: Arabic drops what Latin
// transliterations write inconsistently or not at all (long vowels and the weak letters ا و ي ى,
// hamza, ع, a final ة), Latin drops its vowels; emphatic and plain letters share a class (ص/س,
// ط/ت, ض/د, ظ/ذ/ز sound alike to a Latin writer), doubled letters count once. A Latin word that
// matches nothing in the index then meets the Arabic words with its skeleton.

const ARABIC: Record<string, string> = {
  ب: 'b',
  ت: 't',
  ث: 't',
  ج: 'j',
  ح: 'h',
  خ: 'x',
  د: 'd',
  ذ: 'd',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'c',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  غ: 'g',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
};

// Digraphs first (sh, ch as French writes ش, kh, gh, th, dh), then single letters and digits.
// They become upper-case placeholders, so the single-letter pass below does not read them again.
const LATIN_DIGRAPHS: [RegExp, string][] = [
  [/sh|ch/g, 'C'],
  [/kh/g, 'X'],
  [/gh/g, 'G'],
  [/th/g, 'T'],
  [/dh/g, 'D'],
];
const LATIN: Record<string, string> = {
  C: 'c',
  X: 'x',
  G: 'g',
  T: 't',
  D: 'd',
  b: 'b',
  p: 'b',
  t: 't',
  j: 'j',
  g: 'j',
  h: 'h',
  x: 'x',
  d: 'd',
  r: 'r',
  z: 'z',
  s: 's',
  c: 'k',
  f: 'f',
  v: 'f',
  q: 'q',
  k: 'k',
  l: 'l',
  m: 'm',
  n: 'n',
  // Arabizi digits: 5 خ, 6 ط, 7 ح, 8 غ, 9 ق (2 ء and 3 ع are dropped, as the Arabic side drops them).
  '5': 'x',
  '6': 't',
  '7': 'h',
  '8': 'g',
  '9': 'q',
};

/** Skeletons shorter than this say too little to look up (two letters match far too many words). */
export const MIN_SKELETON = 2;

const collapse = (s: string) => s.replace(/(.)\1+/g, '$1');

/** The consonant skeleton of a normalised Arabic word (its article set aside), or '' for none. */
export function arabicSkeleton(norm: string): string {
  let w = norm.length > 4 && norm.startsWith('ال') ? norm.slice(2) : norm;
  // A final ة (normalised to ه) is the feminine ending most transliterations write as a vowel.
  if (w.length > 2 && w.endsWith('ه')) w = w.slice(0, -1);
  let out = '';
  for (const ch of w) {
    const c = ARABIC[ch];
    if (c === undefined) {
      if (/[اويىءئؤأإآع]/.test(ch)) continue;
      return ''; // not a plain Arabic word (digits, other scripts)
    }
    out += c;
  }
  return collapse(out);
}

/**
 * The skeletons a Latin word may stand for: as written, without an article (al-, el-, il-) and
 * without a final t after a vowel (the construct ة: "shahadet", "rokhset").
 */
export function latinSkeletons(word: string): string[] {
  const w = word.toLowerCase();
  if (!/^[a-z0-9]+$/.test(w) || !/[a-z]/.test(w)) return [];
  const forms = new Set([w]);
  for (const f of [...forms]) if (f.length > 4 && /^(al|el|il)/.test(f)) forms.add(f.slice(2));
  for (const f of [...forms]) if (/[aei]t$/.test(f)) forms.add(f.slice(0, -1));
  // A final vowel plus h is a written ة: "zakah", "madrasah".
  for (const f of [...forms]) if (/[aei]h$/.test(f)) forms.add(f.slice(0, -1));
  const out = new Set<string>();
  for (const f of forms) {
    let s = f;
    for (const [re, to] of LATIN_DIGRAPHS) s = s.replace(re, to);
    let key = '';
    for (const ch of s) key += LATIN[ch] ?? '';
    key = collapse(key);
    if (key.length >= MIN_SKELETON) out.add(key);
  }
  return [...out];
}
