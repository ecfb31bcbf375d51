import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';

// Editing, audited with what it was before: the requesting agency's administrator edits its request
// while the office triages it (submitted or waiting for information), never after the decision; the
// office corrects type and priority; a comment's author edits it within a day, keeping its history.
// Every refusal (other agency, editor, wrong role, late, not the author) changes nothing.

describe('advisory: editing requests and comments', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const ids = { a: 0, b: 0, request: 0, comment: 0 };
  const loc = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');
  const url = (path = '') => `/en/console/advisory/${ids.request}${path}`;
  const request = () => t.deps.db.selectFrom('advisory_requests').selectAll().where('id', '=', ids.request).executeTakeFirstOrThrow();
  const audits = async (action: string) =>
    t.deps.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('action', '=', action).orderBy('seq').execute();
  const edit = { type: 'strategic_plan', title: 'Digital strategy 2030', question: 'Review our draft strategy.', urgency: 'high' };

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    const people: [string, Parameters<typeof buildUser>[1]][] = [
      ['office', { email: 'office@program.sa', role: 'program_admin' }],
      ['aAdmin', { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a }],
      ['aEditor', { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a }],
      ['bAdmin', { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b }],
      ['x', { email: 'x@advisors.sa', role: 'advisor' }],
    ];
    for (const [key, opts] of people) {
      await buildUser(t.deps, opts);
      c[key] = await signedIn(t.app, opts?.email as string);
    }
    const made = await c.aAdmin.post('/en/console/advisory/new', {
      type: 'tender_review',
      title: 'RFP',
      question: 'Fair?',
      urgency: 'normal',
    });
    ids.request = Number(/\/(\d+)$/.exec(loc(made))?.[1]);
  });
  after(() => t.close());

  it('lets the agency’s administrator edit its request during triage, audited with the before and after', async () => {
    const form = await c.aAdmin.get(url('/edit'));
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="RFP"/);
    assert.match((await c.aAdmin.get(`/ar/console/advisory/${ids.request}/edit`)).body, /تعديل الطلب/);
    for (const who of ['bAdmin', 'aEditor', 'office', 'x']) {
      const res = await c[who]?.post(url('/edit'), edit);
      assert.equal(res?.statusCode, 403, who);
    }
    assert.equal((await c.bAdmin.get(url('/edit'))).statusCode, 403);
    const blank = await c.aAdmin.post(url('/edit'), { ...edit, title: '' });
    assert.equal(blank.statusCode, 400);
    const badService = await c.aAdmin.post(url('/edit'), { ...edit, services: 'NO-SUCH-SERVICE' });
    assert.equal(badService.statusCode, 400);
    assert.equal((await request()).title, 'RFP');

    assert.equal((await c.aAdmin.post(url('/edit'), edit)).statusCode, 303);
    const r = await request();
    assert.deepEqual(
      [r.type, r.title, r.question, r.urgency],
      ['strategic_plan', 'Digital strategy 2030', 'Review our draft strategy.', 'high'],
    );
    const [audit] = await audits('advisory.edit');
    assert.equal(JSON.parse(audit?.before_json ?? '{}').title, 'RFP');
    assert.equal(JSON.parse(audit?.after_json ?? '{}').title, 'Digital strategy 2030');

    // While the office waits for more information it may still be edited; once accepted, not.
    assert.equal((await c.office.post(url('/info'), { question: 'Which draft?' })).statusCode, 303);
    assert.equal((await c.aAdmin.post(url('/edit'), { ...edit, title: 'Digital strategy 2031' })).statusCode, 303);
    assert.equal((await c.aAdmin.post(url('/answer'), { answer: 'Draft 2' })).statusCode, 303);
    assert.equal((await c.office.post(url('/accept'), { priority: 'low' })).statusCode, 303);
    assert.equal((await c.aAdmin.post(url('/edit'), { ...edit, title: 'Too late' })).statusCode, 409);
    assert.equal((await c.aAdmin.get(url('/edit'))).statusCode, 409);
    assert.equal((await request()).title, 'Digital strategy 2031');
  });

  it('lets the office correct the type and priority; nobody else', async () => {
    assert.equal((await c.aAdmin.post(url('/classify'), { type: 'other', priority: 'high' })).statusCode, 403);
    assert.equal((await c.x.post(url('/classify'), { type: 'other', priority: 'high' })).statusCode, 403);
    const noPriority = await c.office.post(url('/classify'), { type: 'other' });
    assert.equal(noPriority.statusCode, 400);
    assert.equal((await c.office.post(url('/classify'), { type: 'nonsense', priority: 'high' })).statusCode, 400);
    assert.equal((await c.office.post(url('/classify'), { type: 'vendor_evaluation', priority: 'high' })).statusCode, 303);
    const r = await request();
    assert.deepEqual([r.type, r.priority], ['vendor_evaluation', 'high']);
    const [audit] = await audits('advisory.classify');
    assert.deepEqual(JSON.parse(audit?.before_json ?? '{}'), { type: 'strategic_plan', priority: 'low' });
    const page = await c.office.get(url());
    assert.match(page.body, /Vendor evaluation/);
  });

  it('lets a comment’s author edit it within a day, keeping the earlier wording; others and late edits are refused', async () => {
    assert.equal((await c.aEditor.post(url('/comments'), { body: 'First wording', anchor: '§2' })).statusCode, 303);
    ids.comment = (await t.deps.db.selectFrom('advisory_comments').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    const page = await c.aEditor.get(url());
    assert.match(page.body, new RegExp(`/comments/${ids.comment}/edit`));
    assert.doesNotMatch((await c.aAdmin.get(url())).body, new RegExp(`/comments/${ids.comment}/edit`));

    assert.equal((await c.aAdmin.post(url(`/comments/${ids.comment}/edit`), { body: 'Hijacked' })).statusCode, 403);
    assert.equal((await c.office.post(url(`/comments/${ids.comment}/edit`), { body: 'Hijacked' })).statusCode, 403);
    assert.equal((await c.bAdmin.post(url(`/comments/${ids.comment}/edit`), { body: 'Hijacked' })).statusCode, 403);
    assert.equal((await c.aEditor.post(url(`/comments/${ids.comment}/edit`), { body: '' })).statusCode, 400);
    assert.equal((await c.aEditor.get(url(`/comments/${ids.comment}/edit`))).statusCode, 200);

    assert.equal((await c.aEditor.post(url(`/comments/${ids.comment}/edit`), { body: 'Second wording', anchor: '§2.1' })).statusCode, 303);
    const row = await t.deps.db.selectFrom('advisory_comments').selectAll().where('id', '=', ids.comment).executeTakeFirstOrThrow();
    assert.equal(row.body, 'Second wording');
    assert.ok(row.edited_at);
    const history = await t.deps.db.selectFrom('advisory_comment_edits').selectAll().where('comment_id', '=', ids.comment).execute();
    assert.deepEqual(
      history.map((h) => [h.body, h.anchor]),
      [['First wording', '§2']],
    );
    const shown = (await c.aAdmin.get(url())).body;
    assert.match(shown, /Second wording/);
    assert.match(shown, /Earlier wordings/);
    assert.match(shown, /First wording/);
    assert.equal((await audits('advisory.comment_edit')).length, 1);

    // A day and a second later the window has closed.
    const old = new Date(Date.now() - 24 * 3_600_000 - 1000).toISOString();
    await t.deps.db.updateTable('advisory_comments').set({ created_at: old }).where('id', '=', ids.comment).execute();
    const late = await c.aEditor.post(url(`/comments/${ids.comment}/edit`), { body: 'Third wording' });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /within a day/);
    assert.equal(
      (await t.deps.db.selectFrom('advisory_comments').select('body').where('id', '=', ids.comment).executeTakeFirstOrThrow()).body,
      'Second wording',
    );
  });
});
