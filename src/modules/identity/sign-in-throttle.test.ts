import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client } from '../../../test/helpers/client.ts';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.ts';
import { submitForm } from '../../../test/helpers/forms.ts';
import { TestSmtp } from '../../../test/helpers/smtp.ts';
import { DUMMY_PASSWORD_HASH, hashPassword, passwordHasher } from '../../platform/auth/crypto.ts';
import { accountKey } from './sign-in-throttle.ts';

const MAX = 3;

describe('sign-in throttling by account and source', () => {
  let t: TestApp;
  const smtp = new TestSmtp();
  before(async () => {
    await smtp.start();
    t = await testApp({ LOGIN_MAX_ATTEMPTS: String(MAX), LOGIN_LOCK_MINUTES: '15', SMTP_URL: smtp.url });
  });
  after(async () => {
    await t.close();
    await smtp.stop();
  });

  const from = (ip: string) => new Client(t.app, { remoteAddress: ip });
  const sourceCount = async (email: string, ip: string) => {
    const row = await t.deps.db
      .selectFrom('rate_limits')
      .select('count')
      .where('key', '=', `sign-in:fail:${accountKey(t.config, email)}:ip:${ip}`)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  };

  it('does the same scrypt work for an unknown address, an account without a password and a wrong password', async () => {
    await buildUser(t.deps, { email: 'known@example.gov.sa', role: 'program_reviewer' });
    const invited = await buildUser(t.deps, { email: 'pending@example.gov.sa', role: 'program_reviewer', status: 'invited' });
    await t.deps.db.updateTable('users').set({ password_hash: null }).where('id', '=', invited.id).execute();
    // The stand-in hash has the shape of the product's own: same scrypt cost, salt and digest lengths
    // (test users' shared password is hashed more cheaply, so the product's hash is made here).
    const real = await hashPassword('a password someone chose');
    const shape = (h: string) => {
      const [algo, n, r, p, salt, hash] = h.split('$');
      return [algo, n, r, p, Buffer.from(salt, 'base64url').length, Buffer.from(hash, 'base64url').length];
    };
    assert.deepEqual(shape(DUMMY_PASSWORD_HASH), shape(real));
    const verify = mock.method(passwordHasher, 'verify');
    try {
      for (const email of ['known@example.gov.sa', 'nobody-at-all@example.gov.sa', 'pending@example.gov.sa']) {
        const before = verify.mock.callCount();
        const res = await from('198.51.100.5').post('/en/sign-in', { email, password: 'wrong password here' });
        assert.equal(res.statusCode, 400, email);
        assert.equal(verify.mock.callCount(), before + 1, `scrypt ran for ${email}`);
        assert.match(String(verify.mock.calls.at(-1)?.arguments[1]), /^scrypt\$/);
      }
      assert.equal(await verify.mock.calls.at(-1)?.result, false);
    } finally {
      verify.mock.restore();
    }
  });

  it('audits failed sign-ins for unknown addresses with a keyed hash, never the address', async () => {
    await from('198.51.100.6').post('/en/sign-in', { email: 'Ghost.Person@example.gov.sa', password: 'whatever it is' });
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.sign_in_failed')
      .where('record_type', '=', 'sign_in')
      .execute();
    const row = rows.find((r) => r.ip === '198.51.100.6');
    assert.ok(row, 'the failure is audited');
    assert.doesNotMatch(JSON.stringify(row), /ghost/i);
    assert.equal(JSON.parse(row.after_json ?? '{}').email_hash, accountKey(t.config, 'ghost.person@example.gov.sa'));
  });

  it('stops the source that failed, not the owner signing in from elsewhere', async () => {
    await buildUser(t.deps, { email: 'target@example.gov.sa', role: 'program_reviewer' });
    const attacker = from('203.0.113.7');
    const codes = [];
    for (let i = 0; i < MAX + 2; i++)
      codes.push((await attacker.post('/en/sign-in', { email: 'target@example.gov.sa', password: `guess-${i}-wrong` })).statusCode);
    assert.deepEqual(codes, [400, 400, 423, 423, 423]);
    const refused = await attacker.post('/en/sign-in', { email: 'target@example.gov.sa', password: TEST_PASSWORD });
    assert.equal(refused.statusCode, 423, 'the right password from the stopped source is refused too');
    assert.match(refused.body, /locked for a while/);
    assert.match(refused.body, /Email me the link/, 'the page offers an unlock link');
    const owner = from('198.51.100.20');
    assert.equal((await owner.post('/en/sign-in', { email: 'target@example.gov.sa', password: TEST_PASSWORD })).statusCode, 303);
  });

  it('lets a browser the owner signed in from before in, even from the stopped address', async () => {
    await buildUser(t.deps, { email: 'office@example.gov.sa', role: 'program_reviewer' });
    const owner = from('192.0.2.50');
    await owner.signIn('office@example.gov.sa');
    await owner.post('/en/sign-out');
    assert.ok(owner.hasCookie('yusr_device'));
    // A colleague behind the same office address guesses until that address is stopped.
    const colleague = from('192.0.2.50');
    for (let i = 0; i < MAX; i++) await colleague.post('/en/sign-in', { email: 'office@example.gov.sa', password: `guess-${i}-wrong` });
    assert.equal((await colleague.post('/en/sign-in', { email: 'office@example.gov.sa', password: TEST_PASSWORD })).statusCode, 423);
    assert.equal((await owner.post('/en/sign-in', { email: 'office@example.gov.sa', password: TEST_PASSWORD })).statusCode, 303);
  });

  it('counts parallel wrong passwords atomically: every attempt is counted, only the allowed ones are checked', async () => {
    await buildUser(t.deps, { email: 'burst@example.gov.sa', role: 'program_reviewer' });
    const c = from('203.0.113.99');
    await c.csrf();
    const verify = mock.method(passwordHasher, 'verify');
    try {
      const codes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          c.post('/en/sign-in', { email: 'burst@example.gov.sa', password: `parallel-${i}-wrong` }).then((r) => r.statusCode),
        ),
      );
      assert.equal(verify.mock.callCount(), MAX, 'only LOGIN_MAX_ATTEMPTS passwords were checked');
      assert.equal(codes.filter((s) => s === 400).length, MAX - 1);
      assert.equal(codes.filter((s) => s === 423).length, 20 - (MAX - 1), codes.join());
    } finally {
      verify.mock.restore();
    }
    assert.equal(await sourceCount('burst@example.gov.sa', '203.0.113.99'), 20);
    const locked = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'auth.locked').execute();
    assert.ok(locked.length >= 1);
  });

  it('does not count successful sign-ins against the address', async () => {
    const office = '192.0.2.80';
    // More successful sign-ins from one address than its failure limit (MAX × 6) allows.
    for (let i = 0; i < MAX * 6 + 2; i++) {
      const u = await buildUser(t.deps, { email: `nat-${i}@example.gov.sa`, role: 'program_reviewer' });
      await from(office).signIn(u.email);
    }
    const wrong = await from(office).post('/en/sign-in', { email: 'nat-0@example.gov.sa', password: 'not the password' });
    assert.equal(wrong.statusCode, 400, 'a typo is a field error, not a 429');
  });

  it('stops an address guessing across many accounts (password spraying)', async () => {
    const sprayer = from('203.0.113.150');
    const codes = [];
    for (let i = 0; i < MAX * 6 + 1; i++)
      codes.push((await sprayer.post('/en/sign-in', { email: `spray-${i}@example.gov.sa`, password: 'Summer2026!' })).statusCode);
    assert.deepEqual(new Set(codes.slice(0, -1)), new Set([400]));
    const last = await sprayer.post('/en/sign-in', { email: 'spray-last@example.gov.sa', password: 'Summer2026!' });
    assert.equal(last.statusCode, 429);
    assert.ok(Number(last.headers['retry-after']) > 0);
  });

  it('lets the owner unlock a browser by an emailed link when guesses come from everywhere', async () => {
    await buildUser(t.deps, { email: 'famous@example.gov.sa', role: 'program_reviewer' });
    // Many addresses, each under its own limit, together pass the account's limit for unknown sources.
    for (let n = 0; n < 30; n++) {
      const bot = from(`10.9.${n}.1`);
      for (let i = 0; i < MAX - 1; i++) await bot.post('/en/sign-in', { email: 'famous@example.gov.sa', password: `bot-${n}-${i}-wrong` });
    }
    const owner = from('198.51.100.77');
    const refused = await owner.post('/en/sign-in', { email: 'famous@example.gov.sa', password: TEST_PASSWORD });
    assert.equal(refused.statusCode, 423, 'a new browser is stopped while the account is under attack');
    const asked = await submitForm(owner, refused.body, {}, /sign-in\/unlock$/);
    assert.equal(asked.statusCode, 303);
    assert.equal(
      (await owner.post('/en/sign-in/unlock', { email: 'nobody-here@example.gov.sa' })).statusCode,
      303,
      'same answer for unknown addresses',
    );
    await t.drain();
    const mail = smtp.to('famous@example.gov.sa').at(-1);
    assert.equal(mail?.parsed.subject, 'Sign in to your Yusr account');
    const link = /http:\/\/yusr\.test(\/en\/sign-in\/unlock\/[A-Za-z0-9_-]+)/.exec(mail?.parsed.text ?? '')?.[1];
    assert.ok(link);
    const page = await owner.get(link);
    assert.equal(page.statusCode, 200);
    assert.equal((await submitForm(owner, page.body, {}, /sign-in\/unlock\//)).statusCode, 303);
    assert.ok(owner.hasCookie('yusr_device'));
    assert.equal((await owner.post('/en/sign-in', { email: 'famous@example.gov.sa', password: TEST_PASSWORD })).statusCode, 303);
    assert.equal((await owner.get(link)).statusCode, 410, 'the link works once');
    const stranger = from('198.51.100.78');
    assert.equal((await stranger.post('/en/sign-in', { email: 'famous@example.gov.sa', password: TEST_PASSWORD })).statusCode, 423);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['auth.unlock_request', 'auth.unlock'])
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['auth.unlock', 'auth.unlock_request']);
  });
});
