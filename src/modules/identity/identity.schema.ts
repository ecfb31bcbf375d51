import { z } from 'zod';
import { apiScopes, roles } from '../../platform/authz/roles.ts';
import { publishedPhoneSchema } from '../../platform/phone/phone.ts';
import { agencyKinds } from './identity.tables.ts';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Agency codes keep the case they were published in (AG-01) and match case-insensitively. */
/** An agency's code as published (case kept; matched whatever the case). */
export const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/;
export const agencyCodeSchema = z.string().regex(AGENCY_CODE, 'validation.agency_code');
export const webUrlSchema = z.url({ protocol: /^https?$/, error: 'validation.url' }).max(300);

/** An agency as the program office creates or edits it. */
export const agencyInput = z
  .object({
    code: agencyCodeSchema,
    name_ar: z.string().trim().min(2).max(200),
    name_en: z.string().trim().min(2).max(200),
    kind: z.enum(agencyKinds),
    parent_id: z.number().int().positive().nullable().optional(),
    website: webUrlSchema.nullable().optional(),
    email: z.email().max(254).nullable().optional(),
    phone: publishedPhoneSchema.nullable().optional(),
    address_ar: optionalText(500),
    address_en: optionalText(500),
    status: z.enum(['active', 'inactive']).default('active'),
  })
  .strict();
export type AgencyInput = z.output<typeof agencyInput>;

/** What an agency's own administrator (or its API token) may change: how to reach it. */
export const agencyContactInput = agencyInput
  .pick({ website: true, email: true, phone: true, address_ar: true, address_en: true })
  .partial()
  .strict();
export type AgencyContactInput = z.output<typeof agencyContactInput>;

/**
 * A partial change through the API (no defaults: what is left out keeps its value). The service
 * checks the result with agencyInput, or agencyContactInput for an agency's own token.
 */
export const agencyPatchInput = agencyInput
  .omit({ status: true })
  .extend({ status: z.enum(['active', 'inactive']) })
  .partial()
  .strict();

export const roleSchema = z.enum(roles);

export const membershipInput = z
  .object({
    role: roleSchema,
    agency_id: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type MembershipInput = z.output<typeof membershipInput>;

export const inviteInput = z
  .object({
    email: z
      .email()
      .max(254)
      .transform((e) => e.toLowerCase()),
    name: z.string().trim().min(2).max(120),
    locale: z.enum(['ar', 'en']).default('ar'),
    role: roleSchema,
    agency_id: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type InviteInput = z.output<typeof inviteInput>;

export const passwordSchema = z.string().min(10).max(200);

/**
 * The hidden `username` field the password forms carry so password managers save the new
 * password under the right account; the server ignores its value.
 */
const usernameHint = z.string().max(254).optional();

export const setPasswordInput = z
  .object({ username: usernameHint, password: passwordSchema, confirm: z.string().max(200) })
  .strict()
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'validation.password_mismatch' });

export const changePasswordInput = z
  .object({ username: usernameHint, current: z.string().min(1).max(200), password: passwordSchema, confirm: z.string().max(200) })
  .strict()
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'validation.password_mismatch' });

export const signInInput = z
  .object({
    email: z
      .email()
      .max(254)
      .transform((e) => e.toLowerCase()),
    password: z.string().min(1).max(200),
    next: z.string().max(500).optional(),
  })
  .strict();

export const forgotInput = z
  .object({
    email: z
      .email()
      .max(254)
      .transform((e) => e.toLowerCase()),
  })
  .strict();

export const profileInput = z.object({ name: z.string().trim().min(2).max(120), locale: z.enum(['ar', 'en']) }).strict();

export const tokenInput = z
  .object({
    name: z.string().trim().min(2).max(80),
    scopes: z.array(z.enum(apiScopes)).min(1),
    expires_in_days: z.number().int().min(1).max(730).nullable().optional(),
  })
  .strict();
export type TokenInput = z.output<typeof tokenInput>;

/** The public shape of an agency (API and JSON-LD). */
export const agencyOutput = z.object({
  id: z.number(),
  code: z.string(),
  name_ar: z.string(),
  name_en: z.string(),
  kind: z.enum(agencyKinds),
  parent_id: z.number().nullable(),
  website: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address_ar: z.string().nullable(),
  address_en: z.string().nullable(),
  status: z.enum(['active', 'inactive']),
  updated_at: z.string(),
});
z.globalRegistry.add(agencyOutput, { id: 'Agency' });

/** Why an administrator resets a person's lost authenticator app (kept in the audit trail and told to the person). */
export const secondFactorResetInput = z.object({ reason: z.string().trim().min(5).max(500) }).strict();
