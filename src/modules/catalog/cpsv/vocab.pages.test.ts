import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../../test/helpers/app.ts';
import { buildTerms } from '../../../../test/helpers/catalog.ts';

/** Issue 13: the IRIs of Yusr's own vocabularies answer — SKOS as JSON-LD, or a page in both languages. */
describe('Yusr vocabulary IRIs dereference', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
  });
  after(() => t.close());

  it('answers a concept and a scheme as SKOS JSON-LD with both labels (and the ADMS match for a status)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/vocab/status/live', headers: { accept: 'application/ld+json' } });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /application\/ld\+json/);
    const graph = res.json()['@graph'] as Record<string, unknown>[];
    const live = graph.find((n) => n['@type'] === 'skos:Concept');
    assert.equal(live?.['skos:notation'], 'live');
    assert.deepEqual(live?.['skos:closeMatch'], { '@id': 'http://purl.org/adms/status/Completed' });
    assert.match(JSON.stringify(live?.['skos:prefLabel']), /متاحة.*Live/);
    const scheme = await t.app.inject({ method: 'GET', url: '/vocab/availability' });
    assert.equal(scheme.statusCode, 200);
    assert.equal((scheme.json()['@graph'] as unknown[]).length, 4, 'the scheme and its three concepts');
    assert.equal((await t.app.inject({ method: 'GET', url: '/vocab/availability/24-7' })).statusCode, 200, "'24/7' is slugged");
    assert.equal((await t.app.inject({ method: 'GET', url: '/vocab/category' })).statusCode, 200, 'topics come from the taxonomy');
    assert.equal((await t.app.inject({ method: 'GET', url: '/vocab/audience/martians' })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: '/vocab/nothing' })).statusCode, 404);
  });

  it('sends a browser to the page in its language, which lists code and both labels', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/vocab/audience/citizens',
      headers: { accept: 'text/html', 'accept-language': 'en' },
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/en/vocab/audience/citizens');
    for (const lang of ['ar', 'en']) {
      const page = await t.app.inject({ method: 'GET', url: `/${lang}/vocab/audience` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /المواطنون/);
      assert.match(page.body, /Citizens/);
      assert.match(page.body, /\/vocab\/audience\/citizens/);
    }
  });
});
