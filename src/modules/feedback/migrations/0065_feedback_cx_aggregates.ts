import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../../../platform/db/migration-helpers.ts';

// CX aggregates (issue 22): per month × agency × service, the counts the dashboard, its exports and
// the open-data API read instead of scanning every rating, answer and case per view. Triggers keep
// them current in the same statement — hence the same transaction — as every insert, update and
// delete of a rating, answer or case, whoever writes it; a crash can never leave them out of step.
// Erasure and retention only blank personal columns, which no aggregate watches, so the figures
// survive them. Cases about no service count under service_id 0. Rows that fall to zero stay.
// metrics.aggregates.ts checks and repairs them against a recomputation from these same definitions.

export interface Aggregate {
  table: string;
  source: string;
  /** Grain columns and their expressions over the source row ($ is NEW, OLD or the table). */
  keys: [string, string][];
  /** Counted columns and the amount one source row adds. */
  counts: [string, string][];
  /** Whether a source row counts at all. */
  when: string;
  /** Source columns whose change moves a row between aggregate rows. */
  watch: string[];
}

const flag = (cond: string) => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;
const grain = (...cols: string[]): [string, string][] => cols.map((c) => [c, `$.${c}`]);
const noService: [string, string] = ['service_id', 'coalesce($.service_id, 0)'];

export const CX_AGGREGATES: Aggregate[] = [
  {
    table: 'feedback_cx_ratings',
    source: 'feedback_ratings',
    keys: grain('month', 'agency_id', 'service_id'),
    counts: [['ratings', '1']],
    when: '1 = 1',
    watch: ['month', 'agency_id', 'service_id'],
  },
  {
    table: 'feedback_cx_answers',
    source: 'feedback_answers',
    keys: grain('driver', 'month', 'agency_id', 'service_id'),
    counts: [1, 2, 3, 4, 5].map((k) => [`n${k}`, flag(`$.score = ${k}`)]),
    when: '1 = 1',
    watch: ['driver', 'month', 'agency_id', 'service_id', 'score'],
  },
  {
    table: 'feedback_cx_cases',
    source: 'feedback_cases',
    keys: [...grain('month', 'agency_id'), noService, ...grain('kind', 'status')],
    counts: [
      ['cases', '1'],
      ['settled', flag('$.resolved_at IS NOT NULL OR $.reopen_count > 0')],
      ['reopened', flag('$.reopen_count > 0')],
    ],
    when: '1 = 1',
    watch: ['month', 'agency_id', 'service_id', 'kind', 'status', 'resolved_at', 'reopen_count'],
  },
  {
    table: 'feedback_cx_sla',
    source: 'feedback_cases',
    keys: [['month', '$.sla_outcome_month'], ...grain('agency_id'), noService],
    counts: [
      ['met', flag(`$.sla_outcome = 'met'`)],
      ['breached', flag(`$.sla_outcome = 'breached'`)],
    ],
    when: '$.sla_outcome IS NOT NULL AND $.sla_outcome_month IS NOT NULL',
    watch: ['sla_outcome', 'sla_outcome_month', 'agency_id', 'service_id'],
  },
];

const on = (expr: string, row: string) => expr.replaceAll('$.', `${row}.`);

/** Adds (sign 1) or removes (sign -1) one source row's contribution. */
function bump(a: Aggregate, row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const cols = [...a.keys, ...a.counts].map(([c]) => c);
  const values = [...a.keys.map(([, e]) => on(e, row)), ...a.counts.map(([, e]) => `(${on(e, row)}) * ${sign}`)];
  return `INSERT INTO ${a.table} (${cols.join(', ')}) SELECT ${values.join(', ')} WHERE ${on(a.when, row)}
    ON CONFLICT (${a.keys.map(([c]) => c).join(', ')}) DO UPDATE SET ${a.counts
      .map(([c]) => `${c} = ${a.table}.${c} + excluded.${c}`)
      .join(', ')}`;
}

/** The aggregate's rows recomputed from the source rows (columns named as in the aggregate). */
export function recompute(a: Aggregate): string {
  const keys = a.keys.map(([, e]) => on(e, a.source));
  return `SELECT ${[...keys.map((e, i) => `${e} AS ${a.keys[i][0]}`), ...a.counts.map(([c, e]) => `sum(${on(e, a.source)}) AS ${c}`)].join(', ')}
    FROM ${a.source} WHERE ${on(a.when, a.source)} GROUP BY ${keys.join(', ')}`;
}

const backfill = (a: Aggregate) => `INSERT INTO ${a.table} (${[...a.keys, ...a.counts].map(([c]) => c).join(', ')}) ${recompute(a)}`;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const run = (q: string) => sql.raw(q).execute(db);
  for (const a of CX_AGGREGATES) {
    let t = db.schema.createTable(a.table);
    for (const [c] of a.keys) t = t.addColumn(c, c.endsWith('_id') ? 'integer' : 'text', (x) => x.notNull());
    for (const [c] of a.counts) t = t.addColumn(c, 'integer', (x) => x.notNull().defaultTo(0));
    await t.addPrimaryKeyConstraint(`${a.table}_pk`, a.keys.map(([c]) => c) as any).execute();
    // Scoped reads: one agency's or one service's months.
    const lead = a.keys[0][0] === 'driver' ? ['driver'] : [];
    await db.schema
      .createIndex(`${a.table}_agency`)
      .on(a.table)
      .columns(['agency_id', ...lead, 'month'])
      .execute();
    await db.schema
      .createIndex(`${a.table}_service`)
      .on(a.table)
      .columns(['service_id', ...lead, 'month'])
      .execute();
    await run(backfill(a));

    const name = `${a.table}_sync`;
    const changed = (distinct: string) => a.watch.map((c) => `OLD.${c} ${distinct} NEW.${c}`).join(' OR ');
    if (pg) {
      await run(`CREATE FUNCTION ${name}() RETURNS trigger AS $$
        BEGIN
          IF TG_OP <> 'INSERT' THEN ${bump(a, 'OLD', -1)}; END IF;
          IF TG_OP <> 'DELETE' THEN ${bump(a, 'NEW', 1)}; END IF;
          RETURN NULL;
        END; $$ LANGUAGE plpgsql`);
      await run(`CREATE TRIGGER ${name} AFTER INSERT OR DELETE ON ${a.source} FOR EACH ROW EXECUTE FUNCTION ${name}()`);
      await run(`CREATE TRIGGER ${name}_update AFTER UPDATE OF ${a.watch.join(', ')} ON ${a.source}
        FOR EACH ROW WHEN (${changed('IS DISTINCT FROM')}) EXECUTE FUNCTION ${name}()`);
    } else {
      await run(`CREATE TRIGGER ${name}_insert AFTER INSERT ON ${a.source} BEGIN ${bump(a, 'NEW', 1)}; END`);
      await run(`CREATE TRIGGER ${name}_delete AFTER DELETE ON ${a.source} BEGIN ${bump(a, 'OLD', -1)}; END`);
      await run(`CREATE TRIGGER ${name}_update AFTER UPDATE OF ${a.watch.join(', ')} ON ${a.source}
        WHEN ${changed('IS NOT')} BEGIN ${bump(a, 'OLD', -1)}; ${bump(a, 'NEW', 1)}; END`);
    }
  }
  // The median first response and satisfaction with case handling are still read from the cases
  // (a median needs the values), from indexes that hold every column those reads use.
  await db.schema
    .createIndex('feedback_cases_first_response_ms')
    .on('feedback_cases')
    .columns(['first_response_at', 'agency_id', 'service_id', 'first_response_ms'])
    .execute();
  await db.schema
    .createIndex('feedback_cases_survey')
    .on('feedback_cases')
    .columns(['survey_at', 'agency_id', 'service_id', 'survey_score'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
