import { sql } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import { queueBulk } from '../../platform/messaging/bulk.ts';
import { headerSafe } from '../../platform/messaging/messaging.ts';
import { messageQueued } from '../../platform/messaging/status.ts';
import { getAgency } from '../identity/public.ts';
import { type Announcement, findAnnouncement } from './announcements.repo.ts';
import { keys, SOURCE } from './delivery.ts';
import { type Frequency, frequencies } from './notify.tables.ts';
import { announcementSms } from './render.ts';
import type { Target } from './targets.ts';

export const FANOUT_JOB = 'notify.fanout';
/**
 * Subscriptions read per transaction: bigger batches go faster, but on SQLite a batch holds the
 * single write lock (about 0.1 s per 20,000 rows here) while web requests wait; PostgreSQL locks rows only.
 */
export const FANOUT_BATCH = { sqlite: 20_000, postgres: 50_000 } as const;
/** How long one job run may work before it hands over to a fresh job. */
const RUN_BUDGET_MS = 2_000;

export type Slice = { channel: 'email'; frequency: Frequency; target: Target } | { channel: 'sms'; target: Target };

/**
 * The walk: every target's immediate email subscribers first, then daily, then weekly (so the
 * fastest frequency wins); then, per target, the few subscribers who verified a phone (texts go
 * out at once whatever the email frequency), walked from their side so email slices read each
 * subscription once.
 */
export const slicesOf = (targets: Target[]): Slice[] => [
  ...frequencies.flatMap((frequency) => targets.map((target) => ({ channel: 'email' as const, frequency, target }))),
  ...targets.map((target) => ({ channel: 'sms' as const, target })),
];

/** Starts an announcement's fan-out inside the publishing transaction: the cursor row and its first job commit with it. */
export async function startFanout(trx: Executor, announcementId: number, targets: Target[]): Promise<void> {
  const now = nowIso();
  await trx
    .insertInto('notify_fanouts')
    .values({
      announcement_id: announcementId,
      status: 'running',
      targets_json: JSON.stringify(targets),
      slice: 0,
      cursor: 0,
      emails: 0,
      digests: 0,
      sms: 0,
      runs: 0,
      started_at: now,
      updated_at: now,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('announcement_id').doNothing())
    .execute();
  await enqueue(trx, FANOUT_JOB, { announcementId }, { uniqueKey: `${FANOUT_JOB}:${announcementId}:0` });
}

interface Texts {
  subject: { ar: string; en: string };
  sms: { ar: string; en: string };
}

const txt = (v: string) => sql<string>`cast(${v} as text)`;
const byLocale = (v: { ar: string; en: string }) => sql<string>`case when p.locale = 'ar' then ${txt(v.ar)} else ${txt(v.en)} end`;
const nothing = sql<null>`null`;

/** The subscriptions of one slice between two ids whose subscriber is confirmed. */
function range(trx: Executor, target: Target, frequency: Frequency, after: number, upTo: number) {
  return trx
    .selectFrom('notify_subscriptions as s')
    .innerJoin('notify_subscribers as p', 'p.id', 's.subscriber_id')
    .where('s.target_type', '=', target.type)
    .where('s.target_key', '=', target.key)
    .where('s.status', '=', 'active')
    .where('s.frequency', '=', frequency)
    .where('s.id', '>', after)
    .where('s.id', '<=', upTo)
    .where('p.status', '=', 'confirmed');
}
type Range = ReturnType<typeof range>;

/** Announcement messages are bulk and refer to their announcement (the delivery report counts them by it). */
const announcementRef = (id: number) => ({ lane: 'bulk' as const, refType: 'notify.announcement', refId: id });

/** Digest subscribers get an item for their next digest, unless an immediate email already covers them. */
async function insertDigestItems(trx: Executor, rows: Range, announcementId: number, frequency: 'daily' | 'weekly') {
  const prefix = keys.emailPrefix(announcementId);
  const select = rows
    .where(({ not }) => not(messageQueued(sql<string>`${txt(prefix)} || cast(s.subscriber_id as text) || ${txt(':email')}`)))
    .select([
      's.subscriber_id',
      sql<number>`${sql.lit(announcementId)}`.as('announcement_id'),
      sql<string>`${txt(frequency)}`.as('frequency'),
      nothing.as('digest_key'),
      sql<string>`${txt(nowIso())}`.as('created_at'),
    ]);
  const r = await trx
    .insertInto('notify_digest_items')
    .columns(['subscriber_id', 'announcement_id', 'frequency', 'digest_key', 'created_at'])
    .expression(select as never)
    .onConflict((oc) => oc.columns(['subscriber_id', 'announcement_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/**
 * One bounded step of a fan-out, in the caller's transaction: reads the saved cursor, inserts the
 * next batch of one slice set-based, saves the cursor. Returns false when the fan-out is finished.
 */
export async function fanoutStep(
  trx: Executor,
  deps: Deps,
  a: Announcement,
  texts: Texts,
  batch: number = FANOUT_BATCH[deps.dialect],
): Promise<boolean> {
  let q = trx.selectFrom('notify_fanouts').selectAll().where('announcement_id', '=', a.id);
  if (deps.dialect === 'postgres') q = q.forUpdate();
  const f = await q.executeTakeFirst();
  if (!f || f.status === 'done') return false;
  const slices = slicesOf(JSON.parse(f.targets_json) as Target[]);
  if (f.slice >= slices.length) {
    await trx
      .updateTable('notify_fanouts')
      .set({ status: 'done', finished_at: nowIso(), updated_at: nowIso() })
      .where('announcement_id', '=', a.id)
      .execute();
    return false;
  }
  const slice = slices[f.slice];
  const done =
    slice.channel === 'email'
      ? await emailBatch(trx, a, texts, slice, f.cursor, batch)
      : await smsBatch(trx, a, texts, slice, f.cursor, batch);
  await trx
    .updateTable('notify_fanouts')
    .set((eb) =>
      done
        ? {
            cursor: done.upper,
            emails: eb('emails', '+', done.emails),
            digests: eb('digests', '+', done.digests),
            sms: eb('sms', '+', done.sms),
            updated_at: nowIso(),
          }
        : { slice: f.slice + 1, cursor: 0, updated_at: nowIso() },
    )
    .where('announcement_id', '=', a.id)
    .execute();
  return true;
}

type Batch = { upper: number; emails: number; digests: number; sms: number } | null;
const upperOf = (r: { upper: unknown } | undefined) => (r?.upper == null ? null : Number(r.upper));

/** One batch of an email slice: immediate subscribers get a queued message, digest subscribers an item. */
async function emailBatch(
  trx: Executor,
  a: Announcement,
  texts: Texts,
  s: Extract<Slice, { channel: 'email' }>,
  cursor: number,
  batch: number,
): Promise<Batch> {
  const upper = upperOf(
    await trx
      .selectFrom((eb) =>
        eb
          .selectFrom('notify_subscriptions')
          .select('id')
          .where('target_type', '=', s.target.type)
          .where('target_key', '=', s.target.key)
          .where('status', '=', 'active')
          .where('frequency', '=', s.frequency)
          .where('id', '>', cursor)
          .orderBy('id')
          .limit(batch)
          .as('b'),
      )
      .select((eb) => eb.fn.max('b.id').as('upper'))
      .executeTakeFirst(),
  );
  if (upper === null) return null;
  const rows = range(trx, s.target, s.frequency, cursor, upper);
  if (s.frequency !== 'immediate') return { upper, emails: 0, digests: await insertDigestItems(trx, rows, a.id, s.frequency), sms: 0 };
  const emails = await queueBulk(
    trx,
    rows.select([
      sql<string>`${txt(keys.emailPrefix(a.id))} || cast(p.id as text) || ${txt(':email')}`.as('key'),
      'p.email as to',
      'p.locale as locale',
      sql<string>`cast(p.id as text)`.as('recipientId'),
      byLocale(texts.subject).as('subject'),
      txt('').as('text'),
    ]),
    { channel: 'email', source: SOURCE.announcement, ...announcementRef(a.id) },
  );
  return { upper, emails, digests: 0, sms: 0 };
}

/** One batch of an SMS slice: subscribers with a verified phone who follow the target, walked by subscriber id. */
async function smsBatch(
  trx: Executor,
  a: Announcement,
  texts: Texts,
  s: Extract<Slice, { channel: 'sms' }>,
  cursor: number,
  batch: number,
): Promise<Batch> {
  const upper = upperOf(
    await trx
      .selectFrom((eb) =>
        eb
          .selectFrom('notify_subscribers')
          .select('id')
          .where('sms_enabled', '=', 1)
          .where('id', '>', cursor)
          .orderBy('id')
          .limit(batch)
          .as('b'),
      )
      .select((eb) => eb.fn.max('b.id').as('upper'))
      .executeTakeFirst(),
  );
  if (upper === null) return null;
  const rows = trx
    .selectFrom('notify_subscribers as p')
    .where('p.sms_enabled', '=', 1)
    .where('p.id', '>', cursor)
    .where('p.id', '<=', upper)
    .where('p.status', '=', 'confirmed')
    .where('p.phone_verified_at', 'is not', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('notify_subscriptions as s')
          .select(sql`1`.as('one'))
          .whereRef('s.subscriber_id', '=', 'p.id')
          .where('s.target_type', '=', s.target.type)
          .where('s.target_key', '=', s.target.key)
          .where('s.status', '=', 'active'),
      ),
    );
  const sms = await queueBulk(
    trx,
    rows.select([
      sql<string>`${txt(keys.smsPrefix(a.id))} || cast(p.id as text) || ${txt(':sms')}`.as('key'),
      sql<string>`p.phone`.as('to'),
      'p.locale as locale',
      sql<string>`cast(p.id as text)`.as('recipientId'),
      nothing.as('subject'),
      byLocale(texts.sms).as('text'),
    ]),
    { channel: 'sms', source: SOURCE.sms, ...announcementRef(a.id) },
  );
  return { upper, emails: 0, digests: 0, sms };
}

/** The subject and text message of an announcement in both languages (the same for every recipient). */
export async function fanoutTexts(deps: Deps, a: Announcement): Promise<Texts> {
  const agency = await getAgency(deps, a.agency_id);
  const base = deps.config.baseUrl;
  return {
    subject: { ar: headerSafe(a.title_ar), en: headerSafe(a.title_en) },
    sms: { ar: announcementSms(a, agency, 'ar', base), en: announcementSms(a, agency, 'en', base) },
  };
}

/**
 * The fan-out job: steps through the announcement's subscribers, each batch in its own transaction,
 * for a couple of seconds; then enqueues its continuation (with the cursor saved) so the worker can
 * send what is already queued in between. Memory stays flat: no subscriber is ever loaded here.
 */
export async function runFanout(deps: Deps, payload: { announcementId: number }, signal?: AbortSignal): Promise<void> {
  const a = await findAnnouncement(deps.db, payload.announcementId);
  if (a?.status !== 'published') return;
  const texts = await fanoutTexts(deps, a);
  const started = Date.now();
  for (;;) {
    // This worker lost the job's lease (another has it now): stop stepping; the cursor is saved.
    if (signal?.aborted) return;
    const handOver = Date.now() - started > RUN_BUDGET_MS;
    const more = await deps.db.transaction().execute(async (trx) => {
      if (!handOver) return fanoutStep(trx, deps, a, texts);
      const r = await trx
        .updateTable('notify_fanouts')
        .set((eb) => ({ runs: eb('runs', '+', 1), updated_at: nowIso() }))
        .where('announcement_id', '=', a.id)
        .where('status', '=', 'running')
        .returning('runs')
        .executeTakeFirst();
      if (r) await enqueue(trx, FANOUT_JOB, { announcementId: a.id }, { uniqueKey: `${FANOUT_JOB}:${a.id}:${r.runs}` });
      return false;
    });
    if (!more || handOver) return;
  }
}
