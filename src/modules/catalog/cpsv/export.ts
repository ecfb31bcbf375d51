/**
 * The catalogue as CPSV-AP 3.2 JSON-LD (https://semiceu.github.io/CPSV-AP/releases/3.2.0/),
 * conforming to the official SHACL shapes kept beside this file. Every node has a stable IRI:
 * services `${baseUrl}/id/service/<identifier>`, agencies `${baseUrl}/id/agency/<code>`, and the
 * parts of a service (channels, costs, evidence, …) the service IRI + `/<part>/<n>` (1-based).
 * `fromCpsvJsonLd` in import.ts reads it back.
 */

import { EU_LIFE_EVENT_SCHEME, type EuLifeEvent, euLifeEventCode, euLifeEventIri, euLifeEvents } from './life-events.ts';
import {
  ADMS_STATUS,
  type AgencyLike,
  admsMatch,
  type Bilingual,
  conceptIri,
  EU_COUNTRY_SAU,
  EU_CURRENCY,
  EU_LANGUAGE,
  type ExportService,
  findTerm,
  ids,
  NS,
  type SchemeName,
  schemeIri,
  schemes,
  type TermLike,
  toIri,
  toXsdDuration,
  trimBase,
  yusrNs,
} from './vocab.ts';

export { jsonLdScriptContent, serviceToSchemaOrg } from './schema-org.ts';
export type { AgencyLike, ExportService, TermLike } from './vocab.ts';

type Node = { '@id': string; '@type'?: string | string[]; [key: string]: unknown };

const ref = (iri: string) => ({ '@id': iri });
const lit = (value: string | number, type: string) => ({ '@value': value, '@type': type });
/** Both languages, even when a value is empty ('' is a valid optional text in ServiceData). */
const langs = (t: Bilingual) => [
  { '@value': t.ar, '@language': 'ar' },
  { '@value': t.en, '@language': 'en' },
];
const isHttp = (url: string | null | undefined): url is string => !!url && /^https?:\/\/[^\s]+$/i.test(url);

/** Collects nodes by IRI; a node added twice has its properties merged (values appended once). */
class Graph {
  readonly nodes = new Map<string, Node>();
  add(node: Node): string {
    const prev = this.nodes.get(node['@id']);
    if (!prev) {
      this.nodes.set(node['@id'], node);
      return node['@id'];
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === '@id') continue;
      if (!(k in prev)) prev[k] = v;
      else if (Array.isArray(prev[k])) {
        const list = prev[k] as unknown[];
        for (const x of Array.isArray(v) ? v : [v]) if (!list.some((y) => JSON.stringify(y) === JSON.stringify(x))) list.push(x);
      }
    }
    return node['@id'];
  }
}

export function cpsvContext(baseUrl: string) {
  return { ...NS, yusr: yusrNs(baseUrl) };
}

export function toCpsvJsonLd(input: {
  baseUrl: string;
  services: ExportService[];
  agencies: Map<number, AgencyLike>;
  terms: Map<string, TermLike>;
}): object {
  const base = trimBase(input.baseUrl);
  const g = new Graph();

  const concept = (scheme: SchemeName, code: string) => {
    const labels = (schemes[scheme].labels as Record<string, Bilingual>)[code];
    g.add({
      '@id': schemeIri(base, scheme),
      '@type': 'skos:ConceptScheme',
      'dct:title': { '@value': `Yusr ${scheme}`, '@language': 'en' },
    });
    const node: Node = {
      '@id': conceptIri(base, scheme, code),
      '@type': 'skos:Concept',
      'skos:prefLabel': langs(labels ?? { ar: code, en: code }),
      'skos:notation': code,
      'skos:inScheme': ref(schemeIri(base, scheme)),
    };
    if (scheme === 'status') node['skos:closeMatch'] = ref(ADMS_STATUS + admsMatch[code as keyof typeof admsMatch]);
    return ref(g.add(node));
  };
  const category = (code: string) => {
    const t = findTerm(input.terms, 'category', code);
    g.add({
      '@id': schemeIri(base, 'category'),
      '@type': 'skos:ConceptScheme',
      'dct:title': { '@value': 'Yusr service categories', '@language': 'en' },
    });
    return ref(
      g.add({
        '@id': conceptIri(base, 'category', code),
        '@type': 'skos:Concept',
        'skos:prefLabel': langs(t ? { ar: t.name_ar, en: t.name_en } : { ar: code, en: code }),
        'skos:notation': code,
        'skos:inScheme': ref(schemeIri(base, 'category')),
      }),
    );
  };
  /** The EU life events concept a life event maps to (life-events.ts), as CPSV-AP 3.2 recommends for its dct:type. */
  const euLifeEvent = (code: string) => {
    const iri = euLifeEventIri(code);
    const concept = iri && euLifeEvents[euLifeEventCode(iri) as EuLifeEvent];
    if (!iri || !concept) return undefined;
    g.add({ '@id': EU_LIFE_EVENT_SCHEME, '@type': 'skos:ConceptScheme', 'skos:prefLabel': { '@value': 'Life Events', '@language': 'en' } });
    return ref(
      g.add({
        '@id': iri,
        '@type': 'skos:Concept',
        'skos:prefLabel': langs(concept),
        'skos:notation': euLifeEventCode(iri),
        'skos:inScheme': ref(EU_LIFE_EVENT_SCHEME),
      }),
    );
  };
  const event = (kind: 'life_event' | 'business_event', code: string, service: string) => {
    const t = findTerm(input.terms, kind, code);
    const type = kind === 'life_event' ? euLifeEvent(code) : undefined;
    return ref(
      g.add({
        '@id': ids.event(base, kind, code),
        '@type': [kind === 'life_event' ? 'cv:LifeEvent' : 'cv:BusinessEvent', 'cv:Event'],
        'dct:identifier': code,
        'dct:title': langs(t ? { ar: t.name_ar, en: t.name_en } : { ar: code, en: code }),
        ...(type ? { 'dct:type': [type] } : {}),
        'cv:hasRelatedService': [ref(service)],
      }),
    );
  };
  const document = (url: string) => ref(g.add({ '@id': toIri(url), '@type': 'foaf:Document' }));
  const sau = () =>
    ref(
      g.add({
        '@id': EU_COUNTRY_SAU,
        '@type': 'dct:Location',
        'skos:prefLabel': langs({ ar: 'المملكة العربية السعودية', en: 'Saudi Arabia' }),
      }),
    );

  const agencyNode = (a: AgencyLike) => {
    const iri = ids.agency(base, a.code);
    if (g.nodes.has(iri)) return { iri, contact: g.nodes.has(`${iri}/contact-point`) ? `${iri}/contact-point` : undefined };
    const node: Node = {
      '@id': iri,
      '@type': ['cv:PublicOrganisation', 'org:Organization'],
      'dct:identifier': a.code,
      'skos:prefLabel': langs({ ar: a.name_ar, en: a.name_en }),
      'dct:spatial': sau(),
    };
    if (isHttp(a.website)) node['foaf:homepage'] = document(a.website);
    if (a.address_ar || a.address_en) {
      const address = [
        ...(a.address_ar ? [{ '@value': a.address_ar, '@language': 'ar' }] : []),
        ...(a.address_en ? [{ '@value': a.address_en, '@language': 'en' }] : []),
      ];
      node['locn:address'] = ref(g.add({ '@id': `${iri}/address`, '@type': 'locn:Address', 'locn:fullAddress': address }));
    }
    g.add(node);
    let contact: string | undefined;
    if (a.email || a.phone || isHttp(a.website)) {
      const cp: Node = { '@id': `${iri}/contact-point`, '@type': 'cv:ContactPoint' };
      if (a.email) cp['cv:email'] = a.email;
      if (a.phone) cp['cv:telephone'] = a.phone;
      if (isHttp(a.website)) cp['cv:contactPage'] = document(a.website);
      contact = g.add(cp);
    }
    return { iri, contact };
  };

  for (const svc of input.services) {
    const agency = input.agencies.get(svc.agency_id);
    if (!agency) throw new Error(`cpsv export: service ${svc.identifier} refers to unknown agency ${svc.agency_id}`);
    const d = svc.data;
    const s = ids.service(base, svc.identifier);
    const id = svc.identifier;
    const { iri: agencyIri, contact } = agencyNode(agency);

    const node: Node = {
      '@id': s,
      '@type': 'cpsv:PublicService',
      'dct:identifier': id,
      'dct:title': langs(d.name),
      'dct:description': langs(d.description),
      'cv:hasCompetentAuthority': ref(agencyIri),
      'dct:spatial': sau(),
      'dct:language': (['ar', 'en'] as const).map((l) => ref(g.add({ '@id': EU_LANGUAGE[l], '@type': 'dct:LinguisticSystem' }))),
      'dct:audience': d.audiences.map((a) => concept('audience', a)),
      'cv:isClassifiedBy': [concept('maturity', d.maturity)],
      'adms:status': concept('status', d.status),
      'owl:versionInfo': String(svc.version),
    };
    g.add(node); // completed below
    if (contact) node['cv:contactPoint'] = ref(contact);
    const published = new Date(svc.published_at); // stored as ISO 8601 UTC text
    if (!Number.isNaN(published.getTime())) node['dct:modified'] = lit(published.toISOString(), 'xsd:dateTime');
    if (d.categories.length) node['cv:thematicArea'] = d.categories.map(category);
    const events = [...d.life_events.map((c) => event('life_event', c, s)), ...d.business_events.map((c) => event('business_event', c, s))];
    if (events.length) node['cv:isGroupedBy'] = events;
    if (d.keywords.ar.length || d.keywords.en.length)
      node['dcat:keyword'] = [
        ...d.keywords.ar.map((k) => ({ '@value': k, '@language': 'ar' })),
        ...d.keywords.en.map((k) => ({ '@value': k, '@language': 'en' })),
      ];
    for (const [key, yusrKey, value] of [
      ['cv:processingTime', 'yusr:processingTimeIso', d.processing_time],
      ['yusr:slaTarget', 'yusr:slaTargetIso', d.sla_target],
    ] as const) {
      if (!value) continue;
      node[key] = lit(toXsdDuration(value), 'xsd:duration');
      // xsd:duration has no weeks: keep the original ISO 8601 form too, so a round trip is exact.
      if (toXsdDuration(value) !== value) node[yusrKey] = value;
    }

    const channelIris = d.channels.map((c, i) => {
      const ch: Node = {
        '@id': `${s}/channel/${i + 1}`,
        '@type': 'cv:Channel',
        'dct:identifier': `${id}-channel-${i + 1}`,
        'dct:type': concept('channel-type', c.type),
        'cv:ownedBy': ref(agencyIri),
        'yusr:availability': concept('availability', c.availability),
      };
      if (c.url) ch['cv:contactPage'] = document(c.url);
      if (c.phone) ch['cv:telephone'] = c.phone;
      if (c.hours)
        ch['cv:openingHours'] = ref(
          g.add({ '@id': `${ch['@id']}/opening-hours`, '@type': 'time:TemporalEntity', 'dct:description': langs(c.hours) }),
        );
      return g.add(ch);
    });
    if (channelIris.length) node['cv:hasChannel'] = channelIris.map(ref);

    const parts = <T>(list: T[], prop: string, path: string, make: (x: T, iri: string, n: number) => Node) => {
      if (list.length) node[prop] = list.map((x, i) => ref(g.add(make(x, `${s}/${path}/${i + 1}`, i + 1))));
    };
    parts(d.requirements, 'cv:holdsRequirement', 'requirement', (r, iri, n) => ({
      '@id': iri,
      '@type': 'cv:Requirement',
      'dct:identifier': `${id}-requirement-${n}`,
      'dct:title': langs(r),
    }));
    parts(d.documents, 'cpsv:hasInput', 'evidence', (doc, iri, n) => ({
      '@id': iri,
      '@type': 'cv:Evidence',
      'dct:identifier': `${id}-evidence-${n}`,
      'dct:title': langs(doc.name),
      ...(doc.description ? { 'dct:description': langs(doc.description) } : {}),
    }));
    parts(d.outputs, 'cpsv:produces', 'output', (o, iri, n) => ({
      '@id': iri,
      '@type': 'cv:Output',
      'dct:identifier': `${id}-output-${n}`,
      'dct:title': langs(o),
    }));
    parts(d.fees, 'cv:hasCost', 'cost', (f, iri, n) => {
      const cost: Node = {
        '@id': iri,
        '@type': 'cv:Cost',
        'dct:identifier': `${id}-cost-${n}`,
        'cv:hasValue': lit(f.amount, 'xsd:double'),
        'cv:currency': ref(g.add({ '@id': EU_CURRENCY + f.currency, '@type': 'skos:Concept', 'skos:notation': f.currency })),
        'cv:isDefinedBy': ref(agencyIri),
      };
      if (f.description) cost['dct:description'] = langs(f.description);
      if (f.channel) {
        // The cost applies through the service's channel of that type; when the service lists no
        // such channel, through a channel described by its type alone (not one of cv:hasChannel).
        const i = d.channels.findIndex((c) => c.type === f.channel);
        cost['cv:ifAccessedThrough'] = ref(
          i >= 0
            ? channelIris[i]
            : g.add({
                '@id': `${iri}/channel`,
                '@type': 'cv:Channel',
                'dct:identifier': `${id}-cost-${n}-channel`,
                'dct:type': concept('channel-type', f.channel),
              }),
        );
      }
      return cost;
    });
    parts(d.legal_basis, 'cv:hasLegalResource', 'legal-resource', (l, iri) => ({
      '@id': iri,
      '@type': 'eli:LegalResource',
      'dct:title': langs(l.title),
      ...(l.url ? { 'foaf:page': document(l.url) } : {}),
    }));
  }
  // Services first (in input order), then what describes them.
  const all = [...g.nodes.values()];
  const isService = (n: Node) => n['@type'] === 'cpsv:PublicService';
  return { '@context': cpsvContext(base), '@graph': [...all.filter(isService), ...all.filter((n) => !isService(n))] };
}
