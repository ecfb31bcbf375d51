import type { Selectable } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { LifecycleStatus, ServiceData, TaxonomyKind } from './catalog.schema.ts';
import type { ServicesTable, ServiceVersionsTable, TaxonomyTermsTable } from './catalog.tables.ts';

export type ServiceRow = Selectable<ServicesTable>;
export type VersionRow = Selectable<ServiceVersionsTable>;
export type TermRow = Selectable<TaxonomyTermsTable>;

export async function findService(db: Executor, id: number): Promise<ServiceRow | undefined> {
  return db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findServiceByIdentifier(db: Executor, identifier: string): Promise<ServiceRow | undefined> {
  // Identifiers keep their published case and match whatever the case (a unique index on lower(identifier)).
  return db
    .selectFrom('services')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['identifier']), '=', identifier.toLowerCase()))
    .executeTakeFirst();
}

export interface ServiceFilter {
  agencyIds?: number[];
  q?: string;
  /** Identifiers the search index matched for `q` (any spelling); plain substring matches are added. */
  matched?: string[];
  status?: string;
  state?: 'draft' | 'review' | 'published' | 'unpublished';
}

/** Services for the console list: newest change first. */
export async function listServices(db: Executor, f: ServiceFilter, limit: number, offset: number) {
  let q = db
    .selectFrom('services')
    .select([
      'id',
      'identifier',
      'agency_id',
      'name_ar',
      'name_en',
      'status',
      'maturity',
      'published_version',
      'published_at',
      'draft_updated_at',
      'review_requested_at',
      'updated_at',
      'complete',
    ])
    .select((eb) => eb('draft_json', 'is not', null).as('has_draft'));
  if (f.agencyIds) q = q.where('agency_id', 'in', f.agencyIds.length ? f.agencyIds : [-1]);
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([eb('name_ar', 'like', `%${f.q}%`), eb(eb.fn('lower', ['name_en']), 'like', like), eb('identifier', 'like', like)]),
    );
  }
  if (f.status) q = q.where('status', '=', f.status as LifecycleStatus);
  if (f.state === 'draft') q = q.where('draft_json', 'is not', null);
  if (f.state === 'review') q = q.where('draft_json', 'is not', null).where('review_requested_at', 'is not', null);
  if (f.state === 'published') q = q.where('published_version', '>', 0);
  if (f.state === 'unpublished') q = q.where('published_version', '=', 0);
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function insertService(db: Executor, v: { identifier: string; agency_id: number; data: ServiceData; by: string }) {
  const now = nowIso();
  return db
    .insertInto('services')
    .values({
      identifier: v.identifier,
      agency_id: v.agency_id,
      name_ar: v.data.name.ar,
      name_en: v.data.name.en,
      status: v.data.status,
      maturity: v.data.maturity,
      published_json: null,
      published_version: 0,
      published_at: null,
      first_published_at: null,
      status_changed_at: null,
      draft_json: JSON.stringify(v.data),
      draft_updated_at: now,
      draft_updated_by: v.by,
      complete: 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateServiceRow(db: Executor, id: number, patch: Partial<Omit<ServiceRow, 'id' | 'identifier' | 'created_at'>>) {
  return db
    .updateTable('services')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertVersion(db: Executor, v: Omit<VersionRow, 'id'>) {
  await db.insertInto('service_versions').values(v).execute();
}

export async function listVersions(db: Executor, serviceId: number) {
  return db
    .selectFrom('service_versions')
    .select(['version', 'published_at', 'published_by', 'note'])
    .where('service_id', '=', serviceId)
    .orderBy('version', 'desc')
    .execute();
}

export async function findVersion(db: Executor, serviceId: number, version: number) {
  return db
    .selectFrom('service_versions')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function insertStatusChange(
  db: Executor,
  v: {
    service_id: number;
    agency_id: number;
    from_status: LifecycleStatus | null;
    to_status: LifecycleStatus;
    version: number;
    changed_at: string;
  },
) {
  await db.insertInto('service_status_history').values(v).execute();
}

export async function statusHistory(db: Executor, serviceId: number) {
  return db.selectFrom('service_status_history').selectAll().where('service_id', '=', serviceId).orderBy('id').execute();
}

const indexedColumns = ['id', 'identifier', 'agency_id', 'published_json', 'published_at', 'first_published_at', 'status'] as const;

/** A batch of published services in id order, after `afterId` (building the search index). */
export async function publishedBatch(db: Executor, afterId: number, limit: number) {
  return db
    .selectFrom('services')
    .select(indexedColumns)
    .where('published_version', '>', 0)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The current state of some services (the search index applies the change feed with it). */
export async function servicesForIndex(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('services').select(indexedColumns).where('id', 'in', ids).execute();
}

/** Adds a publication (or a change to a service's public page) to the change feed; call it inside the changing transaction. */
export async function insertChange(db: Executor, c: { service_id: number; identifier: string; agency_id: number }) {
  await db
    .insertInto('catalog_changes')
    .values({ ...c, created_at: nowIso() })
    .execute();
}

export async function listTerms(db: Executor, kind?: TaxonomyKind): Promise<TermRow[]> {
  let q = db.selectFrom('taxonomy_terms').selectAll();
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('kind').orderBy('sort').orderBy('name_en').execute();
}

export async function findTerm(db: Executor, id: number) {
  return db.selectFrom('taxonomy_terms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function upsertTerm(db: Executor, t: { kind: TaxonomyKind; code: string; name_ar: string; name_en: string; sort: number }) {
  const now = nowIso();
  return db
    .insertInto('taxonomy_terms')
    .values({ ...t, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['kind', 'code']).doUpdateSet({ name_ar: t.name_ar, name_en: t.name_en, sort: t.sort, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteTerm(db: Executor, id: number) {
  await db.deleteFrom('taxonomy_terms').where('id', '=', id).execute();
}

export async function listSynonyms(db: Executor) {
  return db.selectFrom('search_synonyms').selectAll().orderBy('id').execute();
}

export async function insertSynonyms(db: Executor, terms: string[]) {
  const now = nowIso();
  return db
    .insertInto('search_synonyms')
    .values({ terms_json: JSON.stringify(terms), created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteSynonyms(db: Executor, id: number) {
  await db.deleteFrom('search_synonyms').where('id', '=', id).execute();
}

/** The identifiers of services by id (ids not found are left out). */
export async function identifiersOf(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('services')
    .select(['id', 'identifier'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.identifier]));
}
