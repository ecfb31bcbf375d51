import { stemmer as porter } from 'stemmer';
import { foldDigits } from '../i18n/digits.ts';
import { loanwordOf, singularOf } from './lexicon.ts';

// One analyzer for index and query time: if the two ever differed, a word would stop finding itself.
// The Arabic steps follow the behaviour of Apache Lucene's ArabicNormalizer and ArabicStemmer
// (Larkey, Ballesteros & Connell's "light10"; Apache-2.0): written here from that behaviour, not copied.
// Yusr departs from Lucene on purpose in two places (stemArabicLucene keeps Lucene's way, and
// `yusr search analyze` shows both):
// - Prefixes come off before hamza is folded: Lucene folds «الإلغاء» to «الالغاء» and then takes
//   «ال» off «الغاء» as if it were the article too, so «الإلغاء» and «إلغاء» never met.
// - Where a leading «و» or «ال» may be the word's own letters («وكالة», «وثيقة», «الغاء» typed
//   without its hamza), the word gets both stems: the stripped one and the unstripped one.
// - A broken plural in the lexicon (lexicon.ts: «قروض» → «قرض») gets its singular's stems as well.

export type Script = 'arabic' | 'latin' | 'other';

export interface Token {
  /** Normalised form, no stemming: what the user typed, spelled one way. */
  norm: string;
  /** Stemmed form: groups a word with its plurals and attached particles. */
  stem: string;
  /**
   * Other stems the word may have where stripping is ambiguous (present only when there are any):
   * the unstripped form of a word whose leading و or ال may be its own letters, and the stem of a
   * broken plural's singular. Indexed and queried like `stem`.
   */
  alt?: string[];
  script: Script;
  /** Position among the text's tokens, counting dropped stop words (so gaps show where they were). */
  pos: number;
  /** Only present (and true) when `keepStopWords` asked for stop words to be returned. */
  stop?: true;
  /**
   * With `keepStopWords` only: the stop words between this word and the word before it, in order
   * («لا» before «حكم» in «لا حكم عليه»), so a synonym whose meaning lies in a negation can see it.
   */
  before?: string[];
}

export interface AnalyzeOptions {
  /** Return stop words flagged `stop: true` instead of dropping them (the query side uses this). */
  keepStopWords?: boolean;
}

const ALEF = 'ا';
const YEH = 'ي';
const HEH = 'ه';

// Format characters (ZWNJ, ZWJ, RLM, Arabic letter mark, soft hyphen) sit inside words in real
// pasted text; they are neither letters nor marks, so removing them first keeps the word whole.
const FORMAT_CHARS = /\p{Cf}/gu;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/u;
const HARAKAT_TATWEEL = /[\u0640\u064B-\u065F\u0670]/g;
const ARABIC_LETTER = /\p{Script=Arabic}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
const ENGLISH_WORD = /^[a-z]+$/;

/** Lucene ArabicNormalizer: hamza-on-alef and madda to bare alef, ى to ي, ة to ه, no harakat or tatweel. */
export function normalizeArabic(word: string): string {
  return foldHamza(keepHamza(word));
}

// Letters Arabic script borrows for sounds MSA lacks, as the Maghreb, the Levant, Iraq and the
// Gulf type them in loanwords and dialect («الكارط گريز», «ڨانون», «ڤيزا», «پاسبور», «چاي»), and the
// Persian forms of kaf and yaa a keyboard layout may give. Each becomes the letter it is drawn from,
// so one spelling meets the others: g (گ ڨ ڭ) as ق, the letter Maghrebi and Gulf /g/ comes from
// («ڨال» for «قال»); v (ڤ) as ف; p (پ) as ب; ch (چ) as ج; zh (ژ) as ز.
const BORROWED: Record<string, string> = {
  '\u06AF': 'ق', // گ
  '\u06A8': 'ق', // ڨ
  '\u06AD': 'ق', // ڭ
  '\u06A4': 'ف', // ڤ
  '\u06A5': 'ف', // ڥ (the Maghrebi v, dot below)
  '\u067E': 'ب', // پ
  '\u0686': 'ج', // چ
  '\u0698': 'ز', // ژ
  '\u06A9': 'ك', // ک (Persian kaf)
  '\u06CC': YEH, // ی (Persian yaa)
};
const BORROWED_LETTER = /[\u06AF\u06A8\u06AD\u06A4\u06A5\u067E\u0686\u0698\u06A9\u06CC]/g;

/** Every normalisation step but the hamza fold (prefix stripping must still see «إ» and «أ»). */
function keepHamza(word: string): string {
  return word
    .replace(HARAKAT_TATWEEL, '')
    .replace(/\u0649/g, YEH)
    .replace(/\u0629/g, HEH)
    .replace(BORROWED_LETTER, (ch) => BORROWED[ch] ?? ch);
}

/**
 * A Latin word without its accents and ligatures: French (and Turkish, Spanish…) is typed with and
 * without them, «extrait de naissance» and «état civil» as often as «état civil». Arabic words are
 * left alone (decomposing would split «أ» into alef and a hamza mark).
 */
function foldLatin(word: string): string {
  if (ARABIC_LETTER.test(word) || /^[a-z0-9]*$/.test(word)) return word;
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
}

// French elision: «l'acte», «d'état civil», «qu'il», with a straight or typographic apostrophe. The
// article or particle goes with its apostrophe, so «l'acte» is the word «acte».
const ELISION = /(?<![\p{L}\p{N}])(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['\u2019\u02BC\u2018`\u00B4](?=\p{Script=Latin})/giu;

const foldHamza = (word: string) => word.replace(/[\u0622\u0623\u0625]/g, ALEF);

// Lucene checks prefixes in this order and takes the first that fits; "ال" cannot shadow the
// longer ones because none of them starts with alef, so in effect the longest one wins.
const PREFIXES = ['ال', 'وال', 'بال', 'كال', 'فال', 'لل', 'و'];
// Each suffix is tried once, in this order, against the word as already shortened.
// ة and ية never match after normalisation (ة became ه); they stay for input stemmed unnormalised.
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي'];

/** The prefix light10 would take off a word, or '' (at most one; the longest that fits). */
function prefixOf(w: string): string {
  for (const p of PREFIXES) {
    // A lone و needs a word of 4+ letters (وزن is a word, not و + زن); the others leave 2+ letters.
    const minLength = p.length === 1 ? 4 : p.length + 2;
    if (w.length >= minLength && w.startsWith(p)) return p;
  }
  return '';
}

/** light10's suffix step: each suffix in turn, against the word as already shortened, while 2+ letters remain. */
function stripSuffixes(word: string): string {
  let w = word;
  for (const s of SUFFIXES) {
    if (w.length >= s.length + 2 && w.endsWith(s)) w = w.slice(0, -s.length);
  }
  return w;
}

/** Lucene ArabicStemmer (light10) exactly: at most one prefix, then each suffix in turn while 2+ letters remain. */
export function stemArabicLucene(word: string): string {
  return stripSuffixes(word.slice(prefixOf(word).length));
}

// Attached pronouns («وظائفهم», «رخصتكم», «أبناءنا»), which light10 leaves on; each gives an
// alternative stem without it, while 3+ letters remain.
const PRONOUNS = ['هما', 'كما', 'هم', 'هن', 'كم', 'كن', 'نا'];
// Endings after which a final ت is a taa marbuta joined to a pronoun: «صلاحيتها», «رخصتي», «إقامتهم».
const AFTER_CONSTRUCT_TAA = ['هما', 'كما', 'ها', 'هم', 'هن', 'كم', 'كن', 'نا', 'ه', 'ي', 'ك'];

/**
 * Yusr's Arabic stems of a word normalised except for hamza (see the top of this file): the first
 * is the light stem, any others the stems of other readings: the prefix as the word's own letters,
 * the word without an attached pronoun, a taa marbuta before a pronoun, without an accusative
 * alef, and a relative adjective's noun.
 */
function arabicStems(word: string): string[] {
  const p = prefixOf(word);
  const bare = word.slice(p.length);
  const stems = [foldHamza(stripSuffixes(bare))];
  // The readings below need 3+ letters: a two-letter stem would meet too many unrelated words.
  const add = (s: string) => {
    if (s.length >= 3 && !stems.includes(s)) stems.push(s);
  };
  // و alone («وكالة»), or ال before anything but an alef («الغاء» typed for «إلغاء»): perhaps the word's own letters.
  if (p === 'و' || (p === 'ال' && !/^[اأإآ]/.test(word.slice(2)))) {
    const whole = foldHamza(stripSuffixes(word));
    if (whole !== stems[0]) stems.push(whole);
  }
  // A lone ل or ب, which light10 leaves on: «لزيارة», «لموظفي», «لإدخال», «بإصدار». ب only before a
  // hamza-alef, where it can be nothing else («بطاقة» is not ب + «طاقة»); ل before any word of 4+ letters.
  if (p === '' && (/^[لب][أإآ]/.test(word) || (word.startsWith('ل') && word.length >= 5))) add(foldHamza(stripSuffixes(word.slice(1))));
  for (const base of withoutPronoun(bare)) add(foldHamza(stripSuffixes(base)));
  // A final alef may be the accusative ending (tanween, mostly typed without its mark): «تعويضاً» → «تعويض».
  if (bare.length >= 4 && bare.endsWith(ALEF)) add(foldHamza(stripSuffixes(bare.slice(0, -1))));
  // A relative adjective of a noun ending in hamza: «دوائي», «القضائية», «كهربائي» → «دواء», «قضاء», «كهرباء».
  if (stems[0].length >= 4 && stems[0].endsWith('ائ')) add(`${stems[0].slice(0, -1)}ء`);
  return stems;
}

/** The word without an attached pronoun, and with a taa marbuta restored before one: «صلاحيتها» → «صلاحيه». */
function withoutPronoun(word: string): string[] {
  const out: string[] = [];
  // «ـانا» is far more often an accusative alef after ن («مجاناً», «أحياناً») than the pronoun نا.
  const pronoun = PRONOUNS.find((s) => word.endsWith(s) && word.length - s.length >= 3 && !word.endsWith(`${ALEF}نا`));
  if (pronoun) out.push(word.slice(0, -pronoun.length));
  const taa = AFTER_CONSTRUCT_TAA.find((s) => word.endsWith(`ت${s}`) && word.length - s.length - 1 >= 3);
  if (taa) out.push(`${word.slice(0, -(taa.length + 1))}${HEH}`);
  return out;
}

/** Yusr's light stem of a word (prefix off before hamza folding; see the top of this file). */
export function stemArabic(word: string): string {
  return arabicStems(keepHamza(word))[0];
}

// Common particles, pronouns and function words; normalised below with the same normaliser, so
// "إلى", "الى" and "إلي" are one entry. Words that carry meaning in a service search are left out
// on purpose: غير (non-citizen), بعد (عن بعد, remote), قبل, دون, ضد.
const ARABIC_STOP_SOURCE = (
  'في من على إلى عن مع هذا هذه هذان هاتان ذلك تلك هؤلاء أولئك التي الذي الذين اللذان اللتان اللواتي ' +
  'اللاتي و ف ب ل ك أو أم ثم بل لكن لا لم لن ما ماذا متى أين كيف هل قد لقد إن أن كان كانت يكون تكون هو ' +
  'هي هم هن هما أنا نحن أنت أنتم كل بعض عند عندما حتى إذا إذ لو منذ بين لدى كما أي أيضا هنا هناك يا إلا ' +
  'سوف به بها له لها فيه فيها منه منها عليه عليها إليه عنه ' +
  // How people say "I want" and "what/how" before their need, in MSA and the dialects: a request
  // typed as a sentence («ابغى اجدد رخصتي», «بدي جواز») should be read for the need, not the asking.
  'أريد أبغى أبغي ابغا أبي أبا بدي ودي أود أرغب عايز عاوز حاب شو وش إيش شلون ' +
  // The same across the dialects (lexicon/SOURCE.md, "Dialect request words"): wanting (Gulf «ابغا»
  // «ابى», Levantine «بدنا», Egyptian «عايزة», Maghrebi «نحب» «نبغي» «بغيت» «حابب»), asking how,
  // what, where and why («كيفاش» «ازاي» «شنو» «واش» «وين» «فين» «ليش» «علاش»), and asking nicely
  // («لو سمحت», «عافاك»), when, how much, there is, must, and the possessive particles. None of them
  // names a service; the words after them do.
  'ابى بغيت نبغي نبغى نبغيو نحب نحبو حابب حابة حابين بدنا بدها بده بدك عايزة عاوزة عايزين عاوزين ' +
  'ودنا تبغى تبي كيفاش كيفاه ازاي إزاي شنو شنهو شنية اشنو آش واش وشو وين فين ليش علاش لماذا ' +
  'لو سمحت عافاك ممكن يمكنني منين امتى إمتى وقتاش شحال قداش قديش بقديش اكو ماكو لازم هيك ' +
  // The possessive particles of the dialects («الجواز تاعي», «الكرهبة متاعي», «البطاقة ديالي», «الرخصة بتاعتي»).
  'تاع تاعي تاعك تاعنا متاع متاعي متاعك ديال ديالي ديالك ديالنا نتاع نتاعي بتاع بتاعي بتاعة بتاعتي تبعي تبعنا ' +
  // Getting and doing, as a request says them: Levantine and Iraqi «بطلع» «اطلع» (get a paper
  // issued), «أحصل» (obtain), Gulf «أسوي» (do). A catalog says «إصدار» or «استخراج»; the
  // request verb names no service, and keeping it made a two-word question half a match.
  'أطلع بطلع نطلع بنطلع يطلع بيطلع تطلع بتطلع لطلع أحصل نحصل بحصل يحصل أسوي نسوي بسوي'
).split(' ');
const ARABIC_STOP = new Set(ARABIC_STOP_SOURCE.map(normalizeArabic));
// Stop words are checked before stemming, and light10 would not take و off "وفي" anyway (too short),
// so the و-forms of the particles ("وفي", "ومن", "والتي") are stop words too.
for (const w of [...ARABIC_STOP]) if (w.length >= 2) ARABIC_STOP.add(`و${w}`);

const ENGLISH_STOP = new Set(
  (
    'a an and are as at be but by for from has have if in into is it its no not of on or our such that the ' +
    'their then there these they this to was were with you your i me my want need how do can'
  ).split(' '),
);

// French articles, prepositions, pronouns and the words of asking («je veux», «comment faire pour»),
// accents folded as the analyzer folds them: what a Maghrebi, Lebanese or Djiboutian citizen types
// around «permis de conduire» or «acte de naissance». Left out on purpose: «son» and «sa» (English
// "son", Saudi Arabia's code), «an» is English already, and every noun («demande», «dossier»).
const FRENCH_STOP = new Set(
  (
    'le la les un une des du de au aux et ou en sur par pour dans avec sans chez ce cet cette ces ' +
    'mon ma mes ton ta tes ses notre nos votre vos leur leurs je tu il elle nous vous ils elles on ' +
    'qui que quoi quel quelle quels quelles ou est sont suis etre faire fait comment combien ou ' +
    'veux voudrais souhaite besoin dois peux svp stp merci bonjour'
  ).split(' '),
);

/** Whether a normalised token is a stop word (Arabic, English or French). */
export function isStopWord(norm: string): boolean {
  return ARABIC_STOP.has(norm) || ENGLISH_STOP.has(norm) || FRENCH_STOP.has(norm);
}

/** Which script a token is written in: Arabic wins over Latin in a mixed token. */
export function scriptOf(word: string): Script {
  if (ARABIC_LETTER.test(word)) return 'arabic';
  if (LATIN_LETTER.test(word)) return 'latin';
  return 'other';
}

/** The normalised form of one raw word (no splitting, no stemming). */
export function normalizeWord(raw: string): string {
  return foldHamza(keepHamza(foldLatin(foldDigits(raw.toLowerCase()))));
}

/** The stem of one normalised word, by its script (hamza already folded: no alternatives). */
export function stemWord(norm: string, script: Script = scriptOf(norm)): string {
  if (script === 'arabic') return stemArabic(norm);
  // Porter only knows English letters; codes such as "covid19" or "iso9001" stay as they are.
  if (script === 'latin' && ENGLISH_WORD.test(norm)) return porter(norm);
  return norm;
}

/** Split, normalise and stem text into tokens; the same function runs at index and query time. */
export function analyze(text: string, options: AnalyzeOptions = {}): Token[] {
  const out: Token[] = [];
  const words = text.normalize('NFKC').replace(FORMAT_CHARS, '').replace(ELISION, '').split(NOT_WORD);
  let pos = 0;
  let stopsBefore: string[] = [];
  for (const raw of words) {
    if (raw === '') continue;
    const word = wordOf(raw);
    // A word made only of marks (a stray haraka between spaces) normalises to nothing.
    if (word === undefined) continue;
    const here = pos++;
    if (word.stop) {
      if (options.keepStopWords) {
        out.push({ norm: word.norm, stem: word.norm, script: word.script, pos: here, stop: true });
        stopsBefore.push(word.norm);
      }
      continue;
    }
    const token: Token = word.alt
      ? { norm: word.norm, stem: word.stem, alt: word.alt, script: word.script, pos: here }
      : { norm: word.norm, stem: word.stem, script: word.script, pos: here };
    if (stopsBefore.length > 0) {
      token.before = stopsBefore;
      stopsBefore = [];
    }
    out.push(token);
  }
  return out;
}

type Word = Omit<Token, 'pos'>;
// Analysing a word is pure, and a catalogue repeats its words: building an index looks most of them
// up here instead of stemming them again. Cleared when full, so memory stays bounded.
const WORD_CACHE_MAX = 200_000;
const wordCache = new Map<string, Word | undefined>();

function wordOf(raw: string): Word | undefined {
  if (wordCache.has(raw)) return wordCache.get(raw);
  if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear();
  const word = analyzeWord(raw);
  wordCache.set(raw, word);
  return word;
}

function analyzeWord(raw: string): Word | undefined {
  const unfolded = keepHamza(foldLatin(foldDigits(raw.toLowerCase())));
  const norm = foldHamza(unfolded);
  if (norm === '') return undefined;
  const script = scriptOf(norm);
  if (isStopWord(norm)) return { norm, stem: norm, script, stop: true };
  if (script !== 'arabic') return { norm, stem: stemWord(norm, script), script };
  // A foreign word spelled in Arabic letters one of several ways («باسبورط», «پاسبور», «الباصبور»)
  // is stemmed as its usual spelling («باسبور»), keeping its own stem beside it (lexicon.ts).
  const usual = loanwordOf(norm);
  const [stem, ...alt] = arabicStems(usual ?? unfolded);
  if (usual !== undefined) {
    const own = arabicStems(unfolded)[0];
    if (own !== stem && !alt.includes(own)) alt.push(own);
  }
  // A broken plural (قروض, مشاريع) also carries its singular's stems: no light stemmer joins them.
  const singular = [norm, ...withoutPronoun(norm)].map(singularOf).find((s) => s !== undefined);
  if (singular !== undefined) for (const st of arabicStems(singular)) if (st !== stem && !alt.includes(st)) alt.push(st);
  return alt.length > 0 ? { norm, stem, alt, script } : { norm, stem, script };
}

/** Every stem of a token: its light stem and any alternatives. */
export const stemsOf = (t: Token): readonly string[] => (t.alt ? [t.stem, ...t.alt] : [t.stem]);
