import { randomInt } from 'node:crypto';
import { ValidationError } from '../../platform/http/errors.ts';
import type { QuestionRow } from './training.repo.ts';

// What staff's and the public's assessments share: the draw of an attempt's questions from the
// programme's bank and the grading of its answers (the right answers never leave the server).

/** Draws up to `n` question ids at random (Fisher–Yates with a cryptographic source: nobody can predict the draw). */
export function drawQuestionIds(bank: readonly QuestionRow[], n: number): number[] {
  const ids = bank.map((q) => q.id);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids.slice(0, Math.min(n, ids.length));
}

/** An attempt's questions in the order drawn (those since removed from the bank are left out). */
export function questionsOf(questionIds: string, bank: readonly QuestionRow[]): QuestionRow[] {
  const byId = new Map(bank.map((q) => [q.id, q]));
  return questionIds
    .split(',')
    .map(Number)
    .map((id) => byId.get(id))
    .filter((q): q is QuestionRow => !!q);
}

/** Counts the right answers (fields q_<id> holding the chosen option's index); every question must be answered (400 otherwise). */
export function grade(questions: readonly QuestionRow[], raw: Record<string, unknown>): number {
  const missing = questions.filter((q) => {
    const v = raw[`q_${q.id}`];
    const n = typeof v === 'string' && /^\d$/.test(v) ? Number(v) : -1;
    return n < 0 || n >= (JSON.parse(q.options_json) as unknown[]).length;
  });
  if (missing.length) throw new ValidationError(missing.map((q) => ({ field: `q_${q.id}`, key: 'training.validation.answer' })));
  return questions.filter((q) => Number(raw[`q_${q.id}`]) === q.correct_index).length;
}
