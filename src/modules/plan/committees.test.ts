import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { actionState } from './committees.service.ts';
import { sendActionReminders } from './reminders.ts';

// Agencies' e-transactions committees: the agency's administrator keeps members (one chair), meetings
// and minutes, and the minutes' decisions as actions; its editor reads; another agency sees nothing
// (404) and cannot change anything; the office reads every committee and sees on its list who has
// none and who has overdue actions. Every change is audited; bad input is a bilingual field error.

describe('plan: committee action state', () => {
  it('is done once done, overdue when open past its due day, open otherwise', () => {
    assert.equal(actionState({ status: 'done', due_on: '2020-01-01' }, '2026-06-01'), 'done');
    assert.equal(actionState({ status: 'open', due_on: '2026-05-31' }, '2026-06-01'), 'overdue');
    assert.equal(actionState({ status: 'open', due_on: '2026-06-01' }, '2026-06-01'), 'open', 'due today is not yet overdue');
    assert.equal(actionState({ status: 'open', due_on: '2026-06-02' }, '2026-06-01'), 'open');
  });
});

describe('plan: e-transactions committees', () => {
  let t: TestApp;
  let office: Client;
  let aAdmin: Client;
  let aEditor: Client;
  let bAdmin: Client;
  const ids = { a: 0, b: 0, c: 0, editor: 0, committee: 0, meeting: 0, future: 0, chair: 0, external: 0 };
  const db = () => t.deps.db;
  const audits = (prefix: string) =>
    db().selectFrom('audit_log').select(['action', 'agency_id']).where('action', 'like', `${prefix}%`).orderBy('seq').execute();
  const page = (lang = 'en') => `/${lang}/console/plans/committees/${ids.a}`;

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    ids.c = (await buildAgency(t.deps, { code: 'gamma', name_en: 'Gamma Council', name_ar: 'مجلس جاما' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_reviewer' });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a, name: 'Huda Admin' });
    ids.editor = (await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a, name: 'Omar Editor' })).id;
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    [office, aAdmin, aEditor, bAdmin] = await Promise.all(
      ['office@program.sa', 'admin@a.sa', 'editor@a.sa', 'admin@b.sa'].map((e) => signedIn(t.app, e)),
    );
  });
  after(() => t.close());

  it('the administrator sets up the committee; a missing name is a field error in both languages, nothing written', async () => {
    const wrong = await aAdmin.post(page('ar'), { name_ar: '', name_en: 'Committee' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /f-name_ar/);
    assert.equal((await db().selectFrom('plan_committees').selectAll().execute()).length, 0);
    assert.equal((await aEditor.post(page(), { name_ar: 'لجنة', name_en: 'Committee' })).statusCode, 403, 'an editor reads, never keeps');
    assert.equal((await bAdmin.post(page(), { name_ar: 'لجنة', name_en: 'Committee' })).statusCode, 404, 'another agency');
    const ok = await aAdmin.post(page(), { name_ar: 'لجنة التعاملات الإلكترونية', name_en: 'E-transactions committee' });
    assert.equal(ok.statusCode, 303);
    const [c] = await db().selectFrom('plan_committees').selectAll().execute();
    ids.committee = c.id;
    assert.equal(c.agency_id, ids.a);
    assert.deepEqual(await audits('plan.committee.create'), [{ action: 'plan.committee.create', agency_id: ids.a }]);
  });

  it('members are accounts of the agency or named external members; one chair at a time', async () => {
    const both = await aAdmin.post(`${page('ar')}/members`, { user_id: String(ids.editor), name: 'Someone', role_title: 'Member' });
    assert.equal(both.statusCode, 400);
    assert.match(both.body, /أحدهما لا كليهما/);
    const foreign = (await buildUser(t.deps, { email: 'x@b.sa', role: 'agency_editor', agencyId: ids.b })).id;
    const notOurs = await aAdmin.post(`${page()}/members`, { user_id: String(foreign), role_title: 'Member' });
    assert.equal(notOurs.statusCode, 400);
    assert.match(notOurs.body, /Choose an active account of this agency/);
    assert.equal(
      (await aAdmin.post(`${page()}/members`, { user_id: String(ids.editor), role_title: 'Secretary', chair: 'on' })).statusCode,
      303,
    );
    assert.equal(
      (await aAdmin.post(`${page()}/members`, { name: 'Dr. Salem Advisor', role_title: 'External adviser', chair: 'on' })).statusCode,
      303,
    );
    const members = await db().selectFrom('plan_committee_members').selectAll().orderBy('id').execute();
    assert.deepEqual(
      members.map((m) => [m.name, m.user_id, m.is_chair]),
      [
        ['Omar Editor', ids.editor, 0],
        ['Dr. Salem Advisor', null, 1],
      ],
    );
    ids.chair = members[1].id;
    ids.external = members[0].id;
    assert.equal((await bAdmin.post(`/en/console/plans/committee-members/${members[0].id}/chair`, {})).statusCode, 404);
    assert.equal((await aEditor.post(`/en/console/plans/committee-members/${members[0].id}/chair`, {})).statusCode, 403);
    assert.equal((await aAdmin.post(`/en/console/plans/committee-members/${members[0].id}/chair`, {})).statusCode, 303);
    const chairs = await db().selectFrom('plan_committee_members').select('id').where('is_chair', '=', 1).execute();
    assert.deepEqual(chairs, [{ id: members[0].id }]);
    assert.equal((await audits('plan.committee.member_add')).length, 2);
    assert.equal((await audits('plan.committee.chair')).length, 1);
  });

  it('a meeting has an agenda; minutes come after it is held; decisions become actions with owners and due days', async () => {
    assert.equal((await aAdmin.post(`${page()}/meetings`, { held_at: '', agenda: 'x' })).statusCode, 400);
    assert.equal(
      (await aAdmin.post(`${page()}/meetings`, { held_at: '2026-01-10T10:00', agenda: 'Service digitisation plan' })).statusCode,
      303,
    );
    assert.equal((await aAdmin.post(`${page()}/meetings`, { held_at: '2099-01-10T10:00', agenda: 'Next year' })).statusCode, 303);
    const meetings = await db().selectFrom('plan_committee_meetings').selectAll().orderBy('held_at').execute();
    [ids.meeting, ids.future] = [meetings[0].id, meetings[1].id];
    assert.equal(meetings[0].held_at, '2026-01-10T07:00:00.000Z', 'the form’s Riyadh time, stored in UTC');
    const m = (id: number) => `/en/console/plans/committee-meetings/${id}`;
    const early = await aAdmin.post(`${m(ids.future)}/minutes`, { minutes: 'Too early' });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /after the meeting has been held/);
    const first = await aAdmin.post(`${m(ids.meeting)}/decisions`, {
      decision: 'x',
      owner_member_id: String(ids.chair),
      due_on: '2026-02-01',
    });
    assert.equal(first.statusCode, 400);
    assert.match(first.body, /Record the meeting’s minutes|Record the meeting's minutes/);
    assert.equal((await aEditor.post(`${m(ids.meeting)}/minutes`, { minutes: 'x' })).statusCode, 403);
    assert.equal((await bAdmin.post(`${m(ids.meeting)}/minutes`, { minutes: 'x' })).statusCode, 404);
    assert.equal((await aAdmin.post(`${m(ids.meeting)}/minutes`, { minutes: 'Agreed to digitise licensing.' })).statusCode, 303);
    const outsider = await aAdmin.post(`${m(ids.meeting)}/decisions`, { decision: 'x', owner_member_id: '999999', due_on: '2026-02-01' });
    assert.equal(outsider.statusCode, 400);
    assert.match(outsider.body, /f-owner_member_id/);
    assert.equal(
      (
        await aAdmin.post(`${m(ids.meeting)}/decisions`, {
          decision: 'Publish the licensing service',
          owner_member_id: String(ids.chair),
          due_on: '2020-02-01',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await aAdmin.post(`${m(ids.meeting)}/decisions`, {
          decision: 'Train the service desk',
          owner_member_id: String(ids.external),
          due_on: '2099-03-01',
        })
      ).statusCode,
      303,
    );
    const meetingPage = await aEditor.get(m(ids.meeting));
    assert.equal(meetingPage.statusCode, 200);
    assert.match(meetingPage.body, /Agreed to digitise licensing/);
    assert.match(meetingPage.body, /Overdue/);
    assert.doesNotMatch(meetingPage.body, /committee-actions\/\d+\/done/, 'the editor reads without the forms');
    const ar = await aAdmin.get(`/ar/console/plans/committee-meetings/${ids.meeting}`);
    assert.match(ar.body, /متأخر/);
    assert.match(ar.body, /هـ/, 'the meeting’s date in Hijri');
    assert.equal((await bAdmin.get(m(ids.meeting))).statusCode, 404);
    assert.deepEqual(
      (await audits('plan.committee.'))
        .map((a) => a.action)
        .filter((a) => a === 'plan.committee.minutes' || a === 'plan.committee.action_add'),
      ['plan.committee.minutes', 'plan.committee.action_add', 'plan.committee.action_add'],
    );
  });

  it('the office’s list shows who has no committee and who has overdue actions; another agency sees only its own', async () => {
    const list = await office.get('/en/console/plans/committees');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /2 agencies have none yet/);
    assert.match(list.body, /1 has overdue actions/);
    assert.match(list.body, /Gamma Council/);
    const read = await office.get(page());
    assert.equal(read.statusCode, 200);
    assert.match(read.body, /Publish the licensing service/);
    assert.doesNotMatch(read.body, /committee-members\/\d+\/remove/, 'the office reads, the agency keeps');
    const mine = await bAdmin.get('/en/console/plans/committees');
    assert.match(mine.body, /Beta Ministry/);
    assert.doesNotMatch(mine.body, /Alpha Authority/);
    assert.equal((await bAdmin.get(page())).statusCode, 404);
    const arList = await office.get('/ar/console/plans/committees');
    assert.match(arList.body, /٢ جهة بلا لجنة بعد|جهتان بلا لجنة بعد/);
  });

  it('an action is marked done (and no longer overdue) by the administrator only, audited', async () => {
    const [overdue] = await db().selectFrom('plan_committee_actions').selectAll().where('due_on', '=', '2020-02-01').execute();
    assert.equal((await bAdmin.post(`/en/console/plans/committee-actions/${overdue.id}/done`, {})).statusCode, 404);
    assert.equal((await aEditor.post(`/en/console/plans/committee-actions/${overdue.id}/done`, {})).statusCode, 403);
    assert.equal((await aAdmin.post(`/en/console/plans/committee-actions/${overdue.id}/done`, {})).statusCode, 303);
    const after = await db().selectFrom('plan_committee_actions').selectAll().where('id', '=', overdue.id).executeTakeFirstOrThrow();
    assert.equal(after.status, 'done');
    assert.match((await office.get('/en/console/plans/committees')).body, /none has overdue actions/);
    assert.equal((await audits('plan.committee.action_done')).length, 1);
    assert.equal((await aAdmin.post(`/en/console/plans/committee-members/${ids.chair}/remove`, {})).statusCode, 303);
    const committeePage = await aAdmin.get(page());
    assert.match(committeePage.body, /\(removed\)/, 'a removed member stays named on the actions they own');
    assert.match(committeePage.body, /The committee has no chair|Omar Editor/);
  });
  it('reminds an action’s owner (an account) in the week before it is due and after it, once each, in their language', async () => {
    const mails = () =>
      db()
        .selectFrom('messages')
        .select(['to_address', 'subject'])
        .where('message_key', 'like', 'plan:action-reminder:%')
        .orderBy('id')
        .execute();
    assert.equal(await sendActionReminders(t.deps, new Date('2099-02-20T06:00:00Z')), 0, 'nine days before: not yet');
    assert.equal(await sendActionReminders(t.deps, new Date('2099-02-25T06:00:00Z')), 1);
    assert.equal(await sendActionReminders(t.deps, new Date('2099-02-26T06:00:00Z')), 0, 'never twice');
    assert.equal(await sendActionReminders(t.deps, new Date('2099-03-05T06:00:00Z')), 1);
    const sent = await mails();
    assert.deepEqual(
      sent.map((m) => m.to_address),
      ['editor@a.sa', 'editor@a.sa'],
    );
    assert.match(String(sent[0].subject), /Train the service desk/);
  });
});
