import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { createToken } from './tokens.service.ts';

// Agencies through the API (issue 13): the program office's own token (no agency, issued only by a
// program administrator on the console's office tokens page) creates, changes and archives
// agencies with the console form's checks; agency tokens and tokens without agency:write are
// refused; bad payloads are RFC 9457 problems with bilingual field errors; every change audited.

const TOKEN = /(yusr_[a-z0-9]{8}_[A-Za-z0-9_-]{43})/;

describe('agencies API and the program office token', () => {
  let t: TestApp;
  let office: string;
  let officeReadOnly: string;
  let agencyToken: string;
  let own: { id: number; code: string };
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token?: string, payload?: unknown, lang = 'en') =>
    t.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'accept-language': lang },
    });
  const agencyRow = (code: string) => t.deps.db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();

  before(async () => {
    t = await testApp();
    own = await buildAgency(t.deps, { code: 'OWN-AG' });
    await buildUser(t.deps, { email: 'pa@example.gov.sa', role: 'program_admin', name: 'Office' });
    await buildUser(t.deps, { email: 'aa@example.gov.sa', role: 'agency_admin', agencyId: own.id, name: 'Admin' });
    agencyToken = (await createToken(t.deps, systemCtx(), own.id, { name: 'own', scopes: ['agency:write', 'services:publish'] })).token;
  });
  after(() => t.close());

  it('a program administrator issues an office token on the console, in both languages; nobody else may', async () => {
    const pa = await signedIn(t.app, 'pa@example.gov.sa');
    const ar = await pa.get('/ar/console/tokens');
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /رموز واجهة البرمجة لمكتب البرنامج/);
    const en = await pa.get('/en/console/tokens');
    assert.match(en.body, /Program office API tokens/);
    assert.match((await pa.get('/en/console/agencies')).body, /href="\/en\/console\/tokens"/, 'the agencies page links to it');
    const res = await pa.post('/en/console/tokens', {
      name: 'Office registry',
      scopes: ['agency:write', 'services:publish'],
      expires_in_days: '30',
    });
    assert.equal(res.statusCode, 201, res.body.slice(0, 300));
    office = TOKEN.exec(res.body)?.[1] ?? '';
    assert.ok(office);
    const row = await t.deps.db.selectFrom('api_tokens').selectAll().where('name', '=', 'Office registry').executeTakeFirstOrThrow();
    assert.equal(row.agency_id, null, 'no agency: the office');
    assert.ok(!(await pa.get('/en/console/tokens')).body.includes(office), 'never shown again');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'token.create')
      .where('record_id', '=', String(row.id))
      .execute();
    assert.equal(audit.length, 1);
    officeReadOnly = TOKEN.exec(
      (await pa.post('/en/console/tokens', { name: 'Office reader', scopes: ['services:read'], expires_in_days: '30' })).body,
    )?.[1] as string;
    const bad = await pa.post('/ar/console/tokens', { name: 'x', expires_in_days: '30' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /class="error-summary"|role="alert"/);

    const aa = await signedIn(t.app, 'aa@example.gov.sa');
    assert.equal((await aa.get('/en/console/tokens')).statusCode, 403);
    assert.equal((await aa.post('/en/console/tokens', { name: 'Sneaky', scopes: ['agency:write'] })).statusCode, 403);
    assert.equal(await t.deps.db.selectFrom('api_tokens').select('id').where('name', '=', 'Sneaky').executeTakeFirst(), undefined);
    const me = await call('GET', '/api/v1/me', office);
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().agency_id, null);
  });

  it('the office token creates an agency with the form’s checks, audited in the same transaction', async () => {
    const res = await call('POST', '/api/v1/agencies', office, {
      code: 'API-MIN',
      name_ar: 'وزارة عبر الواجهة',
      name_en: 'Ministry through the API',
      kind: 'ministry',
      website: 'https://api-min.gov.sa',
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().code, 'API-MIN');
    assert.equal(res.json().status, 'active');
    const id = res.json().id;
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'agency.create')
      .where('record_id', '=', String(id))
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actor_type, 'token');
    assert.equal((await call('GET', `/api/v1/agencies/${id}`)).json().name_en, 'Ministry through the API');

    const branch = await call('POST', '/api/v1/agencies', office, {
      code: 'api-min-br',
      name_ar: 'فرع عبر الواجهة',
      name_en: 'Branch through the API',
      kind: 'authority',
      parent_id: id,
    });
    assert.equal(branch.statusCode, 201, branch.body);

    const taken = await call(
      'POST',
      '/api/v1/agencies',
      office,
      { code: 'api-MIN', name_ar: 'أخرى', name_en: 'Other', kind: 'ministry' },
      'ar',
    );
    assert.equal(taken.statusCode, 409, 'codes are unique whatever the case');
    assert.match(String(taken.headers['content-type']), /application\/problem\+json/);
    assert.equal(taken.json().errors[0].field, 'code');
    assert.equal(taken.json().errors[0].message_en, 'Another agency already uses this code');
    assert.ok(taken.json().errors[0].message_ar);

    const bad = await call(
      'POST',
      '/api/v1/agencies',
      office,
      { code: 'bad code!', name_ar: 'ج', name_en: 'Bad', kind: 'planet', website: 'ftp://x' },
      'ar',
    );
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
    const fields = bad
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    assert.deepEqual(fields, ['code', 'kind', 'name_ar', 'website']);
    for (const e of bad.json().errors) {
      assert.ok(e.message_ar && e.message_en && e.message_ar !== e.message_en, `${e.field} in both languages`);
      assert.equal(e.message, e.message_ar, 'the request language first');
    }
    const cycle = await call('PATCH', `/api/v1/agencies/${id}`, office, { parent_id: branch.json().id });
    assert.equal(cycle.statusCode, 400);
    assert.equal(cycle.json().errors[0].field, 'parent_id');
    assert.equal(await agencyRow('bad code!'), undefined);
  });

  it('the office token changes any field of any agency; fields left out keep their value', async () => {
    const res = await call('PATCH', `/api/v1/agencies/${own.id}`, office, { name_en: 'Own agency renamed', phone: '+966 11 222 3333' });
    assert.equal(res.statusCode, 200, res.body);
    const row = await agencyRow('OWN-AG');
    assert.equal(row?.name_en, 'Own agency renamed');
    assert.equal(row?.phone, '+966 11 222 3333');
    assert.equal(row?.kind, res.json().kind);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'agency.update')
      .where('record_id', '=', String(own.id))
      .execute();
    assert.equal(audit.length, 1);
  });

  it('refuses agency tokens and tokens without agency:write (403), writing nothing', async () => {
    const body = { code: 'NOPE', name_ar: 'لا', name_en: 'Nope', kind: 'ministry' };
    assert.equal((await call('POST', '/api/v1/agencies', agencyToken, body)).statusCode, 403, 'an agency token creates no agency');
    assert.equal((await call('POST', '/api/v1/agencies', officeReadOnly, body)).statusCode, 403, 'no agency:write scope');
    assert.equal((await call('POST', '/api/v1/agencies', undefined, body)).statusCode, 401);
    assert.equal(await agencyRow('NOPE'), undefined);
    const api = await agencyRow('API-MIN');
    assert.equal((await call('PATCH', `/api/v1/agencies/${api?.id}`, officeReadOnly, { phone: '+966 11 000 0000' })).statusCode, 403);
    const other = await call('PATCH', `/api/v1/agencies/${api?.id}`, agencyToken, { phone: '+966 11 000 0000' });
    assert.equal(other.statusCode, 403, "another agency's record");
    const rename = await call('PATCH', `/api/v1/agencies/${own.id}`, agencyToken, { name_en: 'Mine now' });
    assert.equal(rename.statusCode, 400, 'an agency token changes only how it is reached');
    assert.equal(rename.json().errors[0].field, 'name_en');
    assert.equal((await call('DELETE', `/api/v1/agencies/${own.id}`, agencyToken)).statusCode, 403);
    assert.equal((await agencyRow('API-MIN'))?.phone, null);
    assert.equal((await agencyRow('OWN-AG'))?.status, 'active');
  });

  it('archives instead of deleting: 409 while active branches remain, then inactive and audited', async () => {
    const parent = await agencyRow('API-MIN');
    const refused = await call('DELETE', `/api/v1/agencies/${parent?.id}`, office, undefined, 'ar');
    assert.equal(refused.statusCode, 409);
    assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
    assert.match(refused.json().title_en, /active branch \(api-min-br\).*archived, never deleted/);
    assert.match(refused.json().title_ar, /فرع نشط/);
    assert.equal((await agencyRow('API-MIN'))?.status, 'active');
    const br = await agencyRow('api-min-br');
    const archived = await call('DELETE', `/api/v1/agencies/${br?.id}`, office);
    assert.equal(archived.statusCode, 200, archived.body);
    assert.equal(archived.json().status, 'inactive');
    assert.equal((await call('DELETE', `/api/v1/agencies/${parent?.id}`, office)).statusCode, 200);
    assert.equal((await call('DELETE', `/api/v1/agencies/${parent?.id}`, office)).statusCode, 200, 'again: nothing changes');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('record_id')
      .where('action', '=', 'agency.archive')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.record_id),
      [String(br?.id), String(parent?.id)],
    );
    const list = await call('GET', '/api/v1/agencies?per_page=200');
    assert.ok(!list.json().items.some((a: { code: string }) => a.code === 'API-MIN'), 'off the public list');
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/agencies'].post);
    assert.ok(doc.paths['/api/v1/agencies/{id}'].patch);
    assert.ok(doc.paths['/api/v1/agencies/{id}'].delete);
    assert.ok(doc.paths['/api/v1/agencies/{id}'].delete.responses['409']);
  });
});
