import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client } from '../../../test/helpers/client.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { identityModule } from '../identity/index.ts';
import { dayOf, phaseOf } from './consultations.service.ts';
import { loadParticipateDemo } from './participate.demo.ts';
import { commentsAnsweredShare, consultationsHeld } from './public.ts';

describe('participate: demo data', () => {
  let t: TestApp;
  let loaded: Record<string, number>;
  before(async () => {
    t = await testApp();
    await identityModule.demo?.(t.deps, systemCtx('demo'), {});
    loaded = await loadParticipateDemo(t.deps, systemCtx('demo'));
  });
  after(() => t.close());

  it('loads an open, a closed and a completed consultation through the services, once', async () => {
    assert.deepEqual(loaded, { participate_consultations: 3, participate_comments: 354, participate_ideas: 7 });
    assert.deepEqual(
      await loadParticipateDemo(t.deps, systemCtx('demo')),
      { participate_consultations: 0, participate_comments: 0, participate_ideas: 0 },
      'idempotent',
    );
    const today = dayOf(t.deps, new Date());
    const rows = await t.deps.db.selectFrom('participate_consultations').selectAll().orderBy('id').execute();
    assert.deepEqual(
      rows.map((c) => phaseOf(c, today)),
      ['open', 'closed', 'completed'],
    );
    const completed = rows[2];
    const comments = await t.deps.db.selectFrom('participate_comments').selectAll().where('consultation_id', '=', completed.id).execute();
    assert.equal(comments.length, 300);
    assert.ok(
      comments.every((c) => c.disposition && c.disposition_reason),
      'every comment of the completed one is answered',
    );
    assert.equal(new Set(comments.map((c) => c.disposition)).size, 4);
    assert.ok(comments.some((c) => c.display === 'anonymous'));
    const closed = await t.deps.db
      .selectFrom('participate_comments')
      .select('disposition')
      .where('consultation_id', '=', rows[1].id)
      .execute();
    assert.ok(closed.some((c) => c.disposition) && closed.some((c) => !c.disposition), 'the closed one is half answered');
    assert.equal(await consultationsHeld(t.deps), 3);
    const share = await commentsAnsweredShare(t.deps);
    assert.equal(share.total, 340);
    assert.equal(share.answered, 320);
  });

  it('loads ideas in every state: waiting, not published, unanswered, and each answer with its history', async () => {
    const rows = await t.deps.db.selectFrom('participate_ideas').selectAll().orderBy('id').execute();
    assert.deepEqual(new Set(rows.map((r) => r.moderation)), new Set(['pending', 'rejected', 'published']));
    assert.deepEqual(
      new Set(rows.filter((r) => r.moderation === 'published').map((r) => r.answer)),
      new Set([null, 'under_study', 'accepted', 'implemented', 'declined']),
    );
    assert.ok(
      rows.some((r) => r.agency_id === null),
      'one to the program',
    );
    const supports = await t.deps.db
      .selectFrom('participate_idea_supports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(
      Number(supports.n),
      rows.reduce((n, r) => n + r.supports, 0),
    );
    for (const lang of ['ar', 'en']) assert.equal((await new Client(t.app).get(`/${lang}/ideas`)).statusCode, 200);
  });

  it('serves the demo report and consultation pages in both languages', async () => {
    const done = await t.deps.db
      .selectFrom('participate_consultations')
      .select('id')
      .where('status', '=', 'completed')
      .executeTakeFirstOrThrow();
    for (const lang of ['ar', 'en']) {
      const report = await new Client(t.app).get(`/${lang}/consultations/${done.id}/report`);
      assert.equal(report.statusCode, 200);
      assert.match(report.body, /<ins>/);
      assert.equal((await new Client(t.app).get(`/${lang}/consultations`)).statusCode, 200);
    }
  });
});
