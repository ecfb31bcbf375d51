/**
 * Issue 13: a valid CPSV-AP 3.2 file written by another system — its own context, upper-case
 * identifiers and agency codes, its organisations, none of Yusr's own fields — imports: agencies
 * and services in one dry run and one transaction, incomplete rows as drafts with a checklist (or
 * with the values chosen for the whole file), no announcement unless asked for; and the report
 * groups refusals by reason, in the reader's language, with what fixes them.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../../test/helpers/app.ts';
import { buildTerms } from '../../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../../test/helpers/factories.ts';
import { systemCtx } from '../../../platform/auth/actor.ts';
import { createToken } from '../../identity/testing.ts';
import { runImportCommand } from './cli.ts';

const CONTEXT = {
  cpsv: 'http://purl.org/vocab/cpsv#',
  cv: 'http://data.europa.eu/m8g/',
  dct: 'http://purl.org/dc/terms/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  org: 'http://www.w3.org/ns/org#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  adms: 'http://www.w3.org/ns/adms#',
};

/** A catalogue as another system publishes it: its own IRIs, upper-case codes, organisations with a hierarchy. */
function foreignFile(opts: { prefix: string; services?: number; badIdentifier?: boolean; status?: boolean } = { prefix: 'HID' }) {
  const org = (code: string, ar: string, en: string, parent?: string) => ({
    '@id': `https://registry.example.org/org/${code}`,
    '@type': ['cv:PublicOrganisation'],
    'dct:identifier': code,
    'skos:prefLabel': [
      { '@value': ar, '@language': 'ar' },
      { '@value': en, '@language': 'en' },
    ],
    'dct:spatial': { '@id': 'http://publications.europa.eu/resource/authority/country/SAU' },
    ...(parent ? { 'org:subOrganizationOf': { '@id': `https://registry.example.org/org/${parent}` } } : {}),
  });
  const service = (i: number) => ({
    '@id': `https://registry.example.org/service/${opts.prefix}-${String(i).padStart(3, '0')}`,
    '@type': 'cpsv:PublicService',
    'dct:identifier': opts.badIdentifier && i === 1 ? 'bad id!' : `${opts.prefix}-${String(i).padStart(3, '0')}`,
    'dct:title': [
      { '@value': `خدمة رقم ${i}`, '@language': 'ar' },
      { '@value': `Service number ${i}`, '@language': 'en' },
    ],
    'dct:description': [
      { '@value': `وصف الخدمة رقم ${i}`, '@language': 'ar' },
      { '@value': `Description of service ${i}`, '@language': 'en' },
    ],
    'cv:hasCompetentAuthority': { '@id': `https://registry.example.org/org/${i % 2 ? `${opts.prefix}-AG-01` : `${opts.prefix}-AG-02`}` },
    ...(opts.status ? { 'adms:status': { '@id': 'http://purl.org/adms/status/Completed' } } : {}),
  });
  return JSON.stringify({
    '@context': CONTEXT,
    '@graph': [
      org(`${opts.prefix}-AG-01`, 'وزارة المثال', 'Ministry of Example'),
      org(`${opts.prefix}-AG-02`, 'فرع المثال', 'Example Branch', `${opts.prefix}-AG-01`),
      ...Array.from({ length: opts.services ?? 3 }, (_, i) => service(i + 1)),
    ],
  });
}

describe('importing another system’s CPSV-AP file (issue 13)', () => {
  let t: TestApp;
  let office: Client;

  async function dryRun(c: Client, body: string, fields: Record<string, string> = {}, lang = 'en') {
    const res = await c.upload(`/${lang}/console/catalog/import`, fields, { filename: 'catalog.jsonld', data: Buffer.from(body) });
    assert.equal(res.statusCode, 303, res.body);
    await t.drain();
    const url = String(res.headers.location);
    return { url, page: (await c.get(url)).body };
  }
  async function run(c: Client, report: string) {
    const action = /action="([^"]+\/run)"/.exec(report)?.[1];
    assert.ok(action, 'the report offers to run the import');
    const res = await c.post(action);
    assert.equal(res.statusCode, 303, res.body);
    await t.drain();
    return (await c.get(String(res.headers.location))).body;
  }
  const services = (prefix: string) =>
    t.deps.db
      .selectFrom('services')
      .select(['identifier', 'agency_id', 'published_version', 'draft_json'])
      .where('identifier', 'like', `${prefix}-%`)
      .orderBy('identifier')
      .execute();
  const announcements = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('notify_announcements')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    const home = await buildAgency(t.deps, { code: 'office' });
    await buildUser(t.deps, { email: 'pa@office.gov.sa', role: 'program_admin', agencyId: home.id });
    office = await signedIn(t.app, 'pa@office.gov.sa');
  });
  after(() => t.close());

  it('creates the organisations as agencies (with their hierarchy) and the services as incomplete drafts with a checklist', async () => {
    const { page } = await dryRun(office, foreignFile({ prefix: 'HID' }));
    assert.match(page, /Agencies: create 2, update 0, unchanged 0, refused 0/);
    assert.match(page, /3 rows lack fields only Yusr has/);
    assert.match(page, /Side effects: none/);
    assert.doesNotMatch(page, /Refused</);
    const done = await run(office, page);
    assert.match(done, /3 incomplete drafts; agencies: 2 created/);

    const ag1 = await t.deps.db.selectFrom('agencies').selectAll().where('code', '=', 'HID-AG-01').executeTakeFirstOrThrow();
    const ag2 = await t.deps.db.selectFrom('agencies').selectAll().where('code', '=', 'HID-AG-02').executeTakeFirstOrThrow();
    assert.equal(ag1.name_en, 'Ministry of Example');
    assert.equal(ag2.parent_id, ag1.id, 'the hierarchy comes from org:subOrganizationOf');
    // An imported agency's public page answers at its code as published and in lower case.
    for (const path of ['/en/agencies/HID-AG-01', '/ar/agencies/hid-ag-01']) assert.equal((await t.app.inject(path)).statusCode, 200, path);
    const rows = await services('HID');
    assert.deepEqual(
      rows.map((r) => [r.identifier, r.published_version]),
      [
        ['HID-001', 0],
        ['HID-002', 0],
        ['HID-003', 0],
      ],
      'identifiers keep their published case; nothing is published',
    );
    assert.equal(rows[0]?.agency_id, ag1.id);
    assert.equal(rows[1]?.agency_id, ag2.id);

    // The draft page lists what publication still needs, in either language; publication refuses.
    const id = (await t.deps.db.selectFrom('services').select('id').where('identifier', '=', 'HID-001').executeTakeFirstOrThrow()).id;
    const en = (await office.get(`/en/console/services/${id}`)).body;
    assert.match(en, /Before this draft can be published/);
    assert.match(en, /Choose who the service is for/);
    const ar = (await office.get(`/ar/console/services/${id}`)).body;
    assert.match(ar, /قبل أن يمكن نشر هذه المسودة/);
    assert.match(ar, /اختر مستوى النضج الرقمي/);
    const pub = await office.post(`/en/console/services/${id}/publish`, {});
    assert.notEqual(pub.statusCode, 303, 'an incomplete draft is not published');
    assert.equal(
      (await t.deps.db.selectFrom('services').select('published_version').where('id', '=', id).executeTakeFirstOrThrow()).published_version,
      0,
    );
  });

  it('with values chosen for the whole file, publishes them, matches codes whatever the case and drafts no announcement', async () => {
    const before = await announcements();
    const body = foreignFile({ prefix: 'HID', status: true }).replace(/HID-AG-0/g, 'hid-ag-0');
    const { page } = await dryRun(office, body, { audiences: 'citizens', channel: 'service_centre', maturity: 'informational' });
    assert.match(page, /Agencies: create 0, update 0, unchanged 2, refused 0/, 'hid-ag-01 is HID-AG-01');
    assert.match(page, /Create 0, update 3, unchanged 0, refused 0/, 'HID-001 is matched, not created again');
    assert.match(page, /Side effects: none/);
    await run(office, page);
    const rows = await services('HID');
    assert.ok(rows.every((r) => r.published_version === 1 && r.draft_json === null));
    assert.equal(await announcements(), before, 'importing existing services is not a launch');

    // Export → import says "unchanged".
    const exported = await office.get('/en/console/catalog/export?format=jsonld');
    assert.equal(exported.statusCode, 200);
    const again = await dryRun(office, exported.body);
    assert.match(again.page, /Create 0, update 0, unchanged 3, refused 0/);
  });

  it('drafts launch announcements only when the importer ticks the box, and says so in the dry run', async () => {
    const before = await announcements();
    const { page } = await dryRun(office, foreignFile({ prefix: 'ANN', services: 2, status: true }), {
      audiences: 'citizens',
      channel: 'service_centre',
      maturity: 'informational',
      announce: 'yes',
    });
    assert.match(page, /2 launch announcements/);
    await run(office, page);
    assert.ok((await announcements()) > before);
  });

  it('refuses bad rows grouped by reason, in Arabic, with the property or column that fixes them — and writes nothing', async () => {
    const { url, page } = await dryRun(office, foreignFile({ prefix: 'BAD', badIdentifier: true }), {}, 'ar');
    assert.match(page, /الأسباب مجمّعة/);
    assert.match(page, /المعرّف: /, 'the field is named in Arabic');
    assert.match(page, /dct:identifier/);
    assert.match(page, /صف واحد/);
    assert.doesNotMatch(page, /action="[^"]+\/run"/, 'a refused file cannot run');
    const csv = await office.get(`${url}/report.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /dct:identifier/);
    assert.equal(await t.deps.db.selectFrom('agencies').select('id').where('code', '=', 'BAD-AG-01').executeTakeFirst(), undefined);
    assert.deepEqual(await services('BAD'), []);
  });

  it('imports a sheet of agencies (Arabic headings, hierarchy, update by code whatever the case); a cycle refuses the whole sheet', async () => {
    const csv = (rows: string[][]) => `\uFEFF${rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n')}\r\n`;
    const head = ['رمز الجهة', 'الاسم بالعربية', 'الاسم بالإنجليزية', 'نوع الجهة', 'الجهة الأم', 'الموقع الإلكتروني'];
    const upload = async (body: string) => {
      const res = await office.upload('/en/console/catalog/import', {}, { filename: 'agencies.csv', data: Buffer.from(body) });
      assert.equal(res.statusCode, 303, res.body);
      await t.drain();
      return (await office.get(String(res.headers.location))).body;
    };
    const bad = await upload(
      csv([head, ['CYC-A', 'جهة أ', 'Agency A', 'authority', 'CYC-B', ''], ['CYC-B', 'جهة ب', 'Agency B', 'authority', 'CYC-A', '']]),
    );
    assert.match(bad, /Agencies: create 0, update 0, unchanged 0, refused 2/);
    assert.match(bad, /Parent agency: An agency cannot sit under itself/);
    assert.doesNotMatch(bad, /action="[^"]+\/run"/);

    const page = await upload(
      csv([
        head,
        ['MIN-X', 'وزارة س', 'Ministry X', 'ministry', '', 'https://x.gov.sa'],
        ['MIN-X-BR', 'فرع س', 'Ministry X branch', 'other', 'min-x', ''],
        ['hid-ag-02', 'فرع المثال الجديد', 'Example Branch renamed', '', '', ''],
      ]),
    );
    assert.match(page, /Agencies: create 2, update 1, unchanged 0, refused 0/);
    await run(office, page);
    const x = await t.deps.db.selectFrom('agencies').selectAll().where('code', '=', 'MIN-X').executeTakeFirstOrThrow();
    const br = await t.deps.db.selectFrom('agencies').selectAll().where('code', '=', 'MIN-X-BR').executeTakeFirstOrThrow();
    assert.equal(br.parent_id, x.id);
    assert.equal(x.website, 'https://x.gov.sa');
    const renamed = await t.deps.db.selectFrom('agencies').selectAll().where('code', '=', 'HID-AG-02').executeTakeFirstOrThrow();
    assert.equal(renamed.name_en, 'Example Branch renamed', 'matched case-insensitively, the published code kept');
    const ag1 = await t.deps.db.selectFrom('agencies').select('id').where('code', '=', 'HID-AG-01').executeTakeFirstOrThrow();
    assert.equal(renamed.parent_id, ag1.id, 'a blank parent cell keeps the parent');
    const audited = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'agency.create').execute();
    assert.ok(audited.length >= 4);
  });

  it('the token API imports with the same checks: dry run, real run, other agencies and wrong scopes refused, bad payloads as problems', async () => {
    const own = await buildAgency(t.deps, { code: 'TOK-AG' });
    await buildAgency(t.deps, { code: 'tok-other' });
    const make = async (scopes: ('services:publish' | 'services:read')[]) =>
      (await createToken(t.deps, systemCtx(), own.id, { name: `import ${scopes.join(' ')}`, scopes })).token;
    const token = await make(['services:publish']);
    const readOnly = await make(['services:read']);
    const call = (tok: string, body: unknown, query = '') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/catalog/import${query}`,
        headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    const doc = (agency: string) =>
      JSON.stringify({
        '@context': CONTEXT,
        '@graph': [
          {
            '@id': 'https://x.example/service/API-001',
            '@type': 'cpsv:PublicService',
            'dct:identifier': 'API-001',
            'dct:title': [
              { '@value': 'خدمة عبر الواجهة', '@language': 'ar' },
              { '@value': 'A service through the API', '@language': 'en' },
            ],
            'dct:description': [
              { '@value': 'وصف الخدمة', '@language': 'ar' },
              { '@value': 'The description', '@language': 'en' },
            ],
            'cv:hasCompetentAuthority': { '@id': `https://x.example/org/${agency}`, 'dct:identifier': agency },
          },
        ],
      });

    const dry = await call(token, { content: doc('tok-ag') }, '?lang=ar');
    assert.equal(dry.statusCode, 200, dry.body);
    const report = dry.json();
    assert.equal(report.dry_run, true);
    assert.equal(report.rows[0].outcome, 'draft');
    assert.deepEqual(report.rows[0].missing, ['audiences', 'channels', 'maturity', 'status']);
    assert.equal(await t.deps.db.selectFrom('services').select('id').where('identifier', '=', 'API-001').executeTakeFirst(), undefined);

    const real = await call(
      token,
      {
        content: doc('TOK-AG'),
        options: { audiences: ['businesses'], channel: 'service_centre', maturity: 'interactive', status: 'live' },
      },
      '?dry_run=false',
    );
    assert.equal(real.statusCode, 200, real.body);
    assert.equal(real.json().counts.create, 1);
    const row = await t.deps.db.selectFrom('services').selectAll().where('identifier', '=', 'API-001').executeTakeFirstOrThrow();
    assert.equal(row.agency_id, own.id);
    assert.equal(row.published_version, 1);

    const other = await call(token, { content: doc('tok-other').replace(/API-001/g, 'API-002') }, '?lang=en');
    assert.equal(other.statusCode, 200);
    assert.equal(other.json().rows[0].outcome, 'refuse');
    assert.match(JSON.stringify(other.json().groups), /not_your_agency|another agency|your agenc/i);
    const otherRun = await call(token, { content: doc('tok-other').replace(/API-001/g, 'API-002') }, '?dry_run=false');
    assert.equal(otherRun.statusCode, 409);
    assert.match(String(otherRun.headers['content-type']), /application\/problem\+json/);

    assert.equal((await call(readOnly, { content: doc('TOK-AG') })).statusCode, 403, 'services:read does not import');
    const bad = await call(token, { content: 'x', content_base64: 'eA==' });
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
    const junk = await call(token, { content: '{ not json' });
    assert.ok(junk.statusCode >= 400 && junk.statusCode < 500, junk.body);
    assert.match(String(junk.headers['content-type']), /application\/problem\+json/);

    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['catalog.import.dry_run', 'catalog.import'])
      .execute();
    assert.ok(audited.length >= 2);
  });

  it('the server CLI dry-runs and runs an agencies sheet as the system actor', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yusr-cli-'));
    const path = join(dir, 'agencies.csv');
    await writeFile(
      path,
      'code,name_ar,name_en,kind,parent\nCLI-1,جهة سطر الأوامر,CLI agency,authority,\nCLI-2,فرع سطر الأوامر,CLI branch,other,CLI-1\n',
    );
    const dry = await runImportCommand(t.deps, 'agencies', [path]);
    assert.equal(dry.code, 0, dry.out);
    assert.match(dry.out, /Dry run: .*\nagencies create 2/);
    assert.equal(await t.deps.db.selectFrom('agencies').select('id').where('code', '=', 'CLI-1').executeTakeFirst(), undefined);
    const real = await runImportCommand(t.deps, 'agencies', [path, '--run']);
    assert.equal(real.code, 0, real.out);
    const parent = await t.deps.db.selectFrom('agencies').select('id').where('code', '=', 'CLI-1').executeTakeFirstOrThrow();
    const child = await t.deps.db.selectFrom('agencies').select('parent_id').where('code', '=', 'CLI-2').executeTakeFirstOrThrow();
    assert.equal(child.parent_id, parent.id);
    await writeFile(path, 'code,name_ar\nbad code!,جهة خطأ\n');
    const bad = await runImportCommand(t.deps, 'agencies', [path, '--run', '--lang', 'ar']);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /لا يمكن التنفيذ/);
  });
});
