// Measure's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Award reads an agency's latest published score and stage through this file (frozen into a
// nomination's evidence, and checked against a branch's minimum stage); reports will read scores
// and results here too, and whatever they need is exported here first.

/** An agency's score and stage in the latest round published to agencies. */
export { latestPublishedScore, type PublishedScore } from './latest.ts';
/** The keys and names of the default measurement stages, lowest first (a branch's minimum stage is one of them). */
export { defaultStagesFor } from './scoring/framework.schema.ts';
