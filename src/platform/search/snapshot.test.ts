import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import v8 from 'node:v8';
import { IndexChanged, type SearchDoc, SearchIndex } from './index.ts';
import { decodeSnapshot, encodeSnapshot, engineFingerprint, loadSnapshot, snapshotOf } from './snapshot.ts';

interface Doc extends SearchDoc {
  name: string;
  keywords?: string[];
  description?: string;
}

const fields = [
  { name: 'name', weight: 5, title: true },
  { name: 'keywords', weight: 3 },
  { name: 'description', weight: 1, expand: false },
];

const words = [
  'تجديد',
  'جواز',
  'السفر',
  'رخصة',
  'القيادة',
  'بناء',
  'تأشيرة',
  'خروج',
  'وعودة',
  'سجل',
  'تجاري',
  'الإلغاء',
  'passport',
  'renewal',
  'licence',
  'visa',
];
/** A deterministic corpus: document i takes words by a simple generator, some repeated, some long. */
function corpus(n: number): [string, Doc][] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  const pick = (k: number) => Array.from({ length: k }, () => words[next() % words.length]).join(' ');
  return Array.from({ length: n }, (_, i) => [
    `doc-${i}`,
    {
      name: pick(2 + (i % 3)),
      keywords: [pick(1), pick(2)],
      description: pick(8 + (i % 40)) + (i % 97 === 0 ? ` ${'مستند '.repeat(70_000)}` : ''),
      boost: 1 - (i % 5) / 10,
      facets: { agency: [`a${i % 4}`], channel: i % 2 ? ['web'] : ['web', 'app'] },
    },
  ]);
}

const queries = ['', 'تجديد', 'جوازات', 'رخصه ق', 'passp', 'renew', 'الالغاء', 'تاشيره خروج', 'سجل تجاري بناء', 'مستند'];
const answers = (index: SearchIndex<Doc>) =>
  queries.flatMap((q) => [index.search(q, { limit: 15 }), index.search(q, { limit: 5, offset: 3, filters: { agency: ['a1', 'a2'] } })]);

/**
 * 600 documents with every fifth removed, and one word in every field of 6,000 more: a postings
 * list longer than a slice of the load or of the write.
 */
function slicedIndex(): { original: SearchIndex<Doc>; docs: [string, Doc][] } {
  const index = new SearchIndex<Doc>({ fields });
  const docs = corpus(600);
  for (const [id, doc] of docs) index.add(id, doc);
  for (let i = 0; i < docs.length; i += 5) index.remove(docs[i][0]);
  for (let i = 0; i < 6_000; i++)
    index.add(`common-${i}`, { name: `تجديد ${words[i % words.length]}`, keywords: ['تجديد'], description: 'تجديد' });
  return { original: index, docs };
}

describe('index snapshots', () => {
  it('a snapshot round trip answers every query exactly as the index it came from, before and after more changes', () => {
    const original = new SearchIndex<Doc>({ fields });
    const docs = corpus(600);
    for (const [id, doc] of docs) original.add(id, doc);
    // Free numbers and dropped terms must survive the trip too.
    for (let i = 0; i < docs.length; i += 3) original.remove(docs[i][0]);
    original.add('unique', { name: 'خدمة فريدة', facets: { agency: ['a9'] } });
    const copy = new SearchIndex<Doc>({ fields });
    copy.restore(decodeSnapshot(encodeSnapshot(original.snapshot())));
    assert.equal(copy.size, original.size);
    assert.deepEqual(answers(copy), answers(original));
    // Both keep changing the same way: removals reach the restored postings, numbers are reused.
    for (const index of [original, copy]) {
      for (let i = 1; i < docs.length; i += 4) index.remove(docs[i][0]);
      for (let i = 0; i < docs.length; i += 6) index.replace(docs[i][0], { ...docs[i][1], name: `${docs[i][1].name} تجديد` });
      index.remove('unique');
    }
    assert.equal(copy.search('فريدة').total, 0);
    assert.deepEqual(answers(copy), answers(original));
  });

  it('loads in slices, letting the event loop run between them, into an index that answers exactly as the original', async () => {
    const { original, docs } = slicedIndex();
    const bytes = encodeSnapshot(original.snapshot());
    const copy = new SearchIndex<Doc>({ fields });
    let turns = 0;
    const tick = () => {
      turns++;
      if (!done) setImmediate(tick);
    };
    let done = false;
    setImmediate(tick);
    // A slice of no time at all: the load lets the event loop run after every step.
    await loadSnapshot(copy, bytes, -1);
    done = true;
    assert.ok(turns > 10, `the event loop ran between the slices (${turns} turns)`);
    assert.equal(copy.size, original.size);
    assert.deepEqual(answers(copy), answers(original));
    const restored = new SearchIndex<Doc>({ fields });
    restored.restore(decodeSnapshot(bytes));
    assert.deepEqual(answers(restored), answers(original));
    // Both keep changing the same way from there.
    for (const index of [original, copy]) {
      for (let i = 0; i < 6_000; i += 7) index.remove(`common-${i}`);
      for (let i = 1; i < docs.length; i += 5) index.replace(docs[i][0], { ...docs[i][1], name: 'رخصة بناء' });
    }
    assert.deepEqual(answers(copy), answers(original));
    // Every document removed takes all its postings with it (each remembered all its terms): the
    // documents that take their numbers after match only their own words.
    for (const index of [original, copy]) {
      for (let i = 0; i < 6_000; i++) index.remove(`common-${i}`);
      for (const [id] of docs) index.remove(id);
      assert.equal(index.size, 0);
      for (let i = 0; i < 6_000; i++) index.add(`other-${i}`, { name: `رخصة ${words[i % words.length]}`, facets: { agency: ['a1'] } });
    }
    assert.deepEqual(answers(copy), answers(original));
  });

  it('writes in slices, letting the event loop run between them, the very bytes written at once, and refuses an index changed before its copy is complete', async () => {
    const { original } = slicedIndex();
    // v8.serialize may write a string freshly built by concatenation otherwise than once flattened:
    // a first encoding flattens them, then both ways must give the same bytes.
    encodeSnapshot(original.snapshot());
    const atOnce = encodeSnapshot(original.snapshot());
    let turns = 0;
    let done = false;
    const tick = () => {
      turns++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    // A slice of no time at all: the write lets the event loop run after every step.
    const sliced = await snapshotOf(original, -1);
    done = true;
    assert.ok(turns > 10, `the event loop ran between the slices (${turns} turns)`);
    assert.ok(Buffer.compare(sliced, atOnce) === 0, 'the same bytes as encodeSnapshot(index.snapshot())');
    const copy = new SearchIndex<Doc>({ fields });
    await loadSnapshot(copy, sliced, -1);
    assert.deepEqual(answers(copy), answers(original));

    // A document added or removed while the copy is taken: no snapshot (neither the old index nor
    // the new), the caller starts over.
    // (The change is scheduled first: it runs at the first turn the write lets the event loop take.)
    for (const change of [() => original.add('late', { name: 'رخصة بناء' }), () => original.remove('common-3')]) {
      setImmediate(change);
      await assert.rejects(snapshotOf(original, -1), IndexChanged);
    }
    // And a step after a change, whichever step it is.
    for (let at = 1; ; at++) {
      const steps = original.snapshotting();
      let r = steps.next();
      for (let k = 1; k < at && !r.done; k++) r = steps.next();
      if (r.done) break;
      original.replace('common-4', { name: 'تجديد', description: `${at}` });
      assert.throws(() => steps.next(), IndexChanged);
    }
    // A search meanwhile changes nothing.
    const writing = snapshotOf(original, -1);
    setImmediate(() => answers(original));
    const again = await snapshotOf(original, -1);
    assert.ok(Buffer.compare(await writing, again) === 0);
    const after = new SearchIndex<Doc>({ fields });
    await loadSnapshot(after, again, -1);
    assert.ok(after.has('late') && !after.has('common-3'));
    assert.deepEqual(answers(after), answers(original));
    // Started over after the index changed, it holds the change.
    assert.ok(Buffer.compare(again, sliced) !== 0);
  });

  it('loads from pieces arriving one after another (rows of a table), frames spanning pieces, and refuses pieces cut short or with more after them', async () => {
    const original = new SearchIndex<Doc>({ fields });
    const docs = corpus(300);
    for (const [id, doc] of docs) original.add(id, doc);
    for (let i = 0; i < docs.length; i += 4) original.remove(docs[i][0]);
    const bytes = encodeSnapshot(original.snapshot());
    const cut = (size: number) => {
      const out: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
      return out;
    };
    // Pieces of 1 byte (the frame lengths too are split), odd sizes, a single piece, an empty piece.
    for (const size of [1, 3, 4096, Math.ceil(bytes.length / 3) + 1, bytes.length]) {
      const pieces = cut(size);
      assert.equal(pieces.length, Math.ceil(bytes.length / size));
      let asked = 0;
      async function* arriving() {
        for (const p of [...pieces.slice(0, 1), new Uint8Array(0), ...pieces.slice(1)]) {
          asked++;
          await new Promise((resolve) => setImmediate(resolve));
          yield p;
        }
      }
      const fromAsync = new SearchIndex<Doc>({ fields });
      await loadSnapshot(fromAsync, arriving(), size === 1 ? 1_000 : -1);
      assert.equal(asked, pieces.length + 1, 'every piece read, once');
      assert.deepEqual(answers(fromAsync), answers(original));
      const fromList = new SearchIndex<Doc>({ fields });
      await loadSnapshot(fromList, pieces);
      assert.deepEqual(answers(fromList), answers(original));
    }
    const pieces = cut(1000);
    await assert.rejects(loadSnapshot(new SearchIndex<Doc>({ fields }), pieces.slice(0, -1)), /not a/);
    await assert.rejects(loadSnapshot(new SearchIndex<Doc>({ fields }), [...pieces, new Uint8Array([0])]), /not a/);
    await assert.rejects(loadSnapshot(new SearchIndex<Doc>({ fields }), [new Uint8Array([1, 2]), new Uint8Array([3])]), /not a/);
    // A source that fails (a row gone) rejects the load with its error.
    async function* failing() {
      yield pieces[0];
      throw new Error('the rows were replaced');
    }
    await assert.rejects(loadSnapshot(new SearchIndex<Doc>({ fields }), failing()), /replaced/);
  });

  it('loads only into an empty index with the same fields, and refuses bytes of another format', async () => {
    const index = new SearchIndex<Doc>({ fields });
    index.add('a', { name: 'تجديد' });
    const snapshot = index.snapshot();
    assert.throws(() => index.restore(snapshot), /empty index/);
    assert.throws(() => new SearchIndex<Doc>({ fields: fields.slice(0, 2) }).restore(snapshot), /fields/);
    assert.throws(() => decodeSnapshot(new Uint8Array([1, 2, 3])), /not a/);
    // The first format (one v8.serialize of everything), and bytes cut short or with more after them.
    assert.throws(() => decodeSnapshot(v8.serialize({ format: 'yusr-search-snapshot/1', fields: ['name'] })), /not a/);
    const bytes = encodeSnapshot(snapshot);
    assert.throws(() => decodeSnapshot(bytes.subarray(0, bytes.length - 1)), /not a/);
    assert.throws(() => decodeSnapshot(Buffer.concat([bytes, Buffer.from([0, 0, 0, 0])])), /not a/);
    await assert.rejects(loadSnapshot(index, bytes), /empty index/);
    await assert.rejects(loadSnapshot(new SearchIndex<Doc>({ fields }), new Uint8Array([1, 2, 3])), /not a/);
  });

  it('fingerprints the engine with what the caller adds', () => {
    assert.equal(engineFingerprint('fields v1'), engineFingerprint('fields v1'));
    assert.notEqual(engineFingerprint('fields v1'), engineFingerprint('fields v2'));
  });
});
