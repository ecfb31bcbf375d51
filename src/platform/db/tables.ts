import type { Generated } from 'kysely';

/** Times are stored as ISO-8601 UTC text on both engines (see README, Design decisions). */
export type Timestamp = string;
/** Booleans are stored as 0/1 integers on both engines. */
export type Flag = number;

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  acting_agency_id: number | null;
  action: string;
  record_type: string;
  record_id: string | null;
  agency_id: number | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  status: 'pending' | 'running' | 'done' | 'parked';
  run_at: Timestamp;
  attempts: number;
  max_attempts: number;
  locked_until: Timestamp | null;
  last_error: string | null;
  unique_key: string | null;
  /** Jobs with the same key run one at a time, in id order (events about one aggregate). */
  ordering_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MessagesTable {
  id: Generated<number>;
  channel: 'email' | 'sms';
  message_key: string;
  to_address: string;
  locale: string;
  subject: string | null;
  text_body: string;
  html_body: string | null;
  headers_json: string | null;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  transport: string | null;
  attempts: number;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  provider_message_id: string | null;
  last_error: string | null;
  source: string;
  /** Transactional messages are claimed (and draw on the send rate) before bulk ones. */
  lane: Generated<'transactional' | 'bulk'>;
  ref_type: string | null;
  ref_id: string | null;
  /** Who the message is for, as the queuing module names them (e.g. notify's subscriber id). */
  recipient_id: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

/** The public half of a key that signed credentials (never the private key). */
export interface CredentialKeysTable {
  public_key_multibase: string;
  created_at: Timestamp;
}

/** A verifiable credential as issued (src/platform/credentials). */
export interface CredentialsTable {
  id: Generated<number>;
  serial: string;
  /** The module that issued it and its own reference (e.g. award, nomination:12). */
  source: string;
  source_ref: string;
  /** The language the signed document is written in. */
  lang: string;
  recipient_name: string;
  /** The achievement in both languages: name, description, criteria. */
  achievement_json: string;
  /** The signed JSON-LD document, byte for byte as issued. */
  document: string;
  status_list: number;
  status_index: number;
  issued_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
}

export interface PlatformTables {
  settings: SettingsTable;
  credential_keys: CredentialKeysTable;
  credentials: CredentialsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  jobs: JobsTable;
  messages: MessagesTable;
  rate_limits: RateLimitsTable;
}
