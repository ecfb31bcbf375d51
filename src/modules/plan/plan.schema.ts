import { z } from 'zod';
import { formField, isoDay } from '../../platform/http/validation.ts';
import { foldDecimal } from '../../platform/i18n/digits.ts';
import { kpiDirections, kpiTypes, planStatuses, ratings, riskKinds, riskStatuses, systemStatuses } from './plan.tables.ts';

// Inputs of the plan module's forms and routes; one schema per payload.

const day = isoDay();
const text = (max: number) => z.string().trim().min(1).max(max);
const number = z.preprocess((v) => (typeof v === 'string' ? foldDecimal(v.replace(/[,،\u066C\s]/g, '')) : v), z.coerce.number());
const finite = number.pipe(z.number().refine(Number.isFinite, 'plan.validation.number'));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);
const weight = number.pipe(z.number().min(0).max(1000));
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'plan.validation.code');

export const planInput = z
  .object({
    code,
    name_ar: text(300),
    name_en: text(300),
    owner_agency_id: formField.optionalInt().pipe(z.number().int().positive().optional()),
    period_from: day,
    period_to: day,
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.period_to < p.period_from) ctx.addIssue({ code: 'custom', path: ['period_to'], message: 'plan.validation.date_order' });
  });
export type PlanInput = z.output<typeof planInput>;

export const planStatusInput = z.object({ status: z.enum(planStatuses) }).strict();

export const trackInput = z.object({ name_ar: text(300), name_en: text(300), weight }).strict();

export const periodInput = z
  .object({ code: text(40), starts_on: day, ends_on: day, due_on: day })
  .strict()
  .superRefine((p, ctx) => {
    if (p.ends_on < p.starts_on) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'plan.validation.date_order' });
    if (p.due_on < p.ends_on) ctx.addIssue({ code: 'custom', path: ['due_on'], message: 'plan.validation.due_order' });
  });

export const initiativeInput = z
  .object({
    code,
    name_ar: text(300),
    name_en: text(300),
    objective_ar: text(2000),
    objective_en: text(2000),
    track_id: formField.int().pipe(z.number().int().positive()),
    owner_agency_id: formField.int().pipe(z.number().int().positive()),
    weight,
    planned_start: day,
    planned_end: day,
    budget_sar: number.pipe(z.number().min(0).max(1e13)),
    /** Catalog service identifiers, separated by commas or spaces. */
    services: z.string().trim().max(2000).optional(),
    sponsor_ar: optionalText(300),
    sponsor_en: optionalText(300),
    /** Codes of the agencies taking part besides the owner. */
    partners: z.string().trim().max(2000).optional(),
    /** Codes of the initiatives of the same plan it depends on. */
    depends_on: z.string().trim().max(2000).optional(),
    /** Codes of the shared national systems it builds on or delivers, one a line. */
    systems: z.string().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.planned_end < p.planned_start) ctx.addIssue({ code: 'custom', path: ['planned_end'], message: 'plan.validation.date_order' });
    if (!p.sponsor_ar !== !p.sponsor_en)
      ctx.addIssue({ code: 'custom', path: [p.sponsor_ar ? 'sponsor_en' : 'sponsor_ar'], message: 'plan.validation.sponsor_both' });
  });
export type InitiativeInput = z.output<typeof initiativeInput>;

export const milestoneInput = z
  .object({
    name_ar: text(300),
    name_en: text(300),
    weight,
    planned_date: day,
    /** A catalog service identifier: the milestone completes when the catalog shows that service live. */
    service: z
      .string()
      .trim()
      .max(200)
      .optional()
      .transform((v) => v || undefined),
  })
  .strict();

export const kpiInput = z
  .object({
    name_ar: text(300),
    name_en: text(300),
    unit_ar: text(60),
    unit_en: text(60),
    kpi_type: z.enum(kpiTypes),
    direction: z.enum(kpiDirections),
    baseline: finite,
    baseline_date: day,
  })
  .strict();

export const targetInput = z.object({ period_id: formField.int().pipe(z.number().int().positive()), target: finite }).strict();

/** The figures a period report carries; applied to the initiative when the office accepts it. */
export const reportFigures = z.object({
  forecast_end: day.nullable(),
  spend_sar: number.pipe(z.number().min(0).max(1e13)).nullable(),
  milestones: z.array(z.object({ id: z.number().int(), forecast_date: day.nullable(), actual_date: day.nullable() })),
  kpis: z.array(z.object({ id: z.number().int(), actual: finite.nullable() })),
});
export type ReportFigures = z.output<typeof reportFigures>;

export const narrativeInput = z.object({ narrative: z.string().trim().max(5000).optional() });
export const returnInput = z.object({ comment: text(2000) });
export const correctionReason = z.object({ reason: text(2000) });
export const decisionInput = z.object({ comment: z.string().trim().max(2000).optional() });

export const overrideInput = z
  .object({ rating: z.enum(ratings).optional(), reason: z.string().trim().max(2000).optional() })
  .strict()
  .superRefine((p, ctx) => {
    if (p.rating && !p.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'plan.validation.reason_required' });
  });

const days = formField.int().pipe(z.number().int().min(0).max(3650));
const percent = number.pipe(z.number().min(0).max(1000));
/** A plan's rating thresholds: slippage days rising, attainment percentages falling, green first. */
export const thresholdsInput = z
  .object({ slip_1: days, slip_2: days, slip_3: days, slip_4: days, kpi_1: percent, kpi_2: percent, kpi_3: percent, kpi_4: percent })
  .strict()
  .superRefine((p, ctx) => {
    for (const i of [2, 3, 4] as const) {
      if (p[`slip_${i}`] <= p[`slip_${(i - 1) as 1 | 2 | 3}`])
        ctx.addIssue({ code: 'custom', path: [`slip_${i}`], message: 'plan.validation.thresholds_order' });
      if (p[`kpi_${i}`] >= p[`kpi_${(i - 1) as 1 | 2 | 3}`])
        ctx.addIssue({ code: 'custom', path: [`kpi_${i}`], message: 'plan.validation.thresholds_order' });
    }
  });

/** A change request: new planned dates, budget and/or one KPI target, with the reason (at least one change). */
export const changeInput = z
  .object({
    planned_start: day.optional(),
    planned_end: day.optional(),
    budget_sar: number.pipe(z.number().min(0).max(1e13)).optional(),
    kpi_id: formField.optionalInt().pipe(z.number().int().positive().optional()),
    period_id: formField.optionalInt().pipe(z.number().int().positive().optional()),
    target: finite.optional(),
    reason: text(2000),
  })
  .strict()
  .superRefine((p, ctx) => {
    const target = p.kpi_id !== undefined || p.period_id !== undefined || p.target !== undefined;
    if (target)
      for (const f of ['kpi_id', 'period_id', 'target'] as const)
        if (p[f] === undefined) ctx.addIssue({ code: 'custom', path: [f], message: 'plan.validation.target_whole' });
    if (!target && p.planned_start === undefined && p.planned_end === undefined && p.budget_sar === undefined)
      ctx.addIssue({ code: 'custom', path: ['planned_end'], message: 'plan.validation.change_nothing' });
  });
export type ChangeInput = z.output<typeof changeInput>;

const scale = formField.int().pipe(z.number().int().min(1).max(5));

/** An entry of an initiative's risks and issues register. */
export const riskInput = z
  .object({
    kind: z.enum(riskKinds),
    title: text(300),
    likelihood: scale,
    impact: scale,
    owner: text(200),
    mitigation: text(2000),
    status: z.enum(riskStatuses),
    review_on: day.optional(),
  })
  .strict();

/** An agency's e-transactions committee: its name in both languages. */
export const committeeInput = z.object({ name_ar: text(300), name_en: text(300) }).strict();

/** A committee member: one of the agency's accounts, or a named external member; both with a role on the committee. */
export const memberInput = z
  .object({
    user_id: formField.optionalInt().pipe(z.number().int().positive().optional()),
    name: optionalText(200),
    role_title: text(200),
    chair: formField.checkbox().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.user_id === undefined) === (v.name === undefined))
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'plan.committee.validation.member_one' });
  });

/** A meeting: its date and time (already turned from the form's local time into UTC) and agenda. */
export const meetingInput = z
  .object({
    held_at: z.iso.datetime({ error: 'plan.committee.validation.held_at' }),
    agenda: text(5000),
  })
  .strict();

export const minutesInput = z.object({ minutes: text(20000) }).strict();

/** A decision of the minutes, tracked as an action: its owner (a member) and due day. */
export const committeeDecisionInput = z
  .object({
    decision: text(2000),
    owner_member_id: formField.int().pipe(z.number().int().positive()),
    due_on: day,
  })
  .strict();

/** A shared national system: a lower-case slug, both names and descriptions, the owner agency and a status. */
export const systemInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'plan.system.validation.code'),
    name_ar: text(300),
    name_en: text(300),
    description_ar: text(2000),
    description_en: text(2000),
    owner_agency_id: formField.int().pipe(z.number().int().positive()),
    status: z.enum(systemStatuses),
  })
  .strict();
export type SystemInput = z.output<typeof systemInput>;

/** A catalog service that reuses a system, by its identifier. */
export const systemServiceInput = z.object({ service: text(200) }).strict();
