import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';

// Who attends a meeting changes after it is scheduled: the team ticks the people who should attend;
// those added are invited and those removed are told, each by email in their own language; the
// calendar file's SEQUENCE rises, lists the new attendees, and withdraws the meeting (METHOD:CANCEL)
// for someone removed; the change is audited and shown on the meeting's page. The agency, other
// agencies and unassigned advisors get 403; bad choices a bilingual 400 and nothing written.

describe('advisory: changing who attends a meeting', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const ids = { a: 0, b: 0, request: 0, meeting: 0, office: 0, aAdmin: 0, bAdmin: 0, x: 0, advisorX: 0 };
  const url = (path = '', lang = 'en') => `/${lang}/console/advisory/${ids.request}${path}`;
  const ics = () => `/console/advisory/${ids.request}/meetings/${ids.meeting}/invite.ics`;
  const change = (people: number[], lang = 'en') => ({
    path: url(`/meetings/${ids.meeting}/attendees`, lang),
    body: { attendees: people.map(String) },
  });
  const mails = async (kind: string) =>
    t.deps.db
      .selectFrom('messages')
      .select(['to_address', 'subject', 'text_body', 'locale'])
      .where('message_key', 'like', `advisory:${kind}:%`)
      .orderBy('id')
      .execute();
  const state = async () => ({
    sequence: (await t.deps.db.selectFrom('advisory_meetings').select('sequence').where('id', '=', ids.meeting).executeTakeFirstOrThrow())
      .sequence,
    attendees: (
      await t.deps.db
        .selectFrom('advisory_meeting_attendees')
        .select('user_id')
        .where('meeting_id', '=', ids.meeting)
        .orderBy('user_id')
        .execute()
    ).map((a) => a.user_id),
  });

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    const people: [string, Parameters<typeof buildUser>[1]][] = [
      ['office', { email: 'office@program.sa', role: 'program_admin', locale: 'ar', name: 'Office Admin' }],
      ['aAdmin', { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a, locale: 'en', name: 'Alpha Admin' }],
      ['bAdmin', { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b, name: 'Beta Admin' }],
      ['x', { email: 'x@advisors.sa', role: 'advisor', locale: 'ar', name: 'Xavier Lead' }],
      ['w', { email: 'w@advisors.sa', role: 'advisor', name: 'Wafa Unassigned' }],
    ];
    for (const [key, opts] of people) {
      const u = await buildUser(t.deps, opts);
      if (key in ids) (ids as Record<string, number>)[key] = u.id;
      c[key] = await signedIn(t.app, opts?.email as string);
    }
    for (const email of ['x@advisors.sa', 'w@advisors.sa']) {
      const userId = (await t.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
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
    ids.request = Number(/\/(\d+)$/.exec(String(made.headers.location ?? ''))?.[1]);
    assert.equal((await c.office.post(url('/accept'), { priority: 'medium' })).statusCode, 303);
    assert.equal((await c.office.post(url('/assign'), { advisor_id: String(ids.advisorX), role: 'lead' })).statusCode, 303);
    const res = await c.x.post(url('/meetings'), {
      title: 'Kick-off',
      starts_at: '2030-03-10T10:00',
      duration: '90',
      place: 'Room 4, Program Office',
      attendees: [String(ids.aAdmin), String(ids.x)],
    });
    assert.equal(res.statusCode, 303, res.body);
    ids.meeting = (await t.deps.db.selectFrom('advisory_meetings').select('id').executeTakeFirstOrThrow()).id;
    await t.drain();
  });
  after(() => t.close());

  it('refuses the wrong people and bad choices, in either language, and writes nothing', async () => {
    const ok = change([ids.x, ids.office]);
    for (const who of ['aAdmin', 'bAdmin', 'w']) assert.equal((await c[who]?.post(ok.path, ok.body))?.statusCode, 403, who);
    const none = await c.x.post(ok.path, { attendees: [] });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Choose at least one attendee/);
    const same = change([ids.x, ids.aAdmin], 'ar');
    const unchanged = await c.x.post(same.path, same.body);
    assert.equal(unchanged.statusCode, 400);
    assert.match(unchanged.body, /أضف شخصًا واحدًا على الأقل أو أزله/);
    const outsider = change([ids.x, ids.bAdmin]);
    const unknown = await c.x.post(outsider.path, outsider.body);
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Attendees must be people of this request/);
    const junk = await c.x.post(ok.path, { attendees: ['abc'] });
    assert.equal(junk.statusCode, 400);
    assert.equal((await c.x.post(url('/meetings/9999/attendees'), ok.body)).statusCode, 404);
    assert.deepEqual(await state(), { sequence: 0, attendees: [ids.aAdmin, ids.x].sort((p, q) => p - q) });
    assert.equal((await mails('attendee_added')).length + (await mails('attendee_removed')).length, 0);
  });

  it('invites those added and tells those removed, in their language, with the calendar file revised', async () => {
    const page = await c.x.get(url(`/meetings/${ids.meeting}`));
    assert.match(page.body, /Change who attends/);
    const { path, body } = change([ids.x, ids.office]);
    assert.equal((await c.x.post(path, body)).statusCode, 303);
    assert.deepEqual(await state(), { sequence: 1, attendees: [ids.office, ids.x].sort((p, q) => p - q) });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'advisory.meeting_attendees')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audit.after_json ?? '{}'), {
      attendees: [ids.x, ids.office],
      added: [ids.office],
      removed: [ids.aAdmin],
      sequence: 1,
    });
    assert.deepEqual(JSON.parse(audit.before_json ?? '{}').attendees, [ids.aAdmin, ids.x]);

    await t.drain();
    const added = await mails('attendee_added');
    assert.deepEqual(
      added.map((m) => [m.to_address, m.locale]),
      [['office@program.sa', 'ar']],
    );
    assert.match(added[0]?.subject ?? '', /اجتماع بشأن «Portal architecture»: Kick-off/);
    assert.match(added[0]?.text_body ?? '', /invite\.ics/);
    const removed = await mails('attendee_removed');
    assert.deepEqual(
      removed.map((m) => [m.to_address, m.locale]),
      [['admin@a.sa', 'en']],
    );
    assert.match(removed[0]?.subject ?? '', /You are no longer expected at “Kick-off” on “Portal architecture”/);
    assert.match(removed[0]?.text_body ?? '', /iCalendar cancellation/);
    assert.equal((await mails('rescheduled')).length, 0, 'those who stay are not emailed again');

    const forTeam = (await c.x.get(ics())).body;
    assert.match(forTeam, /METHOD:PUBLISH/);
    assert.match(forTeam, /SEQUENCE:1/);
    assert.match(forTeam, /office@program\.sa/);
    assert.doesNotMatch(forTeam, /admin@a\.sa/);
    const forRemoved = (await c.aAdmin.get(ics())).body;
    assert.match(forRemoved, /METHOD:CANCEL/);
    assert.match(forRemoved, /STATUS:CANCELLED/);
    assert.match(forRemoved, /SEQUENCE:1/);
    assert.match(forRemoved, /admin@a\.sa/);
    assert.match((await c.aAdmin.get(url(`/meetings/${ids.meeting}`))).body, /Removed: Alpha Admin\./);
  });

  it('invites someone again when they are added back, and their calendar file is an invitation again', async () => {
    const { path, body } = change([ids.x, ids.office, ids.aAdmin]);
    assert.equal((await c.office.post(path, body)).statusCode, 303);
    assert.equal((await state()).sequence, 2);
    await t.drain();
    assert.deepEqual(
      (await mails('attendee_added')).map((m) => m.to_address),
      ['office@program.sa', 'admin@a.sa'],
    );
    const back = (await c.aAdmin.get(ics())).body;
    assert.match(back, /METHOD:PUBLISH/);
    assert.match(back, /SEQUENCE:2/);
    const page = (await c.aAdmin.get(url(`/meetings/${ids.meeting}`))).body;
    assert.match(page, /Added: Alpha Admin\./);
  });

  it('is closed once the meeting is called off', async () => {
    assert.equal((await c.x.post(url(`/meetings/${ids.meeting}/cancel`), { cancel_reason: 'The review is postponed.' })).statusCode, 303);
    const { path, body } = change([ids.x]);
    assert.equal((await c.x.post(path, body)).statusCode, 409);
    assert.equal((await state()).attendees.length, 3);
  });
});
