import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.ts';
import { freePort, ProviderBrowser, startTestProvider, type TestProvider } from './oidc.test-provider.ts';

const P = 'agency_sso';

describe('staff sign-in with an OpenID Connect provider (a real oidc-provider)', () => {
  let t: TestApp;
  let op: TestProvider;
  let base: string;

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    op = await startTestProvider(base, P);
    t = await testApp({
      BASE_URL: base,
      OIDC_PROVIDERS: P,
      OIDC_AGENCY_SSO_ISSUER: op.issuer,
      OIDC_AGENCY_SSO_CLIENT_ID: 'yusr',
      OIDC_AGENCY_SSO_CLIENT_SECRET: 'yusr-client-secret-for-tests-only-0123456789',
      OIDC_AGENCY_SSO_NAME_AR: 'الدخول الموحد للجهة',
      OIDC_AGENCY_SSO_NAME_EN: 'Agency single sign-on',
    });
    // Reachable at BASE_URL: the provider posts back-channel logouts to it.
    await t.app.listen({ port, host: '127.0.0.1' });
  });
  after(async () => {
    await t.close();
    await op.close();
  });

  /** Starts sign-in in Yusr, goes through the provider as `account`, and comes back to Yusr's callback. */
  async function signInWith(account: string, lang: 'ar' | 'en' = 'en', c = new Client(t.app), browser = new ProviderBrowser()) {
    const start = await c.get(`/sign-in/oidc/${P}/start?lang=${lang}&next=${encodeURIComponent(`/${lang}/console/agencies`)}`);
    assert.equal(start.statusCode, 303);
    const authorize = new URL(String(start.headers.location));
    assert.equal(authorize.origin, op.issuer);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorize.searchParams.get('state') && authorize.searchParams.get('nonce'), 'state and nonce are sent');
    const back = await browser.run(authorize.href, account, `${base}/sign-in/oidc/${P}/callback`);
    const callback = new URL(back);
    const res = await c.get(`${callback.pathname}${callback.search}`);
    return { c, res, browser, callback };
  }

  const audits = (action: string) => t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  it('shows a button per provider on the sign-in page, in both languages', async () => {
    const c = new Client(t.app);
    const ar = (await c.get('/ar/sign-in')).body;
    assert.match(ar, /<a class="button" href="\/sign-in\/oidc\/agency_sso\/start\?lang=ar">الدخول عبر الدخول الموحد للجهة<\/a>/);
    assert.match((await c.get('/en/sign-in')).body, /Sign in with Agency single sign-on/);
  });

  it('links a first sign-in to the invited account with the same verified email, then matches by subject', async () => {
    const agency = await buildAgency(t.deps);
    const user = await buildUser(t.deps, { email: 'sara@agency.gov.sa', role: 'agency_editor', agencyId: agency.id, status: 'invited' });
    op.accounts.set('sub-sara', { email: 'Sara@agency.gov.sa', email_verified: true, name: 'Sara' });
    const { c, res } = await signInWith('sub-sara');
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/en/console/agencies');
    assert.equal((await c.get('/en/console')).statusCode, 200);
    const link = await t.deps.db.selectFrom('oidc_identities').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.deepEqual([link.provider, link.subject], [P, 'sub-sara']);
    const activated = await t.deps.db.selectFrom('users').select('status').where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(activated.status, 'active', 'the invitation is accepted by signing in');
    assert.equal((await audits('auth.oidc_link')).filter((a) => a.record_id === String(user.id)).length, 1);
    // The provider's address changes; the subject still names the same person, and no second link is made.
    op.accounts.set('sub-sara', { email: 'sara.new@agency.gov.sa', email_verified: true });
    const again = await signInWith('sub-sara');
    assert.equal(again.res.statusCode, 303);
    const sessions = await t.deps.db.selectFrom('oidc_sessions').selectAll().where('user_id', '=', user.id).execute();
    assert.equal(sessions.length, 2);
    assert.equal((await audits('auth.oidc_link')).filter((a) => a.record_id === String(user.id)).length, 1);
    const signIns = (await audits('auth.sign_in')).filter((a) => a.record_id === String(user.id));
    assert.equal(signIns.length, 2);
  });

  it('refuses someone without an account, in both languages, and creates nothing', async () => {
    op.accounts.set('sub-stranger', { email: 'stranger@elsewhere.sa', email_verified: true });
    const usersBefore = (await t.deps.db.selectFrom('users').select('id').execute()).length;
    const en = await signInWith('sub-stranger', 'en');
    assert.equal(en.res.statusCode, 403);
    assert.match(en.res.body, /There is no Yusr account for the email address Agency single sign-on gave/);
    assert.equal(en.c.hasCookie('yusr_session'), false);
    const ar = await signInWith('sub-stranger', 'ar');
    assert.equal(ar.res.statusCode, 403);
    assert.match(ar.res.body, /لا يوجد حساب في يُسر/);
    assert.match(ar.res.body, /<html[^>]*lang="ar"/);
    assert.equal((await t.deps.db.selectFrom('users').select('id').execute()).length, usersBefore);
    assert.equal((await t.deps.db.selectFrom('oidc_identities').select('id').where('subject', '=', 'sub-stranger').execute()).length, 0);
    const refused = (await audits('auth.oidc_refused')).map((a) => JSON.parse(a.after_json ?? '{}'));
    assert.ok(refused.some((r) => r.reason === 'unknown' && r.email_hash && !JSON.stringify(r).includes('stranger@')));
  });

  it('refuses an email the provider has not verified', async () => {
    await buildUser(t.deps, { email: 'unverified@agency.gov.sa', role: 'program_reviewer' });
    op.accounts.set('sub-unverified', { email: 'unverified@agency.gov.sa', email_verified: false });
    const { res, c } = await signInWith('sub-unverified');
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /has not confirmed your email address/);
    assert.equal(c.hasCookie('yusr_session'), false);
    assert.equal((await t.deps.db.selectFrom('oidc_identities').select('id').where('subject', '=', 'sub-unverified').execute()).length, 0);
  });

  it('refuses a callback whose state does not match, or that this browser did not start', async () => {
    await buildUser(t.deps, { email: 'state@agency.gov.sa', role: 'program_reviewer' });
    op.accounts.set('sub-state', { email: 'state@agency.gov.sa', email_verified: true });
    const c = new Client(t.app);
    const start = await c.get(`/sign-in/oidc/${P}/start?lang=en`);
    const authorize = new URL(String(start.headers.location));
    const back = new URL(await new ProviderBrowser().run(authorize.href, 'sub-state', `${base}/sign-in/oidc/${P}/callback`));
    back.searchParams.set('state', 'not-the-state-we-sent');
    const res = await c.get(`${back.pathname}${back.search}`);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /could not be verified/);
    assert.equal(c.hasCookie('yusr_session'), false);
    // Someone else's browser (login CSRF: an attacker's code in a victim's browser) has no pending sign-in.
    const other = await signInWith('sub-state', 'en', new Client(t.app));
    const victim = new Client(t.app);
    const replay = await victim.get(`${other.callback.pathname}${other.callback.search}`);
    assert.equal(replay.statusCode, 400);
    assert.match(replay.body, /لم يبدأ هذا الدخول من هذا المتصفح/, 'in Arabic: no pending sign-in says which language');
    assert.equal(victim.hasCookie('yusr_session'), false);
  });

  it('refuses an ID token altered on its way (its signature no longer matches), even naming a real account', async () => {
    const admin = await buildUser(t.deps, { email: 'victim-admin@yusr.gov.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'mallory@agency.gov.sa', role: 'program_reviewer' });
    op.accounts.set('sub-mallory', { email: 'mallory@agency.gov.sa', email_verified: true });
    op.tamper = (payload) => ({ ...payload, sub: 'sub-victim', email: 'victim-admin@yusr.gov.sa', email_verified: true });
    try {
      const { res, c } = await signInWith('sub-mallory');
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /could not be verified/);
      assert.equal(c.hasCookie('yusr_session'), false);
    } finally {
      op.tamper = null;
    }
    assert.equal((await t.deps.db.selectFrom('oidc_identities').select('id').where('user_id', '=', admin.id).execute()).length, 0);
    const refused = (await audits('auth.oidc_refused')).map((a) => JSON.parse(a.after_json ?? '{}'));
    assert.ok(refused.some((r) => r.reason === 'invalid'));
  });

  it('ends the session when the provider sends a back-channel logout, and refuses a forged logout token', async () => {
    await buildUser(t.deps, { email: 'logout@agency.gov.sa', role: 'program_reviewer' });
    op.accounts.set('sub-logout', { email: 'logout@agency.gov.sa', email_verified: true });
    const { c, browser } = await signInWith('sub-logout');
    assert.equal((await c.get('/en/console')).statusCode, 200);

    // A logout token signed with a key that is not the provider's changes nothing.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = enc({ alg: 'RS256', kid: 'test-key', typ: 'logout+jwt' });
    const body = enc({
      iss: op.issuer,
      aud: 'yusr',
      iat: Math.floor(Date.now() / 1000),
      jti: 'x',
      sub: 'sub-logout',
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
    });
    const forged = `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), privateKey).toString('base64url')}`;
    const refused = await t.app.inject({
      method: 'POST',
      url: `/sign-in/oidc/${P}/backchannel-logout`,
      payload: `logout_token=${forged}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(refused.statusCode, 400);
    assert.equal((await c.get('/en/console')).statusCode, 200, 'still signed in');

    // Signing out at the provider: it posts a signed logout token (with the session's sid) to Yusr.
    const end = await browser.run(`${op.issuer}/session/end`, 'sub-logout', `${base}/none`);
    assert.match(end, /\/session\/end/);
    const gone = await c.get('/en/console');
    assert.equal(gone.statusCode, 303, 'the Yusr session ended');
    const logouts = (await audits('auth.oidc_backchannel_logout')).map((a) => JSON.parse(a.after_json ?? '{}'));
    assert.ok(logouts.some((l) => l.sessions_ended === 1 && l.by === 'sid'));
  });

  it('ends the session when the provider loads the front-channel logout page with its issuer and the sid it issued, and nothing else', async () => {
    const user = await buildUser(t.deps, { email: 'front@agency.gov.sa', role: 'program_reviewer' });
    op.accounts.set('sub-front', { email: 'front@agency.gov.sa', email_verified: true });
    const { c } = await signInWith('sub-front');
    const other = await buildUser(t.deps, { email: 'front2@agency.gov.sa', role: 'program_reviewer' });
    op.accounts.set('sub-front2', { email: other.email, email_verified: true });
    const { c: c2 } = await signInWith('sub-front2');
    // The sid the provider put in the ID token, as Yusr kept it with the session.
    const row = await t.deps.db.selectFrom('oidc_sessions').select('sid').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.ok(row.sid, 'the provider issued a sid');
    const front = (q: string) => t.app.inject({ method: 'GET', url: `/sign-in/oidc/${P}/frontchannel-logout${q}` });
    const qs = (iss: string, sid: string) => `?iss=${encodeURIComponent(iss)}&sid=${encodeURIComponent(sid)}`;

    for (const q of ['', `?iss=${encodeURIComponent(op.issuer)}`, `?sid=${row.sid}`, qs('https://evil.example', row.sid)]) {
      assert.equal((await front(q)).statusCode, 400, q);
    }
    assert.equal((await front(qs(op.issuer, 'not-a-sid'))).statusCode, 200, 'an unknown sid ends nothing');
    assert.equal((await c.get('/en/console')).statusCode, 200, 'still signed in');
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/sign-in/oidc/nope/frontchannel-logout${qs(op.issuer, row.sid)}` })).statusCode,
      404,
    );

    const res = await front(qs(op.issuer, row.sid));
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(String(res.headers['content-security-policy']), new RegExp(`frame-ancestors ${new URL(op.issuer).origin}$`));
    assert.equal(res.headers['x-frame-options'], undefined, 'no DENY contradicts the frame-ancestors the provider needs');
    assert.equal((await c.get('/en/console')).statusCode, 303, 'the Yusr session ended');
    assert.equal((await c2.get('/en/console')).statusCode, 200, 'another provider session is untouched');
    const ended = (await audits('auth.oidc_frontchannel_logout')).map((a) => JSON.parse(a.after_json ?? '{}'));
    assert.ok(ended.some((l) => l.sessions_ended === 1 && l.by === 'sid'));
    const refused = (await audits('auth.oidc_logout_refused')).map((a) => JSON.parse(a.after_json ?? '{}'));
    assert.ok(refused.some((r) => r.channel === 'front' && r.reason === 'iss'));
  });

  it('signs out at the provider too (RP-initiated logout) when the session was opened there', async () => {
    await buildUser(t.deps, { email: 'rp@agency.gov.sa', role: 'program_reviewer' });
    op.accounts.set('sub-rp', { email: 'rp@agency.gov.sa', email_verified: true });
    const { c } = await signInWith('sub-rp');
    const out = await c.post('/en/sign-out');
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, `/en/signed-out?provider=${P}`);
    const page = await c.get(String(out.headers.location));
    assert.match(page.body, /Also sign out of Agency single sign-on/);
    const link = /<a class="button" href="([^"]+)"/.exec(page.body);
    assert.ok(link);
    const to = new URL(link[1].replace(/&amp;/g, '&'));
    assert.equal(to.origin, op.issuer);
    assert.equal(to.searchParams.get('client_id'), 'yusr');
    assert.equal(to.searchParams.get('post_logout_redirect_uri'), `${base}/en/`);
    assert.equal((await c.get('/en/console')).statusCode, 303);
  });

  it("lets the program office switch an agency to its provider only: its staff's password sign-in is refused", async () => {
    const agency = await buildAgency(t.deps);
    const office = await buildUser(t.deps, { email: 'office@yusr.gov.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'clerk@agency.gov.sa', role: 'agency_editor', agencyId: agency.id });
    const admin = new Client(t.app);
    await admin.post('/en/sign-in', { email: office.email, password: TEST_PASSWORD });
    // An agency administrator may not change it.
    const agencyAdmin = await buildUser(t.deps, { email: 'aa@agency.gov.sa', role: 'agency_admin', agencyId: agency.id });
    const aa = new Client(t.app);
    await aa.post('/en/sign-in', { email: agencyAdmin.email, password: TEST_PASSWORD });
    assert.equal((await aa.post(`/en/console/agencies/${agency.id}/sign-in`, { provider: P })).statusCode, 403);
    const set = await admin.post(`/en/console/agencies/${agency.id}/sign-in`, { provider: P });
    assert.equal(set.statusCode, 303);
    const page = await admin.get(`/en/console/agencies/${agency.id}`);
    assert.match(page.body, /Staff sign in only with Agency single sign-on/);
    const audit = (await audits('agency.sign_in_update')).find((a) => a.record_id === String(agency.id));
    assert.ok(audit);
    assert.equal(JSON.parse(audit.after_json ?? '{}').sign_in_provider, P);

    const clerk = new Client(t.app);
    const refused = await clerk.post('/en/sign-in', { email: 'clerk@agency.gov.sa', password: TEST_PASSWORD });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Your agency signs in with Agency single sign-on/);
    assert.equal(clerk.hasCookie('yusr_session'), false);
    const ar = await new Client(t.app).post('/ar/sign-in', { email: 'clerk@agency.gov.sa', password: TEST_PASSWORD });
    assert.match(ar.body, /تدخل جهتك عبر الدخول الموحد للجهة/);
    // A wrong password still gets the ordinary answer: the rule shows only to someone who knows the password.
    const wrong = await new Client(t.app).post('/en/sign-in', { email: 'clerk@agency.gov.sa', password: 'not the password!' });
    assert.match(wrong.body, /The email address or password is not right/);
    // The sign-in page says which agencies sign in only this way.
    assert.match((await new Client(t.app).get('/en/sign-in')).body, new RegExp(`Staff of [^<]*${agency.name_en}`));
    // The provider still signs them in.
    op.accounts.set('sub-clerk', { email: 'clerk@agency.gov.sa', email_verified: true });
    assert.equal((await signInWith('sub-clerk')).res.statusCode, 303);
    // Password sign-in back on.
    await admin.post(`/en/console/agencies/${agency.id}/sign-in`, { provider: '' });
    assert.equal((await new Client(t.app).post('/en/sign-in', { email: 'clerk@agency.gov.sa', password: TEST_PASSWORD })).statusCode, 303);
  });

  it('refuses an unknown provider id in the setting with a field error', async () => {
    const agency = await buildAgency(t.deps);
    const office = await buildUser(t.deps, { role: 'program_admin' });
    const admin = new Client(t.app);
    await admin.post('/en/sign-in', { email: office.email, password: TEST_PASSWORD });
    const res = await admin.post(`/en/console/agencies/${agency.id}/sign-in`, { provider: 'nope' });
    assert.equal(res.statusCode, 400);
  });

  it('unlinks a provider identity: by the person (their other sessions with it end, not this one) and by an administrator, audited', async () => {
    const agency = await buildAgency(t.deps, { code: 'unlink-a' });
    const other = await buildAgency(t.deps, { code: 'unlink-b' });
    const user = await buildUser(t.deps, { email: 'unlink@agency.gov.sa', role: 'agency_editor', agencyId: agency.id });
    op.accounts.set('sub-unlink', { email: 'unlink@agency.gov.sa', email_verified: true });
    const here = (await signInWith('sub-unlink')).c;
    const elsewhere = (await signInWith('sub-unlink')).c;
    const link = await t.deps.db.selectFrom('oidc_identities').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    const account = await here.get('/en/account');
    assert.match(account.body, /Linked sign-in providers/);
    assert.match(account.body, /Agency single sign-on/);
    assert.match((await here.get('/ar/account')).body, /الدخول الموحد للجهة/);
    const mine = await here.post(`/en/account/providers/${link.id}/unlink`);
    assert.equal(mine.statusCode, 303);
    assert.equal(await t.deps.db.selectFrom('oidc_identities').select('id').where('id', '=', link.id).executeTakeFirst(), undefined);
    assert.equal((await here.get('/en/console')).statusCode, 200, 'this session goes on');
    assert.equal((await elsewhere.get('/en/console')).statusCode, 303, 'the other one opened with it ended');
    const byself = (await audits('auth.oidc_unlink')).filter((a) => a.record_id === String(user.id));
    assert.equal(JSON.parse(byself[0].after_json ?? '{}').by, 'self');
    // Someone else's link is not theirs to unlink.
    const stranger = await buildUser(t.deps, { email: 'stranger.unlink@agency.gov.sa', role: 'agency_editor', agencyId: agency.id });
    op.accounts.set('sub-stranger-unlink', { email: stranger.email, email_verified: true });
    await signInWith('sub-stranger-unlink');
    const theirs = await t.deps.db.selectFrom('oidc_identities').selectAll().where('user_id', '=', stranger.id).executeTakeFirstOrThrow();
    assert.equal((await here.post(`/en/account/providers/${theirs.id}/unlink`)).statusCode, 404);

    // Linked again by signing in with the same verified address; then an administrator unlinks it.
    const again = await signInWith('sub-unlink');
    assert.equal(again.res.statusCode, 303);
    const relinked = await t.deps.db.selectFrom('oidc_identities').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    await buildUser(t.deps, { email: 'admin@unlink-b.gov.sa', role: 'agency_admin', agencyId: other.id });
    await buildUser(t.deps, { email: 'admin@unlink-a.gov.sa', role: 'agency_admin', agencyId: agency.id });
    const adminB = await signedIn(t.app, 'admin@unlink-b.gov.sa');
    assert.equal((await adminB.post(`/en/console/users/${user.id}/providers/${relinked.id}/unlink`)).statusCode, 404);
    const adminA = await signedIn(t.app, 'admin@unlink-a.gov.sa');
    const page = await adminA.get(`/ar/console/users/${user.id}`);
    assert.match(page.body, /مزودو الدخول المرتبطون/);
    assert.equal((await adminA.post(`/en/console/users/${user.id}/providers/${relinked.id}/unlink`)).statusCode, 303);
    assert.equal(await t.deps.db.selectFrom('oidc_identities').select('id').where('id', '=', relinked.id).executeTakeFirst(), undefined);
    assert.equal((await again.c.get('/en/console')).statusCode, 303, 'the session opened with it ended');
    const byAdmin = (await audits('auth.oidc_unlink')).filter((a) => a.record_id === String(user.id));
    assert.equal(byAdmin.length, 2);
    assert.equal(JSON.parse(byAdmin[1].after_json ?? '{}').by, 'administrator');
    assert.match(byAdmin[1].actor_label ?? '', /admin@unlink-a/);
    const told = await t.deps.db.selectFrom('messages').select('subject').where('to_address', '=', user.email).execute();
    assert.equal(told.filter((m) => /unlinked/.test(m.subject ?? '')).length, 2);
  });

  it('refuses to unlink the only way in: the agency signs in only with that provider (the person, the office, either language)', async () => {
    const agency = await buildAgency(t.deps, { code: 'only-way' });
    const user = await buildUser(t.deps, { email: 'only@only-way.gov.sa', role: 'agency_editor', agencyId: agency.id });
    op.accounts.set('sub-only-way', { email: user.email, email_verified: true });
    const office = await buildUser(t.deps, { email: 'office@only-way.gov.sa', role: 'program_admin' });
    const admin = await signedIn(t.app, office.email);
    assert.equal((await admin.post(`/en/console/agencies/${agency.id}/sign-in`, { provider: P })).statusCode, 303);
    const { c } = await signInWith('sub-only-way');
    const link = await t.deps.db.selectFrom('oidc_identities').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();

    const mine = await c.post(`/en/account/providers/${link.id}/unlink`);
    assert.equal(mine.statusCode, 409);
    assert.match(mine.body, /only way in: the person's agency signs in only with Agency single sign-on/);
    const ar = await c.post(`/ar/account/providers/${link.id}/unlink`);
    assert.equal(ar.statusCode, 409);
    assert.match(ar.body, /الطريقة الوحيدة للدخول/);
    const byOffice = await admin.post(`/en/console/users/${user.id}/providers/${link.id}/unlink`);
    assert.equal(byOffice.statusCode, 409);
    assert.match(byOffice.body, /only way in/);
    assert.ok(await t.deps.db.selectFrom('oidc_identities').select('id').where('id', '=', link.id).executeTakeFirst(), 'still linked');
    assert.equal((await audits('auth.oidc_unlink')).filter((a) => a.record_id === String(user.id)).length, 0, 'nothing audited');

    // Once the office lets the agency use passwords again, it can be unlinked.
    assert.equal((await admin.post(`/en/console/agencies/${agency.id}/sign-in`, { provider: '' })).statusCode, 303);
    assert.equal((await admin.post(`/en/console/users/${user.id}/providers/${link.id}/unlink`)).statusCode, 303);
    assert.equal(await t.deps.db.selectFrom('oidc_identities').select('id').where('id', '=', link.id).executeTakeFirst(), undefined);
  });
});
