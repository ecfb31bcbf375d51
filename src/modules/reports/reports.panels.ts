import type { MessageKey } from '../../messages.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { type ExtensionFill, extensionPoint, fill } from '../../platform/views/extensions.ts';

/**
 * What a report covers: an instant range [from, to) (ISO), and optionally one agency and one plan
 * track. A provider that cannot narrow by a filter it is given ignores it (and says so with `scope`).
 */
export interface ReportFilter {
  from: string;
  to: string;
  agencyId?: number;
  trackId?: number;
  /**
   * Set when the figures are published as open data (reports/opendata): leave out what the public
   * may not see (an unpublished round's results, a draft plan), whatever the viewer may read.
   */
  open?: boolean;
}

/** How a figure's value reads: a count, a fraction 0..1, a score 0..100, riyals, days, hours, or a rate per 1,000. */
export type FigureUnit = 'count' | 'ratio' | 'score' | 'sar' | 'days' | 'hours' | 'per1000';

/** One point of a figure's series (a month, a stage, a channel, an agency…). */
export interface SeriesPoint {
  /** A stable key: a stage's key, an agency's code, a month `2026-05`, or a message key when `translate`. */
  label: string;
  /** True when `label` is a message key of the providing module (shown translated). */
  translate?: boolean;
  /** The point's name in each language when it is data (a stage's or an agency's name); shown instead of `label`. */
  name?: { ar: string; en: string };
  value: number;
}

/** One figure of a panel. */
export interface Figure {
  /** Stable, dotted, owned by the provider: `feedback.csat`. Open data and the scorecard's median key on it. */
  id: string;
  /** The figure's name: a message key of the providing module. */
  label: MessageKey;
  /** Null when there is nothing to measure in the period (shown as —). */
  value: number | null;
  unit: FigureUnit;
  /**
   * How many records the value rests on (responses, cases, transactions…). Open data publishes a
   * ratio, mean or rate only when this is given and at least its threshold (opendata/suppress.ts).
   */
  base?: number | null;
  /** Change against the previous comparable period or round, in the figure's unit; null when there is none. */
  trend?: number | null;
  /** Whether a rising value is good (colours the trend): true unless said otherwise. */
  higherIsBetter?: boolean;
  /** A breakdown drawn as a chart with its data table (stages, months, channels…). */
  series?: SeriesPoint[];
  /** The unit of the series' points when it differs from the value's (counts by rating under a share on track). */
  seriesUnit?: FigureUnit;
  /** How a series is drawn: bars (default) or a line over time. */
  chart?: 'bars' | 'line';
  /**
   * The figure's detail page, without the language prefix — given only when the viewer may open it
   * (the provider checks its own policy; the dashboard also drops links whose route refuses the role).
   */
  href?: string;
  /** Whether the figure is national only (it ignored the agency filter): the scorecard leaves it out. */
  nationalOnly?: boolean;
}

/** The dashboard's six questions; each panel answers one. */
export const sections = ['loop', 'transformation', 'plan', 'capability', 'catalog', 'services'] as const;
export type Section = (typeof sections)[number];

/** What one module provides: its figures for a filter, as the viewer may see them. */
export interface ReportPanel {
  section: Section;
  /** The panel's heading: a message key of the providing module. */
  title: MessageKey;
  figures: Figure[];
  /** Plan tracks the dashboard's track filter offers (the plan panel gives them, whatever the filter). */
  tracks?: { id: number; name: { ar: string; en: string } }[];
}

/** The figure providers: each module that has something to report fills this point from its manifest. */
export const reportPanels = extensionPoint<ReportFilter>('reports.panels');

/** A module's provider: loads its panel (null: nothing for this viewer, e.g. a role that may read none of it). */
export interface ReportPanelProvider {
  /** The providing module's name. */
  name: string;
  /** Lower comes first within a section. */
  order: number;
  load(deps: Deps, filter: ReportFilter, ctx: Ctx): Promise<ReportPanel | null>;
}

/** Ties a provider to the point, for a manifest's `extensions.fills`. */
export const reportPanel = (provider: ReportPanelProvider): ExtensionFill => fill(reportPanels, { ...provider, render: () => null });

/** Every installed module's panel for a filter, in order (the modules not installed are simply absent). */
export async function loadPanels(deps: Deps, filter: ReportFilter, ctx: Ctx): Promise<(ReportPanel & { module: string })[]> {
  const loaded = await deps.extensions.load(reportPanels, deps, filter, ctx);
  return loaded.flatMap(({ name, data }) => (data ? [{ ...(data as ReportPanel), module: name }] : []));
}
