import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ReportFilter, reportPanel } from '../src/modules/reports/public.ts';
import { cachedPanels, PANEL_CACHE_TTL_MS } from '../src/modules/reports/testing.ts';
import { recordAuditNow } from '../src/platform/audit/audit.ts';
import { type Ctx, systemCtx } from '../src/platform/auth/actor.ts';
import { type TestApp, testApp } from './helpers/app.ts';

// The dashboard's cache of panel figures: one load per filter and kind of viewer while the data
// version (the audit head) and the time allow, a reload after an audited change or when the entry is
// too old, and never an entry shared between viewers with different access.

describe("reports: the cache of the dashboard's figures", () => {
  let t: TestApp;
  let loads = 0;
  const filter: ReportFilter = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };
  const user = (role: 'leadership_viewer' | 'agency_admin', agencyId: number | null = null): Ctx => ({
    actor: { kind: 'user', id: 1, name: 'X', email: 'x@cache.test', locale: 'en', memberships: [{ role, agencyId }] },
    lang: 'en',
    requestId: null,
    ip: null,
  });
  const value = async (ctx: Ctx, f = filter, now?: number) =>
    (await cachedPanels(t.deps, f, ctx, now)).find((p) => p.module === 'cachetest')?.figures[0]?.value;

  before(async () => {
    t = await testApp();
    // A provider that counts its loads and reports the count as its figure.
    t.deps.extensions.add(
      reportPanel({
        name: 'cachetest',
        order: 99,
        async load() {
          loads++;
          return {
            section: 'catalog',
            title: 'reports.panel.catalog',
            figures: [{ id: 'cachetest.loads', label: 'reports.fig.catalog.offered', value: loads, unit: 'count' }],
          };
        },
      }),
    );
  });
  after(() => t.close());

  it('loads once per filter and access while nothing changes', async () => {
    const now = Date.now();
    assert.equal(await value(systemCtx('a'), filter, now), 1);
    assert.equal(await value(systemCtx('b'), filter, now), 1, 'the same access shares the entry');
    assert.equal(await value(user('leadership_viewer'), filter, now), 2, 'other access, another entry');
    assert.equal(await value(user('agency_admin', 7), filter, now), 3);
    assert.equal(await value(user('agency_admin', 8), filter, now), 4, "another agency's administrator never shares it");
    assert.equal(await value(user('leadership_viewer'), filter, now), 2);
    assert.equal(await value(systemCtx(), { ...filter, agencyId: 3 }, now), 5, 'another filter, another entry');
    const [a, b] = await Promise.all([
      value(systemCtx(), { ...filter, trackId: 1 }, now),
      value(systemCtx(), { ...filter, trackId: 1 }, now),
    ]);
    assert.deepEqual([a, b], [6, 6], 'concurrent requests share one load');
  });

  it('reloads after an audited change, and when the entry is too old', async () => {
    const now = Date.now();
    const before = await value(systemCtx(), filter, now);
    await recordAuditNow(t.deps.db, systemCtx('test'), { action: 'test.change', recordType: 'test' });
    const after = await value(systemCtx(), filter, now);
    assert.ok(typeof after === 'number' && typeof before === 'number' && after > before, 'an audited change is seen at once');
    assert.equal(await value(systemCtx(), filter, now + PANEL_CACHE_TTL_MS - 1), after);
    assert.equal(await value(systemCtx(), filter, now + PANEL_CACHE_TTL_MS), (after as number) + 1, 'an old entry is reloaded');
  });
});
