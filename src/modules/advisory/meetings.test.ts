import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';

// Meetings on a request: the office or an assigned advisor schedules one in Riyadh time with a place
// or an online link and attendees from the request's people; attendees are emailed an invitation with
// a link to its iCalendar file; the minutes are recorded after it and each action becomes a task.
// The requesting agency sees its own request's meetings; other agencies and unassigned advisors get 403.

describe('advisory: meetings, invitations and minutes', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const ids = { a: 0, b: 0, request: 0, meeting: 0, aAdmin: 0, aEditor: 0, bAdmin: 0, x: 0, advisorX: 0 };
  const loc = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');
  const url = (path = '') => `/en/console/advisory/${ids.request}${path}`;
  const meetingsCount = async () => (await t.deps.db.selectFrom('advisory_meetings').select('id').execute()).length;
  const meetingMails = async (kind: 'meeting' | 'minutes') =>
    (
      await t.deps.db
        .selectFrom('messages')
        .select(['to_address', 'subject', 'text_body', 'locale'])
        .where('message_key', 'like', `advisory:${kind}:%`)
        .orderBy('id')
        .execute()
    ).sort((x, y) => (x.to_address < y.to_address ? -1 : 1));
  const form = (over: Record<string, string | string[] | undefined> = {}) => {
    const v: Record<string, string | string[]> = {
      title: 'Kick-off',
      starts_at: '2030-03-10T10:00',
      duration: '90',
      place: 'Room 4, Program Office',
      online_url: 'https://meet.example.sa/abc',
      agenda: 'Scope and timeline',
      attendees: [String(ids.aAdmin), String(ids.x)],
    };
    for (const [k, x] of Object.entries(over)) {
      if (x === undefined) delete v[k];
      else v[k] = x;
    }
    return v;
  };

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    const people: [string, Parameters<typeof buildUser>[1]][] = [
      ['office', { email: 'office@program.sa', role: 'program_admin', name: 'Office Admin' }],
      ['aAdmin', { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a, name: 'Alpha Admin' }],
      ['aEditor', { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a, name: 'Alpha Editor' }],
      ['bAdmin', { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b, name: 'Beta Admin' }],
      ['x', { email: 'x@advisors.sa', role: 'advisor', locale: 'ar', name: 'Xavier Lead' }],
      ['w', { email: 'w@advisors.sa', role: 'advisor', name: 'Wafa Unassigned' }],
    ];
    for (const [key, opts] of people) {
      const u = await buildUser(t.deps, opts);
      if (key in ids) (ids as Record<string, number>)[key] = u.id;
      c[key] = await signedIn(t.app, opts?.email as string);
    }
    for (const key of ['x', 'w']) {
      const userId = (await t.deps.db.selectFrom('users').select('id').where('email', '=', `${key}@advisors.sa`).executeTakeFirstOrThrow())
        .id;
      assert.equal(
        (await c.office.post('/en/console/advisory/team', { user_id: String(userId), home_agency_id: String(ids.b) })).statusCode,
        303,
      );
    }
    ids.advisorX = (await t.deps.db.selectFrom('advisory_advisors').select('id').where('user_id', '=', ids.x).executeTakeFirstOrThrow()).id;
    const made = await c.aAdmin.post('/en/console/advisory/new', {
      type: 'technical_review',
      title: 'Portal architecture',
      question: 'Is it sound?',
      urgency: 'normal',
    });
    ids.request = Number(/\/(\d+)$/.exec(loc(made))?.[1]);
    // Before acceptance there is no team to meet.
    assert.equal((await c.office.post(url('/meetings'), form())).statusCode, 409);
    assert.equal((await c.office.post(url('/accept'), { priority: 'medium' })).statusCode, 303);
    assert.equal((await c.office.post(url('/assign'), { advisor_id: String(ids.advisorX), role: 'lead' })).statusCode, 303);
    await t.drain();
  });
  after(() => t.close());

  it('refuses the wrong people and bad input with field errors, and writes nothing', async () => {
    assert.equal((await c.aAdmin.post(url('/meetings'), form())).statusCode, 403);
    assert.equal((await c.bAdmin.post(url('/meetings'), form())).statusCode, 403);
    assert.equal((await c.w.post(url('/meetings'), form())).statusCode, 403);
    const nowhere = await c.office.post(url('/meetings'), form({ place: undefined, online_url: undefined }));
    assert.equal(nowhere.statusCode, 400);
    assert.match(nowhere.body, /Give a place or an online link/);
    const past = await c.office.post(url('/meetings'), form({ starts_at: '2020-01-05T10:00' }));
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /Choose a time in the future/);
    const stranger = await c.office.post(url('/meetings'), form({ attendees: [String(ids.bAdmin)] }));
    assert.equal(stranger.statusCode, 400);
    assert.match(stranger.body, /Attendees must be people of this request/);
    const nobody = await c.office.post(url('/meetings'), form({ attendees: undefined }));
    assert.equal(nobody.statusCode, 400);
    assert.match(nobody.body, /Choose at least one attendee/);
    const http = await c.office.post(url('/meetings'), form({ online_url: 'http://meet.example.sa/abc' }));
    assert.equal(http.statusCode, 400);
    const arabic = await c.office.post(`/ar/console/advisory/${ids.request}/meetings`, form({ place: undefined, online_url: undefined }));
    assert.equal(arabic.statusCode, 400);
    assert.match(arabic.body, /أدخل مكانًا أو رابطًا/);
    assert.equal(await meetingsCount(), 0);
    await t.drain();
    assert.deepEqual(await meetingMails('meeting'), []);
  });

  it('schedules a meeting in Riyadh time and emails each attendee an invitation with the calendar link', async () => {
    const res = await c.x.post(url('/meetings'), form());
    assert.equal(res.statusCode, 303, res.body);
    const m = await t.deps.db.selectFrom('advisory_meetings').selectAll().executeTakeFirstOrThrow();
    ids.meeting = m.id;
    // 10:00 in Riyadh (UTC+3) is 07:00 UTC; 90 minutes long.
    assert.equal(m.starts_at, '2030-03-10T07:00:00.000Z');
    assert.equal(m.ends_at, '2030-03-10T08:30:00.000Z');
    await t.drain();
    const mails = await meetingMails('meeting');
    assert.deepEqual(
      mails.map((x) => x.to_address),
      ['admin@a.sa', 'x@advisors.sa'],
    );
    const en = mails[0];
    assert.match(en?.subject ?? '', /^Meeting on “Portal architecture”: Kick-off, 10 March 2030 at 10:00/);
    assert.match(en?.text_body ?? '', /AH\)/);
    assert.match(en?.text_body ?? '', /Place: Room 4, Program Office/);
    assert.match(en?.text_body ?? '', /Online: https:\/\/meet\.example\.sa\/abc/);
    assert.match(en?.text_body ?? '', new RegExp(`/console/advisory/${ids.request}/meetings/${m.id}/invite\\.ics`));
    assert.equal(mails[1]?.locale, 'ar');
    assert.match(mails[1]?.subject ?? '', /اجتماع بشأن «Portal architecture»/);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'advisory_meeting')
      .where('record_id', '=', String(m.id))
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['advisory.meeting'],
    );
  });

  it('shows the meeting and its calendar file to the request’s people only', async () => {
    const page = await c.aEditor.get(url(`/meetings/${ids.meeting}`));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Kick-off/);
    assert.match(page.body, /Alpha Admin/);
    assert.match(page.body, /10 March 2030/);
    const ar = await c.aAdmin.get(`/ar/console/advisory/${ids.request}/meetings/${ids.meeting}`);
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /بتوقيت الرياض/);
    assert.match((await c.aAdmin.get(url())).body, /Kick-off/);
    assert.equal((await c.bAdmin.get(url(`/meetings/${ids.meeting}`))).statusCode, 403);
    assert.equal((await c.w.get(url(`/meetings/${ids.meeting}`))).statusCode, 403);
    assert.equal((await c.aAdmin.get(url('/meetings/9999'))).statusCode, 404);

    const ics = await c.aAdmin.get(`/console/advisory/${ids.request}/meetings/${ids.meeting}/invite.ics`);
    assert.equal(ics.statusCode, 200);
    assert.match(String(ics.headers['content-type']), /^text\/calendar/);
    assert.match(ics.body, /BEGIN:VEVENT\r\n/);
    assert.match(ics.body, /DTSTART:20300310T070000Z\r\n/);
    assert.match(ics.body, /DTEND:20300310T083000Z\r\n/);
    assert.match(ics.body, /LOCATION:Room 4\\, Program Office\r\n/);
    assert.match(ics.body, /ATTENDEE;CN="Alpha Admin";ROLE=REQ-PARTICIPANT:mailto:admin@a\.sa/);
    assert.equal((await c.bAdmin.get(`/console/advisory/${ids.request}/meetings/${ids.meeting}/invite.ics`)).statusCode, 403);
  });

  it('records the minutes after the meeting, once; its actions become tasks and the attendees hear of it', async () => {
    const minutes = {
      minutes: 'We walked through the target architecture.',
      decisions: 'Adopt the API gateway.',
      action_title_1: 'Draft the gateway review',
      action_owner_1: String(ids.advisorX),
      action_due_1: '2030-03-20',
      action_title_2: 'Share the network diagram',
      action_due_2: '2030-03-15',
    };
    const early = await c.x.post(url(`/meetings/${ids.meeting}/minutes`), minutes);
    assert.equal(early.statusCode, 409);
    await t.deps.db
      .updateTable('advisory_meetings')
      .set({ starts_at: '2026-01-05T07:00:00.000Z', ends_at: '2026-01-05T08:30:00.000Z' })
      .where('id', '=', ids.meeting)
      .execute();
    assert.equal((await c.aAdmin.post(url(`/meetings/${ids.meeting}/minutes`), minutes)).statusCode, 403);
    assert.equal((await c.w.post(url(`/meetings/${ids.meeting}/minutes`), minutes)).statusCode, 403);
    const { action_due_2: _due, ...withoutDue } = minutes;
    const noDue = await c.x.post(url(`/meetings/${ids.meeting}/minutes`), withoutDue);
    assert.equal(noDue.statusCode, 400);
    assert.match(noDue.body, /action_due_2/);
    const noMinutes = await c.x.post(url(`/meetings/${ids.meeting}/minutes`), { ...minutes, minutes: '' });
    assert.equal(noMinutes.statusCode, 400);
    assert.equal((await t.deps.db.selectFrom('advisory_tasks').select('id').execute()).length, 0);

    const done = await c.x.post(url(`/meetings/${ids.meeting}/minutes`), minutes);
    assert.equal(done.statusCode, 303, done.body);
    const tasks = await t.deps.db.selectFrom('advisory_tasks').selectAll().orderBy('id').execute();
    assert.deepEqual(
      tasks.map((k) => [k.title, k.owner_advisor_id, k.due_on, k.meeting_id]),
      [
        ['Draft the gateway review', ids.advisorX, '2030-03-20', ids.meeting],
        ['Share the network diagram', null, '2030-03-15', ids.meeting],
      ],
    );
    assert.equal((await c.office.post(url(`/meetings/${ids.meeting}/minutes`), minutes)).statusCode, 409);
    await t.drain();
    const mails = await meetingMails('minutes');
    assert.deepEqual(
      mails.map((x) => x.to_address),
      ['admin@a.sa', 'x@advisors.sa'],
    );
    assert.match(mails[0]?.text_body ?? '', /We walked through the target architecture\./);
    assert.match(mails[0]?.text_body ?? '', /Decisions: Adopt the API gateway\./);
    const page = await c.aAdmin.get(url(`/meetings/${ids.meeting}`));
    assert.match(page.body, /Adopt the API gateway/);
    assert.match(page.body, /Draft the gateway review/);
  });
});
