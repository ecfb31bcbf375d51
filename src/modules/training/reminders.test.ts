import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { nominate } from './enrolment.service.ts';
import { REMINDER_JOB, sendSessionReminders } from './reminders.ts';
import { addSession, createOffering, createProgramme, setOfferingStatus, setProgrammePublished } from './training.service.ts';

// Reminders before each session, through platform messaging: once per person and session, only for
// people holding a seat, only for sessions starting within a day, in the person's language.

describe('training: session reminders', () => {
  let t: TestApp;
  const office = systemCtx('test');
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('reminds each enrolled person once of a session starting within a day, and nobody else', async () => {
    const agency = await buildAgency(t.deps);
    const seated = await buildUser(t.deps, { role: 'agency_editor', agencyId: agency.id, email: 'seated@a.sa', locale: 'ar' });
    const waiting = await buildUser(t.deps, { role: 'agency_editor', agencyId: agency.id, email: 'waiting@a.sa' });
    const p = await createProgramme(t.deps, office, {
      code: 'REM-1',
      title_ar: 'التوعية الأمنية',
      title_en: 'Security awareness',
      description_ar: 'و',
      description_en: 'd',
      audience: 'employees',
      track: 'cybersecurity',
      hours: '2',
      delivery_mode: 'in_person',
      min_attendance_pct: '100',
    });
    await setProgrammePublished(t.deps, office, p.id, true);
    const o = await createOffering(t.deps, office, p.id, {
      starts_on: '2031-01-05',
      ends_on: '2031-01-07',
      location_ar: 'جدة، القاعة ٢',
      location_en: 'Jeddah, Hall 2',
      capacity: '1',
    });
    const soon = await addSession(t.deps, office, o.id, { starts_at: '2031-01-05T06:00:00Z', ends_at: '2031-01-05T08:00:00Z' });
    await addSession(t.deps, office, o.id, { starts_at: '2031-01-07T06:00:00Z', ends_at: '2031-01-07T08:00:00Z' });
    await setOfferingStatus(t.deps, office, o.id, { status: 'open' });
    await nominate(t.deps, office, o.id, agency.id, { user_ids: [String(seated.id), String(waiting.id)] });
    const reminders = () =>
      t.deps.db
        .selectFrom('messages')
        .select(['to_address', 'subject', 'text_body', 'ref_id'])
        .where('message_key', 'like', 'training:reminder:%')
        .execute();

    const eve = new Date('2031-01-04T08:00:00Z');
    assert.equal(await sendSessionReminders(t.deps, eve), 1);
    const [r] = await reminders();
    assert.equal(r.to_address, 'seated@a.sa');
    assert.equal(Number(r.ref_id), soon.id);
    assert.match(r.subject ?? '', /تذكير: التوعية الأمنية/);
    assert.match(r.text_body, /جدة، القاعة ٢/);
    assert.equal(await sendSessionReminders(t.deps, new Date('2031-01-04T09:00:00Z')), 0, 'never twice');
    assert.equal(await sendSessionReminders(t.deps, new Date('2031-01-03T05:00:00Z')), 0, 'nothing more than a day ahead');
    await setOfferingStatus(t.deps, office, o.id, { status: 'cancelled' });
    assert.equal(await sendSessionReminders(t.deps, new Date('2031-01-06T08:00:00Z')), 0, 'a cancelled offering reminds nobody');
    assert.equal((await reminders()).length, 1);
    assert.ok(t.deps.jobs.handlers.has(REMINDER_JOB));
  });
});
