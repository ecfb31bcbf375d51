import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';

describe('agencies and people, as the program office', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await testApp();
    await buildUser(t.deps, { email: 'po@example.gov.sa', role: 'program_admin' });
    admin = await signedIn(t.app, 'po@example.gov.sa');
  });
  after(() => t.close());

  it('creates an agency under a parent, and shows it in both languages', async () => {
    const parent = await buildAgency(t.deps, { code: 'momrah', name_en: 'Ministry of Municipal Affairs' });
    const res = await admin.post('/en/console/agencies/new', {
      code: 'riyadh',
      name_ar: 'أمانة منطقة الرياض',
      name_en: 'Riyadh Municipality',
      kind: 'municipality',
      parent_id: String(parent.id),
      website: 'https://www.alriyadh.gov.sa',
      phone: '٩٤٠',
      email: 'info@alriyadh.gov.sa',
      status: 'active',
    });
    assert.equal(res.statusCode, 303);
    const page = await admin.get(String(res.headers.location).replace('/en/', '/ar/'));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /أمانة منطقة الرياض/);
    assert.match(page.body, /<html lang="ar" dir="rtl">/);
    assert.match(page.body, /<a href="tel:940" class="ltr">\s*940\s*<\/a>/, 'the number typed in Arabic-Indic digits, kept in ASCII');
    const parentPage = await admin.get(`/en/console/agencies/${parent.id}`);
    assert.match(parentPage.body, /Riyadh Municipality/, 'listed under its parent');
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'agency.create').execute();
    assert.equal(audit.length, 1);
    assert.match(audit[0].after_json ?? '', /riyadh/);
  });

  it('refuses bad agency input field by field and writes nothing', async () => {
    const before = (await t.deps.db.selectFrom('agencies').select('id').execute()).length;
    const res = await admin.post('/en/console/agencies/new', {
      code: 'Bad Code!',
      name_ar: '',
      name_en: 'X',
      kind: 'castle',
      website: 'ftp://x',
      email: 'nope',
      phone: 'call me',
      status: 'active',
    });
    assert.equal(res.statusCode, 400);
    for (const msg of [
      /Latin letters, digits, dots/,
      /This field is required/,
      /Enter at least 2 characters/,
      /Choose one of/,
      /full address starting with https/,
      /email address like/,
      /phone number like/,
    ]) {
      assert.match(res.body, msg);
    }
    assert.equal((await t.deps.db.selectFrom('agencies').select('id').execute()).length, before);
  });

  it('refuses a duplicate code and a parent cycle', async () => {
    const a = await buildAgency(t.deps, { code: 'dup-code' });
    const dup = await admin.post('/en/console/agencies/new', {
      code: 'dup-code',
      name_ar: 'جهة',
      name_en: 'Agency',
      kind: 'ministry',
      status: 'active',
    });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /Another agency already uses this code/);
    const child = await buildAgency(t.deps, { parent_id: a.id });
    const cycle = await admin.post(`/en/console/agencies/${a.id}/edit`, {
      code: a.code,
      name_ar: a.name_ar,
      name_en: a.name_en,
      kind: 'ministry',
      status: 'active',
      parent_id: String(child.id),
    });
    assert.equal(cycle.statusCode, 400);
    assert.match(cycle.body, /cannot sit under itself/);
  });

  it('clears an optional field when it is emptied', async () => {
    const a = await buildAgency(t.deps, { phone: '920000000' });
    const res = await admin.post(`/en/console/agencies/${a.id}/edit`, {
      code: a.code,
      name_ar: a.name_ar,
      name_en: a.name_en,
      kind: a.kind,
      status: 'active',
      phone: '',
    });
    assert.equal(res.statusCode, 303);
    const row = await t.deps.db.selectFrom('agencies').select('phone').where('id', '=', a.id).executeTakeFirstOrThrow();
    assert.equal(row.phone, null);
  });

  it('grants and removes roles, but never the last program administrator', async () => {
    const agency = await buildAgency(t.deps);
    const u = await buildUser(t.deps, { email: 'roles@example.gov.sa' });
    assert.equal(
      (await admin.post(`/en/console/users/${u.id}/roles`, { role: 'agency_editor', agency_id: String(agency.id) })).statusCode,
      303,
    );
    const held = await admin.post(`/en/console/users/${u.id}/roles`, { role: 'agency_editor', agency_id: String(agency.id) });
    assert.equal(held.statusCode, 409);
    const wrongShape = await admin.post(`/en/console/users/${u.id}/roles`, { role: 'judge', agency_id: String(agency.id) });
    assert.match(wrongShape.body, /program-wide role/);
    const me = await t.deps.db.selectFrom('users').select('id').where('email', '=', 'po@example.gov.sa').executeTakeFirstOrThrow();
    const m = await t.deps.db.selectFrom('memberships').select('id').where('user_id', '=', me.id).executeTakeFirstOrThrow();
    const last = await admin.post(`/en/console/users/${me.id}/roles/${m.id}/remove`);
    assert.equal(last.statusCode, 409);
    assert.match(last.body, /last program administrator/);
  });

  it('deactivation ends the person’s sessions at once', async () => {
    const u = await buildUser(t.deps, { email: 'leaving@example.gov.sa', role: 'judge' });
    const them = await signedIn(t.app, u.email);
    assert.equal((await them.get('/en/console')).statusCode, 200);
    assert.equal((await admin.post(`/en/console/users/${u.id}/deactivate`)).statusCode, 303);
    assert.equal((await them.get('/en/console')).statusCode, 303);
    const again = await them.post('/en/sign-in', { email: u.email, password: 'correct-horse-battery-staple' });
    assert.equal(again.statusCode, 400);
    assert.equal((await admin.post(`/en/console/users/${u.id}/reactivate`)).statusCode, 303);
  });

  it('shows the audit trail with filters', async () => {
    const res = await admin.get('/en/console/audit?action=agency.&record_type=agency');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /agency\.create/);
    assert.doesNotMatch(res.body, /user\.role_add/);
  });
});

describe('API tokens', () => {
  let t: TestApp;
  let own: Awaited<ReturnType<typeof buildAgency>>;
  let other: Awaited<ReturnType<typeof buildAgency>>;
  let token: string;
  before(async () => {
    t = await testApp();
    own = await buildAgency(t.deps, { code: 'own' });
    other = await buildAgency(t.deps, { code: 'other' });
    await buildUser(t.deps, { email: 'aa@example.gov.sa', role: 'agency_admin', agencyId: own.id });
  });
  after(() => t.close());

  it('an agency administrator creates a token, shown once and stored hashed', async () => {
    const c = await signedIn(t.app, 'aa@example.gov.sa');
    const res = await c.post(`/en/console/agencies/${own.id}/tokens`, {
      name: 'Services system',
      scopes: ['agency:write', 'services:read'],
      expires_in_days: '30',
    });
    assert.equal(res.statusCode, 201);
    const m = /(yusr_[a-z0-9]{8}_[A-Za-z0-9_-]{43})/.exec(res.body);
    assert.ok(m);
    token = m[1];
    const row = await t.deps.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, token);
    assert.ok(!(await c.get(`/en/console/agencies/${own.id}/tokens`)).body.includes(token), 'never shown again');
  });

  it('the token calls the API for its own agency', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().agency_id, own.id);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/agencies/${own.id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { phone: '+966 11 123 4567' },
    });
    assert.equal(patch.statusCode, 200);
    assert.equal(patch.json().phone, '+966 11 123 4567');
  });

  it('the token cannot touch another agency, and the refusal is audited', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/agencies/${other.id}`,
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'ar' },
      payload: { phone: '+966 11 000 0000' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().title, 'ليست لديك صلاحية لهذا الإجراء');
    assert.equal(res.json().title_en, 'You are not allowed to do this');
    const row = await t.deps.db.selectFrom('agencies').select('phone').where('id', '=', other.id).executeTakeFirstOrThrow();
    assert.equal(row.phone, null);
    const denied = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.denied').execute();
    assert.ok(denied.some((d) => d.actor_type === 'token' && d.acting_agency_id === own.id));
  });

  it('the contact-only API refuses fields it does not own', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/agencies/${own.id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { name_en: 'Renamed' },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].field, 'name_en');
    assert.equal(res.json().errors[0].code, 'unknown_field');
  });

  it('a revoked or malformed token gets a 401', async () => {
    const c = await signedIn(t.app, 'aa@example.gov.sa');
    const row = await t.deps.db.selectFrom('api_tokens').select('id').executeTakeFirstOrThrow();
    assert.equal((await c.post(`/en/console/agencies/${own.id}/tokens/${row.id}/revoke`)).statusCode, 303);
    for (const auth of [`Bearer ${token}`, 'Bearer yusr_nope', 'Bearer ']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: auth } });
      assert.equal(res.statusCode, 401, auth);
    }
  });
});

describe('cross-agency isolation', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof buildAgency>>;
  let b: Awaited<ReturnType<typeof buildAgency>>;
  let bStaff: Awaited<ReturnType<typeof buildUser>>;
  let bToken: number;
  before(async () => {
    t = await testApp();
    a = await buildAgency(t.deps, { code: 'agency-a' });
    b = await buildAgency(t.deps, { code: 'agency-b', phone: '111' });
    await buildUser(t.deps, { email: 'a.editor@example.gov.sa', role: 'agency_editor', agencyId: a.id });
    await buildUser(t.deps, { email: 'a.admin@example.gov.sa', role: 'agency_admin', agencyId: a.id });
    bStaff = await buildUser(t.deps, { email: 'b.editor@example.gov.sa', role: 'agency_editor', agencyId: b.id });
    bToken = (
      await t.deps.db
        .insertInto('api_tokens')
        .values({
          agency_id: b.id,
          name: 'b',
          prefix: 'bbbbbbbb',
          token_hash: 'x',
          scopes: '["agency:read"]',
          created_by: null,
          created_at: new Date().toISOString(),
          expires_at: null,
          last_used_at: null,
          revoked_at: null,
          revoked: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t.close());

  const snapshot = async () => ({
    b: await t.deps.db.selectFrom('agencies').selectAll().where('id', '=', b.id).executeTakeFirstOrThrow(),
    tokens: await t.deps.db.selectFrom('api_tokens').selectAll().execute(),
    memberships: await t.deps.db.selectFrom('memberships').selectAll().execute(),
    users: await t.deps.db.selectFrom('users').select(['id', 'status']).execute(),
  });

  for (const who of ['a.editor@example.gov.sa', 'a.admin@example.gov.sa']) {
    it(`${who.split('@')[0]} can neither read nor change agency B’s records`, async () => {
      const c = await signedIn(t.app, who);
      const before = await snapshot();
      const deniedBefore = (await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'access.denied').execute()).length;
      const attempts: [string, () => Promise<{ statusCode: number }>][] = [
        ['GET edit B', () => c.get(`/en/console/agencies/${b.id}/edit`)],
        ['POST edit B', () => c.post(`/en/console/agencies/${b.id}/edit`, { phone: '999', website: 'https://evil.example' })],
        ['GET tokens B', () => c.get(`/en/console/agencies/${b.id}/tokens`)],
        ['POST token B', () => c.post(`/en/console/agencies/${b.id}/tokens`, { name: 'steal', scopes: 'agency:write' })],
        ['revoke token B', () => c.post(`/en/console/agencies/${b.id}/tokens/${bToken}/revoke`)],
        ['GET B staff', () => c.get(`/en/console/users/${bStaff.id}`)],
        ['deactivate B staff', () => c.post(`/en/console/users/${bStaff.id}/deactivate`)],
        ['add role in B', () => c.post(`/en/console/users/${bStaff.id}/roles`, { role: 'agency_admin', agency_id: String(b.id) })],
        [
          'invite into B',
          () =>
            c.post('/en/console/users/invite', {
              name: 'Mole',
              email: 'mole@example.gov.sa',
              role: 'agency_admin',
              agency_id: String(b.id),
            }),
        ],
        ['API patch B', () => c.json('PATCH', `/api/v1/agencies/${b.id}`, { phone: '999' })],
      ];
      for (const [name, attempt] of attempts) {
        const res = await attempt();
        assert.ok([403, 404].includes(res.statusCode), `${name}: ${res.statusCode}`);
      }
      assert.deepEqual(await snapshot(), before, 'nothing changed');
      const deniedAfter = (await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'access.denied').execute()).length;
      assert.ok(deniedAfter - deniedBefore >= 5, 'refusals are audited');
      assert.equal(
        await t.deps.db.selectFrom('users').select('id').where('email', '=', 'mole@example.gov.sa').executeTakeFirst(),
        undefined,
      );
    });
  }

  it('an agency administrator sees only their own agency in the audit trail and staff list', async () => {
    const c = await signedIn(t.app, 'a.admin@example.gov.sa');
    const users = await c.get('/en/console/users');
    assert.doesNotMatch(users.body, /b\.editor@example\.gov\.sa/);
    assert.match(users.body, /a\.editor@example\.gov\.sa/);
    const audit = await c.get(`/en/console/audit?agency=${b.id}`);
    assert.equal(audit.statusCode, 200);
    assert.doesNotMatch(audit.body, /<td class="num">\d+<\/td>/, 'no rows of agency B');
  });

  it('agency staff cannot reach program operations', async () => {
    const c = await signedIn(t.app, 'a.admin@example.gov.sa');
    for (const url of ['/en/console/outbox', '/en/console/jobs', '/en/console/agencies/new']) {
      assert.equal((await c.get(url)).statusCode, 403, url);
    }
  });
});
