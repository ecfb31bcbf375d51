// Advisory's port: the only file of this module other modules may import (test/module-boundaries.test.ts).
// Advisory reads identity, console, catalog (services), feedback (the working calendar) and plan (initiatives).

/**
 * Metric functions that measurement and plans may read: requests by type and by agency, turnaround
 * against the SLAs, findings by severity, the share accepted and the share of follow-ups closed on time.
 */
export {
  findingsAcceptedShare,
  findingsBySeverity,
  followupsClosedOnTimeShare,
  requestsByAgency,
  requestsByType,
  type Share,
  slaCompliance,
} from './advisory.metrics.ts';
/** The SLA targets per request type (working hours). */
export { slaTargets } from './sla.ts';
