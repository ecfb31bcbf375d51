import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const base = { SECRET_KEY: 'x'.repeat(40), DATABASE_URL: 'sqlite::memory:' };

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig(base);
    assert.equal(c.port, 3000);
    assert.equal(c.timeZone, 'Asia/Riyadh');
    assert.equal(c.database.kind, 'sqlite');
    assert.equal(c.baseUrl, 'http://localhost:3000');
  });

  for (const [name, value] of [
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['TIME_ZONE', 'Mars/Olympus'],
    ['SMTP_URL', 'http://mail'],
    ['BASE_URL', 'not a url'],
    ['DEMO_DATA', 'sometimes'],
    ['SECRET_KEY', 'short'],
  ] as const) {
    it(`stops on a bad ${name} with one sentence naming it`, () => {
      assert.throws(
        () => loadConfig({ ...base, [name]: value }),
        (e: unknown) =>
          e instanceof ConfigError &&
          e.message.startsWith(`Configuration error: ${name} `) &&
          e.message.includes(value) &&
          e.message.split('. ').length <= 2,
      );
    });
  }

  it('reads sign-in providers and names the variable that is wrong', () => {
    const oidc = {
      ...base,
      OIDC_PROVIDERS: 'agency_sso',
      OIDC_AGENCY_SSO_ISSUER: 'https://sso.example.gov.sa',
      OIDC_AGENCY_SSO_CLIENT_ID: 'yusr',
      OIDC_AGENCY_SSO_CLIENT_SECRET: 's3cret',
      OIDC_AGENCY_SSO_AGENCY_CLAIM: 'agency_code',
    };
    const [p] = loadConfig(oidc).oidcProviders;
    assert.deepEqual(
      [p.id, p.scopes, p.emailClaim, p.agencyClaim, p.name.en],
      ['agency_sso', 'openid email profile', 'email', 'agency_code', 'agency_sso'],
    );
    assert.throws(() => loadConfig({ ...oidc, OIDC_AGENCY_SSO_CLIENT_SECRET: '' }), /OIDC_AGENCY_SSO_CLIENT_SECRET must be set/);
    assert.throws(
      () => loadConfig({ ...oidc, OIDC_AGENCY_SSO_ISSUER: 'http://sso.example.gov.sa' }),
      /OIDC_AGENCY_SSO_ISSUER must be an https URL/,
    );
    assert.throws(
      () => loadConfig({ ...oidc, OIDC_AGENCY_SSO_ISSUER: 'http://127.0.0.1:9000', NODE_ENV: 'production' }),
      /OIDC_AGENCY_SSO_ISSUER must be an https URL/,
    );
    assert.equal(loadConfig({ ...oidc, OIDC_AGENCY_SSO_ISSUER: 'http://127.0.0.1:9000' }).oidcProviders.length, 1);
    assert.throws(() => loadConfig({ ...oidc, OIDC_AGENCY_SSO_SCOPES: 'email' }), /OIDC_AGENCY_SSO_SCOPES must include openid/);
    assert.throws(() => loadConfig({ ...oidc, OIDC_PROVIDERS: 'Agency SSO' }), /OIDC_PROVIDERS must list ids/);
    // Required of program administrators in production; off by default elsewhere (the demo's passwords are published).
    assert.deepEqual(loadConfig({ ...base, NODE_ENV: 'production', SECRET_KEY: 'x'.repeat(40) }).secondFactorRoles, ['program_admin']);
    assert.deepEqual(loadConfig({ ...base, NODE_ENV: 'development' }).secondFactorRoles, []);
    assert.deepEqual(loadConfig({ ...base, SECOND_FACTOR_REQUIRED: 'program_admin,agency_admin' }).secondFactorRoles, [
      'program_admin',
      'agency_admin',
    ]);
    assert.deepEqual(loadConfig({ ...base, SECOND_FACTOR_REQUIRED: 'none' }).secondFactorRoles, []);
    assert.throws(() => loadConfig({ ...base, SECOND_FACTOR_REQUIRED: 'Admins!' }), /SECOND_FACTOR_REQUIRED must be none or role names/);
  });

  it('requires SECRET_KEY in production', () => {
    assert.throws(() => loadConfig({ DATABASE_URL: 'sqlite::memory:', NODE_ENV: 'production' }), /SECRET_KEY must be set/);
  });

  it('reads PostgreSQL settings', () => {
    const c = loadConfig({ ...base, DATABASE_URL: 'postgres://u@h:5432/d', DATABASE_SCHEMA: 'yusr', DATABASE_POOL_SIZE: '20' });
    assert.deepEqual(c.database, { kind: 'postgres', url: 'postgres://u@h:5432/d', schema: 'yusr', poolSize: 20 });
  });
});
