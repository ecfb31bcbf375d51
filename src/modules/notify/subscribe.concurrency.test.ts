import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { INBOX_LIMITS } from './subscriptions.service.ts';

// Many identical requests at once (a form posted by a script, an app retrying) make one subscriber
// and one subscription, and every caller gets the same answer: creation is idempotent on either engine.
describe('subscribing: identical requests at once', () => {
  let t: TestApp;

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    const mc = await buildAgency(t.deps, { code: 'mc', name_en: 'Ministry of Commerce' });
    await buildService(t.deps, mc.id, { identifier: 'mc-cr' });
  });
  after(() => t.close());

  it('200 identical subscriptions at once: one subscriber, one subscription, every answer 202', async () => {
    const payload = { email: 'fahad@example.sa', target_type: 'service', target_key: 'mc-cr', frequency: 'immediate', locale: 'ar' };
    // Each from its own address, so the per-address limit lets every one of them race.
    const res = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/subscriptions',
          payload,
          remoteAddress: `10.9.${i >> 8}.${i & 255}`,
        }),
      ),
    );
    const codes = [...new Set(res.map((r) => r.statusCode))];
    assert.deepEqual(codes, [202], res.find((r) => r.statusCode !== 202)?.body);
    const subscribers = await t.deps.db.selectFrom('notify_subscribers').selectAll().where('email', '=', payload.email).execute();
    assert.equal(subscribers.length, 1);
    const subscriptions = await t.deps.db
      .selectFrom('notify_subscriptions')
      .selectAll()
      .where('subscriber_id', '=', subscribers[0].id)
      .execute();
    assert.equal(subscriptions.length, 1);
    assert.equal(subscriptions[0].target_type, 'service');
    const mails = await t.deps.db.selectFrom('messages').select('id').where('to_address', '=', payload.email).execute();
    assert.ok(mails.length >= 1 && mails.length <= INBOX_LIMITS[0].limit, `${mails.length} confirmation emails`);
  });

  it('a second subscription for a known address, many times at once: one more subscription', async () => {
    const payload = { email: 'fahad@example.sa', target_type: 'agency', target_key: 'mc', frequency: 'weekly', locale: 'ar' };
    const res = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/v1/subscriptions', payload, remoteAddress: `10.10.0.${i + 1}` }),
      ),
    );
    assert.deepEqual([...new Set(res.map((r) => r.statusCode))], [202]);
    const rows = await t.deps.db
      .selectFrom('notify_subscriptions as s')
      .innerJoin('notify_subscribers as p', 'p.id', 's.subscriber_id')
      .select(['s.target_type', 's.frequency'])
      .where('p.email', '=', payload.email)
      .orderBy('s.id')
      .execute();
    assert.deepEqual(rows, [
      { target_type: 'service', frequency: 'immediate' },
      { target_type: 'agency', frequency: 'weekly' },
    ]);
  });
});
