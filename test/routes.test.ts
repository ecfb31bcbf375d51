import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from './helpers/app.ts';

describe('route inventory', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('every registered route declares who may call it', () => {
    const missing = t.app.routeInventory.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(missing, [], `routes without an access declaration:\n${missing.join('\n')}`);
    assert.ok(t.app.routeInventory.length > 40, 'the inventory saw the routes');
  });

  it('every HTML page exists in Arabic and in English', () => {
    const pages = t.app.routeInventory.filter((r) => r.url.startsWith('/ar/') || r.url === '/ar');
    assert.ok(pages.length > 10);
    for (const p of pages) {
      const en = `/en${p.url.slice(3)}`;
      assert.ok(
        t.app.routeInventory.some((r) => r.url === en && r.method === p.method),
        `${p.method} ${p.url} has no English twin`,
      );
    }
  });

  it('console routes are never public', () => {
    const open = t.app.routeInventory.filter((r) => /\/console(\/|$)/.test(r.url) && r.access === 'public');
    assert.deepEqual(open, []);
  });

  it('a route added without a declaration is refused at run time (fail closed)', async () => {
    const { testEnv } = await import('./helpers/app.ts');
    const { loadConfig } = await import('../src/config.ts');
    const { buildApp, createDeps } = await import('../src/app.ts');
    const pino = (await import('pino')).default;
    const config = loadConfig(testEnv());
    const deps = await createDeps(config, { log: pino({ level: 'silent' }) });
    const app = await buildApp(deps);
    app.get('/undeclared', async () => 'secret');
    await app.ready();
    const res = await app.inject('/undeclared');
    assert.equal(res.statusCode, 403);
    assert.ok(app.routeInventory.some((r) => r.url === '/undeclared' && r.access === undefined));
    await app.close();
    await deps.close();
    const { dropSchema } = await import('./helpers/app.ts');
    await dropSchema(config);
  });
});
