import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { nominate } from './enrolment.service.ts';
import { MIN_RESPONSES, sendEvaluations } from './evaluation.ts';
import { markAttendance } from './progress.service.ts';
import { addSession, addTrainer, createOffering, createProgramme, setOfferingStatus, setProgrammePublished } from './training.service.ts';

// The reaction evaluation: emailed once to each person who completed, after the offering's last day; answered
// through a signed link, once; stored without the person; shown per offering and per trainer only
// from MIN_RESPONSES answers, with the known means; trainers see their own offerings, others nothing.

describe('training: evaluations after an offering', () => {
  let t: TestApp;
  const office = systemCtx('test office');
  let offeringId = 0;
  const people: { id: number; email: string }[] = [];
  const after1 = new Date('2025-01-10T09:00:00Z');

  const invitations = () =>
    t.deps.db
      .selectFrom('messages')
      .select(['to_address', 'subject', 'text_body', 'locale'])
      .where('message_key', 'like', 'training:evaluation:%')
      .orderBy('id')
      .execute();
  const tokenIn = (text: string | null) => /\/training\/evaluation\?token=([A-Za-z0-9_.-]+)/.exec(text ?? '')?.[1] ?? '';

  before(async () => {
    t = await testApp();
    const agency = await buildAgency(t.deps, { code: 'delta' });
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'trainer@program.sa', role: 'program_reviewer', name: 'Tariq Trainer' });
    await buildUser(t.deps, { email: 'other-trainer@delta.sa', role: 'agency_editor', agencyId: agency.id, name: 'Other Trainer' });
    await buildUser(t.deps, { email: 'bystander@delta.sa', role: 'agency_editor', agencyId: agency.id });
    for (let i = 0; i < 7; i++) {
      const email = `attendee${i}@delta.sa`;
      const u = await buildUser(t.deps, { email, role: 'agency_editor', agencyId: agency.id, locale: i === 0 ? 'ar' : 'en' });
      people.push({ id: u.id, email });
    }
    const p = await createProgramme(t.deps, office, {
      code: 'EVAL-1',
      title_ar: 'تحليل البيانات',
      title_en: 'Data analysis',
      description_ar: 'و',
      description_en: 'd',
      audience: 'employees',
      track: 'data',
      hours: '4',
      delivery_mode: 'online',
      min_attendance_pct: '50',
    });
    await setProgrammePublished(t.deps, office, p.id, true);
    const o = await createOffering(t.deps, office, p.id, {
      starts_on: '2025-01-05',
      ends_on: '2025-01-07',
      online_url: 'https://meet.example.gov.sa/e',
      capacity: '10',
    });
    offeringId = o.id;
    const s = await addSession(t.deps, office, o.id, { starts_at: '2025-01-05T06:00:00Z', ends_at: '2025-01-05T08:00:00Z' });
    await addTrainer(t.deps, office, o.id, { email: 'other-trainer@delta.sa' });
    await setOfferingStatus(t.deps, office, o.id, { status: 'open' });
    const enrolments = await nominate(t.deps, office, o.id, agency.id, { user_ids: people.map((x) => String(x.id)) });
    // Six attend; the seventh never came.
    const present = enrolments.filter((e) => e.user_id !== people[6].id).map((e) => String(e.id));
    await markAttendance(t.deps, office, s.id, { present });
  });
  after(() => t.close());

  it('emails each person who completed once after the last day, in their language, and nobody who did not complete', async () => {
    assert.equal(await sendEvaluations(t.deps, new Date('2025-01-07T09:00:00Z')), 0, 'not before the offering has ended');
    assert.equal(await sendEvaluations(t.deps, new Date('2025-03-20T09:00:00Z')), 0, 'not long after (a late first run sends no history)');
    assert.equal(await sendEvaluations(t.deps, after1), 6);
    assert.equal(await sendEvaluations(t.deps, after1), 0, 'once');
    const mails = await invitations();
    assert.equal(mails.length, 6);
    assert.ok(!mails.some((m) => m.to_address === people[6].email), 'the absent person is not asked');
    const ar = mails.find((m) => m.to_address === people[0].email);
    assert.match(ar?.subject ?? '', /كيف كانت تحليل البيانات/);
    assert.match(mails.find((m) => m.to_address === people[1].email)?.subject ?? '', /How was Data analysis/);
  });

  it('takes one anonymous answer per link, refusing bad ratings field by field', async () => {
    const mails = await invitations();
    const token = tokenIn(mails[0].text_body);
    assert.ok(token);
    const c = new Client(t.app);
    const page = await c.get(`/ar/training/evaluation?token=${token}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /ما مدى صلة التدريب/);
    const bad = await c.post('/en/training/evaluation', { token, relevance: '6', quality: '', recommend: '3' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /f-relevance/);
    assert.match(bad.body, /f-quality/);
    assert.match(bad.body, /Choose one of the options/);
    assert.equal((await t.deps.db.selectFrom('training_evaluation_responses').select('id').execute()).length, 0);
    const ok = await c.post('/en/training/evaluation', { token, relevance: '5', quality: '4', recommend: '5', comment: 'Very useful' });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /Your answers are recorded/);
    assert.equal((await c.post('/en/training/evaluation', { token, relevance: '1', quality: '1', recommend: '1' })).statusCode, 409);
    assert.equal((await c.get(`/en/training/evaluation?token=${token}`)).statusCode, 409);
    assert.equal((await c.get(`/en/training/evaluation?token=${token}x`)).statusCode, 409, 'a forged link is refused');
    const columns = Object.keys(
      (await t.deps.db.selectFrom('training_evaluation_responses').selectAll().executeTakeFirstOrThrow()) as object,
    );
    assert.ok(!columns.some((k) => /user|enrolment|email|name/.test(k)), `answers carry no person: ${columns.join(',')}`);
  });

  it('shows results per offering and per trainer only from the minimum number of answers, with the known means', async () => {
    const officeClient = await signedIn(t.app, 'office@program.sa');
    const mails = await invitations();
    // Three more answers: four in all, fewer than the minimum.
    const answers: Record<string, string>[] = [
      { relevance: '3', quality: '2', recommend: '4' },
      { relevance: '4', quality: '4', recommend: '4' },
      { relevance: '2', quality: '5', recommend: '3', comment: 'Too short' },
      { relevance: '1', quality: '5', recommend: '4' },
    ];
    const c = new Client(t.app);
    for (let i = 1; i <= 3; i++)
      assert.equal((await c.post('/en/training/evaluation', { token: tokenIn(mails[i].text_body), ...answers[i - 1] })).statusCode, 200);
    assert.equal(MIN_RESPONSES, 5);
    let page = await officeClient.get('/en/console/training/evaluations');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Too few answers to show/);
    assert.doesNotMatch(page.body, /Very useful/, 'no comments below the minimum');
    assert.doesNotMatch(page.body, /of 5/);

    assert.equal((await c.post('/en/training/evaluation', { token: tokenIn(mails[4].text_body), ...answers[3] })).statusCode, 200);
    page = await officeClient.get('/en/console/training/evaluations');
    // relevance (5+3+4+2+1)/5 = 3.0; quality (4+2+4+5+5)/5 = 4.0; recommend (5+4+4+3+4)/5 = 4.0
    assert.match(page.body, /3\.0 of 5/);
    assert.match(page.body, /4\.0 of 5/);
    assert.match(page.body, /Very useful/);
    assert.match(page.body, /Too short/);
    assert.match(page.body, /Other Trainer/);
    const ar = await officeClient.get('/ar/console/training/evaluations');
    assert.match(ar.body, /٣٫٠ من ٥/);

    const trainer = await signedIn(t.app, 'other-trainer@delta.sa');
    const own = await trainer.get('/en/console/training/evaluations');
    assert.equal(own.statusCode, 200, 'a trainer sees their own offerings');
    assert.match(own.body, /Data analysis/);
    const bystander = await signedIn(t.app, 'bystander@delta.sa');
    assert.equal((await bystander.get('/en/console/training/evaluations')).statusCode, 403);
    const unrelatedTrainer = await signedIn(t.app, 'trainer@program.sa');
    assert.equal((await unrelatedTrainer.get('/en/console/training/evaluations')).statusCode, 200, 'the office (a reviewer) sees all');
    assert.equal(offeringId > 0, true);
  });
});
