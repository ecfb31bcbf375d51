import type { Executor } from '../../db.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { dayEnd, dayStart, localDate } from '../../platform/i18n/dates.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { allAgencies } from '../identity/public.ts';
import { type AutoReading, takeReadings } from './automatic.service.ts';
import { capability, clamp, demoValue, evidencePdf, pastReading, unit } from './demo.data.ts';
import { defaultFramework } from './frameworks.service.ts';
import * as answersRepo from './repo/answers.repo.ts';
import * as frameworksRepo from './repo/frameworks.repo.ts';
import * as resultsRepo from './repo/results.repo.ts';
import * as roundsRepo from './repo/rounds.repo.ts';
import { nodesToJson, roundAnswers } from './results.service.ts';
import { scoreRound } from './scoring/engine.ts';
import { type Framework, questionsOf } from './scoring/framework.schema.ts';
import { valueToJson } from './values.ts';

// Demo data: the default framework, a finalised and published round for 1446 AH (answered in
// 1447), and the current round, open, with agencies at every step. Answers are generated from a
// fixed per-agency capability and a hash of (agency, question), so every load gives the same
// numbers and the rankings and stages are spread out.

export const PAST_ROUND = '1446-1447';
export const CURRENT_ROUND = '1447-1448';

async function ensureFramework(trx: Executor, ctx: Ctx, f: Framework) {
  const found = await frameworksRepo.findFrameworkVersion(trx, f.id, f.version);
  if (found) return found;
  const row = await frameworksRepo.insertFramework(trx, {
    key: f.id,
    version: f.version,
    name_ar: f.name_ar,
    name_en: f.name_en,
    definition_json: JSON.stringify(f),
    created_by: actorLabel(ctx.actor),
  });
  await frameworksRepo.setFrameworkStatus(trx, row.id, 'published');
  await recordAudit(trx, ctx, {
    action: 'measure.framework.import',
    recordType: 'measure_framework',
    recordId: row.id,
    after: { key: f.id, version: f.version },
  });
  return row;
}

type Step = 'none' | 'partial' | 'draft' | 'submitted' | 'returned' | 'reviewed';

async function writeAnswers(
  trx: Executor,
  round: roundsRepo.RoundRow,
  framework: Framework,
  agency: { id: number; code: string; name_en: string },
  opts: {
    storage: Storage;
    c: number;
    salt: string;
    share: number;
    status: 'draft' | 'submitted' | 'accepted';
    by: string;
    readings?: Map<string, AutoReading>;
  },
) {
  const questions = questionsOf(framework);
  for (const [i, q] of questions.entries()) {
    if (q.answer_type === 'automatic') {
      const reading = opts.readings?.get(q.key);
      if (!reading) continue;
      await answersRepo.insertAnswer(trx, {
        round_id: round.id,
        agency_id: agency.id,
        question_key: q.key,
        value_json: valueToJson(reading.rate),
        na: reading.na ? 1 : 0,
        comment: null,
        auto_json: JSON.stringify(reading),
        updated_by: opts.by,
        status: opts.status,
      });
      continue;
    }
    if (i >= Math.round(questions.length * opts.share)) continue;
    const { value, na } = demoValue(q, agency.code, opts.c, opts.salt);
    const row = await answersRepo.insertAnswer(trx, {
      round_id: round.id,
      agency_id: agency.id,
      question_key: q.key,
      value_json: valueToJson(value),
      na: na ? 1 : 0,
      comment: null,
      auto_json: null,
      updated_by: opts.by,
      status: opts.status,
    });
    if (!row) continue;
    await answersRepo.insertEvent(trx, { answer_id: row.id, action: 'save', detail: { value, na }, actor_label: opts.by });
    // The rule the sheet enforces holds in the demo too: an answer that needs evidence and was
    // submitted carries a document (drafts have one for every other question, as work in progress).
    if (na || !q.evidence.required || (opts.status === 'draft' && i % 2 === 1)) continue;
    const stored = await opts.storage.put(evidencePdf(agency.name_en, q.name_en, round.code), 'pdf');
    const filename = `${agency.code}-${q.key.replace(/[^a-z0-9]+/gi, '-')}.pdf`;
    const evidence = await answersRepo.insertEvidence(trx, {
      answer_id: row.id,
      round_id: round.id,
      agency_id: agency.id,
      storage_key: stored.key,
      filename,
      mime: 'application/pdf',
      size: stored.size,
      sha256: stored.sha256,
      uploaded_by: opts.by,
    });
    const detail = { evidence: evidence.id, filename, size: stored.size, sha256: stored.sha256 };
    await answersRepo.insertEvent(trx, { answer_id: row.id, action: 'evidence_add', detail, actor_label: opts.by });
  }
}

/** Loads the measurement demo (idempotent): the default framework, the published 1446–1447 round, and the open current round. */
export async function loadMeasureDemo(deps: Deps, ctx: Ctx): Promise<{ rounds: number }> {
  const agencies = (await allAgencies(deps)).filter((a) => a.status === 'active');
  if (agencies.length === 0) return { rounds: 0 };
  const framework = defaultFramework();
  const tz = deps.config.timeZone;
  const past = await roundsRepo.findRoundByCode(deps.db, PAST_ROUND);
  const current = await roundsRepo.findRoundByCode(deps.db, CURRENT_ROUND);
  const steps = new Map<number, Step>(
    agencies.map((a, i) => [
      a.id,
      a.code === 'moh'
        ? 'partial'
        : a.code === 'mc'
          ? 'returned'
          : (['submitted', 'reviewed', 'draft', 'partial', 'none'] as Step[])[i % 5],
    ]),
  );
  // Automatic readings of the current round come from the catalog as it stands, read before the transaction.
  const readings = new Map<number, Map<string, AutoReading>>();
  if (!current) {
    const probe = { period_from: '2025-06-26', period_to: '2026-06-15' } as roundsRepo.RoundRow;
    for (const a of agencies)
      if (['submitted', 'reviewed', 'returned'].includes(steps.get(a.id) as Step))
        readings.set(a.id, await takeReadings(deps, { ...probe, id: 0 }, framework, a.id));
  }
  let created = 0;
  await deps.db.transaction().execute(async (trx) => {
    const fw = await ensureFramework(trx, ctx, framework);
    const by = actorLabel(ctx.actor);
    if (!past) {
      const round = await roundsRepo.insertRound(trx, {
        code: PAST_ROUND,
        framework_id: fw.id,
        name_ar: 'قياس التحول للعام 1446هـ (جولة 1446–1447)',
        name_en: 'Transformation measurement for 1446 AH (round 1446–1447)',
        period_from: '2024-07-07',
        period_to: '2025-06-25',
        opens_at: dayStart('2025-08-03', tz),
        closes_at: dayEnd('2025-09-30', tz),
        reminder_days: '14,7,1',
      });
      await roundsRepo.replaceParticipants(
        trx,
        round.id,
        agencies.map((a) => a.id),
      );
      for (const a of agencies) {
        const c = clamp(capability(a.code) - 0.08 + (unit(`drift:${a.code}`) - 0.5) * 0.1);
        const frozen = new Map(
          questionsOf(framework)
            .filter((q) => q.answer_type === 'automatic')
            .map((q) => [q.key, pastReading(q, a.code, c, round, tz)]),
        );
        await writeAnswers(trx, round, framework, a, {
          storage: deps.storage,
          c,
          salt: 'past',
          share: 1,
          status: 'accepted',
          by,
          readings: frozen,
        });
      }
      const participants = await roundsRepo.listParticipants(trx, round.id);
      for (const p of participants)
        await roundsRepo.moveParticipant(trx, p.id, ['in_progress'], 'submitted', {
          signed_off_by: by,
          signed_off_at: round.closes_at,
          submitted_at: round.closes_at,
          countSubmission: true,
        });
      const codes = new Map(agencies.map((a) => [a.id, a.code]));
      const scores = scoreRound(framework, roundAnswers(participants, codes, await answersRepo.listAnswers(trx, round.id), 'final'));
      const idOf = new Map(agencies.map((a) => [a.code, a.id]));
      const at = dayStart('2025-11-16', tz);
      await resultsRepo.insertResults(
        trx,
        scores.agencies.map((s) => ({
          round_id: round.id,
          agency_id: idOf.get(s.agency) as number,
          agency_code: s.agency,
          score: s.score,
          display: s.display,
          score_text: s.text,
          rank: s.rank,
          stage_key: s.stage?.key ?? null,
          nodes_json: nodesToJson(s.nodes),
          computed_at: at,
        })),
      );
      await roundsRepo.moveRound(trx, round.id, 'draft', 'open');
      await roundsRepo.moveRound(trx, round.id, 'open', 'finalised');
      await roundsRepo.moveRound(trx, round.id, 'finalised', 'published');
      await trx
        .updateTable('measure_rounds')
        .set({ opened_at: round.opens_at, finalised_at: at, published_at: dayStart('2025-12-01', tz) })
        .where('id', '=', round.id)
        .execute();
      await recordAudit(trx, ctx, {
        action: 'measure.round.publish',
        recordType: 'measure_round',
        recordId: round.id,
        after: { code: PAST_ROUND, demo: true },
      });
      created++;
    }
    if (!current) {
      const today = localDate(Date.now(), tz);
      const shift = (days: number) => localDate(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000, tz);
      const round = await roundsRepo.insertRound(trx, {
        code: CURRENT_ROUND,
        framework_id: fw.id,
        name_ar: 'قياس التحول للعام 1447هـ (جولة 1447–1448)',
        name_en: 'Transformation measurement for 1447 AH (round 1447–1448)',
        period_from: '2025-06-26',
        period_to: '2026-06-15',
        opens_at: dayStart(shift(-14), tz),
        closes_at: dayEnd(shift(45), tz),
        reminder_days: '14,7,1',
      });
      await roundsRepo.replaceParticipants(
        trx,
        round.id,
        agencies.map((a) => a.id),
      );
      await roundsRepo.moveRound(trx, round.id, 'draft', 'open');
      const participants = new Map((await roundsRepo.listParticipants(trx, round.id)).map((p) => [p.agency_id, p]));
      for (const a of agencies) {
        const step = steps.get(a.id) as Step;
        if (step === 'none') continue;
        const c = clamp(capability(a.code) + 0.04 + unit(`gain:${a.code}`) * 0.08);
        const share = step === 'partial' ? 0.45 : step === 'draft' ? 0.85 : 1;
        const submitted = step === 'submitted' || step === 'reviewed' || step === 'returned';
        const frozen = readings.get(a.id);
        const stamped = frozen && new Map([...frozen].map(([k, r]) => [k, { ...r, frozen_at: r.computed_at }]));
        await writeAnswers(trx, round, framework, a, {
          storage: deps.storage,
          c,
          salt: 'current',
          share,
          status: submitted ? (step === 'reviewed' ? 'accepted' : 'submitted') : 'draft',
          by,
          readings: stamped,
        });
        if (!submitted) continue;
        const p = participants.get(a.id) as roundsRepo.ParticipantRow;
        await roundsRepo.moveParticipant(trx, p.id, ['in_progress'], step === 'returned' ? 'returned' : 'submitted', {
          signed_off_by: by,
          signed_off_at: round.opens_at,
          submitted_at: round.opens_at,
          countSubmission: true,
        });
        if (step === 'returned') {
          const row = await answersRepo.findAnswer(trx, round.id, a.id, 'inst.strategy');
          if (row)
            await answersRepo.reviewAnswer(trx, row.id, 'submitted', {
              status: 'returned',
              review_value_json: null,
              review_na: 0,
              review_reason:
                'لم تُرفق وثيقة الاستراتيجية المعتمدة؛ أرفقوا قرار الاعتماد. / The approved strategy document is missing; attach the approval decision.',
              reviewed_by: by,
              reviewed_at: round.opens_at,
            });
        }
      }
      await recordAudit(trx, ctx, {
        action: 'measure.round.open',
        recordType: 'measure_round',
        recordId: round.id,
        after: { code: CURRENT_ROUND, demo: true },
      });
      created++;
    }
  });
  return { rounds: created };
}
