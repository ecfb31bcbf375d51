import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { complaint, files, parseStatusUrl, Visitor } from './feedback.fixtures.ts';
import { fillTemplate } from './templates.service.ts';

describe('feedback cases: from complaint to survey', () => {
  let t: TestApp;
  let agencyId: number;
  let staff: Client;
  let visitor: Visitor;
  let status: { lang: string; tracking: string; token: string };
  let caseId: number;
  const email = 'sara@example.com';
  const outbox = async (to: string) => t.deps.db.selectFrom('messages').selectAll().where('to_address', '=', to).orderBy('id').execute();

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    agencyId = (
      await buildAgency(t.deps, { code: 'gdp', name_ar: 'المديرية العامة للجوازات', name_en: 'General Directorate of Passports' })
    ).id;
    await buildService(t.deps, agencyId, { identifier: 'gdp-renewal' });
    await buildUser(t.deps, { email: 'officer@gdp.gov.sa', role: 'agency_editor', agencyId, name: 'Officer One' });
    await buildUser(t.deps, { email: 'admin@gdp.gov.sa', role: 'agency_admin', agencyId, name: 'Admin One' });
    staff = await signedIn(t.app, 'officer@gdp.gov.sa');
    visitor = new Visitor(t.app);
  });
  after(() => t.close());

  it('files a complaint with a PDF, gives a Hijri-year tracking number and emails the signed status link', async () => {
    const res = await visitor.upload('/ar/feedback/new', complaint(agencyId, { contact_email: email }), {
      field: 'attachment',
      filename: 'receipt.pdf',
      type: 'application/pdf',
      data: files.pdf(),
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    status = parseStatusUrl(String(res.headers.location));
    assert.match(status.tracking, /^YSR-14\d\d-000001$/);
    const row = await t.deps.db
      .selectFrom('feedback_cases')
      .selectAll()
      .where('tracking_no', '=', status.tracking)
      .executeTakeFirstOrThrow();
    caseId = row.id;
    assert.equal(row.status, 'new');
    assert.equal(row.lang, 'ar');
    assert.ok(row.first_due_at && row.res_due_at, 'deadlines cached');
    assert.ok(!/203\.0\.113\.7/.test(JSON.stringify(row)), 'the IP is stored only as a keyed hash');
    const att = await t.deps.db.selectFrom('feedback_attachments').selectAll().where('case_id', '=', caseId).execute();
    assert.equal(att.length, 1);
    assert.equal(att[0].mime, 'application/pdf');
    assert.ok(await t.deps.storage.exists(att[0].storage_key));
    const mails = await outbox(email);
    assert.equal(mails.length, 1);
    assert.match(mails[0].subject ?? '', new RegExp(status.tracking));
    assert.ok(mails[0].text_body.includes(`/ar/feedback/cases/${status.tracking}?t=`), 'the email carries the status link');
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'feedback.case_submit').execute();
    assert.equal(audit.length, 1);
    assert.doesNotMatch(audit[0].after_json ?? '', /sara@/, 'contact details stay out of the audit trail');
  });

  it('shows the status page by its signed link only', async () => {
    const page = await visitor.get(`/ar/feedback/cases/${status.tracking}?t=${encodeURIComponent(status.token)}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /مستلم/);
    assert.match(page.body, /قدمت طلب تجديد الجواز/);
    assert.match(page.body, /تسعى الجهة إلى الرد قبل<\/dt><dd><time/, 'the person knows when to expect a reply (issue 10)');
    assert.equal(page.headers['referrer-policy'], 'same-origin');
    assert.equal(page.headers['x-robots-tag'], 'noindex, nofollow');
    const file = await visitor.get(`/feedback/cases/${status.tracking}/attachments/1?t=${encodeURIComponent(status.token)}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.match(String(file.headers['content-disposition']), /^attachment;/);
  });

  it('refuses forged, altered, expired-looking and borrowed links with a plain 404', async () => {
    const other = await visitor.upload(
      '/en/feedback/new',
      complaint(agencyId, { subject: 'Another matter', body: 'A second, different complaint body.' }),
    );
    const second = parseStatusUrl(String(other.headers.location));
    const [body, mac] = status.token.split('.');
    const forged = Buffer.from(JSON.stringify({ c: caseId, n: status.tracking, exp: 4102444800 })).toString('base64url');
    for (const token of ['', 'nonsense', `${body}.${mac.slice(0, -2)}xx`, `${forged}.${mac}`, second.token, `${body}`]) {
      const res = await visitor.get(`/en/feedback/cases/${status.tracking}?t=${encodeURIComponent(token)}`);
      assert.equal(res.statusCode, 404, `token ${token.slice(0, 20)}`);
      assert.doesNotMatch(res.body, /قدمت طلب تجديد الجواز/);
    }
    const wrongCase = await visitor.get(`/en/feedback/cases/${second.tracking}?t=${encodeURIComponent(status.token)}`);
    assert.equal(wrongCase.statusCode, 404);
    const reply = await visitor.upload(`/en/feedback/cases/${status.tracking}/reply?t=forged`, { body: 'let me in' });
    assert.equal(reply.statusCode, 404);
    assert.equal((await visitor.get('/en/feedback/cases/not-a-number?t=x')).statusCode, 404);
  });

  it('lets the agency reply and wait for the beneficiary, which pauses the clocks and emails them', async () => {
    const res = await staff.post(`/en/console/feedback/cases/${caseId}/reply`, {
      reply_body: 'Please send the receipt number.',
      waiting: 'on',
    });
    assert.equal(res.statusCode, 303);
    const row = await t.deps.db.selectFrom('feedback_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'waiting');
    assert.ok(row.first_response_at, 'the first response stopped its clock');
    assert.equal(row.res_due_at, null, 'no deadline while paused');
    const pauses = await t.deps.db.selectFrom('feedback_case_pauses').selectAll().where('case_id', '=', caseId).execute();
    assert.equal(pauses.length, 1);
    assert.equal(pauses[0].ended_at, null);
    const mails = await outbox(email);
    assert.equal(mails.length, 2);
    assert.match(mails[1].text_body, /Please send the receipt number\./);
  });

  it('takes the beneficiary’s reply with an attachment, resumes the clock and tells the officer… or the admins', async () => {
    const res = await visitor.upload(
      `/ar/feedback/cases/${status.tracking}/reply?t=${encodeURIComponent(status.token)}`,
      { body: 'رقم الإيصال 12345' },
      { field: 'attachment', filename: 'receipt.png', type: 'image/png', data: files.png() },
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const row = await t.deps.db.selectFrom('feedback_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'open');
    assert.ok(row.res_due_at, 'the deadline is back');
    assert.equal((await t.deps.db.selectFrom('feedback_attachments').select('id').where('case_id', '=', caseId).execute()).length, 2);
    assert.equal((await outbox('admin@gdp.gov.sa')).length, 1, 'unassigned: the administrators hear of it');
    const page = await staff.get(`/en/console/feedback/cases/${caseId}`);
    assert.match(page.body, /رقم الإيصال 12345/);
    assert.match(page.body, /sara@example.com/, 'the agency sees its own case’s contact');
  });

  it('lets the agency send files with a public reply; the beneficiary sees and downloads them by the status link only', async () => {
    const res = await staff.upload(`/en/console/feedback/cases/${caseId}/reply`, { reply_body: 'The receipt and the form are attached.' }, [
      { field: 'attachment', filename: 'receipt.pdf', type: 'application/pdf', data: files.pdf() },
      { field: 'attachment', filename: 'form.png', type: 'image/png', data: files.png() },
    ]);
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const att = await t.deps.db.selectFrom('feedback_attachments').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
    assert.deepEqual(
      att.map((a) => [a.source, a.ext]),
      [
        ['beneficiary', 'pdf'],
        ['beneficiary', 'png'],
        ['staff', 'pdf'],
        ['staff', 'png'],
      ],
    );
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'feedback.case_reply')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(audit.after_json ?? '', /"attachments":2/);
    assert.match((await outbox(email)).at(-1)?.text_body ?? '', /أرفقت الجهة ملفين/, 'the email says files came with the reply');
    const page = await visitor.get(`/en/feedback/cases/${status.tracking}?t=${encodeURIComponent(status.token)}`);
    assert.match(page.body, /The receipt and the form are attached\./);
    assert.equal((page.body.match(/from the agency/g) ?? []).length, 2);
    assert.equal((page.body.match(/from the beneficiary/g) ?? []).length, 2);
    const staffFile = att[2];
    const download = await visitor.get(
      `/feedback/cases/${status.tracking}/attachments/${staffFile.id}?t=${encodeURIComponent(status.token)}`,
    );
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    const forged = await visitor.get(`/feedback/cases/${status.tracking}/attachments/${staffFile.id}?t=forged`);
    assert.equal(forged.statusCode, 404);
    const form = await staff.get(`/ar/console/feedback/cases/${caseId}`);
    assert.match(form.body, /<input id="f-attachment" name="attachment" type="file"[^>]* multiple/);
  });

  it('closes the case with a resolution code, then sends the one-question survey', async () => {
    const res = await staff.post(`/en/console/feedback/cases/${caseId}/resolve`, {
      code: 'resolved',
      resolution_body: 'Your passport was sent by post.',
    });
    assert.equal(res.statusCode, 303);
    const row = await t.deps.db.selectFrom('feedback_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'resolved');
    assert.equal(row.sla_outcome, 'met');
    await t.drain();
    const mails = await outbox(email);
    assert.match(mails.at(-2)?.text_body ?? '', /Your passport was sent by post\./);
    const survey = mails.at(-1);
    assert.match(survey?.subject ?? '', /كيف عالجت/);
    const link = /(\/ar\/feedback\/cases\/[^\s]+\/survey\?t=[^\s]+)/.exec(survey?.text_body ?? '')?.[1];
    assert.ok(link);
    const path = link.replace(t.config.baseUrl, '');
    const form = await visitor.get(path);
    assert.equal(form.statusCode, 200);
    const answer = await visitor.post(path, { score: '4' });
    assert.equal(answer.statusCode, 303);
    const again = await visitor.post(path, { score: '1' });
    assert.equal(again.statusCode, 409);
    const after = await t.deps.db.selectFrom('feedback_cases').select('survey_score').where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(after.survey_score, 4);
  });

  it('reopens when the beneficiary replies after resolution, and does not count the resolved time', async () => {
    const res = await visitor.upload(`/en/feedback/cases/${status.tracking}/reply?t=${encodeURIComponent(status.token)}`, {
      body: 'It never arrived.',
    });
    assert.equal(res.statusCode, 303);
    const row = await t.deps.db.selectFrom('feedback_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'open');
    assert.equal(row.reopen_count, 1);
    assert.equal(row.sla_outcome, null, 'a met SLA is unsettled again');
    const pauses = await t.deps.db.selectFrom('feedback_case_pauses').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
    assert.deepEqual(
      pauses.map((p) => [p.reason, p.ended_at !== null]),
      [
        ['waiting', true],
        ['resolved', true],
      ],
    );
  });

  it('detects a duplicate and only re-sends its link', async () => {
    const before = (await t.deps.db.selectFrom('feedback_cases').select('id').execute()).length;
    const form = complaint(agencyId, { contact_email: email });
    const res = await visitor.upload('/en/feedback/new', { ...form, subject: `  ${form.subject}`, body: `${form.body}  ` });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), new RegExp(`/en/feedback/received\\?n=${status.tracking}$`));
    const page = await visitor.get(String(res.headers.location));
    assert.match(page.body, new RegExp(status.tracking));
    assert.doesNotMatch(page.body, /\?t=/, 'the duplicate page never shows the link itself');
    assert.equal((await t.deps.db.selectFrom('feedback_cases').select('id').execute()).length, before);
    assert.match((await outbox(email)).at(-1)?.subject ?? '', /رابط متابعة/);
  });

  it('merges only cases from the same person', async () => {
    const first = await visitor.upload(
      '/en/feedback/new',
      complaint(agencyId, { contact_email: 'omar@example.com', subject: 'Fees one', body: 'I was charged twice for the renewal.' }),
    );
    const dup = await visitor.upload(
      '/en/feedback/new',
      complaint(agencyId, { contact_email: 'OMAR@example.com', subject: 'Fees two', body: 'Charged twice again, please refund me.' }),
    );
    const stranger = await visitor.upload(
      '/en/feedback/new',
      complaint(agencyId, { contact_email: 'huda@example.com', subject: 'Fees three', body: 'Another person with the same problem.' }),
    );
    const [a, b, c] = [first, dup, stranger].map((r) => parseStatusUrl(String(r.headers.location)).tracking);
    const id = async (n: string) =>
      (await t.deps.db.selectFrom('feedback_cases').select('id').where('tracking_no', '=', n).executeTakeFirstOrThrow()).id;
    const refused = await staff.post(`/en/console/feedback/cases/${await id(c)}/merge`, { into: a });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /different people/);
    const ok = await staff.post(`/en/console/feedback/cases/${await id(b)}/merge`, { into: a.toLowerCase() });
    assert.equal(ok.statusCode, 303);
    const merged = await t.deps.db.selectFrom('feedback_cases').selectAll().where('tracking_no', '=', b).executeTakeFirstOrThrow();
    assert.equal(merged.status, 'merged');
    assert.equal(merged.merged_into, await id(a));
    const mail = (await outbox('omar@example.com')).at(-1);
    assert.ok(mail?.text_body.includes(`/feedback/cases/${a}?t=`), 'the same person is pointed to the surviving case');
  });

  it('re-routes a case to another agency only with the program office’s approval', async () => {
    const other = await buildAgency(t.deps, { code: 'traffic', name_en: 'General Department of Traffic' });
    await buildUser(t.deps, { email: 'po@yusr.gov.sa', role: 'program_admin' });
    const po = await signedIn(t.app, 'po@yusr.gov.sa');
    const res = await visitor.upload(
      '/en/feedback/new',
      complaint(agencyId, { subject: 'Traffic fine', body: 'This is about a traffic fine, not a passport.' }),
    );
    const { tracking } = parseStatusUrl(String(res.headers.location));
    const row = await t.deps.db.selectFrom('feedback_cases').selectAll().where('tracking_no', '=', tracking).executeTakeFirstOrThrow();
    const ask = await staff.post(`/en/console/feedback/cases/${row.id}/reroute`, {
      to_agency_id: String(other.id),
      reason: 'Traffic fines are the traffic department’s.',
    });
    assert.equal(ask.statusCode, 303);
    assert.equal(
      (await t.deps.db.selectFrom('feedback_cases').select('agency_id').where('id', '=', row.id).executeTakeFirstOrThrow()).agency_id,
      agencyId,
    );
    const reroute = await t.deps.db.selectFrom('feedback_reroutes').selectAll().where('case_id', '=', row.id).executeTakeFirstOrThrow();
    const self = await staff.post(`/en/console/feedback/reroutes/${reroute.id}`, { decision: 'approve' });
    assert.equal(self.statusCode, 403, 'an agency cannot approve its own re-routing');
    const ok = await po.post(`/en/console/feedback/reroutes/${reroute.id}`, { decision: 'approve' });
    assert.equal(ok.statusCode, 303);
    const moved = await t.deps.db.selectFrom('feedback_cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.equal(moved.agency_id, other.id);
    assert.equal((await staff.get(`/en/console/feedback/cases/${row.id}`)).statusCode, 403, 'the old agency no longer sees it');
  });

  it('fills a reply from a bilingual template in the beneficiary’s language', async () => {
    const admin = await signedIn(t.app, 'admin@gdp.gov.sa');
    const created = await admin.post('/en/console/feedback/templates', {
      agency_id: String(agencyId),
      title_ar: 'شكر',
      title_en: 'Thanks',
      body_ar: 'شكراً {name}، طلبك {tracking} قيد المعالجة.',
      body_en: 'Thank you {name}, your case {tracking} is being handled.',
    });
    assert.equal(created.statusCode, 303);
    const tpl = await t.deps.db.selectFrom('feedback_templates').select('id').executeTakeFirstOrThrow();
    const page = await staff.get(`/en/console/feedback/cases/${caseId}?template=${tpl.id}`);
    assert.ok(page.body.includes(`شكراً سارة، طلبك ${status.tracking} قيد المعالجة.`));
  });

  it('an editor writes templates for their own agency only: the form offers just it', async () => {
    const form = (await staff.get('/en/console/feedback/templates')).body;
    const select = /<select id="f-agency_id"[\s\S]*?<\/select>/.exec(form)?.[0] ?? '';
    assert.deepEqual(
      [...select.matchAll(/<option value="(\d*)"/g)].map((m) => m[1]),
      [String(agencyId)],
      'only the editor’s agency, and no program-wide choice',
    );
    const created = await staff.post('/en/console/feedback/templates', {
      agency_id: String(agencyId),
      title_ar: 'استلام',
      title_en: 'Received',
      body_ar: 'مرحباً {name}، استلمنا {tracking}.',
      body_en: 'Hello {name}, we have {tracking}.',
    });
    assert.equal(created.statusCode, 303);
    const programWide = await staff.post('/en/console/feedback/templates', {
      title_ar: 'عام',
      title_en: 'All',
      body_ar: 'نص',
      body_en: 'Text',
    });
    assert.equal(programWide.statusCode, 403, 'program-wide templates are the program office’s');
  });

  it('a template’s {name} goes with its space when the case has no name', () => {
    const tpl = { body_ar: 'مرحباً {name}، استلمنا {tracking}.', body_en: 'Hello {name}, we have {tracking}.' } as Parameters<
      typeof fillTemplate
    >[0];
    assert.equal(fillTemplate(tpl, 'ar', { tracking_no: 'T-1', contact_name: null }), 'مرحباً، استلمنا T-1.');
    assert.equal(fillTemplate(tpl, 'en', { tracking_no: 'T-1', contact_name: '  ' }), 'Hello, we have T-1.');
    assert.equal(fillTemplate(tpl, 'en', { tracking_no: 'T-1', contact_name: 'Sara' }), 'Hello Sara, we have T-1.');
  });
});
