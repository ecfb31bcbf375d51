import { z } from 'zod';
import { formField, isoDay } from '../../platform/http/validation.ts';
import { periodUnits } from '../../platform/personal-data.ts';
import { breachStatuses } from './privacy.tables.ts';

// Inputs of the privacy module's forms; one schema per payload.

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);
const optionalDay = z
  .union([z.literal(''), isoDay()])
  .optional()
  .transform((v) => v || null);

export const emailInput = z.object({
  email: z
    .email({ error: 'privacy.validation.email' })
    .max(254)
    .transform((e) => e.toLowerCase()),
});
export const codeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9٠-٩]{6}$/, { error: 'privacy.validation.code' }),
});

/** A correction names the record (optional) and says what is wrong; an erasure may say why (each form's fields are its own). */
export const correctionInput = z
  .object({ correction_ref: optionalText(200), correction_details: text(4000) })
  .strict()
  .transform((v) => ({ record_ref: v.correction_ref, details: v.correction_details }));
export const erasureInput = z
  .object({ erasure_ref: optionalText(200), erasure_details: optionalText(4000) })
  .strict()
  .transform((v) => ({ record_ref: v.erasure_ref, details: v.erasure_details }));

export const decisionInput = z
  .object({ action: z.enum(['start', 'complete', 'reject']), note: optionalText(4000) })
  .strict()
  .refine((d) => d.action !== 'reject' || d.note, { message: 'privacy.validation.reason_required', path: ['note'] });

export const retentionInput = z
  .object({
    enabled: z.enum(['on', 'off']),
    n: z.coerce.number({ error: 'privacy.validation.period' }).int({ error: 'privacy.validation.period' }).min(1).max(1200),
    unit: z.enum(periodUnits),
  })
  .strict();

export const breachInput = z
  .object({
    title: text(300),
    description: text(10_000),
    discovered_on: isoDay(),
    data_kinds: formField.list(z.string().max(100)),
    affected: z.coerce.number({ error: 'privacy.validation.affected' }).int().min(0).max(100_000_000),
    authority_notified_on: optionalDay,
    subjects_notified_on: optionalDay,
    measures: optionalText(10_000),
    status: z.enum(breachStatuses),
  })
  .strict()
  .refine((b) => b.data_kinds.length > 0, { message: 'privacy.validation.kinds', path: ['data_kinds'] });
