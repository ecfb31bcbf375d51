// Training's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Training reads identity (and the console's layout through the platform); measurement and plans may read its figures here.

/**
 * Metric function: the share of an agency's active staff who completed at least one programme in a
 * calendar year ({ trained, staff, share }, share null when the agency has no staff).
 */
export { trainedStaffShare } from './progress.service.ts';
