import { analyze, type Token } from './analyzer.ts';

// Admin-managed synonym groups, matched on analysed stems so "جوازات السفر" still meets the member
// "جواز السفر". A member is a phrase: a query span equal to one member may instead be satisfied by
// every token of another member of its group (all present in the document, in any order), or of a
// phrase of a group sharing a phrase with it (one step: editions and administrators write one meaning
// in several groups). A member holding a negation («لا حكم عليه», "no objection") matches only where
// the query has the negation too; when it is one word besides, that word alone (a judgment, an
// objection) is neither the query's own alternative nor offered to documents.

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
  /**
   * A negated member only («لا حكم عليه», «no criminal record»): the stop words before each of its
   * words, which the query must have there too (its own words alone mean something else).
   */
  before?: string[][];
  /** A negated member of one word: the word alone is another thing («حكم», a judgment). */
  bare?: string;
}

interface GroupMember {
  tokens: Token[];
  /** Offered to documents as an alternative: false for a negated member of one word (see Member.bare). */
  offer: boolean;
}

// Negation particles (stop words everywhere else): a member holding one means what it says only
// with it, so it matches a query only where the query has them too («لا حكم عليه», not «حكم»).
const NEGATIONS = new Set(['لا', 'لم', 'لن', 'no', 'not', 'non', 'sans']);

export class Synonyms {
  private groups: GroupMember[][] = [];
  /** Each group's own number and those of the groups sharing a member with it («تأشيرة زيارة»). */
  private linked: number[][] = [];
  private byFirstStem = new Map<string, Member[]>();

  /** Replaces every group; members that analyse to nothing (only stop words) are left out. */
  set(groups: readonly (readonly string[])[]): void {
    this.groups = [];
    this.byFirstStem = new Map();
    const byKey = new Map<string, number[]>();
    for (const group of groups) {
      const members = group.map((phrase) => analyze(phrase, { keepStopWords: true })).filter((m) => m.some((t) => !t.stop));
      if (members.length < 2) continue;
      const g = this.groups.length;
      const kept: GroupMember[] = [];
      for (const all of members) {
        const m = all.filter((t) => !t.stop);
        const negated = all.some((t) => t.stop && NEGATIONS.has(t.norm));
        const member: Member = { stems: m.map((t) => t.stem), group: g };
        if (negated) {
          member.before = m.map((t) => t.before ?? []);
          if (m.length === 1) member.bare = all.map((t) => t.norm).join(' ');
        }
        kept.push({ tokens: m.map(({ before: _, ...t }) => t), offer: member.bare === undefined });
        // Only a phrase links groups: one word is too often two words stemmed alike («التأمينات»,
        // social insurance, and «تأمين», any insurance) or one word in two senses ("attestation").
        if (member.stems.length >= 2) {
          const key = member.stems.join(' ');
          const sharing = byKey.get(key) ?? [];
          if (!sharing.includes(g)) sharing.push(g);
          byKey.set(key, sharing);
        }
        const list = this.byFirstStem.get(m[0].stem) ?? [];
        list.push(member);
        this.byFirstStem.set(m[0].stem, list);
      }
      this.groups.push(kept);
    }
    // Groups of different editions (or an administrator's) that share a phrase are one meaning
    // written twice: «فيزا زيارة» (first edition) meets «إذن دخول زيارة» (second) through
    // «تأشيرة زيارة», which both hold. One step only, so a chain of near-synonyms does not drift.
    this.linked = this.groups.map((_, g) => [g]);
    for (const sharing of byKey.values())
      for (const g of sharing) for (const h of sharing) if (!this.linked[g].includes(h)) this.linked[g].push(h);
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
      const hits = (this.byFirstStem.get(tokens[i].stem) ?? []).filter(
        (m) => m.stems.every((s, k) => tokens[i + k]?.stem === s) && (!m.before || negationHolds(m.before, tokens, i)),
      );
      const len = Math.max(0, ...hits.map((m) => m.stems.length));
      if (len === 0) {
        clauses.push([[own(i)]]);
        i++;
        continue;
      }
      const spanKey = hits.find((m) => m.stems.length === len)?.stems.join(' ');
      // A negated word («لا حكم عليه») is not the word alone: its own alternative matches nothing
      // (a term no document holds) and only the group's other members find documents.
      const bare = hits.find((m) => m.stems.length === len && m.bare !== undefined)?.bare;
      const alternatives: QueryTerm[][] = [
        bare !== undefined
          ? [
              {
                token: { norm: bare, stem: bare, script: tokens[i].script, pos: tokens[i].pos },
                loose: false,
                prefix: false,
                transliterate: false,
              },
            ]
          : Array.from({ length: len }, (_, k) => ({ ...own(i + k), transliterate: false })),
      ];
      const seen = new Set([spanKey]);
      for (const m of hits) {
        if (m.stems.length !== len) continue;
        for (const g of this.linked[m.group])
          for (const member of this.groups[g]) {
            // From a linked group, phrases only: its single words may be broader than this group's
            // meaning ("id" beside «الهوية الوطنية» reaches a student's ID card).
            if (g !== m.group && member.tokens.length < 2) continue;
            const key = member.tokens.map((t) => t.stem).join(' ');
            if (seen.has(key)) continue;
            seen.add(key);
            if (member.offer) alternatives.push(member.tokens.map((token) => ({ token, loose: false, prefix: false })));
          }
      }
      clauses.push(alternatives);
      i += len;
    }
    return clauses;
  }
}

/**
 * Whether the query has a negated member's stop words where the member has them: the same words
 * between its words, and its first word's («لا» of «لا حكم») at the end of those before the span.
 */
function negationHolds(before: readonly string[][], tokens: readonly Token[], i: number): boolean {
  return before.every((want, k) => {
    const got = tokens[i + k].before ?? [];
    if (k > 0) return got.length === want.length && got.every((w, j) => w === want[j]);
    return want.length <= got.length && want.every((w, j) => got[got.length - want.length + j] === w);
  });
}
