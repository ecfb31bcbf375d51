// A term's postings: one entry per (document, field) that holds the term, sorted by document number
// so a document's entries sit together and removal is a binary search plus one block move.
// Typed arrays keep 10,000 documents' postings compact and out of the garbage collector's way.

const FIELD_SHIFT = 16;
const TF_MASK = 0xffff;

/** Packs a field number and a term frequency into one int (tf capped at 65,535). */
export function packEntry(field: number, tf: number): number {
  return (field << FIELD_SHIFT) | Math.min(tf, TF_MASK);
}

/** The field number of a packed entry. */
export function entryField(info: number): number {
  return info >>> FIELD_SHIFT;
}

/** The term frequency of a packed entry. */
export function entryTf(info: number): number {
  return info & TF_MASK;
}

export class Postings {
  docs: Int32Array = new Int32Array(2);
  info: Int32Array = new Int32Array(2);
  /** Entries in use. */
  length = 0;
  /** Distinct documents (document frequency). */
  df = 0;

  /** Postings over arrays already sorted by document (a loaded snapshot's); the arrays are kept, not copied. */
  static of(docs: Int32Array, info: Int32Array, df: number): Postings {
    const p = new Postings();
    p.docs = docs;
    p.info = info;
    p.length = docs.length;
    p.df = df;
    return p;
  }

  /** First entry index whose document is >= doc. */
  lowerBound(doc: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.docs[mid] < doc) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds a document's packed entries; the document must not be present yet. */
  insert(doc: number, entries: readonly number[]): void {
    const k = entries.length;
    if (k === 0) return;
    if (this.length + k > this.docs.length) this.grow(this.length + k);
    // Bulk loads hand out increasing numbers, so the common case appends without a search.
    const at = this.length === 0 || this.docs[this.length - 1] < doc ? this.length : this.lowerBound(doc);
    if (at < this.length) {
      this.docs.copyWithin(at + k, at, this.length);
      this.info.copyWithin(at + k, at, this.length);
    }
    for (let i = 0; i < k; i++) {
      this.docs[at + i] = doc;
      this.info[at + i] = entries[i];
    }
    this.length += k;
    this.df++;
  }

  /** Removes every entry of a document; false if it had none. */
  remove(doc: number): boolean {
    const from = this.lowerBound(doc);
    let to = from;
    while (to < this.length && this.docs[to] === doc) to++;
    if (to === from) return false;
    this.docs.copyWithin(from, to, this.length);
    this.info.copyWithin(from, to, this.length);
    this.length -= to - from;
    this.df--;
    return true;
  }

  private grow(min: number): void {
    const size = Math.max(min, this.docs.length * 2);
    const docs = new Int32Array(size);
    const info = new Int32Array(size);
    docs.set(this.docs.subarray(0, this.length));
    info.set(this.info.subarray(0, this.length));
    this.docs = docs;
    this.info = info;
  }
}
