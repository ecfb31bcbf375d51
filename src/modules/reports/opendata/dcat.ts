/**
 * The open-data catalogue as DCAT-AP 3.0 (https://semiceu.github.io/DCAT-AP/releases/3.0.1/):
 * one dcat:Catalog of dcat:Datasets, each with a CSV and a JSON dcat:Distribution, licence,
 * publisher (foaf:Agent), contact point, temporal coverage, update frequency (EU frequency
 * vocabulary), theme (EU data themes) and titles and descriptions in Arabic and English. The
 * catalog module's CPSV-AP export is listed as a dataset too. Validated by the tests against the
 * official SHACL shapes in shapes/ (see shapes/README.md). Served as JSON-LD and as Turtle.
 */
import type { JsonLdDocument, Options } from 'jsonld';
import type { MessageKey } from '../../../messages.ts';
import { bilingual } from '../../../platform/i18n/i18n.ts';
import type { OpenData } from './build.ts';
import { datasetMeta } from './meta.ts';

export const NS = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
} as const;

const EU = 'http://publications.europa.eu/resource/authority/';
/** What every dataset is published under. */
export const LICENCE = 'https://creativecommons.org/licenses/by/4.0/';
export const CPSV_AP = 'https://semiceu.github.io/CPSV-AP/releases/3.2.0/';
const THEME_SCHEME = `${EU}data-theme`;
const THEME = `${EU}data-theme/GOVE`;
const COUNTRY = `${EU}country/SAU`;
const LANGUAGES = [`${EU}language/ARA`, `${EU}language/ENG`];
export const FREQUENCY = { monthly: `${EU}frequency/MONTHLY`, continuous: `${EU}frequency/UPDATE_CONT` } as const;
const PUBLISHER_TYPE = 'http://purl.org/adms/publishertype/NationalAuthority';

/** The file formats: media type (IANA) and file type (EU vocabulary). */
export const formats = {
  csv: { mediaType: 'text/csv', fileType: `${EU}file-type/CSV`, label: 'CSV' },
  json: { mediaType: 'application/json', fileType: `${EU}file-type/JSON`, label: 'JSON' },
  jsonld: { mediaType: 'application/ld+json', fileType: `${EU}file-type/JSON_LD`, label: 'JSON-LD' },
} as const;
export type Format = keyof typeof formats;

type Node = { '@id': string; '@type'?: string | string[]; [key: string]: unknown };
const ref = (iri: string) => ({ '@id': iri });
const typed = (value: string, type: string) => ({ '@value': value, '@type': type });
const both = (key: MessageKey, params?: Record<string, string | number>) => {
  const t = bilingual(key, params);
  return [
    { '@value': t.ar, '@language': 'ar' },
    { '@value': t.en, '@language': 'en' },
  ];
};
const trim = (base: string) => base.replace(/\/+$/, '');

/** One entry of the catalogue, as the page and the metadata show it. */
export interface CatalogEntry {
  id: string;
  title: MessageKey;
  description: MessageKey;
  params?: Record<string, string>;
  frequency: keyof typeof FREQUENCY;
  from: string;
  to: string;
  distributions: { format: Format; url: string }[];
  /** A standard the data conforms to (CPSV-AP for the catalog's export). */
  conformsTo?: string;
}

/** The entries: every built dataset, then the catalog's CPSV-AP export. */
export function catalogEntries(baseUrl: string, data: OpenData): CatalogEntry[] {
  const base = trim(baseUrl);
  const day = data.builtAt.slice(0, 10);
  return [
    ...data.datasets.map((d) => ({
      id: d.id,
      ...datasetMeta(d.id),
      frequency: 'monthly' as const,
      from: `${d.from}-01`,
      to: lastDay(d.to),
      distributions: (['csv', 'json'] as const).map((format) => ({ format, url: `${base}/open-data/${d.id}.${format}` })),
    })),
    {
      id: 'catalog-cpsv',
      title: 'opendata.dataset.cpsv.title',
      description: 'opendata.dataset.cpsv.description',
      frequency: 'continuous',
      from: day,
      to: day,
      distributions: [{ format: 'jsonld', url: `${base}/api/v1/catalog.jsonld` }],
      conformsTo: CPSV_AP,
    },
  ];
}

/** The last day of a `YYYY-MM` month. */
function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The catalogue as a JSON-LD document (a @graph of nodes with stable IRIs under /open-data/); `contactEmail` may carry a display name (`Yusr <…>`). */
export function dcatJsonLd(baseUrl: string, data: OpenData, contactEmail: string): object {
  const base = trim(baseUrl);
  const entries = catalogEntries(base, data);
  // Fragments of /open-data, apart from the datasets' /open-data/<id> (a module may be called `catalog`).
  const catalogIri = `${base}/open-data#catalog`;
  const publisher = `${base}/open-data#publisher`;
  const contact = `${base}/open-data#contact`;
  const modified = typed(data.builtAt, `${NS.xsd}dateTime`);
  const graph: Node[] = [
    {
      '@id': catalogIri,
      '@type': 'dcat:Catalog',
      'dct:title': both('opendata.catalog.title'),
      'dct:description': both('opendata.catalog.description', { threshold: data.threshold }),
      'dct:publisher': ref(publisher),
      'dct:license': ref(LICENCE),
      'dct:language': LANGUAGES.map(ref),
      'dct:spatial': ref(COUNTRY),
      'dct:modified': modified,
      'foaf:homepage': ref(`${base}/en/open-data`),
      'dcat:themeTaxonomy': ref(THEME_SCHEME),
      'dcat:dataset': entries.map((e) => ref(`${base}/open-data/${e.id}`)),
    },
    { '@id': `${base}/en/open-data`, '@type': 'foaf:Document' },
    { '@id': publisher, '@type': 'foaf:Agent', 'foaf:name': both('opendata.publisher'), 'dct:type': ref(PUBLISHER_TYPE) },
    { '@id': PUBLISHER_TYPE, '@type': 'skos:Concept', 'skos:prefLabel': { '@value': 'National authority', '@language': 'en' } },
    {
      '@id': contact,
      '@type': 'vcard:Kind',
      'vcard:fn': both('opendata.publisher'),
      'vcard:hasEmail': ref(`mailto:${encodeURI(/<([^<>]+)>/.exec(contactEmail)?.[1] ?? contactEmail.trim())}`),
    },
    { '@id': LICENCE, '@type': 'dct:LicenseDocument', 'rdfs:label': { '@value': 'CC BY 4.0', '@language': 'en' } },
    ...LANGUAGES.map((l) => ({ '@id': l, '@type': 'dct:LinguisticSystem' })),
    { '@id': COUNTRY, '@type': 'dct:Location' },
    { '@id': THEME_SCHEME, '@type': 'skos:ConceptScheme', 'dct:title': { '@value': 'Data theme', '@language': 'en' } },
    {
      '@id': THEME,
      '@type': 'skos:Concept',
      'skos:prefLabel': { '@value': 'Government and public sector', '@language': 'en' },
      'skos:inScheme': ref(THEME_SCHEME),
    },
    ...Object.values(FREQUENCY).map((f) => ({ '@id': f, '@type': 'dct:Frequency' })),
    ...Object.values(formats).flatMap((f) => [
      { '@id': `http://www.iana.org/assignments/media-types/${f.mediaType}`, '@type': 'dct:MediaType' },
      { '@id': f.fileType, '@type': 'dct:MediaTypeOrExtent' },
    ]),
    { '@id': CPSV_AP, '@type': 'dct:Standard' },
  ];
  for (const e of entries) {
    const iri = `${base}/open-data/${e.id}`;
    const period = `${iri}#period`;
    graph.push(
      {
        '@id': iri,
        '@type': 'dcat:Dataset',
        'dct:identifier': e.id,
        'dct:title': both(e.title, e.params),
        'dct:description': both(e.description, e.params),
        'dct:publisher': ref(publisher),
        'dcat:contactPoint': ref(contact),
        'dct:temporal': ref(period),
        'dct:accrualPeriodicity': ref(FREQUENCY[e.frequency]),
        'dcat:theme': ref(THEME),
        'dcat:keyword': both('opendata.keyword'),
        'dct:spatial': ref(COUNTRY),
        'dct:language': LANGUAGES.map(ref),
        'dct:modified': modified,
        'dcat:landingPage': ref(`${base}/en/open-data#${e.id}`),
        'dcat:distribution': e.distributions.map((d) => ref(`${iri}#${d.format}`)),
        ...(e.conformsTo ? { 'dct:conformsTo': ref(e.conformsTo) } : {}),
      },
      {
        '@id': period,
        '@type': 'dct:PeriodOfTime',
        'dcat:startDate': typed(e.from, `${NS.xsd}date`),
        'dcat:endDate': typed(e.to, `${NS.xsd}date`),
      },
      { '@id': `${base}/en/open-data#${e.id}`, '@type': 'foaf:Document' },
      ...e.distributions.map((d) => ({
        '@id': `${iri}#${d.format}`,
        '@type': 'dcat:Distribution',
        'dct:title': both('opendata.distribution', { format: formats[d.format].label }),
        'dcat:accessURL': ref(d.url),
        'dcat:downloadURL': ref(d.url),
        'dcat:mediaType': ref(`http://www.iana.org/assignments/media-types/${formats[d.format].mediaType}`),
        'dct:format': ref(formats[d.format].fileType),
        'dct:license': ref(LICENCE),
        'dct:modified': modified,
        ...(e.conformsTo ? { 'dct:conformsTo': ref(e.conformsTo) } : {}),
      })),
    );
  }
  return { '@context': NS, '@graph': graph };
}

/** The document's triples as N-Quads text (safe mode: nothing the context cannot map is dropped silently). */
export async function toNQuads(doc: object): Promise<string> {
  // jsonld and n3 are loaded on the first document served, not when the app is imported.
  const { default: jsonld } = await import('jsonld');
  return (await jsonld.toRDF(
    doc as JsonLdDocument,
    {
      format: 'application/n-quads',
      safe: true,
    } as Options.ToRdf,
  )) as unknown as string;
}

/** The same document as Turtle, with the catalogue's prefixes. */
export async function toTurtle(doc: object): Promise<string> {
  const nquads = await toNQuads(doc);
  const { Parser, Writer } = await import('n3');
  const quads = new Parser({ format: 'N-Quads' }).parse(nquads);
  const writer = new Writer({ prefixes: { ...NS } });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((err, out) => (err ? reject(err) : resolve(out))));
}
