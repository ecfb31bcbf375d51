import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../../platform/db/tables.ts';
import type { ConsentChannel, PeriodUnit } from '../../platform/personal-data.ts';

/** access: the person downloaded their archive (recorded, done at once); correction and erasure wait for the office. */
export const requestKinds = ['access', 'correction', 'erasure'] as const;
export type RequestKind = (typeof requestKinds)[number];
export const requestStatuses = ['received', 'in_progress', 'completed', 'rejected'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export const breachStatuses = ['open', 'contained', 'closed'] as const;
export type BreachStatus = (typeof breachStatuses)[number];

/** An address proving itself by a one-time code (only its keyed hash is kept). */
export interface PrivacyVerificationsTable {
  id: Generated<number>;
  email: string;
  code_hash: string | null;
  expires_at: Timestamp;
  attempts: number;
  verified_at: Timestamp | null;
  created_at: Timestamp;
}

/** A data subject request, due within the legal deadline. */
export interface PrivacyRequestsTable {
  id: Generated<number>;
  kind: RequestKind;
  email: string;
  /** The phone a national provider verified with the email, when the request was made signed in with it. */
  phone: string | null;
  lang: 'ar' | 'en';
  /** Which record the person means (a tracking number, a consultation), as they wrote it. */
  record_ref: string | null;
  details: string | null;
  status: RequestStatus;
  due_at: Timestamp;
  /** What an approved erasure did: records per data kind and files removed (counts only). */
  outcome_json: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface PrivacyRequestEventsTable {
  id: Generated<number>;
  request_id: number;
  status: RequestStatus;
  note: string | null;
  actor_label: string;
  at: Timestamp;
}

/** The office's period for a data kind (the module's shipped period applies until set). */
export interface PrivacyRetentionTable {
  kind: string;
  enabled: Flag;
  n: number;
  unit: PeriodUnit;
  updated_at: Timestamp;
  updated_by: string;
}

/** One run of the retention purge: counts per kind and the cutoffs used, never contents. */
export interface PrivacyPurgeRunsTable {
  id: Generated<number>;
  trigger: 'schedule' | 'office';
  period_key: string | null;
  counts_json: string;
  cutoffs_json: string;
  files: number;
  ran_at: Timestamp;
}

export interface PrivacyBreachesTable {
  id: Generated<number>;
  title: string;
  description: string;
  /** YYYY-MM-DD. */
  discovered_on: string;
  /** JSON array of data kind keys. */
  data_kinds: string;
  affected: number;
  authority_notified_on: string | null;
  subjects_notified_on: string | null;
  measures: string | null;
  status: BreachStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One wording of a consent, exactly as shown, kept once: its version is the SHA-256 of its language and text. */
export interface PrivacyConsentWordingsTable {
  version: string;
  purpose: string;
  lang: 'ar' | 'en';
  text: string;
  first_shown_at: Timestamp;
}

/** A consent given (and perhaps withdrawn) by an address, for one record of a module. */
export interface PrivacyConsentsTable {
  id: Generated<number>;
  /** `<module>.<purpose>`, e.g. `notify.subscription`. */
  purpose: string;
  /** The register's data kind it covers. */
  kind: string;
  /** The record it is about, e.g. `notify_subscription:12`. */
  ref: string;
  /** Lower-cased, as the modules keep it. */
  email: string;
  wording_version: string;
  given_at: Timestamp;
  given_channel: ConsentChannel;
  given_form: string;
  withdrawn_at: Timestamp | null;
  withdrawn_channel: ConsentChannel | null;
}

export interface PrivacyTables {
  privacy_consent_wordings: PrivacyConsentWordingsTable;
  privacy_consents: PrivacyConsentsTable;
  privacy_verifications: PrivacyVerificationsTable;
  privacy_requests: PrivacyRequestsTable;
  privacy_request_events: PrivacyRequestEventsTable;
  privacy_retention: PrivacyRetentionTable;
  privacy_purge_runs: PrivacyPurgeRunsTable;
  privacy_breaches: PrivacyBreachesTable;
}
