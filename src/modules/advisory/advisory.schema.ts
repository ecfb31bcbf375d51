import { z } from 'zod';
import { formField, isoDay } from '../../platform/http/validation.ts';
import { assignmentRoles, docTypes, priorities, requestTypes, responses, severities, urgencies } from './advisory.tables.ts';

// Inputs of the advisory module's forms; one schema per payload.

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const id = formField.int().pipe(z.number().int().positive());
const optionalId = formField.optionalInt().pipe(z.number().int().positive().optional());

export const requestInput = z
  .object({
    /** Needed only when the administrator serves more than one agency. */
    agency_id: optionalId,
    type: z.enum(requestTypes),
    title: text(200),
    question: text(5000),
    urgency: z.enum(urgencies),
    /** Catalog service identifiers, separated by commas or spaces. */
    services: optionalText(2000),
    /** Plan initiatives as PLAN-CODE/INITIATIVE-CODE, separated by commas or spaces. */
    initiatives: optionalText(2000),
  })
  .strict();

export const infoInput = z.object({ question: text(2000) }).strict();
export const answerInput = z.object({ answer: text(5000) }).strict();
export const declineInput = z.object({ reason: text(2000) }).strict();
export const acceptInput = z.object({ priority: z.enum(priorities) }).strict();

export const assignInput = z.object({ advisor_id: id, role: z.enum(assignmentRoles), exception_reason: optionalText(1000) }).strict();

export const advisorInput = z.object({ user_id: id, home_agency_id: id }).strict();

export const commentInput = z.object({ body: text(5000), anchor: optionalText(200), parent_id: optionalId }).strict();

export const taskInput = z.object({ title: text(300), owner_advisor_id: optionalId, due_on: isoDay() }).strict();

export const findingInput = z
  .object({ severity: z.enum(severities), title: text(300), recommendation: text(5000), reference: text(300) })
  .strict();

/** The agency's answer to a finding: a reason unless it is accepted in full, a due date unless rejected. */
export const responseInput = z
  .object({ response: z.enum(responses), reason: optionalText(2000), due_on: isoDay().optional() })
  .strict()
  .superRefine((p, ctx) => {
    if (p.response !== 'accept' && !p.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'advisory.validation.reason_required' });
    if (p.response !== 'reject' && !p.due_on)
      ctx.addIssue({ code: 'custom', path: ['due_on'], message: 'advisory.validation.due_required' });
  });

export const followupInput = z.object({ note: text(2000) }).strict();

export const closeInput = z
  .object({ satisfaction: formField.int().pipe(z.number().int().min(1).max(5)), comment: optionalText(2000) })
  .strict();

/** A document's description; the file itself is checked by its bytes (platform/storage/sniff). */
export const documentInput = z
  .object({ doc_type: z.enum(docTypes).optional(), doc_title: optionalText(200), previous_id: optionalId })
  .strict()
  .superRefine((p, ctx) => {
    // A new version keeps its document's type and title; a new document needs both.
    if (p.previous_id !== undefined) return;
    if (!p.doc_type) ctx.addIssue({ code: 'custom', path: ['doc_type'], message: 'validation.required' });
    if (!p.doc_title) ctx.addIssue({ code: 'custom', path: ['doc_title'], message: 'validation.required' });
  });
