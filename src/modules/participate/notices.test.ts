import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import * as consultations from './consultations.service.ts';
import * as ideas from './ideas.service.ts';
import * as participation from './participation.service.ts';
import { alertOverdue } from './thresholds.ts';

// The emails to the people who must act, each in its reader's language, queued with the change and
// never twice: the program office when a draft waits for approval, the agency when it is approved or
// returned, an idea's moderators when it waits for them, when its supports reach the program's
// threshold (with the answer's last day), and once when that day passes without an answer. The
// threshold and its deadline show on the idea's pages; only the program administrator sets the rule.

describe('participate: notices to staff, and support thresholds with answer deadlines', () => {
  let t: TestApp;
  let aEditor: Client;
  let aAdmin: Client;
  let office: Client;
  const sys = systemCtx('test');
  const ids = { a: 0, b: 0 };
  const day = (d: Date) => consultations.dayOf(t.deps, d);
  const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const staffMail = () =>
    t.deps.db
      .selectFrom('messages')
      .select(['to_address', 'locale', 'subject', 'text_body', 'message_key'])
      .where('source', '=', 'participate.staff')
      .orderBy('id')
      .execute();
  const mailCount = async () => (await staffMail()).length;

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a, locale: 'ar' });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a, locale: 'en' });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin', locale: 'en' });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer', locale: 'ar' });
    await buildUser(t.deps, { email: 'gone@program.sa', role: 'program_admin', status: 'deactivated' });
    [aEditor, aAdmin, office] = await Promise.all(['editor@a.sa', 'admin@a.sa', 'office@program.sa'].map((e) => signedIn(t.app, e)));
  });
  after(() => t.close());

  it('emails the office about a draft awaiting approval, and the agency when it is returned or approved', async () => {
    const today = day(new Date());
    const c = await consultations.createConsultation(t.deps, sys, {
      agency_id: String(ids.a),
      title_ar: 'مسودة لائحة الرسوم',
      title_en: 'Draft fees regulation',
      summary_ar: 'ملخص',
      summary_en: 'Summary',
      source_format: 'text',
      source_text: 'المادة الأولى\nنص.',
      opens_on: addDays(today, 1),
      closes_on: addDays(today, 9),
    });
    assert.equal((await aEditor.post(`/en/console/consultations/${c.id}/submit`)).statusCode, 303);
    let mail = await staffMail();
    assert.deepEqual(
      mail.map((m) => [m.to_address, m.locale]),
      [
        ['office@program.sa', 'en'],
        ['reviewer@program.sa', 'ar'],
      ],
      'both office roles, active only, none to the agency',
    );
    assert.match(mail[0].subject ?? '', /awaits your approval: “Draft fees regulation”/);
    assert.match(mail[0].text_body, /Alpha Authority sent the draft/);
    assert.match(mail[1].subject ?? '', /مسودة استطلاع تنتظر اعتمادك: «مسودة لائحة الرسوم»/);
    assert.match(mail[1].text_body, /هيئة ألفا/);

    const before = mail.length;
    assert.equal((await office.post(`/en/console/consultations/${c.id}/return`, { comment: 'Add the fee schedule.' })).statusCode, 303);
    mail = (await staffMail()).slice(before);
    assert.deepEqual(mail.map((m) => [m.to_address, m.locale]).sort(), [
      ['admin@a.sa', 'en'],
      ['editor@a.sa', 'ar'],
    ]);
    const en = mail.find((m) => m.locale === 'en');
    assert.match(en?.subject ?? '', /returned for changes/);
    assert.match(en?.text_body ?? '', /The office’s comment: Add the fee schedule\./);
    assert.match(en?.text_body ?? '', new RegExp(`/en/console/consultations/${c.id}/edit`));

    // A refused step emails nobody.
    assert.equal((await aAdmin.post(`/en/console/consultations/${c.id}/approve`)).statusCode, 403);
    assert.equal((await office.post(`/en/console/consultations/${c.id}/approve`)).statusCode, 409, 'not submitted again yet');
    assert.equal(await mailCount(), before + 2);

    assert.equal((await aEditor.post(`/en/console/consultations/${c.id}/submit`)).statusCode, 303);
    assert.equal(await mailCount(), before + 4, 'a new submission is a new notice to the office');
    assert.equal((await office.post(`/en/console/consultations/${c.id}/approve`)).statusCode, 303);
    mail = (await staffMail()).slice(before + 4);
    assert.deepEqual(mail.map((m) => m.to_address).sort(), ['admin@a.sa', 'editor@a.sa']);
    assert.match(mail.find((m) => m.locale === 'ar')?.subject ?? '', /اعتُمدت مسودة الاستطلاع/);
    assert.ok(!mail.some((m) => m.to_address === 'office@program.sa'), 'the approver is not told of their own act');
  });

  it('emails an idea’s moderators when it waits for them: the agency’s staff, or the office for the program', async () => {
    const p = await participation.verifiedParticipant(t.deps, sys, 'huda@example.sa', 'Huda');
    const before = await mailCount();
    const toA = await ideas.proposeIdea(t.deps, sys, p.id, {
      to: String(ids.a),
      title: 'Renew online',
      description: 'Please.',
      category: 'improvement',
    });
    let mail = (await staffMail()).slice(before);
    assert.deepEqual(mail.map((m) => m.to_address).sort(), ['admin@a.sa', 'editor@a.sa'], 'not the other agency, not the office');
    assert.match(mail.find((m) => m.locale === 'en')?.text_body ?? '', /“Renew online” was proposed to Alpha Authority/);
    assert.match(mail.find((m) => m.locale === 'en')?.text_body ?? '', new RegExp(`/en/console/ideas/${toA.id}`));
    const mid = await mailCount();
    await ideas.proposeIdea(t.deps, sys, p.id, { to: 'program', title: 'One portal', description: 'Please.', category: 'other' });
    mail = (await staffMail()).slice(mid);
    assert.deepEqual(mail.map((m) => m.to_address).sort(), ['office@program.sa', 'reviewer@program.sa']);
    assert.match(mail.find((m) => m.locale === 'ar')?.text_body ?? '', /إلى البرنامج/);
    // A refused proposal (unverified) emails nobody and writes nothing.
    await assert.rejects(ideas.proposeIdea(t.deps, sys, null, { to: 'program', title: 'x', description: 'y', category: 'other' }));
    assert.equal(await mailCount(), mid + 2);
  });

  it('lets only the program administrator set the rule, refusing bad values field by field', async () => {
    assert.equal((await aAdmin.post('/en/console/ideas/rule', { support_threshold: '3', answer_days: '10' })).statusCode, 403);
    const bad = await office.post('/ar/console/ideas/rule', { support_threshold: '0', answer_days: 'many' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /f-support_threshold/);
    assert.match(bad.body, /f-answer_days/);
    assert.equal((await t.deps.db.selectFrom('participate_settings').selectAll().execute()).length, 0, 'nothing written');
    assert.equal((await office.post('/en/console/ideas/rule', { support_threshold: '3', answer_days: '10' })).statusCode, 303);
    const page = await aEditor.get('/en/console/ideas');
    assert.match(page.body, /3 or more people support/);
    assert.match(page.body, /within 10 days/);
    assert.doesNotMatch(page.body, /\/console\/ideas\/rule"/, 'an agency editor sees the rule, not its form');
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'participate.idea_rule').execute();
    assert.equal(audit.length, 1);
  });

  it('sets the answer’s last day when an idea reaches the threshold, alerts its moderators once, and shows the deadline', async () => {
    const proposer = await participation.verifiedParticipant(t.deps, sys, 'sara@example.sa', 'Sara');
    const idea = await ideas.proposeIdea(t.deps, sys, proposer.id, {
      to: String(ids.a),
      title: 'Book visits by SMS',
      description: 'Please.',
      category: 'digital_channel',
    });
    await ideas.moderateIdea(t.deps, sys, idea.id, { decision: 'publish', reason: '' });
    const people = await Promise.all(
      [1, 2, 3, 4].map((n) => participation.verifiedParticipant(t.deps, sys, `s${n}@example.sa`, `Supporter ${n}`)),
    );
    const reached = new Date();
    await ideas.supportIdea(t.deps, sys, people[0].id, idea.id, reached);
    await ideas.supportIdea(t.deps, sys, people[1].id, idea.id, reached);
    let row = await t.deps.db.selectFrom('participate_ideas').selectAll().where('id', '=', idea.id).executeTakeFirstOrThrow();
    assert.equal(row.answer_due_on, null, 'below the threshold: no deadline');
    const before = await mailCount();
    await ideas.supportIdea(t.deps, sys, people[2].id, idea.id, reached);
    row = await t.deps.db.selectFrom('participate_ideas').selectAll().where('id', '=', idea.id).executeTakeFirstOrThrow();
    const due = addDays(day(reached), 10);
    assert.equal(row.answer_due_on, due);
    assert.ok(row.threshold_reached_at);
    const mail = (await staffMail()).slice(before);
    assert.deepEqual(mail.map((m) => m.to_address).sort(), ['admin@a.sa', 'editor@a.sa']);
    assert.match(mail.find((m) => m.locale === 'en')?.text_body ?? '', /3 people have supported the idea “Book visits by SMS”/);
    await ideas.supportIdea(t.deps, sys, people[3].id, idea.id, reached);
    assert.equal(await mailCount(), before + 2, 'a fourth support alerts nobody again');
    const again = await t.deps.db
      .selectFrom('participate_ideas')
      .select('answer_due_on')
      .where('id', '=', idea.id)
      .executeTakeFirstOrThrow();
    assert.equal(again.answer_due_on, due, 'the last day does not move');

    const pub = await t.app.inject({ url: `/en/ideas/${idea.id}` });
    assert.match(pub.body, /Awaiting an official answer/);
    assert.match(pub.body, new RegExp(`datetime="${due}"`));
    const list = await aEditor.get('/ar/console/ideas');
    assert.match(list.body, /ينتظر ردًا رسميًا/);

    // The day after the last day, without an answer: the sweep alerts once, however often it runs.
    const late = new Date(`${addDays(due, 1)}T09:00:00Z`);
    const beforeSweep = await mailCount();
    assert.equal(await alertOverdue(t.deps, sys, new Date(`${due}T09:00:00Z`)), 0, 'not on the last day itself');
    assert.equal(await alertOverdue(t.deps, sys, late), 2);
    assert.equal(await alertOverdue(t.deps, sys, late), 0);
    const overdue = (await staffMail()).slice(beforeSweep);
    assert.match(overdue.find((m) => m.locale === 'ar')?.subject ?? '', /فات موعد الرد الرسمي/);
    assert.equal(overdue.length, 2);
  });

  it('applies a lowered threshold to ideas already above it; an answered idea is not alerted and shows it was answered on time', async () => {
    const proposer = await participation.verifiedParticipant(t.deps, sys, 'omar@example.sa', 'Omar');
    const idea = await ideas.proposeIdea(t.deps, sys, proposer.id, {
      to: 'program',
      title: 'Open data',
      description: 'Please.',
      category: 'other',
    });
    await ideas.moderateIdea(t.deps, sys, idea.id, { decision: 'publish', reason: '' });
    const fan = await participation.verifiedParticipant(t.deps, sys, 'fan@example.sa', 'Fan');
    await ideas.supportIdea(t.deps, sys, fan.id, idea.id);
    await ideas.answerIdea(t.deps, sys, idea.id, { answer: 'under_study', reason: '' });
    const before = await mailCount();
    assert.equal((await office.post('/en/console/ideas/rule', { support_threshold: '1', answer_days: '5' })).statusCode, 303);
    const row = await t.deps.db.selectFrom('participate_ideas').selectAll().where('id', '=', idea.id).executeTakeFirstOrThrow();
    assert.equal(row.answer_due_on, addDays(day(new Date()), 5));
    assert.equal(await mailCount(), before, 'already answered: nobody is alerted');
    const pub = await t.app.inject({ url: `/en/ideas/${idea.id}` });
    assert.match(pub.body, /Answered on time/);
    assert.equal(
      await alertOverdue(t.deps, sys, new Date(`${addDays(row.answer_due_on ?? '', 3)}T09:00:00Z`)),
      0,
      'answered, and the other idea was alerted already',
    );
    const mine = await t.deps.db
      .selectFrom('messages')
      .select('id')
      .where('ref_type', '=', 'participate_idea')
      .where('ref_id', '=', String(idea.id))
      .where('source', '=', 'participate.staff')
      .execute();
    assert.equal(mine.length, 2, 'only the two “waiting for moderation” emails to the office');
  });
});
