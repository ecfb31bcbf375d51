// The EU life events vocabulary and how Yusr's life events map to it (issue 13).
//
// CPSV-AP 3.2.0 recommends typing a cv:LifeEvent (dct:type, a skos:Concept) with the EU "Life Events"
// codelist. Its concepts are copied, unchanged, in eu-life-events-2023-03-22.ttl (source in
// SOURCE.md); a test holds this table to that file. Yusr's life events are its own managed terms,
// so the mapping below is from the codes of Yusr's default life-event terms (src/demo/catalog.terms.ts,
// what a new installation starts with). Export types each mapped event with its EU concept; import
// reads an EU concept (as the event's dct:type, or as the event itself) as the Yusr term listed
// first for it. README's table of what the import reads shows the mapping.

/** The scheme, as published; the Publications Office's authority-table form is read too. */
export const EU_LIFE_EVENT_SCHEME = 'http://data.europa.eu/ox8/life-event/';
const READ_SCHEMES = [EU_LIFE_EVENT_SCHEME, 'http://publications.europa.eu/resource/authority/life-event/'];

/** The EU concepts: code → English label as published, Arabic label ours. */
export const euLifeEvents = {
  BIR: { en: 'Birth', ar: 'الولادة' },
  BSC: { en: 'Becoming a (social) caretaker', ar: 'تولّي رعاية شخص آخر' },
  CRS: { en: 'Changing relationship status', ar: 'تغيّر الحالة الاجتماعية' },
  DRE: { en: 'Death of a relative', ar: 'وفاة أحد الأقارب' },
  DRV: { en: 'Driving a vehicle', ar: 'قيادة مركبة' },
  FCR: { en: 'Facing a crime', ar: 'التعرّض لجريمة' },
  FEHP: { en: 'Facing an emergency / health problem', ar: 'مواجهة حالة طارئة أو مشكلة صحية' },
  GMS: { en: 'Going into military service', ar: 'أداء الخدمة العسكرية' },
  MOV: { en: 'Moving', ar: 'الانتقال' },
  RES: { en: 'Residence', ar: 'السكن' },
  RET: { en: 'Retiring', ar: 'التقاعد' },
  STU: { en: 'Studying', ar: 'الدراسة' },
  WOR: { en: 'Working', ar: 'العمل' },
} as const;
export type EuLifeEvent = keyof typeof euLifeEvents;

/**
 * Yusr's default life-event codes and their EU concept. Where several Yusr terms share a concept,
 * the first listed is the one an EU concept imports as.
 */
export const lifeEventMapping: readonly (readonly [yusr: string, eu: EuLifeEvent])[] = [
  ['birth', 'BIR'],
  ['starting-school', 'STU'],
  ['university', 'STU'],
  ['first-job', 'WOR'],
  ['losing-job', 'WOR'],
  ['marriage', 'CRS'],
  ['moving-home', 'MOV'],
  ['travel-abroad', 'MOV'],
  ['buying-home', 'RES'],
  ['driving', 'DRV'],
  ['buying-car', 'DRV'],
  ['health-emergency', 'FEHP'],
  ['disability', 'FEHP'],
  ['retirement', 'RET'],
  ['death', 'DRE'],
];

const toEu = new Map(lifeEventMapping.map(([y, e]) => [y, e]));
const fromEu = new Map<string, string>();
for (const [y, e] of lifeEventMapping) if (!fromEu.has(e)) fromEu.set(e, y);

/** The EU concept IRI of a Yusr life-event code, if it maps. */
export function euLifeEventIri(code: string): string | undefined {
  const eu = toEu.get(code.toLowerCase());
  return eu ? `${EU_LIFE_EVENT_SCHEME}${eu}` : undefined;
}

/** The EU concept's code, when the IRI is one (either published form; code case-insensitive). */
export function euLifeEventCode(iri: string | undefined): EuLifeEvent | undefined {
  const scheme = iri ? READ_SCHEMES.find((s) => iri.startsWith(s)) : undefined;
  const code = scheme
    ? iri
        ?.slice(scheme.length)
        .replace(/[/#?].*$/, '')
        .toUpperCase()
    : undefined;
  return code && code in euLifeEvents ? (code as EuLifeEvent) : undefined;
}

/** The Yusr life-event code an EU concept IRI imports as (undefined for GMS, FCR, BSC: no default term). */
export function yusrLifeEventOf(iri: string | undefined): string | undefined {
  const eu = euLifeEventCode(iri);
  return eu ? fromEu.get(eu) : undefined;
}
