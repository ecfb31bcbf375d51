// Reports' port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Reports sits low (it reads identity and console): every module that has figures to report fills
// its `reportPanels` point with a provider written in its own folder, using its own services.

/** Helpers for providers: the previous period of the same length, a change, the months of a period. */
export { change, monthRange, monthsOf, previousPeriod } from './figures.ts';
/** The point, the filter a provider receives, and the figures it returns (open data reuses them for datasets). */
export {
  type Figure,
  type FigureUnit,
  loadPanels,
  type ReportFilter,
  type ReportPanel,
  type ReportPanelProvider,
  reportPanel,
  reportPanels,
  type Section,
  type SeriesPoint,
  sections,
} from './reports.panels.ts';
