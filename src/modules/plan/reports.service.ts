import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { issuesToFieldErrors, parseInput } from '../../platform/http/validation.ts';
import { localDate } from '../../platform/i18n/dates.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import { planPolicy } from './plan.policy.ts';
import * as repo from './plan.repo.ts';
import { correctionReason, decisionInput, narrativeInput, type ReportFigures, reportFigures, returnInput } from './plan.schema.ts';
import type { ReportStatus } from './plan.tables.ts';

// Period reports, maker-checker: the owner agency's editor drafts, its administrator submits, the
// program office returns it with a comment or accepts it. Accepting applies the figures to the
// initiative (milestone dates, KPI actuals, forecast end, spend) and locks the report; afterwards its
// figures change only through a correction the office reviews, kept in the history.

export const REPORT_NOTICE_JOB = 'plan.report_notice';

/** The form field a figure is entered in, so its error shows beside it. */
const formField = (figures: ReportFigures, path: string): string => {
  const [list, index, name] = path.split('.');
  if (list === 'milestones') return `ms_${figures.milestones[Number(index)]?.id}_${name === 'actual_date' ? 'actual' : 'forecast'}`;
  if (list === 'kpis') return `kpi_${figures.kpis[Number(index)]?.id}_actual`;
  return path;
};

/** Reads a report form's figures for the initiative's own milestones and KPIs (bilingual field errors). */
export function figuresFromForm(
  values: Record<string, unknown>,
  milestones: readonly repo.MilestoneRow[],
  kpis: readonly repo.KpiRow[],
  today: string,
): ReportFigures {
  const v = (k: string) => (values[k] === undefined ? null : values[k]);
  const raw = {
    forecast_end: v('forecast_end'),
    spend_sar: v('spend_sar'),
    milestones: milestones.map((m) => ({ id: m.id, forecast_date: v(`ms_${m.id}_forecast`), actual_date: v(`ms_${m.id}_actual`) })),
    kpis: kpis.map((k) => ({ id: k.id, actual: v(`kpi_${k.id}_actual`) })),
  };
  const r = reportFigures.safeParse(raw);
  if (!r.success) {
    const shaped = raw as unknown as ReportFigures;
    throw new ValidationError(
      issuesToFieldErrors(r.error.issues, { input: raw }).map((e) => ({ ...e, field: formField(shaped, e.field) })),
    );
  }
  const future: FieldError[] = r.data.milestones
    .filter((m) => m.actual_date && m.actual_date > today)
    .map((m) => ({ field: `ms_${m.id}_actual`, key: 'plan.validation.future' }));
  if (future.length) throw new ValidationError(future);
  return r.data;
}

/** Everything a report page needs: the initiative, its plan, the period, milestones, KPIs, the report and its corrections. */
export async function reportBundle(deps: Deps, ctx: Ctx, initiativeId: number, periodId: number) {
  const initiative = await repo.findInitiative(deps.db, initiativeId);
  if (!initiative) throw new NotFoundError();
  authorize(planPolicy.readInitiative(ctx.actor, initiative.owner_agency_id));
  const period = await repo.findPeriod(deps.db, periodId);
  if (!period || period.plan_id !== initiative.plan_id) throw new NotFoundError();
  const plan = (await repo.findPlan(deps.db, initiative.plan_id)) as repo.PlanRow;
  const milestones = await repo.listMilestones(deps.db, [initiativeId]);
  const kpis = await repo.listKpis(deps.db, [initiativeId]);
  const values = await repo.listKpiValues(
    deps.db,
    kpis.map((k) => k.id),
  );
  const report = await repo.findReportFor(deps.db, initiativeId, periodId);
  const corrections = report ? await repo.listCorrections(deps.db, [report.id]) : [];
  return { initiative, plan, period, milestones, kpis, values: values.filter((x) => x.period_id === periodId), report, corrections };
}
export type ReportBundle = Awaited<ReturnType<typeof reportBundle>>;

/** The figures a new report starts from: the initiative's current ones. */
export function currentFigures(b: Pick<ReportBundle, 'initiative' | 'milestones' | 'kpis' | 'values'>): ReportFigures {
  return {
    forecast_end: b.initiative.forecast_end,
    spend_sar: b.initiative.spend_sar,
    milestones: b.milestones.map((m) => ({ id: m.id, forecast_date: m.forecast_date, actual_date: m.actual_date })),
    kpis: b.kpis.map((k) => ({ id: k.id, actual: b.values.find((x) => x.kpi_id === k.id)?.actual ?? null })),
  };
}

/** A report's figures as form values (the names the report form and figuresFromForm share). */
export function figureValues(f: ReportFigures): Record<string, unknown> {
  const v: Record<string, unknown> = { forecast_end: f.forecast_end ?? undefined, spend_sar: f.spend_sar ?? undefined };
  for (const m of f.milestones) {
    v[`ms_${m.id}_forecast`] = m.forecast_date ?? undefined;
    v[`ms_${m.id}_actual`] = m.actual_date ?? undefined;
  }
  for (const k of f.kpis) v[`kpi_${k.id}_actual`] = k.actual ?? undefined;
  return v;
}

export const parseFigures = (json: string) => reportFigures.parse(JSON.parse(json));

const EDITABLE: readonly ReportStatus[] = ['draft', 'returned'];

/** Saves the draft of a period report (creating it the first time); refused once submitted or locked. */
export async function saveReport(deps: Deps, ctx: Ctx, initiativeId: number, periodId: number, raw: Record<string, unknown>) {
  const b = await reportBundle(deps, ctx, initiativeId, periodId);
  authorize(planPolicy.draft(ctx.actor, b.initiative.owner_agency_id));
  if (b.plan.status !== 'active') throw new ConflictError('plan.error.plan_not_active');
  if (b.report && b.report.status === 'accepted') throw new ConflictError('plan.error.locked');
  if (b.report && b.report.status === 'submitted') throw new ConflictError('plan.error.under_review');
  const figures = figuresFromForm(raw, b.milestones, b.kpis, localDate(nowIso(), deps.config.timeZone));
  const { narrative } = parseInput(narrativeInput, { narrative: raw.narrative });
  const figures_json = JSON.stringify(figures);
  return deps.db.transaction().execute(async (trx) => {
    const saved = b.report
      ? await repo.moveReport(trx, b.report.id, EDITABLE, b.report.version, { figures_json, narrative: narrative ?? '' })
      : await repo.insertReport(trx, {
          initiative_id: initiativeId,
          period_id: periodId,
          agency_id: b.initiative.owner_agency_id,
          figures_json,
          narrative: narrative ?? '',
        });
    if (!saved) throw new ConflictError('plan.error.changed');
    await recordAudit(trx, ctx, {
      action: 'plan.report.save',
      recordType: 'plan_report',
      recordId: saved.id,
      agencyId: saved.agency_id,
      before: b.report ? { figures: JSON.parse(b.report.figures_json), narrative: b.report.narrative } : undefined,
      after: { figures, narrative: saved.narrative },
    });
    return saved;
  });
}

async function loadReport(deps: Deps, id: number) {
  const report = await repo.findReport(deps.db, id);
  if (!report) throw new NotFoundError();
  return report;
}

async function step(
  trx: Executor,
  ctx: Ctx,
  report: repo.ReportRow,
  from: readonly ReportStatus[],
  to: ReportStatus,
  extra: { comment?: string | null; submitted_at?: string; accepted_at?: string },
) {
  const moved = await repo.moveReport(trx, report.id, from, report.version, {
    status: to,
    review_comment: extra.comment === undefined ? report.review_comment : extra.comment,
    ...(extra.submitted_at ? { submitted_at: extra.submitted_at } : {}),
    ...(extra.accepted_at ? { accepted_at: extra.accepted_at } : {}),
  });
  if (!moved) throw new ConflictError('plan.error.report_state');
  await repo.insertEvent(trx, {
    initiative_id: report.initiative_id,
    report_id: report.id,
    action: `report.${to}`,
    comment: extra.comment ?? null,
    detail_json: JSON.stringify({ period_id: report.period_id }),
    actor_label: actorLabel(ctx.actor),
  });
  await recordAudit(trx, ctx, {
    action: `plan.report.${to}`,
    recordType: 'plan_report',
    recordId: report.id,
    agencyId: report.agency_id,
    before: { status: report.status },
    after: { status: to, comment: extra.comment ?? null },
  });
  return moved;
}

/** The agency's administrator sends a drafted (or returned and corrected) report to the program office. */
export async function submitReport(deps: Deps, ctx: Ctx, reportId: number) {
  const report = await loadReport(deps, reportId);
  authorize(planPolicy.submit(ctx.actor, report.agency_id));
  if (report.status === 'accepted') throw new ConflictError('plan.error.locked');
  if (!EDITABLE.includes(report.status)) throw new ConflictError('plan.error.report_state');
  return deps.db.transaction().execute((trx) => step(trx, ctx, report, EDITABLE, 'submitted', { comment: null, submitted_at: nowIso() }));
}

/** The program office sends a submitted report back to the agency, saying why. */
export async function returnReport(deps: Deps, ctx: Ctx, reportId: number, raw: unknown) {
  authorize(planPolicy.review(ctx.actor));
  const { comment } = parseInput(returnInput, raw);
  const report = await loadReport(deps, reportId);
  if (report.status !== 'submitted')
    throw new ConflictError(report.status === 'accepted' ? 'plan.error.locked' : 'plan.error.report_state');
  return deps.db.transaction().execute(async (trx) => {
    const moved = await step(trx, ctx, report, ['submitted'], 'returned', { comment });
    await enqueue(trx, REPORT_NOTICE_JOB, { reportId, kind: 'returned' });
    return moved;
  });
}

/** Applies a report's figures to its initiative: milestone dates, KPI actuals in its period, forecast end and spend. */
async function applyFigures(trx: Executor, report: repo.ReportRow, figures: ReportFigures) {
  const milestones = await repo.listMilestones(trx, [report.initiative_id]);
  const own = new Set(milestones.map((m) => m.id));
  // A completion the catalog made stands on its evidence: a report (drafted before it, say) cannot undo it.
  const auto = new Map(milestones.filter((m) => m.evidence_json).map((m) => [m.id, m.actual_date]));
  for (const m of figures.milestones) {
    if (auto.has(m.id)) m.actual_date = auto.get(m.id) ?? null;
    if (own.has(m.id)) await repo.updateMilestone(trx, m.id, { forecast_date: m.forecast_date, actual_date: m.actual_date });
  }
  const kpis = new Set((await repo.listKpis(trx, [report.initiative_id], 'all')).map((k) => k.id));
  for (const k of figures.kpis) if (kpis.has(k.id)) await repo.setKpiValue(trx, k.id, report.period_id, 'actual', k.actual);
  const done = figures.milestones.filter((m) => own.has(m.id));
  const allDone = milestones.length > 0 && done.length === milestones.length && done.every((m) => m.actual_date);
  const firstDone = done
    .map((m) => m.actual_date)
    .filter((d): d is string => !!d)
    .sort();
  await repo.updateInitiative(trx, report.initiative_id, {
    ...(figures.forecast_end ? { forecast_end: figures.forecast_end } : {}),
    ...(figures.spend_sar !== null ? { spend_sar: figures.spend_sar } : {}),
    ...(firstDone.length ? { actual_start: firstDone[0] } : {}),
    actual_end: allDone ? (firstDone.at(-1) ?? null) : null,
  });
}

/** The program office accepts a submitted report: its figures become the initiative's, and it is locked. */
export async function acceptReport(deps: Deps, ctx: Ctx, reportId: number, raw: unknown) {
  authorize(planPolicy.review(ctx.actor));
  const { comment } = parseInput(decisionInput, raw);
  const report = await loadReport(deps, reportId);
  if (report.status !== 'submitted')
    throw new ConflictError(report.status === 'accepted' ? 'plan.error.locked' : 'plan.error.report_state');
  return deps.db.transaction().execute(async (trx) => {
    const moved = await step(trx, ctx, report, ['submitted'], 'accepted', { comment: comment ?? null, accepted_at: nowIso() });
    await applyFigures(trx, moved, parseFigures(moved.figures_json));
    await enqueue(trx, REPORT_NOTICE_JOB, { reportId, kind: 'accepted' });
    return moved;
  });
}

/** The agency's administrator proposes new figures for a locked report, with a reason; one proposal at a time. */
export async function proposeCorrection(deps: Deps, ctx: Ctx, reportId: number, raw: Record<string, unknown>) {
  const report = await loadReport(deps, reportId);
  authorize(planPolicy.submit(ctx.actor, report.agency_id));
  if (report.status !== 'accepted') throw new ConflictError('plan.error.not_locked');
  const { reason } = parseInput(correctionReason, { reason: raw.reason });
  const milestones = await repo.listMilestones(deps.db, [report.initiative_id]);
  const kpis = await repo.listKpis(deps.db, [report.initiative_id]);
  const figures = figuresFromForm(raw, milestones, kpis, localDate(nowIso(), deps.config.timeZone));
  if ((await repo.listCorrections(deps.db, [reportId])).some((c) => c.status === 'proposed'))
    throw new ConflictError('plan.error.correction_pending');
  return deps.db.transaction().execute(async (trx) => {
    const c = await repo.insertCorrection(trx, {
      report_id: reportId,
      figures_json: JSON.stringify(figures),
      reason,
      proposed_by: actorLabel(ctx.actor),
    });
    await repo.insertEvent(trx, {
      initiative_id: report.initiative_id,
      report_id: reportId,
      action: 'correction.proposed',
      comment: reason,
      detail_json: JSON.stringify({ correction_id: c.id }),
      actor_label: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: 'plan.correction.propose',
      recordType: 'plan_correction',
      recordId: c.id,
      agencyId: report.agency_id,
      after: { figures, reason },
    });
    return c;
  });
}

/** The program office accepts a proposed correction (the report's figures change, the old ones stay in the history) or rejects it with a comment. */
export async function decideCorrection(deps: Deps, ctx: Ctx, correctionId: number, decision: 'accept' | 'reject', raw: unknown) {
  authorize(planPolicy.review(ctx.actor));
  const comment = decision === 'reject' ? parseInput(returnInput, raw).comment : (parseInput(decisionInput, raw).comment ?? null);
  const c = await repo.findCorrection(deps.db, correctionId);
  if (!c) throw new NotFoundError();
  const report = await loadReport(deps, c.report_id);
  return deps.db.transaction().execute(async (trx) => {
    const status = decision === 'accept' ? 'accepted' : 'rejected';
    if (!(await repo.decideCorrection(trx, correctionId, { status, reviewed_by: actorLabel(ctx.actor), review_comment: comment })))
      throw new ConflictError('plan.error.correction_decided');
    if (decision === 'accept') {
      const updated = await repo.moveReport(trx, report.id, ['accepted'], report.version, { figures_json: c.figures_json });
      if (!updated) throw new ConflictError('plan.error.changed');
      await applyFigures(trx, updated, parseFigures(c.figures_json));
    }
    await repo.insertEvent(trx, {
      initiative_id: report.initiative_id,
      report_id: report.id,
      action: `correction.${status}`,
      comment,
      detail_json: JSON.stringify({ correction_id: c.id, before: JSON.parse(report.figures_json), after: JSON.parse(c.figures_json) }),
      actor_label: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action: `plan.correction.${decision}`,
      recordType: 'plan_correction',
      recordId: c.id,
      agencyId: report.agency_id,
      before: { figures: JSON.parse(report.figures_json) },
      after: { status, figures: decision === 'accept' ? JSON.parse(c.figures_json) : undefined, comment },
    });
  });
}
