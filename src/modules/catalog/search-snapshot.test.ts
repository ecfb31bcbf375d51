// The search index's persisted snapshot (issue 23): a node that loads it answers exactly as a node
// that built its index from the tables, catches up from the change feed, and builds from the tables
// instead when the snapshot no longer fits (another engine fingerprint, other synonyms, bad bytes).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, sampleService } from '../../../test/helpers/catalog.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { CatalogSearch, snapshotRows } from './catalog.search.ts';
import { publish, saveDraft } from './catalog.service.ts';

const ctx = systemCtx('test');

const services = [
  ['snap-passport', 'تجديد جواز السفر', 'Renew a passport'],
  ['snap-licence', 'تجديد رخصة القيادة', 'Renew a driving licence'],
  ['snap-building', 'إصدار رخصة بناء', 'Issue a building permit'],
  ['snap-visa', 'تأشيرة خروج وعودة', 'Exit and re-entry visa'],
  ['snap-register', 'قيد سجل تجاري', 'Register a commercial record'],
] as const;
const queries = ['', 'تجديد', 'رخصه', 'جوازات', 'passp', 'renewal', 'رخصة ق', 'تاشيرة', 'سجل تجاري', 'building permit'];

/** What a node answers to each query: ids, scores, fields, coverage, facets and totals. */
async function answers(search: CatalogSearch) {
  const out = [];
  for (const q of queries) {
    const r = await search.search(q, { limit: 20 });
    out.push({ q, total: r.total, relaxed: r.relaxed, facets: r.facets, hits: r.hits.map((h) => ({ ...h, card: h.card.identifier })) });
  }
  return out;
}

/** A node of its own: a second index over the same database, as another web node would hold. */
async function node(t: TestApp): Promise<CatalogSearch> {
  const search = new CatalogSearch(t.deps);
  await search.start();
  await search.snapshotWritten();
  return search;
}

describe('the search index snapshot', () => {
  let t: TestApp;
  let agencyId: number;
  const started: CatalogSearch[] = [];
  const start = async () => {
    const s = await node(t);
    started.push(s);
    return s;
  };
  before(async () => {
    t = await testApp();
    agencyId = (await buildAgency(t.deps)).id;
    for (const [identifier, ar, en] of services) await buildService(t.deps, agencyId, { identifier, data: { name: { ar, en } } });
  });
  after(async () => {
    for (const s of started) await s.stop();
    await t.close();
  });

  it('is written after a build from the tables, and a node that loads it answers exactly the same', async () => {
    await t.deps.db.deleteFrom('catalog_search_snapshots').execute();
    const built = await start();
    assert.equal(built.loadedFrom, 'tables');
    const row = await t.deps.db.selectFrom('catalog_search_snapshots').select(['services', 'name']).executeTakeFirstOrThrow();
    assert.equal(row.services, services.length);
    const loaded = await start();
    assert.equal(loaded.loadedFrom, 'snapshot');
    assert.ok(loaded.ready);
    const expected = await answers(built);
    assert.ok(
      expected.every((a) => a.total > 0),
      'every query finds something, so the comparison means something',
    );
    assert.deepEqual(await answers(loaded), expected);
  });

  it('catches up from the change feed: a publication and a change made after the snapshot are found', async () => {
    await start(); // the newest snapshot is this node's
    await buildService(t.deps, agencyId, { identifier: 'snap-late', data: { name: { ar: 'تصريح صيد بحري', en: 'Sea fishing permit' } } });
    const visa = await t.deps.db.selectFrom('services').select('id').where('identifier', '=', 'snap-visa').executeTakeFirstOrThrow();
    await saveDraft(t.deps, ctx, visa.id, sampleService({ name: { ar: 'تأشيرة زيارة عائلية', en: 'Family visit visa' } }));
    await publish(t.deps, ctx, visa.id);
    const loaded = await start();
    assert.equal(loaded.loadedFrom, 'snapshot');
    assert.deepEqual(
      (await loaded.search('صيد')).hits.map((h) => h.card.identifier),
      ['snap-late'],
    );
    assert.deepEqual(
      (await loaded.search('عائلية')).hits.map((h) => h.card.identifier),
      ['snap-visa'],
    );
    assert.equal((await loaded.search('خروج وعودة')).total, 0, 'the old name is gone');
    // The same answers as a node that read everything from the tables.
    await t.deps.db.deleteFrom('catalog_search_snapshots').execute();
    const built = await start();
    assert.equal(built.loadedFrom, 'tables');
    assert.deepEqual(await answers(loaded), await answers(built));
  });

  it('is stored in rows read one at a time: loaded across many rows, replaced whole by the next write, not loaded with a row missing', async () => {
    const sizes = { ...snapshotRows };
    // Rows of a few bytes and two cards: every frame of the index spans rows.
    Object.assign(snapshotRows, { bytes: 61, cards: 2 });
    const rows = () =>
      t.deps.db
        .selectFrom('catalog_search_snapshot_rows')
        .select(['fingerprint', 'generation', 'seq'])
        .orderBy('fingerprint')
        .orderBy('seq')
        .execute();
    try {
      await t.deps.db.deleteFrom('catalog_search_snapshots').execute();
      const built = await start();
      assert.equal(built.loadedFrom, 'tables');
      const written = await rows();
      const cardRows = Math.ceil(built.cards.size / 2);
      assert.ok(written.length > cardRows + 10, `the index's bytes span many rows (${written.length})`);
      assert.deepEqual(
        written.map((r) => r.seq),
        written.map((_, i) => i),
      );
      assert.equal(new Set(written.map((r) => r.generation)).size, 1);
      const loaded = await start();
      assert.equal(loaded.loadedFrom, 'snapshot');
      assert.deepEqual([...loaded.cards.values()], [...built.cards.values()]);
      assert.deepEqual(await answers(loaded), await answers(built));

      // Rows left by a header deleted elsewhere (a node of the earlier release prunes other
      // versions' headers) go with the next write; another version's rows with their header stay.
      const other = { name: 'services', fingerprint: 'another version', generation: 'g', seq: 0, data: new Uint8Array([1]) };
      await t.deps.db
        .insertInto('catalog_search_snapshot_rows')
        .values([other, { ...other, fingerprint: 'a version gone' }])
        .execute();
      const header = await t.deps.db.selectFrom('catalog_search_snapshots').selectAll().executeTakeFirstOrThrow();
      await t.deps.db
        .insertInto('catalog_search_snapshots')
        .values({ ...header, fingerprint: 'another version' })
        .execute();
      // The next write (after a build: this node's header is gone) replaces every row of its own.
      await t.deps.db.deleteFrom('catalog_search_snapshots').where('fingerprint', '=', header.fingerprint).execute();
      assert.equal((await start()).loadedFrom, 'tables');
      const rewritten = await rows();
      const own = rewritten.filter((r) => r.fingerprint === header.fingerprint);
      assert.equal(own.length, written.length);
      assert.equal(new Set(own.map((r) => r.generation)).size, 1);
      assert.notEqual(own[0].generation, written[0].generation);
      assert.deepEqual(
        rewritten.filter((r) => r.fingerprint !== header.fingerprint).map((r) => r.fingerprint),
        ['another version'],
      );
      await t.deps.db.deleteFrom('catalog_search_snapshots').where('fingerprint', '=', 'another version').execute();

      // A row missing (as when another node replaced the snapshot while this one read it, twice): the tables.
      await t.deps.db.deleteFrom('catalog_search_snapshot_rows').where('seq', '=', 3).execute();
      const damaged = await start();
      assert.equal(damaged.loadedFrom, 'tables');
      assert.deepEqual(await answers(damaged), await answers(built));
      assert.equal((await start()).loadedFrom, 'snapshot', 'the rebuilt node wrote it anew');
    } finally {
      Object.assign(snapshotRows, sizes);
    }
  });

  it('is not loaded when it no longer fits: another engine fingerprint, other synonyms, unreadable bytes', async () => {
    await start();
    await t.deps.db.updateTable('catalog_search_snapshots').set({ fingerprint: 'an older engine' }).execute();
    const afterUpgrade = await start();
    assert.equal(afterUpgrade.loadedFrom, 'tables', 'another fingerprint');
    // The rebuilt node wrote its own snapshot beside the other version's (kept during a rolling upgrade).
    assert.equal((await t.deps.db.selectFrom('catalog_search_snapshots').select('name').execute()).length, 2);
    assert.equal((await start()).loadedFrom, 'snapshot');

    const now = new Date().toISOString();
    await t.deps.db
      .insertInto('search_synonyms')
      .values({ terms_json: JSON.stringify(['صيد', 'قنص']), created_at: now, updated_at: now })
      .execute();
    const afterSynonyms = await start();
    assert.equal(afterSynonyms.loadedFrom, 'tables', 'other synonyms');
    assert.deepEqual(
      (await afterSynonyms.search('قنص')).hits.map((h) => h.card.identifier),
      ['snap-late'],
    );

    await t.deps.db
      .updateTable('catalog_search_snapshots')
      .set({ data: new Uint8Array([1, 2, 3]) })
      .execute();
    const afterDamage = await start();
    assert.equal(afterDamage.loadedFrom, 'tables', 'unreadable bytes');
    assert.equal((await afterDamage.search('صيد')).total, 1);
  });
});
