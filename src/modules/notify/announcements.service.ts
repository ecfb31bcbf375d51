import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorAgencyIds, actorLabel, type Ctx, hasRole, systemCtx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import * as catalog from '../catalog/public.ts';
import { getAgency } from '../identity/public.ts';
import * as repo from './announcements.repo.ts';
import { APPROVAL_NOTICE_JOB } from './approval-notice.ts';
import { startFanout } from './fanout.ts';
import { notifyPolicy } from './notify.policy.ts';
import { type AnnouncementInput, announcementInput, approveInput } from './notify.schema.ts';
import type { AnnouncementStatus } from './notify.tables.ts';
import { announcementTargets } from './targets.ts';

export type { Announcement } from './announcements.repo.ts';

const EDITABLE: AnnouncementStatus[] = ['draft', 'pending'];

async function load(deps: Deps, id: number) {
  const a = await repo.findAnnouncement(deps.db, id);
  if (!a) throw new NotFoundError();
  return a;
}

/** The agencies whose announcements the actor may list (undefined = every agency). */
export function visibleAgencies(ctx: Ctx): number[] | undefined {
  if (ctx.actor.kind === 'system' || hasRole(ctx.actor, 'program_admin', 'program_reviewer', 'leadership_viewer')) return undefined;
  return actorAgencyIds(ctx.actor);
}

/** Linked services must exist and belong to the announcing agency. */
async function checkServices(deps: Deps, agencyId: number, ids: number[]) {
  for (const [i, id] of ids.entries()) {
    const s = await catalog.findService(deps.db, id);
    if (!s || s.agency_id !== agencyId) fieldError(`service_ids.${i}`, 'notify.validation.service_not_agency');
  }
}

/** An announcement with its linked services, for its agency's staff and the program office. */
export async function getForStaff(deps: Deps, ctx: Ctx, id: number) {
  const a = await load(deps, id);
  authorize(notifyPolicy.read(ctx.actor, a.agency_id));
  const serviceIds = (await repo.servicesOf(deps.db, [id])).get(id) ?? [];
  const services = [];
  for (const sid of serviceIds) {
    const s = await catalog.findService(deps.db, sid);
    if (s) services.push({ id: s.id, identifier: s.identifier, name_ar: s.name_ar, name_en: s.name_en });
  }
  return { announcement: a, services, agency: await getAgency(deps, a.agency_id) };
}

/** The console list: the actor's agencies only, unless they work for the program office. */
export async function listForStaff(deps: Deps, ctx: Ctx, f: repo.AnnouncementFilter, page = 1, pageSize = 50) {
  const scope = visibleAgencies(ctx);
  const agencyIds = scope && f.agencyIds ? f.agencyIds.filter((x) => scope.includes(x)) : (scope ?? f.agencyIds);
  const rows = await repo.listAnnouncements(deps.db, { ...f, agencyIds }, pageSize + 1, (page - 1) * pageSize);
  return { items: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

/** A published announcement, for anyone; 404 for drafts. */
export async function getPublic(deps: Deps, id: number) {
  const a = await repo.findAnnouncement(deps.db, id);
  if (a?.status !== 'published') throw new NotFoundError();
  return getForStaff(deps, systemCtx('public'), id);
}

/** Writes a draft (editors of the agency, or its token with announcements:write). */
export async function createAnnouncement(deps: Deps, ctx: Ctx, raw: unknown) {
  const input = parseInput(announcementInput, raw);
  await getAgency(deps, input.agency_id).catch(() => fieldError('agency_id', 'validation.agency_unknown'));
  authorize(notifyPolicy.draft(ctx.actor, input.agency_id));
  await checkServices(deps, input.agency_id, input.service_ids);
  return deps.db.transaction().execute((trx) => createInTransaction(trx, ctx, input, { origin: 'manual' }));
}

/** Inserts a draft inside the caller's transaction (the auto-drafter and the demo loader use it too). */
export async function createInTransaction(
  trx: Executor,
  ctx: Ctx,
  input: AnnouncementInput,
  meta: { origin: 'manual' | 'auto'; source_key?: string; auto_reason?: string },
) {
  const row = await repo.insertAnnouncement(trx, {
    agency_id: input.agency_id,
    kind: input.kind,
    status: 'draft',
    title_ar: input.title_ar,
    title_en: input.title_en,
    body_ar: input.body_ar,
    body_en: input.body_en,
    starts_at: input.starts_at ?? null,
    ends_at: input.ends_at ?? null,
    publish_at: input.publish_at ?? null,
    published_at: null,
    origin: meta.origin,
    source_key: meta.source_key ?? null,
    auto_reason: meta.auto_reason ?? null,
    return_note: null,
    created_by: actorLabel(ctx.actor),
    submitted_by: null,
    approved_by: null,
  });
  await repo.setServices(trx, row.id, input.service_ids);
  await recordAudit(trx, ctx, {
    action: meta.origin === 'auto' ? 'announcement.auto_draft' : 'announcement.create',
    recordType: 'announcement',
    recordId: row.id,
    agencyId: row.agency_id,
    after: { ...input, origin: meta.origin, auto_reason: meta.auto_reason },
  });
  return row;
}

/** Edits a draft or a submitted one (which goes back to draft: an edit needs a fresh approval). */
export async function updateAnnouncement(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const before = await load(deps, id);
  authorize(notifyPolicy.draft(ctx.actor, before.agency_id));
  if (!EDITABLE.includes(before.status)) throw new ConflictError('notify.error.not_editable');
  const input = parseInput(announcementInput, { ...(raw as object), agency_id: before.agency_id });
  await checkServices(deps, before.agency_id, input.service_ids);
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateAnnouncement(trx, id, {
      kind: input.kind,
      status: 'draft',
      title_ar: input.title_ar,
      title_en: input.title_en,
      body_ar: input.body_ar,
      body_en: input.body_en,
      starts_at: input.starts_at ?? null,
      ends_at: input.ends_at ?? null,
      publish_at: input.publish_at ?? null,
    });
    await repo.setServices(trx, id, input.service_ids);
    await recordAudit(trx, ctx, {
      action: 'announcement.update',
      recordType: 'announcement',
      recordId: id,
      agencyId: before.agency_id,
      before,
      after,
    });
    return after;
  });
}

async function move(
  deps: Deps,
  ctx: Ctx,
  id: number,
  o: {
    can: 'draft' | 'approve';
    from: AnnouncementStatus[];
    action: string;
    patch: Parameters<typeof repo.transition>[3];
    also?: (trx: Executor) => Promise<unknown>;
  },
) {
  const a = await load(deps, id);
  authorize(notifyPolicy[o.can](ctx.actor, a.agency_id));
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.transition(trx, id, o.from, o.patch))) throw new ConflictError('notify.error.wrong_state');
    await recordAudit(trx, ctx, {
      action: o.action,
      recordType: 'announcement',
      recordId: id,
      agencyId: a.agency_id,
      before: { status: a.status },
      after: o.patch,
    });
    if (o.also) await o.also(trx);
  });
}

/** An editor asks the agency administrator to approve; the administrators are emailed (approval-notice.ts). */
export const submitAnnouncement = (deps: Deps, ctx: Ctx, id: number) =>
  move(deps, ctx, id, {
    can: 'draft',
    from: ['draft'],
    action: 'announcement.submit',
    patch: { status: 'pending', submitted_by: actorLabel(ctx.actor) },
    also: (trx) => enqueue(trx, APPROVAL_NOTICE_JOB, { announcementId: id, at: nowIso() }),
  });

/** The administrator sends it back to the editors with a note. */
export const returnAnnouncement = (deps: Deps, ctx: Ctx, id: number, note?: string) =>
  move(deps, ctx, id, {
    can: 'approve',
    from: ['pending'],
    action: 'announcement.return',
    patch: { status: 'draft', return_note: note?.trim().slice(0, 1000) || null },
  });

/** A scheduled announcement goes back to draft (nothing was sent). */
export const unscheduleAnnouncement = (deps: Deps, ctx: Ctx, id: number) =>
  move(deps, ctx, id, {
    can: 'approve',
    from: ['scheduled'],
    action: 'announcement.unschedule',
    patch: { status: 'draft', approved_by: null },
  });

/** Deletes a draft that will never be sent. */
export async function discardAnnouncement(deps: Deps, ctx: Ctx, id: number) {
  const a = await load(deps, id);
  authorize(notifyPolicy.draft(ctx.actor, a.agency_id));
  if (!EDITABLE.includes(a.status)) throw new ConflictError('notify.error.not_editable');
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteAnnouncement(trx, id);
    await recordAudit(trx, ctx, {
      action: 'announcement.discard',
      recordType: 'announcement',
      recordId: id,
      agencyId: a.agency_id,
      before: a,
    });
  });
}

/**
 * The agency administrator approves: published at once (announcement, fan-out cursor and its job in
 * one transaction), or scheduled when a later publication time is given.
 */
export async function approveAnnouncement(deps: Deps, ctx: Ctx, id: number, raw: unknown = {}) {
  const a = await load(deps, id);
  authorize(notifyPolicy.approve(ctx.actor, a.agency_id));
  const input = parseInput(approveInput, raw ?? {});
  const at = input.publish_at ?? a.publish_at;
  if (!EDITABLE.includes(a.status)) throw new ConflictError('notify.error.wrong_state');
  return deps.db.transaction().execute(async (trx) => {
    if (at && at > nowIso()) {
      if (!(await repo.transition(trx, id, EDITABLE, { status: 'scheduled', publish_at: at, approved_by: actorLabel(ctx.actor) }))) {
        throw new ConflictError('notify.error.wrong_state');
      }
      await recordAudit(trx, ctx, {
        action: 'announcement.schedule',
        recordType: 'announcement',
        recordId: id,
        agencyId: a.agency_id,
        after: { publish_at: at },
      });
      return 'scheduled' as const;
    }
    await publishInTransaction(trx, ctx, id, EDITABLE);
    return 'published' as const;
  });
}

/** Publishes inside the caller's transaction if the announcement is still in one of `from`. */
export async function publishInTransaction(trx: Executor, ctx: Ctx, id: number, from: AnnouncementStatus[], at = nowIso()) {
  const a = await repo.findAnnouncement(trx, id);
  if (!a) throw new NotFoundError();
  const approvedBy = ctx.actor.kind === 'system' ? (a.approved_by ?? actorLabel(ctx.actor)) : actorLabel(ctx.actor);
  if (!(await repo.transition(trx, id, from, { status: 'published', published_at: at, approved_by: approvedBy }))) {
    throw new ConflictError('notify.error.wrong_state');
  }
  const serviceIds = (await repo.servicesOf(trx, [id])).get(id) ?? [];
  const targets = await announcementTargets(trx, a, serviceIds);
  await startFanout(trx, id, targets);
  // The services' public pages list their latest announcements: every node shows this one within a second.
  for (const serviceId of serviceIds) await catalog.servicePageChanged(trx, serviceId);
  await recordAudit(trx, ctx, {
    action: 'announcement.publish',
    recordType: 'announcement',
    recordId: id,
    agencyId: a.agency_id,
    before: { status: a.status },
    after: { published_at: at, targets },
  });
}

/** Publishes scheduled announcements whose time has come (a worker ticker); returns how many. */
export async function publishDue(deps: Deps): Promise<number> {
  const due = await repo.dueScheduled(deps.db, nowIso());
  let done = 0;
  for (const { id } of due) {
    await deps.db
      .transaction()
      .execute((trx) => publishInTransaction(trx, systemCtx('notify scheduler'), id, ['scheduled']))
      .then(() => done++)
      .catch((err) => {
        if (!(err instanceof ConflictError)) throw err;
      });
  }
  return done;
}
