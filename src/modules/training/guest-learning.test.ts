import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { anonymous, type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { nominate } from './enrolment.service.ts';
import { sendEvaluations } from './evaluation.ts';
import { requestGuestCode, verifyGuestCode } from './guests.service.ts';
import { trainingPersonalData } from './privacy.ts';
import {
  addQuestion,
  addSession,
  addTrainer,
  createOffering,
  createProgramme,
  setOfferingStatus,
  setPrerequisites,
  setProgrammePublished,
} from './training.service.ts';

// Members of the public learn like staff once seated: trainers mark them present, they take the
// assessment through the signed link of their place, completion follows the same criteria and is
// certified with the same verifiable credential (emailed in their language, revoked when the
// attendance is corrected); the office cancels a place with a reason the person is told (the seat
// goes to the waitlist) or records a completion with a reason; only those who completed are asked
// to evaluate; the registers download as XLSX; the privacy port covers all of it.

describe('training: members of the public attend, complete and are certified', () => {
  let t: TestApp;
  const office = systemCtx('test office');
  let agency = 0;
  let programmeId = 0;
  let quizId = 0;
  let admin: Client;
  let reviewer: Client;
  let trainer: Client;
  let otherTrainer: Client;
  const past = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
  const day = (d: number) => past(d).slice(0, 10);
  // A session's end: an hour after its start (a fixed clock hour such as T23 equals the start when the tests run at 23:00 UTC).
  const hourAfter = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();

  const publicCtx = (lang: 'ar' | 'en'): Ctx => ({ actor: anonymous, lang, requestId: null, ip: '10.9.0.1' });
  const lastMail = (to: string) =>
    t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('to_address', '=', to)
      .where('source', '=', 'training')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  const guestRow = (id: number) => t.deps.db.selectFrom('training_guests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** Signs an address up (the code from the email) and returns the sign-up's id and manage token. */
  async function signUp(offeringId: number, email: string, name: string, lang: 'ar' | 'en' = 'en') {
    const pending = await requestGuestCode(t.deps, publicCtx(lang), offeringId, { name, email });
    const code = /(?:Your code is|رمزك هو) (\d{6})/.exec((await lastMail(email)).text_body ?? '')?.[1] ?? '';
    const r = await verifyGuestCode(t.deps, publicCtx(lang), pending, { code });
    return { id: r.guest.id, token: r.token };
  }
  /** An offering that ran (sessions in the past), open, with a trainer. */
  async function ranOffering(programme: number, capacity: number, sessions: number) {
    const o = await createOffering(t.deps, office, programme, {
      starts_on: day(5),
      ends_on: day(2),
      online_url: 'https://meet.example.gov.sa/g',
      capacity: String(capacity),
    });
    const ids: number[] = [];
    for (let i = 0; i < sessions; i++)
      ids.push((await addSession(t.deps, office, o.id, { starts_at: past(5 - i), ends_at: hourAfter(past(5 - i)) })).id);
    await addTrainer(t.deps, office, o.id, { email: 'trainer@program.sa' });
    await setOfferingStatus(t.deps, office, o.id, { status: 'open' });
    return { id: o.id, sessions: ids };
  }
  const programme = async (code: string, extra: Record<string, string> = {}, question?: Record<string, string>) => {
    const p = await createProgramme(t.deps, office, {
      code,
      title_ar: 'السلامة الرقمية للجميع',
      title_en: 'Digital safety for all',
      description_ar: 'وصف',
      description_en: 'About',
      audience: 'public',
      track: 'cybersecurity',
      hours: '3',
      delivery_mode: 'online',
      min_attendance_pct: '100',
      ...extra,
    });
    if (question) await addQuestion(t.deps, office, p.id, question);
    await setProgrammePublished(t.deps, office, p.id, true);
    return p.id;
  };

  before(async () => {
    t = await testApp();
    agency = (await buildAgency(t.deps, { code: 'omega' })).id;
    await buildUser(t.deps, { email: 'admin@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    await buildUser(t.deps, { email: 'trainer@program.sa', role: 'agency_editor', agencyId: agency, name: 'Tamer Trainer' });
    await buildUser(t.deps, { email: 'other@program.sa', role: 'agency_editor', agencyId: agency, name: 'Other Trainer' });
    admin = await signedIn(t.app, 'admin@program.sa');
    reviewer = await signedIn(t.app, 'reviewer@program.sa');
    trainer = await signedIn(t.app, 'trainer@program.sa');
    otherTrainer = await signedIn(t.app, 'other@program.sa');
    programmeId = await programme('PUB-LEARN');
    quizId = await programme(
      'PUB-QUIZ',
      { min_attendance_pct: '0', pass_mark_pct: '100', max_attempts: '2', questions_per_attempt: '1' },
      {
        text_ar: 'ما أقوى كلمة مرور؟',
        text_en: 'Which password is strongest?',
        option_1_ar: '١٢٣٤٥٦',
        option_1_en: '123456',
        option_2_ar: 'عبارة طويلة عشوائية',
        option_2_en: 'A long random passphrase',
        correct: '2',
      },
    );
  });
  after(() => t.close());

  it('lets a trainer mark members of the public present; completion is certified, emailed in their language, and revoked when corrected', async () => {
    const o = await ranOffering(programmeId, 5, 2);
    const sara = await signUp(o.id, 'sara@example.sa', 'سارة', 'ar');
    const omar = await signUp(o.id, 'omar@example.sa', 'Omar');
    const sheet = await trainer.get(`/en/console/training/sessions/${o.sessions[0]}/attendance`);
    assert.equal(sheet.statusCode, 200);
    assert.match(sheet.body, /name="present_guests"/);
    assert.match(sheet.body, /سارة/);
    const forged = await trainer.post(`/en/console/training/sessions/${o.sessions[0]}/attendance`, { present_guests: '999999' });
    assert.equal(forged.statusCode, 400, 'someone not seated cannot be marked');
    assert.equal(
      (await otherTrainer.post(`/en/console/training/sessions/${o.sessions[0]}/attendance`, { present_guests: String(sara.id) }))
        .statusCode,
      403,
    );
    for (const s of o.sessions) {
      const r = await trainer.post(`/en/console/training/sessions/${s}/attendance`, { present_guests: [String(sara.id), String(omar.id)] });
      assert.equal(r.statusCode, 303);
    }
    const done = await guestRow(sara.id);
    assert.ok(done.completed_at);
    assert.equal(done.completion_basis, 'criteria');
    const certs = await t.deps.db.selectFrom('credentials').selectAll().where('source_ref', 'like', `guest:${sara.id}@%`).execute();
    assert.equal(certs.length, 1);
    assert.equal(certs[0].recipient_name, 'سارة');
    assert.equal(certs[0].lang, 'ar');
    const mail = await lastMail('sara@example.sa');
    assert.match(mail.subject ?? '', /شهادتك جاهزة/);
    assert.match(mail.text_body ?? '', new RegExp(`/ar/verify/${certs[0].serial}`));
    const verify = await new Client(t.app).get(`/en/verify/${certs[0].serial}`);
    assert.equal(verify.statusCode, 200);
    assert.match(verify.body, /سارة/);
    const manage = await new Client(t.app).get(`/en/training/sign-up/manage?token=${encodeURIComponent(sara.token)}`);
    assert.match(manage.body, new RegExp(`/en/verify/${certs[0].serial}`));
    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'training_guest')
      .where('record_id', '=', String(sara.id))
      .execute();
    assert.ok(audits.some((a) => a.action === 'training.guest.complete'));

    // The trainer corrects the second session: Sara was not there after all.
    await trainer.post(`/en/console/training/sessions/${o.sessions[1]}/attendance`, { present_guests: String(omar.id) });
    assert.equal((await guestRow(sara.id)).completed_at, null);
    const revoked = await t.deps.db.selectFrom('credentials').selectAll().where('serial', '=', certs[0].serial).executeTakeFirstOrThrow();
    assert.ok(revoked.revoked_at, 'the certificate of a withdrawn completion is revoked');
    assert.ok((await guestRow(omar.id)).completed_at);
  });

  it('takes the assessment through the signed link: a wrong answer fails, the right one passes and completes', async () => {
    const o = await ranOffering(quizId, 5, 1);
    const g = await signUp(o.id, 'lina@example.sa', 'Lina');
    const c = new Client(t.app);
    const page = await c.get(`/en/training/sign-up/manage?token=${encodeURIComponent(g.token)}`);
    assert.match(page.body, /action="\/en\/training\/sign-up\/assessment\/start"/);
    assert.equal(
      (await c.post('/en/training/sign-up/assessment/start', { token: `${g.token}x` })).statusCode,
      409,
      'a forged link starts nothing',
    );
    assert.equal((await c.post('/en/training/sign-up/assessment/start', { token: g.token })).statusCode, 303);
    const [q] = await t.deps.db.selectFrom('training_questions').select('id').where('programme_id', '=', quizId).execute();
    const empty = await c.post('/en/training/sign-up/assessment', { token: g.token });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, new RegExp(`f-q_${q.id}`));
    assert.equal((await c.post('/en/training/sign-up/assessment', { token: g.token, [`q_${q.id}`]: '0' })).statusCode, 303);
    assert.equal((await guestRow(g.id)).completed_at, null);
    await c.post('/en/training/sign-up/assessment/start', { token: g.token });
    assert.equal((await c.post('/en/training/sign-up/assessment', { token: g.token, [`q_${q.id}`]: '1' })).statusCode, 303);
    assert.ok((await guestRow(g.id)).completed_at, 'passed: complete');
    assert.equal((await c.post('/en/training/sign-up/assessment/start', { token: g.token })).statusCode, 409, 'no attempt after passing');
    const attempts = await t.deps.db.selectFrom('training_guest_attempts').selectAll().where('guest_id', '=', g.id).execute();
    assert.deepEqual(
      attempts.map((a) => a.passed),
      [0, 1],
    );
  });

  it('lets the program administrator cancel a place with a reason the person is told; the seat goes to the waitlist', async () => {
    const o = await ranOffering(programmeId, 1, 1);
    const first = await signUp(o.id, 'huda@example.sa', 'هدى', 'ar');
    const second = await signUp(o.id, 'ali@example.sa', 'Ali');
    assert.equal((await guestRow(second.id)).status, 'waitlisted');
    const page = await admin.get(`/en/console/training/offerings/${o.id}`);
    assert.match(page.body, new RegExp(`/en/console/training/guests/${first.id}/cancel`));
    assert.equal((await reviewer.post(`/en/console/training/guests/${first.id}/cancel`, { reason: 'x' })).statusCode, 403);
    const noReason = await admin.post(`/en/console/training/guests/${first.id}/cancel`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /f-reason/);
    assert.equal((await guestRow(first.id)).status, 'enrolled', 'nothing changes without a reason');
    const ok = await admin.post(`/ar/console/training/guests/${first.id}/cancel`, { reason: 'Duplicate registration' });
    assert.equal(ok.statusCode, 303);
    const cancelled = await guestRow(first.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancel_reason, 'Duplicate registration');
    assert.match(cancelled.cancelled_by ?? '', /admin@program\.sa/);
    const told = await lastMail('huda@example.sa');
    assert.match(told.subject ?? '', /أُلغي مكانك/);
    assert.match(told.text_body ?? '', /Duplicate registration/);
    assert.equal((await guestRow(second.id)).status, 'enrolled', 'the waitlist is promoted');
    assert.match((await lastMail('ali@example.sa')).subject ?? '', /A seat freed up/);
    const seats = await t.deps.db.selectFrom('training_offerings').select('seats_taken').where('id', '=', o.id).executeTakeFirstOrThrow();
    assert.equal(seats.seats_taken, 1);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'training_guest')
      .where('record_id', '=', String(first.id))
      .execute();
    assert.ok(audit.some((a) => a.action === 'training.guest.cancel_by_office'));
    assert.equal((await admin.post(`/en/console/training/guests/${first.id}/cancel`, { reason: 'again' })).statusCode, 409);

    // The office records a completion the criteria do not show, with a reason; it is certified.
    assert.equal((await reviewer.post(`/en/console/training/guests/${second.id}/complete`, { reason: '' })).statusCode, 400);
    assert.equal(
      (await reviewer.post(`/en/console/training/guests/${second.id}/complete`, { reason: 'Equivalent course elsewhere' })).statusCode,
      303,
    );
    const g = await guestRow(second.id);
    assert.equal(g.completion_basis, 'manual');
    assert.equal(
      (await t.deps.db.selectFrom('credentials').select('id').where('source_ref', 'like', `guest:${second.id}@%`).execute()).length,
      1,
    );
  });

  it('asks only those who completed to evaluate, staff and public alike; a member of the public answers through their link', async () => {
    const o = await ranOffering(programmeId, 10, 2);
    const staff = await buildUser(t.deps, { email: 'staff-done@omega.sa', role: 'agency_editor', agencyId: agency });
    const partly = await buildUser(t.deps, { email: 'staff-half@omega.sa', role: 'agency_editor', agencyId: agency });
    const [e1, e2] = await nominate(t.deps, office, o.id, agency, { user_ids: [String(staff.id), String(partly.id)] });
    const done = await signUp(o.id, 'done@example.sa', 'Done');
    const half = await signUp(o.id, 'half@example.sa', 'Half');
    await trainer.post(`/en/console/training/sessions/${o.sessions[0]}/attendance`, {
      present: [String(e1.id), String(e2.id)],
      present_guests: [String(done.id), String(half.id)],
    });
    await trainer.post(`/en/console/training/sessions/${o.sessions[1]}/attendance`, {
      present: String(e1.id),
      present_guests: String(done.id),
    });
    await sendEvaluations(t.deps);
    const asked = await t.deps.db
      .selectFrom('messages')
      .select(['to_address', 'text_body'])
      .where('message_key', 'like', 'training:evaluation:%')
      .where('to_address', 'in', ['staff-done@omega.sa', 'staff-half@omega.sa', 'done@example.sa', 'half@example.sa'])
      .orderBy('id')
      .execute();
    assert.deepEqual(asked.map((m) => m.to_address).sort(), ['done@example.sa', 'staff-done@omega.sa'], 'attending once is not completing');
    const token =
      /\/training\/evaluation\?token=([A-Za-z0-9_.-]+)/.exec(asked.find((m) => m.to_address === 'done@example.sa')?.text_body ?? '')?.[1] ??
      '';
    assert.ok(token);
    const c = new Client(t.app);
    assert.equal((await c.get(`/en/training/evaluation?token=${token}`)).statusCode, 200);
    assert.equal((await c.post('/en/training/evaluation', { token, relevance: '5', quality: '4', recommend: '5' })).statusCode, 200);
    assert.equal(
      (await c.post('/en/training/evaluation', { token, relevance: '5', quality: '4', recommend: '5' })).statusCode,
      409,
      'once',
    );
    const invite = await t.deps.db
      .selectFrom('training_guest_evaluation_invites')
      .selectAll()
      .where('guest_id', '=', done.id)
      .executeTakeFirstOrThrow();
    assert.ok(invite.responded_at);
  });

  it('downloads the attendance register and the offerings as XLSX for the office and the trainers only, audited', async () => {
    const o = await ranOffering(programmeId, 5, 2);
    const g = await signUp(o.id, 'reem@example.sa', 'Reem');
    await trainer.post(`/en/console/training/sessions/${o.sessions[0]}/attendance`, { present_guests: String(g.id) });
    await trainer.post(`/en/console/training/sessions/${o.sessions[1]}/attendance`, {});
    assert.equal((await otherTrainer.get(`/console/training/offerings/${o.id}/attendance.xlsx`)).statusCode, 403);
    const r = await trainer.get(`/console/training/offerings/${o.id}/attendance.xlsx?lang=ar`);
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.equal(ws.views[0]?.rightToLeft, true);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    assert.equal(header[0], 'الشخص');
    const row = (ws.getRow(2).values as unknown[]).slice(1);
    assert.equal(row[0], 'Reem');
    assert.equal(row[1], 'من الجمهور');
    assert.equal(row[3], 1, 'present at the first session');
    assert.equal(row[4], 0, 'absent at the second');
    assert.equal(row[5], 0.5, 'attendance share stays a number');
    const year = day(5).slice(0, 4);
    assert.equal((await trainer.get(`/console/training/offerings.xlsx?year=${year}`)).statusCode, 403);
    const all = await reviewer.get(`/console/training/offerings.xlsx?year=${year}&lang=en`);
    assert.equal(all.statusCode, 200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(all.rawPayload as unknown as ArrayBuffer);
    const codes = wb2.worksheets[0].getColumn(1).values.slice(2);
    assert.ok(codes.includes('PUB-LEARN'));
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['training.attendance_export', 'training.offerings_export'])
      .execute();
    assert.equal(audit.length, 2);
  });

  it('refuses a proven address that has not completed a prerequisite, naming it, and accepts it once completed', async () => {
    const advanced = await programme('PUB-ADV');
    await setPrerequisites(t.deps, office, advanced, { required_ids: String(programmeId) });
    const o = await ranOffering(advanced, 5, 1);
    const page = await new Client(t.app).get(`/en/training/offerings/${o.id}/sign-up`);
    assert.match(page.body, /you must first have completed: Digital safety for all/);
    await assert.rejects(signUp(o.id, 'new@example.sa', 'New'), (e: { key?: string; params?: Record<string, unknown> }) => {
      assert.equal(e.key, 'training.error.prerequisite_missing');
      assert.equal(e.params?.programme, 'Digital safety for all');
      return true;
    });
    // Omar completed Digital safety in the first test.
    const ok = await signUp(o.id, 'omar@example.sa', 'Omar');
    assert.equal((await guestRow(ok.id)).status, 'enrolled');
  });

  it('exports and erases a member of the public’s attendance, attempts, completion and certificate', async () => {
    const subject = { email: 'omar@example.sa', phone: null };
    const [kind] = await trainingPersonalData.export(t.deps, subject);
    const records = kind.records as { attendance: unknown[]; completed_at: string | null; certificates: { serial: string }[] }[];
    const learnt = records.find((r) => r.completed_at);
    assert.ok(learnt);
    assert.ok(learnt.attendance.length > 0);
    assert.equal(learnt.certificates.length, 1);
    await t.deps.db.transaction().execute((trx) => trainingPersonalData.erase(trx, t.deps, subject));
    const cert = await t.deps.db
      .selectFrom('credentials')
      .selectAll()
      .where('serial', '=', learnt.certificates[0].serial)
      .executeTakeFirstOrThrow();
    assert.notEqual(cert.recipient_name, 'Omar');
    assert.ok(cert.revoked_at);
    assert.equal((await trainingPersonalData.export(t.deps, subject)).length, 0);
  });
});
