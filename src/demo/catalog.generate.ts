import type { Audience, LifecycleStatus, Maturity, ServiceData } from '../modules/catalog/catalog.schema.ts';
import { demoAgencies } from '../modules/identity/demo.data.ts';
import { type AgencyMeta, agencyMeta, callCentreHours, centreHours, kioskHours } from './catalog/agency-meta.ts';
import { describe, lam, type Text } from './catalog/describe.ts';
import { laws, type Verb, verbs } from './catalog/dictionaries.ts';
import { documents, requirements } from './catalog/evidence.ts';
import { keywords, merge, pair, split } from './catalog/notation.ts';
import { plainKeywordsOf } from './catalog/planted.ts';
import { hash, mulberry32, quotas, rngFor } from './catalog/random.ts';
import { type Common, type GroupSpec, isObj, type Kind, type ObjSpec } from './catalog/types.ts';
import { catalogGroups } from './catalog.data.ts';
import { catalogTerms } from './catalog.terms.ts';

export { mulberry32 };

export interface DemoService {
  identifier: string;
  /** Agency code, as in `demoAgencies`. */
  agency: string;
  data: ServiceData;
}

const durations = ['PT15M', 'PT1H', 'PT4H', 'P1D', 'P2D', 'P3D', 'P5D', 'P7D', 'P10D', 'P14D', 'P30D', 'P60D', 'P90D'];
const AUDIENCES: Record<string, Audience> = { c: 'citizens', r: 'residents', b: 'businesses', v: 'visitors', g: 'government' };
const PAID_VERBS = new Set([
  'issue',
  'renew',
  'lost',
  'damaged',
  'extend',
  'register',
  'reg-renew',
  'lic',
  'lic-renew',
  'permit',
  'permit-renew',
  'permit-extend',
  'cert',
  'cert-renew',
]);
const YEARLY_VERBS = new Set(['renew', 'reg-renew', 'lic-renew', 'permit-renew', 'cert-renew']);

/** A service before maturity and status are shared out. */
interface Draft {
  identifier: string;
  agency: string;
  tail: string;
  name: Text;
  kind: Kind;
  level: number;
  aud: Audience[];
  cats: string[];
  les: string[];
  bes: string[];
  legal: string[];
  docs: string[];
  reqs: string[];
  out?: Text;
  /** Explicit fee (0 = free), or undefined to let the generator decide. */
  fee?: number;
  paid: boolean;
  yearly: boolean;
  feeNote?: Text;
  t?: string;
  live: boolean;
  seasonal: boolean;
  kw: { ar: string[]; en: string[] };
  platform: Text;
}

function article(obj: ObjSpec): string {
  if (obj.art !== undefined) return obj.art;
  return /^[aeio]/i.test(obj.en) || /^u(?!ni|s)/i.test(obj.en) ? 'an' : 'a';
}

/** Fills a verb template with an object's forms. */
function fill(template: string, obj: ObjSpec): string {
  const [ind, def] = obj.ar;
  const art = article(obj);
  return template
    .replaceAll('{i}', ind)
    .replaceAll('{d}', def)
    .replaceAll('{l}', lam(def))
    .replaceAll('{a}', art ? `${art} ${obj.en}` : obj.en)
    .replaceAll('{e}', obj.en)
    .replaceAll('{E}', obj.en.charAt(0).toUpperCase() + obj.en.slice(1));
}

function parseFee(fee: number | string | undefined, verb?: string): number | undefined {
  if (fee === undefined) return undefined;
  if (typeof fee === 'number') return verb && !PAID_VERBS.has(verb) ? 0 : fee;
  for (const part of split(fee)) {
    const [v, amount] = part.split(':');
    if (v === verb) return Number(amount);
  }
  return 0;
}

function draftsOf(group: GroupSpec): Draft[] {
  const meta = agencyMeta[group.agency];
  const agency = demoAgencies.find((a) => a.code === group.agency);
  if (!meta || !agency) throw new Error(`unknown agency ${group.agency}`);
  const platform = group.platform
    ? pair(group.platform)
    : meta.platform
      ? pair(meta.platform)
      : { ar: `الموقع الإلكتروني ${lam(agency.name_ar)}`, en: `the ${agency.name_en} website` };
  const drafts: Draft[] = [];
  const add = (item: Common, tail: string, name: Text, kind: Kind, level: number, verb?: { code: string; v: Verb; obj: ObjSpec }) => {
    const aud = [...(item.aud ?? group.aud ?? 'c')].map((c) => {
      const a = AUDIENCES[c];
      if (!a) throw new Error(`unknown audience letter ${c} in ${tail}`);
      return a;
    });
    const applies = kind === 'tx' || kind === 'req' || kind === 'int' || kind === 'pay' || kind === 'book';
    // An object's own requirements apply to its transactions, not to its look-ups.
    const reqs = verb && !applies ? (split(item.req)[0] === '!' ? [] : split(group.req)) : merge(group.req, item.req);
    if (verb?.v.req) reqs.push(verb.v.req);
    const out = verb?.v.out ? pair(fill(verb.v.out, verb.obj)) : verb && !verb.v.doc ? undefined : item.out ? pair(item.out) : undefined;
    drafts.push({
      identifier: `${group.agency}-${tail}`,
      agency: group.agency,
      tail,
      name,
      kind,
      level,
      aud,
      cats: merge(group.cat, item.cat),
      les: merge(group.le, item.le),
      bes: merge(group.be, item.be),
      // Laws come from the item, else from the group for services that decide or deliver something.
      legal:
        item.legal !== undefined
          ? split(item.legal.replace(/^!\s*/, ''))
          : kind === 'info' || kind === 'book' || kind === 'report'
            ? []
            : split(group.legal),
      docs: verb && !applies ? [] : merge(group.docs, item.docs),
      reqs: [...new Set(reqs)],
      out,
      // A group's fee (usually 0: free public services) covers its single services, not its objects.
      fee: verb ? parseFee(item.fee, verb.code) : parseFee(item.fee ?? group.fee),
      paid: verb ? PAID_VERBS.has(verb.code) : kind === 'tx' || kind === 'req' || kind === 'int',
      yearly: verb ? YEARLY_VERBS.has(verb.code) : false,
      feeNote:
        verb?.code === 'lost' || verb?.code === 'damaged'
          ? { ar: 'رسوم إصدار البدل', en: 'Replacement fee' }
          : item.feeNote
            ? pair(item.feeNote)
            : undefined,
      t: verb ? (verb.code === 'issue' || verb.code === 'lic' ? (item.t ?? verb.v.t) : verb.v.t) : item.t,
      live: item.live ?? false,
      seasonal: item.seasonal ?? false,
      kw: keywords(item.kw, verb?.v.kw, group.kw, meta.kw),
      platform,
    });
  };
  for (const item of group.items) {
    if (isObj(item)) {
      for (const code of split(item.v)) {
        const v = verbs[code];
        if (!v) throw new Error(`unknown verb ${code} for ${item.o}`);
        add(item, `${item.o}-${v.slug}`, { ar: fill(v.ar, item), en: fill(v.en, item) }, v.kind, v.level, { code, v, obj: item });
      }
    } else {
      const levels: Record<Kind, number> = { info: 0, inq: 1, book: 1.2, report: 1.2, req: 1.6, pay: 2, tx: 2, int: 3 };
      add(item, item.s, { ar: item.ar, en: item.en }, item.k, levels[item.k]);
    }
  }
  return drafts;
}

const FEE_AMOUNTS = [50, 100, 100, 150, 200, 200, 300, 300, 500, 500, 1000, 2000];

function build(d: Draft, maturity: Maturity, status: LifecycleStatus): ServiceData {
  const rng = rngFor(d.identifier);
  const meta: AgencyMeta = agencyMeta[d.agency];
  const agency = demoAgencies.find((a) => a.code === d.agency)!;
  const govOnly = d.aud.every((a) => a === 'government');
  const personal = d.aud.some((a) => a === 'citizens' || a === 'residents' || a === 'visitors');
  const kind = d.kind;
  const transactional = kind === 'tx' || kind === 'req' || kind === 'int' || kind === 'pay';

  // Channels: always the web, then the app, the call centre, service centres and kiosks where they fit.
  const channels: ServiceData['channels'] = [];
  const web: ServiceData['channels'][number] = {
    type: 'web',
    url: `${agency.website}/eservices/${d.tail}`,
    availability: d.seasonal ? 'scheduled' : '24/7',
  };
  if (d.seasonal) web.hours = { ar: 'خلال فترة التقديم المعلنة', en: 'During the announced application period' };
  channels.push(web);
  if (meta.app && kind !== 'info' && rng() < (personal ? 0.75 : 0.35))
    channels.push({ type: 'mobile', url: meta.app, availability: '24/7' });
  const callCentre = (): ServiceData['channels'][number] =>
    meta.cc247
      ? { type: 'call_centre', phone: agency.phone!, availability: '24/7' }
      : {
          type: 'call_centre',
          phone: agency.phone!,
          availability: 'business_hours',
          hours: { ar: callCentreHours[0], en: callCentreHours[1] },
        };
  if (agency.phone && rng() < (transactional ? 0.3 : 0.55)) channels.push(callCentre());
  if (meta.centres && !govOnly && kind !== 'info' && kind !== 'inq' && kind !== 'report' && rng() < 0.4) {
    const [ar, en] = centreHours[meta.hours ?? 0];
    channels.push({ type: 'service_centre', availability: 'business_hours', hours: { ar, en } });
  }
  if (meta.kiosk && kind === 'tx' && rng() < 0.3)
    channels.push({ type: 'kiosk', availability: 'scheduled', hours: { ar: kioskHours[0], en: kioskHours[1] } });
  if (channels.length === 1 && agency.phone) channels.push(callCentre());

  // Fees: explicit where the vocabulary knows them; otherwise most fee-bearing transactions charge one.
  let amount = d.fee;
  if (amount === undefined) {
    const freeChance = kind === 'tx' ? 0.12 : kind === 'int' ? 0.25 : 0.35;
    amount =
      !d.paid || govOnly || !transactional || kind === 'pay' || rng() < freeChance
        ? 0
        : FEE_AMOUNTS[Math.floor(rng() * FEE_AMOUNTS.length)];
  }
  const fees: ServiceData['fees'] = [];
  const note = d.feeNote ?? (d.yearly ? { ar: 'عن كل سنة', en: 'Per year' } : { ar: 'رسوم الخدمة', en: 'Service fee' });
  if (amount > 0) {
    const centre = channels.some((c) => c.type === 'service_centre');
    if (d.fee === undefined && centre && rng() < 0.35) {
      fees.push({ amount, currency: 'SAR', channel: 'web', description: note });
      fees.push({
        amount: amount + (amount >= 500 ? 100 : 50),
        currency: 'SAR',
        channel: 'service_centre',
        description: { ar: 'تشمل تكلفة تقديم الخدمة حضوريًا', en: 'Includes the cost of in-person service' },
      });
    } else fees.push({ amount, currency: 'SAR', description: note });
  }
  if (fees.length > 0 && !d.reqs.includes('fees')) d.reqs.push('fees');

  // Timings: the vocabulary's processing time, nudged a little; the SLA one step later.
  let processing: string | undefined;
  if (kind === 'report') processing = 'P3D';
  else if (kind === 'book' || kind === 'inq') processing = 'PT15M';
  else if (kind !== 'info') {
    const base = d.t ?? (kind === 'req' ? 'P5D' : kind === 'pay' || kind === 'int' ? 'PT15M' : 'P2D');
    const i = durations.indexOf(base);
    if (i < 0) throw new Error(`unsupported duration ${base} in ${d.identifier}`);
    const nudge = d.t ? 0 : Math.floor(rng() * 3) - 1;
    processing = durations[Math.min(Math.max(i + nudge, 0), durations.length - 2)];
  }
  const sla = processing ? durations[durations.indexOf(processing) + (kind === 'report' ? 2 : 1)] : undefined;

  // Evidence.
  const reqs = d.reqs.filter(
    (r) =>
      !(
        (r === 'cr' && !d.aud.includes('businesses')) ||
        ((r === 'nafath' || r === 'absher') && kind === 'info') ||
        (r === 'gov' && !d.aud.includes('government'))
      ),
  );
  const docs = [...d.docs];
  if (docs.length === 0 && (kind === 'tx' || kind === 'req')) docs.push(personal ? 'id' : d.aud.includes('businesses') ? 'cr-copy' : 'id');
  if (personal && kind === 'tx' && rng() < 0.15 && !docs.includes('poa')) docs.push('poa');
  const outputs: Text[] = [];
  const kindOut: Record<Kind, Text> = {
    info: { ar: 'معلومات إرشادية محدّثة', en: 'Up-to-date guidance' },
    inq: { ar: 'عرض فوري للمعلومات المطلوبة', en: 'Instant display of the requested information' },
    book: { ar: 'موعد مؤكد برسالة نصية', en: 'An appointment confirmed by SMS' },
    report: { ar: 'رقم مرجعي لمتابعة البلاغ', en: 'A reference number to follow up the report' },
    req: { ar: 'إشعار إلكتروني بقرار الطلب', en: 'Electronic notice of the decision' },
    tx: { ar: 'إشعار إلكتروني بإنجاز الطلب', en: 'Electronic confirmation of completion' },
    pay: { ar: 'إيصال سداد إلكتروني', en: 'Electronic payment receipt' },
    int: { ar: 'إنجاز الخدمة آليًا دون تدخل من المستفيد', en: 'Completed automatically, with no action needed from the beneficiary' },
  };
  outputs.push(d.out ?? kindOut[kind]);
  if ((kind === 'tx' || kind === 'req') && rng() < 0.3)
    outputs.push({ ar: 'رسالة نصية بتأكيد الطلب', en: 'SMS confirmation of the request' });

  const description = describe({ name: d.name, kind, aud: d.aud, agency, platform: d.platform, processing, sla, fees, status, rng });
  const text = (m: Record<string, [string, string, string?, string?]>, key: string) => {
    const row = m[key];
    if (!row) throw new Error(`unknown key ${key} in ${d.identifier}`);
    return row;
  };
  return {
    name: d.name,
    description,
    audiences: d.aud,
    categories: d.cats,
    life_events: d.les,
    business_events: d.bes,
    channels,
    requirements: reqs.map((r) => {
      const [ar, en] = text(requirements, r);
      return { ar, en };
    }),
    documents: docs.map((k) => {
      const [ar, en, dar, den] = text(documents, k);
      return dar && den ? { name: { ar, en }, description: { ar: dar, en: den } } : { name: { ar, en } };
    }),
    outputs,
    fees,
    legal_basis: d.legal.map((k) => {
      const [ar, en] = text(laws, k);
      return { title: { ar, en } };
    }),
    ...(processing ? { processing_time: processing } : {}),
    ...(sla ? { sla_target: sla } : {}),
    keywords: plainKeywordsOf(d.kw, d.name, description),
    maturity,
    status,
  };
}

/** About a thousand realistic bilingual demo e-services, the same on every run. */
export function generateDemoServices(groups: GroupSpec[] = catalogGroups): DemoService[] {
  const drafts = groups.flatMap(draftsOf);
  const codes = new Set(catalogTerms.map((t) => `${t.kind}:${t.code}`));
  const ids = new Set<string>();
  for (const d of drafts) {
    if (ids.has(d.identifier)) throw new Error(`duplicate identifier ${d.identifier}`);
    ids.add(d.identifier);
    const check = (kind: string, list: string[]) => {
      for (const c of list) if (!codes.has(`${kind}:${c}`)) throw new Error(`unknown ${kind} ${c} in ${d.identifier}`);
    };
    check('category', d.cats);
    check('life_event', d.les);
    check('business_event', d.bes);
  }
  const n = drafts.length;

  // Maturity follows the kind of service (a look-up is rarely "integrated"), with some jitter.
  const maturity = new Map<string, Maturity>();
  const byScore = [...drafts]
    .map((d) => ({ id: d.identifier, score: d.level + rngFor(`${d.identifier}:maturity`)() * 0.9 }))
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id));
  const mq = quotas<Maturity>(n, [
    ['informational', 0.15],
    ['interactive', 0.25],
    ['transactional', 0.45],
    ['integrated', 0.15],
  ]);
  for (const [i, s] of byScore.entries()) maturity.set(s.id, mq[i]);

  // Lifecycle: flagship services stay live; the others share out planned, beta, suspended, retired.
  const status = new Map<string, LifecycleStatus>();
  const pool = drafts
    .filter((d) => !d.live)
    .map((d) => ({ id: d.identifier, key: hash(`${d.identifier}:status`) }))
    .sort((a, b) => a.key - b.key || a.id.localeCompare(b.id));
  const counts: [LifecycleStatus, number][] = [
    ['planned', Math.round(0.06 * n)],
    ['beta', Math.round(0.06 * n)],
    ['suspended', Math.round(0.04 * n)],
    ['retired', Math.round(0.06 * n)],
  ];
  let i = 0;
  for (const [value, count] of counts) for (let k = 0; k < count; k++) status.set(pool[i++].id, value);

  return drafts.map((d) => ({
    identifier: d.identifier,
    agency: d.agency,
    data: build(d, maturity.get(d.identifier)!, status.get(d.identifier) ?? 'live'),
  }));
}
