import { z } from 'zod';
import { formField } from '../../platform/http/validation.ts';
import { toE164 } from '../../platform/phone/phone.ts';
import { caseCategories, caseKinds, resolutionCodes } from './feedback.tables.ts';

/** The 5-point agree/disagree scale of OMB A-11 §280: 1 strongly disagree … 5 strongly agree. */
export const SCALE = [1, 2, 3, 4, 5] as const;
/** Agree or strongly agree: what CSAT, trust and each driver's score count. */
export const AGREE_FROM = 4;

export const driverCode = z.string().regex(/^[a-z][a-z_]{1,29}$/, 'feedback.validation.driver');

/** One rating question; its driver code is what makes scores comparable across versions. */
export const question = z
  .object({
    driver: driverCode,
    ar: z.string().trim().min(3).max(300),
    en: z.string().trim().min(3).max(300),
    /** Asked only where a member of staff was involved (answered as "not applicable" otherwise). */
    staff: z.boolean().default(false),
  })
  .strict();
export type Question = z.infer<typeof question>;

export const questionSet = z
  .array(question)
  .min(1)
  .max(15)
  .refine((qs) => qs.some((q) => q.driver === 'satisfied'), { message: 'feedback.validation.needs_satisfied' })
  .refine((qs) => new Set(qs.map((q) => q.driver)).size === qs.length, { message: 'feedback.validation.driver_twice' });

/** The OMB A-11 §280 customer-experience questions: version 1 of every installation. */
export const defaultQuestions: Question[] = [
  { driver: 'satisfied', ar: 'أنا راضٍ عن الخدمة التي حصلت عليها.', en: 'I am satisfied with the service I received.', staff: false },
  { driver: 'trust', ar: 'زاد هذا التعامل ثقتي بالجهة.', en: 'This interaction increased my confidence in this agency.', staff: false },
  { driver: 'need', ar: 'لُبّيت حاجتي.', en: 'My need was addressed.', staff: false },
  { driver: 'easy', ar: 'كان من السهل إنجاز ما احتجت إليه.', en: 'It was easy to complete what I needed to do.', staff: false },
  {
    driver: 'time',
    ar: 'استغرق إنجاز ما احتجت إليه وقتاً معقولاً.',
    en: 'It took a reasonable amount of time to do what I needed to do.',
    staff: false,
  },
  { driver: 'fair', ar: 'عوملت بإنصاف.', en: 'I was treated fairly.', staff: false },
  { driver: 'staff', ar: 'كان الموظفون الذين تعاملت معهم متعاونين.', en: 'Employees I interacted with were helpful.', staff: true },
];

const score = z.coerce.number().int().min(1).max(5);

export const ratingInput = z
  .object({
    answers: z.record(driverCode, score).default({}),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();
export type RatingInput = z.infer<typeof ratingInput>;

/** A phone number as E.164: Saudi mobile 05… written as +9665…. */
const phone = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const e164 = toE164(raw);
    if (e164) return e164;
    ctx.addIssue({ code: 'custom', message: 'validation.phone' });
    return z.NEVER;
  });

export const caseInput = z
  .object({
    kind: z.enum(caseKinds),
    category: z.enum(caseCategories),
    agency_id: z.coerce.number().int().positive(),
    service_id: z.coerce.number().int().positive().optional(),
    subject: z.string().trim().min(3).max(200),
    body: z.string().trim().min(10).max(5000),
    contact_name: z.string().trim().max(120).optional(),
    contact_email: z
      .email()
      .max(254)
      .transform((e) => e.toLowerCase())
      .optional(),
    contact_phone: phone.optional(),
    notify_by: z.enum(['email', 'sms']).optional(),
  })
  .strict()
  .refine((c) => c.contact_email || c.contact_phone, { message: 'feedback.validation.contact_required', path: ['contact_email'] })
  .refine((c) => c.notify_by !== 'sms' || c.contact_phone, { message: 'feedback.validation.sms_needs_phone', path: ['contact_phone'] })
  .refine((c) => c.notify_by !== 'email' || c.contact_email, { message: 'feedback.validation.email_needs_email', path: ['contact_email'] });
export type CaseInput = z.infer<typeof caseInput>;

export const beneficiaryReplyInput = z.object({ body: z.string().trim().min(2).max(5000) }).strict();

export const staffReplyInput = z.object({ body: z.string().trim().min(2).max(5000), waiting: formField.checkbox().optional() }).strict();
export const noteInput = z.object({ body: z.string().trim().min(2).max(5000) }).strict();
export const assignInput = z.object({ user_id: z.coerce.number().int().min(0) }).strict();
export const resolveInput = z.object({ code: z.enum(resolutionCodes), body: z.string().trim().min(2).max(5000) }).strict();
export const mergeInput = z
  .object({
    into: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^YSR-\d{4}-\d{6,}$/, 'feedback.validation.tracking_no'),
  })
  .strict();
export const rerouteInput = z
  .object({ to_agency_id: z.coerce.number().int().positive(), reason: z.string().trim().min(5).max(1000) })
  .strict();
export const rerouteDecisionInput = z
  .object({ decision: z.enum(['approve', 'reject']), note: z.string().trim().max(1000).optional() })
  .strict();

const hours = z.coerce.number().positive().max(5000);
export const policyInput = z
  .object({
    agency_id: z.coerce.number().int().positive().optional(),
    category: z.enum(caseCategories).optional(),
    first_response_hours: hours,
    resolution_hours: hours,
    warn_percent: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict()
  .refine((p) => p.first_response_hours <= p.resolution_hours, {
    message: 'feedback.validation.first_after_resolution',
    path: ['first_response_hours'],
  })
  .refine((p) => p.agency_id !== undefined || p.category === undefined, {
    message: 'feedback.validation.program_category',
    path: ['category'],
  });
export type PolicyInput = z.infer<typeof policyInput>;

const monthDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date');
export const holidayInput = z
  .object({
    name_ar: z.string().trim().min(2).max(120),
    name_en: z.string().trim().min(2).max(120),
    calendar: z.enum(['gregorian', 'hijri']),
    from: monthDay,
    to: monthDay.optional(),
    yearly: formField.checkbox().optional(),
  })
  .strict();
export type HolidayInput = z.infer<typeof holidayInput>;

const shift = z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'feedback.validation.shift');
export const calendarInput = z
  .object({
    time_zone: z.string().trim().min(1).max(64),
    sun: shift.optional(),
    mon: shift.optional(),
    tue: shift.optional(),
    wed: shift.optional(),
    thu: shift.optional(),
    fri: shift.optional(),
    sat: shift.optional(),
  })
  .strict();

export const templateInput = z
  .object({
    agency_id: z.coerce.number().int().positive().optional(),
    title_ar: z.string().trim().min(2).max(120),
    title_en: z.string().trim().min(2).max(120),
    body_ar: z.string().trim().min(2).max(5000),
    body_en: z.string().trim().min(2).max(5000),
  })
  .strict();
export type TemplateInput = z.infer<typeof templateInput>;

export const moderationInput = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export const publicReplyInput = z.object({ body: z.string().trim().min(2).max(2000) }).strict();
export const surveyInput = z.object({ score }).strict();
export const trackInput = z
  .object({
    tracking_no: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^YSR-\d{4}-\d{6,}$/, 'feedback.validation.tracking_no'),
    contact: z.string().trim().min(3).max(254),
  })
  .strict();
