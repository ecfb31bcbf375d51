import { createHash } from 'node:crypto';
import type { MessageKey } from '../../messages.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorId, actorLabel, type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { toCsv } from '../../platform/csv.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, ConflictError, type FieldError, fieldError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { readTable, screenTable, type TableKind, type TableLimits } from '../../platform/tabular.ts';
import { findServiceByIdentifier, inspectXlsx, type ServiceRow, verifyXlsx } from '../catalog/public.ts';
import { kpiPolicy, WRITE_ROLES } from './kpi.policy.ts';
import * as repo from './kpi.repo.ts';
import type { FiguresBody } from './kpi.schema.ts';
import { applyMonth, checkFigures, isLive, type Outcome } from './kpi.service.ts';

// Figures from a file (CSV or XLSX, one row per service and month): a dry run shows what each row
// would do, with its problems, and writes nothing; the commit re-reads the very file that was
// previewed (kept in storage) and writes every row in one transaction, or none if any is refused.

/** What one import may cost, whatever the file claims (docs/modules.md lists them). */
export const KPI_IMPORT_LIMITS = {
  /** The uploaded file. */
  maxBytes: 2 * 1024 * 1024,
  /** Rows after the heading: 24 months of 200 services. */
  maxRows: 5_000,
  /** Columns of the heading (the template has 12). */
  maxColumns: 20,
  columnsKey: 'kpi.import.columns',
  /** A month column typed as a date in a spreadsheet reads as its month. */
  dates: 'month',
} as const satisfies TableLimits;

/** The file's columns, each headed by its key, its Arabic name, or both as "Arabic (key)" (the template's). */
export const columns = {
  service: 'الخدمة',
  month: 'الشهر',
  web: 'الموقع الإلكتروني',
  app: 'التطبيق',
  kiosk: 'الأكشاك',
  call_centre: 'مركز الاتصال',
  service_centre: 'مركز الخدمة',
  started: 'المعاملات المبدوءة',
  completed: 'المعاملات المكتملة',
  total_cost: 'التكلفة الإجمالية',
  cost_includes: 'ما تشمله التكلفة',
  reason: 'سبب التصحيح',
} as const;
export type Column = keyof typeof columns;
const required: Column[] = ['service', 'month', 'web', 'app', 'kiosk', 'call_centre', 'service_centre', 'started', 'completed'];

const heading = (key: Column) => `${columns[key]} (${key})`;

/** The template: the heading in both languages and one example row. */
export function templateCsv(): string {
  const keys = Object.keys(columns) as Column[];
  const example: Record<Column, string | number> = {
    service: 'renew-passport',
    month: '2026-01',
    web: 8200,
    app: 5100,
    kiosk: 300,
    call_centre: 900,
    service_centre: 1500,
    started: 15000,
    completed: 13100,
    total_cost: 412000,
    cost_includes: 'Staff, hosting and licences / الموظفون والاستضافة والتراخيص',
    reason: '',
  };
  return toCsv([keys.map(heading), keys.map((k) => example[k])], { bom: true });
}

function columnFor(cell: string): Column | undefined {
  const h = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const key of Object.keys(columns) as Column[]) if (h === key || h === columns[key] || h === heading(key)) return key;
  return undefined;
}

export type ImportKind = TableKind;

const guards = { inspect: inspectXlsx, verify: verifyXlsx };

/** The checks an upload passes before anything reads it: size, and an XLSX's zip directory. */
export const screenFile = (file: unknown) => screenTable(file, KPI_IMPORT_LIMITS, guards);

/** One row of the preview: what committing would do with it, or why it is refused. */
export interface PlannedRow {
  row: number;
  service: string;
  month: string;
  outcome: Outcome | 'refuse';
  problems: FieldError[];
}
interface Ready {
  service: ServiceRow;
  month: string;
  body: FiguresBody;
}

/** What importing the file would do, row by row, without writing anything. */
export async function planFile(deps: Deps, ctx: Ctx, file: Buffer, kind: ImportKind): Promise<{ rows: PlannedRow[]; ready: Ready[] }> {
  const [header = [], ...body] = await readTable(file, kind, KPI_IMPORT_LIMITS, guards);
  const keys = header.map((h) => (h?.trim() ? columnFor(h) : undefined));
  const unknown = header.filter((h, i) => h?.trim() && !keys[i]);
  if (unknown.length) fieldError('file', 'validation.csv_header', { name: unknown.join(', ').slice(0, 200) });
  const missing = required.filter((k) => !keys.includes(k));
  if (missing.length) fieldError('file', 'validation.csv_missing_column', { name: missing.map(heading).join(', ') });
  if (body.length === 0) fieldError('file', 'kpi.import.no_rows');
  const services = new Map<string, ServiceRow | undefined>();
  const seen = new Set<string>();
  const rows: PlannedRow[] = [];
  const ready: Ready[] = [];
  for (const [i, cells] of body.entries()) {
    const r: Partial<Record<Column, string>> = {};
    const problems: FieldError[] = [];
    keys.forEach((k, j) => {
      if (!k) return;
      const v = cells[j];
      if (v === null) problems.push({ field: k, key: 'kpi.import.formula' });
      else if (v !== undefined && v.trim() !== '') r[k] = v.trim();
    });
    const identifier = (r.service ?? '').slice(0, 80);
    const month = (r.month ?? '').slice(0, 20);
    if (!services.has(identifier)) services.set(identifier, identifier ? await findServiceByIdentifier(deps.db, identifier) : undefined);
    const service = services.get(identifier);
    if (!service) problems.push({ field: 'service', key: 'kpi.import.service_unknown', params: { code: identifier } });
    else if (!kpiPolicy.write(ctx.actor, service.agency_id)) problems.push({ field: 'service', key: 'kpi.import.not_your_agency' });
    else if (!isLive(service)) problems.push({ field: 'service', key: 'kpi.error.not_live' });
    let input: ReturnType<typeof checkFigures> | undefined;
    try {
      input = checkFigures(deps, r.month, r);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      problems.push(...e.fieldErrors.filter((f) => f.field !== 'service'));
    }
    const key = `${identifier}|${input?.month ?? month}`;
    if (seen.has(key)) problems.push({ field: 'month', key: 'kpi.import.duplicate' });
    seen.add(key);
    let outcome: PlannedRow['outcome'] = 'refuse';
    if (problems.length === 0 && service && input) {
      const existing = await repo.findFigure(deps.db, service.id, input.month);
      outcome = !existing ? 'create' : 'update';
      ready.push({ service, month: input.month, body: input.body });
    }
    rows.push({ row: i + 2, service: identifier, month, outcome, problems });
  }
  return { rows, ready };
}

const uploader = (ctx: Ctx) => `${ctx.actor.kind}:${actorId(ctx.actor) ?? actorLabel(ctx.actor)}`;
const mayImport = (ctx: Ctx) => ctx.actor.kind === 'system' || hasRole(ctx.actor, ...WRITE_ROLES);

/** The dry run: keeps the file for the commit and returns the preview; a refused file throws a field error. */
export async function previewUpload(deps: Deps, ctx: Ctx, raw: unknown, fileName: string) {
  authorize(mayImport(ctx));
  const { file, kind } = await screenFile(raw);
  const plan = await planFile(deps, ctx, file, kind);
  const stored = await deps.storage.put(file, 'kpi-import');
  const upload = await repo.insertUpload(deps.db, {
    storage_key: stored.key,
    file_name: fileName.slice(0, 200) || 'upload',
    kind,
    sha256: createHash('sha256').update(file).digest('hex'),
    uploaded_by: uploader(ctx),
    committed_at: null,
  });
  return { upload, rows: plan.rows, refused: plan.rows.filter((r) => r.outcome === 'refuse').length };
}

/** Commits a previewed file: every row in one transaction, or nothing when any row is refused now. */
export async function commitUpload(deps: Deps, ctx: Ctx, uploadId: number) {
  authorize(mayImport(ctx));
  const upload = await repo.findUpload(deps.db, uploadId);
  if (!upload || upload.uploaded_by !== uploader(ctx)) throw new NotFoundError();
  if (upload.committed_at) throw new ConflictError('kpi.import.already');
  const file = await deps.storage.get(upload.storage_key);
  const plan = await planFile(deps, ctx, file, upload.kind);
  const refused = plan.rows.filter((r) => r.outcome === 'refuse');
  if (refused.length) throw new AppError(409, 'kpi.import.refused' satisfies MessageKey, { count: refused.length });
  const counts: Record<Outcome, number> = { create: 0, update: 0, unchanged: 0 };
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.markCommitted(trx, upload.id))) throw new ConflictError('kpi.import.already');
    for (const r of plan.ready) counts[(await applyMonth(trx, ctx, r.service, r.month, r.body, 'import')).outcome]++;
    await recordAudit(trx, ctx, {
      action: 'kpi.import',
      recordType: 'kpi_upload',
      recordId: upload.id,
      after: { file: upload.file_name, sha256: upload.sha256, rows: plan.rows.length, ...counts },
    });
  });
  return counts;
}
