import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client as Anonymous, type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { trainedStaffShare } from './public.ts';
import { addSession, createOffering, createProgramme, setOfferingStatus, setProgrammePublished } from './training.service.ts';

// End to end through the pages, in both languages: the office defines a programme, its question bank
// and an offering; an agency editor asks to enrol and their administrator approves; the office marks
// attendance; the editor fails then passes the assessment and completes from the criteria; learning
// records, the national progress and the metric show it. Refusals and bad input change nothing.

describe('training: pages end to end', () => {
  let t: TestApp;
  let office: Client;
  let editorA: Client;
  let adminA: Client;
  let adminB: Client;
  let judge: Client;
  let leader: Client;
  const ids = { a: 0, b: 0, programme: 0, offering: 0, session: 0, enrolment: 0, editor: 0 };
  const loc = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');
  const idFrom = (res: { headers: Record<string, unknown> }) => Number(/\/(\d+)(#.*)?$/.exec(loc(res))?.[1]);
  const enrolments = () => t.deps.db.selectFrom('training_enrolments').selectAll().orderBy('id').execute();

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    ids.editor = (await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a, name: 'Huda Editor' })).id;
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    await buildUser(t.deps, { email: 'judge@program.sa', role: 'judge' });
    await buildUser(t.deps, { email: 'leader@program.sa', role: 'leadership_viewer' });
    [office, editorA, adminA, adminB, judge, leader] = await Promise.all(
      ['office@program.sa', 'editor@a.sa', 'admin@a.sa', 'admin@b.sa', 'judge@program.sa', 'leader@program.sa'].map((e) =>
        signedIn(t.app, e),
      ),
    );
  });
  after(() => t.close());

  it('lets the office define a programme, its questions and an offering, refusing bad input field by field in both languages', async () => {
    const bad = await office.post('/ar/console/training/programmes/new', {
      code: 'x y',
      title_ar: '',
      title_en: 'Data',
      description_ar: 'و',
      description_en: 'd',
      audience: 'everyone',
      track: 'data',
      hours: '0',
      delivery_mode: 'online',
      min_attendance_pct: '120',
    });
    assert.equal(bad.statusCode, 400);
    for (const f of ['f-code', 'f-title_ar', 'f-audience', 'f-hours', 'f-min_attendance_pct'])
      assert.match(bad.body, new RegExp(`href="#${f}"`));
    assert.match(bad.body, /استخدم حروفًا لاتينية/);
    assert.equal((await t.deps.db.selectFrom('training_programmes').selectAll().execute()).length, 0);
    assert.equal((await adminA.post('/en/console/training/programmes/new', { code: 'mine' })).statusCode, 403);

    const made = await office.post('/en/console/training/programmes/new', {
      code: 'DATA-101',
      title_ar: 'أساسيات البيانات',
      title_en: 'Data basics',
      description_ar: 'مقدمة في البيانات',
      description_en: 'An introduction to data',
      audience: 'employees',
      track: 'data',
      hours: '٦',
      delivery_mode: 'online',
      min_attendance_pct: '50',
      pass_mark_pct: '100',
      max_attempts: '2',
      questions_per_attempt: '2',
    });
    assert.equal(made.statusCode, 303, made.body);
    ids.programme = idFrom(made);
    const programme = await t.deps.db.selectFrom('training_programmes').selectAll().executeTakeFirstOrThrow();
    assert.equal(programme.hours, 6);

    // Publishing a programme with an assessment needs questions first.
    assert.equal((await office.post(`/en/console/training/programmes/${ids.programme}/publish`, { published: 'yes' })).statusCode, 409);
    const badQuestion = await office.post(`/en/console/training/programmes/${ids.programme}/questions`, {
      text_ar: 'س',
      text_en: 'Q',
      option_1_ar: 'أ',
      option_1_en: 'A',
      option_2_ar: 'ب',
      option_2_en: 'B',
      correct: '3',
    });
    assert.equal(badQuestion.statusCode, 400);
    assert.match(badQuestion.body, /Choose one of the choices you filled in/);
    for (const [n, right] of [
      ['1', '1'],
      ['2', '2'],
    ])
      assert.equal(
        (
          await office.post(`/en/console/training/programmes/${ids.programme}/questions`, {
            text_ar: `سؤال ${n}`,
            text_en: `Question ${n}`,
            option_1_ar: 'نعم',
            option_1_en: 'Yes',
            option_2_ar: 'لا',
            option_2_en: 'No',
            correct: right,
          })
        ).statusCode,
        303,
      );
    assert.equal((await office.post(`/en/console/training/programmes/${ids.programme}/publish`, { published: 'yes' })).statusCode, 303);

    const badOffering = await office.post(`/ar/console/training/programmes/${ids.programme}/offerings`, {
      starts_on: '2025-01-10',
      ends_on: '2025-01-01',
      capacity: '0',
    });
    assert.equal(badOffering.statusCode, 400);
    assert.match(badOffering.body, /href="#f-ends_on"/);
    assert.match(badOffering.body, /href="#f-capacity"/);
    const noLink = await office.post(`/en/console/training/programmes/${ids.programme}/offerings`, {
      starts_on: '2025-01-01',
      ends_on: '2025-01-10',
      capacity: '10',
    });
    assert.equal(noLink.statusCode, 400);
    assert.match(noLink.body, /Give the online link/);
    const offering = await office.post(`/en/console/training/programmes/${ids.programme}/offerings`, {
      starts_on: '2025-01-01',
      ends_on: '2025-01-10',
      online_url: 'https://meet.example.gov.sa/data',
      capacity: '10',
    });
    assert.equal(offering.statusCode, 303, offering.body);
    ids.offering = idFrom(offering);
    assert.equal((await t.deps.db.selectFrom('training_offerings').selectAll().execute()).length, 1);

    // No session yet: it cannot open. A session outside the offering's days is refused.
    assert.equal((await office.post(`/en/console/training/offerings/${ids.offering}/status`, { status: 'open' })).statusCode, 409);
    const outside = await office.post(`/en/console/training/offerings/${ids.offering}/sessions`, {
      starts_at: '2025-02-01T09:00',
      ends_at: '2025-02-01T12:00',
    });
    assert.equal(outside.statusCode, 400);
    assert.match(outside.body, /within the offering/);
    const session = await office.post(`/en/console/training/offerings/${ids.offering}/sessions`, {
      starts_at: '2025-01-05T09:00',
      ends_at: '2025-01-05T12:00',
    });
    assert.equal(session.statusCode, 303, session.body);
    const stored = await t.deps.db.selectFrom('training_sessions').selectAll().executeTakeFirstOrThrow();
    ids.session = stored.id;
    assert.equal(stored.starts_at, '2025-01-05T06:00:00.000Z', 'Riyadh local time stored as UTC');
    assert.equal((await office.post(`/en/console/training/offerings/${ids.offering}/status`, { status: 'open' })).statusCode, 303);
  });

  it('takes a request from agency staff and its administrator’s approval, refusing others', async () => {
    const anonymous = await new Anonymous(t.app).post(`/en/console/training/offerings/${ids.offering}/enrol`, {});
    assert.ok([302, 303, 401, 403].includes(anonymous.statusCode), String(anonymous.statusCode));
    assert.notEqual(loc(anonymous), `/en/console/training/offerings/${ids.offering}`);
    assert.equal((await judge.post(`/en/console/training/offerings/${ids.offering}/enrol`, {})).statusCode, 403);
    assert.equal((await enrolments()).length, 0);

    const asked = await editorA.post(`/ar/console/training/offerings/${ids.offering}/enrol`, {});
    assert.equal(asked.statusCode, 303);
    const [request] = await enrolments();
    ids.enrolment = request.id;
    assert.equal(request.status, 'requested');
    assert.equal((await editorA.post(`/en/console/training/offerings/${ids.offering}/enrol`, {})).statusCode, 409);
    const told = await t.deps.db.selectFrom('messages').select(['to_address', 'subject']).where('source', '=', 'training').execute();
    assert.deepEqual(
      told.map((m) => m.to_address).sort(),
      ['admin@a.sa', 'editor@a.sa'],
      'the person and their own agency’s administrator are told, nobody else',
    );
    assert.ok(told.some((m) => m.to_address === 'admin@a.sa' && /To approve: Huda Editor asks to join Data basics/.test(m.subject ?? '')));

    const before = await enrolments();
    assert.equal((await adminB.post(`/en/console/training/enrolments/${request.id}/approve`, {})).statusCode, 403);
    assert.equal((await editorA.post(`/en/console/training/enrolments/${request.id}/approve`, {})).statusCode, 403);
    assert.deepEqual(await enrolments(), before);
    const refused = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'access.denied').execute();
    assert.ok(refused.length >= 1, 'refusals are audited');

    const page = await adminA.get(`/en/console/training/offerings/${ids.offering}`);
    assert.match(page.body, /Huda Editor/);
    assert.match(page.body, /Waiting for approval/);
    assert.doesNotMatch(
      (await adminB.get(`/en/console/training/offerings/${ids.offering}`)).body,
      /Huda Editor/,
      'another agency sees none of it',
    );
    assert.equal((await adminA.post(`/en/console/training/enrolments/${request.id}/approve`, {})).statusCode, 303);
    assert.equal((await enrolments())[0].status, 'enrolled');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'training_enrolment')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['training.enrolment.request', 'training.enrolment.approve'],
    );
  });

  it('marks attendance, grades the assessment and completes from the criteria', async () => {
    assert.equal((await editorA.get(`/en/console/training/sessions/${ids.session}/attendance`)).statusCode, 403, 'not a trainer');
    assert.equal((await office.get(`/ar/console/training/sessions/${ids.session}/attendance`)).statusCode, 200);
    assert.equal((await office.post(`/en/console/training/sessions/${ids.session}/attendance`, { present: '999' })).statusCode, 400);
    assert.equal(
      (await office.post(`/en/console/training/sessions/${ids.session}/attendance`, { present: String(ids.enrolment) })).statusCode,
      303,
    );
    assert.equal((await enrolments())[0].completed_at, null, 'attended, but the assessment is still to pass');

    const url = `/en/console/training/enrolments/${ids.enrolment}/assessment`;
    assert.equal((await adminB.get(url)).statusCode, 403, 'another agency sees none of it');
    assert.equal((await adminA.post(`${url}/start`, {})).statusCode, 403, 'only the person takes their assessment');
    // A double click starts one attempt, not two.
    const starts = await Promise.all([editorA.post(`${url}/start`, {}), editorA.post(`${url}/start`, {})]);
    assert.deepEqual(
      starts.map((r) => r.statusCode),
      [303, 303],
    );
    assert.equal((await t.deps.db.selectFrom('training_attempts').select('id').execute()).length, 1);
    assert.doesNotMatch((await adminA.get(url)).body, /name="q_/, 'their administrator sees the attempts, not the questions');
    const questions = await t.deps.db.selectFrom('training_questions').selectAll().orderBy('id').execute();
    const page = await editorA.get(url);
    for (const q of questions) assert.match(page.body, new RegExp(`name="q_${q.id}"`));
    assert.doesNotMatch(page.body, /right answer/);
    const incomplete = await editorA.post(url, { [`q_${questions[0].id}`]: '0' });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /Choose an answer/);
    const wrong = Object.fromEntries(questions.map((q) => [`q_${q.id}`, String(1 - q.correct_index)]));
    assert.equal((await editorA.post(url, wrong)).statusCode, 303);
    assert.equal((await enrolments())[0].completed_at, null);
    assert.equal((await editorA.post(`${url}/start`, {})).statusCode, 303);
    const right = Object.fromEntries(questions.map((q) => [`q_${q.id}`, String(q.correct_index)]));
    assert.equal((await adminA.post(url, right)).statusCode, 403);
    assert.equal((await editorA.post(url, right)).statusCode, 303);
    const done = (await enrolments())[0];
    assert.ok(done.completed_at);
    assert.equal(done.completion_basis, 'criteria');
    // The completion is certified; withdrawn when attendance is corrected, certified afresh when it holds again.
    const certificates = () => t.deps.db.selectFrom('credentials').selectAll().where('source', '=', 'training').orderBy('id').execute();
    const [first] = await certificates();
    assert.equal(first.source_ref, `enrolment:${ids.enrolment}@${done.completed_at}`);
    assert.equal((await editorA.get(`/en/verify/${first.serial}`)).statusCode, 200);
    assert.match((await editorA.get('/en/console/training/record')).body, new RegExp(`/en/verify/${first.serial}`));
    assert.equal((await office.post(`/en/console/training/sessions/${ids.session}/attendance`, {})).statusCode, 303);
    assert.equal((await enrolments())[0].completed_at, null);
    assert.ok((await certificates())[0].revoked_at, 'the certificate of a withdrawn completion is revoked');
    assert.doesNotMatch((await editorA.get('/en/console/training/record')).body, /\/verify\//);
    assert.equal(
      (await office.post(`/en/console/training/sessions/${ids.session}/attendance`, { present: String(ids.enrolment) })).statusCode,
      303,
    );
    const again = await certificates();
    assert.equal(again.length, 2);
    assert.equal(again[1].revoked_at, null);
    assert.ok((await enrolments())[0].completed_at);
    // Both attempts used: no third.
    assert.equal((await editorA.post(`${url}/start`, {})).statusCode, 409);

    const record = await editorA.get('/ar/console/training/record');
    assert.equal(record.statusCode, 200);
    assert.match(record.body, /أساسيات البيانات/);
    assert.match(record.body, /أتمّ البرنامج/);
    assert.match((await adminA.get(`/en/console/training/agencies/${ids.a}`)).body, /Huda Editor/);
    assert.equal((await adminB.get(`/en/console/training/agencies/${ids.a}`)).statusCode, 403);

    const year = Number(done.completed_at?.slice(0, 4));
    assert.deepEqual(await trainedStaffShare(t.deps, ids.a, year), { trained: 1, staff: 2, share: 0.5 });
    assert.deepEqual(await trainedStaffShare(t.deps, ids.b, year), { trained: 0, staff: 1, share: 0 });
    assert.deepEqual(await trainedStaffShare(t.deps, ids.a, year - 1), { trained: 0, staff: 2, share: 0 });
  });

  it('records a completion by hand only with a reason, and shows the national progress to the office and leadership', async () => {
    const o = await createOffering(t.deps, systemCtx(), ids.programme, {
      starts_on: '2025-02-01',
      ends_on: '2025-02-02',
      online_url: 'https://meet.example.gov.sa/b',
      capacity: '5',
    });
    await addSession(t.deps, systemCtx(), o.id, { starts_at: '2025-02-01T06:00:00Z', ends_at: '2025-02-01T08:00:00Z' });
    await setOfferingStatus(t.deps, systemCtx(), o.id, { status: 'open' });
    assert.equal((await adminB.post(`/en/console/training/offerings/${o.id}/enrol`, {})).statusCode, 303);
    const e = (await enrolments()).find((x) => x.offering_id === o.id);
    assert.equal(e?.status, 'enrolled', 'an administrator’s own request needs no approval');
    const id = e?.id as number;
    const noReason = await office.post(`/en/console/training/enrolments/${id}/complete`, {});
    assert.equal(noReason.statusCode, 400);
    assert.equal((await adminA.post(`/en/console/training/enrolments/${id}/complete`, { reason: 'x' })).statusCode, 403);
    assert.equal((await enrolments()).find((x) => x.id === id)?.completed_at, null);
    assert.equal(
      (await office.post(`/en/console/training/enrolments/${id}/complete`, { reason: 'Equivalent course at the Institute' })).statusCode,
      303,
    );
    const manual = (await enrolments()).find((x) => x.id === id);
    assert.equal(manual?.completion_basis, 'manual');
    assert.equal(manual?.completion_reason, 'Equivalent course at the Institute');

    const year = Number(manual?.completed_at?.slice(0, 4));
    assert.equal(
      (await office.post('/en/console/training/progress/targets', { agency_id: String(ids.a), year: String(year), target_pct: '150' }))
        .statusCode,
      400,
    );
    assert.equal(
      (await office.post('/en/console/training/progress/targets', { agency_id: String(ids.a), year: String(year), target_pct: '40' }))
        .statusCode,
      303,
    );
    assert.equal((await adminA.get('/en/console/training/progress')).statusCode, 403);
    const progress = await leader.get(`/ar/console/training/progress?year=${year}`);
    assert.equal(progress.statusCode, 200);
    assert.match(progress.body, /هيئة ألفا/);
    assert.match(progress.body, /<caption>/);
    const en = await leader.get(`/en/console/training/progress?year=${year}`);
    assert.match(en.body, /Nationally: 2 of 3 staff/);
    // The charts, drawn on the server as SVG, each with its numbers as a table: per agency and nationally.
    const figures = [...en.body.matchAll(/<figure class="chart"[\s\S]*?<\/figure>/g)].map((m) => m[0]);
    assert.equal(
      figures.length,
      3,
      'a national chart, an agencies chart and the hours per employee (no target by track: no chart of them)',
    );
    assert.match(en.body, /No agency has a target by track for this year\./);
    for (const f of figures) assert.match(f, /<svg[\s\S]*<\/svg>[\s\S]*<table class="chart-data">/);
    const [national, agencies, hours] = figures;
    const cells = (html: string) =>
      [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((c) => c[1]));
    assert.deepEqual(cells(national.slice(national.indexOf('<tbody>'))), [
      ['Share', '66.7%'],
      ['Target', '40%'],
    ]);
    assert.deepEqual(cells(agencies.slice(agencies.indexOf('<tbody>'))), [
      ['Beta Ministry', '100%', '—'],
      ['Alpha Authority', '50%', '40%'],
    ]);
    assert.deepEqual(cells(hours.slice(hours.indexOf('<tbody>'))), [
      ['Beta Ministry', '6', '—'],
      ['Alpha Authority', '3', '—'],
    ]);
    assert.match(agencies, /<text[^>]*>Alpha Authority<\/text>/, 'the SVG names the agencies');
    assert.match(progress.body, /<figure class="chart"[\s\S]*<text[^>]*>٤٠٪/, 'the Arabic chart writes Arabic digits');

    assert.equal((await adminA.get(`/console/training/progress.csv?year=${year}`)).statusCode, 403);
    const csv = await leader.get(`/console/training/progress.csv?year=${year}&lang=en`);
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(
      lines[0],
      'agency_code,agency,staff,trained,share,target_share,hours_completed,hours_per_employee,target_hours_per_employee,' +
        'share_digital_services,target_share_digital_services,share_data,target_share_data,share_cybersecurity,target_share_cybersecurity,' +
        'share_service_design,target_share_service_design,share_change_management,target_share_change_management',
    );
    const noTracks = ',,,,,,,,,,,'; // no target hours, and no share or target on any of the five tracks
    assert.ok(lines.includes(`alpha,Alpha Authority,2,1,0.5,0.4,6,3${noTracks}`), lines.join('\n'));
    assert.ok(lines.includes(`beta,Beta Ministry,1,1,1,,6,6${noTracks}`), lines.join('\n'));
    assert.equal(lines.at(-1), `,All agencies,3,2,0.6666666666666666,,12,4${noTracks}`);
    const exported = await t.deps.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'training.progress_export')
      .execute();
    assert.equal(exported.length, 1);
  });

  it('lists public programmes on the public page in both languages and in the iCalendar feed', async () => {
    const p = await createProgramme(t.deps, systemCtx(), {
      code: 'CYB-1',
      title_ar: 'الأمن السيبراني للجميع',
      title_en: 'Cybersecurity, for everyone; basics',
      description_ar: 'ورشة عامة',
      description_en: 'A public workshop',
      audience: 'public',
      track: 'cybersecurity',
      hours: '2',
      delivery_mode: 'in_person',
      min_attendance_pct: '100',
    });
    await setProgrammePublished(t.deps, systemCtx(), p.id, true);
    const o = await createOffering(t.deps, systemCtx(), p.id, {
      starts_on: '2030-05-01',
      ends_on: '2030-05-01',
      location_ar: 'الرياض، القاعة ١',
      location_en: 'Riyadh, Hall 1',
      capacity: '50',
    });
    await addSession(t.deps, systemCtx(), o.id, { starts_at: '2030-05-01T06:00:00Z', ends_at: '2030-05-01T08:00:00Z' });
    await setOfferingStatus(t.deps, systemCtx(), o.id, { status: 'open' });
    const visitor = new Anonymous(t.app);
    const ar = await visitor.get('/ar/training');
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /الأمن السيبراني للجميع/);
    assert.doesNotMatch(ar.body, /أساسيات البيانات/, 'employee programmes are not on the public page');
    assert.match((await visitor.get('/en/training')).body, /Riyadh, Hall 1/);
    const ics = await visitor.get('/training/calendar/en.ics');
    assert.equal(ics.statusCode, 200);
    assert.equal(ics.headers['content-type'], 'text/calendar; charset=utf-8');
    const unfolded = ics.body.replace(/\r\n /g, '');
    assert.match(unfolded, /SUMMARY:Cybersecurity\\, for everyone\\; basics\r\n/);
    assert.match(unfolded, /LOCATION:Riyadh\\, Hall 1\r\n/);
    assert.match(unfolded, /DTSTART:20300501T060000Z/);
    assert.equal((await visitor.get('/training/calendar/en.ics', { 'if-none-match': String(ics.headers.etag) })).statusCode, 304);
  });

  it('shows every console page in both languages to those allowed', async () => {
    for (const lang of ['ar', 'en'])
      for (const [client, path] of [
        [office, '/console/training'],
        [office, '/console/training/programmes/new'],
        [office, `/console/training/programmes/${ids.programme}`],
        [office, `/console/training/offerings/${ids.offering}`],
        [editorA, '/console/training'],
        [editorA, `/console/training/enrolments/${ids.enrolment}/assessment`],
        [adminA, `/console/training/agencies/${ids.a}`],
        [office, '/console/training/progress'],
      ] as const) {
        const res = await client.get(`/${lang}${path}`);
        assert.equal(res.statusCode, 200, `${lang}${path}`);
        assert.match(res.body, lang === 'ar' ? /dir="rtl"/ : /dir="ltr"/);
      }
    assert.equal((await editorA.get('/en/console/training/programmes/new')).statusCode, 403);
  });
});
