import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { createToken } from '../identity/testing.ts';
import { acceptRequest, addAdvisor, addFinding, assignAdvisor, deliver, submitRequest } from './testing.ts';

// The advisory API: an agency's token reads its own requests (with findings once delivered) and, with
// advisory:write, submits one; another agency's request is 403, an unknown one 404, bad input a 400
// problem naming the field; a token without an advisory scope is refused; every submission audited.

describe('advisory API', () => {
  let t: TestApp;
  const ids = { a: 0, b: 0, mineDelivered: 0, mineNew: 0, theirs: 0 };
  const tokens = { read: '', write: '', other: '', unscoped: '' };
  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: Record<string, unknown>) => {
    const headers = { authorization: `Bearer ${token}` };
    return payload === undefined ? t.app.inject({ method, url, headers }) : t.app.inject({ method, url, headers, payload });
  };

  before(async () => {
    t = await testApp();
    const office = systemCtx('test');
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    const adv = await buildUser(t.deps, { email: 'x@advisors.sa', role: 'advisor', name: 'Xavier Lead' });
    const advisor = await addAdvisor(t.deps, office, { user_id: String(adv.id), home_agency_id: String(ids.b) });
    const submit = (agency: number, title: string) =>
      submitRequest(t.deps, office, { agency_id: String(agency), type: 'tender_review', title, question: 'Fair?', urgency: 'normal' });
    const delivered = await submit(ids.a, 'Alpha RFP');
    ids.mineDelivered = delivered.id;
    await acceptRequest(t.deps, office, delivered.id, { priority: 'high' });
    await assignAdvisor(t.deps, office, delivered.id, { advisor_id: String(advisor.id), role: 'lead' });
    await addFinding(t.deps, office, delivered.id, {
      severity: 'critical',
      title: 'Weights favour one vendor',
      recommendation: 'Rebalance.',
      reference: '§6.3',
    });
    await deliver(t.deps, office, delivered.id, { summary: 'Sound apart from the weights.' });
    ids.mineNew = (await submit(ids.a, 'Alpha architecture')).id;
    // Accepted and under way: a draft finding the agency must not see before delivery.
    await acceptRequest(t.deps, office, ids.mineNew, { priority: 'low' });
    await assignAdvisor(t.deps, office, ids.mineNew, { advisor_id: String(advisor.id), role: 'lead' });
    await addFinding(t.deps, office, ids.mineNew, { severity: 'low', title: 'Draft finding', recommendation: 'r', reference: 'p. 1' });
    await addFinding(t.deps, office, ids.mineNew, {
      severity: 'low',
      title: 'Draft finding',
      recommendation: 'r',
      reference: 'p. 1',
    }).catch(() => undefined);
    ids.theirs = (await submit(ids.b, 'Beta plan')).id;
    tokens.read = (await createToken(t.deps, office, ids.a, { name: 'alpha-read', scopes: ['advisory:read'] })).token;
    tokens.write = (await createToken(t.deps, office, ids.a, { name: 'alpha-write', scopes: ['advisory:write'] })).token;
    tokens.other = (await createToken(t.deps, office, ids.b, { name: 'beta-read', scopes: ['advisory:read'] })).token;
    tokens.unscoped = (await createToken(t.deps, office, ids.a, { name: 'alpha-services', scopes: ['services:read'] })).token;
  });
  after(() => t.close());

  it('lists only the agency’s own requests, newest first', async () => {
    const res = await call('GET', '/api/v1/advisory/requests', tokens.read);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(
      body.items.map((x: { id: number }) => x.id),
      [ids.mineNew, ids.mineDelivered],
    );
    assert.equal(body.items[0].agency, 'alpha');
    const delivered = await call('GET', '/api/v1/advisory/requests?status=delivered', tokens.read);
    assert.deepEqual(
      delivered.json().items.map((x: { id: number }) => x.id),
      [ids.mineDelivered],
    );
    const beta = await call('GET', '/api/v1/advisory/requests', tokens.other);
    assert.deepEqual(
      beta.json().items.map((x: { id: number }) => x.id),
      [ids.theirs],
    );
  });

  it('reads one request with its delivered findings; another agency’s is 403, an unknown one 404', async () => {
    const res = await call('GET', `/api/v1/advisory/requests/${ids.mineDelivered}`, tokens.read);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    assert.equal(r.summary, 'Sound apart from the weights.');
    assert.deepEqual(
      r.findings.map((f: { title: string; severity: string }) => [f.title, f.severity]),
      [['Weights favour one vendor', 'critical']],
    );
    const undelivered = await call('GET', `/api/v1/advisory/requests/${ids.mineNew}`, tokens.read);
    assert.deepEqual(undelivered.json().findings, [], 'drafts stay with the team until delivery');
    const theirs = await call('GET', `/api/v1/advisory/requests/${ids.theirs}`, tokens.read);
    assert.equal(theirs.statusCode, 403);
    assert.match(String(theirs.headers['content-type']), /application\/problem\+json/);
    assert.equal((await call('GET', '/api/v1/advisory/requests/999999', tokens.read)).statusCode, 404);
    assert.equal((await call('GET', '/api/v1/advisory/requests', tokens.unscoped)).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/advisory/requests' })).statusCode, 401);
  });

  it('submits a request with advisory:write only, for the token’s own agency, audited; bad input is a 400 naming the field', async () => {
    const body = { type: 'technical_review', title: 'Gateway design', question: 'Is the gateway sound?', urgency: 'high' };
    const count = async () => (await t.deps.db.selectFrom('advisory_requests').select('id').execute()).length;
    const before = await count();
    assert.equal((await call('POST', '/api/v1/advisory/requests', tokens.read, body)).statusCode, 403);
    assert.equal((await call('POST', '/api/v1/advisory/requests', tokens.write, { ...body, agency_id: ids.b })).statusCode, 403);
    const bad = await call('POST', '/api/v1/advisory/requests', tokens.write, { ...body, type: 'gossip', title: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
    assert.match(bad.body, /type/);
    assert.equal(await count(), before);

    const made = await call('POST', '/api/v1/advisory/requests', tokens.write, body);
    assert.equal(made.statusCode, 201, made.body);
    const r = made.json();
    assert.equal(r.agency, 'alpha');
    assert.equal(r.status, 'submitted');
    assert.equal(r.title, 'Gateway design');
    const row = await t.deps.db.selectFrom('advisory_requests').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    assert.equal(row.agency_id, ids.a);
    assert.equal(row.submitted_by, 'token alpha-write');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('record_type', '=', 'advisory_request')
      .where('record_id', '=', String(r.id))
      .execute();
    assert.deepEqual(audit, [{ action: 'advisory.submit', actor_type: 'token' }]);
    // The write token reads its own agency's requests too, never another's.
    assert.equal((await call('GET', `/api/v1/advisory/requests/${r.id}`, tokens.write)).statusCode, 200);
    assert.equal((await call('GET', `/api/v1/advisory/requests/${r.id}`, tokens.other)).statusCode, 403);
  });

  it('is described in the OpenAPI document', async () => {
    const res = await t.app.inject('/api/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.ok(doc.paths['/api/v1/advisory/requests'].get);
    assert.ok(doc.paths['/api/v1/advisory/requests'].post);
    assert.ok(doc.paths['/api/v1/advisory/requests/{id}'].get);
  });
});
