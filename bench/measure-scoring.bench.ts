// Measurement at national scale: a round of 300 agencies × 200 questions (60,000 answers) in the
// database. Times scoring it (load + engine) and rendering the national view (stored results +
// charts + page), each against a plain load of the same rows in the same run. SQLite, one process.
import { rmSync } from 'node:fs';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import * as identityRepo from '../src/modules/identity/testing.ts';
import {
  computeScores,
  definitionOf,
  finaliseRound,
  getRound,
  importFramework,
  publishFramework,
  questionsOf,
  RANKING_PAGE_SIZE,
  ResultsPage,
  roundResults,
  scoreRound,
  valueToJson,
} from '../src/modules/measure/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { makePageCtx, Page } from '../src/platform/views/context.ts';
import { report, round, sqliteInstallation, timeCalls } from './lib.ts';

const AGENCIES = Number(process.env.BENCH_AGENCIES ?? 300);
const { dir, config, deps } = await sqliteInstallation('measure');
const ctx = systemCtx('bench');

/** 4 perspectives × 5 axes × 5 indicators × 2 questions = 200 questions, every manual answer type. */
function framework() {
  const types = ['yes_no', 'percentage', 'levels', 'number'] as const;
  let n = 0;
  const question = (key: string) => {
    const t = types[n++ % types.length];
    return {
      key,
      type: 'question',
      name_ar: `سؤال ${key}`,
      name_en: `Question ${key}`,
      weight: 1 + (n % 3),
      answer_type: t,
      allow_na: n % 10 === 0,
      ...(t === 'levels'
        ? { levels: ['l0', 'l1', 'l2', 'l3'].map((k, i) => ({ key: k, name_ar: `مستوى ${i}`, name_en: `Level ${i}`, score: i / 3 })) }
        : t === 'number'
          ? { scale: { min: 0, max: 60, direction: 'lower_better', cap: 50 } }
          : {}),
    };
  };
  const group = (key: string, type: string, children: unknown[]) => ({
    key,
    type,
    name_ar: `عنصر ${key}`,
    name_en: `Node ${key}`,
    weight: 1,
    children,
  });
  return {
    id: 'bench',
    version: '1',
    name_ar: 'إطار القياس',
    name_en: 'Bench framework',
    nodes: [1, 2, 3, 4].map((p) =>
      group(
        `p${p}`,
        'perspective',
        [1, 2, 3, 4, 5].map((a) =>
          group(
            `p${p}.a${a}`,
            'axis',
            [1, 2, 3, 4, 5].map((i) =>
              group(`p${p}.a${a}.i${i}`, 'indicator', [question(`q${p}.${a}.${i}.1`), question(`q${p}.${a}.${i}.2`)]),
            ),
          ),
        ),
      ),
    ),
  };
}

const t0 = performance.now();
const fwRow = await importFramework(deps, ctx, JSON.stringify(framework()));
await publishFramework(deps, ctx, fwRow.id);
const agencyIds: number[] = [];
await deps.db.transaction().execute(async (trx) => {
  for (let i = 0; i < AGENCIES; i++) {
    const a = await identityRepo.insertAgency(trx, {
      code: `agency-${String(i).padStart(3, '0')}`,
      name_ar: `الجهة ${i}`,
      name_en: `Agency ${i}`,
      kind: 'authority',
      parent_id: null,
      website: 'https://example.gov.sa',
      email: null,
      phone: null,
      address_ar: null,
      address_en: null,
      status: 'active',
    });
    agencyIds.push(a.id);
  }
});
const now = new Date().toISOString();
const roundRow = await deps.db
  .insertInto('measure_rounds')
  .values({
    code: 'bench',
    framework_id: fwRow.id,
    name_ar: 'جولة القياس',
    name_en: 'Bench round',
    period_from: '2025-01-01',
    period_to: '2025-12-31',
    opens_at: '2026-01-01T00:00:00.000Z',
    closes_at: '2026-02-01T00:00:00.000Z',
    reminder_days: '7,1',
    status: 'open',
    created_at: now,
    updated_at: now,
    opened_at: now,
    finalised_at: null,
    published_at: null,
  })
  .returningAll()
  .executeTakeFirstOrThrow();
const questions = questionsOf(definitionOf(fwRow));
const value = (qType: string, a: number, q: number) => {
  const x = ((a * 7919 + q * 104729) % 1000) / 1000;
  if (qType === 'yes_no') return x > 0.4;
  if (qType === 'percentage') return Math.round(x * 100);
  if (qType === 'levels') return `l${Math.floor(x * 4)}`;
  return Math.round(x * 70);
};
await deps.db.transaction().execute(async (trx) => {
  await trx
    .insertInto('measure_participants')
    .values(
      agencyIds.map((agency_id) => ({
        round_id: roundRow.id,
        agency_id,
        status: 'submitted' as const,
        signed_off_by: 'bench',
        signed_off_at: now,
        submitted_at: now,
        submissions: 1,
        updated_at: now,
      })),
    )
    .execute();
  let rows = [];
  for (const [ai, agency_id] of agencyIds.entries()) {
    for (const [qi, q] of questions.entries()) {
      const na = q.allow_na && (ai + qi) % 9 === 0;
      rows.push({
        round_id: roundRow.id,
        agency_id,
        question_key: q.key,
        value_json: na ? null : valueToJson(value(q.answer_type, ai, qi)),
        na: na ? 1 : 0,
        comment: null,
        auto_json: null,
        status: 'accepted' as const,
        review_value_json: null,
        review_na: 0,
        review_reason: null,
        reviewed_by: 'bench',
        reviewed_at: now,
        response: null,
        version: 1,
        updated_by: 'bench',
        created_at: now,
        updated_at: now,
      });
      if (rows.length === 1000) {
        await trx.insertInto('measure_answers').values(rows).execute();
        rows = [];
      }
    }
  }
  if (rows.length) await trx.insertInto('measure_answers').values(rows).execute();
});
const loadSeconds = round((performance.now() - t0) / 1000, 1);

const bundle = await getRound(deps, ctx, roundRow.id);
const plainAnswers = await timeCalls(10, () =>
  deps.db.selectFrom('measure_answers').selectAll().where('round_id', '=', roundRow.id).execute(),
);
const scoring = await timeCalls(10, () => computeScores(deps.db, bundle, 'final'));
const { answers } = await computeScores(deps.db, bundle, 'final');
const engineOnly = await timeCalls(10, () => scoreRound(bundle.framework, answers));

const f0 = performance.now();
await finaliseRound(deps, ctx, roundRow.id);
const finaliseMs = round(performance.now() - f0);

const pageCtx = makePageCtx({
  lang: 'ar',
  actor: ctx.actor,
  csrf: '',
  path: `/console/measure/rounds/${roundRow.id}/results`,
  timeZone: config.timeZone,
});
let bytes = 0;
const render = async () => {
  const view = await roundResults(deps, ctx, roundRow.id);
  const html = renderToString(h(Page.Provider, { value: pageCtx }, h(ResultsPage, { view })));
  bytes = html.length;
};
const r0 = performance.now();
await render();
const coldRenderMs = round(performance.now() - r0);
const plainResults = await timeCalls(20, () =>
  deps.db.selectFrom('measure_results').selectAll().where('round_id', '=', roundRow.id).execute(),
);
const nationalView = await timeCalls(20, render);
const resultsOnly = await timeCalls(20, () => roundResults(deps, ctx, roundRow.id));

report(
  'measure: scoring a national round and rendering the national view',
  [
    ['agencies × questions', `${AGENCIES} × ${questions.length} = ${AGENCIES * questions.length} answers`],
    ['data load (s)', loadSeconds],
    ['plain load of the answers, p50 (ms)', plainAnswers.p50],
    ['score the round (load + engine), p50 (ms)', scoring.p50],
    ['engine alone, p50 (ms)', engineOnly.p50],
    ['ratio: scoring ÷ plain load', round(scoring.p50 / plainAnswers.p50, 2)],
    ['finalise (score + store 300 results), once (ms)', finaliseMs],
    ['plain load of the results, p50 (ms)', plainResults.p50],
    ['national view, first render (ms)', coldRenderMs],
    ['national view (results + charts + page), p50 (ms)', nationalView.p50],
    ['national view p99 (ms)', nationalView.p99],
    ['of which reading the results, p50 (ms)', resultsOnly.p50],
    ['national view size (KB)', round(bytes / 1024, 1)],
    ['agencies in its ranking table and heat map (a page)', `${Math.min(RANKING_PAGE_SIZE, AGENCIES)} of ${AGENCIES}`],
    ['ratio: national view ÷ plain load of its rows', round(nationalView.p50 / plainResults.p50, 1)],
  ],
  { agencies: AGENCIES, questions: questions.length },
);
await deps.close();
rmSync(dir, { recursive: true, force: true });
