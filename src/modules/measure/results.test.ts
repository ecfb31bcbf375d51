import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { pdfAvailable } from '../../platform/pdf/pdf.ts';
import type { Agency } from '../identity/public.ts';
import { drivers, liftedAndDragged, movers } from './analysis.ts';
import { finaliseRound, publishRound } from './finalise.service.ts';
import { loadFramework } from './frameworks.service.ts';
import { openedRound, publishedFramework } from './measure.fixtures.ts';
import { dueReminder, sendReminders } from './reminders.ts';
import { insertAnswer } from './repo/answers.repo.ts';
import { listParticipants, moveParticipant } from './repo/rounds.repo.ts';
import { roundResults } from './results.service.ts';
import { closeNow } from './rounds.service.ts';
import { type Value, valueToJson } from './values.ts';
import { RANKING_PAGE_SIZE, rankingPage } from './views/results.views.tsx';

// Results: scorecards explain a score, the national view compares rounds, the report prints, and
// reminders go out before a round closes.

describe('measure: results, scorecards, movers, report and reminders', () => {
  let t: TestApp;
  let admin: Client;
  const agencies: Record<string, number> = {};
  let frameworkId: number;
  const rounds: number[] = [];

  /** A finalised, published round whose answers are given as reviewed (accepted) values. */
  async function publishedRound(code: string, answers: Record<string, Record<string, Value | 'NA'>>) {
    const round = await openedRound(t.deps, frameworkId, Object.values(agencies), { code });
    for (const [agency, values] of Object.entries(answers))
      for (const [key, v] of Object.entries(values))
        await insertAnswer(t.deps.db, {
          round_id: round.id,
          agency_id: agencies[agency],
          question_key: key,
          value_json: v === 'NA' ? null : valueToJson(v),
          na: v === 'NA' ? 1 : 0,
          comment: null,
          auto_json: null,
          updated_by: 'seed',
          status: 'accepted',
        });
    for (const p of await listParticipants(t.deps.db, round.id)) await moveParticipant(t.deps.db, p.id, ['in_progress'], 'submitted');
    await closeNow(t.deps, systemCtx('test'), round.id);
    await finaliseRound(t.deps, systemCtx('test'), round.id);
    await publishRound(t.deps, systemCtx('test'), round.id);
    rounds.push(round.id);
    return round;
  }

  before(async () => {
    t = await testApp();
    for (const code of ['alpha', 'beta', 'gamma']) agencies[code] = (await buildAgency(t.deps, { code, name_en: `Agency ${code}` })).id;
    await buildUser(t.deps, { email: 'admin@program.sa', role: 'program_admin' });
    admin = await signedIn(t.app, 'admin@program.sa');
    frameworkId = (await publishedFramework(t.deps)).id;
    await publishedRound('past', {
      alpha: { 'q.yes': true, 'q.pct': 60, 'q.na': 'NA', 'q.level': 'some', 'q.days': 10, 'q.auto': 0.5 },
      beta: { 'q.yes': true, 'q.pct': 90, 'q.na': true, 'q.level': 'all', 'q.days': 2, 'q.auto': 0.9 },
      gamma: { 'q.yes': false, 'q.pct': 20, 'q.na': false, 'q.level': 'none', 'q.days': 30, 'q.auto': 0.1 },
    });
    await publishedRound('now', {
      alpha: { 'q.yes': true, 'q.pct': 100, 'q.na': 'NA', 'q.level': 'all', 'q.days': 1, 'q.auto': 0.8 },
      beta: { 'q.yes': true, 'q.pct': 90, 'q.na': true, 'q.level': 'all', 'q.days': 2, 'q.auto': 0.9 },
      gamma: { 'q.yes': false, 'q.pct': 10, 'q.na': false, 'q.level': 'none', 'q.days': 30, 'q.auto': 0 },
    });
  });
  after(() => t.close());

  it('explains a score: every question’s points add up to it, and lifted and dragged are the largest', async () => {
    const view = await roundResults(t.deps, systemCtx('test'), rounds[1]);
    const f = view.bundle.framework;
    const gamma = view.scores.agencies.find((a) => a.agency === 'gamma');
    assert.ok(gamma?.score !== null && gamma?.score !== undefined);
    const list = drivers(f, gamma, 100);
    const total = list.reduce((s, d) => s + d.points, 0);
    assert.ok(Math.abs(total - gamma.score) < 1e-9, `${total} = ${gamma.score}`);
    assert.ok(Math.abs(list.reduce((s, d) => s + d.points + d.lost, 0) - 100) < 1e-9, 'points earned and missed make the full mark');
    const { lifted, dragged } = liftedAndDragged(list);
    // gamma: infra weight 2/3 split 1:2:1 → q.pct carries 1/3 of the score; it scored 10 of 100.
    assert.equal(dragged[0].q.key, 'q.pct');
    assert.ok(Math.abs(dragged[0].lost - (2 / 3) * (2 / 4) * 90) < 1e-9);
    // Its 30 days count as the cap of 20 under lower-is-better: a third of the mark on a ninth of the weight.
    assert.equal(lifted[0].q.key, 'q.days');
    assert.ok(Math.abs(lifted[0].points - 100 / 27) < 1e-9);
  });

  it('compares rounds: movers, changes in the ranking table and on the scorecard', async () => {
    const view = await roundResults(t.deps, systemCtx('test'), rounds[1]);
    const moves = movers(view.scores, view.previous?.scores);
    assert.equal(view.previous?.round.code, 'past');
    assert.deepEqual(
      moves.map((m) => m.agency),
      ['alpha', 'beta', 'gamma'],
    );
    assert.ok(moves[0].delta > 0 && moves[1].delta === 0 && moves[2].delta < 0);
    assert.equal(moves[0].previousRank, 2);
    assert.equal(moves[0].rank, 1);
    const page = await admin.get(`/en/console/measure/rounds/${rounds[1]}/results`);
    assert.match(page.body, /Biggest changes since Test round/);
    assert.match(page.body, /Heat map of perspectives by agency/);
    assert.match(page.body, /class="num heat-4"/);
    const card = await admin.get(`/en/console/measure/rounds/${rounds[1]}/results/${agencies.alpha}`);
    assert.match(card.body, /Change since Test round/);
    assert.match(card.body, /was 2/);
    assert.match(card.body, /<figure class="chart"/);
  });

  it('shows the national ranking a page at a time, and finds an agency by name or code', async () => {
    const view = await roundResults(t.deps, systemCtx('test'), rounds[1]);
    // 120 agencies as the view holds them (the same three, renamed), for the paging arithmetic alone.
    const many = {
      ...view,
      scores: {
        ...view.scores,
        agencies: Array.from({ length: 120 }, (_, i) => ({ ...view.scores.agencies[i % 3], agency: `a${i}`, rank: i + 1 })),
      },
      agencyByCode: new Map(
        Array.from({ length: 120 }, (_, i) => [
          `a${i}`,
          { ...(view.agencyByCode.get('alpha') as Agency), name_en: `Body ${i}`, name_ar: `جهة ${i}` },
        ]),
      ),
    };
    const first = rankingPage(many, {});
    assert.deepEqual([first.page, first.pages, first.total, first.rows.length], [1, 3, 120, RANKING_PAGE_SIZE]);
    const last = rankingPage(many, { page: 3 });
    assert.deepEqual(
      last.rows.map((a) => a.rank),
      Array.from({ length: 20 }, (_, i) => 101 + i),
    );
    assert.equal(rankingPage(many, { page: 99 }).page, 3, 'a page past the end shows the last one');
    assert.deepEqual(
      rankingPage(many, { q: 'body 11' }).rows.map((a) => a.agency),
      ['a11', 'a110', 'a111', 'a112', 'a113', 'a114', 'a115', 'a116', 'a117', 'a118', 'a119'],
    );
    assert.deepEqual(
      rankingPage(many, { q: 'جهة 7' }).rows.map((a) => a.agency),
      ['a7', 'a70', 'a71', 'a72', 'a73', 'a74', 'a75', 'a76', 'a77', 'a78', 'a79'],
    );

    const url = `/en/console/measure/rounds/${rounds[1]}/results`;
    const found = await admin.get(`${url}?q=GAMMA`);
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /Agencies 1 to 1 of 1 in the ranking/);
    const table = /<table class="ranking">[\s\S]*?<\/table>/.exec(found.body)?.[0] ?? '';
    assert.match(table, /Agency gamma/);
    assert.doesNotMatch(table, /Agency alpha|Agency beta/);
    const none = await admin.get(`${url}?q=${encodeURIComponent('no such agency')}`);
    assert.equal(none.statusCode, 200);
    assert.match(none.body, /No agency in the ranking matches “no such agency”/);
    const ar = await admin.get(`/ar/console/measure/rounds/${rounds[1]}/results?page=abc`);
    assert.equal(ar.statusCode, 200, 'a page number that is not one shows the first page');
    assert.match(ar.body, /الجهات من ١ إلى ٣ من أصل ٣ في الترتيب/);
  });

  it('renders the leadership report as PDF through Chromium when it is installed', {
    skip: !pdfAvailable(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  }, async () => {
    const pdf = await admin.get(`/measure/rounds/${rounds[1]}/report.pdf?lang=ar`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.rawPayload.length > 10_000);
  });

  it('works out which reminder is due from the days left', () => {
    const now = new Date('2026-03-01T05:00:00Z');
    const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
    assert.equal(dueReminder('7,1', at(10), now), null);
    assert.deepEqual(dueReminder('7,1', at(6.5), now), { day: 7, daysLeft: 7 });
    assert.deepEqual(dueReminder('1,7', at(0.5), now), { day: 1, daysLeft: 1 });
    assert.equal(dueReminder('7,1', at(-1), now), null);
  });

  it('reminds the teams of agencies that have not submitted, once per reminder', async () => {
    await buildUser(t.deps, { email: 'alpha@a.sa', role: 'agency_editor', agencyId: agencies.alpha });
    await buildUser(t.deps, { email: 'beta@b.sa', role: 'agency_admin', agencyId: agencies.beta });
    const round = await openedRound(t.deps, frameworkId, [agencies.alpha, agencies.beta], { code: 'soon', closesInDays: 1 });
    const beta = (await listParticipants(t.deps.db, round.id)).find((p) => p.agency_id === agencies.beta);
    await moveParticipant(t.deps.db, beta?.id as number, ['in_progress'], 'submitted');
    assert.equal(await sendReminders(t.deps), 1);
    assert.equal(await sendReminders(t.deps), 0, 'never twice');
    const mail = await t.deps.db
      .selectFrom('messages')
      .select(['to_address', 'subject'])
      .where('message_key', 'like', 'measure:reminder:%')
      .execute();
    assert.deepEqual(
      mail.map((m) => m.to_address),
      ['alpha@a.sa'],
    );
    assert.match(mail[0].subject as string, /days left to submit your answers to Test round|One day left/);
    assert.ok(t.deps.jobs.handlers.has('measure.reminders'));
    assert.ok(t.deps.jobs.schedules.some((s) => s.kind === 'measure.reminders'));
  });

  it('keeps the framework of a round frozen: results read it, not the newest version', async () => {
    const { row } = await loadFramework(t.deps, frameworkId);
    assert.equal(row.status, 'published');
    const view = await roundResults(t.deps, systemCtx('test'), rounds[0]);
    assert.equal(view.bundle.frameworkRow.id, frameworkId);
  });
});
