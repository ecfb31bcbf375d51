import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { LIMITS } from './abuse.ts';
import { complaint, files, parseStatusUrl, Visitor } from './feedback.fixtures.ts';

const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';

describe('feedback: bad input and abuse', () => {
  let t: TestApp;
  let agencyId: number;
  const count = async (table: 'feedback_cases' | 'feedback_ratings' | 'feedback_attachments') =>
    (await t.deps.db.selectFrom(table).select('id').execute()).length;
  const storedFiles = () => {
    try {
      return readdirSync(t.config.storageDir, { recursive: true }).filter((f) => String(f).includes('.')).length;
    } catch {
      return 0;
    }
  };

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    agencyId = (await buildAgency(t.deps, { code: 'gdp' })).id;
    await buildService(t.deps, agencyId, { identifier: 'gdp-renewal' });
    await buildUser(t.deps, { email: 'admin@gdp.gov.sa', role: 'agency_admin', agencyId });
  });
  after(() => t.close());

  it('refuses an attachment over 5 MB, and a body over the upload limit, storing nothing', async () => {
    const v = new Visitor(t.app, '198.51.100.1');
    const six = await v.upload('/en/feedback/new', complaint(agencyId), {
      field: 'attachment',
      filename: 'big.pdf',
      type: 'application/pdf',
      data: files.big(6),
    });
    assert.equal(six.statusCode, 400);
    assert.match(six.body, /larger than 5 MB/);
    assert.match(six.body, /href="#f-attachment"/);
    const eleven = await v.upload('/en/feedback/new', complaint(agencyId), {
      field: 'attachment',
      filename: 'huge.pdf',
      type: 'application/pdf',
      data: files.big(11),
    });
    assert.equal(eleven.statusCode, 413);
    assert.equal(await count('feedback_cases'), 0);
    assert.equal(storedFiles(), 0);
  });

  it('judges files by their bytes: an executable called .pdf and HTML called .png are refused', async () => {
    const v = new Visitor(t.app, '198.51.100.2');
    for (const [filename, type, data] of [
      ['invoice.pdf', 'application/pdf', files.exe()],
      ['photo.png', 'image/png', files.html()],
    ] as const) {
      const res = await v.upload('/ar/feedback/new', complaint(agencyId), { field: 'attachment', filename, type, data });
      assert.equal(res.statusCode, 400, filename);
      assert.match(res.body, /نوع الملف غير مقبول/);
    }
    assert.equal(await count('feedback_cases'), 0);
    assert.equal(await count('feedback_attachments'), 0);
    assert.equal(storedFiles(), 0);
  });

  it('renders script typed by a beneficiary as inert text, on their page and in the console', async () => {
    const v = new Visitor(t.app, '198.51.100.3');
    const res = await v.upload('/en/feedback/new', complaint(agencyId, { subject: XSS, body: `${XSS} and more text` }));
    assert.equal(res.statusCode, 303);
    const s = parseStatusUrl(String(res.headers.location));
    const page = await v.get(`/en/feedback/cases/${s.tracking}?t=${encodeURIComponent(s.token)}`);
    const admin = await signedIn(t.app, 'admin@gdp.gov.sa');
    const row = await t.deps.db.selectFrom('feedback_cases').select('id').where('tracking_no', '=', s.tracking).executeTakeFirstOrThrow();
    const console = await admin.get(`/en/console/feedback/cases/${row.id}`);
    const inbox = await admin.get('/en/console/feedback');
    for (const body of [page.body, console.body, inbox.body]) {
      assert.ok(!body.includes('<script>alert(1)</script>'));
      assert.ok(!body.includes('<img src=x'));
      assert.match(body, /&lt;script>alert\(1\)&lt;\/script>/);
    }
    const mail = await t.deps.db.selectFrom('messages').select('html_body').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.ok(!mail.html_body?.includes('<script>alert(1)'));
  });

  it('renders script in a rating comment inert on the public service page', async () => {
    const v = new Visitor(t.app, '198.51.100.4');
    const res = await v.post('/en/feedback/rate/gdp-renewal', { q_satisfied: '2', comment: XSS });
    assert.equal(res.statusCode, 303);
    const rating = await t.deps.db.selectFrom('feedback_ratings').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const admin = await signedIn(t.app, 'admin@gdp.gov.sa');
    assert.equal(
      (await admin.post(`/en/console/feedback/ratings/${rating.id}/reply`, { [`reply_${rating.id}`]: `We are sorry ${XSS}` })).statusCode,
      303,
    );
    const page = await new Visitor(t.app, '198.51.100.5').get('/en/services/gdp-renewal');
    assert.ok(!page.body.includes('<script>alert(1)</script>'));
    assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>/);
  });

  it('catches form-filling robots with the honeypot and stores nothing', async () => {
    const v = new Visitor(t.app, '198.51.100.6');
    const cases = await count('feedback_cases');
    const ratings = await count('feedback_ratings');
    const res = await v.upload('/en/feedback/new', { ...complaint(agencyId), _hp: 'http://spam.example' });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /\/en\/feedback\/received$/);
    const rate = await v.post('/en/feedback/rate/gdp-renewal', { q_satisfied: '5', _hp: 'x' });
    assert.equal(rate.statusCode, 303);
    assert.equal(await count('feedback_cases'), cases);
    assert.equal(await count('feedback_ratings'), ratings);
  });

  it('stops a flood of complaints from one address (429) and keeps the first few', async () => {
    const v = new Visitor(t.app, '198.51.100.7');
    const before = await count('feedback_cases');
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.casePerContact.limit + 2; i++) {
      const res = await v.upload(
        '/en/feedback/new',
        complaint(agencyId, {
          contact_email: 'flood@example.com',
          subject: `Message ${i}`,
          body: `A different body each time, number ${i}.`,
        }),
      );
      statuses.push(res.statusCode);
    }
    assert.deepEqual(statuses, [...Array(LIMITS.casePerContact.limit).fill(303), 429, 429]);
    assert.equal((await count('feedback_cases')) - before, LIMITS.casePerContact.limit);
    const other = await v.upload('/en/feedback/new', complaint(agencyId, { contact_email: 'someone.else@example.com' }));
    assert.equal(other.statusCode, 303, 'another address from the same network is still served');
  });

  it('stops a flood of ratings from one IP, and counts a repeated rating once', async () => {
    const v = new Visitor(t.app, '198.51.100.8');
    const before = await count('feedback_ratings');
    assert.equal((await v.post('/en/feedback/rate/gdp-renewal', { q_satisfied: '5', q_easy: '4' })).statusCode, 303);
    assert.equal((await v.post('/en/feedback/rate/gdp-renewal', { q_easy: '4', q_satisfied: '5' })).statusCode, 303);
    assert.equal((await count('feedback_ratings')) - before, 1, 'the same answers twice are one rating');
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.ratingPerIpService.limit; i++)
      statuses.push((await v.post('/en/feedback/rate/gdp-renewal', { q_satisfied: String((i % 5) + 1), comment: `n${i}` })).statusCode);
    assert.equal(statuses.filter((s) => s === 429).length, 2, 'the limit counts every attempt, duplicates included');
    assert.equal((await new Visitor(t.app, '198.51.100.9').post('/en/feedback/rate/gdp-renewal', { q_satisfied: '3' })).statusCode, 303);
  });

  it('refuses bad rating and case input field by field', async () => {
    const v = new Visitor(t.app, '198.51.100.10');
    const empty = await v.post('/en/feedback/rate/gdp-renewal', {});
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Answer at least one question/);
    const bad = await v.post('/en/feedback/rate/gdp-renewal', { q_satisfied: '9' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('<a href="#f-q_satisfied">Enter a value of 5 or less</a>'));
    const invented = await v.post('/en/feedback/rate/gdp-renewal', { q_satisfied: '4', q_invented: '3' });
    assert.equal(invented.statusCode, 400);
    assert.ok(invented.body.includes('Unknown field'));
    assert.equal((await v.post('/en/feedback/rate/no-such-service', { q_satisfied: '3' })).statusCode, 404);
    const noContact = await v.upload('/en/feedback/new', complaint(agencyId, { contact_email: '', body: 'short' }));
    assert.equal(noContact.statusCode, 400);
    assert.match(noContact.body, /Give an email address or a mobile number/);
    assert.match(noContact.body, /Enter at least 10 characters/);
    const sms = await v.upload('/en/feedback/new', complaint(agencyId, { notify_by: 'sms' }));
    assert.match(sms.body, /Give your mobile number to get text messages/);
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback/cases',
      payload: { kind: 'rant', agency_id: agencyId },
      remoteAddress: '198.51.100.11',
    });
    assert.equal(api.statusCode, 400);
    assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
  });

  it('takes up to three files; a fourth, or one bad file among good ones, refuses the whole submission', async () => {
    const v = new Visitor(t.app, '198.51.100.4');
    const [cases, attachments, stored] = [await count('feedback_cases'), await count('feedback_attachments'), storedFiles()];
    const pdf = (n: number) => ({ field: 'attachment', filename: `page-${n}.pdf`, type: 'application/pdf', data: files.pdf() });
    const four = await v.upload('/en/feedback/new', complaint(agencyId), [pdf(1), pdf(2), pdf(3), pdf(4)]);
    assert.equal(four.statusCode, 400);
    assert.match(four.body, /Attach at most 3 files/);
    assert.match(four.body, /href="#f-attachment"/);
    const fourAr = await v.upload('/ar/feedback/new', complaint(agencyId), [pdf(1), pdf(2), pdf(3), pdf(4)]);
    assert.match(fourAr.body, /أرفق ٣ ملفات على الأكثر/);
    const mixed = await v.upload('/en/feedback/new', complaint(agencyId), [
      pdf(1),
      { field: 'attachment', filename: 'photo.png', type: 'image/png', data: files.html() },
    ]);
    assert.equal(mixed.statusCode, 400);
    assert.equal(await count('feedback_cases'), cases, 'nothing written');
    assert.equal(await count('feedback_attachments'), attachments);
    assert.equal(storedFiles(), stored, 'no file left behind');
    const three = await v.upload('/en/feedback/new', complaint(agencyId), [pdf(1), pdf(2), pdf(3)]);
    assert.equal(three.statusCode, 303, three.body.slice(0, 300));
    assert.equal(await count('feedback_attachments'), attachments + 3);
    assert.equal(storedFiles(), stored + 3);
  });
});
