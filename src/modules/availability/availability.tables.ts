import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../../platform/db/tables.ts';

/** One probe of one online channel of a catalog service (the channel's URL, or a health URL the agency gives). */
export interface AvailabilityProbesTable {
  id: Generated<number>;
  agency_id: number;
  service_id: number;
  /** The channel type probed (web or mobile), for the status page. */
  channel: string;
  url: string;
  interval_seconds: number;
  timeout_ms: number;
  expect_status: number;
  /** Text the response body must contain (first 64 KiB), if any. */
  expect_text: string | null;
  /** Failures in a row, each from its own run, before an incident opens (N ≥ 2). */
  fail_threshold: number;
  /** Successes in a row before an open incident closes (M ≥ 1). */
  recover_threshold: number;
  paused: Flag;
  next_run_at: Timestamp;
  last_run_at: Timestamp | null;
  last_ok: Flag | null;
  fail_streak: number;
  ok_streak: number;
  /** When the current run of failures began (the incident's start once it opens). */
  streak_started_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One probe run, kept raw for RAW_DAYS days. */
export interface AvailabilityResultsTable {
  id: Generated<number>;
  probe_id: number;
  at: Timestamp;
  ok: Flag;
  /** Inside announced planned downtime (counted apart from outages). */
  planned: Flag;
  status_code: number | null;
  latency_ms: number | null;
  /** Why it failed: a short code (timeout, refused_address, status, text, redirect_refused, network…). */
  error: string | null;
}

/** Hourly and daily counts per probe, kept for years: checks up, down, down inside planned downtime, latency histogram. */
export interface AvailabilityRollupsTable {
  probe_id: number;
  /** 'hour' (start is the UTC hour, ISO) or 'day' (start is the local date, YYYY-MM-DD). */
  period: 'hour' | 'day';
  start: string;
  up: number;
  down: number;
  planned: number;
  /** Successful checks' latencies, counted in the fixed buckets of LATENCY_BUCKETS (comma-separated). */
  histogram: string;
}

export type IncidentStatus = 'open' | 'closed';

/** An outage the probes saw: opened after N failures in a row, closed after M successes. */
export interface AvailabilityIncidentsTable {
  id: Generated<number>;
  probe_id: number;
  agency_id: number;
  service_id: number;
  status: IncidentStatus;
  started_at: Timestamp;
  detected_at: Timestamp;
  ended_at: Timestamp | null;
  duration_seconds: number | null;
  last_error: string | null;
  /** The outage announcement drafted in notify for the agency to approve. */
  announcement_id: number | null;
  /** The "service restored" announcement drafted in notify when the incident closed. */
  restored_announcement_id: number | null;
  updated_at: Timestamp;
}

/** An incident's timeline. */
export interface AvailabilityIncidentEventsTable {
  id: Generated<number>;
  incident_id: number;
  at: Timestamp;
  kind: 'opened' | 'notified' | 'drafted' | 'recovered' | 'restored_drafted';
  detail: string | null;
}

/**
 * Checks summed per agency and ended local day, for the national status page (agency_id 0 = the
 * nation, and its row marks the day as computed); deleted for a day when a late result changes it.
 */
export interface AvailabilityDayTotalsTable {
  agency_id: number;
  date: string;
  up: number;
  down: number;
  planned: number;
  computed_at: Timestamp;
}

export interface AvailabilityTables {
  availability_day_totals: AvailabilityDayTotalsTable;
  availability_probes: AvailabilityProbesTable;
  availability_results: AvailabilityResultsTable;
  availability_rollups: AvailabilityRollupsTable;
  availability_incidents: AvailabilityIncidentsTable;
  availability_incident_events: AvailabilityIncidentEventsTable;
}
