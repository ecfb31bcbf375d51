import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { createToken } from '../identity/testing.ts';
import { createAnnouncement, submitAnnouncement } from './announcements.service.ts';
import { ctx, publishNow } from './notify.testkit.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A multipart upload through the real form: signs in, reads the page's CSRF token, posts the file. */
async function uploadLogoAs(t: TestApp, email: string, agencyId: number) {
  const c = await signedIn(t.app, email);
  return c.upload(`/en/console/notify/branding/${agencyId}`, {}, { field: 'logo', filename: 'logo.png', type: 'image/png', data: PNG });
}

describe('notify: agency staff see and change only their own agency (pages and API)', () => {
  let t: TestApp;
  let mine: number;
  let theirs: number;
  let draftId: number;
  let publishedId: number;
  let editor: Client;
  let admin: Client;
  let reviewer: Client;
  let token: string;
  let publishToken: string;

  /** Everything about agency `theirs` that a refusal must leave as it was. */
  const snapshot = async () =>
    JSON.stringify({
      announcements: await t.deps.db.selectFrom('notify_announcements').selectAll().where('agency_id', '=', theirs).orderBy('id').execute(),
      links: await t.deps.db.selectFrom('notify_announcement_services').selectAll().orderBy('announcement_id').execute(),
      fanouts: await t.deps.db.selectFrom('notify_fanouts').select(['announcement_id', 'status']).execute(),
      branding: await t.deps.db.selectFrom('notify_agency_branding').selectAll().execute(),
      settings: await t.deps.db.selectFrom('settings').selectAll().execute(),
    });
  const uploadLogo = (email: string, agencyId: number) => uploadLogoAs(t, email, agencyId);
  const denials = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'access.denied')
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await testApp();
    mine = (await buildAgency(t.deps, { code: 'mine' })).id;
    theirs = (await buildAgency(t.deps, { code: 'theirs' })).id;
    const service = await buildService(t.deps, theirs, { identifier: 'their-service' });
    await t.drain();
    const d = await createAnnouncement(t.deps, ctx(), {
      agency_id: theirs,
      kind: 'change',
      title_ar: 'مسودة جهة أخرى',
      title_en: 'Their private draft',
      body_ar: 'نص لم يُنشر بعد للمستفيدين.',
      body_en: 'Text not yet published to anyone.',
      service_ids: [service.id],
    });
    await submitAnnouncement(t.deps, ctx(), d.id);
    draftId = d.id;
    publishedId = (await publishNow(t, { agency_id: theirs })).id;
    await t.drain();
    await buildUser(t.deps, { email: 'editor@mine.sa', role: 'agency_editor', agencyId: mine });
    await buildUser(t.deps, { email: 'admin@mine.sa', role: 'agency_admin', agencyId: mine });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    editor = await signedIn(t.app, 'editor@mine.sa');
    admin = await signedIn(t.app, 'admin@mine.sa');
    reviewer = await signedIn(t.app, 'reviewer@program.sa');
    token = (await createToken(t.deps, systemCtx(), mine, { name: 'mine', scopes: ['announcements:write'] })).token;
    publishToken = (await createToken(t.deps, systemCtx(), mine, { name: 'mine-pub', scopes: ['announcements:publish'] })).token;
  });
  after(() => t.close());

  it('refuses every page of another agency’s announcements (403 or 404), audits it, changes nothing', async () => {
    const before = await snapshot();
    const deniedBefore = await denials();
    const form = {
      kind: 'news',
      title_ar: 'محاولة',
      title_en: 'Attempt',
      body_ar: 'محاولة تعديل من جهة أخرى.',
      body_en: 'An attempt from another agency.',
    };
    const attempts: [string, () => Promise<{ statusCode: number }>][] = [];
    for (const [name, c] of [
      ['editor', editor],
      ['admin', admin],
    ] as const) {
      const base = `/en/console/announcements/${draftId}`;
      attempts.push(
        [`${name} GET detail`, () => c.get(base)],
        [`${name} GET edit`, () => c.get(`${base}/edit`)],
        [`${name} GET preview`, () => c.get(`${base}/preview`)],
        [`${name} GET preview frame`, () => c.get(`${base}/preview/ar`)],
        [`${name} GET report of published`, () => c.get(`/en/console/announcements/${publishedId}`)],
        [`${name} GET new for their agency`, () => c.get(`/en/console/announcements/new?agency=${theirs}`)],
        [`${name} GET their dashboard`, () => c.get(`/en/console/notify?agency=${theirs}`)],
        [`${name} POST new for their agency`, () => c.post('/en/console/announcements/new', { ...form, agency_id: String(theirs) })],
        [`${name} POST edit`, () => c.post(`${base}/edit`, form)],
        [`${name} POST submit`, () => c.post(`${base}/submit`)],
        [`${name} POST approve`, () => c.post(`${base}/approve`)],
        [`${name} POST return`, () => c.post(`${base}/return`, { note: 'no' })],
        [`${name} POST unschedule`, () => c.post(`${base}/unschedule`)],
        [`${name} POST discard`, () => c.post(`${base}/discard`)],
        [`${name} POST settings`, () => c.post('/en/console/notify/settings', { daily_time: '03:00', weekly_day: 'Mon' })],
      );
    }
    attempts.push(
      ['admin POST their logo', () => uploadLogo('admin@mine.sa', theirs)],
      ['reviewer POST approve', () => reviewer.post(`/en/console/announcements/${draftId}/approve`)],
      ['reviewer POST new', () => reviewer.post('/en/console/announcements/new', { ...form, agency_id: String(theirs) })],
    );
    let refused = 0;
    for (const [name, run] of attempts) {
      const res = await run();
      assert.ok([403, 404].includes(res.statusCode), `${name}: ${res.statusCode}`);
      if (res.statusCode === 403) refused++;
    }
    assert.equal(await snapshot(), before, 'nothing changed');
    assert.ok((await denials()) - deniedBefore >= refused, 'every refusal is in the audit trail');
    const list = await editor.get(`/en/console/announcements?agency=${theirs}`);
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /Their private draft/, 'their drafts are not listed');
    assert.equal((await reviewer.get(`/en/console/announcements/${draftId}`)).statusCode, 200, 'the program office reads everything');
  });

  it('an agency administrator sets the logo of their own agency’s emails', async () => {
    const res = await uploadLogo('admin@mine.sa', mine);
    assert.equal(res.statusCode, 303);
    const dash = await admin.get('/en/console/notify');
    const src = /<img src="(http:\/\/yusr\.test\/notify\/logos\/[^"]+)"/.exec(dash.body)?.[1];
    assert.ok(src, 'the dashboard shows it');
    const logo = await t.app.inject(new URL(src).pathname);
    assert.equal(logo.statusCode, 200);
    assert.equal(logo.headers['content-type'], 'image/png');
    assert.match(String(logo.headers['cache-control']), /immutable/);
  });

  it('refuses every API call on another agency’s announcements, audits it, changes nothing', async () => {
    const before = await snapshot();
    const deniedBefore = await denials();
    const bearer = (tok: string) => ({ authorization: `Bearer ${tok}` });
    const calls = [
      {
        method: 'POST' as const,
        url: '/api/v1/announcements',
        payload: {
          agency_id: theirs,
          kind: 'news',
          title_ar: 'محاولة',
          title_en: 'Attempt',
          body_ar: 'محاولة من جهة أخرى.',
          body_en: 'An attempt from another agency.',
        },
        headers: bearer(token),
      },
      { method: 'POST' as const, url: `/api/v1/announcements/${draftId}/submit`, payload: {}, headers: bearer(token) },
      { method: 'POST' as const, url: `/api/v1/announcements/${draftId}/publish`, payload: {}, headers: bearer(publishToken) },
      { method: 'GET' as const, url: `/api/v1/announcements/${publishedId}/report`, headers: bearer(token) },
      {
        method: 'GET' as const,
        url: `/api/v1/notify/silent-launch-rate?agency=${theirs}&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`,
        headers: bearer(token),
      },
    ];
    for (const call of calls) {
      const res = await t.app.inject(call);
      assert.equal(res.statusCode, 403, `${call.method} ${call.url}: ${res.body}`);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    }
    assert.equal((await t.app.inject(`/api/v1/announcements/${draftId}`)).statusCode, 404, 'drafts are not public');
    assert.equal(await snapshot(), before);
    assert.equal((await denials()) - deniedBefore, calls.length);
    const own = await t.app.inject({
      url: '/api/v1/notify/silent-launch-rate?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z',
      headers: bearer(token),
    });
    assert.equal(own.statusCode, 200, 'its own rate is readable');
  });
});
