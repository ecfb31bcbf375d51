// Scale-out on PostgreSQL as an operator runs it: two web nodes (`yusr serve`, WORKER=off, one
// SECRET_KEY, TRUST_PROXY=1 behind a proxy that appends the client's address) and two
// `yusr worker` processes on one database, delivering to a local SMTP server.
//
// Proven here: a password reset requested during a large announcement is delivered before the
// announcement's mail is done; a worker killed with SIGKILL mid-delivery leaves its claimed messages
// to the other worker once its (short) lease runs out, and every subscriber gets exactly one
// distinct Message-ID; a forged X-Forwarded-For sent through a node changes neither the audited
// address nor the limits; parallel wrong passwords on both nodes lock at LOGIN_MAX_ATTEMPTS.
// Publications searchable on both nodes with a skewed clock: src/modules/catalog/nodes-processes.test.ts.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { publishNow, seedManySubscribers } from '../src/modules/notify/testing.ts';
import { type TestApp, testApp, testEngine } from './helpers/app.ts';
import { buildAgency, buildUser } from './helpers/factories.ts';

const root = join(import.meta.dirname, '..');
const SUBSCRIBERS = 2_000;
// Slow enough that the announcement takes tens of seconds (the rate is shared by both workers) and
// each worker holds a claimed batch most of the time, fast enough to keep the test short.
const MAIL_RATE = 50;
const LEASE_SECONDS = 3;
const MAX_ATTEMPTS = 4;
/** What the proxy in front of the nodes saw as the client's address (it appends it to X-Forwarded-For). */
const REAL_CLIENT = '203.0.113.77';

/** An SMTP server that records, in arrival order, each complete message's recipients and Message-ID. */
class Receiver {
  readonly arrivals: { to: string; id: string }[] = [];
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
          if (id && (!boundary || raw.includes(`--${boundary}--`)))
            for (const r of session.envelope.rcptTo) this.arrivals.push({ to: r.address, id });
          cb();
        });
      },
    });
    // A killed sender resets its connections; that is part of the test, not an error.
    this.server.on('error', () => {});
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }
  stop() {
    return new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
  count(match: (to: string) => boolean) {
    return this.arrivals.filter((a) => match(a.to)).length;
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 50) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** A browser over real HTTP to one node, through a proxy that appends the client's address to X-Forwarded-For. */
class Browser {
  private cookies = new Map<string, string>();
  constructor(
    private base: string,
    private forwardedFor: string,
  ) {}
  /** The same browser (cookies) talking to another node: sessions and CSRF hold on any node. */
  via(base: string) {
    const b = new Browser(base, this.forwardedFor);
    b.cookies = this.cookies;
    return b;
  }
  private async request(path: string, init: RequestInit = {}) {
    const res = await fetch(this.base + path, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-forwarded-for': this.forwardedFor,
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
    return { status: res.status, body: await res.text() };
  }
  async csrf(path = '/en/sign-in') {
    const page = await this.request(path);
    const m = /name="_csrf" value="([^"]+)"/.exec(page.body);
    assert.ok(m, `no CSRF token on ${path} (${page.status})`);
    return m[1];
  }
  async post(path: string, form: Record<string, string>, csrf: string) {
    return this.request(path, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
}

describe('scale-out: two web nodes and two workers on one PostgreSQL database', {
  skip: testEngine !== 'postgres' && 'PostgreSQL only (several processes on one shared database); run with TEST_ONLY=postgres',
  timeout: 15 * 60_000,
}, () => {
  let t: TestApp;
  let dir: string;
  let smtp: Receiver;
  const procs: ChildProcess[] = [];
  const nodes: string[] = [];
  const workers: ChildProcess[] = [];
  let agencyId: number;

  const env = (extra: Record<string, string>) => {
    const d = t.config.database;
    if (d.kind !== 'postgres') throw new Error('PostgreSQL only');
    return {
      ...process.env,
      DATABASE_URL: d.url,
      DATABASE_SCHEMA: d.schema ?? '',
      SECRET_KEY: t.config.secretKey,
      BASE_URL: t.config.baseUrl,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: t.config.mailFrom,
      MAIL_RATE_PER_SECOND: String(MAIL_RATE),
      WORKER_LEASE_SECONDS: String(LEASE_SECONDS),
      TRUST_PROXY: '1',
      LOGIN_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      WORKER: 'off',
      DEMO_DATA: 'off',
      LOG_LEVEL: 'silent',
      STORAGE_DIR: dir,
      ...extra,
    };
  };
  const start = (args: string[], extra: Record<string, string> = {}) => {
    const p = spawn(join(root, 'bin/yusr'), args, { env: env(extra), stdio: ['ignore', 'ignore', 'inherit'] });
    procs.push(p);
    return p;
  };
  const kill = async (p: ChildProcess) => {
    if (p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  };
  const browser = (node: number, forwardedFor = REAL_CLIENT) => new Browser(nodes[node], forwardedFor);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yusr-scale-'));
    smtp = await new Receiver().start();
    t = await testApp();
    agencyId = (await buildAgency(t.deps)).id;
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      start(['serve'], { HOST: '127.0.0.1', PORT: String(port) });
      nodes.push(`http://127.0.0.1:${port}`);
    }
    for (let i = 0; i < 2; i++) workers.push(start(['worker']));
    for (const base of nodes)
      await until(`${base} is ready`, async () => (await fetch(`${base}/readyz`).catch(() => null))?.status === 200, 120_000, 200);
  });
  after(async () => {
    await Promise.all(procs.map(kill));
    await t?.close();
    await smtp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`delivers a reset during a ${SUBSCRIBERS.toLocaleString('en')}-recipient announcement first, and survives a worker's SIGKILL with one Message-ID per subscriber`, async () => {
    await buildUser(t.deps, { email: 'reset.me@example.gov.sa', role: 'program_reviewer' });
    await seedManySubscribers(t, { count: SUBSCRIBERS, prefix: 'scale', target: { type: 'agency', key: String(agencyId) } });
    const isBulk = (to: string) => /^scale-\d+@example\.sa$/.test(to);
    const a = await publishNow(t, { agency_id: agencyId, title_en: 'Scale-out announcement', title_ar: 'إعلان التوسع' });
    await until('the announcement is being delivered', () => smtp.count(isBulk) >= 20, 180_000);

    // (a) A reset requested on node A while the announcement is under way.
    const user = browser(0);
    const forgot = await user.post('/en/password/forgot', { email: 'reset.me@example.gov.sa' }, await user.csrf('/en/password/forgot'));
    assert.equal(forgot.status, 303, forgot.body.slice(0, 300));
    await until('the reset arrives', () => smtp.count((to) => to === 'reset.me@example.gov.sa') === 1, 180_000);
    const resetAt = smtp.arrivals.findIndex((x) => x.to === 'reset.me@example.gov.sa');
    const bulkBefore = smtp.arrivals.slice(0, resetAt).filter((x) => isBulk(x.to)).length;
    assert.ok(bulkBefore < SUBSCRIBERS, 'the reset arrived before the announcement was done');

    // (b) One worker killed mid-delivery: what it had claimed is left `sending`, renewed by nobody.
    await kill(workers[0]);
    const messages = () =>
      t.deps.db
        .selectFrom('messages')
        .select(['id', 'status', 'attempts', 'locked_until', 'to_address', 'channel'])
        .where('source', '=', 'notify.announcement')
        .where('ref_id', '=', String(a.id))
        .execute();
    const atKill = (await messages()).filter((m) => m.status === 'sending');
    assert.ok(smtp.count(isBulk) < SUBSCRIBERS, 'killed before the announcement was done');
    // The live worker sends or renews what it claimed; what the killed one claimed stays `sending`
    // until its lease (3 s, no longer renewed) runs out and the live worker claims it again (one
    // more attempt). Without renewed leases that took 120 s: the generous deadline still catches it.
    const atKillById = new Map(atKill.map((m) => [m.id, m]));
    let resumed: typeof atKill = [];
    await until(
      'every message claimed at the kill is sent or claimed again',
      async () => {
        const now = (await messages()).filter((m) => atKillById.has(m.id));
        resumed = now.filter((m) => m.attempts > (atKillById.get(m.id)?.attempts ?? 0));
        return now.every((m) => m.status === 'sent' || m.attempts > (atKillById.get(m.id)?.attempts ?? 0));
      },
      60_000,
      200,
    );
    assert.ok(resumed.length > 0, 'the killed worker’s claimed messages were claimed again by the live worker');

    await until(
      'every subscriber has the announcement',
      async () =>
        new Set(smtp.arrivals.filter((x) => isBulk(x.to)).map((x) => x.to)).size === SUBSCRIBERS &&
        (await messages()).every((m) => m.status === 'sent'),
      600_000,
      500,
    );
    const after = new Map((await messages()).map((m) => [m.id, m]));
    assert.equal(
      after.size,
      SUBSCRIBERS,
      `one message row per subscriber: ${JSON.stringify([...after.values()].filter((m) => !isBulk(m.to_address)))}`,
    );
    const ids = new Map<string, Set<string>>();
    for (const x of smtp.arrivals.filter((y) => isBulk(y.to))) ids.set(x.to, (ids.get(x.to) ?? new Set()).add(x.id));
    assert.equal(ids.size, SUBSCRIBERS, 'every subscriber received the announcement');
    assert.deepEqual(
      [...ids].filter(([, s]) => s.size !== 1).map(([to]) => to),
      [],
      'every subscriber received exactly one distinct Message-ID',
    );
    const repeats = smtp.count(isBulk) - SUBSCRIBERS;
    console.log(
      `# scale-out: reset after ${bulkBefore} of ${SUBSCRIBERS} announcement mails; ${resumed.length} messages resumed from the killed worker; ${repeats} repeated deliveries (same Message-ID)`,
    );
  });

  it('records the address the proxy saw, not a forged X-Forwarded-For, for a failed sign-in through node B', async () => {
    await buildUser(t.deps, { email: 'forged@example.gov.sa', role: 'program_reviewer' });
    // The client writes its own header; the proxy appends the address it saw (TRUST_PROXY=1: one hop).
    const forger = browser(1, `198.18.0.1, 10.9.9.9, ${REAL_CLIENT}`);
    const res = await forger.post('/en/sign-in', { email: 'forged@example.gov.sa', password: 'not the password' }, await forger.csrf());
    assert.equal(res.status, 400);
    const rows = await t.deps.db.selectFrom('audit_log').select(['ip', 'action']).where('action', '=', 'auth.sign_in_failed').execute();
    assert.equal(rows.length, 1, 'the failure is audited');
    assert.equal(rows[0].ip, REAL_CLIENT, 'with the address the proxy saw');
  });

  it(`locks an account at LOGIN_MAX_ATTEMPTS (${MAX_ATTEMPTS}) under parallel wrong passwords spread over both nodes`, async () => {
    await buildUser(t.deps, { email: 'parallel@example.gov.sa', role: 'program_reviewer' });
    const source = '203.0.113.88';
    const onA = browser(0, source);
    const csrf = await onA.csrf();
    const onB = onA.via(nodes[1]);
    const N = 16;
    const codes = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        (i % 2 ? onB : onA)
          .post('/en/sign-in', { email: 'parallel@example.gov.sa', password: `parallel-${i}-wrong` }, csrf)
          .then((r) => r.status),
      ),
    );
    assert.equal(codes.filter((c) => c === 400).length, MAX_ATTEMPTS - 1, codes.join());
    assert.equal(codes.filter((c) => c === 423).length, N - (MAX_ATTEMPTS - 1), codes.join());
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['auth.sign_in_failed', 'auth.locked'])
      .where('ip', '=', source)
      .execute();
    assert.equal(audited.length, MAX_ATTEMPTS, 'only LOGIN_MAX_ATTEMPTS passwords were checked');
    assert.equal(audited.filter((r) => r.action === 'auth.locked').length, 1);
  });
});
