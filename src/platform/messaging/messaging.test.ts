import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { TestSmtp } from '../../../test/helpers/smtp.ts';
import { renderEmail } from './email-layout.tsx';
import { type Lane, Messaging, queueEmail, takeSendAllowance } from './messaging.ts';

const makeDue = (t: TestApp) =>
  t.deps.db
    .updateTable('messages')
    .set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
    .where('status', '=', 'queued')
    .execute();
const statusOf = async (t: TestApp, key: string) =>
  await t.deps.db.selectFrom('messages').selectAll().where('message_key', '=', key).executeTakeFirstOrThrow();

describe('email delivery over real SMTP', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  const bounced: string[] = [];
  before(async () => {
    smtp = await new TestSmtp().start();
    t = await testApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Yusr <no-reply@yusr.test>' });
    t.deps.messaging.onPermanentFailure(async (_db, m) => {
      bounced.push(m.to);
    });
  });
  after(async () => {
    await t.close();
    await smtp.stop();
  });

  it('delivers an Arabic email with RTL HTML, plain text and a stable Message-ID', async () => {
    const { html, text } = renderEmail({
      lang: 'ar',
      sender: 'وزارة الصحة',
      heading: 'إطلاق خدمة جديدة',
      paragraphs: ['أطلقت الوزارة خدمة حجز المواعيد.'],
      action: { label: 'ابدأ الخدمة', url: 'https://example.gov.sa/start' },
      footer: ['لإلغاء الاشتراك اتبع الرابط.'],
    });
    await queueEmail(t.deps.db, t.deps.messaging.from, {
      key: 'k1',
      to: 'citizen@example.sa',
      locale: 'ar',
      subject: 'إطلاق خدمة جديدة',
      text,
      html,
      source: 'test',
    });
    await t.drain();
    const [mail] = smtp.to('citizen@example.sa');
    assert.equal(mail.parsed.subject, 'إطلاق خدمة جديدة');
    assert.match(String(mail.parsed.html), /dir="rtl"/);
    assert.match(String(mail.parsed.html), /lang="ar"/);
    assert.match(mail.parsed.text ?? '', /ابدأ الخدمة: https:\/\/example.gov.sa\/start/);
    const row = await statusOf(t, 'k1');
    assert.equal(row.status, 'sent');
    assert.equal(mail.parsed.messageId, row.provider_message_id);
    assert.doesNotMatch(String(mail.parsed.html), /<img[^>]+http/, 'no remote images or tracking pixels');
  });

  it('queues a key once: a rerun never duplicates', async () => {
    const a = await queueEmail(t.deps.db, t.deps.messaging.from, {
      key: 'dup',
      to: 'once@example.sa',
      locale: 'en',
      subject: 'Hi',
      text: 'x',
      source: 'test',
    });
    const b = await queueEmail(t.deps.db, t.deps.messaging.from, {
      key: 'dup',
      to: 'once@example.sa',
      locale: 'en',
      subject: 'Hi',
      text: 'x',
      source: 'test',
    });
    assert.deepEqual([a, b], [true, false]);
    await t.drain();
    assert.equal(smtp.to('once@example.sa').length, 1);
  });

  it('strips header injection from subjects and addresses', async () => {
    await queueEmail(t.deps.db, t.deps.messaging.from, {
      key: 'inj',
      to: 'victim@example.sa',
      locale: 'en',
      subject: 'Hello\r\nBcc: attacker@evil.example',
      text: 'x',
      source: 'test',
    });
    await t.drain();
    const [mail] = smtp.to('victim@example.sa');
    assert.equal(mail.parsed.subject, 'Hello Bcc: attacker@evil.example');
    assert.ok(!smtp.mails.some((m) => m.to.includes('attacker@evil.example')));
    assert.equal(mail.parsed.headers.get('bcc'), undefined);
  });

  it('retries a temporary (4xx) failure and then delivers once', async () => {
    smtp.respond = (to) => (to === 'busy@example.sa' ? 'temp' : 'ok');
    await queueEmail(t.deps.db, t.deps.messaging.from, {
      key: 'busy',
      to: 'busy@example.sa',
      locale: 'en',
      subject: 'Busy',
      text: 'x',
      source: 'test',
    });
    await t.drain();
    let row = await statusOf(t, 'busy');
    assert.equal(row.status, 'queued');
    assert.equal(row.attempts, 1);
    assert.match(row.last_error ?? '', /451/);
    smtp.respond = () => 'ok';
    await makeDue(t);
    await t.drain();
    row = await statusOf(t, 'busy');
    assert.equal(row.status, 'sent');
    assert.equal(smtp.to('busy@example.sa').length, 1);
  });

  it('marks a permanent (5xx) failure and tells the listeners', async () => {
    smtp.respond = (to) => (to === 'gone@example.sa' ? 'perm' : 'ok');
    await queueEmail(t.deps.db, t.deps.messaging.from, {
      key: 'gone',
      to: 'gone@example.sa',
      locale: 'en',
      subject: 'Gone',
      text: 'x',
      source: 'test',
    });
    await t.drain();
    const row = await statusOf(t, 'gone');
    assert.equal(row.status, 'failed');
    assert.match(row.last_error ?? '', /550/);
    assert.deepEqual(bounced, ['gone@example.sa']);
    smtp.respond = () => 'ok';
  });
});

describe('SMTP server down for a while', () => {
  it('keeps everything queued, then delivers each message exactly once', async () => {
    const smtp = await new TestSmtp().start();
    const port = smtp.port;
    await smtp.stop();
    const t = await testApp({ SMTP_URL: `smtp://127.0.0.1:${port}?pool=false` });
    try {
      for (let i = 0; i < 30; i++) {
        await queueEmail(t.deps.db, t.deps.messaging.from, {
          key: `down-${i}`,
          to: `p${i}@example.sa`,
          locale: 'en',
          subject: `n${i}`,
          text: 'x',
          source: 'test',
        });
      }
      await t.drain();
      const queued = await t.deps.db.selectFrom('messages').select(['status', 'attempts']).execute();
      assert.ok(
        queued.every((m) => m.status === 'queued' && m.attempts === 1),
        'nothing lost, nothing sent',
      );
      await smtp.start(port);
      await makeDue(t);
      await t.drain();
      assert.equal(smtp.mails.length, 30);
      assert.equal(new Set(smtp.mails.map((m) => m.parsed.messageId)).size, 30, 'no duplicates');
      const sent = await t.deps.db.selectFrom('messages').select('status').where('status', '=', 'sent').execute();
      assert.equal(sent.length, 30);
    } finally {
      await t.close();
      await smtp.stop();
    }
  });
});

describe('without SMTP configured', () => {
  it('keeps mail in the local outbox, marked sent locally', async () => {
    const t = await testApp();
    try {
      await queueEmail(t.deps.db, t.deps.messaging.from, {
        key: 'local',
        to: 'x@example.sa',
        locale: 'ar',
        subject: 'محلي',
        text: 'نص',
        source: 'test',
      });
      await t.drain();
      const row = await statusOf(t, 'local');
      assert.equal(row.status, 'sent');
      assert.equal(row.transport, 'local');
    } finally {
      await t.close();
    }
  });
});

describe('a global send-rate limit, shared by every worker process', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('grants one second’s allowance only while it stays within the limit', async () => {
    const take = (second: number, n: number) => takeSendAllowance(t.deps.db, second, n, 10);
    assert.equal(await take(1_000, 5), true);
    assert.equal(await take(1_000, 5), true);
    assert.equal(await take(1_000, 1), false, 'the second is spent');
    assert.equal(await take(1_001, 1), true, 'the next second starts afresh');
    assert.equal(await take(1_002, 11), false, 'never more than the limit at once');
    const row = await t.deps.db.selectFrom('rate_limits').selectAll().where('key', '=', 'messaging.send:1000').executeTakeFirstOrThrow();
    assert.equal(row.count, 10);
  });

  it('two workers together send no more than the limit in any second, and send everything', async () => {
    const limit = 4;
    const workers = [new Messaging({ ...t.config, mailRatePerSecond: limit }), new Messaging({ ...t.config, mailRatePerSecond: limit })];
    for (let i = 0; i < 12; i++) {
      await queueEmail(t.deps.db, t.deps.messaging.from, {
        key: `rate-${i}`,
        to: `r${i}@example.sa`,
        locale: 'en',
        subject: 'Rate',
        text: 'x',
        source: 'test',
      });
    }
    const pending = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('messages')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('message_key', 'like', 'rate-%')
            .where('status', '!=', 'sent')
            .executeTakeFirstOrThrow()
        ).n,
      );
    while ((await pending()) > 0) await Promise.all(workers.map((w) => w.dispatch(t.deps.db, 3, 2)));
    const seconds = await t.deps.db
      .selectFrom('rate_limits')
      .select(['key', 'count'])
      .where('key', 'like', 'messaging.send:%')
      .where('key', 'not in', ['messaging.send:1000', 'messaging.send:1001'])
      .execute();
    assert.ok(
      seconds.every((s) => Number(s.count) <= limit),
      JSON.stringify(seconds),
    );
    assert.ok(seconds.reduce((sum, s) => sum + Number(s.count), 0) >= 12, 'every send drew on the allowance');
    assert.ok(seconds.length >= 3, `12 sends at 4 a second span at least 3 seconds (${seconds.length})`);
    for (const w of workers) w.close();
  });
});

describe('transactional mail goes before bulk mail', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  const queue = (key: string, lane: Lane) =>
    queueEmail(t.deps.db, t.deps.messaging.from, {
      key,
      to: `${key}@example.sa`,
      locale: 'en',
      subject: key,
      text: 'x',
      source: 'test',
      lane,
    });
  const order = () => smtp.mails.map((m) => m.to[0].replace(/@example\.sa$/, ''));
  before(async () => {
    smtp = await new TestSmtp().start();
    t = await testApp({ SMTP_URL: smtp.url });
  });
  after(async () => {
    await t.close();
    await smtp.stop();
  });

  it('a reset queued while 250 bulk messages wait is claimed with the next batch, not after them', async () => {
    for (let i = 0; i < 250; i++) await queue(`bulk-${i}`, 'bulk');
    assert.equal(await t.deps.messaging.dispatch(t.deps.db, 100), 100, 'one batch of the bulk mail goes out');
    await queueEmail(t.deps.db, t.deps.messaging.from, {
      key: 'reset',
      to: 'reset@example.sa',
      locale: 'en',
      subject: 'Reset your password',
      text: 'x',
      source: 'identity',
    });
    await t.drain();
    const sent = order();
    assert.equal(sent.length, 251);
    const at = sent.indexOf('reset');
    assert.ok(at >= 100 && at < 200, `the reset went out with the second batch (position ${at} of 251)`);
  });

  it('a transactional send takes the send allowance before bulk sends that were waiting for it', async () => {
    smtp.mails.length = 0;
    /** The shared allowance handed out by the test, one send at a time; records who got each send. */
    class Allowance extends Messaging {
      readonly draws: ((n: number) => void)[] = [];
      readonly waiting: Lane[] = [];
      readonly granted: Lane[] = [];
      protected override draw(): Promise<number> {
        return new Promise((resolve) => this.draws.push(resolve));
      }
      protected override async takeToken(db: typeof t.deps.db, lane: Lane): Promise<void> {
        this.waiting.push(lane);
        await super.takeToken(db, lane);
        this.granted.push(lane);
      }
    }
    const w = new Allowance(t.config);
    const until = async (check: () => boolean) => {
      while (!check()) await new Promise((r) => setImmediate(r));
    };
    try {
      for (let i = 0; i < 3; i++) await queue(`slow-bulk-${i}`, 'bulk');
      const bulk = w.dispatch(t.deps.db, 3, 3, 'bulk');
      await until(() => w.waiting.length === 3);
      await queue('slow-reset', 'transactional');
      const reset = w.dispatch(t.deps.db, 1, 1, 'transactional');
      await until(() => w.waiting.includes('transactional'));
      let done = false;
      const all = Promise.all([bulk, reset]).then(() => {
        done = true;
      });
      while (!done) {
        await until(() => done || w.draws.length > 0);
        w.draws.shift()?.(1);
      }
      await all;
      assert.deepEqual(w.granted, ['transactional', 'bulk', 'bulk', 'bulk'], 'three bulk sends waited first; the reset got the first send');
      assert.equal(smtp.mails.length, 4);
    } finally {
      w.close();
    }
  });
});

describe('a sending batch renews its lease', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  const queue = (key: string) =>
    queueEmail(t.deps.db, t.deps.messaging.from, { key, to: `${key}@example.sa`, locale: 'en', subject: key, text: 'x', source: 'test' });
  const received = (prefix: string) => smtp.mails.filter((m) => m.to[0].startsWith(prefix)).map((m) => m.to[0]);
  before(async () => {
    smtp = await new TestSmtp().start();
    // A two-second lease, and one send a second: a batch of five outlasts its lease twice over.
    t = await testApp({ SMTP_URL: smtp.url, WORKER_LEASE_SECONDS: '2', MAIL_RATE_PER_SECOND: '1' });
  });
  after(async () => {
    await t.close();
    await smtp.stop();
  });

  it('a batch that outlasts its lease at a low send rate is not claimed and sent again by another worker', async () => {
    const [a, b] = [new Messaging(t.config), new Messaging(t.config)];
    try {
      for (let i = 0; i < 5; i++) await queue(`slow-${i}`);
      let done = false;
      const first = a.dispatch(t.deps.db, 5, 1).finally(() => {
        done = true;
      });
      let takenOver = 0;
      while (!done) {
        takenOver += await b.dispatch(t.deps.db, 5, 1);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(await first, 5);
      assert.equal(takenOver, 0, 'the second worker found nothing to claim');
      assert.deepEqual(
        received('slow-').sort(),
        ['slow-0', 'slow-1', 'slow-2', 'slow-3', 'slow-4'].map((k) => `${k}@example.sa`),
      );
    } finally {
      a.close();
      b.close();
    }
  });

  it('a worker whose renewals stall stops sending before its lease runs out, and another finishes the batch: each message once', async () => {
    // A database that never answers the renewal: the lease runs out after two seconds whatever the worker believes.
    class StalledRenewals extends Messaging {
      protected override renew(): Promise<Set<number>> {
        return new Promise(() => {});
      }
    }
    const [a, b] = [new StalledRenewals(t.config), new Messaging(t.config)];
    try {
      for (let i = 0; i < 8; i++) await queue(`stall-${i}`);
      let done = false;
      const first = a.dispatch(t.deps.db, 8, 1).finally(() => {
        done = true;
      });
      let takenOver = 0;
      while (!done || takenOver === 0) {
        takenOver += await b.dispatch(t.deps.db, 8, 1);
        await new Promise((r) => setTimeout(r, 100));
      }
      await first;
      while (received('stall-').length < 8) {
        takenOver += await b.dispatch(t.deps.db, 8, 1);
        await new Promise((r) => setTimeout(r, 100));
      }
      const got = received('stall-');
      // How many the stalled worker sent before it stopped depends on how busy the machine is (on a
      // loaded one, none: its first send came too close to the lease's end). What must hold: the
      // other worker took over what was left, and between them each message went once.
      assert.ok(takenOver > 0, `the second worker took over the rest (${takenOver})`);
      assert.deepEqual(got.sort(), [...new Set(got)].sort(), 'no message twice');
      assert.equal(got.length, 8);
    } finally {
      a.close();
      b.close();
    }
  });

  it('a worker that loses its lease stops sending the batch', async () => {
    const a = new Messaging(t.config);
    try {
      for (let i = 0; i < 10; i++) await queue(`lost-${i}`);
      const sending = a.dispatch(t.deps.db, 10, 1);
      while (received('lost-').length === 0) await new Promise((r) => setTimeout(r, 20));
      // What another worker's claim does once the lease has run out: a new attempt and lease.
      await t.deps.db
        .updateTable('messages')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), locked_until: new Date(Date.now() + 60_000).toISOString() }))
        .where('message_key', 'like', 'lost-%')
        .where('status', '=', 'sending')
        .execute();
      await sending;
      const sent = received('lost-').length;
      assert.ok(sent < 10, `it stopped (${sent} of 10 sent by the worker that lost them)`);
      const rows = await t.deps.db
        .selectFrom('messages')
        .select('status')
        .where('message_key', 'like', 'lost-%')
        .where('status', '=', 'sending')
        .execute();
      assert.ok(rows.length > 0, 'the rest stays with the worker that claimed it');
    } finally {
      a.close();
    }
  });
});
