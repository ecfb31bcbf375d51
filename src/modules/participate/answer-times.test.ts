import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { answerTimes } from './answer-times.ts';
import * as consultations from './consultations.service.ts';
import * as participation from './participation.service.ts';
import { medianDaysToAnswer } from './public.ts';

// The national time to an answer (the reports panel's `medianDaysToAnswer`) ranks every answered
// comment across consultations in SQL by `daysToAnswer` — days from its consultation's last day to
// the local (Riyadh) day it was answered — and reads the middle one or two. Known answers on both engines.

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('participate: the national median time to an answer, ranked in SQL', () => {
  let t: TestApp;
  const sys = systemCtx('test');
  const ids = { a: 0, b: 0, none: 0 };
  let closesA = '';
  let closesB = '';
  let consultationA = 0;
  const comments: Record<'a' | 'b', number[]> = { a: [], b: [] };

  async function consultationWithComments(agencyId: number, closes: string, n: number, key: 'a' | 'b') {
    const opens = addDays(closes, -10);
    const c = await consultations.createConsultation(t.deps, sys, {
      agency_id: String(agencyId),
      title_ar: 'مسودة',
      title_en: 'Draft',
      summary_ar: 'ملخص',
      summary_en: 'Summary',
      source_format: 'text',
      source_text: 'المادة الأولى\nنص أول.',
      opens_on: opens,
      closes_on: closes,
    });
    await consultations.submitConsultation(t.deps, sys, c.id);
    await consultations.approveConsultation(t.deps, sys, c.id);
    await consultations.publishConsultation(t.deps, sys, c.id, new Date(`${addDays(opens, -1)}T09:00:00Z`));
    for (let p = 0; p < n; p++) {
      const who = await participation.verifiedParticipant(t.deps, sys, `${key}${p}@example.sa`, `Person ${p}`);
      const m = await participation.postComment(
        t.deps,
        sys,
        who.id,
        c.id,
        { target: 'whole', body: `Remark ${p}`, display: 'anonymous' },
        new Date(`${addDays(opens, 1)}T09:00:00Z`),
      );
      comments[key].push(m.id);
    }
    return c.id;
  }
  const answer = (id: number, at: string) =>
    consultations.disposeComment(t.deps, sys, id, { disposition: 'accepted', reason: 'Yes.' }, new Date(at));

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha', name_ar: 'ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta', name_ar: 'بيتا' })).id;
    ids.none = (await buildAgency(t.deps, { code: 'gamma', name_en: 'Gamma', name_ar: 'غاما' })).id;
    const today = consultations.dayOf(t.deps, new Date());
    closesA = addDays(today, -30);
    closesB = addDays(today, -20);
    consultationA = await consultationWithComments(ids.a, closesA, 3, 'a');
    await consultationWithComments(ids.b, closesB, 4, 'b');
  });
  after(() => t.close());

  it('counts days to the local day of the answer, and takes the middle one for an odd count', async () => {
    assert.equal(await medianDaysToAnswer(t.deps), null, 'none answered yet');
    // Riyadh is UTC+3: 21:00Z is already the next local day (the UTC day would count one less); 20:59Z is not.
    await answer(comments.a[0], `${closesA}T21:00:00Z`);
    await answer(comments.a[1], `${addDays(closesA, 2)}T21:00:00Z`);
    await answer(comments.a[2], `${addDays(closesA, 4)}T21:00:00Z`);
    await answer(comments.b[0], `${addDays(closesB, 2)}T20:59:00Z`);
    await answer(comments.b[1], `${addDays(closesB, 8)}T09:00:00Z`);
    // 1, 3, 5 and 2, 8: across both, 1 2 3 5 8 — the median 3 (by UTC days it would be 2).
    assert.equal(await medianDaysToAnswer(t.deps), 3);
    assert.equal(await medianDaysToAnswer(t.deps, { agencyId: ids.a }), 3);
    assert.equal(await medianDaysToAnswer(t.deps, { agencyId: ids.b }), 5, 'the mean of 2 and 8');
    assert.equal(await medianDaysToAnswer(t.deps, { agencyId: ids.none }), null);
    // One consultation's figures use the same measure along its index.
    assert.deepEqual(await answerTimes(t.deps, { id: consultationA, closes_on: closesA }), {
      answered: 3,
      undisposed: 0,
      median: 3,
      p90: 5,
      max: 5,
    });
  });

  it('takes the mean of the two middle ones across consultations for an even count', async () => {
    await answer(comments.b[2], `${addDays(closesB, 4)}T09:00:00Z`);
    // 1 2 3 4 5 8: (3 + 4) / 2.
    assert.equal(await medianDaysToAnswer(t.deps), 3.5);
    assert.equal(await medianDaysToAnswer(t.deps, { agencyId: ids.b }), 4);
  });
});
