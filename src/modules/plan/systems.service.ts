import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { findServiceByIdentifier } from '../catalog/public.ts';
import { allAgencies, findAgency } from '../identity/public.ts';
import { planPolicy } from './plan.policy.ts';
import { systemInput, systemServiceInput } from './plan.schema.ts';
import * as repo from './systems.repo.ts';

// The shared national systems (the sixth track): the program administrator keeps the list (code,
// names, descriptions, owner agency, status) and which catalog services reuse each system (by service
// identifier, checked through catalog's public reads); initiatives name the systems they build on or
// deliver on their own form. Everyone in the plan console reads the list and a system's page; every
// change is audited in its transaction.

export type { SystemRow } from './systems.repo.ts';

type Link = Awaited<ReturnType<typeof repo.listInitiativeLinks>>[number];

/** The initiative links the actor may see (those of plans they may read), each marked if they may open it. */
function visibleInitiatives(ctx: Ctx, links: Link[]) {
  return links
    .filter((l) => planPolicy.readPlan(ctx.actor, { owner_agency_id: l.plan_agency_id }))
    .map((l) => ({ ...l, canOpen: planPolicy.readInitiative(ctx.actor, l.owner_agency_id) }));
}

/** The list: every system with its owner agency and how many initiatives and services reuse it. */
export async function listSystems(deps: Deps, ctx: Ctx, withArchived = false) {
  authorize(planPolicy.readSystems(ctx.actor));
  const systems = await repo.listSystems(deps.db, withArchived);
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.id, a]));
  const initiatives = visibleInitiatives(ctx, await repo.listInitiativeLinks(deps.db));
  const services = await repo.listServiceLinks(deps.db);
  return {
    rows: systems.map((s) => ({
      system: s,
      agency: agencies.get(s.owner_agency_id),
      initiatives: initiatives.filter((l) => l.system_id === s.id).length,
      services: services.filter((l) => l.system_id === s.id).length,
    })),
    agencies: [...agencies.values()],
    canKeep: planPolicy.keepSystems(ctx.actor),
    withArchived,
    archivedCount: (await repo.listSystems(deps.db, true)).filter((s) => s.archived_at !== null).length,
  };
}

/** A system with its owner agency, the initiatives that build on it and the services that reuse it (with catalog's names). */
export async function getSystem(deps: Deps, ctx: Ctx, id: number) {
  authorize(planPolicy.readSystems(ctx.actor));
  const system = await repo.findSystem(deps.db, id);
  if (!system) throw new NotFoundError();
  const services = [];
  for (const link of await repo.listServiceLinks(deps.db, id)) {
    const row = await findServiceByIdentifier(deps.db, link.service_identifier);
    services.push({
      identifier: row?.identifier ?? link.service_identifier,
      name_ar: row?.name_ar ?? link.service_identifier,
      name_en: row?.name_en ?? link.service_identifier,
      published: Boolean(row?.published_json),
    });
  }
  return {
    system,
    agency: await findAgency(deps.db, system.owner_agency_id),
    agencies: await allAgencies(deps),
    initiatives: visibleInitiatives(ctx, await repo.listInitiativeLinks(deps.db, id)),
    services,
    canKeep: planPolicy.keepSystems(ctx.actor),
  };
}

async function checkedInput(deps: Deps, raw: unknown, self: number | null) {
  const input = parseInput(systemInput, raw);
  const clash = await repo.findSystemByCode(deps.db, input.code);
  if (clash && clash.id !== self) fieldError('code', 'plan.system.validation.code_taken');
  if (!(await findAgency(deps.db, input.owner_agency_id))) fieldError('owner_agency_id', 'validation.agency_unknown');
  return input;
}

/** Adds a system to the list. */
export async function createSystem(deps: Deps, ctx: Ctx, raw: unknown) {
  authorize(planPolicy.keepSystems(ctx.actor));
  const input = await checkedInput(deps, raw, null);
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.insertSystem(trx, { ...input, created_by: actorLabel(ctx.actor) });
    await recordAudit(trx, ctx, { action: 'plan.system.create', recordType: 'plan_system', recordId: after.id, after });
    return after;
  });
}

/** Changes a system's code, names, description, owner agency or status. */
export async function updateSystem(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(planPolicy.keepSystems(ctx.actor));
  const before = await repo.findSystem(deps.db, id);
  if (!before) throw new NotFoundError();
  const input = await checkedInput(deps, raw, id);
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateSystem(trx, id, input);
    await recordAudit(trx, ctx, { action: 'plan.system.update', recordType: 'plan_system', recordId: id, before, after });
    return after;
  });
}

/**
 * Archives (or restores) a system: it leaves the list and the public pages, keeps its links to
 * initiatives and services, stays readable under "show archived", and can be restored. Audited.
 */
export async function setSystemArchived(deps: Deps, ctx: Ctx, id: number, archived: boolean) {
  authorize(planPolicy.keepSystems(ctx.actor));
  const before = await repo.findSystem(deps.db, id);
  if (!before) throw new NotFoundError();
  if ((before.archived_at !== null) === archived) return before;
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateSystem(trx, id, { archived_at: archived ? new Date().toISOString() : null });
    await recordAudit(trx, ctx, {
      action: archived ? 'plan.system.archive' : 'plan.system.restore',
      recordType: 'plan_system',
      recordId: id,
      before: { archived_at: before.archived_at },
      after: { archived_at: after.archived_at },
    });
    return after;
  });
}

/** Links a catalog service (by identifier, as the catalog spells it) to a system. */
export async function addSystemService(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(planPolicy.keepSystems(ctx.actor));
  const system = await repo.findSystem(deps.db, id);
  if (!system) throw new NotFoundError();
  const { service: identifier } = parseInput(systemServiceInput, raw);
  const service = await findServiceByIdentifier(deps.db, identifier);
  if (!service) fieldError('service', 'plan.validation.service_unknown', { identifier });
  if (await repo.findServiceLink(deps.db, id, service.identifier)) fieldError('service', 'plan.system.validation.service_linked');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.insertServiceLink(trx, id, service.identifier, actorLabel(ctx.actor));
    await recordAudit(trx, ctx, { action: 'plan.system.service_add', recordType: 'plan_system', recordId: id, after });
    return after;
  });
}

/** Removes a service's link to a system. */
export async function removeSystemService(deps: Deps, ctx: Ctx, id: number, identifier: string) {
  authorize(planPolicy.keepSystems(ctx.actor));
  const link = await repo.findServiceLink(deps.db, id, identifier);
  if (!link) throw new NotFoundError();
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteServiceLink(trx, id, identifier);
    await recordAudit(trx, ctx, { action: 'plan.system.service_remove', recordType: 'plan_system', recordId: id, before: link });
  });
}

const codes = (text: string | undefined) => [...new Set((text ?? '').split(/[\s,،]+/).filter(Boolean))];

/** The ids of the systems an initiative's form names by code (one a line); an unknown code is a field error. */
export async function systemIds(deps: Deps, text: string | undefined): Promise<number[]> {
  const named = codes(text);
  if (!named.length) return [];
  const byCode = new Map((await repo.listSystems(deps.db, true)).map((s) => [s.code, s.id]));
  const ids: number[] = [];
  for (const code of named) {
    const id = byCode.get(code.toLowerCase());
    if (id === undefined) fieldError('systems', 'plan.system.validation.unknown', { code });
    ids.push(id);
  }
  return [...new Set(ids)];
}

/** Replaces an initiative's systems inside the caller's transaction; returns the codes before and after, for its audit row. */
export async function linkInitiativeSystems(trx: Executor, initiativeId: number, ids: number[]) {
  const before = (await repo.systemsOfInitiative(trx, initiativeId)).map((s) => s.code);
  await repo.setInitiativeSystems(trx, initiativeId, ids);
  const after = (await repo.systemsOfInitiative(trx, initiativeId)).map((s) => s.code);
  return { before, after };
}

/** The systems an initiative builds on or delivers. */
export const systemsOfInitiative = (deps: Deps, initiativeId: number) => repo.systemsOfInitiative(deps.db, initiativeId);
