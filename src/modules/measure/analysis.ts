import type { AgencyScore, RoundScores } from './scoring/engine.ts';
import type { Framework, FrameworkNode, QuestionNode, Stage } from './scoring/framework.schema.ts';

// Readings of a round's scores for the scorecard, the national view and the report. Pure
// functions over the engine's output: they never change a score, only explain it.

export interface Driver {
  q: QuestionNode;
  /** The question's value 0..1. */
  value: number;
  /** The question's effective share of the overall score (product of shares along its path). */
  share: number;
  /** Points the question adds to the overall score, and points it leaves on the table. */
  points: number;
  lost: number;
}

/** Every applicable question's contribution to an agency's overall score. */
export function drivers(framework: Framework, a: AgencyScore, scaleMax: number): Driver[] {
  const out: Driver[] = [];
  const walk = (nodes: FrameworkNode[], share: number) => {
    for (const n of nodes) {
      const s = a.nodes.get(n.key);
      if (!s || s.value === null) continue;
      const mine = share * s.weight;
      if (n.type === 'question')
        out.push({ q: n, value: s.value, share: mine, points: mine * s.value * scaleMax, lost: mine * (1 - s.value) * scaleMax });
      else walk(n.children, mine);
    }
  };
  walk(framework.nodes, 1);
  return out;
}

/** The questions that lifted the score most, and those that dragged it most (points not earned). */
export function liftedAndDragged(list: Driver[], n = 5) {
  const lifted = [...list]
    .filter((d) => d.points > 0)
    .sort((x, y) => y.points - x.points || (x.q.key < y.q.key ? -1 : 1))
    .slice(0, n);
  const dragged = [...list]
    .filter((d) => d.lost > 0)
    .sort((x, y) => y.lost - x.lost || (x.q.key < y.q.key ? -1 : 1))
    .slice(0, n);
  return { lifted, dragged };
}

/** How many agencies reached each stage (and how many have none: nothing applicable). */
export function stageCounts(scores: RoundScores, stages: readonly Stage[]) {
  const counts = new Map(stages.map((s) => [s.key, 0]));
  let none = 0;
  for (const a of scores.agencies) {
    if (a.stage) counts.set(a.stage.key, (counts.get(a.stage.key) ?? 0) + 1);
    else none++;
  }
  return { counts: stages.map((s) => ({ stage: s, count: counts.get(s.key) ?? 0 })), none };
}

/** The mean score of each node over the agencies where it applies (the national average). */
export function nodeMeans(scores: RoundScores, keys: string[]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const key of keys) {
    const xs = scores.agencies.map((a) => a.nodes.get(key)?.score).filter((x): x is number => typeof x === 'number');
    out.set(key, xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  }
  return out;
}

/** The overall mean of displayed scores. */
export function meanScore(scores: RoundScores): number | null {
  const xs = scores.agencies.map((a) => a.display).filter((x): x is number => x !== null);
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
}

export interface Mover {
  agency: string;
  score: number;
  previous: number;
  delta: number;
  rank: number | null;
  previousRank: number | null;
}

/** Agencies scored in both rounds, by change in displayed score (largest rise first). */
export function movers(scores: RoundScores, previous: RoundScores | null | undefined): Mover[] {
  if (!previous) return [];
  const before = new Map(previous.agencies.map((a) => [a.agency, a]));
  const out: Mover[] = [];
  for (const a of scores.agencies) {
    const b = before.get(a.agency);
    if (a.display === null || !b || b.display === null) continue;
    out.push({ agency: a.agency, score: a.display, previous: b.display, delta: a.display - b.display, rank: a.rank, previousRank: b.rank });
  }
  return out.sort((x, y) => y.delta - x.delta || (x.agency < y.agency ? -1 : 1));
}

/** The nodes shown on a scorecard: perspectives and their axes (one level below), in framework order. */
export function scorecardNodes(framework: Framework): { node: FrameworkNode; depth: number }[] {
  const out: { node: FrameworkNode; depth: number }[] = [];
  for (const n of framework.nodes) {
    out.push({ node: n, depth: 0 });
    if (n.type !== 'question') for (const c of n.children) out.push({ node: c, depth: 1 });
  }
  return out;
}
