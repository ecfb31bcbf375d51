import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { submitForm } from '../../../test/helpers/forms.ts';
import { TestSmtp } from '../../../test/helpers/smtp.ts';

describe('roles for people an agency administrator does not manage', () => {
  let t: TestApp;
  const smtp = new TestSmtp();
  let agencyA: number;
  let agencyB: number;
  before(async () => {
    await smtp.start();
    t = await testApp({ SMTP_URL: smtp.url });
    agencyA = (await buildAgency(t.deps)).id;
    agencyB = (await buildAgency(t.deps)).id;
    await buildUser(t.deps, { email: 'admin.a@example.gov.sa', role: 'agency_admin', agencyId: agencyA });
  });
  after(async () => {
    await t.close();
    await smtp.stop();
  });

  const membershipsOf = (userId: number) =>
    t.deps.db.selectFrom('memberships').select(['role', 'agency_id']).where('user_id', '=', userId).orderBy('id').execute();

  it('refuses, and audits, a role attached by id to a program administrator or another agency’s staff', async () => {
    const boss = await buildUser(t.deps, { email: 'program.boss@example.gov.sa', role: 'program_admin' });
    const other = await buildUser(t.deps, { email: 'staff.b@example.gov.sa', role: 'agency_editor', agencyId: agencyB });
    const admin = await signedIn(t.app, 'admin.a@example.gov.sa');
    for (const target of [boss, other]) {
      const before = await membershipsOf(target.id);
      const res = await admin.post(`/en/console/users/${target.id}/roles`, { role: 'agency_editor', agency_id: String(agencyA) });
      assert.equal(res.statusCode, 403, target.email);
      assert.deepEqual(await membershipsOf(target.id), before, 'no role was attached');
      assert.equal((await admin.get(`/en/console/users/${target.id}`)).statusCode, 404, 'and the account stays out of reach');
    }
    const denied = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('action', '=', 'access.denied')
      .where('record_id', '=', 'POST /en/console/users/:id/roles')
      .execute();
    assert.equal(denied.length, 2);
    assert.match(denied[0].after_json ?? '', /role_needs_invitation/);
  });

  it('still grants roles directly to the administrator’s own staff', async () => {
    const own = await buildUser(t.deps, { email: 'own.staff@example.gov.sa', role: 'agency_editor', agencyId: agencyA });
    const admin = await signedIn(t.app, 'admin.a@example.gov.sa');
    const res = await admin.post(`/en/console/users/${own.id}/roles`, { role: 'agency_admin', agency_id: String(agencyA) });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(
      (await membershipsOf(own.id)).map((m) => m.role),
      ['agency_editor', 'agency_admin'],
    );
  });

  it('offers the role by email instead; it counts only once the person accepts it, signed in', async () => {
    const person = await buildUser(t.deps, { email: 'moving@example.gov.sa', role: 'agency_editor', agencyId: agencyB, locale: 'en' });
    const admin = await signedIn(t.app, 'admin.a@example.gov.sa');
    const invite = await admin.get('/en/console/users/invite');
    const sent = await submitForm(admin, invite.body, {
      name: 'Moving Person',
      email: 'moving@example.gov.sa',
      role: 'agency_editor',
      agency_id: String(agencyA),
    });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, '/en/console/users');
    assert.equal((await membershipsOf(person.id)).length, 1, 'nothing changes before acceptance');
    assert.equal((await admin.get(`/en/console/users/${person.id}`)).statusCode, 404);

    await t.drain();
    const mail = smtp.to('moving@example.gov.sa').at(-1);
    assert.equal(mail?.parsed.subject, 'A role is offered to you on Yusr');
    assert.match(mail?.parsed.text ?? '', /Agency editor/);
    const link = /http:\/\/yusr\.test(\/en\/role-offer\/[A-Za-z0-9_-]+)/.exec(mail?.parsed.text ?? '')?.[1];
    assert.ok(link);

    const stranger = await signedIn(t.app, 'own.staff@example.gov.sa');
    assert.equal((await stranger.get(link)).statusCode, 404, 'only the addressee can open the offer');

    const me = await signedIn(t.app, 'moving@example.gov.sa');
    const page = await me.get(link);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Agency editor/);
    const accepted = await submitForm(me, page.body, {}, /role-offer/);
    assert.equal(accepted.statusCode, 303);
    assert.deepEqual(
      (await membershipsOf(person.id)).map((m) => m.agency_id),
      [agencyB, agencyA],
    );
    assert.equal((await me.get(link)).statusCode, 410, 'the offer is used once');
    assert.equal((await admin.get(`/en/console/users/${person.id}`)).statusCode, 200, 'now the administrator sees them');
    const trail = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'agency_id'])
      .where('action', 'in', ['user.role_offer', 'user.role_accept'])
      .orderBy('seq')
      .execute();
    assert.deepEqual(trail, [
      { action: 'user.role_offer', agency_id: agencyA },
      { action: 'user.role_accept', agency_id: agencyA },
    ]);
  });
});
