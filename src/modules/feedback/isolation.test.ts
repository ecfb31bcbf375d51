import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { createToken } from '../identity/testing.ts';
import { complaint, files, parseStatusUrl, Visitor } from './feedback.fixtures.ts';

describe('feedback: agency A never sees agency B’s cases, attachments or ratings’ personal data', () => {
  let t: TestApp;
  let a: number;
  let b: number;
  let caseId: number;
  let ratingId: number;
  let tracking: string;
  let bToken: string;
  let aAdmin: Client;
  let aService: number;

  const snapshot = async () => ({
    cases: await t.deps.db.selectFrom('feedback_cases').selectAll().orderBy('id').execute(),
    events: (await t.deps.db.selectFrom('feedback_case_events').select('id').execute()).length,
    ratings: await t.deps.db.selectFrom('feedback_ratings').selectAll().orderBy('id').execute(),
    policies: await t.deps.db.selectFrom('feedback_sla_policies').selectAll().execute(),
    templates: await t.deps.db.selectFrom('feedback_templates').selectAll().execute(),
    settings: await t.deps.db.selectFrom('feedback_agency_settings').selectAll().execute(),
    reroutes: (await t.deps.db.selectFrom('feedback_reroutes').select('id').execute()).length,
  });
  const denials = async () =>
    (await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'access.denied').execute()).length;

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    a = (await buildAgency(t.deps, { code: 'agency-a' })).id;
    b = (await buildAgency(t.deps, { code: 'agency-b' })).id;
    aService = (await buildService(t.deps, a, { identifier: 'a-service' })).id;
    await buildUser(t.deps, { email: 'a.admin@example.gov.sa', role: 'agency_admin', agencyId: a });
    await buildUser(t.deps, { email: 'b.admin@example.gov.sa', role: 'agency_admin', agencyId: b });
    await buildUser(t.deps, { email: 'b.editor@example.gov.sa', role: 'agency_editor', agencyId: b });
    await buildUser(t.deps, { email: 'reviewer@example.gov.sa', role: 'program_reviewer' });
    const v = new Visitor(t.app);
    const res = await v.upload('/en/feedback/new', complaint(a, { contact_email: 'private.person@example.com' }), {
      field: 'attachment',
      filename: 'id.pdf',
      type: 'application/pdf',
      data: files.pdf(),
    });
    tracking = parseStatusUrl(String(res.headers.location)).tracking;
    caseId = (await t.deps.db.selectFrom('feedback_cases').select('id').where('tracking_no', '=', tracking).executeTakeFirstOrThrow()).id;
    await v.post('/en/feedback/rate/a-service', { q_satisfied: '1', comment: 'Very slow service' });
    ratingId = (await t.deps.db.selectFrom('feedback_ratings').select('id').executeTakeFirstOrThrow()).id;
    aAdmin = await signedIn(t.app, 'a.admin@example.gov.sa');
    const p = await aAdmin.post('/en/console/feedback/sla', { agency_id: String(a), first_response_hours: '4', resolution_hours: '40' });
    const tp = await aAdmin.post('/en/console/feedback/templates', {
      agency_id: String(a),
      title_ar: 'قالب أ',
      title_en: 'A only',
      body_ar: 'نص أ',
      body_en: 'Text of A',
    });
    assert.deepEqual([p.statusCode, tp.statusCode], [303, 303]);
    bToken = (await createToken(t.deps, systemCtx(), b, { name: 'b system', scopes: ['agency:read', 'agency:write'] })).token;
  });
  after(() => t.close());

  for (const who of ['b.admin@example.gov.sa', 'b.editor@example.gov.sa']) {
    it(`${who.split('@')[0]}: every page and action on A’s records is refused, audited, and changes nothing`, async () => {
      const c = await signedIn(t.app, who);
      const before = await snapshot();
      const denied = await denials();
      const policy = before.policies[0];
      const template = before.templates[0];
      const attempts: [string, Awaited<ReturnType<Client['get']>>][] = [
        ['case page', await c.get(`/en/console/feedback/cases/${caseId}`)],
        ['attachment', await c.get(`/console/feedback/cases/${caseId}/attachments/1`)],
        ['reply', await c.post(`/en/console/feedback/cases/${caseId}/reply`, { reply_body: 'hijack' })],
        ['note', await c.post(`/en/console/feedback/cases/${caseId}/note`, { note_body: 'hijack' })],
        ['assign', await c.post(`/en/console/feedback/cases/${caseId}/assign`, { user_id: '0' })],
        ['resolve', await c.post(`/en/console/feedback/cases/${caseId}/resolve`, { code: 'resolved', resolution_body: 'closed by B' })],
        ['merge', await c.post(`/en/console/feedback/cases/${caseId}/merge`, { into: tracking })],
        ['reroute', await c.post(`/en/console/feedback/cases/${caseId}/reroute`, { to_agency_id: String(b), reason: 'give it to us' })],
        ['rating reply', await c.post(`/en/console/feedback/ratings/${ratingId}/reply`, { [`reply_${ratingId}`]: 'from B' })],
        ['rating withdraw', await c.post(`/en/console/feedback/ratings/${ratingId}/withdraw`, {})],
        ['hide', await c.post(`/en/console/feedback/ratings/${ratingId}/hide`, { [`reason_${ratingId}`]: 'B does not like it' })],
        ['metrics of A', await c.get(`/en/console/feedback/metrics?agency=${a}`)],
        ['metrics of A’s service', await c.get(`/en/console/feedback/metrics?service=${aService}`)],
        ['export of A', await c.get(`/console/feedback/metrics/export?agency=${a}&format=csv`)],
        [
          'policy for A',
          await c.post('/en/console/feedback/sla', { agency_id: String(a), first_response_hours: '400', resolution_hours: '400' }),
        ],
        ['delete A’s policy', await c.post(`/en/console/feedback/sla/${policy.id}/delete`, {})],
        ['edit A’s template', await c.get(`/en/console/feedback/templates/${template.id}`)],
        ['delete A’s template', await c.post(`/en/console/feedback/templates/${template.id}/delete`, {})],
        ['A’s settings', await c.post(`/en/console/feedback/settings/${a}`, { show: 'on' })],
        [
          'template for A',
          await c.post('/en/console/feedback/templates', {
            agency_id: String(a),
            title_ar: 'ب',
            title_en: 'B',
            body_ar: 'ب',
            body_en: 'B',
          }),
        ],
      ];
      for (const [name, res] of attempts) assert.ok([403, 404].includes(res.statusCode), `${name}: ${res.statusCode}`);
      assert.deepEqual(await snapshot(), before);
      const refusals = attempts.filter(([, r]) => r.statusCode === 403).length;
      assert.ok(refusals >= 15);
      assert.equal((await denials()) - denied, refusals, 'every 403 is in the audit trail');
      const inbox = await c.get(`/en/console/feedback?status=&agency=${a}`);
      assert.equal(inbox.statusCode, 200);
      assert.doesNotMatch(inbox.body, new RegExp(tracking));
      const ratings = await c.get(`/en/console/feedback/ratings?agency=${a}`);
      assert.doesNotMatch(ratings.body, /Very slow service/);
      for (const page of [inbox.body, ratings.body]) assert.doesNotMatch(page, /private\.person/);
    });
  }

  it('agency B’s API token is refused A’s cases and lists only its own', async () => {
    const auth = { authorization: `Bearer ${bToken}`, 'content-type': 'application/json' };
    const before = await snapshot();
    const one = await t.app.inject({ url: `/api/v1/feedback/cases/${caseId}`, headers: auth });
    assert.equal(one.statusCode, 403);
    assert.equal(one.headers['content-type'], 'application/problem+json; charset=utf-8');
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/feedback/cases/${caseId}/replies`,
      headers: auth,
      payload: { body: 'from B' },
    });
    assert.equal(reply.statusCode, 403);
    const list = await t.app.inject({ url: '/api/v1/feedback/cases?status=active', headers: auth });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items, []);
    assert.deepEqual(await snapshot(), before);
    const denied = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'access.denied')
      .orderBy('seq', 'desc')
      .limit(2)
      .execute();
    assert.ok(denied.every((d) => d.actor_type === 'token'));
  });

  it('agency A’s own staff see the case, its contact and attachment; reviewers see metrics but no case', async () => {
    const page = await aAdmin.get(`/en/console/feedback/cases/${caseId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /private\.person@example\.com/);
    assert.equal((await aAdmin.get(`/console/feedback/cases/${caseId}/attachments/1`)).statusCode, 200);
    const reviewer = await signedIn(t.app, 'reviewer@example.gov.sa');
    assert.equal((await reviewer.get(`/en/console/feedback/cases/${caseId}`)).statusCode, 403);
    assert.equal((await reviewer.get('/en/console/feedback')).statusCode, 403);
    const metrics = await reviewer.get('/en/console/feedback/metrics');
    assert.equal(metrics.statusCode, 200);
    assert.doesNotMatch(metrics.body, /private\.person|Very slow service/);
  });

  it('public pages and open data never carry contacts, comments without a reply, or IP hashes', async () => {
    const rating = await t.deps.db.selectFrom('feedback_ratings').select('ip_hash').executeTakeFirstOrThrow();
    const service = await t.app.inject('/en/services/a-service');
    const open = await t.app.inject('/api/v1/feedback/kpis?level=service');
    for (const body of [service.body, open.body]) {
      assert.doesNotMatch(body, /private\.person|Very slow service/);
      assert.ok(!body.includes(rating.ip_hash));
    }
    assert.equal(open.json().rows[0].ratings, null, 'a single rating is suppressed');
  });
});
