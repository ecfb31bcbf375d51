import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Parser, Writer } from 'n3';
import { type TestApp, testApp } from '../../../../test/helpers/app.ts';
import { buildService } from '../../../../test/helpers/catalog.ts';
import { buildAgency } from '../../../../test/helpers/factories.ts';
import type { MessageKey } from '../../../messages.ts';
import type { Figure, ReportFilter } from '../reports.panels.ts';
import { reportPanel } from '../reports.panels.ts';
import { buildOpenData, columns, lastMonths } from './build.ts';
import { complementary, type Group, primaryCell, THRESHOLD } from './suppress.ts';
import { validateDcat, validateDcatJsonLd } from './validate.ts';

// Open data: small counts suppressed so they cannot be subtracted back; a fixture provider's figures
// land in the files as hand-computed; the DCAT-AP catalogue conforms to the official SHACL shapes in
// both serialisations; the page lists every dataset in both languages; bad query strings are 4xx.

describe('open data: suppression', () => {
  it('hides counts of 1 to 4, publishes 0 and 5+, and publishes a rate only over a base of 5 or more', () => {
    assert.equal(THRESHOLD, 5);
    assert.deepEqual(primaryCell(3, 'count'), { value: null, suppressed: true, additive: true });
    assert.deepEqual(primaryCell(0, 'count'), { value: 0, suppressed: false, additive: true });
    assert.deepEqual(primaryCell(5, 'count'), { value: 5, suppressed: false, additive: true });
    assert.equal(primaryCell(0.5, 'ratio', 4).suppressed, true);
    assert.equal(primaryCell(0.5, 'ratio').suppressed, true, 'a rate whose base is not stated is not published');
    assert.equal(primaryCell(0.5, 'ratio', 5).value, 0.5);
    assert.deepEqual(primaryCell(71.5, 'score'), { value: 71.5, suppressed: false, additive: false });
    assert.deepEqual(primaryCell(null, 'count'), { value: null, suppressed: false, additive: true });
  });

  it('suppresses a second part when one alone would be given away by the total, across groups that share cells', () => {
    const cell = (raw: number) => ({ ...primaryCell(raw, 'count'), raw });
    // Agencies a, b, c in two months; the nation's total of each month is published.
    const [a1, b1, c1, a2, b2, c2] = [cell(12), cell(3), cell(0), cell(20), cell(9), cell(7)];
    const [n1, n2] = [cell(15), cell(36)];
    // And each agency's two months add up to a yearly figure someone may publish.
    const groups: Group[] = [
      { total: n1, parts: [a1, b1, c1] },
      { total: n2, parts: [a2, b2, c2] },
      { parts: [a1, a2] },
      { parts: [b1, b2] },
      { parts: [c1, c2] },
    ];
    complementary(groups);
    // b1 (3) is suppressed; in month 1 the smallest other, c1 (0), goes too; then b's and c's own
    // pairs each have one hidden cell, so b2 (9) and c2 (7) go, which leaves month 2 with two.
    assert.deepEqual(
      [a1, b1, c1, a2, b2, c2].map((c) => c.suppressed),
      [false, true, true, false, true, true],
    );
    for (const g of groups) assert.notEqual(g.parts.filter((p) => p.suppressed).length, 1);
    assert.equal(n1.value, 15);
    assert.equal(b1.value, null);
  });

  it('suppresses the total when the only hidden part has no sibling to hide with it', () => {
    const total = { ...primaryCell(3, 'count'), raw: 3 };
    const part = { ...primaryCell(3, 'count'), raw: 3 };
    const big = { ...primaryCell(40, 'count'), raw: 40 };
    complementary([
      { total: big, parts: [part] },
      { total, parts: [] },
    ]);
    assert.equal(big.suppressed, true);
  });
});

/** A provider with hand-set figures per agency code, the same every month (the nation is their sum). */
const ratings: Record<string, number> = { 'od-a': 12, 'od-b': 3, 'od-c': 0 };
const satisfied: Record<string, number> = { 'od-a': 9, 'od-b': 2, 'od-c': 0 };
const scores: Record<string, number> = { 'od-a': 81.5, 'od-b': 64, 'od-c': 40.25 };

describe('open data: files, catalogue and page', () => {
  let t: TestApp;
  const codeOf = new Map<number, string>();
  const month = lastMonths(new Date())[11];
  const seen: ReportFilter[] = [];

  before(async () => {
    t = await testApp();
    for (const code of Object.keys(ratings)) {
      const a = await buildAgency(t.deps, { code, name_ar: `جهة ${code}`, name_en: `Agency ${code}` });
      codeOf.set(a.id, code);
    }
    t.deps.extensions.add(
      reportPanel({
        name: 'odfixture',
        order: 0,
        load: async (_deps, f) => {
          seen.push(f);
          const codes = f.agencyId ? [codeOf.get(f.agencyId)].filter((c) => c !== undefined) : Object.keys(ratings);
          const sum = (m: Record<string, number>) => codes.reduce((s, c) => s + m[c], 0);
          const n = sum(ratings);
          const label = 'opendata.nav' as MessageKey;
          const figures: Figure[] = [
            {
              id: 'odfixture.ratings',
              label,
              value: n,
              unit: 'count',
              series: [
                { label: 'web', name: { ar: 'الويب', en: 'Web' }, value: Math.round(n * 0.75) },
                { label: 'app', name: { ar: 'التطبيق', en: 'App' }, value: n - Math.round(n * 0.75) },
              ],
            },
            { id: 'odfixture.csat', label, value: n ? sum(satisfied) / n : null, unit: 'ratio', base: n },
          ];
          if (f.agencyId) figures.push({ id: 'odfixture.score', label, value: scores[codes[0] as string] ?? null, unit: 'score' });
          figures.push({ id: 'odfixture.national', label, value: 2, unit: 'count', nationalOnly: true });
          return { section: 'loop', title: label, figures };
        },
      }),
    );
  });
  after(() => t.close());

  it('builds each month nationally and per agency, for open data, with the values as computed by hand', async () => {
    const data = await buildOpenData(t.deps, { months: [month] });
    assert.ok(seen.every((f) => f.open === true));
    assert.ok(seen.some((f) => f.agencyId === undefined));
    const d = data.datasets.find((x) => x.id === 'odfixture');
    assert.ok(d, 'the fixture provider has a dataset');
    assert.equal(d.from, month);
    const get = (agency: string | null, figure: string, category: string | null = null) => {
      const r = d.rows.find((x) => x.agency === agency && x.figure === `odfixture.${figure}` && x.category === category);
      assert.ok(r, `${agency} ${figure} ${category}`);
      return [r.value, r.suppressed];
    };
    // Ratings: a 12, b 3 (suppressed), c 0; the nation 15. b alone hidden would be 15 − 12 − 0, so c goes too.
    assert.deepEqual(get(null, 'ratings'), [15, false]);
    assert.deepEqual(get('od-a', 'ratings'), [12, false]);
    assert.deepEqual(get('od-b', 'ratings'), [null, true]);
    assert.deepEqual(get('od-c', 'ratings'), [null, true]);
    // By channel: the nation 11 + 4 (app 4 hidden, so web 11 is hidden too: 15 − 11 = 4); a 9 + 3 → both hidden; b 2 + 1.
    assert.deepEqual(get(null, 'ratings', 'web'), [null, true]);
    assert.deepEqual(get(null, 'ratings', 'app'), [null, true]);
    assert.deepEqual(get('od-a', 'ratings', 'web'), [null, true]);
    assert.deepEqual(get('od-a', 'ratings', 'app'), [null, true]);
    // CSAT: a 9/12 = 0.75 over 12, b 2/3 over 3 (hidden), c nothing; the nation 11/15. b alone hidden
    // would be (11 − 9) / (15 − 12), so a's is hidden too, and the nation's stays.
    assert.deepEqual(get(null, 'csat'), [11 / 15, false]);
    assert.deepEqual(get('od-a', 'csat'), [null, true]);
    assert.deepEqual(get('od-b', 'csat'), [null, true]);
    assert.deepEqual(get('od-c', 'csat'), [null, false]);
    // Scores are about agencies and are published as they are.
    assert.deepEqual(get('od-b', 'score'), [64, false]);
    // A national-only figure has no agency rows.
    assert.equal(d.rows.filter((r) => r.figure === 'odfixture.national' && r.agency !== null).length, 0);
    assert.deepEqual(get(null, 'national'), [null, true]);
    // Names in both languages.
    const a = d.rows.find((r) => r.agency === 'od-a' && r.category === 'web');
    assert.equal(a?.agency_en, 'Agency od-a');
    assert.equal(a?.category_ar, 'الويب');
  });

  it("carries a real module's figures through its report panel: the catalog's services offered, hand-counted", async () => {
    // od-a offers 7 services, od-b 2 (suppressed, and so od-c's 0 with it, the smallest other: 9 − 7 − 0 would give it).
    const ids = [...codeOf.entries()];
    const idOf = (code: string) => ids.find(([, c]) => c === code)?.[0] as number;
    for (let i = 0; i < 7; i++) await buildService(t.deps, idOf('od-a'));
    for (let i = 0; i < 2; i++) await buildService(t.deps, idOf('od-b'));
    // They were published during the month; one more, published after it, is not counted in it.
    await t.deps.db
      .updateTable('service_versions')
      .set({ published_at: `${month}-15T09:00:00.000Z` })
      .execute();
    await buildService(t.deps, idOf('od-a'));
    const data = await buildOpenData(t.deps, { months: [month] });
    const d = data.datasets.find((x) => x.id === 'catalog');
    assert.ok(d, 'the catalog provides a dataset');
    const offered = (agency: string | null) => {
      const r = d.rows.find((x) => x.agency === agency && x.figure === 'catalog.offered' && x.category === null);
      return r && [r.value, r.suppressed];
    };
    assert.deepEqual(offered(null), [9, false]);
    assert.deepEqual(offered('od-a'), [7, false]);
    assert.deepEqual(offered('od-b'), [null, true]);
    assert.deepEqual(offered('od-c'), [null, true]);
    assert.equal(d.rows.find((r) => r.agency === 'od-a')?.agency_ar, 'جهة od-a');

    // In every dataset, no group of cells that add up has exactly one hidden: none can be subtracted back.
    for (const ds of data.datasets) {
      const groups = new Map<string, number>();
      for (const r of ds.rows) {
        if (r.unit === 'score') continue;
        const keys = [
          r.agency === null ? null : JSON.stringify([r.month, r.figure, r.category, r.unit]),
          r.category === null ? null : JSON.stringify([r.month, r.agency, r.figure, r.unit]),
        ];
        for (const k of keys) if (k) groups.set(k, (groups.get(k) ?? 0) + (r.suppressed ? 1 : 0));
      }
      for (const [k, hidden] of groups) assert.notEqual(hidden, 1, `${ds.id} ${k}`);
    }
  });

  it('serves the dataset as CSV and JSON at stable addresses, public and cacheable, with no small number in them', async () => {
    const csv = await t.app.inject(`/open-data/odfixture.csv?from=${month}&to=${month}`);
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['cache-control']), /public, max-age=\d+/);
    const lines = csv.body.trimEnd().split('\r\n');
    assert.equal(lines[0], columns.join(','));
    const b = lines.find((l) => l.startsWith(`${month},od-b,`) && l.includes(',odfixture.ratings,'));
    assert.ok(b);
    assert.match(b, /,count,,true$/);
    const national = lines.find((l) => l.startsWith(`${month},,`) && l.includes(',odfixture.ratings,') && /,count,15,false$/.test(l));
    assert.ok(national, 'the national count is published');

    const json = await t.app.inject(`/open-data/odfixture.json?agency=od-a&from=${month}`);
    assert.equal(json.statusCode, 200);
    const body = json.json();
    assert.equal(body.dataset, 'odfixture');
    assert.equal(body.threshold, 5);
    assert.ok(body.rows.length > 0);
    assert.ok(body.rows.every((r: { agency: string }) => r.agency === 'od-a'));
    const nation = (await t.app.inject('/open-data/odfixture.json?agency=national')).json();
    assert.ok(nation.rows.every((r: { agency: string | null }) => r.agency === null));

    // Every suppressed cell has no value, and no cell between 1 and 4 is published for a count.
    for (const r of (await t.app.inject('/open-data/odfixture.json')).json().rows as {
      unit: string;
      value: number | null;
      suppressed: boolean;
    }[]) {
      if (r.suppressed) assert.equal(r.value, null);
      if (r.unit === 'count' && r.value !== null) assert.ok(r.value === 0 || r.value >= 5, JSON.stringify(r));
    }

    const etag = (await t.app.inject('/open-data/odfixture.csv')).headers.etag as string;
    assert.equal((await t.app.inject({ url: '/open-data/odfixture.csv', headers: { 'if-none-match': etag } })).statusCode, 304);
  });

  it('answers bad addresses and query strings with 4xx, field by field in both languages', async () => {
    for (const q of [
      'from=2026-13',
      'to=26-01',
      'agency=<b>',
      'agency=A%00',
      'from=2026-05&to=2026-01',
      'x=1',
      'from[]=2026-01',
      'from=2026-01&from=2026-02',
    ]) {
      const res = await t.app.inject(`/open-data/odfixture.csv?${q}`);
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${q}: ${res.statusCode}`);
    }
    const res = await t.app.inject({ url: '/open-data/odfixture.json?from=2026-13', headers: { accept: 'application/json' } });
    assert.equal(res.statusCode, 400);
    for (const path of ['/open-data/nothing.csv', '/open-data/odfixture.xml', '/open-data/..%2Fsecret.csv', '/open-data/ODFIXTURE.csv']) {
      assert.equal((await t.app.inject(path)).statusCode, 404, path);
    }
  });

  it('describes every dataset in DCAT-AP that conforms to the official shapes, as JSON-LD and as Turtle', async () => {
    const res = await t.app.inject('/open-data/catalog.jsonld');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/ld\+json/);
    assert.match(String(res.headers['cache-control']), /public/);
    const doc = res.json();
    const report = await validateDcatJsonLd(doc);
    assert.ok(report.conforms, JSON.stringify(report.violations, null, 1));
    assert.ok(report.quads > 50);

    const nodes = doc['@graph'] as Record<string, unknown>[];
    const base = t.config.baseUrl.replace(/\/+$/, '');
    const ds = nodes.find((n) => n['@id'] === `${base}/open-data/odfixture`);
    assert.ok(ds);
    assert.equal(ds['@type'], 'dcat:Dataset');
    const langsOf = (v: unknown) => (v as { '@language': string }[]).map((x) => x['@language']).sort();
    assert.deepEqual(langsOf(ds['dct:title']), ['ar', 'en']);
    assert.deepEqual(langsOf(ds['dct:description']), ['ar', 'en']);
    assert.deepEqual(ds['dct:accrualPeriodicity'], { '@id': 'http://publications.europa.eu/resource/authority/frequency/MONTHLY' });
    const dist = nodes.filter((n) => n['@type'] === 'dcat:Distribution' && String(n['@id']).startsWith(`${base}/open-data/odfixture#`));
    assert.deepEqual(dist.map((d) => (d['dcat:downloadURL'] as { '@id': string })['@id']).sort(), [
      `${base}/open-data/odfixture.csv`,
      `${base}/open-data/odfixture.json`,
    ]);
    assert.ok(dist.every((d) => (d['dct:license'] as { '@id': string })['@id'] === 'https://creativecommons.org/licenses/by/4.0/'));
    const period = nodes.find((n) => n['@id'] === `${base}/open-data/odfixture#period`);
    assert.ok(period?.['dcat:startDate'] && period['dcat:endDate']);
    // The catalog's CPSV-AP export is a dataset of the catalogue.
    const cpsv = nodes.find((n) => n['@id'] === `${base}/open-data/catalog-cpsv`);
    assert.ok(cpsv);
    assert.ok(nodes.some((n) => (n['dcat:accessURL'] as { '@id': string } | undefined)?.['@id'] === `${base}/api/v1/catalog.jsonld`));
    const catalog = nodes.find((n) => n['@type'] === 'dcat:Catalog');
    // The catalogue and the catalog module's dataset are two nodes.
    assert.ok(nodes.some((n) => n['@id'] === `${base}/open-data/catalog` && n['@type'] === 'dcat:Dataset'));
    assert.equal(new Set(nodes.map((n) => n['@id'])).size, nodes.length);
    assert.ok(((catalog?.['dcat:dataset'] as unknown[] | undefined) ?? []).length >= 2);

    // Every download the catalogue names answers.
    for (const d of nodes.filter((n) => n['@type'] === 'dcat:Distribution')) {
      const url = new URL((d['dcat:downloadURL'] as { '@id': string })['@id']);
      assert.equal((await t.app.inject(url.pathname)).statusCode, 200, url.pathname);
    }

    const ttl = await t.app.inject('/open-data/catalog.ttl');
    assert.equal(ttl.statusCode, 200);
    assert.match(String(ttl.headers['content-type']), /^text\/turtle/);
    assert.match(ttl.body, /@prefix dcat: <http:\/\/www\.w3\.org\/ns\/dcat#>/);
    const quads = new Parser({ format: 'Turtle' }).parse(ttl.body);
    assert.equal(quads.length, report.quads);
    const nt = await new Promise<string>((resolve, reject) => {
      const w = new Writer({ format: 'N-Triples' });
      w.addQuads(quads);
      w.end((err, out) => (err ? reject(err) : resolve(out)));
    });
    const fromTurtle = await validateDcat(nt);
    assert.ok(fromTurtle.conforms, JSON.stringify(fromTurtle.violations, null, 1));
  });

  it('the shapes catch a catalogue that breaks DCAT-AP (so a pass means something)', async () => {
    const doc = (await t.app.inject('/open-data/catalog.jsonld')).json();
    for (const n of doc['@graph'] as Record<string, unknown>[]) {
      if (n['@type'] === 'dcat:Distribution') delete n['dcat:accessURL'];
      if (n['@type'] === 'dcat:Dataset') n['dct:accrualPeriodicity'] = { '@value': 'monthly' };
    }
    const report = await validateDcatJsonLd(doc);
    assert.equal(report.conforms, false);
    const paths = new Set(report.violations.map((v) => v.path));
    assert.ok(paths.has('http://www.w3.org/ns/dcat#accessURL'), [...paths].join(' '));
    assert.ok(paths.has('http://purl.org/dc/terms/accrualPeriodicity'), [...paths].join(' '));
  });

  it('lists the datasets on a public page in both languages, with formats, licence, frequency and period, without JavaScript', async () => {
    for (const [lang, title, frequency] of [
      ['ar', 'الدليل الوطني للخدمات الإلكترونية (CPSV-AP)', 'شهرياً'],
      ['en', 'National e-services catalogue (CPSV-AP)', 'Monthly'],
    ] as const) {
      const res = await t.app.inject(`/${lang}/open-data`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes(title), lang);
      assert.ok(res.body.includes(frequency), lang);
      assert.ok(res.body.includes('href="/open-data/odfixture.csv"'));
      assert.ok(res.body.includes('href="/open-data/odfixture.json"'));
      assert.ok(res.body.includes('href="/open-data/catalog.ttl"'));
      assert.ok(res.body.includes('CC BY 4.0'));
    }
  });
});
