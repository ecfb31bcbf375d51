import type { Executor } from '../../db.ts';
import { actorAgencyIds, type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { localDate } from '../../platform/i18n/dates.ts';
import { findService } from '../catalog/public.ts';
import { findAgency } from '../identity/public.ts';
import type { AutoEvidence } from './auto.service.ts';
import { idList } from './links.service.ts';
import { planPolicy } from './plan.policy.ts';
import * as repo from './plan.repo.ts';
import type { Rating, ReportStatus } from './plan.tables.ts';
import { listRisks } from './risks.repo.ts';
import { needsAttention } from './risks.service.ts';
import { type InitiativeFigures, initiativeFigures, thresholdsOf, type WeightedResult, weightedMean } from './rollup.ts';
import { systemsOfInitiative } from './systems.repo.ts';

// Follow-up: the figures of a plan on a day (roll-up and ratings), the office's dashboard (late
// reports, red and slipping initiatives, by track and agency) and the public progress pages.

/** The period whose figures rate a plan on `today`: the last one that has ended, else the first. */
export function ratingPeriod(periods: readonly repo.PeriodRow[], today: string): repo.PeriodRow | undefined {
  const ended = periods.filter((p) => p.ends_on <= today);
  return ended.at(-1) ?? periods[0];
}

export interface InitiativeLine {
  initiative: repo.InitiativeRow;
  milestones: repo.MilestoneRow[];
  figures: InitiativeFigures;
}
export interface TrackLine {
  track: repo.TrackRow;
  initiatives: InitiativeLine[];
  progress: WeightedResult;
  planned: WeightedResult;
}
export interface PlanFigures {
  plan: repo.PlanRow;
  today: string;
  period: repo.PeriodRow | undefined;
  periods: repo.PeriodRow[];
  tracks: TrackLine[];
  progress: WeightedResult;
  planned: WeightedResult;
}

/**
 * A plan's roll-up on `today`: each initiative's progress and ratings, each track's weighted progress
 * over its initiatives, the plan's over its tracks (weights normalised over the parts that have figures).
 * `only` limits the initiatives (an agency's own, or the published ones); the roll-up is then theirs.
 */
export async function planFigures(
  db: Executor,
  plan: repo.PlanRow,
  today: string,
  only?: (i: repo.InitiativeRow) => boolean,
): Promise<PlanFigures> {
  const thresholds = thresholdsOf(plan.thresholds_json);
  const tracks = await repo.listTracks(db, plan.id);
  const periods = await repo.listPeriods(db, plan.id);
  const period = ratingPeriod(periods, today);
  const initiatives = (await repo.listInitiatives(db, plan.id)).filter((i) => !only || only(i));
  const ids = initiatives.map((i) => i.id);
  const milestones = await repo.listMilestones(db, ids);
  const kpis = await repo.listKpis(db, ids);
  const values = await repo.listKpiValues(
    db,
    kpis.map((k) => k.id),
  );
  const lines = initiatives.map((initiative): InitiativeLine => {
    const own = milestones.filter((m) => m.initiative_id === initiative.id);
    const facts = kpis
      .filter((k) => k.initiative_id === initiative.id)
      .map((k) => {
        const v = period ? values.find((x) => x.kpi_id === k.id && x.period_id === period.id) : undefined;
        return { ...k, target: v?.target ?? null, actual: v?.actual ?? null };
      });
    return { initiative, milestones: own, figures: initiativeFigures(initiative, own, facts, today, thresholds) };
  });
  const trackLines = tracks.map((track): TrackLine => {
    const mine = lines.filter((l) => l.initiative.track_id === track.id);
    return {
      track,
      initiatives: mine,
      progress: weightedMean(mine.map((l) => ({ weight: l.initiative.weight, value: l.figures.progress }))),
      planned: weightedMean(mine.map((l) => ({ weight: l.initiative.weight, value: l.figures.planned }))),
    };
  });
  return {
    plan,
    today,
    period,
    periods,
    tracks: trackLines,
    progress: weightedMean(trackLines.map((t) => ({ weight: t.track.weight, value: t.progress.value }))),
    planned: weightedMean(trackLines.map((t) => ({ weight: t.track.weight, value: t.planned.value }))),
  };
}

export const today = (deps: Deps) => localDate(nowIso(), deps.config.timeZone);

/** Agency staff see their own agency's initiatives in a plan; the office and leadership see them all. */
const scopeOf = (ctx: Ctx) =>
  planPolicy.review(ctx.actor) || hasRole(ctx.actor, 'leadership_viewer')
    ? undefined
    : (() => {
        const mine = actorAgencyIds(ctx.actor);
        return (i: repo.InitiativeRow) => mine.includes(i.owner_agency_id);
      })();

/** The plan page's figures, scoped to what the actor may see. */
export async function planOverview(deps: Deps, ctx: Ctx, planId: number, day = today(deps)) {
  const plan = await repo.findPlan(deps.db, planId);
  if (!plan) throw new NotFoundError();
  authorize(planPolicy.readPlan(ctx.actor, plan));
  const scope = scopeOf(ctx);
  const figures = await planFigures(deps.db, plan, day, scope);
  const reports = await repo.listReports(
    deps.db,
    figures.tracks.flatMap((t) => t.initiatives.map((l) => l.initiative.id)),
  );
  // Archived initiatives are out of the roll-up; the page lists them on request ("show archived").
  const archived = (await repo.listInitiatives(deps.db, plan.id, undefined, 'archived')).filter((i) => !scope || scope(i));
  return { figures, reports, archived };
}

export interface LateReport {
  initiative: repo.InitiativeRow;
  period: repo.PeriodRow;
  status: ReportStatus | 'missing';
}

/** A report is late when its period's due date has passed and it is neither submitted nor accepted. */
export function lateReports(figures: PlanFigures, reports: readonly repo.ReportRow[]): LateReport[] {
  const out: LateReport[] = [];
  for (const period of figures.periods.filter((p) => p.due_on < figures.today))
    for (const t of figures.tracks)
      for (const { initiative } of t.initiatives) {
        if (initiative.planned_start > period.ends_on) continue;
        const r = reports.find((x) => x.initiative_id === initiative.id && x.period_id === period.id);
        if (!r || r.status === 'draft' || r.status === 'returned') out.push({ initiative, period, status: r?.status ?? 'missing' });
      }
  return out;
}

export type RatingCounts = Record<Rating | 'unrated', number>;
const emptyCounts = (): RatingCounts => ({ green: 0, amber_green: 0, amber: 0, amber_red: 0, red: 0, unrated: 0 });

/**
 * The follow-up dashboard: late reports, red or slipping initiatives, risks and issues that need the
 * office's eye (escalated, high or risen), and overall ratings by track and by agency.
 */
export async function dashboard(deps: Deps, ctx: Ctx, planId: number, day = today(deps)) {
  const { figures, reports } = await planOverview(deps, ctx, planId, day);
  const lines = figures.tracks.flatMap((t) => t.initiatives);
  const byTrack = figures.tracks.map((t) => {
    const counts = emptyCounts();
    for (const l of t.initiatives) counts[l.figures.overall ?? 'unrated']++;
    return { track: t.track, counts };
  });
  const agencies = new Map<number, RatingCounts>();
  for (const l of lines) {
    const c = agencies.get(l.initiative.owner_agency_id) ?? emptyCounts();
    c[l.figures.overall ?? 'unrated']++;
    agencies.set(l.initiative.owner_agency_id, c);
  }
  const initiatives = new Map(lines.map((l) => [l.initiative.id, l.initiative]));
  const risks = (await listRisks(deps.db, [...initiatives.keys()]))
    .filter(needsAttention)
    .map((risk) => ({ risk, initiative: initiatives.get(risk.initiative_id) as repo.InitiativeRow }));
  return {
    figures,
    late: lateReports(figures, reports),
    risks,
    atRisk: lines
      .filter((l) => l.figures.overall === 'red' || l.figures.overall === 'amber_red' || l.figures.slipDays > 0)
      .sort((a, b) => b.figures.slipDays - a.figures.slipDays),
    byTrack,
    byAgency: [...agencies].map(([agencyId, counts]) => ({ agencyId, counts })),
    pending: reports.filter((r) => r.status === 'submitted').length,
  };
}

/** Published plans, for the public list. */
export async function publishedPlans(deps: Deps) {
  return (await repo.listPlans(deps.db)).filter((p) => p.published === 1 && p.status !== 'draft');
}

/** A published plan's public figures: only its published initiatives, rolled up among themselves. */
export async function publicPlan(deps: Deps, id: number, day = today(deps)) {
  const plan = await repo.findPlan(deps.db, id);
  if (plan?.published !== 1 || plan.status === 'draft') throw new NotFoundError();
  return planFigures(deps.db, plan, day, (i) => i.published === 1);
}

/** A published initiative of a published plan, with its milestones, KPIs (accepted figures only) and public history. */
export async function publicInitiative(deps: Deps, id: number, day = today(deps)) {
  const initiative = await repo.findInitiative(deps.db, id);
  if (initiative?.published !== 1 || initiative.archived_at !== null) throw new NotFoundError();
  const figures = await publicPlan(deps, initiative.plan_id, day);
  const line = figures.tracks.flatMap((t) => t.initiatives).find((l) => l.initiative.id === id) as InitiativeLine;
  const kpis = await repo.listKpis(deps.db, [id]);
  const values = await repo.listKpiValues(
    deps.db,
    kpis.map((k) => k.id),
  );
  const events = (await repo.listEvents(deps.db, id)).filter((e) => PUBLIC_EVENTS.includes(e.action));
  // Partner agencies (public facts: their names only), the national systems it builds on (not archived),
  // and the catalog publication that evidences each milestone the catalog completed.
  const partners: { id: number; name_ar: string; name_en: string }[] = [];
  for (const agencyId of idList(initiative.partner_agency_ids)) {
    const a = await findAgency(deps.db, agencyId);
    if (a) partners.push({ id: a.id, name_ar: a.name_ar, name_en: a.name_en });
  }
  const systems = (await systemsOfInitiative(deps.db, id)).filter((s) => s.archived_at === null);
  const evidence = new Map<number, { identifier: string; name_ar: string; name_en: string }>();
  for (const m of line.milestones) {
    if (!m.evidence_json) continue;
    const e = JSON.parse(m.evidence_json) as AutoEvidence;
    const service = await findService(deps.db, e.service_id);
    evidence.set(m.id, { identifier: e.identifier, name_ar: service?.name_ar ?? e.identifier, name_en: service?.name_en ?? e.identifier });
  }
  return {
    figures,
    line,
    track: figures.tracks.find((t) => t.track.id === initiative.track_id)?.track,
    kpis,
    values,
    events,
    partners,
    systems,
    evidence,
  };
}

/** History entries a visitor may read: what was promised and what was done, not the review's back-and-forth. */
const PUBLIC_EVENTS = ['created', 'published', 'report.accepted', 'correction.accepted'];

/** An initiative's page: its plan and track, milestones, KPIs with their values, periods, reports, history and today's figures. */
export async function initiativeDetail(deps: Deps, ctx: Ctx, id: number, day = today(deps)) {
  const initiative = await repo.findInitiative(deps.db, id);
  if (!initiative) throw new NotFoundError();
  authorize(planPolicy.readInitiative(ctx.actor, initiative.owner_agency_id));
  const plan = (await repo.findPlan(deps.db, initiative.plan_id)) as repo.PlanRow;
  const periods = await repo.listPeriods(deps.db, plan.id);
  const period = ratingPeriod(periods, day);
  const milestones = await repo.listMilestones(deps.db, [id]);
  const kpis = await repo.listKpis(deps.db, [id]);
  const values = await repo.listKpiValues(
    deps.db,
    kpis.map((k) => k.id),
  );
  const facts = kpis.map((k) => {
    const v = period ? values.find((x) => x.kpi_id === k.id && x.period_id === period.id) : undefined;
    return { ...k, target: v?.target ?? null, actual: v?.actual ?? null };
  });
  return {
    initiative,
    plan,
    archivedMilestones: await repo.listMilestones(deps.db, [id], 'archived'),
    archivedKpis: await repo.listKpis(deps.db, [id], 'archived'),
    track: await repo.findTrack(deps.db, initiative.track_id),
    periods,
    period,
    milestones,
    kpis: facts,
    values,
    reports: await repo.listReports(deps.db, [id]),
    events: await repo.listEvents(deps.db, id),
    risks: await listRisks(deps.db, [id]),
    figures: initiativeFigures(initiative, milestones, facts, day, thresholdsOf(plan.thresholds_json)),
    thresholds: thresholdsOf(plan.thresholds_json),
    today: day,
  };
}
export type InitiativeDetail = Awaited<ReturnType<typeof initiativeDetail>>;
