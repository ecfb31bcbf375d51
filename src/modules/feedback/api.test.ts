import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { createToken } from '../identity/testing.ts';

describe('feedback API', () => {
  let t: TestApp;
  let agencyId: number;
  let reader: string;
  let writer: string;
  let caseId: number;
  const json = (method: 'GET' | 'POST', url: string, payload?: unknown, token?: string) =>
    t.app.inject({
      method,
      url,
      payload: payload as object,
      remoteAddress: '198.18.1.1',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  before(async () => {
    t = await testApp();
    agencyId = (await buildAgency(t.deps, { code: 'zatca' })).id;
    reader = (await createToken(t.deps, systemCtx(), agencyId, { name: 'crm read', scopes: ['agency:read'] })).token;
    writer = (await createToken(t.deps, systemCtx(), agencyId, { name: 'crm write', scopes: ['agency:read', 'agency:write'] })).token;
  });
  after(() => t.close());

  it('publishes the current questions', async () => {
    const res = await json('GET', '/api/v1/feedback/questions');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().version, 1);
    assert.deepEqual(
      res.json().questions.map((q: { driver: string }) => q.driver),
      ['satisfied', 'trust', 'need', 'easy', 'time', 'fair', 'staff'],
    );
  });

  it('takes a case from an app without an account, and answers a repeat with the same number', async () => {
    const body = {
      kind: 'inquiry',
      category: 'fees',
      agency_id: agencyId,
      subject: 'VAT refund',
      body: 'How long does a VAT refund take?',
      contact_phone: '0551234567',
      notify_by: 'sms',
    };
    const short = await json('POST', '/api/v1/feedback/cases?lang=en', { ...body, contact_phone: '055 123 456' });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /contact_phone/);
    const res = await json('POST', '/api/v1/feedback/cases?lang=en', body);
    assert.equal(res.statusCode, 201, res.body);
    const { tracking_no, status_url } = res.json();
    assert.match(status_url, new RegExp(`^http://yusr.test/en/feedback/cases/${tracking_no}\\?t=`));
    assert.equal((await t.app.inject(status_url.replace('http://yusr.test', ''))).statusCode, 200);
    // The same number in Persian digits and with spaces is the same contact.
    const again = await json('POST', '/api/v1/feedback/cases', { ...body, contact_phone: '۰۵۵ ۱۲۳ ۴۵۶۷' });
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), { tracking_no, duplicate: true });
    const sms = await t.deps.db.selectFrom('messages').selectAll().where('channel', '=', 'sms').execute();
    assert.equal(sms[0].to_address, '+966551234567');
    caseId = (await t.deps.db.selectFrom('feedback_cases').select('id').executeTakeFirstOrThrow()).id;
  });

  it('lets the agency’s system read its cases and reply, with the scope it was given', async () => {
    const list = await json('GET', '/api/v1/feedback/cases', undefined, reader);
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().items[0].contact.phone, '+966551234567');
    const one = await json('GET', `/api/v1/feedback/cases/${caseId}`, undefined, reader);
    assert.deepEqual(
      one.json().events.map((e: { kind: string }) => e.kind),
      ['submitted'],
    );
    const refused = await json('POST', `/api/v1/feedback/cases/${caseId}/replies`, { body: 'Two weeks.' }, reader);
    assert.equal(refused.statusCode, 403);
    const reply = await json(
      'POST',
      `/api/v1/feedback/cases/${caseId}/replies`,
      { body: 'Usually two weeks. Which period is it?', waiting: true },
      writer,
    );
    assert.equal(reply.statusCode, 200, reply.body);
    assert.equal(reply.json().status, 'waiting');
    const bad = await json('POST', `/api/v1/feedback/cases/${caseId}/replies`, { body: '' }, writer);
    assert.equal(bad.statusCode, 400);
    const sms = await t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('channel', '=', 'sms')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(sms.text_body, /\/en\/feedback\/cases\/YSR-/);
  });

  it('does not let anyone in without a token', async () => {
    assert.equal((await json('GET', '/api/v1/feedback/cases')).statusCode, 401);
    assert.equal((await json('GET', `/api/v1/feedback/cases/${caseId}`, undefined, 'yusr_nonsense')).statusCode, 401);
  });
});
