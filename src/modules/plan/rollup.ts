import type { KpiDirection, KpiType, Rating } from './plan.tables.ts';

// The plan's arithmetic, as pure functions: physical progress from weighted milestones rolled up
// initiative → track → plan, and the three ratings (schedule, KPI, overall) on the five-step scale.
// The definitions page and the initiative page print these same rules and the figures they used.

/**
 * Rating thresholds of a plan. `slipDays`: the largest slippage (days) still rated green, amber-green,
 * amber and amber-red (beyond the last: red). `kpiPct`: the least attainment (%) rated green,
 * amber-green, amber and amber-red (below the last: red).
 */
export interface Thresholds {
  slipDays: [number, number, number, number];
  kpiPct: [number, number, number, number];
}
export const defaultThresholds: Thresholds = { slipDays: [0, 30, 60, 90], kpiPct: [100, 90, 75, 50] };

/** A plan's thresholds from its stored JSON (the defaults where it names none). */
export function thresholdsOf(json: string | null | undefined): Thresholds {
  try {
    const t = JSON.parse(json ?? '{}') as Partial<Thresholds>;
    const four = (v: unknown) => Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === 'number' && Number.isFinite(n));
    return {
      slipDays: four(t.slipDays) ? (t.slipDays as Thresholds['slipDays']) : defaultThresholds.slipDays,
      kpiPct: four(t.kpiPct) ? (t.kpiPct as Thresholds['kpiPct']) : defaultThresholds.kpiPct,
    };
  } catch {
    return defaultThresholds;
  }
}

export interface Weighted {
  weight: number;
  /** 0..1, or null when there is nothing to measure (left out; the others' weights are normalised). */
  value: number | null;
}
export interface WeightedResult {
  value: number | null;
  /** The weights actually used, and each part's share of them (they sum to 1). */
  totalWeight: number;
  shares: (number | null)[];
}

/** A weighted mean over the parts that have a value; weights need not sum to 100 (they are normalised). */
export function weightedMean(parts: readonly Weighted[]): WeightedResult {
  const counted = parts.filter((p) => p.value !== null && p.weight > 0);
  const totalWeight = counted.reduce((s, p) => s + p.weight, 0);
  if (totalWeight <= 0) return { value: null, totalWeight: 0, shares: parts.map(() => null) };
  const value = counted.reduce((s, p) => s + (p.weight / totalWeight) * (p.value as number), 0);
  return { value, totalWeight, shares: parts.map((p) => (p.value !== null && p.weight > 0 ? p.weight / totalWeight : null)) };
}

export interface MilestoneFacts {
  weight: number;
  planned_date: string;
  forecast_date: string | null;
  actual_date: string | null;
}

/** Physical progress of an initiative: the weighted share of its milestones done (null without milestones). */
export function initiativeProgress(milestones: readonly MilestoneFacts[]): number | null {
  return weightedMean(milestones.map((m) => ({ weight: m.weight, value: m.actual_date ? 1 : 0 }))).value;
}

/** Planned progress on a day: the weighted share of milestones planned to be done by then. */
export function plannedProgress(milestones: readonly MilestoneFacts[], day: string): number | null {
  return weightedMean(milestones.map((m) => ({ weight: m.weight, value: m.planned_date <= day ? 1 : 0 }))).value;
}

/** Whole days from one ISO date (YYYY-MM-DD) to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

/**
 * Schedule slippage in days on `today`: the largest of the initiative's forecast end past its planned
 * end, and, for each milestone not done, its forecast past its plan or, when already overdue, today
 * past its plan. Done milestones no longer count. Never negative.
 */
export function slippageDays(
  initiative: { planned_end: string; forecast_end: string | null },
  milestones: readonly MilestoneFacts[],
  today: string,
): number {
  let slip = daysBetween(initiative.planned_end, initiative.forecast_end ?? initiative.planned_end);
  for (const m of milestones) {
    if (m.actual_date) continue;
    slip = Math.max(slip, daysBetween(m.planned_date, m.forecast_date ?? m.planned_date));
    if (m.planned_date < today) slip = Math.max(slip, daysBetween(m.planned_date, today));
  }
  return Math.max(0, slip);
}

export function scheduleRating(slipDays: number, t: Thresholds = defaultThresholds): Rating {
  const [g, ag, a, ar] = t.slipDays;
  if (slipDays <= g) return 'green';
  if (slipDays <= ag) return 'amber_green';
  if (slipDays <= a) return 'amber';
  if (slipDays <= ar) return 'amber_red';
  return 'red';
}

export interface KpiFacts {
  kpi_type: KpiType;
  direction: KpiDirection;
  baseline: number;
  target: number | null;
  actual: number | null;
}

/**
 * How far a KPI got from its baseline towards its target, 0..1 (beyond the target counts as 1, a
 * move the wrong way as 0), respecting its direction; null without a target and an actual.
 */
export function kpiAttainment(k: KpiFacts): number | null {
  if (k.target === null || k.actual === null) return null;
  if (k.kpi_type === 'yes_no') return k.actual === k.target ? 1 : 0;
  const up = k.direction === 'increase';
  const span = up ? k.target - k.baseline : k.baseline - k.target;
  if (span <= 0) return (up ? k.actual >= k.target : k.actual <= k.target) ? 1 : 0;
  const moved = up ? k.actual - k.baseline : k.baseline - k.actual;
  return Math.min(1, Math.max(0, moved / span));
}

/** The mean attainment of the KPIs that have figures for the period (null when none has). */
export function kpiScore(kpis: readonly KpiFacts[]): number | null {
  const got = kpis.map(kpiAttainment).filter((a): a is number => a !== null);
  return got.length ? got.reduce((s, a) => s + a, 0) / got.length : null;
}

export function kpiRating(score: number, t: Thresholds = defaultThresholds): Rating {
  const pct = score * 100;
  const [g, ag, a, ar] = t.kpiPct;
  if (pct >= g - 1e-9) return 'green';
  if (pct >= ag - 1e-9) return 'amber_green';
  if (pct >= a - 1e-9) return 'amber';
  if (pct >= ar - 1e-9) return 'amber_red';
  return 'red';
}

const rank = (r: Rating) => ['green', 'amber_green', 'amber', 'amber_red', 'red'].indexOf(r);

/** The overall rating: the worse of schedule and KPI (either alone when the other is missing). */
export function overallRating(schedule: Rating | null, kpi: Rating | null): Rating | null {
  if (!schedule) return kpi;
  if (!kpi) return schedule;
  return rank(schedule) >= rank(kpi) ? schedule : kpi;
}

export interface InitiativeFigures {
  progress: number | null;
  planned: number | null;
  slipDays: number;
  schedule: Rating;
  kpiScore: number | null;
  kpi: Rating | null;
  computed: Rating | null;
  /** The office's override when there is one, else the computed rating. */
  overall: Rating | null;
  overridden: boolean;
}

/** Everything the pages show about one initiative on a day. */
export function initiativeFigures(
  initiative: { planned_end: string; forecast_end: string | null; override_rating: Rating | null },
  milestones: readonly MilestoneFacts[],
  kpis: readonly KpiFacts[],
  today: string,
  t: Thresholds = defaultThresholds,
): InitiativeFigures {
  const slipDays = slippageDays(initiative, milestones, today);
  const schedule = scheduleRating(slipDays, t);
  const score = kpiScore(kpis);
  const kpi = score === null ? null : kpiRating(score, t);
  const computed = overallRating(schedule, kpi);
  return {
    progress: initiativeProgress(milestones),
    planned: plannedProgress(milestones, today),
    slipDays,
    schedule,
    kpiScore: score,
    kpi,
    computed,
    overall: initiative.override_rating ?? computed,
    overridden: initiative.override_rating !== null,
  };
}
