import { z } from 'zod';
import { formField } from '../../platform/http/validation.ts';
import { foldDecimal, foldDigits } from '../../platform/i18n/digits.ts';
import { answerTypes, methods } from './scoring/framework.schema.ts';

// Inputs of the measure module's forms and routes; one schema per payload.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'measure.validation.date');
const number = z.preprocess((v) => (typeof v === 'string' ? foldDecimal(v) : v), z.coerce.number().refine(Number.isFinite));
/** A checkbox: present ("on") or absent. */
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === '1' || v === 'true');
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

/** "7, 1" → [7, 1]: the days before the close on which reminders go out. */
const reminderDays = z
  .string()
  .optional()
  .transform((s, ctx) => {
    const parts = (s ?? '')
      .split(/[,،\s]+/)
      .filter(Boolean)
      .map((p) => Number(foldDigits(p)));
    if (parts.some((n) => !Number.isInteger(n) || n < 1 || n > 90)) {
      ctx.addIssue({ code: 'custom', message: 'measure.validation.reminder_days' });
      return z.NEVER;
    }
    return [...new Set(parts)].sort((a, b) => b - a);
  });

export const roundInput = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'measure.validation.round_code'),
    name_ar: text(200),
    name_en: text(200),
    framework_id: formField.int().positive(),
    period_from: isoDate,
    period_to: isoDate,
    opens_on: isoDate,
    closes_on: isoDate,
    reminder_days: reminderDays,
    agency_ids: formField.list(z.coerce.number().int().positive()).pipe(z.array(z.number()).min(1, 'measure.validation.agencies')),
  })
  .superRefine((r, ctx) => {
    if (r.period_to < r.period_from) ctx.addIssue({ code: 'custom', path: ['period_to'], message: 'measure.validation.period_order' });
    if (r.closes_on < r.opens_on) ctx.addIssue({ code: 'custom', path: ['closes_on'], message: 'measure.validation.close_order' });
  });
export type RoundInput = z.output<typeof roundInput>;

/** While a round is open only its names, close date and reminders may change. */
export const openRoundInput = z.object({
  name_ar: text(200),
  name_en: text(200),
  closes_on: isoDate,
  reminder_days: reminderDays,
});

export const newVersionInput = z.object({ version: z.string().trim().min(1).max(40) });

export const settingsInput = z.object({
  scale_max: number.pipe(z.number().positive().max(1e6)),
  decimals: formField.int().min(0).max(6),
  method: z.enum(methods),
  stages: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'measure.validation.key'),
        name_ar: text(300),
        name_en: text(300),
        min: number.pipe(z.number().min(0)),
      }),
    )
    .max(10),
});

const level = z.object({ key: z.string(), name_ar: text(300), name_en: text(300), score: number.pipe(z.number().min(0).max(1)) });

export const nodeInput = z.object({
  name_ar: text(300),
  name_en: text(300),
  guidance_ar: optionalText(5000),
  guidance_en: optionalText(5000),
  weight: number.pipe(z.number().positive().max(1e6)),
  method: z.enum(methods).optional(),
  allow_na: checkbox,
  evidence_required: checkbox,
  entered_by_office: checkbox,
  evidence_ar: optionalText(5000),
  evidence_en: optionalText(5000),
  levels: z.array(level).optional(),
  scale: z
    .object({
      min: number,
      max: number,
      direction: z.enum(['higher_better', 'lower_better']),
      cap: number.optional(),
    })
    .optional(),
});
export type NodeInput = z.output<typeof nodeInput>;

/** A new question under a perspective, axis or indicator; its levels or scale are refined on its own page afterwards. */
export const newQuestionInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'measure.validation.key'),
  name_ar: text(300),
  name_en: text(300),
  weight: number.pipe(z.number().positive().max(1e6)),
  answer_type: z.enum(answerTypes),
  source: z.string().trim().max(100).optional(),
});
export type NewQuestionInput = z.output<typeof newQuestionInput>;

export const decisions = ['accept', 'adjust', 'return'] as const;
export type Decision = (typeof decisions)[number];

export const reviewInput = z
  .object({
    decision: z.enum(decisions),
    value: z.string().optional(),
    na: checkbox,
    reason: optionalText(2000),
  })
  .superRefine((r, ctx) => {
    if (r.decision !== 'accept' && !r.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'measure.validation.reason_required' });
  });

export const respondInput = z.object({ response: text(2000) });

export const submitInput = z.object({
  attest: z.literal('on', { message: 'measure.validation.attest' }),
});
