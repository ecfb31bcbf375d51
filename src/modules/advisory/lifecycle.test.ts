import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { findingsAcceptedShare, findingsBySeverity, requestsByType } from './public.ts';
import { submitRequest } from './testing.ts';

// The request lifecycle end to end through the pages: an agency's administrator submits, the office
// asks for more information, accepts and assigns (refusing a conflicted advisor unless it records an
// exception), the advisors discuss, plan and record findings, the lead delivers, the agency responds
// and closes with a rating, the office closes a follow-up. Every refusal (other agency, conflicted
// advisor, unassigned advisor, wrong role, anonymous) changes nothing; every change is audited.

describe('advisory: request lifecycle and refusals', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const ids = { a: 0, b: 0, request: 0, x: 0, y: 0, z: 0, f1: 0, f2: 0, f3: 0 };
  const loc = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');
  const request = () => t.deps.db.selectFrom('advisory_requests').selectAll().where('id', '=', ids.request).executeTakeFirstOrThrow();
  const url = (path = '') => `/en/console/advisory/${ids.request}${path}`;
  const counts = async () => ({
    requests: (await t.deps.db.selectFrom('advisory_requests').select('id').execute()).length,
    assignments: (await t.deps.db.selectFrom('advisory_assignments').select('id').execute()).length,
    comments: (await t.deps.db.selectFrom('advisory_comments').select('id').execute()).length,
    findings: await t.deps.db.selectFrom('advisory_findings').selectAll().orderBy('id').execute(),
    tasks: (await t.deps.db.selectFrom('advisory_tasks').select('id').execute()).length,
  });

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    const people: [string, Parameters<typeof buildUser>[1]][] = [
      ['office', { email: 'office@program.sa', role: 'program_admin' }],
      ['reviewer', { email: 'reviewer@program.sa', role: 'program_reviewer' }],
      ['aAdmin', { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a }],
      ['aEditor', { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a }],
      ['bAdmin', { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b }],
      ['leader', { email: 'leader@program.sa', role: 'leadership_viewer' }],
      ['x', { email: 'x@advisors.sa', role: 'advisor', name: 'Xavier Lead' }],
      ['y', { email: 'y@advisors.sa', role: 'advisor', name: 'Yara FromAlpha' }],
      ['z', { email: 'z@advisors.sa', role: 'advisor', name: 'Zaid Unassigned' }],
      ['judge', { email: 'judge@program.sa', role: 'judge' }],
    ];
    for (const [key, opts] of people) {
      const u = await buildUser(t.deps, opts);
      if (key === 'x' || key === 'y' || key === 'z') ids[key] = u.id;
      c[key] = await signedIn(t.app, opts?.email as string);
    }
    c.anonymous = new Client(t.app);
  });
  after(() => t.close());

  it('keeps the advisory team: the program administrator adds advisors with their home agency, nobody else', async () => {
    const judgeId = (await t.deps.db.selectFrom('users').select('id').where('email', '=', 'judge@program.sa').executeTakeFirstOrThrow()).id;
    const notAdvisor = await c.office.post('/en/console/advisory/team', { user_id: String(judgeId), home_agency_id: String(ids.b) });
    assert.equal(notAdvisor.statusCode, 400);
    assert.match(notAdvisor.body, /does not hold the advisor role/);
    assert.equal(
      (await c.reviewer.post('/en/console/advisory/team', { user_id: String(ids.x), home_agency_id: String(ids.b) })).statusCode,
      403,
    );
    for (const [user, home] of [
      [ids.x, ids.b],
      [ids.y, ids.a],
      [ids.z, ids.b],
    ])
      assert.equal(
        (await c.office.post('/en/console/advisory/team', { user_id: String(user), home_agency_id: String(home) })).statusCode,
        303,
      );
    const again = await c.office.post('/en/console/advisory/team', { user_id: String(ids.x), home_agency_id: String(ids.a) });
    assert.equal(again.statusCode, 400);
    const page = await c.reviewer.get('/en/console/advisory/team');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Yara FromAlpha/);
    assert.equal((await c.aAdmin.get('/en/console/advisory/team')).statusCode, 403);
  });

  it('lets an agency administrator submit, refusing bad input field by field in both languages without writing anything', async () => {
    const bad = await c.aAdmin.post('/ar/console/advisory/new', { title: '', question: 'Q', urgency: 'soon' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /f-type/);
    assert.match(bad.body, /f-title/);
    assert.match(bad.body, /dir="rtl"/);
    const unknownService = await c.aAdmin.post('/en/console/advisory/new', {
      type: 'tender_review',
      title: 'RFP review',
      question: 'Please review',
      urgency: 'high',
      services: 'no-such-service',
    });
    assert.equal(unknownService.statusCode, 400);
    assert.match(unknownService.body, /no service with identifier no-such-service/);
    assert.equal((await counts()).requests, 0);
    assert.equal(
      (await c.aEditor.post('/en/console/advisory/new', { type: 'other', title: 'x', question: 'y', urgency: 'normal' })).statusCode,
      403,
    );
    assert.equal((await c.anonymous.get('/en/console/advisory/new')).statusCode === 200, false);

    const made = await c.aAdmin.post('/en/console/advisory/new', {
      type: 'tender_review',
      title: 'RFP for the licensing platform',
      question: 'Is the evaluation fair to every bidder?',
      urgency: 'high',
    });
    assert.equal(made.statusCode, 303, made.body);
    ids.request = Number(/\/(\d+)$/.exec(loc(made))?.[1]);
    const r = await request();
    assert.equal(r.status, 'submitted');
    assert.equal(r.agency_id, ids.a);
  });

  it('shows a request only to its agency, the office and its assigned advisors', async () => {
    assert.equal((await c.aEditor.get(url())).statusCode, 200);
    assert.equal((await c.reviewer.get(url())).statusCode, 200);
    assert.equal((await c.bAdmin.get(url())).statusCode, 403);
    assert.equal((await c.x.get(url())).statusCode, 403);
    assert.equal((await c.judge.get(url())).statusCode, 403);
    assert.notEqual((await c.anonymous.get(url())).statusCode, 200);
    assert.doesNotMatch((await c.bAdmin.get('/en/console/advisory')).body, /RFP for the licensing platform/);
    assert.doesNotMatch((await c.x.get('/en/console/advisory')).body, /RFP for the licensing platform/);
    assert.match((await c.office.get('/en/console/advisory')).body, /RFP for the licensing platform/);
    // The console's first page counts what each may see.
    assert.match((await c.office.get('/en/console')).body, /Open advisory requests/);
    assert.match((await c.aEditor.get('/en/console')).body, /Open advisory requests/);
    assert.doesNotMatch((await c.bAdmin.get('/en/console')).body, /Open advisory requests/);
  });

  it('pauses for more information, then accepts; only the office triages and only the agency answers', async () => {
    assert.equal((await c.aAdmin.post(url('/accept'), { priority: 'high' })).statusCode, 403);
    assert.equal((await c.leader.post(url('/info'), { question: 'Which version?' })).statusCode, 403);
    assert.equal((await c.office.post(url('/info'), { question: '' })).statusCode, 400);
    assert.equal((await c.office.post(url('/info'), { question: 'Please attach the latest RFP version.' })).statusCode, 303);
    assert.equal((await request()).status, 'info_requested');
    const open = await t.deps.db.selectFrom('advisory_pauses').selectAll().execute();
    assert.equal(open.length, 1);
    assert.equal(open[0].to_at, null);
    // Not at a step where it can be accepted; the other agency may not answer.
    assert.equal((await c.office.post(url('/accept'), { priority: 'high' })).statusCode, 409);
    assert.equal((await c.bAdmin.post(url('/answer'), { answer: 'Here' })).statusCode, 403);
    assert.equal((await c.aAdmin.post(url('/answer'), { answer: 'Attached as version 3.' })).statusCode, 303);
    const closed = await t.deps.db.selectFrom('advisory_pauses').selectAll().executeTakeFirstOrThrow();
    assert.ok(closed.to_at);
    assert.equal(closed.answer, 'Attached as version 3.');
    assert.equal((await c.office.post(url('/accept'), { priority: 'urgent' })).statusCode, 400);
    assert.equal((await c.reviewer.post(url('/accept'), { priority: 'high' })).statusCode, 303);
    const r = await request();
    assert.equal(r.status, 'accepted');
    assert.equal(r.priority, 'high');
    assert.ok(r.first_response_at);
  });

  it('never assigns an advisor from the requesting agency unless the office records an exception', async () => {
    const advisors = await t.deps.db.selectFrom('advisory_advisors').selectAll().execute();
    const member = (userId: number) => String(advisors.find((a) => a.user_id === userId)?.id);
    const conflicted = await c.office.post(url('/assign'), { advisor_id: member(ids.y), role: 'lead' });
    assert.equal(conflicted.statusCode, 400);
    assert.match(conflicted.body, /comes from the requesting agency/);
    assert.equal((await counts()).assignments, 0);
    assert.equal((await c.leader.post(url('/assign'), { advisor_id: member(ids.x), role: 'lead' })).statusCode, 403);
    assert.equal((await c.aAdmin.post(url('/assign'), { advisor_id: member(ids.x), role: 'lead' })).statusCode, 403);
    assert.equal((await c.office.post(url('/assign'), { advisor_id: member(ids.x), role: 'lead' })).statusCode, 303);
    const second = await c.office.post(url('/assign'), { advisor_id: member(ids.z), role: 'lead' });
    assert.equal(second.statusCode, 400);
    assert.match(second.body, /has a lead advisor/);
    const excepted = await c.office.post(url('/assign'), {
      advisor_id: member(ids.y),
      role: 'reviewer',
      exception_reason: 'Wrote the original platform requirements; reviews only the technical annex.',
    });
    assert.equal(excepted.statusCode, 303);
    const rows = await t.deps.db.selectFrom('advisory_assignments').selectAll().orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => [r.role, r.exception_reason !== null]),
      [
        ['lead', false],
        ['reviewer', true],
      ],
    );
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'advisory.assign_exception').execute();
    assert.equal(audit.length, 1);
    // Assigned advisors see the request now; the unassigned one still does not.
    assert.equal((await c.x.get(url())).statusCode, 200);
    assert.match((await c.x.get('/en/console/advisory')).body, /RFP for the licensing platform/);
    assert.equal((await c.z.get(url())).statusCode, 403);
  });

  it('threads comments anchored to a section, and lets the assigned team plan tasks and record findings', async () => {
    assert.equal((await c.aEditor.post(url('/comments'), { body: 'See section 6.', anchor: 'RFP §6.3, p. 31' })).statusCode, 303);
    const first = await t.deps.db.selectFrom('advisory_comments').selectAll().executeTakeFirstOrThrow();
    assert.equal(first.anchor, 'RFP §6.3, p. 31');
    assert.equal(
      (await c.x.post(url('/comments'), { body: 'Agreed, the weights favour one bidder.', parent_id: String(first.id) })).statusCode,
      303,
    );
    assert.equal((await c.bAdmin.post(url('/comments'), { body: 'Hello' })).statusCode, 403);
    assert.equal((await c.z.post(url('/comments'), { body: 'Hello' })).statusCode, 403);
    assert.equal((await c.x.post(url('/comments'), { body: 'x', parent_id: '999999' })).statusCode, 400);
    const page = await c.aAdmin.get(url());
    assert.match(page.body, /on: RFP §6.3, p. 31/);
    assert.equal((await counts()).comments, 2);

    const advisors = await t.deps.db.selectFrom('advisory_advisors').selectAll().execute();
    const xId = String(advisors.find((a) => a.user_id === ids.x)?.id);
    const zId = String(advisors.find((a) => a.user_id === ids.z)?.id);
    assert.equal((await c.x.post(url('/tasks'), { title: 'Read the RFP', owner_advisor_id: zId, due_on: '2026-02-01' })).statusCode, 400);
    assert.equal((await c.x.post(url('/tasks'), { title: 'Read the RFP', owner_advisor_id: xId, due_on: '2026-02-30' })).statusCode, 400);
    assert.equal((await c.aAdmin.post(url('/tasks'), { title: 'Read the RFP', due_on: '2026-02-01' })).statusCode, 403);
    assert.equal((await c.x.post(url('/tasks'), { title: 'Read the RFP', owner_advisor_id: xId, due_on: '2026-02-01' })).statusCode, 303);
    const task = await t.deps.db.selectFrom('advisory_tasks').selectAll().executeTakeFirstOrThrow();
    assert.equal((await c.x.post(url(`/tasks/${task.id}/done`))).statusCode, 303);
    assert.equal((await c.x.post(url(`/tasks/${task.id}/done`))).statusCode, 409);

    const finding = (severity: string, title: string) => ({
      severity,
      title,
      recommendation: `Fix: ${title}`,
      reference: 'RFP §6.3, p. 31',
    });
    assert.equal((await c.aAdmin.post(url('/findings'), finding('high', 'Nope'))).statusCode, 403);
    assert.equal((await c.z.post(url('/findings'), finding('high', 'Nope'))).statusCode, 403);
    assert.equal((await c.x.post(url('/findings'), { ...finding('grave', 'Bad'), reference: '' })).statusCode, 400);
    assert.equal((await c.x.post(url('/findings'), finding('critical', 'Evaluation weights favour one vendor'))).statusCode, 303);
    assert.equal((await c.x.post(url('/findings'), finding('high', 'No service levels'))).statusCode, 303);
    assert.equal((await c.y.post(url('/findings'), finding('low', 'Glossary missing'))).statusCode, 303);
    [ids.f1, ids.f2, ids.f3] = (await counts()).findings.map((f) => f.id);
    assert.equal((await c.x.get(url('/findings/new'))).statusCode, 200);
    assert.equal((await c.aAdmin.get(url(`/findings/${ids.f1}`))).statusCode, 200);
    assert.equal((await c.bAdmin.get(url(`/findings/${ids.f1}`))).statusCode, 403);
  });

  it('keeps versioned documents: the agency, the office and assigned advisors upload, readers download, wrong files are refused', async () => {
    const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
    const docs = () => t.deps.db.selectFrom('advisory_documents').selectAll().orderBy('id').execute();
    const exe = await c.aEditor.upload(
      url('/documents'),
      { doc_type: 'bidding_documents', doc_title: 'RFP' },
      { filename: 'rfp.pdf', data: Buffer.from('MZ\x90\x00 not a document') },
    );
    assert.equal(exe.statusCode, 400);
    assert.match(exe.body, /f-file/);
    const untitled = await c.aEditor.upload(url('/documents'), { doc_type: 'bidding_documents' }, { filename: 'rfp.pdf', data: pdf('v1') });
    assert.equal(untitled.statusCode, 400);
    assert.match(untitled.body, /f-doc_title/);
    assert.equal(
      (await c.bAdmin.upload(url('/documents'), { doc_type: 'other', doc_title: 'Spam' }, { filename: 'x.pdf', data: pdf('x') }))
        .statusCode,
      403,
    );
    assert.equal(
      (await c.z.upload(url('/documents'), { doc_type: 'other', doc_title: 'Spam' }, { filename: 'x.pdf', data: pdf('x') })).statusCode,
      403,
    );
    assert.equal((await docs()).length, 0);

    assert.equal(
      (
        await c.aEditor.upload(
          url('/documents'),
          { doc_type: 'bidding_documents', doc_title: 'RFP' },
          { filename: 'rfp.pdf', data: pdf('v1') },
        )
      ).statusCode,
      303,
    );
    const [v1] = await docs();
    assert.equal(
      (await c.x.upload(url('/documents'), { previous_id: String(v1.id) }, { filename: 'rfp-v2.pdf', data: pdf('v2 with comments') }))
        .statusCode,
      303,
    );
    const again = await c.aAdmin.upload(url('/documents'), { previous_id: String(v1.id) }, { filename: 'rfp-v2b.pdf', data: pdf('v2b') });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /has a newer version/);
    const all = await docs();
    assert.deepEqual(
      all.map((d) => [d.title, d.doc_type, d.version, d.supersedes_id]),
      [
        ['RFP', 'bidding_documents', 1, null],
        ['RFP', 'bidding_documents', 2, v1.id],
      ],
    );
    const file = await c.y.get(`/console/advisory/${ids.request}/documents/${all[1].id}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.match(String(file.headers['content-disposition']), /^attachment;/);
    assert.match(file.body, /v2 with comments/);
    assert.equal((await c.bAdmin.get(`/console/advisory/${ids.request}/documents/${all[1].id}`)).statusCode, 403);
    assert.equal((await c.z.get(`/console/advisory/${ids.request}/documents/${all[1].id}`)).statusCode, 403);
    assert.match((await c.aAdmin.get(url())).body, /Version 2/);
  });

  it('lets only the lead deliver, then the agency responds to each finding and the office closes follow-ups', async () => {
    assert.equal((await c.aAdmin.post(url(`/findings/${ids.f1}/response`), { response: 'accept', due_on: '2026-03-01' })).statusCode, 409);
    assert.equal((await c.y.post(url('/deliver'))).statusCode, 403);
    assert.equal((await c.office.post(url('/deliver'))).statusCode, 403);
    assert.equal((await c.x.post(url('/deliver'))).statusCode, 303);
    const r = await request();
    assert.equal(r.status, 'delivered');
    assert.ok(r.delivered_at);

    // Closing needs every finding answered.
    assert.equal((await c.aAdmin.post(url('/close'), { satisfaction: '5' })).statusCode, 409);
    const noDue = await c.aAdmin.post(url(`/findings/${ids.f1}/response`), { response: 'accept' });
    assert.equal(noDue.statusCode, 400);
    assert.match(noDue.body, /Give the date it will be done by/);
    const noReason = await c.aAdmin.post(url(`/findings/${ids.f2}/response`), { response: 'reject' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Give the reason/);
    assert.equal((await c.bAdmin.post(url(`/findings/${ids.f1}/response`), { response: 'accept', due_on: '2026-03-01' })).statusCode, 403);
    assert.equal((await c.aEditor.post(url(`/findings/${ids.f1}/response`), { response: 'accept', due_on: '2026-03-01' })).statusCode, 403);
    assert.equal((await c.aAdmin.post(url(`/findings/${ids.f1}/response`), { response: 'accept', due_on: '2026-03-01' })).statusCode, 303);
    assert.equal(
      (await c.aAdmin.post(url(`/findings/${ids.f1}/response`), { response: 'reject', reason: 'Changed our mind' })).statusCode,
      409,
    );
    assert.equal(
      (await c.aAdmin.post(url(`/findings/${ids.f2}/response`), { response: 'reject', reason: 'Service levels are in the contract.' }))
        .statusCode,
      303,
    );
    assert.equal(
      (
        await c.aAdmin.post(url(`/findings/${ids.f3}/response`), {
          response: 'accept_in_part',
          reason: 'Only key terms.',
          due_on: '2026-04-01',
        })
      ).statusCode,
      303,
    );
    const fs = (await counts()).findings;
    assert.deepEqual(
      fs.map((f) => [f.response, f.due_on]),
      [
        ['accept', '2026-03-01'],
        ['reject', null],
        ['accept_in_part', '2026-04-01'],
      ],
    );

    assert.equal((await c.aAdmin.post(url(`/findings/${ids.f1}/followup`), { note: 'Done' })).statusCode, 403);
    assert.equal((await c.office.post(url(`/findings/${ids.f2}/followup`), { note: 'Done' })).statusCode, 409);
    assert.equal(
      (await c.reviewer.post(url(`/findings/${ids.f1}/followup`), { note: 'Weights rebalanced in version 4.' })).statusCode,
      303,
    );
    assert.equal((await c.reviewer.post(url(`/findings/${ids.f1}/followup`), { note: 'Again' })).statusCode, 409);
  });

  it('closes with the agency rating, and counts it all in the metrics, shown to the office and leadership only', async () => {
    assert.equal((await c.aAdmin.post(url('/close'), { satisfaction: '6' })).statusCode, 400);
    assert.equal((await c.bAdmin.post(url('/close'), { satisfaction: '5' })).statusCode, 403);
    assert.equal((await c.aAdmin.post(url('/close'), { satisfaction: '4', comment: 'Very useful.' })).statusCode, 303);
    const r = await request();
    assert.equal(r.status, 'closed');
    assert.equal(r.satisfaction, 4);
    assert.equal((await c.aAdmin.post(url('/comments'), { body: 'Late note' })).statusCode, 409);

    assert.deepEqual(await findingsBySeverity(t.deps), { critical: 1, high: 1, medium: 0, low: 1 });
    assert.deepEqual(await findingsAcceptedShare(t.deps), { numerator: 2, denominator: 3, rate: 2 / 3 });
    assert.deepEqual(await findingsAcceptedShare(t.deps, ids.b), { numerator: 0, denominator: 0, rate: null });
    assert.equal((await requestsByType(t.deps)).tender_review, 1);
    const metrics = await c.leader.get('/en/console/advisory/metrics');
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.body, /Findings by severity/);
    assert.equal((await c.aAdmin.get('/en/console/advisory/metrics')).statusCode, 403);
    assert.equal((await c.x.get('/en/console/advisory/metrics')).statusCode, 403);

    const ar = await c.office.get(`/ar/console/advisory/${ids.request}`);
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /سجل الملاحظات/);
    assert.match(ar.body, /dir="rtl"/);

    const actions = (await t.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'advisory.%').execute()).map(
      (a) => a.action,
    );
    for (const a of [
      'advisory.submit',
      'advisory.info_request',
      'advisory.info_answer',
      'advisory.accept',
      'advisory.assign',
      'advisory.comment',
      'advisory.task',
      'advisory.finding',
      'advisory.deliver',
      'advisory.finding_response',
      'advisory.followup_close',
      'advisory.close',
    ])
      assert.ok(actions.includes(a), a);
  });

  it('declines with a reason, and the reason is required', async () => {
    const made = await c.aAdmin.post('/en/console/advisory/new', {
      type: 'other',
      title: 'Speakers',
      question: 'Can you speak at our event?',
      urgency: 'normal',
    });
    const id = Number(/\/(\d+)$/.exec(loc(made))?.[1]);
    assert.equal((await c.office.post(`/en/console/advisory/${id}/decline`, {})).statusCode, 400);
    assert.equal((await c.office.post(`/en/console/advisory/${id}/decline`, { reason: 'Outside the team’s remit.' })).statusCode, 303);
    const r = await t.deps.db.selectFrom('advisory_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(r.status, 'declined');
    assert.equal(r.decline_reason, 'Outside the team’s remit.');
    assert.equal((await c.office.post(`/en/console/advisory/${id}/accept`, { priority: 'low' })).statusCode, 409);
  });

  it('pages the queue fifty at a time, counting the requests needing attention over all of them', async () => {
    for (let n = 1; n <= 50; n++)
      await submitRequest(t.deps, systemCtx('test'), {
        agency_id: String(ids.b),
        type: 'other',
        title: `Bulk request ${n}`,
        question: 'Q',
        urgency: 'normal',
      });
    const first = await c.office.get('/en/console/advisory');
    assert.match(first.body, /of 52\./);
    assert.match(first.body, /page=2/);
    assert.doesNotMatch(first.body, /Bulk request 50</);
    const second = await c.office.get('/en/console/advisory?page=2');
    assert.match(second.body, /Bulk request 50</);
    assert.doesNotMatch(second.body, /Bulk request 1</);
  });
});
