import {
  type Framework,
  type FrameworkNode,
  type Method,
  type QuestionNode,
  questionsOf,
  type Scale,
  type Stage,
} from './framework.schema.ts';
import { competitionRanks, formatScore, roundHalfUp, stageFor } from './ranking.ts';

// The scoring engine: pure functions from (framework, answers) to scores. No database, no clock,
// no randomness, and every sum runs in a fixed order (children in document order, agencies sorted
// by code), so the application, the CLI and an auditor's machine print the same digits.

/** One agency's answer to one question: yes/no, a level key, or a number; `na` marks "not applicable". */
export interface Answer {
  value: number | boolean | string | null;
  na?: boolean;
}
/** Agency code → question key → answer. */
export type RoundAnswers = Map<string, Map<string, Answer>>;

export interface NodeScore {
  key: string;
  /** 0..1 after the node's own method; null when the node is not applicable to the agency. */
  value: number | null;
  /** value × scale max, unrounded. */
  score: number | null;
  /** The node's share of its parent after not-applicable siblings dropped out (0 when itself N/A). */
  weight: number;
  /**
   * weight × value × scale max: the points this node adds to its parent's score. Exact under
   * weighted_mean; under sum it is before the full-mark cap; under min_max and z_score it is the share
   * of the parent's aggregate before the round-wide rescaling, so it ranks influence but is not points.
   */
  contribution: number;
}

export interface AgencyScore {
  agency: string;
  /** 0..scale max, unrounded; null when every question was not applicable. */
  score: number | null;
  /** score rounded to the framework's decimals: what is shown, ranked and staged. */
  display: number | null;
  text: string | null;
  stage: Stage | null;
  rank: number | null;
  nodes: Map<string, NodeScore>;
}

export interface RoundScores {
  framework: { id: string; version: string };
  scaleMax: number;
  decimals: number;
  /** By rank, then agency code; agencies with no applicable question last. */
  agencies: AgencyScore[];
}

/** Answers that do not fit the framework; `issues` name the agency and question. */
export class ScoringError extends Error {
  constructor(readonly issues: string[]) {
    super(`answers do not fit the framework:\n  ${issues.join('\n  ')}`);
    this.name = 'ScoringError';
  }
}

/**
 * Relative methods treat a spread this small (relative to the values) as no spread at all: values
 * that are equal on paper but differ in the 16th digit must not be stretched into 0 and 1.
 */
const SPREAD_EPSILON = 1e-12;

type Column = (number | null)[];

/** Neumaier-compensated sum: the result does not drift with the number or order of terms. */
export function stableSum(xs: readonly number[]): number {
  let sum = 0;
  let comp = 0;
  for (const x of xs) {
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + comp;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** A number on its scale to 0..1: capped first, then rescaled and clamped, then inverted if lower is better. */
export function scaleValue(v: number, s: Scale): number {
  const capped = s.cap === undefined ? v : Math.min(v, s.cap);
  const x = clamp01((capped - s.min) / (s.max - s.min));
  return s.direction === 'lower_better' ? 1 - x : x;
}

/** What is wrong with an answer to a question, or null when it fits. */
function answerProblem(q: QuestionNode, a: Answer): string | null {
  if (a.na) {
    if (!q.allow_na) return '"not applicable" is not allowed for this question';
    return a.value === null || a.value === undefined ? null : 'an answer marked "not applicable" must not carry a value';
  }
  const v = a.value;
  if (v === null || v === undefined) return null;
  switch (q.answer_type) {
    case 'yes_no':
      return typeof v === 'boolean' ? null : 'expected yes or no';
    case 'levels':
      return typeof v === 'string' && q.levels?.some((l) => l.key === v)
        ? null
        : `expected one of the levels ${q.levels?.map((l) => l.key).join(', ')}`;
    default:
      return typeof v === 'number' && Number.isFinite(v) ? null : 'expected a finite number';
  }
}

/** A question's answer on 0..1; null when not applicable. A missing answer scores 0. */
export function normaliseAnswer(q: QuestionNode, a: Answer | undefined): number | null {
  if (a?.na) return null;
  const v = a?.value;
  if (v === null || v === undefined) return 0;
  switch (q.answer_type) {
    case 'yes_no':
      return v === true ? 1 : 0;
    case 'levels':
      return q.levels?.find((l) => l.key === v)?.score ?? 0;
    case 'percentage':
      return clamp01((v as number) / 100);
    default:
      if (!q.scale) throw new Error(`question ${q.key} has no scale`);
      return scaleValue(v as number, q.scale);
  }
}

/** Each present value as a z-score over the agencies where it is present (population sd); all equal → 0. */
function standardise(col: Column): Column {
  const xs = col.filter((x): x is number => x !== null);
  if (xs.length === 0 || spreadless(Math.min(...xs), Math.max(...xs))) return col.map((x) => (x === null ? null : 0));
  const mean = stableSum(xs) / xs.length;
  const sd = Math.sqrt(stableSum(xs.map((x) => (x - mean) ** 2)) / xs.length);
  return col.map((x) => (x === null ? null : (x - mean) / sd));
}

const spreadless = (lo: number, hi: number) => hi - lo <= SPREAD_EPSILON * Math.max(1, Math.abs(lo), Math.abs(hi));

interface Group {
  method: Method;
  children: FrameworkNode[];
}

interface Ctx {
  answers: (Map<string, Answer> | undefined)[];
  nodes: Map<string, NodeScore>[];
  scaleMax: number;
}

function evaluate(node: FrameworkNode, ctx: Ctx): Column {
  if (node.type === 'question') return ctx.answers.map((a) => normaliseAnswer(node, a?.get(node.key)));
  return evaluateGroup(node, ctx);
}

/**
 * A group's value per agency. Not-applicable children drop out and the remaining weights are scaled
 * up proportionally; with none left the group is itself not applicable. Relative methods then
 * rescale across the agencies where the group applies.
 */
function evaluateGroup(node: Group, ctx: Ctx): Column {
  const cols = node.children.map((c) => evaluate(c, ctx));
  const weights = node.children.map((c) => c.weight);
  const totalWeight = stableSum(weights);
  // Standardising the aggregate would be a no-op before min-max, so z-scores apply to each child (as the UN does for TII and HCI).
  const inputs = node.method === 'z_score' ? cols.map(standardise) : cols;
  const plain: Column = [];
  const aggregate: Column = [];
  ctx.answers.forEach((_, k) => {
    const applicable = cols.flatMap((col, i) => (col[k] === null ? [] : [i]));
    const w = stableSum(applicable.map((i) => weights[i]));
    // For "sum", weights are shares of the node's full mark; N/A weight is spread so the shares keep their total.
    const share = (i: number) => (node.method === 'sum' ? weights[i] * (totalWeight / w) : weights[i] / w);
    cols.forEach((col, i) => {
      const value = col[k];
      const score = value === null ? null : value * ctx.scaleMax;
      const weight = value === null ? 0 : share(i);
      ctx.nodes[k].set(node.children[i].key, { key: node.children[i].key, value, score, weight, contribution: weight * (score ?? 0) });
    });
    if (applicable.length === 0) {
      plain.push(null);
      aggregate.push(null);
      return;
    }
    const weighted = stableSum(applicable.map((i) => weights[i] * (cols[i][k] as number)));
    plain.push(node.method === 'sum' ? Math.min(1, weighted * (totalWeight / w)) : weighted / w);
    aggregate.push(
      node.method === 'z_score' ? stableSum(applicable.map((i) => weights[i] * (inputs[i][k] as number))) / w : (plain.at(-1) as number),
    );
  });
  if (node.method !== 'min_max' && node.method !== 'z_score') return plain;
  const present = aggregate.filter((x): x is number => x !== null);
  if (present.length === 0) return aggregate;
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  // With no spread there is nothing relative to say: every agency keeps its absolute weighted mean.
  if (spreadless(lo, hi)) return plain;
  return aggregate.map((x) => (x === null ? null : (x - lo) / (hi - lo)));
}

/** Codepoint order, independent of the machine's locale. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Scores every agency in a round: overall, per node, stage and rank. Throws ScoringError on answers that do not fit. */
export function scoreRound(framework: Framework, answers: RoundAnswers): RoundScores {
  const questions = new Map(questionsOf(framework).map((q) => [q.key, q]));
  const agencies = [...answers.keys()].sort(byCode);
  const issues: string[] = [];
  for (const agency of agencies) {
    for (const [key, a] of answers.get(agency) ?? []) {
      const q = questions.get(key);
      const problem = q ? answerProblem(q, a) : 'no such question in the framework';
      if (problem && issues.length < 50) issues.push(`agency ${agency}, question ${key}: ${problem}`);
    }
  }
  if (issues.length) throw new ScoringError(issues);

  const { scale_max: scaleMax, decimals, stages } = framework.settings;
  const ctx: Ctx = { answers: agencies.map((a) => answers.get(a)), nodes: agencies.map(() => new Map()), scaleMax };
  const root = evaluateGroup({ method: framework.method, children: framework.nodes }, ctx);
  // Scorecards list nodes top-down in document order, whatever order evaluation filled them in.
  const order: string[] = [];
  const walk = (nodes: FrameworkNode[]) => {
    for (const n of nodes) {
      order.push(n.key);
      if (n.type !== 'question') walk(n.children);
    }
  };
  walk(framework.nodes);
  const nodes = ctx.nodes.map((m) => new Map(order.map((key) => [key, m.get(key) as NodeScore])));
  const display = root.map((v) => (v === null ? null : roundHalfUp(v * scaleMax, decimals)));
  const ranks = competitionRanks(display);
  const out: AgencyScore[] = agencies.map((agency, k) => ({
    agency,
    score: root[k] === null ? null : (root[k] as number) * scaleMax,
    display: display[k],
    text: root[k] === null ? null : formatScore((root[k] as number) * scaleMax, decimals),
    stage: stageFor(display[k], stages),
    rank: ranks[k],
    nodes: nodes[k],
  }));
  const rankOf = (a: AgencyScore) => a.rank ?? Number.MAX_SAFE_INTEGER;
  out.sort((a, b) => rankOf(a) - rankOf(b) || byCode(a.agency, b.agency));
  return { framework: { id: framework.id, version: framework.version }, scaleMax, decimals, agencies: out };
}
