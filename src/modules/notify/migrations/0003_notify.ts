import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('notify_subscribers'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('phone', 'text')
    .addColumn('phone_verified_at', 'text')
    .addColumn('sms_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('phone_code_hash', 'text')
    .addColumn('phone_code_expires_at', 'text')
    .addColumn('phone_code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmed_at', 'text')
    .addColumn('suspended_at', 'text')
    .addColumn('suspended_reason', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notify_subscribers_phone').on('notify_subscribers').column('phone').execute();
  // The fan-out's text-message slices walk only subscribers who turned texts on.
  await db.schema.createIndex('notify_subscribers_sms').on('notify_subscribers').columns(['sms_enabled', 'id']).execute();

  await withId(db, db.schema.createTable('notify_subscriptions'))
    .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('notify_subscribers.id').onDelete('cascade'))
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addUniqueConstraint('notify_subscriptions_unique', ['subscriber_id', 'target_type', 'target_key'])
    .execute();
  // The fan-out walks one (target, frequency) slice at a time in id order: this index is that walk.
  await db.schema
    .createIndex('notify_subscriptions_fanout')
    .on('notify_subscriptions')
    .columns(['target_type', 'target_key', 'status', 'frequency', 'id'])
    .execute();

  await withId(db, db.schema.createTable('notify_announcements'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title_ar', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_ar', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('publish_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.unique())
    .addColumn('auto_reason', 'text')
    .addColumn('return_note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notify_announcements_agency').on('notify_announcements').columns(['agency_id', 'status']).execute();
  await db.schema.createIndex('notify_announcements_due').on('notify_announcements').columns(['status', 'publish_at']).execute();
  await db.schema.createIndex('notify_announcements_published').on('notify_announcements').columns(['status', 'published_at']).execute();

  await db.schema
    .createTable('notify_announcement_services')
    .addColumn('announcement_id', 'integer', (c) => c.notNull().references('notify_announcements.id').onDelete('cascade'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addPrimaryKeyConstraint('notify_announcement_services_pk', ['announcement_id', 'service_id'])
    .execute();
  await db.schema.createIndex('notify_announcement_services_service').on('notify_announcement_services').column('service_id').execute();

  await db.schema
    .createTable('notify_fanouts')
    .addColumn('announcement_id', 'integer', (c) => c.primaryKey().references('notify_announcements.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('targets_json', 'text', (c) => c.notNull())
    .addColumn('slice', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cursor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('emails', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('digests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('notify_digest_items'))
    .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('notify_subscribers.id').onDelete('cascade'))
    .addColumn('announcement_id', 'integer', (c) => c.notNull().references('notify_announcements.id'))
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('digest_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('notify_digest_items_unique', ['subscriber_id', 'announcement_id'])
    .execute();
  await db.schema.createIndex('notify_digest_items_pending').on('notify_digest_items').columns(['frequency', 'digest_key', 'id']).execute();
  await db.schema.createIndex('notify_digest_items_digest').on('notify_digest_items').columns(['digest_key', 'subscriber_id']).execute();
  await db.schema.createIndex('notify_digest_items_announcement').on('notify_digest_items').column('announcement_id').execute();

  await withId(db, db.schema.createTable('notify_unsubscribes'))
    .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('notify_subscribers.id').onDelete('cascade'))
    .addColumn('announcement_id', 'integer', (c) => c.references('notify_announcements.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notify_unsubscribes_announcement').on('notify_unsubscribes').column('announcement_id').execute();

  await db.schema
    .createTable('notify_agency_branding')
    .addColumn('agency_id', 'integer', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('logo_key', 'text', (c) => c.notNull())
    .addColumn('logo_mime', 'text', (c) => c.notNull())
    .addColumn('logo_sha256', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
