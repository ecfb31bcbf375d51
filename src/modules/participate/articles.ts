import { foldDigits } from '../../platform/i18n/digits.ts';

// Splitting a pasted draft (plain text or Markdown) into numbered articles, and comparing a final
// text with the draft article by article. Pure functions: no database, no clock.

export interface SplitArticle {
  /** The heading as written ("المادة الأولى", "Article 3 — Scope"); empty for text before the first one. */
  label: string;
  body: string;
}

export const MAX_ARTICLES = 500;

const ordinals =
  'الأولى|الاولى|الثانية|الثالثة|الرابعة|الخامسة|السادسة|السابعة|الثامنة|التاسعة|العاشرة|الحادية عشرة|الثانية عشرة|الثالثة عشرة|الرابعة عشرة|الخامسة عشرة|السادسة عشرة|السابعة عشرة|الثامنة عشرة|التاسعة عشرة|العشرون';
/** "المادة 3", "المادة (٣)", "مادة الأولى", "Article 3", "ARTICLE 3:", "Art. 3". */
const articleHeading = new RegExp(
  `^(?:(?:ال)?مادة\\s*(?:\\(?\\s*[0-9\\u0660-\\u0669]+\\s*\\)?|(?:${ordinals}))|(?:article|art\\.)\\s*[0-9]+)(?![0-9])`,
  'iu',
);
const markdownHeading = /^#{1,6}\s+(.+?)\s*#*\s*$/;
/** "1." "1)" "(1)" "١-" at the start of a line: a numbered clause. */
const numbered = /^(?:\(\s*[0-9\u0660-\u0669]{1,3}\s*\)|[0-9\u0660-\u0669]{1,3}\s*[.)\-–])\s+\S/u;

const clean = (lines: string[]) =>
  lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

function splitAt(lines: string[], isHeading: (line: string) => boolean, labelOf: (line: string) => string, keepHeadingLine: boolean) {
  const out: SplitArticle[] = [];
  let label = '';
  let body: string[] = [];
  let started = false;
  const flush = () => {
    const text = clean(body);
    if (started || text) out.push({ label, body: text });
  };
  for (const line of lines) {
    if (isHeading(line.trim())) {
      flush();
      started = true;
      label = labelOf(line.trim());
      body = keepHeadingLine ? [line.trim()] : [];
    } else body.push(line);
  }
  flush();
  // A heading with nothing under it and nothing before it is dropped; empty preamble too.
  return out.filter((a) => a.body || a.label);
}

/**
 * Splits a draft into articles, by the strongest structure the text has: Markdown headings, then
 * "Article N" / "المادة …" headings, then numbered clauses ("1." "(2)" "٣-"), else paragraphs.
 * Text before the first heading becomes a preamble (an article without a label).
 */
export function splitArticles(source: string): SplitArticle[] {
  const lines = source
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n');
  const trimmed = lines.map((l) => l.trim());
  if (trimmed.some((l) => markdownHeading.test(l)))
    return splitAt(
      lines,
      (l) => markdownHeading.test(l),
      (l) => (markdownHeading.exec(l) as RegExpExecArray)[1],
      false,
    );
  if (trimmed.some((l) => articleHeading.test(l))) {
    // "المادة الأولى: التعريفات" keeps its title as the label; a heading with text after it on the same line keeps that text as the body's start.
    return splitAt(
      lines,
      (l) => articleHeading.test(l),
      (l) => l.replace(/[:：]\s*$/, ''),
      false,
    );
  }
  if (trimmed.filter((l) => numbered.test(foldDigits(l))).length >= 2)
    return splitAt(
      lines,
      (l) => numbered.test(foldDigits(l)),
      (l) => (/^\S+/.exec(l) as RegExpExecArray)[0],
      true,
    );
  return source
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((body) => ({ label: '', body }));
}

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

const tokens = (s: string) => s.match(/\s+|[^\s]+/g) ?? [];
/** Above this many token pairs an article is shown as replaced whole rather than diffed word by word. */
const MAX_CELLS = 4_000_000;

/** A word-by-word difference between two texts (longest common subsequence of words and spaces). */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > MAX_CELLS) {
    return [...(before ? [{ kind: 'removed' as const, text: before }] : []), ...(after ? [{ kind: 'added' as const, text: after }] : [])];
  }
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..], in one flat array.
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
  const out: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]);
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) push('removed', a[i++]);
    else push('added', b[j++]);
  }
  while (i < a.length) push('removed', a[i++]);
  while (j < b.length) push('added', b[j++]);
  return out;
}

export interface ArticleComparison {
  position: number;
  draft: SplitArticle | null;
  final: SplitArticle | null;
  change: 'unchanged' | 'changed' | 'added' | 'removed';
  parts: DiffPart[];
}

/** Draft and final texts side by side, article N against article N, with each pair's word difference. */
export function compareArticles(draft: SplitArticle[], final: SplitArticle[]): ArticleComparison[] {
  const n = Math.max(draft.length, final.length);
  const out: ArticleComparison[] = [];
  for (let k = 0; k < n; k++) {
    const d = draft[k] ?? null;
    const f = final[k] ?? null;
    const before = d ? `${d.label}\n${d.body}`.trim() : '';
    const after = f ? `${f.label}\n${f.body}`.trim() : '';
    out.push({
      position: k + 1,
      draft: d,
      final: f,
      change: !d ? 'added' : !f ? 'removed' : before === after ? 'unchanged' : 'changed',
      parts: diffWords(before, after),
    });
  }
  return out;
}
