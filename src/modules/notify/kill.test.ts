import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { type TestApp, testApp, testEngine } from '../../../test/helpers/app.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { publishNow, seedManySubscribers } from './notify.testkit.ts';

/**
 * Crash tests with a real worker process (`bin/yusr worker`) killed with SIGKILL, on the test's own
 * database (a SQLite file, or the test's PostgreSQL schema), delivering to a real SMTP server.
 * The workers hold six-second leases (renewed while they live): the restarted worker takes up the
 * killed one's jobs and messages once those run out, with nothing expired by hand. A sender starts a
 * message only while a quarter of its lease is left, so a message is never sent twice by a living
 * worker as long as one SMTP transaction and its "sent" mark take less than that quarter: 7.5 s with
 * the default 30 s lease. Two-second leases left 0.5 s, which a machine running both engines' suites
 * at once exceeded (22 repeats for 2 kills); six leave 1.5 s and keep the kill-only bound below.
 */
const FANOUT_SUBSCRIBERS = 100_000;
// Delivery runs at the SMTP client's pace (a few hundred a second on two shared cores): 20,000 gives
// each of the two kills tens of seconds of sending around it, and both engines' runs of the suite
// minutes less than 100,000 did (the same test; NOTIFY_KILL_SUBSCRIBERS=100000 runs it at that size,
// =4000 makes a quick local run).
const DELIVERY_SUBSCRIBERS = Number(process.env.NOTIFY_KILL_SUBSCRIBERS ?? 20_000);
const DISPATCH_LANES = 8;
const root = join(import.meta.dirname, '../../..');

/** An SMTP server that keeps, per recipient, the Message-IDs of the complete messages it accepted. */
class CountingSmtp {
  readonly byRecipient = new Map<string, Map<string, number>>();
  accepted = 0;
  incomplete = 0;
  private server: SMTPServer | null = null;
  port = 0;
  async start() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('latin1');
          const id = /^Message-ID: *(<[^>]+>)/im.exec(raw)?.[1];
          const boundary = /boundary="([^"]+)"/.exec(raw)?.[1];
          // A sender killed mid-DATA leaves a truncated message: a real server discards it too.
          if (!id || !boundary || !raw.includes(`--${boundary}--`)) {
            this.incomplete++;
            return cb();
          }
          for (const r of session.envelope.rcptTo) {
            const ids = this.byRecipient.get(r.address) ?? new Map<string, number>();
            ids.set(id, (ids.get(id) ?? 0) + 1);
            this.byRecipient.set(r.address, ids);
          }
          this.accepted++;
          cb();
        });
      },
    });
    // A killed sender resets its connections; that is the point of the test, not an error.
    this.server.on('error', () => {});
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }
  stop() {
    return new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
  /** Deliveries of a Message-ID beyond its first. */
  get duplicates() {
    let n = 0;
    for (const ids of this.byRecipient.values()) for (const c of ids.values()) n += c - 1;
    return n;
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 10) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe(`SIGKILL of a worker process (${testEngine})`, () => {
  let t: TestApp;
  let smtp: CountingSmtp;
  let dir: string;
  let worker: ChildProcess | null = null;
  let agencyId: number;

  const workerEnv = () => {
    const d = t.config.database;
    return {
      ...process.env,
      DATABASE_URL: d.kind === 'sqlite' ? `sqlite:${d.file}` : d.url,
      ...(d.kind === 'postgres' && d.schema ? { DATABASE_SCHEMA: d.schema } : {}),
      SECRET_KEY: t.config.secretKey,
      BASE_URL: t.config.baseUrl,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: t.config.mailFrom,
      MAIL_RATE_PER_SECOND: '100000',
      WORKER_LEASE_SECONDS: '6',
      LOG_LEVEL: 'silent',
      STORAGE_DIR: dir,
    };
  };
  const startWorker = () => {
    worker = spawn(join(root, 'bin/yusr'), ['worker'], { env: workerEnv(), stdio: 'ignore' });
    return worker;
  };
  const kill = async () => {
    const w = worker;
    worker = null;
    if (!w || w.exitCode !== null) return;
    const exited = new Promise((r) => w.once('exit', r));
    w.kill('SIGKILL');
    await exited;
  };
  const count = async (id: number, status?: 'sent') => {
    let q = t.deps.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ref_id', '=', String(id));
    if (status) q = q.where('status', '=', status);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yusr-kill-'));
    smtp = await new CountingSmtp().start();
    t = await testApp(testEngine === 'sqlite' ? { DATABASE_URL: `sqlite:${join(dir, 'kill.db')}` } : {});
    agencyId = (await buildAgency(t.deps)).id;
  });
  after(async () => {
    await kill();
    await t.close();
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`killed in the middle of a fan-out to ${FANOUT_SUBSCRIBERS.toLocaleString('en')} subscribers, restarted: exactly one message per subscriber`, async () => {
    await seedManySubscribers(t, { count: FANOUT_SUBSCRIBERS, prefix: 'fan', target: { type: 'agency', key: String(agencyId) } });
    const a = await publishNow(t, { agency_id: agencyId, title_en: 'Crash during fan-out', title_ar: 'انهيار أثناء التوزيع' });
    startWorker();
    await until('the fan-out is half-way', async () => (await count(a.id)) > 0, 60_000, 5);
    await kill();
    const partial = await count(a.id);
    const fan = await t.deps.db.selectFrom('notify_fanouts').selectAll().where('announcement_id', '=', a.id).executeTakeFirstOrThrow();
    assert.ok(partial > 0 && partial < FANOUT_SUBSCRIBERS, `killed mid-way (${partial} of ${FANOUT_SUBSCRIBERS} queued)`);
    assert.equal(fan.status, 'running');

    startWorker();
    await until(
      'the fan-out finishes',
      async () => {
        const f = await t.deps.db
          .selectFrom('notify_fanouts')
          .select('status')
          .where('announcement_id', '=', a.id)
          .executeTakeFirstOrThrow();
        return f.status === 'done';
      },
      // A bound for "not stuck", not a speed: the restarted worker loads the app, waits out the killed
      // one's lease and writes the rest; on a machine loaded ~15 deep that passed 120 s on PostgreSQL.
      300_000,
      50,
    );
    await kill();
    const perSubscriber = await t.deps.db
      .selectFrom('messages')
      .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.count<number>('to_address').distinct().as('addresses')])
      .where('ref_id', '=', String(a.id))
      .executeTakeFirstOrThrow();
    assert.equal(Number(perSubscriber.rows), FANOUT_SUBSCRIBERS, 'one queued message per subscriber');
    assert.equal(Number(perSubscriber.addresses), FANOUT_SUBSCRIBERS, 'every subscriber, none twice');
    assert.equal(smtp.duplicates, 0, 'and whatever was already delivered, once');
    // This test is about the fan-out; the delivery crash has its own test below.
    await t.deps.db.deleteFrom('messages').where('ref_id', '=', String(a.id)).where('status', '!=', 'sent').execute();
  });

  it(`killed twice in the middle of delivery to ${DELIVERY_SUBSCRIBERS.toLocaleString('en')} subscribers, restarted: each receives exactly one distinct Message-ID`, async () => {
    await t.deps.db.updateTable('notify_subscribers').set({ status: 'unsubscribed' }).where('email', 'like', 'fan-%').execute();
    await seedManySubscribers(t, { count: DELIVERY_SUBSCRIBERS, prefix: 'mail', target: { type: 'agency', key: String(agencyId) } });
    smtp.byRecipient.clear();
    smtp.accepted = 0;
    const a = await publishNow(t, { agency_id: agencyId, title_en: 'Crash during delivery', title_ar: 'انهيار أثناء الإرسال' });
    let kills = 0;
    for (const share of [1 / 3, 2 / 3]) {
      startWorker();
      await until(`${Math.round(share * 100)}% is delivered`, async () => smtp.accepted >= DELIVERY_SUBSCRIBERS * share, 600_000, 5);
      await kill();
      kills++;
      assert.ok(smtp.accepted < DELIVERY_SUBSCRIBERS, 'killed before the end');
    }
    startWorker();
    await until(
      'every message is sent',
      async () => (await count(a.id, 'sent')) === DELIVERY_SUBSCRIBERS && smtp.byRecipient.size >= DELIVERY_SUBSCRIBERS,
      600_000,
      100,
    );
    await kill();

    let missing = 0;
    let twoIds = 0;
    for (let i = 1; i <= DELIVERY_SUBSCRIBERS; i++) {
      const ids = smtp.byRecipient.get(`mail-${i}@example.sa`);
      if (!ids) missing++;
      else if (ids.size !== 1) twoIds++;
    }
    assert.equal(missing, 0, 'every subscriber received the message');
    assert.equal(twoIds, 0, 'every subscriber received exactly one distinct Message-ID');
    assert.equal(await count(a.id), DELIVERY_SUBSCRIBERS, 'one message row per subscriber');
    // The sender marks each message right after the server accepts it, so a kill can only repeat
    // a message whose acceptance had not been recorded yet: at most the lanes in flight.
    assert.ok(smtp.duplicates <= kills * DISPATCH_LANES, `${smtp.duplicates} repeated deliveries for ${kills} kills`);
    console.log(
      `# delivery crash: ${smtp.duplicates} repeated deliveries (same Message-ID) after ${kills} SIGKILLs, ${smtp.incomplete} truncated`,
    );
  });
});
