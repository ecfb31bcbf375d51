// The training module at scale (issue 16): BENCH_EMPLOYEES agency staff (default 50,000) in 40
// agencies of uneven size, 40 programmes over the five tracks, 200 offerings over the last two years
// (four sessions each, most of them run, some open, a few cancelled), and for nine in ten employees
// 1–6 enrolments in every state (requested, enrolled, waitlisted, rejected, cancelled), with
// attendance per session and assessment attempts where the offering has run, completions computed as
// the criteria would, and a target per agency for the year. It times: a plain load of the rows the
// national progress report reads (agencies, targets, every active staff member with their agency, every
// completion of the year with its programme's hours; the same rows, nothing computed) — the baseline;
// the national progress as the module computes it; one agency's progress (the metric function
// measurement and plans read), over every agency, against a plain load of that agency's rows; and the
// CSV and XLSX exports of the national progress. Each as a ratio to its baseline. Each step runs in
// its own process on the same database file (this file again, with BENCH_STEP), so its peak memory is
// its own: how far the step raised the process's RSS above the process at rest (Linux's peak-RSS mark
// is reset before the step), and that rise as a ratio to the plain load's.
// The report's figures are checked against figures counted while the rows were made.
// SQLite in a temporary file; rows are written in batches, not through the services.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { insertAgency } from '../src/modules/identity/testing.ts';
import { trainedStaffShare } from '../src/modules/training/public.ts';
import { exportProgress, exportProgressXlsx, nationalProgress } from '../src/modules/training/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { dayStart } from '../src/platform/i18n/dates.ts';
import { peakRssMb, report, round, sqliteInstallation } from './lib.ts';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const AGENCIES = 40;
const PROGRAMMES = 40;
const OFFERINGS = 200;
const SESSIONS = 4;
const CHUNK = 1_000;
const tracks = ['digital_services', 'data', 'cybersecurity', 'service_design', 'change_management'] as const;
const modes = ['online', 'in_person', 'blended'] as const;

const STEP = process.env.BENCH_STEP;
const ctx = systemCtx('bench');
const now = new Date().toISOString();
const today = now.slice(0, 10);
const year = Number(today.slice(0, 4));

if (STEP) {
  // One step, in a process of its own, on the database file the parent made.
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: `sqlite:${join(process.env.BENCH_DIR as string, 'bench.db')}`,
    SECRET_KEY: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
    WORKER: 'off',
    DEMO_DATA: 'off',
    STORAGE_DIR: join(process.env.BENCH_DIR as string, 'files'),
  });
  const deps = await createDeps(config, { log: pino({ level: 'silent' }) });
  const db = deps.db;
  const yearFrom = dayStart(`${year}-01-01`, deps.config.timeZone);
  const yearTo = dayStart(`${year + 1}-01-01`, deps.config.timeZone);
  const agencies = (await db.selectFrom('agencies').select('id').orderBy('id').execute()).map((a) => a.id);

  /** The median of RUNS timings of `step`, in seconds, after one untimed run (so no step pays for a cold cache). */
  async function timed<T>(step: () => Promise<T>): Promise<{ s: number; value: T }> {
    let value = await step();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      value = await step();
      times.push((performance.now() - s) / 1000);
    }
    times.sort((a, b) => a - b);
    return { s: times[Math.floor(times.length / 2)], value };
  }

  // The baseline: the rows the national progress reads, loaded plainly — nothing grouped, filtered or summed.
  const plainRows = async (agencyId?: number) => {
    let staff = db
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .selectAll('users')
      .select('memberships.agency_id')
      .where('users.status', '=', 'active')
      .where('memberships.agency_id', 'is not', null);
    let done = db
      .selectFrom('training_enrolments as e')
      .innerJoin('training_offerings as o', 'o.id', 'e.offering_id')
      .innerJoin('training_programmes as p', 'p.id', 'o.programme_id')
      .select(['e.agency_id', 'e.user_id', 'p.hours'])
      .where('e.completed_at', '>=', yearFrom)
      .where('e.completed_at', '<', yearTo);
    if (agencyId !== undefined) {
      staff = staff.where('memberships.agency_id', '=', agencyId);
      done = done.where('e.agency_id', '=', agencyId);
    }
    return {
      agencies: agencyId === undefined ? await db.selectFrom('agencies').selectAll().execute() : [],
      targets: agencyId === undefined ? await db.selectFrom('training_targets').selectAll().where('year', '=', year).execute() : [],
      staff: await staff.execute(),
      done: await done.execute(),
    };
  };

  const steps: Record<string, () => Promise<unknown>> = {
    plain: async () => {
      const r = await plainRows();
      return { staff: r.staff.length, done: r.done.length };
    },
    national: () => nationalProgress(deps, ctx, year),
    agencyPlain: async () => {
      for (const id of agencies) await plainRows(id);
      return null;
    },
    agency: async () => {
      const out = [];
      for (const id of agencies) out.push({ agencyId: id, ...(await trainedStaffShare(deps, id, year)) });
      return out;
    },
    csv: async () => ({ bytes: (await exportProgress(deps, ctx, year, 'ar')).body.length }),
    xlsx: async () => ({ bytes: (await exportProgressXlsx(deps, ctx, year, 'ar')).body.length }),
  };
  // The process at rest: garbage collected, and Linux's peak-RSS mark reset to the current RSS, so the
  // peak read after the step is the step's own (start-up peaks higher than many steps need).
  (globalThis as { gc?: () => void }).gc?.();
  const status = (field: string) => {
    try {
      return Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024);
    } catch {
      return Number.NaN;
    }
  };
  let reset = true;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    reset = false;
  }
  const rest = reset ? status('VmRSS') : peakRssMb();
  const r = await timed(steps[STEP]);
  const peak = reset ? status('VmHWM') : peakRssMb();
  console.log(`STEP ${JSON.stringify({ s: r.s, restMb: rest, peakMb: peak, value: r.value })}`);
  await deps.close();
  process.exit(0);
}

const { dir, deps } = await sqliteInstallation('training');
const db = deps.db;
const yearFrom = dayStart(`${year}-01-01`, deps.config.timeZone);
const yearTo = dayStart(`${year + 1}-01-01`, deps.config.timeZone);

// A seeded generator, so every run makes the same rows.
let seed = 16;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Inserts rows in batches under SQLite's bound-parameter limit, on the given executor. */
async function put(ex: typeof db, table: string, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const size = Math.floor(16_000 / Object.keys(rows[0]).length);
  for (let i = 0; i < rows.length; i += size)
    await (ex as any)
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
}
const nextId = async (table: string) =>
  Number(
    (
      (await (db as any)
        .selectFrom(table)
        .select((eb: any) => eb.fn.max('id').as('m'))
        .executeTakeFirst()) as { m: number | null }
    ).m ?? 0,
  ) + 1;

const t0 = performance.now();
const agencies: number[] = [];
for (let a = 1; a <= AGENCIES; a++)
  agencies.push(
    (
      await insertAgency(db, {
        code: `bench-${a}`,
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
      })
    ).id,
  );

// Programmes: eight per track, half with an assessment (ten questions in the bank, five drawn).
const programmes = Array.from({ length: PROGRAMMES }, (_, p) => ({
  id: p + 1,
  code: `BENCH-${p + 1}`,
  title_ar: `برنامج ${p + 1}`,
  title_en: `Programme ${p + 1}`,
  description_ar: 'وصف البرنامج',
  description_en: 'About the programme',
  audience: 'employees',
  track: tracks[p % tracks.length],
  hours: 6 + (p % 6) * 3,
  delivery_mode: modes[p % modes.length],
  min_attendance_pct: 75,
  pass_mark_pct: p % 2 === 0 ? 70 : null,
  max_attempts: 3,
  questions_per_attempt: 5,
  published: 1,
  created_at: now,
  updated_at: now,
}));
const questions = programmes
  .filter((p) => p.pass_mark_pct !== null)
  .flatMap((p) =>
    Array.from({ length: 10 }, (_, q) => ({
      programme_id: p.id,
      text_ar: `سؤال ${q + 1}`,
      text_en: `Question ${q + 1}`,
      options_json: JSON.stringify([
        { ar: 'أ', en: 'A' },
        { ar: 'ب', en: 'B' },
      ]),
      correct_index: q % 2,
      created_at: now,
    })),
  );
// Offerings spread over the two years ending two months from now: those that have ended are
// completed, the rest open or running (closed to enrolment); one in 25 was cancelled.
const first = addDays(today, -670);
const offerings = Array.from({ length: OFFERINGS }, (_, i) => {
  const starts = addDays(first, Math.floor((i * 730) / OFFERINGS));
  const ends = addDays(starts, 3 + (i % 3) * 7);
  const status = i % 25 === 7 ? 'cancelled' : ends < today ? 'completed' : starts > today ? 'open' : 'closed';
  return {
    id: i + 1,
    programme_id: (i % PROGRAMMES) + 1,
    starts_on: starts,
    ends_on: ends,
    location_ar: i % 3 === 0 ? null : 'الرياض',
    location_en: i % 3 === 0 ? null : 'Riyadh',
    online_url: i % 3 === 0 ? 'https://meet.example.sa/bench' : null,
    capacity: EMPLOYEES,
    seats_taken: 0,
    waitlist_seq: 0,
    status,
    created_at: now,
    updated_at: now,
  };
});
const sessions = offerings.flatMap((o) =>
  Array.from({ length: SESSIONS }, (_, k) => {
    const span = (Date.parse(o.ends_on) - Date.parse(o.starts_on)) / 86_400_000;
    const d = addDays(o.starts_on, Math.floor((k * span) / SESSIONS));
    return { id: o.id * SESSIONS + k - SESSIONS + 1, offering_id: o.id, starts_at: `${d}T06:00:00.000Z`, ends_at: `${d}T09:00:00.000Z` };
  }),
);
const sessionsOf = new Map<number, typeof sessions>();
for (const s of sessions) sessionsOf.set(s.offering_id, [...(sessionsOf.get(s.offering_id) ?? []), s]);
await db.transaction().execute(async (trx) => {
  await put(trx, 'training_programmes', programmes);
  await put(trx, 'training_questions', questions);
  await put(trx, 'training_offerings', offerings);
  await put(trx, 'training_sessions', sessions);
  await put(
    trx,
    'training_targets',
    agencies.filter((_, k) => k % 10 !== 9).map((id, k) => ({ agency_id: id, year, target_pct: 20 + ((k * 7) % 60), updated_at: now })),
  );
});

// Staff and their enrolments, a thousand people at a time (so the generator's memory stays small).
const seats = new Map<number, number>();
const waitlist = new Map<number, number>();
const expected = new Map<number, { staff: number; trained: Set<number>; hours: number }>(
  agencies.map((id) => [id, { staff: 0, trained: new Set(), hours: 0 }]),
);
const counts = { users: 0, enrolments: 0, attendance: 0, attempts: 0, completions: 0, byStatus: {} as Record<string, number> };
let userId = await nextId('users');
let enrolmentId = await nextId('training_enrolments');
for (let from = 0; from < EMPLOYEES; from += CHUNK) {
  const users: Record<string, unknown>[] = [];
  const memberships: Record<string, unknown>[] = [];
  const enrolments: Record<string, unknown>[] = [];
  const attendance: Record<string, unknown>[] = [];
  const attempts: Record<string, unknown>[] = [];
  for (let u = from; u < Math.min(EMPLOYEES, from + CHUNK); u++) {
    const id = userId++;
    // Agencies of uneven size: the first ones several times the last ones.
    const agency = agencies[Math.floor(AGENCIES * rand() ** 1.6)];
    const active = u % 50 !== 49;
    users.push({
      id,
      email: `staff${u}@bench.gov.sa`,
      name: `موظف ${u}`,
      locale: u % 4 === 0 ? 'en' : 'ar',
      password_hash: null,
      status: active ? 'active' : 'deactivated',
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    });
    memberships.push({ user_id: id, role: u % 100 === 0 ? 'agency_admin' : 'agency_editor', agency_id: agency, created_at: now });
    const mine = expected.get(agency) as { staff: number; trained: Set<number>; hours: number };
    if (active) mine.staff++;
    const n = rand() < 0.1 ? 0 : 1 + Math.floor(rand() * 6);
    const start = Math.floor(rand() * OFFERINGS);
    for (let k = 0; k < n; k++) {
      const o = offerings[(start + k * 37) % OFFERINGS];
      const p = programmes[o.programme_id - 1];
      const r = rand();
      const status =
        o.status === 'cancelled'
          ? 'cancelled'
          : r < 0.06
            ? 'cancelled'
            : r < 0.1
              ? 'rejected'
              : o.status !== 'completed' && r < 0.2
                ? 'waitlisted'
                : o.status === 'open' && r < 0.3
                  ? 'requested'
                  : 'enrolled';
      const eid = enrolmentId++;
      let completedAt: string | null = null;
      if (status === 'enrolled') {
        seats.set(o.id, (seats.get(o.id) ?? 0) + 1);
        // Attendance for every session that has started; most people attend at least three of four.
        const attends = rand() < 0.85 ? 3 + Math.floor(rand() * 2) : Math.floor(rand() * 3);
        let present = 0;
        (sessionsOf.get(o.id) ?? [])
          .filter((s) => s.starts_at < now)
          .forEach((s, j) => {
            const here = j < attends ? 1 : 0;
            present += here;
            attendance.push({
              session_id: s.id,
              enrolment_id: eid,
              present: here,
              marked_by: 'trainer@bench.gov.sa',
              marked_at: s.ends_at,
            });
          });
        let passed = p.pass_mark_pct === null;
        if (p.pass_mark_pct !== null && o.status === 'completed') {
          // A first attempt, and a second for most who failed it.
          const tries = rand() < 0.8 ? [4 + Math.floor(rand() * 2)] : [2, rand() < 0.7 ? 4 : 3];
          for (const correct of tries)
            attempts.push({
              enrolment_id: eid,
              question_ids: '1,3,5,7,9',
              correct,
              total: 5,
              passed: correct * 100 >= p.pass_mark_pct * 5 ? 1 : 0,
              started_at: `${o.ends_on}T10:00:00.000Z`,
              submitted_at: `${o.ends_on}T10:20:00.000Z`,
            });
          passed = tries.some((c) => c * 100 >= (p.pass_mark_pct as number) * 5);
        }
        if (o.status === 'completed' && present * 100 >= p.min_attendance_pct * SESSIONS && passed) {
          completedAt = `${o.ends_on}T10:30:00.000Z`;
          counts.completions++;
          if (active && completedAt >= yearFrom && completedAt < yearTo) {
            mine.trained.add(id);
            mine.hours += p.hours;
          }
        }
      }
      counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
      const position = status === 'waitlisted' ? (waitlist.get(o.id) ?? 0) + 1 : null;
      if (position) waitlist.set(o.id, position);
      const decided = status === 'enrolled' || status === 'rejected' || status === 'waitlisted';
      enrolments.push({
        id: eid,
        offering_id: o.id,
        user_id: id,
        agency_id: agency,
        status,
        waitlist_position: position,
        nominated: k % 4 === 0 ? 1 : 0,
        decided_by: decided ? 'admin@bench.gov.sa' : null,
        decided_at: decided ? `${o.starts_on}T08:00:00.000Z` : null,
        completed_at: completedAt,
        completion_basis: completedAt ? 'criteria' : null,
        completion_reason: null,
        created_at: `${addDays(o.starts_on, -20)}T08:00:00.000Z`,
        updated_at: now,
      });
    }
  }
  await db.transaction().execute(async (trx) => {
    await put(trx, 'users', users);
    await put(trx, 'memberships', memberships);
    await put(trx, 'training_enrolments', enrolments);
    await put(trx, 'training_attendance', attendance);
    await put(trx, 'training_attempts', attempts);
  });
  counts.users += users.length;
  counts.enrolments += enrolments.length;
  counts.attendance += attendance.length;
  counts.attempts += attempts.length;
}
// The offerings' seat counters and waitlist sequences, as the services would have left them.
await db.transaction().execute(async (trx) => {
  for (const o of offerings) {
    const taken = seats.get(o.id) ?? 0;
    await trx
      .updateTable('training_offerings')
      .set({ seats_taken: taken, capacity: Math.max(30, taken + 25), waitlist_seq: waitlist.get(o.id) ?? 0 })
      .where('id', '=', o.id)
      .execute();
  }
});
const loadSeconds = round((performance.now() - t0) / 1000, 1);
const rssAfterLoad = peakRssMb();
await deps.close();

interface StepResult<T> {
  s: number;
  restMb: number;
  peakMb: number;
  value: T;
}
/** Runs one step in its own process on the database just made. */
function step<T>(name: string): StepResult<T> {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_STEP: name, BENCH_DIR: dir },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('STEP '));
  if (r.status !== 0 || !line) throw new Error(`step ${name} failed: ${r.stderr}`);
  return JSON.parse(line.slice(5));
}
const plain = step<{ staff: number; done: number }>('plain');
const national = step<{
  rows: { agencyId: number; staff: number; trained: number; hours: number }[];
  total: { staff: number; trained: number; hours: number };
}>('national');
const plainAgencies = step<null>('agencyPlain');
const perAgency = step<{ agencyId: number; staff: number; trained: number }[]>('agency');
const csv = step<{ bytes: number }>('csv');
const xlsx = step<{ bytes: number }>('xlsx');

// The report must say what the rows say: staff, trained people and hours, per agency and in total.
const want = [...expected.values()];
const total = national.value.total;
const sum = (f: (x: (typeof want)[number]) => number) => want.reduce((s, x) => s + f(x), 0);
if (total.staff !== sum((x) => x.staff) || total.trained !== sum((x) => x.trained.size) || total.hours !== sum((x) => x.hours))
  throw new Error(`national totals ${JSON.stringify(total)} differ from the generated rows`);
for (const r of national.value.rows) {
  const x = expected.get(r.agencyId);
  if (!x || r.staff !== x.staff || r.trained !== x.trained.size || r.hours !== x.hours)
    throw new Error(`agency ${r.agencyId}: ${JSON.stringify(r)} differs from the generated rows`);
}
for (const r of perAgency.value) {
  const x = expected.get(r.agencyId);
  if (!x || r.staff !== x.staff || r.trained !== x.trained.size) throw new Error(`agency progress of ${r.agencyId} differs`);
}

const ms = (s: number) => round(s * 1000, 1);
const ratio = (a: number, b: number) => round(a / b);
const grew = (r: StepResult<unknown>) => Math.max(0, r.peakMb - r.restMb);
const memory = (r: StepResult<unknown>, base: StepResult<unknown>) =>
  `${r.peakMb} (+${grew(r)} at rest ${r.restMb}; ${grew(base) > 0 ? `${round(grew(r) / grew(base))}× the plain load's rise` : 'plain load rose 0'})`;
report(
  'training: national progress at scale',
  [
    ['employees (active staff)', `${counts.users} (${total.staff})`],
    ['agencies / programmes / offerings', `${AGENCIES} / ${PROGRAMMES} / ${OFFERINGS}`],
    ['enrolments', counts.enrolments],
    [
      '  by state',
      Object.entries(counts.byStatus)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ],
    ['attendance marks / attempts', `${counts.attendance} / ${counts.attempts}`],
    ['completions (all years) / trained this year', `${counts.completions} / ${total.trained}`],
    ['load (s)', loadSeconds],
    ['peak RSS of the loading process (MB)', rssAfterLoad],
    [`baseline: plain load of the report's rows (ms, median of ${RUNS})`, ms(plain.s)],
    ['  rows: active staff / completions this year', `${plain.value.staff} / ${plain.value.done}`],
    ['  peak RSS, baseline process (MB)', `${plain.peakMb} (+${grew(plain)} at rest ${plain.restMb})`],
    ['national progress (ms) (× baseline)', `${ms(national.s)} (${ratio(national.s, plain.s)}×)`],
    ['  peak RSS, national progress process (MB)', memory(national, plain)],
    ["baseline: plain load of one agency's rows, every agency (ms)", ms(plainAgencies.s)],
    ["  peak RSS, agencies' baseline process (MB)", `${plainAgencies.peakMb} (+${grew(plainAgencies)} at rest ${plainAgencies.restMb})`],
    [
      "one agency's progress (trainedStaffShare), every agency (ms) (× its baseline)",
      `${ms(perAgency.s)} (${ratio(perAgency.s, plainAgencies.s)}×)`,
    ],
    ["one agency's progress, mean per agency (ms)", round((perAgency.s * 1000) / AGENCIES)],
    ['  peak RSS, agency progress process (MB)', memory(perAgency, plainAgencies)],
    ['CSV export (ms) (× baseline)', `${ms(csv.s)} (${ratio(csv.s, plain.s)}×), ${csv.value.bytes} bytes`],
    ['  peak RSS, CSV process (MB)', memory(csv, plain)],
    ['XLSX export (ms) (× baseline)', `${ms(xlsx.s)} (${ratio(xlsx.s, plain.s)}×), ${xlsx.value.bytes} bytes`],
    ['  peak RSS, XLSX process (MB)', memory(xlsx, plain)],
  ],
  {
    nationalRatio: ratio(national.s, plain.s),
    agencyRatio: ratio(perAgency.s, plainAgencies.s),
    csvRatio: ratio(csv.s, plain.s),
    xlsxRatio: ratio(xlsx.s, plain.s),
    nationalMemoryRatio: grew(plain) > 0 ? round(grew(national) / grew(plain)) : null,
  },
);

rmSync(dir, { recursive: true, force: true });
