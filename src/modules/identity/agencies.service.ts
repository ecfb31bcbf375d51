import { recordAudit } from '../../platform/audit/audit.ts';
import { type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { identityPolicy } from './identity.policy.ts';
import * as repo from './identity.repo.ts';
import { type AgencyInput, agencyContactInput, agencyInput } from './identity.schema.ts';

export type { Agency } from './identity.repo.ts';

/** Agencies are public facts: anyone may list and read them. */
export async function listAgencies(deps: Deps, filter: repo.AgencyFilter, page = 1, pageSize = 50) {
  const rows = await repo.listAgencies(deps.db, filter, pageSize + 1, (page - 1) * pageSize);
  return { items: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

export async function allAgencies(deps: Deps) {
  return repo.allAgencies(deps.db);
}

export async function getAgency(deps: Deps, id: number) {
  const a = await repo.findAgency(deps.db, id);
  if (!a) throw new NotFoundError();
  return a;
}

export async function getAgencyByCode(deps: Deps, code: string) {
  const a = await repo.findAgencyByCode(deps.db, code);
  if (!a) throw new NotFoundError();
  return a;
}

/** The agency and its descendants (a ministry and its branches). */
export async function agencySubtree(deps: Deps, id: number) {
  return repo.agencySubtree(deps.db, id);
}

async function checkParent(deps: Deps, id: number | null, parentId: number | null | undefined) {
  if (parentId == null) return;
  if (!(await repo.findAgency(deps.db, parentId))) fieldError('parent_id', 'validation.agency_unknown');
  if (id !== null && (await repo.agencySubtree(deps.db, id)).includes(parentId)) fieldError('parent_id', 'validation.agency_cycle');
}

/** Creates an agency (program office only). */
export async function createAgency(deps: Deps, ctx: Ctx, raw: unknown) {
  authorize(identityPolicy.manageAgencies(ctx.actor));
  const input: AgencyInput = parseInput(agencyInput, raw);
  if (await repo.findAgencyByCode(deps.db, input.code))
    throw new ConflictError('error.conflict', undefined, [{ field: 'code', key: 'validation.code_taken' }]);
  await checkParent(deps, null, input.parent_id);
  return deps.db.transaction().execute(async (trx) => {
    const agency = await repo.insertAgency(trx, input);
    await recordAudit(trx, ctx, { action: 'agency.create', recordType: 'agency', recordId: agency.id, agencyId: agency.id, after: agency });
    return agency;
  });
}

/** What the program office edits of an agency, as the form holds it (a partial change is laid over it). */
const editable = (a: repo.Agency) => ({
  code: a.code,
  name_ar: a.name_ar,
  name_en: a.name_en,
  kind: a.kind,
  parent_id: a.parent_id,
  website: a.website,
  email: a.email,
  phone: a.phone,
  address_ar: a.address_ar,
  address_en: a.address_en,
  status: a.status,
});

/**
 * Updates an agency. The program office (or its own API token with agency:write) may change
 * everything; the agency's own administrator (or its API token with agency:write) only how it is
 * reached. Fields left out keep their value (the form sends them all; the API may send a few), and
 * the whole result is checked as the form checks it.
 */
export async function updateAgency(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const before = await getAgency(deps, id);
  const full = identityPolicy.manageAgencies(ctx.actor);
  authorize(full || identityPolicy.editAgencyContact(ctx.actor, id));
  const merged = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...editable(before), ...raw } : raw;
  const patch = full ? parseInput(agencyInput, merged) : parseInput(agencyContactInput, raw);
  if (full) {
    const p = patch as AgencyInput;
    if (p.code !== before.code && (await repo.findAgencyByCode(deps.db, p.code))) {
      throw new ConflictError('error.conflict', undefined, [{ field: 'code', key: 'validation.code_taken' }]);
    }
    await checkParent(deps, id, p.parent_id);
  }
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateAgencyRow(trx, id, patch);
    await recordAudit(trx, ctx, { action: 'agency.update', recordType: 'agency', recordId: id, agencyId: id, before, after });
    return after;
  });
}

/**
 * Archives an agency (the program office): it becomes inactive — off the portal's and the API's
 * lists, no longer offered to new records — and everything recorded under it is kept. Agencies are
 * never deleted, since services, answers, plans and the audit trail point at them. An agency with
 * active branches is a conflict (archive or move the branches first); archiving an archived agency
 * changes nothing.
 */
export async function archiveAgency(deps: Deps, ctx: Ctx, id: number) {
  authorize(identityPolicy.manageAgencies(ctx.actor));
  const before = await getAgency(deps, id);
  if (before.status === 'inactive') return before;
  const branches = (await repo.allAgencies(deps.db)).filter((a) => a.parent_id === id && a.status === 'active');
  if (branches.length)
    throw new ConflictError('agency.error.active_branches', { count: branches.length, codes: branches.map((b) => b.code).join(', ') });
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateAgencyRow(trx, id, { status: 'inactive' });
    await recordAudit(trx, ctx, { action: 'agency.archive', recordType: 'agency', recordId: id, agencyId: id, before, after });
    return after;
  });
}

/** Whether the actor may edit this agency at all (views use it to show the edit link). */
export function canEditAgency(ctx: Ctx, id: number): boolean {
  return hasRole(ctx.actor, 'program_admin') || identityPolicy.editAgencyContact(ctx.actor, id);
}
