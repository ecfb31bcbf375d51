import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createToken } from '../src/modules/identity/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { Client, signedIn } from './helpers/client.ts';
import { buildAgency, buildUser } from './helpers/factories.ts';

describe('bad input never gets a 500 and never writes', () => {
  let t: TestApp;
  let token: string;
  let agencyId: number;
  const counts = async () => ({
    agencies: (await t.deps.db.selectFrom('agencies').selectAll().execute()).map((a) => JSON.stringify(a)).join('|'),
    users: (await t.deps.db.selectFrom('users').select('id').execute()).length,
  });
  const patch = (payload: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/agencies/${agencyId}`,
      payload,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    });

  before(async () => {
    t = await testApp();
    agencyId = (await buildAgency(t.deps)).id;
    token = (await createToken(t.deps, systemCtx(), agencyId, { name: 'test', scopes: ['agency:write'] })).token;
    await buildUser(t.deps, { email: 'po@example.gov.sa', role: 'program_admin' });
  });
  after(() => t.close());

  it('malformed JSON → 400 problem+json', async () => {
    const before = await counts();
    for (const body of ['{"phone": ', '{phone: 1}', '[1,2', 'null x', '\u0000']) {
      const res = await patch(body);
      assert.equal(res.statusCode, 400, body);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(res.json().title_en, 'The request could not be read');
      assert.ok(!res.body.includes(' at '), 'no stack trace');
    }
    assert.deepEqual(await counts(), before);
  });

  it('oversize body → 413', async () => {
    const res = await patch(JSON.stringify({ address_en: 'x'.repeat(2 * 1024 * 1024) }));
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().title_en, 'The request is larger than allowed');
  });

  it('wrong content type → 415', async () => {
    const res = await patch('phone=1', { 'content-type': 'text/csv' });
    assert.equal(res.statusCode, 415);
  });

  it('wrong types and unknown fields → 400 with a bilingual message per field', async () => {
    const before = await counts();
    const res = await patch(JSON.stringify({ phone: 12345, website: ['x'], sneaky: true }), { 'accept-language': 'en' });
    assert.equal(res.statusCode, 400);
    const errors = res.json().errors as { field: string; code: string; message: string; message_ar: string; message_en: string }[];
    assert.deepEqual(errors.map((e) => e.field).sort(), ['phone', 'sneaky', 'website']);
    for (const e of errors) {
      assert.ok(e.message_ar && e.message_en && e.message === e.message_en);
      assert.match(e.message_ar, /[\u0600-\u06FF]/);
    }
    assert.deepEqual(await counts(), before);
  });

  it('messages follow the request language', async () => {
    const res = await patch(JSON.stringify({ email: 'not-an-email' }), { 'accept-language': 'ar-SA,ar;q=0.9' });
    assert.equal(res.json().errors[0].message, 'أدخل بريداً إلكترونياً صحيحاً مثل name@example.gov.sa');
    assert.equal(res.json().title, 'بعض المدخلات غير صحيحة');
  });

  it('SQL injection strings are data, not SQL', async () => {
    const sqli = "x'); DROP TABLE agencies; --";
    const res = await patch(JSON.stringify({ address_en: sqli }));
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().address_en, sqli);
    const list = await t.app.inject(`/api/v1/agencies?q=${encodeURIComponent("' OR 1=1 --")}`);
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().items.length, 0);
    assert.ok((await t.deps.db.selectFrom('agencies').select('id').execute()).length > 0);
  });

  it('script in input is rendered inert in pages', async () => {
    const xss = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const admin = await signedIn(t.app, 'po@example.gov.sa');
    const res = await admin.post('/en/console/agencies/new', {
      code: 'xss-test',
      name_ar: xss,
      name_en: xss,
      kind: 'ministry',
      status: 'active',
    });
    assert.equal(res.statusCode, 303);
    const page = await admin.get(String(res.headers.location));
    assert.ok(!page.body.includes('<script>alert(1)</script>'));
    assert.ok(!page.body.includes('<img src=x'));
    assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>/, 'escaped as text');
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
  });

  it('bad query parameters and ids → 4xx, not 500', async () => {
    for (const url of [
      '/api/v1/agencies?page=0',
      '/api/v1/agencies?per_page=100000',
      '/api/v1/agencies?kind=castle',
      '/api/v1/agencies/abc',
      '/api/v1/agencies/-1',
    ]) {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 400, url);
    }
    const admin = await signedIn(t.app, 'po@example.gov.sa');
    for (const url of ['/en/console/agencies/abc', '/en/console/agencies/99999999999999', '/en/console/users/0', '/en/nowhere']) {
      assert.equal((await admin.get(url)).statusCode, 404, url);
    }
    assert.equal((await t.app.inject('/api/v1/agencies/999999')).statusCode, 404);
  });

  it('a form with repeated or odd fields is refused cleanly', async () => {
    const admin = await signedIn(t.app, 'po@example.gov.sa');
    const res = await admin.post('/en/console/agencies/new', {
      code: ['a', 'b'],
      name_ar: 'x'.repeat(5000),
      name_en: 'ok name',
      kind: 'ministry',
      status: 'active',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
  });

  it('U+0000 anywhere in the input → 400 with a bilingual field error, nothing stored, on either engine', async () => {
    const cases = async () => (await t.deps.db.selectFrom('feedback_cases').select('id').execute()).length;
    const before = { ...(await counts()), cases: await cases() };
    const nulProblem = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, field: string) => {
      assert.equal(res.statusCode, 400, field);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      const errors = (res.json() as { errors: { field: string; code: string; message_ar: string; message_en: string }[] }).errors;
      const e = errors.find((x) => x.field === field);
      assert.ok(e, `${field} in ${JSON.stringify(errors)}`);
      assert.equal(e.code, 'nul_char');
      assert.match(e.message_en, /U\+0000/);
      assert.match(e.message_ar, /[\u0600-\u06FF]/);
    };
    nulProblem(await t.app.inject('/api/v1/agencies?q=%00'), 'querystring.q');
    nulProblem(await t.app.inject('/api/v1/services?q=a%00b'), 'querystring.q');
    const complaint = {
      kind: 'complaint',
      category: 'other',
      agency_id: agencyId,
      subject: 'A subject\u0000',
      body: 'A body long enough to pass',
      contact_email: 'someone@example.com',
    };
    nulProblem(await t.app.inject({ method: 'POST', url: '/api/v1/feedback/cases', payload: complaint }), 'subject');
    nulProblem(
      await t.app.inject({ method: 'POST', url: '/api/v1/feedback/services/any/ratings', payload: { answers: {}, comment: 'ok\u0000' } }),
      'comment',
    );
    nulProblem(await patch(JSON.stringify({ address_en: { deep: ['x', 'y\u0000'] } })), 'address_en.deep.1');
    nulProblem(await patch(JSON.stringify({ 'key\u0000': 'x' })), 'key\\u0000');

    const admin = await signedIn(t.app, 'po@example.gov.sa');
    const form = await admin.post('/en/console/agencies/new', {
      code: 'nul-test',
      name_ar: 'اسم\u0000',
      name_en: 'Name',
      kind: 'ministry',
      status: 'active',
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /Remove the invisible character \(U\+0000\)/);
    const page = await t.app.inject('/en/services?q=%00');
    assert.equal(page.statusCode, 400);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.deepEqual({ ...(await counts()), cases: await cases() }, before);
  });

  it('a malformed multipart body → 400 on API and form routes, never a 500', async () => {
    const page = await t.app.inject('/en/sign-in');
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const token = `--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`;
    const bodies: [string, string][] = [
      ['garbage', 'multipart/form-data; boundary=xyz'],
      ['x', 'multipart/form-data'],
      [`${token}--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb`, 'multipart/form-data; boundary=xyz'],
      [`${token}--xyz\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n\r\n%PDF`, 'multipart/form-data; boundary=xyz'],
    ];
    for (const [payload, type] of bodies) {
      for (const url of ['/en/feedback/new', '/en/sign-in']) {
        const res = await t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': type, cookie } });
        assert.equal(res.statusCode, 400, `${url} ${JSON.stringify(payload)}`);
        assert.match(String(res.headers['content-type']), /^text\/html/);
        assert.match(res.body, /The request could not be read|تعذّرت قراءة الطلب/);
      }
      const api = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/agencies/${agencyId}`,
        payload,
        headers: { 'content-type': type, authorization: `Bearer ${token}` },
      });
      assert.ok(api.statusCode >= 400 && api.statusCode < 500, `${api.statusCode} ${JSON.stringify(payload)}`);
      assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
    }
  });

  it('date query parameters must be real days: 2026-13-45 and 2026-02-30 → 400 with a field error', async () => {
    for (const to of ['2026-13-45', '2026-02-30', '2025-02-29', '2026-1-1']) {
      const res = await t.app.inject(`/api/v1/feedback/kpis?to=${to}&lang=en`);
      assert.equal(res.statusCode, 400, to);
      const e = res.json().errors[0];
      assert.equal(e.field, 'querystring.to');
      assert.equal(e.message_en, 'Enter a real date');
    }
    assert.equal((await t.app.inject('/api/v1/feedback/kpis?from=2024-02-01&to=2024-02-29')).statusCode, 200);
  });

  it('a path segment that decodes to a broken %-escape → 404, not a 500', async () => {
    const admin = await signedIn(t.app, 'po@example.gov.sa');
    const res = await admin.get('/en/console/measure/rounds/1/agencies/1/questions/%25zz');
    assert.equal(res.statusCode, 404);
  });

  it('sign-in returns to an Arabic path: the Location header is percent-encoded, not a 500', async () => {
    const visitor = new Client(t.app);
    const { TEST_PASSWORD } = await import('./helpers/factories.ts');
    const res = await visitor.post('/en/sign-in', { email: 'po@example.gov.sa', password: TEST_PASSWORD, next: '/ar/خدمات حكومية' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/ar/${encodeURIComponent('خدمات حكومية')}`);
    const again = await visitor.get(`/en/sign-in?next=${encodeURIComponent('/ar/خدمات')}`);
    assert.equal(again.headers.location, `/ar/${encodeURIComponent('خدمات')}`);
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example', '/ar//evil.example']) {
      const out = await visitor.get(`/en/sign-in?next=${encodeURIComponent(next)}`);
      assert.equal(out.headers.location, '/en/console', next);
    }
  });

  it('a broken %-encoding or an over-long path segment answers like any other error (problem+json, or a page)', async () => {
    for (const url of ['/api/v1/agencies/%zz', '/api/v1/agencies/%E0%A4%A', `/api/v1/agencies/${'x'.repeat(5000)}`]) {
      const res = await t.app.inject({ url, headers: { 'accept-language': 'en' } });
      assert.ok([400, 414].includes(res.statusCode), url);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', url);
      assert.ok(res.json().title_ar && res.json().title_en, url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    }
    const page = await t.app.inject('/en/services/%zz');
    assert.equal(page.statusCode, 400);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /The address could not be read/);
    assert.match(page.body, /تعذّرت قراءة العنوان/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    const long = await t.app.inject(`/ar/services/${'x'.repeat(5000)}`);
    assert.equal(long.statusCode, 414);
    assert.match(long.body, /العنوان أطول من المسموح/);
  });

  it('a request line or headers too large for the parser → problem+json on the socket', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { request } = await import('node:http');
    const res = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = request(`${address}/api/v1/agencies?q=${'x'.repeat(20_000)}`, (r) => {
        let body = '';
        r.on('data', (c) => {
          body += c;
        });
        r.on('end', () => resolve({ status: r.statusCode ?? 0, type: String(r.headers['content-type']), body }));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(res.status, 431);
    assert.equal(res.type, 'application/problem+json; charset=utf-8');
    assert.equal(JSON.parse(res.body).title_en, 'The request is larger than allowed');
  });

  it('access is checked before the body: a caller without the right gets 401/403, never the schema', async () => {
    const bodies = ['{"phone": 12345, "sneaky": true}', '{"phone": ', '\u0000'];
    for (const payload of bodies) {
      const anon = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/agencies/${agencyId}`,
        payload,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(anon.statusCode, 401, payload);
      assert.equal(anon.json().errors, undefined, 'no field errors leak');
      const readOnly = (await createToken(t.deps, systemCtx(), agencyId, { name: 'read', scopes: ['agency:read'] })).token;
      const weak = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/agencies/${agencyId}`,
        payload,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${readOnly}` },
      });
      assert.equal(weak.statusCode, 403, payload);
      assert.equal(weak.json().errors, undefined);
    }
    const visitor = new Client(t.app);
    const form = await visitor.post('/en/console/agencies/new', { code: ['a', 'b'], name_ar: 'x'.repeat(5000) });
    assert.equal(form.statusCode, 401);
    assert.doesNotMatch(form.body, /There is a problem/);
  });

  it('the API takes JSON only: a form post from another site cannot file a complaint (415, nothing stored)', async () => {
    const cases = async () => (await t.deps.db.selectFrom('feedback_cases').select('id').execute()).length;
    const before = await cases();
    const fields = {
      kind: 'complaint',
      category: 'other',
      agency_id: String(agencyId),
      subject: 'Cross-site complaint',
      body: 'Filed from a page on another site',
      contact_email: 'visitor@example.com',
    };
    const { multipart } = await import('./helpers/multipart.ts');
    const form = multipart(fields);
    for (const [payload, type] of [
      [new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded'],
      [JSON.stringify(fields), 'text/plain;charset=UTF-8'],
      [form.payload, form.contentType],
    ] as [string | Buffer, string][]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/feedback/cases',
        payload,
        headers: { 'content-type': type, origin: 'https://elsewhere.example', 'accept-language': 'en' },
      });
      assert.equal(res.statusCode, 415, type);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(res.json().title_en, 'Send this request as JSON');
    }
    assert.equal(await cases(), before);
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/feedback/cases', payload: { ...fields, agency_id: agencyId } });
    assert.equal(json.statusCode, 201);
  });

  it('an id beyond any record (over PostgreSQL integer range) → 404 on either engine, never a 500', async () => {
    const admin = await signedIn(t.app, 'po@example.gov.sa');
    for (const url of ['/api/v1/agencies/99999999999', '/api/v1/agencies/2147483648', '/api/v1/announcements/9999999999']) {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    }
    const token404 = await t.app.inject({ url: '/api/v1/feedback/cases/99999999999', headers: { authorization: `Bearer ${token}` } });
    assert.ok([403, 404].includes(token404.statusCode), String(token404.statusCode));
    for (const url of ['/en/console/agencies/2147483648', '/en/announcements/9999999999']) {
      assert.equal((await admin.get(url)).statusCode, 404, url);
    }
    // A filter naming no possible agency is no filter: the inbox answers, never reaching the database with it.
    const huge = await admin.get('/en/console/feedback?agency=99999999999999999999');
    assert.equal(huge.statusCode, 200);
    assert.equal((await admin.get('/en/console/feedback/metrics?agency=99999999999')).statusCode, 200);
  });

  it('a form naming an agency that does not exist → 404 before anything is written (either engine)', async () => {
    const admin = await signedIn(t.app, 'po@example.gov.sa');
    const res = await admin.post('/en/console/feedback/settings/987654', { show: 'on' });
    assert.equal(res.statusCode, 404);
  });

  it('multipart forms carry the CSRF token as a field before their files, never in the address', async () => {
    const admin = await signedIn(t.app, 'po@example.gov.sa');
    const visitor = new Client(t.app);
    const forms = [
      ...(await visitor.get('/en/feedback/new')).body.matchAll(/<form[^>]*multipart\/form-data[^>]*>[\s\S]*?<\/form>/g),
      ...(await admin.get('/en/console/catalog/io')).body.matchAll(/<form[^>]*multipart\/form-data[^>]*>[\s\S]*?<\/form>/g),
      ...(await admin.get('/en/console/measure/frameworks/import')).body.matchAll(/<form[^>]*multipart\/form-data[^>]*>[\s\S]*?<\/form>/g),
    ].map((m) => m[0]);
    assert.equal(forms.length, 3);
    for (const form of forms) {
      assert.doesNotMatch(/<form[^>]*>/.exec(form)?.[0] ?? '', /_csrf/, 'no token in the action');
      const token = form.indexOf('name="_csrf"');
      const file = form.indexOf('type="file"');
      assert.ok(token > 0 && file > token, 'the token field comes before the file input');
    }

    const { multipart } = await import('./helpers/multipart.ts');
    const cases = async () => (await t.deps.db.selectFrom('feedback_cases').select('id').execute()).length;
    const before = await cases();
    const page = await t.app.inject('/en/feedback/new');
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const fields = {
      kind: 'complaint',
      category: 'other',
      agency_id: String(agencyId),
      subject: 'Upload',
      body: 'A complaint with a file',
      contact_email: 'x@example.com',
    };
    const file = {
      field: 'attachment',
      filename: 'a.pdf',
      type: 'application/pdf',
      data: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    };
    const post = (url: string, body: { payload: Buffer; contentType: string }) =>
      t.app.inject({ method: 'POST', url, payload: body.payload, headers: { cookie, 'content-type': body.contentType } });
    // In the address only: refused.
    const inUrl = await post(`/en/feedback/new?_csrf=${encodeURIComponent(csrf)}`, multipart(fields, file));
    assert.equal(inUrl.statusCode, 403);
    // After the file: refused before the file is read.
    const late = multipart(fields, file);
    const boundary = late.contentType.split('boundary=')[1];
    const lateBody = Buffer.concat([
      late.payload.subarray(0, late.payload.length - `--${boundary}--\r\n`.length),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}--\r\n`),
    ]);
    assert.equal((await post('/en/feedback/new', { payload: lateBody, contentType: late.contentType })).statusCode, 403);
    assert.equal(await cases(), before);
    // First, as the form sends it: accepted.
    const ok = await post('/en/feedback/new', multipart({ _csrf: csrf, ...fields }, file));
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    assert.equal(await cases(), before + 1);
  });
});
