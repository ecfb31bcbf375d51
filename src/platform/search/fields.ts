import { analyze, type Token } from './analyzer.ts';
import type { FacetValues } from './facets.ts';

// What a document and its fields look like to the index, and how a field becomes tokens.

export interface SearchDoc {
  /** Facet values, e.g. { agency: ['moi'], channel: ['web', 'app'] }. */
  facets?: FacetValues;
  /** Static ranking multiplier, e.g. live 1.0, retired 0.3. Defaults to 1. */
  boost?: number;
}

export interface FieldSpec<D> {
  name: string;
  /** Multiplies this field's share of the score (name ×5, keywords ×3, description ×1). */
  weight: number;
  /**
   * Whether prefix (as-you-type) and one-typo expansions of a query word may match in this field
   * (default true). Names and keywords yes; an agency's name or a long description no: a slip
   * there matches everything the agency offers, or words used in passing.
   */
  expand?: boolean;
  /**
   * A title: a document whose title holds every query word, and little else, ranks first
   * (exact title ×2, near-exact a little less). Give each language's title its own field.
   */
  title?: boolean;
  /** The field's text; by default the document's property of the same name (a string or strings). */
  text?: (doc: D) => string | readonly string[] | null | undefined;
}

/** The analysed tokens of one field of a document (strings in an array are analysed one by one). */
export function fieldTokens<D>(field: FieldSpec<D>, doc: D): Token[] {
  const value = field.text ? field.text(doc) : (doc as unknown as Record<string, unknown>)[field.name];
  if (typeof value === 'string') return analyze(value);
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'string' ? analyze(v) : []));
  return [];
}

/** Appends a value to the list under key. */
export function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
