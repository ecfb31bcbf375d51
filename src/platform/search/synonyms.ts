import { analyze, type Token } from './analyzer.ts';

// Admin-managed synonym groups, matched on analysed stems so "جوازات السفر" still meets the member
// "جواز السفر". A member is a phrase: a query span equal to one member may instead be satisfied by
// every token of another member of its group (all present in the document, in any order).

export interface QueryTerm {
  token: Token;
  /** The user's own word: may match by typo (and by prefix when `prefix`); synonyms match exactly. */
  loose: boolean;
  prefix: boolean;
  /** False for a word a synonym group already answers ("mulkiya"): its group says what it means. */
  transliterate?: boolean;
}

/** Alternatives for one span of the query; a document must satisfy every term of one of them. */
export type Clause = QueryTerm[][];

interface Member {
  stems: string[];
  group: number;
}

export class Synonyms {
  private groups: Token[][][] = [];
  private byFirstStem = new Map<string, Member[]>();

  /** Replaces every group; members that analyse to nothing (only stop words) are left out. */
  set(groups: readonly (readonly string[])[]): void {
    this.groups = [];
    this.byFirstStem = new Map();
    for (const group of groups) {
      const members = group.map((phrase) => analyze(phrase)).filter((m) => m.length > 0);
      if (members.length < 2) continue;
      const g = this.groups.length;
      this.groups.push(members);
      for (const m of members) {
        const list = this.byFirstStem.get(m[0].stem) ?? [];
        list.push({ stems: m.map((t) => t.stem), group: g });
        this.byFirstStem.set(m[0].stem, list);
      }
    }
  }

  /** The query's tokens as clauses: one per token, or one per span that is a synonym member. */
  expand(tokens: readonly Token[], lastIsPrefix: boolean): Clause[] {
    const own = (i: number): QueryTerm => ({
      token: tokens[i],
      loose: true,
      prefix: lastIsPrefix && i === tokens.length - 1,
    });
    const clauses: Clause[] = [];
    let i = 0;
    while (i < tokens.length) {
      const hits = (this.byFirstStem.get(tokens[i].stem) ?? []).filter((m) => m.stems.every((s, k) => tokens[i + k]?.stem === s));
      const len = Math.max(0, ...hits.map((m) => m.stems.length));
      if (len === 0) {
        clauses.push([[own(i)]]);
        i++;
        continue;
      }
      const spanKey = hits.find((m) => m.stems.length === len)?.stems.join(' ');
      const alternatives: QueryTerm[][] = [Array.from({ length: len }, (_, k) => ({ ...own(i + k), transliterate: false }))];
      const seen = new Set([spanKey]);
      for (const m of hits) {
        if (m.stems.length !== len) continue;
        for (const member of this.groups[m.group]) {
          const key = member.map((t) => t.stem).join(' ');
          if (seen.has(key)) continue;
          seen.add(key);
          alternatives.push(member.map((token) => ({ token, loose: false, prefix: false })));
        }
      }
      clauses.push(alternatives);
      i += len;
    }
    return clauses;
  }
}
