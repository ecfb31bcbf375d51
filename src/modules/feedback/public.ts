// Feedback's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Feedback reads catalog, identity and console; measure and reports read feedback through this file.

/** Metric functions: satisfaction (CSAT) and SLA compliance for an agency or a service over a period. */
export { csat, type Share, slaCompliance } from './feedback.metrics.ts';
