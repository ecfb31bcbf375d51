// Notify delivery: an announcement's queued emails sent by the platform dispatcher (claim, render
// each subscriber's copy at send time, SMTP through nodemailer's pool, mark sent) to a local SMTP
// server running in another process, against nodemailer alone sending the same email to the same
// server in the same run. Goal: ≥ 500 messages/s on a 2-core machine (GOV.UK's Email Alert API
// caps its sending at 350/s). SQLite and PostgreSQL. It times the first BENCH_MESSAGES (20,000) of a
// fan-out to BENCH_BACKLOG (200,000) subscribers, so the dispatcher works with a real queue behind it.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import pg from 'pg';
import pino from 'pino';
import { createDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { insertAgency } from '../src/modules/identity/testing.ts';
import { approveAnnouncement, createAnnouncement, runFanout } from '../src/modules/notify/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { nowIso } from '../src/platform/db/time.ts';
import { report, round } from './lib.ts';

const N = Number(process.env.BENCH_MESSAGES ?? 20_000);
const BACKLOG = Math.max(N, Number(process.env.BENCH_BACKLOG ?? 200_000));
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const engine = process.env.NOTIFY_BENCH_ENGINE;

if (!engine) {
  let failed = false;
  for (const e of ['sqlite', 'postgres']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      stdio: 'inherit',
      env: { ...process.env, NOTIFY_BENCH_ENGINE: e },
    });
    if (r.status !== 0) failed = true;
  }
  process.exit(failed ? 1 : 0);
}

/** A minimal SMTP server in its own process (the other core): accepts and counts, parses nothing. */
function startSmtp(): Promise<{ port: number; proc: ChildProcess; count(): Promise<number> }> {
  const code = `
    const { SMTPServer } = require('smtp-server');
    let n = 0;
    const s = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, size: 10485760,
      onData(stream, _s, cb) { stream.on('data', () => {}); stream.on('end', () => { n++; cb(); }); } });
    s.listen(0, '127.0.0.1', () => process.send({ port: s.server.address().port }));
    process.on('message', () => process.send({ count: n }));`;
  const proc = spawn(process.execPath, ['-e', code], { cwd: process.cwd(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve) => {
    proc.once('message', (m: { port: number }) =>
      resolve({
        port: m.port,
        proc,
        count: () =>
          new Promise((r) => {
            proc.once('message', (x: { count: number }) => r(x.count));
            proc.send('count');
          }),
      }),
    );
  });
}

const smtp = await startSmtp();
const dir = mkdtempSync(join(tmpdir(), 'yusr-notify-delivery-'));
const schema = `bench_delivery_${process.pid}`;
const config = loadConfig({
  ...process.env,
  DATABASE_URL: engine === 'postgres' ? PG_URL : `sqlite:${join(dir, 'bench.db')}`,
  DATABASE_SCHEMA: engine === 'postgres' ? schema : undefined,
  SECRET_KEY: 'b'.repeat(40),
  LOG_LEVEL: 'silent',
  WORKER: 'off',
  DEMO_DATA: 'off',
  SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  MAIL_FROM: 'Yusr <no-reply@yusr.bench>',
  // The limiter is an operator's brake (default 200/s per worker); the benchmark measures the engine.
  MAIL_RATE_PER_SECOND: '100000',
  BASE_URL: 'https://yusr.example.gov.sa',
});
const deps = await createDeps(config, { log: pino({ level: 'silent' }) });
const ctx = systemCtx('bench');
const agency = await insertAgency(deps.db, {
  code: 'moh',
  name_ar: 'وزارة الصحة',
  name_en: 'Ministry of Health',
  kind: 'ministry',
  parent_id: null,
  website: null,
  email: null,
  phone: null,
  address_ar: null,
  address_en: null,
  status: 'active',
});
// A backlog as large as a real fan-out leaves queued: the dispatcher must find the due ones quickly.
const now = nowIso();
const series =
  engine === 'postgres'
    ? sql`select i from generate_series(1, ${sql.lit(BACKLOG)}) as g(i)`
    : sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${sql.lit(BACKLOG)}) select i from n`;
await sql`insert into notify_subscribers (email, locale, status, token_version, sms_enabled, phone_code_attempts, confirmed_at, created_at, updated_at)
  select 'reader-' || cast(i as text) || '@example.sa', case when i % 2 = 0 then 'ar' else 'en' end, 'confirmed', 1, 0, 0, ${now}, ${now}, ${now}
  from (${series}) as s`.execute(deps.db);
await sql`insert into notify_subscriptions (subscriber_id, target_type, target_key, frequency, status, created_at, confirmed_at)
  select id, 'agency', ${String(agency.id)}, 'immediate', 'active', ${now}, ${now} from notify_subscribers`.execute(deps.db);
const body = (lang: string) =>
  lang === 'ar'
    ? 'تعلن وزارة الصحة عن توقف مجدول لخدمة حجز المواعيد لأعمال الصيانة.\n\nنعتذر عن الإزعاج، ويمكنكم خلال فترة التوقف الاتصال بمركز الاتصال 937.'
    : 'The Ministry of Health announces planned downtime of the appointment booking service for maintenance.\n\nWe apologise; during the downtime please call 937.';
const a = await createAnnouncement(deps, ctx, {
  agency_id: agency.id,
  kind: 'downtime',
  title_ar: 'توقف مجدول لخدمة حجز المواعيد',
  title_en: 'Planned downtime of appointment booking',
  body_ar: body('ar'),
  body_en: body('en'),
  service_ids: [],
  starts_at: '2026-12-04T19:00:00.000Z',
  ends_at: '2026-12-04T23:00:00.000Z',
});
await approveAnnouncement(deps, ctx, a.id, {});
for (;;) {
  const f = await deps.db.selectFrom('notify_fanouts').select('status').where('announcement_id', '=', a.id).executeTakeFirstOrThrow();
  if (f.status === 'done') break;
  await runFanout(deps, { announcementId: a.id });
}

// Timed: the dispatcher, exactly as the worker's ticker calls it, for the first N messages.
const t0 = performance.now();
let batches = 0;
let handled = 0;
while (handled < N) {
  const n = await deps.messaging.dispatch(deps.db);
  if (n === 0) break;
  handled += n;
  batches++;
}
const ours = (performance.now() - t0) / 1000;
const sent = Number(
  (
    await deps.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'sent')
      .where('ref_id', '=', String(a.id))
      .executeTakeFirstOrThrow()
  ).n,
);
const received = await smtp.count();
if (sent !== handled || received !== handled) throw new Error(`sent ${sent}, received ${received}, handled ${handled}`);

// Baseline: nodemailer alone, the same email (one copy rendered by notify) to the same server.
const sample = await deps.db
  .selectFrom('messages')
  .select('id')
  .where('ref_id', '=', String(a.id))
  .orderBy('id')
  .limit(1)
  .executeTakeFirstOrThrow();
await deps.db.updateTable('messages').set({ status: 'queued', transport: null }).where('id', '=', sample.id).execute();
const { previewAnnouncement } = await import('../src/modules/notify/testing.ts');
const email = (await previewAnnouncement(deps, ctx, a.id, 'ar')).email;
const transport = nodemailer.createTransport(`smtp://127.0.0.1:${smtp.port}?pool=true&maxConnections=5&maxMessages=1000`);
const t1 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < N) {
      const i = next++;
      await transport.sendMail({
        from: config.mailFrom,
        to: `raw-${i}@example.sa`,
        subject: email.subject,
        text: email.text,
        html: email.html ?? undefined,
        headers: email.headers,
        messageId: `<raw-${i}@yusr.bench>`,
      });
    }
  }),
);
const baseline = (performance.now() - t1) / 1000;
transport.close();

report(`notify delivery of ${handled.toLocaleString('en')} emails to a local SMTP server (${engine})`, [
  ['still queued behind them', BACKLOG - handled],
  ['email size (KB, HTML + text)', round(((email.html ?? '').length + email.text.length) / 1024, 1)],
  ['dispatcher batches', batches],
  ['dispatcher (s)', round(ours, 2)],
  ['dispatcher throughput (messages/s)', `${Math.round(handled / ours)} (goal ≥ 500; GOV.UK caps at 350)`],
  ['nodemailer alone (messages/s)', Math.round(N / baseline)],
  ['dispatcher ÷ nodemailer alone', `${round((handled / ours / (N / baseline)) * 100, 1)}%`],
]);

await deps.close();
smtp.proc.kill();
rmSync(dir, { recursive: true, force: true });
if (engine === 'postgres') {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}
