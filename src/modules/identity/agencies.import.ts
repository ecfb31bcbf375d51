/**
 * Agencies in bulk (issue 13): a CPSV-AP file's cv:PublicOrganisation nodes and a CSV/XLSX sheet
 * of agencies (with a parent column for the hierarchy) are planned here — create, update,
 * unchanged or refused, with bilingual field-level reasons — and written inside the caller's
 * transaction, so a catalog import writes its agencies and its services all at once or not at all.
 * Codes keep their published case and match case-insensitively.
 */
import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { issuesToFieldErrors } from '../../platform/http/validation.ts';
import { identityPolicy } from './identity.policy.ts';
import * as repo from './identity.repo.ts';
import { type AgencyInput, agencyInput } from './identity.schema.ts';

/** One agency as a file describes it; `parent` names the parent agency by code. */
export interface AgencyRecord {
  row: number;
  code?: string;
  name_ar?: string;
  name_en?: string;
  kind?: string;
  parent?: string;
  website?: string;
  email?: string;
  phone?: string;
  address_ar?: string;
  address_en?: string;
  status?: string;
}

export type AgencyOutcome = 'create' | 'update' | 'unchanged' | 'refuse';

export interface PlannedAgency {
  row: number;
  code?: string;
  outcome: AgencyOutcome;
  problems: FieldError[];
  changes: string[];
  /** The validated record, parent by code (resolved to an id when written). */
  input?: Omit<AgencyInput, 'parent_id'> & { parent?: string };
}

const COMPARED = ['name_ar', 'name_en', 'kind', 'website', 'email', 'phone', 'address_ar', 'address_en', 'status'] as const;
const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/**
 * What writing these records would do. Only the program office creates or changes agencies; for
 * anyone else a record of an existing agency is left as it is ("unchanged") and a new one refused.
 * Fields a file leaves out keep the agency's current values.
 */
export async function planAgencies(db: Executor, ctx: Ctx, records: AgencyRecord[]): Promise<PlannedAgency[]> {
  const all = await repo.allAgencies(db);
  const byCode = new Map(all.map((a) => [a.code.toLowerCase(), a]));
  const inFile = new Set(records.map((r) => r.code?.trim().toLowerCase()).filter(Boolean));
  const seen = new Set<string>();
  const manage = identityPolicy.manageAgencies(ctx.actor);
  const planned = records.map((r): PlannedAgency => {
    const code = blank(r.code);
    const existing = code ? byCode.get(code.toLowerCase()) : undefined;
    const problems: FieldError[] = [];
    const raw = {
      code: code ?? '',
      name_ar: blank(r.name_ar) ?? existing?.name_ar ?? blank(r.name_en) ?? '',
      name_en: blank(r.name_en) ?? existing?.name_en ?? blank(r.name_ar) ?? '',
      kind: blank(r.kind) ?? existing?.kind ?? 'other',
      website: blank(r.website) ?? existing?.website ?? null,
      email: blank(r.email) ?? existing?.email ?? null,
      phone: blank(r.phone) ?? existing?.phone ?? null,
      address_ar: blank(r.address_ar) ?? existing?.address_ar ?? null,
      address_en: blank(r.address_en) ?? existing?.address_en ?? null,
      status: blank(r.status) ?? existing?.status ?? 'active',
    };
    const v = agencyInput.omit({ parent_id: true }).safeParse(raw);
    if (!v.success) problems.push(...issuesToFieldErrors(v.error.issues, { input: raw }));
    if (code && seen.has(code.toLowerCase())) problems.push({ field: 'code', key: 'validation.duplicate_row' });
    if (code) seen.add(code.toLowerCase());
    const parent = blank(r.parent);
    if (parent && !byCode.has(parent.toLowerCase()) && !inFile.has(parent.toLowerCase()))
      problems.push({ field: 'parent', key: 'validation.agency_code_unknown', params: { code: parent } });
    if (parent && code && parent.toLowerCase() === code.toLowerCase()) problems.push({ field: 'parent', key: 'validation.agency_cycle' });
    if (problems.length || !v.success) return { row: r.row, code, outcome: 'refuse', problems, changes: [] };
    const input = { ...v.data, ...(parent ? { parent } : {}) };
    if (!existing) {
      if (!manage)
        return {
          row: r.row,
          code,
          outcome: 'refuse',
          problems: [{ field: 'code', key: 'validation.agency_code_unknown', params: { code: code ?? '' } }],
          changes: [],
        };
      return { row: r.row, code, outcome: 'create', problems, changes: [], input };
    }
    const parentNow = existing.parent_id ? all.find((a) => a.id === existing.parent_id)?.code.toLowerCase() : undefined;
    const changes: string[] = COMPARED.filter((k) => (existing[k] ?? null) !== (input[k] ?? null));
    if (parent && parent.toLowerCase() !== parentNow) changes.push('parent');
    if (!manage || changes.length === 0) return { row: r.row, code, outcome: 'unchanged', problems, changes: [] };
    return { row: r.row, code, outcome: 'update', problems, changes, input };
  });
  refuseCycles(planned, all);
  return planned;
}

/** A parent chain that comes back to where it started (within the file or through existing agencies) is refused. */
function refuseCycles(planned: PlannedAgency[], all: repo.Agency[]) {
  const parentOf = new Map<string, string | undefined>();
  for (const a of all) parentOf.set(a.code.toLowerCase(), all.find((p) => p.id === a.parent_id)?.code.toLowerCase());
  for (const p of planned)
    if (p.input && p.code) parentOf.set(p.code.toLowerCase(), p.input.parent?.toLowerCase() ?? parentOf.get(p.code.toLowerCase()));
  for (const p of planned) {
    if (!p.code || p.outcome === 'refuse') continue;
    const start = p.code.toLowerCase();
    let at = parentOf.get(start);
    for (let hops = 0; at && hops <= parentOf.size; hops++) {
      if (at === start) {
        p.outcome = 'refuse';
        p.problems.push({ field: 'parent', key: 'validation.agency_cycle' });
        delete p.input;
        break;
      }
      at = parentOf.get(at);
    }
  }
}

/**
 * Writes planned agencies inside the caller's transaction (parents first, so a child can name a
 * parent created by the same file), each audited; returns every agency's id by lower-cased code.
 */
export async function writeAgencies(trx: Executor, ctx: Ctx, planned: PlannedAgency[]): Promise<Map<string, number>> {
  const ids = new Map((await repo.allAgencies(trx)).map((a) => [a.code.toLowerCase(), a.id]));
  const todo = planned.filter((p) => (p.outcome === 'create' || p.outcome === 'update') && p.input);
  for (const p of todo.filter((x) => x.outcome === 'create')) {
    const { parent: _parent, ...input } = p.input as NonNullable<PlannedAgency['input']>;
    const agency = await repo.insertAgency(trx, { ...input, parent_id: null });
    ids.set(agency.code.toLowerCase(), agency.id);
    await recordAudit(trx, ctx, { action: 'agency.create', recordType: 'agency', recordId: agency.id, agencyId: agency.id, after: agency });
  }
  for (const p of todo) {
    const { parent, ...input } = p.input as NonNullable<PlannedAgency['input']>;
    const id = ids.get(input.code.toLowerCase()) as number;
    const parentId = parent ? (ids.get(parent.toLowerCase()) ?? null) : undefined;
    if (p.outcome === 'create' && parentId === undefined) continue;
    const before = await repo.findAgency(trx, id);
    const { code: _code, ...patch } = input;
    const after = await repo.updateAgencyRow(trx, id, {
      ...(p.outcome === 'update' ? patch : {}),
      ...(parentId !== undefined ? { parent_id: parentId } : {}),
    });
    await recordAudit(trx, ctx, { action: 'agency.update', recordType: 'agency', recordId: id, agencyId: id, before, after });
  }
  return ids;
}
