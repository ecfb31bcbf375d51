import { z } from 'zod';
import { addressProblem, hasControlChars, normalizeEmail } from './address.ts';
import { announcementKinds, frequencies, targetTypes } from './notify.tables.ts';

/** Text that becomes an email subject or a feed title: one line, no control characters. */
const line = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !hasControlChars(s), 'notify.validation.single_line');
const prose = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !hasControlChars(s, true), 'validation.invalid');

/** An email address as a beneficiary types it: normalised, then refused if malformed or throwaway. */
const wellFormed = z.email();
export const emailAddress = z
  .string()
  .max(254)
  .transform(normalizeEmail)
  .superRefine((email, ctx) => {
    const problem = wellFormed.safeParse(email).success ? addressProblem(email) : 'validation.email';
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const targetKey = z.string().regex(/^(\*|[a-z0-9][a-z0-9/_-]{0,79})$/, 'validation.invalid');

/** A subscription request from the public form or the API. */
export const subscribeInput = z
  .object({
    email: emailAddress,
    target_type: z.enum(targetTypes),
    target_key: targetKey,
    frequency: z.enum(frequencies).default('immediate'),
    locale: z.enum(['ar', 'en']),
  })
  .strict();
export type SubscribeInput = z.output<typeof subscribeInput>;

/** The manage page's preferences: language and each subscription's frequency. */
export const preferencesInput = z
  .object({
    locale: z.enum(['ar', 'en']),
    frequencies: z.record(z.string().regex(/^\d{1,10}$/), z.enum(frequencies)).default({}),
  })
  .strict();

export const phoneInput = z.object({ phone: z.string().trim().min(6).max(24) }).strict();
export const codeInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'notify.validation.code_format'),
  })
  .strict();
export const emailOnlyInput = z.object({ email: emailAddress }).strict();

const instant = z.iso.datetime({ offset: true, error: 'validation.date' }).transform((s) => new Date(s).toISOString());

/** An announcement as editors write it (the form's local times are turned into instants before this). */
export const announcementInput = z
  .object({
    agency_id: z.number().int().positive(),
    kind: z.enum(announcementKinds),
    title_ar: line(3, 150),
    title_en: line(3, 150),
    body_ar: prose(10, 5000),
    body_en: prose(10, 5000),
    service_ids: z.array(z.number().int().positive()).max(20).default([]),
    starts_at: instant.optional(),
    ends_at: instant.optional(),
    publish_at: instant.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ((v.kind === 'downtime' || v.kind === 'outage') && !v.starts_at) need('starts_at', 'notify.validation.starts_required');
    if (v.kind === 'downtime' && !v.ends_at) need('ends_at', 'notify.validation.ends_required');
    if (v.starts_at && v.ends_at && v.ends_at <= v.starts_at) need('ends_at', 'notify.validation.ends_after');
    if ((v.kind === 'launch' || v.kind === 'change' || v.kind === 'retirement') && v.service_ids.length === 0) {
      need('service_ids', 'notify.validation.services_required');
    }
  });
export type AnnouncementInput = z.output<typeof announcementInput>;

/** Approval: publish now, or at a later instant. */
export const approveInput = z.object({ publish_at: instant.optional() }).strict();

/** When digests go out, in the configured time zone. */
export const digestSettingsInput = z
  .object({
    daily_time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'notify.validation.time'),
    weekly_day: z.enum(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']),
  })
  .strict();
export type DigestSettings = z.output<typeof digestSettingsInput>;
