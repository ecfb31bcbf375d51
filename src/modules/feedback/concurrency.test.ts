import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { LIMITS } from './abuse.ts';
import { complaint, files, Visitor } from './feedback.fixtures.ts';

// Identical submissions sent at the same moment (a double click, an app retrying) are one record
// on either engine: the duplicate check and the insert serialise on the submission's fingerprint.
describe('feedback: identical submissions at once are stored once', () => {
  let t: TestApp;
  let agencyId: number;

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    agencyId = (await buildAgency(t.deps, { code: 'gdp', name_en: 'General Directorate of Passports' })).id;
    await buildService(t.deps, agencyId, { identifier: 'gdp-renewal' });
  });
  after(() => t.close());

  const post = (url: string, payload: object, i: number) =>
    t.app.inject({ method: 'POST', url, payload, remoteAddress: `198.51.100.${i + 1}`, headers: { 'content-type': 'application/json' } });

  it('one case for the same complaint sent many times at once, and no 5xx', async () => {
    const body = {
      kind: 'complaint',
      category: 'delay',
      agency_id: agencyId,
      subject: 'Renewal delayed',
      body: 'I applied to renew my passport two weeks ago and have heard nothing.',
      contact_email: 'layla@example.com',
    };
    // As many as the per-contact limit lets through: each of them races to store the case.
    const n = LIMITS.casePerContact.limit;
    const res = await Promise.all(Array.from({ length: n }, (_, i) => post('/api/v1/feedback/cases', body, i)));
    const codes = res.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [200, 200, 200, 200, 201].slice(-n), res.map((r) => r.body).join('\n'));
    const rows = await t.deps.db
      .selectFrom('feedback_cases')
      .select(['tracking_no'])
      .where('contact_email', '=', body.contact_email)
      .execute();
    assert.equal(rows.length, 1);
    assert.ok(
      res.every((r) => r.json().tracking_no === rows[0].tracking_no),
      'every answer names the one case',
    );
    const audit = await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'feedback.case_submit').execute();
    assert.equal(audit.length, 1);
  });

  it('a repeat with a file keeps no copy of the file', async () => {
    const put = t.deps.storage.put;
    const keys: string[] = [];
    t.deps.storage.put = async (data, hint) => {
      const f = await put(data, hint);
      keys.push(f.key);
      return f;
    };
    try {
      const v = new Visitor(t.app, '198.51.100.100');
      await v.csrf(); // one browser: one anonymous session and token before the clicks
      const form = complaint(agencyId, { contact_email: 'noura@example.com' });
      const pdf = { field: 'attachment', filename: 'receipt.pdf', type: 'application/pdf', data: files.pdf() };
      const res = await Promise.all([1, 2, 3].map(() => v.upload('/en/feedback/new', form, pdf)));
      assert.deepEqual(
        res.map((r) => r.statusCode),
        [303, 303, 303],
      );
    } finally {
      t.deps.storage.put = put;
    }
    const c = await t.deps.db.selectFrom('feedback_cases').select('id').where('contact_email', '=', 'noura@example.com').execute();
    assert.equal(c.length, 1);
    const att = await t.deps.db.selectFrom('feedback_attachments').select('storage_key').where('case_id', '=', c[0].id).execute();
    assert.equal(att.length, 1);
    assert.equal(keys.length, 3, 'each request stored its file before it knew');
    for (const k of keys) assert.equal(await t.deps.storage.exists(k), k === att[0].storage_key, k);
  });

  it('one rating for the same answers sent many times at once from one address, and no 5xx', async () => {
    const payload = { answers: { satisfied: 5, easy: 4 }, comment: 'Quick and clear.' };
    const res = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/feedback/services/gdp-renewal/ratings',
          payload,
          remoteAddress: '198.51.100.200',
        }),
      ),
    );
    assert.deepEqual([...new Set(res.map((r) => r.statusCode))], [201], res.map((r) => r.body).join('\n'));
    const rows = await t.deps.db.selectFrom('feedback_ratings').select('id').execute();
    assert.equal(rows.length, 1);
  });
});
