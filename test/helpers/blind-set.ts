// The harness every blind judged set shares (a catalog it loads, its queries, the figures it prints).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  catalogChanged,
  catalogSearch,
  createInTransaction,
  type JudgedQuery,
  publishInTransaction,
  type QueryClass,
  queryClasses,
  type ServiceDataInput,
  serviceData,
} from '../../src/modules/catalog/testing.ts';
import { insertAgency } from '../../src/modules/identity/testing.ts';
import { systemCtx } from '../../src/platform/auth/actor.ts';
import type { Deps } from '../../src/platform/deps.ts';
import { type TestApp, testApp } from './app.ts';

interface Agency {
  code: string;
  name_ar: string;
  name_en: string;
  kind: 'ministry' | 'authority' | 'municipality' | 'semi_government' | 'other';
  website: string;
}
interface Service {
  id: string;
  agency: string;
  aud: ServiceDataInput['audiences'];
  name: { ar: string; en: string };
  description: { ar: string; en: string };
}

interface Tally {
  n: number;
  found: number;
  rr: number;
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

/** Agencies, then every service validated, created and published as live by the catalog's own functions; no synonym groups. */
async function load(deps: Deps, agencies: Agency[], services: Service[]): Promise<number> {
  const ctx = systemCtx('search quality');
  const byCode = new Map<string, { id: number; website: string }>();
  for (const a of agencies) {
    const row = await insertAgency(deps.db, {
      ...a,
      parent_id: null,
      email: null,
      phone: null,
      address_ar: null,
      address_en: null,
      status: 'active',
    });
    byCode.set(a.code, { id: row.id, website: a.website });
  }
  await deps.db.transaction().execute(async (trx) => {
    for (const s of services) {
      const agency = byCode.get(s.agency);
      assert.ok(agency, `agency ${s.agency} of ${s.id}`);
      const data = serviceData.parse({
        name: s.name,
        description: s.description,
        audiences: s.aud,
        channels: [{ type: 'web', url: agency.website, availability: '24/7' }],
        maturity: 'transactional',
        status: 'live',
      } satisfies ServiceDataInput);
      const row = await createInTransaction(trx, ctx, { identifier: s.id, agency_id: agency.id, data });
      await publishInTransaction(trx, deps, ctx, row, data, 'blind set');
    }
  });
  catalogChanged(deps);
  return services.length;
}

/**
 * The tests of one blind judged set in `dir` (its agencies.json and services.json, written as the
 * set's README says): that the set is well formed, and its recall@5 and MRR overall, per language
 * and per class, with the misses printed, held to `floor`.
 */
export function blindSetTests(set: { name: string; countries: string; dir: URL; queries: JudgedQuery[]; floor: number }): void {
  const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(file, set.dir), 'utf8')) as T;
  const agencies = read<Agency[]>('agencies.json');
  const services = read<Service[]>('services.json');
  const queries = set.queries;

  describe(`${set.name} blind judged set: well formed`, () => {
    it('names only services of its catalog, and every query has a relevant service', () => {
      const ids = new Set(services.map((s) => s.id));
      assert.equal(ids.size, services.length, 'service identifiers are unique');
      const codes = new Set(agencies.map((a) => a.code));
      assert.equal(codes.size, agencies.length, 'agency codes are unique');
      for (const s of services) assert.ok(codes.has(s.agency), `agency ${s.agency} of ${s.id} is listed`);
      assert.ok(services.length >= 40, `at least 40 services (${services.length})`);
      assert.ok(queries.length >= 60, `at least 60 judged queries (${queries.length})`);
      assert.equal(new Set(queries.map((j) => j.q)).size, queries.length, 'no query is judged twice');
      for (const j of queries) {
        assert.ok(j.q.trim().length > 0, 'query text is not empty');
        assert.ok(j.cls && j.cls !== 'none', `"${j.q}" has a class with relevant services`);
        assert.ok(j.expect.length >= 1, `"${j.q}" has at least one relevant service`);
        assert.equal(new Set(j.expect).size, j.expect.length, `"${j.q}" lists each relevant service once`);
        for (const id of j.expect) assert.ok(ids.has(id), `"${j.q}" judges ${id}, which is in services.json`);
      }
    });
  });

  describe(`${set.name} blind judged set: measured`, () => {
    let t: TestApp;
    let loaded = 0;
    before(async () => {
      t = await testApp();
      loaded = await load(t.deps, agencies, services);
    });
    after(() => t.close());

    it(`measures recall@5 and MRR over ${queries.length} queries written before the engine was run on them`, async () => {
      const search = catalogSearch(t.deps);
      assert.equal((await search.search('', { limit: 1 })).total, loaded, 'every service indexed');
      const all = tally();
      const byLang: Record<'ar' | 'en', Tally> = { ar: tally(), en: tally() };
      const byClass = new Map<QueryClass, Tally>();
      const misses: string[] = [];
      for (const j of queries) {
        const ids = (await search.search(j.q, { limit: 5 })).hits.map((h) => h.card.identifier);
        const rank = ids.findIndex((id) => j.expect.includes(id));
        const cls = j.cls ?? 'partial';
        add(all, rank);
        add(byLang[j.lang], rank);
        const c = byClass.get(cls) ?? tally();
        byClass.set(cls, c);
        add(c, rank);
        if (rank < 0) misses.push(`[${cls}] ${j.q}${j.note ? ` (${j.note})` : ''} → ${ids.join(', ') || 'nothing'}`);
      }
      console.log(
        [
          `search quality, ${set.name} blind set (${loaded} ${set.countries} services): ${all.n} judged queries, ${figures(all)}; Arabic ${figures(byLang.ar)}; English ${figures(byLang.en)}`,
          ...queryClasses.filter((c) => byClass.has(c)).map((c) => `  ${c.padEnd(12)} ${figures(byClass.get(c) as Tally)}`),
          ...(misses.length ? ['  missed:', ...misses.map((m) => `    ${m}`)] : []),
        ].join('\n'),
      );
      assert.equal(all.n, queries.length, 'every query measured');
      const recall = all.found / all.n;
      assert.ok(recall >= set.floor, `${set.name} blind set recall@5 ${recall.toFixed(3)} < ${set.floor} (misses printed above)`);
    });
  });
}
