import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { slot } from '../../platform/app-state.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { isStopWord, normalizeWord } from '../../platform/search/analyzer.ts';
import { ChangeFeedReader } from '../../platform/search/feed.ts';
import { type FieldSpec, IndexChanged, type SearchDoc, SearchIndex, type SearchResult } from '../../platform/search/index.ts';
import { engineFingerprint, loadSnapshot, snapshotOf } from '../../platform/search/snapshot.ts';
import { editDistance } from '../../platform/search/vocabulary.ts';
import { agencyNames } from '../identity/public.ts';
import * as repo from './catalog.repo.ts';
import type { LifecycleStatus, Maturity, ServiceData } from './catalog.schema.ts';

/** What a result list shows without another database round trip. */
export interface ServiceCard {
  identifier: string;
  agencyId: number;
  agencyCode: string;
  name_ar: string;
  name_en: string;
  summary_ar: string;
  summary_en: string;
  status: LifecycleStatus;
  maturity: Maturity;
  publishedAt: string;
  firstPublishedAt: string;
  free: boolean;
  online: boolean;
}

type IndexedRow = Awaited<ReturnType<typeof repo.publishedBatch>>[number];

interface ChangeRow {
  id: number;
  service_id: number;
  identifier: string;
}

export interface ServiceDoc extends SearchDoc {
  name_ar: string;
  name_en: string;
  keywords: string[];
  agency: string[];
  description: string[];
}

// Each language's name is a title of its own (an exact title ranks first); prefix and typo
// expansions reach names and keywords only, never the agency's name or the description.
export const serviceSearchFields: FieldSpec<ServiceDoc>[] = [
  { name: 'name_ar', weight: 5, title: true },
  { name: 'name_en', weight: 5, title: true },
  { name: 'keywords', weight: 3 },
  { name: 'agency', weight: 2, expand: false },
  { name: 'description', weight: 1, expand: false },
];

/** A published service as the index sees it (the benchmark builds its index with this too). */
export function serviceSearchDoc(d: ServiceData, agency: { code: string; name_ar: string; name_en: string } | undefined): ServiceDoc {
  return {
    name_ar: d.name.ar,
    name_en: d.name.en,
    keywords: [...d.keywords.ar, ...d.keywords.en],
    agency: agency ? [agency.name_ar, agency.name_en] : [],
    description: [d.description.ar, d.description.en],
    boost: statusBoost[d.status],
    facets: {
      agency: agency ? [agency.code] : [],
      category: d.categories,
      audience: d.audiences,
      maturity: [d.maturity],
      channel: [...new Set(d.channels.map((c) => c.type))],
      status: [d.status],
      life_event: d.life_events,
      business_event: d.business_events,
    },
  };
}

export const facetNames = ['agency', 'category', 'audience', 'maturity', 'channel', 'status'] as const;
export type FacetName = (typeof facetNames)[number];

/** Live services rank above beta and planned ones, which rank above suspended and retired ones. */
const statusBoost: Record<LifecycleStatus, number> = { live: 1, beta: 0.9, planned: 0.6, suspended: 0.5, retired: 0.3 };

const summary = (text: string) => (text.length > 180 ? `${text.slice(0, 177).replace(/\s+\S*$/, '')}…` : text);

/** A change to the catalog, as listeners (the page cache) see it: some services, or everything. */
export type CatalogChange = { services: string[] } | 'all';

const BATCH = 500;
const POLL_MS = 1000;
const SLICE_MS = 20;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const SNAPSHOT_NAME = 'services';
/** A node writes a new snapshot when the newest one is older than this (and after building from the tables). */
export const SNAPSHOT_EVERY_MS = 3_600_000;
/** Copies of the index started over when a read of the feed changed it meanwhile, before a write is given up. */
const SNAPSHOT_TRIES = 3;
let fingerprint: string | undefined;
/** The engine's fingerprint with this file's (the fields, and what a service puts in them). */
export const snapshotFingerprint = () => (fingerprint ??= engineFingerprint(readFileSync(new URL(import.meta.url), 'utf8')));

/**
 * How a snapshot is stored: its header row (catalog_search_snapshots: position, stamp, and in `data`
 * this manifest), then rows of catalog_search_snapshot_rows — the index's encoding cut in pieces of
 * snapshotRows.bytes, then the cards, snapshotRows.cards to a row, each slice encoded on its own.
 * A node reads the rows one at a time, letting the event loop run between them: at 100,000 services
 * the snapshot is ~145 MB (the cards ~95 MB), and one read of it all held the event loop for up to a
 * second on SQLite and kept every byte in memory at once. Snapshots of the single-row form (before
 * migration 0071) have another fingerprint (this file's code is in it) and are not read: a node
 * builds from the tables once and writes this form; the old rows go with the other versions'.
 */
interface SnapshotManifest {
  format: typeof MANIFEST;
  /** Drawn anew by each write: the rows of this snapshot, not of one written since. */
  generation: string;
  /** Rows 0 … indexRows - 1 hold the index's bytes, the rest (up to rows) the cards. */
  indexRows: number;
  rows: number;
}
const MANIFEST = 'yusr-catalog-snapshot-rows/1';
/** Row sizes (tests make them small, so that frames and cards span several rows). */
export const snapshotRows = { bytes: 2 * 1024 * 1024, cards: 1_000 };
/** The rows of the snapshot a node is reading were replaced by a newer one meanwhile. */
class SnapshotReplaced extends Error {}

/**
 * The catalog's search: an in-process index of published services, loaded at start from the newest
 * snapshot a node persisted (catalog_search_snapshots, when its engine fingerprint, agencies and
 * synonyms still hold and the feed still has every row since) and caught up from the feed, or else
 * built from the database in batches (yielding to the event loop every SLICE_MS of work) and then
 * persisted; kept current by the catalog's change feed, read in commit order
 * (platform/search/feed.ts) — by a poll every second on a running web node, and before a query when
 * the last poll is older than that. A node persists a new snapshot once the newest is an hour old.
 */
export class CatalogSearch {
  private index = new SearchIndex<ServiceDoc>({ fields: serviceSearchFields });
  cards = new Map<string, ServiceCard>();
  /** The words of the services' names (normalised → as written, and how many names use it), rebuilt after a change. */
  private nameWords: Map<string, { word: string; count: number }> | null = null;
  private readonly feed: ChangeFeedReader<ChangeRow>;
  private readonly listeners = new Set<(change: CatalogChange) => void>();
  private built: Promise<void> | null = null;
  private current = false;
  private lastSync = 0;
  private syncing: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stamp = '';
  /** When the last read of the feed began (ISO): rows pruned before it were already applied. */
  private readFrom = '';
  private agencies = new Map<number, { code: string; name_ar: string; name_en: string }>();
  private saving: Promise<void> | null = null;
  /** When the newest snapshot this node knows of was written (ms since the epoch; 0: none). */
  private snapshotAt = 0;
  /** Where the index came from at start: a persisted snapshot, or the tables. */
  loadedFrom: 'snapshot' | 'tables' | null = null;

  constructor(private readonly deps: Deps) {
    this.feed = new ChangeFeedReader<ChangeRow>(deps.db, deps.dialect, 'catalog_changes', ['id', 'service_id', 'identifier']);
  }

  /** True once the index holds every publication up to its last read of the feed. */
  get ready(): boolean {
    return this.current;
  }

  /** Tells `fn` about every change the feed brings (services by identifier, or 'all'). */
  onChange(fn: (change: CatalogChange) => void): void {
    this.listeners.add(fn);
  }

  /** Builds the index unless it is built or being built; resolves when it is current. */
  start(): Promise<void> {
    this.built ??= this.build().catch((e) => {
      this.built = null;
      throw e;
    });
    return this.built;
  }

  /** Builds the index, then reads the feed every second until stop() (a running web node). */
  startPolling(intervalMs = POLL_MS): void {
    if (this.timer) return;
    const log = (e: unknown) => this.deps.log.warn({ err: e }, 'catalog search: could not read the change feed');
    this.start().catch(log);
    this.timer = setInterval(() => {
      if (this.current) this.sync().catch(log);
      else this.start().catch(log);
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops polling and waits for a build or read in progress (before the database closes). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([this.built, this.syncing, this.queued]);
    await this.saving;
  }

  /** Forces the next query to read the feed (called after a publication in this process). */
  invalidate(): void {
    this.lastSync = 0;
  }

  /** Brings the index up to date if it may be stale (at most one read of the feed a second). */
  async refresh(): Promise<void> {
    if (!this.current) return this.start();
    if (performance.now() - this.lastSync < POLL_MS && this.lastSync !== 0) return;
    await this.sync();
  }

  /** One read of the feed that starts after this call (joins one queued behind a read in progress). */
  sync(): Promise<void> {
    if (!this.syncing) {
      this.syncing = this.doSync().finally(() => {
        this.syncing = null;
      });
      return this.syncing;
    }
    this.queued ??= this.syncing
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.sync();
      });
    return this.queued;
  }

  private async build(): Promise<void> {
    if (await this.loadSnapshot()) {
      this.loadedFrom = 'snapshot';
      // Everything published since the snapshot, from the feed (a stale stamp or a pruned feed rebuilds).
      await this.catchUp();
      this.lastSync = performance.now();
      this.current = true;
      this.tell('all');
      return;
    }
    // The feed's end first: whatever commits after it is read from the feed again, never lost.
    this.readFrom = new Date().toISOString();
    await this.feed.seekToEnd();
    await this.loadAll();
    this.loadedFrom = 'tables';
    this.lastSync = performance.now();
    this.current = true;
    this.tell('all');
    this.saveSnapshot();
  }

  /**
   * Loads the newest snapshot with this engine's fingerprint, if the agencies and synonyms it indexed
   * are still the same and the feed still holds every row since it; false when there is none such.
   * A snapshot replaced by another node while this one read it is read again, once.
   */
  private async loadSnapshot(): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.loadSnapshotOnce();
      if (loaded !== 'replaced') return loaded;
      if (attempt === 1) return false;
    }
  }

  private async loadSnapshotOnce(): Promise<boolean | 'replaced'> {
    const db = this.deps.db;
    const row = await db
      .selectFrom('catalog_search_snapshots')
      .selectAll()
      .where('name', '=', SNAPSHOT_NAME)
      .where('fingerprint', '=', snapshotFingerprint())
      .executeTakeFirst();
    if (!row) return false;
    const stamp = await vocabularyAndAgencyStamp(this.deps);
    const prunedBefore = await changesPrunedBefore(this.deps);
    if (row.stamp !== stamp || (prunedBefore && prunedBefore > row.read_from)) return false;
    const agencies = await agencyNames(db);
    const synonyms = (await repo.listSynonyms(db)).map((s) => JSON.parse(s.terms_json) as string[]);
    let index: SearchIndex<ServiceDoc>;
    let cards: Map<string, ServiceCard>;
    try {
      const manifest = v8.deserialize(row.data) as SnapshotManifest;
      if (manifest?.format !== MANIFEST) throw new Error(`catalog search: not a ${MANIFEST} snapshot`);
      // Rows [from, to), one query each, with a turn of the event loop before each.
      const rows = async function* (from: number, to: number) {
        for (let seq = from; seq < to; seq++) {
          await yieldToEventLoop();
          const r = await db
            .selectFrom('catalog_search_snapshot_rows')
            .select('data')
            .where('name', '=', row.name)
            .where('fingerprint', '=', row.fingerprint)
            .where('generation', '=', manifest.generation)
            .where('seq', '=', seq)
            .executeTakeFirst();
          if (!r) throw new SnapshotReplaced('catalog search: the snapshot was replaced while it was read');
          yield r.data;
        }
      };
      index = new SearchIndex<ServiceDoc>({ fields: serviceSearchFields });
      // Decoded and loaded in slices as the rows arrive: requests keep being answered meanwhile.
      await loadSnapshot(index, rows(0, manifest.indexRows));
      cards = new Map();
      for await (const slice of rows(manifest.indexRows, manifest.rows)) {
        for (const c of v8.deserialize(slice) as ServiceCard[]) cards.set(c.identifier, c);
      }
      if (cards.size !== row.services) throw new Error('catalog search: the snapshot has not every card');
    } catch (e) {
      if (e instanceof SnapshotReplaced) return 'replaced';
      this.deps.log.warn({ err: e }, 'catalog search: the index snapshot could not be loaded; building from the tables');
      return false;
    }
    index.setSynonyms(synonyms);
    this.index = index;
    this.cards = cards;
    this.nameWords = null;
    this.agencies = new Map(agencies.map((a) => [a.id, a]));
    this.stamp = stamp;
    this.readFrom = row.read_from;
    this.feed.seek({ xid: row.feed_xid, id: row.feed_id });
    this.snapshotAt = Date.parse(row.created_at);
    return true;
  }

  /**
   * Persists the index as it stands, with the feed position it holds every row up to; called where
   * nothing else changes the index (the end of a build or a read of the feed). The copy and its
   * encoding are taken in slices (snapshotOf), letting requests run between them: if a read of the
   * feed changes the index before the copy is complete, the copy starts over with the new position
   * (SNAPSHOT_TRIES in all, then this write is given up and the next build or hourly check tries).
   * The rows are then written one at a time.
   */
  private saveSnapshot(): void {
    if (this.saving || !this.current) return;
    const db = this.deps.db;
    const before = this.snapshotAt;
    this.snapshotAt = Date.now();
    this.saving = (async () => {
      let taken:
        | { index: Buffer; position: ChangeFeedReader<ChangeRow>['position']; readFrom: string; stamp: string; cards: ServiceCard[] }
        | undefined;
      for (let tries = 0; !taken; tries++) {
        await yieldToEventLoop();
        const position = this.feed.position;
        const readFrom = this.readFrom;
        const stamp = this.stamp;
        const cards = [...this.cards.values()];
        try {
          taken = { index: await snapshotOf(this.index), position, readFrom, stamp, cards };
        } catch (e) {
          if (!(e instanceof IndexChanged)) throw e;
          if (tries + 1 >= SNAPSHOT_TRIES) {
            this.snapshotAt = before;
            this.deps.log.info('catalog search: the index kept changing while a snapshot was taken; not written this time');
            return;
          }
        }
      }
      const { index, position, readFrom, stamp, cards } = taken;
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < index.length; at += snapshotRows.bytes) pieces.push(index.subarray(at, at + snapshotRows.bytes));
      const indexRows = pieces.length;
      for (let at = 0; at < cards.length; at += snapshotRows.cards) {
        await yieldToEventLoop();
        pieces.push(v8.serialize(cards.slice(at, at + snapshotRows.cards)));
      }
      const manifest: SnapshotManifest = { format: MANIFEST, generation: randomUUID(), indexRows, rows: pieces.length };
      const row = {
        name: SNAPSHOT_NAME,
        fingerprint: snapshotFingerprint(),
        stamp,
        feed_xid: position.xid,
        feed_id: position.id,
        read_from: readFrom,
        services: cards.length,
        data: v8.serialize(manifest),
        created_at: new Date().toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        // The header first: a second node writing the same snapshot waits here until this one commits.
        await trx
          .insertInto('catalog_search_snapshots')
          .values(row)
          .onConflict((oc) =>
            oc
              .columns(['name', 'fingerprint'])
              .doUpdateSet(({ ref }) =>
                Object.fromEntries(
                  (['stamp', 'feed_xid', 'feed_id', 'read_from', 'services', 'data', 'created_at'] as const).map((c) => [
                    c,
                    ref(`excluded.${c}`),
                  ]),
                ),
              ),
          )
          .execute();
        await trx
          .deleteFrom('catalog_search_snapshot_rows')
          .where('name', '=', SNAPSHOT_NAME)
          .where('fingerprint', '=', row.fingerprint)
          .where('generation', '!=', manifest.generation)
          .execute();
        // Back to back, without a turn of the event loop: on SQLite a turn inside the transaction
        // would hold the file's write lock and the node's one connection while other work waited
        // (and another connection in the same thread, as in the two-node tests, would wait on the
        // lock synchronously: a deadlock until busy_timeout). The encoding above is what yields.
        for (const [seq, data] of pieces.entries()) {
          await trx
            .insertInto('catalog_search_snapshot_rows')
            .values({ name: SNAPSHOT_NAME, fingerprint: row.fingerprint, generation: manifest.generation, seq, data })
            .execute();
        }
        // Another version's snapshot is kept while that version may still run (a rolling upgrade).
        await trx
          .deleteFrom('catalog_search_snapshots')
          .where('name', '=', SNAPSHOT_NAME)
          .where('fingerprint', '!=', row.fingerprint)
          .where('created_at', '<', new Date(Date.now() - FEED_KEEP_MS).toISOString())
          .execute();
        // Rows whose header is gone (deleted just above, or by a node of an earlier release).
        await trx
          .deleteFrom('catalog_search_snapshot_rows')
          .where('name', '=', SNAPSHOT_NAME)
          .where('fingerprint', 'not in', (eb) =>
            eb.selectFrom('catalog_search_snapshots').select('fingerprint').where('name', '=', SNAPSHOT_NAME),
          )
          .execute();
      });
    })()
      .catch((e) => this.deps.log.warn({ err: e }, 'catalog search: could not persist the index snapshot'))
      .finally(() => {
        this.saving = null;
      });
  }

  /** Persists a snapshot when the newest one (whichever node wrote it) is older than SNAPSHOT_EVERY_MS. */
  private async saveSnapshotIfOld(): Promise<void> {
    if (this.saving || Date.now() - this.snapshotAt < SNAPSHOT_EVERY_MS) return;
    const newest = await this.deps.db
      .selectFrom('catalog_search_snapshots')
      .select('created_at')
      .where('name', '=', SNAPSHOT_NAME)
      .where('fingerprint', '=', snapshotFingerprint())
      .executeTakeFirst();
    const at = newest ? Date.parse(newest.created_at) : 0;
    if (Date.now() - at < SNAPSHOT_EVERY_MS) this.snapshotAt = at;
    else this.saveSnapshot();
  }

  /** Waits for a snapshot being written (tests, and stop()). */
  async snapshotWritten(): Promise<void> {
    await this.saving;
  }

  /** Agencies, synonyms and every published service, in batches between which other requests run. */
  private async loadAll(): Promise<void> {
    const db = this.deps.db;
    this.stamp = await vocabularyAndAgencyStamp(this.deps);
    const agencies = await agencyNames(db);
    this.agencies = new Map(agencies.map((a) => [a.id, a]));
    this.index.setSynonyms((await repo.listSynonyms(db)).map((s) => JSON.parse(s.terms_json) as string[]));
    let slice = performance.now();
    for (let after = 0; ; ) {
      const rows = await repo.publishedBatch(db, after, BATCH);
      for (const row of rows) {
        this.apply(row);
        // Requests wait at most a slice of indexing, however slow the machine.
        if (performance.now() - slice > SLICE_MS) {
          await yieldToEventLoop();
          slice = performance.now();
        }
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
  }

  private async doSync(): Promise<void> {
    await this.start();
    this.lastSync = performance.now();
    await this.catchUp();
    await this.saveSnapshotIfOld();
  }

  /** Applies what the feed holds after the cursor (or everything again, when agencies or synonyms changed). */
  private async catchUp(): Promise<void> {
    const stamp = await vocabularyAndAgencyStamp(this.deps);
    // A node that stopped reading for longer than the feed keeps rows (paused, cut off from the
    // database) may have missed pruned ones: it starts over from the tables.
    const prunedBefore = await changesPrunedBefore(this.deps);
    if (prunedBefore && prunedBefore > this.readFrom) {
      this.readFrom = new Date().toISOString();
      await this.feed.seekToEnd();
      await this.loadAll();
      this.tell('all');
      return;
    }
    const readFrom = new Date().toISOString();
    const changes = await this.feed.read();
    this.readFrom = readFrom;
    const ids = [...new Set(changes.map((c) => c.service_id))];
    for (let i = 0; i < ids.length; i += BATCH) {
      for (const row of await repo.servicesForIndex(this.deps.db, ids.slice(i, i + BATCH))) this.apply(row);
      if (i + BATCH < ids.length) await yieldToEventLoop();
    }
    if (stamp !== this.stamp) {
      await this.loadAll(); // agency names are indexed: re-read everything (withdrawals were applied above)
      this.tell('all');
      return;
    }
    if (changes.length === 0) return;
    this.tell({ services: [...new Set(changes.map((c) => c.identifier))] });
  }

  private apply(row: IndexedRow): void {
    if (!row.published_json || !row.published_at) {
      this.index.remove(row.identifier);
      this.cards.delete(row.identifier);
      this.nameWords = null;
      return;
    }
    this.put(
      row.identifier,
      row.agency_id,
      JSON.parse(row.published_json) as ServiceData,
      row.published_at,
      row.first_published_at ?? row.published_at,
    );
  }

  private tell(change: CatalogChange): void {
    for (const fn of this.listeners) {
      try {
        fn(change);
      } catch (e) {
        this.deps.log.error({ err: e }, 'catalog search: a change listener failed');
      }
    }
  }

  private put(identifier: string, agencyId: number, d: ServiceData, publishedAt: string, firstPublishedAt: string): void {
    this.nameWords = null;
    const agency = this.agencies.get(agencyId);
    this.index.replace(identifier, serviceSearchDoc(d, agency));
    this.cards.set(identifier, {
      identifier,
      agencyId,
      agencyCode: agency?.code ?? '',
      name_ar: d.name.ar,
      name_en: d.name.en,
      summary_ar: summary(d.description.ar),
      summary_en: summary(d.description.en),
      status: d.status,
      maturity: d.maturity,
      publishedAt,
      firstPublishedAt,
      free: d.fees.every((f) => f.amount === 0),
      online: d.channels.some((c) => c.type === 'web' || c.type === 'mobile'),
    });
  }

  /** Searches published services; a blank query browses by the filters. */
  async search(
    query: string,
    opts: { filters?: Partial<Record<string, string[]>>; limit?: number; offset?: number; prefix?: boolean } = {},
  ) {
    await this.refresh();
    const filters = Object.fromEntries(Object.entries(opts.filters ?? {}).filter(([, v]) => v && v.length > 0)) as Record<string, string[]>;
    const r: SearchResult = this.index.search(query.slice(0, 200), {
      filters,
      limit: opts.limit ?? 20,
      offset: opts.offset ?? 0,
      prefix: opts.prefix,
      facets: facetNames,
    });
    return {
      total: r.total,
      facets: r.facets,
      relaxed: r.relaxed,
      weak: r.weak,
      hits: r.hits.map((h) => ({
        score: h.score,
        fields: h.fields.map((f) => (f === 'name_ar' || f === 'name_en' ? 'name' : f)).filter((f, i, all) => all.indexOf(f) === i),
        coverage: h.coverage,
        card: this.cards.get(h.id) as ServiceCard,
      })),
    };
  }

  /**
   * "Did you mean": for a query that found nothing, each word that no service's name uses is replaced
   * by the closest word of the names (one edit for a word of four letters or fewer, two for longer;
   * the commonest on a tie), as the names spell it. Offered only when the new query finds services.
   */
  async suggest(query: string): Promise<string | null> {
    await this.refresh();
    const words = this.wordsOfNames();
    let changed = false;
    const out = query
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 10)
      .map((raw) => {
        const norm = normalizeWord(raw.replace(/[^\p{L}\p{N}]/gu, ''));
        if (norm.length < 3 || words.has(norm) || isStopWord(norm)) return raw;
        const max = norm.length <= 4 ? 1 : 2;
        let best: { word: string; count: number; d: number } | null = null;
        for (const [n, w] of words) {
          const d = editDistance(norm, n, max);
          if (d > max) continue;
          if (!best || d < best.d || (d === best.d && (w.count > best.count || (w.count === best.count && w.word < best.word))))
            best = { ...w, d };
        }
        if (!best) return raw;
        changed = true;
        return best.word;
      });
    if (!changed) return null;
    const suggestion = out.join(' ');
    // Offered only when the respelled query finds services properly: weak matches of some of its
    // words (which almost any respelling gets) are no reason to suggest it.
    const found = await this.search(suggestion, { limit: 1 });
    return found.total > 0 && !found.weak ? suggestion : null;
  }

  private wordsOfNames(): Map<string, { word: string; count: number }> {
    if (this.nameWords) return this.nameWords;
    const words = new Map<string, { word: string; count: number }>();
    for (const c of this.cards.values())
      for (const raw of `${c.name_ar} ${c.name_en}`.split(/[^\p{L}\p{N}]+/u)) {
        if (raw.length < 2) continue;
        const word = /\p{Script=Arabic}/u.test(raw) ? raw : raw.toLowerCase();
        const norm = normalizeWord(word);
        const seen = words.get(norm);
        if (seen) seen.count++;
        else words.set(norm, { word, count: 1 });
      }
    this.nameWords = words;
    return words;
  }

  /** The newest services to go live, and the most recently changed ones (home page). */
  async recent(kind: 'launched' | 'changed', limit: number): Promise<ServiceCard[]> {
    await this.refresh();
    const key = kind === 'launched' ? 'firstPublishedAt' : 'publishedAt';
    // "Changed" means changed after its launch: a service's first version is not news twice.
    const live = [...this.cards.values()].filter(
      (c) => (c.status === 'live' || c.status === 'beta') && (kind === 'launched' || c.publishedAt > c.firstPublishedAt),
    );
    return live.sort((a, b) => (a[key] < b[key] ? 1 : a[key] > b[key] ? -1 : a.identifier.localeCompare(b.identifier))).slice(0, limit);
  }

  get size(): number {
    return this.index.size;
  }
}

/**
 * What the index takes from agencies and synonyms, as a digest of their content: an edit shows
 * whatever the clock of the node that made it said (a few hundred short rows, read once a second).
 */
async function vocabularyAndAgencyStamp(deps: Deps): Promise<string> {
  const agencies = await agencyNames(deps.db);
  const synonyms = await repo.listSynonyms(deps.db);
  return createHash('sha256')
    .update(JSON.stringify([agencies.map((a) => [a.id, a.code, a.name_ar, a.name_en]), synonyms.map((x) => [x.id, x.terms_json])]))
    .digest('base64');
}

const PRUNED_KEY = 'catalog.changes_pruned_before';
/** How long the change feed keeps a row: far longer than any running node takes to read it. */
export const FEED_KEEP_MS = 2 * 86_400_000;

async function changesPrunedBefore(deps: Deps): Promise<string | undefined> {
  return (await deps.db.selectFrom('settings').select('value').where('key', '=', PRUNED_KEY).executeTakeFirst())?.value;
}

/**
 * Deletes change-feed rows older than `keepMs` (a daily job), so the table stays the size of two
 * days of publications; the cut-off is recorded first, in the same transaction, so a node whose
 * last read is older rebuilds its index instead of missing what was pruned.
 */
export async function pruneChangeFeed(deps: Deps, keepMs = FEED_KEEP_MS, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - keepMs).toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: PRUNED_KEY, value: cutoff })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: cutoff }))
      .execute();
    const r = await trx.deleteFrom('catalog_changes').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(r.numDeletedRows);
  });
}

const searchSlot = slot<CatalogSearch>('catalog.search');

/** The catalog search of this app (one index per app instance). */
export function catalogSearch(deps: Deps): CatalogSearch {
  return deps.state.get(searchSlot, () => new CatalogSearch(deps));
}

/** The name of a card in a language. */
export const cardName = (c: ServiceCard, lang: Lang) => (lang === 'ar' ? c.name_ar : c.name_en);
