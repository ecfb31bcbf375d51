import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { editDistance } from '../../platform/search/vocabulary.ts';
import { catalogSearch } from './testing.ts';

// "Did you mean": a query that finds nothing is respelled from the words of the services' names,
// as the names write them, and offered only when the respelled query finds services.

describe('search: did you mean', () => {
  it('measures edits up to a bound: insertions, deletions, substitutions and swaps', () => {
    assert.equal(editDistance('passport', 'passport', 2), 0);
    assert.equal(editDistance('pasport', 'passport', 2), 1);
    assert.equal(editDistance('pasprot', 'passport', 2), 2);
    assert.equal(editDistance('جوزا', 'جواز', 2), 1, 'two neighbours swapped');
    assert.equal(editDistance('xylophone', 'passport', 2), 3, 'past the bound: bound + 1');
  });

  describe('on the results page', () => {
    let t: TestApp;
    before(async () => {
      t = await testApp();
      const agency = (await buildAgency(t.deps, { code: 'dym' })).id;
      const svc = (identifier: string, en: string, ar: string) =>
        buildService(t.deps, agency, { identifier, data: { name: { en, ar }, keywords: { en: [], ar: [] } } });
      await svc('dym-passport', 'Renew a passport', 'تجديد جواز السفر');
      await svc('dym-licence', 'Issue a driving licence', 'إصدار رخصة قيادة');
      catalogSearch(t.deps).invalidate();
    });
    after(() => t.close());

    it('offers the respelled query as a link, in both languages, when the query found nothing', async () => {
      const en = await t.app.inject('/en/services?q=pasprot');
      assert.match(en.body, /No services match your search/);
      assert.match(en.body, /Did you mean: <a href="\/en\/services\?q=passport"><bdi>passport<\/bdi><\/a>/);
      const ar = await t.app.inject(`/ar/services?q=${encodeURIComponent('جوزا')}`);
      assert.match(ar.body, /هل تقصد:/);
      assert.match(ar.body, /<bdi>جواز<\/bdi>/);
      const followed = await t.app.inject('/en/services?q=passport');
      assert.match(followed.body, /Renew a passport/);
    });

    it('beside weak results, offers a respelling only when it finds services properly', async () => {
      // One word of three known: weak results, flagged, and the respelling finds two of three words.
      const weak = await t.app.inject('/en/services?q=renew+pasprot+xylophone+');
      assert.match(weak.body, /These match only some of them/);
      assert.match(weak.body, /Renew a passport/);
      assert.match(
        weak.body,
        /Did you mean: <a href="\/en\/services\?q=renew%20passport%20xylophone"><bdi>renew passport xylophone<\/bdi><\/a>/,
      );
      const ar = await t.app.inject(`/ar/services?q=${encodeURIComponent('تجديد جوزا كمان ')}`);
      assert.match(ar.body, /هذه الخدمات تطابق بعضها فقط/);
      assert.match(ar.body, /هل تقصد:/);
      // The respelled query would still match one word of four: no suggestion.
      assert.equal(await catalogSearch(t.deps).suggest('pasprot xylophone trumpet violin'), null);
      assert.doesNotMatch((await t.app.inject('/en/services?q=pasprot+xylophone+trumpet+violin+')).body, /Did you mean/);
    });

    it('offers nothing when no name is close, or when the query found services', async () => {
      assert.equal(await catalogSearch(t.deps).suggest('xylophone'), null);
      assert.doesNotMatch((await t.app.inject('/en/services?q=xylophone')).body, /Did you mean/);
      assert.doesNotMatch((await t.app.inject('/en/services?q=passport')).body, /Did you mean/);
    });
  });
});
