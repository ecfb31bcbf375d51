// Customer-experience metrics over a national year of ratings, on SQLite (in memory): how long each
// aggregate takes, against a full scan summing every answer, measured in the same run. The aggregates
// run in SQL, so memory stays flat however many ratings there are.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { buildApp, createDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { csat, slaCompliance } from '../src/modules/feedback/public.ts';
import { byAgency, driverScores, medianFirstResponse, monthlyTrend } from '../src/modules/feedback/testing.ts';
import { signedIn } from '../test/helpers/client.ts';
import { buildUser } from '../test/helpers/factories.ts';
import { report, round, timeCalls } from './lib.ts';

const RATINGS = Number(process.env.BENCH_RATINGS ?? 100_000);
const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const AGENCIES = 40;
const SERVICES = 400;

const deps = await createDeps(
  loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    SECRET_KEY: randomBytes(24).toString('hex'),
    LOG_LEVEL: 'silent',
    WORKER: 'off',
    DEMO_DATA: 'off',
    STORAGE_DIR: '/tmp/yusr-bench-files',
  }),
  { log: pino({ level: 'silent' }) },
);
const db = deps.db;
const now = new Date().toISOString();
const seed = performance.now();
await db.transaction().execute(async (trx) => {
  for (let a = 1; a <= AGENCIES; a++) {
    await trx
      .insertInto('agencies')
      .values({
        code: `a${a}`,
        name_ar: `جهة ${a}`,
        name_en: `Agency ${a}`,
        kind: 'ministry',
        parent_id: null,
        website: null,
        email: null,
        phone: null,
        address_ar: null,
        address_en: null,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  for (let s = 1; s <= SERVICES; s++) {
    await trx
      .insertInto('services')
      .values({
        identifier: `s-${s}`,
        agency_id: (s % AGENCIES) + 1,
        name_ar: `خدمة ${s}`,
        name_en: `Service ${s}`,
        status: 'live',
        maturity: 'transactional',
        published_json: '{}',
        published_version: 1,
        published_at: now,
        first_published_at: now,
        status_changed_at: now,
        draft_json: null,
        draft_updated_at: null,
        draft_updated_by: null,
        complete: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  const drivers = ['satisfied', 'trust', 'need', 'easy', 'time', 'fair', 'staff'];
  for (let i = 0; i < RATINGS; i += 500) {
    const rows = Array.from({ length: Math.min(500, RATINGS - i) }, (_, k) => {
      const n = i + k;
      const service = (n % SERVICES) + 1;
      const at = new Date(Date.UTC(2026, n % 12, 1 + (n % 28), n % 24)).toISOString();
      return {
        service_id: service,
        agency_id: (service % AGENCIES) + 1,
        question_set_version: 1,
        comment: null,
        comment_lang: null,
        comment_state: 'none' as const,
        hidden_reason: null,
        hidden_by: null,
        hidden_at: null,
        public_reply: null,
        public_reply_lang: null,
        public_reply_at: null,
        public_reply_by: null,
        ip_hash: `ip${n % 5000}`,
        fingerprint: `f${n}`,
        month: at.slice(0, 7),
        created_at: at,
      };
    });
    const ids = await trx.insertInto('feedback_ratings').values(rows).returning('id').execute();
    const answers = rows.flatMap((r, k) =>
      drivers.slice(0, 3 + ((i + k) % 5)).map((driver, d) => ({
        rating_id: ids[k].id,
        service_id: r.service_id,
        agency_id: r.agency_id,
        driver,
        score: 1 + ((i + k + d) % 5),
        month: r.month,
        created_at: r.created_at,
      })),
    );
    for (let j = 0; j < answers.length; j += 400)
      await trx
        .insertInto('feedback_answers')
        .values(answers.slice(j, j + 400))
        .execute();
  }
});
const seeded = round((performance.now() - seed) / 1000, 1);

const sql = async (q: string) => {
  const { sql: raw } = await import('kysely');
  return raw.raw(q).execute(db);
};
for (let i = 0; i < CASES; i += 500) {
  await sql(
    `insert into feedback_cases (tracking_no, kind, category, agency_id, subject, body, lang, notify_by, contact_hash, ip_hash, fingerprint, status, reopen_count, first_response_at, first_response_ms, sla_first_ms, sla_resolution_ms, sla_warn_permille, first_warned, first_breached, res_warned, res_breached, resolved_at, sla_outcome, sla_outcome_at, sla_outcome_month, month, created_at, updated_at) values ${Array.from(
      { length: Math.min(500, CASES - i) },
      (_, k) => {
        const n = i + k;
        const at = new Date(Date.UTC(2026, n % 12, 1 + (n % 28))).toISOString();
        return `('YSR-1447-${String(n).padStart(6, '0')}', 'complaint', 'delay', ${(n % AGENCIES) + 1}, 's', 'b', 'ar', 'email', 'h', 'i', 'f${n}', 'resolved', 0, '${at}', ${(n * 7919) % 200_000_000}, 57600000, 288000000, 800, 0, 0, 0, 0, '${at}', '${n % 4 ? 'met' : 'breached'}', '${at}', '${at.slice(0, 7)}', '${at.slice(0, 7)}', '${at}', '${at}')`;
      },
    ).join(',')}`,
  );
}

const year = { from: '2026-01-01', to: '2027-01-01' };
const base = await timeCalls(20, () =>
  db
    .selectFrom('feedback_answers')
    .select((eb) => eb.fn.sum('score').as('n'))
    .executeTakeFirst(),
);
const nation = await timeCalls(20, () => csat(deps, year));
const agency = await timeCalls(50, (i) => csat(deps, { ...year, agencyId: (i % AGENCIES) + 1 }));
const service = await timeCalls(50, (i) => csat(deps, { ...year, serviceId: (i % SERVICES) + 1 }));
const drivers = await timeCalls(10, () => driverScores(deps, year));
const median = await timeCalls(20, (i) => medianFirstResponse(deps, { ...year, agencyId: (i % AGENCIES) + 1 }));
const sla = await timeCalls(20, () => slaCompliance(deps, year));
const trend = await timeCalls(10, () => monthlyTrend(deps, year));
const agencies = await timeCalls(10, () => byAgency(deps, year));

// The dashboard itself, as the program office opens it over HTTP (in process): the whole year, nationally.
const app = await buildApp(deps);
await app.ready();
await buildUser(deps, { email: 'office@bench.sa', role: 'program_admin' });
const office = await signedIn(app, 'office@bench.sa');
let pageBytes = 0;
const pagePath = '/ar/console/feedback/metrics?from=2026-01-01&to=2026-12-31';
const page = await timeCalls(10, async () => {
  const res = await office.get(pagePath);
  if (res.statusCode !== 200) throw new Error(`${pagePath}: ${res.statusCode}`);
  pageBytes = res.rawPayload.length;
});

report(`feedback metrics, ${RATINGS.toLocaleString('en')} ratings and ${CASES.toLocaleString('en')} cases (SQLite)`, [
  ['seeding (s)', seeded],
  ['baseline: sum every answer (full scan), p50 ms', base.p50],
  ['csat, nation, p50 ms (× baseline)', `${nation.p50} (${round(nation.p50 / base.p50)}×)`],
  ['csat, one agency, p50 ms', agency.p50],
  ['csat, one service, p50 ms', service.p50],
  ['score per driver, nation, p50 ms', drivers.p50],
  ['median first response, agency, p50 ms', median.p50],
  ['SLA compliance, nation, p50 ms', sla.p50],
  ['monthly trend, nation, p50 ms (× baseline)', `${trend.p50} (${round(trend.p50 / base.p50)}×)`],
  ['by agency, nation, p50 ms (× baseline)', `${agencies.p50} (${round(agencies.p50 / base.p50)}×)`],
  ['CX metrics page, nation, whole year, p50 / p99 ms', `${page.p50} / ${page.p99}`],
  ['CX metrics page size (KB)', round(pageBytes / 1024, 1)],
]);
await app.close();
await deps.close();
