import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { nominate } from './enrolment.service.ts';
import { recordCompletion } from './progress.service.ts';
import { addSession, createOffering, createProgramme, setOfferingStatus, setProgrammePublished } from './training.service.ts';

// Prerequisites and editing: a programme may require others; enrolling without them is refused
// with a message naming the missing programme in the person's language, unless the office waived
// them for that person with a reason (audited); an administrator's bulk nomination names who lacks
// what. Programmes, offerings and sessions can be edited (audited), never once an offering has run
// or been cancelled, never below the seats taken, never leaving a session outside the days.

describe('training: prerequisites, waivers and editing', () => {
  let t: TestApp;
  const office = systemCtx('test office');
  let agency = 0;
  let basics = 0;
  let advanced = 0;
  let basicsOffering = 0;
  let advancedOffering = 0;
  let admin: Client;
  let editor: Client;
  let editorId = 0;
  let colleagueId = 0;

  const programme = async (code: string, title_en: string, title_ar: string) => {
    const p = await createProgramme(t.deps, office, {
      code,
      title_ar,
      title_en,
      description_ar: 'و',
      description_en: 'd',
      audience: 'employees',
      track: 'data',
      hours: '3',
      delivery_mode: 'online',
      min_attendance_pct: '50',
    });
    await setProgrammePublished(t.deps, office, p.id, true);
    return p.id;
  };
  const openOffering = async (programmeId: number, capacity = 10) => {
    const o = await createOffering(t.deps, office, programmeId, {
      starts_on: '2030-06-01',
      ends_on: '2030-06-02',
      online_url: 'https://meet.example.gov.sa/q',
      capacity: String(capacity),
    });
    await addSession(t.deps, office, o.id, { starts_at: '2030-06-01T06:00:00Z', ends_at: '2030-06-01T08:00:00Z' });
    await setOfferingStatus(t.deps, office, o.id, { status: 'open' });
    return o.id;
  };
  const audits = (action: string) => t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();

  before(async () => {
    t = await testApp();
    agency = (await buildAgency(t.deps, { code: 'eps' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    editorId = (await buildUser(t.deps, { email: 'editor@eps.sa', role: 'agency_editor', agencyId: agency, name: 'Eman Editor' })).id;
    colleagueId = (await buildUser(t.deps, { email: 'colleague@eps.sa', role: 'agency_editor', agencyId: agency, name: 'Colleague' })).id;
    await buildUser(t.deps, { email: 'admin@eps.sa', role: 'agency_admin', agencyId: agency });
    basics = await programme('DATA-101', 'Data basics', 'أساسيات البيانات');
    advanced = await programme('DATA-201', 'Advanced data', 'البيانات المتقدمة');
    basicsOffering = await openOffering(basics);
    advancedOffering = await openOffering(advanced);
    admin = await signedIn(t.app, 'office@program.sa');
    editor = await signedIn(t.app, 'editor@eps.sa');
  });
  after(() => t.close());

  it('lets the administrator set prerequisites, refusing a programme that requires itself or a cycle', async () => {
    const set = await admin.post(`/en/console/training/programmes/${advanced}/prerequisites`, { required_ids: String(basics) });
    assert.equal(set.statusCode, 303);
    const self = await admin.post(`/en/console/training/programmes/${basics}/prerequisites`, { required_ids: String(basics) });
    assert.equal(self.statusCode, 400);
    assert.match(self.body, /cannot require itself/);
    const cycle = await admin.post(`/ar/console/training/programmes/${basics}/prerequisites`, { required_ids: String(advanced) });
    assert.equal(cycle.statusCode, 400);
    assert.match(cycle.body, /يتطلب بعضها بعضًا/);
    assert.equal((await editor.post(`/en/console/training/programmes/${advanced}/prerequisites`, { required_ids: [] })).statusCode, 403);
    const page = await admin.get(`/en/console/training/programmes/${advanced}`);
    assert.match(page.body, /Prerequisites/);
    assert.match(page.body, /Data basics/);
    const [a] = await audits('training.programme.prerequisites');
    assert.deepEqual(JSON.parse(String(a.after_json)).required_ids, [basics]);
  });

  it('refuses enrolment without the prerequisite, naming it in both languages, and nomination naming the person', async () => {
    const en = await editor.post(`/en/console/training/offerings/${advancedOffering}/enrol`, {});
    assert.equal(en.statusCode, 409);
    assert.match(en.body, /You need to complete “Data basics” before you can enrol/);
    const ar = await editor.post(`/ar/console/training/offerings/${advancedOffering}/enrol`, {});
    assert.equal(ar.statusCode, 409);
    assert.match(ar.body, /عليك إكمال برنامج «أساسيات البيانات»/);
    const nominated = await signedIn(t.app, 'admin@eps.sa').then((c) =>
      c.post(`/en/console/training/offerings/${advancedOffering}/nominate`, { agency_id: String(agency), user_ids: String(colleagueId) }),
    );
    assert.equal(nominated.statusCode, 400);
    assert.match(nominated.body, /Colleague has not completed “Data basics”/);
    const rows = await t.deps.db.selectFrom('training_enrolments').select('id').where('offering_id', '=', advancedOffering).execute();
    assert.equal(rows.length, 0, 'nothing is written when refused');
  });

  it('lets a person in once they completed the prerequisite', async () => {
    const [e] = await nominate(t.deps, office, basicsOffering, agency, { user_ids: [String(colleagueId)] });
    await recordCompletion(t.deps, office, e.id, { reason: 'Attended a recognised equivalent' });
    const ok = await nominate(t.deps, office, advancedOffering, agency, { user_ids: [String(colleagueId)] });
    assert.equal(ok[0].status, 'enrolled');
  });

  it('lets the office waive the prerequisites for one person with a reason, audited', async () => {
    const noReason = await admin.post(`/en/console/training/programmes/${advanced}/waivers`, { email: 'editor@eps.sa', reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /f-reason/);
    const unknown = await admin.post(`/en/console/training/programmes/${advanced}/waivers`, { email: 'nobody@eps.sa', reason: 'x' });
    assert.equal(unknown.statusCode, 400);
    assert.equal(
      (await editor.post(`/en/console/training/programmes/${advanced}/waivers`, { email: 'editor@eps.sa', reason: 'x' })).statusCode,
      403,
    );
    const noPrereq = await admin.post(`/en/console/training/programmes/${basics}/waivers`, { email: 'editor@eps.sa', reason: 'x' });
    assert.equal(noPrereq.statusCode, 409);
    const ok = await admin.post(`/en/console/training/programmes/${advanced}/waivers`, {
      email: 'editor@eps.sa',
      reason: 'Ten years as a data analyst',
    });
    assert.equal(ok.statusCode, 303);
    const again = await admin.post(`/en/console/training/programmes/${advanced}/waivers`, { email: 'editor@eps.sa', reason: 'again' });
    assert.equal(again.statusCode, 400);
    assert.equal((await audits('training.prerequisite.waive')).length, 1);
    const page = await admin.get(`/en/console/training/programmes/${advanced}`);
    assert.match(page.body, /Ten years as a data analyst/);
    assert.match(page.body, /Eman Editor/);
    const enrolled = await editor.post(`/en/console/training/offerings/${advancedOffering}/enrol`, {});
    assert.equal(enrolled.statusCode, 303, enrolled.body.slice(0, 300));
    const row = await t.deps.db
      .selectFrom('training_enrolments')
      .selectAll()
      .where('offering_id', '=', advancedOffering)
      .where('user_id', '=', editorId)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'requested');
  });

  it('edits a programme (code fixed), an offering and a session, audited, and refuses bad edits', async () => {
    assert.equal((await admin.get(`/ar/console/training/programmes/${basics}/edit`)).statusCode, 200);
    const form = {
      code: 'DATA-101',
      title_ar: 'أساسيات البيانات ١',
      title_en: 'Data basics 1',
      description_ar: 'و',
      description_en: 'd',
      audience: 'employees',
      track: 'data',
      hours: '4',
      delivery_mode: 'online',
      min_attendance_pct: '60',
    };
    const codeChanged = await admin.post(`/en/console/training/programmes/${basics}/edit`, { ...form, code: 'DATA-999' });
    assert.equal(codeChanged.statusCode, 400);
    assert.match(codeChanged.body, /The code cannot be changed/);
    assert.equal((await editor.post(`/en/console/training/programmes/${basics}/edit`, form)).statusCode, 403);
    assert.equal((await admin.post(`/en/console/training/programmes/${basics}/edit`, form)).statusCode, 303);
    const p = await t.deps.db.selectFrom('training_programmes').selectAll().where('id', '=', basics).executeTakeFirstOrThrow();
    assert.equal(p.title_en, 'Data basics 1');
    assert.equal(p.min_attendance_pct, 60);
    assert.equal((await audits('training.programme.update')).length, 1);

    // An offering of one seat, taken, with one person waiting.
    const o = await openOffering(basics, 1);
    await nominate(t.deps, office, o, agency, { user_ids: [String(editorId), String(colleagueId)] });
    assert.equal((await admin.get(`/en/console/training/offerings/${o}/edit`)).statusCode, 200);
    const offeringForm = { starts_on: '2030-06-01', ends_on: '2030-06-02', online_url: 'https://meet.example.gov.sa/q', capacity: '0' };
    const below = await admin.post(`/en/console/training/offerings/${o}/edit`, offeringForm);
    assert.equal(below.statusCode, 400);
    const outside = await admin.post(`/en/console/training/offerings/${o}/edit`, {
      ...offeringForm,
      starts_on: '2030-06-02',
      capacity: '2',
    });
    assert.equal(outside.statusCode, 400, 'the session would fall outside the days');
    assert.match(outside.body, /f-starts_on/);
    const more = await admin.post(`/en/console/training/offerings/${o}/edit`, { ...offeringForm, capacity: '2' });
    assert.equal(more.statusCode, 303);
    const row = await t.deps.db.selectFrom('training_offerings').selectAll().where('id', '=', o).executeTakeFirstOrThrow();
    assert.equal(row.capacity, 2);
    assert.equal(row.seats_taken, 2, 'the waiting person got the new seat');
    assert.equal((await audits('training.offering.update')).length, 1);

    const [session] = await t.deps.db.selectFrom('training_sessions').selectAll().where('offering_id', '=', o).execute();
    const sessionPage = await admin.get(`/en/console/training/sessions/${session.id}/edit`);
    assert.equal(sessionPage.statusCode, 200);
    const late = await admin.post(`/en/console/training/sessions/${session.id}/edit`, {
      starts_at: '2030-06-05T09:00',
      ends_at: '2030-06-05T11:00',
    });
    assert.equal(late.statusCode, 400);
    const moved = await admin.post(`/en/console/training/sessions/${session.id}/edit`, {
      starts_at: '2030-06-02T10:00',
      ends_at: '2030-06-02T12:00',
    });
    assert.equal(moved.statusCode, 303);
    const s = await t.deps.db.selectFrom('training_sessions').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
    assert.equal(s.starts_at.slice(0, 10), '2030-06-02');
    assert.equal((await audits('training.session.update')).length, 1);

    await setOfferingStatus(t.deps, office, o, { status: 'cancelled' });
    assert.equal((await admin.get(`/en/console/training/offerings/${o}/edit`)).statusCode, 409);
    assert.equal((await admin.post(`/en/console/training/offerings/${o}/edit`, { ...offeringForm, capacity: '3' })).statusCode, 409);
    assert.equal(
      (await admin.post(`/en/console/training/sessions/${session.id}/edit`, { starts_at: '2030-06-01T10:00', ends_at: '2030-06-01T12:00' }))
        .statusCode,
      409,
    );
  });
});
