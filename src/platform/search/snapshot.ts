import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import v8 from 'node:v8';
import type { IndexSnapshot, SearchDoc, SearchIndex } from './index.ts';

// An index snapshot as bytes, to persist and load at start instead of analysing every document
// again. The postings dominate (about 150 entries a document): their document numbers ascend
// within a list, so they are stored as varint gaps, and each entry's field and term frequency as
// one varint: about a fifth of the raw arrays' size. The bytes are a run of frames, each a 32-bit
// length and its payload: the rest of the snapshot through v8.serialize (ids and terms in chunks,
// so no one step decodes them all), then the two varint sections raw, read in place (no copy).
// Loading (loadSnapshot) decodes and restores in slices, letting the event loop run between them;
// it also takes the bytes as pieces read one after another (rows of a table, say: a frame may span
// pieces), so that no one read holds the event loop for all of them nor memory for all at once.

const FORMAT = 'yusr-search-snapshot/2';
/** Ids and terms go in frames of this many, so that decoding one takes a few ms. */
const CHUNK = 10_000;
/** Entries decoded or encoded between two pauses. */
const STEP = 16_384;
/** A slice of loading: the event loop waits at most about this long (the catalog's build uses the same). */
const SLICE_MS = 20;

interface Head extends Omit<IndexSnapshot, 'ids' | 'terms' | 'docs' | 'info' | 'alive' | 'boosts' | 'lens' | 'roles' | 'ends' | 'df'> {
  format: string;
  entries: number;
  idFrames: number;
  termFrames: number;
}
type Arrays = Pick<IndexSnapshot, 'alive' | 'boosts' | 'lens' | 'roles' | 'ends' | 'df'>;

/**
 * Work done in steps: a generator that yields wherever it may pause, or MORE where it needs the
 * next piece of the bytes. drain runs it at once (over bytes all there); sliced runs it SLICE_MS at
 * a time, letting the event loop run between slices (as the catalog's build from the tables does:
 * setImmediate once a slice has taken longer than that), and awaits the next piece on MORE.
 */
const MORE = Symbol('more');
type Steps<T> = Generator<undefined | typeof MORE, T, void>;

function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (r.value === MORE) throw new Error('search: a snapshot read at once needs all its bytes');
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function sliced<T>(steps: Steps<T>, sliceMs: number, pieces?: Pieces): Promise<T> {
  let slice = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    // The time a piece takes to arrive counts in the slice (a synchronous read holds the event loop).
    if (r.value === MORE) await pieces?.more();
    if (performance.now() - slice > sliceMs) {
      await yieldToEventLoop();
      slice = performance.now();
    }
  }
}

/**
 * A snapshot's bytes as they arrive: all at once, or piece after piece from an iterator. A frame
 * lying in one piece is read in place; one spanning pieces is copied together (the largest frames
 * are the two varint sections: about 15 MB each at 100,000 services). Pieces read are let go.
 */
class Pieces {
  private list: Uint8Array[] = [];
  /** Where the bytes not yet taken begin in list[0]. */
  private first = 0;
  /** How many bytes arrived and are not yet taken. */
  size = 0;
  /** True once no more pieces will come. */
  done: boolean;

  constructor(private readonly source?: Iterator<Uint8Array> | AsyncIterator<Uint8Array>) {
    this.done = !source;
  }

  add(piece: Uint8Array): void {
    if (piece.length === 0) return;
    this.list.push(piece);
    this.size += piece.length;
  }

  async more(): Promise<void> {
    if (this.done || !this.source) return;
    const r = await this.source.next();
    if (r.done) this.done = true;
    else this.add(r.value);
  }

  /** The next n bytes (n ≤ size): a view into a piece when they lie in one, else a copy. */
  take(n: number): Uint8Array {
    const head = this.list[0];
    if (n === 0) return new Uint8Array(0);
    let out: Uint8Array;
    if (this.first + n <= head.length) {
      out = head.subarray(this.first, this.first + n);
      this.first += n;
    } else {
      out = new Uint8Array(n);
      for (let got = 0; got < n; ) {
        const piece = this.list[0];
        const k = Math.min(n - got, piece.length - this.first);
        out.set(piece.subarray(this.first, this.first + k), got);
        got += k;
        this.first += k;
        if (this.first === piece.length) {
          this.list.shift();
          this.first = 0;
        }
      }
    }
    if (this.list.length && this.first === this.list[0].length) {
      this.list.shift();
      this.first = 0;
    }
    this.size -= n;
    return out;
  }
}

/** The snapshot as bytes (frames: v8.serialize for most, the postings varint-coded). */
export function encodeSnapshot(s: IndexSnapshot): Buffer {
  return drain(encoding(s));
}

/**
 * An index's snapshot as the bytes encodeSnapshot writes, taken and encoded SLICE_MS of work at a
 * time, letting the event loop run between slices: a node writing 100,000 services keeps answering
 * requests meanwhile. The copy is taken in steps too (SearchIndex.snapshotting): if the index
 * changes before it is complete, this rejects with IndexChanged (index.ts) and writes nothing torn;
 * once copied, the encoding works on the copy alone and the index may change freely.
 */
export async function snapshotOf<D extends SearchDoc>(index: SearchIndex<D>, sliceMs = SLICE_MS): Promise<Buffer> {
  return sliced(
    (function* (): Steps<Buffer> {
      return yield* encoding(yield* index.snapshotting());
    })(),
    sliceMs,
  );
}

function* encoding(s: IndexSnapshot): Steps<Buffer> {
  const { ids, terms, docs, info, alive, boosts, lens, roles, ends, df, ...rest } = s;
  const chunks = function* (list: string[]): Steps<Buffer[]> {
    const out: Buffer[] = [];
    for (let at = 0; at < list.length; at += CHUNK) {
      yield;
      out.push(v8.serialize(list.slice(at, at + CHUNK)));
    }
    return out;
  };
  const idFrames = yield* chunks(ids);
  const termFrames = yield* chunks(terms);
  const head: Head = { ...rest, format: FORMAT, entries: docs.length, idFrames: idFrames.length, termFrames: termFrames.length };
  const arrays: Arrays = { alive, boosts, lens, roles, ends, df };
  yield;
  const headFrame = v8.serialize(head);
  yield;
  const arraysFrame = v8.serialize(arrays);
  yield;
  const gapFrame = yield* gaps(docs, ends);
  const infoFrame = yield* packInfo(info);
  const frames: Uint8Array[] = [headFrame, ...idFrames, ...termFrames, arraysFrame, gapFrame, infoFrame];
  const out = Buffer.allocUnsafe(frames.reduce((n, f) => n + 4 + f.length, 0));
  let at = 0;
  for (const f of frames) {
    // The two varint frames are about 15 MB each at 100,000 services: a copy of a few ms apiece.
    yield;
    out.writeUInt32LE(f.length, at);
    out.set(f, at + 4);
    at += 4 + f.length;
  }
  return out;
}

/** The snapshot encodeSnapshot wrote, decoded at once; throws on bytes of another format. */
export function decodeSnapshot(bytes: Uint8Array): IndexSnapshot {
  return drain(decoding(bytes));
}

/**
 * Decodes a snapshot and loads it into an empty index with the same fields, SLICE_MS of work at a
 * time: a node loading 100,000 services keeps answering requests meanwhile. The index must not be
 * used until this resolves; on a rejection, discard it.
 */
export async function loadSnapshot<D extends SearchDoc>(
  index: SearchIndex<D>,
  bytes: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  sliceMs = SLICE_MS,
): Promise<void> {
  let pieces: Pieces;
  if (bytes instanceof Uint8Array) {
    pieces = new Pieces();
    pieces.add(bytes);
  } else {
    pieces = new Pieces(Symbol.asyncIterator in bytes ? bytes[Symbol.asyncIterator]() : bytes[Symbol.iterator]());
  }
  await sliced(
    (function* (): Steps<void> {
      const s = yield* decoding(pieces);
      for (const _ of index.restoring(s)) yield;
    })(),
    sliceMs,
    pieces,
  );
}

function* decoding(bytes: Uint8Array | Pieces): Steps<IndexSnapshot> {
  let pieces: Pieces;
  if (bytes instanceof Pieces) pieces = bytes;
  else {
    pieces = new Pieces();
    pieces.add(bytes);
  }
  const cutShort = () => new Error(`search: not a ${FORMAT} snapshot (cut short)`);
  const need = function* (n: number): Steps<void> {
    while (pieces.size < n) {
      if (pieces.done) throw cutShort();
      yield MORE;
    }
  };
  const frame = function* (): Steps<Uint8Array> {
    yield* need(4);
    const b = pieces.take(4);
    const length = (b[0] | (b[1] << 8) | (b[2] << 16)) + b[3] * 2 ** 24;
    yield* need(length);
    return pieces.take(length);
  };
  let head: Head;
  try {
    head = v8.deserialize(yield* frame()) as Head;
  } catch (e) {
    throw new Error(`search: not a ${FORMAT} snapshot`, { cause: e });
  }
  if (head?.format !== FORMAT) throw new Error(`search: not a ${FORMAT} snapshot`);
  const { format: _format, entries, idFrames, termFrames, ...rest } = head;
  const strings = function* (frames: number): Steps<string[]> {
    const out: string[] = [];
    for (let i = 0; i < frames; i++) {
      yield;
      for (const x of v8.deserialize(yield* frame()) as string[]) out.push(x);
    }
    return out;
  };
  const ids = yield* strings(idFrames);
  const terms = yield* strings(termFrames);
  yield;
  const arrays = v8.deserialize(yield* frame()) as Arrays;
  yield;
  const docs = yield* ungaps(yield* frame(), arrays.ends, entries);
  const info = yield* unpackInfo(yield* frame(), entries);
  // Nothing after the last frame, in this piece or any to come.
  while (!pieces.done && pieces.size === 0) yield MORE;
  if (pieces.size) throw new Error(`search: not a ${FORMAT} snapshot (bytes left over)`);
  return { ...rest, ...arrays, ids, terms, docs, info };
}

const varintSize = (v: number) => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5);

function writeVarint(out: Uint8Array, at: number, v: number): number {
  let x = v >>> 0;
  while (x >= 0x80) {
    out[at++] = (x & 0x7f) | 0x80;
    x >>>= 7;
  }
  out[at++] = x;
  return at;
}

/** Document numbers as gaps from the previous entry of the same list (the first of a list as is). */
function* gaps(docs: Int32Array, ends: Int32Array): Steps<Uint8Array> {
  const gapAt = (i: number, start: boolean) => (start ? docs[i] : docs[i] - docs[i - 1]);
  // Two passes (the size, then the bytes), each pausing about every STEP entries between lists.
  let size = 0;
  for (let l = 0, i = 0, step = 0; l < ends.length; l++) {
    for (let first = true; i < ends[l]; i++, first = false) size += varintSize(gapAt(i, first));
    if (i >= step) {
      step = i + STEP;
      yield;
    }
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (let l = 0, i = 0, step = 0; l < ends.length; l++) {
    for (let first = true; i < ends[l]; i++, first = false) at = writeVarint(out, at, gapAt(i, first));
    if (i >= step) {
      step = i + STEP;
      yield;
    }
  }
  return out;
}

function* ungaps(bytes: Uint8Array, ends: Int32Array, entries: number): Steps<Int32Array> {
  const docs = new Int32Array(entries);
  const from = { at: 0, list: 0 };
  for (let i = 0; i < entries; i += STEP) {
    ungapRange(bytes, from, docs, ends, i, Math.min(i + STEP, entries));
    yield;
  }
  return docs;
}

/** Decodes entries [i, to) into docs, from bytes at `from.at` in list `from.list`; moves both on. */
function ungapRange(
  bytes: Uint8Array,
  from: { at: number; list: number },
  docs: Int32Array,
  ends: Int32Array,
  i: number,
  to: number,
): void {
  let { at, list } = from;
  for (; i < to; i++) {
    while (ends[list] <= i) list++;
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[at++];
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    docs[i] = i === (list === 0 ? 0 : ends[list - 1]) ? v : docs[i - 1] + v;
  }
  from.at = at;
  from.list = list;
}

// A packed entry is field << 16 | tf (postings.ts); as a varint, tf << 5 | field (at most 31 fields).
const infoValue = (p: number) => ((p & 0xffff) << 5) | (p >>> 16);

function* packInfo(info: Int32Array): Steps<Uint8Array> {
  let size = 0;
  for (let i = 0; i < info.length; i++) {
    if (i % STEP === 0) yield;
    size += varintSize(infoValue(info[i]));
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (let i = 0; i < info.length; i++) {
    if (i % STEP === 0) yield;
    at = writeVarint(out, at, infoValue(info[i]));
  }
  return out;
}

function* unpackInfo(bytes: Uint8Array, entries: number): Steps<Int32Array> {
  const info = new Int32Array(entries);
  for (let i = 0, at = 0; i < entries; i += STEP) {
    at = unpackRange(bytes, at, info, i, Math.min(i + STEP, entries));
    yield;
  }
  return info;
}

/** Decodes entries [from, to) into info from bytes at `at`; returns where they end in bytes. */
function unpackRange(bytes: Uint8Array, at: number, info: Int32Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[at++];
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    info[i] = ((v & 31) << 16) | (v >>> 5);
  }
  return at;
}

let own: string | undefined;

/**
 * A digest of what decides an index's contents: this engine's code (every non-test source file of
 * platform/search), the broken-plural lexicon and default synonym files, the snapshot format, and
 * whatever the caller adds (its field definitions, say). A snapshot with another fingerprint is stale.
 */
export function engineFingerprint(...extra: string[]): string {
  if (own === undefined) {
    const hash = createHash('sha256').update(FORMAT);
    for (const dir of ['./', './lexicon/']) {
      const url = new URL(dir, import.meta.url);
      const files = readdirSync(url)
        .filter((f) => !f.endsWith('.test.ts') && /\.(ts|tsv|txt)$/.test(f))
        .sort();
      for (const f of files) hash.update(`\0${dir}${f}\0`).update(readFileSync(new URL(f, url)));
    }
    own = hash.digest('base64');
  }
  const hash = createHash('sha256').update(own);
  for (const x of extra) hash.update('\0').update(x);
  return hash.digest('base64');
}
