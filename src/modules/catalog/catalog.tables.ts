import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../../platform/db/tables.ts';
import type { LifecycleStatus, Maturity, TaxonomyKind } from './catalog.schema.ts';
import type { CatalogImportsTable } from './io/imports.tables.ts';

/** The head record of a service: its identity, the published version's key facts, and the working draft. */
export interface ServicesTable {
  id: Generated<number>;
  identifier: string;
  agency_id: number;
  /** Columns copied from the published version (or the first draft until then), for lists and joins. */
  name_ar: string;
  name_en: string;
  status: LifecycleStatus;
  maturity: Maturity;
  /** JSON of the published ServiceData; null until first published. */
  published_json: string | null;
  published_version: number;
  published_at: Timestamp | null;
  first_published_at: Timestamp | null;
  status_changed_at: Timestamp | null;
  /** JSON of the working draft; null when the draft equals the published version. */
  draft_json: string | null;
  draft_updated_at: Timestamp | null;
  draft_updated_by: string | null;
  /** Set while an editor's request that the draft be reviewed waits (cleared by publishing or discarding). */
  review_requested_at: Timestamp | null;
  review_requested_by: string | null;
  review_note: string | null;
  /** Set when the published record is complete enough for beneficiaries (see completeness()). */
  complete: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Every published version, kept for comparison and restore. */
export interface ServiceVersionsTable {
  id: Generated<number>;
  service_id: number;
  version: number;
  data_json: string;
  published_at: Timestamp;
  published_by: string | null;
  note: string | null;
}

/** Each lifecycle status change, with its date (planned → beta → live → …). */
export interface ServiceStatusHistoryTable {
  id: Generated<number>;
  service_id: number;
  agency_id: number;
  from_status: LifecycleStatus | null;
  to_status: LifecycleStatus;
  changed_at: Timestamp;
  version: number;
}

export interface TaxonomyTermsTable {
  id: Generated<number>;
  kind: TaxonomyKind;
  code: string;
  name_ar: string;
  name_en: string;
  sort: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SearchSynonymsTable {
  id: Generated<number>;
  /** JSON array of phrases that mean the same thing, e.g. ["هوية", "بطاقة الأحوال"]. */
  terms_json: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The change feed: one row per publication, in the publishing transaction (migration 0007). */
export interface CatalogChangesTable {
  id: Generated<number>;
  service_id: number;
  identifier: string;
  agency_id: number;
  created_at: Timestamp;
  /** PostgreSQL: the writing transaction's xid8 (set by the database); SQLite: null. */
  txid: Generated<string | null>;
}

/** The search index's persisted snapshot, one row per index (migration 0041, catalog.search.ts). */
export interface CatalogSearchSnapshotsTable {
  name: string;
  /** engineFingerprint (platform/search/snapshot.ts) with the catalog's own field definitions. */
  fingerprint: string;
  /** Digest of the agencies and synonyms indexed. */
  stamp: string;
  /** Change-feed position the snapshot holds every row up to. */
  feed_xid: string;
  feed_id: number;
  /** When the read that reached that position began (ISO): compared with the feed's pruning. */
  read_from: string;
  services: number;
  /** Since migration 0071, which rows of catalog_search_snapshot_rows hold it (catalog.search.ts). */
  data: Uint8Array;
  created_at: Timestamp;
}

/**
 * A snapshot's bytes in rows of a few MB (migration 0071): the index's encoding cut in pieces, then
 * the cards, a slice a row; the header's `data` names the generation and how many rows it has.
 */
export interface CatalogSearchSnapshotRowsTable {
  name: string;
  fingerprint: string;
  /** Drawn anew by each write of the snapshot: a reader finds the rows of the header it read, or none. */
  generation: string;
  /** 0, 1, 2… in the order they are read. */
  seq: number;
  data: Uint8Array;
}

export interface CatalogTables {
  catalog_imports: CatalogImportsTable;
  services: ServicesTable;
  service_versions: ServiceVersionsTable;
  service_status_history: ServiceStatusHistoryTable;
  taxonomy_terms: TaxonomyTermsTable;
  search_synonyms: SearchSynonymsTable;
  catalog_changes: CatalogChangesTable;
  catalog_search_snapshots: CatalogSearchSnapshotsTable;
  catalog_search_snapshot_rows: CatalogSearchSnapshotRowsTable;
}
