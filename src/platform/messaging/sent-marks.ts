import type { Kysely } from 'kysely';
import type { DB } from '../../db.ts';
import { nowIso } from '../db/time.ts';
import type { MessageRow, RenderedBody, RenderOutcome } from './messaging.ts';

interface Mark {
  m: MessageRow;
  transport: string;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Records "sent" right after each transport acceptance, committing together whatever finished
 * meanwhile (group commit). A sender waits for its own mark before taking its next message, so at
 * any instant at most one accepted-but-unrecorded message per sending lane exists: that bounds what
 * a crash can send twice (and its Message-ID lets the receiver drop the copy).
 */
export function sentMarks(db: Kysely<DB>, bodies: Map<number, RenderOutcome>, clean: (s: string) => string) {
  const pending: Mark[] = [];
  let flushing = false;
  const write = async (done: Mark[]) => {
    const now = nowIso();
    for (const transport of new Set(done.map((d) => d.transport))) {
      const ids = done.filter((d) => d.transport === transport).map((d) => d.m.id);
      await db
        .updateTable('messages')
        .set({ status: 'sent', sent_at: now, locked_until: null, transport, last_error: null })
        .where('id', 'in', ids)
        .execute();
    }
    // The local outbox is read in the console, so a body rendered at send time is kept there,
    // unless it carries a secret (the stored copy has it masked).
    for (const d of done) {
      const b = bodies.get(d.m.id) as RenderedBody | { cancel: string } | undefined;
      if (d.transport !== 'local' || !b || 'cancel' in b || b.secret) continue;
      await db
        .updateTable('messages')
        .set({
          subject: b.subject === undefined ? d.m.subject : clean(b.subject),
          text_body: b.text,
          html_body: b.html ?? null,
          headers_json: b.headers ? JSON.stringify(b.headers) : null,
        })
        .where('id', '=', d.m.id)
        .execute();
    }
  };
  const flush = async () => {
    while (pending.length) {
      const done = pending.splice(0, 500);
      try {
        await write(done);
        for (const d of done) d.resolve();
      } catch (err) {
        for (const d of [...done, ...pending.splice(0)]) d.reject(err);
      }
    }
    // Cleared in the same tick as the last check of `pending`, so no mark can slip in between.
    flushing = false;
  };
  return {
    /** Resolves once the message's "sent" is committed. */
    mark(m: MessageRow, transport: string): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        pending.push({ m, transport, resolve, reject });
        if (flushing) return;
        flushing = true;
        void flush();
      });
    },
  };
}
