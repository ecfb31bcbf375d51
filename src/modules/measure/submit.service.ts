import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, ValidationError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { missingForSubmission, openSheet } from './answers.service.ts';
import { storeReadings, takeReadings } from './automatic.service.ts';
import { measurePolicy } from './measure.policy.ts';
import { submitInput } from './measure.schema.ts';
import * as answers from './repo/answers.repo.ts';
import { moveParticipant } from './repo/rounds.repo.ts';

/**
 * The agency administrator signs off and submits the agency's answers (or, after a return, its
 * responses). Automatic readings are taken one last time and frozen with the submission.
 */
export async function submitAnswers(deps: Deps, ctx: Ctx, roundId: number, agencyId: number, raw: unknown) {
  authorize(measurePolicy.submit(ctx.actor, agencyId));
  const sheet = await openSheet(deps, ctx, roundId, agencyId);
  if (sheet.mode === 'none')
    throw new ConflictError(
      sheet.round.closes_at <= nowIso() && sheet.participant.status === 'in_progress'
        ? 'measure.error.round_closed'
        : 'measure.error.not_editable',
    );
  parseInput(submitInput, raw);
  const missing = missingForSubmission(sheet);
  if (missing.length) {
    throw new ValidationError(
      missing.slice(0, 30).map((m) => ({
        field: '_',
        key: `measure.submit.missing.${m.problem}` as const,
        params: { question: ctx.lang === 'ar' ? m.q.name_ar : m.q.name_en },
      })),
    );
  }
  const first = sheet.mode === 'all';
  const readings = first ? await takeReadings(deps, sheet.round, sheet.framework, agencyId) : null;
  const by = actorLabel(ctx.actor);
  const now = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const moved = await moveParticipant(trx, sheet.participant.id, first ? ['in_progress'] : ['returned'], 'submitted', {
      signed_off_by: by,
      signed_off_at: now,
      submitted_at: now,
      countSubmission: true,
    });
    if (!moved) throw new ConflictError('measure.error.not_editable');
    if (readings) await storeReadings(trx, ctx, sheet.round, agencyId, readings, { freeze: true });
    const rows = await answers.moveAnswers(trx, roundId, agencyId, first ? ['draft'] : ['responded'], 'submitted');
    for (const r of rows) await answers.insertEvent(trx, { answer_id: r.id, action: first ? 'submit' : 'resubmit', actor_label: by });
    await recordAudit(trx, ctx, {
      action: first ? 'measure.submission.submit' : 'measure.submission.resubmit',
      recordType: 'measure_participant',
      recordId: sheet.participant.id,
      agencyId,
      after: { round: roundId, signed_off_by: by, answers: rows.length, attestation: translate(ctx.lang, 'measure.submit.attest') },
    });
  });
}
