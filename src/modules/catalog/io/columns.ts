import { normalizeArabic } from '../../../platform/search/analyzer.ts';
import type { ServiceData } from '../catalog.schema.ts';

// The catalog's table format (CSV and XLSX share it): one service per row; list cells hold one
// item per line (commas also separate code lists), structured items use "|" between parts:
//   channels     type|url or phone|availability|hours in Arabic|hours in English
//   fees         amount|currency|channel|description in Arabic|description in English
//   legal_basis  title in Arabic|title in English|url
// Headings may be the English keys below or their Arabic names (hamza and taa marbuta variants
// are accepted).

export const columns = [
  ['identifier', 'المعرف'],
  ['agency', 'الجهة'],
  ['name_ar', 'الاسم بالعربية'],
  ['name_en', 'الاسم بالإنجليزية'],
  ['description_ar', 'الوصف بالعربية'],
  ['description_en', 'الوصف بالإنجليزية'],
  ['audiences', 'الفئات المستفيدة'],
  ['categories', 'المواضيع'],
  ['life_events', 'مناسبات الحياة'],
  ['business_events', 'مراحل الأعمال'],
  ['maturity', 'مستوى النضج الرقمي'],
  ['status', 'حالة الخدمة'],
  ['channels', 'قنوات التقديم'],
  ['requirements_ar', 'الشروط بالعربية'],
  ['requirements_en', 'الشروط بالإنجليزية'],
  ['documents_ar', 'المستندات بالعربية'],
  ['documents_en', 'المستندات بالإنجليزية'],
  ['outputs_ar', 'المخرجات بالعربية'],
  ['outputs_en', 'المخرجات بالإنجليزية'],
  ['fees', 'الرسوم'],
  ['legal_basis', 'الأساس النظامي'],
  ['processing_time', 'مدة الإنجاز'],
  ['sla_target', 'مستوى الخدمة المستهدف'],
  ['keywords_ar', 'الكلمات المفتاحية بالعربية'],
  ['keywords_en', 'الكلمات المفتاحية بالإنجليزية'],
] as const;

export type ColumnKey = (typeof columns)[number][0];
export const requiredColumns: ColumnKey[] = ['identifier', 'agency', 'name_ar', 'name_en', 'description_ar', 'description_en'];
/** Yusr's own fields CPSV-AP does not have: a row without them imports as an incomplete draft (or takes the file's defaults). */
export const yusrOnlyFields = ['audiences', 'channels', 'maturity', 'status'] as const;

const headingKey = (h: string) => normalizeArabic(h.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' '));
const byHeading = new Map<string, ColumnKey>(
  columns.flatMap(([key, ar]) => [[headingKey(key), key] as const, [headingKey(ar), key] as const]),
);

/** The column key of a heading in either language, or undefined. */
export function columnFor(heading: string): ColumnKey | undefined {
  return byHeading.get(headingKey(heading));
}

const cellLines = (v: string | undefined) =>
  (v ?? '')
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);
const codes = (v: string | undefined) =>
  (v ?? '')
    .split(/[\n,،]/)
    .map((x) => x.trim())
    .filter(Boolean);
const parts = (line: string) => line.split('|').map((x) => x.trim());
const pairs = (ar: string | undefined, en: string | undefined) => {
  const a = cellLines(ar);
  const e = cellLines(en);
  return Array.from({ length: Math.max(a.length, e.length) }, (_, i) => ({ ar: a[i] ?? '', en: e[i] ?? '' }));
};
const optional = <T>(value: T | undefined | '', key: string) => (value === undefined || value === '' ? {} : { [key]: value });

/** A table row (column key → cell text) as a candidate ServiceData; the schema validates it. */
export function rowToData(r: Partial<Record<ColumnKey, string>>): unknown {
  return {
    name: { ar: r.name_ar?.trim() ?? '', en: r.name_en?.trim() ?? '' },
    description: { ar: r.description_ar?.trim() ?? '', en: r.description_en?.trim() ?? '' },
    audiences: codes(r.audiences),
    categories: codes(r.categories),
    life_events: codes(r.life_events),
    business_events: codes(r.business_events),
    maturity: r.maturity?.trim() ?? '',
    status: r.status?.trim() ?? '',
    channels: cellLines(r.channels).map((line) => {
      const [type, contact, availability, hoursAr, hoursEn] = parts(line);
      const isUrl = /^https?:\/\//i.test(contact ?? '');
      return {
        type,
        ...optional(isUrl ? contact : undefined, 'url'),
        ...optional(!isUrl ? contact : undefined, 'phone'),
        ...optional(availability, 'availability'),
        ...(hoursAr || hoursEn ? { hours: { ar: hoursAr ?? '', en: hoursEn ?? '' } } : {}),
      };
    }),
    requirements: pairs(r.requirements_ar, r.requirements_en),
    documents: pairs(r.documents_ar, r.documents_en).map((name) => ({ name })),
    outputs: pairs(r.outputs_ar, r.outputs_en),
    fees: cellLines(r.fees).map((line) => {
      const [amount, currency, channel, descAr, descEn] = parts(line);
      return {
        amount: Number(amount),
        ...optional(currency, 'currency'),
        ...optional(channel, 'channel'),
        ...(descAr || descEn ? { description: { ar: descAr ?? '', en: descEn ?? '' } } : {}),
      };
    }),
    legal_basis: cellLines(r.legal_basis).map((line) => {
      const [ar, en, url] = parts(line);
      return { title: { ar: ar ?? '', en: en ?? '' }, ...optional(url, 'url') };
    }),
    ...optional(r.processing_time?.trim(), 'processing_time'),
    ...optional(r.sla_target?.trim(), 'sla_target'),
    keywords: { ar: codes(r.keywords_ar), en: codes(r.keywords_en) },
  };
}

/** A published service as a table row (the inverse of rowToData). */
export function dataToRow(identifier: string, agency: string, d: ServiceData): Record<ColumnKey, string> {
  const lines = (xs: string[]) => xs.join('\n');
  return {
    identifier,
    agency,
    name_ar: d.name.ar,
    name_en: d.name.en,
    description_ar: d.description.ar,
    description_en: d.description.en,
    audiences: lines(d.audiences),
    categories: lines(d.categories),
    life_events: lines(d.life_events),
    business_events: lines(d.business_events),
    maturity: d.maturity,
    status: d.status,
    channels: lines(
      d.channels.map((c) =>
        [c.type, c.url ?? c.phone ?? '', c.availability, c.hours?.ar ?? '', c.hours?.en ?? ''].join('|').replace(/\|+$/, ''),
      ),
    ),
    requirements_ar: lines(d.requirements.map((x) => x.ar)),
    requirements_en: lines(d.requirements.map((x) => x.en)),
    documents_ar: lines(d.documents.map((x) => x.name.ar)),
    documents_en: lines(d.documents.map((x) => x.name.en)),
    outputs_ar: lines(d.outputs.map((x) => x.ar)),
    outputs_en: lines(d.outputs.map((x) => x.en)),
    fees: lines(
      d.fees.map((f) =>
        [String(f.amount), f.currency, f.channel ?? '', f.description?.ar ?? '', f.description?.en ?? ''].join('|').replace(/\|+$/, ''),
      ),
    ),
    legal_basis: lines(d.legal_basis.map((l) => [l.title.ar, l.title.en, l.url ?? ''].join('|').replace(/\|+$/, ''))),
    processing_time: d.processing_time ?? '',
    sla_target: d.sla_target ?? '',
    keywords_ar: lines(d.keywords.ar),
    keywords_en: lines(d.keywords.en),
  };
}

/**
 * A sheet of agencies (CSV or XLSX) imports through the same dry run: its headings are these keys
 * or their Arabic names; `parent` names the parent agency by code (in the sheet or already in Yusr).
 */
export const agencyColumns = [
  ['code', 'رمز الجهة'],
  ['name_ar', 'الاسم بالعربية'],
  ['name_en', 'الاسم بالإنجليزية'],
  ['kind', 'نوع الجهة'],
  ['parent', 'الجهة الأم'],
  ['website', 'الموقع الإلكتروني'],
  ['email', 'البريد الإلكتروني'],
  ['phone', 'الهاتف'],
  ['address_ar', 'العنوان بالعربية'],
  ['address_en', 'العنوان بالإنجليزية'],
  ['status', 'الحالة'],
] as const;
export type AgencyColumnKey = (typeof agencyColumns)[number][0];
const byAgencyHeading = new Map<string, AgencyColumnKey>(
  agencyColumns.flatMap(([key, ar]) => [[headingKey(key), key] as const, [headingKey(ar), key] as const]),
);

/** The agency column of a heading in either language, or undefined. */
export function agencyColumnFor(heading: string): AgencyColumnKey | undefined {
  return byAgencyHeading.get(headingKey(heading));
}
