import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import { awardPolicy } from './award.policy.ts';
import * as repo from './award.repo.ts';
import { revokeInput } from './award.schema.ts';
import { getCycle } from './award.service.ts';
import type { Outcome } from './award.tables.ts';
import { certificateOf, issueAwardCertificate, revokeAwardCertificate } from './certificates.ts';
import { standings } from './judging.service.ts';
import { OUTCOME_NOTICE_JOB } from './notices.ts';

// Decisions: the office proposes each branch's winners and honourable mentions (or none: "not
// awarded"), each with a citation in both languages; the program administrator approves; once
// every branch is approved the administrator publishes the results on the public page.

/**
 * Proposes a branch's outcome from a form: `outcome_<nomination id>` is winner, honourable_mention or
 * none, with `citation_ar_<id>` and `citation_en_<id>` for each one awarded. Only scored nominations
 * of the branch can be awarded. Replaces any earlier proposal; an approved branch is closed.
 */
export async function proposeDecision(deps: Deps, ctx: Ctx, branchId: number, raw: Record<string, unknown>) {
  authorize(awardPolicy.office(ctx.actor));
  const branch = await repo.findBranch(deps.db, branchId);
  if (!branch) throw new NotFoundError();
  const cycle = await getCycle(deps, branch.cycle_id);
  if (cycle.results_published_at) throw new ConflictError('award.error.published');
  if (branch.decision_status === 'approved') throw new ConflictError('award.error.decision_approved');
  const table = (await standings(deps.db, cycle.id)).find((s) => s.branch.id === branchId);
  const picks: { nominationId: number; outcome: Outcome; citation_ar: string; citation_en: string }[] = [];
  const errors: FieldError[] = [];
  for (const row of table?.rows ?? []) {
    const id = row.nominationId;
    const outcome = String(raw[`outcome_${id}`] ?? 'none');
    if (outcome === 'none') continue;
    if (outcome !== 'winner' && outcome !== 'honourable_mention') {
      errors.push({ field: `outcome_${id}`, key: 'validation.invalid' });
      continue;
    }
    const citation_ar = String(raw[`citation_ar_${id}`] ?? '').trim();
    const citation_en = String(raw[`citation_en_${id}`] ?? '').trim();
    if (!citation_ar || citation_ar.length > 1000) errors.push({ field: `citation_ar_${id}`, key: 'award.validation.citation' });
    if (!citation_en || citation_en.length > 1000) errors.push({ field: `citation_en_${id}`, key: 'award.validation.citation' });
    picks.push({ nominationId: id, outcome, citation_ar, citation_en });
  }
  for (const k of Object.keys(raw)) {
    const m = /^outcome_(\d+)$/.exec(k);
    if (m && raw[k] !== 'none' && !(table?.rows ?? []).some((r) => r.nominationId === Number(m[1])))
      errors.push({ field: k, key: 'award.validation.not_scored' });
  }
  if (errors.length) throw new ValidationError(errors);
  return deps.db.transaction().execute(async (trx) => {
    await repo.deleteDecisions(trx, branchId);
    for (const p of picks)
      await repo.insertDecision(trx, {
        branch_id: branchId,
        nomination_id: p.nominationId,
        outcome: p.outcome,
        citation_ar: p.citation_ar,
        citation_en: p.citation_en,
      });
    const after = await repo.updateBranch(trx, branchId, {
      decision_status: 'proposed',
      decided_by: actorLabel(ctx.actor),
      approved_by: null,
      approved_at: null,
    });
    await recordAudit(trx, ctx, { action: 'award.decision.propose', recordType: 'award_branch', recordId: branchId, after: { picks } });
    return after;
  });
}

/** The program administrator approves a proposed decision; the one who proposed it cannot approve it. */
export async function approveDecision(deps: Deps, ctx: Ctx, branchId: number) {
  authorize(awardPolicy.administer(ctx.actor));
  const branch = await repo.findBranch(deps.db, branchId);
  if (!branch) throw new NotFoundError();
  if (branch.decision_status !== 'proposed') throw new ConflictError('award.error.not_proposed');
  if (ctx.actor.kind !== 'system' && branch.decided_by === actorLabel(ctx.actor)) throw new ConflictError('award.error.own_proposal');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateBranch(trx, branchId, {
      decision_status: 'approved',
      approved_by: actorLabel(ctx.actor),
      approved_at: new Date().toISOString(),
    });
    await recordAudit(trx, ctx, {
      action: 'award.decision.approve',
      recordType: 'award_branch',
      recordId: branchId,
      after: { decision_status: 'approved' },
    });
    return after;
  });
}

/** Publishes an edition's results once every branch's decision is approved. */
export async function publishResults(deps: Deps, ctx: Ctx, cycleId: number, at = new Date()) {
  authorize(awardPolicy.administer(ctx.actor));
  const cycle = await getCycle(deps, cycleId);
  if (cycle.results_published_at) throw new ConflictError('award.error.published');
  const branches = await repo.listBranches(deps.db, cycleId);
  if (branches.length === 0 || branches.some((b) => b.decision_status !== 'approved'))
    throw new ConflictError('award.error.decisions_pending');
  const decisions = await repo.listDecisions(
    deps.db,
    branches.map((b) => b.id),
  );
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateCycle(trx, cycleId, { results_published_at: at.toISOString() });
    // Each winner and honourable mention gets its signed certificate in the same transaction.
    const serials: string[] = [];
    for (const d of decisions) {
      const branch = branches.find((b) => b.id === d.branch_id) as repo.BranchRow;
      const nomination = (await repo.findNomination(trx, d.nomination_id)) as repo.NominationRow;
      serials.push((await issueAwardCertificate(deps, trx, ctx, after, branch, d, nomination)).serial);
    }
    // Every nomination still in the running hears its outcome (ineligible ones heard at screening).
    for (const n of await repo.listNominations(trx, cycleId)) {
      if (n.status !== 'submitted' || n.screening === 'ineligible') continue;
      const d = decisions.find((x) => x.nomination_id === n.id);
      await enqueue(trx, OUTCOME_NOTICE_JOB, { nominationId: n.id, kind: d ? d.outcome : 'not_selected' });
    }
    await recordAudit(trx, ctx, {
      action: 'award.results.publish',
      recordType: 'award_cycle',
      recordId: cycleId,
      after: { results_published_at: after.results_published_at, certificates: serials },
    });
    return after;
  });
}

/** Withdraws a published award: its certificate is revoked with the reason verifiers and the public page show. */
export async function revokeAward(deps: Deps, ctx: Ctx, decisionId: number, raw: unknown) {
  authorize(awardPolicy.administer(ctx.actor));
  const { reason } = parseInput(revokeInput, raw);
  const d = await deps.db.selectFrom('award_decisions').selectAll().where('id', '=', decisionId).executeTakeFirst();
  if (!d) throw new NotFoundError();
  await deps.db.transaction().execute(async (trx) => {
    await revokeAwardCertificate(trx, ctx, d.id, reason);
    await recordAudit(trx, ctx, { action: 'award.decision.revoke', recordType: 'award_decision', recordId: d.id, after: { reason } });
  });
  return d;
}

/** What anyone may read of an edition: its branches and, once published, each branch's winners and mentions with citations. */
export async function publicResults(deps: Deps, number: number) {
  const cycle = await repo.findCycleByNumber(deps.db, number);
  if (!cycle) throw new NotFoundError();
  const branches = await repo.listBranches(deps.db, cycle.id);
  if (!cycle.results_published_at) return { cycle, branches: branches.map((b) => ({ branch: b, awards: [] })) };
  const decisions = await repo.listDecisions(
    deps.db,
    branches.map((b) => b.id),
  );
  const awards: { decision: repo.DecisionRow; nomination: repo.NominationRow; certificate: Certificate | null }[] = [];
  for (const d of decisions) {
    const n = (await repo.findNomination(deps.db, d.nomination_id)) as repo.NominationRow;
    const c = await certificateOf(deps.db, d.id);
    awards.push({
      decision: d,
      nomination: n,
      certificate: c ? { serial: c.serial, revoked_at: c.revoked_at, revoked_reason: c.revoked_reason } : null,
    });
  }
  return {
    cycle,
    branches: branches.map((b) => ({
      branch: b,
      awards: awards
        .filter((a) => a.decision.branch_id === b.id)
        .sort((x, y) =>
          x.decision.outcome === y.decision.outcome ? x.decision.id - y.decision.id : x.decision.outcome === 'winner' ? -1 : 1,
        ),
    })),
  };
}

/** A certificate as pages show it: its serial (for the verification page) and whether it was revoked, and why. */
export interface Certificate {
  serial: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}

/** Decisions of every branch of an edition with their certificates, for the office's results page. */
export async function decisionsOf(deps: Deps, cycleId: number) {
  const branches = await repo.listBranches(deps.db, cycleId);
  const out: (repo.DecisionRow & { certificate: Certificate | null })[] = [];
  for (const d of await repo.listDecisions(
    deps.db,
    branches.map((b) => b.id),
  )) {
    const c = await certificateOf(deps.db, d.id);
    out.push({ ...d, certificate: c ? { serial: c.serial, revoked_at: c.revoked_at, revoked_reason: c.revoked_reason } : null });
  }
  return out;
}
