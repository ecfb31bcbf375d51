import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB, Executor } from '../../db.ts';
import { dialectOf } from '../db/database.ts';
import type { MessagesTable } from '../db/tables.ts';
import { isoIn, nowIso } from '../db/time.ts';
import type { Lang } from '../i18n/i18n.ts';
import { backoffMs } from '../jobs/jobs.ts';
import { createTransports, DeliveryError, type EmailTransport, type SmsTransport } from './transports.ts';

export interface EmailInput {
  /** Idempotency key: one message per key, ever (e.g. `notify:announcement:12:subscriber:7:email`). */
  key: string;
  to: string;
  locale: Lang;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  source: string;
  refType?: string;
  refId?: string | number;
}

export interface SmsInput {
  key: string;
  to: string;
  locale: Lang;
  text: string;
  source: string;
  refType?: string;
  refId?: string | number;
}

export type MessageRow = MessagesTable & { id: number };
export type BounceListener = (db: Kysely<DB>, message: MessageRow) => Promise<void>;

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
      ref_type: m.refType ?? null,
      ref_id: m.refId == null ? null : String(m.refId),
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
      ref_type: m.refType ?? null,
      ref_id: m.refId == null ? null : String(m.refId),
      created_at: nowIso(),
      sent_at: null,
    })
    .onConflict((oc) => oc.column('message_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Sends queued messages through the configured transports, at most `ratePerSecond` per process. */
export class Messaging {
  readonly email: EmailTransport;
  readonly sms: SmsTransport;
  private readonly bounceListeners: BounceListener[] = [];
  private tokens: number;
  private lastRefill = Date.now();

  constructor(private readonly config: Pick<Config, 'smtpUrl' | 'smsUrl' | 'smsToken' | 'mailFrom' | 'mailRatePerSecond'>) {
    const t = createTransports(config);
    this.email = t.email;
    this.sms = t.sms;
    this.tokens = config.mailRatePerSecond;
  }

  get from(): string {
    return this.config.mailFrom;
  }

  /** Modules react to permanent failures (e.g. notify suspends the address's subscriptions). */
  onPermanentFailure(listener: BounceListener): void {
    this.bounceListeners.push(listener);
  }

  private async takeToken(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.config.mailRatePerSecond, this.tokens + ((now - this.lastRefill) / 1000) * this.config.mailRatePerSecond);
      this.lastRefill = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.config.mailRatePerSecond) * 1000)));
    }
  }

  /** Claims a batch of due messages (and ones whose sender died mid-send). */
  async claim(db: Kysely<DB>, limit: number): Promise<MessageRow[]> {
    const now = nowIso();
    let due = db
      .selectFrom('messages')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit);
    if (dialectOf(db) === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await db
      .updateTable('messages')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), locked_until: isoIn(120_000) }))
      .where('id', 'in', due)
      .returningAll()
      .execute();
    return rows as MessageRow[];
  }

  private async deliver(m: MessageRow): Promise<void> {
    await this.takeToken();
    if (m.channel === 'sms') {
      await this.sms.send({ to: m.to_address, text: m.text_body, messageId: m.provider_message_id ?? String(m.id) });
      return;
    }
    await this.email.send({
      from: this.config.mailFrom,
      to: m.to_address,
      subject: m.subject ?? '',
      text: m.text_body,
      html: m.html_body,
      messageId: m.provider_message_id ?? messageIdFor(m.message_key, this.config.mailFrom),
      headers: m.headers_json ? JSON.parse(m.headers_json) : {},
    });
  }

  /** Claims and sends one batch; returns how many messages it handled. */
  async dispatch(db: Kysely<DB>, limit = 100, concurrency = 8): Promise<number> {
    const batch = await this.claim(db, limit);
    if (batch.length === 0) return 0;
    const sent = new Map<string, number[]>();
    const failures: { m: MessageRow; err: unknown }[] = [];
    let next = 0;
    const lane = async () => {
      while (next < batch.length) {
        const m = batch[next++];
        try {
          await this.deliver(m);
          const transport = m.channel === 'sms' ? this.sms.name : this.email.name;
          if (!sent.has(transport)) sent.set(transport, []);
          sent.get(transport)?.push(m.id);
        } catch (err) {
          failures.push({ m, err });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, lane));
    const now = nowIso();
    for (const [transport, ids] of sent) {
      for (let i = 0; i < ids.length; i += 500) {
        await db
          .updateTable('messages')
          .set({ status: 'sent', sent_at: now, locked_until: null, transport, last_error: null })
          .where('id', 'in', ids.slice(i, i + 500))
          .execute();
      }
    }
    for (const { m, err } of failures) await this.recordFailure(db, m, err);
    return batch.length;
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
      .execute();
    if (permanent) for (const l of this.bounceListeners) await l(db, { ...m, status: 'failed', last_error: message });
  }

  close(): void {
    this.email.close();
  }
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
