// Kpi's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Kpi reads identity, catalog and feedback; measurement, plans and reports may read its metrics here.

/** A ratio with its parts; which channels count as digital. */
export { digitalChannels, type Ratio } from './kpi.math.ts';
/** Metric functions: digital take-up, completion rate and cost per transaction of a service, an agency or the nation over a period. */
export { completionRate, costPerTransaction, digitalTakeUp, type Scope } from './kpi.metrics.ts';
