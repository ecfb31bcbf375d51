import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import jsonld from 'jsonld';
import { serviceData } from '../catalog.schema.ts';
import { agencies, BASE, catalogue, minimal, randomServices, rich, richService, terms } from './cpsv.fixtures.ts';
import { jsonLdScriptContent, serviceToSchemaOrg, toCpsvJsonLd } from './export.ts';
import { fromCpsvJsonLd, JsonLdRefused } from './import.ts';
import { formatViolations, validateCpsv } from './validate.ts';

type Doc = { '@context': object; '@graph': Record<string, unknown>[] };
const exportOf = (services = catalogue) => toCpsvJsonLd({ baseUrl: BASE, services, agencies, terms }) as Doc;
const node = (doc: Doc, id: string) => doc['@graph'].find((n) => n['@id'] === id) as Record<string, unknown>;
const svcIri = (identifier: string) => `${BASE}/id/service/${identifier}`;

async function assertConforms(doc: object) {
  const r = await validateCpsv(doc);
  assert.ok(r.quads > 50, `only ${r.quads} quads`);
  assert.equal(r.conforms, true, `CPSV-AP 3.2.0 SHACL violations:\n${formatViolations(r.violations)}`);
}

describe('CPSV-AP 3.2 export against the official SHACL shapes', () => {
  test('one rich service conforms', async () => {
    await assertConforms(exportOf([richService]));
  });

  test('a catalogue of several agencies and services, optional parts present and absent, conforms', async () => {
    const doc = exportOf();
    assert.equal(doc['@graph'].filter((n) => n['@type'] === 'cpsv:PublicService').length, catalogue.length);
    assert.equal(doc['@graph'].filter((n) => String(n['@id']).match(/\/id\/agency\/[^/]+$/)).length, 3);
    await assertConforms(doc);
  });

  test('the validation can fail: a service without dct:identifier does not conform', async () => {
    const doc = exportOf();
    delete node(doc, svcIri('enquiry'))['dct:identifier'];
    const r = await validateCpsv(doc);
    assert.equal(r.conforms, false);
    const v = r.violations.find((x) => x.focusNode === svcIri('enquiry'));
    assert.ok(v, formatViolations(r.violations));
    assert.equal(v.path, 'http://purl.org/dc/terms/identifier');
    assert.equal(v.constraint, 'MinCountConstraintComponent');
  });

  test('the validation can fail: class, datatype and cardinality constraints are checked', async () => {
    const doc = exportOf([richService]);
    node(doc, `${BASE}/id/agency/mc`)['@type'] = 'cv:PublicOrganisation'; // no longer an org:Organization (cv:ownedBy)
    node(doc, svcIri('commercial-registration'))['cv:processingTime'] = { '@value': 'P2W', '@type': 'xsd:duration' }; // weeks are not xsd
    node(doc, svcIri('commercial-registration'))['adms:status'] = [
      { '@id': `${BASE}/vocab/status/live` },
      { '@id': `${BASE}/vocab/status/beta` },
    ];
    const r = await validateCpsv(doc);
    assert.equal(r.conforms, false);
    const found = new Set(r.violations.map((v) => `${v.constraint} ${v.path?.replace(/^.*[/#]/, '')}`));
    for (const k of [
      'ClassConstraintComponent ownedBy',
      'DatatypeConstraintComponent processingTime',
      'MaxCountConstraintComponent status',
    ])
      assert.ok(found.has(k), `${k} missing from:\n${formatViolations(r.violations)}`);
  });

  test('stable IRIs, bilingual literals, SAR currency, KSA spatial, durations without weeks', () => {
    const doc = exportOf([richService]);
    const s = node(doc, svcIri('commercial-registration'));
    assert.deepEqual(s['dct:title'], [
      { '@value': rich.name.ar, '@language': 'ar' },
      { '@value': rich.name.en, '@language': 'en' },
    ]);
    assert.deepEqual(s['cv:hasCompetentAuthority'], { '@id': `${BASE}/id/agency/mc` });
    assert.deepEqual((s['cv:hasChannel'] as object[])[1], { '@id': `${svcIri('commercial-registration')}/channel/2` });
    assert.deepEqual(s['cv:processingTime'], { '@value': 'P9DT3H', '@type': 'xsd:duration' });
    const cost = node(doc, `${svcIri('commercial-registration')}/cost/1`);
    assert.deepEqual(cost['cv:currency'], { '@id': 'http://publications.europa.eu/resource/authority/currency/SAR' });
    assert.deepEqual(cost['cv:ifAccessedThrough'], { '@id': `${svcIri('commercial-registration')}/channel/1` });
    assert.deepEqual(node(doc, `${BASE}/id/agency/mc`)['dct:spatial'], {
      '@id': 'http://publications.europa.eu/resource/authority/country/SAU',
    });
    assert.deepEqual(exportOf([richService]), doc, 'the export is deterministic');
  });

  test('URLs with characters IRIs forbid are exported percent-encoded, and still conform', async () => {
    const data = serviceData.parse({ ...minimal, channels: [{ type: 'web', url: 'https://e.gov.sa/a b/{x}|"q"' }] });
    const doc = exportOf([{ ...richService, data }]);
    await assertConforms(doc);
    const { items } = await fromCpsvJsonLd(doc);
    assert.equal(serviceData.parse(items[0].data).channels[0].url, 'https://e.gov.sa/a%20b/%7Bx%7D%7C%22q%22');
  });

  test('an unknown agency is an error, not a silent gap', () => {
    assert.throws(() => exportOf([{ ...richService, agency_id: 99 }]), /unknown agency 99/);
  });
});

describe('CPSV-AP import', () => {
  test('round trip: every service of the catalogue comes back equal after serviceData.parse', async () => {
    const { items, warnings } = await fromCpsvJsonLd(exportOf());
    assert.deepEqual(warnings, []);
    assert.equal(items.length, catalogue.length);
    for (const [i, svc] of catalogue.entries()) {
      const item = items[i];
      assert.deepEqual(item.errors, [], svc.identifier);
      assert.equal(item.index, i);
      assert.equal(item.identifier, svc.identifier);
      assert.equal(item.agencyCode, agencies.get(svc.agency_id)?.code);
      assert.deepEqual(serviceData.parse(item.data), svc.data, svc.identifier);
    }
  });

  test('round trip property: 60 random valid services come back equal, and their export conforms', async () => {
    const services = randomServices(60);
    const doc = exportOf(services);
    const { items, warnings } = await fromCpsvJsonLd(doc);
    assert.deepEqual(warnings, []);
    for (const [i, svc] of services.entries()) {
      assert.deepEqual(items[i].errors, [], svc.identifier);
      assert.deepEqual(serviceData.parse(items[i].data), svc.data, svc.identifier);
    }
    await assertConforms(doc);
  });

  test('round trip from a JSON string and from another compaction (no prefixes, other context)', async () => {
    const doc = exportOf();
    assert.deepEqual(serviceData.parse((await fromCpsvJsonLd(JSON.stringify(doc))).items[0].data), rich);
    const expanded = await jsonld.expand(doc as jsonld.JsonLdDocument);
    const recompacted = await jsonld.compact(expanded, {
      ps: 'http://purl.org/vocab/cpsv#',
      title: { '@id': 'http://purl.org/dc/terms/title', '@container': '@language' },
    });
    const { items } = await fromCpsvJsonLd(recompacted);
    assert.deepEqual(
      items.map((it) => serviceData.parse(it.data)),
      catalogue.map((s) => s.data),
    );
  });

  test('round trip through RDF (N-Quads and back): parts keep their order, sets their members', async () => {
    const nquads = await jsonld.toRDF(exportOf() as jsonld.JsonLdDocument, { format: 'application/n-quads' });
    const fromRdf = await jsonld.fromRDF(nquads as unknown as string, { format: 'application/n-quads' });
    const { items } = await fromCpsvJsonLd(fromRdf);
    const sets = (d: typeof rich) => ({
      ...d,
      audiences: [...d.audiences].sort(),
      categories: [...d.categories].sort(),
      life_events: [...d.life_events].sort(),
      business_events: [...d.business_events].sort(),
      keywords: { ar: [...d.keywords.ar].sort(), en: [...d.keywords.en].sort() },
    });
    const byId = new Map(items.map((it) => [it.identifier, it]));
    for (const svc of catalogue) {
      const it = byId.get(svc.identifier);
      assert.deepEqual(it?.errors, []);
      assert.deepEqual(sets(serviceData.parse(it?.data)), sets(svc.data), svc.identifier);
    }
  });

  test('a third-party document in the SEMIC style (class names from the CPSV-AP context, Arabic and English)', async () => {
    const doc = {
      '@context': [
        'https://semiceu.github.io/uri.semic.eu-generated/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld',
        {
          cpsv: 'http://purl.org/vocab/cpsv#',
          cv: 'http://data.europa.eu/m8g/',
          dct: 'http://purl.org/dc/terms/',
          adms: 'http://www.w3.org/ns/adms#',
          skos: 'http://www.w3.org/2004/02/skos/core#',
          ex: 'http://example.com/',
        },
      ],
      '@graph': [
        {
          '@id': 'ex:ps1',
          '@type': 'PublicService',
          'dct:identifier': 'passport-renewal',
          'dct:title': [
            { '@language': 'ar-SA', '@value': 'تجديد الجواز' },
            { '@language': 'en', '@value': 'Passport renewal' },
          ],
          'dct:description': [
            { '@language': 'ar', '@value': 'تجديد جواز السفر' },
            { '@language': 'en', '@value': 'Renew a passport' },
            { '@language': 'fr', '@value': 'Renouveler' },
          ],
          'cv:hasCompetentAuthority': { '@id': 'ex:org1' },
          'cv:hasChannel': [{ '@id': 'ex:ch1' }],
          'cv:hasCost': {
            '@type': 'Cost',
            'dct:identifier': 'c1',
            'cv:hasValue': { '@value': '3E2', '@type': 'xsd:double' },
            'cv:currency': { '@id': 'http://publications.europa.eu/resource/authority/currency/SAR' },
          },
          'adms:status': { '@id': 'http://purl.org/adms/status/Completed' },
          'dct:audience': { '@id': 'http://example.com/audience/aliens' },
        },
        {
          '@id': 'ex:org1',
          '@type': 'PublicOrganization',
          'dct:identifier': 'gdp',
          'skos:prefLabel': { '@language': 'en', '@value': 'Passports' },
          'PublicOrganization.spatial': { '@id': 'ex:x' },
        },
        {
          '@id': 'ex:ch1',
          '@type': 'Channel',
          'dct:identifier': 'ch1',
          'dct:type': { '@id': 'http://data.europa.eu/snb/com-channel/b37115f83e' },
        },
      ],
    };
    const { items, warnings } = await fromCpsvJsonLd(doc);
    assert.equal(items.length, 1);
    const [it] = items;
    assert.equal(it.identifier, 'passport-renewal');
    assert.equal(it.agencyCode, 'gdp');
    const data = it.data as Record<string, unknown>;
    assert.deepEqual(data.name, { ar: 'تجديد الجواز', en: 'Passport renewal' });
    assert.deepEqual(data.description, { ar: 'تجديد جواز السفر', en: 'Renew a passport' });
    assert.deepEqual(data.fees, [{ amount: 300, currency: 'SAR' }]);
    assert.equal(data.status, 'live');
    assert.ok(
      it.errors.some((e) => e.includes('aliens')),
      it.errors.join('\n'),
    );
    assert.ok(
      it.errors.some((e) => e.includes('channel 1 dct:type')),
      it.errors.join('\n'),
    );
    assert.ok(
      warnings.some((w) => w.includes('PublicOrganization.spatial')),
      `a term the context leaves undefined is reported: ${warnings.join('; ')}`,
    );
    const parsed = serviceData.safeParse(data);
    assert.equal(parsed.success, false, 'no maturity, unknown audience and channel type: the caller reports them');
  });

  test('no network: remote contexts other than the SEMIC CPSV-AP one are refused', async () => {
    await assert.rejects(
      fromCpsvJsonLd({ '@context': 'https://example.org/ctx.jsonld', '@id': 'x' }),
      (e) => e instanceof JsonLdRefused && e.reason === 'remote_context' && e.params.url === 'https://example.org/ctx.jsonld',
    );
    await assert.rejects(fromCpsvJsonLd('{not json'), /not readable JSON-LD/);
  });

  test('missing competent authority and identifier are reported per item', async () => {
    const doc = exportOf([{ ...richService, data: minimal }]);
    const s = node(doc, svcIri('commercial-registration'));
    delete s['cv:hasCompetentAuthority'];
    delete s['dct:identifier'];
    s['@id'] = 'urn:uuid:1';
    const { items } = await fromCpsvJsonLd(doc);
    assert.equal(items[0].identifier, undefined);
    assert.equal(items[0].agencyCode, undefined);
    assert.deepEqual(items[0].errors, ['the service has no dct:identifier', 'the service has no cv:hasCompetentAuthority']);
  });
});

describe('schema.org GovernmentService', () => {
  test('carries name, provider, area, audience, channels, offers and url in the page language', () => {
    const ar = serviceToSchemaOrg(richService, agencies.get(1)!, `${BASE}/`, 'ar', terms) as Record<string, any>;
    assert.equal(ar['@context'], 'https://schema.org');
    assert.equal(ar['@type'], 'GovernmentService');
    assert.equal(ar.name, rich.name.ar);
    assert.equal(ar.url, `${BASE}/ar/services/commercial-registration`);
    assert.equal(ar.provider['@type'], 'GovernmentOrganization');
    assert.equal(ar.provider.name, 'وزارة التجارة');
    assert.equal(ar.areaServed.name, 'المملكة العربية السعودية');
    assert.equal(ar.serviceType, 'الأعمال، unknown-category');
    assert.equal(ar.availableChannel.length, 4);
    assert.equal(ar.availableChannel[0].serviceUrl, rich.channels[0].url);
    assert.deepEqual(ar.availableChannel[2].servicePhone, { '@type': 'ContactPoint', telephone: '+966 11 401 2222' });
    assert.deepEqual(ar.offers[0], { '@type': 'Offer', price: 200, priceCurrency: 'SAR', description: 'رسوم الإصدار لسنة واحدة' });
    assert.equal(ar.audience.find((a: any) => a['@type'] === 'BusinessAudience').audienceType, 'قطاع الأعمال');

    const en = serviceToSchemaOrg({ ...richService, data: minimal }, agencies.get(2)!, BASE, 'en') as Record<string, any>;
    assert.equal(en.name, 'Enquiry');
    assert.equal(en.areaServed.name, 'Saudi Arabia');
    assert.equal(en.offers, undefined, 'no fees, no offers');
    assert.equal(en.serviceType, undefined);
    assert.equal(en.provider.url, undefined);
  });

  test('the script content cannot close its element', () => {
    const s = jsonLdScriptContent({ name: '</script><script>alert(1)</script>' });
    assert.ok(!s.includes('</script>'));
    assert.deepEqual(JSON.parse(s), { name: '</script><script>alert(1)</script>' });
  });
});
