/**
 * Namespaces, IRIs and concept schemes shared by the CPSV-AP 3.2 export and import.
 * Every node has a stable IRI under `${baseUrl}/id/…`; Yusr's own code lists are SKOS concept
 * schemes under `${baseUrl}/vocab/<scheme>/<code>`; Yusr's own properties (where CPSV-AP has no
 * place) live in `${baseUrl}/ns#`.
 */
import {
  audiences,
  availabilities,
  channelTypes,
  lifecycleStatuses,
  maturities,
  type ServiceData,
  type TaxonomyKind,
} from '../catalog.schema.ts';

/** What the export needs of a published service version, an agency and a taxonomy term. */
export type ExportService = { identifier: string; agency_id: number; version: number; published_at: string; data: ServiceData };
export type AgencyLike = {
  id: number;
  code: string;
  name_ar: string;
  name_en: string;
  website: string | null;
  email: string | null;
  phone: string | null;
  address_ar: string | null;
  address_en: string | null;
};
export type TermLike = { kind: TaxonomyKind; code: string; name_ar: string; name_en: string };

/** Terms are looked up by `${kind}:${code}` and, failing that, by code (when the kinds match). */
export function findTerm(terms: Map<string, TermLike>, kind: TaxonomyKind, code: string): TermLike | undefined {
  const t = terms.get(`${kind}:${code}`) ?? terms.get(code);
  return t && t.kind === kind ? t : undefined;
}

export const NS = {
  cpsv: 'http://purl.org/vocab/cpsv#',
  cv: 'http://data.europa.eu/m8g/',
  dct: 'http://purl.org/dc/terms/',
  dcat: 'http://www.w3.org/ns/dcat#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  adms: 'http://www.w3.org/ns/adms#',
  eli: 'http://data.europa.eu/eli/ontology#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  org: 'http://www.w3.org/ns/org#',
  locn: 'http://www.w3.org/ns/locn#',
  time: 'http://www.w3.org/2006/time#',
  owl: 'http://www.w3.org/2002/07/owl#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

export const EU_COUNTRY_SAU = 'http://publications.europa.eu/resource/authority/country/SAU';
export const EU_CURRENCY = 'http://publications.europa.eu/resource/authority/currency/';
export const EU_LANGUAGE = {
  ar: 'http://publications.europa.eu/resource/authority/language/ARA',
  en: 'http://publications.europa.eu/resource/authority/language/ENG',
};
export const ADMS_STATUS = 'http://purl.org/adms/status/';

/** Yusr's own properties (availability, slaTarget, processingTimeIso, slaTargetIso) live in the
 * deployment's namespace; the importer matches them by local name. */
export const yusrNs = (baseUrl: string) => `${trimBase(baseUrl)}/ns#`;

/** A URL as an RFC 3987 IRI: the characters IRIs forbid (space, <, >, ", {, }, |, \\, ^, `) are
 * percent-encoded; such a URL comes back from an import in that encoded (equivalent) form. */
export const toIri = (url: string) => url.replace(/[\s<>"{}|\\^`]/g, (c) => encodeURIComponent(c));

export const trimBase = (baseUrl: string) => baseUrl.replace(/\/+$/, '');

export type Bilingual = { ar: string; en: string };

/** Code lists published as SKOS concept schemes: codes, their IRI slug and bilingual labels. */
export const schemes = {
  'channel-type': {
    codes: channelTypes,
    labels: {
      web: { ar: 'الموقع الإلكتروني', en: 'Website' },
      mobile: { ar: 'تطبيق الجوال', en: 'Mobile app' },
      kiosk: { ar: 'جهاز الخدمة الذاتية', en: 'Self-service kiosk' },
      call_centre: { ar: 'مركز الاتصال', en: 'Call centre' },
      service_centre: { ar: 'مركز الخدمة', en: 'Service centre' },
    },
  },
  audience: {
    codes: audiences,
    labels: {
      citizens: { ar: 'المواطنون', en: 'Citizens' },
      residents: { ar: 'المقيمون', en: 'Residents' },
      businesses: { ar: 'قطاع الأعمال', en: 'Businesses' },
      visitors: { ar: 'الزوار', en: 'Visitors' },
      government: { ar: 'الجهات الحكومية', en: 'Government' },
    },
  },
  availability: {
    codes: availabilities,
    labels: {
      '24/7': { ar: 'على مدار الساعة', en: '24/7' },
      business_hours: { ar: 'أوقات الدوام الرسمي', en: 'Business hours' },
      scheduled: { ar: 'بموعد مسبق', en: 'By appointment' },
    },
  },
  maturity: {
    codes: maturities,
    labels: {
      informational: { ar: 'معلوماتية', en: 'Informational' },
      interactive: { ar: 'تفاعلية', en: 'Interactive' },
      transactional: { ar: 'إجرائية', en: 'Transactional' },
      integrated: { ar: 'متكاملة', en: 'Integrated' },
    },
  },
  status: {
    codes: lifecycleStatuses,
    labels: {
      planned: { ar: 'مخطط لها', en: 'Planned' },
      beta: { ar: 'تجريبية', en: 'Beta' },
      live: { ar: 'متاحة', en: 'Live' },
      suspended: { ar: 'موقوفة', en: 'Suspended' },
      retired: { ar: 'ملغاة', en: 'Retired' },
    },
  },
} as const;

export type SchemeName = keyof typeof schemes;

/** Close matches to the ADMS status vocabulary, published on our status concepts. */
export const admsMatch: Record<(typeof lifecycleStatuses)[number], string> = {
  planned: 'UnderDevelopment',
  beta: 'UnderDevelopment',
  live: 'Completed',
  suspended: 'Withdrawn',
  retired: 'Deprecated',
};

/** Codes may contain characters that do not belong in a path segment ('24/7'). */
export const slug = (code: string) => code.replace(/\//g, '-').replace(/_/g, '-');

export const conceptIri = (baseUrl: string, scheme: SchemeName | 'category', code: string) =>
  `${trimBase(baseUrl)}/vocab/${scheme}/${scheme === 'category' ? encodeURIComponent(code) : slug(code)}`;
export const schemeIri = (baseUrl: string, scheme: SchemeName | 'category') => `${trimBase(baseUrl)}/vocab/${scheme}`;

/** The code of a concept of one of our schemes, from its IRI (of any deployment). */
export function codeFromConcept(scheme: SchemeName, iri: string | undefined): string | undefined {
  const codes = schemes[scheme].codes as readonly string[];
  const m = iri?.match(new RegExp(`/vocab/${scheme}/([^/#?]+)$`));
  if (!m) return undefined;
  return codes.find((c) => slug(c) === m[1]);
}

/**
 * Concepts of other vocabularies Yusr maps onto its own by their last IRI segment (or notation),
 * compared without case, spaces, hyphens or underscores: the CPSV-AP channel types (website,
 * mobile app, telephone, office/assistant…), common audience codes, and the ADMS statuses (also
 * read by their full IRI). Documented in docs/formats.md.
 */
export const STANDARD_MATCHES: Partial<Record<SchemeName, Record<string, string>>> = {
  'channel-type': {
    web: 'web',
    website: 'web',
    homepage: 'web',
    online: 'web',
    eservice: 'web',
    portal: 'web',
    mobile: 'mobile',
    mobileapp: 'mobile',
    app: 'mobile',
    application: 'mobile',
    kiosk: 'kiosk',
    selfservice: 'kiosk',
    telephone: 'call_centre',
    phone: 'call_centre',
    callcentre: 'call_centre',
    callcenter: 'call_centre',
    contactcentre: 'call_centre',
    contactcenter: 'call_centre',
    office: 'service_centre',
    frontoffice: 'service_centre',
    assistant: 'service_centre',
    inperson: 'service_centre',
    physical: 'service_centre',
    servicecentre: 'service_centre',
    servicecenter: 'service_centre',
    counter: 'service_centre',
  },
  audience: {
    citizen: 'citizens',
    citizens: 'citizens',
    individual: 'citizens',
    individuals: 'citizens',
    resident: 'residents',
    residents: 'residents',
    business: 'businesses',
    businesses: 'businesses',
    company: 'businesses',
    companies: 'businesses',
    visitor: 'visitors',
    visitors: 'visitors',
    government: 'government',
    publicadministration: 'government',
  },
  status: {
    completed: 'live',
    active: 'live',
    underdevelopment: 'planned',
    deprecated: 'retired',
    withdrawn: 'suspended',
    inactive: 'suspended',
  },
  maturity: { informational: 'informational', interactive: 'interactive', transactional: 'transactional', integrated: 'integrated' },
};

const matchKey = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/** A code of our scheme for a concept of another vocabulary (see STANDARD_MATCHES), or undefined. */
export function codeFromStandard(scheme: SchemeName, iriOrNotation: string | undefined): string | undefined {
  const last = iriOrNotation
    ?.replace(/[/#]+$/, '')
    .split(/[/#]/)
    .pop();
  return last ? STANDARD_MATCHES[scheme]?.[matchKey(safeDecode(last))] : undefined;
}

export const ids = {
  service: (baseUrl: string, identifier: string) => `${trimBase(baseUrl)}/id/service/${encodeURIComponent(identifier)}`,
  agency: (baseUrl: string, code: string) => `${trimBase(baseUrl)}/id/agency/${encodeURIComponent(code)}`,
  event: (baseUrl: string, kind: 'life_event' | 'business_event', code: string) =>
    `${trimBase(baseUrl)}/id/${kind === 'life_event' ? 'life-event' : 'business-event'}/${encodeURIComponent(code)}`,
};

/** decodeURIComponent that leaves a malformed escape as it is instead of throwing. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The trailing code of one of our IRIs: `/id/agency/<code>` and the like. */
export function codeFromIri(iri: string | undefined, segment: string): string | undefined {
  const m = iri?.match(new RegExp(`/id/${segment}/([^/#?]+)$`));
  return m ? safeDecode(m[1]) : undefined;
}

/**
 * xsd:duration has no weeks, ISO 8601 does: P2W is exported as P14D, P1Y1W2D as P1Y9D.
 * Returns the string unchanged when it has no week part.
 */
export function toXsdDuration(iso: string): string {
  const m = iso.match(/^P(\d+Y)?(\d+M)?(\d+)W(?:(\d+)D)?(T.*)?$/);
  if (!m) return iso;
  const days = Number(m[3]) * 7 + Number(m[4] ?? 0);
  return `P${m[1] ?? ''}${m[2] ?? ''}${days}D${m[5] ?? ''}`;
}

/** The SEMIC CPSV-AP contexts name classes without a prefix ("PublicService"); properties come with their own prefixes. */
export const SEMIC_CLASSES: Record<string, string> = {
  PublicService: `${NS.cpsv}PublicService`,
  Rule: `${NS.cpsv}Rule`,
  PublicOrganization: `${NS.cv}PublicOrganisation`,
  PublicOrganisation: `${NS.cv}PublicOrganisation`,
  ...Object.fromEntries(
    [
      'Channel',
      'ContactPoint',
      'Cost',
      'Evidence',
      'EvidenceType',
      'Requirement',
      'Output',
      'Event',
      'LifeEvent',
      'BusinessEvent',
      'Participation',
    ].map((c) => [c, `${NS.cv}${c}`]),
  ),
  LegalResource: `${NS.eli}LegalResource`,
  TemporalEntity: `${NS.time}TemporalEntity`,
  Location: `${NS.dct}Location`,
  LinguisticSystem: `${NS.dct}LinguisticSystem`,
  Concept: `${NS.skos}Concept`,
  Code: `${NS.skos}Concept`,
  Document: `${NS.foaf}Document`,
  Agent: `${NS.foaf}Agent`,
  Organization: `${NS.org}Organization`,
  Address: `${NS.locn}Address`,
  Dataset: `${NS.dcat}Dataset`,
};
