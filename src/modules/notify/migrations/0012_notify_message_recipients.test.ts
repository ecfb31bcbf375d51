import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../../test/helpers/app.ts';
import { queueEmail, queueSms } from '../../../platform/messaging/messaging.ts';
import { up } from './0012_notify_message_recipients.ts';

describe('0012: notify messages queued by the previous version get their subscriber', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(async () => t.close());

  it('reads the subscriber out of the keys once, for notify rows not sent yet, and leaves every other row alone', async () => {
    const db = t.deps.db;
    const from = t.deps.messaging.from;
    const base = { locale: 'ar' as const, subject: 's', text: '', to: 'a@example.sa' };
    await queueEmail(db, from, {
      ...base,
      key: 'notify:a:7:s:42:email',
      source: 'notify.announcement',
      refType: 'notify.announcement',
      refId: 7,
    });
    await queueEmail(db, from, {
      ...base,
      key: 'notify:a:7:s:1043:email',
      source: 'notify.announcement',
      refType: 'notify.announcement',
      refId: 7,
    });
    await queueSms(db, {
      ...base,
      to: '+966500000000',
      key: 'notify:a:7:s:43:sms',
      source: 'notify.sms',
      refType: 'notify.announcement',
      refId: 7,
    });
    await queueEmail(db, from, {
      ...base,
      key: 'notify:d:daily:2026-11-29:s:44',
      source: 'notify.digest',
      refType: 'notify.digest',
      refId: 'daily:2026-11-29',
    });
    await queueEmail(db, from, {
      ...base,
      key: 'notify:a:8:s:45:email',
      source: 'notify.announcement',
      refType: 'notify.announcement',
      refId: 8,
    });
    await queueEmail(db, from, { ...base, key: 'identity:reset:abcdefghijklmnop', source: 'identity', refType: 'user', refId: 3 });
    await db.updateTable('messages').set({ status: 'sent' }).where('message_key', '=', 'notify:a:8:s:45:email').execute();
    await db.updateTable('messages').set({ status: 'failed' }).where('message_key', '=', 'notify:a:7:s:1043:email').execute();

    await up(db);

    const rows = await db.selectFrom('messages').select(['message_key', 'recipient_id']).orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => [r.message_key, r.recipient_id]),
      [
        ['notify:a:7:s:42:email', '42'],
        ['notify:a:7:s:1043:email', '1043'],
        ['notify:a:7:s:43:sms', '43'],
        ['notify:d:daily:2026-11-29:s:44', '44'],
        ['notify:a:8:s:45:email', null],
        ['identity:reset:abcdefghijklmnop', null],
      ],
    );
  });
});
