// Reports' test port: what tests outside this module use. Only *.test.ts files, test/** and bench/**
// may import it (test/module-boundaries.test.ts); application code goes through public.ts.

/** The leadership report: a period's instants, the last closed one, making a period's report, and the daily job. */
export { generateReport, runSchedule, sharedReportPath } from './archive/archive.service.ts';
export { lastClosedPeriod, reportPeriod } from './archive/period.ts';
/** The personal-data port (the office's added recipients). */
export { reportsPersonalData } from './privacy.ts';
/** The dashboard's cache of panel figures and how long an entry lives. */
export { cachedPanels, PANEL_CACHE_TTL_MS } from './reports.cache.ts';
/** The median the scorecard compares with, and the instants of a filter's period. */
export { median, periodOf } from './reports.service.ts';
