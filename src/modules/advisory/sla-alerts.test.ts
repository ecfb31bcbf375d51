import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { runSlaAlerts } from './sla.alerts.ts';

// SLA warnings and breaches by email, on the program's default working calendar (Asia/Riyadh,
// Sunday–Thursday 08:00–16:00); 2026-01-04 is a Sunday. A tender review has 16 working hours to the
// first response (warned at 80%: 12 h 48 min) and 80 to delivery (warned at 64 h). Known answers:
//  - submitted Sunday 09:00: 7 h on Sunday + 5 h 48 min on Monday → first-response warning Monday 13:48,
//    deadline Tuesday 09:00 (breached from 09:01);
//  - delivery: 7 h + Monday–Thursday (32 h) + Sunday 11th–Tuesday 13th (24 h) + 1 h → warning Wednesday 14th 09:00.
// Each request, clock and kind is alerted once, whatever the reruns; a paused clock is not alerted.

describe('advisory: SLA warning and breach emails', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const ids = { a: 0, b: 0, x: 0, advisorX: 0 };
  const riyadh = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+03:00`);
  const loc = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');

  /** The SLA emails about one request since the start, by recipient and subject. */
  const mails = async (requestId: number) =>
    (
      await t.deps.db
        .selectFrom('messages')
        .select(['to_address', 'subject', 'text_body', 'locale', 'message_key'])
        .where('source', '=', 'advisory')
        .where('ref_id', '=', String(requestId))
        .where('message_key', 'like', 'advisory:sla_%')
        .orderBy('id')
        .execute()
    ).sort((x, y) => (x.message_key < y.message_key ? -1 : 1));
  const alerts = (requestId: number) =>
    t.deps.db
      .selectFrom('advisory_sla_alerts')
      .select(['clock', 'kind', 'due_at'])
      .where('request_id', '=', requestId)
      .orderBy('id')
      .execute();

  /** A tender review submitted by Alpha's administrator, its clocks started on Sunday 4 January 2026 at 09:00 Riyadh time. */
  async function submitted(title: string) {
    const res = await c.aAdmin.post('/en/console/advisory/new', { type: 'tender_review', title, question: 'Review it', urgency: 'normal' });
    assert.equal(res.statusCode, 303, res.body);
    const id = Number(/\/(\d+)$/.exec(loc(res))?.[1]);
    await t.deps.db
      .updateTable('advisory_requests')
      .set({ submitted_at: riyadh('2026-01-04', '09:00').toISOString() })
      .where('id', '=', id)
      .execute();
    return id;
  }

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    const people: [string, Parameters<typeof buildUser>[1]][] = [
      ['office', { email: 'office@program.sa', role: 'program_admin' }],
      ['reviewer', { email: 'reviewer@program.sa', role: 'program_reviewer', locale: 'ar' }],
      ['aAdmin', { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a }],
      ['x', { email: 'x@advisors.sa', role: 'advisor' }],
    ];
    for (const [key, opts] of people) {
      const u = await buildUser(t.deps, opts);
      if (key === 'x') ids.x = u.id;
      c[key] = await signedIn(t.app, opts?.email as string);
    }
    assert.equal(
      (await c.office.post('/en/console/advisory/team', { user_id: String(ids.x), home_agency_id: String(ids.b) })).statusCode,
      303,
    );
    ids.advisorX = (await t.deps.db.selectFrom('advisory_advisors').select('id').where('user_id', '=', ids.x).executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  it('warns the office once at 80% of the first-response time and once at the breach, whatever the reruns', async () => {
    const id = await submitted('Warned request');
    // A minute before the warning: nothing.
    await runSlaAlerts(t.deps, riyadh('2026-01-05', '13:47'));
    assert.deepEqual(await mails(id), []);

    await runSlaAlerts(t.deps, riyadh('2026-01-05', '13:48'));
    const warned = await mails(id);
    assert.deepEqual(warned.map((m) => m.to_address).sort(), ['office@program.sa', 'reviewer@program.sa']);
    const en = warned.find((m) => m.locale === 'en');
    const ar = warned.find((m) => m.locale === 'ar');
    assert.equal(en?.subject, 'The first response on “Warned request” is due soon');
    // The deadline in both calendars: Tuesday 6 January 2026 09:00 is 17 Rajab 1447.
    assert.match(en?.text_body ?? '', /It is due 6 January 2026 at 09:00 \(17 Rajab 1447 AH\)\./);
    assert.match(ar?.subject ?? '', /يقترب موعد الرد الأول في «Warned request»/);
    assert.match(ar?.text_body ?? '', /رجب/);
    assert.deepEqual(await alerts(id), [{ clock: 'first_response', kind: 'warning', due_at: riyadh('2026-01-06', '09:00').toISOString() }]);

    // Reruns (a retried job, the next period, the deadline itself) send nothing more.
    assert.equal(await runSlaAlerts(t.deps, riyadh('2026-01-05', '13:48')), 0);
    await runSlaAlerts(t.deps, riyadh('2026-01-05', '15:00'));
    await runSlaAlerts(t.deps, riyadh('2026-01-06', '09:00'));
    assert.equal((await mails(id)).length, 2);

    // A minute past the deadline: breached, once.
    await runSlaAlerts(t.deps, riyadh('2026-01-06', '09:01'));
    await runSlaAlerts(t.deps, riyadh('2026-01-06', '09:01'));
    await runSlaAlerts(t.deps, riyadh('2026-01-06', '12:00'));
    const all = await mails(id);
    assert.equal(all.length, 4);
    assert.ok(all.some((m) => m.subject === 'The first response on “Warned request” is overdue'));
    assert.deepEqual(
      (await alerts(id)).map((a) => `${a.clock}:${a.kind}`),
      ['first_response:warning', 'first_response:breach'],
    );
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'advisory_request')
      .where('record_id', '=', String(id))
      .where('action', 'like', 'advisory.sla_%')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['advisory.sla_warning', 'advisory.sla_breach'],
    );
  });

  it('honours the "more information" pause: a paused clock is not alerted, and its warning moves by the paused working time', async () => {
    const id = await submitted('Paused request');
    // Asked Monday 10:00 (9 h ran), answered Wednesday 10:00: the other 3 h 48 min run to Wednesday 13:48.
    await t.deps.db
      .insertInto('advisory_pauses')
      .values({
        request_id: id,
        from_at: riyadh('2026-01-05', '10:00').toISOString(),
        to_at: null,
        question: 'Which version?',
        answer: null,
      })
      .execute();
    await t.deps.db.updateTable('advisory_requests').set({ status: 'info_requested' }).where('id', '=', id).execute();
    // Tuesday, long past the unpaused warning and deadline: paused, so nothing.
    await runSlaAlerts(t.deps, riyadh('2026-01-06', '12:00'));
    assert.deepEqual(await mails(id), []);

    await t.deps.db
      .updateTable('advisory_pauses')
      .set({ to_at: riyadh('2026-01-07', '10:00').toISOString(), answer: 'v3' })
      .where('request_id', '=', id)
      .execute();
    await t.deps.db.updateTable('advisory_requests').set({ status: 'submitted' }).where('id', '=', id).execute();
    await runSlaAlerts(t.deps, riyadh('2026-01-07', '13:47'));
    assert.deepEqual(await mails(id), []);
    await runSlaAlerts(t.deps, riyadh('2026-01-07', '13:48'));
    assert.equal((await mails(id)).length, 2);
    // The deadline moved by the 16 paused working hours: Thursday 09:00.
    assert.deepEqual(await alerts(id), [{ clock: 'first_response', kind: 'warning', due_at: riyadh('2026-01-08', '09:00').toISOString() }]);
  });

  it('warns the lead advisor and the office on the delivery clock, and stops once the request is delivered', async () => {
    const id = await submitted('Delivery request');
    assert.equal((await c.office.post(`/en/console/advisory/${id}/accept`, { priority: 'high' })).statusCode, 303);
    assert.equal(
      (await c.office.post(`/en/console/advisory/${id}/assign`, { advisor_id: String(ids.advisorX), role: 'lead' })).statusCode,
      303,
    );
    // Answered on Sunday: the first-response clock stopped in time, so it is never alerted.
    await t.deps.db
      .updateTable('advisory_requests')
      .set({ first_response_at: riyadh('2026-01-04', '11:00').toISOString() })
      .where('id', '=', id)
      .execute();
    await runSlaAlerts(t.deps, riyadh('2026-01-14', '08:59'));
    assert.deepEqual(await mails(id), []);
    await runSlaAlerts(t.deps, riyadh('2026-01-14', '09:00'));
    const warned = await mails(id);
    assert.deepEqual(warned.map((m) => m.to_address).sort(), ['office@program.sa', 'reviewer@program.sa', 'x@advisors.sa']);
    assert.ok(warned.every((m) => m.message_key.startsWith('advisory:sla_warning:delivery:')));
    assert.equal(warned.find((m) => m.to_address === 'x@advisors.sa')?.subject, 'Delivery on “Delivery request” is due soon');

    // Delivered before the deadline (Sunday 18th 09:00): no breach follows.
    await t.deps.db
      .updateTable('advisory_requests')
      .set({ status: 'delivered', delivered_at: riyadh('2026-01-15', '10:00').toISOString() })
      .where('id', '=', id)
      .execute();
    await runSlaAlerts(t.deps, riyadh('2026-01-20', '10:00'));
    assert.equal((await mails(id)).length, 3);
    assert.deepEqual(
      (await alerts(id)).map((a) => `${a.clock}:${a.kind}`),
      ['delivery:warning'],
    );
  });

  it('runs as the scheduled job advisory.sla_alerts', async () => {
    const kinds = t.deps.jobs.schedules.map((s) => s.kind);
    assert.ok(kinds.includes('advisory.sla_alerts'));
    assert.ok(t.deps.jobs.handlers.has('advisory.sla_alerts'));
  });
});
