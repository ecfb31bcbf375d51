import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { dayNumber, isoDay } from '../../platform/i18n/dates.ts';
import { cycleFormValues, editCycle } from './award.service.ts';
import { standings } from './judging.service.ts';
import { addBranch, addJudge, createCycle, createNomination, screenNomination, submitNomination } from './testing.ts';

// The edition's tie-break rule decides the standings, against answers computed by hand; it is chosen
// on the edition's form (a wrong value is a bilingual field error), and changing it is audited.

const riyadh = (d: Date) => new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 19);
const days = (n: number) => new Date(Date.now() + n * 86_400_000);

describe('award: the tie-break rule of an edition', () => {
  let t: TestApp;
  const sys = systemCtx('test office');
  const ids = { cycle: 0, n: [] as number[], j: [] as number[] };
  const cycleForm = {
    number: '4',
    name_ar: 'الدورة الرابعة',
    name_en: 'Fourth edition',
    rules_ar: 'الشروط',
    rules_en: 'The rules',
    announced_on: isoDay(dayNumber(2020, 1, 1)),
    nominations_open_at: riyadh(days(-5)),
    nominations_close_at: `${riyadh(days(20)).slice(0, 10)}T23:59:59`,
    screening_ends_on: riyadh(days(40)).slice(0, 10),
    judging_ends_on: riyadh(days(60)).slice(0, 10),
    results_on: riyadh(days(90)).slice(0, 10),
    judges_per_nomination: '2',
  };

  before(async () => {
    t = await testApp();
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    const agency = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha', name_ar: 'ألفا' })).id;
    const cycle = await createCycle(t.deps, sys, { ...cycleForm, tie_break: 'raw_top_scores' });
    ids.cycle = cycle.id;
    const branch = await addBranch(t.deps, sys, cycle.id, {
      code: 'svc',
      name_ar: 'فرع',
      name_en: 'Branch',
      description_ar: 'وصف',
      description_en: 'About',
      nominee_kind: 'agency',
      scale_max: '5',
      c1_name_ar: 'أ',
      c1_name_en: 'A',
      c1_weight: '1',
      c2_name_ar: 'ب',
      c2_name_en: 'B',
      c2_weight: '1',
    });
    for (const title of ['One', 'Two', 'Three']) {
      const n = await createNomination(t.deps, sys, cycle.id, agency, {
        branch_id: String(branch.id),
        title_ar: title,
        title_en: title,
        summary: 'Done.',
      });
      await submitNomination(t.deps, sys, n.id);
      await screenNomination(t.deps, sys, n.id, { decision: 'eligible' });
      ids.n.push(n.id);
    }
    for (const i of [1, 2]) {
      const u = await buildUser(t.deps, { email: `judge${i}@program.sa`, role: 'judge' });
      await addJudge(t.deps, sys, cycle.id, { user_id: String(u.id) });
      ids.j.push(u.id);
    }
    // J1: n1 {5, 5} = 5 (two top scores), n2 {5, 4} = 4.5 (one), n3 {1, 1} = 1. J2: n1 {2, 2} = 2, n2 {3, 2} = 2.5.
    // Raw means: n1 3.5, n2 3.5, n3 1. J1: μ 3.5, σ √(19/6): z n1 0.8429, n2 0.5620; J2: μ 2.25, σ 0.25: z n1 −1, n2 +1.
    // Normalised means: n1 −0.0786, n2 0.7810. Top scores: n1 2, n2 1.
    const review = (n: number, j: number, a: number, b: number) => ({
      nomination_id: ids.n[n],
      judge_user_id: ids.j[j],
      status: 'submitted' as const,
      scores_json: JSON.stringify({ c1: { score: a }, c2: { score: b } }),
      comment: null,
      assigned_at: new Date().toISOString(),
      submitted_at: new Date().toISOString(),
    });
    await t.deps.db
      .insertInto('award_reviews')
      .values([review(0, 0, 5, 5), review(1, 0, 5, 4), review(2, 0, 1, 1), review(0, 1, 2, 2), review(1, 1, 3, 2)])
      .execute();
  });
  after(() => t.close());

  const table = async () => (await standings(t.deps.db, ids.cycle))[0].rows;

  it('ranks a raw tie by the number of top scores when the edition says so', async () => {
    const rows = await table();
    assert.deepEqual(
      rows.map((r) => [r.nominationId, r.rank, r.topScores]),
      [
        [ids.n[0], 1, 2],
        [ids.n[1], 2, 1],
        [ids.n[2], 3, 0],
      ],
    );
    assert.ok(Math.abs(rows[0].raw - 3.5) < 1e-9 && Math.abs(rows[1].raw - 3.5) < 1e-9);
    assert.ok(Math.abs(rows[0].normalised - (1.5 / Math.sqrt(19 / 6) - 1) / 2) < 1e-9);
    const office = await signedIn(t.app, 'office@program.sa');
    const page = await office.get(`/en/console/award/${ids.cycle}/results`);
    assert.match(page.body, /a tie goes to the nomination with more top scores/);
    assert.match(page.body, /Top scores/);
  });

  it('ranks the same tie by the normalised mean after the rule is changed, and audits the change', async () => {
    const values = cycleFormValues(
      await t.deps.db.selectFrom('award_cycles').selectAll().where('id', '=', ids.cycle).executeTakeFirstOrThrow(),
      t.deps.config.timeZone,
    );
    assert.equal(values.tie_break, 'raw_top_scores');
    await editCycle(t.deps, sys, ids.cycle, { ...values, tie_break: 'raw_normalised' });
    assert.deepEqual(
      (await table()).map((r) => [r.nominationId, r.rank]),
      [
        [ids.n[1], 1],
        [ids.n[0], 2],
        [ids.n[2], 3],
      ],
    );
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'award.cycle.edit').orderBy('seq').execute();
    assert.equal(audit.length, 1);
    assert.match(String(audit[0].before_json), /raw_top_scores/);
    assert.match(String(audit[0].after_json), /raw_normalised/);
  });

  it('refuses an unknown rule with a field error in both languages, changing nothing', async () => {
    const office = await signedIn(t.app, 'office@program.sa');
    const ar = await office.post('/ar/console/award/new', { ...cycleForm, number: '5', tie_break: 'coin_toss' });
    assert.equal(ar.statusCode, 400);
    assert.match(ar.body, /id="f-tie_break-error"[\s\S]*اختر أحد الخيارات/);
    const en = await office.post(`/en/console/award/${ids.cycle}/edit`, { ...cycleForm, tie_break: 'coin_toss' });
    assert.equal(en.statusCode, 400);
    assert.match(en.body, /id="f-tie_break-error"/);
    assert.doesNotMatch(en.body, /اختر/);
    const c = await t.deps.db.selectFrom('award_cycles').selectAll().orderBy('id').execute();
    assert.equal(c.length, 1);
    assert.equal(c[0].tie_break, 'raw_normalised');
  });
});
