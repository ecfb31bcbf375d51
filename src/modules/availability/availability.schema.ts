import { z } from 'zod';
import { formField } from '../../platform/http/validation.ts';

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
