import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { addHoliday, savePolicy, saveWorkingWeek } from './calendar.service.ts';
import { findCase } from './cases.repo.ts';
import { beneficiaryReply, submitCase } from './cases.service.ts';
import { replyToCase, resolveCase } from './inbox.service.ts';
import { runSlaSweep } from './sla.sweep.ts';
import { statusToken } from './tracking.ts';

// Known answers, worked by hand in the comments (Riyadh is UTC+3 all year; London moves to BST on
// 29 March 2026). Policy: first response 2 working hours, resolution 10, warning at 80%.
const riyadh = (local: string) => new Date(`${local}:00+03:00`);
const iso = (d: Date) => d.toISOString();

describe('feedback SLA clocks on the working calendar, end to end', () => {
  let t: TestApp;
  let agencyId: number;
  const po = systemCtx('test');
  let n = 0;
  const beneficiary = (): Ctx => ({ actor: { kind: 'anonymous' }, lang: 'ar', requestId: null, ip: `192.0.2.${++n}` });
  const file = (now: Date, extra: Record<string, unknown> = {}) =>
    submitCase(
      t.deps,
      beneficiary(),
      {
        kind: 'complaint',
        category: 'delay',
        agency_id: agencyId,
        subject: `Case ${n}`,
        body: `A complaint body number ${n} long enough.`,
        contact_email: `p${n}@example.com`,
        ...extra,
      },
      { now },
    ).then((r) => r.case);
  const mailsAbout = async (caseId: number, to: string) =>
    t.deps.db.selectFrom('messages').selectAll().where('ref_id', '=', String(caseId)).where('to_address', '=', to).orderBy('id').execute();

  before(async () => {
    t = await testApp();
    agencyId = (await buildAgency(t.deps, { code: 'moh' })).id;
    await buildUser(t.deps, { email: 'head@moh.gov.sa', role: 'agency_admin', agencyId, locale: 'ar' });
    await savePolicy(t.deps, po, { agency_id: agencyId, first_response_hours: 2, resolution_hours: 10 });
  });
  after(() => t.close());

  it('skips the Friday–Saturday weekend', async () => {
    // Thu 15 Jan 15:00: first response 1 h Thursday + 1 h Sunday → Sun 18 Jan 09:00; warning at 1.6 h → Sun 08:36.
    // Resolution 10 h: 1 h Thu + 8 h Sun + 1 h Mon → Mon 19 Jan 09:00; warning at 8 h → Sun 15:00.
    const c = await file(riyadh('2026-01-15T15:00'));
    assert.equal(c.first_due_at, iso(riyadh('2026-01-18T09:00')));
    assert.equal(c.first_warn_at, iso(riyadh('2026-01-18T08:36')));
    assert.equal(c.res_due_at, iso(riyadh('2026-01-19T09:00')));
    assert.equal(c.res_warn_at, iso(riyadh('2026-01-18T15:00')));
  });

  it('warns before the deadline and escalates to the agency administrator at the breach, once', async () => {
    const c = await file(riyadh('2026-01-15T15:00'));
    assert.equal(await runSlaSweep(t.deps, riyadh('2026-01-18T08:35')), 0, 'nothing is due a minute before the warning');
    await runSlaSweep(t.deps, riyadh('2026-01-18T08:40'));
    let row = await findCase(t.deps.db, c.id);
    assert.deepEqual([row?.first_warned, row?.first_breached], [1, 0]);
    assert.equal((await mailsAbout(c.id, 'head@moh.gov.sa')).length, 1);
    // At the deadline itself the case is on time; a minute later it is breached.
    await runSlaSweep(t.deps, riyadh('2026-01-18T09:00'));
    assert.equal((await findCase(t.deps.db, c.id))?.first_breached, 0);
    await runSlaSweep(t.deps, riyadh('2026-01-18T09:01'));
    await runSlaSweep(t.deps, riyadh('2026-01-18T09:02'));
    row = await findCase(t.deps.db, c.id);
    assert.equal(row?.first_breached, 1);
    const mails = await mailsAbout(c.id, 'head@moh.gov.sa');
    assert.equal(mails.length, 2, 'one warning, one escalation, whatever the reruns');
    assert.match(mails[1].subject ?? '', /تجاوز الطلب/);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'feedback.sla_breach')
      .where('record_id', '=', String(c.id))
      .execute();
    assert.equal(audit.length, 1);
    // The resolution clock breaches at Mon 09:00 and settles the SLA outcome at the deadline.
    await runSlaSweep(t.deps, riyadh('2026-01-19T10:00'));
    row = await findCase(t.deps.db, c.id);
    assert.deepEqual([row?.res_breached, row?.sla_outcome, row?.sla_outcome_at], [1, 'breached', iso(riyadh('2026-01-19T09:00'))]);
  });

  it('skips Hijri holidays entered by the program office (Eid al-Fitr 1447)', async () => {
    // 1–4 Shawwal 1447 (Umm al-Qura) = Fri 20 – Mon 23 March 2026. Filed Thu 19 March 15:00:
    // 1 h Thursday, then Friday–Saturday weekend and Sunday–Monday holiday, so 1 h more on Tue 24 → 09:00.
    // Resolution: 1 h Thu + 8 h Tue + 1 h Wed → Wed 25 March 09:00.
    await addHoliday(t.deps, po, { name_ar: 'عيد الفطر', name_en: 'Eid al-Fitr', calendar: 'hijri', from: '1447-10-01', to: '1447-10-04' });
    await t.drain();
    const c = await file(riyadh('2026-03-19T15:00'));
    assert.equal(c.first_due_at, iso(riyadh('2026-03-24T09:00')));
    assert.equal(c.res_due_at, iso(riyadh('2026-03-25T09:00')));
  });

  it('moves open cases’ deadlines when a holiday is added later', async () => {
    const c = await file(riyadh('2026-02-05T15:00'));
    assert.equal(c.first_due_at, iso(riyadh('2026-02-08T09:00')));
    await addHoliday(t.deps, po, { name_ar: 'يوم استثنائي', name_en: 'Special day', calendar: 'gregorian', from: '2026-02-08' });
    await t.drain();
    assert.equal((await findCase(t.deps.db, c.id))?.first_due_at, iso(riyadh('2026-02-09T09:00')));
  });

  it('pauses both clocks while waiting for the beneficiary', async () => {
    // Filed Sun 4 Jan 08:00. Reply with "waiting" at 10:00: the first response took 2 working hours.
    // Paused Sun 10:00 → Mon 5 Jan 12:00 (10 working hours that do not count). 8 h of resolution are
    // left: Mon 12–16 and Tue 08–12 → due Tue 6 Jan 12:00.
    const staff: Ctx = systemCtx('officer');
    const c = await file(riyadh('2026-01-04T08:00'));
    const waiting = await replyToCase(
      t.deps,
      staff,
      c.id,
      { body: 'Which branch did you visit?', waiting: 'on' },
      { now: riyadh('2026-01-04T10:00') },
    );
    assert.equal(waiting.first_response_ms, 2 * 3_600_000);
    assert.equal(waiting.res_due_at, null);
    const token = statusToken(t.deps.config, c);
    const resumed = await beneficiaryReply(
      t.deps,
      beneficiary(),
      c.tracking_no,
      token,
      { body: 'The Olaya branch.' },
      { now: riyadh('2026-01-05T12:00') },
    );
    assert.equal(resumed.res_due_at, iso(riyadh('2026-01-06T12:00')));
    const done = await resolveCase(t.deps, staff, c.id, { code: 'resolved', body: 'Fixed.' }, riyadh('2026-01-06T11:00'));
    assert.deepEqual([done.sla_outcome, done.sla_outcome_at], ['met', iso(riyadh('2026-01-06T11:00'))]);
  });

  it('reads hours in the calendar’s own time zone, across a daylight-saving change', async () => {
    // London, Monday–Friday 09:00–17:00. Filed Fri 27 March 2026 16:00 GMT: 1 h Friday, then the
    // clocks go forward on Sunday 29 March; Monday 30 March 09:00 BST (08:00 UTC) + 1 h → 09:00 UTC.
    await saveWorkingWeek(t.deps, po, {
      time_zone: 'Europe/London',
      mon: '09:00-17:00',
      tue: '09:00-17:00',
      wed: '09:00-17:00',
      thu: '09:00-17:00',
      fri: '09:00-17:00',
    });
    await t.drain();
    const c = await file(new Date('2026-03-27T16:00:00Z'));
    assert.equal(c.first_due_at, '2026-03-30T09:00:00.000Z');
  });
});
