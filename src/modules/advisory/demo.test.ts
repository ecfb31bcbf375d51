import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { identityModule } from '../identity/index.ts';
import { planModule } from '../plan/index.ts';
import { requestStatuses, requestTypes } from './advisory.tables.ts';
import { advisoryModule } from './index.ts';
import { findingsAcceptedShare, requestsByType } from './public.ts';
import { queue } from './queue.service.ts';

// The demo loads through the module's services: the advisory team of 21 from 13 agencies and
// requests of every type and every state, with findings and responses; a second load adds nothing.

describe('advisory: demo data', () => {
  let t: TestApp;
  let loaded: Record<string, number>;
  before(async () => {
    t = await testApp();
    await identityModule.demo?.(t.deps, systemCtx('demo'), {});
    await planModule.demo?.(t.deps, systemCtx('demo'), {});
    loaded = (await advisoryModule.demo?.(t.deps, systemCtx('demo'), {})) ?? {};
  });
  after(() => t.close());

  it('puts 21 advisors from 13 agencies on the team, each holding the advisor role, once', async () => {
    assert.equal(loaded.advisory_advisors, 21);
    const team = await t.deps.db.selectFrom('advisory_advisors').selectAll().execute();
    assert.equal(team.length, 21);
    assert.equal(new Set(team.map((a) => a.home_agency_id)).size, 13);
    const roles = await t.deps.db.selectFrom('memberships').select('user_id').where('role', '=', 'advisor').execute();
    assert.ok(team.every((a) => roles.some((r) => r.user_id === a.user_id)));
    assert.deepEqual(await advisoryModule.demo?.(t.deps, systemCtx('demo'), {}), {
      advisory_advisors: 0,
      advisory_requests: 0,
      advisory_findings: 0,
    });
  });

  it('has requests of every type and every state, with findings, responses, follow-ups and ratings', async () => {
    const rows = await t.deps.db.selectFrom('advisory_requests').selectAll().execute();
    assert.equal(rows.length, loaded.advisory_requests);
    assert.deepEqual(new Set(rows.map((r) => r.type)), new Set(requestTypes));
    assert.deepEqual(new Set(rows.map((r) => r.status)), new Set(requestStatuses));
    assert.ok(rows.filter((r) => r.status === 'closed').every((r) => r.satisfaction !== null));
    assert.ok(
      rows.some((r) => r.initiative_ids !== ''),
      'one request concerns a plan initiative',
    );
    const findings = await t.deps.db.selectFrom('advisory_findings').selectAll().execute();
    assert.equal(findings.length, loaded.advisory_findings);
    assert.deepEqual(new Set(findings.map((f) => f.response)), new Set(['accept', 'accept_in_part', 'reject', null]));
    assert.ok(findings.some((f) => f.followup_closed_at !== null));
    const documents = await t.deps.db.selectFrom('advisory_documents').selectAll().execute();
    assert.equal(documents.filter((d) => d.version === 1).length, rows.length, 'every request comes with a document');
    assert.ok(documents.some((d) => d.version === 2));
    assert.ok(await t.deps.storage.exists(documents[0].storage_key));
    assert.equal(rows.filter((r) => r.anonymised === 1).length, 1, 'one request is anonymised in the knowledge base');
    const exceptions = await t.deps.db.selectFrom('advisory_assignments').selectAll().where('exception_reason', 'is not', null).execute();
    assert.equal(exceptions.length, 1);
    const share = await findingsAcceptedShare(t.deps);
    assert.ok(share.rate !== null && share.rate > 0 && share.rate < 1);
    assert.equal(
      Object.values(await requestsByType(t.deps)).reduce((a, b) => a + b, 0),
      rows.length,
    );
  });

  it('shows the demo advisor only the requests assigned to her, and the demo agency only its own', async () => {
    const mona = await t.deps.db.selectFrom('users').selectAll().where('email', '=', 'advisor@yusr.demo').executeTakeFirstOrThrow();
    const ctx: Ctx = {
      actor: {
        kind: 'user',
        id: mona.id,
        name: mona.name,
        email: mona.email,
        locale: 'en',
        memberships: [{ role: 'advisor', agencyId: null }],
      },
      lang: 'en',
      requestId: null,
      ip: null,
    };
    const hers = await queue(t.deps, ctx);
    const me = await t.deps.db.selectFrom('advisory_advisors').select('id').where('user_id', '=', mona.id).executeTakeFirstOrThrow();
    const assigned = await t.deps.db.selectFrom('advisory_assignments').select('request_id').where('advisor_id', '=', me.id).execute();
    assert.ok(hers.length > 0);
    assert.deepEqual(hers.map((r) => r.request.id).sort(), assigned.map((a) => a.request_id).sort());

    const moh = await t.deps.db.selectFrom('agencies').select('id').where('code', '=', 'moh').executeTakeFirstOrThrow();
    const staff: Ctx = {
      actor: {
        kind: 'user',
        id: 0,
        name: 'MOH',
        email: 'moh@example.sa',
        locale: 'en',
        memberships: [{ role: 'agency_editor', agencyId: moh.id }],
      },
      lang: 'en',
      requestId: null,
      ip: null,
    };
    const theirs = await queue(t.deps, staff);
    assert.ok(theirs.length >= 2);
    assert.ok(theirs.every((r) => r.request.agency_id === moh.id));
  });
});
