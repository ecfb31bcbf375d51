import { normalizeWord, stemWord } from '../../platform/search/analyzer.ts';
import { allDefaultSynonymGroups } from '../../platform/search/lexicon.ts';
import type { Text } from './describe.ts';

// The demo's keywords are what an agency would write, not what makes the search engine look good:
// a keyword that only re-spells words already in the record («هويه», «الهوية» beside «هوية»: the same
// stem under the engine's own analyzer), or that only adds
// a default synonym of a phrase the record already holds («استمارة» on «رخصة سير»), is left out, so
// the search quality test measures the engine (its normaliser and the default synonyms), not the data.

const norm = (s: string) =>
  s
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => stemWord(normalizeWord(w)))
    .join(' ');

let groups: string[][] | null = null;
/** The default synonym groups, each member as its words' stems. */
function normalisedGroups(): string[][] {
  groups ??= allDefaultSynonymGroups().map((g) => g.map(norm));
  return groups;
}

const holds = (text: string, phrase: string) => ` ${text} `.includes(` ${phrase} `);

/** The keywords of one language without re-spellings and planted synonyms of the record's own words. */
export function plainKeywords(keywords: readonly string[], record: readonly string[]): string[] {
  const text = norm(record.join(' '));
  const kept: string[] = [];
  const keptNorm: string[] = [];
  for (const k of keywords) {
    const n = norm(k);
    if (!n || holds(text, n) || keptNorm.includes(n)) continue; // a re-spelling of what is there
    // What the keyword adds to the record: its words the record does not already hold.
    const rest = n
      .split(' ')
      .filter((w) => !holds(text, w))
      .join(' ');
    if (!rest) continue;
    const others = `${text} ${keptNorm.join(' ')}`;
    const planted = normalisedGroups().some(
      (g) => (g.includes(n) || g.includes(rest)) && g.some((m) => m !== n && m !== rest && holds(others, m)),
    );
    if (planted) continue;
    kept.push(k);
    keptNorm.push(n);
  }
  return kept;
}

/** Both languages' keywords, each checked against the record's name and description in either language. */
export function plainKeywordsOf(kw: { ar: string[]; en: string[] }, name: Text, description: Text): { ar: string[]; en: string[] } {
  const record = [name.ar, name.en, description.ar, description.en];
  return { ar: plainKeywords(kw.ar, record), en: plainKeywords(kw.en, record) };
}
