import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';

// Meetings after they are scheduled: the team moves one (with the reason; the earlier schedule is
// kept) or calls it off, and the attendees are emailed in their language with a calendar file whose
// SEQUENCE rose (a cancellation is METHOD:CANCEL); recorded minutes are corrected with a reason and
// every earlier wording stays on the page. The agency, other agencies and unassigned advisors get 403.

describe('advisory: moving and cancelling meetings, correcting minutes', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const ids = { a: 0, b: 0, request: 0, meeting: 0, second: 0, aAdmin: 0, bAdmin: 0, x: 0, advisorX: 0 };
  const loc = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');
  const url = (path = '') => `/en/console/advisory/${ids.request}${path}`;
  const ics = (meeting: number) => `/console/advisory/${ids.request}/meetings/${meeting}/invite.ics`;
  const mails = async (kind: string) =>
    (
      await t.deps.db
        .selectFrom('messages')
        .select(['to_address', 'subject', 'text_body', 'locale'])
        .where('message_key', 'like', `advisory:${kind}:%`)
        .orderBy('id')
        .execute()
    ).sort((x, y) => (x.to_address < y.to_address ? -1 : 1));
  const meeting = (id: number) => t.deps.db.selectFrom('advisory_meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const audits = async (id: number) =>
    (
      await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('record_type', '=', 'advisory_meeting')
        .where('record_id', '=', String(id))
        .orderBy('seq')
        .execute()
    ).map((a) => a.action);
  const schedule = async (title: string) => {
    const res = await c.x.post(url('/meetings'), {
      title,
      starts_at: '2030-03-10T10:00',
      duration: '90',
      place: 'Room 4, Program Office',
      agenda: 'Scope and timeline',
      attendees: [String(ids.aAdmin), String(ids.x)],
    });
    assert.equal(res.statusCode, 303, res.body);
    return (await t.deps.db.selectFrom('advisory_meetings').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;
  };
  const move = (over: Record<string, string> = {}) => ({
    title: 'Kick-off',
    starts_at: '2030-03-12T13:30',
    duration: '60',
    place: 'Room 7, Program Office',
    online_url: '',
    agenda: 'Scope and timeline',
    reason: 'The agency’s architect is away on the 10th.',
    ...over,
  });

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    const people: [string, Parameters<typeof buildUser>[1]][] = [
      ['office', { email: 'office@program.sa', role: 'program_admin', name: 'Office Admin' }],
      ['aAdmin', { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a, name: 'Alpha Admin' }],
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
    assert.equal((await c.office.post(url('/accept'), { priority: 'medium' })).statusCode, 303);
    assert.equal((await c.office.post(url('/assign'), { advisor_id: String(ids.advisorX), role: 'lead' })).statusCode, 303);
    ids.meeting = await schedule('Kick-off');
    await t.drain();
  });
  after(() => t.close());

  it('refuses to move a meeting for the wrong people or without a reason, a change or a future time, and writes nothing', async () => {
    const path = url(`/meetings/${ids.meeting}/reschedule`);
    assert.equal((await c.aAdmin.post(path, move())).statusCode, 403);
    assert.equal((await c.bAdmin.post(path, move())).statusCode, 403);
    assert.equal((await c.w.post(path, move())).statusCode, 403);
    const noReason = await c.x.post(path, move({ reason: '' }));
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /id="reason-error"|reason/);
    const same = await c.x.post(path, move({ starts_at: '2030-03-10T10:00', duration: '90', place: 'Room 4, Program Office' }));
    assert.equal(same.statusCode, 400);
    assert.match(same.body, /Change the time, length, place or agenda/);
    const past = await c.x.post(path, move({ starts_at: '2020-01-05T10:00' }));
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /Choose a time in the future/);
    const ar = await c.x.post(`/ar/console/advisory/${ids.request}/meetings/${ids.meeting}/reschedule`, move({ place: '' }));
    assert.equal(ar.statusCode, 400);
    assert.match(ar.body, /أدخل مكانًا أو رابطًا/);
    assert.equal((await c.x.post(url('/meetings/9999/reschedule'), move())).statusCode, 404);
    const m = await meeting(ids.meeting);
    assert.equal(m.sequence, 0);
    assert.equal(m.starts_at, '2030-03-10T07:00:00.000Z');
    assert.equal((await t.deps.db.selectFrom('advisory_meeting_versions').select('id').execute()).length, 0);
    assert.deepEqual(await audits(ids.meeting), ['advisory.meeting']);
  });

  it('moves a meeting: keeps the earlier schedule, raises the revision, and emails each attendee in their language', async () => {
    const res = await c.x.post(url(`/meetings/${ids.meeting}/reschedule`), move());
    assert.equal(res.statusCode, 303, res.body);
    const m = await meeting(ids.meeting);
    assert.equal(m.starts_at, '2030-03-12T10:30:00.000Z'); // 13:30 in Riyadh
    assert.equal(m.ends_at, '2030-03-12T11:30:00.000Z');
    assert.equal(m.place, 'Room 7, Program Office');
    assert.equal(m.sequence, 1);
    const versions = await t.deps.db.selectFrom('advisory_meeting_versions').selectAll().execute();
    assert.deepEqual(
      versions.map((v) => [v.sequence, v.starts_at, v.place, v.reason]),
      [[0, '2030-03-10T07:00:00.000Z', 'Room 4, Program Office', 'The agency’s architect is away on the 10th.']],
    );
    assert.deepEqual(await audits(ids.meeting), ['advisory.meeting', 'advisory.meeting_reschedule']);
    await t.drain();
    const sent = await mails('rescheduled');
    assert.deepEqual(
      sent.map((x) => [x.to_address, x.locale]),
      [
        ['admin@a.sa', 'en'],
        ['x@advisors.sa', 'ar'],
      ],
    );
    assert.match(sent[0]?.subject ?? '', /^Meeting moved: Kick-off on “Portal architecture”, now 12 March 2030 at 13:30/);
    assert.match(sent[0]?.text_body ?? '', /has moved from 10 March 2030 at 10:00/);
    assert.match(sent[0]?.text_body ?? '', /Reason: The agency’s architect is away on the 10th\./);
    assert.match(sent[0]?.text_body ?? '', /Place: Room 7, Program Office/);
    assert.match(sent[0]?.text_body ?? '', new RegExp(`/meetings/${ids.meeting}/invite\\.ics`));
    assert.match(sent[1]?.subject ?? '', /^تغيّر موعد «Kick-off» بشأن «Portal architecture»/);
    assert.match(sent[1]?.text_body ?? '', /السبب: The agency’s architect/);

    const file = await c.aAdmin.get(ics(ids.meeting));
    assert.equal(file.statusCode, 200);
    assert.match(file.body, /METHOD:PUBLISH\r\n/);
    assert.match(file.body, /SEQUENCE:1\r\n/);
    assert.match(file.body, /DTSTART:20300312T103000Z\r\n/);
    assert.match(file.body, new RegExp(`UID:advisory-meeting-${ids.meeting}@`));
    const page = await c.aAdmin.get(url(`/meetings/${ids.meeting}`));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Earlier schedules/);
    assert.match(page.body, /10 March 2030/);
    assert.match(page.body, /architect is away/);
    assert.doesNotMatch(page.body, /Move the meeting/, 'the agency sees the history, not the team’s forms');
    assert.match((await c.x.get(`/ar/console/advisory/${ids.request}/meetings/${ids.meeting}`)).body, /نقل الاجتماع/);
  });

  it('cancels a meeting with a reason: a cancellation calendar file, emails, and no further changes', async () => {
    const path = url(`/meetings/${ids.meeting}/cancel`);
    assert.equal((await c.aAdmin.post(path, { cancel_reason: 'Not needed' })).statusCode, 403);
    assert.equal((await c.bAdmin.post(path, { cancel_reason: 'Not needed' })).statusCode, 403);
    assert.equal((await c.w.post(path, { cancel_reason: 'Not needed' })).statusCode, 403);
    const empty = await c.office.post(`/ar/console/advisory/${ids.request}/meetings/${ids.meeting}/cancel`, { cancel_reason: ' ' });
    assert.equal(empty.statusCode, 400);
    assert.equal((await meeting(ids.meeting)).cancelled_at, null);

    const res = await c.office.post(path, { cancel_reason: 'The agency answered the questions in writing.' });
    assert.equal(res.statusCode, 303, res.body);
    const m = await meeting(ids.meeting);
    assert.ok(m.cancelled_at);
    assert.equal(m.sequence, 2);
    assert.match(m.cancelled_by ?? '', /office@program\.sa/);
    assert.deepEqual(await audits(ids.meeting), ['advisory.meeting', 'advisory.meeting_reschedule', 'advisory.meeting_cancel']);
    await t.drain();
    const sent = await mails('cancelled');
    assert.deepEqual(
      sent.map((x) => x.to_address),
      ['admin@a.sa', 'x@advisors.sa'],
    );
    assert.match(sent[0]?.subject ?? '', /^Meeting cancelled: Kick-off on “Portal architecture”/);
    assert.match(sent[0]?.text_body ?? '', /planned for 12 March 2030 at 13:30/);
    assert.match(sent[0]?.text_body ?? '', /Reason: The agency answered the questions in writing\./);
    assert.match(sent[1]?.subject ?? '', /^أُلغي اجتماع «Kick-off»/);

    const file = await c.aAdmin.get(ics(ids.meeting));
    assert.match(file.body, /METHOD:CANCEL\r\n/);
    assert.match(file.body, /SEQUENCE:2\r\n/);
    assert.match(file.body, /STATUS:CANCELLED\r\n/);
    assert.equal((await c.bAdmin.get(ics(ids.meeting))).statusCode, 403);

    assert.equal((await c.x.post(url(`/meetings/${ids.meeting}/reschedule`), move({ starts_at: '2030-04-01T10:00' }))).statusCode, 409);
    assert.equal((await c.office.post(path, { cancel_reason: 'Again' })).statusCode, 409);
    await t.deps.db
      .updateTable('advisory_meetings')
      .set({ starts_at: '2026-01-05T07:00:00.000Z', ends_at: '2026-01-05T08:00:00.000Z' })
      .where('id', '=', ids.meeting)
      .execute();
    assert.equal((await c.x.post(url(`/meetings/${ids.meeting}/minutes`), { minutes: 'Held anyway' })).statusCode, 409);
    const page = await c.aAdmin.get(url(`/meetings/${ids.meeting}`));
    assert.match(page.body, /Cancelled/);
    assert.match(page.body, /answered the questions in writing/);
    assert.match((await c.aAdmin.get(url())).body, /Cancelled/);
  });

  it('corrects recorded minutes with a reason, keeps each earlier wording, and tells the attendees', async () => {
    ids.second = await schedule('Design review');
    const edit = url(`/meetings/${ids.second}/minutes/edit`);
    const fix = {
      minutes: 'We reviewed the gateway design; the cache layer is out of scope.',
      decisions: 'Adopt the gateway.',
      reason: 'The cache layer was misquoted.',
    };
    // No minutes yet: nothing to correct.
    assert.equal((await c.x.get(edit)).statusCode, 409);
    assert.equal((await c.x.post(edit, fix)).statusCode, 409);
    await t.deps.db
      .updateTable('advisory_meetings')
      .set({ starts_at: '2026-01-06T07:00:00.000Z', ends_at: '2026-01-06T08:30:00.000Z' })
      .where('id', '=', ids.second)
      .execute();
    const recorded = await c.x.post(url(`/meetings/${ids.second}/minutes`), {
      minutes: 'We reviewed the gateway design and the cache layer.',
      decisions: 'Adopt the gateway.',
    });
    assert.equal(recorded.statusCode, 303, recorded.body);
    // Recorded minutes end the chance to move or cancel the meeting.
    assert.equal((await c.x.post(url(`/meetings/${ids.second}/cancel`), { cancel_reason: 'Late' })).statusCode, 409);

    assert.equal((await c.aAdmin.get(edit)).statusCode, 403);
    assert.equal((await c.aAdmin.post(edit, fix)).statusCode, 403);
    assert.equal((await c.bAdmin.post(edit, fix)).statusCode, 403);
    assert.equal((await c.w.post(edit, fix)).statusCode, 403);
    const noReason = await c.x.post(edit, { ...fix, reason: '' });
    assert.equal(noReason.statusCode, 400);
    const same = await c.x.post(edit, {
      minutes: 'We reviewed the gateway design and the cache layer.',
      decisions: 'Adopt the gateway.',
      reason: 'No change',
    });
    assert.equal(same.statusCode, 400);
    assert.match(same.body, /Neither the minutes nor the decisions changed/);
    const form = await c.x.get(`/ar/console/advisory/${ids.request}/meetings/${ids.second}/minutes/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /تصحيح المحضر/);
    assert.match(form.body, /the cache layer\./);
    assert.equal((await t.deps.db.selectFrom('advisory_minutes_edits').select('id').execute()).length, 0);

    assert.equal((await c.x.post(edit, fix)).statusCode, 303);
    assert.equal(
      (await c.office.post(edit, { ...fix, decisions: 'Adopt the gateway by June.', reason: 'Date agreed after the meeting.' })).statusCode,
      303,
    );
    const m = await meeting(ids.second);
    assert.equal(m.minutes, fix.minutes);
    assert.equal(m.decisions, 'Adopt the gateway by June.');
    assert.ok(m.minutes_edited_at);
    const history = await t.deps.db.selectFrom('advisory_minutes_edits').selectAll().orderBy('id').execute();
    assert.deepEqual(
      history.map((e) => [e.minutes, e.decisions, e.reason]),
      [
        ['We reviewed the gateway design and the cache layer.', 'Adopt the gateway.', 'The cache layer was misquoted.'],
        [fix.minutes, 'Adopt the gateway.', 'Date agreed after the meeting.'],
      ],
    );
    assert.deepEqual(await audits(ids.second), ['advisory.meeting', 'advisory.minutes', 'advisory.minutes_edit', 'advisory.minutes_edit']);
    await t.drain();
    const sent = await mails('minutes_edited');
    assert.equal(sent.length, 4, 'each correction reaches both attendees once');
    const en = sent.filter((x) => x.locale === 'en');
    assert.match(en[0]?.subject ?? '', /^Minutes corrected: Design review/);
    // Each email carries the wording its own correction made, even when read after a later one.
    assert.ok(
      en.some((x) =>
        /Reason: The cache layer was misquoted\.[\s\S]*cache layer is out of scope[\s\S]*Decisions: Adopt the gateway\.\n/.test(
          x.text_body ?? '',
        ),
      ),
    );
    assert.ok(
      en.some((x) => /Reason: Date agreed after the meeting\.[\s\S]*Decisions: Adopt the gateway by June\./.test(x.text_body ?? '')),
    );
    const page = await c.aAdmin.get(url(`/meetings/${ids.second}`));
    assert.match(page.body, /Earlier wordings of the minutes/);
    assert.match(page.body, /We reviewed the gateway design and the cache layer\./);
    assert.match(page.body, /Date agreed after the meeting/);
    assert.doesNotMatch(page.body, /minutes\/edit/, 'the agency reads the corrections but does not make them');
    assert.match((await c.x.get(url(`/meetings/${ids.second}`))).body, /minutes\/edit/);
  });
});
