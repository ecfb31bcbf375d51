import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildUser } from '../../../test/helpers/factories.ts';
import { loadDemo } from '../../demo/demo.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { sniff } from '../../platform/storage/sniff.ts';
import { CURRENT_ROUND, loadMeasureDemo, PAST_ROUND } from './demo.ts';
import { defaultFramework } from './frameworks.service.ts';
import { questionsOf } from './scoring/framework.schema.ts';

describe('measure: demo data', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await loadDemo(t.deps, systemCtx('demo'), { volume: 0.1 });
  });
  after(() => t.close());

  it('loads the default framework, a published past round and an open current round, once', async () => {
    // loadDemo already ran the measure demo (after the modules it reads); a second run adds nothing.
    assert.deepEqual(await loadMeasureDemo(t.deps, systemCtx('demo')), { rounds: 0 }, 'idempotent');
    const rounds = await t.deps.db.selectFrom('measure_rounds').select(['code', 'status']).orderBy('code').execute();
    assert.deepEqual(rounds, [
      { code: PAST_ROUND, status: 'published' },
      { code: CURRENT_ROUND, status: 'open' },
    ]);
    assert.equal((await t.deps.db.selectFrom('measure_frameworks').select('id').execute()).length, 1);
  });

  it('gives the past round meaningful rankings: every stage is reached by several agencies and few tie', async () => {
    const past = await t.deps.db.selectFrom('measure_rounds').select('id').where('code', '=', PAST_ROUND).executeTakeFirstOrThrow();
    const results = await t.deps.db.selectFrom('measure_results').selectAll().where('round_id', '=', past.id).execute();
    const agencies = await t.deps.db.selectFrom('agencies').select('id').execute();
    assert.equal(results.length, agencies.length);
    const perStage = (key: string) => results.filter((r) => r.stage_key === key).length;
    for (const key of ['building', 'availability', 'integration', 'excellence']) assert.ok(perStage(key) >= 3, `${key}: ${perStage(key)}`);
    assert.ok(new Set(results.map((r) => r.rank)).size >= agencies.length - 3, 'ranks are mostly distinct');
    const top = results.find((r) => r.rank === 1);
    assert.equal(top?.agency_code, 'dga');
  });

  it('leaves the current round at every step: partial, submitted, reviewed and returned', async () => {
    const current = await t.deps.db.selectFrom('measure_rounds').selectAll().where('code', '=', CURRENT_ROUND).executeTakeFirstOrThrow();
    assert.ok(current.opens_at < new Date().toISOString() && current.closes_at > new Date().toISOString());
    const statuses = await t.deps.db.selectFrom('measure_participants').select('status').where('round_id', '=', current.id).execute();
    const count = (s: string) => statuses.filter((x) => x.status === s).length;
    assert.ok(count('in_progress') > 0 && count('submitted') > 0 && count('returned') === 1);
    const moh = await t.deps.db.selectFrom('agencies').select('id').where('code', '=', 'moh').executeTakeFirstOrThrow();
    const answered = await t.deps.db
      .selectFrom('measure_answers')
      .select('id')
      .where('round_id', '=', current.id)
      .where('agency_id', '=', moh.id)
      .execute();
    assert.ok(answered.length > 5 && answered.length < 30, `moh answered ${answered.length}`);
  });

  it('keeps the rule the sheet enforces: every submitted answer that needs evidence has a document, stored and a real PDF', async () => {
    const framework = defaultFramework();
    const needs = new Set(
      questionsOf(framework)
        .filter((q) => q.answer_type !== 'automatic' && q.evidence.required)
        .map((q) => q.key),
    );
    assert.ok(needs.size > 0, 'the default framework asks for evidence somewhere');
    const answers = await t.deps.db
      .selectFrom('measure_answers as a')
      .innerJoin('measure_participants as p', (j) => j.onRef('p.round_id', '=', 'a.round_id').onRef('p.agency_id', '=', 'a.agency_id'))
      .select(['a.id', 'a.question_key', 'a.na', 'a.value_json', 'p.status'])
      .where('p.status', 'in', ['submitted', 'returned'])
      .execute();
    const submitted = answers.filter((a) => needs.has(a.question_key) && a.na !== 1 && a.value_json !== null);
    assert.ok(submitted.length > 100, `${submitted.length} submitted answers need evidence`);
    const files = await t.deps.db.selectFrom('measure_evidence').select(['answer_id', 'storage_key', 'mime']).execute();
    const byAnswer = new Map(files.map((f) => [f.answer_id, f]));
    const missing = submitted.filter((a) => !byAnswer.has(a.id));
    assert.deepEqual(missing, [], 'submitted answers without their evidence');
    const sample = byAnswer.get(submitted[0].id) as (typeof files)[number];
    const bytes = await t.deps.storage.get(sample.storage_key);
    assert.equal(sample.mime, 'application/pdf');
    assert.equal(sniff(bytes)?.ext, 'pdf');
    assert.match(bytes.toString('latin1'), /%%EOF\n$/);
  });

  it('renders the demo rounds for the program office', async () => {
    await buildUser(t.deps, { email: 'admin@test.sa', role: 'program_admin' });
    const admin = await signedIn(t.app, 'admin@test.sa');
    const ids = Object.fromEntries(
      (await t.deps.db.selectFrom('measure_rounds').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
    );
    for (const url of [
      '/ar/console/measure',
      `/ar/console/measure/rounds/${ids[PAST_ROUND]}/results`,
      `/en/console/measure/rounds/${ids[PAST_ROUND]}/report`,
      `/ar/console/measure/rounds/${ids[CURRENT_ROUND]}`,
      `/en/console/measure/rounds/${ids[CURRENT_ROUND]}/results`,
    ]) {
      const res = await admin.get(url);
      assert.equal(res.statusCode, 200, url);
    }
  });
});
