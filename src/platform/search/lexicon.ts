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
  const whole = plurals.get(norm);
  if (whole !== undefined) return whole;
  for (const p of PREFIXES) {
    if (norm.length - p.length >= 3 && norm.startsWith(p)) {
      const rest = plurals.get(norm.slice(p.length));
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

/** The synonym editions catalog migrations load, each once: 0036 the first, 0042 the Gulf and MSA wording. */
export type SynonymEdition = 'synonyms.sa.txt' | 'synonyms.gulf.txt';

/**
 * The default synonym groups of one edition (lexicon/synonyms.*.txt). Catalog migrations 0036 and
 * 0042 copy them into the synonym table once each; the search reads the table, not these files.
 */
export function defaultSynonymGroups(edition: SynonymEdition = 'synonyms.sa.txt'): string[][] {
  return parseSynonymGroups(readFileSync(new URL(`./lexicon/${edition}`, import.meta.url), 'utf8'));
}

/** Every edition's groups, in the order the migrations load them (what a fresh installation holds). */
export const allDefaultSynonymGroups = (): string[][] => [
  ...defaultSynonymGroups('synonyms.sa.txt'),
  ...defaultSynonymGroups('synonyms.gulf.txt'),
];
