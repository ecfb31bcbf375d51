import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { identityModule } from '../identity/index.ts';
import { trainedStaffShare } from './public.ts';
import { loadTrainingDemo } from './training.demo.ts';
import { offeringStatuses } from './training.tables.ts';

// The demo's training goes through the module's services and rules: every offering state, every kind
// of enrolment, completions from the criteria and one recorded with its reason; loading twice adds nothing.

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
    assert.deepEqual([...new Set(programmes.map((p) => p.audience))].sort(), ['employees', 'public']);
    assert.ok(programmes.every((p) => p.published === 1));
    const offerings = await t.deps.db.selectFrom('training_offerings').selectAll().execute();
    assert.deepEqual([...new Set(offerings.map((o) => o.status))].sort(), [...offeringStatuses].sort());
    assert.ok(offerings.every((o) => o.seats_taken <= o.capacity));
    assert.deepEqual(await loadTrainingDemo(t.deps, systemCtx('demo')), {
      training_programmes: 0,
      training_offerings: 0,
      training_enrolments: 0,
      training_completions: 0,
      training_public_signups: 0,
      training_certificates: 0,
    });
    assert.equal((await t.deps.db.selectFrom('training_offerings').select('id').execute()).length, offerings.length);
  });

  it('has every kind of enrolment, a promotion from the waitlist, and completions by the criteria and by a recorded reason', async () => {
    const enrolments = await t.deps.db.selectFrom('training_enrolments').selectAll().execute();
    assert.deepEqual([...new Set(enrolments.map((e) => e.status))].sort(), ['cancelled', 'enrolled', 'requested', 'waitlisted']);
    assert.equal(enrolments.length, loaded.training_enrolments);
    const promoted = await t.deps.db
      .selectFrom('audit_log')
      .select('record_id')
      .where('action', '=', 'training.enrolment.promote')
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
    assert.deepEqual(
      certificates.map((c) => c.source_ref.split('@')[0]).sort(),
      done.map((e) => `enrolment:${e.id}`).sort(),
      'each completion is certified',
    );
    // The editor who failed once and passed once, with full attendance, completed from the criteria.
    const attempts = await t.deps.db.selectFrom('training_attempts').selectAll().execute();
    assert.deepEqual(attempts.map((a) => a.passed).sort(), [0, 1, 1]);
    const year = Number((done[0].completed_at as string).slice(0, 4));
    const moh = (await t.deps.db.selectFrom('agencies').select('id').where('code', '=', 'moh').executeTakeFirstOrThrow()).id;
    assert.deepEqual(await trainedStaffShare(t.deps, moh, year), { trained: 1, staff: 2, share: 0.5 });
    const targets = await t.deps.db.selectFrom('training_targets').selectAll().execute();
    assert.equal(targets.length, 2);
  });

  it('has public sign-ups through the email code, an office cancellation, attendance, certificates (one revoked), evaluations and prerequisites', async () => {
    assert.equal(loaded.training_public_signups, 4);
    const guests = await t.deps.db.selectFrom('training_guests').selectAll().orderBy('id').execute();
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
    assert.equal(certificates.length, 3);
    assert.equal(certificates.filter((c) => c.revoked_at).length, 1, 'the corrected attendance revoked one');
    const valid = await t.deps.db
      .selectFrom('credentials')
      .select('id')
      .where('source', '=', 'training')
      .where('revoked_at', 'is', null)
      .execute();
    assert.equal(loaded.training_certificates, valid.length);
    const invites = await t.deps.db.selectFrom('training_guest_evaluation_invites').selectAll().execute();
    assert.equal(invites.length, 2, 'only those who completed are asked');
    assert.ok(invites.every((i) => i.responded_at));
    assert.equal((await t.deps.db.selectFrom('training_evaluation_responses').select('id').execute()).length, 2);
    assert.equal((await t.deps.db.selectFrom('training_prerequisites').select('id').execute()).length, 1);
    assert.equal((await t.deps.db.selectFrom('training_waivers').select('id').execute()).length, 1);
  });
});
