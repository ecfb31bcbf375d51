// Plan's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Plan reads identity, console and catalog; reports and measurement may read its figures here.

/** Metric function: the share of an agency's initiatives (or all) rated green or amber-green today. */
export { onTrackShare } from './plan.metrics.ts';
/** Reads that take the caller's executor: a plan by code, an initiative by id or by plan and code (advisory links to initiatives). */
export { findInitiative, findInitiativeByCode, findPlanByCode } from './plan.repo.ts';
/** The five-step rating scale, best first, and one step of it. */
export { type Rating, ratings } from './plan.tables.ts';
