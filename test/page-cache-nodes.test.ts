// Two web nodes on one database: what other modules show on a public service page (feedback's
// replies and hidden comments, notify's announcements) is served anew on the other node once it has
// read the catalog's change feed, not after its page cache expires.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hideComment, publishReply, submitRating } from '../src/modules/feedback/testing.ts';
import { publishNow } from '../src/modules/notify/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { catchUpNodes, type TestApp, twoNodes } from './helpers/app.ts';
import { buildService } from './helpers/catalog.ts';
import { buildAgency } from './helpers/factories.ts';

const ctx = systemCtx('test');

describe('the public page cache on two web nodes, for what other modules add to a service page', () => {
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    [a, b] = await twoNodes();
  });
  after(async () => {
    await b.app.close();
    await b.deps.close();
    await a.close();
  });

  it('serves a reply, a hidden comment and an announcement anew on the other node', async () => {
    const agency = await buildAgency(a.deps);
    const s = await buildService(a.deps, agency.id, { identifier: 'cached-extras' });
    await submitRating(a.deps, { actor: { kind: 'anonymous' }, lang: 'en', requestId: null, ip: '10.77.0.1' }, 'cached-extras', {
      answers: { satisfied: 2 },
      comment: 'The upload step timed out twice.',
    });
    const rating = await a.deps.db.selectFrom('feedback_ratings').select('id').where('service_id', '=', s.id).executeTakeFirstOrThrow();
    await catchUpNodes(a, b);
    const page = async () => {
      const r = await b.app.inject('/en/services/cached-extras');
      assert.equal(r.statusCode, 200);
      return r.body;
    };
    assert.doesNotMatch(await page(), /upload step timed out/);
    // Each change on node A: node B still serves its cached copy until it reads the feed.
    await publishReply(a.deps, ctx, rating.id, { body: 'Fixed on Sunday, thank you.' });
    assert.doesNotMatch(await page(), /Fixed on Sunday/);
    await catchUpNodes(b);
    assert.match(await page(), /upload step timed out[\s\S]*Fixed on Sunday/);
    await hideComment(a.deps, ctx, rating.id, { reason: 'Names a member of staff.' });
    await catchUpNodes(b);
    assert.doesNotMatch(await page(), /upload step timed out|Fixed on Sunday/);
    await publishNow(a, { agency_id: agency.id, title_en: 'Uploads are back', service_ids: [s.id] });
    assert.doesNotMatch(await page(), /Uploads are back/);
    await catchUpNodes(b);
    assert.match(await page(), /Uploads are back/);
  });
});
