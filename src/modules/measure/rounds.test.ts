import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { dualDate, lastLocalDate } from '../../platform/i18n/dates.ts';
import { loadFramework } from './frameworks.service.ts';
import { answersForm, openedRound, PDF, publishedFramework, upload, versionsOnPage } from './measure.fixtures.ts';
import { runScoreCommand } from './scoring/cli.ts';

// The whole round through the application, as its people use it: the program office designs and
// runs it, agencies answer with evidence and sign off, reviewers return, adjust and accept, the
// program office finalises and publishes, and an auditor re-derives every score from the exports.

describe('measure: a round from framework to published results', () => {
  let t: TestApp;
  let admin: Client;
  let reviewer: Client;
  let aEditor: Client;
  let aAdmin: Client;
  let bAdmin: Client;
  const ids = { a: 0, b: 0, c: 0, framework: 0, round: 0 };
  const dir = mkdtempSync(join(tmpdir(), 'yusr-measure-round-'));

  before(async () => {
    t = await testApp();
    const a = await buildAgency(t.deps, { code: 'agency-a', name_en: 'Agency A', name_ar: 'الجهة أ' });
    const b = await buildAgency(t.deps, { code: 'agency-b', name_en: 'Agency B', name_ar: 'الجهة ب' });
    const c = await buildAgency(t.deps, { code: 'agency-c', name_en: 'Agency C', name_ar: 'الجهة ج' });
    Object.assign(ids, { a: a.id, b: b.id, c: c.id });
    // A offers three services, two of them transactional: its automatic indicator reads 2 of 3.
    await buildService(t.deps, a.id);
    await buildService(t.deps, a.id);
    await buildService(t.deps, a.id, { data: { maturity: 'informational' } });
    await buildService(t.deps, b.id, { data: { maturity: 'informational' } });
    await buildUser(t.deps, { email: 'admin@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: a.id });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: a.id, name: 'مسؤول الجهة أ' });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: b.id });
    await buildUser(t.deps, { email: 'editor@c.sa', role: 'agency_editor', agencyId: c.id });
    admin = await signedIn(t.app, 'admin@program.sa');
    ids.framework = (await publishedFramework(t.deps)).id;
    ids.round = (await openedRound(t.deps, ids.framework, [a.id, b.id, c.id], { code: '1447-1448', closesInDays: 20 })).id;
    reviewer = await signedIn(t.app, 'reviewer@program.sa');
    aEditor = await signedIn(t.app, 'editor@a.sa');
    aAdmin = await signedIn(t.app, 'admin@a.sa');
    bAdmin = await signedIn(t.app, 'admin@b.sa');
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sheet = (agencyId: number) => `/en/console/measure/rounds/${ids.round}/agencies/${agencyId}`;
  const answersDb = (agencyId: number) =>
    t.deps.db
      .selectFrom('measure_answers')
      .selectAll()
      .where('round_id', '=', ids.round)
      .where('agency_id', '=', agencyId)
      .orderBy('question_key')
      .execute();
  const framework = async () => (await loadFramework(t.deps, ids.framework)).framework;

  it("the console's first page gives the round's last day as the round's own page does", async () => {
    const tz = t.config.timeZone;
    const row = await t.deps.db.selectFrom('measure_rounds').select('closes_at').where('id', '=', ids.round).executeTakeFirstOrThrow();
    const last = dualDate('ar', `${lastLocalDate(row.closes_at, tz)}T12:00:00Z`, tz).hijri;
    const dayAfter = dualDate('ar', row.closes_at, tz).hijri;
    assert.notEqual(last, dayAfter, 'closes_at is the first instant after the last day');
    const dash = (await admin.get('/ar/console')).body;
    assert.ok(dash.includes(`مفتوحة، وآخر أيامها ${last}`), 'the dashboard names the last day');
    assert.ok(!dash.includes(dayAfter), 'not the day after it');
    assert.ok((await admin.get(`/ar/console/measure/rounds/${ids.round}`)).body.includes(last), 'the same day as the round page');
  });

  it('reads automatic indicators from the catalog when the agency opens its answers, with numerator and denominator', async () => {
    const page = await aEditor.get(sheet(ids.a));
    assert.equal(page.statusCode, 200);
    const auto = (await answersDb(ids.a)).find((r) => r.question_key === 'q.auto');
    assert.ok(auto?.auto_json);
    const reading = JSON.parse(auto.auto_json);
    assert.deepEqual([reading.numerator, reading.denominator, reading.source], [2, 3, 'catalog.transactional_share']);
    assert.equal(JSON.parse(auto.value_json as string), 2 / 3);
    const q = await aEditor.get(`${sheet(ids.a)}/questions/q.auto`);
    assert.match(q.body, /Transactional services or above<\/dt><dd>2<\/dd>/);
    assert.match(q.body, /Published services not retired<\/dt><dd>3<\/dd>/);
  });

  it('saves as the agency goes, section by section', async () => {
    const f = await framework();
    const res = await aEditor.post(
      `${sheet(ids.a)}/answers?section=infra`,
      answersForm(f, { 'q.yes': 'yes', 'q.pct': '80', 'q.na': 'NA' }),
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${sheet(ids.a)}?section=infra`);
    const rows = await answersDb(ids.a);
    assert.deepEqual(
      rows.filter((r) => r.question_key !== 'q.auto').map((r) => [r.question_key, r.value_json, r.na, r.status, r.version]),
      [
        ['q.na', null, 1, 'draft', 1],
        ['q.pct', '80', 0, 'draft', 1],
        ['q.yes', 'true', 0, 'draft', 1],
      ],
    );
  });

  it('refuses a submission the editor makes, one without the sign-off, and one with missing answers or evidence', async () => {
    assert.equal((await aEditor.post(`${sheet(ids.a)}/submit`, { attest: 'on' })).statusCode, 403);
    const unsigned = await aAdmin.post(`${sheet(ids.a)}/submit`, {});
    assert.equal(unsigned.statusCode, 400);
    const missing = await aAdmin.post(`${sheet(ids.a)}/submit`, { attest: 'on' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Required evidence missing: Question q.pct/);
    assert.match(missing.body, /Not answered: Question q.level/);
    assert.equal(
      (await t.deps.db.selectFrom('measure_participants').select('status').where('agency_id', '=', ids.a).executeTakeFirstOrThrow()).status,
      'in_progress',
    );
  });

  it('attaches evidence; the agency administrator signs off and submits, freezing automatic readings', async () => {
    const f = await framework();
    const up = await upload(
      aEditor,
      `${sheet(ids.a)}/questions/q.pct/evidence`,
      { filename: 'قائمة المقار.pdf' },
      { name: 'sites.pdf', data: PDF },
    );
    assert.equal(up.statusCode, 303);
    const q = await aEditor.get(`${sheet(ids.a)}/questions/q.pct`);
    assert.match(q.body, /قائمة المقار\.pdf/);
    const versions = await versionsOnPage(aEditor, `${sheet(ids.a)}?section=services`);
    assert.equal(
      (await aEditor.post(`${sheet(ids.a)}/answers?section=services`, answersForm(f, { 'q.level': 'some', 'q.days': '5' }, versions)))
        .statusCode,
      303,
    );
    const ok = await aAdmin.post(`${sheet(ids.a)}/submit`, { attest: 'on' });
    assert.equal(ok.statusCode, 303);
    const p = await t.deps.db.selectFrom('measure_participants').selectAll().where('agency_id', '=', ids.a).executeTakeFirstOrThrow();
    assert.deepEqual([p.status, p.signed_off_by, p.submissions], ['submitted', 'مسؤول الجهة أ <admin@a.sa>', 1]);
    const rows = await answersDb(ids.a);
    assert.ok(rows.every((r) => r.status === 'submitted'));
    assert.ok(JSON.parse(rows.find((r) => r.question_key === 'q.auto')?.auto_json as string).frozen_at);
    const late = await aEditor.post(`${sheet(ids.a)}/answers?section=infra`, answersForm(f, { 'q.yes': 'no' }, { 'q.yes': 1 }));
    assert.equal(late.statusCode, 409, 'a submitted sheet cannot change');
  });

  it('B submits too; C never does', async () => {
    const f = await framework();
    await bAdmin.get(sheet(ids.b));
    await bAdmin.post(`${sheet(ids.b)}/answers?section=infra`, answersForm(f, { 'q.yes': 'no', 'q.pct': '50', 'q.na': 'no' }));
    await bAdmin.post(`${sheet(ids.b)}/answers?section=services`, answersForm(f, { 'q.level': 'none', 'q.days': '0' }));
    await upload(bAdmin, `${sheet(ids.b)}/questions/q.pct/evidence`, {}, { name: 'b.pdf', data: PDF });
    assert.equal((await bAdmin.post(`${sheet(ids.b)}/submit`, { attest: 'on' })).statusCode, 303);
    // The agency reads about its own answers; a reviewer reads about the agency's.
    assert.match((await bAdmin.get(sheet(ids.b))).body, /Your answers are submitted/);
    const seen = (await reviewer.get(sheet(ids.b))).body;
    assert.match(seen, /The agency has submitted these answers/);
    assert.doesNotMatch(seen, /Your answers/);
  });

  it("the round's progress table counts answered questions as each agency's sheet does", async () => {
    const round = (await admin.get(`/en/console/measure/rounds/${ids.round}`)).body;
    for (const agencyId of [ids.a, ids.b]) {
      const page = (await admin.get(sheet(agencyId))).body;
      const perSection = [...page.matchAll(/<span class="count">\((\d+) of (\d+)\)<\/span>/g)];
      const answered = perSection.reduce((s, m) => s + Number(m[1]), 0);
      const total = perSection.reduce((s, m) => s + Number(m[2]), 0);
      const row = new RegExp(`/agencies/${agencyId}">[^<]+</a></th><td>.*?</td><td class="num">(\\d+) of (\\d+)</td>`).exec(round);
      assert.ok(row, `agency ${agencyId} is in the progress table`);
      assert.deepEqual([Number(row[1]), Number(row[2])], [answered, total], `agency ${agencyId}`);
    }
  });

  it('a reviewer returns answers with a reason; the agency responds and its administrator resubmits', async () => {
    const f = await framework();
    const noReason = await reviewer.post(`${sheet(ids.a)}/questions/q.pct/review`, { decision: 'return' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Give the reason; the agency sees it/);
    assert.equal(
      (
        await reviewer.post(`${sheet(ids.a)}/questions/q.pct/review`, {
          decision: 'return',
          reason: 'The list covers only the head office',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (await reviewer.post(`${sheet(ids.a)}/questions/q.yes/review`, { decision: 'return', reason: 'Which provider?' })).statusCode,
      303,
    );
    assert.equal(
      (await t.deps.db.selectFrom('measure_participants').select('status').where('agency_id', '=', ids.a).executeTakeFirstOrThrow()).status,
      'returned',
    );
    const returnedMail = await t.deps.db
      .selectFrom('messages')
      .select('message_key')
      .where('message_key', 'like', 'measure:returned:%')
      .execute();
    assert.equal(returnedMail.length, 2, 'one email per team member for the whole return, not one per answer');

    const page = await aEditor.get(sheet(ids.a));
    assert.match(page.body, /The reviewer returned this answer: The list covers only the head office/);
    const versions = await versionsOnPage(aEditor, `${sheet(ids.a)}?section=infra`);
    assert.deepEqual(Object.keys(versions).sort(), ['q.pct', 'q.yes'], 'only the returned answers are editable');
    const silent = await aEditor.post(`${sheet(ids.a)}/answers?section=infra`, answersForm(f, { 'q.pct': '90' }, versions));
    assert.equal(silent.statusCode, 400);
    assert.match(silent.body, /Write your response to the reviewer/);
    const responded = await aEditor.post(`${sheet(ids.a)}/answers?section=infra`, {
      ...answersForm(f, { 'q.pct': '90' }, versions),
      'r_q.pct': 'All 12 sites are now listed',
    });
    assert.equal(responded.statusCode, 303);
    const early = await aAdmin.post(`${sheet(ids.a)}/submit`, { attest: 'on' });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /Returned answer without a response: Question q.yes/);
    await aEditor.post(`${sheet(ids.a)}/answers?question=q.yes`, {
      ...answersForm(f, { 'q.yes': 'yes' }, versions),
      'r_q.yes': 'A second provider since March',
    });
    assert.equal((await aAdmin.post(`${sheet(ids.a)}/submit`, { attest: 'on' })).statusCode, 303);
    const p = await t.deps.db.selectFrom('measure_participants').selectAll().where('agency_id', '=', ids.a).executeTakeFirstOrThrow();
    assert.deepEqual([p.status, p.submissions], ['submitted', 2]);
  });

  it('reviewers adjust with a reason (refusing values out of range) and accept; finalising waits for the close and the review', async () => {
    // A levels answer is adjusted by choosing among the question's levels, named in the page's language.
    const levels = await reviewer.get(`${sheet(ids.a)}/questions/q.level`.replace('/en/', '/ar/'));
    assert.match(
      levels.body,
      /<select id="f-value" name="value"[^>]*><option value>—<\/option><option value="none">لا<\/option><option value="some">بعض<\/option><option value="all">كل<\/option><\/select>/,
    );
    assert.doesNotMatch(levels.body, /none\/some\/all|none, some, all/);
    assert.equal(
      (await reviewer.post(`${sheet(ids.a)}/questions/q.level/review`, { decision: 'adjust', value: 'most', reason: 'x' })).statusCode,
      400,
      'a key that is not one of the levels is refused',
    );
    const outOfRange = await reviewer.post(`${sheet(ids.a)}/questions/q.pct/review`, { decision: 'adjust', value: '120', reason: 'typo' });
    assert.equal(outOfRange.statusCode, 400);
    assert.match(outOfRange.body, /Enter a percentage from 0 to 100/);
    assert.equal(
      (
        await reviewer.post(`${sheet(ids.a)}/questions/q.days/review`, {
          decision: 'adjust',
          value: '25',
          reason: 'The complaints log shows 25 days',
        })
      ).statusCode,
      303,
    );
    assert.equal((await admin.post(`/en/console/measure/rounds/${ids.round}/finalise`, {})).statusCode, 409, 'still open');
    assert.equal((await admin.post(`/en/console/measure/rounds/${ids.round}/close`, {})).statusCode, 303);
    // Closed early, the round no longer reads as taking answers, on its page and in the list.
    const closed = await admin.get(`/en/console/measure/rounds/${ids.round}`);
    assert.match(closed.body, /Closed for answers/);
    assert.doesNotMatch(closed.body, /accepts answers until its close/);
    assert.match((await admin.get('/ar/console/measure')).body, /مغلقة أمام الإجابات/);
    const pending = await admin.post(`/en/console/measure/rounds/${ids.round}/finalise`, {});
    assert.equal(pending.statusCode, 409);
    assert.match(pending.body, /submitted answers are not reviewed yet/);
    assert.equal((await reviewer.post(`${sheet(ids.a)}/accept-pending`, {})).statusCode, 303);
    assert.equal((await reviewer.post(`${sheet(ids.b)}/accept-pending`, {})).statusCode, 303);
    assert.equal((await admin.post(`/en/console/measure/rounds/${ids.round}/finalise`, {})).statusCode, 303);
    const late = await reviewer.post(`${sheet(ids.a)}/questions/q.pct/review`, { decision: 'accept' });
    assert.equal(late.statusCode, 409, 'a finalised round is locked');
  });

  it('keeps the visible history of each answer and audits every step', async () => {
    const page = await aEditor.get(`${sheet(ids.a)}/questions/q.pct`);
    const steps = [...page.body.matchAll(/<strong>([^<]+)<\/strong> — /g)].map((m) => m[1]);
    assert.deepEqual(steps, [
      'Saved by the agency',
      'Evidence attached',
      'Submitted',
      'Returned to the agency',
      'Agency responded',
      'Resubmitted',
      'Accepted',
    ]);
    const actions = new Set(
      (await t.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'measure.%').execute()).map((r) => r.action),
    );
    for (const a of [
      'measure.framework.import',
      'measure.framework.publish',
      'measure.round.create',
      'measure.round.open',
      'measure.answer.save',
      'measure.evidence.add',
      'measure.submission.submit',
      'measure.answer.return',
      'measure.answer.respond',
      'measure.submission.resubmit',
      'measure.answer.adjust',
      'measure.answer.accept',
      'measure.round.close',
      'measure.round.finalise',
    ])
      assert.ok(actions.has(a), a);
  });

  it('publishes; the scores match a hand computation, and the CLI re-derives them exactly from the exported files', async () => {
    assert.equal((await admin.post(`/en/console/measure/rounds/${ids.round}/publish`, {})).statusCode, 303);
    // A: infra = (1·yes + 2·0.90)/3 (N/A dropped) = 0.9333; services = (some 0.5 + days 25 capped at 20 → 1 − 20/30 + auto 2/3)/3 = 0.5
    //    overall = (2·0.9333 + 0.5)/3 = 78.89, excellence.  B: infra = (0 + 2·0.5 + 0)/4 = 0.25; services = (0 + 1 + 0)/3 → 27.78.  C: 0.
    const stored = await t.deps.db.selectFrom('measure_results').selectAll().where('round_id', '=', ids.round).orderBy('rank').execute();
    assert.deepEqual(
      stored.map((r) => [r.agency_code, r.rank, r.score_text, r.stage_key]),
      [
        ['agency-a', 1, '78.89', 'excellence'],
        ['agency-b', 2, '27.78', 'availability'],
        ['agency-c', 3, '0.00', 'building'],
      ],
    );
    const frameworkFile = await admin.get(`/measure/rounds/${ids.round}/framework.json`);
    const answersFile = await admin.get(`/measure/rounds/${ids.round}/answers.csv`);
    const scoresFile = await admin.get(`/measure/rounds/${ids.round}/scores.csv`);
    assert.match(answersFile.body, /^agency,question,value,na\r\nagency-a,q\.yes,yes,\r\nagency-a,q\.pct,90,\r\nagency-a,q\.na,,yes\r\n/);
    assert.match(answersFile.body, /agency-a,q\.days,25,\r\n/, 'the adjusted value, not the agency’s 5');
    assert.match(answersFile.body, /agency-c,q\.yes,,\r\n/, 'an agency that never submitted is listed with empty answers');
    writeFileSync(join(dir, 'framework.json'), frameworkFile.body);
    writeFileSync(join(dir, 'answers.csv'), answersFile.body);
    const cli = await runScoreCommand(join(dir, 'framework.json'), join(dir, 'answers.csv'), { format: 'csv' });
    assert.equal(cli, scoresFile.body);
    assert.match(cli, /^rank,agency,score,stage,infra,services\r\n1,agency-a,78\.89,excellence,93\.33,50\.00\r\n/);
    const json = JSON.parse(await runScoreCommand(join(dir, 'framework.json'), join(dir, 'answers.csv'), { format: 'json' }));
    assert.deepEqual(
      json.agencies.map((x: { score_unrounded: number }) => x.score_unrounded),
      stored.map((r) => r.score),
    );

    const results = await aEditor.get(`/en/console/measure/rounds/${ids.round}/results`);
    assert.equal(results.statusCode, 200);
    assert.match(results.body, /78\.89/);
    assert.match(results.body, /27\.78/);
    const published = await t.deps.db
      .selectFrom('messages')
      .select('to_address')
      .where('message_key', 'like', 'measure:published:%')
      .execute();
    assert.equal(published.length, 4);
  });

  it('writes a workbook of every score and a print-ready bilingual report', async () => {
    const xlsx = await admin.get(`/measure/rounds/${ids.round}/scores.xlsx?lang=ar`);
    assert.equal(xlsx.statusCode, 200);
    const taken = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_type', 'after_json'])
      .where('action', '=', 'measure.round.export')
      .where('record_id', '=', String(ids.round))
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      taken.map((r) => [r.actor_type, JSON.parse(r.after_json ?? '{}').file]),
      [
        ['user', 'answers.csv'],
        ['user', 'scores.csv'],
        ['user', String(xlsx.headers['content-disposition']).match(/filename="([^"]+)"/)?.[1]],
      ],
      'every spreadsheet taken out of a round is audited',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['الترتيب', 'كل الدرجات', 'الإجابات', 'الإطار'],
    );
    const ranking = wb.worksheets[0];
    assert.equal(ranking.views[0].rightToLeft, true);
    const row = ranking.getRow(2).values as unknown[];
    assert.deepEqual(row.slice(1, 6), [1, 'agency-a', 'الجهة أ', 78.89, 'التميز']);
    assert.ok(Math.abs((row[6] as number) - 280 / 3) < 1e-9 && row[7] === 50, 'each perspective, unrounded');
    assert.equal(wb.worksheets[1].rowCount, 1 + 3 * 8, 'every node of every agency');
    for (const lang of ['ar', 'en']) {
      const report = await admin.get(`/${lang}/console/measure/rounds/${ids.round}/report`);
      assert.equal(report.statusCode, 200);
      assert.match(
        report.body,
        lang === 'ar' ? /تقرير قياس التحول الرقمي الحكومي/ : /Government digital transformation measurement report/,
      );
      assert.match(
        report.body,
        lang === 'ar' ? /Government digital transformation measurement report/ : /تقرير قياس التحول الرقمي الحكومي/,
        'the title in the other language too',
      );
      assert.match(report.body, /<figure class="chart"/);
    }
  });
});
