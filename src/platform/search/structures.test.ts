import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FacetStore } from './facets.ts';
import { entryField, entryTf, Postings, packEntry } from './postings.ts';
import { rankPage } from './rank.ts';

describe('Postings', () => {
  it('keeps entries sorted by document whatever the insertion order', () => {
    const p = new Postings();
    for (const doc of [5, 1, 9, 3, 7, 0, 2]) p.insert(doc, [packEntry(0, doc + 1), packEntry(2, 1)]);
    assert.equal(p.df, 7);
    assert.equal(p.length, 14);
    assert.deepEqual([...p.docs.subarray(0, p.length)], [0, 0, 1, 1, 2, 2, 3, 3, 5, 5, 7, 7, 9, 9]);
    assert.equal(entryTf(p.info[p.lowerBound(9)]), 10);
    assert.equal(entryField(p.info[p.lowerBound(9) + 1]), 2);
  });

  it('removes one document and only it', () => {
    const p = new Postings();
    for (const doc of [1, 2, 3]) p.insert(doc, [packEntry(1, doc)]);
    assert.equal(p.remove(2), true);
    assert.equal(p.remove(2), false);
    assert.deepEqual([...p.docs.subarray(0, p.length)], [1, 3]);
    assert.deepEqual([...p.info.subarray(0, p.length)].map(entryTf), [1, 3]);
    assert.equal(p.df, 2);
  });

  it('caps term frequency instead of spilling into the field number', () => {
    const info = packEntry(3, 1_000_000);
    assert.equal(entryField(info), 3);
    assert.equal(entryTf(info), 65535);
  });
});

describe('rankPage', () => {
  it('returns the same page from the heap as from a full sort', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const n = 2000;
    const docs = Int32Array.from({ length: n }, (_, i) => i);
    // Few distinct scores, so ties (broken by id) are common.
    const scores = Float64Array.from({ length: n }, () => Math.floor(rand() * 20));
    const ids = Array.from({ length: n }, (_, i) => `id${(i * 7919) % n}`);
    const full = [...docs].sort((a, b) => scores[b] - scores[a] || (ids[a] < ids[b] ? -1 : 1));
    for (const [offset, limit] of [
      [0, 10],
      [0, 1],
      [30, 20],
      [1990, 50],
      [0, 2000],
    ]) {
      assert.deepEqual(rankPage(docs, scores, n, ids, offset, limit), full.slice(offset, offset + limit), `${offset}+${limit}`);
    }
    assert.deepEqual(rankPage(docs, scores, n, ids, 2500, 10), []);
    assert.deepEqual(rankPage(docs, scores, n, ids, 0, 0), []);
  });
});

describe('FacetStore', () => {
  it('counts a document failing one filter only for that filter’s facet', () => {
    const store = new FacetStore();
    store.set(0, { agency: ['a'], channel: ['web'] });
    store.set(1, { agency: ['b'], channel: ['web', 'app'] });
    store.set(2, { agency: ['b'], channel: ['office'] });
    store.set(3, { channel: ['web'] });
    const run = store.run([0, 1, 2, 3], 4, { agency: ['a'], channel: ['web'] });
    assert.deepEqual([...run.kept.subarray(0, run.keptCount)], [0]);
    assert.deepEqual(run.counts.agency, { a: 1, b: 1 }); // doc 1 fails only agency; doc 3 has no agency
    assert.deepEqual(run.counts.channel, { web: 1 }); // docs 1 and 2 fail agency
  });

  it('forgets a cleared document', () => {
    const store = new FacetStore();
    store.set(0, { agency: ['a'] });
    store.clear(0);
    const run = store.run([0], 1, {});
    assert.equal(run.keptCount, 1);
    assert.deepEqual(run.counts.agency, {});
  });

  it('stays right through many replacements (the value pool compacts)', () => {
    const store = new FacetStore();
    const current = new Map<number, string[]>();
    for (let round = 0; round < 50; round++) {
      for (let doc = 0; doc < 200; doc++) {
        const vals = Array.from({ length: (doc + round) % 4 }, (_, i) => `v${(doc * 3 + round + i) % 9}`);
        store.set(doc, { tag: vals });
        current.set(doc, vals);
      }
    }
    const expected: Record<string, number> = {};
    for (const vals of current.values()) for (const v of new Set(vals)) expected[v] = (expected[v] ?? 0) + 1;
    const docs = Int32Array.from({ length: 200 }, (_, i) => i);
    const run = store.run(docs, 200, {});
    assert.deepEqual({ ...run.counts.tag }, expected);
    const filtered = store.run(docs, 200, { tag: ['v1', 'v2'] });
    assert.equal(filtered.keptCount, [...current.values()].filter((v) => v.includes('v1') || v.includes('v2')).length);
  });
});
