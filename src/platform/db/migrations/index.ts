import * as m0001 from './0001_platform.ts';
import * as m0006 from './0006_platform_job_ordering.ts';
import * as m0008 from './0008_platform_message_lanes.ts';
import * as m0011 from './0011_platform_message_recipients.ts';
import * as m0018 from './0018_platform_credentials.ts';
import * as m0060 from './0060_platform_office_tokens.ts';
import * as m0073 from './0073_platform_messages_ready_dropped.ts';

/**
 * The platform's own migrations. Modules list theirs in their manifests; the migrator runs all of
 * them in name order, so numbers are shared across the platform and every module (take the next
 * free one) and a shipped name is never changed.
 */
export const platformMigrations = {
  '0001_platform': m0001,
  '0006_platform_job_ordering': m0006,
  '0008_platform_message_lanes': m0008,
  '0011_platform_message_recipients': m0011,
  '0018_platform_credentials': m0018,
  '0060_platform_office_tokens': m0060,
  '0073_platform_messages_ready_dropped': m0073,
};

/** The tables the platform owns (its own and auth's); every other table belongs to one module's manifest. */
export const platformTables = [
  'settings',
  'audit_log',
  'audit_head',
  'jobs',
  'messages',
  'rate_limits',
  'users',
  'memberships',
  'sessions',
  'user_tokens',
  'api_tokens',
  'credential_keys',
  'credentials',
] as const;
