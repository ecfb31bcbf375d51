// The module list (src/modules.ts) is the one place the app is assembled from: these tests fail
// when a module folder is missing from it, when a table belongs to no module (or to two), and when
// a manifest's background work, navigation or extensions break the rules wireModules enforces.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { migrations, modules } from '../src/modules.ts';
import { platformMigrations, platformTables } from '../src/platform/db/migrations/index.ts';
import { allMigrations, defineModule, wireModules } from '../src/platform/module.ts';
import { type TestApp, testApp } from './helpers/app.ts';

const none = { ar: {}, en: {} };

describe('module manifests', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('every folder under src/modules is a module in the list, once', () => {
    const folders = readdirSync(new URL('../src/modules/', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const names = modules.map((m) => m.name);
    assert.deepEqual([...names].sort(), folders);
    assert.equal(new Set(names).size, names.length);
  });

  it('every table in the migrated database is owned by the platform or by exactly one module', async () => {
    const owners = new Map<string, string[]>();
    const own = (table: string, owner: string) => owners.set(table, [...(owners.get(table) ?? []), owner]);
    for (const table of platformTables) own(table, 'platform');
    for (const m of modules) for (const table of m.tables) own(table, m.name);
    const shared = [...owners].filter(([, o]) => o.length > 1);
    assert.deepEqual(shared, [], 'a table listed by two owners');
    const tables = (await t.deps.db.introspection.getTables())
      .map((x) => x.name)
      .filter((name) => !name.startsWith('kysely_'))
      .sort();
    assert.deepEqual(
      tables.filter((name) => !owners.has(name)),
      [],
      'a table no manifest lists',
    );
    assert.deepEqual([...owners.keys()].filter((name) => !tables.includes(name)).sort(), [], 'a listed table no migration creates');
  });

  it('migrations run in one name order across the platform and the modules, each name once', () => {
    const names = Object.keys(migrations);
    assert.deepEqual(names, [...names].sort());
    assert.equal(names.length, Object.keys(platformMigrations).length + modules.reduce((n, m) => n + Object.keys(m.migrations).length, 0));
    assert.throws(
      () =>
        allMigrations(platformMigrations, [
          defineModule({ name: 'dup', messages: none, tables: [], migrations: { '0001_platform': platformMigrations['0001_platform'] } }),
        ]),
      /listed twice/,
    );
  });

  it("the app registers every manifest's jobs, schedules, event reactions, navigation and extensions", () => {
    for (const m of modules) {
      for (const kind of Object.keys(m.jobs ?? {})) assert.ok(t.deps.jobs.handlers.has(kind), `${m.name}: ${kind}`);
      for (const s of m.schedules ?? []) assert.ok(t.deps.jobs.schedules.includes(s), `${m.name}: schedule ${s.kind}`);
      for (const event of Object.keys(m.events?.handles ?? {}))
        assert.ok(t.deps.jobs.handlers.has(`event:${event}:${m.name}`), `${m.name} reacts to ${event}`);
    }
    assert.ok(t.deps.jobs.subscribers.get('catalog.service_published')?.includes('event:catalog.service_published:notify'));
  });

  it('refuses a manifest that breaks the rules: a job outside its name, a reaction to an event nobody emits, a nav entry twice', () => {
    const fresh = () => ({ ...t.deps, jobs: new (t.deps.jobs.constructor as new () => typeof t.deps.jobs)() });
    const stray = defineModule({ name: 'stray', messages: none, tables: [], migrations: {}, jobs: { 'platform.cleanup': async () => {} } });
    assert.throws(() => wireModules(fresh(), [stray]), /must start with "stray\."/);
    const deaf = defineModule({
      name: 'deaf',
      messages: none,
      tables: [],
      migrations: {},
      events: { handles: { 'catalog.service_published': async () => {} } },
    });
    assert.throws(() => wireModules(fresh(), [deaf]), /which no module emits/);
    const navTwice = defineModule({
      name: 'twice',
      messages: none,
      tables: [],
      migrations: {},
      nav: [{ href: '/services', label: 'nav.services', area: 'public', order: 10, visible: () => true }],
    });
    assert.throws(() => wireModules(fresh(), [navTwice]), /added twice/);
    assert.throws(() => defineModule({ name: 'Bad Name', messages: none, tables: [], migrations: {} }), /lower-case/);
  });
});
