import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { complaint, Visitor } from '../src/modules/feedback/testing.ts';
import { freePort, ProviderBrowser, startTestProvider, type TestProvider } from '../src/modules/identity/testing.ts';
import { subscribe } from '../src/modules/notify/testing.ts';
import {
  approveConsultation,
  createConsultation,
  dayOf,
  postComment,
  publishConsultation,
  submitConsultation,
  verifiedParticipant,
} from '../src/modules/participate/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { Client, signedIn } from './helpers/client.ts';
import { buildAgency, buildUser } from './helpers/factories.ts';
import { unzip } from './helpers/zip.ts';

// Beneficiary sign-in with the national provider (issue 19), against a real oidc-provider: optional,
// no account and no session are created; the provider's verified email (and phone) lead to "my
// items" — the complaint, subscription and consultation comment held under them, gathered through
// the modules' personal-data ports — and to the same download. Another person's items never show,
// a tampered ID token, an unverified address and a callback this browser did not start are refused.

const P = 'nafath';
const SARA = { email: 'sara.nafath@example.sa', subject: 'Sara-nafath-complaint', comment: 'Sara-nafath-comment' };
const OMAR = { email: 'omar.nafath@example.sa', subject: 'Omar-nafath-complaint', comment: 'Omar-nafath-comment' };
const PHONE_CASE = 'Phone-only-nafath-complaint';
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('beneficiary sign-in with the national provider (a real oidc-provider)', () => {
  let t: TestApp;
  let op: TestProvider;
  let base: string;

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    op = await startTestProvider(base, P);
    t = await testApp({
      BASE_URL: base,
      OIDC_PROVIDERS: P,
      OIDC_NAFATH_ISSUER: op.issuer,
      OIDC_NAFATH_CLIENT_ID: 'yusr',
      OIDC_NAFATH_CLIENT_SECRET: 'yusr-client-secret-for-tests-only-0123456789',
      OIDC_NAFATH_SCOPES: 'openid email phone',
      OIDC_NAFATH_FOR: 'beneficiaries',
      OIDC_NAFATH_NAME_AR: 'النفاذ الوطني',
      OIDC_NAFATH_NAME_EN: 'National SSO',
    });
    const sys = systemCtx('beneficiary-test');
    const agency = await buildAgency(t.deps, { code: 'nafath-moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health' });
    for (const [i, p] of [SARA, OMAR].entries()) {
      const v = new Visitor(t.app, `203.0.113.${40 + i}`);
      const res = await v.post('/en/feedback/new', complaint(agency.id, { contact_email: p.email, subject: p.subject }));
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      await subscribe(
        t.deps,
        { ...sys, ip: `10.0.1.${i + 1}` },
        { email: p.email, target_type: 'agency', target_key: 'nafath-moh', frequency: 'immediate', locale: 'en' },
      );
    }
    const phoneOnly = await new Visitor(t.app, '203.0.113.49').post(
      '/en/feedback/new',
      complaint(agency.id, { contact_email: '', contact_phone: '0551234567', notify_by: 'sms', subject: PHONE_CASE }),
    );
    assert.equal(phoneOnly.statusCode, 303, phoneOnly.body.slice(0, 300));
    const today = dayOf(t.deps, new Date());
    const c = await createConsultation(t.deps, sys, {
      agency_id: String(agency.id),
      title_ar: 'مسودة',
      title_en: 'Draft',
      summary_ar: 'ملخص',
      summary_en: 'Summary',
      source_format: 'text',
      source_text: 'المادة الأولى\nنص.\n\nالمادة الثانية\nنص آخر.',
      opens_on: addDays(today, -2),
      closes_on: addDays(today, 10),
    });
    await submitConsultation(t.deps, sys, c.id);
    await approveConsultation(t.deps, sys, c.id);
    await publishConsultation(t.deps, sys, c.id, new Date(`${addDays(today, -3)}T09:00:00Z`));
    const article = await t.deps.db
      .selectFrom('participate_articles')
      .select('id')
      .where('consultation_id', '=', c.id)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    for (const p of [SARA, OMAR]) {
      const who = await verifiedParticipant(t.deps, sys, p.email, 'Participant');
      await postComment(t.deps, sys, who.id, c.id, { target: `article:${article.id}`, body: p.comment, display: 'name' });
    }
    op.accounts.set('sub-sara', { email: 'Sara.Nafath@example.sa', email_verified: true });
    op.accounts.set('sub-omar', { email: OMAR.email, email_verified: true });
    // Yusr listens at BASE_URL (the provider's back-channel would reach it; here only the browser goes back).
    await t.app.listen({ port, host: '127.0.0.1' });
  });
  after(async () => {
    await t.close();
    await op.close();
  });

  /** Starts at /<lang>/my-data/sign-in/<provider>, goes through the provider as `account`, and comes back to the callback. */
  async function signInWith(account: string, lang: 'ar' | 'en' = 'en', c = new Client(t.app)) {
    const start = await c.get(`/${lang}/my-data/sign-in/${P}`);
    assert.equal(start.statusCode, 303, start.body.slice(0, 300));
    const authorize = new URL(String(start.headers.location));
    assert.equal(authorize.origin, op.issuer);
    assert.equal(authorize.searchParams.get('redirect_uri'), `${base}/my-data/oidc/${P}/callback`);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    const back = new URL(await new ProviderBrowser().run(authorize.href, account, `${base}/my-data/oidc/${P}/callback`));
    const res = await c.get(`${back.pathname}${back.search}`);
    return { c, res, back };
  }
  const audits = (action: string) => t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
  const userCount = async () => (await t.deps.db.selectFrom('users').select('id').execute()).length;

  it('offers the provider on My data in both languages, never on staff sign-in', async () => {
    const c = new Client(t.app);
    const en = (await c.get('/en/my-data')).body;
    assert.match(en, /<a class="button secondary" href="\/en\/my-data\/sign-in\/nafath">Sign in with National SSO<\/a>/);
    assert.match(en, /name="email"/, 'the emailed code stays: signing in is never required');
    assert.match((await c.get('/ar/my-data')).body, /الدخول عبر النفاذ الوطني/);
    assert.doesNotMatch((await c.get('/en/sign-in')).body, /National SSO/);
    assert.equal((await c.get(`/sign-in/oidc/${P}/start?lang=en`)).statusCode, 404, 'a beneficiaries-only provider signs no staff in');
    assert.equal((await c.get('/en/my-data/sign-in/nosuch')).statusCode, 404);
  });

  it('signs a beneficiary in and shows their items, and only theirs; the download holds the same', async () => {
    const users = await userCount();
    const { c, res } = await signInWith('sub-sara');
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    assert.equal(res.headers.location, '/en/my-data');
    assert.equal(c.hasCookie('yusr_session'), false, 'no staff session');
    const page = (await c.get('/en/my-data')).body;
    assert.match(page, /Signed in with National SSO as sara\.nafath@example\.sa/);
    assert.match(page, /My items/);
    for (const mine of [SARA.subject, SARA.comment, '<code dir="ltr">subscriptions</code>', 'Draft'])
      assert.ok(page.includes(mine), `shows ${mine}`);
    for (const theirs of [OMAR.email, OMAR.subject, OMAR.comment, PHONE_CASE]) assert.ok(!page.includes(theirs), `never shows ${theirs}`);
    assert.equal(await userCount(), users, 'no account is created');
    const audit = (await audits('auth.beneficiary_sign_in')).at(-1);
    assert.ok(audit && !JSON.stringify(audit).includes('sara.nafath'), 'audited without the address');

    const zip = await c.post('/en/my-data/archive');
    assert.equal(zip.statusCode, 200);
    assert.equal(zip.headers['content-type'], 'application/zip');
    const data = (await unzip(zip.rawPayload)).get('data.json')?.toString('utf8') ?? '';
    for (const mine of [SARA.subject, SARA.comment]) assert.ok(data.includes(mine), `the archive holds ${mine}`);
    for (const theirs of [OMAR.email, OMAR.subject, OMAR.comment, PHONE_CASE]) assert.ok(!data.includes(theirs), `never ${theirs}`);
  });

  it('works in Arabic, continuing in the language sign-in started in', async () => {
    const { c, res } = await signInWith('sub-omar', 'ar');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/ar/my-data');
    const page = (await c.get('/ar/my-data')).body;
    assert.match(page, /<html[^>]*lang="ar"/);
    assert.match(page, /ما لدينا عنك/);
    assert.match(page, /دخلت عبر النفاذ الوطني/);
    assert.ok(page.includes(OMAR.subject) && !page.includes(SARA.subject));
  });

  it('matches a phone only when the provider verified it', async () => {
    op.accounts.set('sub-phone', {
      email: 'phone.person@example.sa',
      email_verified: true,
      phone_number: '+966551234567',
      phone_number_verified: true,
    });
    const verified = await signInWith('sub-phone');
    assert.equal(verified.res.statusCode, 303);
    assert.ok((await verified.c.get('/en/my-data')).body.includes(PHONE_CASE), 'the case filed with that phone');
    op.accounts.set('sub-phone2', {
      email: 'phone.other@example.sa',
      email_verified: true,
      phone_number: '+966551234567',
      phone_number_verified: false,
    });
    const unverified = await signInWith('sub-phone2');
    assert.equal(unverified.res.statusCode, 303);
    assert.ok(!(await unverified.c.get('/en/my-data')).body.includes(PHONE_CASE), 'an unverified phone matches nothing');
  });

  it('names the verified phone on an erasure request, so an approved erasure reaches the case held under that phone alone', async () => {
    const { c } = await signInWith('sub-phone');
    const filed = await c.post('/en/my-data/erasure', { erasure_details: 'Delete what you hold under my phone too' });
    assert.equal(filed.statusCode, 303, filed.body.slice(0, 300));
    const request = await t.deps.db
      .selectFrom('privacy_requests')
      .selectAll()
      .where('email', '=', 'phone.person@example.sa')
      .where('kind', '=', 'erasure')
      .executeTakeFirstOrThrow();
    assert.equal(request.phone, '+966551234567');
    const held = await t.deps.db.selectFrom('feedback_cases').select('id').where('contact_phone', 'like', '%551234567').execute();
    assert.equal(held.length, 1, 'the SMS-only case is held under the phone alone');
    await buildUser(t.deps, { email: 'office@nafath.gov.sa', role: 'program_admin' });
    const office = await signedIn(t.app, 'office@nafath.gov.sa');
    const shown = await office.get(`/en/console/privacy/requests/${request.id}`);
    assert.match(shown.body, /Mobile number verified by the sign-in provider<\/dt>\s*<dd class="ltr">\+966551234567/);
    const decided = await office.post(`/en/console/privacy/requests/${request.id}`, { action: 'complete', note: '' });
    assert.equal(decided.statusCode, 303, decided.body.slice(0, 300));
    const withPhone = () => t.deps.db.selectFrom('feedback_cases').select('id').where('contact_phone', 'like', '%551234567').execute();
    assert.equal((await withPhone()).length, 0, 'no case keeps the phone');
    const again = await signInWith('sub-phone');
    assert.ok(!(await again.c.get('/en/my-data')).body.includes(PHONE_CASE), 'nothing is held under the phone any more');
  });

  it("refuses a tampered ID token (another person's address) and shows nothing", async () => {
    op.tamper = (payload) => ({ ...payload, email: OMAR.email, email_verified: true });
    try {
      const { c, res } = await signInWith('sub-sara');
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /could not be verified/);
      assert.ok(!res.body.includes(OMAR.subject));
      assert.equal(c.hasCookie('yusr_privacy'), false);
      assert.doesNotMatch((await c.get('/en/my-data')).body, /My items/);
    } finally {
      op.tamper = null;
    }
    const refused = (await audits('auth.oidc_refused')).map((a) => JSON.parse(a.after_json ?? '{}'));
    assert.ok(refused.some((r) => r.reason === 'invalid' && r.provider === P));
  });

  it('refuses an address the provider has not verified, in both languages', async () => {
    op.accounts.set('sub-unverified', { email: SARA.email, email_verified: false });
    const en = await signInWith('sub-unverified', 'en');
    assert.equal(en.res.statusCode, 403);
    assert.match(en.res.body, /National SSO has not confirmed your email address/);
    assert.equal(en.c.hasCookie('yusr_privacy'), false);
    const ar = await signInWith('sub-unverified', 'ar');
    assert.equal(ar.res.statusCode, 403);
    assert.match(ar.res.body, /لم يؤكد النفاذ الوطني بريدك الإلكتروني/);
  });

  it('refuses a callback this browser did not start, and a forged subject cookie shows nothing', async () => {
    const { back } = await signInWith('sub-sara', 'en', new Client(t.app));
    // The same code taken to another browser (no pending cookie).
    const other = new Client(t.app);
    const res = await other.get(`${back.pathname}${back.search}`);
    assert.equal(res.statusCode, 400);
    // No pending cookie, so no language it started in: the default, Arabic.
    assert.match(res.body, /لم يبدأ هذا الدخول من هذا المتصفح/);
    assert.equal(other.hasCookie('yusr_privacy'), false);

    const { c } = await signInWith('sub-sara');
    const page = await c.get('/en/my-data', { cookie: 'yusr_privacy=forged.token' });
    assert.doesNotMatch(page.body, /My items/);
  });
});
