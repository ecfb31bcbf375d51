import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { addMonths, currentMonth, saveMonth } from '../kpi/testing.ts';
import { onTrackShare } from '../plan/public.ts';
import { addTrack, createInitiative, createPlan, setPlanStatus } from '../plan/testing.ts';
import { takeReadings } from './automatic.service.ts';
import { defaultFramework } from './frameworks.service.ts';
import type { RoundRow } from './repo/rounds.repo.ts';
import { questionsOf } from './scoring/framework.schema.ts';
import { sourceFor, sourceNames } from './sources.ts';

// The automatic indicators of the default framework come from catalog, notify and feedback,
// through each module's own metric functions, for the round's period.

describe('measure: automatic sources', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('provides every source the default framework names', () => {
    const named = questionsOf(defaultFramework())
      .filter((q) => q.answer_type === 'automatic')
      .map((q) => q.automatic?.source as string);
    assert.deepEqual(named.sort(), [
      'catalog.complete_live_share',
      'catalog.transactional_share',
      'feedback.csat',
      'feedback.sla_compliance',
      'notify.silent_launch_rate',
    ]);
    assert.deepEqual(
      named.filter((n) => !sourceFor(n)),
      [],
    );
    // Beyond the default framework's: the plan module's share of initiatives on track, and service performance's take-up and completion.
    assert.deepEqual(sourceNames(), [...named, 'kpi.completion_rate', 'kpi.digital_take_up', 'plan.on_track_share'].sort());
  });

  it('reads each source for the agency and period; nothing to count is N/A where the question allows it', async () => {
    const agency = await buildAgency(t.deps, { code: 'moh' });
    const other = await buildAgency(t.deps, { code: 'mc' });
    await buildService(t.deps, agency.id); // live and transactional, launched now without an announcement
    await buildService(t.deps, other.id);
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const current = { id: 0, period_from: day(-30), period_to: day(1) } as RoundRow;
    const r = await takeReadings(t.deps, current, defaultFramework(), agency.id);
    const pick = (key: string) => {
      const x = r.get(key);
      return x && [x.numerator, x.denominator, x.rate, x.available, x.na ?? false];
    };
    assert.deepEqual(pick('svc.transactional_share'), [1, 1, 1, true, false]);
    assert.deepEqual(pick('svc.silent_launch'), [1, 1, 1, true, false], 'one launch in the period, not announced');
    assert.deepEqual(pick('svc.csat'), [0, 0, null, true, false], 'no answers yet: no value, and CSAT does not allow N/A');
    assert.deepEqual(pick('svc.sla'), [0, 0, null, true, false]);
    const past = { id: 0, period_from: day(-400), period_to: day(-300) } as RoundRow;
    const before = await takeReadings(t.deps, past, defaultFramework(), agency.id);
    assert.deepEqual(
      [before.get('svc.silent_launch')?.rate, before.get('svc.silent_launch')?.na],
      [null, true],
      'no launch in that period: not applicable',
    );
  });

  it("reads the plan module's share of the agency's initiatives on track, and nothing for an agency without any", async () => {
    const owner = await buildAgency(t.deps, { code: 'dga' });
    const none = await buildAgency(t.deps, { code: 'none' });
    const ctx = systemCtx('test');
    const plan = await createPlan(t.deps, ctx, {
      code: 'ep2',
      name_ar: 'خطة',
      name_en: 'Plan',
      period_from: '2025-01-01',
      period_to: '2030-12-31',
    });
    const track = await addTrack(t.deps, ctx, plan.id, { name_ar: 'مسار', name_en: 'Track', weight: '1' });
    for (const code of ['A-1', 'A-2'])
      await createInitiative(t.deps, ctx, plan.id, {
        code,
        name_ar: `مبادرة ${code}`,
        name_en: `Initiative ${code}`,
        objective_ar: 'هدف',
        objective_en: 'Objective',
        track_id: String(track.id),
        owner_agency_id: String(owner.id),
        weight: '1',
        planned_start: '2025-01-01',
        planned_end: '2030-12-31',
        budget_sar: '1000',
      });
    const source = sourceFor('plan.on_track_share');
    assert.ok(source);
    const window = (agencyId: number) => ({ agencyId, from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' });
    // A draft plan is not followed up yet: nothing to count.
    assert.deepEqual(await source.read(t.deps, window(owner.id)), { numerator: 0, denominator: 0, rate: null });
    await setPlanStatus(t.deps, ctx, plan.id, { status: 'approved' });
    await setPlanStatus(t.deps, ctx, plan.id, { status: 'active' });
    const own = await onTrackShare(t.deps, owner.id);
    assert.equal(own.total, 2);
    assert.deepEqual(await source.read(t.deps, window(owner.id)), { numerator: own.onTrack, denominator: 2, rate: own.onTrack / 2 });
    assert.deepEqual(await source.read(t.deps, window(none.id)), { numerator: 0, denominator: 0, rate: null });
  });

  it("reads service performance's take-up and completion for the agency's months in the period; none given is no value", async () => {
    const agency = await buildAgency(t.deps, { code: 'kpi-measure' });
    const service = await buildService(t.deps, agency.id);
    const month = addMonths(currentMonth(), -1);
    await saveMonth(
      t.deps,
      systemCtx(),
      service.id,
      month,
      {
        web: '300',
        app: '100',
        kiosk: '0',
        call_centre: '50',
        service_centre: '50',
        started: '400',
        completed: '300',
      },
      'api',
    );
    const window = { agencyId: agency.id, from: `${month}-01`, to: `${addMonths(month, 1)}-01` };
    assert.deepEqual(await sourceFor('kpi.digital_take_up')?.read(t.deps, window), { numerator: 400, denominator: 500, rate: 0.8 });
    assert.deepEqual(await sourceFor('kpi.completion_rate')?.read(t.deps, window), { numerator: 300, denominator: 400, rate: 0.75 });
    const before = { ...window, from: '2020-01-01', to: '2021-01-01' };
    assert.deepEqual(await sourceFor('kpi.digital_take_up')?.read(t.deps, before), { numerator: 0, denominator: 0, rate: null });
  });
});
