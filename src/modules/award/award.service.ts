import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { dayNumber, dayStart, dualDateText, isoToLocal, lastLocalDate, localDate, zonedInstant } from '../../platform/i18n/dates.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import { findServiceByIdentifier } from '../catalog/public.ts';
import { findAgency } from '../identity/public.ts';
import { frozenList } from './attachments.ts';
import { awardPolicy } from './award.policy.ts';
import * as repo from './award.repo.ts';
import {
  type BranchInput,
  branchEditInput,
  branchInput,
  CRITERIA_ROWS,
  cycleInput,
  extensionInput,
  nominationInput,
  STAGES,
  screeningInput,
} from './award.schema.ts';
import type { Criterion, NomineeKind } from './award.tables.ts';
import { freezeEvidence, reachedStage } from './evidence.ts';
import { OUTCOME_NOTICE_JOB } from './notices.ts';
import { answersOf, assertAnswered, checkedAnswers, questionsOf, setFor, splitAnswers } from './questions.ts';

// Editions, branches and nominations: creating an edition and its branches, extending its deadline,
// and agencies' nominations (draft → submitted → withdrawn, all before the deadline) with the
// evidence frozen at submission, then the office's screening. Each change is audited in its own
// transaction; a refusal stores nothing.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A local date-time in the zone ("2026-06-10T23:59:59") as a UTC ISO instant. */
export function localInstant(local: string, timeZone: string): string {
  const m = LOCAL.exec(local);
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const day = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
  return new Date(zonedInstant(timeZone, day, Number(m[4]) * 60 + Number(m[5])) + Number(m[6] ?? 0) * 1000).toISOString();
}

/** Where an edition stands at an instant. */
export type Phase = 'announced' | 'nominating' | 'screening' | 'judging' | 'deciding' | 'published';
export function phaseOf(cycle: repo.CycleRow, at: Date): Phase {
  const t = at.getTime();
  if (cycle.results_published_at) return 'published';
  if (t < Date.parse(cycle.nominations_open_at)) return 'announced';
  if (!isPastDeadline(cycle, at)) return 'nominating';
  if (t < Date.parse(cycle.screening_ends_at)) return 'screening';
  if (t < Date.parse(cycle.judging_ends_at)) return 'judging';
  return 'deciding';
}

/** True once the deadline's last second is over: 23:59:59.999 is still in time, 00:00:00 is not. */
export function isPastDeadline(cycle: Pick<repo.CycleRow, 'nominations_close_at'>, at: Date): boolean {
  return at.getTime() >= Date.parse(cycle.nominations_close_at) + 1000;
}

export async function listCycles(deps: Deps) {
  return repo.listCycles(deps.db);
}

export async function getCycle(deps: Deps, id: number) {
  const cycle = await repo.findCycle(deps.db, id);
  if (!cycle) throw new NotFoundError();
  return cycle;
}

function cycleDates(input: ReturnType<typeof cycleInput.parse>, tz: string) {
  const dates = {
    announced_at: dayStart(input.announced_on, tz),
    nominations_open_at: localInstant(input.nominations_open_at, tz),
    nominations_close_at: localInstant(input.nominations_close_at, tz),
    screening_ends_at: dayStart(input.screening_ends_on, tz, 1),
    judging_ends_at: dayStart(input.judging_ends_on, tz, 1),
    results_at: dayStart(input.results_on, tz),
  };
  const order: [keyof typeof dates, string][] = [
    ['nominations_open_at', 'nominations_open_at'],
    ['nominations_close_at', 'nominations_close_at'],
    ['screening_ends_at', 'screening_ends_on'],
    ['judging_ends_at', 'judging_ends_on'],
    ['results_at', 'results_on'],
  ];
  let previous = dates.announced_at;
  for (const [key, field] of order) {
    if (dates[key] < previous) fieldError(field, 'award.validation.date_order');
    previous = dates[key];
  }
  return dates;
}

/** Creates an edition: its number, names, rules and dates (in the program's zone). */
export async function createCycle(deps: Deps, ctx: Ctx, raw: unknown) {
  authorize(awardPolicy.administer(ctx.actor));
  const input = parseInput(cycleInput, raw);
  const dates = cycleDates(input, deps.config.timeZone);
  if (await repo.findCycleByNumber(deps.db, input.number)) fieldError('number', 'award.validation.number_taken');
  return deps.db.transaction().execute(async (trx) => {
    const cycle = await repo.insertCycle(trx, {
      number: input.number,
      name_ar: input.name_ar,
      name_en: input.name_en,
      rules_ar: input.rules_ar,
      rules_en: input.rules_en,
      ...dates,
      extended_from: null,
      extension_reason: null,
      judges_per_nomination: input.judges_per_nomination,
      tie_break: input.tie_break,
      results_published_at: null,
    });
    await recordAudit(trx, ctx, { action: 'award.cycle.create', recordType: 'award_cycle', recordId: cycle.id, after: cycle });
    return cycle;
  });
}

/** An edition as its form shows it: local days and Riyadh wall-clock times to the second. */
export function cycleFormValues(cycle: repo.CycleRow, tz: string): Record<string, string> {
  const local = (iso: string) => `${isoToLocal(iso, tz)}:${String(new Date(iso).getUTCSeconds()).padStart(2, '0')}`;
  return {
    number: String(cycle.number),
    name_ar: cycle.name_ar,
    name_en: cycle.name_en,
    rules_ar: cycle.rules_ar,
    rules_en: cycle.rules_en,
    announced_on: localDate(cycle.announced_at, tz),
    nominations_open_at: local(cycle.nominations_open_at),
    nominations_close_at: local(cycle.nominations_close_at),
    screening_ends_on: lastLocalDate(cycle.screening_ends_at, tz),
    judging_ends_on: lastLocalDate(cycle.judging_ends_at, tz),
    results_on: localDate(cycle.results_at, tz),
    judges_per_nomination: String(cycle.judges_per_nomination),
    tie_break: cycle.tie_break,
  };
}

/**
 * Corrects an edition: names, rules, number, later dates and judges per nomination, until its
 * results are published. Once nominations have opened, the opening stays as it was and the deadline
 * moves only by an extension (with its reason): nominees relied on both.
 */
export async function editCycle(deps: Deps, ctx: Ctx, cycleId: number, raw: unknown, at = new Date()) {
  authorize(awardPolicy.administer(ctx.actor));
  const cycle = await getCycle(deps, cycleId);
  if (cycle.results_published_at) throw new ConflictError('award.error.published');
  const input = parseInput(cycleInput, raw);
  const dates = cycleDates(input, deps.config.timeZone);
  if (at.getTime() >= Date.parse(cycle.nominations_open_at)) {
    if (dates.nominations_open_at !== cycle.nominations_open_at) fieldError('nominations_open_at', 'award.validation.opening_fixed');
    if (dates.nominations_close_at !== cycle.nominations_close_at)
      fieldError('nominations_close_at', 'award.validation.deadline_by_extension');
  }
  if (input.number !== cycle.number && (await repo.findCycleByNumber(deps.db, input.number)))
    fieldError('number', 'award.validation.number_taken');
  const next = {
    number: input.number,
    name_ar: input.name_ar,
    name_en: input.name_en,
    rules_ar: input.rules_ar,
    rules_en: input.rules_en,
    ...dates,
    judges_per_nomination: input.judges_per_nomination,
    tie_break: input.tie_break,
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== cycle[k]);
  if (changed.length === 0) return cycle;
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateCycle(trx, cycleId, next);
    await recordAudit(trx, ctx, {
      action: 'award.cycle.edit',
      recordType: 'award_cycle',
      recordId: cycleId,
      before: Object.fromEntries(changed.map((k) => [k, cycle[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
    });
    return after;
  });
}

/** Moves the nominations deadline later: the program administrator's decision, with its reason, audited. */
export async function extendDeadline(deps: Deps, ctx: Ctx, cycleId: number, raw: unknown) {
  authorize(awardPolicy.administer(ctx.actor));
  const input = parseInput(extensionInput, raw);
  const cycle = await getCycle(deps, cycleId);
  if (cycle.results_published_at) throw new ConflictError('award.error.published');
  const close = localInstant(input.nominations_close_at, deps.config.timeZone);
  if (close <= cycle.nominations_close_at) fieldError('nominations_close_at', 'award.validation.extension_later');
  if (close >= cycle.screening_ends_at) fieldError('nominations_close_at', 'award.validation.extension_before_screening');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateCycle(trx, cycleId, {
      nominations_close_at: close,
      extended_from: cycle.nominations_close_at,
      extension_reason: input.reason,
    });
    await recordAudit(trx, ctx, {
      action: 'award.cycle.extend',
      recordType: 'award_cycle',
      recordId: cycleId,
      before: { nominations_close_at: cycle.nominations_close_at },
      after: { nominations_close_at: close, reason: input.reason },
    });
    return after;
  });
}

/** The rubric rows of a branch form (blank rows skipped); a half-filled row is a field error. */
function criteriaFrom(input: BranchInput): Criterion[] {
  const criteria: Criterion[] = [];
  for (const i of CRITERIA_ROWS) {
    const [ar, en, w] = [input[`c${i}_name_ar`], input[`c${i}_name_en`], input[`c${i}_weight`]] as [string?, string?, number?];
    if (!ar && !en && w === undefined) continue;
    if (!ar) fieldError(`c${i}_name_ar`, 'validation.required');
    if (!en) fieldError(`c${i}_name_en`, 'validation.required');
    if (w === undefined || w <= 0) fieldError(`c${i}_weight`, 'award.validation.weight');
    const [anchorsAr, anchorsEn] = [input[`c${i}_anchors_ar`], input[`c${i}_anchors_en`]] as [string?, string?];
    // Anchors are read by judges in either language: both or neither.
    if (anchorsAr && !anchorsEn) fieldError(`c${i}_anchors_en`, 'award.validation.anchors_both');
    if (anchorsEn && !anchorsAr) fieldError(`c${i}_anchors_ar`, 'award.validation.anchors_both');
    criteria.push({
      key: `c${i}`,
      name_ar: ar,
      name_en: en,
      weight: w,
      ...(anchorsAr && anchorsEn ? { anchors_ar: anchorsAr, anchors_en: anchorsEn } : {}),
    });
  }
  if (criteria.length === 0) fieldError('c1_name_ar', 'award.validation.criteria_required');
  return criteria;
}

/** A branch form's values as the branch row stores them (adding and correcting a branch both write these). */
function branchFields(input: BranchInput, criteria: Criterion[]) {
  return {
    name_ar: input.name_ar,
    name_en: input.name_en,
    description_ar: input.description_ar,
    description_en: input.description_en,
    nominee_kind: input.nominee_kind,
    requires_live_service: input.requires_live_service ? 1 : 0,
    rubric_json: JSON.stringify(criteria),
    scale_max: input.scale_max,
    normalise: input.normalise ? 1 : 0,
    blind: input.blind ? 1 : 0,
    min_stage: input.min_stage ?? null,
    attachments_required: input.attachments_required ? 1 : 0,
  } as const;
}

/** A measurement stage is an agency's: a branch for people cannot require one. */
function checkStageRule(input: BranchInput) {
  if (input.min_stage && takesIndividuals(input.nominee_kind)) fieldError('min_stage', 'award.validation.stage_agency_only');
}

/** Adds a branch to an edition: who may be nominated, what Yusr checks, and its rubric. */
export async function addBranch(deps: Deps, ctx: Ctx, cycleId: number, raw: unknown) {
  authorize(awardPolicy.administer(ctx.actor));
  const input = parseInput(branchInput, raw) as BranchInput;
  const cycle = await getCycle(deps, cycleId);
  if (cycle.results_published_at) throw new ConflictError('award.error.published');
  const criteria = criteriaFrom(input);
  checkStageRule(input);
  const branches = await repo.listBranches(deps.db, cycleId);
  if (branches.some((b) => b.code === input.code)) fieldError('code', 'award.validation.code_taken');
  return deps.db.transaction().execute(async (trx) => {
    const branch = await repo.insertBranch(trx, {
      cycle_id: cycleId,
      code: input.code,
      position: branches.length + 1,
      ...branchFields(input, criteria),
      decision_status: 'open',
      decided_by: null,
      approved_by: null,
      approved_at: null,
    });
    await recordAudit(trx, ctx, { action: 'award.branch.create', recordType: 'award_branch', recordId: branch.id, after: branch });
    return branch;
  });
}

/** A branch and its edition, for the program administrator's correction (404 when there is none). */
export async function getBranch(deps: Deps, id: number) {
  const branch = await repo.findBranch(deps.db, id);
  if (!branch) throw new NotFoundError();
  return { branch, cycle: await getCycle(deps, branch.cycle_id) };
}

/** A branch as its form shows it. */
export function branchFormValues(b: repo.BranchRow): Record<string, string> {
  const values: Record<string, string> = {
    name_ar: b.name_ar,
    name_en: b.name_en,
    description_ar: b.description_ar,
    description_en: b.description_en,
    nominee_kind: b.nominee_kind,
    scale_max: String(b.scale_max),
    min_stage: b.min_stage ?? '',
  };
  for (const flag of ['requires_live_service', 'normalise', 'blind', 'attachments_required'] as const) if (b[flag]) values[flag] = 'on';
  for (const c of repo.criteriaOf(b)) {
    values[`${c.key}_name_ar`] = c.name_ar;
    values[`${c.key}_name_en`] = c.name_en;
    values[`${c.key}_weight`] = String(c.weight);
    if (c.anchors_ar) values[`${c.key}_anchors_ar`] = c.anchors_ar;
    if (c.anchors_en) values[`${c.key}_anchors_en`] = c.anchors_en;
  }
  return values;
}

/**
 * Corrects a branch until its edition's results are published (the edition follows the same rule):
 * names and descriptions, normalisation, at any time; who may be nominated only while no
 * nomination (draft or submitted) is in the branch; what Yusr checks at submission only until the
 * deadline (after it nothing is submitted for the rule to apply to); the rubric (criteria, weights,
 * scale) and the blind flag only while no judge is assigned, so no review was scored on, and no
 * judge has read the nominations under, other terms. Audited with what changed.
 */
export async function editBranch(deps: Deps, ctx: Ctx, branchId: number, raw: unknown, at = new Date()) {
  authorize(awardPolicy.administer(ctx.actor));
  const { branch, cycle } = await getBranch(deps, branchId);
  if (cycle.results_published_at) throw new ConflictError('award.error.published');
  const input = parseInput(branchEditInput, raw) as BranchInput;
  const criteria = criteriaFrom(input);
  checkStageRule(input);
  const next = branchFields(input, criteria);
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== branch[k]);
  if (changed.length === 0) return branch;
  const has = (k: keyof typeof next) => changed.includes(k);
  if (has('nominee_kind') && (await repo.countBranchNominations(deps.db, branchId)) > 0)
    fieldError('nominee_kind', 'award.validation.kind_fixed');
  if (isPastDeadline(cycle, at))
    for (const rule of ['requires_live_service', 'min_stage', 'attachments_required'] as const)
      if (has(rule)) fieldError(rule, 'award.validation.eligibility_fixed');
  if ((has('rubric_json') || has('scale_max') || has('blind')) && (await repo.countBranchReviews(deps.db, branchId)) > 0) {
    if (has('blind')) fieldError('blind', 'award.validation.blind_fixed');
    fieldError(has('scale_max') ? 'scale_max' : 'c1_name_ar', 'award.validation.rubric_fixed');
  }
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateBranch(trx, branchId, next);
    await recordAudit(trx, ctx, {
      action: 'award.branch.edit',
      recordType: 'award_branch',
      recordId: branchId,
      before: Object.fromEntries(changed.map((k) => [k, branch[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
    });
    return after;
  });
}

// --- Nominations -------------------------------------------------------------------------------

/** Refuses any change to nominations outside the nomination window, with a message in the reader's language. */
export function assertWindow(cycle: repo.CycleRow, at: Date, lang: Lang, tz: string) {
  if (at.getTime() < Date.parse(cycle.nominations_open_at)) throw new ConflictError('award.error.not_open');
  if (isPastDeadline(cycle, at))
    throw new AppError(409, 'award.error.deadline_passed', { deadline: dualDateText(lang, cycle.nominations_close_at, tz, true) });
}

/** A branch's nominee kind fits the agency: semi-government branches take semi-government entities only, agency branches the rest. */
function kindFits(kind: NomineeKind, agencyKind: string) {
  if (kind === 'semi_government') return agencyKind === 'semi_government';
  if (kind === 'agency') return agencyKind !== 'semi_government';
  return true;
}

/** Branches that take people: an individual (or a team) may nominate for these after verifying an email. */
export const takesIndividuals = (kind: NomineeKind) => kind === 'individual' || kind === 'team';

/** A nomination's fields checked against its branch: for an agency (its id), or for an individual entrant (null). */
export async function checkedInput(deps: Deps, cycle: repo.CycleRow, agencyId: number | null, raw: unknown) {
  const input = parseInput(nominationInput, splitAnswers(raw).fields);
  const branch = await repo.findBranch(deps.db, input.branch_id);
  if (!branch || branch.cycle_id !== cycle.id) fieldError('branch_id', 'award.validation.branch_unknown');
  if (agencyId === null) {
    if (!takesIndividuals(branch.nominee_kind)) fieldError('branch_id', 'award.validation.individuals_only');
    if (input.service) fieldError('service', 'award.validation.service_agency_only');
    if (!input.nominee_name) fieldError('nominee_name', 'award.validation.nominee_required');
    return { input, branch, serviceId: null };
  }
  const agency = await findAgency(deps.db, agencyId);
  if (!agency) throw new NotFoundError();
  if (!kindFits(branch.nominee_kind, agency.kind)) fieldError('branch_id', 'award.validation.kind_mismatch');
  if ((branch.nominee_kind === 'individual' || branch.nominee_kind === 'team') && !input.nominee_name)
    fieldError('nominee_name', 'award.validation.nominee_required');
  let serviceId: number | null = null;
  if (input.service) {
    const service = await findServiceByIdentifier(deps.db, input.service);
    if (!service || service.agency_id !== agencyId)
      fieldError('service', 'award.validation.service_unknown', { identifier: input.service });
    serviceId = service.id;
  } else if (branch.requires_live_service) fieldError('service', 'award.validation.service_required');
  return { input, branch, serviceId };
}

/**
 * A draft's answers to its questions (the version it answered, or the branch's latest while it has
 * answered none), each within its word limit; a draft with no answer follows the latest version.
 */
async function answersFor(deps: Deps, branchId: number, setId: number | null, raw: unknown) {
  const set = await setFor(deps.db, { branch_id: branchId, question_set_id: setId });
  const answers = checkedAnswers(questionsOf(set), splitAnswers(raw).answers);
  if (!set || Object.keys(answers).length === 0) return { question_set_id: null, answers_json: null };
  return { question_set_id: set.id, answers_json: JSON.stringify(answers) };
}

/** Starts a nomination (a draft) for the actor's agency, before the deadline. */
export async function createNomination(deps: Deps, ctx: Ctx, cycleId: number, agencyId: number, raw: unknown, at = new Date()) {
  authorize(awardPolicy.nominate(ctx.actor, agencyId));
  const cycle = await getCycle(deps, cycleId);
  assertWindow(cycle, at, ctx.lang, deps.config.timeZone);
  return insertDraft(deps, ctx, cycle, { agencyId, entrantId: null }, raw);
}

/** Stores a new draft (checked) for an agency or an individual entrant, audited in the same transaction. */
export async function insertDraft(
  deps: Deps,
  ctx: Ctx,
  cycle: repo.CycleRow,
  owner: { agencyId: number; entrantId: null } | { agencyId: null; entrantId: number },
  raw: unknown,
) {
  const { agencyId } = owner;
  const { input, branch, serviceId } = await checkedInput(deps, cycle, agencyId, raw);
  const answered = await answersFor(deps, branch.id, null, raw);
  return deps.db.transaction().execute(async (trx) => {
    const n = await repo.insertNomination(trx, {
      ...answered,
      cycle_id: cycle.id,
      branch_id: branch.id,
      agency_id: agencyId,
      entrant_id: owner.entrantId,
      status: 'draft',
      title_ar: input.title_ar,
      title_en: input.title_en,
      summary: input.summary,
      nominee_name: input.nominee_name ?? null,
      service_id: serviceId,
      evidence_json: null,
      screening: 'pending',
      screening_reason: null,
      screened_by: null,
      screened_at: null,
      created_by: actorLabel(ctx.actor),
      submitted_at: null,
      withdrawn_at: null,
    });
    await recordAudit(trx, ctx, {
      action: 'award.nomination.create',
      recordType: 'award_nomination',
      recordId: n.id,
      agencyId: agencyId ?? undefined,
      after: n,
    });
    return n;
  });
}

/** An agency's nomination its administrator may change (403 for another agency's, 404 for none), and its edition. */
export async function ownedNomination(deps: Deps, ctx: Ctx, id: number) {
  return ownNomination(deps, ctx, id);
}

async function ownNomination(deps: Deps, ctx: Ctx, id: number) {
  const n = await repo.findNomination(deps.db, id);
  if (!n) throw new NotFoundError();
  authorize(awardPolicy.nominate(ctx.actor, n.agency_id));
  return { n, cycle: await getCycle(deps, n.cycle_id) };
}

/** The audit's agency of a nomination (undefined for an individual's). */
const auditAgency = (n: repo.NominationRow) => n.agency_id ?? undefined;

/** Saves a draft's fields, before the deadline. */
export async function saveNomination(deps: Deps, ctx: Ctx, id: number, raw: unknown, at = new Date()) {
  const { n, cycle } = await ownNomination(deps, ctx, id);
  return saveDraft(deps, ctx, n, cycle, raw, at);
}

/** Saves a draft's checked fields before the deadline (the caller has checked whose it is). */
export async function saveDraft(deps: Deps, ctx: Ctx, n: repo.NominationRow, cycle: repo.CycleRow, raw: unknown, at: Date) {
  const id = n.id;
  assertWindow(cycle, at, ctx.lang, deps.config.timeZone);
  if (n.status !== 'draft') throw new ConflictError('award.error.not_draft');
  const { input, branch, serviceId } = await checkedInput(deps, cycle, n.agency_id, raw);
  const answered = await answersFor(deps, branch.id, branch.id === n.branch_id ? n.question_set_id : null, raw);
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateNomination(trx, id, {
      ...answered,
      branch_id: branch.id,
      title_ar: input.title_ar,
      title_en: input.title_en,
      summary: input.summary,
      nominee_name: input.nominee_name ?? null,
      service_id: serviceId,
    });
    await recordAudit(trx, ctx, {
      action: 'award.nomination.save',
      recordType: 'award_nomination',
      recordId: id,
      agencyId: auditAgency(n),
      before: n,
      after,
    });
    return after;
  });
}

/**
 * Submits a draft before the deadline: checks what Yusr can (the nominated service is published and
 * live in the catalog, where the branch asks for one) and freezes the evidence it holds.
 */
export async function submitNomination(deps: Deps, ctx: Ctx, id: number, at = new Date()) {
  const { n, cycle } = await ownNomination(deps, ctx, id);
  return submitDraft(deps, ctx, n, cycle, at);
}

/** Submits a draft before the deadline and freezes its evidence (the caller has checked whose it is). */
export async function submitDraft(deps: Deps, ctx: Ctx, n: repo.NominationRow, cycle: repo.CycleRow, at: Date) {
  const id = n.id;
  assertWindow(cycle, at, ctx.lang, deps.config.timeZone);
  if (n.status !== 'draft') throw new ConflictError('award.error.not_draft');
  const branch = (await repo.findBranch(deps.db, n.branch_id)) as repo.BranchRow;
  const evidence = await freezeEvidence(deps, n.agency_id, n.service_id, at);
  if (branch.requires_live_service && evidence.service?.status !== 'live') fieldError('service', 'award.validation.service_not_live');
  if (branch.min_stage && !reachedStage(evidence, branch.min_stage)) {
    const stage = STAGES.find((s) => s.key === branch.min_stage) ?? { name_ar: branch.min_stage, name_en: branch.min_stage };
    fieldError('branch_id', 'award.validation.stage_not_reached', { stage: ctx.lang === 'ar' ? stage.name_ar : stage.name_en });
  }
  // The attachments freeze with it (no upload or removal once submitted): their fingerprints go on record.
  const attachments = await frozenList(deps.db, id);
  if (branch.attachments_required && attachments.length === 0) fieldError('file', 'award.validation.attachment_required');
  // The questions it answers freeze with it: the version is kept even where every answer was optional and left blank.
  const set = await setFor(deps.db, n);
  assertAnswered(questionsOf(set), answersOf(n));
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateNomination(trx, id, {
      question_set_id: set?.id ?? null,
      status: 'submitted',
      submitted_at: at.toISOString(),
      evidence_json: JSON.stringify(evidence),
    });
    await recordAudit(trx, ctx, {
      action: 'award.nomination.submit',
      recordType: 'award_nomination',
      recordId: id,
      agencyId: auditAgency(n),
      before: { status: n.status },
      after: { status: 'submitted', evidence, attachments },
    });
    return after;
  });
}

/** Withdraws a draft or a submitted nomination, before the deadline; it then leaves screening and judging. */
export async function withdrawNomination(deps: Deps, ctx: Ctx, id: number, at = new Date()) {
  const { n, cycle } = await ownNomination(deps, ctx, id);
  return withdrawOne(deps, ctx, n, cycle, at);
}

/** Withdraws a draft or a submitted nomination before the deadline (the caller has checked whose it is). */
export async function withdrawOne(deps: Deps, ctx: Ctx, n: repo.NominationRow, cycle: repo.CycleRow, at: Date) {
  const id = n.id;
  assertWindow(cycle, at, ctx.lang, deps.config.timeZone);
  if (n.status === 'withdrawn') throw new ConflictError('award.error.withdrawn');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateNomination(trx, id, { status: 'withdrawn', withdrawn_at: at.toISOString() });
    await recordAudit(trx, ctx, {
      action: 'award.nomination.withdraw',
      recordType: 'award_nomination',
      recordId: id,
      agencyId: auditAgency(n),
      before: { status: n.status },
      after: { status: 'withdrawn' },
    });
    return after;
  });
}

/** The program office's screening of a submitted nomination: eligible, or ineligible with the reason the nominee sees. */
export async function screenNomination(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(awardPolicy.office(ctx.actor));
  const input = parseInput(screeningInput, raw);
  const n = await repo.findNomination(deps.db, id);
  if (!n) throw new NotFoundError();
  if (n.status !== 'submitted') throw new ConflictError('award.error.not_submitted');
  const cycle = await getCycle(deps, n.cycle_id);
  if (cycle.results_published_at) throw new ConflictError('award.error.published');
  if (input.decision === 'ineligible' && (await repo.listReviews(deps.db, id)).some((r) => r.status === 'submitted'))
    throw new ConflictError('award.error.already_scored');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateNomination(trx, id, {
      screening: input.decision,
      screening_reason: input.decision === 'ineligible' ? (input.reason ?? null) : null,
      screened_by: actorLabel(ctx.actor),
      screened_at: new Date().toISOString(),
    });
    // An ineligible nomination leaves judging: its (unscored) assignments go.
    if (input.decision === 'ineligible') for (const r of await repo.listReviews(trx, id)) await repo.deleteReview(trx, r.id);
    await enqueue(trx, OUTCOME_NOTICE_JOB, { nominationId: id, kind: input.decision });
    await recordAudit(trx, ctx, {
      action: 'award.nomination.screen',
      recordType: 'award_nomination',
      recordId: id,
      agencyId: auditAgency(n),
      before: { screening: n.screening },
      after: { screening: input.decision, reason: input.reason ?? null },
    });
    return after;
  });
}
