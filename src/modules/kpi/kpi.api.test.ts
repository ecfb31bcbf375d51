import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { createToken } from '../identity/testing.ts';
import { addMonths, currentMonth } from './testing.ts';

// The API: an agency's token pushes a month's figures and reads them back; scopes and agencies are
// enforced; errors come back field by field in both languages; missing months are null, not zero.

describe('kpi API', () => {
  let t: TestApp;
  let reader: string;
  let writer: string;
  let otherWriter: string;
  const month = addMonths(currentMonth(), -1);
  const body = {
    web: 700,
    app: 200,
    kiosk: 0,
    call_centre: 50,
    service_centre: 50,
    started: 1000,
    completed: 900,
    total_cost: 5000,
    cost_includes: 'Hosting',
  };
  const call = (method: 'GET' | 'PUT', url: string, token?: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      payload: payload as object,
      remoteAddress: '198.18.2.1',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  before(async () => {
    t = await testApp();
    const agency = (await buildAgency(t.deps, { code: 'api-a' })).id;
    const other = (await buildAgency(t.deps, { code: 'api-b' })).id;
    await buildService(t.deps, agency, { identifier: 'api-service' });
    await buildService(t.deps, other, { identifier: 'api-theirs' });
    reader = (await createToken(t.deps, systemCtx(), agency, { name: 'bi', scopes: ['agency:read'] })).token;
    writer = (await createToken(t.deps, systemCtx(), agency, { name: 'crm', scopes: ['agency:write'] })).token;
    otherWriter = (await createToken(t.deps, systemCtx(), other, { name: 'theirs', scopes: ['agency:write'] })).token;
  });
  after(() => t.close());

  it('refuses without a token (401), with a read-only token (403) and another agency’s token (403)', async () => {
    const url = `/api/v1/kpi/services/api-service/months/${month}`;
    assert.equal((await call('PUT', url, undefined, body)).statusCode, 401);
    assert.equal((await call('PUT', url, reader, body)).statusCode, 403);
    assert.equal((await call('PUT', url, otherWriter, body)).statusCode, 403);
    assert.equal((await call('GET', '/api/v1/kpi/services/api-service/months', otherWriter)).statusCode, 403);
    assert.equal((await call('GET', '/api/v1/kpi/services/api-service/months')).statusCode, 401);
    assert.equal((await call('PUT', '/api/v1/kpi/services/nothing-here/months/2026-01', writer, body)).statusCode, 404);
  });

  it('refuses bad figures field by field in both languages', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/kpi/services/api-service/months/${addMonths(currentMonth(), 2)}?lang=ar`,
      payload: { ...body, completed: 2000 },
      headers: { authorization: `Bearer ${writer}` },
    });
    assert.equal(res.statusCode, 400, res.body);
    const errors = res.json().errors as { field: string; message_ar: string; message_en: string }[];
    const by = Object.fromEntries(errors.map((e) => [e.field, e]));
    assert.equal(by.completed.message_en, 'Completed cannot be more than started');
    assert.equal(by.completed.message_ar, 'لا يزيد المكتمل على المبدوء');
    assert.equal(by.month.message_en, 'The month has not started yet');
    const negative = await call('PUT', `/api/v1/kpi/services/api-service/months/${month}`, writer, { ...body, web: -1 });
    assert.equal(negative.statusCode, 400);
    const unknown = await call('PUT', `/api/v1/kpi/services/api-service/months/${month}`, writer, { ...body, visits: 3 });
    assert.equal(unknown.statusCode, 400);
    assert.equal(await t.deps.db.selectFrom('kpi_figures').select('id').executeTakeFirst(), undefined);
  });

  it('takes a month, answers a repeat as unchanged, a correction as an update, and reads the months back with gaps as null', async () => {
    const url = `/api/v1/kpi/services/api-service/months/${month}`;
    const first = await call('PUT', url, writer, body);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().outcome, 'create');
    assert.equal(first.json().digital_take_up, 0.9);
    assert.equal(first.json().completion_rate, 0.9);
    assert.equal(first.json().cost_per_transaction, 5);
    assert.equal((await call('PUT', url, writer, body)).json().outcome, 'unchanged');
    const fixed = await call('PUT', url, writer, { ...body, completed: 950, reason: 'late records' });
    assert.equal(fixed.json().outcome, 'update');
    assert.equal(fixed.json().figures.version, 2);
    const read = await call('GET', `/api/v1/kpi/services/api-service/months?from=${addMonths(month, -2)}&to=${month}`, reader);
    assert.equal(read.statusCode, 200);
    const months = read.json().months as { month: string; figures: unknown; digital_take_up: number | null }[];
    assert.deepEqual(
      months.map((m) => m.month),
      [addMonths(month, -2), addMonths(month, -1), month],
    );
    assert.equal(months[0].figures, null);
    assert.equal(months[0].digital_take_up, null, 'a missing month is null, not 0');
    assert.equal(months[2].digital_take_up, 0.9);
    const range = await call('GET', '/api/v1/kpi/services/api-service/months?from=2026-05&to=2026-01', reader);
    assert.equal(range.statusCode, 400);
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/kpi/services/{identifier}/months/{month}'].put);
    assert.ok(doc.paths['/api/v1/kpi/services/{identifier}/months'].get);
  });
});
