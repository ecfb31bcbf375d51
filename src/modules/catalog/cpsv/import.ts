/**
 * Reads CPSV-AP 3.2 JSON-LD (ours from export.ts, or a third party's, in any context or
 * compaction: the document is expanded with `jsonld` first) and rebuilds, for every
 * cpsv:PublicService, a candidate ServiceData plus its identifier and agency code. The candidate
 * is NOT validated here: the caller parses it with `serviceData` and reports per row. `errors`
 * holds what the importer itself could not map (unknown codes, several values where one is
 * expected, no competent authority); `warnings` what jsonld dropped while expanding. A document
 * asking for more context work than a catalog needs is refused first (`guardJsonLd`).
 */
import type { JsonLdDocument, Options } from 'jsonld';
import { jsonDepth } from '../../../platform/http/json-depth.ts';
import type { AgencyRecord } from '../../identity/public.ts';
import { EU_LIFE_EVENT_SCHEME, euLifeEventCode, yusrLifeEventOf } from './life-events.ts';
import {
  ADMS_STATUS,
  codeFromConcept,
  codeFromIri,
  codeFromStandard,
  NS,
  type SchemeName,
  SEMIC_CLASSES,
  safeDecode,
  toXsdDuration,
} from './vocab.ts';

export type ImportItem = { index: number; identifier?: string; agencyCode?: string; data?: unknown; errors: string[] };
/** A cv:PublicOrganisation of the file, as an agency record (code as published). */
export type ImportOrganisation = Omit<AgencyRecord, 'row' | 'kind' | 'status'> & { index: number };
export type ImportResult = { items: ImportItem[]; organisations: ImportOrganisation[]; warnings: string[] };
export type ImportOptions = {
  /** Loads remote @context documents. The default loads none (no network access on import), except
   * the SEMIC CPSV-AP context, for which it supplies the class names. */
  documentLoader?: (url: string) => Promise<{ document: unknown; documentUrl: string; contextUrl?: string }>;
};

type Obj = { '@id'?: string; '@type'?: string[]; '@value'?: unknown; '@language'?: string; [k: string]: unknown };
type Lit = { '@value': unknown; '@language'?: string };

const I = {
  service: `${NS.cpsv}PublicService`,
  organisation: `${NS.cv}PublicOrganisation`,
  title: `${NS.dct}title`,
  description: `${NS.dct}description`,
  identifier: `${NS.dct}identifier`,
  type: `${NS.dct}type`,
  notation: `${NS.skos}notation`,
  page: `${NS.foaf}page`,
};
const cv = (local: string) => `${NS.cv}${local}`;

/** The remote contexts an import may name, each answered from a copy shipped with Yusr (no network). */
const KNOWN_CONTEXTS: [RegExp, () => object][] = [
  [/^https?:\/\/semiceu\.github\.io\/.*cpsv-ap[\w-]*\.jsonld$/i, () => ({ '@context': SEMIC_CLASSES })],
  // schema.org's context maps its terms onto its vocabulary; the importer reads none of them.
  [/^https?:\/\/schema\.org\/?$/i, () => ({ '@context': { '@vocab': 'http://schema.org/' } })],
];
const isKnownContext = (url: string) => KNOWN_CONTEXTS.some(([re]) => re.test(url));

async function defaultLoader(url: string) {
  const known = KNOWN_CONTEXTS.find(([re]) => re.test(url));
  if (known) return { document: known[1](), documentUrl: url };
  throw new Error(`remote @context ${url} is not loaded on import; inline it in the document`);
}

/** How much context work a document may ask of the JSON-LD processor. */
export const JSONLD_LIMITS = { maxDepth: 32, maxContexts: 10, maxTerms: 1_000 };

/** A document refused before any JSON-LD processing, and why (the caller words it for people). */
export class JsonLdRefused extends Error {
  constructor(
    readonly reason: 'depth' | 'remote_context' | 'contexts' | 'terms',
    readonly params: Record<string, string | number>,
  ) {
    super(`cpsv import: refused (${reason}: ${JSON.stringify(params)})`);
  }
}

/**
 * Refuses, without expanding anything, a document whose context processing could cost more than a
 * catalog needs: nesting deeper than the limit, a remote or `@import`ed context Yusr does not ship, more
 * `@context` entries than the limit (scoped contexts in term definitions count: each one re-copies the
 * active context as the processor walks in, the cost that runs a process out of memory), or too many
 * term definitions. Iterative, so a deep document cannot overflow the stack here either.
 */
export function guardJsonLd(input: unknown, limits = JSONLD_LIMITS): void {
  let contexts = 0;
  let terms = 0;
  const context = (c: unknown) => {
    if (++contexts > limits.maxContexts) throw new JsonLdRefused('contexts', { max: limits.maxContexts });
    if (typeof c === 'string') {
      if (!isKnownContext(c)) throw new JsonLdRefused('remote_context', { url: c.slice(0, 200) });
    } else if (isObj(c)) {
      const imported = c['@import'];
      if (imported !== undefined && (typeof imported !== 'string' || !isKnownContext(imported)))
        throw new JsonLdRefused('remote_context', { url: String(imported).slice(0, 200) });
      for (const k of Object.keys(c))
        if (!k.startsWith('@') && ++terms > limits.maxTerms) throw new JsonLdRefused('terms', { max: limits.maxTerms });
    }
  };
  const stack: [unknown, number][] = [[input, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (!v || typeof v !== 'object') continue;
    if (depth >= limits.maxDepth) throw new JsonLdRefused('depth', { max: limits.maxDepth });
    if (Array.isArray(v)) {
      for (const x of v) stack.push([x, depth + 1]);
      continue;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k === '@context') for (const c of Array.isArray(x) ? x : [x]) context(c);
      stack.push([x, depth + 1]);
    }
  }
}

const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);
const lastSegment = (iri?: string) =>
  (iri &&
    safeDecode(
      iri
        .replace(/[/#]+$/, '')
        .split(/[/#]/)
        .pop() ?? '',
    )) ||
  undefined;

export async function fromCpsvJsonLd(doc: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  const warnings: string[] = [];
  let expanded: unknown;
  if (typeof doc === 'string' && jsonDepth(doc, JSONLD_LIMITS.maxDepth) > JSONLD_LIMITS.maxDepth)
    throw new JsonLdRefused('depth', { max: JSONLD_LIMITS.maxDepth });
  let input: unknown;
  try {
    input = typeof doc === 'string' ? JSON.parse(doc) : doc;
  } catch (e) {
    throw new Error(`cpsv import: not readable JSON-LD: ${(e as Error).message}`);
  }
  guardJsonLd(input);
  // jsonld is loaded on the first CPSV-AP import, not when the app is imported.
  const { default: jsonld } = await import('jsonld');
  try {
    expanded = await jsonld.expand(
      input as JsonLdDocument,
      {
        documentLoader: options.documentLoader ?? defaultLoader,
        eventHandler: ({ event, next }: { event: { code: string; details?: Record<string, unknown> }; next: () => void }) => {
          const d = event.details ?? {};
          warnings.push(`${event.code}${d.property ? `: ${String(d.property)}` : d.value ? `: ${JSON.stringify(d.value)}` : ''}`);
          next();
        },
      } as unknown as Options.Expand,
    );
  } catch (e) {
    const err = e as Error & { details?: { cause?: Error } };
    throw new Error(`cpsv import: not readable JSON-LD: ${err.message}${err.details?.cause ? ` (${err.details.cause.message})` : ''}`);
  }

  // Index every node by IRI, merging the descriptions of a node that appears several times.
  const nodes = new Map<string, Obj>();
  const services: Obj[] = [];
  const organisations: Obj[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (!isObj(v) || '@value' in v) return;
    if ('@list' in v) {
      visit(v['@list']);
      return;
    }
    if ('@graph' in v) visit(v['@graph']);
    const keys = Object.keys(v).filter((k) => k !== '@id' && k !== '@graph' && k !== '@index');
    if (!keys.length) return;
    let node = v;
    const prev = v['@id'] ? nodes.get(v['@id']) : undefined;
    if (v['@id'] && !prev) {
      node = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Array.isArray(x) ? [...x] : x]));
      nodes.set(v['@id'], node);
    } else if (prev) {
      node = prev;
      for (const k of keys) {
        const list = (prev[k] as unknown[] | undefined) ?? [];
        prev[k] = list;
        for (const x of v[k] as unknown[]) if (!list.some((y) => JSON.stringify(y) === JSON.stringify(x))) list.push(x);
      }
    }
    if (node['@type']?.includes(I.service) && !services.includes(node)) services.push(node);
    if (node['@type']?.includes(I.organisation) && !organisations.includes(node)) organisations.push(node);
    for (const k of keys) if (!k.startsWith('@')) visit(v[k]);
  };
  visit(expanded);

  return {
    items: services.map((s, index) => readService(s, index, nodes)),
    organisations: organisations.map((o, index) => readOrganisation(o, index, nodes)),
    warnings,
  };
}

const firstLit = (n: Obj, ps: string[], lang?: 'ar' | 'en') => {
  for (const p of ps)
    for (const l of (n[p] as unknown[] | undefined) ?? []) {
      if (!isObj(l) || !('@value' in l)) continue;
      const tag = String(l['@language'] ?? '')
        .toLowerCase()
        .split('-')[0];
      if (lang === undefined || tag === lang) return String(l['@value']);
    }
  return undefined;
};

/** An organisation's code: ours from its Yusr IRI, else its dct:identifier, else its IRI's last segment (case kept). */
function organisationCode(o: Obj): string | undefined {
  return codeFromIri(o['@id'], 'agency') ?? firstLit(o, [I.identifier]) ?? (o['@id']?.startsWith('_:') ? undefined : lastSegment(o['@id']));
}

function readOrganisation(o: Obj, index: number, nodes: Map<string, Obj>): ImportOrganisation {
  const names = [`${NS.skos}prefLabel`, `${NS.foaf}name`, I.title, `${NS.rdfs}label`];
  const refOf = (n: Obj, p: string) => {
    const x = ((n[p] as unknown[] | undefined) ?? []).find((v): v is Obj => isObj(v) && !('@value' in v));
    return x?.['@id'] ? (nodes.get(x['@id']) ?? x) : x;
  };
  const ref = (p: string) => refOf(o, p);
  const parent = ref(`${NS.org}subOrganizationOf`) ?? ref(`${NS.org}unitOf`);
  const address = ref(`${NS.locn}address`);
  const contact = ref(cv('contactPoint'));
  const contactValue = (p: string) => (contact ? (firstLit(contact, [p]) ?? refOf(contact, p)?.['@id']) : undefined);
  const out: ImportOrganisation = {
    index,
    code: organisationCode(o),
    name_ar: firstLit(o, names, 'ar'),
    name_en: firstLit(o, names, 'en') ?? firstLit(o, names),
    parent: parent ? organisationCode(parent) : undefined,
    website: ref(`${NS.foaf}homepage`)?.['@id'],
    email: contact ? firstLit(contact, [cv('email')])?.replace(/^mailto:/, '') : undefined,
    phone: contactValue(cv('telephone'))?.replace(/^tel:/, ''),
    address_ar: address ? firstLit(address, [`${NS.locn}fullAddress`], 'ar') : undefined,
    address_en: address ? firstLit(address, [`${NS.locn}fullAddress`], 'en') : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ImportOrganisation;
}

function readService(s: Obj, index: number, nodes: Map<string, Obj>): ImportItem {
  const errors: string[] = [];
  /** Values of a property; `yusr:x` matches Yusr's own property x of any deployment (`…/ns#x`). */
  const all = (n: Obj, p: string): unknown[] =>
    p.startsWith('yusr:')
      ? Object.keys(n)
          .filter((k) => k.endsWith(`/ns#${p.slice(5)}`))
          .flatMap((k) => n[k] as unknown[])
      : ((n[p] as unknown[]) ?? []);
  const lits = (n: Obj, p: string) => all(n, p).filter((x): x is Lit => isObj(x) && '@value' in x);
  const str = (n: Obj, p: string) => {
    const l = lits(n, p)[0];
    return l === undefined ? undefined : String(l['@value']);
  };
  const refs = (n: Obj, p: string) =>
    all(n, p)
      .filter((x): x is Obj => isObj(x) && !('@value' in x))
      .map((x) => (x['@id'] ? (nodes.get(x['@id']) ?? x) : x));
  const iri = (n: Obj, ...ps: string[]) => ps.map((p) => refs(n, p)[0]?.['@id']).find(Boolean);
  /** Our parts carry their position in their IRI (…/channel/2); others keep the document order. */
  const ordered = (list: Obj[]) => {
    const pos = list.map((n) => Number(/\/(\d+)$/.exec(n['@id'] ?? '')?.[1]));
    return pos.every(Number.isFinite)
      ? list
          .map((n, i) => ({ n, p: pos[i] }))
          .sort((a, b) => a.p - b.p)
          .map((x) => x.n)
      : list;
  };
  const text = (n: Obj, ps: string[], what: string) => {
    const out: { ar?: string; en?: string } = {};
    for (const l of ps.flatMap((p) => lits(n, p))) {
      const lang = (l['@language'] ?? '').toLowerCase().split('-')[0];
      if (lang !== 'ar' && lang !== 'en') continue;
      if (out[lang] !== undefined) errors.push(`${what}: several @${lang} values; the first is kept`);
      else out[lang] = String(l['@value']);
    }
    return out;
  };
  /** Optional bilingual text: absent when neither language is there, '' for a missing one. */
  const optText = (n: Obj, p: string, what: string) => {
    const t = text(n, [p], what);
    return t.ar === undefined && t.en === undefined ? undefined : { ar: t.ar ?? '', en: t.en ?? '' };
  };
  const code = (scheme: SchemeName, n: Obj | undefined, what: string) => {
    if (!n) return undefined;
    const c = codeFromConcept(scheme, n['@id']) ?? codeFromStandard(scheme, n['@id'] ?? str(n, I.notation));
    if (!c) errors.push(`${what}: ${n['@id'] ?? 'a blank node'} is not a Yusr ${scheme} concept`);
    return c;
  };
  const single = <T>(list: T[], what: string) => {
    if (list.length > 1) errors.push(`${what}: ${list.length} values; the first is kept`);
    return list[0];
  };
  const duration = (p: string, isoProp: string) => {
    const xsd = str(s, p);
    const iso = str(s, isoProp);
    return iso && xsd && toXsdDuration(iso) === xsd ? iso : xsd;
  };
  const compact = <T extends Record<string, unknown>>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

  const identifier = str(s, I.identifier) ?? codeFromIri(s['@id'], 'service');
  if (!identifier) errors.push('the service has no dct:identifier');
  const authority = single(refs(s, cv('hasCompetentAuthority')), 'cv:hasCompetentAuthority');
  const agencyCode = authority ? organisationCode(authority) : undefined;
  if (!authority) errors.push('the service has no cv:hasCompetentAuthority');
  else if (!agencyCode) errors.push(`competent authority ${authority['@id'] ?? ''} has neither a Yusr agency IRI nor a dct:identifier`);

  const classified = refs(s, cv('isClassifiedBy'));
  const categories = refs(s, cv('thematicArea')).map((c) => str(c, I.notation) ?? lastSegment(c['@id']));
  for (const c of classified.filter((c) => /\/vocab\/category\/[^/]+$/.test(c['@id'] ?? ''))) {
    const k = str(c, I.notation) ?? lastSegment(c['@id']);
    if (!categories.includes(k)) categories.push(k);
  }
  const events = refs(s, cv('isGroupedBy'));
  // An EU life events concept (life-events.ts) may type the event (dct:type, as CPSV-AP 3.2
  // recommends) or stand for it (cv:isGroupedBy naming the concept itself): it reads as the Yusr
  // term it maps to. Yusr's own event IRIs come first, so a round trip keeps the exact term.
  const euConcept = (e: Obj) =>
    euLifeEventCode(e['@id']) ??
    refs(e, I.type)
      .map((t) => euLifeEventCode(t['@id']))
      .find(Boolean);
  const isLifeEvent = (e: Obj) => !!e['@type']?.includes(cv('LifeEvent')) || (!e['@type']?.length && !!euLifeEventCode(e['@id']));
  const eu = (e: Obj) => {
    const concept = euConcept(e);
    return concept && yusrLifeEventOf(`${EU_LIFE_EVENT_SCHEME}${concept}`);
  };
  const eventCodes = (type: 'LifeEvent' | 'BusinessEvent', segment: string) =>
    events
      .filter((e) => (type === 'LifeEvent' ? isLifeEvent(e) : e['@type']?.includes(cv(type))))
      .map(
        (e) =>
          codeFromIri(e['@id'], segment) ?? (type === 'LifeEvent' ? eu(e) : undefined) ?? str(e, I.identifier) ?? lastSegment(e['@id']),
      );
  for (const e of events)
    if (!isLifeEvent(e) && !e['@type']?.includes(cv('BusinessEvent')))
      errors.push(`event ${e['@id'] ?? ''} is neither a cv:LifeEvent nor a cv:BusinessEvent`);

  const maturities = classified.filter((c) => /\/vocab\/maturity\/[^/]+$/.test(c['@id'] ?? ''));
  const statusNode = single(refs(s, `${NS.adms}status`), 'adms:status');
  const admsStatus: Record<string, string> = {
    Completed: 'live',
    UnderDevelopment: 'planned',
    Deprecated: 'retired',
    Withdrawn: 'suspended',
  };
  const status = statusNode?.['@id']?.startsWith(ADMS_STATUS)
    ? admsStatus[statusNode['@id'].slice(ADMS_STATUS.length)]
    : code('status', statusNode, 'adms:status');

  const channelType = (ch: Obj | undefined, what: string) =>
    code('channel-type', single(refs(ch ?? {}, I.type), `${what} dct:type`), `${what} dct:type`);
  const channels = ordered(refs(s, cv('hasChannel'))).map((ch, i) => {
    const what = `channel ${i + 1}`;
    const phone = str(ch, cv('telephone')) ?? iri(ch, cv('telephone'))?.replace(/^tel:/, '');
    const hours = single(refs(ch, cv('openingHours')), `${what} cv:openingHours`);
    return compact({
      type: channelType(ch, what),
      url: iri(ch, cv('contactPage'), I.page),
      phone,
      availability: code('availability', single(refs(ch, 'yusr:availability'), what), `${what} availability`),
      hours: hours && optText(hours, I.description, `${what} opening hours`),
    });
  });

  const fees = ordered(refs(s, cv('hasCost'))).map((c, i) => {
    const what = `cost ${i + 1}`;
    const raw = str(c, cv('hasValue')) ?? str(c, cv('value'));
    const amount = raw === undefined ? undefined : Number(raw);
    if (raw !== undefined && !Number.isFinite(amount)) errors.push(`${what}: cv:hasValue ${raw} is not a number`);
    const cur = iri(c, cv('currency')) ?? str(c, cv('currency'));
    const currency = cur?.match(/([A-Z]{3})$/)?.[1];
    if (cur && !currency) errors.push(`${what}: currency ${cur} is not an ISO 4217 code`);
    const through = single(refs(c, cv('ifAccessedThrough')), `${what} cv:ifAccessedThrough`);
    return compact({
      amount,
      currency,
      channel: through && channelType(through, `${what} channel`),
      description: optText(c, I.description, `${what} description`),
    });
  });

  const data = compact({
    name: text(s, [I.title], 'dct:title'),
    description: text(s, [I.description], 'dct:description'),
    audiences: refs(s, `${NS.dct}audience`).map((a) => code('audience', a, 'dct:audience')),
    categories,
    life_events: eventCodes('LifeEvent', 'life-event'),
    business_events: eventCodes('BusinessEvent', 'business-event'),
    channels,
    requirements: ordered(refs(s, cv('holdsRequirement'))).map((r, i) => {
      const t = text(r, [I.title], `requirement ${i + 1}`);
      return t.ar === undefined && t.en === undefined ? text(r, [I.description], `requirement ${i + 1}`) : t;
    }),
    documents: ordered(refs(s, `${NS.cpsv}hasInput`)).map((e, i) =>
      compact({ name: text(e, [I.title], `evidence ${i + 1}`), description: optText(e, I.description, `evidence ${i + 1} description`) }),
    ),
    outputs: ordered(refs(s, `${NS.cpsv}produces`)).map((o, i) => text(o, [I.title], `output ${i + 1}`)),
    fees,
    legal_basis: ordered(refs(s, cv('hasLegalResource'))).map((l, i) => {
      const own = l['@id'] && /^https?:/.test(l['@id']) && !/\/id\/service\//.test(l['@id']) ? l['@id'] : undefined;
      return compact({
        title: text(l, [I.title, `${NS.eli}title`], `legal resource ${i + 1}`),
        url: iri(l, I.page, `${NS.rdfs}seeAlso`) ?? own,
      });
    }),
    processing_time: duration(cv('processingTime'), 'yusr:processingTimeIso'),
    sla_target: duration('yusr:slaTarget', 'yusr:slaTargetIso'),
    keywords: {
      ar: lits(s, `${NS.dcat}keyword`)
        .filter((l) => l['@language']?.toLowerCase().startsWith('ar'))
        .map((l) => String(l['@value'])),
      en: lits(s, `${NS.dcat}keyword`)
        .filter((l) => l['@language']?.toLowerCase().startsWith('en'))
        .map((l) => String(l['@value'])),
    },
    maturity: code('maturity', single(maturities, 'maturity'), 'maturity'),
    status,
  });
  return compact({ index, identifier, agencyCode, data, errors });
}
