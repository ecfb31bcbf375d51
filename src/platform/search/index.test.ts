import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from './analyzer.ts';
import { type SearchDoc, SearchIndex, type SearchOptions } from './index.ts';

interface Service extends SearchDoc {
  name: string;
  keywords?: string;
  description?: string;
}

const fields = [
  { name: 'name', weight: 5 },
  { name: 'keywords', weight: 3 },
  { name: 'description', weight: 1 },
];

const live = (agency: string, category: string, channel = ['web']) => ({
  agency: [agency],
  category: [category],
  channel,
  status: ['live'],
});

const catalogue: Record<string, Service> = {
  'passport-renew': {
    name: 'تجديد جواز السفر',
    keywords: 'passport renewal',
    description: 'تجديد جواز السفر للمواطنين عبر الإنترنت',
    facets: live('jawazat', 'travel', ['web', 'app']),
  },
  'passport-old': {
    name: 'تجديد جواز السفر',
    description: 'الخدمة القديمة',
    facets: { agency: ['jawazat'], category: ['travel'], channel: ['office'], status: ['retired'] },
    boost: 0.3,
  },
  'civil-card': {
    name: 'إصدار بطاقة الأحوال المدنية',
    keywords: 'national id card',
    facets: live('ahwal', 'identity'),
  },
  'card-only': { name: 'بطاقة صراف', facets: live('bank', 'finance') },
  'driving-licence': {
    name: 'تجديد رخصة القيادة',
    keywords: 'driving licence',
    description: 'تجديد الرخصة الخاصة إلكترونيا',
    facets: live('traffic', 'vehicles', ['web', 'app']),
  },
  'vehicle-registration': {
    name: 'تسجيل مركبة',
    description: 'تسجيل مركبة جديدة ونقل الملكية',
    facets: live('traffic', 'vehicles'),
  },
  'vehicle-mention': {
    name: 'شهادة خلو سوابق',
    description: 'تطلب عند شراء مركبة',
    facets: live('police', 'vehicles'),
  },
  hospital: { name: 'حجز موعد في مستشفى', keywords: 'hospital appointment', facets: live('health', 'health') },
  'ahmad-award': { name: 'جائزة أحمد للتميز', facets: live('culture', 'awards') },
  'safety-cert': { name: 'شهادة آمن للمنشآت', facets: live('civil-defence', 'business') },
  'services-guide': { name: 'دليل الخدمات الحكومية', description: 'والخدمات الإلكترونية للمقيمين', facets: live('portal', 'guides') },
  'year-plan': { name: 'خطة عام ١٤٤٨', facets: live('planning', 'plans') },
  'platform-help': { name: 'منصة المساعدة', facets: live('portal', 'guides') },
  'licence-number': { name: 'ترخيص رقم 12345', facets: live('commerce', 'business') },
};

function build(options: { typoMinLength?: number } = {}): SearchIndex<Service> {
  const index = new SearchIndex<Service>({ fields, ...options });
  for (const [id, doc] of Object.entries(catalogue)) index.add(id, doc);
  return index;
}

const ids = (index: SearchIndex<Service>, query: string, options: SearchOptions = {}) =>
  index.search(query, { limit: 100, ...options }).hits.map((h) => h.id);
const sorted = (list: string[]) => [...list].sort();

describe('SearchIndex: Arabic spelling variants', () => {
  const index = build();

  it('matches across hamza forms', () => {
    assert.deepEqual(ids(index, 'احمد'), ['ahmad-award']);
    assert.deepEqual(ids(index, 'إحمد'), ['ahmad-award']);
    assert.deepEqual(ids(index, 'امن'), ['safety-cert']);
  });

  it('matches taa marbuta typed as haa, and alef maqsura typed as yaa', () => {
    assert.deepEqual(ids(index, 'رخصه'), ['driving-licence']);
    assert.deepEqual(ids(index, 'مستشفي'), ['hospital']);
  });

  it('ignores harakat and tatweel in the query', () => {
    assert.deepEqual(ids(index, 'رُخْصَة القِيَـــادَة'), ['driving-licence']);
  });

  it('matches through attached particles and plural suffixes', () => {
    assert.deepEqual(ids(index, 'الجواز'), ['passport-renew', 'passport-old']);
    assert.deepEqual(ids(index, 'خدمات', { prefix: false }), ['services-guide', 'passport-old']);
    assert.deepEqual(ids(index, 'رخص', { prefix: false }), ['driving-licence']);
  });

  it('matches Arabic-Indic digits to ASCII digits both ways', () => {
    assert.deepEqual(ids(index, '1448'), ['year-plan']);
    assert.deepEqual(ids(index, '١٤٤٨'), ['year-plan']);
    assert.deepEqual(ids(index, '۱۲۳۴۵'), ['licence-number']);
  });

  it('stems English', () => {
    assert.deepEqual(ids(index, 'renewing passports'), ['passport-renew']);
    assert.deepEqual(ids(index, 'Licences'), ['driving-licence']);
  });
});

describe('SearchIndex: query words', () => {
  const index = build();

  it('requires every query word (AND) while that finds enough', () => {
    assert.deepEqual(ids(index, 'تجديد رخصة'), ['driving-licence']);
    assert.deepEqual(sorted(ids(index, 'تجديد')), ['driving-licence', 'passport-old', 'passport-renew']);
    // Nothing holds both: the rarer word alone is kept, at a quarter of its score (coverage ½, squared).
    const r = index.search('تجديد مستشفى');
    assert.equal(r.relaxed, true);
    assert.deepEqual(
      r.hits.map((h) => [h.id, h.coverage]),
      [['hospital', 0.5]],
    );
  });

  it('ignores stop words in the query', () => {
    assert.deepEqual(ids(index, 'تجديد في رخصة من القيادة'), ids(index, 'تجديد رخصة القيادة'));
    assert.deepEqual(ids(index, 'the renewal of passport'), ['passport-renew']);
  });

  it('completes the last word as the user types', () => {
    assert.deepEqual(ids(index, 'جوا'), ['passport-renew', 'passport-old']);
    assert.deepEqual(ids(index, 'تجديد رخ'), ['driving-licence']);
    assert.deepEqual(ids(index, 'passp'), ['passport-renew']);
    assert.deepEqual(ids(index, 'الجوا'), ['passport-renew', 'passport-old']);
  });

  it('completes only the last word, and not after a space or when turned off', () => {
    // رخ matches nothing (not completed): only القيادة is matched, so the hit covers half the query.
    assert.deepEqual(
      index.search('رخ القيادة').hits.map((h) => [h.id, h.coverage]),
      [['driving-licence', 0.5]],
    );
    assert.deepEqual(ids(index, 'جوا '), []);
    assert.deepEqual(ids(index, 'جوا', { prefix: false }), []);
  });

  it('lets a lone stop word being typed act as a prefix', () => {
    // منصة by its word, للمنشآت by its stem منش: both begin with من.
    assert.deepEqual(ids(index, 'من'), ['platform-help', 'safety-cert']);
    assert.deepEqual(ids(index, 'من '), []);
  });

  it('forgives one typo in words of five letters or more', () => {
    assert.deepEqual(ids(index, 'passprot'), ['passport-renew']); // transposition
    assert.deepEqual(ids(index, 'hospitl'), ['hospital']); // deletion
    assert.deepEqual(ids(index, 'الرخضة'), ['driving-licence']); // ض for ص
    assert.deepEqual(ids(index, 'مستشفاي', { prefix: false }), ['hospital']); // insertion
  });

  it('does not forgive typos in short words unless configured to', () => {
    assert.deepEqual(ids(index, 'رخضة', { prefix: false }), []);
    assert.deepEqual(ids(build({ typoMinLength: 4 }), 'رخضة', { prefix: false }), ['driving-licence']);
  });

  it('does not forgive two typos, typos in numbers, or a changed first letter', () => {
    assert.deepEqual(ids(index, 'pasprot'), []);
    assert.deepEqual(ids(index, '12354'), []);
    assert.deepEqual(ids(index, 'bassport'), []);
    // تجديد (renewal) is one deletion from جديد (new, in vehicle-registration): not a typo.
    assert.ok(!ids(index, 'تجديد').includes('vehicle-registration'));
  });
});

describe('SearchIndex: synonyms', () => {
  it('lets a word find documents holding every word of another member phrase', () => {
    const index = build();
    index.add('id-renew', { name: 'تجديد الهوية الوطنية', facets: live('ahwal', 'identity') });
    assert.deepEqual(ids(index, 'هوية'), ['id-renew']);
    index.setSynonyms([
      ['هوية', 'بطاقة الأحوال'],
      ['passport', 'جواز السفر'],
    ]);
    assert.deepEqual(sorted(ids(index, 'هوية')), ['civil-card', 'id-renew']);
    // card-only has بطاقة but not الأحوال: a phrase needs all its words.
    assert.ok(!ids(index, 'هوية').includes('card-only'));
    // Typed, the member's own words also count one by one, as with no group: card-only (بطاقة
    // alone) follows the two documents that hold a member whole, as a relaxed partial match.
    assert.deepEqual(sorted(ids(index, 'بطاقة الأحوال').slice(0, 2)), ['civil-card', 'id-renew']);
    assert.deepEqual(ids(index, 'بطاقة الأحوال').slice(2), ['card-only']);
    // Only id-renew holds both; civil-card (the synonym, without تجديد) follows as a partial match.
    assert.deepEqual(ids(index, 'تجديد الهوية'), ['id-renew', 'civil-card']);
    index.add('passport-en', { name: 'Passport photo rules', facets: live('jawazat', 'travel') });
    assert.deepEqual(sorted(ids(index, 'جوازات السفر')), ['passport-en', 'passport-old', 'passport-renew']);
    assert.deepEqual(sorted(ids(index, 'passport')), ['passport-en', 'passport-old', 'passport-renew']);
    index.setSynonyms([]);
    assert.deepEqual(ids(index, 'هوية'), ['id-renew']);
  });

  it('ranks the word the user typed above its synonym', () => {
    const index = new SearchIndex<Service>({ fields });
    index.add('a', { name: 'بطاقة الأحوال' });
    index.add('b', { name: 'الهوية' });
    index.setSynonyms([['هوية', 'بطاقة الأحوال']]);
    assert.deepEqual(ids(index, 'الهوية'), ['b', 'a']);
  });

  it('still counts the words of a synonym phrase one by one where a document holds no member whole', () => {
    const index = new SearchIndex<Service>({ fields });
    index.add('rent-tax', { name: 'ضريبة الإيجار على المحلات' });
    index.add('shops', { name: 'ترخيص المحلات' });
    index.add('other', { name: 'خدمة أخرى' });
    // No group: «ضريبة» and «المحلات» of three words find rent-tax as a partial match.
    assert.equal(ids(index, 'ضريبة الأرباح المحلات')[0], 'rent-tax');
    // «ضريبة الأرباح» is now a member: rent-tax holds neither member whole, and keeps its partial match.
    index.setSynonyms([['ضريبة الأرباح', 'profit tax']]);
    assert.equal(ids(index, 'ضريبة الأرباح المحلات')[0], 'rent-tax');
    assert.ok(!ids(index, 'ضريبة الأرباح المحلات').includes('other'));
  });
});

describe('SearchIndex: ranking', () => {
  it('puts name matches above description matches', () => {
    const index = build();
    const hits = ids(index, 'مركبة');
    assert.equal(hits[0], 'vehicle-registration');
    assert.deepEqual(sorted(hits), ['vehicle-mention', 'vehicle-registration']);
    assert.equal(hits.at(-1), 'vehicle-mention');
  });

  it('puts live above retired when the text is the same', () => {
    const result = build().search('تجديد جواز السفر');
    assert.deepEqual(
      result.hits.map((h) => h.id),
      ['passport-renew', 'passport-old'],
    );
    assert.ok(result.hits[0].score > result.hits[1].score * 2);
  });

  it('puts the exact word above a completion, and a completion above a typo', () => {
    const index = new SearchIndex<Service>({ fields });
    index.add('typo', { name: 'gardne' });
    index.add('prefix', { name: 'gardenia' });
    index.add('exact', { name: 'garden' });
    assert.deepEqual(ids(index, 'garden'), ['exact', 'prefix', 'typo']);
  });

  it('puts the word itself above its other forms', () => {
    const index = new SearchIndex<Service>({ fields });
    index.add('plural', { name: 'الرخص' });
    index.add('singular', { name: 'رخصة' });
    assert.deepEqual(ids(index, 'رخصة', { prefix: false }), ['singular', 'plural']);
  });

  it('breaks ties by id', () => {
    const index = new SearchIndex<Service>({ fields });
    for (const id of ['c', 'a', 'd', 'b']) index.add(id, { name: 'خدمة' });
    const result = index.search('خدمة');
    assert.deepEqual(
      result.hits.map((h) => h.id),
      ['a', 'b', 'c', 'd'],
    );
    assert.equal(new Set(result.hits.map((h) => h.score)).size, 1);
  });

  it('pages through the same order it ranks', () => {
    const index = new SearchIndex<Service>({ fields });
    for (let i = 0; i < 300; i++) index.add(`s${String(i).padStart(3, '0')}`, { name: `خدمة ${i % 7 ? '' : 'خدمة'}`, boost: 1 + (i % 5) });
    const all = index.search('خدمة', { limit: 300 });
    assert.equal(all.total, 300);
    const pages: string[] = [];
    for (let offset = 0; offset < 300; offset += 40) pages.push(...index.search('خدمة', { limit: 40, offset }).hits.map((h) => h.id));
    assert.deepEqual(
      pages,
      all.hits.map((h) => h.id),
    );
    assert.deepEqual(index.search('خدمة', { limit: 10, offset: 295 }).hits.length, 5);
    for (let i = 1; i < all.hits.length; i++) assert.ok(all.hits[i - 1].score >= all.hits[i].score);
  });
});

describe('SearchIndex: filters and facets', () => {
  const index = build();

  it('counts facets over the matches', () => {
    const result = index.search('تجديد');
    assert.equal(result.total, 3);
    assert.deepEqual(result.facets.agency, { jawazat: 2, traffic: 1 });
    assert.deepEqual(result.facets.channel, { web: 2, app: 2, office: 1 });
    assert.deepEqual(result.facets.status, { live: 2, retired: 1 });
  });

  it('counts each facet with the other facets filters applied (disjunctive)', () => {
    const result = index.search('تجديد', { filters: { status: ['live'], agency: ['traffic'] } });
    assert.deepEqual(
      result.hits.map((h) => h.id),
      ['driving-licence'],
    );
    // agency counts ignore the agency filter but keep status=live: jawazat's live service still shows.
    assert.deepEqual(result.facets.agency, { jawazat: 1, traffic: 1 });
    // status counts ignore the status filter but keep agency=traffic.
    assert.deepEqual(result.facets.status, { live: 1 });
    // other facets see both filters.
    assert.deepEqual(result.facets.category, { vehicles: 1 });
  });

  it('ORs values within a facet and ANDs across facets', () => {
    assert.deepEqual(sorted(ids(index, '', { filters: { agency: ['traffic', 'ahwal'] } })), [
      'civil-card',
      'driving-licence',
      'vehicle-registration',
    ]);
    assert.deepEqual(sorted(ids(index, '', { filters: { agency: ['traffic', 'ahwal'], channel: ['app'] } })), ['driving-licence']);
    assert.deepEqual(ids(index, '', { filters: { agency: ['traffic'], category: ['identity'] } }), []);
  });

  it('keeps a chosen value visible at zero, and treats unknown facets as matching nothing', () => {
    const result = index.search('مستشفى', { filters: { agency: ['traffic'] } });
    assert.equal(result.total, 0);
    assert.deepEqual(result.facets.agency, { health: 1, traffic: 0 });
    assert.equal(index.search('', { filters: { colour: ['red'] } }).total, 0);
    assert.equal(index.search('', { filters: { agency: [] } }).total, Object.keys(catalogue).length);
  });

  it('counts only the facets asked for', () => {
    assert.deepEqual(Object.keys(index.search('تجديد', { facets: ['agency'] }).facets), ['agency']);
  });

  it('browses with an empty query: everything filtered, by boost then id', () => {
    const result = index.search('  ', { filters: { agency: ['jawazat', 'traffic'] } });
    assert.equal(result.total, 4);
    assert.deepEqual(
      result.hits.map((h) => h.id),
      ['driving-licence', 'passport-renew', 'vehicle-registration', 'passport-old'],
    );
    assert.equal(result.facets.category.vehicles, 2);
  });
});

describe('SearchIndex: keeping current', () => {
  it('adds, removes and replaces documents', () => {
    const index = build();
    assert.equal(index.size, Object.keys(catalogue).length);
    assert.throws(() => index.add('hospital', { name: 'x' }), /already indexed/);
    assert.equal(index.remove('hospital'), true);
    assert.equal(index.remove('hospital'), false);
    assert.deepEqual(ids(index, 'مستشفى'), []);
    assert.deepEqual(ids(index, 'مستشف'), []); // gone from prefixes too
    assert.deepEqual(ids(index, 'hospitl'), []); // and from typo look-ups
    index.replace('driving-licence', { name: 'إصدار رخصة قيادة مؤقتة', facets: live('traffic', 'vehicles') });
    assert.ok(!ids(index, 'تجديد').includes('driving-licence'));
    assert.deepEqual(ids(index, 'مؤقتة'), ['driving-licence']);
    index.replace('new-one', { name: 'مستشفى الولادة' });
    assert.deepEqual(ids(index, 'مستشفى'), ['new-one']);
    assert.equal(index.search('', { filters: { agency: ['health'] } }).total, 0);
  });

  it('rejects a bad boost', () => {
    const index = new SearchIndex<Service>({ fields });
    assert.throws(() => index.add('x', { name: 'a', boost: -1 }), RangeError);
    assert.throws(() => index.add('x', { name: 'a', boost: Number.NaN }), RangeError);
    assert.equal(index.size, 0);
  });

  it('agrees with a brute-force search through heavy churn', () => {
    // Deterministic pseudo-random corpus over a small vocabulary, with removals and re-adds that
    // reuse internal document numbers, compared with a plain scan of every document.
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const words = ['خدمة', 'الخدمات', 'رخصة', 'رخص', 'جواز', 'بالجواز', 'تأشيرة', 'مركبة', 'passport', 'renewal', 'visa', 'عمل'];
    const docs = new Map<string, Service>();
    const index = new SearchIndex<Service>({ fields });
    const randomDoc = (): Service => ({
      name: Array.from({ length: 1 + rand(3) }, () => words[rand(words.length)]).join(' '),
      description: Array.from({ length: rand(6) }, () => words[rand(words.length)]).join(' '),
      facets: { kind: [`k${rand(3)}`] },
    });
    for (let step = 0; step < 600; step++) {
      const id = `d${rand(120)}`;
      const action = rand(3);
      if (action === 0) {
        index.remove(id);
        docs.delete(id);
      } else {
        const doc = randomDoc();
        index.replace(id, doc);
        docs.set(id, doc);
      }
    }
    const stemsOf = (doc: Service) => new Set(analyze(`${doc.name} ${doc.description}`).map((t) => t.stem));
    for (const query of ['خدمة', 'رخصة جواز', 'passports', 'عمل مركبة', 'تأشيرة visa']) {
      const want = analyze(query).map((t) => t.stem);
      const expected = [...docs].filter(([, d]) => want.every((s) => stemsOf(d).has(s))).map(([id]) => id);
      // Every document matching every word, and (when the query relaxed) others matching only some.
      const r = index.search(query, { prefix: false, limit: 1000 });
      assert.deepEqual(sorted(r.hits.filter((h) => h.coverage === 1).map((h) => h.id)), sorted(expected), query);
      if (!r.relaxed) assert.equal(r.total, expected.length, query);
      const filtered = expected.filter((id) => docs.get(id)?.facets?.kind?.[0] === 'k1');
      const f = index.search(query, { prefix: false, limit: 1000, filters: { kind: ['k1'] } });
      assert.equal(f.hits.filter((h) => h.coverage === 1).length, filtered.length);
    }
    assert.equal(index.size, docs.size);
  });
});
