// Participate's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Participate reads identity and console; measurement and plans may read its figures here.

/** Metric functions: consultations held (period begun), and the share of comments on closed consultations answered. */
export { commentsAnsweredShare, consultationsHeld } from './participate.metrics.ts';
