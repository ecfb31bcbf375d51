import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import type { AttendanceRow, MemberRow } from './committees.repo.ts';
import { attendanceRates } from './committees.service.ts';
import { planPersonalData } from './privacy.ts';

// Committee attendance: for each meeting that has been held the agency's administrator records who of
// the members was present, absent or excused; the meeting page shows it and the committee page counts
// each member's rate (present ÷ meetings recorded for them). Agency-scoped like the rest of the
// committee; audited; bad input is a bilingual field error with nothing written; the privacy archive
// of a member with an account lists their attendance.

const member = (id: number, active = 1): MemberRow => ({
  id,
  committee_id: 1,
  user_id: null,
  name: `M${id}`,
  role_title: 'Member',
  is_chair: 0,
  active,
  created_at: '2026-01-01T00:00:00.000Z',
});
const row = (meeting_id: number, member_id: number, status: AttendanceRow['status']): AttendanceRow => ({
  id: meeting_id * 100 + member_id,
  meeting_id,
  member_id,
  status,
  recorded_by: 'x',
  recorded_at: '2026-01-01T00:00:00.000Z',
});

describe('plan: attendance rates', () => {
  it('counts present over the meetings recorded for each member; excused is not present; unrecorded former members drop out', () => {
    const rates = attendanceRates(
      [member(1), member(2), member(3), member(4, 0), member(5, 0)],
      [row(1, 1, 'present'), row(2, 1, 'present'), row(3, 1, 'excused'), row(1, 2, 'absent'), row(1, 4, 'present')],
    );
    assert.deepEqual(
      rates.map((r) => [r.member.id, r.present, r.absent, r.excused, r.recorded, r.rate]),
      [
        [1, 2, 0, 1, 3, 2 / 3],
        [2, 0, 1, 0, 1, 0],
        [3, 0, 0, 0, 0, null],
        [4, 1, 0, 0, 1, 1],
      ],
    );
  });
});

describe('plan: committee attendance per meeting', () => {
  let t: TestApp;
  let office: Client;
  let aAdmin: Client;
  let aEditor: Client;
  let bAdmin: Client;
  const ids = { a: 0, b: 0, editor: 0, committee: 0, held: 0, held2: 0, future: 0, omar: 0, salem: 0 };
  const db = () => t.deps.db;
  const attendance = () => db().selectFrom('plan_committee_attendance').selectAll().orderBy('meeting_id').orderBy('member_id').execute();
  const meetingUrl = (id: number, lang = 'en') => `/${lang}/console/plans/committee-meetings/${id}`;

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_reviewer' });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a });
    ids.editor = (await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a, name: 'Omar Editor' })).id;
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    [office, aAdmin, aEditor, bAdmin] = await Promise.all(
      ['office@program.sa', 'admin@a.sa', 'editor@a.sa', 'admin@b.sa'].map((e) => signedIn(t.app, e)),
    );
    const page = `/en/console/plans/committees/${ids.a}`;
    assert.equal((await aAdmin.post(page, { name_ar: 'لجنة', name_en: 'Committee' })).statusCode, 303);
    await aAdmin.post(`${page}/members`, { user_id: String(ids.editor), role_title: 'Secretary' });
    await aAdmin.post(`${page}/members`, { name: 'Dr. Salem Advisor', role_title: 'External adviser', chair: 'on' });
    const members = await db().selectFrom('plan_committee_members').selectAll().orderBy('id').execute();
    [ids.omar, ids.salem] = [members[0].id, members[1].id];
    await aAdmin.post(`${page}/meetings`, { held_at: '2026-01-10T10:00', agenda: 'First' });
    await aAdmin.post(`${page}/meetings`, { held_at: '2026-02-10T10:00', agenda: 'Second' });
    await aAdmin.post(`${page}/meetings`, { held_at: '2099-01-10T10:00', agenda: 'Future' });
    const meetings = await db().selectFrom('plan_committee_meetings').selectAll().orderBy('held_at').execute();
    [ids.held, ids.held2, ids.future] = meetings.map((m) => m.id);
  });
  after(() => t.close());

  it('only the agency administrator records it, only for a held meeting, with bilingual field errors and nothing written', async () => {
    const form = { [`member_${ids.omar}`]: 'present', [`member_${ids.salem}`]: 'excused' };
    assert.equal((await aEditor.post(`${meetingUrl(ids.held)}/attendance`, form)).statusCode, 403);
    assert.equal((await bAdmin.post(`${meetingUrl(ids.held)}/attendance`, form)).statusCode, 404, 'another agency');
    assert.equal((await bAdmin.get(meetingUrl(ids.held))).statusCode, 404);
    const future = await aAdmin.post(`${meetingUrl(ids.future, 'ar')}/attendance`, form);
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /يُسجَّل الحضور بعد انعقاد الاجتماع/);
    const bad = await aAdmin.post(`${meetingUrl(ids.held)}/attendance`, { [`member_${ids.omar}`]: 'asleep' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, new RegExp(`f-member_${ids.omar}`));
    assert.match(bad.body, /Choose present, absent or excused/);
    const stranger = await aAdmin.post(`${meetingUrl(ids.held)}/attendance`, { member_999999: 'present' });
    assert.equal(stranger.statusCode, 400);
    const none = await aAdmin.post(`${meetingUrl(ids.held, 'ar')}/attendance`, {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /اختر حضور عضو واحد على الأقل/);
    assert.deepEqual(await attendance(), []);
    assert.equal((await office.post(`${meetingUrl(ids.held)}/attendance`, form)).statusCode, 403, 'the office reads, never keeps');
  });

  it('records and corrects attendance, audited; the meeting page shows it in both languages', async () => {
    const form = { [`member_${ids.omar}`]: 'present', [`member_${ids.salem}`]: 'absent' };
    assert.equal((await aAdmin.post(`${meetingUrl(ids.held)}/attendance`, form)).statusCode, 303);
    assert.equal(
      (await aAdmin.post(`${meetingUrl(ids.held)}/attendance`, { [`member_${ids.salem}`]: 'excused' })).statusCode,
      303,
      'a correction; the member left out keeps what was recorded',
    );
    assert.equal((await aAdmin.post(`${meetingUrl(ids.held2)}/attendance`, { [`member_${ids.omar}`]: 'absent' })).statusCode, 303);
    assert.deepEqual(
      (await attendance()).map((a) => [a.meeting_id, a.member_id, a.status]),
      [
        [ids.held, ids.omar, 'present'],
        [ids.held, ids.salem, 'excused'],
        [ids.held2, ids.omar, 'absent'],
      ],
    );
    const audited = await db()
      .selectFrom('audit_log')
      .select(['agency_id', 'before_json', 'after_json'])
      .where('action', '=', 'plan.committee.attendance')
      .orderBy('seq')
      .execute();
    assert.equal(audited.length, 3);
    assert.equal(audited[1].agency_id, ids.a);
    assert.match(audited[1].before_json ?? '', /"status":"absent"/);
    assert.match(audited[1].after_json ?? '', /"status":"excused"/);

    const en = await aEditor.get(meetingUrl(ids.held));
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /1 member attended of 2/);
    assert.match(en.body, /Omar Editor<\/th><td>Secretary<\/td><td>Present<\/td>/);
    assert.match(en.body, /Dr. Salem Advisor<\/th><td>External adviser<\/td><td>Excused<\/td>/);
    assert.doesNotMatch(en.body, /attendance" class="panel"|\/attendance"/, 'an editor reads, no form');
    const ar = await office.get(meetingUrl(ids.held, 'ar'));
    assert.match(ar.body, /حضر عضو واحد من ٢/);
    assert.match(ar.body, /معتذر/);
    const form2 = await aAdmin.get(meetingUrl(ids.held));
    assert.match(form2.body, new RegExp(`name="member_${ids.salem}" value="excused" checked`), 'the form starts from what is recorded');
  });

  it('the committee page counts each member’s attendance rate, in both languages', async () => {
    const en = await aEditor.get(`/en/console/plans/committees/${ids.a}`);
    assert.match(en.body, /Members&#39; attendance rate|Members' attendance rate/);
    assert.match(
      en.body,
      /Omar Editor<\/th><td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">2<\/td><td class="num">50%<\/td>/,
    );
    assert.match(
      en.body,
      /Dr. Salem Advisor<\/th><td class="num">0<\/td><td class="num">0<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">0%<\/td>/,
    );
    const ar = await aEditor.get(`/ar/console/plans/committees/${ids.a}`);
    assert.match(ar.body, /نسبة حضور الأعضاء/);
    assert.match(ar.body, /٥٠(٫٠)?[٪%]/);
    assert.equal((await bAdmin.get(`/en/console/plans/committees/${ids.a}`)).statusCode, 404);
  });

  it('a member with an account finds their attendance in their privacy archive', async () => {
    const [part] = (await planPersonalData.export(t.deps, { email: 'editor@a.sa' } as never)).filter(
      (p) => p.kind === 'plan.committee_member',
    );
    const rows = part.records.filter((r) => (r as { record?: string }).record === 'plan_committee_attendance');
    assert.deepEqual(
      rows.map((r) => [(r as { meeting_id: number }).meeting_id, (r as { status: string }).status]),
      [
        [ids.held, 'present'],
        [ids.held2, 'absent'],
      ],
    );
  });
});
