import { z } from 'zod';
import { formField, isoDay } from '../../platform/http/validation.ts';
import { displayModes, dispositions, ideaAnswers, ideaCategories, sourceFormats, stances } from './participate.tables.ts';

// Inputs of the participate module's forms; one schema per payload.

const day = isoDay();
const text = (max: number) => z.string().trim().min(1).max(max);
const lines = (v: string | undefined) =>
  (v ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Catalog services (and, apart, plan initiatives) a consultation or idea may link to. */
const MAX_LINKS = 20;

/** A consultation's text and period; questions are one a line, the Arabic and English lists in the same order. */
export const draftInput = z
  .object({
    title_ar: text(300),
    title_en: text(300),
    summary_ar: text(3000),
    summary_en: text(3000),
    source_format: z.enum(sourceFormats),
    source_text: text(200_000),
    questions_ar: z.string().max(10_000).optional(),
    questions_en: z.string().max(10_000).optional(),
    opens_on: day,
    closes_on: day,
    audience_ar: z.string().trim().max(500).optional(),
    audience_en: z.string().trim().max(500).optional(),
    services: z.string().max(5000).optional(),
    initiatives: z.string().max(5000).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (!p.audience_ar !== !p.audience_en)
      ctx.addIssue({
        code: 'custom',
        path: [p.audience_ar ? 'audience_en' : 'audience_ar'],
        message: 'participate.validation.audience_pair',
      });
    if (lines(p.services).length > MAX_LINKS)
      ctx.addIssue({ code: 'custom', path: ['services'], message: 'participate.validation.links_many' });
    if (lines(p.initiatives).length > MAX_LINKS)
      ctx.addIssue({ code: 'custom', path: ['initiatives'], message: 'participate.validation.links_many' });
    if (p.closes_on < p.opens_on) ctx.addIssue({ code: 'custom', path: ['closes_on'], message: 'participate.validation.date_order' });
    if (lines(p.questions_ar).length !== lines(p.questions_en).length)
      ctx.addIssue({ code: 'custom', path: ['questions_en'], message: 'participate.validation.questions_pair' });
    if (lines(p.questions_ar).length > 30)
      ctx.addIssue({ code: 'custom', path: ['questions_ar'], message: 'participate.validation.questions_many' });
  })
  .transform(({ services, initiatives, ...p }) => ({
    ...p,
    audience_ar: p.audience_ar || null,
    audience_en: p.audience_en || null,
    questions: lines(p.questions_ar).map((ar, i) => ({ text_ar: ar, text_en: lines(p.questions_en)[i] })),
    services: [...new Set(lines(services))],
    initiatives: [...new Set(lines(initiatives))],
  }));
export type DraftInput = z.output<typeof draftInput>;

export const createInput = z.object({ agency_id: formField.int().pipe(z.number().int().positive()) }).passthrough();

/** Who a participant is: the address the code goes to and the name shown when they choose to be named. */
export const codeRequestInput = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254)
      .pipe(z.email({ error: 'validation.email' })),
    name: text(120),
  })
  .strict();
export const codeInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[0-9\u0660-\u0669]{6}$/, 'participate.validation.code_format'),
  })
  .strict();

/** A comment: on the whole text, an article (`article:<id>`) or a question (`question:<id>`). */
export const commentInput = z
  .object({
    target: z
      .string()
      .regex(/^(whole|article:\d{1,10}|question:\d{1,10})$/, 'participate.validation.target')
      .default('whole'),
    body: text(5000),
    display: z.enum(displayModes),
  })
  .strict();

export const voteInput = z.object({ stance: z.enum(stances) }).strict();

export const dispositionInput = z.object({ disposition: z.enum(dispositions), reason: text(3000) }).strict();

export const moderationInput = z.object({ action: z.enum(['hide', 'restore', 'remove']), reason: text(1000) }).strict();

export const finalInput = z.object({ final_text: text(200_000), report_ar: text(10_000), report_en: text(10_000) }).strict();

const optionalId = z
  .union([z.literal(''), formField.int().pipe(z.number().int().positive())])
  .optional()
  .transform((v) => (v === '' || v === undefined ? null : v));

/** An idea: to an agency (its id) or to the program ('program'), optionally about a catalog service. */
export const ideaInput = z
  .object({
    to: z.string().regex(/^(program|\d{1,10})$/, 'participate.validation.idea_to'),
    title: text(200),
    description: text(5000),
    category: z.enum(ideaCategories),
    service_id: optionalId,
  })
  .strict()
  .transform(({ to, ...p }) => ({ ...p, agency_id: to === 'program' ? null : Number(to) }));

/** A moderator publishes an idea or rejects it; a rejection needs the reason its proposer is told. */
export const ideaModerationInput = z
  .object({ decision: z.enum(['publish', 'reject']), reason: z.string().trim().max(2000).default('') })
  .strict()
  .superRefine((p, ctx) => {
    if (p.decision === 'reject' && !p.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'participate.validation.reason_needed' });
  });

/** The official answer to an idea; declining needs a reason. */
export const ideaAnswerInput = z
  .object({ answer: z.enum(ideaAnswers), reason: z.string().trim().max(3000).default('') })
  .strict()
  .superRefine((p, ctx) => {
    if (p.answer === 'declined' && !p.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'participate.validation.reason_needed' });
  });

/** The plan initiatives an accepted or implemented idea was taken into: codes one a line (none unlinks). */
export const ideaInitiativesInput = z
  .object({ initiatives: z.string().max(5000).optional() })
  .strict()
  .superRefine((p, ctx) => {
    if (lines(p.initiatives).length > MAX_LINKS)
      ctx.addIssue({ code: 'custom', path: ['initiatives'], message: 'participate.validation.links_many' });
  })
  .transform((p) => ({ initiatives: [...new Set(lines(p.initiatives))] }));

/** The office returns a draft consultation with a comment the agency reads. */
export const returnInput = z.object({ comment: text(3000) }).strict();

/** The program's rule for ideas: how many supports oblige an official answer, and within how many days. */
export const ideaRuleInput = z
  .object({
    support_threshold: formField.int().pipe(z.number().int().min(1).max(1_000_000)),
    answer_days: formField.int().pipe(z.number().int().min(1).max(365)),
  })
  .strict();
export type IdeaRule = z.output<typeof ideaRuleInput>;
