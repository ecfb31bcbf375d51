import { readFileSync } from 'node:fs';
import { normalizeArabic } from './analyzer.ts';

// Broken plurals (قروض → قرض, مشاريع → مشروع), which no light stemmer can join to their singular.
// Two files in ./lexicon/ (sources and licences in lexicon/SOURCE.md): plurals.arramooz.tsv, built
// from the Arramooz dictionary by scripts/build-plural-lexicon.ts, then plurals.yusr.tsv, written by
// hand for government services; its entries win, and a singular of "-" removes a plural.

const FILES = ['plurals.arramooz.tsv', 'plurals.yusr.tsv'];
// The analyzer's light prefixes, longest first: "المشاريع" and "والعقود" find their singular too.
const PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال', 'و'];

let plurals: Map<string, string> | undefined;

/** Reads a lexicon file: `plural<TAB>singular` lines, `#` comments; both sides normalised. */
export function parsePlurals(text: string, into = new Map<string, string>()): Map<string, string> {
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const [plural, singular] = line.split('\t').map((w) => normalizeArabic(w.trim()));
    if (!plural || !singular) continue;
    if (singular === '-') into.delete(plural);
    else into.set(plural, singular);
  }
  return into;
}

function load(): Map<string, string> {
  const map = new Map<string, string>();
  for (const file of FILES) parsePlurals(readFileSync(new URL(`./lexicon/${file}`, import.meta.url), 'utf8'), map);
  return map;
}

/**
 * The singular of a normalised broken plural (as `normalizeArabic` spells it), or undefined when the
 * word is not a plural the lexicon knows. A leading article or و is looked through when the whole
 * word is not listed: "المشاريع" gives "مشروع".
 */
export function singularOf(norm: string): string | undefined {
  plurals ??= load();
  return lookThrough(plurals, norm);
}

// Foreign words in Arabic letters (loanwords.fr.tsv, hand-written; SOURCE.md): the Maghreb and the
// Levant say «البرمي» (permis), «الباسبور» (passeport), «الكازي» (casier judiciaire) and spell each
// several ways («باسبورط», «باصبور»; «گريز», «قريز», «غريز» for grise once گ is folded). Each
// spelling names its usual one, so the analyzer stems them alike and one synonym member («باسبور»)
// stands for all of them. A spelling that is also the MSA word («فاكتورة» → «فاتورة») simply names it.

let loanwords: Map<string, string> | undefined;

/** Reads `spelling<TAB>usual spelling` lines, `#` comments; both normalised; every usual spelling maps to itself too. */
export function parseLoanwords(text: string, into = new Map<string, string>()): Map<string, string> {
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const [spelling, usual] = line.split('\t').map((w) => normalizeArabic(w.trim()));
    if (!spelling || !usual) continue;
    into.set(spelling, usual);
    if (!into.has(usual)) into.set(usual, usual);
  }
  return into;
}

/**
 * The usual spelling of a normalised loanword, looking through a leading article or و as for
 * plurals («الباسبورط» gives «باسبور») and a French «لا», or undefined when the lexicon does not hold it.
 */
export function loanwordOf(norm: string): string | undefined {
  loanwords ??= parseLoanwords(readFileSync(new URL('./lexicon/loanwords.fr.tsv', import.meta.url), 'utf8'));
  return lookThrough(loanwords, norm, LOAN_PREFIXES);
}

// A loanword may keep its French article as «لا» («لاريتريت», la retraite) as well as take «ال».
// A spelling where «لا» belongs to the word («لاكارت», the identity card) is listed whole, which wins.
const LOAN_PREFIXES = [...PREFIXES, 'لا'];

function lookThrough(map: Map<string, string>, norm: string, prefixes = PREFIXES): string | undefined {
  const whole = map.get(norm);
  if (whole !== undefined) return whole;
  for (const p of prefixes) {
    if (norm.length - p.length >= 3 && norm.startsWith(p)) {
      const rest = map.get(norm.slice(p.length));
      if (rest !== undefined) return rest;
    }
  }
  return undefined;
}

/** How many plurals the lexicon holds (for the tests and `search analyze`). */
export function pluralCount(): number {
  plurals ??= load();
  return plurals.size;
}

/** Reads synonym groups: one a line, members separated by "|", `#` comments; duplicates within a group dropped. */
export function parseSynonymGroups(text: string): string[][] {
  const groups: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const members = [
      ...new Set(
        line
          .split('|')
          .map((m) => m.trim())
          .filter(Boolean),
      ),
    ];
    if (members.length >= 2) groups.push(members);
  }
  return groups;
}

/**
 * The synonym editions catalog migrations load, each once: 0036 the first, 0042 the Gulf and MSA
 * wording, 0064 French administrative words and French loanwords in Arabic letters, 0068 life
 * events as people say them (the verbs beside the catalog's nouns), 0069 everyday words for services
 * and ministries, and one paper's names across countries.
 */
export type SynonymEdition = 'synonyms.sa.txt' | 'synonyms.gulf.txt' | 'synonyms.fr.txt' | 'synonyms.events.txt' | 'synonyms.everyday.txt';

/**
 * The default synonym groups of one edition (lexicon/synonyms.*.txt). Catalog migrations 0036,
 * 0042, 0064, 0068 and 0069 copy them into the synonym table once each; the search reads the table, not these files.
 */
export function defaultSynonymGroups(edition: SynonymEdition = 'synonyms.sa.txt'): string[][] {
  return parseSynonymGroups(readFileSync(new URL(`./lexicon/${edition}`, import.meta.url), 'utf8'));
}

/** Every edition's groups, in the order the migrations load them (what a fresh installation holds). */
export const allDefaultSynonymGroups = (): string[][] => [
  ...defaultSynonymGroups('synonyms.sa.txt'),
  ...defaultSynonymGroups('synonyms.gulf.txt'),
  ...defaultSynonymGroups('synonyms.fr.txt'),
  ...defaultSynonymGroups('synonyms.events.txt'),
  ...defaultSynonymGroups('synonyms.everyday.txt'),
];
