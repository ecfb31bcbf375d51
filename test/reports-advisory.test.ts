import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { acceptRequest, addFinding, deliver, submitRequest } from '../src/modules/advisory/testing.ts';
import { type Figure, loadPanels } from '../src/modules/reports/public.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { buildAgency } from './helpers/factories.ts';

// Advisory's panel against values worked out by hand. In the period, agency A asks three times: one
// answered at once, one answered only after it had waited thirty days (late on any first-response
// target), one not answered yet (no first response to judge); agency B asks once, answered and
// delivered at once. Requests 4 (A 3, B 1; by type 2 technical reviews, 1 tender review, 1 other);
// first response on time 2 of 3 (A 1 of 2); delivered on time 1 of 1 (A none delivered).

const days = (n: number) => new Date(Date.now() + n * 86_400_000);

describe("reports: advisory's panel", () => {
  let t: TestApp;
  let agencyA = 0;
  let agencyB = 0;
  const sys = systemCtx('test');

  before(async () => {
    t = await testApp();
    agencyA = (await buildAgency(t.deps, { code: 'rv-a' })).id;
    agencyB = (await buildAgency(t.deps, { code: 'rv-b' })).id;
    const ask = (agency: number, type: string, title: string) =>
      submitRequest(t.deps, sys, { agency_id: String(agency), type, title, question: 'What should we do?', urgency: 'normal' });
    const quick = await ask(agencyA, 'technical_review', 'Answered at once');
    await acceptRequest(t.deps, sys, quick.id, { priority: 'medium' });
    // A request that waited thirty days before its first answer: its submission moved back in time.
    const slow = await ask(agencyA, 'tender_review', 'Answered late');
    await t.deps.db
      .updateTable('advisory_requests')
      .set({ submitted_at: days(-30).toISOString() })
      .where('id', '=', slow.id)
      .execute();
    await acceptRequest(t.deps, sys, slow.id, { priority: 'low' });
    await ask(agencyA, 'other', 'Not answered yet');
    const delivered = await ask(agencyB, 'technical_review', 'Delivered');
    await acceptRequest(t.deps, sys, delivered.id, { priority: 'high' });
    await addFinding(t.deps, sys, delivered.id, { severity: 'medium', title: 'A finding', recommendation: 'Do this.', reference: 'Ref 1' });
    await deliver(t.deps, sys, delivered.id);
  });
  after(() => t.close());

  const figures = async (agencyId?: number) => {
    const out = new Map<string, Figure>();
    for (const p of await loadPanels(t.deps, { from: days(-40).toISOString(), to: days(1).toISOString(), agencyId }, sys))
      if (p.module === 'advisory') for (const f of p.figures) out.set(f.id, f);
    return out;
  };

  it('counts requests by type and the turnaround against the SLAs, nationally', async () => {
    const f = await figures();
    assert.equal(f.get('advisory.requests')?.value, 4);
    const byType = Object.fromEntries((f.get('advisory.requests')?.series ?? []).map((s) => [s.label, s.value]));
    assert.equal(byType['advisory.type.technical_review'], 2);
    assert.equal(byType['advisory.type.tender_review'], 1);
    assert.equal(byType['advisory.type.other'], 1);
    assert.equal(f.get('advisory.first_response_on_time')?.value, 2 / 3);
    assert.equal(f.get('advisory.first_response_on_time')?.base, 3);
    assert.equal(f.get('advisory.delivered_on_time')?.value, 1);
    assert.equal(f.get('advisory.delivered_on_time')?.base, 1);
  });

  it('and for one agency, its own requests only', async () => {
    const a = await figures(agencyA);
    assert.equal(a.get('advisory.requests')?.value, 3);
    assert.equal(a.get('advisory.first_response_on_time')?.value, 1 / 2);
    assert.equal(a.get('advisory.delivered_on_time')?.value, null, 'nothing of A delivered');
    const b = await figures(agencyB);
    assert.equal(b.get('advisory.requests')?.value, 1);
    assert.equal(b.get('advisory.delivered_on_time')?.value, 1);
  });
});
