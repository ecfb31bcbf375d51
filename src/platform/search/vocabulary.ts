// The set of indexed terms, shaped for the two look-ups a query makes that are not exact:
// as-you-type prefixes (a sorted array and binary search) and one-typo neighbours (a SymSpell-style
// index of every term's one-letter deletions, so a query costs ~2·length map look-ups, not a scan),
// and Arabic terms by their consonant skeleton, for Arabic typed in Latin letters (arabizi.ts).

import { arabicSkeleton, latinSkeletons } from './arabizi.ts';

const ARABIC_TERM = /^[\u0621-\u064A]/;

/** Whether a and b are at most one edit apart: insert, delete, substitute, or swap two neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // One letter more on one side: skip it there, the rest must be equal.
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The distinct strings made by deleting one letter of word. */
export function deletesOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) {
    // Deleting either letter of a doubled pair gives the same string; keep one.
    if (i > 0 && word[i] === word[i - 1]) continue;
    out.push(word.slice(0, i) + word.slice(i + 1));
  }
  return out;
}

// Past this many pending changes a full re-sort is cheaper than one binary insert per change.
const RESORT_AFTER = 256;

export class Vocabulary {
  private readonly terms = new Set<string>();
  private sorted: string[] = [];
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();
  // Most deletion keys point at one term, so a bare string saves an array per key.
  private readonly deletes = new Map<string, string | string[]>();
  private readonly skeletons = new Map<string, string[]>();

  /** typoMinLength: shorter terms never take part in typo matching, so they are not indexed for it. */
  constructor(private readonly typoMinLength: number) {}

  get size(): number {
    return this.terms.size;
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  add(term: string): void {
    if (this.terms.has(term)) return;
    this.terms.add(term);
    if (!this.removed.delete(term)) this.added.add(term);
    const skeleton = ARABIC_TERM.test(term) ? arabicSkeleton(term) : '';
    if (skeleton) {
      const list = this.skeletons.get(skeleton);
      if (list) list.push(term);
      else this.skeletons.set(skeleton, [term]);
    }
    if (term.length < this.typoMinLength) return;
    for (const d of deletesOf(term)) {
      const cur = this.deletes.get(d);
      if (cur === undefined) this.deletes.set(d, term);
      else if (typeof cur === 'string') this.deletes.set(d, [cur, term]);
      else cur.push(term);
    }
  }

  remove(term: string): void {
    if (!this.terms.delete(term)) return;
    if (!this.added.delete(term)) this.removed.add(term);
    const skeleton = ARABIC_TERM.test(term) ? arabicSkeleton(term) : '';
    const list = skeleton ? this.skeletons.get(skeleton) : undefined;
    if (list) {
      const rest = list.filter((t) => t !== term);
      if (rest.length > 0) this.skeletons.set(skeleton, rest);
      else this.skeletons.delete(skeleton);
    }
    if (term.length < this.typoMinLength) return;
    for (const d of deletesOf(term)) {
      const cur = this.deletes.get(d);
      if (cur === term || cur === undefined) this.deletes.delete(d);
      else if (typeof cur !== 'string') {
        const rest = cur.filter((t) => t !== term);
        this.deletes.set(d, rest.length === 1 ? rest[0] : rest);
      }
    }
  }

  /** Arabic terms a Latin-letter word may transliterate ("jawaz" → جواز, الجواز), by consonant skeleton. */
  transliterations(word: string): string[] {
    const out = new Set<string>();
    for (const key of latinSkeletons(word)) for (const t of this.skeletons.get(key) ?? []) out.add(t);
    return [...out];
  }

  /** Terms that start with prefix (the prefix itself included), at most `max`, in sorted order. */
  withPrefix(prefix: string, max: number): string[] {
    if (prefix === '') return [];
    this.flush();
    const s = this.sorted;
    const out: string[] = [];
    for (let i = lowerBound(s, prefix); i < s.length && out.length < max && s[i].startsWith(prefix); i++) out.push(s[i]);
    return out;
  }

  /**
   * Terms one edit (Damerau: insert, delete, substitute, transpose) from word, same first letter.
   * The first letter is kept, as Lucene's fuzzy prefixLength 1 does, because Arabic builds words
   * by adding letters in front: تجديد (renewal) is one deletion from جديد (new), مكتب from كتب.
   */
  nearby(word: string): string[] {
    if (word.length < this.typoMinLength) return [];
    const found = new Set<string>();
    const consider = (t: string) => {
      if (t !== word && t[0] === word[0] && withinOneEdit(word, t)) found.add(t);
    };
    const visit = (key: string) => {
      const cur = this.deletes.get(key);
      if (typeof cur === 'string') consider(cur);
      else if (cur) for (const t of cur) consider(t);
    };
    visit(word); // terms one letter longer than the word
    for (const d of deletesOf(word)) {
      if (this.terms.has(d)) consider(d); // terms one letter shorter
      visit(d); // substitutions and transpositions share a deletion; withinOneEdit weeds out the rest
    }
    return [...found];
  }

  private flush(): void {
    if (this.added.size === 0 && this.removed.size === 0) return;
    if (this.added.size + this.removed.size > RESORT_AFTER) {
      this.sorted = [...this.terms].sort();
    } else {
      for (const t of this.removed) {
        const i = lowerBound(this.sorted, t);
        if (this.sorted[i] === t) this.sorted.splice(i, 1);
      }
      for (const t of this.added) this.sorted.splice(lowerBound(this.sorted, t), 0, t);
    }
    this.added.clear();
    this.removed.clear();
  }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The edit distance of a and b (insertions, deletions, substitutions and swaps of neighbours), or
 * max + 1 as soon as it must exceed max: a bounded optimal-string-alignment distance.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] as number) + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  const d = prev[b.length] as number;
  return d > max ? max + 1 : d;
}
