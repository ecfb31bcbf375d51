import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.ts';
import { readForms, submitForm } from '../../../test/helpers/forms.ts';
import { startAppWithSmtp, stopAppWithSmtp, TestSmtp } from '../../../test/helpers/smtp.ts';

const linkIn = (text: string, path: string) => {
  const m = new RegExp(`http://yusr\\.test(/(ar|en)/${path}/[A-Za-z0-9_-]+)`).exec(text);
  assert.ok(m, `no ${path} link in:\n${text}`);
  return m[1];
};
const lastMailTo = async (t: TestApp, to: string) =>
  t.deps.db.selectFrom('messages').selectAll().where('to_address', '=', to).orderBy('id', 'desc').executeTakeFirst();
/** The text of the last email delivered to `to` over SMTP (the stored copy has its link masked). */
const deliveredTo = async (t: TestApp, smtp: TestSmtp, to: string) => {
  await t.drain();
  const mail = smtp.to(to).at(-1);
  assert.ok(mail, `no mail delivered to ${to}`);
  return { subject: mail.parsed.subject ?? '', text: mail.parsed.text ?? '' };
};

describe('signing in and out', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ LOGIN_MAX_ATTEMPTS: '3', LOGIN_LOCK_MINUTES: '15' });
  });
  after(() => t.close());

  it('refuses a wrong password with a field error in the page language', async () => {
    await buildUser(t.deps, { email: 'staff@example.gov.sa', role: 'program_reviewer' });
    const c = new Client(t.app);
    const en = await c.post('/en/sign-in', { email: 'staff@example.gov.sa', password: 'wrong password!' });
    assert.equal(en.statusCode, 400);
    assert.match(en.body, /The email address or password is not right/);
    const ar = await c.post('/ar/sign-in', { email: 'staff@example.gov.sa', password: 'wrong password!' });
    assert.match(ar.body, /البريد الإلكتروني أو كلمة المرور غير صحيحة/);
    assert.equal(c.hasCookie('yusr_session'), false);
  });

  it('signs in with a secure session cookie and out again', async () => {
    await buildUser(t.deps, { email: 'ok@example.gov.sa', role: 'program_reviewer' });
    const c = new Client(t.app);
    const res = await c.post('/en/sign-in', { email: 'OK@example.gov.sa', password: TEST_PASSWORD, next: '/en/console/agencies' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/en/console/agencies');
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /yusr_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.equal((await c.get('/en/console')).statusCode, 200);
    const stored = await t.deps.db.selectFrom('sessions').select('id').execute();
    assert.ok(stored.length >= 1 && stored.every((s) => /^[0-9a-f]{64}$/.test(s.id)), 'only token hashes are stored');
    const out = await c.post('/en/sign-out');
    assert.equal(out.statusCode, 303);
    assert.equal((await c.get('/en/console')).statusCode, 303, 'back to the sign-in page');
  });

  it('never redirects to another site after sign-in', async () => {
    await buildUser(t.deps, { email: 'redir@example.gov.sa', role: 'program_reviewer' });
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const c = new Client(t.app);
      const res = await c.post('/en/sign-in', { email: 'redir@example.gov.sa', password: TEST_PASSWORD, next });
      assert.equal(res.headers.location, '/en/console', next);
    }
  });

  it('sends people who are not signed in to the sign-in page, and API callers a 401', async () => {
    const c = new Client(t.app);
    const page = await c.get('/ar/console/users');
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, '/ar/sign-in?next=%2Far%2Fconsole%2Fusers');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    assert.equal(api.statusCode, 401);
    assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
  });

  it('locks an account after repeated failures, even against the right password', async () => {
    await buildUser(t.deps, { email: 'lock@example.gov.sa', role: 'program_reviewer' });
    const c = new Client(t.app);
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push((await c.post('/en/sign-in', { email: 'lock@example.gov.sa', password: `nope-${i}-wrong` })).statusCode);
    assert.deepEqual(codes, [400, 400, 423]);
    const right = await c.post('/en/sign-in', { email: 'lock@example.gov.sa', password: TEST_PASSWORD });
    assert.equal(right.statusCode, 423);
    assert.match(right.body, /locked/);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'auth.%').execute();
    assert.ok(audit.some((a) => a.action === 'auth.locked'));
  });

  it('answers unknown addresses exactly like known ones, lock included', async () => {
    const c = new Client(t.app);
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push((await c.post('/en/sign-in', { email: 'nobody@example.gov.sa', password: `nope-${i}-wrong` })).statusCode);
    assert.deepEqual(codes, [400, 400, 423]);
  });

  it('refuses a form without the CSRF token', async () => {
    const user = await buildUser(t.deps, { email: 'csrf@example.gov.sa', role: 'program_admin' });
    const c = await signedIn(t.app, user.email);
    const before = await t.deps.db.selectFrom('agencies').select('id').execute();
    const none = await c.post(
      '/en/console/agencies/new',
      { code: 'csrf-x', name_ar: 'جهة', name_en: 'Agency', kind: 'ministry' },
      { csrf: false },
    );
    assert.equal(none.statusCode, 403);
    const forged = await c.post(
      '/en/console/agencies/new',
      { code: 'csrf-x', name_ar: 'جهة', name_en: 'Agency', kind: 'ministry' },
      { csrf: 'forged-token' },
    );
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /This form has expired/);
    assert.equal((await t.deps.db.selectFrom('agencies').select('id').execute()).length, before.length);
    // Both refusals are in the audit trail, with who tried and where.
    const refused = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'access.denied')
      .where('record_id', 'like', 'POST %console/agencies/new')
      .execute();
    assert.equal(refused.filter((r) => String(r.after_json).includes('"reason":"csrf"')).length, 2);
    assert.ok(refused.every((r) => r.actor_id === String(user.id)));
  });
});

describe("one's own account", () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('changes the password through the rendered form (hidden username included)', async () => {
    await buildUser(t.deps, { email: 'own@example.gov.sa', role: 'program_reviewer' });
    const c = await signedIn(t.app, 'own@example.gov.sa');
    const page = await c.get('/en/account');
    const res = await submitForm(
      c,
      page.body,
      { current: TEST_PASSWORD, password: 'another long passphrase', confirm: 'another long passphrase' },
      /account\/password/,
    );
    assert.equal(res.statusCode, 303);
    await new Client(t.app).signIn('own@example.gov.sa', 'another long passphrase');
  });
});

describe('forgotten passwords', () => {
  let t: TestApp;
  const smtp = new TestSmtp();
  before(async () => {
    t = await startAppWithSmtp(smtp);
  });
  after(() => stopAppWithSmtp(t, smtp));

  it('emails a single-use link that sets a new password and ends other sessions', async () => {
    await buildUser(t.deps, { email: 'forgot@example.gov.sa', role: 'program_reviewer', locale: 'ar' });
    const other = await signedIn(t.app, 'forgot@example.gov.sa');
    const c = new Client(t.app);
    const res = await c.post('/ar/password/forgot', { email: 'forgot@example.gov.sa' });
    assert.equal(res.statusCode, 303);
    const mail = await deliveredTo(t, smtp, 'forgot@example.gov.sa');
    assert.match(mail.subject, /إعادة تعيين كلمة المرور/);
    const link = linkIn(mail.text, 'password/reset');
    assert.equal((await c.get(link)).statusCode, 200);
    const bad = await c.post(link, { password: 'short', confirm: 'short' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /أدخل ١٠ أحرف على الأقل/);
    assert.match((await c.post(link, { password: 'x', confirm: 'x' })).body, /أدخل ١٠ أحرف على الأقل/);
    const mismatch = await c.post(link, { password: 'a brand new passphrase', confirm: 'another passphrase!' });
    assert.match(mismatch.body, /كلمتا المرور غير متطابقتين/);
    // Exactly what the rendered form posts, the hidden username for password managers included.
    const form = await c.get(link);
    assert.deepEqual(
      readForms(form.body)
        .find((f) => f.method === 'post' && f.action.includes('/password/reset/'))
        ?.fields.map(([n]) => n),
      ['_csrf', 'username', 'password', 'confirm'],
    );
    const ok = await submitForm(c, form.body, { password: 'a brand new passphrase', confirm: 'a brand new passphrase' }, /password\/reset/);
    assert.equal(ok.statusCode, 303);
    assert.equal((await other.get('/ar/console')).statusCode, 303, 'the other session ended');
    assert.equal((await c.get(link)).statusCode, 410, 'the link works once');
    await new Client(t.app).signIn('forgot@example.gov.sa', 'a brand new passphrase');
  });

  it('says the same for unknown addresses and sends nothing', async () => {
    const c = new Client(t.app);
    const res = await c.post('/en/password/forgot', { email: 'ghost@example.gov.sa' });
    assert.equal(res.statusCode, 303);
    assert.equal(await lastMailTo(t, 'ghost@example.gov.sa'), undefined);
  });

  it('does not mail-bomb an address', async () => {
    await buildUser(t.deps, { email: 'bomb@example.gov.sa', role: 'program_reviewer' });
    const c = new Client(t.app);
    for (let i = 0; i < 6; i++) await c.post('/en/password/forgot', { email: 'bomb@example.gov.sa' });
    const mails = await t.deps.db.selectFrom('messages').select('id').where('to_address', '=', 'bomb@example.gov.sa').execute();
    assert.equal(mails.length, 3);
  });

  it('refuses an expired or unknown link', async () => {
    assert.equal((await t.app.inject('/en/password/reset/not-a-real-token')).statusCode, 410);
    await buildUser(t.deps, { email: 'late@example.gov.sa', role: 'program_reviewer' });
    await new Client(t.app).post('/en/password/forgot', { email: 'late@example.gov.sa' });
    const mail = await deliveredTo(t, smtp, 'late@example.gov.sa');
    await t.deps.db
      .updateTable('user_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    assert.equal((await t.app.inject(linkIn(mail.text, 'password/reset'))).statusCode, 410);
  });
});

describe('invitations', () => {
  let t: TestApp;
  const smtp = new TestSmtp();
  before(async () => {
    t = await startAppWithSmtp(smtp);
  });
  after(() => stopAppWithSmtp(t, smtp));

  it('an administrator invites; the person activates from the emailed link and lands in the console', async () => {
    const agency = await buildAgency(t.deps);
    await buildUser(t.deps, { email: 'boss@example.gov.sa', role: 'program_admin' });
    const admin = await signedIn(t.app, 'boss@example.gov.sa');
    const res = await admin.post('/en/console/users/invite', {
      name: 'Huda Alqahtani',
      email: 'Huda@Example.gov.sa',
      locale: 'en',
      role: 'agency_editor',
      agency_id: String(agency.id),
    });
    assert.equal(res.statusCode, 303);
    const mail = await deliveredTo(t, smtp, 'huda@example.gov.sa');
    assert.equal(mail.subject, 'You are invited to Yusr');
    const link = linkIn(mail.text, 'invitation');
    const c = new Client(t.app);
    const form = await c.get(link);
    const accept = await submitForm(c, form.body, { password: 'my own long passphrase', confirm: 'my own long passphrase' }, /invitation/);
    assert.equal(accept.statusCode, 303);
    assert.equal(accept.headers.location, '/en/console');
    const me = await c.get('/en/console');
    assert.match(me.body, /Huda Alqahtani/);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').execute();
    assert.ok(audit.some((a) => a.action === 'user.invite'));
    assert.ok(audit.some((a) => a.action === 'user.activate'));
  });

  it('checks the invitation form field by field', async () => {
    const admin = await signedIn(t.app, 'boss@example.gov.sa');
    const res = await admin.post('/ar/console/users/invite', { name: 'x', email: 'not-an-email', role: 'agency_editor' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /أدخل بريداً إلكترونياً صحيحاً/);
    assert.match(res.body, /أدخل حرفين على الأقل/);
    const taken = await admin.post('/en/console/users/invite', { name: 'Boss Again', email: 'boss@example.gov.sa', role: 'judge' });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.body, /An account with this email exists/);
    const noAgency = await admin.post('/en/console/users/invite', { name: 'No Agency', email: 'na@example.gov.sa', role: 'agency_admin' });
    assert.match(noAgency.body, /Choose the agency for this role/);
  });
});
