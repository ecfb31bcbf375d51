import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { type AdvisoryNotice, sendAdvisoryNotice } from './notices.ts';

// Who hears of each step of a request, by email through platform messaging: the office of a new
// request and of an answer, the agency of a question, a decision and the delivered findings, an
// advisor of their assignment, the lead of a response, the team of the closure. Each in their own
// language, once per person and step: a retried job queues nothing twice; a refused step queues nothing.

describe('advisory: the people each step reaches are emailed', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const users: Record<string, number> = {};
  const ids = { a: 0, b: 0, request: 0, other: 0, finding: 0 };
  let seen = 0;
  const url = (path = '', id = ids.request) => `/en/console/advisory/${id}${path}`;
  const loc = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');
  const all = () =>
    t.deps.db
      .selectFrom('messages')
      .select(['id', 'to_address', 'subject', 'text_body', 'locale'])
      .where('source', '=', 'advisory')
      .orderBy('id')
      .execute();
  /** The emails queued since the last look (after the jobs ran), by recipient. */
  const fresh = async () => {
    await t.drain();
    const rows = (await all()).slice(seen);
    seen += rows.length;
    return rows.sort((x, y) => (x.to_address < y.to_address ? -1 : 1));
  };
  const to = async () => (await fresh()).map((m) => m.to_address);
  const noticeJobs = () => t.deps.db.selectFrom('jobs').select('id').where('kind', '=', 'advisory.notice').execute();

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    const people: [string, Parameters<typeof buildUser>[1]][] = [
      ['office', { email: 'office@program.sa', role: 'program_admin' }],
      ['reviewer', { email: 'reviewer@program.sa', role: 'program_reviewer', locale: 'ar' }],
      ['leader', { email: 'leader@program.sa', role: 'leadership_viewer' }],
      ['aAdmin', { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a }],
      ['aAdmin2', { email: 'admin2@a.sa', role: 'agency_admin', agencyId: ids.a, locale: 'ar' }],
      ['aEditor', { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a }],
      ['bAdmin', { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b }],
      ['x', { email: 'x@advisors.sa', role: 'advisor' }],
      ['z', { email: 'z@advisors.sa', role: 'advisor', locale: 'ar' }],
      ['w', { email: 'w@advisors.sa', role: 'advisor' }],
    ];
    for (const [key, opts] of people) {
      users[key] = (await buildUser(t.deps, opts)).id;
      c[key] = await signedIn(t.app, opts?.email as string);
    }
    for (const key of ['x', 'z', 'w'])
      assert.equal(
        (await c.office.post('/en/console/advisory/team', { user_id: String(users[key]), home_agency_id: String(ids.b) })).statusCode,
        303,
      );
  });
  after(() => t.close());

  it('a new request reaches the program office, each in their language', async () => {
    const made = await c.aAdmin.post('/en/console/advisory/new', {
      type: 'tender_review',
      title: 'RFP for licensing',
      question: 'Is it fair?',
      urgency: 'high',
    });
    assert.equal(made.statusCode, 303, made.body);
    ids.request = Number(/\/(\d+)$/.exec(loc(made))?.[1]);
    const mails = await fresh();
    assert.deepEqual(
      mails.map((m) => m.to_address),
      ['office@program.sa', 'reviewer@program.sa'],
    );
    assert.match(mails[0]?.subject ?? '', /^New advisory request: “RFP for licensing”/);
    assert.match(mails[0]?.text_body ?? '', new RegExp(`/en/console/advisory/${ids.request}`));
    assert.equal(mails[1]?.locale, 'ar');
    assert.match(mails[1]?.subject ?? '', /طلب استشارة جديد/);
    assert.match(mails[1]?.text_body ?? '', new RegExp(`/ar/console/advisory/${ids.request}`));
  });

  it('a question reaches the agency’s administrators, its answer the office; refusals queue nothing', async () => {
    const jobs = (await noticeJobs()).length;
    assert.equal((await c.bAdmin.post(url('/info'), { question: 'Which version?' })).statusCode, 403);
    assert.equal((await c.aAdmin.post(url('/info'), { question: 'Which version?' })).statusCode, 403);
    assert.equal((await c.office.post(url('/info'), { question: '' })).statusCode, 400);
    assert.equal((await noticeJobs()).length, jobs);
    assert.deepEqual(await to(), []);

    assert.equal((await c.office.post(url('/info'), { question: 'Please attach the latest RFP.' })).statusCode, 303);
    const asked = await fresh();
    assert.deepEqual(
      asked.map((m) => m.to_address),
      ['admin2@a.sa', 'admin@a.sa'],
    );
    assert.ok(asked.every((m) => m.text_body.includes('Please attach the latest RFP.')));

    assert.equal((await c.bAdmin.post(url('/answer'), { answer: 'Here' })).statusCode, 403);
    assert.equal((await c.aEditor.post(url('/answer'), { answer: 'Here' })).statusCode, 403);
    assert.deepEqual(await to(), []);
    assert.equal((await c.aAdmin.post(url('/answer'), { answer: 'Attached as version 3.' })).statusCode, 303);
    const answered = await fresh();
    assert.deepEqual(
      answered.map((m) => m.to_address),
      ['office@program.sa', 'reviewer@program.sa'],
    );
    assert.ok(answered.every((m) => m.text_body.includes('Attached as version 3.')));

    // A second question is a new step: the administrators hear of it again.
    assert.equal((await c.reviewer.post(url('/info'), { question: 'And the annexes?' })).statusCode, 303);
    assert.deepEqual(await to(), ['admin2@a.sa', 'admin@a.sa']);
    assert.equal((await c.aAdmin2.post(url('/answer'), { answer: 'Annex B attached.' })).statusCode, 303);
    assert.deepEqual(await to(), ['office@program.sa', 'reviewer@program.sa']);
  });

  it('a decision reaches the requesting agency’s team, a decline with its reason', async () => {
    const made = await c.aAdmin2.post('/en/console/advisory/new', { type: 'other', title: 'Help', question: 'Q', urgency: 'normal' });
    ids.other = Number(/\/(\d+)$/.exec(loc(made))?.[1]);
    assert.deepEqual(await to(), ['office@program.sa', 'reviewer@program.sa']);
    assert.equal((await c.aAdmin.post(url('/decline', ids.other), { reason: 'No' })).statusCode, 403);
    assert.equal((await c.leader.post(url('/decline', ids.other), { reason: 'No' })).statusCode, 403);
    assert.deepEqual(await to(), []);
    assert.equal((await c.office.post(url('/decline', ids.other), { reason: 'Outside the program’s scope.' })).statusCode, 303);
    const declined = await fresh();
    assert.deepEqual(
      declined.map((m) => m.to_address),
      ['admin2@a.sa', 'admin@a.sa', 'editor@a.sa'],
    );
    assert.ok(declined.every((m) => m.text_body.includes('Outside the program’s scope.')));
    assert.match(declined.find((m) => m.to_address === 'admin2@a.sa')?.subject ?? '', /اعتُذر عن الطلب «Help»/);

    assert.equal((await c.reviewer.post(url('/accept'), { priority: 'high' })).statusCode, 303);
    const accepted = await fresh();
    assert.deepEqual(
      accepted.map((m) => m.to_address),
      ['admin2@a.sa', 'admin@a.sa', 'editor@a.sa'],
    );
    assert.match(accepted.find((m) => m.to_address === 'admin@a.sa')?.text_body ?? '', /with High priority/);
  });

  it('an assignment reaches the advisor assigned, the delivery the agency, a response the lead, the closure the team', async () => {
    const advisors = await t.deps.db.selectFrom('advisory_advisors').selectAll().execute();
    const member = (key: string) => String(advisors.find((a) => a.user_id === users[key])?.id);
    assert.equal((await c.aAdmin.post(url('/assign'), { advisor_id: member('x'), role: 'lead' })).statusCode, 403);
    assert.deepEqual(await to(), []);
    assert.equal((await c.office.post(url('/assign'), { advisor_id: member('x'), role: 'lead' })).statusCode, 303);
    const lead = await fresh();
    assert.deepEqual(
      lead.map((m) => m.to_address),
      ['x@advisors.sa'],
    );
    assert.match(lead[0]?.text_body ?? '', /as the lead advisor/);
    assert.equal((await c.office.post(url('/assign'), { advisor_id: member('z'), role: 'lead' })).statusCode, 400);
    assert.equal((await c.office.post(url('/assign'), { advisor_id: member('z'), role: 'reviewer' })).statusCode, 303);
    const reviewer = await fresh();
    assert.deepEqual(
      reviewer.map((m) => m.to_address),
      ['z@advisors.sa'],
    );
    assert.match(reviewer[0]?.text_body ?? '', /مراجعًا/);

    const finding = { severity: 'high', title: 'Weights favour one vendor', recommendation: 'Rebalance', reference: 'RFP §6' };
    assert.equal((await c.x.post(url('/findings'), finding)).statusCode, 303);
    ids.finding = (await t.deps.db.selectFrom('advisory_findings').select('id').executeTakeFirstOrThrow()).id;
    assert.equal((await c.z.post(url('/deliver'))).statusCode, 403);
    assert.deepEqual(await to(), []);
    assert.equal((await c.x.post(url('/deliver'))).statusCode, 303);
    assert.deepEqual(await to(), ['admin2@a.sa', 'admin@a.sa', 'editor@a.sa']);

    const respond = url(`/findings/${ids.finding}/response`);
    assert.equal((await c.aEditor.post(respond, { response: 'accept', due_on: '2026-03-01' })).statusCode, 403);
    assert.equal((await c.aAdmin.post(respond, { response: 'reject' })).statusCode, 400);
    assert.deepEqual(await to(), []);
    assert.equal(
      (await c.aAdmin.post(respond, { response: 'accept_in_part', reason: 'Only the weights.', due_on: '2026-03-01' })).statusCode,
      303,
    );
    const responded = await fresh();
    assert.deepEqual(
      responded.map((m) => m.to_address),
      ['x@advisors.sa'],
    );
    assert.match(responded[0]?.text_body ?? '', /Weights favour one vendor.*Accept in part/s);
    assert.match(responded[0]?.text_body ?? '', new RegExp(`/en/console/advisory/${ids.request}/findings/${ids.finding}`));

    assert.equal((await c.aEditor.post(url('/close'), { satisfaction: '4' })).statusCode, 403);
    assert.deepEqual(await to(), []);
    assert.equal((await c.aAdmin.post(url('/close'), { satisfaction: '4' })).statusCode, 303);
    const closed = await fresh();
    assert.deepEqual(
      closed.map((m) => m.to_address),
      ['x@advisors.sa', 'z@advisors.sa'],
    );
    assert.match(closed[0]?.text_body ?? '', /rated the help 4 out of 5/);
    assert.match(closed[1]?.text_body ?? '', /بـ٤ من ٥/);
  });

  it('a retried job queues nothing twice', async () => {
    const before = (await all()).length;
    const jobs = await t.deps.db.selectFrom('jobs').select('payload').where('kind', '=', 'advisory.notice').execute();
    assert.equal(jobs.length, 13);
    for (const job of jobs) assert.equal(await sendAdvisoryNotice(t.deps, JSON.parse(job.payload) as AdvisoryNotice), 0);
    assert.equal((await all()).length, before);
  });
});
