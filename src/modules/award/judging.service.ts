import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, type FieldError, ForbiddenError, fieldError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import { findAgency, findUser, findUsers } from '../identity/public.ts';
import { assignJudges } from './assignment.ts';
import { awardPolicy } from './award.policy.ts';
import * as repo from './award.repo.ts';
import { assignInput, conflictInput, judgeInput } from './award.schema.ts';
import { getCycle } from './award.service.ts';
import type { ConflictKind, ConflictSource } from './award.tables.ts';
import { JUDGE_NOTICE_JOB } from './notices.ts';
import { aggregate, disagreement, type Scores, topScores, weightedScore } from './scoring.ts';

// Judging: the panel of an edition, conflicts of interest (automatic from agency membership and the
// judge's affiliation, declared by the judge, added by the office), assignment of k judges per
// nomination with even loads, reviews scored per criterion, and what each judge may see. A judge in
// conflict with a nomination is never assigned to it and never sees it, its scores or its reviews.

/** A conflict as the office sees it: who, with which agency or nomination, why and where from. */
export interface Conflict {
  judgeId: number;
  agencyId: number | null;
  nominationId: number | null;
  source: ConflictSource;
  kind: ConflictKind;
  note: string | null;
}

/** Every conflict of an edition: stored ones, plus automatic ones from the judges' agency memberships and affiliations. */
export async function conflictsOf(db: Executor, cycleId: number): Promise<Conflict[]> {
  const out: Conflict[] = (await repo.listConflicts(db, cycleId)).map((c) => ({
    judgeId: c.judge_user_id,
    agencyId: c.agency_id,
    nominationId: c.nomination_id,
    source: c.source,
    kind: c.kind,
    note: c.note,
  }));
  const judges = await repo.listJudges(db, cycleId);
  const judgeIds = new Set(judges.map((j) => j.user_id));
  for (const j of judges)
    if (j.affiliation_agency_id !== null)
      out.push({
        judgeId: j.user_id,
        agencyId: j.affiliation_agency_id,
        nominationId: null,
        source: 'automatic',
        kind: 'employment',
        note: null,
      });
  const nominations = await repo.listNominations(db, cycleId);
  const agencies = [...new Set(nominations.flatMap((n) => (n.agency_id === null ? [] : [n.agency_id])))];
  for (const agencyId of agencies) {
    const members = await findUsers(db, { agencyIds: [agencyId] }, 10_000, 0);
    for (const m of members)
      if (judgeIds.has(m.id) && !out.some((c) => c.judgeId === m.id && c.agencyId === agencyId && c.source === 'automatic'))
        out.push({ judgeId: m.id, agencyId, nominationId: null, source: 'automatic', kind: 'employment', note: null });
  }
  // An individual's nomination conflicts the judge whose account has the entrant's email: they made it.
  const entrants = new Map((await repo.listEntrants(db, cycleId)).map((e) => [e.id, e.email]));
  if (entrants.size)
    for (const j of judges) {
      const email = (await findUser(db, j.user_id))?.email.toLowerCase();
      for (const n of nominations)
        if (n.entrant_id !== null && email && entrants.get(n.entrant_id) === email)
          out.push({ judgeId: j.user_id, agencyId: null, nominationId: n.id, source: 'automatic', kind: 'other', note: null });
    }
  return out;
}

/** For each nomination of the edition, the judges it must never meet. */
export async function conflictMap(db: Executor, cycleId: number, nominations: readonly repo.NominationRow[]) {
  const conflicts = await conflictsOf(db, cycleId);
  return new Map(
    nominations.map((n) => [
      n.id,
      new Set(
        conflicts.filter((c) => c.nominationId === n.id || (c.agencyId !== null && c.agencyId === n.agency_id)).map((c) => c.judgeId),
      ),
    ]),
  );
}

async function isConflicted(db: Executor, n: repo.NominationRow, judgeId: number) {
  return (await conflictMap(db, n.cycle_id, [n])).get(n.id)?.has(judgeId) ?? false;
}

/** Seats a person with the judge role on an edition's panel, with the agency they work for (if any). */
export async function addJudge(deps: Deps, ctx: Ctx, cycleId: number, raw: unknown) {
  authorize(awardPolicy.administer(ctx.actor));
  const input = parseInput(judgeInput, raw);
  await getCycle(deps, cycleId);
  const judges = await findUsers(deps.db, { role: 'judge' }, 10_000, 0);
  if (!judges.some((u) => u.id === input.user_id)) fieldError('user_id', 'award.validation.not_a_judge');
  if (input.affiliation_agency_id && !(await findAgency(deps.db, input.affiliation_agency_id)))
    fieldError('affiliation_agency_id', 'validation.agency_unknown');
  if (await repo.findJudge(deps.db, cycleId, input.user_id)) fieldError('user_id', 'award.validation.judge_seated');
  return deps.db.transaction().execute(async (trx) => {
    const judge = await repo.insertJudge(trx, {
      cycle_id: cycleId,
      user_id: input.user_id,
      affiliation_agency_id: input.affiliation_agency_id ?? null,
    });
    await dropConflicted(trx, cycleId);
    await recordAudit(trx, ctx, { action: 'award.judge.add', recordType: 'award_judge', recordId: judge.id, after: judge });
    return judge;
  });
}

/** Removes unscored assignments that a conflict now forbids (a submitted review in conflict is refused earlier). */
async function dropConflicted(trx: Executor, cycleId: number) {
  const nominations = await repo.listNominations(trx, cycleId);
  const map = await conflictMap(trx, cycleId, nominations);
  for (const r of await repo.listReviewsOfCycle(trx, cycleId))
    if (map.get(r.nomination_id)?.has(r.judge_user_id)) await repo.deleteReview(trx, r.id);
}

/**
 * Records a conflict: declared by a judge of the panel (for themselves), or added by the office for
 * any judge. Any assignment it forbids is removed in the same transaction; one already scored is
 * refused, so scores are never silently discarded.
 */
export async function addConflict(deps: Deps, ctx: Ctx, cycleId: number, raw: unknown) {
  const input = parseInput(conflictInput, raw);
  const office = awardPolicy.office(ctx.actor);
  const me = awardPolicy.userId(ctx.actor);
  authorize(office || awardPolicy.judge(ctx.actor));
  const judgeId = office ? input.judge_user_id : me;
  if (!judgeId) fieldError('judge_user_id', 'validation.required');
  await getCycle(deps, cycleId);
  if (!(await repo.findJudge(deps.db, cycleId, judgeId))) {
    if (!office) throw new ForbiddenError('not on the panel');
    fieldError('judge_user_id', 'award.validation.not_on_panel');
  }
  if (input.agency_id && !(await findAgency(deps.db, input.agency_id))) fieldError('agency_id', 'validation.agency_unknown');
  if (input.nomination_id) {
    const n = await repo.findNomination(deps.db, input.nomination_id);
    if (!n || n.cycle_id !== cycleId) fieldError('nomination_id', 'award.validation.nomination_unknown');
  }
  const scored = (await repo.listReviewsOfCycle(deps.db, cycleId)).filter((r) => r.judge_user_id === judgeId && r.status === 'submitted');
  for (const r of scored) {
    const n = (await repo.findNomination(deps.db, r.nomination_id)) as repo.NominationRow;
    if (r.nomination_id === input.nomination_id || n.agency_id === input.agency_id)
      throw new ConflictError('award.error.conflict_after_scoring');
  }
  return deps.db.transaction().execute(async (trx) => {
    const c = await repo.insertConflict(trx, {
      cycle_id: cycleId,
      judge_user_id: judgeId,
      agency_id: input.agency_id ?? null,
      nomination_id: input.nomination_id ?? null,
      source: office ? 'office' : 'declared',
      kind: input.kind,
      note: input.note ?? null,
      created_by: actorLabel(ctx.actor),
    });
    await dropConflicted(trx, cycleId);
    await recordAudit(trx, ctx, { action: 'award.conflict.add', recordType: 'award_conflict', recordId: c.id, after: c });
    return c;
  });
}

/** Nominations that go to judges: submitted and not found ineligible. */
const inJudging = (n: repo.NominationRow) => n.status === 'submitted' && n.screening !== 'ineligible';

/** Assigns k judges to every nomination in judging that lacks them, keeping loads even; returns what it did. */
export async function runAssignment(deps: Deps, ctx: Ctx, cycleId: number) {
  authorize(awardPolicy.office(ctx.actor));
  const cycle = await getCycle(deps, cycleId);
  if (cycle.results_published_at) throw new ConflictError('award.error.published');
  const nominations = (await repo.listNominations(deps.db, cycleId)).filter(inJudging);
  const judges = (await repo.listJudges(deps.db, cycleId)).map((j) => j.user_id);
  if (judges.length === 0) throw new ConflictError('award.error.no_judges');
  const map = await conflictMap(deps.db, cycleId, nominations);
  const existing = (await repo.listReviewsOfCycle(deps.db, cycleId)).map((r) => ({
    nominationId: r.nomination_id,
    judgeId: r.judge_user_id,
  }));
  // A branch with a panel draws only from it: the edition's other judges are excluded from its
  // nominations as a conflict is (the pure function and its balance are unchanged).
  const panels = await branchPanels(deps.db, cycleId);
  const excluded = (n: repo.NominationRow) => {
    const conflicts = map.get(n.id) ?? new Set<number>();
    const panel = panels.get(n.branch_id);
    return panel ? new Set([...conflicts, ...judges.filter((j) => !panel.has(j))]) : conflicts;
  };
  const result = assignJudges({
    nominations: nominations.map((n) => ({ id: n.id, conflicts: excluded(n) })),
    judges,
    k: cycle.judges_per_nomination,
    existing,
  });
  await deps.db.transaction().execute(async (trx) => {
    const inserted: number[] = [];
    for (const a of result.added) inserted.push((await repo.insertReview(trx, a.nominationId, a.judgeId)).id);
    if (inserted.length) {
      const told = [...new Set(result.added.map((a) => a.judgeId))];
      await enqueue(trx, JUDGE_NOTICE_JOB, {
        cycleId,
        run: Math.min(...inserted),
        judges: told.map((userId) => ({ userId, count: result.loads.get(userId) ?? 0 })),
      });
    }
    await recordAudit(trx, ctx, {
      action: 'award.assign',
      recordType: 'award_cycle',
      recordId: cycleId,
      after: { added: result.added, short: result.short, spread: result.spread },
    });
  });
  return result;
}

/** Each branch's panel in an edition (branch id → judges' user ids); a branch without one is absent. */
export async function branchPanels(db: Executor, cycleId: number) {
  const rows = await db
    .selectFrom('award_branch_panels as p')
    .innerJoin('award_branches as b', 'b.id', 'p.branch_id')
    .select(['p.branch_id', 'p.judge_user_id'])
    .where('b.cycle_id', '=', cycleId)
    .orderBy('p.id')
    .execute();
  const panels = new Map<number, Set<number>>();
  for (const r of rows) panels.set(r.branch_id, (panels.get(r.branch_id) ?? new Set()).add(r.judge_user_id));
  return panels;
}

/**
 * The office names a branch's panel from the edition's judges (judge_<user id> = on for each; none
 * ticked clears it, so the branch draws from every judge again). Audited with the panel before and after.
 */
export async function setBranchPanel(deps: Deps, ctx: Ctx, branchId: number, raw: Record<string, unknown>) {
  authorize(awardPolicy.office(ctx.actor));
  const branch = await repo.findBranch(deps.db, branchId);
  if (!branch) throw new NotFoundError();
  const cycle = await getCycle(deps, branch.cycle_id);
  if (cycle.results_published_at) throw new ConflictError('award.error.published');
  const judges = new Set((await repo.listJudges(deps.db, cycle.id)).map((j) => j.user_id));
  const chosen: number[] = [];
  for (const [k, v] of Object.entries(raw)) {
    const m = /^judge_(\d+)$/.exec(k);
    if (!m || (v !== 'on' && v !== 'true')) continue;
    if (!judges.has(Number(m[1]))) fieldError(`panel_${branchId}`, 'award.validation.panel_not_judge');
    chosen.push(Number(m[1]));
  }
  chosen.sort((a, b) => a - b);
  const before = [...((await branchPanels(deps.db, cycle.id)).get(branchId) ?? [])].sort((a, b) => a - b);
  if (before.join() === chosen.join()) return chosen;
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('award_branch_panels').where('branch_id', '=', branchId).execute();
    const at = new Date().toISOString();
    for (const id of chosen)
      await trx
        .insertInto('award_branch_panels')
        .values({ branch_id: branchId, judge_user_id: id, added_by: actorLabel(ctx.actor), created_at: at })
        .execute();
    await recordAudit(trx, ctx, {
      action: 'award.branch.panel',
      recordType: 'award_branch',
      recordId: branchId,
      before: { panel: before },
      after: { panel: chosen },
    });
  });
  return chosen;
}

/** The office's adjustment: assigns one judge to one nomination (never one in conflict); the judge is emailed. */
export async function assignOne(deps: Deps, ctx: Ctx, cycleId: number, raw: unknown) {
  authorize(awardPolicy.office(ctx.actor));
  const input = parseInput(assignInput, raw);
  const n = await repo.findNomination(deps.db, input.nomination_id);
  if (!n || n.cycle_id !== cycleId || !inJudging(n)) fieldError('nomination_id', 'award.validation.nomination_unknown');
  if (!(await repo.findJudge(deps.db, cycleId, input.judge_user_id))) fieldError('judge_user_id', 'award.validation.not_on_panel');
  if (await isConflicted(deps.db, n, input.judge_user_id)) fieldError('judge_user_id', 'award.validation.conflicted');
  if (await repo.findReview(deps.db, n.id, input.judge_user_id)) fieldError('judge_user_id', 'award.validation.already_assigned');
  return deps.db.transaction().execute(async (trx) => {
    const r = await repo.insertReview(trx, n.id, input.judge_user_id);
    await recordAudit(trx, ctx, { action: 'award.assign.add', recordType: 'award_review', recordId: r.id, after: r });
    const count = (await repo.listReviewsOfCycle(trx, cycleId)).filter((x) => x.judge_user_id === input.judge_user_id).length;
    await enqueue(trx, JUDGE_NOTICE_JOB, { cycleId, run: r.id, judges: [{ userId: input.judge_user_id, count }] });
    return r;
  });
}

/** The office's adjustment: removes an assignment not yet scored. */
export async function unassign(deps: Deps, ctx: Ctx, reviewId: number) {
  authorize(awardPolicy.office(ctx.actor));
  const r = await deps.db.selectFrom('award_reviews').selectAll().where('id', '=', reviewId).executeTakeFirst();
  if (!r) throw new NotFoundError();
  if (r.status === 'submitted') throw new ConflictError('award.error.already_scored');
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteReview(trx, r.id);
    await recordAudit(trx, ctx, { action: 'award.assign.remove', recordType: 'award_review', recordId: r.id, before: r });
  });
}

/** The panel page: judges with their names, loads and conflicts; nominations in judging with their judges. */
export async function panel(deps: Deps, ctx: Ctx, cycleId: number) {
  authorize(awardPolicy.office(ctx.actor));
  const cycle = await getCycle(deps, cycleId);
  const judges = await repo.listJudges(deps.db, cycleId);
  const people = new Map<number, { name: string; email: string }>();
  for (const j of judges) {
    const u = await findUser(deps.db, j.user_id);
    if (u) people.set(j.user_id, { name: u.name, email: u.email });
  }
  const nominations = (await repo.listNominations(deps.db, cycleId)).filter(inJudging);
  const reviews = await repo.listReviewsOfCycle(deps.db, cycleId);
  const candidates = await findUsers(deps.db, { role: 'judge' }, 500, 0);
  return {
    cycle,
    judges,
    people,
    candidates: candidates.filter((u) => !judges.some((j) => j.user_id === u.id)),
    conflicts: await conflictsOf(deps.db, cycleId),
    nominations,
    branches: await repo.listBranches(deps.db, cycleId),
    panels: await branchPanels(deps.db, cycleId),
    reviews,
    loads: new Map(judges.map((j) => [j.user_id, reviews.filter((r) => r.judge_user_id === j.user_id).length])),
  };
}

// --- What a judge sees and does ----------------------------------------------------------------

/** The nominations assigned to the judge in an edition (never one in conflict: rechecked on every read). */
export async function myAssignments(deps: Deps, ctx: Ctx, cycleId: number) {
  authorize(awardPolicy.judge(ctx.actor));
  const me = awardPolicy.userId(ctx.actor) as number;
  const nominations = (await repo.listNominations(deps.db, cycleId)).filter(inJudging);
  const map = await conflictMap(deps.db, cycleId, nominations);
  const mine = await deps.db.selectFrom('award_reviews').selectAll().where('judge_user_id', '=', me).execute();
  return nominations
    .filter((n) => !map.get(n.id)?.has(me))
    .flatMap((n) => {
      const r = mine.find((x) => x.nomination_id === n.id);
      return r ? [{ nomination: n, review: r }] : [];
    });
}

/**
 * Who may read a nomination: the office; its agency's staff; a judge assigned to it and in no
 * conflict with it. Anyone else gets a 403, the same as for a nomination that is not theirs.
 */
export async function nominationAccess(deps: Deps, ctx: Ctx, n: repo.NominationRow): Promise<'office' | 'agency' | 'judge'> {
  if (awardPolicy.office(ctx.actor)) return 'office';
  if (awardPolicy.readOwn(ctx.actor, n.agency_id)) return 'agency';
  const me = awardPolicy.userId(ctx.actor);
  if (awardPolicy.judge(ctx.actor) && me !== null && inJudging(n)) {
    const review = await repo.findReview(deps.db, n.id, me);
    if (review && !(await isConflicted(deps.db, n, me))) return 'judge';
  }
  throw new ForbiddenError('award nomination');
}

/**
 * The reviews of a nomination a reader may see: the office all of them; a judge their own, and the
 * others' only once their own is submitted; the agency none.
 */
export function visibleReviews(access: 'office' | 'agency' | 'judge', me: number | null, reviews: repo.ReviewRow[]) {
  if (access === 'office') return reviews;
  if (access === 'agency') return [];
  const own = reviews.find((r) => r.judge_user_id === me);
  return own?.status === 'submitted' ? reviews.filter((r) => r.status === 'submitted' || r.judge_user_id === me) : own ? [own] : [];
}

/** A judge saves (or, with submit, finalises) their scores of a nomination: every criterion 1..scale, comments optional. */
export async function saveReview(deps: Deps, ctx: Ctx, nominationId: number, raw: Record<string, unknown>, submit: boolean) {
  authorize(awardPolicy.judge(ctx.actor));
  const me = awardPolicy.userId(ctx.actor) as number;
  const n = await repo.findNomination(deps.db, nominationId);
  if (!n) throw new NotFoundError();
  if ((await nominationAccess(deps, ctx, n)) !== 'judge') throw new ForbiddenError('not assigned');
  const cycle = await getCycle(deps, n.cycle_id);
  if (cycle.results_published_at) throw new ConflictError('award.error.published');
  const review = (await repo.findReview(deps.db, n.id, me)) as repo.ReviewRow;
  if (review.status === 'submitted') throw new ConflictError('award.error.review_submitted');
  const branch = (await repo.findBranch(deps.db, n.branch_id)) as repo.BranchRow;
  const scores: Scores = {};
  const errors: FieldError[] = [];
  for (const c of repo.criteriaOf(branch)) {
    const v = String(raw[`score_${c.key}`] ?? '').trim();
    const comment = String(raw[`comment_${c.key}`] ?? '').trim();
    if (comment.length > 2000) errors.push({ field: `comment_${c.key}`, key: 'award.validation.comment_long' });
    if (v === '') {
      if (submit) errors.push({ field: `score_${c.key}`, key: 'award.validation.score', params: { max: branch.scale_max } });
      continue;
    }
    const s = Number(v.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)));
    if (!Number.isInteger(s) || s < 1 || s > branch.scale_max) {
      errors.push({ field: `score_${c.key}`, key: 'award.validation.score', params: { max: branch.scale_max } });
      continue;
    }
    scores[c.key] = comment ? { score: s, comment } : { score: s };
  }
  const comment = String(raw.comment ?? '').trim();
  if (comment.length > 5000) errors.push({ field: 'comment', key: 'award.validation.comment_long' });
  if (errors.length) throw new ValidationError(errors);
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateReview(trx, review.id, {
      scores_json: JSON.stringify(scores),
      comment: comment || null,
      ...(submit ? { status: 'submitted' as const, submitted_at: new Date().toISOString() } : {}),
    });
    await recordAudit(trx, ctx, {
      action: submit ? 'award.review.submit' : 'award.review.save',
      recordType: 'award_review',
      recordId: review.id,
      after: { scores, comment: comment || null },
    });
    return after;
  });
}

/** Each nomination's raw weighted mean and per-judge z-score normalised mean, by branch, from submitted reviews. */
export async function standings(db: Executor, cycleId: number) {
  const branches = await repo.listBranches(db, cycleId);
  const nominations = (await repo.listNominations(db, cycleId)).filter(inJudging);
  const reviews = (await repo.listReviewsOfCycle(db, cycleId)).filter((r) => r.status === 'submitted');
  const branchOf = new Map(nominations.map((n) => [n.id, n.branch_id]));
  const criteria = new Map(branches.map((b) => [b.id, repo.criteriaOf(b)]));
  const cycle = await repo.findCycle(db, cycleId);
  const scaleOf = new Map(branches.map((b) => [b.id, b.scale_max]));
  const scored = reviews.flatMap((r) => {
    const branchId = branchOf.get(r.nomination_id) ?? -1;
    const scores = JSON.parse(r.scores_json) as Scores;
    const c = criteria.get(branchId) ?? [];
    const s = weightedScore(c, scores);
    const tops = topScores(c, scores, scaleOf.get(branchId) ?? 0);
    return s === null ? [] : [{ nominationId: r.nomination_id, judgeId: r.judge_user_id, score: s, tops }];
  });
  // Each judge is normalised over the reviews they gave within one branch (one rubric, one scale).
  return branches.map((b) => ({
    agreement: disagreement(scored.filter((s) => branchOf.get(s.nominationId) === b.id)),
    branch: b,
    rows: aggregate(
      scored.filter((s) => branchOf.get(s.nominationId) === b.id),
      cycle?.tie_break ?? 'raw_normalised',
    ).map((a) => ({
      ...a,
      nomination: nominations.find((n) => n.id === a.nominationId) as repo.NominationRow,
    })),
    unscored: nominations.filter((n) => n.branch_id === b.id && !scored.some((s) => s.nominationId === n.id)),
  }));
}

/** An edition's figures for the office: nominations per branch by state, and per nominating agency. */
export async function statistics(db: Executor, cycleId: number) {
  const nominations = (await repo.listNominations(db, cycleId)).filter((n) => n.status !== 'draft');
  const branches = await repo.listBranches(db, cycleId);
  const byBranch = branches.map((b) => {
    const of = nominations.filter((n) => n.branch_id === b.id);
    return {
      branch: b,
      submitted: of.filter((n) => n.status === 'submitted').length,
      eligible: of.filter((n) => n.status === 'submitted' && n.screening === 'eligible').length,
      ineligible: of.filter((n) => n.status === 'submitted' && n.screening === 'ineligible').length,
      withdrawn: of.filter((n) => n.status === 'withdrawn').length,
    };
  });
  const agencies = new Map<number, number>();
  for (const n of nominations)
    if (n.status === 'submitted' && n.agency_id !== null) agencies.set(n.agency_id, (agencies.get(n.agency_id) ?? 0) + 1);
  const byAgency = [...agencies]
    .map(([agencyId, submitted]) => ({ agencyId, submitted }))
    .sort((a, b) => b.submitted - a.submitted || a.agencyId - b.agencyId);
  return { byBranch, byAgency };
}
