// Baselines and their comparison, as pure functions: a baseline is a snapshot of a plan's initiatives
// (planned dates, forecast end, budget, KPI targets); comparing two says what moved and by how much.

export interface BaselineTarget {
  kpi_id: number;
  period_id: number;
  target: number;
}

export interface BaselineItem {
  id: number;
  code: string;
  name_ar: string;
  name_en: string;
  owner_agency_id: number;
  planned_start: string;
  planned_end: string;
  forecast_end: string | null;
  budget_sar: number;
  targets: BaselineTarget[];
}

export interface Snapshot {
  items: BaselineItem[];
}

const DAY_MS = 86_400_000;

/** Days from one calendar day to another ('YYYY-MM-DD'); positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** When an initiative is expected to end: its forecast, else its planned end. */
export const expectedEnd = (i: Pick<BaselineItem, 'forecast_end' | 'planned_end'>) => i.forecast_end ?? i.planned_end;

export interface TargetChange {
  kpi_id: number;
  period_id: number;
  from: number | null;
  to: number | null;
}

export interface ComparisonRow {
  id: number;
  code: string;
  name_ar: string;
  name_en: string;
  owner_agency_id: number;
  status: 'added' | 'removed' | 'changed' | 'same';
  from: BaselineItem | null;
  to: BaselineItem | null;
  /** Days the planned start and end moved, and the expected end (slip); null when the initiative is on one side only. */
  startShift: number | null;
  endShift: number | null;
  slip: number | null;
  budgetChange: number | null;
  targets: TargetChange[];
}

export interface Comparison {
  rows: ComparisonRow[];
  /** Initiatives whose expected end moved later, and the largest slip in days. */
  slipped: number;
  maxSlip: number;
  budgetFrom: number;
  budgetTo: number;
}

function targetChanges(from: BaselineTarget[], to: BaselineTarget[]): TargetChange[] {
  const key = (t: BaselineTarget) => `${t.kpi_id}:${t.period_id}`;
  const before = new Map(from.map((t) => [key(t), t]));
  const after = new Map(to.map((t) => [key(t), t]));
  const out: TargetChange[] = [];
  for (const k of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(k);
    const b = after.get(k);
    if (a?.target === b?.target) continue;
    const ref = (a ?? b) as BaselineTarget;
    out.push({ kpi_id: ref.kpi_id, period_id: ref.period_id, from: a?.target ?? null, to: b?.target ?? null });
  }
  return out.sort((x, y) => x.kpi_id - y.kpi_id || x.period_id - y.period_id);
}

/** What moved between two snapshots of a plan, initiative by initiative (in code order). */
export function compareSnapshots(from: Snapshot, to: Snapshot): Comparison {
  const before = new Map(from.items.map((i) => [i.id, i]));
  const after = new Map(to.items.map((i) => [i.id, i]));
  const rows: ComparisonRow[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(id) ?? null;
    const b = after.get(id) ?? null;
    const ref = (b ?? a) as BaselineItem;
    const both = a && b;
    const row: ComparisonRow = {
      id,
      code: ref.code,
      name_ar: ref.name_ar,
      name_en: ref.name_en,
      owner_agency_id: ref.owner_agency_id,
      status: !a ? 'added' : !b ? 'removed' : 'same',
      from: a,
      to: b,
      startShift: both ? daysBetween(a.planned_start, b.planned_start) : null,
      endShift: both ? daysBetween(a.planned_end, b.planned_end) : null,
      slip: both ? daysBetween(expectedEnd(a), expectedEnd(b)) : null,
      budgetChange: both ? b.budget_sar - a.budget_sar : null,
      targets: both ? targetChanges(a.targets, b.targets) : [],
    };
    if (both && (row.startShift || row.endShift || row.slip || row.budgetChange || row.targets.length)) row.status = 'changed';
    rows.push(row);
  }
  rows.sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : x.id - y.id));
  const slips = rows.map((r) => r.slip ?? 0).filter((s) => s > 0);
  return {
    rows,
    slipped: slips.length,
    maxSlip: slips.length ? Math.max(...slips) : 0,
    budgetFrom: from.items.reduce((s, i) => s + i.budget_sar, 0),
    budgetTo: to.items.reduce((s, i) => s + i.budget_sar, 0),
  };
}
