import { z } from 'zod';
import type { FieldError } from '../../platform/http/errors.ts';
import { formField } from '../../platform/http/validation.ts';
import { isoDay } from '../../platform/i18n/dates.ts';

// Inputs of the availability forms; one schema per payload.

const bounded = (min: number, max: number, fallback: number) =>
  formField.optionalInt().pipe(z.number().int().min(min).max(max).default(fallback));

/** A probe's settings, as the console's form sends them (the service is chosen once, at creation). */
export const probeSettings = z
  .object({
    /** A health URL the agency gives; blank probes the service's own web channel. */
    url: z.string().trim().max(2000).optional(),
    interval_seconds: bounded(60, 86_400, 300),
    timeout_ms: bounded(1000, 30_000, 10_000),
    expect_status: bounded(100, 599, 200),
    expect_text: z.string().trim().min(1).max(200).optional(),
    fail_threshold: bounded(2, 20, 3),
    recover_threshold: bounded(1, 20, 2),
  })
  .strict();
export type ProbeSettings = z.output<typeof probeSettings>;

export const probeInput = probeSettings.extend({ service_id: formField.int().pipe(z.number().int().positive()) }).strict();

/** A period chosen on a service's status page (GET ?from=&to=, local dates, both days included). */
export interface PeriodChoice {
  /** What was typed, shown back in the form (cut to a date's length). */
  raw: { from: string; to: string };
  /** The checked period, or none when there are errors. */
  period?: { from: string; to: string };
  errors: FieldError[];
}

const MAX_PERIOD_DAYS = 3 * 366;
const dayNumberOf = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? Date.parse(`${d}T00:00:00Z`) / 86_400_000 : Number.NaN);

/**
 * Reads ?from=&to= (undefined when neither is given): real dates, the end on or after the start,
 * neither after today, three years at most; each problem as a field error, never an exception.
 */
export function readPeriod(query: unknown, today: string): PeriodChoice | undefined {
  const q = (query ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 10) : '');
  const raw = { from: text(q.from), to: text(q.to) };
  if (!raw.from && !raw.to) return undefined;
  const errors: FieldError[] = [];
  const days = { from: dayNumberOf(raw.from), to: dayNumberOf(raw.to) };
  for (const k of ['from', 'to'] as const) {
    if (!raw[k]) errors.push({ field: k, key: 'validation.required' });
    else if (!Number.isInteger(days[k]) || isoDay(days[k]) !== raw[k]) errors.push({ field: k, key: 'validation.date' });
    else if (raw[k] > today) errors.push({ field: k, key: 'availability.error.period_future' });
  }
  if (errors.length === 0 && days.to < days.from) errors.push({ field: 'to', key: 'availability.error.period_order' });
  if (errors.length === 0 && days.to - days.from + 1 > MAX_PERIOD_DAYS)
    errors.push({ field: 'from', key: 'availability.error.period_long' });
  return errors.length ? { raw, errors } : { raw, errors, period: raw };
}
