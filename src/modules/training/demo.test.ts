import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client } from '../../../test/helpers/client.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { verifyDocument } from '../../platform/credentials/credentials.ts';
import { identityModule } from '../identity/index.ts';
import { nationalProgress } from './progress.service.ts';
import { trainedStaffShare } from './public.ts';
import { demoProgrammes } from './training.demo.data.ts';
import { loadTrainingDemo } from './training.demo.ts';
import { deliveryModes, enrolmentStatuses, offeringStatuses, tracks } from './training.tables.ts';

// The demo's training goes through the module's services and rules: every offering state, every kind
// of enrolment, completions from the criteria and one recorded with its reason; loading twice adds nothing.
// The hand-written story (training.demo.ts) is checked on its own programmes' offerings; the year
// around it (training.demo.year.ts) against the demo section, in the last test.

/** The ids of the story's offerings (those of its own programmes; the year uses others). */
async function storyOfferings(t: TestApp) {
  const rows = await t.deps.db
    .selectFrom('training_offerings as o')
    .innerJoin('training_programmes as p', 'p.id', 'o.programme_id')
    .select('o.id')
    .where(
      'p.code',
      'in',
      demoProgrammes.map((p) => p.code),
    )
    .orderBy('o.id')
    .execute();
  return rows.map((r) => r.id);
}

describe('training: demo data', () => {
  let t: TestApp;
  let loaded: Record<string, number>;
  before(async () => {
    t = await testApp();
    await identityModule.demo?.(t.deps, systemCtx('demo'), {});
    loaded = await loadTrainingDemo(t.deps, systemCtx('demo'));
  });
  after(() => t.close());

  it('has programmes for staff and the public, offerings in every state, and is loaded once', async () => {
    assert.equal(loaded.training_programmes, 5);
    const programmes = await t.deps.db.selectFrom('training_programmes').selectAll().execute();
    assert.equal(programmes.length, loaded.training_programmes + loaded.training_year_programmes);
    assert.deepEqual([...new Set(programmes.map((p) => p.audience))].sort(), ['employees', 'public']);
    assert.ok(programmes.every((p) => p.published === 1));
    const offerings = await t.deps.db.selectFrom('training_offerings').selectAll().execute();
    assert.deepEqual([...new Set(offerings.map((o) => o.status))].sort(), [...offeringStatuses].sort());
    assert.ok(offerings.every((o) => o.seats_taken <= o.capacity));
    const again = await loadTrainingDemo(t.deps, systemCtx('demo'));
    assert.ok(
      Object.values(again).every((v) => v === 0),
      JSON.stringify(again),
    );
    assert.equal((await t.deps.db.selectFrom('training_offerings').select('id').execute()).length, offerings.length);
  });

  it('has every kind of enrolment, a promotion from the waitlist, and completions by the criteria and by a recorded reason', async () => {
    const story = await storyOfferings(t);
    const enrolments = await t.deps.db
      .selectFrom('training_enrolments')
      .selectAll()
      .where('offering_id', 'in', story)
      .orderBy('id')
      .execute();
    assert.deepEqual([...new Set(enrolments.map((e) => e.status))].sort(), ['cancelled', 'enrolled', 'requested', 'waitlisted']);
    assert.equal(enrolments.length, loaded.training_enrolments);
    const all = await t.deps.db.selectFrom('training_enrolments').select('status').execute();
    assert.deepEqual([...new Set(all.map((e) => e.status))].sort(), [...enrolmentStatuses].sort(), 'the year adds rejections');
    const promoted = await t.deps.db
      .selectFrom('audit_log')
      .select('record_id')
      .where('action', '=', 'training.enrolment.promote')
      .where(
        'record_id',
        'in',
        enrolments.map((e) => String(e.id)),
      )
      .execute();
    assert.equal(promoted.length, 1);
    const done = enrolments.filter((e) => e.completed_at);
    assert.equal(done.length, loaded.training_completions);
    assert.deepEqual(done.map((e) => e.completion_basis).sort(), ['criteria', 'manual']);
    assert.ok(done.find((e) => e.completion_basis === 'manual')?.completion_reason);
    const certificates = await t.deps.db
      .selectFrom('credentials')
      .select(['source_ref', 'revoked_at'])
      .where('source', '=', 'training')
      .where('source_ref', 'like', 'enrolment:%')
      .execute();
    const ids = new Set(enrolments.map((e) => `enrolment:${e.id}`));
    assert.deepEqual(
      certificates
        .map((c) => c.source_ref.split('@')[0])
        .filter((ref) => ids.has(ref))
        .sort(),
      done.map((e) => `enrolment:${e.id}`).sort(),
      'each completion is certified',
    );
    // The editor who failed once and passed once, with full attendance, completed from the criteria.
    const attempts = await t.deps.db
      .selectFrom('training_attempts')
      .selectAll()
      .where(
        'enrolment_id',
        'in',
        enrolments.map((e) => e.id),
      )
      .execute();
    assert.deepEqual(attempts.map((a) => a.passed).sort(), [0, 1, 1]);
    const year = Number((done[0].completed_at as string).slice(0, 4));
    const moh = (await t.deps.db.selectFrom('agencies').select('id').where('code', '=', 'moh').executeTakeFirstOrThrow()).id;
    const share = await trainedStaffShare(t.deps, moh, year);
    assert.ok(share && share.trained >= 1 && share.staff > 2, 'the ministry has its story and its year');
    assert.equal(share?.share, (share?.trained ?? 0) / (share?.staff ?? 1));
    const targets = await t.deps.db.selectFrom('training_targets').selectAll().execute();
    const agencies = await t.deps.db.selectFrom('agencies').select('id').where('status', '=', 'active').execute();
    assert.equal(targets.length, agencies.length, 'every demo agency has its target for the year');
  });

  it('has public sign-ups through the email code, an office cancellation, attendance, certificates (one revoked), evaluations and prerequisites', async () => {
    assert.equal(loaded.training_public_signups, 4);
    const guests = await t.deps.db
      .selectFrom('training_guests')
      .selectAll()
      .where('offering_id', 'in', await storyOfferings(t))
      .orderBy('id')
      .execute();
    assert.deepEqual(
      guests.map((g) => g.status),
      ['enrolled', 'cancelled', 'enrolled', 'enrolled'],
      'the waitlisted fourth was promoted when the office cancelled the duplicate',
    );
    assert.ok(guests[1].cancel_reason);
    assert.ok(guests.every((g) => g.verified_at));
    assert.deepEqual(
      guests.map((g) => g.completed_at !== null),
      [true, false, true, false],
    );
    const certificates = await t.deps.db
      .selectFrom('credentials')
      .selectAll()
      .where('source_ref', 'like', 'guest:%')
      .orderBy('id')
      .execute();
    const storyCertificates = certificates.filter((c) => guests.some((g) => c.source_ref.startsWith(`guest:${g.id}@`)));
    assert.equal(storyCertificates.length, 3);
    assert.equal(storyCertificates.filter((c) => c.revoked_at).length, 1, 'the corrected attendance revoked one');
    const valid = await t.deps.db
      .selectFrom('credentials')
      .select('id')
      .where('source', '=', 'training')
      .where('revoked_at', 'is', null)
      .execute();
    assert.ok(loaded.training_certificates <= valid.length);
    const completed = async (table: 'training_enrolments' | 'training_guests') =>
      (await t.deps.db.selectFrom(table).select('id').where('completed_at', 'is not', null).execute()).length;
    assert.equal(
      valid.length,
      (await completed('training_enrolments')) + (await completed('training_guests')),
      'one valid certificate per completion',
    );
    const invites = await t.deps.db.selectFrom('training_guest_evaluation_invites').selectAll().execute();
    assert.equal(invites.length, 2, 'only those who completed are asked');
    assert.ok(invites.every((i) => i.responded_at));
    assert.equal((await t.deps.db.selectFrom('training_evaluation_responses').select('id').execute()).length, 2);
    assert.equal((await t.deps.db.selectFrom('training_prerequisites').select('id').execute()).length, 1);
    assert.equal((await t.deps.db.selectFrom('training_waivers').select('id').execute()).length, 1);
  });

  it("meets the issue's demo section: a year of programmes, offerings in every state, thousands of enrolments across the agencies, certificates, one revoked", async () => {
    const db = t.deps.db;
    const programmes = await db.selectFrom('training_programmes').selectAll().orderBy('id').execute();
    assert.ok(programmes.length >= 20, `${programmes.length} programmes`);
    for (const audience of ['employees', 'public'] as const) {
      const mine = programmes.filter((p) => p.audience === audience);
      assert.deepEqual([...new Set(mine.map((p) => p.track))].sort(), [...tracks].sort(), `every track for ${audience}`);
      assert.deepEqual([...new Set(mine.map((p) => p.delivery_mode))].sort(), [...deliveryModes].sort(), `every mode for ${audience}`);
    }
    assert.ok(
      programmes.every((p) => /[\u0600-\u06FF]/.test(p.title_ar) && /[A-Za-z]/.test(p.title_en)),
      'bilingual',
    );

    // Offerings over the year around the day it was loaded, in every state.
    const offerings = await db.selectFrom('training_offerings').selectAll().orderBy('id').execute();
    const byStatus = Object.fromEntries(offeringStatuses.map((s) => [s, offerings.filter((o) => o.status === s).length]));
    assert.ok(
      byStatus.draft >= 4 && byStatus.open >= 20 && byStatus.closed >= 4 && byStatus.completed >= 15 && byStatus.cancelled >= 2,
      JSON.stringify(byStatus),
    );
    const days = offerings.map((o) => Date.parse(o.starts_on)).sort((a, b) => a - b);
    assert.ok((days[days.length - 1] - days[0]) / 86_400_000 >= 330, 'a year of offerings');
    assert.ok(offerings.every((o) => o.seats_taken <= o.capacity));
    const enrolments = await db.selectFrom('training_enrolments').selectAll().orderBy('id').execute();
    const full = offerings.filter(
      (o) =>
        o.status === 'open' && o.seats_taken === o.capacity && enrolments.some((e) => e.offering_id === o.id && e.status === 'waitlisted'),
    );
    assert.ok(full.length >= 1, 'an open offering is full with a waitlist');

    // Thousands of enrolments of staff of every demo agency, and the public's sign-ups.
    assert.ok(enrolments.length >= 2000, `${enrolments.length} staff enrolments`);
    const agencies = await db.selectFrom('agencies').select('id').where('status', '=', 'active').execute();
    assert.equal(new Set(enrolments.map((e) => e.agency_id)).size, agencies.length, 'every demo agency');
    const guests = await db.selectFrom('training_guests').select(['status', 'completed_at']).execute();
    assert.ok(guests.filter((g) => g.status !== 'pending').length >= 200, `${guests.length} public sign-ups`);
    for (const status of enrolmentStatuses)
      assert.ok(
        enrolments.some((e) => e.status === status),
        status,
      );
    const actions = async (action: string) =>
      (await db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;
    assert.ok((await actions('training.enrolment.approve')) >= 100, 'approved requests');
    assert.ok((await actions('training.enrolment.promote')) >= 10, 'waitlist promotions');
    assert.ok((await actions('training.enrolment.nominate')) >= 500, 'nominations');
    // The year's staff sign in only through single sign-on: no password was hashed for them.
    const people = await db.selectFrom('users').select(['password_hash', 'status']).where('email', 'like', 'staff%.%@yusr.demo').execute();
    assert.ok(people.length >= 500 && people.every((u) => u.password_hash === null && u.status === 'active'));

    // Attendance (some through session codes), attempts passed and failed, assignments accepted and returned.
    const attendance = await db.selectFrom('training_attendance').select(['marked_by', 'present']).execute();
    assert.ok(attendance.filter((a) => a.marked_by.startsWith('code:')).length >= 20, 'attendance by session code');
    assert.ok(attendance.some((a) => a.present === 0) && attendance.some((a) => a.present === 1));
    assert.ok((await db.selectFrom('training_sessions').select('id').where('code', 'is not', null).execute()).length >= 2);
    const attempts = await db.selectFrom('training_attempts').select('passed').execute();
    assert.ok(attempts.filter((a) => a.passed === 1).length >= 50 && attempts.filter((a) => a.passed === 0).length >= 10);
    const assignments = await db.selectFrom('training_assignments').select('status').execute();
    assert.ok(assignments.some((a) => a.status === 'accepted') && assignments.some((a) => a.status === 'returned'));
    assert.ok(
      (await actions('training.assignment.return')) > assignments.filter((a) => a.status === 'returned').length,
      'some returned were accepted later',
    );

    // Completions with certificates, exactly one of them revoked, and the verification page says so.
    const completions = enrolments.filter((e) => e.completed_at).length + guests.filter((g) => g.completed_at).length;
    assert.ok(completions >= 200, `${completions} completions`);
    const credentials = await db
      .selectFrom('credentials')
      .select(['serial', 'revoked_at'])
      .where('source', '=', 'training')
      .orderBy('id')
      .execute();
    assert.equal(credentials.filter((c) => !c.revoked_at).length, completions, 'one valid certificate per completion');
    const revoked = credentials.filter((c) => c.revoked_at);
    assert.equal(revoked.length, 1, 'exactly one revoked');
    const client = new Client(t.app);
    const page = await client.get(`/en/verify/${revoked[0].serial}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Revoked: this certificate was withdrawn/);
    const valid = await client.get(`/en/verify/${credentials.find((c) => !c.revoked_at)?.serial}`);
    assert.match(valid.body, /Valid: issued by the program/);
    assert.doesNotMatch(valid.body, /Revoked: this certificate was withdrawn/);

    // Targets by agency and track for the year, and the national progress shows real figures.
    const year = new Date().getFullYear();
    const trackTargets = await db.selectFrom('training_track_targets').select(['agency_id', 'track']).where('year', '=', year).execute();
    assert.equal(trackTargets.length, agencies.length * tracks.length);
    const progress = await nationalProgress(t.deps, systemCtx('demo'), year);
    // The year's completions are dated when they happened, over the past ten months: counted with last year's early in a year.
    const before = await nationalProgress(t.deps, systemCtx('demo'), year - 1);
    const trained = progress.total.trained + before.total.trained;
    assert.ok(trained >= 150 && progress.total.hours + before.total.hours > 0, JSON.stringify([progress.total, before.total]));
    const agenciesTrained = progress.rows.filter((r, i) => r.trained + (before.rows[i]?.trained ?? 0) > 0);
    assert.ok(agenciesTrained.length >= agencies.length / 2, 'most agencies trained someone');
    assert.ok(progress.rows.every((r) => r.target !== null && r.tracks.length === tracks.length));
  });

  it('dates the year as it happened: completions over the past months, none after now, each certified when it was completed', async () => {
    const db = t.deps.db;
    const now = new Date().toISOString();
    const year = (
      await db
        .selectFrom('training_programmes')
        .select('id')
        .where(
          'code',
          'not in',
          demoProgrammes.map((p) => p.code),
        )
        .execute()
    ).map((p) => p.id);
    const offerings = await db.selectFrom('training_offerings').select(['id']).where('programme_id', 'in', year).orderBy('id').execute();
    const lastSession = new Map<number, string>();
    for (const s of await db.selectFrom('training_sessions').select(['offering_id', 'starts_at']).orderBy('starts_at').execute())
      lastSession.set(s.offering_id, s.starts_at);
    const mine = new Set(offerings.map((o) => o.id));
    const staff = await db.selectFrom('training_enrolments').selectAll().orderBy('id').execute();
    const guests = await db.selectFrom('training_guests').selectAll().orderBy('id').execute();
    const done = [
      ...staff.map((e) => ({ ref: `enrolment:${e.id}@${e.completed_at}`, ...e })),
      ...guests.map((g) => ({ ref: `guest:${g.id}@${g.completed_at}`, ...g })),
    ].filter((x) => x.completed_at !== null);

    // Nothing is dated after the moment it loaded: completions, enrolments, decisions, attendance, attempts, assignments, certificates.
    assert.ok(done.length >= 200);
    for (const x of [...staff, ...guests]) {
      assert.ok(x.created_at <= now && (x.completed_at ?? '') <= now, `${x.id}`);
      if ('decided_at' in x) assert.ok((x.decided_at ?? '') <= now && (x.decided_at === null || x.decided_at >= x.created_at));
    }
    const stamps = [
      ...(await db.selectFrom('training_attendance').select('marked_at as at').execute()),
      ...(await db.selectFrom('training_guest_attendance').select('marked_at as at').execute()),
      ...(await db.selectFrom('training_attempts').select('submitted_at as at').execute()),
      ...(await db.selectFrom('training_assignments').select('decided_at as at').execute()),
      ...(await db.selectFrom('credentials').select('issued_at as at').where('source', '=', 'training').execute()),
    ];
    assert.ok(stamps.every((s) => (s.at ?? '') <= now));

    // The year's completions spread over at least six months of the past twelve, not one day.
    const yearDone = done.filter((x) => mine.has(x.offering_id));
    const months = new Set(yearDone.map((x) => (x.completed_at as string).slice(0, 7)));
    assert.ok(months.size >= 6, [...months].join(' '));
    const yearAgo = new Date(Date.now() - 366 * 86_400_000).toISOString();
    assert.ok(yearDone.every((x) => (x.completed_at as string) >= yearAgo));
    assert.ok(new Set(yearDone.map((x) => (x.completed_at as string).slice(0, 10))).size >= 20, 'on many days');

    // Each certificate is dated by its completion (the row, the signed validFrom), on or after the offering's last session, and verifies.
    const credentials = await db.selectFrom('credentials').selectAll().where('source', '=', 'training').orderBy('id').execute();
    const byRef = new Map(credentials.map((c) => [c.source_ref, c]));
    for (const x of yearDone) {
      const c = byRef.get(x.ref);
      assert.ok(c, x.ref);
      assert.equal(c.issued_at, x.completed_at, x.ref);
      assert.ok(c.issued_at >= (lastSession.get(x.offering_id) as string), `${x.ref} before the last session`);
      assert.equal((JSON.parse(c.document) as { validFrom: string }).validFrom, `${c.issued_at.slice(0, 19)}Z`);
    }
    const sample = yearDone.filter((x) => !byRef.get(x.ref)?.revoked_at);
    for (const x of [sample[0], sample[Math.floor(sample.length / 2)], sample[sample.length - 1]]) {
      const c = byRef.get(x.ref);
      const verdict = await verifyDocument(t.deps, JSON.parse(c?.document ?? '{}'));
      assert.equal(verdict.outcome, 'valid', JSON.stringify(verdict));
    }
    assert.ok((sample[0].completed_at as string) < new Date(Date.now() - 60 * 86_400_000).toISOString(), 'months ago');
    const client = new Client(t.app);
    const page = await client.get(`/en/verify/${byRef.get(sample[0].ref)?.serial}`);
    assert.match(page.body, /Valid: issued by the program/);
  });
});
