import type { Text } from './describe.ts';

// Parsers for the compact notation of the vocabularies (see types.ts).

export const split = (s: string | undefined) => (s ?? '').split(/\s+/).filter(Boolean);
export const pair = (s: string): Text => {
  const [ar, en] = s.split('|');
  if (!ar || !en) throw new Error(`expected 'ar|en', got ${s}`);
  return { ar: ar.trim(), en: en.trim() };
};

/** Codes inherited from the group plus the item's own; an item starting with '!' replaces them. */
export function merge(parent: string | undefined, child: string | undefined): string[] {
  const c = split(child);
  if (c[0] === '!') return c.slice(1);
  return [...new Set([...split(parent), ...c])];
}

export function keywords(...sources: (string | undefined)[]): { ar: string[]; en: string[] } {
  const ar: string[] = [];
  const en: string[] = [];
  const seen = { ar: new Set<string>(), en: new Set<string>() };
  for (const src of sources) {
    if (!src) continue;
    const [a, e] = src.split('|');
    for (const [lang, list, words] of [
      ['ar', ar, a],
      ['en', en, e],
    ] as const) {
      for (const w of (words ?? '').split(',')) {
        const k = w.trim();
        if (!k || seen[lang].has(k.toLowerCase()) || list.length >= 40) continue;
        seen[lang].add(k.toLowerCase());
        list.push(k);
      }
    }
  }
  return { ar, en };
}
