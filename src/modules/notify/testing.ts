// Notify's test port: what tests and benchmarks outside this module use to subscribe people, publish
// and fan out announcements. Only *.test.ts files, test/** and bench/** may import it
// (test/module-boundaries.test.ts); application code goes through public.ts.

/** Announcements as the console drives them. */
export { approveAnnouncement, createAnnouncement } from './announcements.service.ts';
/** The fan-out the benchmarks time. */
export { runFanout } from './fanout.ts';
/** A subscriber's link tokens. */
export { makeToken } from './links.ts';
/** The test kit: a context, links in sent mail, publishing at once, many subscribers. */
export { ctx, linkIn, pathOf, publishNow, seedManySubscribers } from './notify.testkit.ts';
/** An announcement's preview, as the delivery benchmark renders it. */
export { previewAnnouncement } from './preview.ts';
/** Subscribing and confirming as the public pages do. */
export { confirm, subscribe } from './subscriptions.service.ts';
