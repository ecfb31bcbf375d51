// The advisory module at scale (issue 17): BENCH_REQUESTS requests (default 5,000) from 13 agencies,
// of every type and state, a fifth with a "more information" pause, and BENCH_FINDINGS findings
// (default 50,000) spread over the requests that reached the advisors, most of them answered and some
// follow-ups closed. It times, through the real pages as the program office reads them: the metrics
// page, and the knowledge search (an Arabic query, an English one, one severity); each against a
// plain load of the same rows the page reads (the same tables, every column, no arithmetic) in the
// same run; then the first search after a change, which builds the knowledge index again; with the
// peak memory after the plain load and after each page.
// SQLite in a temporary file, one process; rows are written in batches, not through the services.
import { rmSync } from 'node:fs';
import { buildApp } from '../src/app.ts';
import { signedIn } from '../test/helpers/client.ts';
import { buildAgency, buildUser } from '../test/helpers/factories.ts';
import { peakRssMb, report, round, sqliteInstallation, timeCalls } from './lib.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5_000);
const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const AGENCIES = 13;

// The office signs in with its password alone here (production asks program administrators for a second factor).
process.env.SECOND_FACTOR_REQUIRED ??= 'none';
const { dir, deps } = await sqliteInstallation('advisory');
const app = await buildApp(deps);
await app.ready();
const db = deps.db;

const agencies: number[] = [];
for (let a = 1; a <= AGENCIES; a++)
  agencies.push((await buildAgency(deps, { code: `bench-${a}`, name_ar: `جهة ${a}`, name_en: `Agency ${a}` })).id);
await buildUser(deps, { email: 'office@bench.sa', role: 'program_admin', name: 'Office' });
const office = await signedIn(app, 'office@bench.sa');

/** Inserts rows in batches (under SQLite's bound-parameter limit), in one transaction. */
async function insert(table: string, rows: Record<string, unknown>[], size = 200) {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += size)
      await (trx as any)
        .insertInto(table)
        .values(rows.slice(i, i + size))
        .execute();
  });
}

const types = ['strategic_plan', 'tender_review', 'vendor_evaluation', 'technical_review', 'service_availability', 'other'];
// Most requests are done; the rest are spread over every earlier state.
const statuses = [
  'closed',
  'closed',
  'closed',
  'delivered',
  'delivered',
  'accepted',
  'accepted',
  'submitted',
  'info_requested',
  'declined',
];
const severities = ['critical', 'high', 'medium', 'medium', 'low', 'low'];
const subjects = [
  ['أوزان التقييم تميل إلى مورد واحد', 'Evaluation weights favour one vendor'],
  ['لا توجد مستويات خدمة في العقد', 'No service levels in the contract'],
  ['مؤشرات الأداء غير قابلة للقياس', 'Performance indicators cannot be measured'],
  ['الخطة لا تربط المبادرات بالميزانية', 'The plan does not tie initiatives to the budget'],
  ['متطلبات الأمن السيبراني ناقصة', 'Cybersecurity requirements are missing'],
  ['نطاق العمل غامض في ملحق المواصفات', 'The scope of work is vague in the specifications annex'],
  ['لا خطة لاستمرارية الخدمة', 'No plan for service continuity'],
  ['معايير التأهيل تستبعد الشركات الناشئة', 'Qualification criteria exclude start-ups'],
];
const base = Date.parse('2025-01-05T06:00:00Z');
const at = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;

const seed0 = performance.now();
const requests: Record<string, unknown>[] = [];
const pauses: Record<string, unknown>[] = [];
const worked: { id: number; status: string; delivered: number }[] = [];
for (let i = 1; i <= REQUESTS; i++) {
  const status = statuses[i % statuses.length] as string;
  const submitted = base + (i % 600) * DAY + (i % 7) * 3_600_000;
  const answered = status !== 'submitted' && status !== 'info_requested';
  const delivered = status === 'delivered' || status === 'closed' ? submitted + (10 + (i % 40)) * DAY : 0;
  requests.push({
    id: i,
    agency_id: agencies[i % AGENCIES],
    type: types[i % types.length],
    title: `طلب ${i}: ${(subjects[i % subjects.length] as string[])[0]}`,
    question: 'هل المستند جاهز للطرح؟ نرجو مراجعة المعايير والنطاق.',
    urgency: i % 5 === 0 ? 'high' : 'normal',
    service_ids: '',
    initiative_ids: '',
    status,
    priority: answered ? 'medium' : null,
    decline_reason: status === 'declined' ? 'خارج نطاق الفريق.' : null,
    summary: delivered ? 'ملخص الاستشارة.' : null,
    submitted_by: 'bench',
    submitted_at: at(submitted),
    first_response_at: answered ? at(submitted + (1 + (i % 6)) * DAY) : null,
    delivered_at: delivered ? at(delivered) : null,
    closed_at: status === 'closed' ? at(delivered + 5 * DAY) : null,
    satisfaction: status === 'closed' ? 1 + (i % 5) : null,
    closure_comment: null,
    anonymised: i % 9 === 0 ? 1 : 0,
    updated_at: at(submitted),
  });
  if (i % 5 === 0 || status === 'info_requested')
    pauses.push({
      request_id: i,
      from_at: at(submitted + 3_600_000),
      to_at: status === 'info_requested' ? null : at(submitted + 2 * DAY),
      question: 'نرجو إرفاق النسخة الأخيرة.',
      answer: status === 'info_requested' ? null : 'أُرفقت.',
    });
  if (status === 'accepted' || delivered) worked.push({ id: i, status, delivered });
}
await insert('advisory_requests', requests);
await insert('advisory_pauses', pauses);
const findings: Record<string, unknown>[] = [];
for (let n = 0; n < FINDINGS; n++) {
  const r = worked[n % worked.length] as (typeof worked)[number];
  const [ar, en] = subjects[(n * 7 + r.id) % subjects.length] as string[];
  const answered = r.delivered && n % 6 !== 0;
  const response = answered ? (['accept', 'accept', 'accept_in_part', 'reject'] as const)[n % 4] : null;
  const due = response && response !== 'reject' ? at(r.delivered + 60 * DAY).slice(0, 10) : null;
  findings.push({
    request_id: r.id,
    severity: severities[n % severities.length],
    title: n % 3 === 0 ? en : ar,
    recommendation:
      n % 3 === 0
        ? `Revise section ${1 + (n % 12)} so that ${en?.toLowerCase()} no longer holds; publish the change to every bidder.`
        : `نوصي بمراجعة القسم ${1 + (n % 12)} بحيث تُعالج الملاحظة (${ar}) وتُبلَّغ جميع الجهات المتقدمة بالتعديل.`,
    reference: `المستند ${1 + (n % 4)}، القسم ${1 + (n % 12)}، ص ${1 + (n % 80)}`,
    response,
    response_reason: response && response !== 'accept' ? 'الميزانية لا تسمح هذا العام.' : null,
    due_on: due,
    responded_at: answered ? at(r.delivered + 2 * DAY) : null,
    followup_closed_at: due && n % 3 === 0 ? at(r.delivered + (40 + (n % 40)) * DAY) : null,
    followup_note: due && n % 3 === 0 ? 'نُفّذ.' : null,
    created_by: 'bench',
    created_at: at(r.delivered ? r.delivered - DAY : base),
  });
}
await insert('advisory_findings', findings);
const seeded = round((performance.now() - seed0) / 1000, 1);
const rssAfterSeed = peakRssMb();

/** p50/p99 of a page the office reads, and its size. */
async function page(path: string) {
  let kb = 0;
  const r = await timeCalls(RUNS, async () => {
    const res = await office.get(path);
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.headers.location ?? ''}`);
    kb = round(res.body.length / 1024, 0);
  });
  return { ...r, kb };
}

// The baselines: every row each page reads, all columns, in one plain select per table.
const plainMetrics = async () => {
  await db.selectFrom('advisory_requests').selectAll().execute();
  await db.selectFrom('advisory_pauses').selectAll().execute();
  await db.selectFrom('advisory_findings').selectAll().execute();
};
const plainKnowledge = async () => {
  await db
    .selectFrom('advisory_findings as f')
    .innerJoin('advisory_requests as r', 'r.id', 'f.request_id')
    .selectAll('f')
    .select(['r.type', 'r.title as request_title', 'r.agency_id', 'r.anonymised', 'r.delivered_at'])
    .where('r.status', 'in', ['delivered', 'closed'])
    .execute();
};
// One pass of each first, so no measured step pays for a cold page cache or a first compile.
await plainMetrics();
await plainKnowledge();
await office.get('/en/console/advisory/metrics');
await office.get('/en/console/advisory/knowledge?q=vendor');

const plainM = await timeCalls(RUNS, plainMetrics);
const plainK = await timeCalls(RUNS, plainKnowledge);
const rssPlain = peakRssMb();
const metricsPage = await page('/en/console/advisory/metrics');
const rssMetrics = peakRssMb();
const searchAr = await page(`/ar/console/advisory/knowledge?q=${encodeURIComponent('مستويات الخدمة')}`);
const searchEn = await page('/en/console/advisory/knowledge?q=evaluation+weights');
const searchSeverity = await page('/en/console/advisory/knowledge?q=cybersecurity&severity=critical');
const rssSearch = peakRssMb();
// The first search after a change pays for building the index again (a request delivered, say).
const rebuild = await timeCalls(1, async () => {
  await db.updateTable('advisory_requests').set({ updated_at: new Date().toISOString() }).where('id', '=', 1).execute();
  const res = await office.get('/en/console/advisory/knowledge?q=vendor');
  if (res.statusCode !== 200) throw new Error(`rebuild: ${res.statusCode}`);
});
const rssRebuild = peakRssMb();

const x = (a: { p50: number }, b: { p50: number }) => `${round(a.p50 / b.p50)}×`;
const stat = (r: { p50: number; p99: number; kb?: number }) => `${r.p50} / ${r.p99}${r.kb === undefined ? '' : `, ${r.kb} KB`}`;
report(
  `advisory: ${REQUESTS.toLocaleString('en')} requests with ${findings.length.toLocaleString('en')} findings (SQLite)`,
  [
    ['requests (in every state)', REQUESTS],
    ['requests with findings', worked.length],
    ['pauses for more information', pauses.length],
    ['findings', findings.length],
    ['seeding (s)', seeded],
    ['peak RSS after seeding (MB)', rssAfterSeed],
    ["baseline: plain load of the metrics' rows, p50/p99 ms", stat(plainM)],
    ['metrics page, p50/p99 ms, KB (× its baseline)', `${stat(metricsPage)} (${x(metricsPage, plainM)})`],
    ["baseline: plain load of the knowledge base's rows, p50/p99 ms", stat(plainK)],
    ['search, Arabic two words, p50/p99 ms, KB (× its baseline)', `${stat(searchAr)} (${x(searchAr, plainK)})`],
    ['search, English two words, p50/p99 ms, KB (× its baseline)', `${stat(searchEn)} (${x(searchEn, plainK)})`],
    ['search, one word and a severity, p50/p99 ms, KB (× its baseline)', `${stat(searchSeverity)} (${x(searchSeverity, plainK)})`],
    ['first search after a change: the index built again, ms (× its baseline)', `${rebuild.p50} (${x(rebuild, plainK)})`],
    ['peak RSS after the baselines (MB)', rssPlain],
    ['peak RSS after the metrics page (MB)', rssMetrics],
    ['peak RSS after the searches (MB)', rssSearch],
    ['peak RSS after building the index again (MB)', rssRebuild],
  ],
  {
    metricsRatio: round(metricsPage.p50 / plainM.p50),
    searchRatio: round(Math.max(searchAr.p50, searchEn.p50, searchSeverity.p50) / plainK.p50),
  },
);
await app.close();
await deps.close();
rmSync(dir, { recursive: true, force: true });
