// Compact notation for the demo e-service vocabularies. The generator (../catalog.generate.ts)
// expands every group into full bilingual `ServiceData` records.
//
// Notation used in the string fields:
//   kw      'ar1,ar2|en1,en2'            keywords, Arabic before the bar, English after it
//   aud     'crbvg'                      c citizens, r residents, b businesses, v visitors, g government
//   cat/le/be/legal/docs/req             space-separated codes (terms, laws, documents, requirements)
//   out/feeNote                          'Arabic|English'
//   fee     300 | 'issue:300 renew:200'  SAR; 0 means explicitly free; omitted means chosen by the generator

/** How a service is used, which drives its maturity, fees, timings and description. */
export type Kind =
  | 'info' // information only
  | 'inq' // look-up or verification
  | 'book' // appointment
  | 'report' // report, complaint
  | 'req' // application decided later
  | 'tx' // full transaction
  | 'pay' // payment
  | 'int'; // integrated, cross-agency or proactive

export interface Common {
  kw?: string;
  aud?: string;
  cat?: string;
  le?: string;
  be?: string;
  legal?: string;
  docs?: string;
  req?: string;
  out?: string;
  fee?: number | string;
  feeNote?: string;
  /** Processing time (ISO 8601 duration). */
  t?: string;
  /** Always published as live (flagship services; the judged search queries point at these). */
  live?: boolean;
  /** Web channel open only during announced periods (seasonal services). */
  seasonal?: boolean;
}

/** An object of government action (a document, licence, permit…) crossed with the verbs that make sense for it. */
export interface ObjSpec extends Common {
  o: string;
  /** Arabic indefinite form (after إصدار) and definite form (after تجديد, بدل فاقد ل…). */
  ar: [string, string];
  en: string;
  art?: 'a' | 'an' | '';
  /** Space-separated verb codes from `verbs` (dictionaries.ts). */
  v: string;
}

/** One hand-written service. */
export interface SvcSpec extends Common {
  s: string;
  ar: string;
  en: string;
  k: Kind;
}

export interface GroupSpec extends Common {
  agency: string;
  /** Platform named in descriptions, 'منصة أبشر|the Absher platform'. */
  platform?: string;
  items: (ObjSpec | SvcSpec)[];
}

type Extra = Common & { art?: 'a' | 'an' | '' };

/** An object with its verbs: o('passport', 'جواز سفر', 'جواز السفر', 'passport', 'issue renew', {...}). */
export function o(slug: string, ind: string, def: string, en: string, v: string, x: Extra = {}): ObjSpec {
  return { o: slug, ar: [ind, def], en, v, ...x };
}

/** A single service: s('visit-visa-extension', 'تمديد تأشيرة زيارة', 'Extend a visit visa', 'tx', {...}). */
export function s(slug: string, ar: string, en: string, k: Kind = 'tx', x: Common = {}): SvcSpec {
  return { s: slug, ar, en, k, ...x };
}

export const isObj = (i: ObjSpec | SvcSpec): i is ObjSpec => 'o' in i;
