// Feedback's test port: what tests and benchmarks outside this module use to file cases and ratings,
// act on them and read the metrics. Only *.test.ts files, test/** and bench/** may import it
// (test/module-boundaries.test.ts); application code goes through public.ts.
// The use cases below seed pages with cases, ratings, replies, templates, holidays and settings.

/** Holidays and SLA policies. */
export { addHoliday, savePolicy } from './calendar.service.ts';
/** Filing a case. */
export { submitCase } from './cases.service.ts';
/** A visitor filing through the public pages, and sample complaints and attachments. */
export { complaint, files, parseStatusUrl, Visitor } from './feedback.fixtures.ts';
/** Metrics the benchmark times, beyond those in public.ts. */
export { driverScores, medianFirstResponse } from './feedback.metrics.ts';
/** Answering and resolving a case. */
export { replyToCase, resolveCase } from './inbox.service.ts';
/** Breakdowns the benchmark times. */
export { byAgency, monthlyTrend } from './metrics.breakdown.ts';
/** Hiding a rating's comment. */
export { hideComment } from './moderation.service.ts';
/** Rating a service, and the agency's public reply. */
export { publishReply, submitRating } from './ratings.service.ts';
/** Asking to send a case to another agency. */
export { requestReroute } from './routing.service.ts';
/** An agency's CX settings. */
export { setAgencyCx } from './settings.service.ts';
/** Reply templates. */
export { saveTemplate } from './templates.service.ts';
/** The token of a case's status link. */
export { statusToken } from './tracking.ts';
