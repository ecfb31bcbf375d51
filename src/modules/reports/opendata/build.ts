import type { MessageKey } from '../../../messages.ts';
import { systemCtx } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { hasMessage, translate } from '../../../platform/i18n/i18n.ts';
import { allAgencies } from '../../identity/public.ts';
import { type Figure, type FigureUnit, loadPanels } from '../reports.panels.ts';
import { type Cell, COUNT_UNITS, complementary, type Group, primaryCell, THRESHOLD } from './suppress.ts';

/**
 * Builds the open datasets from the dashboard's figure providers (`reportPanels`): every installed
 * module's figures, for each of the last complete months, nationally and for each active agency, as
 * one long table per module (month × agency × figure × breakdown category), small counts suppressed
 * (suppress.ts). No module is read directly: a module whose provider is absent has no dataset.
 */

/** One published row. `value` is null when there was nothing to measure or when `suppressed`. */
export interface DatasetRow {
  month: string;
  agency: string | null;
  agency_ar: string | null;
  agency_en: string | null;
  figure: string;
  figure_ar: string;
  figure_en: string;
  category: string | null;
  category_ar: string | null;
  category_en: string | null;
  unit: string;
  value: number | null;
  suppressed: boolean;
}

/** The published columns, in order (CSV header, JSON keys). */
export const columns = [
  'month',
  'agency',
  'agency_ar',
  'agency_en',
  'figure',
  'figure_ar',
  'figure_en',
  'category',
  'category_ar',
  'category_en',
  'unit',
  'value',
  'suppressed',
] as const satisfies readonly (keyof DatasetRow)[];

export interface BuiltDataset {
  /** The providing module's name: the dataset's id in its URLs. */
  id: string;
  rows: DatasetRow[];
  /** First and last month with a measured or suppressed value (the window when there is none). */
  from: string;
  to: string;
}

export interface OpenData {
  builtAt: string;
  months: string[];
  threshold: number;
  datasets: BuiltDataset[];
}

/** How many complete months the datasets cover, ending with the last complete month. */
export const MONTHS = 12;

/** How many scopes (the nation, agencies) of a month load at once. */
const PARALLEL = 4;

/** The unit of a figure's series points (a provider may break a share down into counts). */
const seriesUnit = (f: Figure): FigureUnit => f.seriesUnit ?? f.unit;

/** `YYYY-MM` of a date (UTC). */
const monthOf = (d: Date) => d.toISOString().slice(0, 7);
/** The first instant of a month, `n` months after `month`. */
function monthStart(month: string, n = 0): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString();
}

/** The `count` complete months before `now`'s month, oldest first. */
export function lastMonths(now: Date, count = MONTHS): string[] {
  const current = monthOf(now);
  return Array.from({ length: count }, (_, i) => monthStart(current, i - count).slice(0, 7));
}

const label = (key: string) => ({
  ar: hasMessage('ar', key) ? translate('ar', key as MessageKey) : key,
  en: hasMessage('en', key) ? translate('en', key as MessageKey) : key,
});

type Working = DatasetRow & { cell: Cell & { raw: number | null }; measured: boolean };

function row(
  month: string,
  agency: { code: string; name_ar: string; name_en: string } | undefined,
  figure: Figure,
  category: { key: string; ar: string; en: string } | undefined,
  value: number | null,
  base: number | null | undefined,
): Working {
  const cell = primaryCell(value, figure.unit, base);
  // The count that orders a group's cells: the value of a count, the base of a rate.
  const raw = COUNT_UNITS.has(figure.unit) ? value : (base ?? null);
  const name = label(figure.label);
  return {
    month,
    agency: agency?.code ?? null,
    agency_ar: agency?.name_ar ?? null,
    agency_en: agency?.name_en ?? null,
    figure: figure.id,
    figure_ar: name.ar,
    figure_en: name.en,
    category: category?.key ?? null,
    category_ar: category?.ar ?? null,
    category_en: category?.en ?? null,
    unit: figure.unit,
    value: null,
    suppressed: false,
    cell: { ...cell, raw },
    measured: value !== null,
  };
}

/** Builds every dataset for the months given (the last complete ones by default). */
export async function buildOpenData(deps: Deps, opts: { now?: Date; months?: string[] } = {}): Promise<OpenData> {
  const now = opts.now ?? new Date();
  const months = opts.months ?? lastMonths(now);
  const ctx = systemCtx('opendata');
  const agencies = (await allAgencies(deps)).filter((a) => a.status === 'active');
  const byModule = new Map<string, Working[]>();
  const scopes = [undefined, ...agencies];
  for (const month of months) {
    const from = monthStart(month);
    const to = monthStart(month, 1);
    // A few scopes at a time (PostgreSQL runs them on separate connections); rows stay in scope order.
    const loaded: Awaited<ReturnType<typeof loadPanels>>[] = [];
    for (let i = 0; i < scopes.length; i += PARALLEL)
      loaded.push(
        ...(await Promise.all(
          scopes.slice(i, i + PARALLEL).map((agency) => loadPanels(deps, { from, to, agencyId: agency?.id, open: true }, ctx)),
        )),
      );
    for (const [i, panels] of loaded.entries()) {
      const agency = scopes[i];
      for (const panel of panels) {
        const list = byModule.get(panel.module) ?? [];
        byModule.set(panel.module, list);
        for (const figure of panel.figures) {
          if (agency && figure.nationalOnly) continue;
          list.push(row(month, agency, figure, undefined, figure.value, figure.base));
          if (figure.chart === 'line') continue; // a series over time repeats the months
          for (const point of figure.series ?? []) {
            const names = point.name ?? (point.translate ? label(point.label) : { ar: point.label, en: point.label });
            const category = { key: point.label, ...names };
            list.push(row(month, agency, { ...figure, unit: seriesUnit(figure) }, category, point.value, null));
          }
        }
      }
    }
  }
  const datasets: BuiltDataset[] = [];
  for (const [id, rows] of [...byModule].sort(([a], [b]) => a.localeCompare(b))) {
    complementary(groupsOf(rows));
    const measured = [...new Set(rows.filter((r) => r.measured).map((r) => r.month))].sort();
    datasets.push({
      id,
      rows: rows.map(({ cell, measured: _, ...r }) => ({ ...r, value: cell.suppressed ? null : cell.value, suppressed: cell.suppressed })),
      from: measured[0] ?? months[0],
      to: measured[measured.length - 1] ?? months[months.length - 1],
    });
  }
  return { builtAt: now.toISOString(), months, threshold: THRESHOLD, datasets };
}

/**
 * The groups whose counts add up: a month's agencies to its national row (per figure and category),
 * and a breakdown's categories to their figure (per month and agency).
 */
function groupsOf(rows: Working[]): Group[] {
  const acrossAgencies = new Map<string, Group>();
  const acrossCategories = new Map<string, Group>();
  const get = (m: Map<string, Group>, k: string) => {
    const g = m.get(k) ?? { parts: [] };
    m.set(k, g);
    return g;
  };
  for (const r of rows) {
    if (!r.cell.additive) continue;
    const a = get(acrossAgencies, JSON.stringify([r.month, r.figure, r.category]));
    if (r.agency === null) a.total = r.cell;
    else a.parts.push(r.cell);
    const c = get(acrossCategories, JSON.stringify([r.month, r.agency, r.figure]));
    if (r.category === null) c.total = r.cell;
    else c.parts.push(r.cell);
  }
  return [...acrossAgencies.values(), ...acrossCategories.values()];
}
