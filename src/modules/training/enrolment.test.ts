import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/authz/roles.ts';
import { AppError } from '../../platform/http/errors.ts';
import { approve, cancel, enrolSelf, nominate, reject } from './enrolment.service.ts';
import { addSession, createOffering, createProgramme, setOfferingStatus, setProgrammePublished } from './training.service.ts';

// Seats under concurrent sign-ups, on both engines: every claim of a seat runs in a transaction that
// first locks the offering's row and then takes the seat with one conditional update, so however many
// people sign up at once the offering is never overbooked, the waitlist keeps sign-up order without
// gaps or duplicates, and freed seats go to the waitlist in that order. Refusals change nothing.

describe('training: enrolment, capacity and waitlist', () => {
  let t: TestApp;
  const office = systemCtx('test office');
  let agencyA = 0;
  let agencyB = 0;
  let programmeId = 0;

  const userCtx = async (role: Role, agencyId: number | null, email?: string): Promise<Ctx & { userId: number }> => {
    const u = await buildUser(t.deps, { role, agencyId, email });
    return {
      actor: { kind: 'user', id: u.id, name: u.name, email: u.email, locale: 'en', memberships: [{ role, agencyId }] },
      lang: 'en',
      requestId: null,
      ip: null,
      userId: u.id,
    };
  };
  const statusOf = async (err: Promise<unknown>) => {
    try {
      await err;
      return 0;
    } catch (e) {
      if (e instanceof AppError) return e.status;
      throw e;
    }
  };
  const snapshot = async () => ({
    enrolments: await t.deps.db.selectFrom('training_enrolments').selectAll().orderBy('id').execute(),
    offerings: await t.deps.db
      .selectFrom('training_offerings')
      .select(['id', 'seats_taken', 'waitlist_seq', 'status'])
      .orderBy('id')
      .execute(),
  });
  const openOffering = async (capacity: number) => {
    const o = await createOffering(t.deps, office, programmeId, {
      starts_on: '2030-03-01',
      ends_on: '2030-03-02',
      online_url: 'https://meet.example.gov.sa/x',
      capacity: String(capacity),
    });
    await addSession(t.deps, office, o.id, { starts_at: '2030-03-01T06:00:00Z', ends_at: '2030-03-01T09:00:00Z' });
    await setOfferingStatus(t.deps, office, o.id, { status: 'open' });
    return o;
  };

  before(async () => {
    t = await testApp();
    agencyA = (await buildAgency(t.deps, { code: 'alpha' })).id;
    agencyB = (await buildAgency(t.deps, { code: 'beta' })).id;
    programmeId = (
      await createProgramme(t.deps, office, {
        code: 'DATA-1',
        title_ar: 'البيانات',
        title_en: 'Data',
        description_ar: 'وصف',
        description_en: 'About data',
        audience: 'employees',
        track: 'data',
        hours: '6',
        delivery_mode: 'online',
        min_attendance_pct: '50',
      })
    ).id;
    await setProgrammePublished(t.deps, office, programmeId, true);
  });
  after(() => t.close());

  it('never overbooks: twenty concurrent sign-ups and approvals for five seats give five seats and a gapless waitlist', async () => {
    const o = await openOffering(5);
    const admins = await Promise.all(Array.from({ length: 12 }, () => userCtx('agency_admin', agencyA)));
    const editors = await Promise.all(Array.from({ length: 8 }, () => userCtx('agency_editor', agencyB)));
    const approver = await userCtx('agency_admin', agencyB);
    const requests = await Promise.all(editors.map((e) => enrolSelf(t.deps, e, o.id, {})));
    assert.ok(requests.every((r) => r.status === 'requested'));
    // Administrators' own sign-ups (decided at once) race the approvals of the editors' requests.
    await Promise.all([...admins.map((a) => enrolSelf(t.deps, a, o.id, {})), ...requests.map((r) => approve(t.deps, approver, r.id))]);

    const { enrolments, offerings } = await snapshot();
    const mine = enrolments.filter((e) => e.offering_id === o.id);
    const seated = mine.filter((e) => e.status === 'enrolled');
    const waiting = mine.filter((e) => e.status === 'waitlisted');
    assert.equal(seated.length, 5);
    assert.equal(waiting.length, 15);
    assert.deepEqual(
      waiting.map((e) => e.waitlist_position).sort((a, b) => (a ?? 0) - (b ?? 0)),
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    assert.equal(offerings.find((x) => x.id === o.id)?.seats_taken, 5);

    // Three seats freed at once go to the first three on the waitlist, and the offering stays full.
    const firstThree = [...waiting]
      .sort((a, b) => (a.waitlist_position ?? 0) - (b.waitlist_position ?? 0))
      .slice(0, 3)
      .map((e) => e.id);
    await Promise.all(seated.slice(0, 3).map((e) => cancel(t.deps, office, e.id)));
    const later = (await snapshot()).enrolments.filter((e) => e.offering_id === o.id);
    assert.deepEqual(later.filter((e) => e.status === 'enrolled').length, 5);
    assert.deepEqual(
      later.filter((e) => firstThree.includes(e.id)).map((e) => e.status),
      ['enrolled', 'enrolled', 'enrolled'],
    );
    assert.equal(later.filter((e) => e.status === 'waitlisted').length, 12);
    assert.equal((await snapshot()).offerings.find((x) => x.id === o.id)?.seats_taken, 5);
    const promotions = await t.deps.db
      .selectFrom('audit_log')
      .select('record_id')
      .where('action', '=', 'training.enrolment.promote')
      .execute();
    assert.deepEqual(
      promotions.map((p) => Number(p.record_id)).sort((a, b) => a - b),
      [...firstThree].sort((a, b) => a - b),
    );
  });

  it('a nomination of many staff fills the seats in order and waitlists the rest, in one transaction', async () => {
    const o = await openOffering(2);
    const admin = await userCtx('agency_admin', agencyA);
    const staff = await Promise.all(Array.from({ length: 4 }, () => userCtx('agency_editor', agencyA)));
    const made = await nominate(t.deps, admin, o.id, agencyA, { user_ids: staff.map((s) => String(s.userId)) });
    assert.deepEqual(
      made.map((e) => e.status),
      ['enrolled', 'enrolled', 'waitlisted', 'waitlisted'],
    );
    // Someone outside the agency in the list: the whole nomination is refused, nothing is written.
    const outsider = await userCtx('agency_editor', agencyB);
    const before = await snapshot();
    assert.equal(
      await statusOf(nominate(t.deps, admin, o.id, agencyA, { user_ids: [String(staff[0].userId), String(outsider.userId)] })),
      400,
    );
    assert.deepEqual(await snapshot(), before);
  });

  it('refuses another agency’s administrator, the wrong roles, a closed offering and a second request, changing nothing', async () => {
    const o = await openOffering(3);
    const editorA = await userCtx('agency_editor', agencyA);
    const adminB = await userCtx('agency_admin', agencyB);
    const editorA2 = await userCtx('agency_editor', agencyA);
    const judge = await userCtx('judge', null);
    const reviewer = await userCtx('program_reviewer', null);
    const request = await enrolSelf(t.deps, editorA, o.id, {});
    const before = await snapshot();

    assert.equal(await statusOf(approve(t.deps, adminB, request.id)), 403, 'another agency’s administrator');
    assert.equal(await statusOf(reject(t.deps, adminB, request.id)), 403);
    assert.equal(await statusOf(approve(t.deps, editorA2, request.id)), 403, 'an editor cannot approve');
    assert.equal(await statusOf(nominate(t.deps, adminB, o.id, agencyA, { user_ids: [String(editorA2.userId)] })), 403);
    assert.equal(await statusOf(cancel(t.deps, editorA2, request.id)), 403, 'a colleague cannot cancel it');
    assert.equal(await statusOf(enrolSelf(t.deps, judge, o.id, {})), 403, 'not agency staff');
    assert.equal(await statusOf(enrolSelf(t.deps, reviewer, o.id, {})), 403);
    assert.equal(await statusOf(enrolSelf(t.deps, editorA, o.id, { agency_id: String(agencyB) })), 403, 'for another agency');
    assert.equal(await statusOf(enrolSelf(t.deps, { ...office, actor: { kind: 'anonymous' } }, o.id, {})), 403);
    assert.equal(await statusOf(enrolSelf(t.deps, editorA, o.id, {})), 409, 'asked already');
    assert.equal(await statusOf(enrolSelf(t.deps, editorA2, 999_999, {})), 404);
    assert.deepEqual(await snapshot(), before);

    await setOfferingStatus(t.deps, office, o.id, { status: 'closed' });
    const closed = await snapshot();
    assert.equal(await statusOf(enrolSelf(t.deps, editorA2, o.id, {})), 409, 'closed to enrolment');
    const adminA = await userCtx('agency_admin', agencyA);
    assert.equal(await statusOf(approve(t.deps, adminA, request.id)), 409, 'no approval onto a closed offering');
    assert.deepEqual(await snapshot(), closed);

    // Rejected, the person may ask again once the offering reopens.
    await reject(t.deps, adminA, request.id);
    await setOfferingStatus(t.deps, office, o.id, { status: 'open' });
    assert.equal((await enrolSelf(t.deps, editorA, o.id, {})).status, 'requested');
    assert.equal((await approve(t.deps, adminA, request.id)).status, 'enrolled');
    assert.equal(await statusOf(approve(t.deps, adminA, request.id)), 409, 'decided already');
  });

  it('asks someone on the staff of two agencies which one they enrol for, and decides at once where they are the administrator', async () => {
    const o = await openOffering(4);
    const both = await userCtx('agency_editor', agencyA);
    if (both.actor.kind !== 'user') throw new Error('a user');
    both.actor.memberships.push({ role: 'agency_admin', agencyId: agencyB });
    assert.equal(await statusOf(enrolSelf(t.deps, both, o.id, {})), 400);
    assert.equal((await enrolSelf(t.deps, both, o.id, { agency_id: String(agencyA) })).status, 'requested', 'an editor in A asks');
    const other = await userCtx('agency_editor', agencyA);
    if (other.actor.kind !== 'user') throw new Error('a user');
    other.actor.memberships.push({ role: 'agency_admin', agencyId: agencyB });
    const made = await enrolSelf(t.deps, other, o.id, { agency_id: String(agencyB) });
    assert.equal(made.status, 'enrolled', 'the administrator of B is enrolled at once');
    assert.equal(made.agency_id, agencyB);
  });

  it('reopening an offering after its capacity frees promotes the waitlist; a cancelled offering takes nobody', async () => {
    const o = await openOffering(1);
    const admin = await userCtx('agency_admin', agencyA);
    const [a, b] = await Promise.all([userCtx('agency_editor', agencyA), userCtx('agency_editor', agencyA)]);
    const [ea, eb] = await nominate(t.deps, admin, o.id, agencyA, { user_ids: [String(a.userId), String(b.userId)] });
    assert.equal(eb.status, 'waitlisted');
    await setOfferingStatus(t.deps, office, o.id, { status: 'closed' });
    await cancel(t.deps, a, ea.id); // a closed offering still hands the seat on
    assert.equal(
      (await t.deps.db.selectFrom('training_enrolments').select('status').where('id', '=', eb.id).executeTakeFirstOrThrow()).status,
      'enrolled',
    );
    await setOfferingStatus(t.deps, office, o.id, { status: 'cancelled' });
    assert.equal(await statusOf(setOfferingStatus(t.deps, office, o.id, { status: 'open' })), 409);
    assert.equal(await statusOf(cancel(t.deps, b, eb.id)), 409);
    const mails = await t.deps.db.selectFrom('messages').select(['to_address', 'subject']).where('source', '=', 'training').execute();
    const email = b.actor.kind === 'user' ? b.actor.email : '';
    assert.ok(
      mails.some((m) => m.to_address === email && /A seat freed up/.test(m.subject ?? '')),
      'the promoted person is told',
    );
  });
});
