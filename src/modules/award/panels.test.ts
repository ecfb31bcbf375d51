import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { dayNumber, isoDay } from '../../platform/i18n/dates.ts';
import {
  addBranch,
  addConflict,
  addJudge,
  createCycle,
  createNomination,
  runAssignment,
  screenNomination,
  submitNomination,
} from './testing.ts';

// Panels per branch: the office names a branch's panel from the edition's judges, and automatic
// assignment then draws that branch's nominations only from it (conflicts still apply); a branch
// without a panel draws from every judge.

const riyadh = (d: Date) => new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 19);
const days = (n: number) => new Date(Date.now() + n * 86_400_000);
const branchForm = (code: string) => ({
  code,
  name_ar: `فرع ${code}`,
  name_en: `Branch ${code}`,
  description_ar: 'وصف',
  description_en: 'About',
  nominee_kind: 'agency',
  scale_max: '5',
  c1_name_ar: 'الأثر',
  c1_name_en: 'Impact',
  c1_weight: '1',
});

describe('award: panels per branch', () => {
  let t: TestApp;
  let office: Client;
  const sys = systemCtx('test office');
  const ids = { a: 0, cycle: 0, paneled: 0, open: 0, j1: 0, j2: 0, j3: 0, outsider: 0 };

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha' })).id;
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    office = await signedIn(t.app, 'reviewer@program.sa');
    ids.j1 = (await buildUser(t.deps, { email: 'j1@program.sa', role: 'judge' })).id;
    ids.j2 = (await buildUser(t.deps, { email: 'j2@program.sa', role: 'judge' })).id;
    ids.j3 = (await buildUser(t.deps, { email: 'j3@program.sa', role: 'judge' })).id;
    ids.outsider = (await buildUser(t.deps, { email: 'j4@program.sa', role: 'judge' })).id;
    ids.cycle = (
      await createCycle(t.deps, sys, {
        number: '6',
        name_ar: 'الدورة السادسة',
        name_en: 'Sixth edition',
        rules_ar: 'الشروط',
        rules_en: 'The rules',
        announced_on: isoDay(dayNumber(2020, 1, 1)),
        nominations_open_at: riyadh(days(-5)),
        nominations_close_at: `${riyadh(days(20)).slice(0, 10)}T23:59:59`,
        screening_ends_on: riyadh(days(40)).slice(0, 10),
        judging_ends_on: riyadh(days(60)).slice(0, 10),
        results_on: riyadh(days(90)).slice(0, 10),
        judges_per_nomination: '1',
      })
    ).id;
    ids.paneled = (await addBranch(t.deps, sys, ids.cycle, branchForm('paneled'))).id;
    ids.open = (await addBranch(t.deps, sys, ids.cycle, branchForm('open'))).id;
    for (const j of [ids.j1, ids.j2, ids.j3]) await addJudge(t.deps, sys, ids.cycle, { user_id: String(j) });
  });
  after(() => t.close());

  it('refuses a panel member who is not a judge of the edition, in both languages, nothing written', async () => {
    for (const [lang, text] of [
      ['en', /Choose judges of this edition only/],
      ['ar', /اختر من محكّمي هذه الدورة فقط/],
    ] as const) {
      const r = await office.post(`/${lang}/console/award/branches/${ids.paneled}/panel`, { [`judge_${ids.outsider}`]: 'on' });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, text);
    }
    assert.equal((await t.deps.db.selectFrom('award_branch_panels').selectAll().execute()).length, 0);
  });

  it('draws a paneled branch only from its panel, conflicts still applying, and the rest from every judge', async () => {
    const saved = await office.post(`/en/console/award/branches/${ids.paneled}/panel`, {
      [`judge_${ids.j1}`]: 'on',
      [`judge_${ids.j2}`]: 'on',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    const page = await office.get(`/en/console/award/${ids.cycle}/panel`);
    assert.match(page.body, new RegExp(`name="judge_${ids.j1}" value="on" checked`));
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'award.branch.panel').execute();
    assert.equal(audit.length, 1);

    const nominate = async (branch: number, title: string) => {
      const n = await createNomination(t.deps, sys, ids.cycle, ids.a, {
        branch_id: String(branch),
        title_ar: title,
        title_en: title,
        summary: 'S',
      });
      await submitNomination(t.deps, sys, n.id);
      await screenNomination(t.deps, sys, n.id, { decision: 'eligible' });
      return n.id;
    };
    const paneled = [await nominate(ids.paneled, 'P1'), await nominate(ids.paneled, 'P2'), await nominate(ids.paneled, 'P3')];
    const open = [await nominate(ids.open, 'O1'), await nominate(ids.open, 'O2'), await nominate(ids.open, 'O3')];
    await addConflict(t.deps, sys, ids.cycle, { judge_user_id: String(ids.j2), nomination_id: String(paneled[0]), kind: 'other' });
    await runAssignment(t.deps, sys, ids.cycle);
    const reviews = await t.deps.db.selectFrom('award_reviews').select(['nomination_id', 'judge_user_id']).orderBy('id').execute();
    const judgeOf = (n: number) => reviews.filter((r) => r.nomination_id === n).map((r) => r.judge_user_id);
    for (const n of paneled) {
      assert.equal(judgeOf(n).length, 1);
      assert.ok([ids.j1, ids.j2].includes(judgeOf(n)[0]), 'only the panel');
    }
    assert.deepEqual(judgeOf(paneled[0]), [ids.j1], 'the conflict still applies');
    for (const n of open) assert.equal(judgeOf(n).length, 1);
    // The branch without a panel takes the judge the panel left out, keeping loads within one.
    assert.ok(open.some((n) => judgeOf(n)[0] === ids.j3));
    const loads = [ids.j1, ids.j2, ids.j3].map((j) => reviews.filter((r) => r.judge_user_id === j).length);
    assert.ok(Math.max(...loads) - Math.min(...loads) <= 1, `loads ${loads}`);
  });
});
