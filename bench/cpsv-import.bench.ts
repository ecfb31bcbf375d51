import { rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { columns, createInTransaction, dataToRow, importNow, publishInTransaction, serviceData } from '../src/modules/catalog/testing.ts';
import * as identityRepo from '../src/modules/identity/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { toCsv } from '../src/platform/csv.ts';
import { report, round, sqliteInstallation } from './lib.ts';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 10_000);
const AGENCIES = 50;
const { dir, deps } = await sqliteInstallation('cpsv-import');
const ctx = systemCtx('bench');

const agencies: { id: number; code: string }[] = [];
await deps.db.transaction().execute(async (trx) => {
  for (let i = 0; i < AGENCIES; i++) {
    const a = await identityRepo.insertAgency(trx, {
      code: `AG-${String(i).padStart(2, '0')}`,
      name_ar: `الجهة ${i}`,
      name_en: `Agency ${i}`,
      kind: 'authority',
      parent_id: null,
      website: `https://ag${i}.example.gov.sa`,
      email: null,
      phone: null,
      address_ar: null,
      address_en: null,
      status: 'active',
    });
    agencies.push({ id: a.id, code: a.code });
  }
});

const words = ['تجديد', 'إصدار', 'رخصة', 'شهادة', 'تصريح', 'تسجيل', 'طلب', 'بدل فاقد', 'استعلام', 'نقل ملكية'];
const things = ['المنشأة', 'المركبة', 'الإقامة', 'السجل', 'العقار', 'الجواز', 'العمالة', 'المحل', 'البناء', 'الزواج'];
const record = (i: number) =>
  serviceData.parse({
    name: { ar: `${words[i % 10]} ${things[Math.floor(i / 10) % 10]} ${i}`, en: `Service ${i} of agency ${i % AGENCIES}` },
    description: {
      ar: `تتيح هذه الخدمة ${words[(i + 3) % 10]} ${things[(i + 7) % 10]} إلكترونياً دون مراجعة الفرع، وتصدر النتيجة خلال يومي عمل.`,
      en: `This service lets people ${i % 2 ? 'renew' : 'apply for'} a record online without visiting a branch; the result is issued within two working days.`,
    },
    audiences: ['citizens', 'residents'],
    channels: [{ type: 'web', url: `https://ag${i % AGENCIES}.example.gov.sa/s/${i}`, availability: '24/7' }],
    fees: i % 3 ? [{ amount: (i % 9) * 50 + 50, currency: 'SAR' }] : [],
    maturity: 'transactional',
    status: 'live',
  });

const keys = columns.map(([key]) => key);
const rows: string[][] = [keys];
for (let i = 0; i < SERVICES; i++) {
  const row = dataToRow(`svc-${i}`, agencies[i % AGENCIES].code, record(i));
  rows.push(keys.map((k) => row[k]));
}
const file = Buffer.from(toCsv(rows));

async function timed<T>(run: () => Promise<T>): Promise<{ seconds: number; stallMs: number; result: T }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const t0 = performance.now();
  const result = await run();
  const seconds = (performance.now() - t0) / 1000;
  h.disable();
  return { seconds, stallMs: round(h.max / 1e6, 0), result };
}

const dry = await timed(() => importNow(deps, ctx, file, {}, true));
if (dry.result.refused) throw new Error(`dry run refused rows: ${JSON.stringify(dry.result.rows.find((r) => r.problems?.length))}`);
const run = await timed(() => importNow(deps, ctx, file, {}, false));

// The baseline: the same records straight through the catalog's functions, in one transaction.
const base = await timed(() =>
  deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < SERVICES; i++) {
      const data = record(i);
      const row = await createInTransaction(trx, ctx, { identifier: `base-${i}`, agency_id: agencies[i % AGENCIES].id, data });
      await publishInTransaction(trx, deps, ctx, row, data, 'bench');
    }
  }),
);
await deps.close();
rmSync(dir, { recursive: true, force: true });

report(
  `CPSV-AP import: ${SERVICES.toLocaleString('en')} services (${round(file.length / 1024 / 1024, 1)} MB CSV), SQLite`,
  [
    ['dry run (s)', round(dry.seconds)],
    ['dry run, longest event-loop stall (ms)', dry.stallMs],
    ['run: plan + write (s)', round(run.seconds)],
    ['run, longest event-loop stall (ms)', run.stallMs],
    ['baseline: create + publish directly (s)', round(base.seconds)],
    ['run ÷ baseline', round(run.seconds / base.seconds)],
    ['dry run ÷ baseline', round(dry.seconds / base.seconds)],
  ],
  { created: run.result.counts },
);
