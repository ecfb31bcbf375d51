// Availability's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Availability reads identity, catalog (services and their channels) and notify (outage drafts, planned downtime).

/** The demo's local fake service for live probes, started by `yusr serve` when the demo's probes watch it. */
export { startDemoServiceIfUsed } from './demo-service.ts';
/**
 * Metric functions for measurement, plans and reports: uptime over any period of a service, an
 * agency or the nation (planned downtime counted apart, null when nothing was checked), and one
 * service's response-time percentiles.
 */
export { latencyBetween, uptimeBetween } from './status.service.ts';
/** The pure arithmetic behind them, and its result's shape. */
export { type Counts, type Uptime, uptimeOf } from './uptime.ts';
