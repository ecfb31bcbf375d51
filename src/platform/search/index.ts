// In-process search for Yusr's catalogues (services, agencies, pages): ~10,000 documents, a few ms
// a query. Data structures:
// - Each document gets a small internal number, reused after removal; its id, boost, per-field
//   token counts and liveness sit in typed arrays indexed by that number.
// - One dictionary maps every term (normalised words and stems share it) to up to two Postings
//   (postings.ts): documents holding it as a normalised word, and as a stem. An entry is
//   (doc number, field, tf) in Int32Arrays sorted by doc number; each document remembers its terms
//   so removal touches only its own postings.
// - Vocabulary (vocabulary.ts): the terms sorted for prefix look-ups, plus every term's one-letter
//   deletions for one-typo look-ups. FacetStore (facets.ts): interned facet values, disjunctive
//   counts. Synonyms (synonyms.ts): rewrites query spans into OR-alternatives.
// - A query token expands to weighted terms (exact word 1, stem 0.8, prefix 0.5, typo 0.3); a
//   document keeps its best expansion per token, scored BM25 per field × field weight × the token's
//   idf. Tokens are ANDed (sorted-array merges), scores summed, then × the document's boost.
// Scratch arrays sized to the corpus are allocated once and reset only where a query touched them.

import { analyze } from './analyzer.ts';
import { expandTerm } from './expand.ts';
import { type FacetCounts, FacetStore } from './facets.ts';
import { countBy, type FieldSpec, fieldTokens, push, type SearchDoc } from './fields.ts';
import { intersect, type Match, scale, union } from './merge.ts';
import { entryField, entryTf, Postings, packEntry } from './postings.ts';
import { rankPage } from './rank.ts';
import { type Clause, type QueryTerm, Synonyms } from './synonyms.ts';
import { Vocabulary } from './vocabulary.ts';

export { analyze, type Token } from './analyzer.ts';
export type { FacetCounts, FacetValues } from './facets.ts';
export type { FieldSpec, SearchDoc } from './fields.ts';

export interface SearchIndexOptions<D> {
  fields: readonly FieldSpec<D>[];
  /** Query words at least this long may match a term one edit away (default 5). */
  typoMinLength?: number;
  /** At most this many terms per prefix or typo expansion, the most frequent first (default 50). */
  maxExpansions?: number;
}

export interface SearchOptions {
  /** OR within a facet, AND across facets. */
  filters?: Readonly<Record<string, readonly string[]>>;
  limit?: number;
  offset?: number;
  /** Treat the last word as unfinished (as-you-type). Default true unless the query ends in a space. */
  prefix?: boolean;
  /** Which facets to count (default: every facet any document has had). */
  facets?: readonly string[];
}

export interface SearchHit {
  id: string;
  score: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: FacetCounts;
}

interface TermPostings {
  norm?: Postings;
  stem?: Postings;
}

const SYNONYM = 0.9;
const K1 = 1.2;
const B = 0.75;

export class SearchIndex<D extends SearchDoc = SearchDoc> {
  private readonly fields: readonly FieldSpec<D>[];
  private readonly maxExpansions: number;
  private readonly terms = new Map<string, TermPostings>();
  private readonly vocab: Vocabulary;
  private readonly facetStore = new FacetStore();
  private readonly synonyms = new Synonyms();
  private readonly byId = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly docTerms: ({ norm: string[]; stem: string[] } | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly lenSum: Float64Array;
  private lens: Uint32Array[];
  private boosts = new Float64Array(0);
  private alive = new Uint8Array(0);
  private acc = new Float64Array(0);
  private seen = new Uint8Array(0);
  private touched = new Int32Array(0);
  private highWater = 0;

  constructor(options: SearchIndexOptions<D>) {
    if (options.fields.length === 0) throw new Error('search: an index needs at least one field');
    this.fields = options.fields;
    this.maxExpansions = options.maxExpansions ?? 50;
    this.vocab = new Vocabulary(options.typoMinLength ?? 5);
    this.lenSum = new Float64Array(this.fields.length);
    this.lens = this.fields.map(() => new Uint32Array(0));
  }

  /** Number of documents indexed. */
  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Indexes a new document; an id already present is an error (use replace). */
  add(id: string, doc: D): void {
    if (this.byId.has(id)) throw new Error(`search: document ${id} is already indexed`);
    const boost = doc.boost ?? 1;
    if (!(boost >= 0 && Number.isFinite(boost))) throw new RangeError(`search: bad boost ${boost} for ${id}`);
    const n = this.free.pop() ?? this.highWater++;
    this.ensureCapacity(n + 1);
    const normEntries = new Map<string, number[]>();
    const stemEntries = new Map<string, number[]>();
    this.fields.forEach((field, f) => {
      const tokens = fieldTokens(field, doc);
      this.lens[f][n] = tokens.length;
      this.lenSum[f] += tokens.length;
      for (const [term, tf] of countBy(tokens, (t) => t.norm)) push(normEntries, term, packEntry(f, tf));
      for (const [term, tf] of countBy(tokens, (t) => t.stem)) push(stemEntries, term, packEntry(f, tf));
    });
    for (const [term, entries] of normEntries) this.postings(term, 'norm').insert(n, entries);
    for (const [term, entries] of stemEntries) this.postings(term, 'stem').insert(n, entries);
    this.docTerms[n] = { norm: [...normEntries.keys()], stem: [...stemEntries.keys()] };
    this.facetStore.set(n, doc.facets);
    this.boosts[n] = boost;
    this.alive[n] = 1;
    this.ids[n] = id;
    this.byId.set(id, n);
  }

  /** Drops a document; false if it was not indexed. */
  remove(id: string): boolean {
    const n = this.byId.get(id);
    if (n === undefined) return false;
    const own = this.docTerms[n];
    for (const term of own?.norm ?? []) this.dropPosting(term, 'norm', n);
    for (const term of own?.stem ?? []) this.dropPosting(term, 'stem', n);
    for (let f = 0; f < this.fields.length; f++) this.lenSum[f] -= this.lens[f][n];
    this.facetStore.clear(n);
    this.docTerms[n] = undefined;
    this.alive[n] = 0;
    this.ids[n] = '';
    this.byId.delete(id);
    this.free.push(n);
    return true;
  }

  /** Indexes a document whether or not it was there before (for change events). */
  replace(id: string, doc: D): void {
    this.remove(id);
    this.add(id, doc);
  }

  /** Replaces every synonym group, e.g. [['هوية', 'بطاقة الأحوال'], ['passport', 'جواز السفر']]. */
  setSynonyms(groups: readonly (readonly string[])[]): void {
    this.synonyms.set(groups);
  }

  /** Ranked, filtered, faceted matches; a blank query browses by boost then id. */
  search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = Math.max(0, Math.floor(options.limit ?? 20));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const open = options.prefix ?? !/\s$/u.test(query);
    const all = analyze(query, { keepStopWords: true });
    let match: Match;
    if (all.length === 0) {
      match = this.browse();
    } else {
      let tokens = all.filter((t) => !t.stop);
      // Only stop words: the last may be a word still being typed (من → منصة), so let it prefix.
      if (tokens.length === 0 && open) tokens = [all[all.length - 1]];
      match = this.matchClauses(this.synonyms.expand(tokens, open));
    }
    const run = this.facetStore.run(match.docs, match.docs.length, options.filters ?? {}, options.facets);
    const docs = new Int32Array(run.keptCount);
    const scores = new Float64Array(run.keptCount);
    for (let i = 0; i < run.keptCount; i++) {
      docs[i] = match.docs[run.kept[i]];
      scores[i] = match.scores[run.kept[i]];
    }
    const page = rankPage(docs, scores, run.keptCount, this.ids, offset, limit);
    return {
      total: run.keptCount,
      hits: page.map((i) => ({ id: this.ids[docs[i]], score: scores[i] })),
      facets: run.counts,
    };
  }

  private browse(): Match {
    const docs = new Int32Array(this.byId.size);
    const scores = new Float64Array(this.byId.size);
    let k = 0;
    for (let n = 0; n < this.highWater; n++) {
      if (this.alive[n] === 0) continue;
      docs[k] = n;
      scores[k++] = this.boosts[n];
    }
    return { docs, scores };
  }

  private matchClauses(clauses: Clause[]): Match {
    let result: Match | undefined;
    for (const clause of clauses) {
      let either: Match | undefined;
      for (let a = 0; a < clause.length; a++) {
        let every: Match | undefined;
        for (const term of clause[a]) {
          const m = this.matchTerm(term);
          every = every ? intersect(every, m) : m;
          if (every.docs.length === 0) break;
        }
        if (!every) continue;
        // A synonym scores per word like the words typed, and a little under them: a three-word
        // member must not outrank the user's one word just by having more words to add up.
        if (a > 0) scale(every, (SYNONYM * clause[0].length) / clause[a].length);
        either = either ? union(either, every) : every;
      }
      if (!either) continue;
      result = result ? intersect(result, either) : either;
      if (result.docs.length === 0) break;
    }
    if (!result) return { docs: new Int32Array(0), scores: new Float64Array(0) };
    for (let i = 0; i < result.docs.length; i++) result.scores[i] *= this.boosts[result.docs[i]];
    return result;
  }

  /** Every document matching one query word, each scored by its best expansion. */
  private matchTerm(q: QueryTerm): Match {
    const { asWord, asStem } = expandTerm(q, this.vocab, this.df, this.maxExpansions);
    const live = this.byId.size;
    const avg = Array.from(this.lenSum, (sum) => sum / live || 1);
    let nt = 0;
    const visit = (p: Postings | undefined, w: number) => {
      if (!p) return;
      for (let i = 0; i < p.length; ) {
        const doc = p.docs[i];
        let s = 0;
        do {
          const f = entryField(p.info[i]);
          const tf = entryTf(p.info[i]);
          s += (this.fields[f].weight * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.lens[f][doc]) / avg[f]));
          i++;
        } while (i < p.length && p.docs[i] === doc);
        s *= w;
        if (this.seen[doc] === 0) {
          this.seen[doc] = 1;
          this.touched[nt++] = doc;
          this.acc[doc] = s;
        } else if (s > this.acc[doc]) this.acc[doc] = s;
      }
    };
    for (const [t, w] of asWord) visit(this.terms.get(t)?.norm, w);
    for (const [t, w] of asStem) visit(this.terms.get(t)?.stem, w);
    // One idf per query word, from every document it matched: expansions never out-rank the exact word.
    const idf = Math.log(1 + (live - nt + 0.5) / (nt + 0.5));
    const docs = this.touched.slice(0, nt).sort();
    const scores = new Float64Array(nt);
    for (let i = 0; i < nt; i++) {
      scores[i] = this.acc[docs[i]] * idf;
      this.seen[docs[i]] = 0;
    }
    return { docs, scores };
  }

  private readonly df = (term: string): number => Math.max(this.terms.get(term)?.norm?.df ?? 0, this.terms.get(term)?.stem?.df ?? 0);

  private postings(term: string, role: keyof TermPostings): Postings {
    let entry = this.terms.get(term);
    if (!entry) {
      entry = {};
      this.terms.set(term, entry);
      this.vocab.add(term);
    }
    entry[role] ??= new Postings();
    return entry[role];
  }

  private dropPosting(term: string, role: keyof TermPostings, doc: number): void {
    const entry = this.terms.get(term);
    const p = entry?.[role];
    if (!entry || !p) return;
    p.remove(doc);
    if (p.length > 0) return;
    entry[role] = undefined;
    if (entry.norm || entry.stem) return;
    this.terms.delete(term);
    this.vocab.remove(term);
  }

  private ensureCapacity(min: number): void {
    if (min <= this.alive.length) return;
    const size = Math.max(min, this.alive.length * 2, 64);
    const grow = <T extends Float64Array | Uint8Array | Int32Array | Uint32Array>(old: T, make: (n: number) => T) => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.boosts = grow(this.boosts, (n) => new Float64Array(n));
    this.alive = grow(this.alive, (n) => new Uint8Array(n));
    this.acc = new Float64Array(size);
    this.seen = new Uint8Array(size);
    this.touched = new Int32Array(size);
    this.lens = this.lens.map((old) => grow(old, (n) => new Uint32Array(n)));
  }
}
