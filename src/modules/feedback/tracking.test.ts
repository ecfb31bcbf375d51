import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { ar, en } from '../../messages.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { submitCase } from './cases.service.ts';
import { defaultQuestions } from './feedback.schema.ts';
import { caseCategories, caseKinds, caseStatuses, eventKinds, resolutionCodes } from './feedback.tables.ts';
import { weekdays } from './sla/calendar.ts';
import { statusToken, verifyStatusToken } from './tracking.ts';

describe('tracking numbers', () => {
  let t: TestApp;
  let agencyId: number;
  let n = 0;
  const file = (at: Date) => {
    const i = ++n;
    const ctx: Ctx = { actor: { kind: 'anonymous' }, lang: 'en', requestId: null, ip: `192.0.2.${i % 250}` };
    return submitCase(
      t.deps,
      ctx,
      {
        kind: 'inquiry',
        category: 'information',
        agency_id: agencyId,
        subject: `Question ${i}`,
        body: `Question number ${i}, asked at once.`,
        contact_phone: `0551${String(i).padStart(6, '0')}`,
      },
      { now: at },
    );
  };

  before(async () => {
    t = await testApp();
    agencyId = (await buildAgency(t.deps)).id;
  });
  after(() => t.close());

  it('are unique and gapless under concurrency, on both engines', async () => {
    const at = new Date('2026-11-28T09:00:00Z'); // 1448 AH
    const results = await Promise.all(Array.from({ length: 30 }, () => file(at)));
    const numbers = results.map((r) => r.case.tracking_no).sort();
    assert.equal(new Set(numbers).size, 30);
    assert.deepEqual(
      numbers,
      Array.from({ length: 30 }, (_, i) => `YSR-1448-${String(i + 1).padStart(6, '0')}`),
    );
    const counter = await t.deps.db.selectFrom('feedback_counters').selectAll().where('year', '=', 1448).executeTakeFirstOrThrow();
    assert.equal(counter.last_seq, 30);
  });

  it('follow the Hijri year of the configured time zone, each year starting at 1', async () => {
    // 1 Muharram 1448 is 16 June 2026 (Umm al-Qura): the evening before, in UTC, is still 1447.
    const last = await file(new Date('2026-06-15T12:00:00Z'));
    assert.match(last.case.tracking_no, /^YSR-1447-000001$/);
    const first = await file(new Date('2026-06-16T09:00:00Z'));
    assert.match(first.case.tracking_no, /^YSR-1448-000031$/);
    // Saudi mobiles are stored in international form for the SMS adapter.
    assert.match(first.case.contact_phone ?? '', /^\+9665510000\d\d$/);
    assert.equal(first.case.notify_by, 'sms');
  });

  it('status tokens open only the case they were signed for', () => {
    const c = { id: 7, tracking_no: 'YSR-1448-000007' };
    const token = statusToken({ secretKey: 'k'.repeat(40) }, c);
    assert.equal(verifyStatusToken({ secretKey: 'k'.repeat(40) }, 'YSR-1448-000007', token), 7);
    assert.equal(verifyStatusToken({ secretKey: 'k'.repeat(40) }, 'YSR-1448-000008', token), null);
    assert.equal(verifyStatusToken({ secretKey: 'x'.repeat(40) }, 'YSR-1448-000007', token), null);
    assert.equal(verifyStatusToken({ secretKey: 'k'.repeat(40) }, 'YSR-1448-000007', 42), null);
  });
});

describe('feedback messages built from codes', () => {
  it('exist in Arabic and English for every code the module uses', () => {
    const keys = [
      ...caseKinds.map((k) => `feedback.kind.${k}`),
      ...caseCategories.map((k) => `feedback.category.${k}`),
      ...caseStatuses.flatMap((k) => [`feedback.case_status.${k}`, `feedback.status_help.${k}`]),
      ...eventKinds.map((k) => `feedback.event.${k}`),
      ...resolutionCodes.map((k) => `feedback.resolution.${k}`),
      ...['running', 'paused', 'warning', 'breached', 'met'].map((k) => `feedback.sla_status.${k}`),
      ...[1, 2, 3, 4, 5].map((k) => `feedback.scale.${k}`),
      ...defaultQuestions.map((q) => `feedback.driver.${q.driver}`),
      ...weekdays.map((d) => `feedback.weekday.${d}`),
      ...['submitted', 'reply', 'waiting', 'resolved', 'survey', 'rerouted', 'merged', 'link'].flatMap((k) =>
        ['subject', 'body', 'action'].map((p) => `feedback.email.${k}.${p}`),
      ),
      ...['warning', 'breach', 'beneficiary_reply', 'assigned'].flatMap((k) => [
        `feedback.staff_email.${k}.subject`,
        `feedback.staff_email.${k}.body`,
      ]),
      ...['csat', 'trust', 'sla', 'reopen'].map((k) => `feedback.definition.${k}`),
      ...['first', 'resolution'].map((k) => `feedback.clock.${k}`),
    ];
    const missing = keys.filter((k) => !(k in ar) || !(k in en));
    assert.deepEqual(missing, []);
  });
});
