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

  it('requires SECRET_KEY in production', () => {
    assert.throws(() => loadConfig({ DATABASE_URL: 'sqlite::memory:', NODE_ENV: 'production' }), /SECRET_KEY must be set/);
  });

  it('reads PostgreSQL settings', () => {
    const c = loadConfig({ ...base, DATABASE_URL: 'postgres://u@h:5432/d', DATABASE_SCHEMA: 'yusr', DATABASE_POOL_SIZE: '20' });
    assert.deepEqual(c.database, { kind: 'postgres', url: 'postgres://u@h:5432/d', schema: 'yusr', poolSize: 20 });
  });
});
