import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { anonymous, type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { decideAssignment, submitStaffAssignment } from './assignments.service.ts';
import { nominate } from './enrolment.service.ts';
import { requestGuestCode, verifyGuestCode } from './guests.service.ts';
import { addSession, addTrainer, createOffering, createProgramme, setOfferingStatus, setProgrammePublished } from './training.service.ts';

// Assignments as a completion criterion: the programme's brief in both languages; the enrolled person
// (staff signed in, or a member of the public through the signed link of their place) sends a text
// and optionally one PDF judged by its bytes; a trainer of the offering or the office accepts it or
// returns it with a comment the person is emailed in their language; completion needs it accepted.
// Refusals: another agency, not enrolled, the wrong role, a closed offering; every step audited.

const pdf = (size = 2000) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size, 'x')]);

describe('training: assignments', () => {
  let t: TestApp;
  const office = systemCtx('test office');
  let agency = 0;
  let otherAgency = 0;
  let programmeId = 0;
  let offeringId = 0;
  let sessionId = 0;
  let learner: Client;
  let learnerId = 0;
  let second: Client;
  let secondId = 0;
  let trainer: Client;
  let otherAdmin: Client;
  let bystander: Client;
  let reviewer: Client;
  const past = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
  const day = (d: number) => past(d).slice(0, 10);
  // A session's end: an hour after its start (a fixed clock hour such as T23 equals the start when the tests run at 23:00 UTC).
  const hourAfter = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();

  const statusOf = async (p: Promise<unknown>) => {
    try {
      await p;
      return 0;
    } catch (e) {
      if (e instanceof AppError) return e.status;
      throw e;
    }
  };
  const enrolmentOf = (userId: number) =>
    t.deps.db
      .selectFrom('training_enrolments')
      .selectAll()
      .where('user_id', '=', userId)
      .where('offering_id', '=', offeringId)
      .executeTakeFirstOrThrow();
  const assignments = () => t.deps.db.selectFrom('training_assignments').selectAll().orderBy('id').execute();
  const audits = (action: string) => t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
  async function storedFiles(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string) => {
      for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (e.isDirectory()) await walk(join(dir, e.name));
        else out.push(join(dir, e.name));
      }
    };
    await walk(t.deps.config.storageDir);
    return out.sort();
  }
  const submit = (c: Client, lang: string, enrolmentId: number, text: string, file?: { data: Buffer; filename: string }) =>
    c.upload(
      `/${lang}/console/training/enrolments/${enrolmentId}/assignment`,
      { text },
      file ? [{ ...file, type: 'application/pdf' }] : [],
    );

  before(async () => {
    t = await testApp();
    agency = (await buildAgency(t.deps, { code: 'alpha' })).id;
    otherAgency = (await buildAgency(t.deps, { code: 'beta' })).id;
    learnerId = (
      await buildUser(t.deps, { email: 'learner@alpha.sa', role: 'agency_editor', agencyId: agency, name: 'Lama', locale: 'ar' })
    ).id;
    secondId = (await buildUser(t.deps, { email: 'second@alpha.sa', role: 'agency_editor', agencyId: agency, name: 'Sami' })).id;
    await buildUser(t.deps, { email: 'trainer@alpha.sa', role: 'agency_editor', agencyId: agency, name: 'Tamer' });
    await buildUser(t.deps, { email: 'admin@beta.sa', role: 'agency_admin', agencyId: otherAgency });
    await buildUser(t.deps, { email: 'bystander@alpha.sa', role: 'agency_editor', agencyId: agency });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    learner = await signedIn(t.app, 'learner@alpha.sa');
    second = await signedIn(t.app, 'second@alpha.sa');
    trainer = await signedIn(t.app, 'trainer@alpha.sa');
    otherAdmin = await signedIn(t.app, 'admin@beta.sa');
    bystander = await signedIn(t.app, 'bystander@alpha.sa');
    reviewer = await signedIn(t.app, 'reviewer@program.sa');

    const p = await createProgramme(t.deps, office, {
      code: 'ASSIGN-1',
      title_ar: 'تصميم الخدمات',
      title_en: 'Service design',
      description_ar: 'وصف',
      description_en: 'About',
      audience: 'employees',
      track: 'service_design',
      hours: '6',
      delivery_mode: 'online',
      min_attendance_pct: '100',
      assignment_ar: 'صف رحلة مستفيد في خدمة من خدمات جهتك.',
      assignment_en: 'Map a user journey of one of your agency’s services.',
    });
    programmeId = p.id;
    await setProgrammePublished(t.deps, office, p.id, true);
    const o = await createOffering(t.deps, office, p.id, {
      starts_on: day(3),
      ends_on: day(-3),
      online_url: 'https://meet.example.gov.sa/a',
      capacity: '10',
    });
    offeringId = o.id;
    sessionId = (await addSession(t.deps, office, o.id, { starts_at: past(2), ends_at: hourAfter(past(2)) })).id;
    await addTrainer(t.deps, office, o.id, { email: 'trainer@alpha.sa' });
    await setOfferingStatus(t.deps, office, o.id, { status: 'open' });
    await nominate(t.deps, office, o.id, agency, { user_ids: [String(learnerId), String(secondId)] });
  });
  after(() => t.close());

  it('asks for the brief in both languages or neither, and names the criterion on the programme', async () => {
    const base = {
      code: 'ASSIGN-HALF',
      title_ar: 'ع',
      title_en: 'E',
      description_ar: 'و',
      description_en: 'D',
      audience: 'employees',
      track: 'data',
      hours: '1',
      delivery_mode: 'online',
      min_attendance_pct: '0',
    };
    const err = await createProgramme(t.deps, office, { ...base, assignment_ar: 'مطلوب' }).catch((e) => e);
    assert.ok(err instanceof AppError);
    assert.equal(err.status, 400);
    assert.deepEqual(
      err.fieldErrors?.map((f) => f.field),
      ['assignment_en'],
    );
    assert.equal(
      await t.deps.db.selectFrom('training_programmes').select('id').where('code', '=', 'ASSIGN-HALF').executeTakeFirst(),
      undefined,
    );
    const page = await reviewer.get(`/en/console/training/programmes/${programmeId}`);
    assert.match(page.body, /have the assignment accepted/);
    assert.match(page.body, /Map a user journey/);
  });

  it('completes only once the assignment is accepted: returned with a comment (emailed in Arabic), sent again, accepted', async () => {
    const e = await enrolmentOf(learnerId);
    // Attendance alone does not complete a programme that asks for an assignment.
    assert.equal((await trainer.post(`/en/console/training/sessions/${sessionId}/attendance`, { present: String(e.id) })).statusCode, 303);
    assert.equal((await enrolmentOf(learnerId)).completed_at, null);

    const page = await learner.get(`/ar/console/training/enrolments/${e.id}/assignment`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /صف رحلة مستفيد/);
    assert.match(page.body, /enctype="multipart\/form-data"/);

    const sent = await submit(learner, 'ar', e.id, 'رحلة المستفيد في خدمة تجديد الرخصة', {
      data: pdf(),
      filename: '../رحلة <المستفيد>.pdf',
    });
    assert.equal(sent.statusCode, 303);
    const [a] = await assignments();
    assert.equal(a.status, 'submitted');
    assert.equal(a.enrolment_id, e.id);
    assert.equal(a.file_name, 'رحلة _المستفيد.pdf');
    assert.ok(a.file_key && (await t.deps.storage.exists(a.file_key)));
    assert.equal((await audits('training.assignment.submit')).at(-1)?.record_id, String(a.id));

    // The trainer reads the PDF (audited) and returns the work; a return needs a comment.
    const file = await trainer.get(`/en/console/training/assignments/${a.id}/file`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal((await audits('training.assignment.read')).length, 1);
    const bare = await trainer.post(`/en/console/training/assignments/${a.id}/decide`, { decision: 'return' });
    assert.equal(bare.statusCode, 400);
    assert.match(bare.body, /Write the comment the person will be emailed/);
    const bareAr = await trainer.post(`/ar/console/training/assignments/${a.id}/decide`, { decision: 'return' });
    assert.match(bareAr.body, /اكتب الملاحظة التي ستُرسل إلى الشخص/);
    assert.equal((await assignments())[0].status, 'submitted');
    const returned = await trainer.post(`/en/console/training/assignments/${a.id}/decide`, {
      decision: 'return',
      comment: 'Add the pain points at each step.',
    });
    assert.equal(returned.statusCode, 303);
    assert.equal((await assignments())[0].status, 'returned');
    const mail = await t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('to_address', '=', 'learner@alpha.sa')
      .where('source', '=', 'training')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(mail.subject ?? '', /أُعيدت مهمتك في برنامج تصميم الخدمات/);
    assert.match(mail.text_body ?? '', /Add the pain points at each step\./);
    assert.match(mail.text_body ?? '', new RegExp(`/ar/console/training/enrolments/${e.id}/assignment`));
    assert.equal((await audits('training.assignment.return')).length, 1);
    assert.equal((await enrolmentOf(learnerId)).completed_at, null);

    // Sent again with a new file: the old file goes; then accepted, and the completion follows (certified).
    const oldKey = a.file_key as string;
    assert.equal((await submit(learner, 'en', e.id, 'With the pain points', { data: pdf(3000), filename: 'v2.pdf' })).statusCode, 303);
    const [again] = await assignments();
    assert.equal(again.status, 'submitted');
    assert.equal(again.comment, null);
    assert.equal(await t.deps.storage.exists(oldKey), false);
    assert.equal((await reviewer.post(`/en/console/training/assignments/${a.id}/decide`, { decision: 'accept' })).statusCode, 303);
    const done = await enrolmentOf(learnerId);
    assert.ok(done.completed_at);
    assert.equal(done.completion_basis, 'criteria');
    const cert = await t.deps.db.selectFrom('credentials').selectAll().where('source_ref', 'like', `enrolment:${e.id}@%`).execute();
    assert.equal(cert.length, 1);
    assert.equal((await audits('training.assignment.accept')).length, 1);
    // Once accepted it can be neither sent again nor decided again.
    assert.equal((await submit(learner, 'en', e.id, 'more')).statusCode, 409);
    assert.equal(
      (await reviewer.post(`/en/console/training/assignments/${a.id}/decide`, { decision: 'return', comment: 'x' })).statusCode,
      409,
    );
    const record = await learner.get('/en/console/training/record');
    assert.match(record.body, /Assignment \(Accepted\)/);
  });

  it('judges the file by its bytes and size, with errors in both languages, storing nothing', async () => {
    const e = await enrolmentOf(secondId);
    const before = await storedFiles();
    const rows = (await assignments()).length;
    const fake = await submit(second, 'en', e.id, 'text', { data: Buffer.from('MZ\x90\x00 not a pdf'), filename: 'work.pdf' });
    assert.equal(fake.statusCode, 400);
    assert.match(fake.body, /PDF/);
    const big = await submit(second, 'ar', e.id, 'نص', { data: pdf(5 * 1024 * 1024 + 10), filename: 'big.pdf' });
    assert.equal(big.statusCode, 400);
    assert.match(big.body, /ميغابايت/);
    const empty = await submit(second, 'en', e.id, '   ');
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /id="f-text-error"|f-text/);
    assert.equal((await assignments()).length, rows);
    assert.deepEqual(await storedFiles(), before);
    // Text alone is enough.
    assert.equal((await submit(second, 'en', e.id, 'My journey map, in words')).statusCode, 303);
    assert.equal((await assignments()).length, rows + 1);
  });

  it('refuses another agency, someone not enrolled, the wrong role and a closed offering', async () => {
    const e = await enrolmentOf(secondId);
    const [, a] = await assignments();
    // Another agency's administrator cannot read or send it; a colleague who is no trainer cannot decide or read the file.
    assert.equal((await otherAdmin.get(`/en/console/training/enrolments/${e.id}/assignment`)).statusCode, 403);
    assert.equal((await submit(otherAdmin, 'en', e.id, 'mine')).statusCode, 403);
    assert.equal((await bystander.post(`/en/console/training/assignments/${a.id}/decide`, { decision: 'accept' })).statusCode, 403);
    assert.equal((await bystander.get(`/en/console/training/assignments/${a.id}/file`)).statusCode, 404, 'no file: nothing to read');
    assert.equal((await otherAdmin.get(`/en/console/training/offerings/${offeringId}/assignments`)).statusCode, 403);
    // Someone sending for another person's enrolment (even their colleague) is refused.
    const learnerEnrolment = await enrolmentOf(learnerId);
    assert.equal(
      await statusOf(submitStaffAssignment(t.deps, await ctxOf(secondId, 'second@alpha.sa'), learnerEnrolment.id, { text: 'x' })),
      403,
    );
    // The list shows both to the trainer.
    const list = await trainer.get(`/en/console/training/offerings/${offeringId}/assignments`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Lama/);
    assert.match(list.body, /Sami/);
    // A cancelled enrolment cannot send; a completed offering takes no more submissions.
    await t.deps.db.updateTable('training_enrolments').set({ status: 'cancelled' }).where('id', '=', e.id).execute();
    assert.equal((await submit(second, 'en', e.id, 'again')).statusCode, 409);
    await t.deps.db.updateTable('training_enrolments').set({ status: 'enrolled' }).where('id', '=', e.id).execute();
    await t.deps.db.updateTable('training_offerings').set({ status: 'completed' }).where('id', '=', offeringId).execute();
    assert.equal((await submit(second, 'en', e.id, 'again')).statusCode, 409);
    // The decision still may be made once the offering has run; a cancelled one takes none.
    await t.deps.db.updateTable('training_offerings').set({ status: 'cancelled' }).where('id', '=', offeringId).execute();
    assert.equal(await statusOf(decideAssignment(t.deps, office, a.id, { decision: 'accept' })), 409);
    await t.deps.db.updateTable('training_offerings').set({ status: 'completed' }).where('id', '=', offeringId).execute();
    assert.equal(await statusOf(decideAssignment(t.deps, office, a.id, { decision: 'accept' })), 0);
    await t.deps.db.updateTable('training_offerings').set({ status: 'open' }).where('id', '=', offeringId).execute();
  });

  it('takes a member of the public’s assignment through the signed link of their place', async () => {
    const pub = await createProgramme(t.deps, office, {
      code: 'ASSIGN-PUB',
      title_ar: 'الأمن للجميع',
      title_en: 'Security for all',
      description_ar: 'وصف',
      description_en: 'About',
      audience: 'public',
      track: 'cybersecurity',
      hours: '2',
      delivery_mode: 'online',
      min_attendance_pct: '0',
      assignment_ar: 'اكتب ثلاث نصائح.',
      assignment_en: 'Write three tips.',
    });
    await setProgrammePublished(t.deps, office, pub.id, true);
    const o = await createOffering(t.deps, office, pub.id, {
      starts_on: day(1),
      ends_on: day(-3),
      online_url: 'https://meet.example.gov.sa/p',
      capacity: '5',
    });
    await addSession(t.deps, office, o.id, { starts_at: past(-1), ends_at: hourAfter(past(-1)) });
    await addTrainer(t.deps, office, o.id, { email: 'trainer@alpha.sa' });
    await setOfferingStatus(t.deps, office, o.id, { status: 'open' });
    const ctx: Ctx = { actor: anonymous, lang: 'en', requestId: null, ip: '10.9.0.7' };
    const pending = await requestGuestCode(t.deps, ctx, o.id, { name: 'Nora', email: 'nora@example.sa' });
    const codeMail = await t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('to_address', '=', 'nora@example.sa')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const code = /Your code is (\d{6})/.exec(codeMail.text_body ?? '')?.[1] ?? '';
    const { token, guest } = await verifyGuestCode(t.deps, ctx, pending, { code });
    const c = new Client(t.app);
    const page = await c.get(`/en/training/sign-up/manage?token=${encodeURIComponent(token)}`);
    assert.match(page.body, /Write three tips\./);
    assert.match(page.body, /action="\/en\/training\/sign-up\/assignment"/);
    const bad = await c.upload('/en/training/sign-up/assignment', { token, text: 'tips' }, [
      { filename: 'tips.pdf', data: Buffer.from('just text'), type: 'application/pdf' },
    ]);
    assert.equal(bad.statusCode, 400);
    assert.equal((await c.upload('/en/training/sign-up/assignment', { token: `${token}x`, text: 'tips' })).statusCode, 409);
    const ok = await c.upload('/en/training/sign-up/assignment', { token, text: '1. Long passphrases 2. MFA 3. Updates' }, [
      { filename: 'tips.pdf', data: pdf(), type: 'application/pdf' },
    ]);
    assert.equal(ok.statusCode, 303);
    const a = (await assignments()).find((x) => x.guest_id === guest.id);
    assert.ok(a);
    assert.equal(
      (await t.deps.db.selectFrom('training_guests').select('completed_at').where('id', '=', guest.id).executeTakeFirstOrThrow())
        .completed_at,
      null,
    );
    const review = await trainer.get(`/en/console/training/assignments/${a.id}`);
    assert.match(review.body, /Long passphrases/);
    assert.equal((await trainer.post(`/en/console/training/assignments/${a.id}/decide`, { decision: 'accept' })).statusCode, 303);
    const g = await t.deps.db.selectFrom('training_guests').selectAll().where('id', '=', guest.id).executeTakeFirstOrThrow();
    assert.ok(g.completed_at, 'no attendance asked: the accepted assignment completes it');
  });

  async function ctxOf(id: number, email: string): Promise<Ctx> {
    return {
      actor: { kind: 'user', id, name: 'x', email, locale: 'en', memberships: [{ role: 'agency_editor', agencyId: agency }] },
      lang: 'en',
      requestId: null,
      ip: null,
    };
  }
});
