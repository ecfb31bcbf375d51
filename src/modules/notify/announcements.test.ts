import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms, sampleService } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { findService } from '../catalog/public.ts';
import { publishInTransaction } from '../catalog/testing.ts';
import { createToken } from '../identity/testing.ts';
import { publishDue } from './announcements.service.ts';
import { type ApprovalNotice, sendApprovalNotice } from './approval-notice.ts';
import { ANNOUNCE_WINDOW, silentLaunchRate } from './notify.metrics.ts';
import { ctx, publishNow, seedSubscribers } from './notify.testkit.ts';

const DAY = 86_400_000;

describe('announcements: drafted by editors, approved by the agency administrator', () => {
  let t: TestApp;
  let moh: Awaited<ReturnType<typeof buildAgency>>;
  let editor: Client;
  let admin: Client;
  let serviceId: number;
  const form = (over: Record<string, string | string[]> = {}) => ({
    agency_id: String(moh.id),
    kind: 'downtime',
    title_ar: 'صيانة مجدولة لنظام المواعيد',
    title_en: 'Scheduled maintenance of appointments',
    body_ar: 'سيتوقف نظام المواعيد للصيانة.\n\nنعتذر عن الإزعاج.',
    body_en: 'The appointment system will stop for maintenance.\n\nWe apologise.',
    starts_at: '2026-12-10T22:00',
    ends_at: '2026-12-11T02:00',
    service_ids: [String(serviceId)],
    ...over,
  });

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    moh = await buildAgency(t.deps, { code: 'moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health' });
    serviceId = (await buildService(t.deps, moh.id, { identifier: 'moh-appointments', data: { categories: ['health'] } })).id;
    await buildUser(t.deps, { email: 'editor@moh.sa', role: 'agency_editor', agencyId: moh.id });
    await buildUser(t.deps, { email: 'admin@moh.sa', role: 'agency_admin', agencyId: moh.id });
    editor = await signedIn(t.app, 'editor@moh.sa');
    admin = await signedIn(t.app, 'admin@moh.sa');
    await seedSubscribers(t, { count: 4, prefix: 'moh', target: { type: 'service', key: String(serviceId) }, locale: 'mixed' });
  });
  after(() => t.close());

  it('a service going live drafts its launch announcement, keyed so a redelivered event drafts once', async () => {
    await t.drain();
    await t.drain();
    const drafts = await t.deps.db.selectFrom('notify_announcements').selectAll().where('origin', '=', 'auto').execute();
    assert.equal(drafts.length, 1);
    assert.equal(drafts[0].kind, 'launch');
    assert.equal(drafts[0].status, 'draft');
    assert.equal(drafts[0].title_en, 'New service: Renew a passport');
    assert.equal(drafts[0].title_ar, 'خدمة جديدة: تجديد جواز السفر');
    assert.match(drafts[0].body_en, /Use it through: Website \(https:\/\/www.gdp.gov.sa\/passport-renewal\)/);
  });

  it('changes of fees, channels or requirements draft a change; a retirement drafts a retirement', async () => {
    const row = await findService(t.deps.db, serviceId);
    const changed = sampleService({ categories: ['health'], fees: [{ amount: 150, currency: 'SAR' }] });
    const v2 = await t.deps.db
      .transaction()
      .execute((trx) => publishInTransaction(trx, t.deps, systemCtx(), row as NonNullable<typeof row>, changed));
    await t.deps.db.transaction().execute((trx) => publishInTransaction(trx, t.deps, systemCtx(), v2, { ...changed, status: 'retired' }));
    const names = sampleService().name;
    await t.deps.db.transaction().execute(async (trx) => {
      const r = await findService(trx, serviceId);
      // A publication that changes only the wording drafts nothing.
      await publishInTransaction(trx, t.deps, systemCtx(), r as NonNullable<typeof r>, {
        ...changed,
        status: 'retired',
        name: { ...names, en: 'Renew your passport' },
      });
    });
    await t.drain();
    const auto = await t.deps.db
      .selectFrom('notify_announcements')
      .select(['kind', 'body_en', 'auto_reason'])
      .where('origin', '=', 'auto')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      auto.map((a) => a.kind),
      ['launch', 'change', 'retirement'],
    );
    assert.equal(auto[1].auto_reason, 'fees');
    assert.match(auto[1].body_en, /Fees: were SAR\s?300(\.00)?, now SAR\s?150(\.00)?\./);
    // Staff read who wrote it in words, not an internal label.
    const id = (await t.deps.db.selectFrom('notify_announcements').select('id').where('origin', '=', 'auto').executeTakeFirstOrThrow()).id;
    const en = (await admin.get(`/en/console/announcements/${id}`)).body;
    assert.match(en, /<dt>Written by<\/dt><dd>Yusr, automatically<\/dd>/);
    assert.doesNotMatch(en, /notify auto-draft/);
    assert.match((await admin.get(`/ar/console/announcements/${id}`)).body, /<dd>منصة يُسر تلقائيًا<\/dd>/);
  });

  it('an editor drafts and submits; cannot approve; the administrator approves and it goes out', async () => {
    const res = await editor.post('/en/console/announcements/new', form());
    assert.equal(res.statusCode, 303);
    const id = Number(/\/(\d+)$/.exec(String(res.headers.location))?.[1]);
    const a = await t.deps.db.selectFrom('notify_announcements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(a.starts_at, '2026-12-10T19:00:00.000Z', 'the form is Riyadh time');
    assert.equal((await editor.post(`/en/console/announcements/${id}/submit`)).statusCode, 303);
    assert.equal((await editor.post(`/en/console/announcements/${id}/approve`)).statusCode, 403);
    const page = await admin.get(`/en/console/announcements/${id}`);
    assert.match(page.body, /Awaiting approval/);
    assert.equal((await admin.post(`/en/console/announcements/${id}/approve`, { publish_at: '' })).statusCode, 303);
    await t.drain();
    const sent = await t.deps.db.selectFrom('messages').select(['to_address', 'status']).where('ref_id', '=', String(id)).execute();
    assert.equal(sent.length, 4);
    assert.ok(sent.every((m) => m.status === 'sent'));
    const report = await admin.get(`/en/console/announcements/${id}`);
    assert.match(report.body, /Delivery report/);
    assert.match(report.body, /Matching subscribers<\/th><td class="num">4<\/td>/);
    assert.match(report.body, /In the local outbox<\/th><td class="num">4<\/td>/);
    const local = await t.deps.db
      .selectFrom('messages')
      .select(['subject', 'html_body'])
      .where('ref_id', '=', String(id))
      .where('locale', '=', 'ar')
      .executeTakeFirstOrThrow();
    assert.equal(local.subject, 'صيانة مجدولة لنظام المواعيد', 'the local outbox keeps what was rendered, readable in the console');
    assert.match(local.html_body ?? '', /dir="rtl"/);
    assert.equal(
      (await admin.post(`/en/console/announcements/${id}/edit`, form({ title_en: 'Changed after publication' }))).statusCode,
      409,
    );
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'announcement')
      .where('record_id', '=', String(id))
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((x) => x.action),
      ['announcement.create', 'announcement.submit', 'announcement.publish'],
    );
  });

  it('sending for approval emails the agency’s administrators, not the sender, once per submission', async () => {
    await buildUser(t.deps, { email: 'admin2@moh.sa', role: 'agency_admin', agencyId: moh.id, locale: 'ar' });
    const other = await buildAgency(t.deps, { code: 'mof', name_ar: 'وزارة المالية', name_en: 'Ministry of Finance' });
    await buildUser(t.deps, { email: 'admin@mof.sa', role: 'agency_admin', agencyId: other.id });
    const outsider = await signedIn(t.app, 'admin@mof.sa');
    const approvals = () =>
      t.deps.db
        .selectFrom('messages')
        .select(['to_address', 'subject', 'text_body', 'locale'])
        .where('ref_type', '=', 'notify.approval')
        .orderBy('id')
        .execute();
    const res = await editor.post('/en/console/announcements/new', form({ title_en: 'Clinic hours change' }));
    const id = Number(/\/(\d+)$/.exec(String(res.headers.location))?.[1]);
    assert.equal((await outsider.post(`/en/console/announcements/${id}/submit`)).statusCode, 403);
    await t.drain();
    assert.deepEqual(await approvals(), [], 'a refused submission emails nobody');

    assert.equal((await editor.post(`/en/console/announcements/${id}/submit`)).statusCode, 303);
    await t.drain();
    const first = await approvals();
    assert.deepEqual(first.map((m) => m.to_address).sort(), ['admin2@moh.sa', 'admin@moh.sa']);
    const en = first.find((m) => m.to_address === 'admin@moh.sa');
    assert.equal(en?.subject, 'Awaiting your approval: “Clinic hours change”');
    assert.match(en?.text_body ?? '', new RegExp(`/en/console/announcements/${id}\\b`));
    const ar = first.find((m) => m.to_address === 'admin2@moh.sa');
    assert.equal(ar?.locale, 'ar');
    assert.match(ar?.subject ?? '', /بانتظار اعتمادك/);
    assert.match(ar?.text_body ?? '', new RegExp(`/ar/console/announcements/${id}\\b`));

    // Returned and sent again by an administrator: the other administrator hears of it, the sender does not.
    assert.equal((await admin.post(`/en/console/announcements/${id}/return`, { note: 'Add the new hours.' })).statusCode, 303);
    assert.equal((await admin.post(`/en/console/announcements/${id}/submit`)).statusCode, 303);
    await t.drain();
    assert.deepEqual(
      (await approvals()).slice(first.length).map((m) => m.to_address),
      ['admin2@moh.sa'],
    );

    // A retried job emails nobody twice.
    const jobs = await t.deps.db.selectFrom('jobs').select('payload').where('kind', '=', 'notify.approval_notice').execute();
    for (const job of jobs) assert.equal(await sendApprovalNotice(t.deps, JSON.parse(job.payload) as ApprovalNotice), 0);
    assert.equal((await approvals()).length, first.length + 1);
    assert.equal((await admin.post(`/en/console/announcements/${id}/discard`)).statusCode, 303);
  });

  it('previews exactly what each language receives, at phone width', async () => {
    const res = await editor.post(
      '/en/console/announcements/new',
      form({ kind: 'news', title_en: 'Preview me', starts_at: '', ends_at: '' }),
    );
    const id = Number(/\/(\d+)$/.exec(String(res.headers.location))?.[1]);
    const page = await editor.get(`/ar/console/announcements/${id}/preview`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<iframe src="\/ar\/console\/announcements\/\d+\/preview\/ar" title="[^"]+" width="360"/);
    assert.match(page.body, /<iframe src="\/ar\/console\/announcements\/\d+\/preview\/en"/);
    const ar = await editor.get(`/ar/console/announcements/${id}/preview/ar`);
    assert.match(ar.body, /<html lang="ar" dir="rtl"/);
    assert.equal(ar.headers['x-frame-options'], 'SAMEORIGIN');
    assert.match(String(ar.headers['content-security-policy']), /sandbox/);
    const en = await editor.get(`/ar/console/announcements/${id}/preview/en`);
    assert.match(en.body, /Preview me/);
    assert.match(en.body, /Unsubscribe/);
  });

  it('schedules a publication and publishes it when its time comes; unscheduling returns it to draft', async () => {
    const res = await admin.post('/en/console/announcements/new', form({ kind: 'news', starts_at: '', ends_at: '', title_en: 'Later' }));
    const id = Number(/\/(\d+)$/.exec(String(res.headers.location))?.[1]);
    const when = new Date(Date.now() + 3 * DAY);
    const local = new Date(when.getTime() + 3 * 3600_000).toISOString().slice(0, 16);
    assert.equal((await admin.post(`/en/console/announcements/${id}/approve`, { publish_at: local })).statusCode, 303);
    assert.equal(await publishDue(t.deps), 0);
    let a = await t.deps.db.selectFrom('notify_announcements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(a.status, 'scheduled');
    await t.deps.db
      .updateTable('notify_announcements')
      .set({ publish_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    await t.drain();
    a = await t.deps.db.selectFrom('notify_announcements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(a.status, 'published');
    assert.equal(a.approved_by, 'Test Person <admin@moh.sa>');
    const other = await admin.post('/en/console/announcements/new', form({ kind: 'news', starts_at: '', ends_at: '', title_en: 'Never' }));
    const oid = Number(/\/(\d+)$/.exec(String(other.headers.location))?.[1]);
    await admin.post(`/en/console/announcements/${oid}/approve`, { publish_at: local });
    assert.equal((await admin.post(`/en/console/announcements/${oid}/unschedule`)).statusCode, 303);
    assert.equal(
      (await t.deps.db.selectFrom('notify_announcements').select('status').where('id', '=', oid).executeTakeFirstOrThrow()).status,
      'draft',
    );
  });

  it('refuses bad drafts field by field, and header injection in titles', async () => {
    const before = (await t.deps.db.selectFrom('notify_announcements').select('id').execute()).length;
    const res = await editor.post(
      '/en/console/announcements/new',
      form({ title_en: 'Hello\r\nBcc: attacker@evil.example', ends_at: '2026-12-10T21:00', body_ar: '' }),
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Write it on one line/);
    assert.match(res.body, /The end must come after the start/);
    assert.match(res.body, /href="#f-body_ar"/);
    const other = await buildAgency(t.deps);
    const foreign = await buildService(t.deps, other.id);
    const wrong = await editor.post('/en/console/announcements/new', form({ service_ids: [String(foreign.id)] }));
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /not one of the agency&#39;s services|not one of the agency's services/);
    assert.equal((await t.deps.db.selectFrom('notify_announcements').select('id').execute()).length, before, 'nothing saved');
  });

  it('publishes public pages and Atom and iCalendar feeds', async () => {
    const list = await t.app.inject('/ar/announcements');
    assert.match(list.body, /صيانة مجدولة لنظام المواعيد/);
    const atom = await t.app.inject('/feeds/en/agencies/moh.atom');
    assert.equal(atom.headers['content-type'], 'application/atom+xml; charset=utf-8');
    assert.match(atom.body, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="en">/);
    assert.match(atom.body, /<entry><title>Scheduled maintenance of appointments<\/title>/);
    assert.equal(
      (await t.app.inject({ url: '/feeds/en/agencies/moh.atom', headers: { 'if-none-match': String(atom.headers.etag) } })).statusCode,
      304,
    );
    for (const url of [
      '/feeds/ar/services/moh-appointments.atom',
      '/feeds/ar/categories/health.atom',
      '/feeds/en/audiences/citizens.atom',
      '/feeds/en/announcements.atom',
    ]) {
      const r = await t.app.inject(url);
      assert.equal(r.statusCode, 200, url);
      assert.match(r.body, /<entry>/, url);
    }
    assert.equal((await t.app.inject('/feeds/en/agencies/nope.atom')).statusCode, 404);
    const ics = await t.app.inject('/feeds/ar/downtime.ics?agency=moh');
    assert.equal(ics.headers['content-type'], 'text/calendar; charset=utf-8');
    const lines = ics.body.split('\r\n');
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.ok(lines.includes('DTSTART:20261210T190000Z'));
    assert.ok(lines.includes('DTEND:20261210T230000Z'));
    assert.ok(
      lines.every((l) => Buffer.byteLength(l) <= 75),
      'lines folded at 75 octets',
    );
    assert.match(ics.body.replace(/\r\n /g, ''), /SUMMARY:وزارة الصحة: صيانة مجدولة لنظام المواعيد/);
  });

  it('announcing agencies use the API with their tokens', async () => {
    const write = (await createToken(t.deps, systemCtx(), moh.id, { name: 'cms', scopes: ['announcements:write'] })).token;
    const publish = (await createToken(t.deps, systemCtx(), moh.id, { name: 'ops', scopes: ['announcements:publish'] })).token;
    const body = {
      agency_id: moh.id,
      kind: 'news',
      title_ar: 'خبر عبر الواجهة',
      title_en: 'News through the API',
      body_ar: 'نص الخبر عبر الواجهة البرمجية.',
      body_en: 'The text of the news, through the API.',
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/announcements',
      payload: body,
      headers: { authorization: `Bearer ${write}` },
    });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    assert.equal(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/announcements/${id}/publish`,
          payload: {},
          headers: { authorization: `Bearer ${write}` },
        })
      ).statusCode,
      403,
    );
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/v1/announcements/${id}/publish`,
      payload: {},
      headers: { authorization: `Bearer ${publish}` },
    });
    assert.equal(published.statusCode, 200);
    assert.equal(published.json().status, 'published');
    await t.drain();
    const report = await t.app.inject({ url: `/api/v1/announcements/${id}/report`, headers: { authorization: `Bearer ${write}` } });
    assert.equal(report.statusCode, 200);
    assert.equal(report.json().fanout.status, 'done');
    const pub = await t.app.inject('/api/v1/announcements?agency=moh&kind=news');
    assert.ok(pub.json().items.some((a: { id: number }) => a.id === id));
  });
});

describe('the silent-launch rate', () => {
  it('counts launches without a launch announcement in the window, per agency and nationally', async () => {
    const t = await testApp();
    try {
      const a = await buildAgency(t.deps);
      const b = await buildAgency(t.deps);
      const s1 = await buildService(t.deps, a.id);
      const s2 = await buildService(t.deps, a.id);
      await buildService(t.deps, b.id);
      await t.deps.db.deleteFrom('jobs').execute();
      const launchedAt = new Date(Date.now() - 20 * DAY).toISOString();
      await t.deps.db.updateTable('service_status_history').set({ changed_at: launchedAt }).execute();
      const ann = await publishNow(t, { agency_id: a.id, kind: 'launch', service_ids: [s1.id] });
      await t.deps.db
        .updateTable('notify_announcements')
        .set({ published_at: new Date(Date.parse(launchedAt) - 10 * DAY).toISOString() })
        .where('id', '=', ann.id)
        .execute();
      const late = await publishNow(t, { agency_id: a.id, kind: 'launch', service_ids: [s2.id] });
      await t.deps.db
        .updateTable('notify_announcements')
        .set({ published_at: new Date(Date.parse(launchedAt) + (ANNOUNCE_WINDOW.afterDays + 1) * DAY).toISOString() })
        .where('id', '=', late.id)
        .execute();
      const w = { from: new Date(Date.now() - 30 * DAY).toISOString(), to: new Date().toISOString() };
      assert.deepEqual(await silentLaunchRate(t.deps, { ...w, agencyId: a.id }), { launched: 2, silent: 1, rate: 0.5 });
      assert.deepEqual(await silentLaunchRate(t.deps, { ...w, agencyId: b.id }), { launched: 1, silent: 1, rate: 1 });
      assert.deepEqual(await silentLaunchRate(t.deps, w), { launched: 3, silent: 2, rate: 2 / 3 });
      assert.deepEqual(await silentLaunchRate(t.deps, { from: w.to, to: new Date(Date.now() + DAY).toISOString() }), {
        launched: 0,
        silent: 0,
        rate: null,
      });
      const po = await buildUser(t.deps, { role: 'program_admin' });
      const c = await signedIn(t.app, po.email);
      const dash = await c.get('/en/console/notify');
      assert.match(dash.body, /National silent-launch rate/);
      assert.match(dash.body, /66\.7%/);
      assert.ok(ctx());
    } finally {
      await t.close();
    }
  });
});
