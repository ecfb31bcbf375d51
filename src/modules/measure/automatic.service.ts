import type { Executor } from '../../db.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { nowIso } from '../../platform/db/time.ts';
import type { Deps } from '../../platform/deps.ts';
import { dayEnd, dayStart } from '../../platform/i18n/dates.ts';
import * as repo from './repo/answers.repo.ts';
import type { RoundRow } from './repo/rounds.repo.ts';
import { type Framework, type QuestionNode, questionsOf } from './scoring/framework.schema.ts';
import { type Reading, sourceFor } from './sources.ts';
import { valueToJson } from './values.ts';

// Automatic indicators are read from the platform for the round's period when the agency's answers
// are opened or refreshed, shown with their numerator and denominator, and frozen at submission:
// the value a reviewer reviews and the engine scores is the one the agency submitted.

/** What is kept of a reading beside the answer. */
export interface AutoReading extends Reading {
  source: string;
  /** False when no module provides the source yet; the answer then has no value. */
  available: boolean;
  from: string;
  to: string;
  computed_at: string;
  frozen_at?: string;
  /** Nothing to count, on a question that allows "not applicable": the answer is N/A rather than 0. */
  na?: boolean;
}

export const parseAuto = (json: string | null): AutoReading | null => (json ? (JSON.parse(json) as AutoReading) : null);

/** Readings older than this are taken again when the answers are opened. */
const STALE_MS = 10 * 60_000;

/** The automatic questions of a framework. */
export const automaticQuestions = (f: Framework) => questionsOf(f).filter((q) => q.answer_type === 'automatic');

/** Reads every automatic source of the framework for one agency and the round's period (outside any transaction). */
export async function takeReadings(deps: Deps, round: RoundRow, framework: Framework, agencyId: number): Promise<Map<string, AutoReading>> {
  const tz = deps.config.timeZone;
  const window = { agencyId, from: dayStart(round.period_from, tz), to: dayEnd(round.period_to, tz) };
  const out = new Map<string, AutoReading>();
  for (const q of automaticQuestions(framework)) {
    const name = q.automatic?.source as string;
    const source = sourceFor(name);
    const r = source ? await source.read(deps, window) : { numerator: 0, denominator: 0, rate: null };
    out.set(q.key, {
      ...r,
      source: name,
      available: !!source,
      from: window.from,
      to: window.to,
      computed_at: nowIso(),
      ...(source && r.rate === null && q.allow_na ? { na: true } : {}),
    });
  }
  return out;
}

const sameReading = (a: AutoReading | null, b: AutoReading) =>
  !!a && a.available === b.available && a.numerator === b.numerator && a.denominator === b.denominator && a.rate === b.rate;

/**
 * Writes readings into the agency's answers (inserting the rows the first time). An automatic answer
 * has no value of the agency's own, so writing it never conflicts with what an editor holds.
 */
export async function storeReadings(
  trx: Executor,
  ctx: Ctx,
  round: RoundRow,
  agencyId: number,
  readings: Map<string, AutoReading>,
  opts: { freeze?: boolean } = {},
): Promise<void> {
  const now = nowIso();
  for (const [key, reading] of readings) {
    const auto: AutoReading = opts.freeze ? { ...reading, frozen_at: now } : reading;
    const value = valueToJson(reading.rate);
    const existing = await repo.findAnswer(trx, round.id, agencyId, key);
    if (!existing) {
      const row = await repo.insertAnswer(trx, {
        round_id: round.id,
        agency_id: agencyId,
        question_key: key,
        value_json: value,
        na: reading.na ? 1 : 0,
        comment: null,
        auto_json: JSON.stringify(auto),
        updated_by: actorLabel(ctx.actor),
      });
      if (row) await repo.insertEvent(trx, { answer_id: row.id, action: 'auto_reading', detail: auto, actor_label: actorLabel(ctx.actor) });
      continue;
    }
    const before = parseAuto(existing.auto_json);
    if (before?.frozen_at && !opts.freeze) continue;
    await repo.setAutoReading(trx, existing.id, value, reading.na ? 1 : 0, JSON.stringify(auto));
    if (!sameReading(before, reading) || opts.freeze)
      await repo.insertEvent(trx, {
        answer_id: existing.id,
        action: opts.freeze ? 'auto_frozen' : 'auto_reading',
        detail: auto,
        actor_label: actorLabel(ctx.actor),
      });
  }
}

/** Takes and stores fresh readings when the stored ones are missing, stale, or `force` is set. */
export async function refreshReadings(
  deps: Deps,
  ctx: Ctx,
  round: RoundRow,
  framework: Framework,
  agencyId: number,
  opts: { force?: boolean } = {},
): Promise<void> {
  const questions = automaticQuestions(framework);
  if (questions.length === 0) return;
  if (!opts.force) {
    const rows = await repo.listAnswers(deps.db, round.id, agencyId);
    const fresh = questions.every((q: QuestionNode) => {
      const a = parseAuto(rows.find((r) => r.question_key === q.key)?.auto_json ?? null);
      return a && Date.now() - Date.parse(a.computed_at) < STALE_MS;
    });
    if (fresh) return;
  }
  const readings = await takeReadings(deps, round, framework, agencyId);
  await deps.db.transaction().execute((trx) => storeReadings(trx, ctx, round, agencyId, readings));
}
