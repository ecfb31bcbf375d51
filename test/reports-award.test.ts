import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  addBranch,
  addJudge,
  approveDecision,
  createCycle,
  createNomination,
  proposeDecision,
  publishResults,
  runAssignment,
  saveReview,
  screenNomination,
  submitNomination,
} from '../src/modules/award/testing.ts';
import { type Figure, loadPanels } from '../src/modules/reports/public.ts';
import { type Ctx, systemCtx } from '../src/platform/auth/actor.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { buildService } from './helpers/catalog.ts';
import { buildAgency, buildUser } from './helpers/factories.ts';

// The award's panel against values worked out by hand. Edition 1 (announced long ago, results
// published): branch one won by A with a mention for B, branch two won by B. Edition 2 announced
// and open, nothing decided. Edition 3 announced after the period ends. So: editions announced by
// the period's end 2; winners 2 (mentions are not winners), one of them A's, one B's; a period
// ending before edition 1's results counts its edition but no winner.

const riyadh = (d: Date) => new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 19);
const days = (n: number) => new Date(Date.now() + n * 86_400_000);

describe("reports: the award's panel", () => {
  let t: TestApp;
  let agencyA = 0;
  let agencyB = 0;
  const sys = systemCtx('test');

  before(async () => {
    t = await testApp();
    agencyA = (await buildAgency(t.deps, { code: 'ra-a' })).id;
    agencyB = (await buildAgency(t.deps, { code: 'ra-b' })).id;
    const services = {
      [agencyA]: (await buildService(t.deps, agencyA, { identifier: 'ra-a-service' })).identifier,
      [agencyB]: (await buildService(t.deps, agencyB, { identifier: 'ra-b-service' })).identifier,
    };
    const judge = await buildUser(t.deps, { email: 'judge@ra.test', role: 'judge', name: 'Judge' });
    const judgeCtx: Ctx = {
      ...sys,
      actor: {
        kind: 'user',
        id: judge.id,
        name: judge.name,
        email: judge.email,
        locale: 'en',
        memberships: [{ role: 'judge', agencyId: null }],
      },
    };
    const edition = (number: number, announced: Date) =>
      createCycle(t.deps, sys, {
        number: String(number),
        name_ar: `الدورة ${number}`,
        name_en: `Edition ${number}`,
        rules_ar: 'الشروط',
        rules_en: 'Rules',
        announced_on: riyadh(announced).slice(0, 10),
        nominations_open_at: riyadh(new Date(announced.getTime() + 86_400_000)),
        nominations_close_at: riyadh(days(30)),
        screening_ends_on: riyadh(days(40)).slice(0, 10),
        judging_ends_on: riyadh(days(50)).slice(0, 10),
        results_on: riyadh(days(60)).slice(0, 10),
        judges_per_nomination: '1',
      });
    const branch = (cycleId: number, code: string) =>
      addBranch(t.deps, sys, cycleId, {
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
    const nominate = async (cycleId: number, branchId: number, agencyId: number, title: string) => {
      const n = await createNomination(t.deps, sys, cycleId, agencyId, {
        branch_id: String(branchId),
        title_ar: title,
        title_en: title,
        summary: 'Summary.',
        service: services[agencyId],
      });
      await submitNomination(t.deps, sys, n.id);
      await screenNomination(t.deps, sys, n.id, { decision: 'eligible' });
      return n;
    };

    const first = await edition(1, days(-200));
    const b1 = await branch(first.id, 'one');
    const b2 = await branch(first.id, 'two');
    const a1 = await nominate(first.id, b1.id, agencyA, 'A in one');
    const bm = await nominate(first.id, b1.id, agencyB, 'B in one');
    const b2n = await nominate(first.id, b2.id, agencyB, 'B in two');
    await addJudge(t.deps, sys, first.id, { user_id: String(judge.id) });
    await runAssignment(t.deps, sys, first.id);
    for (const n of [a1, bm, b2n]) await saveReview(t.deps, judgeCtx, n.id, { score_c1: '4' }, true);
    const citation = (n: { id: number }) => ({ [`citation_ar_${n.id}`]: 'تقديرًا', [`citation_en_${n.id}`]: 'In recognition' });
    await proposeDecision(t.deps, sys, b1.id, {
      [`outcome_${a1.id}`]: 'winner',
      [`outcome_${bm.id}`]: 'honourable_mention',
      ...citation(a1),
      ...citation(bm),
    });
    await proposeDecision(t.deps, sys, b2.id, { [`outcome_${b2n.id}`]: 'winner', ...citation(b2n) });
    await approveDecision(t.deps, sys, b1.id);
    await approveDecision(t.deps, sys, b2.id);
    await publishResults(t.deps, sys, first.id);

    const second = await edition(2, days(-20));
    await nominate(second.id, (await branch(second.id, 'one')).id, agencyA, 'A in the open edition');
    await edition(3, days(5));
  });
  after(() => t.close());

  const figures = async (filter: { agencyId?: number; to?: string } = {}) => {
    const out = new Map<string, Figure>();
    const period = { from: days(-40).toISOString(), to: filter.to ?? days(1).toISOString(), agencyId: filter.agencyId };
    for (const p of await loadPanels(t.deps, period, sys)) if (p.module === 'award') for (const f of p.figures) out.set(f.id, f);
    return out;
  };

  it('counts the editions announced by the period’s end and the winners of published results, nationally and per agency', async () => {
    const all = await figures();
    assert.equal(all.get('award.editions')?.value, 2, 'edition 3 is announced after the period');
    assert.equal(all.get('award.winners')?.value, 2, 'a mention is not a winner');
    assert.deepEqual(
      all.get('award.winners')?.series?.map((s) => [s.label, s.value]),
      [['1', 2]],
    );
    assert.equal((await figures({ agencyId: agencyA })).get('award.winners')?.value, 1);
    assert.equal((await figures({ agencyId: agencyB })).get('award.winners')?.value, 1);
  });

  it('counts no winner for a period that ended before the results were published', async () => {
    const before = await figures({ to: days(-1).toISOString() });
    assert.equal(before.get('award.editions')?.value, 2);
    assert.equal(before.get('award.winners')?.value, 0);
  });
});
