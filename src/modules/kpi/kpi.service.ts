import type { z } from 'zod';
import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorAgencyIds, actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { issuesToFieldErrors } from '../../platform/http/validation.ts';
import { findService, type ServiceRow } from '../catalog/public.ts';
import { kpiPolicy } from './kpi.policy.ts';
import * as repo from './kpi.repo.ts';
import { crossProblems, currentMonth, type FiguresBody, figuresBody, monthProblem, monthSchema } from './kpi.schema.ts';
import { type Channel, channels, type Source } from './kpi.tables.ts';

// Entering a month's figures for a service: from the console form, a file row or the API, through
// one function. A month entered again is a correction: a new version, kept with the old ones, with
// the reason; the change, its version and its audit record commit together.

export type Outcome = 'create' | 'update' | 'unchanged';

/** The month figures may be entered up to, in the program's time zone. */
export const latestMonth = (deps: Deps) => currentMonth(deps.config.timeZone);

/** A service figures may be entered for: in the catalog, published and live. */
export function isLive(s: Pick<ServiceRow, 'status' | 'published_version'>): boolean {
  return s.status === 'live' && s.published_version > 0;
}

/** The service, if it exists and the actor may read its agency's figures (404 / 403 otherwise). */
export async function readableService(deps: Deps, ctx: Ctx, serviceId: number): Promise<ServiceRow> {
  const service = await findService(deps.db, serviceId);
  if (!service) throw new NotFoundError();
  authorize(kpiPolicy.read(ctx.actor, service.agency_id));
  return service;
}

/** Validates a month's figures and the month itself; every problem at once, field by field. */
export function checkFigures(deps: Deps, month: unknown, raw: unknown): { month: string; body: FiguresBody } {
  const problems: FieldError[] = [];
  const m = monthSchema.safeParse(month);
  if (!m.success) problems.push(...issuesToFieldErrors(m.error.issues, { input: month }).map((e) => ({ ...e, field: 'month' })));
  else {
    const p = monthProblem(m.data, latestMonth(deps));
    if (p) problems.push({ field: 'month', key: p });
  }
  // Field by field, so the rules between fields run on every field that parsed and all problems show at once.
  const values = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const parsed: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(figuresBody.shape)) {
    const r = (schema as z.ZodType).safeParse(values[name]);
    if (r.success) parsed[name] = r.data;
    else problems.push(...issuesToFieldErrors(r.error.issues, { input: values[name] }).map((e) => ({ ...e, field: name })));
  }
  problems.push(...crossProblems(parsed as Partial<FiguresBody>));
  if (problems.length || !m.success) throw new ValidationError(problems);
  return { month: m.data, body: parsed as FiguresBody };
}

const valuesOf = (b: FiguresBody) => ({
  ...(Object.fromEntries(channels.map((c) => [c, b[c]])) as Record<Channel, number>),
  started: b.started,
  completed: b.completed,
  total_cost: b.total_cost ?? null,
  cost_includes: b.total_cost === undefined ? null : (b.cost_includes ?? null),
});
type Values = ReturnType<typeof valuesOf>;

const sameValues = (row: repo.FigureRow, v: Values) => (Object.keys(v) as (keyof Values)[]).every((k) => (row[k] ?? null) === v[k]);

/**
 * Writes one month inside the caller's transaction: a first entry, a correction (a new version,
 * with its reason when the caller asks for one) or nothing when the figures are unchanged.
 * Authorization and validation are the caller's (they differ between a form, a file and the API).
 */
export async function applyMonth(
  trx: Executor,
  ctx: Ctx,
  service: ServiceRow,
  month: string,
  body: FiguresBody,
  source: Source,
  opts: { requireReason?: boolean } = {},
): Promise<{ figure: repo.FigureRow; outcome: Outcome }> {
  const values = valuesOf(body);
  const existing = await repo.findFigure(trx, service.id, month);
  const by = actorLabel(ctx.actor);
  const reason = body.reason ?? null;
  if (existing && sameValues(existing, values)) return { figure: existing, outcome: 'unchanged' };
  if (existing && opts.requireReason && !reason) throw new ValidationError([{ field: 'reason', key: 'kpi.validation.reason' }]);
  const row: repo.FigureValues = {
    ...values,
    service_id: service.id,
    agency_id: service.agency_id,
    month,
    version: (existing?.version ?? 0) + 1,
    source,
    updated_by: by,
  };
  const figure = existing ? await repo.updateFigure(trx, existing.id, existing.version, row) : await repo.insertFigure(trx, row);
  if (!figure) throw new ConflictError('kpi.error.changed_meanwhile');
  await repo.insertVersion(trx, {
    figure_id: figure.id,
    version: figure.version,
    values_json: JSON.stringify(values),
    source,
    reason,
    actor_label: by,
  });
  await recordAudit(trx, ctx, {
    action: existing ? 'kpi.correct' : 'kpi.enter',
    recordType: 'kpi_figure',
    recordId: figure.id,
    agencyId: service.agency_id,
    before: existing ? { month, version: existing.version, ...valuesOfRow(existing) } : undefined,
    after: { service: service.identifier, month, version: figure.version, source, reason, ...values },
  });
  return { figure, outcome: existing ? 'update' : 'create' };
}

const valuesOfRow = (r: repo.FigureRow): Values => ({
  web: r.web,
  app: r.app,
  kiosk: r.kiosk,
  call_centre: r.call_centre,
  service_centre: r.service_centre,
  started: r.started,
  completed: r.completed,
  total_cost: r.total_cost,
  cost_includes: r.cost_includes,
});

/** The service figures are written for: it exists, the actor may write its agency's figures, and it is live. */
function writableService(ctx: Ctx, service: ServiceRow | undefined): ServiceRow {
  if (!service) throw new NotFoundError();
  authorize(kpiPolicy.write(ctx.actor, service.agency_id));
  if (!isLive(service)) throw new ConflictError('kpi.error.not_live');
  return service;
}

/**
 * Enters or corrects one month of a service's figures (the console form and the API). A correction
 * from the form must say why; the API's reason is optional (its token names the system that sent it).
 */
export async function saveMonth(
  deps: Deps,
  ctx: Ctx,
  serviceId: number,
  month: unknown,
  raw: unknown,
  source: 'form' | 'api' | 'demo' = 'form',
): Promise<{ figure: repo.FigureRow; outcome: Outcome }> {
  const service = writableService(ctx, await findService(deps.db, serviceId));
  const input = checkFigures(deps, month, raw);
  return deps.db
    .transaction()
    .execute((trx) => applyMonth(trx, ctx, service, input.month, input.body, source, { requireReason: source === 'form' }));
}

/** A month's figures and every version of them, newest first (undefined figure when the month is missing). */
export async function monthHistory(deps: Deps, ctx: Ctx, serviceId: number, month: string) {
  const service = await readableService(deps, ctx, serviceId);
  const figure = await repo.findFigure(deps.db, service.id, month);
  return { service, figure, versions: figure ? await repo.listVersions(deps.db, figure.id) : [] };
}

/** The agencies whose figures the actor works on (staff: their own; the office: none in particular). */
export const ownAgencies = (ctx: Ctx) => actorAgencyIds(ctx.actor);
