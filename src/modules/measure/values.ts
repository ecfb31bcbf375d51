import type { MessageKey } from '../../messages.ts';
import { parseDecimal } from '../../platform/i18n/digits.ts';
import { formatNumber, type Lang, translate } from '../../platform/i18n/i18n.ts';
import type { Answer } from './scoring/engine.ts';
import type { QuestionNode } from './scoring/framework.schema.ts';

// An answer's value travels as form text, is stored as JSON, and reaches the engine as an Answer.
// These functions are the only place that converts between the three, so what an agency types,
// what a reviewer adjusts, what the export writes and what the engine scores cannot drift apart.

export type Value = boolean | string | number | null;

/** The stored JSON of a value (null for "no value"). */
export const valueToJson = (v: Value): string | null => (v === null ? null : JSON.stringify(v));

/** A stored value back from its JSON. */
export function valueFromJson(json: string | null): Value {
  if (json === null) return null;
  const v = JSON.parse(json) as unknown;
  return typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number' ? v : null;
}

export type ReadResult = { value: Value } | { error: MessageKey; params?: Record<string, string | number> };

/**
 * Reads what a person typed or chose for a question. Automatic questions are entered (by a
 * reviewer adjusting them) as a percentage and stored as the fraction the sources produce.
 */
export function readValue(q: QuestionNode, raw: unknown): ReadResult {
  const s = typeof raw === 'string' ? raw.trim() : '';
  if (s === '') return { value: null };
  switch (q.answer_type) {
    case 'yes_no':
      return s === 'yes' ? { value: true } : s === 'no' ? { value: false } : { error: 'measure.validation.yes_no' };
    case 'levels':
      return q.levels?.some((l) => l.key === s) ? { value: s } : { error: 'measure.validation.level' };
    default: {
      // A decimal comma or the Arabic separator is a decimal point; "1,234" could be either and is refused.
      const read = parseDecimal(s.replace(/[%\u066A]$/, ''));
      if ('error' in read)
        return { error: read.error === 'ambiguous' ? 'measure.validation.ambiguous_number' : 'measure.validation.number' };
      const x = read.value;
      if (q.answer_type === 'percentage' || q.answer_type === 'automatic') {
        if (x < 0 || x > 100) return { error: 'measure.validation.percentage' };
        return { value: q.answer_type === 'automatic' ? x / 100 : x };
      }
      // Counts and durations below the scale's floor are typing mistakes, not low performance;
      // above its top they are refused too, never silently capped to a full score.
      const floor = Math.min(0, q.scale?.min ?? 0);
      if (x < floor) return { error: 'measure.validation.too_low', params: { min: floor } };
      if (q.scale && x > q.scale.max) return { error: 'measure.validation.too_high', params: { max: q.scale.max } };
      if (Math.abs(x) > 1e12) return { error: 'measure.validation.too_big_number' };
      return { value: x };
    }
  }
}

/** The text a form field shows for a stored value (the inverse of readValue). */
export function valueToField(q: QuestionNode, v: Value): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number' && q.answer_type === 'automatic') return String(Number((v * 100).toPrecision(12)));
  return String(v);
}

const EXACT: Intl.NumberFormatOptions = { maximumFractionDigits: 20 };

/** A value as a person reads it, in their language (every decimal entered, none rounded away). */
export function describeValue(lang: Lang, q: QuestionNode, v: Value, na = false): string {
  if (na) return translate(lang, 'measure.answer.na');
  if (v === null) return translate(lang, 'measure.answer.none');
  if (typeof v === 'boolean') return translate(lang, v ? 'measure.answer.yes' : 'measure.answer.no');
  if (typeof v === 'string') {
    const level = q.levels?.find((l) => l.key === v);
    return level ? (lang === 'ar' ? level.name_ar : level.name_en) : v;
  }
  // The exact value entered, every digit of it: a reviewer must see 0.99924, not 0.999.
  if (q.answer_type === 'percentage') return `${formatNumber(lang, v, EXACT)}${lang === 'ar' ? '٪' : '%'}`;
  // An automatic reading is a computed rate: four decimals of its percentage (a reviewer's 33.3333 survives).
  if (q.answer_type === 'automatic') return formatNumber(lang, v, { style: 'percent', maximumFractionDigits: 4 });
  return formatNumber(lang, v, EXACT);
}

export interface AnswerLike {
  status: string;
  value_json: string | null;
  na: number;
  review_value_json: string | null;
  review_na: number;
}

/** Statuses whose value counts in the final scores. */
export const FINAL_STATUSES = ['accepted', 'adjusted'] as const;

/**
 * What the engine scores for an answer. Final scores count reviewed answers only (an adjusted one
 * with the reviewer's value); provisional scores, shown to the program office while a round is
 * open, count answers as they stand.
 */
export function scoringAnswer(row: AnswerLike, mode: 'final' | 'provisional'): Answer | undefined {
  if (mode === 'final' && !(FINAL_STATUSES as readonly string[]).includes(row.status)) return undefined;
  if (row.status === 'adjusted') return { value: row.review_na ? null : valueFromJson(row.review_value_json), na: !!row.review_na };
  return { value: row.na ? null : valueFromJson(row.value_json), na: !!row.na };
}
