import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { anonymous, type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { nominate } from './enrolment.service.ts';
import { requestGuestCode, verifyGuestCode } from './guests.service.ts';
import { CODE_LEAD_MS, CODE_TRIES, codeHolds, issueSessionCode } from './session-codes.service.ts';
import { addSession, addTrainer, createOffering, createProgramme, setOfferingStatus, setProgrammePublished } from './training.service.ts';

// Session codes: a trainer shows a six-digit code while a session's window is open; an enrolled
// person types it on their learning record (staff) or the page of their place (the public) and is
// marked present; a wrong or expired code is a bilingual field error (400, nothing written); tries
// are counted in the platform's rate-limit table.

describe('training: session codes', () => {
  let t: TestApp;
  const office = systemCtx('test office');
  let agency = 0;
  let offeringId = 0;
  let nowSession = 0;
  let pastSession = 0;
  let learnerId = 0;
  let learner: Client;
  let trainer: Client;
  let bystander: Client;
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const day = (d: number) => at(d * 86_400_000).slice(0, 10);

  const enrolment = () =>
    t.deps.db
      .selectFrom('training_enrolments')
      .selectAll()
      .where('user_id', '=', learnerId)
      .where('offering_id', '=', offeringId)
      .executeTakeFirstOrThrow();
  const presence = async (sessionId: number, enrolmentId: number) =>
    (
      await t.deps.db
        .selectFrom('training_attendance')
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('enrolment_id', '=', enrolmentId)
        .executeTakeFirst()
    )?.present;
  const codeOf = async (id: number) =>
    (await t.deps.db.selectFrom('training_sessions').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code;
  const wrong = (code: string) => (code === '000000' ? '000001' : '000000');

  before(async () => {
    t = await testApp();
    agency = (await buildAgency(t.deps, { code: 'gamma' })).id;
    learnerId = (await buildUser(t.deps, { email: 'learner@gamma.sa', role: 'agency_editor', agencyId: agency, name: 'Huda' })).id;
    await buildUser(t.deps, { email: 'trainer@gamma.sa', role: 'agency_editor', agencyId: agency });
    await buildUser(t.deps, { email: 'bystander@gamma.sa', role: 'agency_editor', agencyId: agency });
    learner = await signedIn(t.app, 'learner@gamma.sa');
    trainer = await signedIn(t.app, 'trainer@gamma.sa');
    bystander = await signedIn(t.app, 'bystander@gamma.sa');
    const p = await createProgramme(t.deps, office, {
      code: 'CODES-1',
      title_ar: 'البيانات',
      title_en: 'Data basics',
      description_ar: 'وصف',
      description_en: 'About',
      audience: 'public',
      track: 'data',
      hours: '4',
      delivery_mode: 'in_person',
      min_attendance_pct: '100',
    });
    await setProgrammePublished(t.deps, office, p.id, true);
    const o = await createOffering(t.deps, office, p.id, {
      starts_on: day(-2),
      ends_on: day(2),
      location_ar: 'القاعة ١',
      location_en: 'Room 1',
      capacity: '5',
    });
    offeringId = o.id;
    pastSession = (await addSession(t.deps, office, o.id, { starts_at: at(-30 * 3_600_000), ends_at: at(-28 * 3_600_000) })).id;
    nowSession = (await addSession(t.deps, office, o.id, { starts_at: at(-10 * 60_000), ends_at: at(2 * 3_600_000) })).id;
    await addTrainer(t.deps, office, o.id, { email: 'trainer@gamma.sa' });
    await setOfferingStatus(t.deps, office, o.id, { status: 'open' });
    await nominate(t.deps, office, o.id, agency, { user_ids: [String(learnerId)] });
  });
  after(() => t.close());

  it('holds from a quarter of an hour before the session until it ends (known answers)', () => {
    const s = { starts_at: '2030-01-01T09:00:00.000Z', ends_at: '2030-01-01T11:00:00.000Z' };
    assert.equal(CODE_LEAD_MS, 15 * 60_000);
    assert.equal(codeHolds(s, new Date('2030-01-01T08:44:59.999Z')), false);
    assert.equal(codeHolds(s, new Date('2030-01-01T08:45:00.000Z')), true);
    assert.equal(codeHolds(s, new Date('2030-01-01T11:00:00.000Z')), true);
    assert.equal(codeHolds(s, new Date('2030-01-01T11:00:00.001Z')), false);
  });

  it('lets only a trainer or the office show a code, and only while the session’s window is open', async () => {
    assert.equal((await bystander.post(`/en/console/training/sessions/${nowSession}/code`)).statusCode, 403);
    assert.equal((await trainer.post(`/en/console/training/sessions/${pastSession}/code`)).statusCode, 409);
    assert.equal(await codeOf(pastSession), null);
    assert.equal((await trainer.post(`/en/console/training/sessions/${nowSession}/code`)).statusCode, 303);
    const code = await codeOf(nowSession);
    assert.match(code ?? '', /^\d{6}$/);
    const sheet = await trainer.get(`/en/console/training/sessions/${nowSession}/attendance`);
    assert.match(sheet.body, new RegExp(`<strong>${code}</strong>`));
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'training.session.code')
      .where('record_id', '=', String(nowSession))
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(audit.after_json ?? '', new RegExp(code ?? 'x'), 'the code itself is not in the audit trail');
    const old = await t.deps.db.selectFrom('training_sessions').select('code').where('id', '=', nowSession).executeTakeFirstOrThrow();
    // Showing a new code replaces the old one (outside the window the service refuses, whatever the caller).
    await issueSessionCode(t.deps, office, nowSession);
    assert.ok(await codeOf(nowSession));
    assert.ok(old.code);
    const late = new Date(Date.now() + 3 * 3_600_000);
    await assert.rejects(issueSessionCode(t.deps, office, nowSession, late), (e: unknown) => e instanceof AppError && e.status === 409);
  });

  it('marks a member of staff present with the right code; a wrong or expired one is a field error in both languages', async () => {
    const e = await enrolment();
    const code = (await codeOf(nowSession)) as string;
    const record = await learner.get('/en/console/training/record');
    assert.match(record.body, /action="\/en\/console\/training\/record\/attend"/);
    const bad = await learner.post('/en/console/training/record/attend', { enrolment_id: String(e.id), code: wrong(code) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /This code is wrong or no longer valid/);
    const badAr = await learner.post('/ar/console/training/record/attend', { enrolment_id: String(e.id), code: 'abc' });
    assert.equal(badAr.statusCode, 400);
    assert.match(badAr.body, /اكتب أرقام الرمز الستة/);
    assert.equal(await presence(nowSession, e.id), undefined);
    // Typed in Arabic-Indic digits, the right code marks the session present (audited) and nothing else.
    const arabic = code.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]);
    assert.equal((await learner.post('/ar/console/training/record/attend', { enrolment_id: String(e.id), code: arabic })).statusCode, 303);
    assert.equal(await presence(nowSession, e.id), 1);
    assert.equal(await presence(pastSession, e.id), undefined);
    const marked = await t.deps.db
      .selectFrom('training_attendance')
      .select('marked_by')
      .where('session_id', '=', nowSession)
      .where('enrolment_id', '=', e.id)
      .executeTakeFirstOrThrow();
    assert.equal(marked.marked_by, 'code:learner@gamma.sa');
    assert.ok(
      await t.deps.db
        .selectFrom('audit_log')
        .select('seq')
        .where('action', '=', 'training.attendance.code')
        .where('record_id', '=', String(nowSession))
        .executeTakeFirst(),
    );
    // One of two sessions: below the 100 % asked for, so not complete yet.
    assert.equal((await enrolment()).completed_at, null);
    // Someone else cannot use the code on this enrolment.
    assert.equal((await bystander.post('/en/console/training/record/attend', { enrolment_id: String(e.id), code })).statusCode, 403);
    // Expired: the window has passed (the code is kept but no longer holds).
    await t.deps.db
      .updateTable('training_sessions')
      .set({ starts_at: at(-5 * 3_600_000), ends_at: at(-4 * 3_600_000) })
      .where('id', '=', nowSession)
      .execute();
    const expired = await learner.post('/en/console/training/record/attend', { enrolment_id: String(e.id), code });
    assert.equal(expired.statusCode, 400);
    assert.match(expired.body, /no longer valid/);
    await t.deps.db
      .updateTable('training_sessions')
      .set({ starts_at: at(-10 * 60_000), ends_at: at(2 * 3_600_000) })
      .where('id', '=', nowSession)
      .execute();
  });

  it('counts tries in the rate-limit table: past the limit even the right code waits (429)', async () => {
    const e = await enrolment();
    const code = (await codeOf(nowSession)) as string;
    await t.deps.db.deleteFrom('rate_limits').where('key', '=', `training.session_code:user:${learnerId}`).execute();
    for (let i = 0; i < CODE_TRIES; i++)
      assert.equal(
        (await learner.post('/en/console/training/record/attend', { enrolment_id: String(e.id), code: wrong(code) })).statusCode,
        400,
      );
    assert.equal((await learner.post('/en/console/training/record/attend', { enrolment_id: String(e.id), code })).statusCode, 429);
    const row = await t.deps.db
      .selectFrom('rate_limits')
      .select('count')
      .where('key', '=', `training.session_code:user:${learnerId}`)
      .executeTakeFirstOrThrow();
    assert.equal(Number(row.count), CODE_TRIES + 1);
  });

  it('marks a member of the public present through the signed link of their place', async () => {
    const ctx: Ctx = { actor: anonymous, lang: 'ar', requestId: null, ip: '10.9.0.8' };
    const pending = await requestGuestCode(t.deps, ctx, offeringId, { name: 'ريم', email: 'reem@example.sa' });
    const mail = await t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('to_address', '=', 'reem@example.sa')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const signUpCode = /رمزك هو (\d{6})/.exec(mail.text_body ?? '')?.[1] ?? '';
    const { token, guest } = await verifyGuestCode(t.deps, ctx, pending, { code: signUpCode });
    const c = new Client(t.app);
    const page = await c.get(`/ar/training/sign-up/manage?token=${encodeURIComponent(token)}`);
    assert.match(page.body, /action="\/ar\/training\/sign-up\/attend"/);
    const code = (await codeOf(nowSession)) as string;
    const bad = await c.post('/ar/training/sign-up/attend', { token, code: wrong(code) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /هذا الرمز غير صحيح أو انتهت صلاحيته/);
    assert.equal((await c.post('/ar/training/sign-up/attend', { token: `${token}x`, code })).statusCode, 409);
    assert.equal((await c.post('/ar/training/sign-up/attend', { token, code })).statusCode, 303);
    const row = await t.deps.db
      .selectFrom('training_guest_attendance')
      .selectAll()
      .where('session_id', '=', nowSession)
      .where('guest_id', '=', guest.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.present, 1);
  });
});
