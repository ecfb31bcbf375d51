import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as OTPAuth from 'otpauth';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { resetSecondFactor } from './sign-in-methods.service.ts';

/** What an authenticator app shows for the key written on the enrolment page, `offset` steps from now. */
const codeFor = (page: string, offset = 0) => {
  const m = /<code class="ltr">([A-Z2-7 ]+)<\/code>/.exec(page);
  assert.ok(m, 'the key is written on the page');
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(m[1].replace(/ /g, '')), digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + offset * 30_000 });
};

describe('second factor (authenticator app)', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ SECOND_FACTOR_REQUIRED: 'program_admin' });
  });
  after(() => t.close());

  /** Enrols a signed-in person from their account page; returns the key page and the recovery codes. */
  async function enrolFromAccount(c: Client) {
    const page = await c.get('/en/account/two-factor');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"[^>]*alt="QR code/);
    const done = await c.post('/en/account/two-factor', { code: codeFor(page.body) });
    assert.equal(done.statusCode, 200, done.body);
    const codes = [...done.body.matchAll(/<code>([0-9a-f-]{19})<\/code>/g)].map((m) => m[1]);
    assert.equal(codes.length, 10);
    return { page: page.body, codes };
  }

  it('sends a program administrator without one to set it up, with no session until it is done', async () => {
    const admin = await buildUser(t.deps, { email: 'pa@yusr.gov.sa', role: 'program_admin' });
    const c = new Client(t.app);
    const res = await c.post('/en/sign-in', { email: admin.email, password: TEST_PASSWORD, next: '/en/console/users' });
    assert.equal(res.headers.location, '/en/sign-in/enrol');
    assert.equal(c.hasCookie('yusr_session'), false);
    assert.equal((await c.get('/en/console')).statusCode, 303, 'nothing else is open');
    const page = await c.get('/en/sign-in/enrol');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /you can do nothing else in Yusr until it is done/);
    const ar = await c.get('/ar/sign-in/enrol');
    assert.match(ar.body, /إعداد تطبيق المصادقة/);
    const wrong = await c.post('/en/sign-in/enrol', { code: '000000' === codeFor(page.body) ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /This code is not right/);
    assert.equal(c.hasCookie('yusr_session'), false);
    const done = await c.post('/en/sign-in/enrol', { code: codeFor(page.body) });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /they will not be shown again/);
    assert.match(done.body, /href="\/en\/console\/users"/);
    assert.equal((await c.get('/en/console')).statusCode, 200, 'signed in once enrolled');
    // Stored encrypted and hashed: neither the key nor a recovery code is in the database as text.
    const key = /<code class="ltr">([A-Z2-7 ]+)<\/code>/.exec(page.body)?.[1].replace(/ /g, '') ?? '';
    const factor = await t.deps.db.selectFrom('totp_factors').selectAll().where('user_id', '=', admin.id).executeTakeFirstOrThrow();
    assert.ok(factor.confirmed_at);
    assert.doesNotMatch(factor.secret_enc, new RegExp(key));
    const codes = [...done.body.matchAll(/<code>([0-9a-f-]{19})<\/code>/g)].map((m) => m[1]);
    const stored = await t.deps.db.selectFrom('totp_recovery_codes').select('code_hash').where('user_id', '=', admin.id).execute();
    assert.equal(stored.length, 10);
    assert.ok(stored.every((s) => !codes.some((code) => s.code_hash.includes(code.replace(/-/g, '')))));
    // And it cannot be turned off.
    const off = await c.get('/en/account/two-factor');
    assert.match(off.body, /cannot be turned off/);
  });

  it('asks for a code after the password, refuses the same code twice, and takes a recovery code once', async () => {
    const user = await buildUser(t.deps, { email: 'editor@agency.gov.sa', role: 'program_reviewer' });
    const first = new Client(t.app);
    await first.post('/en/sign-in', { email: user.email, password: TEST_PASSWORD });
    const { page, codes } = await enrolFromAccount(first);

    const c = new Client(t.app);
    const pw = await c.post('/en/sign-in', { email: user.email, password: TEST_PASSWORD });
    assert.equal(pw.headers.location, '/en/sign-in/code');
    assert.equal(c.hasCookie('yusr_session'), false);
    assert.match((await c.get('/ar/sign-in/code')).body, /أدخل الرمز/);
    // The code used to confirm enrolment was for this step or an earlier one: the next one is.
    const next = codeFor(page, 1);
    const ok = await c.post('/en/sign-in/code', { code: next });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal((await c.get('/en/console')).statusCode, 200);

    // Someone who saw that code (over a shoulder, in a phishing page) cannot use it again.
    const replay = new Client(t.app);
    await replay.post('/en/sign-in', { email: user.email, password: TEST_PASSWORD });
    const again = await replay.post('/en/sign-in/code', { code: next });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /was already used/);
    assert.equal(replay.hasCookie('yusr_session'), false);

    // A recovery code works once.
    const rec = await replay.post('/en/sign-in/code', { code: codes[0].toUpperCase() });
    assert.equal(rec.statusCode, 303);
    const thief = new Client(t.app);
    await thief.post('/en/sign-in', { email: user.email, password: TEST_PASSWORD });
    assert.equal((await thief.post('/en/sign-in/code', { code: codes[0] })).statusCode, 400);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('record_id', '=', String(user.id)).execute();
    const actions = audit.map((a) => a.action);
    for (const a of ['user.second_factor_enrol', 'auth.second_factor', 'auth.second_factor_failed']) assert.ok(actions.includes(a), a);
  });

  it('throttles guesses: after five wrong codes even the right one waits', async () => {
    const user = await buildUser(t.deps, { email: 'guess@agency.gov.sa', role: 'program_reviewer' });
    const owner = new Client(t.app);
    await owner.post('/en/sign-in', { email: user.email, password: TEST_PASSWORD });
    const { page } = await enrolFromAccount(owner);
    const c = new Client(t.app);
    await c.post('/en/sign-in', { email: user.email, password: TEST_PASSWORD });
    const right = codeFor(page, 1);
    const wrong = right === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) assert.equal((await c.post('/en/sign-in/code', { code: wrong })).statusCode, 400);
    const stopped = await c.post('/en/sign-in/code', { code: right });
    assert.equal(stopped.statusCode, 429);
    assert.equal(c.hasCookie('yusr_session'), false);
  });

  it('keeps the code pages closed without a password step behind them', async () => {
    const c = new Client(t.app);
    assert.equal((await c.get('/en/sign-in/code')).headers.location, '/en/sign-in');
    assert.equal((await c.post('/en/sign-in/code', { code: '123456' })).headers.location, '/en/sign-in');
    assert.equal((await c.get('/en/sign-in/enrol')).headers.location, '/en/sign-in');
  });

  it('lets an administrator reset a lost app: their own agency’s staff only (the program office anyone), audited, then a new one at the next sign-in', async () => {
    const a = await buildAgency(t.deps, { code: 'reset-a' });
    const b = await buildAgency(t.deps, { code: 'reset-b' });
    const staff = await buildUser(t.deps, { email: 'lost@reset-a.gov.sa', role: 'agency_editor', agencyId: a.id, locale: 'ar' });
    const owner = new Client(t.app);
    await owner.post('/en/sign-in', { email: staff.email, password: TEST_PASSWORD });
    await enrolFromAccount(owner);
    await buildUser(t.deps, { email: 'admin@reset-a.gov.sa', role: 'agency_admin', agencyId: a.id });
    await buildUser(t.deps, { email: 'admin@reset-b.gov.sa', role: 'agency_admin', agencyId: b.id });
    const reviewer = await buildUser(t.deps, { email: 'reviewer@reset.gov.sa', role: 'program_reviewer' });
    const reviewerClient = new Client(t.app);
    await reviewerClient.post('/en/sign-in', { email: reviewer.email, password: TEST_PASSWORD });
    await enrolFromAccount(reviewerClient);
    const adminA = await signedIn(t.app, 'admin@reset-a.gov.sa');
    const adminB = await signedIn(t.app, 'admin@reset-b.gov.sa');

    // Refused: another agency's administrator (the person is not theirs to see), a program-level account, a stranger.
    const why = { reason: 'Phone lost; identity checked by a call to their manager' };
    assert.equal((await adminB.post(`/en/console/users/${staff.id}/two-factor/reset`, why)).statusCode, 404);
    assert.equal((await adminA.post(`/en/console/users/${reviewer.id}/two-factor/reset`, why)).statusCode, 404);
    assert.equal((await new Client(t.app).post(`/en/console/users/${staff.id}/two-factor/reset`, why)).statusCode, 401, 'a stranger');
    assert.ok(await t.deps.db.selectFrom('totp_factors').select('user_id').where('user_id', '=', staff.id).executeTakeFirst());

    const page = await adminA.get(`/en/console/users/${staff.id}`);
    assert.match(page.body, /Reset the lost authenticator app/);
    assert.match((await adminA.get(`/ar/console/users/${staff.id}`)).body, /إعادة ضبط تطبيق المصادقة المفقود/);
    // A reason is required: a field error in either language, and nothing changes.
    const bare = await adminA.post(`/en/console/users/${staff.id}/two-factor/reset`, {});
    assert.equal(bare.statusCode, 400);
    assert.match(bare.body, /id="f-reason-error"/);
    assert.equal((await adminA.post(`/ar/console/users/${staff.id}/two-factor/reset`, { reason: 'x' })).statusCode, 400);
    assert.ok(await t.deps.db.selectFrom('totp_factors').select('user_id').where('user_id', '=', staff.id).executeTakeFirst());
    const done = await adminA.post(`/en/console/users/${staff.id}/two-factor/reset`, why);
    assert.equal(done.statusCode, 303);
    assert.equal(
      await t.deps.db.selectFrom('totp_factors').select('user_id').where('user_id', '=', staff.id).executeTakeFirst(),
      undefined,
    );
    assert.equal((await t.deps.db.selectFrom('totp_recovery_codes').select('id').where('user_id', '=', staff.id).execute()).length, 0);
    assert.equal((await owner.get('/en/console')).statusCode, 303, 'signed out everywhere: a session may be on the lost device');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.second_factor_reset')
      .where('record_id', '=', String(staff.id))
      .executeTakeFirstOrThrow();
    assert.match(audit.actor_label ?? '', /admin@reset-a\.gov\.sa/);
    assert.equal(JSON.parse(audit.after_json ?? '{}').reason, why.reason);
    const mail = await t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('to_address', '=', staff.email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(mail.subject ?? '', /أُعيد ضبط تطبيق المصادقة/, 'told in their language');
    assert.match(mail.text_body ?? '', /السبب المذكور: Phone lost/, 'with the reason');
    assert.equal((await adminA.post(`/en/console/users/${staff.id}/two-factor/reset`, why)).statusCode, 409, 'nothing left to reset');
    const told = await t.deps.db
      .selectFrom('messages')
      .select('id')
      .where('to_address', '=', staff.email)
      .where('message_key', 'like', 'identity:totp_reset:%')
      .execute();
    assert.equal(told.length, 1, 'emailed once');
    assert.match((await adminA.get(`/en/console/users/${staff.id}`)).body, /a new one is set up at the next sign-in/);

    // The next sign-in sets up a new app before any session, although the role does not require one.
    const c = new Client(t.app);
    const pw = await c.post('/en/sign-in', { email: staff.email, password: TEST_PASSWORD });
    assert.equal(pw.headers.location, '/en/sign-in/enrol');
    assert.equal(c.hasCookie('yusr_session'), false);
    const enrol = await c.get('/en/sign-in/enrol');
    assert.equal((await c.post('/en/sign-in/enrol', { code: codeFor(enrol.body) })).statusCode, 200);
    assert.equal((await c.get('/en/console')).statusCode, 200);
    assert.equal(await t.deps.db.selectFrom('totp_resets').select('user_id').where('user_id', '=', staff.id).executeTakeFirst(), undefined);

    // The program office resets anyone's; nobody resets their own here (the account page does, with a code).
    const office = await buildUser(t.deps, { email: 'office@reset.gov.sa', role: 'program_admin' });
    const officeCtx: Ctx = {
      actor: {
        kind: 'user',
        id: office.id,
        name: office.name,
        email: office.email,
        locale: 'en',
        memberships: [{ role: 'program_admin', agencyId: null }],
      },
      lang: 'en',
      requestId: null,
      ip: null,
    };
    await resetSecondFactor(t.deps, officeCtx, reviewer.id, why);
    assert.equal(
      await t.deps.db.selectFrom('totp_factors').select('user_id').where('user_id', '=', reviewer.id).executeTakeFirst(),
      undefined,
    );
    await assert.rejects(resetSecondFactor(t.deps, officeCtx, office.id, why), /totp\.reset_self/);
  });

  it('lets someone who chose it turn it off with a current code', async () => {
    const user = await buildUser(t.deps, { email: 'off@agency.gov.sa', role: 'program_reviewer' });
    const c = new Client(t.app);
    await c.post('/en/sign-in', { email: user.email, password: TEST_PASSWORD });
    const { page } = await enrolFromAccount(c);
    const res = await c.post('/en/account/two-factor/disable', { code: codeFor(page, 1) });
    assert.equal(res.statusCode, 303);
    assert.equal(await t.deps.db.selectFrom('totp_factors').select('user_id').where('user_id', '=', user.id).executeTakeFirst(), undefined);
    const again = new Client(t.app);
    assert.equal((await again.post('/en/sign-in', { email: user.email, password: TEST_PASSWORD })).headers.location, '/en/console');
  });

  it('sends a session opened before the rule applied to set up an app before any console page or API call, and lets it go once set up', async () => {
    const user = await buildUser(t.deps, { email: 'promoted@yusr.gov.sa', role: 'program_reviewer' });
    const c = new Client(t.app);
    assert.equal((await c.post('/en/sign-in', { email: user.email, password: TEST_PASSWORD })).headers.location, '/en/console');
    assert.equal((await c.get('/en/console')).statusCode, 200, 'not required yet');
    // Made a program administrator while signed in: the rule now covers this open session.
    await t.deps.db
      .insertInto('memberships')
      .values({ user_id: user.id, role: 'program_admin', agency_id: null, created_at: new Date().toISOString() })
      .execute();
    for (const [path, to] of [
      ['/en/console', '/en/account/two-factor'],
      ['/ar/console/users', '/ar/account/two-factor'],
      ['/en/account', '/en/account/two-factor'],
    ]) {
      const res = await c.get(path);
      assert.equal(res.statusCode, 303, path);
      assert.equal(res.headers.location, to, path);
    }
    const posted = await c.post('/en/account/password', {
      current: TEST_PASSWORD,
      password: 'a brand new long passphrase 9',
      confirm: 'a brand new long passphrase 9',
    });
    assert.equal(posted.statusCode, 303, 'a form is not taken either');
    assert.equal(posted.headers.location, '/en/account/two-factor');
    const api = await c.get('/api/v1/me', { accept: 'application/json' });
    assert.equal(api.statusCode, 403);
    assert.match(String(api.headers['content-type']), /problem\+json/);
    assert.match(api.body, /authenticator app first/);
    assert.equal((await c.get('/en/')).statusCode, 200, 'public pages stay open');
    const ar = await c.get('/ar/account/two-factor');
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /إعداد تطبيق المصادقة/);
    const page = await c.get('/en/account/two-factor');
    assert.match(page.body, /you can do nothing else in Yusr until it is done/);
    const done = await c.post('/en/account/two-factor', { code: codeFor(page.body) });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal((await c.get('/en/console')).statusCode, 200, 'set up: the console opens');
    assert.equal((await c.get('/api/v1/me', { accept: 'application/json' })).statusCode, 200);

    // Signing out stays reachable for someone who will not set it up now.
    const other = await buildUser(t.deps, { email: 'promoted2@yusr.gov.sa', role: 'program_reviewer' });
    const d = await signedIn(t.app, other.email);
    await t.deps.db
      .insertInto('memberships')
      .values({ user_id: other.id, role: 'program_admin', agency_id: null, created_at: new Date().toISOString() })
      .execute();
    assert.equal((await d.get('/en/console')).statusCode, 303);
    const out = await d.post('/en/sign-out', {});
    assert.equal(out.statusCode, 303);
    assert.notEqual(String(out.headers.location), '/en/account/two-factor');
    assert.equal((await d.get('/en/console')).statusCode, 303);
    assert.equal(
      await t.deps.db.selectFrom('sessions').select('id').where('user_id', '=', other.id).executeTakeFirst(),
      undefined,
      'signed out',
    );
  });
});
