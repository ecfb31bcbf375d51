import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { anonymous, type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { nominate } from './enrolment.service.ts';
import { cancelGuest, LIMITS, requestGuestCode, verifyGuestCode } from './guests.service.ts';
import { trainingPersonalData } from './privacy.ts';
import { addSession, createOffering, createProgramme, setOfferingStatus, setProgrammePublished } from './training.service.ts';

// Members of the public sign up without an account: the email is proven by a code (or the link in
// the same email) sent through the outbox, then the person takes a seat or a waitlist place through
// the same locked seat counter and waitlist sequence as staff, so mixed concurrent sign-ups never
// overbook; a signed link shows and cancels the place, and a freed seat goes to the next in line,
// whoever they are. Requests are rate-limited; the privacy port exports and erases sign-ups.

describe('training: public sign-up without an account', () => {
  let t: TestApp;
  const office = systemCtx('test office');
  let publicProgramme = 0;
  let staffProgramme = 0;
  let agency = 0;

  const statusOf = async (p: Promise<unknown>) => {
    try {
      await p;
      return 0;
    } catch (e) {
      if (e instanceof AppError) return e.status;
      throw e;
    }
  };
  const openOffering = async (programmeId: number, capacity: number) => {
    const o = await createOffering(t.deps, office, programmeId, {
      starts_on: '2030-04-01',
      ends_on: '2030-04-01',
      online_url: 'https://meet.example.gov.sa/p',
      capacity: String(capacity),
    });
    await addSession(t.deps, office, o.id, { starts_at: '2030-04-01T06:00:00Z', ends_at: '2030-04-01T08:00:00Z' });
    await setOfferingStatus(t.deps, office, o.id, { status: 'open' });
    return o;
  };
  const lastMail = (to: string) =>
    t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('to_address', '=', to)
      .where('source', '=', 'training')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  const codeIn = (text: string | null) => /(?:Your code is|رمزك هو) (\d{6})/.exec(text ?? '')?.[1] ?? '';
  const offeringRow = (id: number) => t.deps.db.selectFrom('training_offerings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const guestRows = (offeringId: number) =>
    t.deps.db.selectFrom('training_guests').selectAll().where('offering_id', '=', offeringId).orderBy('id').execute();
  const publicCtx = (ip: string): Ctx => ({ actor: anonymous, lang: 'en', requestId: null, ip });

  /** Signs a person up through the pages and returns their client and the manage page's address. */
  async function signUp(offeringId: number, email: string, name: string, ip: string) {
    const c = new Client(t.app, { remoteAddress: ip });
    const sent = await c.post(`/en/training/offerings/${offeringId}/sign-up`, { name, email });
    assert.equal(sent.statusCode, 200, sent.body);
    const pending = /name="pending" value="([^"]+)"/.exec(sent.body)?.[1] ?? '';
    const code = codeIn((await lastMail(email)).text_body);
    const ok = await c.post(`/en/training/offerings/${offeringId}/sign-up/verify`, { pending, code });
    assert.equal(ok.statusCode, 303, ok.body);
    return { c, manage: String(ok.headers.location) };
  }

  before(async () => {
    t = await testApp();
    agency = (await buildAgency(t.deps, { code: 'gamma' })).id;
    const programme = (code: string, audience: string) =>
      createProgramme(t.deps, office, {
        code,
        title_ar: 'الأمن السيبراني للجميع',
        title_en: 'Cyber safety for everyone',
        description_ar: 'وصف',
        description_en: 'About',
        audience,
        track: 'cybersecurity',
        hours: '2',
        delivery_mode: 'online',
        min_attendance_pct: '100',
      });
    publicProgramme = (await programme('PUB-1', 'public')).id;
    staffProgramme = (await programme('STAFF-1', 'employees')).id;
    await setProgrammePublished(t.deps, office, publicProgramme, true);
    await setProgrammePublished(t.deps, office, staffProgramme, true);
  });
  after(() => t.close());

  it('signs a person up after a code sent to their email, normalising the phone, and refuses bad input field by field in both languages', async () => {
    const o = await openOffering(publicProgramme, 5);
    const c = new Client(t.app, { remoteAddress: '10.1.0.1' });
    const page = await c.get(`/ar/training/offerings/${o.id}/sign-up`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /أرسل لي رمزًا/);
    const bad = await c.post(`/ar/training/offerings/${o.id}/sign-up`, { name: '', email: 'not-an-address', phone: '12ab' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /f-name/);
    assert.match(bad.body, /f-email/);
    assert.match(bad.body, /f-phone/);
    const badEn = await c.post(`/en/training/offerings/${o.id}/sign-up`, { name: 'Sara', email: 'sara@example.sa', phone: '0512' });
    assert.equal(badEn.statusCode, 400);
    assert.match(badEn.body, /f-phone/);
    assert.equal((await guestRows(o.id)).length, 0, 'nothing is written for bad input');

    const sent = await c.post(`/en/training/offerings/${o.id}/sign-up`, { name: 'Sara', email: 'Sara@Example.sa', phone: '050 123 4567' });
    assert.equal(sent.statusCode, 200);
    const pending = /name="pending" value="([^"]+)"/.exec(sent.body)?.[1] ?? '';
    const mail = await lastMail('sara@example.sa');
    assert.equal(mail.status, 'queued', 'sent through the outbox');
    const code = codeIn(mail.text_body);
    assert.match(code, /^\d{6}$/);
    const [pendingRow] = await guestRows(o.id);
    assert.equal(pendingRow.status, 'pending');
    assert.equal(pendingRow.phone, '+966501234567');
    assert.equal((await offeringRow(o.id)).seats_taken, 0, 'no seat before the address is proven');

    const wrong = await c.post(`/en/training/offerings/${o.id}/sign-up/verify`, { pending, code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /This code is not right/);
    const forged = await c.post(`/en/training/offerings/${o.id}/sign-up/verify`, { pending: `${pending}x`, code });
    assert.equal(forged.statusCode, 409);
    const ok = await c.post(`/en/training/offerings/${o.id}/sign-up/verify`, {
      pending,
      code: code.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]),
    });
    assert.equal(ok.statusCode, 303, 'Arabic-Indic digits are read as the same code');
    const manage = String(ok.headers.location);
    assert.match(manage, /^\/en\/training\/sign-up\/manage\?token=/);
    const [g] = await guestRows(o.id);
    assert.equal(g.status, 'enrolled');
    assert.ok(g.verified_at);
    assert.equal(g.code_hash, null, 'the code cannot be used twice');
    assert.equal((await offeringRow(o.id)).seats_taken, 1);
    assert.match((await lastMail('sara@example.sa')).subject ?? '', /Your seat is booked/);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'training_guest')
      .where('record_id', '=', String(g.id))
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['training.guest.code_request', 'training.guest.enrol'],
    );
    const shown = await c.get(manage);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /Sara/);
    assert.match(shown.body, /Cancel my place/);
    const again = await c.post(`/en/training/offerings/${o.id}/sign-up/verify`, { pending, code });
    assert.equal(again.statusCode, 409, 'a used code is stale');
  });

  it('confirms by the link in the code email as well, once, and keeps a person who signs up twice in their one place', async () => {
    const o = await openOffering(publicProgramme, 5);
    const c = new Client(t.app, { remoteAddress: '10.1.0.2' });
    await c.post(`/ar/training/offerings/${o.id}/sign-up`, { name: 'Omar', email: 'omar@example.sa' });
    const mail = await lastMail('omar@example.sa');
    assert.match(mail.subject ?? '', /رمز التسجيل/);
    const link = /\/ar\/training\/sign-up\/confirm\?token=([A-Za-z0-9_.-]+)/.exec(mail.text_body)?.[1] ?? '';
    assert.ok(link, mail.text_body);
    const confirmPage = await c.get(`/ar/training/sign-up/confirm?token=${link}`);
    assert.equal(confirmPage.statusCode, 200);
    assert.equal((await guestRows(o.id))[0].status, 'pending', 'opening the link changes nothing by itself');
    const ok = await c.post('/ar/training/sign-up/confirm', { token: link });
    assert.equal(ok.statusCode, 303);
    assert.equal((await guestRows(o.id))[0].status, 'enrolled');
    assert.equal((await c.post('/ar/training/sign-up/confirm', { token: link })).statusCode, 409, 'the link works once');
    assert.equal((await c.get(`/ar/training/sign-up/confirm?token=${link}x`)).statusCode, 409);

    await signUp(o.id, 'omar@example.sa', 'Omar', '10.1.0.3');
    assert.equal((await guestRows(o.id)).length, 1);
    assert.equal((await offeringRow(o.id)).seats_taken, 1, 'a second sign-up does not take a second seat');
  });

  it('refuses offerings not open to the public: staff programmes, drafts and closed offerings', async () => {
    const staffOffering = await openOffering(staffProgramme, 5);
    const c = new Client(t.app, { remoteAddress: '10.1.0.4' });
    assert.equal((await c.get(`/en/training/offerings/${staffOffering.id}/sign-up`)).statusCode, 404);
    assert.equal(
      (await c.post(`/en/training/offerings/${staffOffering.id}/sign-up`, { name: 'X', email: 'x@example.sa' })).statusCode,
      404,
    );
    const draft = await createOffering(t.deps, office, publicProgramme, {
      starts_on: '2030-04-01',
      ends_on: '2030-04-01',
      online_url: 'https://meet.example.gov.sa/d',
      capacity: '5',
    });
    assert.equal((await c.get(`/en/training/offerings/${draft.id}/sign-up`)).statusCode, 404);
    const closed = await openOffering(publicProgramme, 5);
    await setOfferingStatus(t.deps, office, closed.id, { status: 'closed' });
    const refused = await c.post(`/en/training/offerings/${closed.id}/sign-up`, { name: 'X', email: 'x@example.sa' });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /not open for enrolment/);
    assert.equal(
      await t.deps.db
        .selectFrom('training_guests')
        .select('id')
        .where('offering_id', 'in', [staffOffering.id, closed.id])
        .execute()
        .then((r) => r.length),
      0,
    );
  });

  it('never overbooks when the public and staff take seats at once, keeps one waitlist in sign-up order, and a cancelled seat goes to the next in line', async () => {
    const o = await openOffering(publicProgramme, 3);
    const pendings: { token: string; code: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const email = `rush${i}@example.sa`;
      const token = await requestGuestCode(t.deps, publicCtx(`10.2.0.${i}`), o.id, { name: `Rush ${i}`, email });
      pendings.push({ token, code: codeIn((await lastMail(email)).text_body) });
    }
    const staff = await Promise.all(
      [1, 2].map((i) => buildUser(t.deps, { email: `staff${i}@gamma.sa`, role: 'agency_editor', agencyId: agency })),
    );
    const results = await Promise.allSettled([
      ...pendings.map((p, i) => verifyGuestCode(t.deps, publicCtx(`10.2.1.${i}`), p.token, { code: p.code })),
      nominate(t.deps, office, o.id, agency, { user_ids: staff.map((s) => String(s.id)) }),
    ]);
    assert.deepEqual(
      results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason),
      [],
    );
    const row = await offeringRow(o.id);
    assert.equal(row.seats_taken, 3);
    const guests = await guestRows(o.id);
    const enrolments = await t.deps.db.selectFrom('training_enrolments').selectAll().where('offering_id', '=', o.id).execute();
    const seated = [...guests, ...enrolments].filter((x) => x.status === 'enrolled').length;
    assert.equal(seated, 3, 'seats held equal the counter');
    const positions = [...guests, ...enrolments]
      .filter((x) => x.status === 'waitlisted')
      .map((x) => x.waitlist_position as number)
      .sort((a, b) => a - b);
    assert.deepEqual(positions, [1, 2, 3, 4, 5], 'one waitlist, no gaps, no duplicates');

    // The first seated guest cancels through the signed link: the holder of place 1 gets the seat.
    const firstSeated = guests.find((g) => g.status === 'enrolled');
    assert.ok(firstSeated);
    const nextInLine = [...guests, ...enrolments].find((x) => x.status === 'waitlisted' && x.waitlist_position === 1);
    assert.ok(nextInLine);
    const { manageToken } = await import('./guests.service.ts');
    await cancelGuest(t.deps, publicCtx('10.2.2.1'), manageToken(t.deps, firstSeated.id));
    assert.equal((await offeringRow(o.id)).seats_taken, 3);
    const table = 'user_id' in nextInLine ? 'training_enrolments' : 'training_guests';
    const promoted = await t.deps.db.selectFrom(table).select(['status']).where('id', '=', nextInLine.id).executeTakeFirstOrThrow();
    assert.equal(promoted.status, 'enrolled');
    assert.equal(await statusOf(cancelGuest(t.deps, publicCtx('10.2.2.1'), manageToken(t.deps, firstSeated.id))), 409, 'cancelled once');
    assert.equal(await statusOf(cancelGuest(t.deps, publicCtx('10.2.2.1'), 'forged.token')), 409);
  });

  it('cancels through the page and promotes a waitlisted member of the public, telling them by email', async () => {
    const o = await openOffering(publicProgramme, 1);
    const first = await signUp(o.id, 'first@example.sa', 'First', '10.3.0.1');
    await signUp(o.id, 'second@example.sa', 'Second', '10.3.0.2');
    const [, second] = await guestRows(o.id);
    assert.equal(second.status, 'waitlisted');
    assert.equal(second.waitlist_position, 1);
    const token = decodeURIComponent(/token=([^&]+)/.exec(first.manage)?.[1] ?? '');
    const done = await first.c.post('/en/training/sign-up/cancel', { token });
    assert.equal(done.statusCode, 303);
    const [a, b] = await guestRows(o.id);
    assert.equal(a.status, 'cancelled');
    assert.equal(b.status, 'enrolled');
    assert.match((await lastMail('second@example.sa')).subject ?? '', /A seat freed up/);
    assert.equal((await offeringRow(o.id)).seats_taken, 1);
  });

  it('rate-limits codes per address', async () => {
    const o = await openOffering(publicProgramme, 5);
    const c = new Client(t.app, { remoteAddress: '10.4.0.1' });
    for (let i = 0; i < LIMITS.codesPerAddress.limit; i++)
      assert.equal((await c.post(`/en/training/offerings/${o.id}/sign-up`, { name: 'Flood', email: 'flood@example.sa' })).statusCode, 200);
    const over = await c.post(`/en/training/offerings/${o.id}/sign-up`, { name: 'Flood', email: 'flood@example.sa' });
    assert.equal(over.statusCode, 429);
  });

  it('exports and erases a sign-up for the privacy office by email or phone, keeping the seat counted', async () => {
    const o = await openOffering(publicProgramme, 5);
    const c = new Client(t.app, { remoteAddress: '10.5.0.1' });
    const sent = await c.post(`/en/training/offerings/${o.id}/sign-up`, { name: 'Huda', email: 'huda@example.sa', phone: '0551234567' });
    const pending = /name="pending" value="([^"]+)"/.exec(sent.body)?.[1] ?? '';
    await c.post(`/en/training/offerings/${o.id}/sign-up/verify`, { pending, code: codeIn((await lastMail('huda@example.sa')).text_body) });
    const exported = await trainingPersonalData.export(t.deps, { email: 'huda@example.sa', phone: null });
    const kind = exported.find((k) => k.kind === 'training.public_signup');
    assert.equal(kind?.records.length, 1);
    assert.equal(kind?.records[0].phone, '+966551234567');
    const byPhone = await trainingPersonalData.export(t.deps, { email: null, phone: '+966551234567' });
    assert.equal(byPhone.find((k) => k.kind === 'training.public_signup')?.records.length, 1);
    const r = await t.deps.db
      .transaction()
      .execute((trx) => trainingPersonalData.erase(trx, t.deps, { email: 'huda@example.sa', phone: null }));
    assert.equal(r.counts['training.public_signup'], 1);
    const [g] = await guestRows(o.id);
    assert.equal(g.name, '[erased]');
    assert.equal(g.phone, null);
    assert.notEqual(g.email, 'huda@example.sa');
    assert.equal(g.status, 'enrolled');
    assert.equal((await offeringRow(o.id)).seats_taken, 1);
    assert.equal((await trainingPersonalData.export(t.deps, { email: 'huda@example.sa', phone: null })).length, 0);
  });
});
