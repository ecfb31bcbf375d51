import type { Executor } from '../../db.ts';
import { slot } from '../../platform/app-state.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorAgencyIds, actorLabel, type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { emit } from '../../platform/jobs/events.ts';
import { queueEmail } from '../../platform/messaging/messaging.ts';
import { PageCache } from '../../platform/views/page-cache.ts';
import { findUsers, getAgency } from '../identity/public.ts';
import { catalogPolicy } from './catalog.policy.ts';
import * as repo from './catalog.repo.ts';
import { newServiceInput, type ServiceData, serviceData } from './catalog.schema.ts';
import { catalogSearch } from './catalog.search.ts';
import { isComplete } from './completeness.ts';

export type { ServiceRow } from './catalog.repo.ts';

/** The event other modules react to (notify drafts announcements, search reindexes). */
export const SERVICE_PUBLISHED = 'catalog.service_published' as const;
export interface ServicePublished {
  serviceId: number;
  identifier: string;
  agencyId: number;
  version: number;
  previous: ServiceData | null;
  current: ServiceData;
  publishedAt: string;
}

const parse = (json: string | null): ServiceData | null => (json ? (JSON.parse(json) as ServiceData) : null);

const pageCacheSlot = slot<PageCache>('catalog.service_pages');

/**
 * Public service pages as anonymous visitors see them, for 30 seconds at most: a publication in
 * this process refreshes them at once, and one on any node as soon as this node reads it from the
 * change feed (within a second on a running web node).
 */
export function servicePageCache(deps: Deps): PageCache {
  return deps.state.get(pageCacheSlot, () => {
    const cache = new PageCache(30_000);
    catalogSearch(deps).onChange((change) => {
      if (change === 'all') cache.invalidate();
      else for (const identifier of change.services) cache.evict(`service:${identifier}`);
    });
    return cache;
  });
}

/**
 * Tells every web node that a service's public page shows something new that another module keeps
 * (an agency's reply to a comment, a hidden comment): call it inside that change's transaction. It
 * adds a row to the change feed, so each node evicts the page at its next read of the feed (within a
 * second); the route that made the change clears its own node's cache once it has committed.
 */
export async function servicePageChanged(trx: Executor, serviceId: number): Promise<void> {
  const s = await repo.findService(trx, serviceId);
  if (s) await repo.insertChange(trx, { service_id: s.id, identifier: s.identifier, agency_id: s.agency_id });
}

/** Refreshes what beneficiaries see after the catalog changed in this process. */
export function catalogChanged(deps: Deps): void {
  catalogSearch(deps).invalidate();
  servicePageCache(deps).invalidate();
}

/** The published record a beneficiary sees, or 404 when a service was never published. */
export async function getPublished(deps: Deps, identifier: string) {
  const row = await repo.findServiceByIdentifier(deps.db, identifier);
  if (!row?.published_json) throw new NotFoundError();
  return { row, data: parse(row.published_json) as ServiceData };
}

/** The agencies whose services the actor may list in the console (undefined = all of them). */
function visibleAgencies(ctx: Ctx): number[] | undefined {
  if (hasRole(ctx.actor, 'program_admin', 'program_reviewer', 'leadership_viewer') || ctx.actor.kind === 'system') return undefined;
  return actorAgencyIds(ctx.actor);
}

export async function listForConsole(deps: Deps, ctx: Ctx, filter: repo.ServiceFilter, page = 1, pageSize = 50) {
  const scope = visibleAgencies(ctx);
  const agencyIds = scope && filter.agencyIds ? filter.agencyIds.filter((id) => scope.includes(id)) : (scope ?? filter.agencyIds);
  // The console uses the portal's search too (any spelling), plus substring matches for drafts.
  const matched = filter.q ? (await catalogSearch(deps).search(filter.q, { limit: 500 })).hits.map((h) => h.card.identifier) : undefined;
  const rows = await repo.listServices(deps.db, { ...filter, agencyIds, matched }, pageSize + 1, (page - 1) * pageSize);
  return { items: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

/** A service with its draft, published data, versions and status history, for its own staff. */
export async function getForEdit(deps: Deps, ctx: Ctx, id: number) {
  const row = await repo.findService(deps.db, id);
  if (!row) throw new NotFoundError();
  authorize(catalogPolicy.read(ctx.actor, row.agency_id));
  return {
    row,
    draft: parse(row.draft_json),
    published: parse(row.published_json),
    working: (parse(row.draft_json) ?? parse(row.published_json)) as ServiceData,
    versions: await repo.listVersions(deps.db, id),
    history: await repo.statusHistory(deps.db, id),
  };
}

export async function getByIdentifierForEdit(deps: Deps, ctx: Ctx, identifier: string) {
  const row = await repo.findServiceByIdentifier(deps.db, identifier);
  if (!row) throw new NotFoundError();
  return getForEdit(deps, ctx, row.id);
}

/** Creates a service as a draft of its agency. */
export async function createService(deps: Deps, ctx: Ctx, raw: unknown) {
  const input = parseInput(newServiceInput, raw);
  await getAgency(deps, input.agency_id).catch(() => fieldError('agency_id', 'validation.agency_unknown'));
  authorize(catalogPolicy.edit(ctx.actor, input.agency_id));
  if (await repo.findServiceByIdentifier(deps.db, input.identifier)) {
    throw new ConflictError('error.conflict', undefined, [{ field: 'identifier', key: 'validation.identifier_taken' }]);
  }
  return deps.db.transaction().execute((trx) => createInTransaction(trx, ctx, input));
}

/** Saves the working draft (the published version stays as it is until someone publishes). */
export async function saveDraft(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const row = await repo.findService(deps.db, id);
  if (!row) throw new NotFoundError();
  authorize(catalogPolicy.edit(ctx.actor, row.agency_id));
  const data = parseInput(serviceData, raw);
  return deps.db.transaction().execute(async (trx) => {
    const before = parse(row.draft_json) ?? parse(row.published_json);
    const unpublished = row.published_version === 0;
    const after = await repo.updateServiceRow(trx, id, {
      draft_json: JSON.stringify(data),
      draft_updated_at: nowIso(),
      draft_updated_by: actorLabel(ctx.actor),
      // Until the first publication, the head shows the draft's names in lists.
      ...(unpublished ? { name_ar: data.name.ar, name_en: data.name.en, status: data.status, maturity: data.maturity } : {}),
    });
    await recordAudit(trx, ctx, {
      action: 'service.draft_save',
      recordType: 'service',
      recordId: id,
      agencyId: row.agency_id,
      before,
      after: data,
    });
    return after;
  });
}

/** Drops the draft, going back to the published version. */
export async function discardDraft(deps: Deps, ctx: Ctx, id: number) {
  const row = await repo.findService(deps.db, id);
  if (!row) throw new NotFoundError();
  authorize(catalogPolicy.edit(ctx.actor, row.agency_id));
  if (row.published_version === 0) throw new ConflictError('error.never_published');
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateServiceRow(trx, id, { draft_json: null, draft_updated_at: null, draft_updated_by: null, ...REVIEW_DONE });
    await recordAudit(trx, ctx, {
      action: 'service.draft_discard',
      recordType: 'service',
      recordId: id,
      agencyId: row.agency_id,
      before: parse(row.draft_json),
    });
  });
}

const REVIEW_DONE = { review_requested_at: null, review_requested_by: null, review_note: null } as const;

/**
 * An editor asks the agency's administrators (who may publish) to review the draft: the request is
 * kept on the service until the draft is published or discarded, and each active administrator is
 * emailed in their language — with the change and its audit record, in one transaction.
 */
export async function requestReview(deps: Deps, ctx: Ctx, id: number, rawNote: unknown) {
  const row = await repo.findService(deps.db, id);
  if (!row) throw new NotFoundError();
  authorize(catalogPolicy.edit(ctx.actor, row.agency_id));
  if (!row.draft_json) throw new ConflictError('error.nothing_to_publish');
  const note = typeof rawNote === 'string' ? rawNote.trim() : '';
  if (note.length > 1000) fieldError('note', 'validation.too_long', { max: 1000 });
  const by = actorLabel(ctx.actor);
  const at = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateServiceRow(trx, id, { review_requested_at: at, review_requested_by: by, review_note: note || null });
    await recordAudit(trx, ctx, {
      action: 'service.review_request',
      recordType: 'service',
      recordId: id,
      agencyId: row.agency_id,
      after: { note: note || null },
    });
    for (const admin of await findUsers(trx, { agencyIds: [row.agency_id], role: 'agency_admin', status: 'active' }, 100, 0)) {
      const lang = admin.locale;
      const params = {
        person: by,
        service: lang === 'ar' ? row.name_ar : row.name_en,
        note: note || translate(lang, 'cservice.review.no_note'),
        link: `${deps.config.baseUrl}/${lang}/console/services/${id}`,
      };
      await queueEmail(trx, deps.config.mailFrom, {
        key: `catalog:review:${id}:${admin.id}:${at}`,
        to: admin.email,
        locale: lang,
        subject: translate(lang, 'cservice.review.mail_subject', params),
        text: translate(lang, 'cservice.review.mail_text', params),
        source: 'catalog',
        refType: 'service',
        refId: id,
        recipientId: admin.id,
      });
    }
  });
}

/**
 * Publishes the draft as a new version: keeps the version, records a lifecycle change with its
 * date, and emits the event other modules react to — all in one transaction.
 */
export async function publish(deps: Deps, ctx: Ctx, id: number, note?: string) {
  const row = await repo.findService(deps.db, id);
  if (!row) throw new NotFoundError();
  authorize(catalogPolicy.publish(ctx.actor, row.agency_id));
  const draft = parse(row.draft_json);
  if (!draft) throw new ConflictError('error.nothing_to_publish');
  const data = parseInput(serviceData, draft);
  const published = await deps.db.transaction().execute((trx) => publishInTransaction(trx, deps, ctx, row, data, note));
  catalogChanged(deps);
  return published;
}

/**
 * Writes `data` as the next published version of `row` inside the caller's transaction (the
 * import uses it for many services at once). The caller has authorized and validated.
 */
export async function publishInTransaction(
  trx: Executor,
  deps: Deps,
  ctx: Ctx,
  row: repo.ServiceRow,
  data: ServiceData,
  note?: string,
  /** The demo loader backdates its history and stays quiet; everything else publishes now and tells the other modules. */
  opts: { at?: string; emitEvent?: boolean } = {},
) {
  // First, so that the transaction holds its place in the change feed while it waits for locks;
  // every web node's search and page cache read the feed in commit order, not by clock.
  await repo.insertChange(trx, { service_id: row.id, identifier: row.identifier, agency_id: row.agency_id });
  const previous = parse(row.published_json);
  const version = row.published_version + 1;
  const now = opts.at ?? nowIso();
  await repo.insertVersion(trx, {
    service_id: row.id,
    version,
    data_json: JSON.stringify(data),
    published_at: now,
    published_by: actorLabel(ctx.actor),
    note: note?.slice(0, 500) ?? null,
  });
  const statusChanged = !previous || previous.status !== data.status;
  const after = await repo.updateServiceRow(trx, row.id, {
    published_json: JSON.stringify(data),
    published_version: version,
    published_at: now,
    first_published_at: row.first_published_at ?? now,
    status_changed_at: statusChanged ? now : row.status_changed_at,
    name_ar: data.name.ar,
    name_en: data.name.en,
    status: data.status,
    maturity: data.maturity,
    complete: isComplete(data) ? 1 : 0,
    draft_json: null,
    draft_updated_at: null,
    draft_updated_by: null,
    ...REVIEW_DONE,
  });
  if (statusChanged) {
    await repo.insertStatusChange(trx, {
      service_id: row.id,
      agency_id: row.agency_id,
      from_status: previous?.status ?? null,
      to_status: data.status,
      version,
      changed_at: now,
    });
  }
  await recordAudit(trx, ctx, {
    action: 'service.publish',
    recordType: 'service',
    recordId: row.id,
    agencyId: row.agency_id,
    before: previous,
    after: { version, note, data },
  });
  const event: ServicePublished = {
    serviceId: row.id,
    identifier: row.identifier,
    agencyId: row.agency_id,
    version,
    previous,
    current: data,
    publishedAt: now,
  };
  if (opts.emitEvent !== false)
    await emit(trx, deps.jobs, SERVICE_PUBLISHED, event, { aggregate: `service:${row.id}`, key: `${row.id}:${version}` });
  return after;
}

/** Creates a service row inside the caller's transaction (import and the demo loader). */
export async function createInTransaction(trx: Executor, ctx: Ctx, input: { identifier: string; agency_id: number; data: ServiceData }) {
  const row = await repo.insertService(trx, { ...input, by: actorLabel(ctx.actor) });
  await recordAudit(trx, ctx, { action: 'service.create', recordType: 'service', recordId: row.id, agencyId: row.agency_id, after: input });
  return row;
}

/** Copies a published version into the draft, to be reviewed and published again. */
export async function restoreVersion(deps: Deps, ctx: Ctx, id: number, version: number) {
  const row = await repo.findService(deps.db, id);
  if (!row) throw new NotFoundError();
  authorize(catalogPolicy.edit(ctx.actor, row.agency_id));
  const v = await repo.findVersion(deps.db, id, version);
  if (!v) throw new NotFoundError();
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateServiceRow(trx, id, { draft_json: v.data_json, draft_updated_at: nowIso(), draft_updated_by: actorLabel(ctx.actor) });
    await recordAudit(trx, ctx, {
      action: 'service.restore',
      recordType: 'service',
      recordId: id,
      agencyId: row.agency_id,
      before: parse(row.draft_json),
      after: { restored_version: version },
    });
  });
}

export interface FieldChange {
  field: keyof ServiceData;
  before: unknown;
  after: unknown;
}

/** The fields that differ between two versions of a service's data. */
export function diffData(a: ServiceData | null, b: ServiceData | null): FieldChange[] {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]) as Set<keyof ServiceData>;
  const out: FieldChange[] = [];
  for (const k of keys) {
    const before = a?.[k];
    const after = b?.[k];
    if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ field: k, before, after });
  }
  return out;
}

/** Compares two versions ('draft' names the working draft). */
export async function compareVersions(deps: Deps, ctx: Ctx, id: number, a: number | 'draft', b: number | 'draft') {
  const s = await getForEdit(deps, ctx, id);
  const load = async (v: number | 'draft') => {
    if (v === 'draft') return s.draft;
    const row = await repo.findVersion(deps.db, id, v);
    if (!row) throw new NotFoundError();
    return JSON.parse(row.data_json) as ServiceData;
  };
  return { service: s, changes: diffData(await load(a), await load(b)) };
}
