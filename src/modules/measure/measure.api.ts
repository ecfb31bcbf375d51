import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { errorResponses } from '../../platform/http/api.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { planRows, writeAnswers } from './bulk.service.ts';
import { MEASURE_ROLES, measurePolicy } from './measure.policy.ts';
import * as answersRepo from './repo/answers.repo.ts';
import { findRoundByCode } from './repo/rounds.repo.ts';
import { roundResults } from './results.service.ts';
import { getRound, listRounds } from './rounds.service.ts';
import { questionsOf } from './scoring/framework.schema.ts';
import { valueFromJson } from './values.ts';

// /api/v1/measure: an agency's systems read the rounds it takes part in and their frameworks,
// read and write its own answers within the round's rules (agency:write; the same check as the
// forms and the file upload, so the refusals are the same, field by field, in both languages),
// and read the scores and rankings once published. Another agency's answers are refused (403).

const code = z.string().min(1).max(80);
const key = z.string().min(1).max(80);
const read = { roles: MEASURE_ROLES, scopes: ['agency:read', 'agency:write'] as const };
const write = { roles: ['agency_admin', 'agency_editor'] as const, scopes: ['agency:write'] as const };

const roundOut = z.object({
  code: z.string(),
  name_ar: z.string(),
  name_en: z.string(),
  status: z.enum(['draft', 'open', 'finalised', 'published']),
  period_from: z.string(),
  period_to: z.string(),
  opens_at: z.string(),
  closes_at: z.string().describe('Exclusive: answers are accepted while now < closes_at'),
  framework: z.object({ id: z.string(), version: z.string() }),
});
z.globalRegistry.add(roundOut, { id: 'MeasureRound' });

const valueSchema = z.union([z.boolean(), z.number(), z.string().max(200), z.null()]);
const answerOut = z.object({
  agency: z.string(),
  question: z.string(),
  value: valueSchema.describe('yes/no as a boolean, a level key, or the number exactly as entered'),
  na: z.boolean(),
  comment: z.string().nullable(),
  status: z.string(),
  version: z.number(),
  evidence_links: z.array(z.string()),
  evidence_files: z.number(),
  updated_at: z.string(),
});
z.globalRegistry.add(answerOut, { id: 'MeasureAnswer' });

const answerIn = z
  .object({
    value: valueSchema
      .optional()
      .describe(
        'true/false, a level key, or a number (a string such as "0,99924" or "٠٫٩٩٩٢٤" is read as the form reads it); above the scale is refused',
      ),
    na: z.boolean().optional().describe('Not applicable (only where the question allows it); then no value'),
    comment: z.string().max(2000).optional(),
    evidence_links: z
      .array(z.string().max(2000))
      .max(10)
      .optional()
      .describe('http(s) addresses of the evidence; added to those already given'),
    response: z.string().max(2000).optional().describe('The answer to a reviewer who returned this answer'),
  })
  .strict();

const rankingOut = z.object({
  round: z.string(),
  scale_max: z.number(),
  agencies: z.array(
    z.object({
      agency: z.string(),
      score: z.number().nullable().describe('Rounded to the framework decimals: what is shown and ranked'),
      rank: z.number().nullable(),
      stage: z.string().nullable(),
    }),
  ),
});
z.globalRegistry.add(rankingOut, { id: 'MeasureRanking' });

/** A round by its code, if the caller may see it (404 when it does not exist, 403 when it is not theirs). */
async function roundByCode(app: FastifyInstance, ctx: Ctx, roundCode: string) {
  const round = await findRoundByCode(app.deps.db, roundCode);
  if (!round) throw new NotFoundError();
  return getRound(app.deps, ctx, round.id);
}

/**
 * The agency the request speaks for: the one named in ?agency= (a token of another agency is then
 * refused by the policy), else an agency token's own or a person's only agency. The program
 * office's own token always names one.
 */
function ownAgencyId(ctx: Ctx, bundle: Awaited<ReturnType<typeof getRound>>, agency?: string): number {
  if (agency) {
    const p = bundle.participants.find((x) => x.agency.code.toLowerCase() === agency.toLowerCase());
    if (!p) throw new NotFoundError();
    return p.agency_id;
  }
  if (ctx.actor.kind === 'token' && ctx.actor.agencyId !== null) return ctx.actor.agencyId;
  const mine = bundle.participants.filter((p) => measurePolicy.answer(ctx.actor, p.agency_id));
  if (mine.length !== 1) throw new ValidationError([{ field: 'agency', key: 'measure.api.agency_required' }]);
  return mine[0].agency_id;
}

const agencyQuery = z
  .object({
    agency: code
      .optional()
      .describe(
        "An agency's code (any case). An agency token speaks for its own agency (another's is 403); the program office's token must name one",
      ),
  })
  .strict();

const toCell = (v: z.infer<typeof valueSchema> | undefined): string =>
  v === undefined || v === null
    ? ''
    : typeof v === 'boolean'
      ? v
        ? 'yes'
        : 'no'
      : typeof v === 'number'
        ? v.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
        : v;

export async function measureApi(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/measure/rounds',
    {
      config: { access: read },
      schema: {
        tags: ['measure'],
        summary: 'The measurement rounds the caller may see (an agency: the rounds it takes part in, once open), newest first',
        security: [{ bearer: [] }],
        response: { 200: z.object({ rounds: z.array(roundOut) }), ...errorResponses },
      },
    },
    async (req) => {
      const rounds = await listRounds(deps, req.ctx);
      const out = [];
      for (const round of rounds) {
        const { frameworkRow } = await getRound(deps, req.ctx, round.id);
        out.push({ ...pickRound(round), framework: { id: frameworkRow.key, version: frameworkRow.version } });
      }
      return { rounds: out };
    },
  );

  r.get(
    '/api/v1/measure/rounds/:code/framework',
    {
      config: { access: read },
      schema: {
        tags: ['measure'],
        summary:
          "A round's framework: the published JSON document its answers are scored against (questions, answer types, scales, evidence rules)",
        security: [{ bearer: [] }],
        params: z.object({ code }),
        response: { 200: z.record(z.string(), z.unknown()), ...errorResponses },
      },
    },
    async (req) => {
      const { framework } = await roundByCode(app, req.ctx, req.params.code);
      return framework as unknown as Record<string, unknown>;
    },
  );

  r.get(
    '/api/v1/measure/rounds/:code/answers',
    {
      config: { access: read },
      schema: {
        tags: ['measure'],
        summary: "One agency's answers in a round (a token: its own agency's), with their status, version and evidence",
        security: [{ bearer: [] }],
        params: z.object({ code }),
        querystring: agencyQuery,
        response: { 200: z.object({ round: z.string(), answers: z.array(answerOut) }), ...errorResponses },
      },
    },
    async (req) => {
      const bundle = await roundByCode(app, req.ctx, req.params.code);
      const agencyId = ownAgencyId(req.ctx, bundle, req.query.agency);
      authorize(measurePolicy.readAnswers(req.ctx.actor, agencyId));
      const agency = bundle.agencies.get(agencyId);
      const rows = await answersRepo.listAnswers(deps.db, bundle.round.id, agencyId);
      const links = await answersRepo.linksByAnswer(deps.db, bundle.round.id, agencyId);
      const files = await answersRepo.listEvidence(deps.db, { roundId: bundle.round.id, agencyId });
      const order = new Map(questionsOf(bundle.framework).map((q, i) => [q.key, i]));
      rows.sort((a, b) => (order.get(a.question_key) ?? 0) - (order.get(b.question_key) ?? 0));
      return {
        round: bundle.round.code,
        answers: rows.map((a) => ({
          agency: agency?.code ?? '',
          question: a.question_key,
          value: valueFromJson(a.value_json),
          na: !!a.na,
          comment: a.comment,
          status: a.status,
          version: a.version,
          evidence_links: links.get(a.id) ?? [],
          evidence_files: files.filter((f) => f.answer_id === a.id).length,
          updated_at: a.updated_at,
        })),
      };
    },
  );

  r.put(
    '/api/v1/measure/rounds/:code/answers/:key',
    {
      config: { access: write },
      schema: {
        tags: ['measure'],
        summary:
          "Give or change the agency's answer to one question while the round is open and the answer is the agency's to change (as in the answer form); audited and kept in the answer's history. The program office's token (with agency:write and `?agency=`) answers only the questions the office measures itself, recorded as entered by the program office on behalf of the agency",
        security: [{ bearer: [] }],
        params: z.object({ code, key }),
        querystring: agencyQuery,
        body: answerIn,
        response: {
          200: z.object({ outcome: z.enum(['new', 'changed', 'unchanged']), answer: answerOut }),
          409: errorResponses[400],
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const bundle = await roundByCode(app, req.ctx, req.params.code);
      const agencyId = ownAgencyId(req.ctx, bundle, req.query.agency);
      authorize(measurePolicy.answer(req.ctx.actor, agencyId) || measurePolicy.answerOnBehalf(req.ctx.actor));
      const agency = bundle.agencies.get(agencyId);
      if (!questionsOf(bundle.framework).some((q) => q.key === req.params.key)) throw new NotFoundError();
      const b = req.body;
      const plan = await planRows(
        deps,
        req.ctx,
        bundle,
        ['agency', 'question', 'value', 'na', 'comment', 'evidence', 'response'],
        [
          [
            agency?.code ?? '',
            req.params.key,
            toCell(b.value),
            b.na ? 'yes' : '',
            b.comment ?? '',
            (b.evidence_links ?? []).join(' '),
            b.response ?? '',
          ],
        ],
      );
      const row = plan.rows[0];
      // The answer is not the agency's to change now (submitted, closed, not returned): a conflict, as in the form.
      if (row.problems.some((p) => p.key === 'measure.import.not_editable' || p.key === 'measure.import.only_returned'))
        throw new ConflictError('measure.error.not_editable');
      if (row.outcome === 'refused')
        throw new ValidationError(
          row.problems.map((p) => ({ field: p.column === 'evidence' ? 'evidence_links' : p.column, key: p.key, params: p.params })),
        );
      // The office's token writes "on behalf of" the agency, as the office's upload does.
      await writeAnswers(deps, req.ctx, bundle.round.id, plan.ready, plan.who, { via: 'api' });
      const a = await answersRepo.findAnswer(deps.db, bundle.round.id, agencyId, req.params.key);
      if (!a) throw new NotFoundError();
      const files = await answersRepo.listEvidence(deps.db, { answerId: a.id });
      return {
        outcome: row.outcome as 'new' | 'changed' | 'unchanged',
        answer: {
          agency: agency?.code ?? '',
          question: a.question_key,
          value: valueFromJson(a.value_json),
          na: !!a.na,
          comment: a.comment,
          status: a.status,
          version: a.version,
          evidence_links: await answersRepo.listLinkUrls(deps.db, a.id),
          evidence_files: files.length,
          updated_at: a.updated_at,
        },
      };
    },
  );

  r.get(
    '/api/v1/measure/rounds/:code/results',
    {
      config: { access: read },
      schema: {
        tags: ['measure'],
        summary:
          "A round's scores and ranking: to an agency once published (403 before), to the program office also provisional while open",
        security: [{ bearer: [] }],
        params: z.object({ code }),
        response: { 200: rankingOut, ...errorResponses },
      },
    },
    async (req) => {
      const round = await findRoundByCode(deps.db, req.params.code);
      if (!round) throw new NotFoundError();
      const view = await roundResults(deps, req.ctx, round.id);
      return {
        round: round.code,
        scale_max: view.scores.scaleMax,
        agencies: view.scores.agencies.map((a) => ({ agency: a.agency, score: a.display, rank: a.rank, stage: a.stage?.key ?? null })),
      };
    },
  );
}

function pickRound(r: Awaited<ReturnType<typeof listRounds>>[number]) {
  return {
    code: r.code,
    name_ar: r.name_ar,
    name_en: r.name_en,
    status: r.status,
    period_from: r.period_from,
    period_to: r.period_to,
    opens_at: r.opens_at,
    closes_at: r.closes_at,
  };
}
