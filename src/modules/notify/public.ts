// Notify's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Notify reads catalog, identity and console; measure and reports read notify through this file.

/** Metric function: the share of services launched in a period without an announcement. */
export { silentLaunchRate } from './notify.metrics.ts';
/**
 * For availability: an outage announcement drafted for the agency's approval (once per source key),
 * where an announcement stands, and the published planned-downtime windows of a period.
 */
export { announcementStatus, draftOutageAnnouncement, type PlannedDowntime, plannedDowntime } from './outage-drafts.ts';
/**
 * For later modules (participate): topics people follow through notify's subscriptions — the point
 * whose fillers name their topic keys, and a notice published to a topic's followers in the caller's transaction.
 */
export { notifyTopics, publishTopicNotice, type TopicLabel } from './topics.ts';
