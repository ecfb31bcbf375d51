import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  answerIdea,
  approveConsultation,
  createConsultation,
  dayOf,
  disposeComment,
  moderateIdea,
  postComment,
  proposeIdea,
  publishConsultation,
  submitConsultation,
  verifiedParticipant,
} from '../src/modules/participate/testing.ts';
import { type Figure, loadPanels } from '../src/modules/reports/public.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { type Client, signedIn } from './helpers/client.ts';
import { buildAgency, buildUser } from './helpers/factories.ts';

// Participate's panel on the dashboard against values worked out by hand: two consultations held in
// the period (a draft is not), three comments on the one that closed, two answered ten days after it closed.

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe("reports: participate's panel", () => {
  let t: TestApp;
  let agencyA: number;
  let agencyB: number;
  let leader: Client;
  let adminB: Client;
  const sys = systemCtx('test');
  const period = () => ({
    from: new Date(Date.now() - 40 * 86_400_000).toISOString(),
    to: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const draft = (agency: number, opens: string, closes: string) => ({
    agency_id: String(agency),
    title_ar: 'مسودة',
    title_en: 'A draft',
    summary_ar: 'ملخص',
    summary_en: 'Summary',
    source_format: 'text',
    source_text: 'المادة الأولى\nنص المادة.\n\nالمادة الثانية\nنص آخر.',
    questions_ar: 'سؤال؟',
    questions_en: 'A question?',
    opens_on: opens,
    closes_on: closes,
  });

  /** Publishing goes through the program office's approval, as every consultation's does. */
  const publish = async (id: number, at: Date) => {
    await submitConsultation(t.deps, sys, id);
    await approveConsultation(t.deps, sys, id);
    await publishConsultation(t.deps, sys, id, at);
  };

  before(async () => {
    t = await testApp();
    agencyA = (await buildAgency(t.deps, { code: 'rp-a' })).id;
    agencyB = (await buildAgency(t.deps, { code: 'rp-b' })).id;
    const today = dayOf(t.deps, new Date());
    // Closed: opened 30 days ago, closed 10 days ago; three comments while open, two answered today.
    const opens = addDays(today, -30);
    const closes = addDays(today, -10);
    const past = await createConsultation(t.deps, sys, draft(agencyA, opens, closes));
    await publish(past.id, new Date(`${addDays(opens, -1)}T09:00:00Z`));
    const during = new Date(`${addDays(opens, 2)}T09:00:00Z`);
    const made = [];
    for (const [i, email] of ['a@rp.test', 'b@rp.test', 'c@rp.test'].entries()) {
      const p = await verifiedParticipant(t.deps, sys, email, `Person ${i}`);
      made.push(await postComment(t.deps, sys, p.id, past.id, { target: 'whole', body: `Comment ${i}`, display: 'name' }, during));
    }
    for (const c of made.slice(0, 2)) await disposeComment(t.deps, sys, c.id, { disposition: 'accepted', reason: 'Taken up.' });
    // Open now, with one comment (not counted until it closes); and a draft that is not held.
    const open = await createConsultation(t.deps, sys, draft(agencyB, addDays(today, -1), addDays(today, 5)));
    await publish(open.id, new Date(`${addDays(today, -2)}T09:00:00Z`));
    const q = await verifiedParticipant(t.deps, sys, 'd@rp.test', 'Person 3');
    await postComment(t.deps, sys, q.id, open.id, { target: 'whole', body: 'Open comment', display: 'name' });
    await createConsultation(t.deps, sys, draft(agencyA, addDays(today, 1), addDays(today, 9)));
    // Ideas: to A, three published (two answered, one declined among them) and one waiting for
    // moderation; to B, one published and unanswered; to the program, one published and answered.
    const idea = async (to: string, answer?: 'under_study' | 'declined', publish = true) => {
      const made = await proposeIdea(t.deps, sys, q.id, { to, title: `Idea to ${to}`, description: 'Details.', category: 'improvement' });
      if (publish) await moderateIdea(t.deps, sys, made.id, { decision: 'publish' });
      if (answer) await answerIdea(t.deps, sys, made.id, { answer, reason: answer === 'declined' ? 'Out of scope.' : '' });
    };
    await idea(String(agencyA), 'under_study');
    await idea(String(agencyA), 'declined');
    await idea(String(agencyA));
    await idea(String(agencyA), undefined, false);
    await idea(String(agencyB));
    await idea('program', 'under_study');
    await buildUser(t.deps, { email: 'leader@rp.test', role: 'leadership_viewer' });
    await buildUser(t.deps, { email: 'admin-b@rp.test', role: 'agency_admin', agencyId: agencyB });
    leader = await signedIn(t.app, 'leader@rp.test');
    adminB = await signedIn(t.app, 'admin-b@rp.test');
  });
  after(() => t.close());

  const figures = async (filter: { agencyId?: number; open?: boolean } = {}) => {
    const out = new Map<string, Figure>();
    for (const p of await loadPanels(t.deps, { ...period(), ...filter }, sys))
      if (p.module === 'participate') for (const f of p.figures) out.set(f.id, f);
    return out;
  };

  it('the national figures', async () => {
    const f = await figures();
    assert.equal(f.get('participate.consultations_held')?.value, 2);
    assert.equal(f.get('participate.consultations_held')?.trend, 2, 'none in the 41 days before');
    assert.equal(f.get('participate.comments')?.value, 3);
    assert.equal(f.get('participate.answered')?.value, 2 / 3);
    assert.equal(f.get('participate.answered')?.base, 3);
    assert.equal(f.get('participate.days_to_answer')?.value, 10);
    assert.equal(f.get('participate.ideas')?.value, 5, 'published ideas only');
    assert.equal(f.get('participate.ideas_answered')?.value, 3 / 5, 'a declined idea is answered too');
  });

  it("one agency's figures, and open data's (consultations held only)", async () => {
    const a = await figures({ agencyId: agencyA });
    assert.equal(a.get('participate.consultations_held')?.value, 1);
    assert.equal(a.get('participate.comments')?.value, 3);
    const b = await figures({ agencyId: agencyB });
    assert.equal(b.get('participate.consultations_held')?.value, 1);
    assert.equal(b.get('participate.comments')?.value, 0);
    assert.equal(b.get('participate.answered')?.value, null);
    assert.equal(b.get('participate.days_to_answer')?.value, null);
    assert.equal(a.get('participate.ideas')?.value, 3);
    assert.equal(a.get('participate.ideas_answered')?.value, 2 / 3);
    assert.equal(b.get('participate.ideas_answered')?.value, 0);
    const open = await figures({ open: true });
    assert.deepEqual([...open.keys()], ['participate.consultations_held']);
  });

  it('on the dashboard and the scorecard in both languages, linking only where the viewer may go', async () => {
    const en = await leader.get('/en/console/reports');
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Public consultations/);
    assert.match(en.body, /data-figure="participate\.consultations_held"[\s\S]*?href="\/en\/consultations"/);
    const ar = await leader.get('/ar/console/reports');
    assert.match(ar.body, /الاستشارات العامة/);
    const card = await adminB.get(`/en/console/reports/agencies/${agencyB}`);
    assert.equal(card.statusCode, 200);
    assert.match(card.body, /<tr data-figure="participate\.consultations_held">[\s\S]*?href="\/en\/console\/consultations"/);
  });
});
