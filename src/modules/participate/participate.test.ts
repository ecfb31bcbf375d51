import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import * as consultations from './consultations.service.ts';
import * as participation from './participation.service.ts';
import { commentsAnsweredShare, consultationsHeld, medianDaysToAnswer } from './public.ts';

// The consultation lifecycle end to end through the pages, in both languages: an agency editor
// drafts, its administrator publishes; a member of the public verifies an address by a code sent
// through the outbox, comments by name or anonymously, votes and reports; a moderator acts with a
// reason the author sees; after the period the agency answers every comment and completes it with
// the final text and report. Every refusal changes nothing.

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describe('participate: public consultations', () => {
  let t: TestApp;
  let aEditor: Client;
  let aAdmin: Client;
  let bAdmin: Client;
  let office: Client;
  const ids = { a: 0, b: 0, open: 0, past: 0 };
  let today = '';
  const loc = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');
  const count = async (table: 'participate_comments' | 'participate_consultations' | 'participate_votes') =>
    Number(
      (
        await t.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const draft = (extra: Record<string, string> = {}) => ({
    agency_id: String(ids.a),
    title_ar: 'مسودة لائحة الرسوم',
    title_en: 'Draft fees regulation & <rules>',
    summary_ar: 'ملخص المسودة',
    summary_en: 'What the draft does',
    source_format: 'text',
    source_text:
      'تمهيد\n\nالمادة الأولى: التعريفات\nيقصد بالرسم المقابل المالي.\n\nالمادة الثانية: الرسوم\nيكون الرسم 100 ريال.\n\nالمادة الثالثة\nيعمل بها من تاريخ نشرها.',
    questions_ar: 'هل الرسم مناسب؟',
    questions_en: 'Is the fee right?',
    opens_on: addDays(today, -1),
    closes_on: addDays(today, 5),
    ...extra,
  });

  /** A member of the public who verified an address through the pages. */
  async function participant(email: string, name: string, ip: string): Promise<Client> {
    const c = new Client(t.app, { remoteAddress: ip });
    const sent = await c.post(`/en/consultations/${ids.open}/join`, { email, name });
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
    const ok = await c.post(`/en/consultations/${ids.open}/verify`, { pending, code });
    assert.equal(ok.statusCode, 303, ok.body);
    return c;
  }

  before(async () => {
    t = await testApp();
    today = consultations.dayOf(t.deps, new Date());
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    [aEditor, aAdmin, bAdmin, office] = await Promise.all(
      ['editor@a.sa', 'admin@a.sa', 'admin@b.sa', 'office@program.sa'].map((e) => signedIn(t.app, e)),
    );
  });
  after(() => t.close());

  it('lets an agency editor draft a consultation split into articles, refusing bad input field by field in both languages', async () => {
    const bad = await aEditor.post('/ar/console/consultations/new', draft({ title_en: '', opens_on: '2026-02-30' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /f-title_en/);
    assert.match(bad.body, /f-opens_on/);
    const order = await aEditor.post('/ar/console/consultations/new', draft({ closes_on: addDays(today, -3), questions_en: '' }));
    assert.equal(order.statusCode, 400);
    assert.match(order.body, /يجب ألا يسبق آخر يوم أول يوم/);
    assert.match(order.body, /عدد الأسئلة بالإنجليزية/);
    const badEn = await aEditor.post('/en/console/consultations/new', draft({ source_text: '   ' }));
    assert.equal(badEn.statusCode, 400);
    assert.equal(await count('participate_consultations'), 0);

    assert.equal((await bAdmin.post('/en/console/consultations/new', draft())).statusCode, 403, 'another agency cannot draft for it');
    assert.equal((await new Client(t.app).get('/en/console/consultations')).statusCode, 303, 'anonymous is sent to sign in');
    assert.equal(await count('participate_consultations'), 0);

    const made = await aEditor.post('/en/console/consultations/new', draft());
    assert.equal(made.statusCode, 303, made.body);
    ids.open = Number(/\/(\d+)$/.exec(loc(made))?.[1]);
    const articles = await t.deps.db
      .selectFrom('participate_articles')
      .selectAll()
      .where('consultation_id', '=', ids.open)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      articles.map((a) => [a.position, a.label]),
      [
        [1, ''],
        [2, 'المادة الأولى: التعريفات'],
        [3, 'المادة الثانية: الرسوم'],
        [4, 'المادة الثالثة'],
      ],
    );
    const stored = await t.deps.db.selectFrom('participate_consultations').selectAll().executeTakeFirstOrThrow();
    assert.equal(stored.source_text, draft().source_text, 'the pasted text is kept as it came');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'participate.consultation.create')
      .execute();
    assert.equal(audit.length, 1);

    // Not public yet; not visible to another agency's staff.
    assert.equal((await new Client(t.app).get(`/en/consultations/${ids.open}`)).statusCode, 404);
    assert.equal((await bAdmin.get(`/en/console/consultations/${ids.open}`)).statusCode, 403);
    const page = await aEditor.get(`/ar/console/consultations/${ids.open}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /\/publish"/, 'an editor is not offered publishing');
  });

  it('needs the program office’s approval before publishing: submitted by the agency, returned with a comment, approved; every refusal changes nothing', async () => {
    const state = async () =>
      t.deps.db
        .selectFrom('participate_consultations')
        .select(['approval', 'approval_comment', 'status'])
        .where('id', '=', ids.open)
        .executeTakeFirstOrThrow();
    const early = await aAdmin.post(`/en/console/consultations/${ids.open}/publish`);
    assert.equal(early.statusCode, 409, 'not approved yet');
    assert.match(early.body, /has not approved this consultation/);
    assert.equal((await office.post(`/en/console/consultations/${ids.open}/approve`)).statusCode, 409, 'nothing submitted to approve');
    assert.equal((await bAdmin.post(`/en/console/consultations/${ids.open}/submit`)).statusCode, 403, 'another agency cannot submit');
    assert.equal((await aEditor.post(`/en/console/consultations/${ids.open}/submit`)).statusCode, 303);
    assert.equal((await state()).approval, 'submitted');
    assert.equal((await aEditor.post(`/en/console/consultations/${ids.open}/edit`, draft())).statusCode, 409, 'no change while it waits');
    assert.equal((await aAdmin.post(`/en/console/consultations/${ids.open}/approve`)).statusCode, 403, 'the agency cannot approve itself');
    assert.equal((await aAdmin.post(`/en/console/consultations/${ids.open}/return`, { comment: 'x' })).statusCode, 403);
    const blank = await office.post(`/ar/console/consultations/${ids.open}/return`, { comment: ' ' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /f-comment/);
    assert.equal((await state()).approval, 'submitted');
    assert.equal((await office.post(`/en/console/consultations/${ids.open}/return`, { comment: 'Add the fee schedule.' })).statusCode, 303);
    const returned = await aEditor.get(`/en/console/consultations/${ids.open}`);
    assert.match(returned.body, /Add the fee schedule\./);
    assert.match(returned.body, /\/submit"/);
    assert.equal((await aAdmin.post(`/en/console/consultations/${ids.open}/publish`)).statusCode, 409);
    assert.equal((await aEditor.post(`/en/console/consultations/${ids.open}/submit`)).statusCode, 303);
    assert.match((await office.get(`/ar/console/consultations/${ids.open}`)).body, /\/approve"/);
    assert.equal((await office.post(`/en/console/consultations/${ids.open}/approve`)).statusCode, 303);
    assert.deepEqual(await state(), { approval: 'approved', approval_comment: null, status: 'draft' });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'participate_consultation')
      .where('record_id', '=', String(ids.open))
      .where('action', 'in', ['participate.consultation.submit', 'participate.consultation.return', 'participate.consultation.approve'])
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      [
        'participate.consultation.submit',
        'participate.consultation.return',
        'participate.consultation.submit',
        'participate.consultation.approve',
      ],
    );
  });

  it('lets only the agency administrator publish', async () => {
    assert.equal((await aEditor.post(`/en/console/consultations/${ids.open}/publish`)).statusCode, 403);
    assert.equal((await bAdmin.post(`/en/console/consultations/${ids.open}/publish`)).statusCode, 403);
    const ok = await aAdmin.post(`/en/console/consultations/${ids.open}/publish`);
    assert.equal(ok.statusCode, 303);
    const again = await aAdmin.post(`/en/console/consultations/${ids.open}/publish`);
    assert.equal(again.statusCode, 409);
    const edit = await aEditor.post(`/en/console/consultations/${ids.open}/edit`, draft());
    assert.equal(edit.statusCode, 409, 'a published text never changes');
    for (const lang of ['ar', 'en']) {
      const list = await new Client(t.app).get(`/${lang}/consultations`);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, new RegExp(`/${lang}/consultations/${ids.open}`));
    }
    const en = await new Client(t.app).get(`/en/consultations/${ids.open}`);
    assert.match(en.body, /Open for comment/);
    assert.match(en.body, /المادة الثانية: الرسوم/);
    assert.match(en.body, /Draft fees regulation &amp; &lt;rules>/);
  });

  it('refuses comments and votes from a visitor who has not verified an address', async () => {
    const visitor = new Client(t.app, { remoteAddress: '10.0.0.9' });
    const res = await visitor.post(`/en/consultations/${ids.open}/comments`, { target: 'whole', body: 'hello', display: 'name' });
    assert.equal(res.statusCode, 403);
    const article = await t.deps.db
      .selectFrom('participate_articles')
      .select('id')
      .where('consultation_id', '=', ids.open)
      .executeTakeFirstOrThrow();
    assert.equal((await visitor.post(`/en/consultations/articles/${article.id}/vote`, { stance: 'agree' })).statusCode, 403);
    // A participant who asked for a code but never entered it is not verified either.
    const half = new Client(t.app, { remoteAddress: '10.0.0.10' });
    assert.equal((await half.post(`/en/consultations/${ids.open}/join`, { email: 'half@example.sa', name: 'Half' })).statusCode, 200);
    const row = await t.deps.db
      .selectFrom('participate_participants')
      .selectAll()
      .where('email', '=', 'half@example.sa')
      .executeTakeFirstOrThrow();
    await assert.rejects(
      participation.postComment(t.deps, systemCtx(), row.id, ids.open, { target: 'whole', body: 'x', display: 'name' }),
      (e: { status?: number }) => e.status === 403,
    );
    assert.equal(await count('participate_comments'), 0);
    assert.equal(await count('participate_votes'), 0);
  });

  it('verifies an address by a one-time code sent through the outbox, refusing a wrong code', async () => {
    const c = new Client(t.app, { remoteAddress: '10.0.0.11' });
    const bad = await c.post(`/ar/consultations/${ids.open}/join`, { email: 'not-an-address', name: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /f-email/);
    const sent = await c.post(`/en/consultations/${ids.open}/join`, { email: 'Layla@Example.sa', name: 'Layla' });
    const pending = /name="pending" value="([^"]+)"/.exec(sent.body)?.[1] ?? '';
    const mail = await t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('source', '=', 'participate.code')
      .where('to_address', '=', 'layla@example.sa')
      .executeTakeFirstOrThrow();
    assert.equal(mail.status, 'queued', 'queued in the outbox, not sent directly');
    const code = /\b(\d{6})\b/.exec(mail.text_body)?.[1] as string;
    const wrong = await c.post(`/en/consultations/${ids.open}/verify`, { pending, code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /That code is not right/);
    assert.equal(c.hasCookie('yusr_participant'), false);
    const forged = await c.post(`/en/consultations/${ids.open}/verify`, { pending: `${pending}x`, code });
    assert.equal(forged.statusCode, 409);
    const ok = await c.post(`/en/consultations/${ids.open}/verify`, { pending, code });
    assert.equal(ok.statusCode, 303);
    assert.equal(c.hasCookie('yusr_participant'), true);
    const page = await c.get(`/en/consultations/${ids.open}`);
    assert.match(page.body, /You are taking part as Layla/);
  });

  it('takes comments per article, by name or anonymously, rendering scripts inert and never revealing an anonymous author publicly', async () => {
    const named = await participant('named@example.sa', 'Nasser Named', '10.0.1.1');
    const anon = await participant('secret.person@example.sa', 'Secret Person', '10.0.1.2');
    const articles = await t.deps.db
      .selectFrom('participate_articles')
      .selectAll()
      .where('consultation_id', '=', ids.open)
      .orderBy('position')
      .execute();
    const question = await t.deps.db
      .selectFrom('participate_questions')
      .selectAll()
      .where('consultation_id', '=', ids.open)
      .executeTakeFirstOrThrow();

    const r1 = await named.post(`/en/consultations/${ids.open}/comments`, {
      target: `article:${articles[2].id}`,
      body: `Too high. ${SCRIPT}`,
      display: 'name',
    });
    assert.equal(r1.statusCode, 303, r1.body);
    const r2 = await anon.post(`/ar/consultations/${ids.open}/comments`, {
      target: `question:${question.id}`,
      body: 'الرسم مرتفع',
      display: 'anonymous',
    });
    assert.equal(r2.statusCode, 303, r2.body);
    const r3 = await anon.post(`/en/consultations/${ids.open}/comments`, {
      target: 'whole',
      body: 'Whole text remark',
      display: 'anonymous',
    });
    assert.equal(r3.statusCode, 303);
    // Bad input: an article of no consultation, an empty body, a display mode that does not exist.
    const bad = await named.post(`/en/consultations/${ids.open}/comments`, { target: 'article:999999', body: '', display: 'ghost' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /f-body/);
    assert.match(bad.body, /f-display/);
    assert.equal(await count('participate_comments'), 3);

    assert.equal((await named.post(`/en/consultations/articles/${articles[2].id}/vote`, { stance: 'disagree' })).statusCode, 303);
    assert.equal((await anon.post(`/en/consultations/articles/${articles[2].id}/vote`, { stance: 'agree' })).statusCode, 303);
    assert.equal(
      (await anon.post(`/en/consultations/articles/${articles[2].id}/vote`, { stance: 'disagree' })).statusCode,
      303,
      'a second vote replaces the first',
    );
    assert.equal(await count('participate_votes'), 2);

    for (const lang of ['ar', 'en']) {
      const page = await new Client(t.app).get(`/${lang}/consultations/${ids.open}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /<script>alert|<img src=x/);
      assert.match(page.body, /Too high\. &lt;script>alert\(&quot;x&quot;\)&lt;\/script>&lt;img src=x/);
      assert.match(page.body, /Nasser Named/);
      assert.doesNotMatch(page.body, /Secret Person|secret\.person|named@example/);
      assert.match(page.body, /الرسم مرتفع/);
      assert.match(page.body, lang === 'en' ? /Anonymous participant/ : /مشارك لم يُظهر اسمه/);
      assert.match(page.body, lang === 'en' ? /Disagree: 2/ : /غير موافق: ٢/);
    }
    // The agency always knows who wrote an anonymous comment.
    const queue = await aEditor.get(`/en/console/consultations/${ids.open}/comments`);
    assert.match(queue.body, /Secret Person/);
    assert.match(queue.body, /secret\.person@example\.sa/);
    assert.match(queue.body, /Shown to the public anonymously/);
    assert.doesNotMatch(queue.body, /<script>alert/);
    // The feed neither: it carries consultations, escaped.
    const feed = await new Client(t.app).get('/feeds/en/consultations.atom');
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
    assert.match(feed.body, /<title>Draft fees regulation &amp; &lt;rules&gt;<\/title>/);
    assert.doesNotMatch(feed.body, /Secret Person|secret\.person/);
  });

  it('hides a comment reported by three participants pending review; a moderator acts with a reason the author sees, the text kept', async () => {
    const comment = await t.deps.db
      .selectFrom('participate_comments')
      .selectAll()
      .where('body', 'like', 'Too high.%')
      .executeTakeFirstOrThrow();
    const reporters = await Promise.all(['r1', 'r2', 'r3'].map((n, i) => participant(`${n}@example.sa`, n, `10.0.2.${i + 1}`)));
    for (const r of reporters.slice(0, 2)) assert.equal((await r.post(`/en/consultations/comments/${comment.id}/report`)).statusCode, 303);
    assert.equal(
      (await reporters[0].post(`/en/consultations/comments/${comment.id}/report`)).statusCode,
      303,
      'a second report by the same person does not count',
    );
    let row = await t.deps.db.selectFrom('participate_comments').selectAll().where('id', '=', comment.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'visible');
    assert.equal(row.reports, 2);
    await reporters[2].post(`/en/consultations/comments/${comment.id}/report`);
    row = await t.deps.db.selectFrom('participate_comments').selectAll().where('id', '=', comment.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'hidden');
    assert.doesNotMatch((await new Client(t.app).get(`/en/consultations/${ids.open}`)).body, /Too high\./);

    // The editor may not moderate; the agency administrator may, with a reason.
    assert.equal(
      (
        await aEditor.post(`/en/console/consultations/comments/${comment.id}/moderate`, {
          [`c${comment.id}-m-action`]: 'remove',
          [`c${comment.id}-m-reason`]: 'x',
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (
        await bAdmin.post(`/en/console/consultations/comments/${comment.id}/moderate`, {
          [`c${comment.id}-m-action`]: 'remove',
          [`c${comment.id}-m-reason`]: 'x',
        })
      ).statusCode,
      403,
    );
    const noReason = await aAdmin.post(`/en/console/consultations/comments/${comment.id}/moderate`, {
      [`c${comment.id}-m-action`]: 'remove',
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, new RegExp(`f-c${comment.id}-m-reason`));
    const removed = await aAdmin.post(`/en/console/consultations/comments/${comment.id}/moderate`, {
      [`c${comment.id}-m-action`]: 'remove',
      [`c${comment.id}-m-reason`]: 'Contains code that could harm readers',
    });
    assert.equal(removed.statusCode, 303, removed.body);
    row = await t.deps.db.selectFrom('participate_comments').selectAll().where('id', '=', comment.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'removed');
    assert.equal(row.body, comment.body, 'the author’s text is kept');
    const steps = await t.deps.db
      .selectFrom('participate_moderation')
      .select('action')
      .where('comment_id', '=', comment.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      steps.map((s) => s.action),
      ['hidden_by_reports', 'remove'],
    );
    const audits = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'participate.comment.remove').execute();
    assert.equal(audits.length, 1);
    const mail = await t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('source', '=', 'participate.moderation')
      .executeTakeFirstOrThrow();
    assert.equal(mail.to_address, 'named@example.sa');
    assert.match(mail.text_body, /Contains code that could harm readers/);
    // The author sees it and why on the consultation page.
    const named = await participant('named@example.sa', 'Nasser Named', '10.0.1.1');
    const own = await named.get(`/en/consultations/${ids.open}`);
    assert.match(own.body, /Removed from view/);
    assert.match(own.body, /Contains code that could harm readers/);

    // Restored after review, it stays shown: a further report does not hide it again.
    const restored = await aAdmin.post(`/en/console/consultations/comments/${comment.id}/moderate`, {
      [`c${comment.id}-m-action`]: 'restore',
      [`c${comment.id}-m-reason`]: 'Reviewed: the code is quoted, not run',
    });
    assert.equal(restored.statusCode, 303);
    const fourth = await participant('r4@example.sa', 'r4', '10.0.2.4');
    assert.equal((await fourth.post(`/en/consultations/comments/${comment.id}/report`)).statusCode, 303);
    row = await t.deps.db.selectFrom('participate_comments').selectAll().where('id', '=', comment.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'visible');
    assert.equal(row.reports, 4);
    assert.match((await new Client(t.app).get(`/en/consultations/${ids.open}`)).body, /Too high\./);
  });

  it('stops a flood of comments from one participant and from one address (429), storing nothing more', async () => {
    const flooder = await participant('flood@example.sa', 'Flood', '10.0.3.1');
    const before = await count('participate_comments');
    const statuses: number[] = [];
    for (let i = 0; i < participation.LIMITS.commentsPerParticipant.limit + 2; i++)
      statuses.push(
        (await flooder.post(`/en/consultations/${ids.open}/comments`, { target: 'whole', body: `spam ${i}`, display: 'name' })).statusCode,
      );
    assert.deepEqual(
      statuses.slice(0, participation.LIMITS.commentsPerParticipant.limit),
      Array(participation.LIMITS.commentsPerParticipant.limit).fill(303),
    );
    assert.deepEqual(statuses.slice(-2), [429, 429]);
    assert.equal(await count('participate_comments'), before + participation.LIMITS.commentsPerParticipant.limit);
    // Codes to one address are limited too.
    const c = new Client(t.app, { remoteAddress: '10.0.3.2' });
    const codes: number[] = [];
    for (let i = 0; i < participation.LIMITS.codesPerAddress.limit + 1; i++)
      codes.push((await c.post(`/en/consultations/${ids.open}/join`, { email: 'many@example.sa', name: 'M' })).statusCode);
    assert.equal(codes.at(-1), 429);
  });

  it('refuses comments after the period closes, and answers only after it closes', async () => {
    const afterClose = new Date(`${addDays(today, 6)}T09:00:00Z`);
    const p = await t.deps.db
      .selectFrom('participate_participants')
      .selectAll()
      .where('email', '=', 'named@example.sa')
      .executeTakeFirstOrThrow();
    await assert.rejects(
      participation.postComment(
        t.deps,
        { ...systemCtx(), actor: { kind: 'anonymous' } },
        p.id,
        ids.open,
        { target: 'whole', body: 'late', display: 'name' },
        afterClose,
      ),
      (e: { status?: number; key?: string }) => e.status === 409 && e.key === 'participate.error.not_open',
    );
    const any = await t.deps.db
      .selectFrom('participate_comments')
      .select('id')
      .where('consultation_id', '=', ids.open)
      .executeTakeFirstOrThrow();
    const early = await aEditor.post(`/en/console/consultations/comments/${any.id}/disposition`, {
      [`c${any.id}-d-disposition`]: 'accepted',
      [`c${any.id}-d-reason`]: 'ok',
    });
    assert.equal(early.statusCode, 409, 'no dispositions while the consultation is open');
  });

  it('cannot complete while any comment lacks a disposition; completes and publishes the report with the texts compared', async () => {
    // A consultation whose period is over, with comments made while it was open.
    const sys = systemCtx('test');
    const opens = addDays(today, -30);
    const closes = addDays(today, -10);
    const c = await consultations.createConsultation(
      t.deps,
      sys,
      draft({ opens_on: opens, closes_on: closes, title_en: 'Past consultation' }),
    );
    ids.past = c.id;
    await consultations.submitConsultation(t.deps, sys, c.id);
    await consultations.approveConsultation(t.deps, sys, c.id);
    await consultations.publishConsultation(t.deps, sys, c.id, new Date(`${addDays(opens, -1)}T09:00:00Z`));
    const people = await Promise.all(
      ['p1@example.sa', 'p2@example.sa'].map((e, i) =>
        participation.verifiedParticipant(t.deps, sys, e, i ? 'Hidden Author' : 'Open Author'),
      ),
    );
    const during = new Date(`${addDays(opens, 2)}T09:00:00Z`);
    const articles = await t.deps.db
      .selectFrom('participate_articles')
      .selectAll()
      .where('consultation_id', '=', c.id)
      .orderBy('position')
      .execute();
    const made = [];
    for (const [i, p] of people.entries())
      made.push(
        await participation.postComment(
          t.deps,
          sys,
          p.id,
          c.id,
          { target: `article:${articles[2].id}`, body: `Comment ${i}`, display: i ? 'anonymous' : 'name' },
          during,
        ),
      );

    assert.equal(
      (
        await bAdmin.post(`/en/console/consultations/comments/${made[0].id}/disposition`, {
          [`c${made[0].id}-d-disposition`]: 'accepted',
          [`c${made[0].id}-d-reason`]: 'x',
        })
      ).statusCode,
      403,
    );
    const noReason = await aEditor.post(`/ar/console/consultations/comments/${made[0].id}/disposition`, {
      [`c${made[0].id}-d-disposition`]: 'accepted',
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, new RegExp(`f-c${made[0].id}-d-reason`));
    const d1 = await aEditor.post(`/en/console/consultations/comments/${made[0].id}/disposition`, {
      [`c${made[0].id}-d-disposition`]: 'accepted_in_part',
      [`c${made[0].id}-d-reason`]: 'Fee lowered to 50',
    });
    assert.equal(d1.statusCode, 303, d1.body);

    const final = await aEditor.post(`/en/console/consultations/${c.id}/final`, {
      final_text: draft().source_text.replace('100', '50'),
      report_ar: 'خفض الرسم.',
      report_en: 'The fee was lowered.',
    });
    assert.equal(final.statusCode, 303, final.body);

    // One comment without a disposition: completion is refused and nothing changes.
    assert.equal((await aEditor.post(`/en/console/consultations/${c.id}/complete`)).statusCode, 403, 'an editor cannot complete');
    const refused = await aAdmin.post(`/en/console/consultations/${c.id}/complete`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /one comment has no answer/);
    assert.equal(
      (await t.deps.db.selectFrom('participate_consultations').select('status').where('id', '=', c.id).executeTakeFirstOrThrow()).status,
      'published',
    );
    assert.equal((await new Client(t.app).get(`/en/consultations/${c.id}/report`)).statusCode, 404);

    const d2 = await aEditor.post(`/en/console/consultations/comments/${made[1].id}/disposition`, {
      [`c${made[1].id}-d-disposition`]: 'not_accepted',
      [`c${made[1].id}-d-reason`]: 'Conflicts with the fees law',
    });
    assert.equal(d2.statusCode, 303);
    assert.equal((await aAdmin.post(`/en/console/consultations/${c.id}/complete`)).statusCode, 303);
    assert.equal(
      (
        await aEditor.post(`/en/console/consultations/comments/${made[1].id}/disposition`, {
          [`c${made[1].id}-d-disposition`]: 'accepted',
          [`c${made[1].id}-d-reason`]: 'x',
        })
      ).statusCode,
      409,
      'answers are final once complete',
    );

    for (const lang of ['ar', 'en'] as const) {
      const report = await new Client(t.app).get(`/${lang}/consultations/${c.id}/report`);
      assert.equal(report.statusCode, 200);
      assert.match(report.body, /<del>.*100<\/del>/s);
      assert.match(report.body, /<ins>.*50<\/ins>/s);
      assert.match(report.body, lang === 'en' ? /Accepted in part/ : /مقبولة جزئيًا/);
      assert.match(report.body, /Fee lowered to 50/);
      assert.match(report.body, /Conflicts with the fees law/);
      assert.match(report.body, /Open Author/);
      assert.doesNotMatch(report.body, /Hidden Author|p2@example/);
    }
    // The comments and answers as CSV: an anonymous author is not named there either; the download is audited.
    const csv = await new Client(t.app).get(`/exports/consultations/${c.id}/comments.csv?lang=en`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /Open Author/);
    assert.match(csv.body, /Anonymous participant/);
    assert.match(csv.body, /Conflicts with the fees law/);
    assert.doesNotMatch(csv.body, /Hidden Author|p2@example/);
    assert.equal(
      (await new Client(t.app).get(`/exports/consultations/${ids.open}/comments.csv`)).statusCode,
      404,
      'only a completed consultation’s',
    );
    const exported = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'participate.report_export').execute();
    assert.equal(exported.length, 1);
    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', String(c.id))
      .where('record_type', '=', 'participate_consultation')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audits.map((a) => a.action),
      [
        'participate.consultation.create',
        'participate.consultation.submit',
        'participate.consultation.approve',
        'participate.consultation.publish',
        'participate.consultation.final_text',
        'participate.consultation.complete',
        'participate.report_export',
      ],
    );
  });

  it('gives the named metric functions', async () => {
    assert.equal(await consultationsHeld(t.deps), 2);
    assert.equal(await consultationsHeld(t.deps, { agencyId: ids.b }), 0);
    assert.equal(await consultationsHeld(t.deps, { from: addDays(today, -2) }), 1);
    const share = await commentsAnsweredShare(t.deps);
    assert.deepEqual(share, { answered: 2, total: 2, share: 1 });
    // Once the open one closes, its comments count, none answered yet.
    const later = await commentsAnsweredShare(t.deps, { agencyId: ids.a }, new Date(`${addDays(today, 7)}T09:00:00Z`));
    assert.equal(later.answered, 2);
    assert.ok(later.total > 2);
    // Both answers were written today, ten days after the past consultation's last day.
    assert.equal(await medianDaysToAnswer(t.deps), 10);
    assert.equal(await medianDaysToAnswer(t.deps, { agencyId: ids.b }), null);
  });

  it('shows the program office every consultation, and each agency only its own', async () => {
    const all = await office.get('/en/console/consultations');
    assert.match(all.body, /Past consultation/);
    const b = await bAdmin.get('/en/console/consultations');
    assert.equal(b.statusCode, 200);
    assert.doesNotMatch(b.body, /Past consultation|Draft fees regulation/);
  });
});
