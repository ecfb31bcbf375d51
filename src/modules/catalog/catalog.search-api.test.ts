import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { loadDemo } from '../../demo/demo.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { catalogSearch } from './catalog.search.ts';
import { addSynonymGroup } from './vocabulary.service.ts';

// The portal's search page and the JSON API are one search (issue 12, classes 7 and 8): the same
// services in the same order, as-you-type completion on both, and the API tells each hit's score,
// matched fields and coverage.

interface Item {
  identifier: string;
  score: number;
  matched_fields: string[];
  coverage: number;
}

describe('catalog search: portal page and API agree', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await loadDemo(t.deps, systemCtx('test'), { only: 'catalog', services: 120 });
    // The demo writes straight to the tables: the next query reads the change feed first.
    catalogSearch(t.deps).invalidate();
  });
  after(() => t.close());

  const api = async (q: string) => {
    const res = await t.app.inject(`/api/v1/services?per_page=10&q=${encodeURIComponent(q)}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { total: number; relaxed: boolean; items: Item[] };
  };
  const page = async (q: string) => {
    const res = await t.app.inject(`/ar/services?q=${encodeURIComponent(q)}`);
    assert.equal(res.statusCode, 200);
    return [...res.body.matchAll(/href="\/ar\/services\/([a-z0-9-]+)"/g)].map((m) => m[1]);
  };

  it('completes a word cut mid-way on the page as in the API, in the same order', async () => {
    for (const q of ['جواز الس', 'تجديد رخ', 'passp', 'driving lic']) {
      const fromApi = (await api(q)).items.map((i) => i.identifier);
      assert.ok(fromApi.length > 0, q);
      assert.deepEqual((await page(q)).filter((id) => fromApi.includes(id)).slice(0, fromApi.length), fromApi, q);
    }
  });

  it('gives each hit its score, matched fields and coverage', async () => {
    const r = await api('تجديد جواز السفر');
    assert.equal(r.relaxed, false);
    assert.ok(r.items.length > 0);
    for (let i = 1; i < r.items.length; i++) assert.ok(r.items[i - 1].score >= r.items[i].score);
    assert.ok(r.items[0].matched_fields.includes('name'));
    assert.equal(r.items[0].coverage, 1);
  });

  it('says when a query relaxed, and how much of it each hit covered', async () => {
    // زمرده matches no service: the rest of the query still finds passports, flagged as partial.
    const r = await api('تجديد جواز السفر زمرده');
    assert.equal(r.relaxed, true);
    assert.ok(r.items.length > 0);
    assert.ok(r.items.every((i) => i.coverage < 1 && i.coverage >= 0.5));
    // The page says so too.
    const html = (await t.app.inject(`/en/services?q=${encodeURIComponent('passport renewal zmrd')}`)).body;
    assert.match(html, /No service matches every word of your search/);
    assert.doesNotMatch((await t.app.inject('/en/services?q=passport')).body, /No service matches every word/);
  });

  it('answers a repeated query the same, and anew once the index changes', async () => {
    const url = '/api/v1/services?per_page=10&q=zorblax';
    const first = await t.app.inject(url);
    assert.equal(first.json().total, 0);
    // Asked again: the same answer and ETag, and 304 to a client that holds it.
    const again = await t.app.inject(url);
    assert.equal(again.body, first.body);
    assert.equal(again.headers.etag, first.headers.etag);
    assert.equal((await t.app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } })).statusCode, 304);
    // A synonym group re-indexes the catalog: the word now finds passports.
    await addSynonymGroup(t.deps, systemCtx('test'), 'zorblax\nجواز');
    const after = await t.app.inject(url);
    assert.ok(after.json().total > 0, after.body);
    assert.notEqual(after.headers.etag, first.headers.etag);
    // The language is part of the answer (each item's url), whether asked for in the address or the header.
    const en = await t.app.inject({ url, headers: { 'accept-language': 'en' } });
    assert.match(en.json().items[0].url, /\/en\/services\//);
    assert.match(after.json().items[0].url, /\/ar\/services\//);
  });
});
