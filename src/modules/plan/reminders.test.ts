import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { insertReport } from './plan.repo.ts';
import { REMINDER_JOB, reminderFor, sendReminders } from './reminders.ts';
import { addPeriod, addTrack, createInitiative, createPlan, setPlanStatus } from './testing.ts';

// Reminders of period reports, before and after their due date, through platform messaging: to the
// owner agency's team in each person's language, never for a submitted report, never twice.

describe('plan: reminders before and after a period report is due', () => {
  let t: TestApp;
  const ids = { a: 0, b: 0, plan: 0, q1: 0, own: 0, theirs: 0, later: 0 };
  const mails = () =>
    t.deps.db
      .selectFrom('messages')
      .select(['to_address', 'subject', 'message_key'])
      .where('message_key', 'like', 'plan:reminder:%')
      .orderBy('id')
      .execute();
  // 06:00 UTC is 09:00 in Riyadh, the platform's default time zone: the same calendar day.
  const at = (day: string) => new Date(`${day}T06:00:00Z`);

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a, locale: 'en' });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a, locale: 'ar' });
    await buildUser(t.deps, { email: 'gone@a.sa', role: 'agency_editor', agencyId: ids.a, status: 'deactivated' });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b, locale: 'ar' });
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    const sys = systemCtx('test');
    ids.plan = (
      await createPlan(t.deps, sys, { code: 'ep', name_ar: 'خطة', name_en: 'Plan', period_from: '2025-01-01', period_to: '2026-12-31' })
    ).id;
    const track_id = String((await addTrack(t.deps, sys, ids.plan, { name_ar: 'مسار', name_en: 'Track', weight: '1' })).id);
    ids.q1 = (
      await addPeriod(t.deps, sys, ids.plan, { code: '2025-Q1', starts_on: '2025-01-01', ends_on: '2025-03-31', due_on: '2025-04-21' })
    ).id;
    const initiative = (code: string, agency: number, planned_start: string) =>
      createInitiative(t.deps, sys, ids.plan, {
        code,
        name_ar: `مبادرة ${code}`,
        name_en: `Initiative ${code}`,
        objective_ar: 'هدف',
        objective_en: 'Objective',
        track_id,
        owner_agency_id: String(agency),
        weight: '1',
        planned_start,
        planned_end: '2026-12-31',
        budget_sar: '0',
      });
    ids.own = (await initiative('A-1', ids.a, '2025-01-01')).id;
    ids.theirs = (await initiative('B-1', ids.b, '2025-02-01')).id;
    ids.later = (await initiative('A-2', ids.a, '2025-06-01')).id;
  });
  after(() => t.close());

  it('works out the reminder of a due date from the local day, by hand', () => {
    assert.equal(reminderFor('2025-04-21', '2025-04-13'), null);
    assert.deepEqual(reminderFor('2025-04-21', '2025-04-14'), { kind: 'before', days: 7 });
    assert.deepEqual(reminderFor('2025-04-21', '2025-04-21'), { kind: 'before', days: 0 });
    assert.deepEqual(reminderFor('2025-04-21', '2025-04-22'), { kind: 'after', days: 1 });
    assert.deepEqual(reminderFor('2025-03-01', '2025-02-27'), { kind: 'before', days: 2 }, 'across the end of February');
    assert.deepEqual(reminderFor('2025-04-21', '2025-05-05'), { kind: 'after', days: 14 });
    assert.equal(reminderFor('2025-04-21', '2025-05-06'), null);
  });

  it('reminds no one while the plan is not active', async () => {
    assert.equal(await sendReminders(t.deps, at('2025-04-16')), 0);
    for (const status of ['approved', 'active']) await setPlanStatus(t.deps, systemCtx('test'), ids.plan, { status });
  });

  it('before the due date, reminds the active team of each unsubmitted report in their language, once', async () => {
    await t.deps.db.transaction().execute(async (trx) => {
      const r = await insertReport(trx, {
        initiative_id: ids.theirs,
        period_id: ids.q1,
        agency_id: ids.b,
        figures_json: '{}',
        narrative: '',
      });
      await trx.updateTable('plan_reports').set({ status: 'submitted' }).where('id', '=', r.id).execute();
    });
    assert.equal(await sendReminders(t.deps, at('2025-04-16')), 2);
    assert.equal(await sendReminders(t.deps, at('2025-04-16')), 0, 'never twice');
    assert.equal(await sendReminders(t.deps, at('2025-04-19')), 0, 'one reminder before, however many days run');
    const sent = await mails();
    assert.deepEqual(
      sent.map((m) => m.to_address).sort(),
      ['admin@a.sa', 'editor@a.sa'],
      'the initiative that starts after the period and the submitted report are not reminded',
    );
    const to = (list: typeof sent, address: string) => list.find((m) => m.to_address === address)?.subject as string;
    assert.match(to(sent, 'editor@a.sa'), /^A-1: the 2025-Q1 report is due in 5 days$/);
    assert.match(to(sent, 'admin@a.sa'), /بقيت (٥|5) أيام على موعد تقرير الفترة 2025-Q1/);
    assert.ok(sent.every((m) => (m.message_key as string).startsWith(`plan:reminder:before:${ids.own}:${ids.q1}:`)));
  });

  it('after the due date, reminds once more of a report still not submitted, saying how late it is', async () => {
    assert.equal(await sendReminders(t.deps, at('2025-04-22')), 2);
    assert.equal(await sendReminders(t.deps, at('2025-04-30')), 0, 'never twice');
    const late = (await mails()).slice(2);
    const to = (address: string) => late.find((m) => m.to_address === address)?.subject as string;
    assert.match(to('editor@a.sa'), /^A-1: the 2025-Q1 report is 1 day late$/);
    assert.match(to('admin@a.sa'), /يومًا واحدًا/);
    assert.ok(late.every((m) => (m.message_key as string).startsWith('plan:reminder:after:')));
    assert.equal(await sendReminders(t.deps, at('2025-06-01')), 0, 'long past due, nothing more');
    assert.ok(t.deps.jobs.handlers.has(REMINDER_JOB));
  });
});
