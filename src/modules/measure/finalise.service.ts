import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { frameworkJson } from './frameworks.service.ts';
import { measurePolicy } from './measure.policy.ts';
import { agencyTeams, queueTeamEmail } from './notifications.ts';
import * as answersRepo from './repo/answers.repo.ts';
import * as resultsRepo from './repo/results.repo.ts';
import * as roundsRepo from './repo/rounds.repo.ts';
import { computeScores, nodesToJson, roundAnswers, storedScores } from './results.service.ts';
import { getRound } from './rounds.service.ts';
import { answersToCsv, scoresToCsv } from './scoring/csv.ts';
import { questionsOf } from './scoring/framework.schema.ts';

/** Why a round cannot be finalised yet, or null when it can. */
export async function finaliseBlockers(deps: Deps, roundId: number) {
  const round = await roundsRepo.findRound(deps.db, roundId);
  if (!round) throw new NotFoundError();
  if (round.status !== 'open') return { key: 'measure.error.round_state' as const, count: 0 };
  if (round.closes_at > nowIso()) return { key: 'measure.finalise.blocked.open' as const, count: 0 };
  const participants = await roundsRepo.listParticipants(deps.db, roundId);
  const returned = participants.filter((p) => p.status === 'returned').length;
  if (returned) return { key: 'measure.finalise.blocked.returned' as const, count: returned };
  const submitted = new Set(participants.filter((p) => p.status === 'submitted').map((p) => p.agency_id));
  const pending = (await answersRepo.listAnswers(deps.db, roundId)).filter(
    (a) => submitted.has(a.agency_id) && a.status === 'submitted',
  ).length;
  if (pending) return { key: 'measure.finalise.blocked.pending' as const, count: pending };
  return null;
}

/**
 * Finalises a closed, fully reviewed round: computes the final scores (reviewed values only; an
 * agency that never submitted scores on nothing) and freezes them. From now on nothing changes.
 */
export async function finaliseRound(deps: Deps, ctx: Ctx, roundId: number) {
  authorize(measurePolicy.administer(ctx.actor));
  const blocker = await finaliseBlockers(deps, roundId);
  if (blocker) throw new ConflictError(blocker.key, { count: blocker.count });
  const bundle = await getRound(deps, ctx, roundId);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await roundsRepo.moveRound(trx, roundId, 'open', 'finalised'))) throw new ConflictError('measure.error.round_state');
    const { scores, codes } = await computeScores(trx, bundle, 'final');
    const idOf = new Map([...codes].map(([id, code]) => [code, id]));
    const now = nowIso();
    await resultsRepo.deleteResults(trx, roundId);
    await resultsRepo.insertResults(
      trx,
      scores.agencies.map((a) => ({
        round_id: roundId,
        agency_id: idOf.get(a.agency) as number,
        agency_code: a.agency,
        score: a.score,
        display: a.display,
        score_text: a.text,
        rank: a.rank,
        stage_key: a.stage?.key ?? null,
        nodes_json: nodesToJson(a.nodes),
        computed_at: now,
      })),
    );
    await recordAudit(trx, ctx, {
      action: 'measure.round.finalise',
      recordType: 'measure_round',
      recordId: roundId,
      after: { status: 'finalised', scores: scores.agencies.map((a) => [a.rank, a.agency, a.text, a.stage?.key ?? null]) },
    });
  });
}

/** Publishes a finalised round: every participating agency and leadership now see its figures. */
export async function publishRound(deps: Deps, ctx: Ctx, roundId: number) {
  authorize(measurePolicy.administer(ctx.actor));
  const round = await roundsRepo.findRound(deps.db, roundId);
  if (!round) throw new NotFoundError();
  if (round.status !== 'finalised') throw new ConflictError('measure.error.round_state');
  const participants = await roundsRepo.listParticipants(deps.db, roundId);
  const teams = await agencyTeams(
    deps,
    participants.map((p) => p.agency_id),
  );
  await deps.db.transaction().execute(async (trx) => {
    if (!(await roundsRepo.moveRound(trx, roundId, 'finalised', 'published'))) throw new ConflictError('measure.error.round_state');
    await recordAudit(trx, ctx, {
      action: 'measure.round.publish',
      recordType: 'measure_round',
      recordId: roundId,
      after: { status: 'published' },
    });
    for (const p of participants) {
      await queueTeamEmail(trx, deps, {
        round,
        agencyId: p.agency_id,
        team: teams.get(p.agency_id) ?? [],
        kind: 'published',
        key: `${roundId}:${p.agency_id}`,
        path: `/console/measure/rounds/${roundId}/results/${p.agency_id}`,
      });
    }
  });
}

/**
 * The files an auditor needs to re-derive a finalised round with `yusr measure score`: the frozen
 * framework, the reviewed answers (agency codes as at finalisation), and the scores the application shows.
 */
export async function auditExport(deps: Deps, ctx: Ctx, roundId: number) {
  authorize(measurePolicy.oversee(ctx.actor));
  const bundle = await getRound(deps, ctx, roundId);
  const { round, framework } = bundle;
  if (round.status !== 'finalised' && round.status !== 'published') throw new ConflictError('measure.error.not_final');
  const stored = await storedScores(deps, round, framework);
  const codes = new Map([...stored.agencyIds].map(([code, id]) => [id, code]));
  const rows = await answersRepo.listAnswers(deps.db, roundId);
  const answers = roundAnswers(bundle.participants, codes, rows, 'final');
  // Agencies with no reviewed answer still get a row per question, so the auditor's run lists them too.
  const keys = questionsOf(framework).map((q) => q.key);
  for (const given of answers.values()) for (const key of keys) if (!given.has(key)) given.set(key, { value: null });
  return {
    code: round.code,
    frameworkJson: frameworkJson(framework),
    answersCsv: answersToCsv(answers, framework),
    scoresCsv: scoresToCsv(stored.scores, framework),
  };
}
