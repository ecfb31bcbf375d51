import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { serviceData, serviceIdentifier, taxonomyTermInput } from '../modules/catalog/catalog.schema.ts';
import { judgedQueries } from '../modules/catalog/search-quality/judged-queries.ts';
import { demoAgencies } from '../modules/identity/demo.data.ts';
import { plainKeywords } from './catalog/planted.ts';
import { generateDemoServices, mulberry32 } from './catalog.generate.ts';
import { businessEventTerms, catalogTerms, categoryTerms, lifeEventTerms } from './catalog.terms.ts';

const services = generateDemoServices();
const share = (pred: (s: (typeof services)[number]) => boolean) => services.filter(pred).length / services.length;
const ARABIC = /[\u0600-\u06FF]/;
const PLACEHOLDER = /[{}]|\b(undefined|null|NaN|TODO|TBD|lorem|xxx)\b|\[object/i;

describe('demo catalog terms', () => {
  test('every term is valid and codes are unique within their kind', () => {
    const seen = new Set<string>();
    for (const t of catalogTerms) {
      assert.deepEqual(taxonomyTermInput.parse(t), t);
      const key = `${t.kind}:${t.code}`;
      assert.ok(!seen.has(key), `duplicate term ${key}`);
      seen.add(key);
      assert.match(t.name_ar, ARABIC, `${key} has an Arabic name`);
      assert.doesNotMatch(t.name_en, ARABIC, `${key} has an English name`);
    }
  });

  test('about 20 categories, 15 life events and 10 business events', () => {
    assert.ok(categoryTerms.length >= 18 && categoryTerms.length <= 24, `categories: ${categoryTerms.length}`);
    assert.ok(lifeEventTerms.length >= 13 && lifeEventTerms.length <= 18, `life events: ${lifeEventTerms.length}`);
    assert.ok(businessEventTerms.length >= 9 && businessEventTerms.length <= 12, `business events: ${businessEventTerms.length}`);
  });
});

describe('demo e-service catalog', () => {
  test('mulberry32 is seeded and deterministic', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    assert.deepEqual(
      xs,
      Array.from({ length: 5 }, () => b()),
    );
    assert.ok(xs.every((x) => x >= 0 && x < 1));
  });

  test('every generated record parses with serviceData, unchanged', () => {
    for (const s of services) {
      const r = serviceData.safeParse(s.data);
      assert.ok(r.success, `${s.identifier}: ${r.success ? '' : JSON.stringify(r.error.issues)}`);
      assert.deepEqual(r.data, s.data, `${s.identifier} has every default filled in`);
    }
  });

  test('about a thousand services', () => {
    assert.ok(services.length >= 950 && services.length <= 1100, `count: ${services.length}`);
  });

  test('identifiers are unique, valid and prefixed with the agency code', () => {
    const ids = new Set<string>();
    for (const s of services) {
      assert.ok(serviceIdentifier.safeParse(s.identifier).success, `invalid identifier ${s.identifier}`);
      assert.ok(s.identifier.startsWith(`${s.agency}-`), `${s.identifier} starts with ${s.agency}-`);
      assert.ok(!ids.has(s.identifier), `duplicate identifier ${s.identifier}`);
      ids.add(s.identifier);
    }
  });

  test('generation is deterministic', () => {
    assert.deepEqual(generateDemoServices(), services);
  });

  test('every agency exists and has at least five services', () => {
    const codes = new Set(demoAgencies.map((a) => a.code));
    const counts = new Map<string, number>();
    for (const s of services) {
      assert.ok(codes.has(s.agency), `unknown agency ${s.agency}`);
      counts.set(s.agency, (counts.get(s.agency) ?? 0) + 1);
    }
    for (const a of demoAgencies) assert.ok((counts.get(a.code) ?? 0) >= 5, `${a.code} has ${counts.get(a.code) ?? 0} services`);
    const max = Math.max(...counts.values());
    assert.ok(max >= 50, `the biggest ministries have many services (max ${max})`);
  });

  test('every category, life event and business event is a managed term', () => {
    const codes = (kind: string) => new Set(catalogTerms.filter((t) => t.kind === kind).map((t) => t.code));
    const [cats, les, bes] = [codes('category'), codes('life_event'), codes('business_event')];
    for (const s of services) {
      assert.ok(s.data.categories.length > 0, `${s.identifier} has a category`);
      for (const c of s.data.categories) assert.ok(cats.has(c), `${s.identifier}: category ${c}`);
      for (const c of s.data.life_events) assert.ok(les.has(c), `${s.identifier}: life event ${c}`);
      for (const c of s.data.business_events) assert.ok(bes.has(c), `${s.identifier}: business event ${c}`);
    }
  });

  test('maturity and status shares are near their targets', () => {
    const near = (actual: number, target: number, what: string) =>
      assert.ok(Math.abs(actual - target) <= 0.03, `${what}: ${(actual * 100).toFixed(1)}% vs ${target * 100}%`);
    near(
      share((s) => s.data.maturity === 'informational'),
      0.15,
      'informational',
    );
    near(
      share((s) => s.data.maturity === 'interactive'),
      0.25,
      'interactive',
    );
    near(
      share((s) => s.data.maturity === 'transactional'),
      0.45,
      'transactional',
    );
    near(
      share((s) => s.data.maturity === 'integrated'),
      0.15,
      'integrated',
    );
    near(
      share((s) => s.data.status === 'live'),
      0.78,
      'live',
    );
    near(
      share((s) => s.data.status === 'beta'),
      0.06,
      'beta',
    );
    near(
      share((s) => s.data.status === 'planned'),
      0.06,
      'planned',
    );
    near(
      share((s) => s.data.status === 'suspended'),
      0.04,
      'suspended',
    );
    near(
      share((s) => s.data.status === 'retired'),
      0.06,
      'retired',
    );
  });

  test('about half the services are free, and fees are in SAR', () => {
    const free = share((s) => s.data.fees.length === 0);
    assert.ok(free >= 0.4 && free <= 0.65, `free: ${(free * 100).toFixed(1)}%`);
    for (const s of services) for (const f of s.data.fees) assert.ok(f.currency === 'SAR' && f.amount > 0, s.identifier);
  });

  test('names are bilingual, distinct and free of placeholders', () => {
    for (const s of services) {
      const { name, description } = s.data;
      assert.notEqual(name.ar, name.en, s.identifier);
      assert.match(name.ar, ARABIC, `${s.identifier} Arabic name`);
      assert.doesNotMatch(name.en, ARABIC, `${s.identifier} English name`);
      assert.match(description.ar, ARABIC, `${s.identifier} Arabic description`);
      assert.doesNotMatch(description.en, ARABIC, `${s.identifier} English description`);
      for (const t of [name.ar, name.en, description.ar, description.en]) {
        assert.doesNotMatch(t, PLACEHOLDER, `${s.identifier}: ${t}`);
        assert.equal(t, t.trim().replace(/\s{2,}/g, ' '), `${s.identifier} has clean spacing`);
      }
      assert.match(name.en, /^[A-Z]/, `${s.identifier} English name is capitalised`);
    }
  });

  test('no agency has two services with the same Arabic or English name', () => {
    for (const lang of ['ar', 'en'] as const) {
      const seen = new Set<string>();
      for (const s of services) {
        const key = `${s.agency}|${s.data.name[lang]}`;
        assert.ok(!seen.has(key), `duplicate name ${key}`);
        seen.add(key);
      }
    }
  });

  test('channels are sensible: web under the agency domain, the agency phone for the call centre', () => {
    const agencies = new Map(demoAgencies.map((a) => [a.code, a]));
    for (const s of services) {
      const a = agencies.get(s.agency)!;
      const web = s.data.channels.find((c) => c.type === 'web');
      const url = web?.url ?? '';
      assert.ok(url.startsWith(`${a.website}/`), `${s.identifier} web channel under ${a.website}`);
      assert.equal(new URL(url).protocol, 'https:');
      for (const c of s.data.channels) if (c.type === 'call_centre') assert.equal(c.phone, a.phone, s.identifier);
    }
    assert.ok(share((s) => s.data.channels.length >= 2) > 0.9, 'most services have several channels');
  });

  test('keywords plant no re-spellings or default synonyms of the record: the engine must find those itself', () => {
    const byId = new Map(services.map((s) => [s.identifier, s]));
    const kw = (id: string) => byId.get(id)?.data.keywords;
    // Alternative spellings and colloquial names are the analyzer's and the default synonyms' work.
    assert.ok(!kw('gdp-iqama-renewal')?.ar.includes('اقامة'), 'a re-spelling of «إقامة» in the name');
    assert.ok(!kw('traffic-vehicle-registration-renewal')?.ar.includes('استمارة'), 'a default synonym of «رخصة سير»');
    assert.ok(!kw('traffic-vehicle-registration-renewal')?.en.includes('istimara'));
    assert.ok(!kw('civil-affairs-national-id-renewal')?.ar.includes('بطاقة الأحوال'), 'a default synonym of «الهوية الوطنية»');
    // Every remaining keyword passes the same rule the generator applies.
    for (const s of services) {
      const record = [s.data.name.ar, s.data.name.en, s.data.description.ar, s.data.description.en];
      for (const lang of ['ar', 'en'] as const)
        assert.deepEqual(plainKeywords(s.data.keywords[lang], record), s.data.keywords[lang], s.identifier);
    }
  });
});

describe('judged search queries', () => {
  test('at least 120 queries, about 70 Arabic and 50 English, in the right script', () => {
    const arCount = judgedQueries.filter((q) => q.lang === 'ar').length;
    const enCount = judgedQueries.filter((q) => q.lang === 'en').length;
    assert.ok(judgedQueries.length >= 120, `total ${judgedQueries.length}`);
    assert.ok(arCount >= 65 && enCount >= 45, `ar ${arCount}, en ${enCount}`);
    for (const q of judgedQueries) {
      if (q.lang === 'ar') assert.match(q.q, /[\u0600-\u06FF]/, q.q);
      else assert.doesNotMatch(q.q, ARABIC, q.q);
      assert.ok(q.expect.length > 0, q.q);
    }
    assert.equal(new Set(judgedQueries.map((q) => `${q.lang}:${q.q}`)).size, judgedQueries.length, 'no duplicate queries');
  });

  test('every expected identifier exists in the demo catalog and is live', () => {
    const byId = new Map(services.map((s) => [s.identifier, s]));
    for (const q of judgedQueries) {
      for (const id of q.expect) {
        const s = byId.get(id);
        assert.ok(s, `${q.q}: unknown identifier ${id}`);
        assert.equal(s.data.status, 'live', `${q.q}: ${id} is live`);
      }
    }
  });
});
