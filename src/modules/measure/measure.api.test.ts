import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { createToken } from '../identity/testing.ts';
import { finaliseRound, publishRound } from './finalise.service.ts';
import { openedRound, publishedFramework } from './measure.fixtures.ts';
import { acceptPending } from './review.service.ts';
import { closeNow } from './rounds.service.ts';
import { submitAnswers } from './submit.service.ts';

// The measure API with agency tokens: rounds and frameworks to read, the agency's own answers to
// read and write within the round's rules, results once published; other agencies, wrong scopes
// and bad payloads refused (RFC 9457 problems, field by field, in both languages).

describe('measure API', () => {
  let t: TestApp;
  let reader: string;
  let writer: string;
  let otherWriter: string;
  let outsider: string;
  let roundCode: string;
  let agencyA: number;
  const call = (method: 'GET' | 'PUT', url: string, token?: string, payload?: unknown, lang = 'en') =>
    t.app.inject({
      method,
      url,
      payload: payload as object,
      remoteAddress: '198.18.3.1',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'accept-language': lang },
    });

  before(async () => {
    t = await testApp();
    const a = (await buildAgency(t.deps, { code: 'm-api-a' })).id;
    agencyA = a;
    const b = (await buildAgency(t.deps, { code: 'm-api-b' })).id;
    const c = (await buildAgency(t.deps, { code: 'm-api-c' })).id;
    const fw = await publishedFramework(t.deps);
    roundCode = (await openedRound(t.deps, fw.id, [a, b], { code: 'api-round' })).code;
    reader = (await createToken(t.deps, systemCtx(), a, { name: 'bi', scopes: ['agency:read'] })).token;
    writer = (await createToken(t.deps, systemCtx(), a, { name: 'erp', scopes: ['agency:write'] })).token;
    otherWriter = (await createToken(t.deps, systemCtx(), b, { name: 'theirs', scopes: ['agency:write'] })).token;
    outsider = (await createToken(t.deps, systemCtx(), c, { name: 'outside', scopes: ['agency:write'] })).token;
  });
  after(() => t.close());

  it('lists the rounds the agency takes part in, and the framework of one', async () => {
    const res = await call('GET', '/api/v1/measure/rounds', reader);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      res.json().rounds.map((r: { code: string }) => r.code),
      ['api-round'],
    );
    assert.deepEqual((await call('GET', '/api/v1/measure/rounds', outsider)).json().rounds, []);
    const f = await call('GET', `/api/v1/measure/rounds/${roundCode}/framework`, reader);
    assert.equal(f.statusCode, 200);
    assert.equal(f.json().id, 'small');
    assert.equal((await call('GET', `/api/v1/measure/rounds/${roundCode}/framework`, outsider)).statusCode, 403);
    assert.equal((await call('GET', '/api/v1/measure/rounds/nothing/framework', reader)).statusCode, 404);
    assert.equal((await call('GET', '/api/v1/measure/rounds')).statusCode, 401);
    const docRes = await t.app.inject('/api/openapi.json');
    assert.equal(docRes.statusCode, 200, docRes.body.slice(0, 300));
    const doc = docRes.json();
    for (const path of ['/api/v1/measure/rounds', '/api/v1/measure/rounds/{code}/answers/{key}', '/api/v1/measure/rounds/{code}/results'])
      assert.ok(doc.paths[path], `${path} is documented`);
    assert.deepEqual(doc.paths['/api/v1/measure/rounds/{code}/answers/{key}'].put.tags, ['measure']);
  });

  it('writes the agency’s own answer with a decimal comma, read back exactly, audited and in the history', async () => {
    const url = `/api/v1/measure/rounds/${roundCode}/answers/q.days`;
    const res = await call('PUT', url, writer, { value: '12,5', comment: 'From the ERP' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().outcome, 'new');
    assert.equal(res.json().answer.value, 12.5);
    const again = await call('PUT', url, writer, { value: 12.5, comment: 'From the ERP' });
    assert.equal(again.json().outcome, 'unchanged');
    const pct = await call('PUT', `/api/v1/measure/rounds/${roundCode}/answers/q.pct`, writer, {
      value: 0.99924,
      evidence_links: ['https://erp.example.sa/report.pdf'],
    });
    assert.equal(pct.statusCode, 200, pct.body);
    const list = await call('GET', `/api/v1/measure/rounds/${roundCode}/answers`, reader);
    assert.equal(list.statusCode, 200);
    const byKey = Object.fromEntries(list.json().answers.map((a: { question: string }) => [a.question, a]));
    assert.equal(byKey['q.pct'].value, 0.99924);
    assert.deepEqual(byKey['q.pct'].evidence_links, ['https://erp.example.sa/report.pdf']);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('action', '=', 'measure.answer.import')
      .orderBy('seq')
      .execute();
    assert.equal(audit.length, 2);
    assert.equal(audit[0].actor_label, 'token erp');
    const events = await t.deps.db.selectFrom('measure_answer_events').select('action').orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => e.action),
      ['api', 'api'],
    );
  });

  it('refuses other agencies, wrong scopes and bad payloads', async () => {
    const url = `/api/v1/measure/rounds/${roundCode}/answers/q.days`;
    assert.equal((await call('PUT', url, reader, { value: 3 })).statusCode, 403, 'a read-only token does not write');
    assert.equal((await call('PUT', url, undefined, { value: 3 })).statusCode, 401);
    assert.equal((await call('PUT', `${url}?agency=m-api-b`, writer, { value: 3 })).statusCode, 403, 'not for another agency');
    assert.equal((await call('GET', `/api/v1/measure/rounds/${roundCode}/answers?agency=m-api-a`, otherWriter)).statusCode, 403);
    assert.equal((await call('PUT', url, outsider, { value: 3 })).statusCode, 403, 'an agency outside the round');
    const high = await call('PUT', url, writer, { value: 45 });
    assert.equal(high.statusCode, 400);
    assert.match(high.headers['content-type'] as string, /application\/problem\+json/);
    const err = high.json().errors[0];
    assert.equal(err.field, 'value');
    assert.match(err.message_en, /no higher than 30/);
    assert.match(err.message_ar, /لا يزيد على/);
    const ambiguous = await call('PUT', url, writer, { value: '1,234' });
    assert.equal(ambiguous.statusCode, 400);
    assert.match(ambiguous.json().errors[0].message_en, /write 1234 or 1\.234/);
    const extra = await call('PUT', url, writer, { value: 3, score: 100 });
    assert.equal(extra.statusCode, 400);
    const noEvidence = await call('PUT', `/api/v1/measure/rounds/${roundCode}/answers/q.pct?agency=m-api-b`, otherWriter, { value: 50 });
    assert.equal(noEvidence.statusCode, 400);
    assert.equal(noEvidence.json().errors[0].field, 'evidence_links');
    const auto = await call('PUT', `/api/v1/measure/rounds/${roundCode}/answers/q.auto`, writer, { value: 50 });
    assert.equal(auto.statusCode, 400);
    assert.equal((await call('PUT', `/api/v1/measure/rounds/${roundCode}/answers/q.nothing`, writer, { value: 1 })).statusCode, 404);
  });

  it('gives the ranking once the round is published, to any agency token of the round', async () => {
    const fw = await t.deps.db.selectFrom('measure_frameworks').select('id').where('key', '=', 'small').executeTakeFirstOrThrow();
    const done = await openedRound(t.deps, fw.id, [agencyA], { code: 'api-done' });
    const put = (key: string, body: unknown) => call('PUT', `/api/v1/measure/rounds/api-done/answers/${key}`, writer, body);
    assert.equal((await put('q.yes', { value: true })).statusCode, 200);
    assert.equal((await put('q.pct', { value: '٨٥٫٥', evidence_links: ['https://erp.example.sa/list.pdf'] })).statusCode, 200);
    assert.equal((await put('q.na', { na: true })).statusCode, 200);
    assert.equal((await put('q.level', { value: 'all' })).statusCode, 200);
    assert.equal((await put('q.days', { value: 4 })).statusCode, 200);
    const admin: Ctx = {
      actor: {
        kind: 'user',
        id: 1,
        name: 'Admin',
        email: 'admin@a.sa',
        locale: 'en',
        memberships: [{ role: 'agency_admin', agencyId: agencyA }],
      },
      lang: 'en',
      requestId: null,
      ip: null,
    };
    await submitAnswers(t.deps, admin, done.id, agencyA, { attest: 'on' });
    assert.equal((await call('GET', '/api/v1/measure/rounds/api-done/results', reader)).statusCode, 403, 'not before publication');
    await closeNow(t.deps, systemCtx(), done.id);
    await acceptPending(t.deps, systemCtx(), done.id, agencyA);
    await finaliseRound(t.deps, systemCtx(), done.id);
    await publishRound(t.deps, systemCtx(), done.id);
    const res = await call('GET', '/api/v1/measure/rounds/api-done/results', reader);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().agencies[0].agency, 'm-api-a');
    assert.equal(res.json().agencies[0].rank, 1);
    assert.equal((await call('GET', '/api/v1/measure/rounds/api-done/results', outsider)).statusCode, 403);
  });

  it('refuses answers once submitted (409), and results before they are published (403)', async () => {
    await t.deps.db.updateTable('measure_participants').set({ status: 'submitted' }).execute();
    const res = await call('PUT', `/api/v1/measure/rounds/${roundCode}/answers/q.days`, writer, { value: 4 });
    assert.equal(res.statusCode, 409);
    assert.equal((await call('GET', `/api/v1/measure/rounds/${roundCode}/results`, reader)).statusCode, 403);
  });
});
