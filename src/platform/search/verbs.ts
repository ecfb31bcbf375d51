import { readFileSync } from 'node:fs';
import { analyze, normalizeArabic, stemsOf, type Token } from './analyzer.ts';

// Service-action verbs (lexicon/verbs.tsv; source and licence in lexicon/SOURCE.md): people name a
// service by what they want to do («ابي اجدد الاقامة», «بدي سجل ابني», «عايز اسدد المخالفات»), a
// catalog by the verbal noun (تجديد، تسجيل، سداد). No light stemmer joins «اجدد» and «تجديد», so a
// query word found in the lexicon also matches its nouns, weighed as a stem (expand.ts). Query time
// only: documents are indexed as they are.

/** The person prefixes of the imperfect a core takes («جدد» → «اجدد», «نجدد», «بجدد», «حجدد» …). */
const PERSON_PREFIXES = ['ا', 'ن', 'ب', 'بن', 'ح', 'حن', 'ه', 'هن', 'من'];

// Words of wanting after which a bare core («بدي سجل») or a form marked ~ is read as a verb: the
// analyzer's request stop words (a token's `before` holds them, normalised).
const WANTING = new Set(
  (
    'أريد اريد نريد أبغى أبغي ابغا ابى أبي أبا بدي بدنا بدها بده بدك ودي ودنا أود نود أرغب نرغب عايز عاوز ' +
    'عايزة عاوزة عايزين عاوزين حاب حابب حابة حابين بغيت نبغي نبغى نبغيو نحب نحبو تبغى تبي لازم ممكن'
  )
    .split(' ')
    .map(normalizeArabic),
);

interface Entry {
  /** The nouns' normalised words, and their stems (every stem the analyzer gives each). */
  words: string[];
  stems: string[];
  /** Only after a word of wanting. */
  afterWanting: boolean;
}

export interface ActionNouns {
  words: readonly string[];
  stems: readonly string[];
}

/** Reads verbs.tsv's lines (`nouns<TAB>cores<TAB>forms`, `#` comments) into form → entry. */
export function parseVerbs(text: string, into = new Map<string, Entry>()): Map<string, Entry> {
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [nounsCol = '', coresCol = '-', formsCol = '-'] = line.split('\t').map((c) => c.trim());
    const words = split(nounsCol).map((n) => normalizeArabic(n.toLowerCase()));
    if (words.length === 0) continue;
    const stems = [...new Set(words.flatMap((w) => analyze(w).flatMap(stemsOf)))];
    const put = (form: string, afterWanting: boolean) => {
      const old = into.get(form);
      // A form two verbs share (« اصدر»: issue and export) matches the nouns of both.
      if (old) {
        old.words = [...new Set([...old.words, ...words])];
        old.stems = [...new Set([...old.stems, ...stems])];
        old.afterWanting &&= afterWanting;
      } else into.set(form, { words, stems, afterWanting });
    };
    // A core's forms first, less those removed («-بسجل»), then the forms written out («~ابني»).
    const removed = new Set(
      split(formsCol)
        .filter((f) => f.startsWith('-'))
        .map((f) => norm(f.slice(1))),
    );
    for (const core of split(coresCol).map(norm)) {
      for (const p of PERSON_PREFIXES) if (!removed.has(p + core)) put(p + core, false);
      if (!removed.has(core)) put(core, true);
    }
    for (const raw of split(formsCol)) {
      if (raw.startsWith('~')) put(norm(raw.slice(1)), true);
      else if (!raw.startsWith('-')) put(norm(raw), false);
    }
  }
  return into;
}

const split = (col: string) => (col === '-' ? [] : col.split(/\s+/).filter(Boolean));
const norm = (w: string) => normalizeArabic(w.toLowerCase());

let verbs: Map<string, Entry> | undefined;

function load(): Map<string, Entry> {
  verbs ??= parseVerbs(readFileSync(new URL('./lexicon/verbs.tsv', import.meta.url), 'utf8'));
  return verbs;
}

// Pronouns a verb carries as its object («اجددها», «اسجله», «ننقلهم»), longest first. Not «ي»,
// which ends many of the verbs themselves («الغي», «اشتري»).
const OBJECT_PRONOUNS = ['هم', 'هن', 'ها', 'كم', 'نا', 'ه', 'ك'];

/**
 * The nouns a query word also means, when it is a service-action verb: «اجدد» → «تجديد», «بدي سجل»
 * → «تسجيل» (a bare core or a ~ form only after a word of wanting), or undefined. Looked up as typed,
 * then without a leading «و», then without an object pronoun.
 */
export function actionNounsOf(token: Token, lexicon: ReadonlyMap<string, Entry> = load()): ActionNouns | undefined {
  const wanting = token.before?.some((w) => WANTING.has(w)) ?? false;
  const find = (w: string): Entry | undefined => {
    const e = lexicon.get(w);
    return e && (!e.afterWanting || wanting) ? e : undefined;
  };
  const candidates = [token.norm];
  if (token.norm.startsWith('و') && token.norm.length >= 4) candidates.push(token.norm.slice(1));
  for (const w of [...candidates]) {
    const pronoun = OBJECT_PRONOUNS.find((p) => w.endsWith(p) && w.length - p.length >= 3);
    if (pronoun) candidates.push(w.slice(0, -pronoun.length));
  }
  for (const w of candidates) {
    const e = find(w);
    if (e) return { words: e.words, stems: e.stems };
  }
  return undefined;
}

/** How many forms the lexicon holds (for the tests). */
export function verbFormCount(): number {
  return load().size;
}
