import { recordAudit } from '../../platform/audit/audit.ts';
import { actorAgencyIds, type Ctx, hasRole } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { feedbackPolicy } from './feedback.policy.ts';
import { templateInput } from './feedback.schema.ts';
import * as repo from './settings.repo.ts';

/** Templates the actor may use: program-wide ones and their agencies' (every one for the program office). */
export async function listTemplates(deps: Deps, ctx: Ctx) {
  return repo.listTemplates(deps.db, hasRole(ctx.actor, 'program_admin') ? undefined : actorAgencyIds(ctx.actor));
}

/** A template the actor may use, or 404 (another agency's templates are not theirs to see). */
export async function getTemplate(deps: Deps, ctx: Ctx, id: number) {
  const t = await repo.findTemplate(deps.db, id);
  if (!t || (t.agency_id !== null && !hasRole(ctx.actor, 'program_admin') && !actorAgencyIds(ctx.actor).includes(t.agency_id))) {
    throw new NotFoundError();
  }
  return t;
}

/** The agency a form names, read leniently so the refusal can come before validation. */
export function agencyOf(raw: unknown): number | null {
  const n = Number((raw as Record<string, unknown> | null)?.agency_id);
  return Number.isInteger(n) && n > 0 ? n : null;
}

/**
 * Fills a template in the beneficiary's language: {tracking} and {name} are the case's. Without a
 * name (an anonymous case), {name} goes with the space before it, so «مرحباً {name}،» reads «مرحباً،».
 */
export function fillTemplate(t: repo.TemplateRow, lang: Lang, c: { tracking_no: string; contact_name: string | null }): string {
  const body = lang === 'ar' ? t.body_ar : t.body_en;
  const name = c.contact_name?.trim();
  const named = name ? body.replaceAll('{name}', name) : body.replace(/[ \t]*\{name\}/g, '');
  return named.replaceAll('{tracking}', c.tracking_no);
}

/** Creates or updates a template (agency administrators their agency's, the program office any, including program-wide ones). */
export async function saveTemplate(deps: Deps, ctx: Ctx, id: number | null, raw: unknown) {
  const before = id ? await repo.findTemplate(deps.db, id) : undefined;
  if (id && !before) throw new NotFoundError();
  if (before) authorize(feedbackPolicy.manageTemplates(ctx.actor, before.agency_id), 'template of another agency');
  // Refuse before judging the input: someone else's agency is not theirs to get field errors about.
  authorize(feedbackPolicy.manageTemplates(ctx.actor, agencyOf(raw)), 'template of another agency');
  const input = parseInput(templateInput, raw);
  const values = { ...input, agency_id: input.agency_id ?? null };
  return deps.db.transaction().execute(async (trx) => {
    const row = before ? await repo.updateTemplate(trx, before.id, values) : await repo.insertTemplate(trx, values);
    await recordAudit(trx, ctx, {
      action: before ? 'feedback.template_update' : 'feedback.template_create',
      recordType: 'feedback_template',
      recordId: row.id,
      agencyId: row.agency_id,
      before,
      after: row,
    });
    return row;
  });
}

export async function deleteTemplate(deps: Deps, ctx: Ctx, id: number) {
  const before = await repo.findTemplate(deps.db, id);
  if (!before) throw new NotFoundError();
  authorize(feedbackPolicy.manageTemplates(ctx.actor, before.agency_id), 'template of another agency');
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteTemplate(trx, id);
    await recordAudit(trx, ctx, {
      action: 'feedback.template_delete',
      recordType: 'feedback_template',
      recordId: id,
      agencyId: before.agency_id,
      before,
    });
  });
}
