// A consultation with 50,000 comments on 200 articles (SQLite, one process): its public page, the
// agency's disposition queue and the published report (the latest five comments per article on
// both), each timed against the same page of a plain consultation — the same 200 articles with no
// comments — served by the same server in the same run; the full paged lists (one article's and
// the whole text's, first and last pages) timed on their own; the statistics export and the console's
// consultation page, whose time to disposition is ranked in SQL over every answered comment;
// and peak memory after the plain pages against peak memory after the large ones (seeding included).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { buildApp, createDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { medianDaysToAnswer } from '../src/modules/participate/public.ts';
import * as participate from '../src/modules/participate/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { signedIn } from '../test/helpers/client.ts';
import { buildAgency, buildUser } from '../test/helpers/factories.ts';
import { peakRssMb, report, round, timeCalls } from './lib.ts';

const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 50_000);
const ARTICLES = 200;
const PARTICIPANTS = 5_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const dir = mkdtempSync(join(tmpdir(), 'yusr-bench-'));
const config = loadConfig({
  ...process.env,
  DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
  SECRET_KEY: 'b'.repeat(40),
  LOG_LEVEL: 'silent',
  WORKER: 'off',
  DEMO_DATA: 'off',
});
const deps = await createDeps(config, { log: pino({ level: 'silent' }) });
const app = await buildApp(deps);
await app.ready();
const db = deps.db;
const ctx = systemCtx('bench');

const agency = await buildAgency(deps, { code: 'bench', name_en: 'Bench Authority', name_ar: 'هيئة القياس' });
await buildUser(deps, { email: 'admin@bench.sa', role: 'agency_admin', agencyId: agency.id });
const admin = await signedIn(app, 'admin@bench.sa');

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const today = participate.dayOf(deps, new Date());
const opens = addDays(today, -40);
const closes = addDays(today, -10);
const text = (v: string) =>
  Array.from(
    { length: ARTICLES },
    (_, i) => `Article ${i + 1}: ${v} ${i + 1}\nThe agency shall ${v} the fee of item ${i + 1} within thirty days.`,
  ).join('\n\n');

/** A consultation of 200 articles whose period is over (published before it opened). */
async function closedConsultation(title: string) {
  const c = await participate.createConsultation(deps, ctx, {
    agency_id: String(agency.id),
    title_ar: title,
    title_en: title,
    summary_ar: 'ملخص',
    summary_en: 'Summary',
    source_format: 'text',
    source_text: text('publish'),
    opens_on: opens,
    closes_on: closes,
  });
  await participate.submitConsultation(deps, ctx, c.id);
  await participate.approveConsultation(deps, ctx, c.id);
  await participate.publishConsultation(deps, ctx, c.id, new Date(`${addDays(opens, -1)}T09:00:00Z`));
  return c.id;
}

const pages = (id: number) => ({
  public: `/en/consultations/${id}`,
  queue: `/en/console/consultations/${id}/comments`,
  report: `/en/consultations/${id}/report`,
});
async function time(path: string, client: 'public' | 'admin') {
  let bytes = 0;
  const r = await timeCalls(RUNS, async () => {
    const res = client === 'admin' ? await admin.get(path) : await app.inject(path);
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode}`);
    bytes = res.body.length;
  });
  return { ...r, kb: round(bytes / 1024, 0) };
}
/** Answers every comment and completes the consultation with its final text, after the period. */
async function complete(id: number) {
  const after = new Date(`${addDays(closes, 2)}T09:00:00Z`);
  await db
    .updateTable('participate_comments')
    .set({ disposition: 'accepted_in_part', disposition_reason: 'Taken into account in the final text.', disposed_at: after.toISOString() })
    .where('consultation_id', '=', id)
    .execute();
  await participate.setFinalText(
    deps,
    ctx,
    id,
    { final_text: text('publish and review'), report_ar: 'التقرير', report_en: 'Report' },
    after,
  );
  await participate.completeConsultation(deps, ctx, id, after);
}

// The plain consultation first: its pages, then its report.
const plain = await closedConsultation('Plain consultation');
const plainPublic = await time(pages(plain).public, 'public');
const plainQueue = await time(pages(plain).queue, 'admin');
await complete(plain);
const plainReport = await time(pages(plain).report, 'public');
const plainRss = peakRssMb();

// The large one: 5,000 verified participants, 50,000 comments spread over the 200 articles and the
// whole text, a fifth anonymous, each article agreed or disagreed with by a few hundred people.
const seed0 = performance.now();
const big = await closedConsultation('Large consultation');
const articles = await db
  .selectFrom('participate_articles')
  .select('id')
  .where('consultation_id', '=', big)
  .where('version', '=', 'draft')
  .orderBy('position')
  .execute();
const during = `${addDays(opens, 3)}T09:00:00.000Z`;
await db.transaction().execute(async (trx) => {
  for (let i = 0; i < PARTICIPANTS; i += 500) {
    await trx
      .insertInto('participate_participants')
      .values(
        Array.from({ length: Math.min(500, PARTICIPANTS - i) }, (_, k) => ({
          email: `p${i + k}@example.sa`,
          name: `Participant ${i + k}`,
          locale: (i + k) % 2 ? ('en' as const) : ('ar' as const),
          code_attempts: 0,
          verified_at: during,
          created_at: during,
        })),
      )
      .execute();
  }
});
const people = (await db.selectFrom('participate_participants').select('id').orderBy('id').execute()).map((p) => p.id);
await db.transaction().execute(async (trx) => {
  for (let i = 0; i < COMMENTS; i += 500) {
    await trx
      .insertInto('participate_comments')
      .values(
        Array.from({ length: Math.min(500, COMMENTS - i) }, (_, k) => {
          const n = i + k;
          return {
            consultation_id: big,
            article_id: n % 41 === 0 ? null : articles[n % ARTICLES].id,
            question_id: null,
            participant_id: people[n % people.length],
            body: `Comment ${n}: the fee in this article should be lower for small businesses, and the period longer.`,
            display: n % 5 === 0 ? ('anonymous' as const) : ('name' as const),
            status: 'visible' as const,
            reports: 0,
            moderation_reason: null,
            disposition: null,
            disposition_reason: null,
            disposed_at: null,
            created_at: during,
          };
        }),
      )
      .execute();
  }
  for (let a = 0; a < ARTICLES; a++) {
    await trx
      .insertInto('participate_votes')
      .values(
        Array.from({ length: 300 }, (_, k) => ({
          consultation_id: big,
          article_id: articles[a].id,
          participant_id: people[(a * 300 + k) % people.length],
          stance: k % 3 ? ('agree' as const) : ('disagree' as const),
          updated_at: during,
        })),
      )
      .execute();
  }
});
const seeded = round((performance.now() - seed0) / 1000, 1);

const bigPublic = await time(pages(big).public, 'public');
const bigQueue = await time(pages(big).queue, 'admin');
// Every comment on one article (about 244: five pages) and on the whole text (about 1,220: 25 pages), first and last page.
const list = (q: string) => `/en/consultations/${big}/comments${q}`;
const articleFirst = await time(list(`?article=${articles[0].id}`), 'public');
const articleLast = await time(list(`?article=${articles[0].id}&page=5`), 'public');
const wholeLast = await time(list('?page=25'), 'public');
const c0 = performance.now();
await complete(big);
const completing = round((performance.now() - c0) / 1000, 2);
const bigReport = await time(pages(big).report, 'public');
const answeredList = await time(list(`?article=${articles[0].id}&page=5`), 'public');
// The figures with time to disposition (median, 90th percentile, longest: ranked in SQL), as a file and on the console's page.
const bigStats = await time(`/exports/consultations/${big}/statistics.csv?lang=en`, 'public');
const bigConsole = await time(`/en/console/consultations/${big}`, 'admin');
const bigRow = await db.selectFrom('participate_consultations').select(['id', 'closes_on']).where('id', '=', big).executeTakeFirstOrThrow();
const timesAlone = await timeCalls(RUNS, () => participate.answerTimes(deps, bigRow));
// The national median (the reports panel), ranked in SQL across every consultation's answered comments.
const nationalMedian = await timeCalls(RUNS, () => medianDaysToAnswer(deps));
const bigRss = peakRssMb();

const ratio = (a: { p50: number }, b: { p50: number }) => `${round(a.p50 / b.p50)}×`;
report(`participate: a consultation with ${COMMENTS.toLocaleString('en')} comments on ${ARTICLES} articles (SQLite)`, [
  ['seeding participants, comments and votes (s)', seeded],
  ['plain public page (no comments), p50/p99 ms, KB', `${plainPublic.p50} / ${plainPublic.p99}, ${plainPublic.kb}`],
  [
    'large public page, p50/p99 ms, KB (× plain)',
    `${bigPublic.p50} / ${bigPublic.p99}, ${bigPublic.kb} (${ratio(bigPublic, plainPublic)})`,
  ],
  ['plain disposition queue, p50/p99 ms, KB', `${plainQueue.p50} / ${plainQueue.p99}, ${plainQueue.kb}`],
  [
    'large disposition queue, p50/p99 ms, KB (× plain)',
    `${bigQueue.p50} / ${bigQueue.p99}, ${bigQueue.kb} (${ratio(bigQueue, plainQueue)})`,
  ],
  [
    'all comments on one article, page 1 / page 5 of 5, p50 ms, KB',
    `${articleFirst.p50} / ${articleLast.p50}, ${articleFirst.kb} / ${articleLast.kb}`,
  ],
  ['all comments on the whole text, page 25 of 25, p50/p99 ms, KB', `${wholeLast.p50} / ${wholeLast.p99}, ${wholeLast.kb}`],
  ['answering all and completing (s)', completing],
  ['plain report, p50/p99 ms, KB', `${plainReport.p50} / ${plainReport.p99}, ${plainReport.kb}`],
  ['large report, p50/p99 ms, KB (× plain)', `${bigReport.p50} / ${bigReport.p99}, ${bigReport.kb} (${ratio(bigReport, plainReport)})`],
  [
    'one article’s comments with their answers, page 5 of 5, p50/p99 ms, KB',
    `${answeredList.p50} / ${answeredList.p99}, ${answeredList.kb}`,
  ],
  ['statistics CSV with time to disposition, p50/p99 ms, KB', `${bigStats.p50} / ${bigStats.p99}, ${bigStats.kb}`],
  ['time to disposition alone (50,000 answered), p50/p99 ms', `${timesAlone.p50} / ${timesAlone.p99}`],
  ['national median days to an answer (reports panel), p50/p99 ms', `${nationalMedian.p50} / ${nationalMedian.p99}`],
  ['console consultation page with its figures, p50/p99 ms, KB', `${bigConsole.p50} / ${bigConsole.p99}, ${bigConsole.kb}`],
  ['peak RSS after the plain pages (MB)', plainRss],
  ['peak RSS after the large ones, seeding included (MB, × plain)', `${bigRss} (${round(bigRss / plainRss)}×)`],
]);
await app.close();
await deps.close();
rmSync(dir, { recursive: true, force: true });
