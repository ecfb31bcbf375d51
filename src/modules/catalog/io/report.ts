/**
 * The dry run as people act on it: refusals grouped by reason with their count and rows, each
 * field named in the reader's language with the JSON-LD property or table column that fixes it,
 * and the same report as a CSV (one line per row and reason).
 */
import type { MessageKey } from '../../../messages.ts';
import { type DryRunRow, dryRunCsv } from '../../../platform/dry-run-report.ts';
import { type Lang, translate } from '../../../platform/i18n/i18n.ts';
import type { PlannedAgency } from '../../identity/public.ts';
import { outcomeLabel } from '../catalog.labels.ts';
import { columns } from './columns.ts';
import type { PlannedRow } from './import.read.ts';

/** Where each field comes from: the CPSV-AP property and the table column(s). */
export const FIELD_SOURCES: Record<string, { property?: string; columns: string[] }> = {
  identifier: { property: 'dct:identifier', columns: ['identifier'] },
  agency: { property: 'cv:hasCompetentAuthority', columns: ['agency'] },
  name: { property: 'dct:title', columns: ['name_ar', 'name_en'] },
  description: { property: 'dct:description', columns: ['description_ar', 'description_en'] },
  audiences: { property: 'dct:audience', columns: ['audiences'] },
  categories: { property: 'cv:thematicArea', columns: ['categories'] },
  category: { property: 'cv:thematicArea', columns: ['categories'] },
  life_events: { property: 'cv:isGroupedBy (cv:LifeEvent)', columns: ['life_events'] },
  life_event: { property: 'cv:isGroupedBy (cv:LifeEvent)', columns: ['life_events'] },
  business_events: { property: 'cv:isGroupedBy (cv:BusinessEvent)', columns: ['business_events'] },
  business_event: { property: 'cv:isGroupedBy (cv:BusinessEvent)', columns: ['business_events'] },
  channels: { property: 'cv:hasChannel', columns: ['channels'] },
  requirements: { property: 'cv:holdsRequirement', columns: ['requirements_ar', 'requirements_en'] },
  documents: { property: 'cpsv:hasInput', columns: ['documents_ar', 'documents_en'] },
  outputs: { property: 'cpsv:produces', columns: ['outputs_ar', 'outputs_en'] },
  fees: { property: 'cv:hasCost', columns: ['fees'] },
  legal_basis: { property: 'cv:hasLegalResource', columns: ['legal_basis'] },
  processing_time: { property: 'cv:processingTime', columns: ['processing_time'] },
  sla_target: { property: 'yusr:slaTarget', columns: ['sla_target'] },
  keywords: { property: 'dcat:keyword', columns: ['keywords_ar', 'keywords_en'] },
  maturity: { property: 'cv:isClassifiedBy (…/vocab/maturity/<code>)', columns: ['maturity'] },
  status: { property: 'adms:status', columns: ['status'] },
  file: { columns: [] },
  // Agencies: cv:PublicOrganisation in JSON-LD, or the agencies sheet.
  code: { property: 'dct:identifier (cv:PublicOrganisation)', columns: ['code'] },
  name_ar: { property: 'skos:prefLabel@ar', columns: ['name_ar'] },
  name_en: { property: 'skos:prefLabel@en', columns: ['name_en'] },
  kind: { columns: ['kind'] },
  parent: { property: 'org:subOrganizationOf', columns: ['parent'] },
  website: { property: 'foaf:homepage', columns: ['website'] },
  email: { property: 'cv:contactPoint / cv:email', columns: ['email'] },
  phone: { property: 'cv:contactPoint / cv:telephone', columns: ['phone'] },
  address_ar: { property: 'locn:address / locn:fullAddress@ar', columns: ['address_ar'] },
  address_en: { property: 'locn:address / locn:fullAddress@en', columns: ['address_en'] },
};

const arabicHeading = new Map<string, string>(columns.map(([k, ar]) => [k, ar]));
const top = (field: string) => field.split('.')[0] ?? field;

/** A field (or a path such as channels.0.url) named in the reader's language. */
export function fieldName(lang: Lang, field: string): string {
  const key = `io.field.${top(field)}` as MessageKey;
  const name = translate(lang, key);
  const rest = field.split('.').slice(1);
  return name === key
    ? field
    : rest.length
      ? `${name} (${rest.map((p) => (/^\d+$/.test(p) ? String(Number(p) + 1) : p)).join(' › ')})`
      : name;
}

/** What fixes a field: its JSON-LD property and its column (with its Arabic heading for Arabic readers). */
export function fixHint(lang: Lang, field: string, agencies = false): string {
  const src = FIELD_SOURCES[top(field)];
  if (!src?.columns.length) return '';
  const column = src.columns
    .map((c) => (lang === 'ar' && !agencies ? `${c} (${arabicHeading.get(c) ?? c})` : c))
    .join(lang === 'ar' ? '، ' : ', ');
  return src.property
    ? translate(lang, 'io.fix_hint', { property: src.property, column })
    : translate(lang, 'io.fix_hint_column', { column });
}

export interface ReasonGroup {
  what: 'service' | 'agency';
  field: string;
  key: string;
  message: string;
  fieldName: string;
  hint: string;
  rows: number[];
}

/** Refusals grouped by (field, reason), largest first; the message is the first row's wording. */
export function groupReasons(lang: Lang, rows: PlannedRow[], agencies: PlannedAgency[]): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>();
  const add = (what: ReasonGroup['what'], row: number, p: PlannedRow['problems'][number]) => {
    const field = top(p.field);
    const id = `${what}|${field}|${p.key}|${p.key === 'validation.csv_malformed' ? '' : JSON.stringify(p.params ?? {})}`;
    let g = groups.get(id);
    if (!g) {
      g = {
        what,
        field,
        key: p.key,
        message: translate(lang, p.key, p.params),
        fieldName: fieldName(lang, p.field),
        hint: fixHint(lang, p.field, what === 'agency'),
        rows: [],
      };
      groups.set(id, g);
    }
    if (!g.rows.includes(row)) g.rows.push(row);
  };
  for (const a of agencies) for (const p of a.problems) add('agency', a.row, p);
  for (const r of rows) for (const p of r.problems) add('service', r.row, p);
  return [...groups.values()].sort((a, b) => b.rows.length - a.rows.length || a.field.localeCompare(b.field));
}

/**
 * The whole report as CSV in the reader's language (the shared dry-run layout): refusals grouped by
 * reason as on the page, one line per row and reason with the property or column that fixes it,
 * then the rows without a problem with what they would change.
 */
export function reportCsv(lang: Lang, rows: PlannedRow[], agencies: PlannedAgency[]): string {
  const t = (k: MessageKey) => translate(lang, k);
  const missing = (m?: string[]) =>
    m?.length ? translate(lang, 'io.missing', { fields: m.map((f) => fieldName(lang, f)).join(lang === 'ar' ? '، ' : ', ') }) : '';
  const problem = (what: ReasonGroup['what'], p: PlannedRow['problems'][number]) => ({
    field: fieldName(lang, p.field),
    reason: translate(lang, p.key, p.params),
    hint: fixHint(lang, p.field, what === 'agency'),
    group: `${what}|${top(p.field)}|${p.key}|${p.key === 'validation.csv_malformed' ? '' : JSON.stringify(p.params ?? {})}`,
  });
  const out: DryRunRow[] = [
    ...agencies.map((a) => ({
      cells: [String(a.row), '', a.code ?? '', t(outcomeLabel[a.outcome])],
      problems: a.problems.map((p) => problem('agency', p)),
      note: a.changes.map((f) => fieldName(lang, f)).join(', '),
    })),
    ...rows.map((r) => ({
      cells: [String(r.row), r.identifier ?? '', r.agencyCode ?? '', t(outcomeLabel[r.outcome])],
      problems: r.problems.map((p) => problem('service', p)),
      note: missing(r.missing) || r.changes.map((f) => fieldName(lang, f)).join(', '),
    })),
  ];
  return dryRunCsv(
    {
      cells: [t('io.row'), t('io.field.identifier'), t('io.field.agency'), t('io.outcome')],
      field: t('io.field_col'),
      reason: t('io.reasons'),
      hint: t('io.hint_col'),
    },
    out,
  );
}
