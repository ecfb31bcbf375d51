// Feedback's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Feedback reads catalog, identity and console; measure, award and reports read feedback through this file.

/** Metric functions: satisfaction (CSAT), ratings, complaints and SLA compliance for an agency or a service over a period. */
export { complaintVolume, csat, ratingCount, type Share, slaCompliance } from './feedback.metrics.ts';
/** A working calendar with the Saudi government defaults, and its type. */
export { makeCalendar, type WorkingCalendar } from './sla/calendar.ts';
/** The SLA clock on a working calendar, with pauses (advisory times its requests with it). */
export { type Pause, type SlaStatus, slaStatus } from './sla/clock.ts';
/** The program's working calendar: the hours and holidays the office keeps on the feedback settings page. */
export { loadCalendar } from './sla.service.ts';
