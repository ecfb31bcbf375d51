// Two web nodes sharing one database (two app instances in this process, each with its own search
// index and page cache): publications on either node reach both, in commit order, whatever the
// nodes' clocks say.
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { catchUpNodes, dropSchema, ensureProcessDatabase, type TestApp, testEngine, testEnv, twoNodes } from '../../../test/helpers/app.ts';
import { buildService, sampleService } from '../../../test/helpers/catalog.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { buildApp, createDeps } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import type { ServiceDataInput } from './catalog.schema.ts';
import { catalogSearch, FEED_KEEP_MS, pruneChangeFeed } from './catalog.search.ts';
import { publish, saveDraft } from './catalog.service.ts';

const ctx = systemCtx('test');

/** Every service a node's search lists (a blank query browses everything published). */
async function listed(node: TestApp): Promise<Set<string>> {
  const r = await catalogSearch(node.deps).search('', { limit: 10_000 });
  return new Set(r.hits.map((h) => h.card.identifier));
}

const catchUp = catchUpNodes;

async function draft(node: TestApp, agencyId: number, identifier: string, data: Partial<ServiceDataInput> = {}) {
  return buildService(node.deps, agencyId, { identifier, publish: false, data });
}

describe('catalog search on two web nodes', () => {
  let a: TestApp;
  let b: TestApp;
  let agencyId: number;
  before(async () => {
    [a, b] = await twoNodes();
    agencyId = (await buildAgency(a.deps)).id;
    await catchUp(a, b);
  });
  after(async () => {
    mock.timers.reset();
    await b.app.close();
    await b.deps.close();
    await a.close();
  });

  it('finds every publication on both nodes when one node’s clock runs ahead or behind', async () => {
    const y1 = await draft(b, agencyId, 'skew-ahead');
    const x = await draft(a, agencyId, 'skew-true');
    const y2 = await draft(b, agencyId, 'skew-behind');
    // Node B's clock is a minute fast: its publication carries a later time than A's that follows.
    mock.timers.enable({ apis: ['Date'], now: Date.now() + 60_000 });
    await publish(b.deps, ctx, y1.id);
    mock.timers.reset();
    await catchUp(a, b);
    assert.ok((await listed(a)).has('skew-ahead'));
    await publish(a.deps, ctx, x.id);
    await catchUp(a, b);
    for (const node of [a, b]) assert.ok((await listed(node)).has('skew-true'), 'a publication stamped before one already seen');
    // Now B's clock is a minute slow.
    mock.timers.enable({ apis: ['Date'], now: Date.now() - 60_000 });
    await publish(b.deps, ctx, y2.id);
    mock.timers.reset();
    await catchUp(a, b);
    for (const node of [a, b]) assert.deepEqual([...(await listed(node))].sort(), ['skew-ahead', 'skew-behind', 'skew-true']);
  });

  it('finds services by an agency’s new name on both nodes, whatever time the rename carries', async () => {
    await buildAgency(a.deps); // another agency, changed later
    const s = await draft(a, agencyId, 'renamed-agency-service');
    await publish(a.deps, ctx, s.id);
    await catchUp(a, b);
    // Renamed on a node whose clock is a year slow: its updated_at is older than any other.
    await a.deps.db
      .updateTable('agencies')
      .set({ name_en: 'Directorate of Falconry', updated_at: '2025-01-01T00:00:00.000Z' })
      .where('id', '=', agencyId)
      .execute();
    await catchUp(a, b);
    for (const node of [a, b]) {
      const r = await catalogSearch(node.deps).search('falconry directorate');
      assert.ok(
        r.hits.some((h) => h.card.identifier === 'renamed-agency-service'),
        'found by the agency’s new name',
      );
    }
  });

  it('finds a publication whose transaction committed after a later one (overlapping transactions, PostgreSQL)', {
    skip: testEngine !== 'postgres' && 'SQLite has one writer: transactions cannot overlap',
  }, async () => {
    const x = await draft(a, agencyId, 'overlap-first');
    const y = await draft(b, agencyId, 'overlap-second');
    // Hold X's row so that A's publication takes its place in the feed, then waits.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = a.deps.db.transaction().execute(async (trx) => {
      await sql`select id from services where id = ${x.id} for update`.execute(trx);
      locked();
      await gate;
    });
    await holding;
    const first = publish(a.deps, ctx, x.id);
    await waitForLockWait(b);
    const [xChange] = await b.deps.db.selectFrom('catalog_changes').select('id').where('service_id', '=', x.id).execute();
    assert.equal(xChange, undefined, 'the open transaction’s change is not visible yet');
    // A later transaction takes the next place in the feed and commits first.
    await publish(b.deps, ctx, y.id);
    await catchUp(a, b);
    for (const node of [a, b]) {
      const seen = await listed(node);
      assert.ok(seen.has('overlap-second'));
      assert.ok(!seen.has('overlap-first'));
    }
    release();
    await holder;
    await first;
    const changes = await b.deps.db
      .selectFrom('catalog_changes')
      .select(['id', 'service_id'])
      .where('service_id', 'in', [x.id, y.id])
      .execute();
    const idOf = (id: number) => changes.find((c) => c.service_id === id)?.id ?? 0;
    assert.ok(idOf(x.id) < idOf(y.id), 'the first transaction holds the lower id but committed last');
    await catchUp(a, b);
    for (const node of [a, b]) assert.ok((await listed(node)).has('overlap-first'), 'the change that committed last is found');
  });
  it('keeps the change feed to two days, and a node that fell behind a prune starts over, missing nothing', async () => {
    const one = await draft(a, agencyId, 'prune-one');
    await publish(a.deps, ctx, one.id);
    await catchUp(a, b);
    // Node B stops reading (paused, cut off) while A publishes and the daily job prunes.
    const two = await draft(a, agencyId, 'prune-two');
    await publish(a.deps, ctx, two.id);
    const kept = await pruneChangeFeed(a.deps, FEED_KEEP_MS);
    assert.equal(kept, 0, 'rows younger than two days stay');
    await new Promise((r) => setTimeout(r, 5));
    const cut = new Date().toISOString();
    assert.ok((await pruneChangeFeed(a.deps, 0)) >= 2, 'older rows go');
    // (The first test's node with a fast clock left a row stamped in the future: it stays.)
    const left = await a.deps.db.selectFrom('catalog_changes').select('created_at').execute();
    assert.ok(left.every((r) => r.created_at >= cut));
    await catchUp(b);
    assert.ok((await listed(b)).has('prune-two'), 'the node that missed the pruned row rebuilt from the tables');
    const three = await draft(a, agencyId, 'prune-three');
    await publish(b.deps, ctx, three.id);
    await catchUp(a, b);
    for (const node of [a, b]) {
      const seen = await listed(node);
      assert.ok(seen.has('prune-two') && seen.has('prune-three'), 'and reads the feed again after it');
    }
  });
});

/** Waits until some session of this database waits for a lock (a state, not a duration). */
async function waitForLockWait(node: TestApp): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    const r = await sql<{ n: string }>`
      select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(node.deps.db);
    if (Number(r.rows[0]?.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the publication never waited for the held row');
}

describe('the public page cache on two web nodes', () => {
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    [a, b] = await twoNodes();
  });
  after(async () => {
    await b.app.close();
    await b.deps.close();
    await a.close();
  });

  it('serves the new page on the other node once it has read the change feed', async () => {
    const agency = await buildAgency(a.deps);
    const s = await buildService(a.deps, agency.id, {
      identifier: 'cached-page',
      data: { name: { ar: 'خدمة الاختبار', en: 'Falconry licence' } },
    });
    await catchUp(a, b);
    const before = await b.app.inject('/en/services/cached-page');
    assert.equal(before.statusCode, 200);
    assert.match(before.body, /Falconry licence/);
    // Retired and renamed on node A.
    await saveDraft(a.deps, ctx, s.id, sampleService({ name: { ar: 'خدمة متقاعدة', en: 'Retired falconry licence' }, status: 'retired' }));
    await publish(a.deps, ctx, s.id);
    await catchUp(b);
    const afterChange = await b.app.inject('/en/services/cached-page');
    assert.match(afterChange.body, /Retired falconry licence/);
    assert.equal((await a.app.inject('/en/services/cached-page')).body.includes('Retired falconry licence'), true);
  });
});

describe('readiness waits for the search index', () => {
  it('/readyz answers 503 until the index is built, then 200', async () => {
    if (testEngine === 'postgres') await ensureProcessDatabase();
    const config = loadConfig(testEnv());
    const deps = await createDeps(config, { log: pino({ level: 'silent' }) });
    await buildService(deps, (await buildAgency(deps)).id, { identifier: 'ready-one' });
    // Without its change feed the index cannot be built: the node must not say it is ready.
    await sql`alter table catalog_changes rename to catalog_changes_away`.execute(deps.db);
    const app = await buildApp(deps);
    try {
      await app.ready();
      const waiting = await app.inject('/readyz');
      assert.equal(waiting.statusCode, 503);
      assert.match(waiting.json().status, /search index/);
      await sql`alter table catalog_changes_away rename to catalog_changes`.execute(deps.db);
      const search = catalogSearch(deps);
      for (let i = 0; !search.ready; i++) {
        // A build that began before the table came back fails; the next one succeeds.
        await search.start().catch((e) => {
          if (i > 20) throw e;
        });
      }
      const ready = await app.inject('/readyz');
      assert.equal(ready.statusCode, 200);
      assert.ok(search.cards.has('ready-one'));
    } finally {
      await app.close();
      await deps.close();
      await dropSchema(config);
    }
  });
});
