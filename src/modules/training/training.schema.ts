import { z } from 'zod';
import { formField, isoDay } from '../../platform/http/validation.ts';
import { foldDecimal } from '../../platform/i18n/digits.ts';
import { toE164 } from '../../platform/phone/phone.ts';
import { audiences, deliveryModes, offeringStatuses, tracks } from './training.tables.ts';

// Inputs of the training module's forms; one schema per payload. Figures may be typed in Arabic-Indic digits.

const day = isoDay();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const number = z.preprocess((v) => (typeof v === 'string' ? foldDecimal(v.replace(/[,،\u066C\s]/g, '')) : v), z.coerce.number());
const int = (min: number, max: number) => number.pipe(z.number().int().min(min).max(max));
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'training.validation.code');
const instant = z.iso.datetime({ offset: true, error: 'validation.date' });

export const programmeInput = z
  .object({
    code,
    title_ar: text(300),
    title_en: text(300),
    description_ar: text(4000),
    description_en: text(4000),
    audience: z.enum(audiences),
    track: z.enum(tracks),
    hours: number.pipe(z.number().min(0.5).max(1000)),
    delivery_mode: z.enum(deliveryModes),
    min_attendance_pct: int(0, 100),
    /** Blank: the programme has no assessment. */
    pass_mark_pct: int(0, 100).optional(),
    max_attempts: int(1, 10).optional(),
    questions_per_attempt: int(1, 50).optional(),
    /** The assignment's brief in both languages; both blank: the programme asks for no assignment. */
    assignment_ar: optionalText(4000),
    assignment_en: optionalText(4000),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (!!p.assignment_ar !== !!p.assignment_en)
      ctx.addIssue({
        code: 'custom',
        path: [p.assignment_ar ? 'assignment_en' : 'assignment_ar'],
        message: 'training.validation.both_languages',
      });
  });
export type ProgrammeInput = z.output<typeof programmeInput>;

/** A multiple-choice question: two to four choices in both languages and which one is right. */
export const questionInput = z
  .object({
    text_ar: text(1000),
    text_en: text(1000),
    option_1_ar: text(300),
    option_1_en: text(300),
    option_2_ar: text(300),
    option_2_en: text(300),
    option_3_ar: optionalText(300),
    option_3_en: optionalText(300),
    option_4_ar: optionalText(300),
    option_4_en: optionalText(300),
    correct: int(1, 4),
  })
  .strict()
  .superRefine((q, ctx) => {
    for (const i of [3, 4] as const) {
      const ar = q[`option_${i}_ar`];
      const en = q[`option_${i}_en`];
      if (!!ar !== !!en)
        ctx.addIssue({ code: 'custom', path: [ar ? `option_${i}_en` : `option_${i}_ar`], message: 'training.validation.both_languages' });
    }
    if (!q.option_3_ar && q.option_4_ar)
      ctx.addIssue({ code: 'custom', path: ['option_3_ar'], message: 'training.validation.options_order' });
    const count = 2 + (q.option_3_ar ? 1 : 0) + (q.option_4_ar ? 1 : 0);
    if (q.correct > count) ctx.addIssue({ code: 'custom', path: ['correct'], message: 'training.validation.correct_option' });
  });
export type QuestionInput = z.output<typeof questionInput>;

export const offeringInput = z
  .object({
    starts_on: day,
    ends_on: day,
    location_ar: optionalText(300),
    location_en: optionalText(300),
    online_url: z
      .url({ protocol: /^https$/, error: 'validation.url' })
      .max(500)
      .optional(),
    capacity: int(1, 10_000),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.ends_on < o.starts_on) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'training.validation.date_order' });
    if (!!o.location_ar !== !!o.location_en)
      ctx.addIssue({
        code: 'custom',
        path: [o.location_ar ? 'location_en' : 'location_ar'],
        message: 'training.validation.both_languages',
      });
  });
export type OfferingInput = z.output<typeof offeringInput>;

export const offeringStatusInput = z.object({ status: z.enum(offeringStatuses) }).strict();

/** A session's start and end as UTC instants (pages turn the form's local times into these). */
export const sessionInput = z
  .object({ starts_at: instant, ends_at: instant })
  .strict()
  .superRefine((s, ctx) => {
    if (s.ends_at <= s.starts_at) ctx.addIssue({ code: 'custom', path: ['ends_at'], message: 'training.validation.time_order' });
  });

export const trainerInput = z.object({ email: z.email({ error: 'validation.email' }).max(320) }).strict();

export const enrolInput = z.object({ agency_id: formField.optionalInt() }).strict();

export const nominateInput = z
  .object({ user_ids: formField.list(formField.int().pipe(z.number().int().positive())).pipe(z.array(z.number()).min(1)) })
  .strict();

/** The enrolments marked present at one session; the others of the offering are absent. */
const ids = formField.list(formField.int().pipe(z.number().int().positive()));
/** Who was present at a session: staff by enrolment, members of the public by sign-up; everyone else seated was absent. */
export const attendanceInput = z.object({ present: ids, present_guests: ids }).strict();

export const reasonInput = z.object({ reason: text(2000) }).strict();

/**
 * An agency's targets for a year: the share of staff trained, optionally the hours per member of
 * staff, and optionally the share trained on each track (track_<track>; blank: no target for it).
 */
export const targetInput = z
  .object({
    agency_id: formField.int().pipe(z.number().int().positive()),
    year: int(2000, 2100),
    target_pct: int(0, 100),
    hours_per_employee: number.pipe(z.number().min(0).max(1000)).optional(),
    track_digital_services: int(0, 100).optional(),
    track_data: int(0, 100).optional(),
    track_cybersecurity: int(0, 100).optional(),
    track_service_design: int(0, 100).optional(),
    track_change_management: int(0, 100).optional(),
  })
  .strict();

/** A member of the public signing up for a public offering: a name, an email to verify, optionally a phone (read as E.164). */
export const guestInput = z
  .object({
    name: text(120),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254)
      .pipe(z.email({ error: 'validation.email' })),
    phone: z
      .string()
      .trim()
      .max(40)
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const e164 = toE164(v);
        if (!e164) {
          ctx.addIssue({ code: 'custom', message: 'validation.phone' });
          return z.NEVER;
        }
        return e164;
      }),
  })
  .strict();

/** The six-digit code sent to the address (Arabic-Indic digits accepted). */
export const guestCodeInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[0-9\u0660-\u0669]{6}$/, 'training.validation.code_format'),
  })
  .strict();

const rating = z.enum(['1', '2', '3', '4', '5'], { error: 'training.validation.rating' }).transform(Number);
/** One evaluation: a rating 1–5 for each question and an optional comment. */
export const evaluationInput = z.object({ relevance: rating, quality: rating, recommend: rating, comment: optionalText(2000) }).strict();

/** The programmes a programme requires (a list of ids; none clears them). */
export const prerequisitesInput = z.object({ required_ids: formField.list(formField.int().pipe(z.number().int().positive())) }).strict();

/** The office lets one person enrol without a programme's prerequisites, with a reason. */
export const waiverInput = z.object({ email: z.email({ error: 'validation.email' }).max(320), reason: text(2000) }).strict();

/** An assignment's submission: its text (the optional PDF comes apart, judged by its bytes). */
export const assignmentInput = z.object({ text: text(20_000) }).strict();

/** A reviewer's decision on an assignment: accepted, or returned with a comment the person is emailed. */
export const assignmentDecisionInput = z
  .object({
    decision: z.enum(['accept', 'return']),
    comment: optionalText(2000),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.decision === 'return' && !d.comment)
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'training.validation.comment_required' });
  });

/** A session's code as a person types it: six digits (Arabic-Indic digits and spaces are accepted). */
export const sessionCodeInput = z
  .object({
    code: z.preprocess(
      (v) => (typeof v === 'string' ? foldDecimal(v).replace(/[\s-]/g, '') : v),
      z.string().regex(/^\d{6}$/, 'training.validation.session_code'),
    ),
  })
  .strict();
