import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { lifeEventTerms } from '../../../demo/catalog.terms.ts';
import { serviceData } from '../catalog.schema.ts';
import { agencies, BASE, minimalInput, terms } from './cpsv.fixtures.ts';
import { toCpsvJsonLd } from './export.ts';
import { fromCpsvJsonLd } from './import.ts';
import { EU_LIFE_EVENT_SCHEME, euLifeEvents, lifeEventMapping, yusrLifeEventOf } from './life-events.ts';
import { formatViolations, validateCpsv } from './validate.ts';

// The EU life events mapping (issue 13): the table is the copied vocabulary's, every mapped code is
// a default Yusr term, export types mapped events with their EU concept (and still conforms to the
// CPSV-AP 3.2.0 shapes), import reads EU concepts however a file gives them, and a round trip keeps
// Yusr's exact terms.

const TTL = new URL('./eu-life-events-2023-03-22.ttl', import.meta.url);

describe('EU life events', () => {
  test('the table is the copied vocabulary, unchanged since its source note', () => {
    const ttl = readFileSync(TTL);
    const source = readFileSync(new URL('./SOURCE.md', import.meta.url), 'utf8');
    assert.ok(source.includes(createHash('sha256').update(ttl).digest('hex')), 'SOURCE.md names the file’s sha256');
    const concepts = [...ttl.toString('utf8').matchAll(/^le:(\w+) a skos:Concept;[\s\S]*?skos:prefLabel "([^"]+)"@en/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    assert.equal(concepts.length, 13);
    assert.deepEqual(Object.fromEntries(concepts), Object.fromEntries(Object.entries(euLifeEvents).map(([k, v]) => [k, v.en])));
    for (const v of Object.values(euLifeEvents)) assert.ok(/[\u0600-\u06FF]/.test(v.ar), `${v.en} has an Arabic label`);
  });

  test('every mapped code is one of Yusr’s default life events, each mapped once', () => {
    const defaults = new Set(lifeEventTerms.map((t) => t.code));
    for (const [yusr] of lifeEventMapping) assert.ok(defaults.has(yusr), `${yusr} is a default term`);
    assert.equal(new Set(lifeEventMapping.map(([y]) => y)).size, lifeEventMapping.length);
    assert.deepEqual(
      lifeEventTerms.map((t) => t.code).filter((c) => !lifeEventMapping.some(([y]) => y === c)),
      [],
      'every default life event maps',
    );
  });

  const service = (life_events: string[]) => ({
    identifier: 'life-events',
    agency_id: 1,
    version: 1,
    published_at: '2025-01-01T00:00:00.000Z',
    data: serviceData.parse({ ...minimalInput, life_events }),
  });

  test('export types a mapped life event with its EU concept, and conforms to the CPSV-AP 3.2.0 shapes', async () => {
    const doc = toCpsvJsonLd({ baseUrl: BASE, services: [service(['university', 'having-a-baby'])], agencies, terms }) as {
      '@graph': Record<string, unknown>[];
    };
    const byId = (id: string) => doc['@graph'].find((n) => n['@id'] === id);
    const uni = byId(`${BASE}/id/life-event/university`);
    assert.deepEqual(uni?.['dct:type'], [{ '@id': `${EU_LIFE_EVENT_SCHEME}STU` }]);
    assert.equal(byId(`${BASE}/id/life-event/having-a-baby`)?.['dct:type'], undefined, 'an unmapped term has no EU type');
    const concept = byId(`${EU_LIFE_EVENT_SCHEME}STU`);
    assert.equal(concept?.['@type'], 'skos:Concept');
    assert.deepEqual(concept?.['skos:prefLabel'], [
      { '@value': 'الدراسة', '@language': 'ar' },
      { '@value': 'Studying', '@language': 'en' },
    ]);
    const r = await validateCpsv(doc);
    assert.equal(r.conforms, true, formatViolations(r.violations));
    // The round trip keeps the exact Yusr term, not the EU concept's first term (starting-school).
    const { items } = await fromCpsvJsonLd(doc);
    assert.deepEqual((items[0].data as { life_events: string[] }).life_events, ['university', 'having-a-baby']);
  });

  test('import reads EU concepts as a dct:type, as the event itself, in either published form, and leaves the rest as they were', async () => {
    const doc = {
      '@context': { cv: 'http://data.europa.eu/m8g/', dct: 'http://purl.org/dc/terms/', cpsv: 'http://purl.org/vocab/cpsv#' },
      '@graph': [
        {
          '@id': 'https://registry.example.org/service/LE-1',
          '@type': 'cpsv:PublicService',
          'dct:identifier': 'LE-1',
          'dct:title': [
            { '@value': 'خدمة', '@language': 'ar' },
            { '@value': 'A service', '@language': 'en' },
          ],
          'dct:description': [
            { '@value': 'وصف', '@language': 'ar' },
            { '@value': 'A description', '@language': 'en' },
          ],
          'cv:hasCompetentAuthority': { '@id': 'https://registry.example.org/org/AG-1', 'dct:identifier': 'AG-1' },
          'cv:isGroupedBy': [
            {
              '@id': 'https://registry.example.org/event/7',
              '@type': 'cv:LifeEvent',
              'dct:identifier': '7',
              'dct:type': { '@id': `${EU_LIFE_EVENT_SCHEME}BIR` },
            },
            { '@id': 'http://publications.europa.eu/resource/authority/life-event/MOV' },
            { '@id': `${EU_LIFE_EVENT_SCHEME}ret`, '@type': 'cv:LifeEvent' },
            { '@id': `${EU_LIFE_EVENT_SCHEME}GMS`, '@type': 'cv:LifeEvent' },
            { '@id': 'https://registry.example.org/event/own', '@type': 'cv:LifeEvent', 'dct:identifier': 'marriage' },
          ],
        },
      ],
    };
    const { items } = await fromCpsvJsonLd(doc);
    assert.deepEqual(items[0].errors, []);
    assert.deepEqual((items[0].data as { life_events: string[] }).life_events, ['birth', 'moving-home', 'retirement', 'GMS', 'marriage']);
    assert.equal(yusrLifeEventOf('https://example.org/life-event/BIR'), undefined, 'another scheme is not the EU one');
  });
});
