import { z } from 'zod';
import { hasMessage } from '../i18n/i18n.ts';
import { type FieldError, ValidationError } from './errors.ts';

type Issue = z.core.$ZodIssue;

const path = (p: PropertyKey[]) => p.map(String).join('.') || '_';

/** The value the person sent at an issue's path, when the input is at hand. */
function sentAt(input: unknown, p: PropertyKey[]): unknown {
  let v = input;
  for (const k of p) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** A field left empty: absent, blank, or coerced from nothing (a blank number field becomes NaN). */
function leftEmpty(issue: Issue, sent?: { input: unknown }): boolean {
  if (sent) {
    const v = sentAt(sent.input, issue.path as PropertyKey[]);
    return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
  }
  return /received undefined/.test(issue.message);
}

/**
 * Turns Zod issues into catalog keys, so every field error can be said in Arabic and English —
 * in words a person understands, never a type name or the codes of a list's options. `sent.input`,
 * what the schema was given, tells a field left empty from one filled in wrongly.
 */
export function issuesToFieldErrors(issues: readonly Issue[], sent?: { input: unknown }): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const field = path(issue.path as PropertyKey[]);
    switch (issue.code) {
      case 'invalid_type':
        if (leftEmpty(issue, sent)) out.push({ field, key: 'validation.required' });
        else if (issue.expected === 'number' || issue.expected === 'int' || issue.expected === 'bigint')
          out.push({ field, key: 'validation.number' });
        else out.push({ field, key: 'validation.invalid' });
        break;
      case 'too_small': {
        const min = Number(issue.minimum);
        if (issue.origin === 'string') out.push({ field, key: min <= 1 ? 'validation.required' : 'validation.too_short', params: { min } });
        else if (issue.origin === 'array' || issue.origin === 'set') out.push({ field, key: 'validation.too_few', params: { min } });
        else out.push({ field, key: 'validation.too_small', params: { min } });
        break;
      }
      case 'too_big': {
        const max = Number(issue.maximum);
        if (issue.origin === 'string') out.push({ field, key: 'validation.too_long', params: { max } });
        else if (issue.origin === 'array' || issue.origin === 'set') out.push({ field, key: 'validation.too_many', params: { max } });
        else out.push({ field, key: 'validation.too_big', params: { max } });
        break;
      }
      case 'invalid_format':
        if (issue.format === 'email') out.push({ field, key: 'validation.email' });
        else if (issue.format === 'url') out.push({ field, key: 'validation.url' });
        else if (hasMessage('en', issue.message)) out.push({ field, key: issue.message });
        else out.push({ field, key: 'validation.format' });
        break;
      case 'unrecognized_keys':
        for (const k of issue.keys) out.push({ field: path([...(issue.path as PropertyKey[]), k]), key: 'validation.unknown_field' });
        break;
      case 'invalid_value':
        out.push({ field, key: leftEmpty(issue, sent) ? 'validation.required' : 'validation.choose' });
        break;
      case 'not_multiple_of':
        out.push({ field, key: 'validation.whole_number' });
        break;
      default:
        out.push({ field, key: hasMessage('en', issue.message) ? issue.message : 'validation.invalid' });
    }
  }
  return out;
}

/** Parses input with a schema or throws a ValidationError listing every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(issuesToFieldErrors(r.error.issues, { input }));
  return r.data;
}

/**
 * Turns an HTML form body into plain values for a schema: blank fields become undefined,
 * the CSRF field is dropped, single values stay strings and repeated ones arrays.
 */
export function formValues(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf' || k === '_hp') continue;
    if (Array.isArray(v)) out[k] = v.filter((x) => typeof x === 'string' && x.trim() !== '');
    else if (typeof v === 'string') out[k] = v.trim() === '' ? undefined : v.trim();
    else out[k] = v;
  }
  return out;
}

/**
 * A calendar day written YYYY-MM-DD that exists: 2026-02-30 and 2026-13-45 are refused with a field
 * error, not passed on to date arithmetic. Every date query parameter uses it.
 */
export const isoDay = () => z.iso.date({ error: 'validation.date' });

/** Schema pieces for form fields, whose values always arrive as strings. */
export const formField = {
  int: () => z.coerce.number().int(),
  optionalInt: () => z.coerce.number().int().optional(),
  checkbox: () => z.union([z.literal('on'), z.literal('1'), z.literal('true'), z.undefined()]).transform((v) => v !== undefined),
  list: <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item)),
};
