import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { loadDemo } from '../../demo/demo.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { loadNotifyDemo } from './notify.demo.ts';
import { silentLaunchRate } from './notify.metrics.ts';

describe('notify demo data', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    // The demo loader runs every module's part, notify's included.
    await loadDemo(t.deps, systemCtx('demo'), { services: 400, volume: 0.1 });
  });
  after(() => t.close());

  it('has subscribers and announcements of every kind, sends two now, and runs again without doubling anything', async () => {
    const subscribers = await t.deps.db.selectFrom('notify_subscribers').select('id').execute();
    assert.equal(subscribers.length, 30, "a tenth of the demo's 300 at volume 0.1");
    assert.ok((await t.deps.db.selectFrom('notify_announcements').select('id').execute()).length >= 10);
    assert.deepEqual(await loadNotifyDemo(t.deps, systemCtx('demo'), { volume: 0.1 }), { subscribers: 0, announcements: 0 });
    const kinds = await t.deps.db.selectFrom('notify_announcements').select('kind').distinct().execute();
    assert.deepEqual(kinds.map((k) => k.kind).sort(), ['change', 'downtime', 'launch', 'news', 'outage', 'retirement']);
    assert.ok(
      await t.deps.db.selectFrom('notify_announcements').select('id').where('status', '=', 'pending').executeTakeFirst(),
      'one waits for approval',
    );
    await t.drain();
    const sent = await t.deps.db
      .selectFrom('messages')
      .select('id')
      .where('source', 'like', 'notify.%')
      .where('status', '=', 'sent')
      .execute();
    assert.ok(sent.length > 0, 'the outbox shows announcement emails');
    const rate = await silentLaunchRate(t.deps, {
      from: new Date(Date.now() - 120 * 86_400_000).toISOString(),
      to: new Date().toISOString(),
    });
    assert.ok(rate.launched > 0 && rate.rate !== null && rate.rate > 0 && rate.rate < 1, JSON.stringify(rate));
  });
});
