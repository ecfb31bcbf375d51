// Reading a change table in commit order, for in-process indexes and caches that several nodes
// keep in step with one database (the catalog's search index and page cache).
//
// The writer inserts one row per change inside the changing transaction. Ids alone are not a
// cursor on PostgreSQL: a sequence hands out ids when rows are inserted, and transactions commit
// in another order, so a reader that remembered "the highest id seen" would step over a row whose
// transaction was still open when it looked, and never see it. Clocks are worse. Instead each
// row carries its transaction id (`xid8`, `pg_current_xact_id()`), and the reader follows the
// transactional-outbox rule: a row whose transaction id is below the xmin of the reader's own
// snapshot (`pg_snapshot_xmin(pg_current_snapshot())`) belongs to a transaction that has ended,
// and no transaction that is still running, or starts later, can ever write a row below that xmin.
// So the durable cursor walks (txid, id) and only over such settled rows. Rows already visible but
// not yet settled (an older transaction is still running somewhere) are handed out at once for
// low latency and remembered, so that they are not handed out again when they settle.
// SQLite has a single writer: ids are assigned under its write lock and commit in order.

import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../db/database.ts';

export interface FeedRow {
  id: number;
}

/** Where a reader's cursor stands: rows after it (in commit order) are still to be read. */
export interface FeedPosition {
  xid: string;
  id: number;
}

interface Fetched<R> {
  row: R;
  txid: string;
  settled: boolean;
}

/** A cursor over a change table (columns `id`, and on PostgreSQL `txid xid8`), each row read once. */
export class ChangeFeedReader<R extends FeedRow> {
  private xid = '0';
  private id = 0;
  /** Rows handed out before they settled: skipped when the cursor reaches them. */
  private readonly early = new Set<number>();

  constructor(
    private readonly db: Kysely<any>,
    private readonly dialect: DialectName,
    private readonly table: string,
    private readonly columns: readonly (keyof R & string)[],
    private readonly batch = 1000,
  ) {}

  /** Moves to the end of the feed; a full load that starts after this call misses nothing that follows. */
  async seekToEnd(): Promise<void> {
    this.early.clear();
    if (this.dialect === 'postgres') {
      const r = await sql<{ txid: string; id: number }>`
        select txid::text as txid, id from ${sql.table(this.table)}
        where txid < pg_snapshot_xmin(pg_current_snapshot())
        order by txid desc, id desc limit 1`.execute(this.db);
      this.xid = r.rows[0]?.txid ?? '0';
      this.id = r.rows[0]?.id ?? 0;
    } else {
      const r = await sql<{ id: number | null }>`select max(id) as id from ${sql.table(this.table)}`.execute(this.db);
      this.id = r.rows[0]?.id ?? 0;
    }
  }

  /**
   * The cursor, to persist beside state that holds every row up to it (an index snapshot). Rows
   * handed out before they settled lie after it, so a reader restarted there reads them again.
   */
  get position(): FeedPosition {
    return { xid: this.xid, id: this.id };
  }

  /** Moves the cursor to a persisted position: the next read hands out every row after it. */
  seek(position: FeedPosition): void {
    this.early.clear();
    this.xid = position.xid;
    this.id = position.id;
  }

  /** Every row committed since the last read (or seek) that has not been handed out yet, in commit order. */
  async read(): Promise<R[]> {
    const out: R[] = [];
    let after = { xid: this.xid, id: this.id };
    let advancing = true;
    for (;;) {
      const rows = await this.fetch(after.xid, after.id);
      for (const f of rows) {
        if (f.settled && advancing) {
          this.xid = f.txid;
          this.id = f.row.id;
          if (this.early.delete(f.row.id)) continue;
          out.push(f.row);
        } else {
          // Behind a row that is not settled, the cursor waits; what is visible is applied now.
          advancing = false;
          if (this.early.has(f.row.id)) continue;
          this.early.add(f.row.id);
          out.push(f.row);
        }
      }
      if (rows.length < this.batch) return out;
      const last = rows[rows.length - 1];
      after = { xid: last.txid, id: last.row.id };
    }
  }

  /** How many rows were handed out before they settled (waiting for an older transaction to end). */
  get unsettled(): number {
    return this.early.size;
  }

  private async fetch(xid: string, id: number): Promise<Fetched<R>[]> {
    const cols = sql.join(this.columns.map((c) => sql.ref(c)));
    if (this.dialect === 'postgres') {
      const r = await sql<R & { txid_text: string; settled: boolean }>`
        select ${cols}, txid::text as txid_text, txid < pg_snapshot_xmin(pg_current_snapshot()) as settled
        from ${sql.table(this.table)}
        where (txid, id) > (${xid}::xid8, ${id})
        order by txid, id limit ${this.batch}`.execute(this.db);
      return r.rows.map(({ txid_text, settled, ...row }) => ({ row: row as unknown as R, txid: txid_text, settled }));
    }
    const r = await sql<R>`
      select ${cols} from ${sql.table(this.table)} where id > ${id} order by id limit ${this.batch}`.execute(this.db);
    return r.rows.map((row) => ({ row, txid: '0', settled: true }));
  }
}
