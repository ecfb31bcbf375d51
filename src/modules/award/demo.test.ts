import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { hijriDate } from '../../platform/i18n/dates.ts';
import { catalogModule } from '../catalog/index.ts';
import { identityModule } from '../identity/index.ts';
import { awardDemo } from './award.demo.ts';

// The award's demo through its own services: a first edition closed on 25 Dhu al-Hijjah with
// published winners, a second one open with nominations in several states across seven branches
// and judges with conflicts; loading it again adds nothing.

describe('award: demo data', () => {
  let t: TestApp;
  let loaded: Record<string, number>;
  before(async () => {
    t = await testApp();
    await identityModule.demo?.(t.deps, systemCtx('demo'), {});
    await catalogModule.demo?.(t.deps, systemCtx('demo'), { services: 300 });
    loaded = await awardDemo(t.deps, systemCtx('demo'));
  });
  after(() => t.close());

  it('loads two editions of seven branches each, closing on 25 Dhu al-Hijjah at 23:59:59 Riyadh time, once', async () => {
    assert.equal(loaded.award_cycles, 2);
    assert.deepEqual(await awardDemo(t.deps, systemCtx('demo')), { award_cycles: 0, award_nominations: 0, award_reviews: 0 }, 'idempotent');
    const cycles = await t.deps.db.selectFrom('award_cycles').selectAll().orderBy('number').execute();
    assert.deepEqual(
      cycles.map((c) => c.number),
      [1, 2],
    );
    for (const c of cycles) {
      assert.deepEqual({ ...hijriDate(c.nominations_close_at, 'Asia/Riyadh'), year: 0 }, { year: 0, month: 12, day: 25 });
      assert.match(c.nominations_close_at, /T20:59:59\.000Z$/);
      assert.equal((await t.deps.db.selectFrom('award_branches').select('id').where('cycle_id', '=', c.id).execute()).length, 7);
    }
    assert.ok(cycles[0].results_published_at);
    assert.equal(cycles[1].results_published_at, null);
    assert.ok(Date.parse(cycles[1].nominations_close_at) > Date.now(), 'the second edition is open');
    assert.ok(Date.parse(cycles[1].nominations_open_at) <= Date.now());
  });

  it('has winners and a branch not awarded in the first edition, and nominations in every state in the second', async () => {
    const [first, second] = await t.deps.db.selectFrom('award_cycles').selectAll().orderBy('number').execute();
    const decisions = await t.deps.db
      .selectFrom('award_decisions')
      .innerJoin('award_branches', 'award_branches.id', 'award_decisions.branch_id')
      .select(['award_decisions.outcome', 'award_branches.code'])
      .where('award_branches.cycle_id', '=', first.id)
      .execute();
    assert.ok(decisions.some((d) => d.outcome === 'winner'));
    assert.ok(decisions.some((d) => d.outcome === 'honourable_mention'));
    assert.ok(!decisions.some((d) => d.code === 'participation'), 'e-participation was not awarded');
    const nominations = await t.deps.db.selectFrom('award_nominations').selectAll().where('cycle_id', '=', second.id).execute();
    const states = new Set(nominations.map((n) => (n.status === 'submitted' ? `submitted:${n.screening}` : n.status)));
    assert.deepEqual([...states].sort(), ['draft', 'submitted:eligible', 'submitted:ineligible', 'submitted:pending', 'withdrawn']);
    assert.ok(new Set(nominations.map((n) => n.branch_id)).size >= 6, 'spread over the branches');
    for (const n of nominations.filter((x) => x.status === 'submitted')) assert.ok(n.evidence_json, 'evidence frozen');
    const conflicts = await t.deps.db.selectFrom('award_conflicts').select('source').where('cycle_id', '=', second.id).execute();
    assert.deepEqual(conflicts.map((c) => c.source).sort(), ['declared', 'office']);
    const panel = await t.deps.db.selectFrom('award_judges').selectAll().where('cycle_id', '=', second.id).orderBy('user_id').execute();
    assert.equal(panel.length, 6, "identity's demo judge and five invited ones");
    assert.ok(panel[0].affiliation_agency_id, 'an automatic conflict through the judge’s agency');
    // The first edition was judged by two judges per nomination, so its normalised means say something.
    const reviews = await t.deps.db
      .selectFrom('award_reviews')
      .innerJoin('award_nominations', 'award_nominations.id', 'award_reviews.nomination_id')
      .select(['award_reviews.nomination_id', 'award_reviews.status'])
      .where('award_nominations.cycle_id', '=', first.id)
      .execute();
    assert.ok(reviews.length > 0 && reviews.every((r) => r.status === 'submitted'));
    for (const id of new Set(reviews.map((r) => r.nomination_id))) assert.equal(reviews.filter((r) => r.nomination_id === id).length, 2);
  });

  it('shows the first edition’s winners on the public page in both languages, and the office its pages', async () => {
    const ar = await t.app.inject('/ar/award/1');
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /الفائز/);
    assert.match(ar.body, /تقديرًا لـ/);
    const en = await t.app.inject('/en/award/1');
    assert.match(en.body, /not awarded/);
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    const office = await signedIn(t.app, 'office@program.sa');
    const [, second] = await t.deps.db.selectFrom('award_cycles').select('id').orderBy('number').execute();
    for (const path of [
      `/console/award/${second.id}`,
      `/console/award/${second.id}/panel`,
      `/console/award/${second.id}/nominations`,
      '/console/award',
    ])
      assert.equal((await office.get(`/ar${path}`)).statusCode, 200, path);
  });
});
