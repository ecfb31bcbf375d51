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

/** Another advisor in an assignment's place (its role kept), and why. */
export const reassignInput = z.object({ advisor_id: id, exception_reason: optionalText(1000), reason: text(1000) }).strict();
/** Why a reviewer leaves the request. */
export const unassignInput = z.object({ reason: text(1000) }).strict();

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

/** When, where and what a meeting is: `starts_at` is already an instant (the form's Riyadh time converted). */
const meetingFields = {
  title: text(200),
  starts_at: z.iso.datetime({ offset: true, error: 'validation.date' }).transform((s) => new Date(s).toISOString()),
  duration: formField.int().pipe(z.number().int().min(15).max(480)),
  place: optionalText(300),
  online_url: z
    .url({ protocol: /^https$/, error: 'validation.url' })
    .max(1000)
    .optional(),
  agenda: optionalText(5000),
};

/** A meeting as the team schedules it. */
export const meetingInput = z
  .object({ ...meetingFields, attendees: formField.list(id) })
  .strict()
  .superRefine((p, ctx) => {
    if (!p.place && !p.online_url) ctx.addIssue({ code: 'custom', path: ['place'], message: 'advisory.validation.meeting_where' });
    if (p.attendees.length === 0) ctx.addIssue({ code: 'custom', path: ['attendees'], message: 'advisory.validation.attendees_required' });
  });

/** A new time, place or agenda for a meeting, and why it moved (the attendees stay invited). */
export const rescheduleInput = z
  .object({ ...meetingFields, reason: text(1000) })
  .strict()
  .superRefine((p, ctx) => {
    if (!p.place && !p.online_url) ctx.addIssue({ code: 'custom', path: ['place'], message: 'advisory.validation.meeting_where' });
  });

/** Who attends a meeting from now on (those left out are removed, those new are invited). */
export const attendeesInput = z
  .object({ attendees: formField.list(id) })
  .strict()
  .superRefine((p, ctx) => {
    if (p.attendees.length === 0) ctx.addIssue({ code: 'custom', path: ['attendees'], message: 'advisory.validation.attendees_required' });
  });

/** Why a meeting is called off. */
export const cancelMeetingInput = z.object({ cancel_reason: text(1000) }).strict();

/** Corrected minutes and decisions, and why they were corrected. */
export const minutesEditInput = z.object({ minutes: text(10000), decisions: optionalText(5000), reason: text(1000) }).strict();

/** The lead advisor's summary of the advice, given when delivering. */
export const deliverInput = z.object({ summary: optionalText(5000) }).strict();

/** Up to this many actions are written with the minutes; each becomes a task. */
export const MINUTES_ACTIONS = 3;
const actionFields = Object.fromEntries(
  Array.from({ length: MINUTES_ACTIONS }, (_, i) => i + 1).flatMap((n) => [
    [`action_title_${n}`, optionalText(300)],
    [`action_owner_${n}`, optionalId],
    [`action_due_${n}`, isoDay().optional()],
  ]),
) as Record<string, z.ZodType>;

export const minutesInput = z
  .object({ minutes: text(10000), decisions: optionalText(5000), ...actionFields })
  .strict()
  .superRefine((p, ctx) => {
    for (let n = 1; n <= MINUTES_ACTIONS; n++) {
      const has = (k: string) => (p as Record<string, unknown>)[`${k}_${n}`] !== undefined;
      if (!has('action_title') && (has('action_owner') || has('action_due')))
        ctx.addIssue({ code: 'custom', path: [`action_title_${n}`], message: 'validation.required' });
      if (has('action_title') && !has('action_due'))
        ctx.addIssue({ code: 'custom', path: [`action_due_${n}`], message: 'advisory.validation.due_required' });
    }
  });

/** The agency's own edit of its request while the office still triages it (the same fields as the request form). */
export const requestEditInput = requestInput.omit({ agency_id: true, initiatives: true });

/** The office's edit of a request's type and priority. */
export const classifyInput = z.object({ type: z.enum(requestTypes), priority: z.enum(priorities).optional() }).strict();

export const commentEditInput = z.object({ body: text(5000), anchor: optionalText(200) }).strict();
