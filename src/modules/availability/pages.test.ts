import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { isoDay, localDayNumber } from '../../platform/i18n/dates.ts';
import { type Result, recordResults } from './testing.ts';

// The console and the public pages through HTTP: who may manage which probes (agency staff only
// their agency's, the office all, readers none), field errors for refused targets with nothing
// written, every change audited, and the status pages and the feed in both languages.

describe('availability pages: access, refusals and both languages', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  const ids = { a: 0, b: 0, sa: 0, sb: 0, probe: 0 };
  /** One instant for every generated result, so durations never depend on how long the tests take. */
  const now = Date.now();
  const probes = async () => t.deps.db.selectFrom('availability_probes').selectAll().orderBy('id').execute();

  before(async () => {
    t = await testApp();
    ids.a = (
      await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا', website: 'https://alpha.gov.sa' })
    ).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    ids.sa = (
      await buildService(t.deps, ids.a, {
        identifier: 'alpha-permit',
        data: {
          name: { ar: 'تصريح ألفا', en: 'Alpha permit' },
          channels: [{ type: 'web', url: 'https://www.alpha.gov.sa/permit', availability: '24/7' }],
        },
      })
    ).id;
    ids.sb = (
      await buildService(t.deps, ids.b, {
        identifier: 'beta-licence',
        data: {
          name: { ar: 'رخصة بيتا', en: 'Beta licence' },
          channels: [
            { type: 'call_centre', phone: '920000000', availability: 'business_hours', hours: { ar: 'الأحد–الخميس', en: 'Sun–Thu' } },
          ],
        },
      })
    ).id;
    const people: [string, Parameters<typeof buildUser>[1]][] = [
      ['office', { email: 'office@program.sa', role: 'program_admin' }],
      ['reviewer', { email: 'reviewer@program.sa', role: 'program_reviewer' }],
      ['aEditor', { email: 'editor@alpha.sa', role: 'agency_editor', agencyId: ids.a }],
      ['bAdmin', { email: 'admin@beta.sa', role: 'agency_admin', agencyId: ids.b }],
      ['judge', { email: 'judge@program.sa', role: 'judge' }],
    ];
    for (const [key, opts] of people) {
      await buildUser(t.deps, opts);
      c[key] = await signedIn(t.app, opts?.email as string);
    }
    c.anonymous = new Client(t.app);
  });
  after(() => t.close());

  it("lets agency staff add a probe to their own agency's service, using its web channel", async () => {
    const res = await c.aEditor.post('/en/console/availability/probes/new', { service_id: String(ids.sa), interval_seconds: '300' });
    assert.equal(res.statusCode, 303);
    const [p] = await probes();
    assert.ok(p);
    ids.probe = p.id;
    assert.equal(p.url, 'https://www.alpha.gov.sa/permit');
    assert.equal(p.agency_id, ids.a);
    assert.equal(p.fail_threshold, 3);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'record_id'])
      .where('action', '=', 'availability.probe.create')
      .execute();
    assert.equal(audit.length, 1);
  });

  it('refuses private, loopback and link-local targets and bad numbers with field errors, writing nothing', async () => {
    for (const url of [
      'http://10.0.0.1/health',
      'http://127.0.0.1:8080/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://localhost/',
      'https://user:pw@alpha.gov.sa/',
    ]) {
      const res = await c.aEditor.post('/en/console/availability/probes/new', { service_id: String(ids.sa), url });
      assert.equal(res.statusCode, 400, url);
      assert.match(res.body, /private, loopback|user name or password/, url);
    }
    const bad = await c.aEditor.post('/en/console/availability/probes/new', {
      service_id: String(ids.sa),
      interval_seconds: '5',
      fail_threshold: '1',
    });
    assert.equal(bad.statusCode, 400);
    const ar = await c.aEditor.post('/ar/console/availability/probes/new', { service_id: String(ids.sa), url: 'http://192.168.1.1/' });
    assert.equal(ar.statusCode, 400);
    assert.match(ar.body, /لا يجوز أن تصله المجسّات/);
    const noChannel = await c.bAdmin.post('/en/console/availability/probes/new', { service_id: String(ids.sb) });
    assert.equal(noChannel.statusCode, 400);
    assert.match(noChannel.body, /no web or app channel/);
    assert.equal((await probes()).length, 1);
  });

  it("refuses other agencies' staff, readers and anonymous people", async () => {
    const other = await c.bAdmin.post('/en/console/availability/probes/new', { service_id: String(ids.sa) });
    assert.equal(other.statusCode, 403);
    assert.equal((await c.bAdmin.get(`/en/console/availability/probes/${ids.probe}`)).statusCode, 403);
    assert.equal((await c.bAdmin.post(`/en/console/availability/probes/${ids.probe}/pause`)).statusCode, 403);
    assert.equal(
      (await c.bAdmin.post(`/en/console/availability/probes/${ids.probe}`, { url: 'https://evil.example.com/' })).statusCode,
      403,
    );
    assert.doesNotMatch((await c.bAdmin.get('/en/console/availability')).body, /alpha\.gov\.sa/);
    assert.equal((await c.reviewer.post(`/en/console/availability/probes/${ids.probe}/pause`)).statusCode, 403);
    assert.equal((await c.reviewer.get(`/en/console/availability/probes/${ids.probe}`)).statusCode, 200, 'the office reads every probe');
    assert.equal((await c.judge.get('/en/console/availability')).statusCode, 403);
    assert.notEqual((await c.anonymous.get('/en/console/availability')).statusCode, 200);
    assert.notEqual((await c.anonymous.post(`/en/console/availability/probes/${ids.probe}/pause`)).statusCode, 303);
    const p = (await probes())[0];
    assert.equal(p?.paused, 0);
    assert.equal(p?.url, 'https://www.alpha.gov.sa/permit');
  });

  it('lets the office pause, resume and change any probe, audited', async () => {
    assert.equal((await c.office.post(`/en/console/availability/probes/${ids.probe}/pause`)).statusCode, 303);
    assert.equal((await probes())[0]?.paused, 1);
    assert.equal((await c.aEditor.post(`/en/console/availability/probes/${ids.probe}/resume`)).statusCode, 303);
    assert.equal((await probes())[0]?.paused, 0);
    const res = await c.office.post(`/en/console/availability/probes/${ids.probe}`, {
      url: 'https://status.alpha.gov.sa/health',
      interval_seconds: '120',
      expect_text: 'OK',
    });
    assert.equal(res.statusCode, 303);
    const p = (await probes())[0];
    assert.equal(p?.url, 'https://status.alpha.gov.sa/health');
    assert.equal(p?.channel, 'health');
    assert.equal(p?.expect_text, 'OK');
    const actions = (
      await t.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'availability.probe.%').execute()
    ).map((r) => r.action);
    assert.deepEqual(actions.sort(), [
      'availability.probe.create',
      'availability.probe.pause',
      'availability.probe.resume',
      'availability.probe.update',
    ]);
  });

  it('shows the status pages, the incident and its feed in Arabic and English', async () => {
    const results: Result[] = [40, 30, 20, 10, 5].map((m, i) => ({
      at: new Date(now - m * 60_000).toISOString(),
      ok: i === 0,
      statusCode: i === 0 ? 200 : 503,
      latencyMs: i === 0 ? 180 : null,
      error: i === 0 ? null : 'status',
    }));
    await recordResults(t.deps, ids.probe, results);
    const incident = await t.deps.db.selectFrom('availability_incidents').selectAll().executeTakeFirstOrThrow();
    assert.equal(incident.status, 'open');

    const en = await c.anonymous.get('/en/status');
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /1 service has an outage now/);
    assert.match(en.body, /Alpha Authority/);
    assert.match(en.body, /Alpha permit/);
    const ar = await c.anonymous.get('/ar/status');
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /خدمة واحدة منقطعة الآن/);
    assert.match(ar.body, /dir="rtl"/);
    const agency = await c.anonymous.get('/en/status/agencies/alpha');
    assert.equal(agency.statusCode, 200);
    assert.match(agency.body, /class="status-history"/);
    assert.equal((await c.anonymous.get('/en/status/agencies/nope')).statusCode, 404);
    const service = await c.anonymous.get('/ar/status/services/alpha-permit');
    assert.equal(service.statusCode, 200);
    assert.match(service.body, /تصريح ألفا/);
    assert.match(service.body, /مستمر/);
    assert.equal((await c.anonymous.get('/en/status/services/no-such-service')).statusCode, 404);
    // Email notices through notify's subscriptions, from the service's and the agency's status pages.
    assert.match(service.body, /href="\/ar\/subscribe\?service=alpha-permit"/);
    assert.match(service.body, /تلقَّ إشعارات الانقطاع بالبريد/);
    assert.match(agency.body, /href="\/en\/subscribe\?agency=alpha"/);
    assert.match(agency.body, /Get outage notices by email/);
    const subscribe = await c.anonymous.get('/en/subscribe?service=alpha-permit');
    assert.equal(subscribe.statusCode, 200);
    assert.match(subscribe.body, /Alpha permit/);
    // Catalog's public page of a monitored service shows its state and links to its status page.
    for (const [lang, words] of [
      ['en', /Is it working\?[\s\S]*Service status and the last 90 days/],
      ['ar', /هل تعمل الخدمة الآن؟[\s\S]*حالة الخدمة وآخر ٩٠ يومًا/],
    ] as const) {
      const catalogPage = await c.anonymous.get(`/${lang}/services/alpha-permit`);
      assert.equal(catalogPage.statusCode, 200);
      assert.match(catalogPage.body, words);
      assert.match(catalogPage.body, new RegExp(`href="/${lang}/status/services/alpha-permit"`));
    }
    const unmonitored = await c.anonymous.get('/en/services/beta-licence');
    assert.doesNotMatch(unmonitored.body, /Is it working\?/, 'no box for a service without probes');

    const feed = await c.anonymous.get('/feeds/en/status/incidents.atom');
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
    assert.match(feed.body, /<title>Outage: Alpha permit<\/title>/);
    assert.match((await c.anonymous.get('/feeds/ar/status/incidents.atom')).body, /انقطاع: تصريح ألفا/);

    const page = await c.aEditor.get(`/en/console/availability/incidents/${incident.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Review and approve the drafted announcement/);
    assert.match(page.body, new RegExp(`/en/console/announcements/${incident.announcement_id}`));
    assert.equal((await c.bAdmin.get(`/en/console/availability/incidents/${incident.id}`)).statusCode, 403);
    assert.doesNotMatch((await c.bAdmin.get('/en/console/availability/incidents')).body, /Alpha permit/);
  });

  it('recovers: the incident closes and the status page says all is operational', async () => {
    await recordResults(t.deps, ids.probe, [
      { at: new Date(now - 2 * 60_000).toISOString(), ok: true, statusCode: 200, latencyMs: 150, error: null },
      { at: new Date(now - 60_000).toISOString(), ok: true, statusCode: 200, latencyMs: 160, error: null },
    ]);
    const incident = await t.deps.db.selectFrom('availability_incidents').selectAll().executeTakeFirstOrThrow();
    assert.equal(incident.status, 'closed');
    assert.equal(incident.duration_seconds, 28 * 60);
    const en = await c.anonymous.get('/en/status');
    assert.match(en.body, /All monitored services are operational/);
    assert.match((await c.anonymous.get('/feeds/en/status/incidents.atom')).body, /Resolved: Alpha permit/);
  });

  it('gives uptime over a period a reader chooses, and refuses a bad period with field errors in both languages', async () => {
    const tz = t.deps.config.timeZone;
    const day = (offset: number) => isoDay(localDayNumber(tz, now) + offset);
    const url = (lang: string, q: string) => `/${lang}/status/services/alpha-permit?${q}`;
    // The seven checks above (three up, four down) all fall in the last three local days.
    const en = await c.anonymous.get(url('en', `from=${day(-2)}&to=${day(0)}`));
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /<dt>Checks<\/dt><dd>7<\/dd>/);
    assert.match(en.body, /<dt>Uptime<\/dt><dd>42\.86%<\/dd>/);
    const ar = await c.anonymous.get(url('ar', `from=${day(-2)}&to=${day(0)}`));
    assert.match(ar.body, /<dt>عدد الفحوص<\/dt><dd>٧<\/dd>/);
    // Long ago: nothing was checked, which is said as no data, never as 100 %.
    const empty = await c.anonymous.get(url('en', 'from=2025-01-01&to=2025-01-31'));
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /<dt>Checks<\/dt><dd>0<\/dd>/);
    for (const [q, en, ar] of [
      ['from=2026-02-31&to=2026-03-01', /Enter a real date/, /أدخل تاريخاً صحيحاً/],
      [`from=${day(0)}&to=${day(-1)}`, /The end date must be on or after the start date/, /يجب أن يكون تاريخ النهاية/],
      [`from=${day(1)}&to=${day(1)}`, /Choose a date up to today/, /اختر تاريخًا لا يتجاوز اليوم/],
      ['from=2020-01-01&to=2024-01-01', /Choose a period of three years or less/, /ثلاث سنوات/],
      [`to=${day(0)}`, /This field is required/, /هذا الحقل مطلوب/],
      [`from=x&to=${day(0)}`, /Enter a real date/, /أدخل تاريخاً صحيحاً/],
    ] as const) {
      const res = await c.anonymous.get(url('en', q));
      assert.equal(res.statusCode, 400, q);
      assert.match(res.body, en, q);
      assert.match(res.body, /class="error-summary"/, q);
      assert.doesNotMatch(res.body, /<dt>Checks<\/dt>/, q);
      const arRes = await c.anonymous.get(url('ar', q));
      assert.equal(arRes.statusCode, 400, q);
      assert.match(arRes.body, ar, q);
    }
    // Odd query strings: a repeated or bracketed key, a control character — a 4xx or the page, never a 500.
    for (const q of ['from[]=x', 'from=2026-01-01&from=2026-01-02&to=2026-01-03', `from=${day(0)}&to=%00`]) {
      const res = await c.anonymous.get(url('en', q));
      assert.ok(res.statusCode === 200 || res.statusCode === 400, `${q}: ${res.statusCode}`);
    }
  });
});
