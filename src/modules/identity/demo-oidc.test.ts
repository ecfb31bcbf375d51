import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client } from '../../../test/helpers/client.ts';
import { buildUser } from '../../../test/helpers/factories.ts';
import { loadConfig } from '../../config.ts';
import { demoClaims, startDemoOidcProvider } from './demo-oidc.ts';
import { freePort, ProviderBrowser } from './oidc.test-provider.ts';

// The demo's local OpenID Connect provider: configured only outside production and tests, with demo
// data on and no real provider; through it a demo staff account signs in (linked by its address,
// never created) and a beneficiary reaches My data.

const env = (extra: Record<string, string>) => ({ DATABASE_URL: 'sqlite::memory:', ...extra });

describe("the demo's local OpenID Connect provider", () => {
  it('is configured in development only, never in production, and never beside a real provider', () => {
    const dev = loadConfig(env({ NODE_ENV: 'development' }));
    assert.deepEqual(
      dev.oidcProviders.map((p) => [p.id, p.issuer, p.for]),
      [['demo_sso', 'http://127.0.0.1:3902', 'both']],
    );
    assert.equal(dev.demoOidcPort, 3902);
    const prod = loadConfig(env({ NODE_ENV: 'production', SECRET_KEY: 'x'.repeat(40), DEMO_DATA: 'on', DEMO_OIDC_PORT: '3902' }));
    assert.deepEqual([prod.oidcProviders.length, prod.demoOidcPort], [0, null], 'never in production, whatever is set');
    assert.equal(loadConfig(env({ NODE_ENV: 'test' })).demoOidcPort, null, 'not in tests unless asked');
    assert.equal(loadConfig(env({ NODE_ENV: 'development', DEMO_OIDC_PORT: 'off' })).oidcProviders.length, 0);
    assert.equal(loadConfig(env({ NODE_ENV: 'development', DEMO_DATA: 'off' })).oidcProviders.length, 0);
    const real = loadConfig(
      env({
        NODE_ENV: 'development',
        OIDC_PROVIDERS: 'agency_sso',
        OIDC_AGENCY_SSO_ISSUER: 'https://sso.example.sa',
        OIDC_AGENCY_SSO_CLIENT_ID: 'c',
        OIDC_AGENCY_SSO_CLIENT_SECRET: 's',
      }),
    );
    assert.deepEqual([real.oidcProviders.map((p) => p.id), real.demoOidcPort], [['agency_sso'], null]);
    assert.throws(() => loadConfig(env({ NODE_ENV: 'development', DEMO_OIDC_PORT: 'yes' })), /DEMO_OIDC_PORT must be off or a port/);
  });

  it('vouches only for something shaped like an address', () => {
    assert.equal(demoClaims('not an address'), null);
    const c = demoClaims(' Admin@Yusr.Demo ');
    assert.equal(c?.email, 'admin@yusr.demo');
    assert.equal(c?.sub, demoClaims('admin@yusr.demo')?.sub, 'one subject per address');
    assert.ok(!c?.sub.includes('admin'));
  });

  describe('signing in through it', () => {
    let t: TestApp;
    let server: Server;
    let base: string;
    before(async () => {
      const [appPort, opPort] = [await freePort(), await freePort()];
      base = `http://127.0.0.1:${appPort}`;
      server = await startDemoOidcProvider(base, opPort);
      // The test helpers switch demo data off; the provider comes only with it on.
      t = await testApp({ BASE_URL: base, DEMO_OIDC_PORT: String(opPort), DEMO_DATA: 'auto' });
      assert.equal(t.deps.config.oidcProviders[0]?.id, 'demo_sso');
      await t.app.listen({ port: appPort, host: '127.0.0.1' });
    });
    after(async () => {
      await t.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    });

    const through = async (c: Client, start: string, login: string, callback: string) => {
      const res = await c.get(start);
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      const back = new URL(await new ProviderBrowser().run(String(res.headers.location), login, `${base}${callback}`));
      return c.get(`${back.pathname}${back.search}`);
    };

    it('signs a demo staff account in by its address, and refuses an address with no account', async () => {
      await buildUser(t.deps, { email: 'moh.editor@yusr.demo', role: 'program_reviewer' });
      const c = new Client(t.app);
      const res = await through(c, '/sign-in/oidc/demo_sso/start?lang=en', 'moh.editor@yusr.demo', '/sign-in/oidc/demo_sso/callback');
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      assert.equal((await c.get('/en/console')).statusCode, 200);
      const stranger = await through(
        new Client(t.app),
        '/sign-in/oidc/demo_sso/start?lang=en',
        'nobody@yusr.demo',
        '/sign-in/oidc/demo_sso/callback',
      );
      assert.equal(stranger.statusCode, 403, 'the demo provider never creates an account');
    });

    it('signs a beneficiary in to My data', async () => {
      const c = new Client(t.app);
      const res = await through(c, '/ar/my-data/sign-in/demo_sso', 'citizen@example.sa', '/my-data/oidc/demo_sso/callback');
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      assert.equal(res.headers.location, '/ar/my-data');
      assert.match((await c.get('/ar/my-data')).body, /citizen@example\.sa/);
    });
  });
});
