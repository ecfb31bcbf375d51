import { z } from 'zod';
import { formField } from '../../platform/http/validation.ts';
import { foldDigits } from '../../platform/i18n/digits.ts';
import { defaultStagesFor } from '../measure/public.ts';
import { conflictKinds, nomineeKinds, tieBreaks } from './award.tables.ts';

// Inputs of the award's forms; one schema per payload.

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const int = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? foldDigits(v.trim()) : v), z.coerce.number().int().min(min).max(max));
const MAX_ID = 2_147_483_647;
const id = formField.int().pipe(z.number().int().positive().max(MAX_ID));
const optionalId = formField.optionalInt().pipe(z.number().int().positive().max(MAX_ID).optional());
/** A local date-time in the program's zone, to the second or the minute ("2026-06-10T23:59:59"). */
const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'award.validation.datetime')
  .refine((v) => {
    const [y, mo, d, h, mi, se] = v.split(/[-T:]/).map(Number);
    const day = new Date(Date.UTC(y, mo - 1, d));
    return day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && (se ?? 0) < 60 && y >= 2000 && y <= 2200;
  }, 'award.validation.datetime');
/** A checkbox: present (on) or absent. */
const checkbox = z
  .enum(['on', '1', 'true'])
  .optional()
  .transform((v) => v !== undefined);
const localDay = z.iso.date({ error: 'validation.date' });
const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'award.validation.code');

export const cycleInput = z
  .object({
    number: int(1, 1000),
    name_ar: text(300),
    name_en: text(300),
    rules_ar: text(10_000),
    rules_en: text(10_000),
    announced_on: localDay,
    nominations_open_at: localTime,
    nominations_close_at: localTime,
    screening_ends_on: localDay,
    judging_ends_on: localDay,
    results_on: localDay,
    judges_per_nomination: int(1, 15),
    /** Absent (an older form) keeps the default: the raw mean, then the normalised mean. */
    tie_break: z.enum(tieBreaks).default('raw_normalised'),
  })
  .strict();
export type CycleInput = z.output<typeof cycleInput>;

export const extensionInput = z.object({ nominations_close_at: localTime, reason: text(2000) }).strict();

export const CRITERIA_ROWS = [1, 2, 3, 4, 5, 6] as const;
/** The measurement stages a branch may require, lowest first (measure's defaults). */
export const STAGES = defaultStagesFor(100).map(({ key, name_ar, name_en }) => ({ key, name_ar, name_en }));
const STAGE_KEYS = STAGES.map((s) => s.key) as [string, ...string[]];
const weightField = z.preprocess((v) => (typeof v === 'string' ? foldDigits(v.trim()) : v), z.coerce.number().min(0).max(100)).optional();
/** Up to six rubric criteria per branch: c1_name_ar, c1_name_en, c1_weight, c1_anchors_ar/en (what each score means), … (blank rows are skipped). */
const criteriaShape: Record<string, z.ZodType> = Object.fromEntries(
  CRITERIA_ROWS.flatMap((i) => [
    [`c${i}_name_ar`, optionalText(200)],
    [`c${i}_name_en`, optionalText(200)],
    [`c${i}_weight`, weightField],
    [`c${i}_anchors_ar`, optionalText(2000)],
    [`c${i}_anchors_en`, optionalText(2000)],
  ]),
);

const branchBase = z.object({
  code,
  name_ar: text(300),
  name_en: text(300),
  description_ar: text(3000),
  description_en: text(3000),
  nominee_kind: z.enum(nomineeKinds),
  requires_live_service: checkbox,
  normalise: checkbox,
  blind: checkbox,
  scale_max: int(3, 10),
  /** The lowest measurement stage the nominating agency must have reached (blank: no such rule). */
  min_stage: z.preprocess((v) => (v === '' ? undefined : v), z.enum(STAGE_KEYS).optional()),
  attachments_required: checkbox,
});
export const branchInput = branchBase.extend(criteriaShape).strict();
/** A branch's correction: everything but its code (the code names it in addresses and exports). */
export const branchEditInput = branchBase.omit({ code: true }).extend(criteriaShape).strict();
export type BranchInput = z.output<typeof branchBase> & Record<string, unknown>;

/** Words in a text, as a person counts them (runs of letters or digits in any script). */
export const wordCount = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;
export const SUMMARY_WORDS = 500;

export const nominationInput = z
  .object({
    branch_id: id,
    title_ar: text(300),
    title_en: text(300),
    summary: text(10_000).refine((s) => wordCount(s) <= SUMMARY_WORDS, 'award.validation.too_many_words'),
    nominee_name: optionalText(300),
    service: optionalText(100),
  })
  .strict();
export type NominationInput = z.output<typeof nominationInput>;

export const screeningInput = z
  .object({ decision: z.enum(['eligible', 'ineligible']), reason: optionalText(2000) })
  .strict()
  .superRefine((p, ctx) => {
    if (p.decision === 'ineligible' && !p.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'award.validation.reason_required' });
  });

export const judgeInput = z.object({ user_id: id, affiliation_agency_id: optionalId }).strict();

export const conflictInput = z
  .object({
    judge_user_id: optionalId,
    agency_id: optionalId,
    nomination_id: optionalId,
    kind: z.enum(conflictKinds),
    note: optionalText(1000),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (!p.agency_id && !p.nomination_id)
      ctx.addIssue({ code: 'custom', path: ['agency_id'], message: 'award.validation.conflict_target' });
  });

export const assignInput = z.object({ nomination_id: id, judge_user_id: id }).strict();

export const revokeInput = z.object({ reason: text(1000) }).strict();

/** An individual who nominates: their name and the email they will prove with a code. */
export const entrantInput = z
  .object({
    name: text(120),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254)
      .pipe(z.email({ error: 'validation.email' })),
  })
  .strict();

export const entrantCodeInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[0-9\u0660-\u0669\u06F0-\u06F9]{6}$/, 'award.validation.code_format'),
  })
  .strict();
