import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { columns, dataToRow } from '../../src/modules/catalog/testing.ts';
import { signInAs, startBrowser } from '../helpers/browser.ts';
import { buildTerms, sampleService } from '../helpers/catalog.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';

// An agency administrator imports services in Chromium with JavaScript off, in Arabic: the upload
// leads to the import's page, which reloads itself (meta refresh) until the worker's dry run is
// done, shows the report, and after "run" reloads again until the services are written.

describe('catalog import in the browser (no JavaScript)', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  before(async () => {
    env = await startBrowser();
    await buildTerms(env.t.deps);
    const agency = await buildAgency(env.t.deps, { code: 'gdp' });
    await buildUser(env.t.deps, { email: 'aa@gdp.gov.sa', role: 'agency_admin', agencyId: agency.id });
  });
  after(() => env.close());

  it('uploads a CSV, follows the dry run to its report, runs it, and sees the services imported', async () => {
    const page = await (await env.context({ javaScript: false })).newPage();
    await signInAs(page, 'aa@gdp.gov.sa', 'ar');
    await page.goto('/ar/console/catalog/io');
    const csv = [
      columns.map(([, ar]) => ar),
      Object.values(dataToRow('gdp-browser-one', 'gdp', sampleService({ name: { ar: 'خدمة من المتصفح', en: 'From the browser' } }))),
    ]
      .map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))
      .join('\r\n');
    await page.setInputFiles('#f-file', { name: 'services.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`) });
    await Promise.all([page.waitForURL(/\/ar\/console\/catalog\/imports\/\d+$/), page.click('form[enctype] button[type=submit]')]);
    assert.match((await page.textContent('main')) ?? '', /الملف في انتظار المعالجة/);

    // The worker runs; the page, reloading by itself, shows the report.
    await env.t.drain();
    await page.waitForSelector('text=إنشاء ١، تحديث ٠، بلا تغيير ٠، مرفوض ٠', { timeout: 30_000 });
    assert.equal(await page.locator('meta[http-equiv=refresh]').count(), 0, 'the report no longer reloads');

    await Promise.all([page.waitForURL(/\/imports\/\d+$/), page.click('text=تنفيذ الاستيراد')]);
    await env.t.drain();
    await page.waitForSelector('text=تم الاستيراد: إنشاء ١، تحديث ٠، ولا مسودة غير مكتملة؛ الجهات: إنشاء ٠، تحديث ٠.', { timeout: 30_000 });

    await page.goto('/ar/services/gdp-browser-one');
    assert.match((await page.textContent('h1')) ?? '', /خدمة من المتصفح/);
  });
});
