import type { Lang } from './i18n.ts';

// Lists in the language's own words: "الصحة والتعليم والإسكان", "health, education and housing".
// Arabic joins with و (attached to the next item) rather than with «، »; Intl knows that, so no
// view joins a human-facing list by hand.

/** conjunction: "a, b and c"; disjunction: "a, b or c"; unit: "a, b, c" (a list of measures or facts). */
export type ListType = 'conjunction' | 'disjunction' | 'unit';

const locales: Record<Lang, string> = { ar: 'ar', en: 'en-GB' };
const formatters = new Map<string, Intl.ListFormat>();
function formatter(lang: Lang, type: ListType): Intl.ListFormat {
  const key = `${lang}|${type}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.ListFormat(locales[lang], { type, style: 'long' });
    formatters.set(key, f);
  }
  return f;
}

/** The items as one phrase of the language. */
export function formatList(lang: Lang, items: readonly string[], type: ListType = 'conjunction'): string {
  return formatter(lang, type).format(items);
}

/**
 * The items with the language's separators between them, for lists whose items are not text
 * (links, elements): each part is either an item or a separator string.
 */
export function formatListParts<T>(
  lang: Lang,
  items: readonly T[],
  type: ListType = 'conjunction',
): ({ item: T; separator?: undefined } | { item?: undefined; separator: string })[] {
  // Format the indexes, then put each item back where its index stands.
  const parts = formatter(lang, type).formatToParts(items.map((_, i) => String(i)));
  return parts.map((p) => (p.type === 'element' ? { item: items[Number(p.value)] } : { separator: p.value }));
}
