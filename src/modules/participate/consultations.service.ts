import { recordAudit } from '../../platform/audit/audit.ts';
import { actorAgencyIds, type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { localDate } from '../../platform/i18n/dates.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { findAgency } from '../identity/public.ts';
import { compareArticles, MAX_ARTICLES, splitArticles } from './articles.ts';
import { readDocx } from './docx.ts';
import { resolveInitiatives } from './initiatives.ts';
import { resolveServices } from './links.ts';
import { staffWith, tellStaff } from './notices.ts';
import { participatePolicy } from './participate.policy.ts';
import * as repo from './participate.repo.ts';
import { createInput, type DraftInput, dispositionInput, draftInput, finalInput, returnInput } from './participate.schema.ts';
import type { Phase } from './participate.tables.ts';
import { announceConsultation, announceReport } from './subscriptions.ts';

// A consultation's life in the agency's console: drafted, published, answered comment by comment
// after it closes, and completed with its final text and report. Every change is audited in the
// transaction that makes it. Time-dependent steps take the moment they happen (`at`), so the demo can
// write a consultation's history as it happened and tests can stand on either side of a period.

/** The calendar day of a moment in the program's time zone. */
export const dayOf = (deps: Deps, at: Date) => localDate(at.toISOString(), deps.config.timeZone);

/** Where a consultation stands on a given day. */
export function phaseOf(c: Pick<repo.ConsultationRow, 'status' | 'opens_on' | 'closes_on'>, day: string): Phase {
  if (c.status === 'draft') return 'draft';
  if (c.status === 'completed') return 'completed';
  if (day < c.opens_on) return 'upcoming';
  return day > c.closes_on ? 'closed' : 'open';
}

/** The consultations an actor may see in the console, with their comment counts. */
export async function listForConsole(deps: Deps, ctx: Ctx) {
  const office = hasRole(ctx.actor, 'program_admin', 'program_reviewer');
  const rows = await repo.listConsultations(deps.db, { agencyIds: office ? null : actorAgencyIds(ctx.actor) });
  return rows.filter((c) => participatePolicy.read(ctx.actor, c.agency_id));
}

/** One consultation for the console (403 for another agency's staff). */
export async function getForConsole(deps: Deps, ctx: Ctx, id: number) {
  const c = await repo.findConsultation(deps.db, id);
  if (!c) throw new NotFoundError();
  authorize(participatePolicy.read(ctx.actor, c.agency_id));
  return c;
}

function splitDraft(input: DraftInput) {
  const articles = splitArticles(input.source_text);
  if (articles.length === 0) fieldError('source_text', 'participate.validation.no_articles');
  if (articles.length > MAX_ARTICLES) fieldError('source_text', 'participate.validation.too_many_articles', { max: MAX_ARTICLES });
  return articles;
}

type Upload = { file: Buffer; name: string } | null;

/** The form's fields apart from its uploaded file (`file`, a Buffer, and `file_name`). */
function splitUpload(raw: unknown): { upload: Upload; fields: Record<string, unknown> } {
  const { file, file_name, ...fields } = (raw ?? {}) as Record<string, unknown>;
  const upload = Buffer.isBuffer(file) && file.length > 0 ? { file, name: String(file_name ?? 'draft.docx').slice(0, 200) } : null;
  return { upload, fields };
}

/**
 * A DOCX draft's text, read from the uploaded file into the form's `source_text` (so it is split
 * like pasted text). A DOCX draft needs a file unless it already has one (an edit keeps the text then).
 */
async function draftFile(form: Record<string, unknown>, upload: Upload, hasOriginal: boolean): Promise<boolean> {
  if (form.source_format !== 'docx') return false;
  if (!upload) {
    if (!hasOriginal) fieldError('file', 'participate.validation.docx_required');
    return false;
  }
  form.source_text = await readDocx(upload.file);
  if (!form.source_text) fieldError('file', 'participate.validation.no_articles');
  return true;
}

/** Keeps the original DOCX (after every check passed, before the transaction that names it). */
async function storeOriginal(deps: Deps, docx: boolean, upload: Upload) {
  if (!docx || !upload) return null;
  return { ...(await deps.storage.put(upload.file, 'docx')), name: upload.name };
}

/** Runs the write; if it fails, the file stored for it is removed, so nothing is left half-written. */
async function withStored<T>(deps: Deps, stored: { key: string } | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (stored) await deps.storage.remove(stored.key).catch(() => undefined);
    throw err;
  }
}

/** Drafts a consultation for an agency: its text is split into numbered articles, the pasted text kept as it came. */
export async function createConsultation(deps: Deps, ctx: Ctx, raw: unknown) {
  const { upload, fields: form } = splitUpload(raw);
  const { agency_id, ...rest } = parseInput(createInput, form);
  authorize(participatePolicy.draft(ctx.actor, agency_id));
  const docx = await draftFile(rest, upload, false);
  const input = parseInput(draftInput, rest);
  if (!(await findAgency(deps.db, agency_id))) fieldError('agency_id', 'validation.agency_unknown');
  const articles = splitDraft(input);
  const links = await resolveServices(deps, input.services);
  const initiatives = await resolveInitiatives(deps, input.initiatives);
  const { questions, questions_ar: _a, questions_en: _e, services: _s, initiatives: _i, ...fields } = input;
  const stored = await storeOriginal(deps, docx, upload);
  return withStored(deps, stored, () =>
    deps.db.transaction().execute(async (trx) => {
      const c = await repo.insertConsultation(trx, {
        ...fields,
        ...(stored ? { source_file_key: stored.key, source_file_name: stored.name, source_file_sha256: stored.sha256 } : {}),
        agency_id,
        final_text: null,
        report_ar: null,
        report_en: null,
        status: 'draft',
        published_at: null,
        completed_at: null,
      });
      await repo.replaceArticles(trx, c.id, 'draft', articles);
      await repo.replaceQuestions(trx, c.id, questions);
      await repo.replaceServiceLinks(trx, c.id, links);
      await repo.replaceInitiativeLinks(trx, c.id, initiatives);
      await recordAudit(trx, ctx, {
        action: 'participate.consultation.create',
        recordType: 'participate_consultation',
        recordId: c.id,
        agencyId: agency_id,
        after: { ...c, articles: articles.length, questions: questions.length, services: links.map((l) => l.identifier), initiatives },
      });
      return c;
    }),
  );
}

/** Changes a draft (its text, questions and period); a published consultation's text never changes. */
export async function updateDraft(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const before = await getForConsole(deps, ctx, id);
  authorize(participatePolicy.draft(ctx.actor, before.agency_id));
  if (before.status !== 'draft') throw new ConflictError('participate.error.not_draft');
  if (before.approval === 'submitted') throw new ConflictError('participate.error.awaiting_approval');
  const { upload, fields: form } = splitUpload(raw);
  const docx = await draftFile(form, upload, before.source_file_key !== null);
  const input = parseInput(draftInput, form);
  const articles = splitDraft(input);
  const links = await resolveServices(deps, input.services);
  const initiatives = await resolveInitiatives(deps, input.initiatives);
  const { questions, questions_ar: _a, questions_en: _e, services: _s, initiatives: _i, ...fields } = input;
  const stored = await storeOriginal(deps, docx, upload);
  const file = stored
    ? { source_file_key: stored.key, source_file_name: stored.name, source_file_sha256: stored.sha256 }
    : input.source_format === 'docx'
      ? {}
      : { source_file_key: null, source_file_name: null, source_file_sha256: null };
  const after = await withStored(deps, stored, () =>
    deps.db.transaction().execute(async (trx) => {
      // An approved draft that changes needs approving again.
      const after = await repo.updateConsultation(trx, id, {
        ...fields,
        ...file,
        ...(before.approval === 'approved' ? { approval: 'none' } : {}),
      });
      await repo.replaceArticles(trx, id, 'draft', articles);
      await repo.replaceQuestions(trx, id, questions);
      await repo.replaceServiceLinks(trx, id, links);
      await repo.replaceInitiativeLinks(trx, id, initiatives);
      await recordAudit(trx, ctx, {
        action: 'participate.consultation.update',
        recordType: 'participate_consultation',
        recordId: id,
        agencyId: before.agency_id,
        before,
        after: { ...after, articles: articles.length, questions: questions.length, services: links.map((l) => l.identifier), initiatives },
      });
      return after;
    }),
  );
  // The original a new upload or another format replaced, once the change has committed.
  if (before.source_file_key && before.source_file_key !== after.source_file_key) {
    await deps.storage.remove(before.source_file_key).catch(() => undefined);
  }
  return after;
}

/**
 * A step of the office's approval, audited in the transaction that makes it, with its emails: a
 * submission to the program office, an approval or a return to the agency's editors and administrators.
 */
async function approvalStep(
  deps: Deps,
  ctx: Ctx,
  c: repo.ConsultationRow,
  action: 'submit' | 'approve' | 'return',
  values: { approval: repo.ConsultationRow['approval']; approval_comment: string | null },
  at = new Date(),
) {
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateConsultation(trx, c.id, values);
    const title = (lang: 'ar' | 'en') => (lang === 'ar' ? c.title_ar : c.title_en);
    const event = {
      key: `participate:approval:${c.id}:${action}:${at.toISOString()}`,
      ref: { refType: 'participate_consultation', refId: c.id },
    };
    if (action === 'submit') {
      const agency = await findAgency(trx, c.agency_id);
      await tellStaff(trx, deps, ctx, await staffWith(trx, ['program_admin', 'program_reviewer'], null), {
        ...event,
        notice: 'participate.notice.approval_request',
        params: (lang) => ({ title: title(lang), agency: (lang === 'ar' ? agency?.name_ar : agency?.name_en) ?? '' }),
        path: `/console/consultations/${c.id}`,
      });
    } else {
      await tellStaff(trx, deps, ctx, await staffWith(trx, ['agency_admin', 'agency_editor'], c.agency_id), {
        ...event,
        notice: action === 'approve' ? 'participate.notice.approved' : 'participate.notice.returned',
        params: (lang) => ({ title: title(lang) }),
        extra: (lang) =>
          values.approval_comment ? translate(lang, 'participate.notice.comment', { comment: values.approval_comment }) : null,
        path: action === 'approve' ? `/console/consultations/${c.id}` : `/console/consultations/${c.id}/edit`,
      });
    }
    await recordAudit(trx, ctx, {
      action: `participate.consultation.${action}`,
      recordType: 'participate_consultation',
      recordId: c.id,
      agencyId: c.agency_id,
      before: { approval: c.approval, approval_comment: c.approval_comment },
      after: { approval: after.approval, approval_comment: after.approval_comment },
    });
    return after;
  });
}

/** The agency sends its draft to the program office for approval (again after a return); it cannot change while it waits. */
export async function submitConsultation(deps: Deps, ctx: Ctx, id: number) {
  const c = await getForConsole(deps, ctx, id);
  authorize(participatePolicy.submit(ctx.actor, c.agency_id));
  if (c.status !== 'draft') throw new ConflictError('participate.error.not_draft');
  if (c.approval === 'submitted' || c.approval === 'approved') throw new ConflictError('participate.error.approval_state');
  return approvalStep(deps, ctx, c, 'submit', { approval: 'submitted', approval_comment: c.approval_comment });
}

/** The program office approves a submitted draft: the agency's administrator may then publish it. */
export async function approveConsultation(deps: Deps, ctx: Ctx, id: number) {
  const c = await getForConsole(deps, ctx, id);
  authorize(participatePolicy.approve(ctx.actor));
  if (c.status !== 'draft' || c.approval !== 'submitted') throw new ConflictError('participate.error.approval_state');
  return approvalStep(deps, ctx, c, 'approve', { approval: 'approved', approval_comment: null });
}

/** The program office returns a submitted draft to the agency with a comment saying what to change. */
export async function returnConsultation(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  const c = await getForConsole(deps, ctx, id);
  authorize(participatePolicy.approve(ctx.actor));
  const { comment } = parseInput(returnInput, raw);
  if (c.status !== 'draft' || c.approval !== 'submitted') throw new ConflictError('participate.error.approval_state');
  return approvalStep(deps, ctx, c, 'return', { approval: 'returned', approval_comment: comment });
}

/**
 * Publishes a draft the office approved: it opens on its first day, and the followers of new
 * consultations are told in the same transaction. A period already over cannot be published.
 */
export async function publishConsultation(deps: Deps, ctx: Ctx, id: number, at = new Date()) {
  const c = await getForConsole(deps, ctx, id);
  authorize(participatePolicy.publish(ctx.actor, c.agency_id));
  if (c.status !== 'draft') throw new ConflictError('participate.error.not_draft');
  if (c.approval !== 'approved') throw new ConflictError('participate.error.not_approved');
  if (c.closes_on < dayOf(deps, at)) throw new ConflictError('participate.error.period_over');
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateConsultation(trx, id, { status: 'published', published_at: at.toISOString() });
    await announceConsultation(trx, deps, ctx, after);
    await recordAudit(trx, ctx, {
      action: 'participate.consultation.publish',
      recordType: 'participate_consultation',
      recordId: id,
      agencyId: c.agency_id,
      before: { status: c.status },
      after: { status: after.status, published_at: after.published_at },
    });
    return after;
  });
}

async function closedConsultation(deps: Deps, ctx: Ctx, id: number, at: Date) {
  const c = await getForConsole(deps, ctx, id);
  authorize(participatePolicy.dispose(ctx.actor, c.agency_id));
  const phase = phaseOf(c, dayOf(deps, at));
  if (phase === 'completed') throw new ConflictError('participate.error.completed');
  if (phase !== 'closed') throw new ConflictError('participate.error.not_closed');
  return c;
}

/** The agency's answer to one comment (after the period closed, before completion): a disposition and its reason. */
export async function disposeComment(deps: Deps, ctx: Ctx, commentId: number, raw: unknown, at = new Date()) {
  const comment = await repo.findComment(deps.db, commentId);
  if (!comment) throw new NotFoundError();
  const c = await closedConsultation(deps, ctx, comment.consultation_id, at);
  const input = parseInput(dispositionInput, raw);
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateComment(trx, commentId, {
      disposition: input.disposition,
      disposition_reason: input.reason,
      disposed_at: at.toISOString(),
    });
    await recordAudit(trx, ctx, {
      action: 'participate.comment.dispose',
      recordType: 'participate_comment',
      recordId: commentId,
      agencyId: c.agency_id,
      before: { disposition: comment.disposition, reason: comment.disposition_reason },
      after: { disposition: after.disposition, reason: after.disposition_reason },
    });
    return after;
  });
}

/** The text as it stands after the consultation, and the report's summary in both languages. */
export async function setFinalText(deps: Deps, ctx: Ctx, id: number, raw: unknown, at = new Date()) {
  const c = await closedConsultation(deps, ctx, id, at);
  const input = parseInput(finalInput, raw);
  const articles = splitArticles(input.final_text);
  if (articles.length === 0) fieldError('final_text', 'participate.validation.no_articles');
  if (articles.length > MAX_ARTICLES) fieldError('final_text', 'participate.validation.too_many_articles', { max: MAX_ARTICLES });
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateConsultation(trx, id, input);
    await repo.replaceArticles(trx, id, 'final', articles);
    await recordAudit(trx, ctx, {
      action: 'participate.consultation.final_text',
      recordType: 'participate_consultation',
      recordId: id,
      agencyId: c.agency_id,
      before: { final_text: c.final_text, report_ar: c.report_ar, report_en: c.report_en },
      after: { ...input, articles: articles.length },
    });
    return after;
  });
}

/**
 * Completes a closed consultation and publishes its report (its followers are told in the same
 * transaction). Refused while any comment (hidden and
 * removed ones included) has no disposition, or before the final text is set.
 */
export async function completeConsultation(deps: Deps, ctx: Ctx, id: number, at = new Date()) {
  const c = await closedConsultation(deps, ctx, id, at);
  authorize(participatePolicy.publish(ctx.actor, c.agency_id));
  const open = await repo.countComments(deps.db, id, { undisposed: true });
  if (open > 0) throw new ConflictError('participate.error.undisposed', { count: open });
  if (!c.final_text) throw new ConflictError('participate.error.no_final_text');
  return deps.db.transaction().execute(async (trx) => {
    // Checked again in the transaction: a comment whose request began before the period closed may land after the first count.
    const still = await repo.countComments(trx, id, { undisposed: true });
    if (still > 0) throw new ConflictError('participate.error.undisposed', { count: still });
    const after = await repo.updateConsultation(trx, id, { status: 'completed', completed_at: at.toISOString() });
    await announceReport(trx, deps, ctx, after);
    await recordAudit(trx, ctx, {
      action: 'participate.consultation.complete',
      recordType: 'participate_consultation',
      recordId: id,
      agencyId: c.agency_id,
      before: { status: c.status },
      after: { status: after.status, completed_at: after.completed_at },
    });
    return after;
  });
}

/** Draft and final text side by side, article by article. */
export async function comparison(deps: Deps, id: number) {
  const [draft, final] = await Promise.all([repo.listArticles(deps.db, id, 'draft'), repo.listArticles(deps.db, id, 'final')]);
  return compareArticles(draft, final);
}
