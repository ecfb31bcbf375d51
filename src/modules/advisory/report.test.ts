import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { pdfAvailable } from '../../platform/pdf/pdf.ts';
import { reportDocument, reportView } from './report.service.tsx';

// The advisory report: issued once the findings are delivered, for whoever may read the request (the
// requesting agency, the office, the assigned advisors; other agencies and unassigned advisors 403);
// one template for the page and the PDF, in both languages, opening with the lead's summary; every
// finding is in its register and every accepted one among the follow-up actions; without Chromium
// the PDF is a bilingual 503 and the page offers printing instead.

const FINDINGS = [
  ['critical', 'Evaluation weights favour one vendor', 'accept'],
  ['high', 'No service levels in the contract', 'accept_in_part'],
  ['medium', 'Glossary missing', 'reject'],
  ['low', 'Annex numbering skips B', null],
] as const;

/** Two agencies, the office, a lead advisor and an unassigned one; a tender review of agency A, accepted and assigned. */
async function seed(t: TestApp) {
  const c: Record<string, Client> = {};
  const a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
  const b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
  const people: [string, Parameters<typeof buildUser>[1]][] = [
    ['office', { email: 'office@program.sa', role: 'program_admin', name: 'Office Admin' }],
    ['aAdmin', { email: 'admin@a.sa', role: 'agency_admin', agencyId: a, name: 'Alpha Admin' }],
    ['aEditor', { email: 'editor@a.sa', role: 'agency_editor', agencyId: a, name: 'Alpha Editor' }],
    ['bAdmin', { email: 'admin@b.sa', role: 'agency_admin', agencyId: b, name: 'Beta Admin' }],
    ['x', { email: 'x@advisors.sa', role: 'advisor', name: 'Xavier Lead' }],
    ['w', { email: 'w@advisors.sa', role: 'advisor', name: 'Wafa Unassigned' }],
  ];
  for (const [key, opts] of people) {
    await buildUser(t.deps, opts);
    c[key] = await signedIn(t.app, opts?.email as string);
  }
  for (const key of ['x', 'w']) {
    const userId = (await t.deps.db.selectFrom('users').select('id').where('email', '=', `${key}@advisors.sa`).executeTakeFirstOrThrow())
      .id;
    assert.equal(
      (await c.office.post('/en/console/advisory/team', { user_id: String(userId), home_agency_id: String(b) })).statusCode,
      303,
    );
  }
  const xUser = (await t.deps.db.selectFrom('users').select('id').where('email', '=', 'x@advisors.sa').executeTakeFirstOrThrow()).id;
  const advisorX = (await t.deps.db.selectFrom('advisory_advisors').select('id').where('user_id', '=', xUser).executeTakeFirstOrThrow()).id;
  const made = await c.aAdmin.post('/en/console/advisory/new', {
    type: 'tender_review',
    title: 'Licensing platform RFP',
    question: 'Are the evaluation criteria fair to every bidder?',
    urgency: 'normal',
  });
  const request = Number(/\/(\d+)$/.exec(String(made.headers.location ?? ''))?.[1]);
  const url = (path = '', lang = 'en') => `/${lang}/console/advisory/${request}${path}`;
  assert.equal((await c.office.post(url('/accept'), { priority: 'high' })).statusCode, 303);
  assert.equal((await c.office.post(url('/assign'), { advisor_id: String(advisorX), role: 'lead' })).statusCode, 303);
  return { c, request, url };
}

/** The lead records the findings and delivers with a summary; the agency responds to all but the last. */
async function deliverAndRespond(s: Awaited<ReturnType<typeof seed>>, t: TestApp) {
  const { c, url } = s;
  for (const [severity, title] of FINDINGS)
    assert.equal(
      (await c.x.post(url('/findings'), { severity, title, recommendation: `Fix: ${title}.`, reference: 'RFP v3, §6.3 p. 31' })).statusCode,
      303,
    );
  assert.equal((await c.x.post(url('/deliver'), { summary: 'The RFP is sound apart from its evaluation weights.' })).statusCode, 303);
  const rows = await t.deps.db.selectFrom('advisory_findings').select(['id', 'title']).orderBy('id').execute();
  for (const [, title, response] of FINDINGS) {
    if (!response) continue;
    const id = rows.find((r) => r.title === title)?.id;
    const body: Record<string, string> = { response };
    if (response !== 'accept') body.reason = `Reason for ${title}`;
    if (response !== 'reject') body.due_on = '2030-06-30';
    assert.equal((await c.aAdmin.post(url(`/findings/${id}/response`), body)).statusCode, 303);
  }
}

/** The part of a page between two headings' ids. */
const between = (html: string, from: string, to: string) => html.slice(html.indexOf(`id="${from}"`), html.indexOf(`id="${to}"`));

describe('advisory: the advisory report', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seed>>;

  before(async () => {
    t = await testApp();
    s = await seed(t);
  });
  after(() => t.close());

  it('is not issued before delivery, and the delivery summary is checked', async () => {
    assert.equal((await s.c.aAdmin.get(s.url('/report'))).statusCode, 409);
    assert.equal((await s.c.aAdmin.get(`/console/advisory/${s.request}/report.pdf?lang=en`)).statusCode, 409);
    assert.equal(
      (await s.c.x.post(s.url('/findings'), { severity: 'low', title: 'Draft', recommendation: 'r', reference: 'p. 1' })).statusCode,
      303,
    );
    const long = await s.c.x.post(s.url('/deliver'), { summary: 'x'.repeat(5001) });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /summary/);
    assert.equal((await t.deps.db.selectFrom('advisory_requests').select('status').executeTakeFirstOrThrow()).status, 'accepted');
    await t.deps.db.deleteFrom('advisory_findings').execute();
  });

  it('opens with the summary, holds every finding, and lists every accepted one as a follow-up, in both languages', async () => {
    await deliverAndRespond(s, t);
    const r = await t.deps.db.selectFrom('advisory_requests').select(['status', 'summary']).executeTakeFirstOrThrow();
    assert.deepEqual(r, { status: 'delivered', summary: 'The RFP is sound apart from its evaluation weights.' });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'advisory.deliver')
      .executeTakeFirstOrThrow();
    assert.match(audit.after_json ?? '', /sound apart from its evaluation weights/);

    const page = await s.c.aAdmin.get(s.url('/report'));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Advisory report: Licensing platform RFP/);
    assert.match(between(page.body, 'report-summary-h', 'report-findings-h'), /sound apart from its evaluation weights/);
    const register = between(page.body, 'report-findings-h', 'report-followups-h');
    for (const [, title] of FINDINGS) assert.match(register, new RegExp(title));
    assert.ok(register.indexOf('Evaluation weights') < register.indexOf('Annex numbering'), 'most severe first');
    assert.match(register, /Awaiting the agency/);
    assert.match(register, /Reason for Glossary missing/);
    const followups = between(page.body, 'report-followups-h', 'report-documents-h');
    assert.match(followups, /Evaluation weights favour one vendor/);
    assert.match(followups, /No service levels in the contract/);
    assert.doesNotMatch(followups, /Glossary missing/);
    assert.doesNotMatch(followups, /Annex numbering/);
    assert.match(page.body, /report\.pdf\?lang=en/);
    assert.match(page.body, /report\.pdf\?lang=ar/);

    const ar = await s.c.aAdmin.get(s.url('/report', 'ar'));
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /<html[^>]*dir="rtl"/);
    assert.match(ar.body, /تقرير الاستشارة: Licensing platform RFP/);
    assert.match(ar.body, /سجل الملاحظات/);
    assert.match(ar.body, /إجراءات المتابعة/);
    assert.match((await s.c.aAdmin.get(s.url())).body, /\/report"/, 'the request page links its report');
  });

  it('is read by the request’s people only', async () => {
    for (const who of ['aEditor', 'office', 'x']) assert.equal((await s.c[who]?.get(s.url('/report')))?.statusCode, 200, who);
    assert.equal((await s.c.bAdmin.get(s.url('/report'))).statusCode, 403);
    assert.equal((await s.c.w.get(s.url('/report'))).statusCode, 403);
    assert.equal((await s.c.bAdmin.get(`/console/advisory/${s.request}/report.pdf?lang=en`)).statusCode, 403);
    assert.equal((await s.c.w.get(`/console/advisory/${s.request}/report.pdf`)).statusCode, 403);
    assert.equal((await s.c.aAdmin.get('/en/console/advisory/9999/report')).statusCode, 404);
  });

  it('prints every accepted finding into the document Chromium is given, in each language', async () => {
    const w = await reportView(t.deps, systemCtx('test'), s.request);
    for (const lang of ['ar', 'en'] as const) {
      const html = reportDocument(w, lang, t.deps.config.timeZone, systemCtx('test').actor);
      assert.match(html, new RegExp(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`));
      const followups = between(html, 'report-followups-h', 'report-documents-h');
      for (const [, title, response] of FINDINGS)
        if (response === 'accept' || response === 'accept_in_part') assert.match(followups, new RegExp(title), `${lang}: ${title}`);
        else assert.doesNotMatch(followups, new RegExp(title));
      assert.doesNotMatch(html, /<script/);
    }
  });

  it('is a PDF in either language when Chromium is installed', {
    skip: !pdfAvailable(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  }, async () => {
    for (const lang of ['ar', 'en']) {
      const pdf = await s.c.aAdmin.get(`/console/advisory/${s.request}/report.pdf?lang=${lang}`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.match(String(pdf.headers['content-disposition']), new RegExp(`advisory-${s.request}-report-${lang}\\.pdf`));
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    }
  });
});

describe('advisory: the report without Chromium', () => {
  let t: TestApp;
  after(() => t?.close());

  it('refuses the PDF with a bilingual 503 and the page offers printing instead of the link', async () => {
    t = await testApp({ CHROMIUM_PATH: '/nonexistent/chromium' });
    const s = await seed(t);
    await deliverAndRespond(s, t);
    const en = await s.c.aAdmin.get(`/console/advisory/${s.request}/report.pdf?lang=en`);
    assert.equal(en.statusCode, 503);
    assert.match(en.body, /PDFs cannot be produced on this server just now/);
    const ar = await s.c.aAdmin.get(`/console/advisory/${s.request}/report.pdf?lang=ar`);
    assert.equal(ar.statusCode, 503);
    assert.match(ar.body, /لا يمكن إنشاء ملفات PDF/);
    const page = await s.c.aAdmin.get(s.url('/report'));
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /report\.pdf/);
    assert.match(page.body, /print this page from your browser/);
  });
});
