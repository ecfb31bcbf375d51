import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { TestApp } from '../../../test/helpers/app.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/db/time.ts';
import { approveAnnouncement, createAnnouncement } from './announcements.service.ts';
import type { AnnouncementInput } from './notify.schema.ts';
import type { Frequency, TargetType } from './notify.tables.ts';

/** Test support (not a test file): ready-made subscribers and announcements. */
export const ctx = (ip = '127.0.0.1') => ({ ...systemCtx('test'), ip });

/** The first link of a kind in an email's text ("confirm", "manage", "unsubscribe"). */
export function linkIn(text: string, kind: 'confirm' | 'manage' | 'unsubscribe'): string {
  const m = new RegExp(`https?://[^\\s]+/subscriptions/${kind}/[A-Za-z0-9_.-]+`).exec(text);
  if (!m) throw new Error(`no ${kind} link in:\n${text}`);
  return m[0];
}

/** The path of a link (what app.inject wants). */
export const pathOf = (url: string) => new URL(url).pathname;

/** What a mail provider sends for RFC 8058 one-click unsubscribe: a bare form POST, no cookie, no token. */
export const oneClick = (app: FastifyInstance, path: string) =>
  app.inject({
    method: 'POST',
    url: path,
    payload: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

/**
 * Confirmed subscribers written straight into the tables (the public flow has its own tests):
 * `count` of them following one target, addresses `prefix-N@example.sa`.
 */
export async function seedSubscribers(
  t: TestApp,
  o: {
    count: number;
    prefix: string;
    target: { type: TargetType; key: string };
    frequency?: Frequency;
    locale?: 'ar' | 'en' | 'mixed';
    phone?: boolean;
  },
) {
  const now = nowIso();
  const ids: number[] = [];
  for (let start = 0; start < o.count; start += 500) {
    const n = Math.min(500, o.count - start);
    const rows = await t.deps.db
      .insertInto('notify_subscribers')
      .values(
        Array.from({ length: n }, (_, i) => ({
          email: `${o.prefix}-${start + i}@example.sa`,
          locale: o.locale === 'mixed' ? ((start + i) % 2 ? 'en' : 'ar') : (o.locale ?? 'ar'),
          status: 'confirmed' as const,
          token_version: 1,
          phone: o.phone ? `+9665${String(10_000_000 + start + i).slice(-8)}` : null,
          phone_verified_at: o.phone ? now : null,
          sms_enabled: o.phone ? 1 : 0,
          phone_code_hash: null,
          phone_code_expires_at: null,
          phone_code_attempts: 0,
          confirmed_at: now,
          suspended_at: null,
          suspended_reason: null,
          unsubscribed_at: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
    await t.deps.db
      .insertInto('notify_subscriptions')
      .values(
        rows.map((r) => ({
          subscriber_id: r.id,
          target_type: o.target.type,
          target_key: o.target.key,
          frequency: o.frequency ?? 'immediate',
          status: 'active' as const,
          created_at: now,
          confirmed_at: now,
        })),
      )
      .execute();
  }
  return ids;
}

/** An announcement written by the system and published at once. */
export async function publishNow(t: Pick<TestApp, 'deps'>, input: Partial<AnnouncementInput> & { agency_id: number }) {
  const a = await createAnnouncement(t.deps, ctx(), {
    kind: 'news',
    title_ar: 'إعلان تجريبي من الجهة',
    title_en: 'A test announcement from the agency',
    body_ar: 'نص الإعلان التجريبي بالعربية للمستفيدين.',
    body_en: 'The text of the test announcement for beneficiaries.',
    service_ids: [],
    ...input,
  });
  await approveAnnouncement(t.deps, ctx(), a.id, {});
  return a;
}

/** Many confirmed subscribers in two INSERT … SELECT statements (100,000 in about a second), all following one target. */
export async function seedManySubscribers(t: TestApp, o: { count: number; prefix: string; target: { type: TargetType; key: string } }) {
  const now = nowIso();
  const series =
    t.deps.dialect === 'postgres'
      ? sql`select i from generate_series(1, ${sql.lit(o.count)}) as g(i)`
      : sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${sql.lit(o.count)}) select i from n`;
  await sql`insert into notify_subscribers (email, locale, status, token_version, sms_enabled, phone_code_attempts, confirmed_at, created_at, updated_at)
    select ${o.prefix} || '-' || cast(i as text) || '@example.sa', case when i % 2 = 0 then 'ar' else 'en' end, 'confirmed', 1, 0, 0, ${now}, ${now}, ${now}
    from (${series}) as s`.execute(t.deps.db);
  await sql`insert into notify_subscriptions (subscriber_id, target_type, target_key, frequency, status, created_at, confirmed_at)
    select id, ${o.target.type}, ${o.target.key}, 'immediate', 'active', ${now}, ${now}
    from notify_subscribers where email like ${`${o.prefix}-%`}`.execute(t.deps.db);
}
