import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { answerTimes } from './answer-times.ts';
import * as consultations from './consultations.service.ts';
import * as participation from './participation.service.ts';
import { consultationStatistics, suppressGroup } from './statistics.ts';

// A consultation's figures as CSV and XLSX for anyone: counts per article, question and the whole
// text, agree and disagree, answers by kind; a count from one to four is suppressed, and so is one
// more cell of a group whose total is published when it alone would reveal the suppressed one. No
// name — of a named or an anonymous participant — appears in either file.

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const noon = (day: string) => new Date(`${day}T09:00:00Z`);

describe('participate: statistics export with small counts suppressed', () => {
  let t: TestApp;
  let id = 0;
  let draftId = 0;

  before(async () => {
    t = await testApp();
    const sys = systemCtx('test');
    const agency = await buildAgency(t.deps, { code: 'stats', name_en: 'Stats Authority', name_ar: 'هيئة الإحصاء' });
    const today = consultations.dayOf(t.deps, new Date());
    const opens = addDays(today, -30);
    const closes = addDays(today, -10);
    const input = (title: string) => ({
      agency_id: String(agency.id),
      title_ar: `مسودة ${title}`,
      title_en: `Draft ${title}`,
      summary_ar: 'ملخص',
      summary_en: 'Summary',
      source_format: 'text',
      source_text: 'المادة الأولى\nنص أول.\n\nالمادة الثانية\nنص ثان.',
      questions_ar: 'هل النص واضح؟',
      questions_en: 'Is the text clear?',
      opens_on: opens,
      closes_on: closes,
    });
    draftId = (await consultations.createConsultation(t.deps, sys, input('draft'))).id;
    const c = await consultations.createConsultation(t.deps, sys, input('figures'));
    id = c.id;
    await consultations.submitConsultation(t.deps, sys, id);
    await consultations.approveConsultation(t.deps, sys, id);
    await consultations.publishConsultation(t.deps, sys, id, noon(addDays(opens, -1)));
    const articles = await t.deps.db
      .selectFrom('participate_articles')
      .selectAll()
      .where('consultation_id', '=', id)
      .orderBy('position')
      .execute();
    const [question] = await t.deps.db.selectFrom('participate_questions').selectAll().where('consultation_id', '=', id).execute();
    const people: Awaited<ReturnType<typeof participation.verifiedParticipant>>[] = [];
    for (let i = 0; i < 8; i++)
      people.push(await participation.verifiedParticipant(t.deps, sys, `p${i}@example.sa`, i % 2 ? `Secret Sami ${i}` : `Named Nora ${i}`));
    const during = noon(addDays(opens, 2));
    const comment = (p: number, target: string) =>
      participation.postComment(
        t.deps,
        sys,
        people[p].id,
        id,
        { target, body: `Comment by ${p}`, display: p % 2 ? 'anonymous' : 'name' },
        during,
      );
    const made = [];
    for (let p = 0; p < 6; p++) made.push(await comment(p, `article:${articles[0].id}`));
    for (let p = 0; p < 2; p++) made.push(await comment(p, `article:${articles[1].id}`));
    for (let p = 0; p < 5; p++) made.push(await comment(p, `question:${question.id}`));
    for (let p = 0; p < 7; p++) await participation.vote(t.deps, sys, people[p].id, articles[0].id, { stance: 'agree' }, during);
    await participation.vote(t.deps, sys, people[7].id, articles[0].id, { stance: 'disagree' }, during);
    const after = noon(addDays(closes, 1));
    for (const m of made.slice(0, 6))
      await consultations.disposeComment(t.deps, sys, m.id, { disposition: 'accepted', reason: 'Yes.' }, after);
    for (const m of made.slice(6, 8))
      await consultations.disposeComment(t.deps, sys, m.id, { disposition: 'not_accepted', reason: 'No.' }, after);
  });
  after(() => t.close());

  it('suppresses one to four, and a second cell where a published total would reveal a lone suppressed one', () => {
    assert.deepEqual(suppressGroup([6, 2, 5, 0]), [6, null, null, 0]);
    assert.deepEqual(suppressGroup([6, 2, 3, 0]), [6, null, null, 0]);
    assert.deepEqual(suppressGroup([6, 9, 0]), [6, 9, 0]);
    assert.deepEqual(suppressGroup([1, 0, 0]), [null, 0, 0], 'nothing else to hide');
  });

  it('gives comments per article, question and whole text, votes and answers, with small counts suppressed', async () => {
    const rows = await consultationStatistics(t.deps, id, 'en');
    const row = (section: string, item: string) => rows.find((r) => r.section === section && r.item === item);
    assert.equal(row('total', 'Participants')?.comments, 8);
    assert.equal(row('total', 'Comments')?.comments, 13);
    assert.deepEqual(row('article', 'المادة الأولى'), { section: 'article', item: 'المادة الأولى', comments: 6, agree: 7, disagree: null });
    assert.equal(row('article', 'المادة الثانية')?.comments, null, 'two comments');
    assert.equal(row('question', 'Is the text clear?')?.comments, null, 'five, but it alone would reveal the two');
    assert.equal(row('whole', 'The whole text')?.comments, 0);
    assert.equal(row('disposition', 'Accepted')?.comments, 6);
    assert.equal(row('disposition', 'Not accepted')?.comments, null);
    assert.equal(row('disposition', 'Without an answer yet')?.comments, null);
    assert.equal(row('disposition', 'Out of scope')?.comments, 0);
  });

  it('downloads as CSV and XLSX in both languages with no one’s name, audited; a draft has none', async () => {
    const anon = new Client(t.app);
    const csv = await anon.get(`/exports/consultations/${id}/statistics.csv?lang=ar`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /المادة الأولى,6,7,أقل من ٥/);
    assert.doesNotMatch(csv.body, /Secret Sami|Named Nora|example\.sa|Comment by/);
    const xlsx = await anon.get(`/exports/consultations/${id}/statistics.xlsx?lang=en`);
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const cells: string[] = [];
    ws.eachRow((r) => {
      cells.push((r.values as unknown[]).slice(1).join('|'));
    });
    assert.equal(cells[0], 'Section|Item|Comments|Agree|Disagree|Days');
    assert.ok(cells.includes('Article|المادة الأولى|6|7|fewer than 5|'), cells.join('\n'));
    assert.ok(cells.includes('Answers|Accepted|6|||'), cells.join('\n'));
    assert.ok(cells.includes('Days to an answer|Median||||1'), cells.join('\n'));
    assert.doesNotMatch(cells.join('\n'), /Secret Sami|Named Nora|example\.sa|Comment by/);
    assert.equal((await anon.get(`/exports/consultations/${draftId}/statistics.csv`)).statusCode, 404);
    assert.equal((await anon.get(`/exports/consultations/${draftId}/statistics.xlsx`)).statusCode, 404);
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'participate.statistics_export')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audited.map((a) => JSON.parse(a.after_json ?? '{}').format),
      ['csv', 'xlsx'],
    );
  });
});

// Time to disposition: days from the consultation's last day to the local day each comment was
// answered (as the national `medianDaysToAnswer`), picked in SQL by rank — known answers on both engines.
describe('participate: time to disposition in a consultation’s figures', () => {
  let t: TestApp;
  const sys = systemCtx('test');
  let admin: Client;
  let id = 0;
  let silentId = 0;
  let closes = '';
  const comments: number[] = [];

  before(async () => {
    t = await testApp();
    const agency = await buildAgency(t.deps, { code: 'times', name_en: 'Times Authority', name_ar: 'هيئة المواعيد' });
    await buildUser(t.deps, { email: 'admin@times.sa', role: 'agency_admin', agencyId: agency.id });
    admin = await signedIn(t.app, 'admin@times.sa');
    const today = consultations.dayOf(t.deps, new Date());
    const opens = addDays(today, -40);
    closes = addDays(today, -20);
    const make = async (title: string) => {
      const c = await consultations.createConsultation(t.deps, sys, {
        agency_id: String(agency.id),
        title_ar: `مسودة ${title}`,
        title_en: `Draft ${title}`,
        summary_ar: 'ملخص',
        summary_en: 'Summary',
        source_format: 'text',
        source_text: 'المادة الأولى\nنص أول.',
        opens_on: opens,
        closes_on: closes,
      });
      await consultations.submitConsultation(t.deps, sys, c.id);
      await consultations.approveConsultation(t.deps, sys, c.id);
      await consultations.publishConsultation(t.deps, sys, c.id, noon(addDays(opens, -1)));
      return c.id;
    };
    id = await make('answered');
    silentId = await make('unanswered');
    for (let p = 0; p < 5; p++) {
      const who = await participation.verifiedParticipant(t.deps, sys, `t${p}@example.sa`, `Person ${p}`);
      const m = await participation.postComment(
        t.deps,
        sys,
        who.id,
        id,
        { target: 'whole', body: `Remark ${p}`, display: 'name' },
        noon(addDays(opens, 1 + p)),
      );
      comments.push(m.id);
    }
    await participation.postComment(
      t.deps,
      sys,
      (await participation.verifiedParticipant(t.deps, sys, 'silent@example.sa', 'Silent')).id,
      silentId,
      { target: 'whole', body: 'Unanswered remark', display: 'anonymous' },
      noon(addDays(opens, 2)),
    );
    // Answered 10, 1 and 3 days after the last day — not in the order written; two still wait.
    for (const [i, days] of [
      [0, 10],
      [1, 1],
      [2, 3],
    ])
      await consultations.disposeComment(
        t.deps,
        sys,
        comments[i],
        { disposition: 'accepted', reason: 'Yes.' },
        noon(addDays(closes, days)),
      );
  });
  after(() => t.close());

  it('gives the median, the 90th percentile and the longest wait in days, and how many wait still', async () => {
    assert.deepEqual(await answerTimes(t.deps, { id, closes_on: closes }), {
      answered: 3,
      undisposed: 2,
      median: 3,
      p90: 10,
      max: 10,
    });
    assert.deepEqual(await answerTimes(t.deps, { id: silentId, closes_on: closes }), {
      answered: 0,
      undisposed: 1,
      median: null,
      p90: null,
      max: null,
    });
  });

  it('writes them into the statistics export in both languages, and says when none is answered', async () => {
    const anon = new Client(t.app);
    const en = await anon.get(`/exports/consultations/${id}/statistics.csv?lang=en`);
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Section,Item,Comments,Agree,Disagree,Days/);
    assert.match(en.body, /Days to an answer,Median,,,,3\r?\n/);
    assert.match(en.body, /Days to an answer,90th percentile \(nine in ten answered within\),,,,10\r?\n/);
    assert.match(en.body, /Days to an answer,Longest,,,,10\r?\n/);
    assert.match(en.body, /Days to an answer,Comments without an answer yet,fewer than 5,,,\r?\n/);
    const ar = await anon.get(`/exports/consultations/${id}/statistics.csv?lang=ar`);
    assert.match(ar.body, /أيام الرد,الوسيط,,,,3\r?\n/);
    const none = await anon.get(`/exports/consultations/${silentId}/statistics.xlsx?lang=en`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(none.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((r) => {
      cells.push((r.values as unknown[]).slice(1).join('|'));
    });
    assert.ok(
      cells.some((c) => /^Days to an answer\|Median\|.*no comment answered yet$/.test(c)),
      cells.join('\n'),
    );
  });

  it('shows them on the console’s consultation page, in Arabic with Arabic-Indic digits', async () => {
    const en = await admin.get(`/en/console/consultations/${id}`);
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Time to an answer/);
    assert.match(en.body, /Median<\/th><td>3 days<\/td>/);
    assert.match(en.body, /Longest<\/th><td>10 days<\/td>/);
    assert.match(en.body, /Comments without an answer yet<\/th><td>2<\/td>/);
    const ar = await admin.get(`/ar/console/consultations/${id}`);
    assert.match(ar.body, /مدة الرد/);
    assert.match(ar.body, /الوسيط<\/th><td>٣ أيام<\/td>/);
    assert.match(ar.body, /الأطول<\/th><td>١٠ أيام<\/td>/);
    assert.match(ar.body, /ملاحظات دون رد بعد<\/th><td>٢<\/td>/);
    const silent = await admin.get(`/en/console/consultations/${silentId}`);
    assert.match(silent.body, /Median<\/th><td>no comment answered yet<\/td>/);
  });

  it('takes the mean of the two middle waits for an even count, and shows the completed report’s', async () => {
    await consultations.disposeComment(t.deps, sys, comments[3], { disposition: 'not_accepted', reason: 'No.' }, noon(addDays(closes, 6)));
    assert.deepEqual(await answerTimes(t.deps, { id, closes_on: closes }), {
      answered: 4,
      undisposed: 1,
      median: 4.5,
      p90: 10,
      max: 10,
    });
    const last = noon(addDays(closes, 12));
    await consultations.disposeComment(t.deps, sys, comments[4], { disposition: 'out_of_scope', reason: 'Elsewhere.' }, last);
    // 1, 3, 6, 10, 12: the median 6, the 90th percentile the 5th (⌈4.5⌉) — 12.
    await consultations.setFinalText(
      t.deps,
      sys,
      id,
      { final_text: 'المادة الأولى\nنص أول.', report_ar: 'تقرير', report_en: 'Report' },
      last,
    );
    await consultations.completeConsultation(t.deps, sys, id, last);
    const en = await new Client(t.app).get(`/en/consultations/${id}/report`);
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Median<\/th><td>6 days<\/td>/);
    assert.match(en.body, /90th percentile \(nine in ten answered within\)<\/th><td>12 days<\/td>/);
    assert.match(en.body, /Comments without an answer yet<\/th><td>0<\/td>/);
    const ar = await new Client(t.app).get(`/ar/consultations/${id}/report`);
    assert.match(ar.body, /الوسيط<\/th><td>٦ أيام<\/td>/);
    assert.match(ar.body, /الأطول<\/th><td>١٢ يومًا<\/td>/);
  });
});
