import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { Visitor } from './feedback.fixtures.ts';
import { csat, driverScores } from './feedback.metrics.ts';
import { insertQuestionSet, latestQuestionSet } from './ratings.repo.ts';

describe('feedback ratings: the form on every service page, versioned questions, replies and moderation', () => {
  let t: TestApp;
  let agencyId: number;
  let po: Client;
  let admin: Client;
  let ip = 0;
  const visitor = () => new Visitor(t.app, `203.0.113.${++ip}`);
  const period = { from: '2020-01-01', to: '2100-01-01' };

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    agencyId = (await buildAgency(t.deps, { code: 'mc', name_en: 'Ministry of Commerce' })).id;
    await buildService(t.deps, agencyId, { identifier: 'cr-issue' });
    await buildUser(t.deps, { email: 'po@yusr.gov.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'admin@mc.gov.sa', role: 'agency_admin', agencyId });
    po = await signedIn(t.app, 'po@yusr.gov.sa');
    admin = await signedIn(t.app, 'admin@mc.gov.sa');
  });
  after(() => t.close());

  it('shows the OMB A-11 questions on the service page in both languages, with no account', async () => {
    const ar = await visitor().get('/ar/services/cr-issue');
    assert.match(ar.body, /قيّم هذه الخدمة/);
    assert.match(ar.body, /أنا راضٍ عن الخدمة التي حصلت عليها\./);
    assert.match(ar.body, /أوافق بشدة/);
    const en = await visitor().get('/en/services/cr-issue');
    for (const q of [
      'I am satisfied with the service I received.',
      'This interaction increased my confidence in this agency.',
      'Employees I interacted with were helpful.',
    ]) {
      assert.ok(en.body.includes(q), q);
    }
    assert.match(en.body, /action="\/en\/feedback\/rate\/cr-issue"/);
    assert.match(en.body, /href="\/en\/feedback\/new\?service=cr-issue"/);
  });

  it('records a rating with every question optional, and thanks the person on the service page', async () => {
    const v = visitor();
    const res = await v.post('/ar/feedback/rate/cr-issue', { q_satisfied: '4', q_staff: '5', comment: 'خدمة ممتازة لكن الموقع بطيء' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/ar/services/cr-issue');
    const page = await v.get('/ar/services/cr-issue');
    assert.match(page.body, /شكراً لك، سُجّل تقييمك\./);
    const r = await t.deps.db.selectFrom('feedback_ratings').selectAll().executeTakeFirstOrThrow();
    assert.equal(r.comment_lang, 'ar');
    assert.equal(r.question_set_version, 1);
    const answers = await t.deps.db
      .selectFrom('feedback_answers')
      .select(['driver', 'score'])
      .where('rating_id', '=', r.id)
      .orderBy('driver')
      .execute();
    assert.deepEqual(answers, [
      { driver: 'satisfied', score: 4 },
      { driver: 'staff', score: 5 },
    ]);
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback/services/cr-issue/ratings',
      payload: { answers: { satisfied: 2 } },
      remoteAddress: '198.18.0.1',
    });
    assert.equal(api.statusCode, 201);
  });

  it('versions the questions, and keeps scores comparable across versions by driver', async () => {
    const page = await po.get('/en/console/feedback/questions');
    assert.equal(page.statusCode, 200);
    const form: Record<string, string> = {};
    const rows = [...page.body.matchAll(/name="driver_(\d+)" value="([a-z_]+)"/g)];
    for (const [, i, driver] of rows) {
      form[`driver_${i}`] = driver;
      form[`ar_${i}`] = driver === 'satisfied' ? 'بشكل عام، أنا راضٍ عن هذه الخدمة.' : `سؤال ${driver}`;
      form[`en_${i}`] = driver === 'satisfied' ? 'Overall, I am satisfied with this service.' : `Question about ${driver}`;
      if (driver !== 'fair') form[`keep_${i}`] = 'on';
    }
    Object.assign(form, { driver_new: 'clarity', ar_new: 'كانت المعلومات واضحة.', en_new: 'The information was clear.' });
    const saved = await po.post('/en/console/feedback/questions', form);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    const en = await visitor().get('/en/services/cr-issue');
    assert.ok(en.body.includes('Overall, I am satisfied with this service.'));
    assert.ok(en.body.includes('The information was clear.'));
    assert.ok(!en.body.includes('Question about fair'));
    await visitor().post('/en/feedback/rate/cr-issue', { q_satisfied: '5', q_clarity: '4' });
    const v2 = await t.deps.db
      .selectFrom('feedback_ratings')
      .select('question_set_version')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(v2.question_set_version, 2);
    // CSAT spans both versions: 4 (v1), 2 (v1, API), 5 (v2) → 2 of 3.
    assert.deepEqual(await csat(t.deps, { agencyId, ...period }), { responses: 3, satisfied: 2, rate: 2 / 3 });
    assert.deepEqual(
      (await driverScores(t.deps, { agencyId, ...period })).map((d) => d.driver),
      ['clarity', 'satisfied', 'staff'],
    );
    const refuse = await po.post('/en/console/feedback/questions', {
      driver_0: 'trust',
      ar_0: 'سؤال الثقة',
      en_0: 'Trust question',
      keep_0: 'on',
    });
    assert.equal(refuse.statusCode, 400, 'the satisfaction question cannot be dropped');
    assert.equal((await admin.get('/en/console/feedback/questions')).statusCode, 403, 'questions are the program office’s');
  });

  it('shows a question set written by another node on the next cold page (nothing of it is kept between pages)', async () => {
    await buildService(t.deps, agencyId, { identifier: 'cr-amend' });
    assert.ok((await visitor().get('/en/services/cr-issue')).body.includes('The information was clear.'));
    // Written straight to the table, as another node would: this node's caches are not told.
    const latest = await latestQuestionSet(t.deps.db);
    const questions = (JSON.parse(latest?.questions_json ?? '[]') as { driver: string; en: string }[]).map((q) =>
      q.driver === 'clarity' ? { ...q, en: 'The steps were easy to follow.' } : q,
    );
    await insertQuestionSet(t.deps.db, (latest?.version ?? 0) + 1, JSON.stringify(questions), 'another node', new Date().toISOString());
    const cold = await visitor().get('/en/services/cr-amend');
    assert.ok(cold.body.includes('The steps were easy to follow.'));
    assert.ok(!cold.body.includes('The information was clear.'));
  });

  it('publishes an agency reply to a comment on the service page, and hides it with the comment', async () => {
    const r = await t.deps.db.selectFrom('feedback_ratings').select('id').where('comment', 'is not', null).executeTakeFirstOrThrow();
    const list = await admin.get('/en/console/feedback/ratings');
    assert.match(list.body, /خدمة ممتازة لكن الموقع بطيء/);
    const reply = await admin.post(`/en/console/feedback/ratings/${r.id}/reply`, {
      [`reply_${r.id}`]: 'Thank you; the site was sped up on 1 March.',
    });
    assert.equal(reply.statusCode, 303);
    const page = await visitor().get('/en/services/cr-issue');
    assert.match(page.body, /خدمة ممتازة لكن الموقع بطيء/);
    assert.match(page.body, /Thank you; the site was sped up on 1 March\./);
    const hide = await admin.post(`/en/console/feedback/ratings/${r.id}/hide`, { [`reason_${r.id}`]: 'Abusive language' });
    assert.equal(hide.statusCode, 303);
    const after = await visitor().get('/en/services/cr-issue');
    assert.doesNotMatch(after.body, /خدمة ممتازة لكن الموقع بطيء|sped up/);
    const console = await admin.get('/en/console/feedback/ratings');
    assert.doesNotMatch(console.body, /خدمة ممتازة لكن الموقع بطيء/);
    assert.match(console.body, /Hidden by a moderator \(Abusive language\)/);
    const row = await t.deps.db.selectFrom('feedback_ratings').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    assert.equal(row.comment, 'خدمة ممتازة لكن الموقع بطيء', 'the author’s text is kept');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'feedback.comment_hide')
      .executeTakeFirstOrThrow();
    assert.match(audit.before_json ?? '', /خدمة ممتازة/);
    assert.match(audit.after_json ?? '', /Abusive language/);
  });

  it('shows the CX summary by the agency’s choice or the program office’s requirement, with too few ratings withheld', async () => {
    const noSummary = await visitor().get('/en/services/cr-issue');
    assert.doesNotMatch(noSummary.body, /How people rate this service/);
    assert.equal((await admin.post(`/en/console/feedback/settings/${agencyId}`, { show: 'on' })).statusCode, 303);
    const few = await visitor().get('/en/services/cr-issue');
    assert.match(few.body, /How people rate this service/);
    assert.match(few.body, /not enough ratings yet/);
    let last = visitor();
    for (let i = 0; i < 3; i++) {
      last = visitor();
      await last.post('/en/feedback/rate/cr-issue', { q_satisfied: '5', q_trust: '4' });
    }
    // Public service pages are cached for a few seconds; the person who just rated sees a fresh one.
    const enough = await last.get('/en/services/cr-issue');
    // 4, 2, 5, 5, 5, 5 → 5 of 6 satisfied.
    assert.match(enough.body, /<dt>Satisfied<\/dt><dd>83\.3%<\/dd>/);
    await admin.post(`/en/console/feedback/settings/${agencyId}`, {});
    assert.doesNotMatch((await visitor().get('/en/services/cr-issue')).body, /How people rate this service/);
    assert.equal((await po.post('/en/console/feedback/settings/require', { required: 'on' })).statusCode, 303);
    assert.match((await visitor().get('/ar/services/cr-issue')).body, /تقييم المستفيدين لهذه الخدمة/);
    assert.equal((await admin.post('/en/console/feedback/settings/require', {})).statusCode, 403);
  });
});
