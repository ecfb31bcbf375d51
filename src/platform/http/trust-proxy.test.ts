import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp, testEnv } from '../../../test/helpers/app.ts';
import { Client } from '../../../test/helpers/client.ts';
import { buildUser } from '../../../test/helpers/factories.ts';
import { ConfigError, loadConfig } from '../../config.ts';

describe('TRUST_PROXY', () => {
  it('takes a hop count or proxy addresses, and refuses "true" (every hop) at start-up', () => {
    const trust = (v: string) => loadConfig(testEnv({ TRUST_PROXY: v })).trustProxy;
    assert.equal(trust('false'), false);
    assert.equal(trust('0'), false);
    assert.equal(trust('1'), 1);
    assert.equal(trust('2'), 2);
    assert.deepEqual(trust('10.0.0.0/8, 192.168.1.10,fd00::/8,loopback'), ['10.0.0.0/8', '192.168.1.10', 'fd00::/8', 'loopback']);
    for (const bad of ['true', 'yes', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/2', '100']) {
      assert.throws(
        () => trust(bad),
        (e: unknown) => e instanceof ConfigError && /TRUST_PROXY must be false, the number of proxies/.test(e.message),
        bad,
      );
    }
    assert.equal(loadConfig(testEnv({})).trustProxy, false);
  });

  const MAX = 3;
  const REAL = '203.0.113.9';

  for (const [form, value] of [
    ['a hop count', '1'],
    ['proxy ranges', '10.0.0.0/8'],
  ] as const) {
    describe(`with ${form} (TRUST_PROXY=${value})`, () => {
      let t: TestApp;
      before(async () => {
        t = await testApp({ TRUST_PROXY: value, LOGIN_MAX_ATTEMPTS: String(MAX) });
      });
      after(() => t.close());

      /** A request through the proxy at 10.0.0.2, which appends the client's real address to what the client sent. */
      const viaProxy = (forged: string) =>
        new Client(t.app, { remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': `${forged}, ${REAL}` } });

      it('forged X-Forwarded-For entries change neither the sign-in limits nor the audited address', async () => {
        await buildUser(t.deps, { email: 'victim@example.gov.sa', role: 'program_reviewer' });
        const codes = [];
        for (let i = 0; i < MAX + 3; i++) {
          const res = await viaProxy(`198.18.${i}.${i + 1}`).post('/en/sign-in', {
            email: 'victim@example.gov.sa',
            password: `guess-${i}-wrong`,
          });
          codes.push(res.statusCode);
        }
        assert.deepEqual(codes, [400, 400, 423, 423, 423, 423]);
        const audit = await t.deps.db
          .selectFrom('audit_log')
          .select('ip')
          .where('action', 'in', ['auth.sign_in_failed', 'auth.locked'])
          .execute();
        assert.equal(audit.length, MAX);
        assert.deepEqual([...new Set(audit.map((a) => a.ip))], [REAL]);
      });

      it('the address-wide limit holds whatever the client writes in the header', async () => {
        const codes = [];
        for (let i = 0; i <= MAX * 6; i++) {
          const res = await viaProxy(`198.19.${i}.1`).post('/en/sign-in', { email: `spray-${i}@example.gov.sa`, password: 'Spring2026!' });
          codes.push(res.statusCode);
        }
        assert.equal(codes.at(-1), 429);
      });

      if (form === 'proxy ranges') {
        it('ignores X-Forwarded-For from a peer that is not a listed proxy', async () => {
          const direct = new Client(t.app, { remoteAddress: '198.51.100.44', headers: { 'x-forwarded-for': '1.2.3.4' } });
          await direct.post('/en/sign-in', { email: 'direct@example.gov.sa', password: 'a wrong password' });
          const row = await t.deps.db
            .selectFrom('audit_log')
            .select('ip')
            .where('action', '=', 'auth.sign_in_failed')
            .orderBy('seq', 'desc')
            .executeTakeFirstOrThrow();
          assert.equal(row.ip, '198.51.100.44');
        });
      }
    });
  }
});
