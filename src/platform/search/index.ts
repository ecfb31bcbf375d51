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
// - A query token expands to weighted terms (exact word 1, stem 0.8, prefix 0.5, typo 0.3; prefix
//   and typo terms only in fields that allow expansions); a document keeps its best expansion per
//   token, scored BM25F (each field's tf × its weight, length-normalised, summed, then saturated
//   once, so a word repeated across many fields or keywords adds little) × the token's idf.
// - Words combine by coordination: every word must match, unless that finds fewer than RELAX_BELOW
//   documents; then a document matching at least half of the words (and at least half of the idf
//   of the words found anywhere: the rarer word decides) is kept too, its score × (matched / words)²;
//   when even that keeps none, any document matching a word, scaled the same way. A synonym span
//   counts as the words it spans; a document holding none of its members whole still counts the
//   span's own words one by one, as it would with no group. A document whose
//   title holds every word, and little else, gets × (1 + (words / title length)²): an exact title
//   doubles. Then × boost.
// Scratch arrays sized to the corpus are allocated once and reset only where a query touched them.

import { analyze } from './analyzer.ts';
import { expandTerm, isExpansion } from './expand.ts';
import { type FacetCounts, type FacetSnapshot, FacetStore } from './facets.ts';
import { type FieldSpec, fieldTokens, push, type SearchDoc } from './fields.ts';
import { emptyMatch, intersect, type Match, scale, union } from './merge.ts';
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
  /** Relevance × boost; comparable within one query only (a blank query gives the boost). */
  score: number;
  /** Names of the fields where the query's words (or their expansions) matched. */
  fields: string[];
  /** Share of the query's words the document matched (1 unless the query was relaxed). */
  coverage: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: FacetCounts;
  /** True when too few documents matched every word, so documents matching most of them came too. */
  relaxed: boolean;
  /** True when no document matched even half of the words, so these match only some: weak results. */
  weak: boolean;
}

/**
 * Everything an index holds, as arrays: loading one (restore) costs a copy and a pass over the
 * postings instead of analysing every document again. Synonyms are not part of it (set them after).
 */
export interface IndexSnapshot {
  /** The field names the index was built with: a snapshot loads only into an index with the same. */
  fields: string[];
  /** Each document number's id ('' for a free number), and 1 where a document is indexed. */
  ids: string[];
  alive: Uint8Array;
  boosts: Float64Array;
  /** Per field, each document's token count. */
  lens: Uint32Array[];
  free: number[];
  terms: string[];
  /** Per term, which postings follow in `ends`: 1 as a word, 2 as a stem, 3 both (word first). */
  roles: Uint8Array;
  /** Per postings list, where its entries end in `docs` and `info`, and its document frequency. */
  ends: Int32Array;
  df: Int32Array;
  docs: Int32Array;
  info: Int32Array;
  facets: FacetSnapshot;
}

interface TermPostings {
  /** A small number, reused once the term has no postings left: documents list their terms by it. */
  id: number;
  term: string;
  norm?: Postings;
  stem?: Postings;
}

type Role = 'norm' | 'stem';
/** A document's term as it remembers it: the term's id and whether it holds it as a stem. */
const termCode = (id: number, role: Role) => id * 2 + (role === 'stem' ? 1 : 0);

const SYNONYM = 0.9;
const K1 = 1.2;
const B = 0.75;
/** Fewer documents than this matching every word (after filters) lets the query relax. */
export const RELAX_BELOW = 5;
/** An exact title multiplies the score by 1 + TITLE_BONUS. */
const TITLE_BONUS = 1;
/** A restore pauses (restoring) every STEP documents and every ENTRY_STEP postings entries or so. */
const STEP = 4_096;
const ENTRY_STEP = 16_384;

/** Thrown by a snapshot taken in steps (snapshotting) when the index changed between two of them. */
export class IndexChanged extends Error {
  constructor() {
    super('search: the index changed while a snapshot of it was taken');
  }
}

/** Adds one to each distinct document of a postings list's entries [from, to) (sorted by document). */
function countDocs(docs: Int32Array, from: number, to: number, count: Int32Array): void {
  for (let k = from; k < to; k++) if (k === 0 || docs[k] !== docs[k - 1]) count[docs[k]]++;
}

/** Writes code at pool[at[doc]] for each distinct document of a list's entries [from, to), moving at[doc] on. */
function fillDocTerms(docs: Int32Array, from: number, to: number, code: number, pool: Int32Array, at: Int32Array): void {
  for (let k = from; k < to; k++) {
    const d = docs[k];
    if (k === 0 || d !== docs[k - 1]) pool[at[d]++] = code;
  }
}

/** Per query: each document's combined score, how many words it matched, their idf and its fields. */
interface Combined {
  docs: Int32Array;
  score: Float64Array;
  count: Uint16Array;
  idf: Float64Array;
  exact: Int32Array;
  any: Int32Array;
}

export class SearchIndex<D extends SearchDoc = SearchDoc> {
  private readonly fields: readonly FieldSpec<D>[];
  /** Field weights scaled so the heaviest is 1 (BM25F saturates their sum once). */
  private readonly weights: Float64Array;
  private readonly expandable: Uint8Array;
  private readonly titleMask: number;
  private readonly maxExpansions: number;
  private readonly terms = new Map<string, TermPostings>();
  private readonly vocab: Vocabulary;
  private readonly facetStore = new FacetStore();
  private readonly synonyms = new Synonyms();
  private readonly byId = new Map<string, number>();
  private readonly ids: string[] = [];
  /** Terms by id (undefined: a free id). */
  private readonly termById: (TermPostings | undefined)[] = [];
  private readonly freeTermIds: number[] = [];
  /** Each document's terms (termCode), so that removing it touches only its own postings. */
  private readonly docTerms: (Int32Array | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly lenSum: Float64Array;
  private lens: Uint32Array[];
  private boosts = new Float64Array(0);
  private alive = new Uint8Array(0);
  private acc = new Float64Array(0);
  private accExact = new Int32Array(0);
  private accAny = new Int32Array(0);
  private seen = new Uint8Array(0);
  private touched = new Int32Array(0);
  private fieldsSeen = new Int32Array(0);
  private highWater = 0;
  /** Counts the documents added and removed: a snapshot taken in steps checks it did not move. */
  private changes = 0;

  constructor(options: SearchIndexOptions<D>) {
    if (options.fields.length === 0) throw new Error('search: an index needs at least one field');
    if (options.fields.length > 31) throw new Error('search: at most 31 fields');
    this.fields = options.fields;
    const heaviest = Math.max(...options.fields.map((f) => f.weight)) || 1;
    this.weights = Float64Array.from(options.fields, (f) => f.weight / heaviest);
    this.expandable = Uint8Array.from(options.fields, (f) => (f.expand === false ? 0 : 1));
    this.titleMask = options.fields.reduce((m, f, i) => (f.title ? m | (1 << i) : m), 0);
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
    this.changes++;
    const n = this.free.pop() ?? this.highWater++;
    this.ensureCapacity(n + 1);
    const normEntries = new Map<string, number[]>();
    const stemEntries = new Map<string, number[]>();
    const tf = new Map<string, number>();
    for (let f = 0; f < this.fields.length; f++) {
      const tokens = fieldTokens(this.fields[f], doc);
      this.lens[f][n] = tokens.length;
      this.lenSum[f] += tokens.length;
      tf.clear();
      for (const t of tokens) tf.set(t.norm, (tf.get(t.norm) ?? 0) + 1);
      for (const [term, count] of tf) push(normEntries, term, packEntry(f, count));
      tf.clear();
      for (const t of tokens) {
        tf.set(t.stem, (tf.get(t.stem) ?? 0) + 1);
        if (t.alt) for (const a of t.alt) tf.set(a, (tf.get(a) ?? 0) + 1);
      }
      for (const [term, count] of tf) push(stemEntries, term, packEntry(f, count));
    }
    const own = new Int32Array(normEntries.size + stemEntries.size);
    let k = 0;
    for (const [role, entries] of [
      ['norm', normEntries],
      ['stem', stemEntries],
    ] as const) {
      for (const [term, list] of entries) {
        const entry = this.entry(term);
        entry[role] ??= new Postings();
        entry[role].insert(n, list);
        own[k++] = termCode(entry.id, role);
      }
    }
    this.docTerms[n] = own;
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
    this.changes++;
    for (const code of this.docTerms[n] ?? []) this.dropPosting(code, n);
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

  /** A copy of the index's contents, to persist (restore loads it into a new index). */
  snapshot(): IndexSnapshot {
    const steps = this.snapshotting();
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  /**
   * snapshot in steps: yields every ENTRY_STEP postings entries or so, so that a caller can let the
   * event loop run between them (snapshotOf in snapshot.ts). The copy is the index at one moment:
   * if a document is added or removed between two steps, the next step throws IndexChanged (start
   * again, or give up). Once it returns, the copy is the caller's own: later changes do not touch it.
   */
  *snapshotting(): Generator<undefined, IndexSnapshot, void> {
    const at = this.changes;
    const pause = function* (index: SearchIndex<D>): Generator<undefined, void, void> {
      yield;
      if (index.changes !== at) throw new IndexChanged();
    };
    const terms = [...this.terms.keys()];
    const roles = new Uint8Array(terms.length);
    const lists: Postings[] = [];
    let entries = 0;
    terms.forEach((term, i) => {
      const t = this.terms.get(term) as TermPostings;
      for (const [bit, p] of [
        [1, t.norm],
        [2, t.stem],
      ] as const) {
        if (!p) continue;
        roles[i] |= bit;
        lists.push(p);
        entries += p.length;
      }
    });
    yield* pause(this);
    const ends = new Int32Array(lists.length);
    const df = new Int32Array(lists.length);
    const docs = new Int32Array(entries);
    const info = new Int32Array(entries);
    let to = 0;
    let work = 0;
    for (let i = 0; i < lists.length; i++) {
      const p = lists[i];
      docs.set(p.docs.subarray(0, p.length), to);
      info.set(p.info.subarray(0, p.length), to);
      to += p.length;
      ends[i] = to;
      df[i] = p.df;
      work += 16 + p.length;
      if (work >= ENTRY_STEP) {
        work = 0;
        yield* pause(this);
      }
    }
    return {
      fields: this.fields.map((f) => f.name),
      ids: this.ids.slice(0, this.highWater),
      alive: this.alive.slice(0, this.highWater),
      boosts: this.boosts.slice(0, this.highWater),
      lens: this.lens.map((l) => l.slice(0, this.highWater)),
      free: [...this.free],
      terms,
      roles,
      ends,
      df,
      docs,
      info,
      facets: this.facetStore.snapshot(),
    };
  }

  /** Loads a snapshot into this index, which must be empty and have the same fields. */
  restore(s: IndexSnapshot): void {
    const steps = this.restoring(s);
    for (let r = steps.next(); !r.done; r = steps.next()) {
      // at once: nothing to let run between the steps
    }
  }

  /**
   * restore in steps: yields every few thousand documents or postings, so that a caller can let the
   * event loop run between them (loadSnapshot in snapshot.ts). Until it is done the index is
   * partial: use it only after, and discard it if a step throws.
   */
  *restoring(s: IndexSnapshot): Generator<void, void, void> {
    if (this.highWater > 0) throw new Error('search: a snapshot loads only into an empty index');
    const names = this.fields.map((f) => f.name);
    if (s.fields.length !== names.length || s.fields.some((f, i) => f !== names[i]))
      throw new Error(`search: the snapshot's fields (${s.fields.join(', ')}) are not this index's (${names.join(', ')})`);
    const size = s.ids.length;
    this.ensureCapacity(size);
    // Taken at once, so a second restore into this index throws even while this one is under way.
    this.highWater = size;
    this.boosts.set(s.boosts);
    for (let f = 0; f < names.length; f++) this.lens[f].set(s.lens[f]);
    for (let n = 0; n < size; n++) {
      if (n % STEP === 0) yield;
      const id = s.ids[n];
      this.ids[n] = id;
      if (s.alive[n] !== 1) continue;
      this.alive[n] = 1;
      this.byId.set(id, n);
      for (let f = 0; f < names.length; f++) this.lenSum[f] += this.lens[f][n];
    }
    this.free.push(...s.free);
    // Each document's terms: counted first, then filled, in two passes over the postings.
    const count = new Int32Array(size);
    const lists: [TermPostings, Role, Postings][] = [];
    let work = 0;
    for (let i = 0, list = 0; i < s.terms.length; i++) {
      const entry = this.entry(s.terms[i]);
      work += 16;
      if (work >= ENTRY_STEP) {
        work = 0;
        yield;
      }
      for (const role of ['norm', 'stem'] as const) {
        if ((s.roles[i] & (role === 'norm' ? 1 : 2)) === 0) continue;
        const from = list === 0 ? 0 : s.ends[list - 1];
        const p = Postings.of(s.docs.subarray(from, s.ends[list]), s.info.subarray(from, s.ends[list]), s.df[list]);
        list++;
        entry[role] = p;
        lists.push([entry, role, p]);
        // A list as long as the corpus is counted a part at a time too.
        for (let k = 0; k < p.length; k += ENTRY_STEP) {
          countDocs(p.docs, k, Math.min(k + ENTRY_STEP, p.length), count);
          work += Math.min(ENTRY_STEP, p.length - k);
          if (work >= ENTRY_STEP) {
            work = 0;
            yield;
          }
        }
      }
    }
    // One array holds every document's terms, each document a view of its part: a hundred thousand
    // small arrays of their own would cost an allocation (and memory outside the heap) apiece. A
    // removed document's part stays unused until the next start.
    const at = new Int32Array(size + 1);
    for (let n = 0; n < size; n++) at[n + 1] = at[n] + count[n];
    const pool = new Int32Array(at[size]);
    for (const [entry, role, p] of lists) {
      const code = termCode(entry.id, role);
      work += 16;
      for (let k = 0; k < p.length; k += ENTRY_STEP) {
        fillDocTerms(p.docs, k, Math.min(k + ENTRY_STEP, p.length), code, pool, at);
        work += Math.min(ENTRY_STEP, p.length - k);
        if (work >= ENTRY_STEP) {
          work = 0;
          yield;
        }
      }
    }
    // at[n] has moved to where document n's terms end, which is where n + 1's begin.
    for (let n = 0; n < size; n++) {
      if (n % STEP === 0) yield;
      if (s.alive[n] === 1) this.docTerms[n] = pool.subarray(at[n] - count[n], at[n]);
    }
    this.facetStore.restore(s.facets);
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
    const filters = options.filters ?? {};
    let docs: Int32Array;
    let scores: Float64Array;
    let combined: Combined | undefined;
    let words = 0;
    let relaxed = false;
    let weak = false;
    if (all.length === 0) {
      ({ docs, scores } = this.browse());
    } else {
      let tokens = all.filter((t) => !t.stop);
      // Only stop words: the last may be a word still being typed (من → منصة), so let it prefix.
      if (tokens.length === 0 && open) tokens = [all[all.length - 1]];
      const clauses = this.synonyms.expand(tokens, open);
      // A synonym span counts as the words it spans, so matching a long phrase is not half a match.
      words = clauses.reduce((n, c) => n + c[0].length, 0);
      combined = this.combine(clauses);
      ({ docs, scores } = this.rank(combined, words, tokens.length, 'all'));
      if (words > 1) {
        const strict = this.facetStore.run(docs, docs.length, filters, options.facets);
        if (strict.keptCount < RELAX_BELOW) {
          relaxed = true;
          ({ docs, scores } = this.rank(combined, words, tokens.length, 'half'));
          // Still nothing: a sentence whose one telling word is known («ضاعت هويتي شو اعمل») gets
          // the documents matching any of its words, weakest coverage last, rather than none.
          if (this.facetStore.run(docs, docs.length, filters, options.facets).keptCount === 0) {
            weak = true;
            ({ docs, scores } = this.rank(combined, words, tokens.length, 'any'));
          }
        }
      }
    }
    const run = this.facetStore.run(docs, docs.length, filters, options.facets);
    const keptDocs = new Int32Array(run.keptCount);
    const keptScores = new Float64Array(run.keptCount);
    for (let i = 0; i < run.keptCount; i++) {
      keptDocs[i] = docs[run.kept[i]];
      keptScores[i] = scores[run.kept[i]];
    }
    const page = rankPage(keptDocs, keptScores, run.keptCount, this.ids, offset, limit);
    const hits = page.map((i) => this.hit(keptDocs[i], keptScores[i], combined, words));
    if (combined) this.release(combined);
    return { total: run.keptCount, hits, facets: run.counts, relaxed, weak: weak && run.keptCount > 0 };
  }

  private hit(doc: number, score: number, combined: Combined | undefined, words: number): SearchHit {
    if (!combined) return { id: this.ids[doc], score, fields: [], coverage: 1 };
    const mask = this.fieldsSeen[doc];
    return {
      id: this.ids[doc],
      score,
      fields: this.fields.filter((_, f) => mask & (1 << f)).map((f) => f.name),
      coverage: combined.count[doc] / words,
    };
  }

  private browse(): { docs: Int32Array; scores: Float64Array } {
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

  /** One Match per clause (a query word, or a synonym span's alternatives), summed per document. */
  private combine(clauses: Clause[]): Combined {
    // Scratch sized to the corpus, kept between queries; release() zeroes what this query touched.
    const size = this.alive.length;
    if (!this.scratch || this.scratch.score.length < size) {
      this.scratch = {
        docs: new Int32Array(0),
        score: new Float64Array(size),
        count: new Uint16Array(size),
        idf: new Float64Array(size),
        exact: new Int32Array(size),
        any: new Int32Array(size),
      };
    }
    const out = this.scratch;
    const live = this.byId.size;
    const touched: number[] = [];
    // Words that match nothing anywhere have no idf: they count in the relaxed query's minimum of
    // words and against coverage, not in its minimum share of idf.
    let idfKnown = 0;
    const addTo = (m: Match, idf: number, weight: number, skip?: Set<number>) => {
      for (let i = 0; i < m.docs.length; i++) {
        const d = m.docs[i];
        if (skip?.has(d)) continue;
        if (out.count[d] === 0) {
          touched.push(d);
          out.exact[d] = -1;
        }
        out.count[d] += weight;
        out.score[d] += m.scores[i];
        out.idf[d] += idf;
        out.exact[d] &= m.exact[i];
        out.any[d] |= m.any[i];
      }
    };
    const idfOf = (n: number) => Math.log(1 + (live - n + 0.5) / (n + 0.5));
    for (const clause of clauses) {
      const m = this.matchClause(clause);
      const weight = clause[0].length;
      if (m.docs.length > 0) {
        idfKnown += idfOf(m.docs.length);
        addTo(m, idfOf(m.docs.length), weight);
      }
      // A synonym phrase the document holds in no member's words: the query's own words still count
      // one by one, as they would with no group («ضريبة الدخل على الشركات» meets a service that says
      // «ضريبة الشركات»), so a group never costs a relaxed query the partial match it had without it.
      if (clause.length > 1 && weight > 1) {
        const whole = new Set(m.docs);
        let wordsIdf = 0;
        for (const term of clause[0]) {
          const w = this.matchTerm(term);
          if (w.docs.length === 0) continue;
          wordsIdf += idfOf(w.docs.length);
          addTo(w, idfOf(w.docs.length), 1, whole);
        }
        if (m.docs.length === 0) idfKnown += wordsIdf;
      }
    }
    out.docs = Int32Array.from(touched).sort();
    this.idfKnown = idfKnown;
    return out;
  }

  private idfKnown = 0;
  private scratch: Combined | undefined;

  /** Zeroes the scratch entries a query used. */
  private release(c: Combined): void {
    for (const d of c.docs) {
      c.score[d] = 0;
      c.count[d] = 0;
      c.idf[d] = 0;
      c.exact[d] = 0;
      c.any[d] = 0;
    }
    c.docs = new Int32Array(0);
  }

  /**
   * The documents a combined query keeps, with their final scores: every word matched, or (relaxed)
   * at least half of the words and half of the idf of the words found anywhere, or (when that keeps
   * none) any word; scaled by coverage².
   */
  private rank(c: Combined, words: number, tokens: number, keep: 'all' | 'half' | 'any'): { docs: Int32Array; scores: Float64Array } {
    const minCount = keep === 'all' ? words : keep === 'half' ? Math.ceil(words / 2) : 1;
    const minIdf = keep === 'half' ? this.idfKnown / 2 - 1e-9 : 0;
    const docs = new Int32Array(c.docs.length);
    const scores = new Float64Array(c.docs.length);
    if (this.fieldsSeen.length < this.alive.length) this.fieldsSeen = new Int32Array(this.alive.length);
    let k = 0;
    for (const d of c.docs) {
      const n = c.count[d];
      if (n < minCount || c.idf[d] < minIdf) continue;
      const coverage = n / words;
      let s = c.score[d] * coverage * coverage;
      if (n === words) s *= 1 + TITLE_BONUS * this.titleCloseness(d, c.exact[d], tokens) ** 2;
      docs[k] = d;
      scores[k++] = s * this.boosts[d];
      this.fieldsSeen[d] = c.any[d];
    }
    return { docs: docs.subarray(0, k), scores: scores.subarray(0, k) };
  }

  /** 1 when a title field holds exactly the query's words, less the more other words it has, else 0. */
  private titleCloseness(doc: number, exact: number, tokens: number): number {
    const mask = exact & this.titleMask;
    if (mask === 0) return 0;
    let best = 0;
    for (let f = 0; f < this.fields.length; f++) {
      if ((mask & (1 << f)) === 0) continue;
      best = Math.max(best, tokens / Math.max(tokens, this.lens[f][doc]));
    }
    return best;
  }

  /** A clause's documents: those holding every word of one of its alternatives. */
  private matchClause(clause: Clause): Match {
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
    return either ?? emptyMatch();
  }

  /** Every document matching one query word, each scored by its best expansion (BM25F). */
  private matchTerm(q: QueryTerm): Match {
    const { asWord, asStem } = expandTerm(q, this.vocab, this.df, this.maxExpansions);
    const live = this.byId.size;
    const avg = Array.from(this.lenSum, (sum) => sum / live || 1);
    let nt = 0;
    const visit = (p: Postings | undefined, w: number) => {
      if (!p) return;
      const expansion = isExpansion(w);
      for (let i = 0; i < p.length; ) {
        const doc = p.docs[i];
        let tf = 0;
        let mask = 0;
        do {
          const f = entryField(p.info[i]);
          if (!expansion || this.expandable[f] === 1) {
            tf += (this.weights[f] * entryTf(p.info[i])) / (1 - B + (B * this.lens[f][doc]) / avg[f]);
            mask |= 1 << f;
          }
          i++;
        } while (i < p.length && p.docs[i] === doc);
        if (mask === 0) continue;
        const s = (w * (tf * (K1 + 1))) / (tf + K1);
        if (this.seen[doc] === 0) {
          this.seen[doc] = 1;
          this.touched[nt++] = doc;
          this.acc[doc] = s;
          this.accExact[doc] = expansion ? 0 : mask;
          this.accAny[doc] = mask;
        } else {
          if (s > this.acc[doc]) this.acc[doc] = s;
          if (!expansion) this.accExact[doc] |= mask;
          this.accAny[doc] |= mask;
        }
      }
    };
    for (const [t, w] of asWord) visit(this.terms.get(t)?.norm, w);
    for (const [t, w] of asStem) visit(this.terms.get(t)?.stem, w);
    // One idf per query word, from every document it matched: expansions never out-rank the exact word.
    const idf = Math.log(1 + (live - nt + 0.5) / (nt + 0.5));
    const out = emptyMatch(nt);
    out.docs.set(this.touched.subarray(0, nt));
    out.docs.sort();
    for (let i = 0; i < nt; i++) {
      const d = out.docs[i];
      out.scores[i] = this.acc[d] * idf;
      out.exact[i] = this.accExact[d];
      out.any[i] = this.accAny[d];
      this.seen[d] = 0;
    }
    return out;
  }

  private readonly df = (term: string): number => Math.max(this.terms.get(term)?.norm?.df ?? 0, this.terms.get(term)?.stem?.df ?? 0);

  /** A term's entry, made (with no postings yet) if the index does not hold the term. */
  private entry(term: string): TermPostings {
    let entry = this.terms.get(term);
    if (!entry) {
      const id = this.freeTermIds.pop() ?? this.termById.length;
      entry = { id, term };
      this.termById[id] = entry;
      this.terms.set(term, entry);
      this.vocab.add(term);
    }
    return entry;
  }

  private dropPosting(code: number, doc: number): void {
    const entry = this.termById[code >> 1];
    const role: Role = (code & 1) === 1 ? 'stem' : 'norm';
    const p = entry?.[role];
    if (!entry || !p) return;
    p.remove(doc);
    if (p.length > 0) return;
    entry[role] = undefined;
    if (entry.norm || entry.stem) return;
    this.terms.delete(entry.term);
    this.vocab.remove(entry.term);
    this.termById[entry.id] = undefined;
    this.freeTermIds.push(entry.id);
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
    this.accExact = new Int32Array(size);
    this.accAny = new Int32Array(size);
    this.seen = new Uint8Array(size);
    this.touched = new Int32Array(size);
    this.lens = this.lens.map((old) => grow(old, (n) => new Uint32Array(n)));
  }
}
