import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { planPolicy } from './plan.policy.ts';
import * as repo from './plan.repo.ts';
import { riskInput } from './plan.schema.ts';
import type { RiskStatus } from './plan.tables.ts';
import { insertRisk, listRisks, type RiskRow, findRisk as repoFindRisk, updateRisk as repoUpdateRisk } from './risks.repo.ts';

// The risks and issues register of each initiative. The owner agency's staff (and the program
// administrator) keep it; the office, leadership and the owner agency read it; the follow-up dashboard
// lists the plan's high, escalated and rising entries. Every change is audited and kept in the history.

export type { RiskRow } from './risks.repo.ts';

/** Likelihood × impact, each 1–5. */
export const riskScore = (r: { likelihood: number; impact: number }) => r.likelihood * r.impact;

export type RiskLevel = 'high' | 'medium' | 'low';
/** The 5 × 5 matrix's bands: 15 and above high, 8 to 12 medium, 6 and below low. */
export function riskLevel(score: number): RiskLevel {
  if (score >= 15) return 'high';
  if (score >= 8) return 'medium';
  return 'low';
}

/** Whether the entry's score went up at its last change of likelihood or impact. */
export const riskRose = (r: RiskRow) => r.previous_score !== null && riskScore(r) > r.previous_score;

/** Open entries that need the office's eye: escalated, high, or risen since their last change. */
export const needsAttention = (r: RiskRow) =>
  r.status !== 'closed' && (r.status === 'escalated' || riskLevel(riskScore(r)) === 'high' || riskRose(r));

async function initiativeOf(deps: Deps, initiativeId: number) {
  const initiative = await repo.findInitiative(deps.db, initiativeId);
  if (!initiative) throw new NotFoundError();
  return { initiative, plan: (await repo.findPlan(deps.db, initiative.plan_id)) as repo.PlanRow };
}

/** An initiative's register, for whoever may read the initiative. */
export async function initiativeRisks(deps: Deps, ctx: Ctx, initiativeId: number) {
  const { initiative, plan } = await initiativeOf(deps, initiativeId);
  authorize(planPolicy.readInitiative(ctx.actor, initiative.owner_agency_id));
  return { initiative, plan, risks: await listRisks(deps.db, [initiativeId]) };
}

/** The register of a whole plan: every initiative's entries the actor may read, highest score first. */
export async function planRisks(deps: Deps, ctx: Ctx, planId: number) {
  const plan = await repo.findPlan(deps.db, planId);
  if (!plan) throw new NotFoundError();
  authorize(planPolicy.readPlan(ctx.actor, plan));
  const initiatives = (await repo.listInitiatives(deps.db, planId)).filter((i) => planPolicy.readInitiative(ctx.actor, i.owner_agency_id));
  const byId = new Map(initiatives.map((i) => [i.id, i]));
  const risks = await listRisks(deps.db, [...byId.keys()]);
  return { plan, entries: risks.map((risk) => ({ risk, initiative: byId.get(risk.initiative_id) as repo.InitiativeRow })) };
}

/** One entry with its initiative and plan, if the actor may keep the register. */
export async function getRisk(deps: Deps, ctx: Ctx, id: number) {
  const risk = await repoFindRisk(deps.db, id);
  if (!risk) throw new NotFoundError();
  const { initiative, plan } = await initiativeOf(deps, risk.initiative_id);
  authorize(planPolicy.keep(ctx.actor, initiative.owner_agency_id));
  return { risk, initiative, plan };
}

const eventFor = (status: RiskStatus, before?: RiskStatus) =>
  before === undefined
    ? 'risk.added'
    : status !== before && (status === 'escalated' || status === 'closed')
      ? `risk.${status}`
      : 'risk.updated';

/** Adds an entry to an initiative's register. */
export async function addRisk(deps: Deps, ctx: Ctx, initiativeId: number, raw: unknown) {
  const { initiative, plan } = await initiativeOf(deps, initiativeId);
  authorize(planPolicy.keep(ctx.actor, initiative.owner_agency_id));
  const input = parseInput(riskInput, raw);
  if (plan.status === 'closed') throw new ConflictError('plan.error.plan_closed');
  return deps.db.transaction().execute(async (trx) => {
    const row = await insertRisk(trx, {
      ...input,
      review_on: input.review_on ?? null,
      initiative_id: initiativeId,
      agency_id: initiative.owner_agency_id,
      created_by: actorLabel(ctx.actor),
      updated_by: actorLabel(ctx.actor),
    });
    await repo.insertEvent(trx, {
      initiative_id: initiativeId,
      report_id: null,
      action: eventFor(row.status),
      comment: row.title,
      detail_json: null,
      actor_label: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: 'plan.risk.add',
      recordType: 'plan_risk',
      recordId: row.id,
      agencyId: initiative.owner_agency_id,
      after: row,
    });
    return row;
  });
}

/** Changes an entry; a new likelihood or impact keeps the score it replaces, so a rise shows. */
export async function updateRisk(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const { risk, initiative, plan } = await getRisk(deps, ctx, id);
  const input = parseInput(riskInput, raw);
  if (plan.status === 'closed') throw new ConflictError('plan.error.plan_closed');
  const scoreChanged = riskScore(input) !== riskScore(risk);
  return deps.db.transaction().execute(async (trx) => {
    const after = await repoUpdateRisk(trx, id, {
      ...input,
      review_on: input.review_on ?? null,
      previous_score: scoreChanged ? riskScore(risk) : risk.previous_score,
      updated_by: actorLabel(ctx.actor),
    });
    await repo.insertEvent(trx, {
      initiative_id: initiative.id,
      report_id: null,
      action: eventFor(after.status, risk.status),
      comment: after.title,
      detail_json: null,
      actor_label: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: 'plan.risk.update',
      recordType: 'plan_risk',
      recordId: id,
      agencyId: initiative.owner_agency_id,
      before: risk,
      after,
    });
    return after;
  });
}
