import type { FieldError } from '../../platform/http/errors.ts';
import { foldDecimal } from '../../platform/i18n/digits.ts';
import type { ServiceData } from './catalog.schema.ts';
import { durationAmount, isDurationUnit, isoDurationOf } from './format.ts';

// The service form works without JavaScript: lists are one item per line, channels and fees are
// numbered rows (blank rows are ignored). These functions translate between the form's flat
// fields and ServiceData, and map validation paths back to the form's field names.

type Values = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const lines = (v: unknown) =>
  str(v)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
const commas = (v: unknown) =>
  str(v)
    .split(/[,،\n]/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Pairs line N of the Arabic list with line N of the English one. */
function pairLines(ar: unknown, en: unknown, field: string, errors: FieldError[]) {
  const a = lines(ar);
  const e = lines(en);
  if (a.length !== e.length) errors.push({ field, key: 'validation.lines_mismatch' });
  return a.map((x, i) => ({ ar: x, en: e[i] ?? '' }));
}

const rowIndexes = (values: Values, prefix: string) =>
  [
    ...new Set(
      Object.keys(values)
        .map((k) => new RegExp(`^${prefix}_(\\d+)_`).exec(k)?.[1])
        .filter((x): x is string => !!x),
    ),
  ]
    .map(Number)
    .sort((a, b) => a - b);

/** Reads the form into a candidate ServiceData (validated afterwards by the schema) and line-pairing errors. */
export function formToServiceData(v: Values): { data: unknown; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const channels = rowIndexes(v, 'channel')
    .map((i) => ({
      type: str(v[`channel_${i}_type`]),
      url: str(v[`channel_${i}_url`]) || undefined,
      phone: str(v[`channel_${i}_phone`]) || undefined,
      availability: str(v[`channel_${i}_availability`]) || 'business_hours',
      hours_ar: str(v[`channel_${i}_hours_ar`]),
      hours_en: str(v[`channel_${i}_hours_en`]),
    }))
    .filter((c) => c.type && (c.url || c.phone || c.hours_ar || c.hours_en || c.type === 'service_centre' || c.type === 'kiosk'))
    .map(({ hours_ar, hours_en, ...c }) => (hours_ar || hours_en ? { ...c, hours: { ar: hours_ar, en: hours_en } } : c));
  const fees = rowIndexes(v, 'fee')
    .filter((i) => str(v[`fee_${i}_amount`]) !== '')
    .map((i) => {
      const amount = Number(foldDecimal(str(v[`fee_${i}_amount`])));
      const desc = { ar: str(v[`fee_${i}_desc_ar`]), en: str(v[`fee_${i}_desc_en`]) };
      return {
        amount: Number.isFinite(amount) ? amount : Number.NaN,
        currency: str(v[`fee_${i}_currency`]) || 'SAR',
        ...(str(v[`fee_${i}_channel`]) ? { channel: str(v[`fee_${i}_channel`]) } : {}),
        ...(desc.ar || desc.en ? { description: desc } : {}),
      };
    });
  const legalAr = lines(v.legal_ar);
  const legalEn = lines(v.legal_en);
  if (legalAr.length !== legalEn.length) errors.push({ field: 'legal_ar', key: 'validation.lines_mismatch' });
  const legal_basis = legalAr.map((line, i) => {
    const [title, url] = line.split('|').map((x) => x.trim());
    const [titleEn, urlEn] = (legalEn[i] ?? '').split('|').map((x) => x.trim());
    const link = url || urlEn;
    return { title: { ar: title, en: titleEn ?? '' }, ...(link ? { url: link } : {}) };
  });
  const data = {
    name: { ar: str(v.name_ar), en: str(v.name_en) },
    description: { ar: str(v.description_ar), en: str(v.description_en) },
    audiences: list(v.audiences),
    categories: list(v.categories),
    life_events: list(v.life_events),
    business_events: list(v.business_events),
    channels,
    requirements: pairLines(v.requirements_ar, v.requirements_en, 'requirements_ar', errors),
    documents: pairLines(v.documents_ar, v.documents_en, 'documents_ar', errors).map((name) => ({ name })),
    outputs: pairLines(v.outputs_ar, v.outputs_en, 'outputs_ar', errors),
    fees,
    legal_basis,
    ...durationFrom(v, 'processing_time', errors),
    ...durationFrom(v, 'sla_target', errors),
    keywords: { ar: commas(v.keywords_ar), en: commas(v.keywords_en) },
    maturity: str(v.maturity),
    status: str(v.status),
  };
  return { data, errors };
}

/**
 * A duration from the form's number and unit (`<name>_amount`, `<name>_unit`); with no number, the
 * ISO 8601 value the form carried unchanged (a duration of several units), if any.
 */
function durationFrom(v: Values, name: 'processing_time' | 'sla_target', errors: FieldError[]) {
  const amount = foldDecimal(str(v[`${name}_amount`]));
  if (amount === '') return str(v[name]) ? { [name]: str(v[name]).toUpperCase() } : {};
  if (!/^\d{1,4}$/.test(amount)) {
    errors.push({ field: `${name}_amount`, key: 'validation.duration_amount' });
    return {};
  }
  const unit = str(v[`${name}_unit`]);
  if (!isDurationUnit(unit)) {
    errors.push({ field: `${name}_unit`, key: 'validation.duration_unit' });
    return {};
  }
  return { [name]: isoDurationOf(Number(amount), unit) };
}

/** The form's fields for a stored duration: a number and a unit, or the ISO value kept as it is. */
function durationToForm(name: 'processing_time' | 'sla_target', iso: string | undefined): Values {
  if (!iso) return {};
  const one = durationAmount(iso);
  return one ? { [`${name}_amount`]: String(one.amount), [`${name}_unit`]: one.unit } : { [name]: iso };
}

/** The form's values for an existing record (the inverse of formToServiceData). */
export function serviceDataToForm(d: ServiceData): Values {
  const v: Values = {
    name_ar: d.name.ar,
    name_en: d.name.en,
    description_ar: d.description.ar,
    description_en: d.description.en,
    audiences: d.audiences,
    categories: d.categories,
    life_events: d.life_events,
    business_events: d.business_events,
    requirements_ar: d.requirements.map((r) => r.ar).join('\n'),
    requirements_en: d.requirements.map((r) => r.en).join('\n'),
    documents_ar: d.documents.map((r) => r.name.ar).join('\n'),
    documents_en: d.documents.map((r) => r.name.en).join('\n'),
    outputs_ar: d.outputs.map((r) => r.ar).join('\n'),
    outputs_en: d.outputs.map((r) => r.en).join('\n'),
    legal_ar: d.legal_basis.map((l) => (l.url ? `${l.title.ar} | ${l.url}` : l.title.ar)).join('\n'),
    legal_en: d.legal_basis.map((l) => l.title.en).join('\n'),
    ...durationToForm('processing_time', d.processing_time),
    ...durationToForm('sla_target', d.sla_target),
    keywords_ar: d.keywords.ar.join('، '),
    keywords_en: d.keywords.en.join(', '),
    maturity: d.maturity,
    status: d.status,
  };
  d.channels.forEach((c, i) => {
    Object.assign(v, {
      [`channel_${i}_type`]: c.type,
      [`channel_${i}_url`]: c.url ?? '',
      [`channel_${i}_phone`]: c.phone ?? '',
      [`channel_${i}_availability`]: c.availability,
      [`channel_${i}_hours_ar`]: c.hours?.ar ?? '',
      [`channel_${i}_hours_en`]: c.hours?.en ?? '',
    });
  });
  d.fees.forEach((f, i) => {
    Object.assign(v, {
      [`fee_${i}_amount`]: String(f.amount),
      [`fee_${i}_currency`]: f.currency,
      [`fee_${i}_channel`]: f.channel ?? '',
      [`fee_${i}_desc_ar`]: f.description?.ar ?? '',
      [`fee_${i}_desc_en`]: f.description?.en ?? '',
    });
  });
  return v;
}

/** Where a schema error about `path` should show on the form. */
export function formFieldFor(path: string): string {
  const p = path.replace(/^data\./, '').split('.');
  const [head, i, ...rest] = p;
  switch (head) {
    case 'name':
    case 'description':
      return `${head}_${i ?? 'ar'}`;
    case 'channels':
      if (i === undefined) return 'channel_0_type';
      return `channel_${i}_${rest[0] === 'hours' ? `hours_${rest[1] ?? 'ar'}` : (rest[0] ?? 'type')}`;
    case 'fees':
      if (i === undefined) return 'fee_0_amount';
      return `fee_${i}_${rest[0] === 'description' ? `desc_${rest[1] ?? 'ar'}` : (rest[0] ?? 'amount')}`;
    case 'requirements':
    case 'outputs':
      return `${head}_${rest[0] ?? 'ar'}`;
    case 'documents':
      return `documents_${rest[1] ?? 'ar'}`;
    case 'legal_basis':
      return rest[0] === 'title' ? `legal_${rest[1] ?? 'ar'}` : 'legal_ar';
    case 'keywords':
      return `keywords_${i ?? 'ar'}`;
    case 'processing_time':
    case 'sla_target':
      return `${head}_amount`;
    default:
      return head;
  }
}

/** Form errors for schema errors, one per form field (the first wins). */
export function toFormErrors(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = formFieldFor(e.field);
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ ...e, field });
  }
  return out;
}
