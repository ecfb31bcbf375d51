import { recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { dayEnd, dayStart } from '../../platform/i18n/dates.ts';
import type { Agency } from '../identity/public.ts';
import { allAgencies } from '../identity/public.ts';
import { loadFramework } from './frameworks.service.ts';
import { measurePolicy, ownAgencies } from './measure.policy.ts';
import { openRoundInput, roundInput } from './measure.schema.ts';
import type { AnswerStatus, RoundStatus } from './measure.tables.ts';
import { agencyTeams, queueTeamEmail } from './notifications.ts';
import * as repo from './repo/rounds.repo.ts';

export type { ParticipantRow, RoundRow } from './repo/rounds.repo.ts';

/** Whether the actor may see the round at all: the program office always, leadership once published, agencies once opened if they take part. */
export function canSeeRound(actor: Actor, round: repo.RoundRow, participantAgencyIds: number[]): boolean {
  if (measurePolicy.oversee(actor)) return true;
  if (hasRole(actor, 'leadership_viewer') && round.status === 'published') return true;
  if (measurePolicy.officeToken(actor)) return round.status !== 'draft';
  return round.status !== 'draft' && ownAgencies(actor).some((id) => participantAgencyIds.includes(id));
}

/** Rounds the actor may see, newest first. */
export async function listRounds(deps: Deps, ctx: Ctx) {
  const a = ctx.actor;
  if (measurePolicy.oversee(a)) return repo.listRounds(deps.db);
  if (measurePolicy.officeToken(a)) return repo.listRounds(deps.db, { statuses: ['open', 'finalised', 'published'] });
  const visible: repo.RoundRow[] = [];
  if (hasRole(a, 'leadership_viewer')) visible.push(...(await repo.listRounds(deps.db, { statuses: ['published'] })));
  const mine = ownAgencies(a);
  if (mine.length) visible.push(...(await repo.listRounds(deps.db, { agencyIds: mine, statuses: ['open', 'finalised', 'published'] })));
  const seen = new Set<number>();
  return visible.filter((r) => !seen.has(r.id) && seen.add(r.id)).sort((x, y) => (x.closes_at < y.closes_at ? 1 : -1));
}

/** A round, its frozen framework and its participants (with their agencies), if the actor may see it; 403 otherwise. */
export async function getRound(deps: Deps, ctx: Ctx, id: number) {
  const round = await repo.findRound(deps.db, id);
  if (!round) throw new NotFoundError();
  const participants = await repo.listParticipants(deps.db, id);
  authorize(
    canSeeRound(
      ctx.actor,
      round,
      participants.map((p) => p.agency_id),
    ),
  );
  const { row: frameworkRow, framework } = await loadFramework(deps, round.framework_id);
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.id, a]));
  return {
    round,
    frameworkRow,
    framework,
    participants: participants.map((p) => ({ ...p, agency: agencies.get(p.agency_id) as Agency })),
    agencies,
  };
}

export type RoundBundle = Awaited<ReturnType<typeof getRound>>;

/** An agency's answers in a round: how many are answered (a value or N/A), and how many rows are in each status. */
export interface Progress {
  answered: number;
  byStatus: Partial<Record<AnswerStatus, number>>;
}

/** Per agency: how many answers are in each status (the program office's progress table). */
export async function progress(deps: Deps, ctx: Ctx, roundId: number) {
  authorize(measurePolicy.oversee(ctx.actor));
  const out = new Map<number, Progress>();
  for (const c of await repo.answerCounts(deps.db, roundId)) {
    const m = out.get(c.agency_id) ?? { answered: 0, byStatus: {} };
    m.byStatus[c.status] = c.n;
    m.answered += c.answered;
    out.set(c.agency_id, m);
  }
  return out;
}

/** The round is accepting answers now: open, and between its open and close instants. */
export const isAnswering = (round: repo.RoundRow, now = nowIso()) =>
  round.status === 'open' && round.opens_at <= now && now < round.closes_at;

async function resolveAgencies(deps: Deps, raw: Record<string, unknown>) {
  const all = await allAgencies(deps);
  if (raw.scope === 'all') return { ...raw, agency_ids: all.filter((a) => a.status === 'active').map((a) => String(a.id)) };
  const known = new Set(all.map((a) => a.id));
  const ids = ([] as unknown[]).concat(raw.agency_ids ?? []).map(Number);
  if (ids.some((id) => !known.has(id))) fieldError('agency_ids', 'validation.agency_unknown');
  return raw;
}

/** Creates a round (a draft) on a published framework version. */
export async function createRound(deps: Deps, ctx: Ctx, raw: Record<string, unknown>) {
  authorize(measurePolicy.administer(ctx.actor));
  const input = parseInput(roundInput, await resolveAgencies(deps, raw));
  const { row: framework } = await loadFramework(deps, input.framework_id).catch(() =>
    fieldError('framework_id', 'measure.validation.framework_unknown'),
  );
  if (framework.status !== 'published') fieldError('framework_id', 'measure.validation.framework_draft');
  if (await repo.findRoundByCode(deps.db, input.code)) fieldError('code', 'measure.validation.round_code_taken');
  const tz = deps.config.timeZone;
  return deps.db.transaction().execute(async (trx) => {
    const round = await repo.insertRound(trx, {
      code: input.code,
      framework_id: input.framework_id,
      name_ar: input.name_ar,
      name_en: input.name_en,
      period_from: input.period_from,
      period_to: input.period_to,
      opens_at: dayStart(input.opens_on, tz),
      closes_at: dayEnd(input.closes_on, tz),
      reminder_days: input.reminder_days.join(','),
    });
    await repo.replaceParticipants(trx, round.id, input.agency_ids);
    await recordAudit(trx, ctx, {
      action: 'measure.round.create',
      recordType: 'measure_round',
      recordId: round.id,
      after: { ...round, agencies: input.agency_ids },
    });
    return round;
  });
}

/** Changes a round: everything while it is a draft; only names, close date and reminders once open. */
export async function updateRound(deps: Deps, ctx: Ctx, id: number, raw: Record<string, unknown>) {
  authorize(measurePolicy.administer(ctx.actor));
  const before = await repo.findRound(deps.db, id);
  if (!before) throw new NotFoundError();
  const tz = deps.config.timeZone;
  if (before.status === 'open') {
    const input = parseInput(openRoundInput, raw);
    const closes = dayEnd(input.closes_on, tz);
    if (closes <= before.opens_at) fieldError('closes_on', 'measure.validation.close_order');
    return deps.db.transaction().execute(async (trx) => {
      const after = await repo.updateRound(trx, id, {
        name_ar: input.name_ar,
        name_en: input.name_en,
        closes_at: closes,
        reminder_days: input.reminder_days.join(','),
      });
      await recordAudit(trx, ctx, { action: 'measure.round.update', recordType: 'measure_round', recordId: id, before, after });
      return after;
    });
  }
  if (before.status !== 'draft') throw new ConflictError('measure.error.round_locked');
  const input = parseInput(roundInput, await resolveAgencies(deps, { ...raw, code: raw.code ?? before.code }));
  const { row: framework } = await loadFramework(deps, input.framework_id).catch(() =>
    fieldError('framework_id', 'measure.validation.framework_unknown'),
  );
  if (framework.status !== 'published') fieldError('framework_id', 'measure.validation.framework_draft');
  const clash = await repo.findRoundByCode(deps.db, input.code);
  if (clash && clash.id !== id) fieldError('code', 'measure.validation.round_code_taken');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateRound(trx, id, {
      code: input.code,
      framework_id: input.framework_id,
      name_ar: input.name_ar,
      name_en: input.name_en,
      period_from: input.period_from,
      period_to: input.period_to,
      opens_at: dayStart(input.opens_on, tz),
      closes_at: dayEnd(input.closes_on, tz),
      reminder_days: input.reminder_days.join(','),
    });
    await repo.replaceParticipants(trx, id, input.agency_ids);
    await recordAudit(trx, ctx, {
      action: 'measure.round.update',
      recordType: 'measure_round',
      recordId: id,
      before,
      after: { ...after, agencies: input.agency_ids },
    });
    return after;
  });
}

/** Opens a draft round: agencies may answer from its open date, and their teams are told by email. */
export async function openRound(deps: Deps, ctx: Ctx, id: number) {
  authorize(measurePolicy.administer(ctx.actor));
  const round = await repo.findRound(deps.db, id);
  if (!round) throw new NotFoundError();
  if (round.status !== 'draft') throw new ConflictError('measure.error.round_state');
  if (round.closes_at <= nowIso()) throw new ConflictError('measure.error.close_past');
  const participants = await repo.listParticipants(deps.db, id);
  const teams = await agencyTeams(
    deps,
    participants.map((p) => p.agency_id),
  );
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.moveRound(trx, id, 'draft', 'open'))) throw new ConflictError('measure.error.round_state');
    await recordAudit(trx, ctx, { action: 'measure.round.open', recordType: 'measure_round', recordId: id, after: { status: 'open' } });
    for (const p of participants) {
      const team = teams.get(p.agency_id) ?? [];
      await queueTeamEmail(trx, deps, {
        round,
        agencyId: p.agency_id,
        team,
        kind: 'opened',
        key: `${id}:${p.agency_id}`,
        path: `/console/measure/rounds/${id}`,
      });
    }
  });
}

/** Closes an open round now (its close date becomes this instant); reviewers carry on. */
export async function closeNow(deps: Deps, ctx: Ctx, id: number) {
  authorize(measurePolicy.administer(ctx.actor));
  const round = await repo.findRound(deps.db, id);
  if (!round) throw new NotFoundError();
  const now = nowIso();
  if (round.status !== 'open' || round.closes_at <= now) throw new ConflictError('measure.error.round_state');
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateRound(trx, id, { closes_at: now });
    await recordAudit(trx, ctx, {
      action: 'measure.round.close',
      recordType: 'measure_round',
      recordId: id,
      before: { closes_at: round.closes_at },
      after: { closes_at: now },
    });
  });
}

/** The statuses an actor's round list shows by default, for the views. */
export const statusOrder: RoundStatus[] = ['open', 'draft', 'finalised', 'published'];
