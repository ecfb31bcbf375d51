import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Selectable } from 'kysely';
import type { Executor } from '../../../db.ts';
import { recordAudit, recordAuditNow } from '../../../platform/audit/audit.ts';
import { actorLabel, type Ctx, hasRole } from '../../../platform/auth/actor.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import { nowIso } from '../../../platform/db/time.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, type FieldError, NotFoundError } from '../../../platform/http/errors.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { enqueue, PermanentJobError } from '../../../platform/jobs/jobs.ts';
import { type PlannedAgency, writeAgencies } from '../../identity/public.ts';
import * as repo from '../catalog.repo.ts';
import type { ServiceData } from '../catalog.schema.ts';
import { catalogChanged, createInTransaction, publishInTransaction } from '../catalog.service.ts';
import {
  type ImportKind,
  type ImportOptions,
  importOptions,
  isFileRefusal,
  NO_OPTIONS,
  type Outcome,
  type Plan,
  type PlannedRow,
  planImport,
  screenUpload,
} from './import.read.ts';
import type { CatalogImportsTable, ImportStatus } from './imports.tables.ts';
import { BATCH } from './limits.ts';

type Row = Selectable<CatalogImportsTable>;

export const IMPORT_JOB = 'catalog.import';
/** A dry run may be applied for this long; after that the file is read again from a new upload. */
export const PLAN_VALID_MS = 3_600_000;

/** The import job's payload: which import, which phase, and who asked. */
export type ImportJob = { id: number; phase: 'plan' | 'apply'; ctx: Ctx };

export interface ImportView {
  id: number;
  fileName: string;
  status: ImportStatus;
  processed: number;
  total: number | null;
  errors: FieldError[];
  rows: PlannedRow[];
  /** The file's organisations, as agencies to create or update. */
  agencies: PlannedAgency[];
  options: ImportOptions;
  result?: Record<string, number>;
}

const userId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.id : null);
/** The caller as the job will act: no session reference travels in the queue. */
const jobCtx = (ctx: Ctx): Ctx => ({
  ...ctx,
  actor: ctx.actor.kind === 'user' ? { ...ctx.actor, sessionId: undefined } : ctx.actor,
});

/** Who may upload at all; each row is then checked against the agency it names. */
const canImport = (ctx: Ctx) => ctx.actor.kind === 'user' && hasRole(ctx.actor, 'program_admin', 'agency_admin');

/**
 * Accepts an upload for a dry run: screens it (size, kind, zip directory, JSON nesting and
 * contexts), stores it and queues the worker's dry run, in one transaction with its audit record.
 * Returns the import's id, whose page follows the job.
 */
export async function startImport(deps: Deps, ctx: Ctx, file: Buffer, fileName: string, rawOptions: unknown = {}): Promise<number> {
  authorize(canImport(ctx));
  const options = parseInput(importOptions, rawOptions);
  const kind: ImportKind = await screenUpload(file);
  const stored = await deps.storage.put(file, 'import');
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const row = await trx
        .insertInto('catalog_imports')
        .values({
          user_id: userId(ctx),
          file_key: stored.key,
          file_name: fileName.slice(0, 200),
          kind,
          status: 'queued',
          processed: 0,
          total: null,
          errors_json: null,
          report_json: null,
          result_json: null,
          options_json: JSON.stringify(options),
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueue(trx, IMPORT_JOB, { id: row.id, phase: 'plan', ctx: jobCtx(ctx) } satisfies ImportJob, { maxAttempts: 3 });
      await recordAudit(trx, ctx, {
        action: 'catalog.import.upload',
        recordType: 'catalog_import',
        recordId: row.id,
        after: { file: fileName.slice(0, 200), kind, bytes: file.length, options },
      });
      return row.id;
    });
  } catch (e) {
    await deps.storage.remove(stored.key);
    throw e;
  }
}

async function ownRow(deps: Deps, ctx: Ctx, id: number) {
  const row = await deps.db.selectFrom('catalog_imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.user_id === null || row.user_id !== userId(ctx)) throw new NotFoundError();
  return row;
}

/** A report as stored: services and agencies (older runs stored the services' rows alone). */
export type Report = { rows: PlannedRow[]; agencies: PlannedAgency[] };
const readReport = (json: string | null): Report => {
  const r = json ? JSON.parse(json) : [];
  return Array.isArray(r) ? { rows: r, agencies: [] } : r;
};
const optionsOf = (row: Row): ImportOptions => (row.options_json ? JSON.parse(row.options_json) : NO_OPTIONS);

const view = (row: Row): ImportView => ({
  id: row.id,
  fileName: row.file_name,
  status: row.status,
  processed: row.processed,
  total: row.total,
  errors: row.errors_json ? JSON.parse(row.errors_json) : [],
  ...readReport(row.report_json),
  options: optionsOf(row),
  result: row.result_json ? JSON.parse(row.result_json) : undefined,
});

/** Whether a dry run refuses anything (a service row or an agency). */
export const refusesAny = (r: Report) => r.rows.some((x) => x.outcome === 'refuse') || r.agencies.some((a) => a.outcome === 'refuse');

/** An import as its uploader follows it (anyone else gets 404). */
export async function getImport(deps: Deps, ctx: Ctx, id: number): Promise<ImportView> {
  return view(await ownRow(deps, ctx, id));
}

/**
 * Asks the worker to write a dry run whose rows were all accepted; queued in one transaction with
 * its audit record. A run already asked for, done, or older than an hour answers 410.
 */
export async function applyImport(deps: Deps, ctx: Ctx, id: number): Promise<void> {
  const row = await ownRow(deps, ctx, id);
  const report = view(row);
  const rows = report.rows;
  if (row.status === 'planned' && refusesAny(report)) throw new AppError(409, 'io.run_refused');
  if (row.status !== 'planned' || !row.file_key || Date.now() - new Date(row.updated_at).getTime() > PLAN_VALID_MS)
    throw new AppError(410, 'io.expired');
  await deps.db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('catalog_imports')
      .set({ status: 'applying', processed: 0, updated_at: nowIso() })
      .where('id', '=', id)
      .where('status', '=', 'planned')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new AppError(410, 'io.expired');
    await enqueue(trx, IMPORT_JOB, { id, phase: 'apply', ctx: jobCtx(ctx) } satisfies ImportJob, { maxAttempts: 3 });
    await recordAudit(trx, ctx, { action: 'catalog.import.run', recordType: 'catalog_import', recordId: id, after: { rows: rows.length } });
  });
}

async function setRow(deps: Deps, id: number, values: Partial<Omit<Row, 'id'>>) {
  await deps.db
    .updateTable('catalog_imports')
    .set({ ...values, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

async function dropFile(deps: Deps, key: string | null) {
  if (key && (await deps.storage.exists(key))) await deps.storage.remove(key);
}

/**
 * The worker's side: the dry run (plan) and the real run (apply) of one import. `signal` aborts
 * when this worker lost the job's lease; the work stops at the next batch and is left to the
 * worker that took it over.
 */
export async function runImportJob(deps: Deps, payload: ImportJob, signal?: AbortSignal): Promise<void> {
  const row = await deps.db.selectFrom('catalog_imports').selectAll().where('id', '=', payload.id).executeTakeFirst();
  if (!row) return;
  const wanted: ImportStatus[] = payload.phase === 'plan' ? ['queued', 'planning'] : ['applying'];
  if (!wanted.includes(row.status) || !row.file_key) return;
  const progress = async (done: number, total: number) => {
    signal?.throwIfAborted();
    await setRow(deps, row.id, { processed: done, total });
  };
  try {
    if (payload.phase === 'plan') await dryRun(deps, payload.ctx, row, progress);
    else await realRun(deps, payload.ctx, row, progress);
  } catch (e) {
    if (signal?.aborted) throw e;
    if (isFileRefusal(e)) {
      await setRow(deps, row.id, { status: 'refused', errors_json: JSON.stringify(e.fieldErrors), file_key: null });
      await dropFile(deps, row.file_key);
      return;
    }
    // Anything else is a fault of ours, not of the file: the page says so, and the job is parked for an operator.
    await setRow(deps, row.id, { status: 'failed', errors_json: JSON.stringify([{ field: 'file', key: 'io.failed' }]), file_key: null });
    await dropFile(deps, row.file_key);
    throw new PermanentJobError(`catalog import ${row.id}: ${(e as Error).message}`);
  }
}

async function dryRun(deps: Deps, ctx: Ctx, row: Row, progress: (d: number, t: number) => Promise<void>) {
  await setRow(deps, row.id, { status: 'planning' });
  const plan = await planImport(deps, ctx, await deps.storage.get(row.file_key as string), row.kind, progress, optionsOf(row));
  const refused = refusesAny(plan);
  await setRow(deps, row.id, {
    status: 'planned',
    report_json: JSON.stringify({ rows: plan.rows, agencies: plan.agencies } satisfies Report),
    processed: plan.rows.length,
    total: plan.rows.length,
    file_key: refused ? null : row.file_key,
  });
  // A file with refused rows can never run; nothing needs it any more.
  if (refused) await dropFile(deps, row.file_key);
}

/** Plans again (the catalog may have moved) and writes every row in one transaction, or nothing. */
async function realRun(deps: Deps, ctx: Ctx, row: Row, progress: (d: number, t: number) => Promise<void>) {
  const options = optionsOf(row);
  const plan = await planImport(deps, ctx, await deps.storage.get(row.file_key as string), row.kind, progress, options);
  if (refusesAny(plan)) {
    await setRow(deps, row.id, {
      status: 'failed',
      report_json: JSON.stringify({ rows: plan.rows, agencies: plan.agencies } satisfies Report),
      errors_json: JSON.stringify([{ field: 'file', key: 'io.run_refused' }]),
      file_key: null,
    });
    await dropFile(deps, row.file_key);
    return;
  }
  let counts: ImportCounts = emptyCounts();
  const written = await deps.db.transaction().execute(async (trx) => {
    // Claims the run: a second worker that picked the same job up finds nothing to do.
    const claimed = await trx
      .updateTable('catalog_imports')
      .set({ status: 'applied', updated_at: nowIso() })
      .where('id', '=', row.id)
      .where('status', '=', 'applying')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    counts = await writePlan(trx, deps, ctx, plan, options);
    await trx
      .updateTable('catalog_imports')
      .set({ result_json: JSON.stringify(counts), file_key: null, processed: plan.rows.length, total: plan.rows.length })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, ctx, { action: 'catalog.import', recordType: 'catalog', recordId: null, after: counts });
    return true;
  });
  if (!written) return;
  await dropFile(deps, row.file_key);
  catalogChanged(deps);
}

export type ImportCounts = Record<Outcome | 'agencies_created' | 'agencies_updated', number>;
const emptyCounts = (): ImportCounts => ({
  create: 0,
  update: 0,
  unchanged: 0,
  draft: 0,
  refuse: 0,
  agencies_created: 0,
  agencies_updated: 0,
});

/** Writes a plan without refusals inside the caller's transaction: agencies first, then every service row. */
async function writePlan(trx: Executor, deps: Deps, ctx: Ctx, plan: Plan, options: ImportOptions): Promise<ImportCounts> {
  const counts = emptyCounts();
  const agencyIds = await writeAgencies(trx, ctx, plan.agencies);
  counts.agencies_created = plan.agencies.filter((a) => a.outcome === 'create').length;
  counts.agencies_updated = plan.agencies.filter((a) => a.outcome === 'update').length;
  for (const [i, r] of plan.rows.entries()) {
    if (i % BATCH === 0) await nextTurn();
    counts[r.outcome]++;
    const p = plan.parsed.get(r.row);
    if (!p || !r.identifier || r.outcome === 'unchanged') continue;
    const agencyId = p.agencyId ?? (agencyIds.get(p.agencyCode.toLowerCase()) as number);
    if (p.draft) {
      await writeDraft(trx, ctx, r.identifier, agencyId, p.data);
      continue;
    }
    const service =
      (await repo.findServiceByIdentifier(trx, r.identifier)) ??
      (await createInTransaction(trx, ctx, { identifier: r.identifier, agency_id: agencyId, data: p.data }));
    // Importing existing services is not a launch: other modules hear of it only when the importer asked.
    await publishInTransaction(trx, deps, ctx, service, p.data, 'import', { emitEvent: options.announce });
  }
  return counts;
}

/** Who may import without a session: an API token with services:publish (rows of its own agency only) or the server's CLI. */
const canImportDirectly = (ctx: Ctx) =>
  canImport(ctx) || ctx.actor.kind === 'system' || (ctx.actor.kind === 'token' && ctx.actor.scopes.includes('services:publish'));

export type DirectImport = Report & { applied: boolean; refused: boolean; counts?: ImportCounts };

/**
 * The API's and the CLI's import: reads and plans the file at once (same screening, limits and
 * checks as the console's), and unless it is a dry run writes it in one transaction; a run with
 * refused rows is refused as a whole (409) — the dry run says why. Audited either way.
 */
export async function importNow(deps: Deps, ctx: Ctx, file: Buffer, rawOptions: unknown, dryRun: boolean): Promise<DirectImport> {
  authorize(canImportDirectly(ctx));
  const options = parseInput(importOptions, rawOptions);
  const kind = await screenUpload(file);
  const plan = await planImport(deps, ctx, file, kind, undefined, options);
  const report: Report = { rows: plan.rows, agencies: plan.agencies };
  const refused = refusesAny(plan);
  if (dryRun) {
    await recordAuditNow(deps.db, ctx, {
      action: 'catalog.import.dry_run',
      recordType: 'catalog',
      recordId: null,
      after: { kind, bytes: file.length, options, rows: plan.rows.length, agencies: plan.agencies.length, refused },
    });
    return { ...report, applied: false, refused };
  }
  if (refused) throw new AppError(409, 'io.run_refused');
  const counts = await deps.db.transaction().execute(async (trx) => {
    const c = await writePlan(trx, deps, ctx, plan, options);
    await recordAudit(trx, ctx, { action: 'catalog.import', recordType: 'catalog', recordId: null, after: { ...c, kind, options } });
    return c;
  });
  catalogChanged(deps);
  return { ...report, applied: true, refused: false, counts };
}

/**
 * An incomplete row (no audience, channel, maturity or status) as an unpublished draft: a new
 * service is created with it (its list columns hold placeholders until the first publication), an
 * existing one keeps its published version and gets the draft. Publication refuses until the
 * draft page's checklist is done.
 */
async function writeDraft(trx: Executor, ctx: Ctx, identifier: string, agencyId: number, data: ServiceData) {
  const draft = JSON.stringify(data);
  const existing = await repo.findServiceByIdentifier(trx, identifier);
  if (existing) {
    await repo.updateServiceRow(trx, existing.id, {
      draft_json: draft,
      draft_updated_at: nowIso(),
      draft_updated_by: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: 'service.draft_save',
      recordType: 'service',
      recordId: existing.id,
      agencyId: existing.agency_id,
      after: data,
    });
    return;
  }
  const head = { ...data, status: data.status ?? 'planned', maturity: data.maturity ?? 'informational' };
  const row = await createInTransaction(trx, ctx, { identifier, agency_id: agencyId, data: head });
  await repo.updateServiceRow(trx, row.id, { draft_json: draft });
}

/** Removes the stored files of dry runs nobody ran within the hour they stay valid. */
export async function dropExpiredImports(deps: Deps, now = Date.now()): Promise<number> {
  const stale = await deps.db
    .selectFrom('catalog_imports')
    .select(['id', 'file_key'])
    .where('status', '=', 'planned')
    .where('file_key', 'is not', null)
    .where('updated_at', '<', new Date(now - PLAN_VALID_MS).toISOString())
    .execute();
  for (const row of stale) {
    await deps.db.updateTable('catalog_imports').set({ file_key: null }).where('id', '=', row.id).execute();
    await dropFile(deps, row.file_key);
  }
  return stale.length;
}
