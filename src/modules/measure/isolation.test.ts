import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { finaliseRound, publishRound } from './finalise.service.ts';
import { loadFramework } from './frameworks.service.ts';
import { answersForm, openedRound, PDF, publishedFramework, upload } from './measure.fixtures.ts';
import { acceptPending } from './review.service.ts';
import { closeNow } from './rounds.service.ts';

// An agency sees only its own answers and evidence until results are published, and then only the
// published figures of others. Every refusal is a 403 or 404, changes nothing, and is audited.

describe('measure: isolation between agencies', () => {
  let t: TestApp;
  let aEditor: Client;
  let aAdmin: Client;
  let bEditor: Client;
  let leader: Client;
  let reviewer: Client;
  const ids = { a: 0, b: 0, round: 0, evidence: 0 };
  const snapshot = async () => ({
    answers: await t.deps.db.selectFrom('measure_answers').selectAll().orderBy('id').execute(),
    evidence: await t.deps.db.selectFrom('measure_evidence').selectAll().orderBy('id').execute(),
    participants: await t.deps.db.selectFrom('measure_participants').selectAll().orderBy('id').execute(),
    rounds: await t.deps.db.selectFrom('measure_rounds').selectAll().orderBy('id').execute(),
  });
  const denied = async () => (await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'access.denied').execute()).length;

  before(async () => {
    t = await testApp();
    const a = await buildAgency(t.deps, { code: 'agency-a', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' });
    const b = await buildAgency(t.deps, { code: 'agency-b', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' });
    Object.assign(ids, { a: a.id, b: b.id });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: a.id });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: a.id });
    await buildUser(t.deps, { email: 'editor@b.sa', role: 'agency_editor', agencyId: b.id });
    await buildUser(t.deps, { email: 'leader@program.sa', role: 'leadership_viewer' });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    const fw = await publishedFramework(t.deps);
    ids.round = (await openedRound(t.deps, fw.id, [a.id, b.id], { code: 'iso' })).id;
    aEditor = await signedIn(t.app, 'editor@a.sa');
    aAdmin = await signedIn(t.app, 'admin@a.sa');
    bEditor = await signedIn(t.app, 'editor@b.sa');
    leader = await signedIn(t.app, 'leader@program.sa');
    reviewer = await signedIn(t.app, 'reviewer@program.sa');
    const f = (await loadFramework(t.deps, fw.id)).framework;
    const base = `/en/console/measure/rounds/${ids.round}/agencies/${a.id}`;
    await aEditor.post(`${base}/answers?section=infra`, answersForm(f, { 'q.yes': 'yes', 'q.pct': '77', 'q.na': 'no' }));
    await aEditor.post(`${base}/answers?section=services`, answersForm(f, { 'q.level': 'all', 'q.days': '3' }));
    await upload(aEditor, `${base}/questions/q.pct/evidence`, {}, { name: 'secret-plan.pdf', data: PDF });
    ids.evidence = (await t.deps.db.selectFrom('measure_evidence').select('id').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  const aBase = () => `/en/console/measure/rounds/${ids.round}/agencies/${ids.a}`;

  it("refuses another agency's answers, evidence, submission and unpublished results, changing nothing and auditing each refusal", async () => {
    const before = await snapshot();
    const deniedBefore = await denied();
    const attempts = [
      ['sheet', await bEditor.get(aBase())],
      ['question', await bEditor.get(`${aBase()}/questions/q.pct`)],
      ['save', await bEditor.post(`${aBase()}/answers?section=infra`, { q: 'q.yes', 'v_q.yes': '1', 'a_q.yes': 'no' })],
      ['evidence upload', await upload(bEditor, `${aBase()}/questions/q.pct/evidence`, {}, { name: 'x.pdf', data: PDF })],
      ['evidence download', await bEditor.get(`/measure/evidence/${ids.evidence}`)],
      ['evidence removal', await bEditor.post(`/en/console/measure/evidence/${ids.evidence}/remove`, {})],
      ['refresh', await bEditor.post(`${aBase()}/refresh`, {})],
      ['submit page', await bEditor.get(`${aBase()}/submit`)],
      ['submit', await bEditor.post(`${aBase()}/submit`, { attest: 'on' })],
      ['review', await bEditor.post(`${aBase()}/questions/q.pct/review`, { decision: 'accept' })],
      ['results', await bEditor.get(`/en/console/measure/rounds/${ids.round}/results`)],
      ['scorecard', await bEditor.get(`/en/console/measure/rounds/${ids.round}/results/${ids.a}`)],
      ['report', await bEditor.get(`/en/console/measure/rounds/${ids.round}/report`)],
      ['workbook', await bEditor.get(`/measure/rounds/${ids.round}/scores.xlsx`)],
      ['audit export', await bEditor.get(`/measure/rounds/${ids.round}/answers.csv`)],
      ['leader: round', await leader.get(`/en/console/measure/rounds/${ids.round}`)],
      ['leader: results', await leader.get(`/en/console/measure/rounds/${ids.round}/results`)],
      ['leader: sheet', await leader.get(aBase())],
      ['reviewer: save', await reviewer.post(`${aBase()}/answers?section=infra`, { q: 'q.yes', 'v_q.yes': '1', 'a_q.yes': 'no' })],
      ['editor: review', await aEditor.post(`${aBase()}/questions/q.pct/review`, { decision: 'accept' })],
    ] as const;
    for (const [name, res] of attempts) assert.ok([403, 404].includes(res.statusCode), `${name}: ${res.statusCode}`);
    assert.deepEqual(await snapshot(), before, 'nothing changed');
    const forbidden = attempts.filter(([, res]) => res.statusCode === 403).length;
    assert.ok(forbidden >= attempts.length - 2);
    assert.equal((await denied()) - deniedBefore, forbidden, 'every refusal is audited');
    // B's own view of the round names neither A nor its answers.
    const round = await bEditor.get(`/en/console/measure/rounds/${ids.round}`);
    assert.equal(round.statusCode, 200);
    assert.doesNotMatch(round.body, /Alpha Authority/);
    const own = await bEditor.get(`/en/console/measure/rounds/${ids.round}/agencies/${ids.b}`);
    assert.equal(own.statusCode, 200);
    assert.doesNotMatch(own.body, /secret-plan/);
  });

  it('after publication shows every agency the published figures of others, and still not their answers or evidence', async () => {
    await aAdmin.post(`${aBase()}/submit`, { attest: 'on' });
    await closeNow(t.deps, systemCtx('test'), ids.round);
    await acceptPending(t.deps, systemCtx('test'), ids.round, ids.a);
    await finaliseRound(t.deps, systemCtx('test'), ids.round);
    assert.equal((await bEditor.get(`/en/console/measure/rounds/${ids.round}/results`)).statusCode, 403, 'finalised is not published');
    await publishRound(t.deps, systemCtx('test'), ids.round);

    const results = await bEditor.get(`/en/console/measure/rounds/${ids.round}/results`);
    assert.equal(results.statusCode, 200);
    assert.match(results.body, /Alpha Authority/);
    const theirs = await bEditor.get(`/en/console/measure/rounds/${ids.round}/results/${ids.a}`);
    assert.equal(theirs.statusCode, 200);
    assert.doesNotMatch(theirs.body, /Lifted the score most/, 'no question-level detail of another agency');
    assert.match(theirs.body, /Other agencies see the published figures only/);
    const mine = await aEditor.get(`/en/console/measure/rounds/${ids.round}/results/${ids.a}`);
    assert.match(mine.body, /Lifted the score most/);
    assert.equal((await leader.get(`/en/console/measure/rounds/${ids.round}/results/${ids.a}`)).statusCode, 200);
    assert.equal((await leader.get(`/en/console/measure/rounds/${ids.round}/report`)).statusCode, 200);
    assert.equal((await leader.get(`/measure/rounds/${ids.round}/scores.xlsx?lang=en`)).statusCode, 200);

    for (const [name, res] of [
      ['sheet', await bEditor.get(aBase())],
      ['question', await bEditor.get(`${aBase()}/questions/q.pct`)],
      ['evidence', await bEditor.get(`/measure/evidence/${ids.evidence}`)],
      ['workbook', await bEditor.get(`/measure/rounds/${ids.round}/scores.xlsx?lang=en`)],
      ['leader: sheet', await leader.get(aBase())],
      ['leader: evidence', await leader.get(`/measure/evidence/${ids.evidence}`)],
    ] as const)
      assert.ok([403, 404].includes(res.statusCode), `${name}: ${res.statusCode}`);
  });
});
