// Notify fan-out: one announcement to 1,000,000 matching subscriptions, against the same
// database's raw INSERT … SELECT of as many message rows (same columns, same indexes) measured in
// the same run. Goal: the fan-out at ≥ 75% of the raw rate. SQLite (a WAL file) and PostgreSQL,
// each in its own process so each peak RSS is its own. BENCH_SUBSCRIBERS changes the size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { createDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createInTransaction, publishInTransaction } from '../src/modules/catalog/testing.ts';
import { insertAgency } from '../src/modules/identity/testing.ts';
import { approveAnnouncement, createAnnouncement, runFanout } from '../src/modules/notify/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { withId } from '../src/platform/db/migration-helpers.ts';
import { nowIso } from '../src/platform/db/time.ts';
import { report, round } from './lib.ts';

const N = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const engine = process.env.NOTIFY_BENCH_ENGINE;

if (!engine) {
  // The parent runs each engine in a child process, one after the other.
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

const dir = mkdtempSync(join(tmpdir(), 'yusr-notify-bench-'));
const schema = `bench_notify_${process.pid}`;
const config = loadConfig({
  ...process.env,
  DATABASE_URL: engine === 'postgres' ? PG_URL : `sqlite:${join(dir, 'bench.db')}`,
  DATABASE_SCHEMA: engine === 'postgres' ? schema : undefined,
  SECRET_KEY: 'b'.repeat(40),
  LOG_LEVEL: 'silent',
  WORKER: 'off',
  DEMO_DATA: 'off',
});
const deps = await createDeps(config, { log: pino({ level: 'silent' }) });
const db = deps.db as Kysely<any>;
const ctx = systemCtx('bench');
const seconds = (t0: number) => (performance.now() - t0) / 1000;

// One agency with one live service (category health, audience citizens) to announce.
const agency = await insertAgency(deps.db, {
  code: 'bench',
  name_ar: 'جهة القياس',
  name_en: 'Benchmark agency',
  kind: 'ministry',
  parent_id: null,
  website: null,
  email: null,
  phone: null,
  address_ar: null,
  address_en: null,
  status: 'active',
});
const data = {
  name: { ar: 'خدمة القياس', en: 'Benchmark service' },
  description: {
    ar: 'خدمة لقياس سرعة توزيع الإعلانات على المشتركين.',
    en: 'A service to measure how fast announcements reach subscribers.',
  },
  audiences: ['citizens' as const],
  categories: ['health'],
  life_events: [],
  business_events: [],
  channels: [{ type: 'web' as const, url: 'https://example.gov.sa/bench', availability: '24/7' as const }],
  requirements: [],
  documents: [],
  outputs: [],
  fees: [],
  legal_basis: [],
  keywords: { ar: [], en: [] },
  maturity: 'transactional' as const,
  status: 'live' as const,
};
const service = await deps.db.transaction().execute(async (trx) => {
  const row = await createInTransaction(trx, ctx, { identifier: 'bench-service', agency_id: agency.id, data });
  return publishInTransaction(trx, deps, ctx, row, data, undefined, { emitEvent: false });
});

// N confirmed subscribers, each with one matching subscription, spread over every kind of target.
const t0 = performance.now();
const now = nowIso();
const series =
  engine === 'postgres'
    ? sql`select i from generate_series(1, ${sql.lit(N)}) as g(i)`
    : sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${sql.lit(N)}) select i from n`;
await sql`insert into notify_subscribers (email, locale, status, token_version, sms_enabled, phone_code_attempts, confirmed_at, created_at, updated_at)
  select 'bench-' || cast(i as text) || '@example.sa', case when i % 2 = 0 then 'ar' else 'en' end, 'confirmed', 1, 0, 0, ${now}, ${now}, ${now}
  from (${series}) as s`.execute(db);
await sql`insert into notify_subscriptions (subscriber_id, target_type, target_key, frequency, status, created_at, confirmed_at)
  select id,
    case id % 10 when 0 then 'service' when 1 then 'new_services' when 2 then 'audience' when 3 then 'audience' when 4 then 'category' when 5 then 'category' else 'agency' end,
    case id % 10 when 0 then ${String(service.id)} when 1 then '*' when 2 then 'citizens' when 3 then 'citizens' when 4 then 'health' when 5 then 'health' else ${String(agency.id)} end,
    'immediate', 'active', ${now}, ${now}
  from notify_subscribers`.execute(db);
if (engine === 'postgres') await sql`analyze`.execute(db);
const seedSeconds = seconds(t0);

// The baseline: a table shaped and indexed like `messages` (every column, lane and recipient_id
// included, and its indexes after 0073: unique key, ref, to, lane_ready), filled by one raw INSERT … SELECT.
await withId(db, db.schema.createTable('bench_raw_messages'))
  .addColumn('channel', 'text', (c) => c.notNull())
  .addColumn('message_key', 'text', (c) => c.notNull().unique())
  .addColumn('to_address', 'text', (c) => c.notNull())
  .addColumn('locale', 'text', (c) => c.notNull())
  .addColumn('subject', 'text')
  .addColumn('text_body', 'text', (c) => c.notNull())
  .addColumn('html_body', 'text')
  .addColumn('headers_json', 'text')
  .addColumn('status', 'text', (c) => c.notNull())
  .addColumn('transport', 'text')
  .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
  .addColumn('next_attempt_at', 'text', (c) => c.notNull())
  .addColumn('locked_until', 'text')
  .addColumn('provider_message_id', 'text')
  .addColumn('last_error', 'text')
  .addColumn('source', 'text', (c) => c.notNull())
  .addColumn('ref_type', 'text')
  .addColumn('ref_id', 'text')
  .addColumn('created_at', 'text', (c) => c.notNull())
  .addColumn('sent_at', 'text')
  .addColumn('lane', 'text', (c) => c.notNull().defaultTo('transactional'))
  .addColumn('recipient_id', 'text')
  .execute();
await db.schema.createIndex('bench_raw_lane_ready').on('bench_raw_messages').columns(['status', 'lane', 'next_attempt_at']).execute();
await db.schema.createIndex('bench_raw_ref').on('bench_raw_messages').columns(['ref_type', 'ref_id']).execute();
await db.schema.createIndex('bench_raw_to').on('bench_raw_messages').column('to_address').execute();
const t1 = performance.now();
const raw =
  await sql`insert into bench_raw_messages (channel, message_key, to_address, locale, subject, text_body, html_body, headers_json, status,
    transport, attempts, next_attempt_at, locked_until, provider_message_id, last_error, source, ref_type, ref_id, created_at, sent_at,
    lane, recipient_id)
  select 'email', 'notify:a:0:s:' || cast(p.id as text) || ':email', p.email, p.locale,
    case when p.locale = 'ar' then 'عنوان الإعلان' else 'The title' end, '', null, null, 'queued', null, 0, ${now}, null, null, null,
    'notify.announcement', 'notify.announcement', '0', ${now}, null, 'bulk', cast(p.id as text)
  from notify_subscriptions s join notify_subscribers p on p.id = s.subscriber_id
  where s.status = 'active' and p.status = 'confirmed'`.execute(db);
const rawSeconds = seconds(t1);
const rawRows = Number(raw.numAffectedRows ?? 0);
await db.schema.dropTable('bench_raw_messages').execute();
if (engine === 'sqlite') await sql`vacuum`.execute(db);

// The fan-out itself: publish (announcement + cursor + first job in one transaction), then run the
// job and its continuations until the cursor reaches the end — exactly what the worker does.
const announcement = await createAnnouncement(deps, ctx, {
  agency_id: agency.id,
  kind: 'launch',
  title_ar: 'خدمة جديدة: خدمة القياس',
  title_en: 'New service: Benchmark service',
  body_ar: 'أصبحت خدمة القياس متاحة إلكترونياً على مدار الساعة.',
  body_en: 'The benchmark service is now available online around the clock.',
  service_ids: [service.id],
});
const t2 = performance.now();
await approveAnnouncement(deps, ctx, announcement.id, {});
let runs = 0;
for (;;) {
  const f = await deps.db
    .selectFrom('notify_fanouts')
    .select('status')
    .where('announcement_id', '=', announcement.id)
    .executeTakeFirstOrThrow();
  if (f.status === 'done') break;
  await runFanout(deps, { announcementId: announcement.id });
  runs++;
}
const fanSeconds = seconds(t2);
const fanRows = Number(
  (
    await deps.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ref_id', '=', String(announcement.id))
      .executeTakeFirstOrThrow()
  ).n,
);
if (fanRows !== N) throw new Error(`fan-out wrote ${fanRows} messages for ${N} subscribers`);

const rawRate = rawRows / rawSeconds;
const fanRate = fanRows / fanSeconds;
report(`notify fan-out to ${N.toLocaleString('en')} subscriptions (${engine})`, [
  ['subscribers and subscriptions seeded (s)', round(seedSeconds, 1)],
  ['raw INSERT … SELECT (rows)', rawRows],
  ['raw INSERT … SELECT (s)', round(rawSeconds, 2)],
  ['raw rate (rows/s)', Math.round(rawRate)],
  ['fan-out messages', fanRows],
  ['fan-out (s)', round(fanSeconds, 2)],
  ['fan-out job runs', runs],
  ['fan-out rate (messages/s)', Math.round(fanRate)],
  ['fan-out ÷ raw', `${round((fanRate / rawRate) * 100, 1)}% (goal ≥ 75%)`],
]);

await deps.close();
rmSync(dir, { recursive: true, force: true });
if (engine === 'postgres') {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}
