import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client } from '../../../test/helpers/client.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import type { CommentStatus, Disposition } from './participate.tables.ts';
import * as participate from './testing.ts';

// A consultation's comments at scale (issue 22): the consultation page and the report show, per
// article, question and the whole text, the count of visible comments (per answer on the report)
// and only the latest five, with a link to every comment on it, fifty a page in the order they
// were written. Hidden and removed comments never appear, an anonymous one names nobody, and a bad
// page or target is page 1, the last page or a 404 — never a 500.

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const TEXT =
  'Article 1: Fees\nThe fee is 100.\n\nArticle 2: Payment\nPaid within thirty days.\n\nArticle 3: Start\nIn force on publication.';

/** The comment ids of the list with this element id, in page order. */
function listed(body: string, id: string): number[] {
  const m = new RegExp(`<ul class="comments"[^>]*id="${id}">(.*?)</ul>`, 's').exec(body);
  return m ? [...m[1].matchAll(/<li id="comment-(\d+)"/g)].map((x) => Number(x[1])) : [];
}

describe('participate: comments counted and paged per article', () => {
  let t: TestApp;
  const ctx = systemCtx('test');
  let today = '';
  let agencyId = 0;
  const people = { named: 0, anon: 0 };
  /** The open consultation: its articles and question, and its visible comment ids per target, oldest first. */
  const open = { id: 0, articles: [] as { id: number; position: number }[], question: 0, other: 0, otherArticle: 0, otherQuestion: 0 };
  const visible = { a1: [] as number[], a2: [] as number[], q: [] as number[], whole: [] as number[] };
  const done = { id: 0, article: 0, ids: [] as number[] };

  async function consultation(title: string, opens: string, closes: string, publishedAt: Date) {
    const c = await participate.createConsultation(t.deps, ctx, {
      agency_id: String(agencyId),
      title_ar: title,
      title_en: title,
      summary_ar: 'ملخص',
      summary_en: 'Summary',
      source_format: 'text',
      source_text: TEXT,
      questions_ar: 'هل الرسم مناسب؟',
      questions_en: 'Is the fee right?',
      opens_on: opens,
      closes_on: closes,
    });
    await participate.submitConsultation(t.deps, ctx, c.id);
    await participate.approveConsultation(t.deps, ctx, c.id);
    await participate.publishConsultation(t.deps, ctx, c.id, publishedAt);
    const articles = await t.deps.db
      .selectFrom('participate_articles')
      .select(['id', 'position'])
      .where('consultation_id', '=', c.id)
      .where('version', '=', 'draft')
      .orderBy('position')
      .execute();
    const question = await t.deps.db
      .selectFrom('participate_questions')
      .select('id')
      .where('consultation_id', '=', c.id)
      .executeTakeFirstOrThrow();
    return { id: c.id, articles, question: question.id };
  }

  /** Writes `n` comments on a target (as the participation service would have), returning their ids in order. */
  async function comments(
    consultationId: number,
    target: { article_id: number | null; question_id: number | null },
    n: number,
    tag: string,
    o: { status?: CommentStatus; at?: string } = {},
  ): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const row = await t.deps.db
        .insertInto('participate_comments')
        .values({
          consultation_id: consultationId,
          ...target,
          participant_id: i % 3 === 2 ? people.anon : people.named,
          body: `${tag} ${i}`,
          display: i % 3 === 2 ? 'anonymous' : 'name',
          status: o.status ?? 'visible',
          reports: 0,
          moderation_reason: o.status && o.status !== 'visible' ? 'Off topic' : null,
          disposition: null,
          disposition_reason: null,
          disposed_at: null,
          created_at: o.at ?? new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return ids;
  }

  before(async () => {
    t = await testApp();
    today = participate.dayOf(t.deps, new Date());
    agencyId = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    for (const [k, name] of [
      ['named', 'Named Person'],
      ['anon', 'Secret Writer'],
    ] as const)
      people[k] = (
        await t.deps.db
          .insertInto('participate_participants')
          .values({
            email: `${k}@example.sa`,
            name,
            locale: 'en',
            code_attempts: 0,
            verified_at: new Date().toISOString(),
            created_at: new Date().toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;

    const o = await consultation('Open consultation', addDays(today, -1), addDays(today, 5), new Date());
    Object.assign(open, o);
    const other = await consultation('Another consultation', addDays(today, -1), addDays(today, 5), new Date());
    open.other = other.id;
    open.otherArticle = other.articles[0].id;
    open.otherQuestion = other.question;
    const [a1, a2] = [o.articles[0].id, o.articles[1].id];
    // Hidden and removed comments among the visible ones, on the article with three pages.
    visible.a1 = await comments(o.id, { article_id: a1, question_id: null }, 60, 'First article comment');
    await comments(o.id, { article_id: a1, question_id: null }, 2, 'HIDDEN-BY-MODERATOR', { status: 'hidden' });
    visible.a1.push(...(await comments(o.id, { article_id: a1, question_id: null }, 60, 'First article comment late')));
    await comments(o.id, { article_id: a1, question_id: null }, 1, 'REMOVED-BY-MODERATOR', { status: 'removed' });
    visible.a2 = await comments(o.id, { article_id: a2, question_id: null }, 2, 'Second article comment');
    visible.q = await comments(o.id, { article_id: null, question_id: o.question }, 7, 'Answer to the question');
    visible.whole = await comments(o.id, { article_id: null, question_id: null }, 6, 'Whole text comment');
    await comments(other.id, { article_id: other.articles[0].id, question_id: null }, 3, 'OTHER-CONSULTATION');

    // A completed consultation: its period over, every comment answered, the report published.
    const opens = addDays(today, -40);
    const closes = addDays(today, -10);
    const d = await consultation('Completed consultation', opens, closes, new Date(`${addDays(opens, -1)}T09:00:00Z`));
    done.id = d.id;
    done.article = d.articles[0].id;
    const during = `${addDays(opens, 2)}T09:00:00.000Z`;
    done.ids = await comments(d.id, { article_id: done.article, question_id: null }, 53, 'Answered comment', { at: during });
    await comments(d.id, { article_id: done.article, question_id: null }, 1, 'HIDDEN-ANSWERED', { status: 'hidden', at: during });
    const kinds: Disposition[] = ['accepted', 'accepted_in_part', 'not_accepted', 'out_of_scope'];
    const later = new Date(`${addDays(closes, 2)}T09:00:00Z`);
    const all = await t.deps.db.selectFrom('participate_comments').select('id').where('consultation_id', '=', d.id).orderBy('id').execute();
    for (const [i, c] of all.entries())
      await t.deps.db
        .updateTable('participate_comments')
        .set({ disposition: kinds[i % 4], disposition_reason: `Reason number ${c.id}`, disposed_at: later.toISOString() })
        .where('id', '=', c.id)
        .execute();
    await participate.setFinalText(t.deps, ctx, d.id, { final_text: TEXT, report_ar: 'التقرير', report_en: 'Report' }, later);
    await participate.completeConsultation(t.deps, ctx, d.id, later);
  });
  after(() => t.close());

  it('shows each target’s count and only its latest five comments, newest first, linking to all of them, in both languages', async () => {
    const [a1, a2] = open.articles;
    for (const lang of ['ar', 'en'] as const) {
      const page = await new Client(t.app).get(`/${lang}/consultations/${open.id}`);
      assert.equal(page.statusCode, 200);
      assert.deepEqual(listed(page.body, `comments-${a1.position}`), visible.a1.slice(-5).reverse());
      assert.deepEqual(listed(page.body, `comments-${a2.position}`), visible.a2.slice().reverse());
      assert.deepEqual(listed(page.body, `answers-1`), visible.q.slice(-5).reverse());
      assert.deepEqual(listed(page.body, 'comments-whole'), visible.whole.slice(-5).reverse());
      assert.match(page.body, lang === 'en' ? /120 comments/ : /١٢٠ ملاحظة/);
      assert.match(page.body, lang === 'en' ? /2 comments/ : /ملاحظتان/);
      assert.match(
        page.body,
        new RegExp(
          `href="/${lang}/consultations/${open.id}/comments\\?article=${a1.id}">${lang === 'en' ? 'All 120 comments on Article 1' : 'الملاحظات كلها على'}`,
        ),
      );
      assert.match(page.body, new RegExp(`href="/${lang}/consultations/${open.id}/comments\\?question=${open.question}"`));
      assert.match(page.body, new RegExp(`href="/${lang}/consultations/${open.id}/comments">`), 'the whole text’s six comments are linked');
      assert.doesNotMatch(page.body, new RegExp(`comments\\?article=${a2.id}"`), 'no link when every comment is shown');
      assert.doesNotMatch(page.body, /HIDDEN-BY|REMOVED-BY|OTHER-CONSULTATION/);
    }
  });

  it('pages every visible comment on an article, fifty a page in the order written, with accessible numbered pages', async () => {
    const a1 = open.articles[0].id;
    const base = `/en/consultations/${open.id}/comments?article=${a1}`;
    const p1 = await new Client(t.app).get(base);
    assert.equal(p1.statusCode, 200);
    assert.deepEqual(listed(p1.body, 'comments'), visible.a1.slice(0, 50));
    assert.match(p1.body, /120 comments, in the order they were written, 50 a page/);
    assert.match(p1.body, /<nav class="pagination" aria-label="Comments on Article 1: Fees — pages">/);
    assert.match(p1.body, new RegExp(`href="${base.replace('?', '\\?')}&amp;page=1" aria-current="page" aria-label="Page 1">1</a>`));
    assert.match(p1.body, /rel="next"/);
    assert.doesNotMatch(p1.body, /rel="prev"/);
    const p2 = await new Client(t.app).get(`${base}&page=2`);
    assert.deepEqual(listed(p2.body, 'comments'), visible.a1.slice(50, 100));
    const p3 = await new Client(t.app).get(`${base}&page=3`);
    assert.deepEqual(listed(p3.body, 'comments'), visible.a1.slice(100));
    assert.match(p3.body, /aria-current="page" aria-label="Page 3">3</);
    assert.match(p3.body, /Page 3 of 3/);
    assert.doesNotMatch(p3.body, /rel="next"/);
    for (const p of [p1, p2, p3]) assert.doesNotMatch(p.body, /HIDDEN-BY|REMOVED-BY|OTHER-CONSULTATION/);
    // Anonymous comments name nobody; named ones name their author.
    assert.match(p1.body, /Named Person/);
    assert.match(p1.body, /Anonymous participant/);
    assert.doesNotMatch(p1.body + p2.body + p3.body, /Secret Writer|anon@example|named@example/);

    const ar = await new Client(t.app).get(`/ar/consultations/${open.id}/comments?article=${a1}&page=2`);
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /<html[^>]*dir="rtl"/);
    assert.match(ar.body, /الصفحة ٢ من ٣/);
    assert.match(ar.body, /aria-current="page" aria-label="الصفحة ٢">٢</);
    assert.match(ar.body, /مشارك لم يُظهر اسمه/);

    const q = await new Client(t.app).get(`/en/consultations/${open.id}/comments?question=${open.question}`);
    assert.deepEqual(listed(q.body, 'comments'), visible.q);
    assert.match(q.body, /Is the fee right\?/);
    assert.doesNotMatch(q.body, /class="pagination"/, 'one page needs no pages');
    const whole = await new Client(t.app).get(`/en/consultations/${open.id}/comments`);
    assert.deepEqual(listed(whole.body, 'comments'), visible.whole);
    const none = await new Client(t.app).get(`/en/consultations/${open.id}/comments?article=${open.articles[2].id}`);
    assert.equal(none.statusCode, 200);
    assert.deepEqual(listed(none.body, 'comments'), []);
    assert.match(none.body, /No comments yet/);
  });

  it('treats a bad page as page 1 (or the last page past the end), and an unknown or foreign target as not found', async () => {
    const base = `/en/consultations/${open.id}/comments?article=${open.articles[0].id}`;
    for (const bad of ['abc', '0', '-2', '1.5', '', '99999999999', '%E2%80%8F1'])
      assert.deepEqual(listed((await new Client(t.app).get(`${base}&page=${bad}`)).body, 'comments'), visible.a1.slice(0, 50), bad);
    // A NUL byte is refused by the platform for every page, as bad input rather than an error.
    assert.equal((await new Client(t.app).get(`${base}&page=%00`)).statusCode, 400);
    const past = await new Client(t.app).get(`${base}&page=40`);
    assert.equal(past.statusCode, 200);
    assert.deepEqual(listed(past.body, 'comments'), visible.a1.slice(100), 'past the end is the last page');
    const twice = await new Client(t.app).get(`${base}&page=2&page=3`);
    assert.equal(twice.statusCode, 200);

    const comments = `/en/consultations/${open.id}/comments`;
    for (const path of [
      `${comments}?article=999999`,
      `${comments}?article=abc`,
      `${comments}?article=`,
      `${comments}?article=${open.otherArticle}`,
      `${comments}?question=${open.otherQuestion}`,
      `${comments}?question=-1`,
      `${comments}?article=${open.articles[0].id}&question=${open.question}`,
      `${comments}?article=${open.articles[0].id}&article=${open.articles[1].id}`,
      '/en/consultations/999999/comments',
      '/en/consultations/abc/comments',
    ]) {
      const res = await new Client(t.app).get(path);
      assert.equal(res.statusCode, 404, path);
    }
    // A draft's comments are not public.
    const draft = await participate.createConsultation(t.deps, ctx, {
      agency_id: String(agencyId),
      title_ar: 'مسودة',
      title_en: 'Draft',
      summary_ar: 'ملخص',
      summary_en: 'Summary',
      source_format: 'text',
      source_text: TEXT,
      opens_on: addDays(today, 3),
      closes_on: addDays(today, 9),
    });
    assert.equal((await new Client(t.app).get(`/en/consultations/${draft.id}/comments`)).statusCode, 404);
  });

  it('reports per article how many comments got each answer, the latest five with their answers, and all of them paged with reasons', async () => {
    for (const lang of ['ar', 'en'] as const) {
      const report = await new Client(t.app).get(`/${lang}/consultations/${done.id}/report`);
      assert.equal(report.statusCode, 200);
      assert.deepEqual(listed(report.body, 'answers-article-1'), done.ids.slice(-5).reverse());
      // 53 visible and one hidden, answered in turn: accepted, in part, not accepted, out of scope.
      assert.match(
        report.body,
        lang === 'en' ? /53 comments · Accepted: 14 · Accepted in part: 13 · Not accepted: 13 · Out of scope: 13/ : /٥٣ ملاحظة · /,
      );
      assert.match(report.body, new RegExp(`Reason number ${done.ids[52]}<`));
      assert.doesNotMatch(report.body, new RegExp(`Reason number ${done.ids[0]}<`), 'older comments are on their list');
      assert.match(report.body, new RegExp(`href="/${lang}/consultations/${done.id}/comments\\?article=${done.article}"`));
      assert.doesNotMatch(report.body, /HIDDEN-ANSWERED/);
    }
    const p2 = await new Client(t.app).get(`/en/consultations/${done.id}/comments?article=${done.article}&page=2`);
    assert.equal(p2.statusCode, 200);
    assert.deepEqual(listed(p2.body, 'comments'), done.ids.slice(50));
    assert.match(p2.body, new RegExp(`Reason number ${done.ids[50]}<`));
    assert.match(p2.body, /<strong>Accepted in part<\/strong>|<strong>Not accepted<\/strong>|<strong>Accepted<\/strong>/);
    assert.match(p2.body, new RegExp(`href="/en/consultations/${done.id}/report">Report`), 'the report is in the breadcrumbs');
    assert.doesNotMatch(p2.body, /HIDDEN-ANSWERED|Secret Writer/);
  });
});
