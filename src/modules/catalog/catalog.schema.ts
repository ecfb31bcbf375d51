import { z } from 'zod';
import { publishedPhoneSchema } from '../../platform/phone/phone.ts';

export const audiences = ['citizens', 'residents', 'businesses', 'visitors', 'government'] as const;
export const channelTypes = ['web', 'mobile', 'kiosk', 'call_centre', 'service_centre'] as const;
export const availabilities = ['24/7', 'business_hours', 'scheduled'] as const;
export const maturities = ['informational', 'interactive', 'transactional', 'integrated'] as const;
export const lifecycleStatuses = ['planned', 'beta', 'live', 'suspended', 'retired'] as const;
export const taxonomyKinds = ['category', 'life_event', 'business_event'] as const;

export type Audience = (typeof audiences)[number];
export type ChannelType = (typeof channelTypes)[number];
export type Maturity = (typeof maturities)[number];
export type LifecycleStatus = (typeof lifecycleStatuses)[number];
export type TaxonomyKind = (typeof taxonomyKinds)[number];

/** Text in both languages; Arabic is required, English strongly expected. */
const text = (max: number) => z.object({ ar: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) }).strict();
const optionalText = (max: number) => z.object({ ar: z.string().trim().max(max), en: z.string().trim().max(max) }).strict();

/** An ISO 8601 duration such as P3D, PT4H or P1M2D. */
export const isoDuration = z.string().regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'validation.duration');

/** Identifiers keep the case another system published them in (HID-001) and match case-insensitively. */
export const SERVICE_IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._-]{2,79}$/;
export const serviceIdentifier = z.string().regex(SERVICE_IDENTIFIER, 'validation.service_identifier');

export const channelSchema = z
  .object({
    type: z.enum(channelTypes),
    url: z
      .url({ protocol: /^https?$/, error: 'validation.url' })
      .max(500)
      .optional(),
    phone: publishedPhoneSchema.optional(),
    availability: z.enum(availabilities).default('business_hours'),
    hours: optionalText(200).optional(),
  })
  .strict()
  .refine((c) => c.url || c.phone || c.type === 'service_centre' || c.type === 'kiosk', {
    message: 'validation.channel_contact',
    path: ['url'],
  });

export const feeSchema = z
  .object({
    amount: z.number().min(0).max(10_000_000),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'validation.currency')
      .default('SAR'),
    channel: z.enum(channelTypes).optional(),
    description: optionalText(300).optional(),
  })
  .strict();

export const documentSchema = z.object({ name: text(300), description: optionalText(1000).optional() }).strict();
export const legalBasisSchema = z
  .object({
    title: text(300),
    url: z
      .url({ protocol: /^https?$/, error: 'validation.url' })
      .max(500)
      .optional(),
  })
  .strict();

/**
 * One version of an e-service, aligned with CPSV-AP 3.2 (cpsv:PublicService and companions) and
 * schema.org GovernmentService. Drafts and published versions both have this shape.
 */
export const serviceData = z
  .object({
    name: text(200),
    description: text(5000),
    audiences: z.array(z.enum(audiences)).min(1).max(5),
    categories: z.array(z.string().max(60)).max(10).default([]),
    life_events: z.array(z.string().max(60)).max(10).default([]),
    business_events: z.array(z.string().max(60)).max(10).default([]),
    channels: z.array(channelSchema).min(1).max(10),
    requirements: z.array(text(500)).max(30).default([]),
    documents: z.array(documentSchema).max(30).default([]),
    outputs: z.array(text(300)).max(10).default([]),
    fees: z.array(feeSchema).max(20).default([]),
    legal_basis: z.array(legalBasisSchema).max(10).default([]),
    processing_time: isoDuration.optional(),
    sla_target: isoDuration.optional(),
    keywords: z
      .object({
        ar: z.array(z.string().trim().min(1).max(60)).max(40).default([]),
        en: z.array(z.string().trim().min(1).max(60)).max(40).default([]),
      })
      .strict()
      .default({ ar: [], en: [] }),
    maturity: z.enum(maturities),
    status: z.enum(lifecycleStatuses),
  })
  .strict();

export type ServiceData = z.output<typeof serviceData>;
export type ServiceDataInput = z.input<typeof serviceData>;

/** A new service: its stable identifier, its agency, and its first draft. */
export const newServiceInput = z
  .object({ identifier: serviceIdentifier, agency_id: z.number().int().positive(), data: serviceData })
  .strict();

export const taxonomyTermInput = z
  .object({
    kind: z.enum(taxonomyKinds),
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'validation.term_code'),
    name_ar: z.string().trim().min(2).max(120),
    name_en: z.string().trim().min(2).max(120),
    sort: z.number().int().min(0).max(10_000).default(100),
  })
  .strict();
