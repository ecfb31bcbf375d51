import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { nowIso } from '../../platform/db/time.ts';
import { approveAnnouncement, createAnnouncement } from './announcements.service.ts';
import { audienceOf } from './audience.ts';
import { ctx, seedSubscribers } from './notify.testkit.ts';

describe('announcements: who will receive it, before approval', () => {
  let t: TestApp;
  let admin: Client;
  let agencyId: number;
  let otherId: number;
  before(async () => {
    t = await testApp();
    agencyId = (await buildAgency(t.deps, { code: 'moh' })).id;
    otherId = (await buildAgency(t.deps, { code: 'other' })).id;
    await buildUser(t.deps, { email: 'admin@moh.sa', role: 'agency_admin', agencyId });
    admin = await signedIn(t.app, 'admin@moh.sa');
    const agency = { type: 'agency' as const, key: String(agencyId) };
    const ar = await seedSubscribers(t, { count: 3, prefix: 'ar-now', target: agency });
    await seedSubscribers(t, { count: 2, prefix: 'ar-sms', target: agency, phone: true });
    await seedSubscribers(t, { count: 4, prefix: 'en-daily', target: agency, locale: 'en', frequency: 'daily' });
    await seedSubscribers(t, { count: 5, prefix: 'elsewhere', target: { type: 'agency', key: String(otherId) } });
    // One of the immediate readers also takes a weekly digest of the same agency: still one person, told at once.
    await t.deps.db
      .insertInto('notify_subscriptions')
      .values({
        subscriber_id: ar[0],
        target_type: 'new_services',
        target_key: '*',
        frequency: 'weekly',
        status: 'active',
        created_at: nowIso(),
        confirmed_at: nowIso(),
      })
      .execute();
    // An unconfirmed address and an ended subscription reach nobody.
    await t.deps.db.updateTable('notify_subscribers').set({ status: 'pending' }).where('email', '=', 'ar-now-2@example.sa').execute();
    const en = await t.deps.db
      .selectFrom('notify_subscribers')
      .select('id')
      .where('email', '=', 'en-daily-3@example.sa')
      .executeTakeFirstOrThrow();
    await t.deps.db.updateTable('notify_subscriptions').set({ status: 'pending' }).where('subscriber_id', '=', en.id).execute();
  });
  after(() => t.close());

  const draft = (kind: 'news' | 'launch', service_ids: number[] = []) =>
    createAnnouncement(t.deps, ctx(), {
      agency_id: agencyId,
      kind,
      title_ar: 'تحديث من الوزارة',
      title_en: 'An update from the ministry',
      body_ar: 'نص التحديث للمستفيدين.',
      body_en: 'The text of the update for beneficiaries.',
      service_ids,
    });

  it('counts each person once per language and channel, as the fan-out will send it', async () => {
    const a = await draft('news');
    assert.deepEqual(await audienceOf(t.deps.db, a, []), [
      { locale: 'ar', immediate: 4, digest: 0, sms: 2 },
      { locale: 'en', immediate: 0, digest: 3, sms: 0 },
    ]);
    // A launch also reaches people who follow every new service.
    await buildTerms(t.deps);
    const service = await buildService(t.deps, agencyId, { identifier: 'moh-new-service' });
    const launch = await draft('launch', [service.id]);
    const weeklyOnly = await seedSubscribers(t, {
      count: 1,
      prefix: 'all-new',
      target: { type: 'new_services', key: '*' },
      frequency: 'weekly',
    });
    assert.equal(weeklyOnly.length, 1);
    assert.deepEqual((await audienceOf(t.deps.db, launch, [service.id]))[0], { locale: 'ar', immediate: 4, digest: 1, sms: 2 });
  });

  it('the announcement page shows the counts in both languages before approval, and the fan-out sends exactly that', async () => {
    const a = await draft('news');
    const en = (await admin.get(`/en/console/announcements/${a.id}`)).body;
    assert.match(en, /<h2 id="audience-h">Who will receive it<\/h2>/);
    assert.match(en, /<th scope="row">Arabic<\/th><td class="num">4<\/td><td class="num">0<\/td><td class="num">2<\/td>/);
    assert.match(en, /<th scope="row">English<\/th><td class="num">0<\/td><td class="num">3<\/td><td class="num">0<\/td>/);
    assert.match(en, /7 people will be told by email\./);
    const ar = (await admin.get(`/ar/console/announcements/${a.id}`)).body;
    assert.match(ar, /من سيصله الإعلان/);
    assert.match(ar, /<th scope="row">العربية<\/th><td class="num">٤<\/td>/);
    await approveAnnouncement(t.deps, ctx(), a.id, {});
    await t.drain();
    const emails = await t.deps.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ref_type', '=', 'notify.announcement')
      .where('ref_id', '=', String(a.id))
      .where('channel', '=', 'email')
      .executeTakeFirstOrThrow();
    const sms = await t.deps.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ref_id', '=', String(a.id))
      .where('channel', '=', 'sms')
      .executeTakeFirstOrThrow();
    const digests = await t.deps.db
      .selectFrom('notify_digest_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('announcement_id', '=', a.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([Number(emails.n), Number(digests.n), Number(sms.n)], [4, 3, 2]);
    assert.doesNotMatch(
      (await admin.get(`/en/console/announcements/${a.id}`)).body,
      /Who will receive it/,
      'once sent, the delivery report takes over',
    );
  });
});
