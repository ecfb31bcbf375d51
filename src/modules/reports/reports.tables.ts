import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/tables.ts';

/** How often the leadership report is made: never (until the office chooses), each month, or each quarter. */
export const frequencies = ['off', 'monthly', 'quarterly'] as const;
export type Frequency = (typeof frequencies)[number];

/** The leadership report's schedule, one row (id 1); no row means off. */
export interface ReportsSettingsTable {
  id: number;
  frequency: Frequency;
  updated_by: string;
  updated_at: Timestamp;
}

/** Addresses the program office adds to the leadership report's recipients (beside everyone with the leadership role), each with a language. */
export interface ReportsRecipientsTable {
  id: Generated<number>;
  /** Lower case; unique. */
  email: string;
  name: string;
  lang: 'ar' | 'en';
  created_by: string;
  created_at: Timestamp;
}

/**
 * One generated leadership report: its period (a Gregorian month `2026-11` or quarter `2026-Q4`,
 * unique, so a period is reported once), the figures it was built from frozen as JSON (later
 * changes to live data do not change it), and how it came to be.
 */
export interface ReportsArchiveTable {
  id: Generated<number>;
  period_key: string;
  frequency: 'monthly' | 'quarterly';
  period_from: Timestamp;
  period_to: Timestamp;
  snapshot_json: string;
  trigger: 'schedule' | 'manual';
  generated_by: string;
  generated_at: Timestamp;
  /** How many people were emailed a link when it was generated. */
  recipients: number;
}

export interface ReportsTables {
  reports_settings: ReportsSettingsTable;
  reports_recipients: ReportsRecipientsTable;
  reports_archive: ReportsArchiveTable;
}
