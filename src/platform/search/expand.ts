import type { QueryTerm } from './synonyms.ts';
import { actionNounsOf } from './verbs.ts';
import type { Vocabulary } from './vocabulary.ts';

// How one query word widens into weighted terms. The weights order the kinds of match for the
// same word: the word itself, then its stem, then longer words it begins, then words one typo away.
export const EXACT = 1;
export const STEM = 0.8;
export const PREFIX = 0.5;
export const TYPO = 0.3;
/** An Arabic word a Latin-letter word transliterates ("jawaz" → جواز): weaker than a prefix, stronger than a typo. */
export const TRANSLITERATION = 0.4;
/**
 * The verbal noun of a service-action verb the user typed («اجدد» → «تجديد», verbs.ts): weighed as a
 * stem, as the plural lexicon's singulars are, so less than the word itself, and in every field.
 */
export const VERB = STEM;
/** Weights below this come from a prefix or a typo: they reach only fields that allow expansions. */
export const isExpansion = (w: number) => w < STEM;
// A one-letter prefix can span thousands of terms; looking further than this buys nothing.
const PREFIX_SCAN = 5000;

export interface Expansion {
  /** Terms to look up among normalised words, with their weights. */
  asWord: Map<string, number>;
  /** Terms to look up among stems, with their weights. */
  asStem: Map<string, number>;
}

/** The terms a query word may match, as a word and as a stem, each with its best weight. */
export function expandTerm(q: QueryTerm, vocab: Vocabulary, df: (term: string) => number, max: number): Expansion {
  const { norm, stem, script } = q.token;
  const asWord = new Map<string, number>();
  const asStem = new Map<string, number>();
  const offer = (to: Map<string, number>, term: string, w: number) => {
    if ((to.get(term) ?? 0) < w) to.set(term, w);
  };
  const top = (candidates: string[]) => mostFrequent(candidates, df, max);
  if (q.loose && script !== 'other') {
    // Codes and numbers stay exact: a typo in a licence number is another licence.
    const near = vocab.nearby(norm);
    for (const t of top(near)) offer(asWord, t, TYPO);
    const nearStem = stem === norm ? near : [...new Set([...near, ...vocab.nearby(stem)])];
    for (const t of top(nearStem)) offer(asStem, t, TYPO * STEM);
  }
  if (q.prefix) {
    const starts = new Set(vocab.withPrefix(norm, PREFIX_SCAN));
    // "الجوا" should reach "جواز": prefix on the stem too, but only when stemming took particles off
    // the front. A stem cut at the end ("هويه" → "هو") would start far too many words.
    if (stem !== norm && norm.endsWith(stem)) for (const t of vocab.withPrefix(stem, PREFIX_SCAN)) starts.add(t);
    for (const t of top([...starts])) {
      offer(asWord, t, PREFIX);
      offer(asStem, t, PREFIX * STEM);
    }
  }
  // Arabic typed in Latin letters: a Latin word the index knows in no form (not even one typo or a
  // prefix away) meets the Arabic words with its consonant skeleton.
  if (
    q.loose &&
    q.transliterate !== false &&
    script === 'latin' &&
    asWord.size === 0 &&
    asStem.size === 0 &&
    !vocab.has(norm) &&
    !vocab.has(stem)
  ) {
    for (const t of top(vocab.transliterations(norm))) {
      offer(asWord, t, TRANSLITERATION);
      offer(asStem, t, TRANSLITERATION);
    }
  }
  offer(asWord, norm, EXACT);
  offer(asStem, stem, STEM);
  for (const alt of q.token.alt ?? []) offer(asStem, alt, STEM);
  // The user's own word only: a synonym member is matched as written, never widened again.
  const nouns = q.loose ? actionNounsOf(q.token) : undefined;
  for (const w of nouns?.words ?? []) offer(asWord, w, VERB);
  for (const s of nouns?.stems ?? []) offer(asStem, s, VERB);
  return { asWord, asStem };
}

/** The `max` candidates found in the most documents (ties by term, for determinism). */
export function mostFrequent(candidates: string[], df: (term: string) => number, max: number): string[] {
  if (candidates.length <= max) return candidates;
  return candidates
    .map((t) => [t, df(t)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([t]) => t);
}
