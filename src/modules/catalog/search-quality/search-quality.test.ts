import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../../test/helpers/app.ts';
import { loadDemo } from '../../../demo/demo.ts';
import { systemCtx } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { insertAgency } from '../../identity/testing.ts';
import { type ServiceDataInput, serviceData } from '../catalog.schema.ts';
import { catalogSearch } from '../catalog.search.ts';
import { catalogChanged, createInTransaction, publishInTransaction } from '../catalog.service.ts';
import { addSynonymGroup } from '../vocabulary.service.ts';
import { heldoutQueries } from './heldout/queries.ts';
import { type JudgedQuery, judgedQueries, type QueryClass, queryClasses } from './judged-queries.ts';
import { outsideQueries } from './outside/queries.ts';

/** Issue 12: each judged set must find a relevant service in the top 5 for at least 95% of its queries. */
const MIN_RECALL_AT_5 = 0.95;
const MIN_MRR = 0.8;
/**
 * The outside set is held to the goal: 0.991 measured on 2026-12-07 (0.905 before that day's
 * analyzer and synonym changes, 0.981 before the second blind set's dialect stop words and weak matches). Those changes were made reading this set's misses, so it no longer
 * shows whether they generalise: the held-out set below does.
 */
const OUTSIDE_FLOOR: number = MIN_RECALL_AT_5;
/**
 * The held-out set, written after those changes and run blind, measured 0.910 on its first run (0.925
 * once a synonym phrase counted as the words it spans in a relaxed query's coverage, 0.970 with the
 * dialect stop words and weak matches the second blind set — blind2/ — led to); seen since, it is
 * held to the goal.
 */
const HELDOUT_FLOOR: number = MIN_RECALL_AT_5;
/**
 * Both sets beside the demo catalog: a lower bound (see the test). Measured 2026-12-07: outside 0.972,
 * held-out 0.806, most of whose misses are Saudi services as relevant as the judged ones («جواز السفر»).
 */
const MIXED_FLOOR: number = 0.75;

interface Tally {
  n: number;
  found: number;
  rr: number;
}
interface Measured {
  name: string;
  all: Tally;
  byClass: Map<QueryClass, Tally>;
  byLang: Record<'ar' | 'en', Tally>;
  misses: string[];
  /** Queries with no relevant service: how many returned nothing, and what the others returned. */
  none: { n: number; empty: number; answered: string[] };
}

const tally = (): Tally => ({ n: 0, found: 0, rr: 0 });
const add = (t: Tally, rank: number) => {
  t.n++;
  if (rank >= 0) {
    t.found++;
    t.rr += 1 / (rank + 1);
  }
};
const figures = (t: Tally) => `recall@5 ${(t.found / t.n).toFixed(3)} MRR ${(t.rr / t.n).toFixed(3)} (${t.found}/${t.n})`;

async function measure(deps: Deps, name: string, queries: JudgedQuery[]): Promise<Measured> {
  const search = catalogSearch(deps);
  const m: Measured = {
    name,
    all: tally(),
    byClass: new Map(),
    byLang: { ar: tally(), en: tally() },
    misses: [],
    none: { n: 0, empty: 0, answered: [] },
  };
  for (const j of queries) {
    const hits = (await search.search(j.q, { limit: 5 })).hits;
    const ids = hits.map((h) => h.card.identifier);
    const cls = j.cls ?? 'partial';
    if (cls === 'none') {
      m.none.n++;
      if (ids.length === 0) m.none.empty++;
      else m.none.answered.push(`${j.q} → ${hits.map((h) => `${h.card.identifier}${scoreOf(h)}`).join(', ')}`);
      continue;
    }
    const rank = ids.findIndex((id) => j.expect.includes(id));
    add(m.all, rank);
    add(m.byLang[j.lang], rank);
    const c = m.byClass.get(cls) ?? tally();
    m.byClass.set(cls, c);
    add(c, rank);
    if (rank < 0) m.misses.push(`[${cls}] ${j.q}${j.note ? ` (${j.note})` : ''} → ${ids.join(', ') || 'nothing'}`);
  }
  return m;
}

/** The hit's score when the engine exposes one (issue 12, item 8). */
const scoreOf = (h: object) => {
  const score = (h as { score?: unknown }).score;
  return typeof score === 'number' ? ` (${score.toFixed(2)})` : '';
};

function report(m: Measured): string {
  const lines = [
    `search quality, ${m.name}: ${m.all.n} judged queries, ${figures(m.all)}; Arabic ${figures(m.byLang.ar)}; English ${figures(m.byLang.en)}`,
    ...queryClasses.filter((c) => m.byClass.has(c)).map((c) => `  ${c.padEnd(12)} ${figures(m.byClass.get(c) as Tally)}`),
  ];
  if (m.none.n)
    lines.push(`  no relevant service: ${m.none.empty}/${m.none.n} returned nothing`, ...m.none.answered.map((a) => `    ${a}`));
  if (m.misses.length) lines.push('  missed:', ...m.misses.map((s) => `    ${s}`));
  return lines.join('\n');
}

describe('search quality on the demo catalog (judged queries)', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await loadDemo(t.deps, systemCtx('test'), { only: 'catalog' });
    // Synonyms an administrator would add (they are part of the product's vocabulary, not the index).
    await addSynonymGroup(t.deps, systemCtx(), 'هوية\nبطاقة الأحوال\nالهوية الوطنية');
    await addSynonymGroup(t.deps, systemCtx(), 'استمارة\nرخصة سير');
  });
  after(() => t.close());

  it(`finds the right services: recall@5 ≥ ${MIN_RECALL_AT_5} and MRR ≥ ${MIN_MRR} over ${judgedQueries.length} queries`, async () => {
    assert.ok(judgedQueries.length >= 100, 'at least 100 judged queries');
    const m = await measure(t.deps, 'demo set', judgedQueries);
    console.log(report(m));
    const recall = m.all.found / m.all.n;
    const mrr = m.all.rr / m.all.n;
    assert.ok(recall >= MIN_RECALL_AT_5, `demo set recall@5 ${recall.toFixed(3)} < ${MIN_RECALL_AT_5} (misses printed above)`);
    assert.ok(mrr >= MIN_MRR, `MRR ${mrr.toFixed(3)}`);
  });
});

interface OutsideAgency {
  code: string;
  name_ar: string;
  name_en: string;
  kind: 'ministry' | 'authority' | 'municipality' | 'semi_government' | 'other';
  website: string;
}
interface OutsideService {
  id: string;
  agency: string;
  aud: ServiceDataInput['audiences'];
  fee?: number;
  name: { ar: string; en: string };
  description: { ar: string; en: string };
}

type Folder = 'outside' | 'heldout';
const outside = <T>(folder: Folder, file: string): T =>
  JSON.parse(readFileSync(new URL(`./${folder}/${file}`, import.meta.url), 'utf8')) as T;

/**
 * The outside catalog, entered as an agency's import would enter it: agencies, then every service
 * validated, created and published as live by the catalog's own service functions. A fresh
 * installation otherwise: no synonym groups are added.
 */
async function loadOutside(deps: Deps, folder: Folder, idPrefix = ''): Promise<number> {
  const ctx = systemCtx('search quality');
  const agencies = new Map<string, { id: number; website: string }>();
  for (const a of outside<OutsideAgency[]>(folder, 'agencies.json')) {
    const row = await insertAgency(deps.db, {
      ...a,
      parent_id: null,
      email: null,
      phone: null,
      address_ar: null,
      address_en: null,
      status: 'active',
    });
    agencies.set(a.code, { id: row.id, website: a.website });
  }
  const services = outside<OutsideService[]>(folder, 'services.json');
  await deps.db.transaction().execute(async (trx) => {
    for (const s of services) {
      const agency = agencies.get(s.agency);
      assert.ok(agency, `agency ${s.agency} of ${s.id}`);
      const data = serviceData.parse({
        name: s.name,
        description: s.description,
        audiences: s.aud,
        channels: [{ type: 'web', url: agency.website, availability: '24/7' }],
        fees: s.fee ? [{ amount: s.fee, currency: 'AED' }] : [],
        maturity: 'transactional',
        status: 'live',
      } satisfies ServiceDataInput);
      const row = await createInTransaction(trx, ctx, { identifier: idPrefix + s.id, agency_id: agency.id, data });
      await publishInTransaction(trx, deps, ctx, row, data, 'outside catalog');
    }
  });
  catalogChanged(deps);
  return services.length;
}

describe('search quality on a catalog the demo did not come from (outside judged set)', () => {
  let t: TestApp;
  let services = 0;
  before(async () => {
    t = await testApp();
    services = await loadOutside(t.deps, 'outside');
  });
  after(() => t.close());

  it(`finds the right services among ${outsideQueries.length} queries written before the engine was run on them`, async () => {
    assert.ok(services >= 80, 'at least 80 services');
    const judged = outsideQueries.filter((j) => j.cls !== 'none');
    assert.ok(judged.length >= 150, 'at least 150 judged queries');
    assert.equal((await catalogSearch(t.deps).search('', { limit: 1 })).total, services, 'every service indexed');
    const m = await measure(t.deps, `outside set (${services} UAE services)`, outsideQueries);
    console.log(report(m));
    const recall = m.all.found / m.all.n;
    console.log(
      `search quality, outside set: recall@5 ${recall.toFixed(3)} — goal ${MIN_RECALL_AT_5}, floor asserted ${OUTSIDE_FLOOR}; MRR ${(m.all.rr / m.all.n).toFixed(3)}`,
    );
    assert.ok(recall >= OUTSIDE_FLOOR, `outside set recall@5 ${recall.toFixed(3)} < ${OUTSIDE_FLOOR} (misses printed above)`);
  });
});

describe('search quality on a held-out catalog (judged set written after the engine changes, run blind)', () => {
  let t: TestApp;
  let services = 0;
  before(async () => {
    t = await testApp();
    services = await loadOutside(t.deps, 'heldout');
  });
  after(() => t.close());

  it(`finds the right services among ${heldoutQueries.length} held-out queries`, async () => {
    assert.ok(services >= 40, 'at least 40 services');
    assert.equal((await catalogSearch(t.deps).search('', { limit: 1 })).total, services, 'every service indexed');
    const m = await measure(t.deps, `held-out set (${services} Kuwaiti, Qatari, Omani and Egyptian services)`, heldoutQueries);
    console.log(report(m));
    const recall = m.all.found / m.all.n;
    assert.ok(recall >= HELDOUT_FLOOR, `held-out set recall@5 ${recall.toFixed(3)} < ${HELDOUT_FLOOR} (misses printed above)`);
  });
});

describe('search quality at scale: the outside and held-out catalogs beside the demo’s 1,023 services', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await loadDemo(t.deps, systemCtx('test'), { only: 'catalog' });
    // A few outside identifiers are also demo identifiers (moj-marriage-contract): each set's own prefix keeps them apart.
    await loadOutside(t.deps, 'outside', 'uae-');
    await loadOutside(t.deps, 'heldout', 'gcc-');
  });
  const prefixed = (queries: JudgedQuery[], prefix: string) => queries.map((j) => ({ ...j, expect: j.expect.map((id) => prefix + id) }));
  after(() => t.close());

  // Class 6 at scale: a title that holds the query must still come first when a thousand other
  // services share its words. The judged lists name only the outside catalogs' services, so a Saudi
  // passport renewal above the UAE's counts as a miss here: the figure is a lower bound, and the
  // misses are printed for a person to judge.
  it('keeps most of each set’s recall with twelve times as many services indexed', async () => {
    const total = (await catalogSearch(t.deps).search('', { limit: 1 })).total;
    assert.ok(total >= 1100, `${total} services`);
    const outsideMixed = await measure(t.deps, `outside set among ${total} services`, prefixed(outsideQueries, 'uae-'));
    const heldoutMixed = await measure(t.deps, `held-out set among ${total} services`, prefixed(heldoutQueries, 'gcc-'));
    console.log(report(outsideMixed));
    console.log(report(heldoutMixed));
    const recall = (m: Measured) => m.all.found / m.all.n;
    assert.ok(recall(outsideMixed) >= MIXED_FLOOR, `outside set among the demo: recall@5 ${recall(outsideMixed).toFixed(3)}`);
    assert.ok(recall(heldoutMixed) >= MIXED_FLOOR, `held-out set among the demo: recall@5 ${recall(heldoutMixed).toFixed(3)}`);
  });
});
