import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import v8 from 'node:v8';
import type { IndexSnapshot } from './index.ts';

// An index snapshot as bytes, to persist and load at start instead of analysing every document
// again. The postings dominate (about 150 entries a document): their document numbers ascend
// within a list, so they are stored as varint gaps, and each entry's field and term frequency as
// one varint; the rest goes through v8.serialize as it is. About a fifth of the raw arrays' size.

const FORMAT = 'yusr-search-snapshot/1';

interface Encoded extends Omit<IndexSnapshot, 'docs' | 'info'> {
  format: string;
  entries: number;
  docs: Uint8Array;
  info: Uint8Array;
}

/** The snapshot as bytes (v8.serialize with the postings varint-coded). */
export function encodeSnapshot(s: IndexSnapshot): Buffer {
  const { docs, info, ...rest } = s;
  const encoded: Encoded = { ...rest, format: FORMAT, entries: docs.length, docs: gaps(docs, s.ends), info: packInfo(info) };
  return v8.serialize(encoded);
}

/** The snapshot encodeSnapshot wrote; throws on bytes of another format. */
export function decodeSnapshot(bytes: Uint8Array): IndexSnapshot {
  const e = v8.deserialize(bytes) as Encoded;
  if (e?.format !== FORMAT) throw new Error(`search: not a ${FORMAT} snapshot`);
  const { format: _format, entries, docs, info, ...rest } = e;
  return { ...rest, docs: ungaps(docs, e.ends, entries), info: unpackInfo(info, entries) };
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
function gaps(docs: Int32Array, ends: Int32Array): Uint8Array {
  const gapAt = (i: number, start: boolean) => (start ? docs[i] : docs[i] - docs[i - 1]);
  let size = 0;
  for (let l = 0, i = 0; l < ends.length; l++) for (let first = true; i < ends[l]; i++, first = false) size += varintSize(gapAt(i, first));
  const out = new Uint8Array(size);
  let at = 0;
  for (let l = 0, i = 0; l < ends.length; l++)
    for (let first = true; i < ends[l]; i++, first = false) at = writeVarint(out, at, gapAt(i, first));
  return out;
}

function ungaps(bytes: Uint8Array, ends: Int32Array, entries: number): Int32Array {
  const docs = new Int32Array(entries);
  let at = 0;
  for (let l = 0, i = 0; l < ends.length; l++) {
    for (let first = true; i < ends[l]; i++, first = false) {
      let v = 0;
      let shift = 0;
      let b: number;
      do {
        b = bytes[at++];
        v += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      docs[i] = first ? v : docs[i - 1] + v;
    }
  }
  return docs;
}

// A packed entry is field << 16 | tf (postings.ts); as a varint, tf << 5 | field (at most 31 fields).
const infoValue = (p: number) => ((p & 0xffff) << 5) | (p >>> 16);

function packInfo(info: Int32Array): Uint8Array {
  let size = 0;
  for (let i = 0; i < info.length; i++) size += varintSize(infoValue(info[i]));
  const out = new Uint8Array(size);
  let at = 0;
  for (let i = 0; i < info.length; i++) at = writeVarint(out, at, infoValue(info[i]));
  return out;
}

function unpackInfo(bytes: Uint8Array, entries: number): Int32Array {
  const info = new Int32Array(entries);
  let at = 0;
  for (let i = 0; i < entries; i++) {
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
  return info;
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
