// Privacy's test port: what tests outside this module use to seed requests and breaches. Only
// *.test.ts files, test/** and bench/** may import it (test/module-boundaries.test.ts).

/** A breach as the office records it. */
export { createBreach } from './office.service.ts';
/** A correction or erasure request from a verified address. */
export { fileRequest } from './requests.service.ts';
/** The retention purge and its cutoffs. */
export { runPurge } from './retention.service.ts';
export { cutoffFor } from './retention.ts';
