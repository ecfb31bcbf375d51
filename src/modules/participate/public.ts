// Participate's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Participate reads identity, console, catalog and notify (its topics); measurement and plans may read its figures here,
// and plan fills its point for linked initiatives.

/**
 * Where plan names its initiatives for consultations and ideas: a filler's loader takes codes
 * ("plan/initiative") and returns the initiatives it knows among them with what their public pages show.
 */
export { type InitiativesProps, type LinkedInitiative, linkedInitiatives } from './initiatives.ts';
/**
 * Metric functions: consultations held (period begun), the share of comments on closed consultations
 * answered, and the median days from a consultation's last day to its comments' answers.
 */
export { commentsAnsweredShare, consultationsHeld, ideasAnsweredShare, medianDaysToAnswer } from './participate.metrics.ts';
