import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { insertCase } from './cases.repo.ts';
import { caseRow } from './feedback.fixtures.ts';
import {
  caseSatisfaction,
  complaintVolume,
  csat,
  driverScores,
  kpis,
  medianFirstResponse,
  ratingCount,
  reopenRate,
  slaCompliance,
  trust,
} from './feedback.metrics.ts';
import type { FeedbackCasesTable } from './feedback.tables.ts';
import {
  AGENCY_ROWS_ON_PAGE,
  type BreakdownRow,
  byAgency,
  monthlyTrend,
  mostRatedAgencies,
  nationalMedianCsat,
  SERVICE_ROWS_PER_PAGE,
  servicePage,
} from './metrics.breakdown.ts';
import { submitRating } from './ratings.service.ts';

const H = 3_600_000;
const JAN = { from: '2026-01-01', to: '2026-02-01' };
const FEB = { from: '2026-02-01', to: '2026-03-01' };
const BOTH = { from: '2026-01-01', to: '2026-03-01' };

describe('feedback metrics: known answers, aggregated in SQL', () => {
  let t: TestApp;
  let x: number;
  let y: number;
  let z: number;
  let s1: number;
  let s2: number;
  let n = 0;
  const ctx = (): Ctx => ({ actor: { kind: 'anonymous' }, lang: 'en', requestId: null, ip: `10.0.${Math.floor(++n / 200)}.${n % 200}` });
  const rate = (service: string, at: string, answers: Record<string, number>) =>
    submitRating(t.deps, ctx(), service, { answers }, new Date(at));
  let seq = 0;
  const kase = (agencyId: number, at: string, o: Partial<FeedbackCasesTable> = {}) =>
    insertCase(t.deps.db, caseRow(++seq, agencyId, at, o));

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    x = (await buildAgency(t.deps, { code: 'agency-x' })).id;
    y = (await buildAgency(t.deps, { code: 'agency-y' })).id;
    z = (await buildAgency(t.deps, { code: 'agency-z' })).id;
    s1 = (await buildService(t.deps, x, { identifier: 'x-one' })).id;
    s2 = (await buildService(t.deps, x, { identifier: 'x-two' })).id;
    await buildService(t.deps, y, { identifier: 'y-one' });
    await buildService(t.deps, z, { identifier: 'z-one' });
    // Agency X, January: satisfied 5, 4, 2, 1 (2 of 4 agree); trust 5 and 3 (1 of 2).
    await rate('x-one', '2026-01-10T09:00:00Z', { satisfied: 5, trust: 5 });
    await rate('x-one', '2026-01-11T09:00:00Z', { satisfied: 4, trust: 3 });
    await rate('x-one', '2026-01-12T09:00:00Z', { satisfied: 2 });
    await rate('x-one', '2026-01-13T09:00:00Z', { satisfied: 1, easy: 5 });
    // February: service one 4, 4, 4, 5, 1 (4 of 5); service two 3 (0 of 1).
    for (const [i, s] of [4, 4, 4, 5, 1].entries()) await rate('x-one', `2026-02-0${i + 1}T09:00:00Z`, { satisfied: s });
    await rate('x-two', '2026-02-10T09:00:00Z', { satisfied: 3 });
    // Agency Y, February: 5 of 6. Agency Z: three ratings only (too few to publish).
    for (const [i, s] of [5, 5, 5, 5, 5, 1].entries()) await rate('y-one', `2026-02-1${i}T09:00:00Z`, { satisfied: s });
    for (const s of [5, 1, 2]) await rate('z-one', '2026-02-20T09:00:00Z', { satisfied: s });
    // Cases of X in February: first responses 1, 2, 3, 10 working hours; SLA met, met, met, breached.
    const fr = [1, 2, 3, 10];
    for (const [i, h] of fr.entries()) {
      const outcome = i < 3 ? 'met' : 'breached';
      await kase(x, `2026-02-0${i + 2}T08:00:00.000Z`, {
        service_id: s1,
        first_response_at: `2026-02-0${i + 2}T12:00:00.000Z`,
        first_response_ms: h * H,
        status: 'resolved',
        resolved_at: `2026-02-1${i}T08:00:00.000Z`,
        sla_outcome: outcome,
        sla_outcome_at: `2026-02-1${i}T08:00:00.000Z`,
        sla_outcome_month: '2026-02',
        reopen_count: i === 0 ? 1 : 0,
        survey_score: i < 2 ? 5 : i === 2 ? 2 : null,
        survey_at: i < 3 ? `2026-02-2${i}T08:00:00.000Z` : null,
      });
    }
    // Settled in March: outside February. A merged duplicate and an inquiry are not complaints to count.
    await kase(x, '2026-02-20T08:00:00.000Z', {
      sla_outcome: 'breached',
      sla_outcome_at: '2026-03-02T08:00:00.000Z',
      sla_outcome_month: '2026-03',
    });
    await kase(x, '2026-02-21T08:00:00.000Z', { status: 'merged' });
    await kase(x, '2026-02-22T08:00:00.000Z', { kind: 'inquiry' });
  });
  after(() => t.close());

  it('CSAT: the share agreeing with "satisfied", as a fraction, per service, agency, nation and period', async () => {
    assert.deepEqual(await csat(t.deps, { agencyId: x, ...BOTH }), { responses: 10, satisfied: 6, rate: 0.6 });
    assert.deepEqual(await csat(t.deps, { agencyId: x, ...FEB }), { responses: 6, satisfied: 4, rate: 4 / 6 });
    assert.deepEqual(await csat(t.deps, { serviceId: s2, ...BOTH }), { responses: 1, satisfied: 0, rate: 0 });
    assert.deepEqual(await csat(t.deps, BOTH), { responses: 19, satisfied: 12, rate: 12 / 19 });
    assert.deepEqual(await csat(t.deps, { agencyId: x, from: '2025-01-01', to: '2025-02-01' }), { responses: 0, satisfied: 0, rate: null });
  });

  it('trust, every driver, and the number of ratings', async () => {
    assert.deepEqual(await trust(t.deps, { agencyId: x, ...BOTH }), { responses: 2, satisfied: 1, rate: 0.5 });
    const drivers = await driverScores(t.deps, { agencyId: x, ...JAN });
    assert.deepEqual(
      drivers.map((d) => [d.driver, d.responses, d.agree, d.rate, d.mean]),
      [
        ['easy', 1, 1, 1, 5],
        ['satisfied', 4, 2, 0.5, 3],
        ['trust', 2, 1, 0.5, 4],
      ],
    );
    assert.equal(await ratingCount(t.deps, { agencyId: x, ...BOTH }), 10);
  });

  it('complaints per 1,000 ratings, median first response, SLA compliance, reopen rate, case satisfaction', async () => {
    // February, agency X: 5 complaints filed (4 resolved, 1 open; merged and inquiry excluded) over 6 ratings.
    assert.deepEqual(await complaintVolume(t.deps, { agencyId: x, ...FEB }), { complaints: 5, ratings: 6, per1000: 5000 / 6 });
    // 1, 2, 3, 10 hours → (2 + 3) / 2.
    assert.deepEqual(await medianFirstResponse(t.deps, { agencyId: x, ...FEB }), { cases: 4, medianHours: 2.5 });
    assert.deepEqual(await medianFirstResponse(t.deps, { serviceId: s1, from: '2026-02-03', to: '2026-03-01' }), {
      cases: 3,
      medianHours: 3,
    });
    assert.deepEqual(await slaCompliance(t.deps, { agencyId: x, ...FEB }), { cases: 4, met: 3, rate: 0.75 });
    assert.deepEqual(await slaCompliance(t.deps, { agencyId: x, from: '2026-03-01', to: '2026-04-01' }), { cases: 1, met: 0, rate: 0 });
    assert.deepEqual(await slaCompliance(t.deps, { agencyId: y, ...FEB }), { cases: 0, met: 0, rate: null });
    assert.deepEqual(await reopenRate(t.deps, { agencyId: x, ...FEB }), { resolved: 4, reopened: 1, rate: 0.25 });
    assert.deepEqual(await caseSatisfaction(t.deps, { agencyId: x, ...FEB }), { responses: 3, satisfied: 2, rate: 2 / 3 });
    const all = await kpis(t.deps, { agencyId: x, ...FEB });
    assert.equal(all.sla.rate, 0.75);
    assert.equal(all.medianFirstResponseHours, 2.5);
  });

  it('trends by month, compares agencies, and takes the national median of agencies with enough answers', async () => {
    const trend = await monthlyTrend(t.deps, { agencyId: x, ...BOTH });
    assert.deepEqual(
      trend.map((r) => [r.key, r.ratings, r.responses, r.csat, r.complaints, r.slaCases, r.sla]),
      [
        ['2026-01', 4, 4, 0.5, 0, 0, null],
        ['2026-02', 6, 6, 4 / 6, 5, 4, 0.75],
      ],
    );
    const agencies = await byAgency(t.deps, BOTH);
    assert.deepEqual(
      agencies.map((r) => [Number(r.key), r.responses, r.csat]),
      [
        [x, 10, 0.6],
        [y, 6, 5 / 6],
        [z, 3, 1 / 3],
      ],
    );
    // Z has fewer than 5 answers: the median of X (0.6) and Y (5/6).
    const median = await nationalMedianCsat(t.deps, BOTH);
    assert.equal(median.agencies, 2);
    assert.ok(Math.abs((median.median ?? 0) - (0.6 + 5 / 6) / 2) < 1e-12);
  });

  it('publishes open data aggregated, with small counts suppressed', async () => {
    const res = await t.app.inject('/api/v1/feedback/kpis?level=agency&from=2026-01-01&to=2026-02-28');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.min_count, 5);
    const rows = Object.fromEntries(body.rows.map((r: { agency: string }) => [r.agency, r]));
    assert.deepEqual(rows['agency-y'], {
      agency: 'agency-y',
      ratings: 6,
      csat: 5 / 6,
      trust: null,
      complaints: 0,
      complaints_per_1000: 0,
      sla_compliance: null,
      suppressed: false,
    });
    assert.equal(rows['agency-z'].ratings, null);
    assert.equal(rows['agency-z'].csat, null);
    assert.equal(rows['agency-z'].suppressed, true);
    assert.equal(rows['agency-x'].complaints, 5);
    assert.ok(!res.body.includes('m@example.com'));
    const month = await t.app.inject('/api/v1/feedback/kpis?level=month&agency=agency-x&from=2026-01-01&to=2026-02-28');
    assert.deepEqual(
      month.json().rows.map((r: { month: string; csat: number | null; ratings: number | null }) => [r.month, r.ratings, r.csat]),
      [
        ['2026-01', null, null],
        ['2026-02', 6, 4 / 6],
      ],
    );
    assert.equal((await t.app.inject('/api/v1/feedback/kpis?level=galaxy')).statusCode, 400);
  });

  it('exports the figures as CSV and XLSX for the program office', async () => {
    await buildUser(t.deps, { email: 'po@example.gov.sa', role: 'program_admin' });
    const po = await signedIn(t.app, 'po@example.gov.sa');
    const csv = await po.get('/console/feedback/metrics/export?from=2026-01-01&to=2026-02-28&format=csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /yusr-cx-.*\.csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], 'level,key,name,ratings,csat_responses,csat_satisfied,csat,trust,complaints,sla_cases,sla_met,sla_compliance');
    assert.match(lines[1], /^total,,,19,19,12,/);
    assert.ok(lines.some((l) => l.startsWith('agency,agency-x,') && l.includes(',10,10,6,0.6,')));
    const xlsx = await po.get('/console/feedback/metrics/export?from=2026-01-01&to=2026-02-28&format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['total', 'month', 'agency', 'service'],
    );
    assert.equal(wb.getWorksheet('total')?.getRow(2).getCell(4).value, 19);
    const page = await po.get('/en/console/feedback/metrics?from=2026-01-01&to=2026-02-28');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg/);
    assert.match(page.body, /<table class="chart-data">/);
    assert.match(page.body, /<th scope="row">Jan 2026<\/th>/, 'months in words');
    const ar = await po.get('/ar/console/feedback/metrics?from=2026-01-01&to=2026-02-28');
    assert.match(ar.body, /<th scope="row">يناير ٢٠٢٦<\/th>/);
    const arSvg = /<div class="chart-svg"[\s\S]*?<\/svg>/.exec(ar.body)?.[0] ?? '';
    assert.match(arSvg, />١٠٠٪\u061C</, 'the Arabic chart writes its numbers as the table does');
    assert.doesNotMatch(arSvg, /<text[^>]*>[^<]*[0-9][^<]*<\/text>/);
    const one = await po.get(`/en/console/feedback/metrics?from=2026-01-01&to=2026-02-28&service=${s2}`);
    assert.equal(one.statusCode, 200);
    assert.match(one.body, /Indicators of one service/);
    assert.equal((await po.get('/en/console/feedback/metrics?service=999999')).statusCode, 404);
    // The per-service table: found by name, paged, a page past the end shows the last, no match said so.
    const found = await po.get('/en/console/feedback/metrics?from=2026-01-01&to=2026-02-28&q=PASSPORT&page=999');
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /Services 1 to 4 of 4, the most rated first/);
    assert.match(found.body, new RegExp(`service=${s1}"`));
    const none = await po.get('/ar/console/feedback/metrics?from=2026-01-01&to=2026-02-28&q=%D8%B2%D9%88%D8%A7%D8%AC');
    assert.match(none.body, /لا توجد خدمة لها تقييمات في هذه الفترة تطابق «زواج»/);
    assert.doesNotMatch(none.body, new RegExp(`service=${s1}"`));
  });

  it('pages the per-service table: the most rated first, then by name; a name filter in any case', () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ key: String(i + 1), ratings: i % 7 }) as BreakdownRow);
    const names = new Map(
      rows.map((r) => [Number(r.key), `Service ${String(r.key).padStart(3, '0')}${Number(r.key) % 10 === 0 ? ' Licence' : ''}`]),
    );
    const first = servicePage(rows, names, {});
    assert.equal(first.rows.length, SERVICE_ROWS_PER_PAGE);
    assert.deepEqual([first.total, first.page, first.pages, first.from], [120, 1, 3, 0]);
    // 6 ratings: services 7, 14, …, 119 (17 of them), by name.
    assert.deepEqual(
      first.rows.slice(0, 3).map((r) => r.key),
      ['7', '14', '21'],
    );
    const last = servicePage(rows, names, { page: 50 });
    assert.deepEqual([last.page, last.from, last.rows.length], [3, 100, 20]);
    const licences = servicePage(rows, names, { q: ' licence ' });
    assert.deepEqual([licences.total, licences.q], [12, 'licence']);
    assert.deepEqual(licences.rows.map((r) => r.ratings).slice(0, 4), [6, 5, 5, 4]);
  });

  it('compares at most AGENCY_ROWS_ON_PAGE agencies on the page, the most rated first, then by name', () => {
    const rows = Array.from({ length: 45 }, (_, i) => ({ key: String(i + 1), ratings: i % 4 }) as BreakdownRow);
    const names = new Map(rows.map((r) => [r.key, `Agency ${r.key.padStart(2, '0')}`]));
    const shown = mostRatedAgencies(rows, names);
    assert.equal(shown.length, AGENCY_ROWS_ON_PAGE);
    assert.deepEqual(
      shown.slice(0, 3).map((r) => r.key),
      ['4', '8', '12'],
    );
    assert.ok(shown.every((r) => r.ratings >= 1));
  });
});
