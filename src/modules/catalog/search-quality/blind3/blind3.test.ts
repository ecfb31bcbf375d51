import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../../../test/helpers/app.ts';
import { systemCtx } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { insertAgency } from '../../../identity/testing.ts';
import { type ServiceDataInput, serviceData } from '../../catalog.schema.ts';
import { catalogSearch } from '../../catalog.search.ts';
import { catalogChanged, createInTransaction, publishInTransaction } from '../../catalog.service.ts';
import { type QueryClass, queryClasses } from '../judged-queries.ts';
import { blind3Queries } from './queries.ts';

/**
 * The third blind set (issue 12): a catalog of Algerian, Libyan, Sudanese, Palestinian, Yemeni,
 * Mauritanian and Syrian services and its judged queries, written without reading the engine and
 * committed before its first run. Its first run (the engine as of cbdd695) measured recall@5 0.825
 * (66/80): that is the blind figure. Its misses were read after it: every MSA spelling, hamza,
 * clitic, plural, typo and prefix query was found; the misses were loanwords (French, and French
 * in Arabic letters), colloquial sentences, and Arabic typed in Latin letters. The last is a general
 * gap, and the engine now matches a Latin word it knows in no form against Arabic words by their
 * consonant skeleton (src/platform/search/arabizi.ts), giving 0.875 (70/80). Seen since, it is held
 * to BLIND3_FLOOR; the next blind set must be new.
 */
const BLIND3_FLOOR: number = 0.85;

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

const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')) as T;
const agencies = read<Agency[]>('agencies.json');
const services = read<Service[]>('services.json');

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
async function load(deps: Deps): Promise<number> {
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

describe('third blind judged set: well formed', () => {
  it('names only services of its catalog, and every query has a relevant service', () => {
    const ids = new Set(services.map((s) => s.id));
    assert.equal(ids.size, services.length, 'service identifiers are unique');
    const codes = new Set(agencies.map((a) => a.code));
    assert.equal(codes.size, agencies.length, 'agency codes are unique');
    for (const s of services) assert.ok(codes.has(s.agency), `agency ${s.agency} of ${s.id} is listed`);
    assert.ok(services.length >= 40, `at least 40 services (${services.length})`);
    assert.ok(blind3Queries.length >= 60, `at least 60 judged queries (${blind3Queries.length})`);
    assert.equal(new Set(blind3Queries.map((j) => j.q)).size, blind3Queries.length, 'no query is judged twice');
    for (const j of blind3Queries) {
      assert.ok(j.q.trim().length > 0, 'query text is not empty');
      assert.ok(j.cls && j.cls !== 'none', `"${j.q}" has a class with relevant services`);
      assert.ok(j.expect.length >= 1, `"${j.q}" has at least one relevant service`);
      assert.equal(new Set(j.expect).size, j.expect.length, `"${j.q}" lists each relevant service once`);
      for (const id of j.expect) assert.ok(ids.has(id), `"${j.q}" judges ${id}, which is in services.json`);
    }
  });
});

describe('third blind judged set: measured', () => {
  let t: TestApp;
  let loaded = 0;
  before(async () => {
    t = await testApp();
    loaded = await load(t.deps);
  });
  after(() => t.close());

  it(`measures recall@5 and MRR over ${blind3Queries.length} queries written before the engine was run on them`, async () => {
    const search = catalogSearch(t.deps);
    assert.equal((await search.search('', { limit: 1 })).total, loaded, 'every service indexed');
    const all = tally();
    const byLang: Record<'ar' | 'en', Tally> = { ar: tally(), en: tally() };
    const byClass = new Map<QueryClass, Tally>();
    const misses: string[] = [];
    for (const j of blind3Queries) {
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
        `search quality, third blind set (${loaded} Algerian, Libyan, Sudanese, Palestinian, Yemeni, Mauritanian and Syrian services): ${all.n} judged queries, ${figures(all)}; Arabic ${figures(byLang.ar)}; English ${figures(byLang.en)}`,
        ...queryClasses.filter((c) => byClass.has(c)).map((c) => `  ${c.padEnd(12)} ${figures(byClass.get(c) as Tally)}`),
        ...(misses.length ? ['  missed:', ...misses.map((m) => `    ${m}`)] : []),
      ].join('\n'),
    );
    assert.equal(all.n, blind3Queries.length, 'every query measured');
    const recall = all.found / all.n;
    assert.ok(recall >= BLIND3_FLOOR, `third blind set recall@5 ${recall.toFixed(3)} < ${BLIND3_FLOOR} (misses printed above)`);
  });
});
