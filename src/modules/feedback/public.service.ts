import type { Deps } from '../../platform/deps.ts';
import { csat, medianFirstResponse, ratingCount, trust } from './feedback.metrics.ts';
import type { Question } from './feedback.schema.ts';
import * as ratingsRepo from './ratings.repo.ts';
import { currentQuestions } from './ratings.service.ts';
import { servicePageSettings } from './settings.service.ts';

/** Below this many answers a public figure is not shown: too few to mean much, and too close to individuals. */
export const MIN_PUBLIC_RESPONSES = 5;

export interface ServiceFeedback {
  questions: Question[];
  summary: {
    ratings: number;
    responses: number;
    csat: number | null;
    trust: number | null;
    medianFirstResponseHours: number | null;
    enough: boolean;
  } | null;
  replies: Awaited<ReturnType<typeof ratingsRepo.publicReplies>>;
}

let lastParsed: { json: string; questions: Question[] } | null = null;

/** The question set parsed, reused while its text is the same (the text is read on every page, so it is never stale). */
function parsedQuestions(json: string): Question[] {
  if (lastParsed?.json !== json) lastParsed = { json, questions: JSON.parse(json) as Question[] };
  return lastParsed.questions;
}

/** What a public service page shows: the rating questions, the CX summary (if the agency shows it) and published replies. */
export async function serviceFeedback(deps: Deps, serviceId: number, agencyId: number, now = new Date()): Promise<ServiceFeedback> {
  const settings = await servicePageSettings(deps.db, agencyId);
  const questions = settings.questionsJson === null ? (await currentQuestions(deps.db)).questions : parsedQuestions(settings.questionsJson);
  const replies = await ratingsRepo.publicReplies(deps.db, serviceId, 5);
  if (!settings.shown) return { questions, summary: null, replies };
  const scope = { serviceId, from: new Date(now.getTime() - 365 * 86_400_000).toISOString(), to: now.toISOString() };
  const satisfied = await csat(deps, scope);
  const enough = satisfied.responses >= MIN_PUBLIC_RESPONSES;
  const trusted = await trust(deps, scope);
  return {
    questions,
    replies,
    summary: {
      ratings: await ratingCount(deps, scope),
      responses: satisfied.responses,
      csat: enough ? satisfied.rate : null,
      trust: trusted.responses >= MIN_PUBLIC_RESPONSES ? trusted.rate : null,
      medianFirstResponseHours: enough ? (await medianFirstResponse(deps, scope)).medianHours : null,
      enough,
    },
  };
}
