import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { findAgency } from '../identity/public.ts';
import { feedbackPolicy } from './feedback.policy.ts';
import * as repo from './settings.repo.ts';

const REQUIRE_KEY = 'require_cx_summary';

/** Whether service pages must show the CX summary whatever agencies chose (the program office's call). */
export async function summaryRequired(db: Executor): Promise<boolean> {
  return (await repo.getSetting(db, REQUIRE_KEY)) === '1';
}

/**
 * The latest question set (null before the first is written) and whether the CX summary shows, for
 * a public service page, in one query. Nothing is kept between pages: each cold page reads what is
 * current, on every node.
 */
export async function servicePageSettings(db: Executor, agencyId: number): Promise<{ questionsJson: string | null; shown: boolean }> {
  const r = await repo.servicePageSettings(db, agencyId, REQUIRE_KEY);
  return { questionsJson: r.questions_json ?? null, shown: r.required === '1' || Number(r.show) === 1 };
}

export async function agencyCxSettings(deps: Deps, ctx: Ctx, agencyId: number) {
  authorize(feedbackPolicy.agencySettings(ctx.actor, agencyId), 'settings of another agency');
  return { show: (await repo.agencySettings(deps.db, agencyId))?.show_cx_summary === 1, required: await summaryRequired(deps.db) };
}

/** An agency chooses to show (or not) its services' CX summary on their public pages. */
export async function setAgencyCx(deps: Deps, ctx: Ctx, agencyId: number, show: boolean) {
  authorize(feedbackPolicy.agencySettings(ctx.actor, agencyId), 'settings of another agency');
  if (!(await findAgency(deps.db, agencyId))) throw new NotFoundError();
  await deps.db.transaction().execute(async (trx) => {
    await repo.putAgencySettings(trx, agencyId, show);
    await recordAudit(trx, ctx, { action: 'feedback.cx_summary_set', recordType: 'agency', recordId: agencyId, agencyId, after: { show } });
  });
}

/** The program office requires (or stops requiring) every service page to show its CX summary. */
export async function setSummaryRequired(deps: Deps, ctx: Ctx, required: boolean) {
  authorize(feedbackPolicy.manageProgram(ctx.actor));
  await deps.db.transaction().execute(async (trx) => {
    await repo.putSetting(trx, REQUIRE_KEY, required ? '1' : '0');
    await recordAudit(trx, ctx, { action: 'feedback.cx_summary_require', recordType: 'feedback_settings', after: { required } });
  });
}
