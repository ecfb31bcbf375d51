import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../../platform/db/tables.ts';

export const announcementKinds = ['launch', 'change', 'downtime', 'outage', 'retirement', 'news'] as const;
export type AnnouncementKind = (typeof announcementKinds)[number];
export const announcementStatuses = ['draft', 'pending', 'scheduled', 'published'] as const;
export type AnnouncementStatus = (typeof announcementStatuses)[number];
export const frequencies = ['immediate', 'daily', 'weekly'] as const;
export type Frequency = (typeof frequencies)[number];
export const targetTypes = ['service', 'agency', 'category', 'audience', 'new_services', 'topic'] as const;
export type TargetType = (typeof targetTypes)[number];
export type SubscriberStatus = 'pending' | 'confirmed' | 'suspended' | 'unsubscribed';

/** One email address that asked for updates; its language, and optionally a verified phone for SMS. */
export interface NotifySubscribersTable {
  id: Generated<number>;
  /** Lower-cased address. */
  email: string;
  locale: 'ar' | 'en';
  status: SubscriberStatus;
  /** Bumped to revoke every link already emailed (unsubscribe from everything). */
  token_version: number;
  /** E.164, e.g. +966501234567; SMS goes out only once verified and enabled. */
  phone: string | null;
  phone_verified_at: Timestamp | null;
  sms_enabled: Flag;
  phone_code_hash: string | null;
  phone_code_expires_at: Timestamp | null;
  phone_code_attempts: number;
  confirmed_at: Timestamp | null;
  suspended_at: Timestamp | null;
  suspended_reason: string | null;
  unsubscribed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * What a subscriber follows: a service (id), an agency (id), a category or audience (code), every new
 * service ('*'), or a topic another module names through `notifyTopics` (its key, such as 'participate/consultations').
 */
export interface NotifySubscriptionsTable {
  id: Generated<number>;
  subscriber_id: number;
  target_type: TargetType;
  target_key: string;
  frequency: Frequency;
  /** Pending until the address confirms this subscription through the emailed link. */
  status: 'pending' | 'active';
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
}

export interface NotifyAnnouncementsTable {
  id: Generated<number>;
  agency_id: number;
  kind: AnnouncementKind;
  status: AnnouncementStatus;
  title_ar: string;
  title_en: string;
  body_ar: string;
  body_en: string;
  /** Downtime and outages: when it starts and (downtime) ends. */
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  /** Scheduled publication; null publishes on approval. */
  publish_at: Timestamp | null;
  published_at: Timestamp | null;
  origin: 'manual' | 'auto';
  /** Auto-drafts are keyed by the catalog publication that caused them, so a rerun drafts once. */
  source_key: string | null;
  auto_reason: string | null;
  return_note: string | null;
  created_by: string | null;
  submitted_by: string | null;
  approved_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NotifyAnnouncementServicesTable {
  announcement_id: number;
  service_id: number;
}

/** The saved cursor of one announcement's fan-out: which slice, and the last subscription id done. */
export interface NotifyFanoutsTable {
  announcement_id: number;
  status: 'running' | 'done';
  targets_json: string;
  slice: number;
  cursor: number;
  emails: number;
  digests: number;
  sms: number;
  runs: number;
  started_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

/** An announcement waiting for a subscriber's next daily or weekly digest (digest_key set once assembled). */
export interface NotifyDigestItemsTable {
  id: Generated<number>;
  subscriber_id: number;
  announcement_id: number;
  frequency: 'daily' | 'weekly';
  digest_key: string | null;
  created_at: Timestamp;
}

export interface NotifyUnsubscribesTable {
  id: Generated<number>;
  subscriber_id: number;
  /** The announcement whose email carried the link used, when known. */
  announcement_id: number | null;
  method: 'one_click' | 'link' | 'manage' | 'my_data';
  scope: 'all' | 'one';
  target_type: string | null;
  target_key: string | null;
  created_at: Timestamp;
}

export interface NotifyAgencyBrandingTable {
  agency_id: number;
  logo_key: string;
  logo_mime: string;
  logo_sha256: string;
  updated_at: Timestamp;
}

export interface NotifyTables {
  notify_subscribers: NotifySubscribersTable;
  notify_subscriptions: NotifySubscriptionsTable;
  notify_announcements: NotifyAnnouncementsTable;
  notify_announcement_services: NotifyAnnouncementServicesTable;
  notify_fanouts: NotifyFanoutsTable;
  notify_digest_items: NotifyDigestItemsTable;
  notify_unsubscribes: NotifyUnsubscribesTable;
  notify_agency_branding: NotifyAgencyBrandingTable;
}
