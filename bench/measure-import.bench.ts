// Bulk answers at national scale (issue 13): the program office uploads 200 agencies × 200
// questions (40,000 rows, with evidence links on a quarter of them) as one CSV. Times the dry run
// and applying it (every row checked against the round's rules, one transaction, an event and an
// audit entry per answer), each against a plain insert of the same rows into the same table, with
// peak memory. SQLite, one process.
import { rmSync } from 'node:fs';
import * as identityRepo from '../src/modules/identity/testing.ts';
import { applyAnswersUpload, openedRound, previewAnswersUpload, publishedFramework } from '../src/modules/measure/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { toCsv } from '../src/platform/csv.ts';
import { report, round, sqliteInstallation } from './lib.ts';

const AGENCIES = Number(process.env.BENCH_AGENCIES ?? 200);
const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 200);
const { dir, deps } = await sqliteInstallation('measure-import');
const ctx = systemCtx('bench');

const keys = Array.from({ length: QUESTIONS }, (_, i) => `q${String(i).padStart(3, '0')}`);
const framework = {
  id: 'bulk',
  version: '1',
  name_ar: 'إطار يقيسه المكتب',
  name_en: 'Measured by the office',
  nodes: [0, 1, 2, 3].map((p) => ({
    key: `p${p}`,
    type: 'perspective',
    name_ar: `منظور ${p}`,
    name_en: `Perspective ${p}`,
    weight: 1,
    children: keys
      .filter((_, i) => i % 4 === p)
      .map((key, i) => ({
        key,
        type: 'question',
        name_ar: `سؤال ${key}`,
        name_en: `Question ${key}`,
        weight: 1,
        entered_by: 'office',
        ...(i % 2 === 0
          ? { answer_type: 'percentage', evidence: { required: i % 4 === 0 } }
          : { answer_type: 'number', scale: { min: 0, max: 1, direction: 'higher_better' } }),
      })),
  })),
};
const fw = await publishedFramework(deps, framework);
const agencies: { id: number; code: string }[] = [];
await deps.db.transaction().execute(async (trx) => {
  for (let i = 0; i < AGENCIES; i++) {
    const a = await identityRepo.insertAgency(trx, {
      code: `AG-${String(i).padStart(3, '0')}`,
      name_ar: `الجهة ${i}`,
      name_en: `Agency ${i}`,
      kind: 'authority',
      parent_id: null,
      website: 'https://example.gov.sa',
      email: null,
      phone: null,
      address_ar: null,
      address_en: null,
      status: 'active',
    });
    agencies.push({ id: a.id, code: a.code });
  }
});
const roundRow = await openedRound(
  deps,
  fw.id,
  agencies.map((a) => a.id),
  { code: 'bulk' },
);
const plainRound = await openedRound(
  deps,
  fw.id,
  agencies.map((a) => a.id),
  { code: 'plain' },
);

// The file: values typed as people type them (a decimal comma on a third of the rows).
const qType = new Map(framework.nodes.flatMap((n) => n.children.map((c) => [c.key, c.answer_type] as const)));
const needsLink = new Set(
  framework.nodes.flatMap((n) => n.children.filter((c) => 'evidence' in c && c.evidence.required).map((c) => c.key)),
);
const rows: string[][] = [['agency', 'question', 'value', 'na', 'comment', 'evidence']];
for (const a of agencies)
  for (const [j, key] of keys.entries()) {
    const x = ((a.id * 31 + j * 17) % 1000) / 1000;
    const value = qType.get(key) === 'percentage' ? String(round(x * 100, 3)) : String(x);
    rows.push([
      a.code,
      key,
      j % 3 === 0 ? value.replace('.', ',') : value,
      '',
      '',
      needsLink.has(key) ? `https://stats.example.sa/${a.code}/${key}.pdf` : '',
    ]);
  }
const file = Buffer.from(toCsv(rows));

const d0 = performance.now();
const dry = await previewAnswersUpload(deps, ctx, roundRow.id, file, 'answers.csv');
const drySeconds = (performance.now() - d0) / 1000;
if (dry.counts.refused) throw new Error(`refused: ${JSON.stringify(dry.groups.slice(0, 3))}`);
const a0 = performance.now();
await applyAnswersUpload(deps, ctx, roundRow.id, dry.upload.id);
const applySeconds = (performance.now() - a0) / 1000;

// The baseline: the same 40,000 rows inserted as they are, in one transaction, 500 a statement.
const now = new Date().toISOString();
const p0 = performance.now();
await deps.db.transaction().execute(async (trx) => {
  const batch = [];
  for (const r of rows.slice(1)) {
    const agency = agencies.find((a) => a.code === r[0]) as { id: number };
    batch.push({
      round_id: plainRound.id,
      agency_id: agency.id,
      question_key: r[1],
      value_json: JSON.stringify(Number(r[2].replace(',', '.'))),
      na: 0,
      comment: null,
      auto_json: null,
      status: 'draft' as const,
      review_value_json: null,
      review_na: 0,
      review_reason: null,
      reviewed_by: null,
      reviewed_at: null,
      response: null,
      version: 1,
      updated_by: 'bench',
      created_at: now,
      updated_at: now,
    });
    if (batch.length === 500) await trx.insertInto('measure_answers').values(batch.splice(0)).execute();
  }
  if (batch.length) await trx.insertInto('measure_answers').values(batch).execute();
});
const plainSeconds = (performance.now() - p0) / 1000;
const stored = Number(
  (
    await deps.db
      .selectFrom('measure_answers')
      .select(deps.db.fn.countAll<number>().as('n'))
      .where('round_id', '=', roundRow.id)
      .executeTakeFirstOrThrow()
  ).n,
);
if (stored !== AGENCIES * QUESTIONS) throw new Error(`stored ${stored} answers, expected ${AGENCIES * QUESTIONS}`);

report(
  `measure bulk answers: ${AGENCIES} agencies × ${QUESTIONS} questions (${stored} rows, ${round(file.length / 1024 / 1024, 1)} MB CSV)`,
  [
    ['dry run (s)', round(drySeconds, 2)],
    ['apply (s)', round(applySeconds, 2)],
    ['plain insert (s)', round(plainSeconds, 2)],
    ['dry run / plain', round(drySeconds / plainSeconds, 1)],
    ['apply / plain', round(applySeconds / plainSeconds, 1)],
  ],
);
await deps.db.destroy();
rmSync(dir, { recursive: true, force: true });
