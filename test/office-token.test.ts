import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createToken } from '../src/modules/identity/testing.ts';
import { openedRound, publishedFramework, smallFrameworkJson } from '../src/modules/measure/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { buildAgency } from './helpers/factories.ts';

// The program office's own API token (issue 13; api_tokens.agency_id null, migration 0060) acts on
// any agency where the routes let the office: catalog import for any agency, and measurement
// answers to the questions the office measures itself, entered on behalf of an agency (recorded
// as such in the history and the audit, as the office's file upload is). Agency tokens are still
// refused other agencies' data.

const CONTEXT = { cpsv: 'http://purl.org/vocab/cpsv#', cv: 'http://data.europa.eu/m8g/', dct: 'http://purl.org/dc/terms/' };
const service = (identifier: string, agency: string) =>
  JSON.stringify({
    '@context': CONTEXT,
    '@graph': [
      {
        '@id': `https://x.example/service/${identifier}`,
        '@type': 'cpsv:PublicService',
        'dct:identifier': identifier,
        'dct:title': [
          { '@value': 'خدمة المكتب', '@language': 'ar' },
          { '@value': 'An office service', '@language': 'en' },
        ],
        'dct:description': [
          { '@value': 'وصف', '@language': 'ar' },
          { '@value': 'A description', '@language': 'en' },
        ],
        'cv:hasCompetentAuthority': { '@id': `https://x.example/org/${agency}`, 'dct:identifier': agency },
      },
    ],
  });

function framework() {
  const f = smallFrameworkJson('office-token');
  f.nodes.push({
    key: 'office',
    type: 'perspective',
    name_ar: 'ما يقيسه المكتب',
    name_en: 'Measured by the office',
    weight: 1,
    children: [
      {
        key: 'o.rate',
        type: 'question',
        name_ar: 'نسبة',
        name_en: 'Rate',
        weight: 1,
        answer_type: 'percentage',
        entered_by: 'office',
      },
    ],
  } as never);
  return f;
}

describe('the program office token across agencies', () => {
  let t: TestApp;
  let office: string;
  let officeReader: string;
  let agencyA: string;
  let a: { id: number; code: string };
  let b: { id: number; code: string };
  let roundCode: string;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' },
    });

  before(async () => {
    t = await testApp();
    a = await buildAgency(t.deps, { code: 'OT-A', name_en: 'Agency A', name_ar: 'الجهة أ' });
    b = await buildAgency(t.deps, { code: 'OT-B', name_en: 'Agency B', name_ar: 'الجهة ب' });
    office = (await createToken(t.deps, systemCtx(), null, { name: 'office', scopes: ['agency:write', 'services:publish'] })).token;
    officeReader = (await createToken(t.deps, systemCtx(), null, { name: 'office reader', scopes: ['agency:read'] })).token;
    agencyA = (await createToken(t.deps, systemCtx(), a.id, { name: 'agency a', scopes: ['agency:write', 'services:publish'] })).token;
    const fw = await publishedFramework(t.deps, framework());
    roundCode = (await openedRound(t.deps, fw.id, [a.id, b.id], { code: 'ot-round' })).code;
  });
  after(() => t.close());

  it('imports services into any agency; an agency token only into its own', async () => {
    const run = await call('POST', '/api/v1/catalog/import?dry_run=false', office, { content: service('OT-SVC-1', 'ot-b') });
    assert.equal(run.statusCode, 200, run.body);
    const row = await t.deps.db.selectFrom('services').select('agency_id').where('identifier', '=', 'OT-SVC-1').executeTakeFirstOrThrow();
    assert.equal(row.agency_id, b.id);
    const theirs = await call('POST', '/api/v1/catalog/import', agencyA, { content: service('OT-SVC-2', 'OT-B') });
    assert.equal(theirs.json().rows[0].outcome, 'refuse', "an agency token is refused another agency's rows");
    assert.equal(
      (await call('POST', '/api/v1/catalog/import?dry_run=false', agencyA, { content: service('OT-SVC-2', 'OT-B') })).statusCode,
      409,
    );
    assert.equal(
      (await call('POST', '/api/v1/catalog/import', officeReader, { content: service('OT-SVC-3', 'OT-A') })).statusCode,
      403,
      'without services:publish',
    );
    assert.equal(
      await t.deps.db.selectFrom('services').select('id').where('identifier', 'in', ['OT-SVC-2', 'OT-SVC-3']).executeTakeFirst(),
      undefined,
    );
  });

  it('enters an office-measured answer on behalf of an agency, recorded as such; not the agency’s own questions', async () => {
    const url = `/api/v1/measure/rounds/${roundCode}/answers/o.rate?agency=ot-b`;
    const res = await call('PUT', url, office, { value: '٧٥٫٥', comment: 'National survey' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().outcome, 'new');
    assert.equal(res.json().answer.agency, 'OT-B');
    assert.equal(res.json().answer.value, 75.5);
    const answer = await t.deps.db
      .selectFrom('measure_answers')
      .selectAll()
      .where('agency_id', '=', b.id)
      .where('question_key', '=', 'o.rate')
      .executeTakeFirstOrThrow();
    const event = await t.deps.db
      .selectFrom('measure_answer_events')
      .selectAll()
      .where('answer_id', '=', answer.id)
      .executeTakeFirstOrThrow();
    assert.match(event.detail_json ?? '', /"on_behalf_of":"Agency B \/ الجهة ب"/);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'measure.answer.import_on_behalf')
      .where('record_id', '=', String(answer.id))
      .executeTakeFirstOrThrow();
    assert.equal(audit.agency_id, b.id);
    assert.equal(audit.actor_type, 'token');

    const own = await call('PUT', `/api/v1/measure/rounds/${roundCode}/answers/q.yes?agency=OT-B`, office, { value: true });
    assert.equal(own.statusCode, 400, 'the agency answers its own questions');
    assert.equal(own.json().errors[0].field, 'question');
    assert.ok(own.json().errors[0].message_ar);
    const unnamed = await call('PUT', `/api/v1/measure/rounds/${roundCode}/answers/o.rate`, office, { value: 10 });
    assert.equal(unnamed.statusCode, 400, 'the office names the agency');
    assert.equal(unnamed.json().errors[0].field, 'agency');
    assert.equal(
      (await call('PUT', `/api/v1/measure/rounds/${roundCode}/answers/o.rate?agency=OT-A`, officeReader, { value: 10 })).statusCode,
      403,
      'agency:read does not write',
    );

    const read = await call('GET', `/api/v1/measure/rounds/${roundCode}/answers?agency=OT-B`, officeReader);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(
      read.json().answers.map((x: { question: string }) => x.question),
      ['o.rate'],
    );
    assert.deepEqual(
      (await call('GET', '/api/v1/measure/rounds', officeReader)).json().rounds.map((r: { code: string }) => r.code),
      ['ot-round'],
    );
  });

  it('still refuses an agency token the other agency’s answers', async () => {
    assert.equal((await call('GET', `/api/v1/measure/rounds/${roundCode}/answers?agency=OT-B`, agencyA)).statusCode, 403);
    assert.equal(
      (await call('PUT', `/api/v1/measure/rounds/${roundCode}/answers/q.yes?agency=OT-B`, agencyA, { value: true })).statusCode,
      403,
    );
    const mine = await call('PUT', `/api/v1/measure/rounds/${roundCode}/answers/q.yes`, agencyA, { value: true });
    assert.equal(mine.statusCode, 200, mine.body);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'measure.answer.import%')
      .where('agency_id', '=', a.id)
      .execute();
    assert.deepEqual(
      audit.map((x) => x.action),
      ['measure.answer.import'],
    );
  });
});
