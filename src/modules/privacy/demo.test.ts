import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { loadPrivacyDemo } from './privacy.demo.ts';

describe('privacy demo', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('files a correction and an erasure request and records a closed breach, once', async () => {
    assert.deepEqual(await loadPrivacyDemo(t.deps, systemCtx('demo')), { privacy_requests: 2, privacy_breaches: 1 });
    assert.deepEqual(await loadPrivacyDemo(t.deps, systemCtx('demo')), {});
    const requests = await t.deps.db.selectFrom('privacy_requests').select(['kind', 'status']).orderBy('id').execute();
    assert.deepEqual(
      requests.map((r) => [r.kind, r.status]),
      [
        ['correction', 'received'],
        ['erasure', 'received'],
      ],
    );
    const breach = await t.deps.db.selectFrom('privacy_breaches').selectAll().executeTakeFirstOrThrow();
    assert.equal(breach.status, 'closed');
    assert.ok(breach.authority_notified_on && breach.authority_notified_on >= breach.discovered_on);
  });
});
