import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';

// Ideas end to end through the pages, in both languages: a person verifies an address by the code
// emailed, proposes an idea to an agency (with a service of that agency) or to the program; it is
// hidden until a moderator publishes it (a rejection needs a reason); others support it once each;
// the agency answers it, every answer public with its history and emailed to the proposer. Another
// agency's staff see and change nothing; every refusal leaves no row behind.

describe('participate: ideas from the public', () => {
  let t: TestApp;
  let aEditor: Client;
  let bAdmin: Client;
  let office: Client;
  let proposer: Client;
  let supporter: Client;
  const ids = { a: 0, b: 0, serviceA: 0, serviceB: 0, idea: 0, program: 0, second: 0 };
  const loc = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');
  const count = async (table: 'participate_ideas' | 'participate_idea_supports' | 'participate_idea_steps') =>
    Number(
      (
        await t.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const mails = (to: string) =>
    t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('to_address', '=', to)
      .where('source', '=', 'participate.idea')
      .orderBy('id')
      .execute();
  const idea = (extra: Record<string, string> = {}) => ({
    to: String(ids.a),
    title: 'Renew a licence <b>online</b>',
    description: 'Let us renew without visiting.\n<script>alert(1)</script>',
    category: 'improvement',
    service_id: String(ids.serviceA),
    ...extra,
  });

  /** A member of the public who verified an address through the ideas pages. */
  async function verified(email: string, name: string, ip: string, lang: 'ar' | 'en' = 'en'): Promise<Client> {
    const c = new Client(t.app, { remoteAddress: ip });
    const sent = await c.post(`/${lang}/ideas/join`, { email, name, next: '/ideas/new' });
    assert.equal(sent.statusCode, 200, sent.body);
    const pending = /name="pending" value="([^"]+)"/.exec(sent.body)?.[1] ?? '';
    const mail = await t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('to_address', '=', email)
      .where('source', '=', 'participate.code')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const code = /\b(\d{6})\b/.exec(mail.text_body)?.[1] ?? '';
    const ok = await c.post(`/${lang}/ideas/verify`, { pending, code, next: '/ideas/new' });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal(loc(ok), `/${lang}/ideas/new`);
    return c;
  }

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    ids.serviceA = (await buildService(t.deps, ids.a, { identifier: 'alpha-licence' })).id;
    ids.serviceB = (await buildService(t.deps, ids.b, { identifier: 'beta-permit' })).id;
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    [aEditor, bAdmin, office] = await Promise.all(['editor@a.sa', 'admin@b.sa', 'office@program.sa'].map((e) => signedIn(t.app, e)));
    proposer = await verified('huda@example.sa', 'Huda Proposer', '203.0.113.10', 'ar');
    supporter = await verified('omar@example.sa', 'Omar', '203.0.113.11');
  });
  after(() => t.close());

  it('refuses an unverified visitor and bad input field by field in both languages, writing nothing', async () => {
    const anon = new Client(t.app);
    const form = await anon.get('/en/ideas/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /href="\/en\/ideas\/join"/);
    assert.equal((await anon.post('/en/ideas/new', idea())).statusCode, 403);
    const bad = await proposer.post('/ar/ideas/new', idea({ title: '', category: 'cheese' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /f-title/);
    assert.match(bad.body, /f-category/);
    const otherService = await proposer.post('/en/ideas/new', idea({ service_id: String(ids.serviceB) }));
    assert.equal(otherService.statusCode, 400);
    assert.match(otherService.body, /This service belongs to another agency/);
    const noAgency = await proposer.post('/en/ideas/new', idea({ to: '999999' }));
    assert.equal(noAgency.statusCode, 400);
    assert.match(noAgency.body, /Choose an active agency or the program/);
    assert.equal(await count('participate_ideas'), 0);
  });

  it('keeps a new idea from the public until a moderator publishes it; only its proposer sees it meanwhile', async () => {
    const made = await proposer.post('/en/ideas/new', idea());
    assert.equal(made.statusCode, 303, made.body);
    ids.idea = Number(/\/ideas\/(\d+)$/.exec(loc(made))?.[1]);
    const row = await t.deps.db.selectFrom('participate_ideas').selectAll().where('id', '=', ids.idea).executeTakeFirstOrThrow();
    assert.equal(row.moderation, 'pending');
    assert.equal(row.service_id, ids.serviceA);
    const own = await proposer.get(`/ar/ideas/${ids.idea}`);
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /بانتظار المشرف/);
    assert.doesNotMatch(own.body, /<script>alert/);
    assert.equal((await supporter.get(`/en/ideas/${ids.idea}`)).statusCode, 404);
    assert.equal((await new Client(t.app).get(`/en/ideas/${ids.idea}`)).statusCode, 404);
    assert.doesNotMatch((await new Client(t.app).get('/en/ideas')).body, /Renew a licence/);
    assert.equal((await supporter.post(`/en/ideas/${ids.idea}/support`)).statusCode, 404, 'a pending idea cannot be supported');

    const toProgram = await proposer.post(
      '/en/ideas/new',
      idea({ to: 'program', service_id: String(ids.serviceB), title: 'One account for all' }),
    );
    assert.equal(toProgram.statusCode, 303, toProgram.body);
    ids.program = Number(/\/ideas\/(\d+)$/.exec(loc(toProgram))?.[1]);
  });

  it('lets only the addressed agency (or the office, for the program) see and moderate, a rejection needing its reason', async () => {
    assert.equal((await bAdmin.get(`/en/console/ideas/${ids.idea}`)).statusCode, 403);
    assert.equal((await bAdmin.post(`/en/console/ideas/${ids.idea}/moderate`, { decision: 'publish', reason: '' })).statusCode, 403);
    const bList = await bAdmin.get('/en/console/ideas');
    assert.equal(bList.statusCode, 200);
    assert.doesNotMatch(bList.body, /Renew a licence|One account/);
    const aList = await aEditor.get('/en/console/ideas');
    assert.match(aList.body, /Renew a licence/);
    assert.doesNotMatch(aList.body, /One account/, 'an agency does not see the program’s ideas');
    assert.equal((await aEditor.get(`/en/console/ideas/${ids.program}`)).statusCode, 403);
    assert.match((await office.get('/en/console/ideas')).body, /One account/);
    assert.equal(
      (await office.post(`/en/console/ideas/${ids.idea}/answer`, { answer: 'accepted', reason: '' })).statusCode,
      403,
      'the office does not answer for an agency',
    );

    const noReason = await aEditor.post(`/ar/console/ideas/${ids.idea}/moderate`, { decision: 'reject', reason: '  ' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /اذكر السبب/);
    const early = await aEditor.post(`/en/console/ideas/${ids.idea}/answer`, { answer: 'accepted', reason: '' });
    assert.equal(early.statusCode, 409, 'an unpublished idea cannot be answered');
    assert.equal(await count('participate_idea_steps'), 0);

    const ok = await aEditor.post(`/en/console/ideas/${ids.idea}/moderate`, { decision: 'publish', reason: '' });
    assert.equal(ok.statusCode, 303, ok.body);
    const sent = await mails('huda@example.sa');
    assert.equal(sent.length, 1);
    assert.equal(sent[0].locale, 'ar', 'the proposer is written to in the language they verified in');
    assert.match(sent[0].subject ?? '', /منشورة/);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'participate_idea')
      .where('record_id', '=', String(ids.idea))
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['participate.idea.create', 'participate.idea.publish'],
    );

    const rejected = await office.post(`/en/console/ideas/${ids.program}/moderate`, { decision: 'reject', reason: 'It names a person.' });
    assert.equal(rejected.statusCode, 303, rejected.body);
    const seen = await proposer.get(`/en/ideas/${ids.program}`);
    assert.match(seen.body, /It names a person\./);
    assert.equal((await supporter.get(`/en/ideas/${ids.program}`)).statusCode, 404);
  });

  it('counts one support per verified address and never the proposer’s own', async () => {
    assert.equal((await new Client(t.app).post(`/en/ideas/${ids.idea}/support`)).statusCode, 403);
    assert.equal((await supporter.post(`/en/ideas/${ids.idea}/support`)).statusCode, 303);
    assert.equal((await supporter.post(`/en/ideas/${ids.idea}/support`)).statusCode, 303);
    assert.equal((await proposer.post(`/en/ideas/${ids.idea}/support`)).statusCode, 409);
    const row = await t.deps.db.selectFrom('participate_ideas').select('supports').where('id', '=', ids.idea).executeTakeFirstOrThrow();
    assert.equal(row.supports, 1);
    assert.equal(await count('participate_idea_supports'), 1);
    const page = await supporter.get(`/en/ideas/${ids.idea}`);
    assert.match(page.body, /One supporter/);
    assert.match(page.body, /You support this idea/);
    assert.match((await new Client(t.app).get(`/ar/ideas/${ids.idea}`)).body, /داعم واحد/);
  });

  it('publishes each answer with its history, emails the proposer each time, and refuses a decline without a reason', async () => {
    const noReason = await aEditor.post(`/en/console/ideas/${ids.idea}/answer`, { answer: 'declined', reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Give the reason/);
    assert.equal((await bAdmin.post(`/en/console/ideas/${ids.idea}/answer`, { answer: 'accepted', reason: '' })).statusCode, 403);
    assert.equal(
      (await aEditor.post(`/en/console/ideas/${ids.idea}/answer`, { answer: 'under_study', reason: 'We are costing it.' })).statusCode,
      303,
    );
    assert.equal((await aEditor.post(`/en/console/ideas/${ids.idea}/answer`, { answer: 'under_study', reason: 'again' })).statusCode, 409);
    assert.equal(
      (await aEditor.post(`/en/console/ideas/${ids.idea}/answer`, { answer: 'accepted', reason: 'Planned for next year.' })).statusCode,
      303,
    );
    const page = await new Client(t.app).get(`/en/ideas/${ids.idea}`);
    assert.match(page.body, /Under study/);
    assert.match(page.body, /We are costing it\./);
    assert.match(page.body, /Planned for next year\./);
    assert.ok(page.body.indexOf('We are costing it.') < page.body.indexOf('Planned for next year.'), 'history oldest first');
    assert.doesNotMatch(page.body, /Huda|huda@example/, 'the proposer is never named publicly');
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /href="\/en\/services\/alpha-licence"/);
    const sent = await mails('huda@example.sa');
    assert.equal(sent.length, 4, 'published, rejected (program idea), under study, accepted');
    assert.match(sent.at(-1)?.text_body ?? '', /Planned for next year\./);
  });

  it('lists published ideas with filters and both orders', async () => {
    const made = await supporter.post(
      '/en/ideas/new',
      idea({ title: 'Arabic sign language on video calls', category: 'accessibility', service_id: '' }),
    );
    assert.equal(made.statusCode, 303, made.body);
    ids.second = Number(/\/ideas\/(\d+)$/.exec(loc(made))?.[1]);
    assert.equal(
      (await aEditor.post(`/en/console/ideas/${ids.second}/moderate`, { decision: 'publish', reason: 'Clear.' })).statusCode,
      303,
    );
    const anon = new Client(t.app);
    const bySupport = (await anon.get('/en/ideas')).body;
    assert.ok(bySupport.indexOf('Renew a licence') < bySupport.indexOf('Arabic sign language'), 'most supported first');
    const newest = (await anon.get('/en/ideas?sort=newest')).body;
    assert.ok(newest.indexOf('Arabic sign language') < newest.indexOf('Renew a licence'), 'newest first');
    const accessible = (await anon.get('/en/ideas?category=accessibility')).body;
    assert.match(accessible, /Arabic sign language/);
    assert.doesNotMatch(accessible, /Renew a licence/);
    const unanswered = (await anon.get('/ar/ideas?answer=none')).body;
    assert.match(unanswered, /Arabic sign language/);
    assert.doesNotMatch(unanswered, /Renew a licence/);
    assert.doesNotMatch((await anon.get(`/en/ideas?to=${ids.b}`)).body, /Renew a licence|Arabic sign/);
    assert.doesNotMatch((await anon.get('/en/ideas?to=program')).body, /One account/, 'a rejected idea is never listed');
    assert.equal((await anon.get('/en/ideas?sort=x&category=y&answer=z&to=q')).statusCode, 200);
  });
});
