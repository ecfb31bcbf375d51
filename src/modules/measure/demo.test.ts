import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildUser } from '../../../test/helpers/factories.ts';
import { loadDemo } from '../../demo/demo.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { CURRENT_ROUND, loadMeasureDemo, PAST_ROUND } from './demo.ts';

describe('measure: demo data', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await loadDemo(t.deps, systemCtx('demo'));
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
