// Facet values per document, interned to small ints, and disjunctive counting: a facet's counts are
// taken over the matches with every OTHER facet's filter applied, so choosing "agency = A" still
// shows how many matches agency B has. One pass does it: a document failing no filter counts for
// every facet; one failing exactly one filter counts only for that facet; the rest count nowhere.
// Storage is one column per facet: each document's value ids are a slice (start, len) of a shared
// Int32Array pool, so the counting loop reads only typed arrays.

export type FacetValues = Readonly<Record<string, readonly string[]>>;
export type FacetCounts = Record<string, Record<string, number>>;
type Filters = Readonly<Record<string, readonly string[]>>;

export interface FacetRun {
  /** Indices (into the documents given) of those passing every filter, in the given order. */
  kept: Int32Array;
  keptCount: number;
  counts: FacetCounts;
}

class Column {
  start: Int32Array;
  len: Int32Array;
  pool: Int32Array = new Int32Array(64);
  used = 0;
  /** Pool slots no document points at any more (replaced or cleared documents). */
  garbage = 0;

  constructor(capacity: number) {
    this.start = new Int32Array(capacity);
    this.len = new Int32Array(capacity);
  }

  set(doc: number, ids: readonly number[]): void {
    this.clear(doc);
    if (ids.length === 0) return;
    if (this.used + ids.length > this.pool.length) this.makeRoom(ids.length);
    this.start[doc] = this.used;
    this.len[doc] = ids.length;
    this.pool.set(ids, this.used);
    this.used += ids.length;
  }

  clear(doc: number): void {
    this.garbage += this.len[doc];
    this.len[doc] = 0;
  }

  growDocs(capacity: number): void {
    const start = new Int32Array(capacity);
    const len = new Int32Array(capacity);
    start.set(this.start);
    len.set(this.len);
    this.start = start;
    this.len = len;
  }

  private makeRoom(extra: number): void {
    // Copy only live slices: replaced documents' old values are dropped here.
    const live = this.used - this.garbage;
    const pool = new Int32Array(Math.max(64, (live + extra) * 2));
    let used = 0;
    for (let doc = 0; doc < this.len.length; doc++) {
      const n = this.len[doc];
      if (n === 0) continue;
      pool.set(this.pool.subarray(this.start[doc], this.start[doc] + n), used);
      this.start[doc] = used;
      used += n;
    }
    this.pool = pool;
    this.used = used;
    this.garbage = 0;
  }
}

const NO_COLUMN = new Column(0);

/** A FacetStore's contents as plain arrays (IndexSnapshot). */
export interface FacetSnapshot {
  capacity: number;
  names: string[];
  values: string[][];
  columns: { start: Int32Array; len: Int32Array; pool: Int32Array; garbage: number }[];
}

export class FacetStore {
  private readonly names: string[] = [];
  private readonly byName = new Map<string, number>();
  private readonly values: string[][] = [];
  private readonly valueIds: Map<string, number>[] = [];
  private readonly columns: Column[] = [];
  private capacity = 64;

  /** A copy of everything the store holds. */
  snapshot(): FacetSnapshot {
    return {
      capacity: this.capacity,
      names: [...this.names],
      values: this.values.map((v) => [...v]),
      columns: this.columns.map((c) => ({ start: c.start.slice(), len: c.len.slice(), pool: c.pool.slice(0, c.used), garbage: c.garbage })),
    };
  }

  /** Loads a snapshot into an empty store. */
  restore(s: FacetSnapshot): void {
    if (this.names.length > 0) throw new Error('search: facets can only be restored into an empty store');
    this.capacity = s.capacity;
    s.names.forEach((name, f) => {
      this.facetId(name);
      for (const v of s.values[f]) this.valueId(f, v);
      const from = s.columns[f];
      const col = this.columns[f];
      col.start = from.start;
      col.len = from.len;
      col.pool = from.pool.length > 0 ? from.pool : new Int32Array(64);
      col.used = from.pool.length;
      col.garbage = from.garbage;
    });
  }

  /** Records a document's facet values, replacing any it had. */
  set(doc: number, facets: FacetValues | undefined): void {
    this.clear(doc);
    for (const [name, vals] of Object.entries(facets ?? {})) {
      const f = this.facetId(name);
      this.columns[f].set(doc, [...new Set(vals.map((v) => this.valueId(f, v)))]);
    }
  }

  /** Forgets a document's facet values. */
  clear(doc: number): void {
    if (doc >= this.capacity) {
      this.capacity = Math.max(doc + 1, this.capacity * 2);
      for (const c of this.columns) c.growDocs(this.capacity);
    }
    for (const c of this.columns) c.clear(doc);
  }

  /** Applies filters to the given documents and counts facet values disjunctively. */
  run(docs: ArrayLike<number>, n: number, filters: Filters, wanted: readonly string[] = this.names): FacetRun {
    const compiled = this.compile(filters);
    const want = wanted.map((name) => this.byName.get(name) ?? -1);
    const counts = want.map((f) => new Int32Array(f < 0 ? 0 : this.values[f].length));
    const wantCols = want.map((f) => (f < 0 ? NO_COLUMN : this.columns[f]));
    const filterCols = compiled.map((c) => (c.facet < 0 ? NO_COLUMN : this.columns[c.facet]));
    // Which counted facet (if any) the documents failing only filter k count towards.
    const slotOfFilter = compiled.map((c) => (c.facet < 0 ? -1 : want.indexOf(c.facet)));
    const kept = new Int32Array(n);
    let keptCount = 0;
    for (let i = 0; i < n; i++) {
      const doc = docs[i];
      let fails = 0;
      let failed = -1;
      for (let k = 0; k < compiled.length; k++) {
        const col = filterCols[k];
        const allowed = compiled[k].allowed;
        let pass = false;
        if (doc < col.len.length) {
          const from = col.start[doc];
          const to = from + col.len[doc];
          for (let j = from; j < to && !pass; j++) pass = allowed[col.pool[j]] === 1;
        }
        if (pass) continue;
        failed = k;
        if (++fails > 1) break;
      }
      if (fails > 1) continue;
      if (fails === 0) {
        kept[keptCount++] = i;
        for (let w = 0; w < wantCols.length; w++) countInto(counts[w], wantCols[w], doc);
      } else if (slotOfFilter[failed] >= 0) {
        countInto(counts[slotOfFilter[failed]], wantCols[slotOfFilter[failed]], doc);
      }
    }
    return { kept, keptCount, counts: this.output(wanted, want, counts, filters) };
  }

  private output(wanted: readonly string[], want: number[], counts: Int32Array[], filters: Filters): FacetCounts {
    const out: FacetCounts = {};
    for (let w = 0; w < wanted.length; w++) {
      const entries: [string, number][] = [];
      const f = want[w];
      if (f >= 0) for (let v = 0; v < counts[w].length; v++) if (counts[w][v] > 0) entries.push([this.values[f][v], counts[w][v]]);
      // A chosen value stays visible at 0 so the user can see, and undo, what they picked.
      for (const v of filters[wanted[w]] ?? []) if (!entries.some(([e]) => e === v)) entries.push([v, 0]);
      entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      out[wanted[w]] = Object.fromEntries(entries);
    }
    return out;
  }

  /** Each non-empty filter as a facet number (-1: no document has that facet) and a value mask. */
  private compile(filters: Filters): { facet: number; allowed: Uint8Array }[] {
    const out: { facet: number; allowed: Uint8Array }[] = [];
    for (const [name, vals] of Object.entries(filters)) {
      if (vals.length === 0) continue; // an empty choice is no constraint
      const f = this.byName.get(name) ?? -1;
      const allowed = new Uint8Array(f < 0 ? 0 : this.values[f].length);
      for (const v of f < 0 ? [] : vals) {
        const id = this.valueIds[f].get(v);
        if (id !== undefined) allowed[id] = 1;
      }
      out.push({ facet: f, allowed });
    }
    return out;
  }

  private facetId(name: string): number {
    let f = this.byName.get(name);
    if (f === undefined) {
      f = this.names.length;
      this.names.push(name);
      this.byName.set(name, f);
      this.values.push([]);
      this.valueIds.push(new Map());
      this.columns.push(new Column(this.capacity));
    }
    return f;
  }

  private valueId(f: number, value: string): number {
    let v = this.valueIds[f].get(value);
    if (v === undefined) {
      v = this.values[f].length;
      this.values[f].push(value);
      this.valueIds[f].set(value, v);
    }
    return v;
  }
}

function countInto(counts: Int32Array, col: Column, doc: number): void {
  if (doc >= col.len.length) return;
  const from = col.start[doc];
  const to = from + col.len[doc];
  for (let j = from; j < to; j++) counts[col.pool[j]]++;
}
