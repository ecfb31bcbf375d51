import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import * as repo from './cases.repo.ts';
import { caseFromLink, systemEvent } from './cases.service.ts';
import { surveyInput } from './feedback.schema.ts';
import { notifyBeneficiary } from './notifications.ts';
import { statusToken } from './tracking.ts';

const tokenFor = (deps: Deps, c: repo.CaseRow) => statusToken(deps.config, c);

/** The one-question survey after resolution: how well the case was handled, once per case. */
export async function answerSurvey(deps: Deps, ctx: Ctx, trackingNo: string, token: unknown, raw: unknown) {
  const c = await caseFromLink(deps, trackingNo, token);
  const { score } = parseInput(surveyInput, raw);
  if (c.survey_score !== null) throw new ConflictError('feedback.error.survey_done');
  if (c.status !== 'resolved') throw new ConflictError('feedback.error.survey_not_yet');
  await deps.db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    await repo.updateCase(trx, c.id, { survey_score: score, survey_at: at });
    await repo.insertEvent(trx, { ...systemEvent(c, 'survey', at), author_type: 'beneficiary', data_json: JSON.stringify({ score }) });
    await recordAudit(trx, ctx, {
      action: 'feedback.survey',
      recordType: 'feedback_case',
      recordId: c.id,
      agencyId: c.agency_id,
      after: { score },
    });
  });
}

/** Job: sends the survey some time after resolution, unless the case was reopened meanwhile. */
export async function sendSurvey(deps: Deps, payload: { caseId: number; reopenCount: number }): Promise<void> {
  const c = await repo.findCase(deps.db, payload.caseId);
  if (c?.status !== 'resolved' || c.reopen_count !== payload.reopenCount || c.survey_score !== null) return;
  await deps.db.transaction().execute((trx) =>
    notifyBeneficiary(trx, deps, c, 'survey', {
      key: String(payload.reopenCount),
      url: `${deps.config.baseUrl}/${c.lang}/feedback/cases/${c.tracking_no}/survey?t=${encodeURIComponent(tokenFor(deps, c))}`,
    }),
  );
}

export const SURVEY_JOB = 'feedback.survey';
/** Enqueues the survey of a resolution inside the resolving transaction. */
export const enqueueSurvey = (trx: Parameters<typeof enqueue>[0], c: repo.CaseRow, delayMs = 0) =>
  enqueue(
    trx,
    SURVEY_JOB,
    { caseId: c.id, reopenCount: c.reopen_count },
    {
      uniqueKey: `${SURVEY_JOB}:${c.id}:${c.reopen_count}`,
      runAt: new Date(Date.now() + delayMs),
    },
  );
