import type { Executor } from '../../db.ts';
import { slot } from '../../platform/app-state.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { Agency } from '../identity/public.ts';
import { loadFramework } from './frameworks.service.ts';
import { measurePolicy } from './measure.policy.ts';
import type { RoundStatus } from './measure.tables.ts';
import * as answersRepo from './repo/answers.repo.ts';
import * as resultsRepo from './repo/results.repo.ts';
import { previousRound, type RoundRow } from './repo/rounds.repo.ts';
import { getRound, type RoundBundle } from './rounds.service.ts';
import type { AgencyScore, NodeScore, RoundAnswers, RoundScores } from './scoring/engine.ts';
import { scoreRound } from './scoring/engine.ts';
import type { Framework } from './scoring/framework.schema.ts';
import { scoringAnswer } from './values.ts';

/** The answers the engine scores, by agency code; every participant is present, even with no answers (it then scores 0). */
export function roundAnswers(
  participants: { agency_id: number }[],
  codes: Map<number, string>,
  rows: answersRepo.AnswerRow[],
  mode: 'final' | 'provisional',
): RoundAnswers {
  const out: RoundAnswers = new Map();
  for (const p of participants) out.set(codes.get(p.agency_id) as string, new Map());
  for (const r of rows) {
    const given = out.get(codes.get(r.agency_id) as string);
    const a = given && scoringAnswer(r, mode);
    if (given && a) given.set(r.question_key, a);
  }
  return out;
}

/** Scores a round from its answers as they stand in the database. */
export async function computeScores(db: Executor, bundle: RoundBundle, mode: 'final' | 'provisional') {
  const codes = new Map(bundle.participants.map((p) => [p.agency_id, p.agency.code]));
  const rows = await answersRepo.listAnswers(db, bundle.round.id);
  const answers = roundAnswers(bundle.participants, codes, rows, mode);
  return { scores: scoreRound(bundle.framework, answers), answers, codes };
}

/** Compact per-node storage: key → [value, score, weight, contribution]. */
export function nodesToJson(nodes: Map<string, NodeScore>): string {
  return JSON.stringify(Object.fromEntries([...nodes.values()].map((n) => [n.key, [n.value, n.score, n.weight, n.contribution]])));
}

function nodesFromJson(json: string): Map<string, NodeScore> {
  const raw = JSON.parse(json) as Record<string, [number | null, number | null, number, number]>;
  return new Map(
    Object.entries(raw).map(([key, [value, score, weight, contribution]]) => [key, { key, value, score, weight, contribution }]),
  );
}

type Stored = { scores: RoundScores; agencyIds: Map<string, number> };
const frozenSlot = slot<Map<string, Stored>>('measure.frozen_scores');

/**
 * A finalised round's frozen scores, exactly as the engine produced them. They never change once
 * written, so each process keeps the parsed copy of the few rounds people are looking at.
 */
export async function storedScores(deps: Deps, round: RoundRow, framework: Framework): Promise<Stored> {
  const db = deps.db;
  const frozen = deps.state.get(frozenSlot, () => new Map());
  const key = `${round.id}:${round.finalised_at}:${framework.id}:${framework.version}`;
  const hit = round.finalised_at ? frozen.get(key) : undefined;
  if (hit) return hit;
  const stored = await readStored(db, round, framework);
  if (round.finalised_at && stored.scores.agencies.length) {
    if (frozen.size >= 16) frozen.delete(frozen.keys().next().value as string);
    frozen.set(key, stored);
  }
  return stored;
}

async function readStored(db: Executor, round: RoundRow, framework: Framework): Promise<Stored> {
  const rows = await resultsRepo.listResults(db, round.id);
  const agencyIds = new Map(rows.map((r) => [r.agency_code, r.agency_id]));
  const stages = new Map(framework.settings.stages.map((s) => [s.key, s]));
  const agencies: AgencyScore[] = rows.map((r) => ({
    agency: r.agency_code,
    score: r.score,
    display: r.display,
    text: r.score_text,
    stage: r.stage_key ? (stages.get(r.stage_key) ?? null) : null,
    rank: r.rank,
    nodes: nodesFromJson(r.nodes_json),
  }));
  const rankOf = (a: AgencyScore) => a.rank ?? Number.MAX_SAFE_INTEGER;
  agencies.sort((a, b) => rankOf(a) - rankOf(b) || (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0));
  const scores: RoundScores = {
    framework: { id: framework.id, version: framework.version },
    scaleMax: framework.settings.scale_max,
    decimals: framework.settings.decimals,
    agencies,
  };
  return { scores, agencyIds };
}

export interface ResultsView {
  bundle: RoundBundle;
  scores: RoundScores;
  /** True while the round is open: the program office sees answers as they stand, not final figures. */
  provisional: boolean;
  /** Agency code → agency. */
  agencyByCode: Map<string, Agency>;
  previous: { round: RoundRow; scores: RoundScores } | null;
}

/** The statuses of rounds whose results an actor may compare against. */
const comparable = (ctx: Ctx): RoundStatus[] => (measurePolicy.oversee(ctx.actor) ? ['finalised', 'published'] : ['published']);

/** A round's results for whoever may see them: provisional while open (program office only), frozen once finalised. */
export async function roundResults(deps: Deps, ctx: Ctx, roundId: number): Promise<ResultsView> {
  const bundle = await getRound(deps, ctx, roundId);
  const { round, framework } = bundle;
  authorize(measurePolicy.readResults(ctx.actor, round.status));
  if (round.status === 'draft') throw new NotFoundError();
  const byId = bundle.agencies;
  let scores: RoundScores;
  const agencyByCode = new Map<string, Agency>();
  if (round.status === 'open') {
    scores = (await computeScores(deps.db, bundle, 'provisional')).scores;
    for (const p of bundle.participants) agencyByCode.set(p.agency.code, p.agency);
  } else {
    const stored = await storedScores(deps, round, framework);
    scores = stored.scores;
    for (const [code, id] of stored.agencyIds) {
      const a = byId.get(id);
      if (a) agencyByCode.set(code, a);
    }
  }
  const prev = await previousRound(deps.db, framework.id, round.closes_at, comparable(ctx));
  let previous: ResultsView['previous'] = null;
  if (prev) {
    const { framework: prevFramework } = await loadFramework(deps, prev.framework_id);
    previous = { round: prev, scores: (await storedScores(deps, prev, prevFramework)).scores };
  }
  return { bundle, scores, provisional: round.status === 'open', agencyByCode, previous };
}
