import { createHash } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB, Executor } from '../../db.ts';
import { dialectOf } from '../db/database.ts';
import type { MessagesTable } from '../db/tables.ts';
import { isoIn, nowIso } from '../db/time.ts';
import type { Lang } from '../i18n/i18n.ts';
import { backoffMs } from '../jobs/jobs.ts';
import { sentMarks } from './sent-marks.ts';
import { createTransports, DeliveryError, type EmailTransport, type SmsTransport } from './transports.ts';

/**
 * Transactional messages (a reset, an invitation, a confirmation, a case reply, a code) are claimed
 * before bulk ones (announcements, digests) and get the send rate first, so a reset never waits
 * behind a fan-out. Messages are transactional unless queued as bulk.
 */
export type Lane = 'transactional' | 'bulk';
export const LANES: readonly Lane[] = ['transactional', 'bulk'];

export interface EmailInput {
  /** Idempotency key: one message per key, ever (e.g. `notify:announcement:12:subscriber:7:email`). */
  key: string;
  /** `transactional` unless said otherwise. */
  lane?: Lane;
  to: string;
  locale: Lang;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  source: string;
  refType?: string;
  refId?: string | number;
  /** Who it is for, as the queuing module names them; handed back to its renderer and bounce listener. */
  recipientId?: string | number;
}

export interface SmsInput {
  key: string;
  /** `transactional` unless said otherwise. */
  lane?: Lane;
  to: string;
  locale: Lang;
  text: string;
  source: string;
  refType?: string;
  refId?: string | number;
  recipientId?: string | number;
}

/**
 * What a message is about, as the module that queued it said, read from the message's columns:
 * the module never parses its own key to learn which record or recipient a message belongs to.
 */
export interface MessageRef {
  source: string;
  refType: string | null;
  refId: string | null;
  recipientId: string | null;
}

/** A claimed message as the module that queued it sees it at send time. */
export interface OutgoingMessage {
  id: number;
  /** The idempotency key it was queued with. */
  key: string;
  channel: 'email' | 'sms';
  to: string;
  locale: string;
  subject: string | null;
  text: string;
  html: string | null;
  headers: Record<string, string> | undefined;
  queuedAt: string;
  ref: MessageRef;
}

/** A message the provider refused for good (a bounce, an unknown number). */
export interface FailedMessage {
  channel: 'email' | 'sms';
  to: string;
  error: string;
  ref: MessageRef;
}

/** A row of `messages`: the platform's own (claims, marks); modules see OutgoingMessage and FailedMessage. */
export type MessageRow = Selectable<MessagesTable>;
export type BounceListener = (db: Kysely<DB>, message: FailedMessage) => Promise<void>;

const refOf = (m: MessageRow): MessageRef => ({ source: m.source, refType: m.ref_type, refId: m.ref_id, recipientId: m.recipient_id });
const outgoing = (m: MessageRow): OutgoingMessage => ({
  id: m.id,
  key: m.message_key,
  channel: m.channel,
  to: m.to_address,
  locale: m.locale,
  subject: m.subject,
  text: m.text_body,
  html: m.html_body,
  headers: m.headers_json ? (JSON.parse(m.headers_json) as Record<string, string>) : undefined,
  queuedAt: m.created_at,
  ref: refOf(m),
});

/** A body built at send time: the stored row keeps only what identifies it. */
export interface RenderedBody {
  subject?: string;
  text: string;
  html?: string | null;
  headers?: Record<string, string>;
  /**
   * The body carries a live secret (a reset or invitation link): it is sent, never written back to
   * the row, so the local outbox and the database keep the stored copy with the secret masked.
   */
  secret?: boolean;
}
/** Per message: its body, or why it must not be sent any more (e.g. the recipient unsubscribed meanwhile). */
export type RenderOutcome = RenderedBody | { cancel: string };
/**
 * Renders a batch of claimed messages of one source. Bulk senders (notify's fan-out) store one
 * template per announcement and let this fill in each recipient's own links, instead of a
 * rendered copy per row.
 */
export type BodyRenderer = (db: Kysely<DB>, messages: OutgoingMessage[]) => Promise<Map<number, RenderOutcome>>;

export const MAX_DELIVERY_ATTEMPTS = 20;

/** A Message-ID derived from the idempotency key, so a duplicate delivery is detectable downstream. */
export function messageIdFor(key: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'yusr.localhost';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}

/** Header values never carry line breaks (no header injection through names or subjects). */
export const headerSafe = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();

/** Queues an email in the caller's transaction; returns false when its key was already queued. */
export async function queueEmail(trx: Executor, from: string, m: EmailInput): Promise<boolean> {
  const r = await trx
    .insertInto('messages')
    .values({
      channel: 'email',
      message_key: m.key,
      to_address: headerSafe(m.to),
      locale: m.locale,
      subject: headerSafe(m.subject),
      text_body: m.text,
      html_body: m.html ?? null,
      headers_json: m.headers ? JSON.stringify(m.headers) : null,
      status: 'queued',
      transport: null,
      attempts: 0,
      next_attempt_at: nowIso(),
      locked_until: null,
      provider_message_id: messageIdFor(m.key, from),
      last_error: null,
      source: m.source,
      lane: m.lane ?? 'transactional',
      ref_type: m.refType ?? null,
      ref_id: m.refId == null ? null : String(m.refId),
      recipient_id: m.recipientId == null ? null : String(m.recipientId),
      created_at: nowIso(),
      sent_at: null,
    })
    .onConflict((oc) => oc.column('message_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Queues an SMS in the caller's transaction. */
export async function queueSms(trx: Executor, m: SmsInput): Promise<boolean> {
  const r = await trx
    .insertInto('messages')
    .values({
      channel: 'sms',
      message_key: m.key,
      to_address: m.to,
      locale: m.locale,
      subject: null,
      text_body: m.text,
      html_body: null,
      headers_json: null,
      status: 'queued',
      transport: null,
      attempts: 0,
      next_attempt_at: nowIso(),
      locked_until: null,
      provider_message_id: createHash('sha256').update(m.key).digest('hex').slice(0, 32),
      last_error: null,
      source: m.source,
      lane: m.lane ?? 'transactional',
      ref_type: m.refType ?? null,
      ref_id: m.refId == null ? null : String(m.refId),
      recipient_id: m.recipientId == null ? null : String(m.recipientId),
      created_at: nowIso(),
      sent_at: null,
    })
    .onConflict((oc) => oc.column('message_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

const idsOf = (db: Kysely<DB>) => db.selectFrom('messages').select('id');

/**
 * Takes `n` sends from one second's allowance, shared by every worker process through one row of
 * the database (`rate_limits`): the row only grows while it stays within `limit`, so however many
 * workers send, together they never pass the limit in that second. False when `n` no longer fits.
 */
export async function takeSendAllowance(db: Kysely<DB>, second: number, n: number, limit: number): Promise<boolean> {
  if (n > limit) return false;
  const row = await db
    .insertInto('rate_limits')
    .values({ key: `messaging.send:${second}`, window_start: new Date(second * 1000).toISOString(), count: n })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ count: sql<number>`rate_limits.count + ${n}` })
        .where('rate_limits.count', '<=', limit - n),
    )
    .returning('count')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Sends queued messages through the configured transports, at most `MAIL_RATE_PER_SECOND` a second
 * across every worker process: each process draws small chunks from the shared per-second allowance.
 */
export class Messaging {
  readonly email: EmailTransport;
  readonly sms: SmsTransport;
  private readonly bounceListeners: BounceListener[] = [];
  private readonly renderers = new Map<string, BodyRenderer>();
  /** Sends this process has drawn from the shared allowance of `second` and not used yet. */
  private allowance = 0;
  private second = 0;
  private drawing: Promise<boolean> | null = null;
  /** Transactional sends waiting for the allowance: bulk sends leave it to them. */
  private transactionalWaiting = 0;
  /** Resolves when no transactional send waits any more. */
  private transactionalServed: { promise: Promise<void>; resolve(): void } | null = null;

  constructor(
    private readonly config: Pick<Config, 'smtpUrl' | 'smsUrl' | 'smsToken' | 'mailFrom' | 'mailRatePerSecond' | 'workerLeaseSeconds'>,
  ) {
    const t = createTransports(config);
    this.email = t.email;
    this.sms = t.sms;
  }

  get from(): string {
    return this.config.mailFrom;
  }

  /** How long a claimed batch is held without renewal; a sending batch renews every third of it. */
  private get leaseMs(): number {
    return this.config.workerLeaseSeconds * 1000;
  }

  /** Modules react to permanent failures (e.g. notify suspends the address's subscriptions). */
  onPermanentFailure(listener: BounceListener): void {
    this.bounceListeners.push(listener);
  }

  /** Messages of `source` get their body from `renderer` just before they are sent. */
  renderAtSend(source: string, renderer: BodyRenderer): void {
    this.renderers.set(source, renderer);
  }

  /**
   * Waits for one send of the global allowance. The process draws a chunk at a time, one draw in
   * flight however many lanes wait, so the database sees a write per chunk, not per message.
   * While a transactional send waits, bulk sends do not take from the allowance: the rate goes to
   * resets and replies first, and bulk mail gets what they leave.
   */
  protected async takeToken(db: Kysely<DB>, lane: Lane): Promise<void> {
    const transactional = lane === 'transactional';
    if (transactional) this.transactionalWaiting++;
    try {
      for (;;) {
        const now = Date.now();
        const second = Math.floor(now / 1000);
        if (second !== this.second) {
          this.second = second;
          this.allowance = 0;
        }
        if (!transactional && this.transactionalWaiting > 0) {
          if (!this.transactionalServed) {
            let resolve!: () => void;
            const promise = new Promise<void>((r) => {
              resolve = r;
            });
            this.transactionalServed = { promise, resolve };
          }
          await this.transactionalServed.promise;
          continue;
        }
        if (this.allowance > 0) {
          this.allowance--;
          return;
        }
        this.drawing ??= this.draw(db, second)
          .then((n) => {
            if (this.second === second) this.allowance += n;
            return n > 0;
          })
          .finally(() => {
            this.drawing = null;
          });
        if (!(await this.drawing)) await new Promise((r) => setTimeout(r, (second + 1) * 1000 - now));
      }
    } finally {
      if (transactional && --this.transactionalWaiting === 0 && this.transactionalServed) {
        this.transactionalServed.resolve();
        this.transactionalServed = null;
      }
    }
  }

  /** Draws a chunk of `second`'s allowance or, near its end, a single send; how many it got (0: the second is spent). */
  protected async draw(db: Kysely<DB>, second: number): Promise<number> {
    const limit = this.config.mailRatePerSecond;
    const chunk = Math.max(1, Math.ceil(limit / 20));
    for (const n of chunk > 1 ? [chunk, 1] : [1]) {
      if (await takeSendAllowance(db, second, n, limit)) return n;
    }
    return 0;
  }

  /**
   * Claims a batch of one lane, or of both (transactional first) when no lane is given: first
   * messages whose sender died mid-send (lease run out), then due ones. Each query is an ordered
   * walk of an index that stops at the limit: one query with an OR had to sort every queued row,
   * 0.1–0.4 s per claim with a million queued.
   */
  async claim(db: Kysely<DB>, limit: number, lane?: Lane): Promise<MessageRow[]> {
    if (!lane) {
      const first = await this.claim(db, limit, 'transactional');
      return first.length >= limit ? first : [...first, ...(await this.claim(db, limit - first.length, 'bulk'))];
    }
    const now = nowIso();
    const take = async (pick: (q: ReturnType<typeof idsOf>) => ReturnType<typeof idsOf>, n: number) => {
      let ids = pick(idsOf(db)).limit(n);
      if (dialectOf(db) === 'postgres') ids = ids.forUpdate().skipLocked();
      return (await db
        .updateTable('messages')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), locked_until: isoIn(this.leaseMs) }))
        .where('id', 'in', ids)
        .returningAll()
        .execute()) as MessageRow[];
    };
    const stale = await take(
      (q) => q.where('status', '=', 'sending').where('lane', '=', lane).where('locked_until', '<', now).orderBy('locked_until'),
      limit,
    );
    if (stale.length >= limit) return stale;
    const due = await take(
      (q) => q.where('status', '=', 'queued').where('lane', '=', lane).where('next_attempt_at', '<=', now).orderBy('next_attempt_at'),
      limit - stale.length,
    );
    return [...stale, ...due];
  }

  /** Sends one message; false when the lease ran short while it waited for the send allowance (not sent). */
  private async deliver(db: Kysely<DB>, m: MessageRow, body: RenderedBody | undefined, held: () => boolean): Promise<boolean> {
    await this.takeToken(db, m.lane);
    if (!held()) return false;
    if (m.channel === 'sms') {
      await this.sms.send({ to: m.to_address, text: body?.text ?? m.text_body, messageId: m.provider_message_id ?? String(m.id) });
      return true;
    }
    await this.email.send({
      from: this.config.mailFrom,
      to: m.to_address,
      subject: headerSafe(body?.subject ?? m.subject ?? ''),
      text: body?.text ?? m.text_body,
      html: body ? (body.html ?? null) : m.html_body,
      messageId: m.provider_message_id ?? messageIdFor(m.message_key, this.config.mailFrom),
      headers: body?.headers ?? (m.headers_json ? JSON.parse(m.headers_json) : {}),
    });
    return true;
  }

  /** Bodies of the batch's messages whose source renders at send time; a renderer that throws fails its rows (retried). */
  private async renderBatch(db: Kysely<DB>, batch: MessageRow[]) {
    const bodies = new Map<number, RenderOutcome>();
    const failed: { m: MessageRow; err: unknown }[] = [];
    const bySource = new Map<string, MessageRow[]>();
    for (const m of batch) if (this.renderers.has(m.source)) bySource.set(m.source, [...(bySource.get(m.source) ?? []), m]);
    for (const [source, rows] of bySource) {
      try {
        const out = await (this.renderers.get(source) as BodyRenderer)(db, rows.map(outgoing));
        for (const m of rows) bodies.set(m.id, out.get(m.id) ?? { cancel: 'no body rendered' });
      } catch (err) {
        for (const m of rows) failed.push({ m, err });
      }
    }
    return { bodies, failed };
  }

  /**
   * Claims and sends one batch (of one lane, or transactional first then bulk); returns how many
   * messages it handled. Each message is marked sent right after its transport accepted it (see
   * sentMarks), so a worker killed mid-batch resends at most one message per sending lane: the
   * ones in flight at that instant.
   */
  async dispatch(db: Kysely<DB>, limit = 100, concurrency = 8, lane?: Lane): Promise<number> {
    // The lease as this worker knows it: from the start of its claim (or of its last renewal that
    // kept every message), never from when the answer arrived, so it never overestimates.
    let leaseFrom = Date.now();
    const claimed = await this.claim(db, limit, lane);
    if (claimed.length === 0) return 0;
    const { bodies, failed } = await this.renderBatch(db, claimed);
    const failures: { m: MessageRow; err: unknown }[] = [...failed];
    const cancelled: { m: MessageRow; reason: string }[] = [];
    const batch: MessageRow[] = [];
    const unrendered = new Set(failed.map((f) => f.m.id));
    for (const m of claimed) {
      const b = bodies.get(m.id);
      if (b && 'cancel' in b) cancelled.push({ m, reason: b.cancel });
      else if (!unrendered.has(m.id)) batch.push(m);
    }
    const marks = sentMarks(db, bodies, headerSafe);
    let next = 0;
    // If "sent" cannot be recorded, sending stops: what is left is retried once its lease runs out.
    let broken: unknown = null;
    // The batch's lease is renewed while it is being sent (a slow send rate can outlast one lease).
    // Once a renewal fails, or finds a message claimed by another worker (its lease had run out),
    // this worker sends nothing more of the batch: another worker has it, or will once it runs out.
    const held = new Map(claimed.map((m) => [m.id, m]));
    let lost = false;
    let renewing = false;
    const heartbeat = setInterval(
      () => {
        if (renewing || lost || held.size === 0) return;
        renewing = true;
        const from = Date.now();
        this.renew(db, [...held.values()])
          .then((still) => {
            for (const id of held.keys()) if (!still.has(id)) lost = true;
            if (!lost) leaseFrom = from;
          })
          .catch(() => {
            lost = true;
          })
          .finally(() => {
            renewing = false;
          });
      },
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
    heartbeat.unref();
    // A sender starts a message only while a quarter of the lease is left: when renewals stall (a
    // busy database, a starved event loop), the lease runs out and another worker, or this one's
    // next claim, may take the batch over; past that point sending would deliver a message twice.
    const leaseLeft = () => leaseFrom + this.leaseMs - Date.now() > this.leaseMs / 4;
    const sender = async () => {
      while (next < batch.length && !broken && !lost && leaseLeft()) {
        const m = batch[next++];
        const b = bodies.get(m.id) as RenderedBody | undefined;
        try {
          if (!(await this.deliver(db, m, b, leaseLeft))) break;
        } catch (err) {
          failures.push({ m, err });
          continue;
        }
        await marks.mark(m, m.channel === 'sms' ? this.sms.name : this.email.name).then(
          () => held.delete(m.id),
          (err) => {
            broken = err;
          },
        );
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, sender));
    } finally {
      clearInterval(heartbeat);
    }
    if (broken) throw broken;
    // Outcomes are recorded only for messages still held by this worker's claim (same attempt).
    for (const { m, reason } of cancelled) {
      await db
        .updateTable('messages')
        .set({ status: 'failed', locked_until: null, last_error: `cancelled: ${reason}`.slice(0, 1000) })
        .where('id', '=', m.id)
        .where('status', '=', 'sending')
        .where('attempts', '=', m.attempts)
        .execute();
    }
    for (const { m, err } of failures) await this.recordFailure(db, m, err);
    return claimed.length;
  }

  /** Extends the lease of the messages a batch still holds (a seam for tests of stalled renewals). */
  protected renew(db: Kysely<DB>, rows: MessageRow[]): Promise<Set<number>> {
    return renewMessages(db, rows, this.leaseMs);
  }

  private async recordFailure(db: Kysely<DB>, m: MessageRow, err: unknown): Promise<void> {
    const permanent = err instanceof DeliveryError && err.permanent;
    const giveUp = permanent || m.attempts >= MAX_DELIVERY_ATTEMPTS;
    const message = (err as Error)?.message ?? String(err);
    await db
      .updateTable('messages')
      .set({
        status: giveUp ? 'failed' : 'queued',
        next_attempt_at: giveUp ? m.next_attempt_at : isoIn(backoffMs(m.attempts)),
        locked_until: null,
        last_error: message.slice(0, 1000),
      })
      .where('id', '=', m.id)
      .where('status', '=', 'sending')
      .where('attempts', '=', m.attempts)
      .execute();
    if (!permanent) return;
    const failure: FailedMessage = { channel: m.channel, to: m.to_address, error: message, ref: refOf(m) };
    for (const l of this.bounceListeners) await l(db, failure);
  }

  close(): void {
    this.email.close();
  }
}

/**
 * Extends the lease of messages a worker is still sending; returns the ids it still holds. A message
 * is held while it is `sending` with the attempt that worker claimed: a worker that claimed it after
 * the lease ran out moved the attempt count on.
 */
export async function renewMessages(db: Kysely<DB>, rows: MessageRow[], leaseMs: number): Promise<Set<number>> {
  const held = new Set<number>();
  const byAttempt = new Map<number, number[]>();
  for (const m of rows) byAttempt.set(m.attempts, [...(byAttempt.get(m.attempts) ?? []), m.id]);
  for (const [attempts, ids] of byAttempt) {
    const renewed = await db
      .updateTable('messages')
      .set({ locked_until: isoIn(leaseMs) })
      .where('id', 'in', ids)
      .where('status', '=', 'sending')
      .where('attempts', '=', attempts)
      .returning('id')
      .execute();
    for (const r of renewed) held.add(r.id);
  }
  return held;
}

/** Puts a failed message back in the queue (the console's "retry"). */
export async function retryMessage(trx: Executor, id: number): Promise<boolean> {
  const r = await trx
    .updateTable('messages')
    .set({ status: 'queued', attempts: 0, next_attempt_at: nowIso(), last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
