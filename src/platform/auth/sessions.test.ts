import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildUser } from '../../../test/helpers/factories.ts';

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('session lifetime', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ SESSION_TTL_HOURS: '12', SESSION_MAX_HOURS: '24' });
  });
  after(() => t.close());

  const sessionOf = async (email: string) =>
    t.deps.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id', 'sessions.created_at', 'sessions.expires_at'])
      .where('users.email', '=', email)
      .executeTakeFirstOrThrow();

  it('ends a session SESSION_MAX_HOURS after sign-in, however active it stayed', async () => {
    await buildUser(t.deps, { email: 'busy@example.gov.sa', role: 'program_reviewer' });
    const c = await signedIn(t.app, 'busy@example.gov.sa');
    assert.equal((await c.get('/en/console')).statusCode, 200);
    const s = await sessionOf('busy@example.gov.sa');
    // Active a minute ago and not idle-expired, but signed in 25 hours ago.
    await t.deps.db
      .updateTable('sessions')
      .set({ created_at: ago(25 * HOUR), last_seen_at: ago(60_000), expires_at: new Date(Date.now() + 6 * HOUR).toISOString() })
      .where('id', '=', s.id)
      .execute();
    const res = await c.get('/en/console');
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /\/en\/sign-in/);
  });

  it('slides the idle expiry, but never past the absolute end', async () => {
    await buildUser(t.deps, { email: 'late-shift@example.gov.sa', role: 'program_reviewer' });
    const c = await signedIn(t.app, 'late-shift@example.gov.sa');
    const s = await sessionOf('late-shift@example.gov.sa');
    const created = ago(23 * HOUR);
    await t.deps.db
      .updateTable('sessions')
      .set({ created_at: created, last_seen_at: ago(5 * 60_000), expires_at: new Date(Date.now() + HOUR).toISOString() })
      .where('id', '=', s.id)
      .execute();
    assert.equal((await c.get('/en/console')).statusCode, 200);
    const slid = await sessionOf('late-shift@example.gov.sa');
    assert.equal(
      slid.expires_at,
      new Date(new Date(created).getTime() + 24 * HOUR).toISOString(),
      'capped at sign-in + 24 h, not now + 12 h',
    );
  });
});
