import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { catalogSearch } from '../../src/modules/catalog/testing.ts';
import { addMonths, currentMonth, saveMonth } from '../../src/modules/kpi/testing.ts';
import { systemCtx } from '../../src/platform/auth/actor.ts';
import { axe, shot, startBrowser } from '../helpers/browser.ts';
import { buildService } from '../helpers/catalog.ts';
import { buildAgency } from '../helpers/factories.ts';

// What a beneficiary on a phone meets first (issue 10): search results before the filters (beside
// them on a wide screen), a way onward from an empty search (the most used services, a respelling), the service page in the GOV.UK order
// (start before updates and feedback), and the privacy, accessibility, contact and help pages
// linked from the foot of every page — in both languages, at 360 and 1280 px.

describe('the portal as a beneficiary on a phone sees it', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  before(async () => {
    env = await startBrowser();
    const agency = await buildAgency(env.t.deps, { code: 'moi', name_ar: 'وزارة الداخلية', name_en: 'Ministry of Interior' });
    for (const n of [1, 2, 3]) {
      await buildService(env.t.deps, agency.id, {
        identifier: `passport-${n}`,
        data: { name: { ar: `تجديد جواز السفر ${n}`, en: `Passport renewal ${n}` }, status: 'live' },
      });
    }
    // Last month's transactions: the second service is the most used (an empty search offers it first).
    const month = addMonths(currentMonth(), -1);
    for (const [n, web] of [
      [1, '300'],
      [2, '9000'],
    ] as const) {
      const row = await env.t.deps.db
        .selectFrom('services')
        .select('id')
        .where('identifier', '=', `passport-${n}`)
        .executeTakeFirstOrThrow();
      await saveMonth(
        env.t.deps,
        systemCtx(),
        row.id,
        month,
        {
          month,
          web,
          app: '0',
          kiosk: '0',
          call_centre: '0',
          service_centre: '0',
          started: '10',
          completed: '5',
          total_cost: '',
          cost_includes: '',
        },
        'api',
      );
    }
    // The index reads the change feed at most once a second; written straight to the database, the
    // services would be missing from a search made within that second (seen on a loaded machine).
    await catalogSearch(env.t.deps).sync();
  });
  after(() => env.close());

  for (const lang of ['ar', 'en'] as const) {
    it(`puts the first result above the filters at 360 px and beside them at 1280 px (${lang})`, async () => {
      const narrow = await (await env.context({ width: 360 })).newPage();
      await narrow.goto(`/${lang}/services?q=${encodeURIComponent(lang === 'ar' ? 'جواز' : 'passport')}`);
      const first = await narrow.locator('.results .cards li').first().boundingBox();
      const filters = await narrow.locator('#filters').boundingBox();
      assert.ok(first && filters && first.y < filters.y, 'results come first on a phone');
      assert.ok(await narrow.locator('a.to-filters').isVisible(), 'with a link down to the filters');
      await shot(narrow, `search-360-${lang}`);
      const wide = await (await env.context({ width: 1280 })).newPage();
      await wide.goto(`/${lang}/services?q=${encodeURIComponent(lang === 'ar' ? 'جواز' : 'passport')}`);
      const r = await wide.locator('.results').boundingBox();
      const f = await wide.locator('#filters').boundingBox();
      assert.ok(r && f && Math.abs(r.y - f.y) < 2, 'side by side on a wide screen');
      assert.ok(lang === 'ar' ? f.x > r.x : f.x < r.x, 'the filters on the start side');
      assert.equal(await wide.locator('a.to-filters').isVisible(), false);
    });

    it(`offers a way on from an empty search, and puts the service's start before updates and feedback (${lang})`, async () => {
      const page = await (await env.context({ width: 360, javaScript: false })).newPage();
      await page.goto(`/${lang}/services?q=${encodeURIComponent('zzqqxx')}`);
      for (const href of [`/${lang}/`, `/${lang}/agencies`, `/${lang}/feedback/new`])
        assert.equal(await page.locator(`.results .panel a[href="${href}"]`).count(), 1, href);
      // The services people use most, the busiest first.
      const popular = page.locator('#popular-h + ul a');
      assert.deepEqual(await popular.evaluateAll((as) => as.map((a) => a.getAttribute('href'))), [
        `/${lang}/services/passport-2`,
        `/${lang}/services/passport-1`,
      ]);
      // A misspelt search is offered the spelling the services' names use, and following it finds them.
      await page.goto(`/${lang}/services?q=${encodeURIComponent(lang === 'ar' ? 'جوزا' : 'pasprot')}`);
      const meant = page.locator('.results .panel a bdi');
      assert.equal(await meant.textContent(), lang === 'ar' ? 'جواز' : 'passport');
      await shot(page, `search-empty-360-${lang}`);
      // axe runs as a script: on a page of its own with JavaScript on, at the same width.
      const checked = await (await env.context({ width: 360 })).newPage();
      await checked.goto(page.url());
      assert.deepEqual(await axe(checked), [], 'the empty results with both offers pass axe');
      await meant.click();
      assert.ok((await page.locator('.results .cards li').count()) >= 3, 'the respelled search finds the services');
      await page.goto(`/${lang}/services/passport-1`);
      const start = await page.locator('a.button.start').boundingBox();
      const need = await page.locator('#need-h').boundingBox();
      const subscribe = await page.locator('main form[action*="subscribe"], main a[href*="subscribe"]').first().boundingBox();
      assert.ok(start && need && subscribe, 'start, what you need and the subscribe box are all there');
      assert.ok(start.y < need.y && need.y < subscribe.y, 'start, then what you need, then updates');
      for (const path of ['help', 'contact', 'privacy', 'accessibility']) {
        assert.equal(await page.locator(`footer a[href="/${lang}/${path}"]`).count(), 1, path);
      }
      await page.click(`footer a[href="/${lang}/privacy"]`);
      assert.match((await page.textContent('h1')) ?? '', lang === 'ar' ? /إشعار الخصوصية/ : /Privacy notice/);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `no sideways scrolling (${width}px)`);
    });
  }
});
