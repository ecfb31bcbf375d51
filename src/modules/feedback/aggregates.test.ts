import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp, testEngine } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import type { Executor } from '../../db.ts';
import { contactHash } from './abuse.ts';
import { insertCase } from './cases.repo.ts';
import { caseRow } from './feedback.fixtures.ts';
import { kpis } from './feedback.metrics.ts';
import { caseKinds, caseStatuses } from './feedback.tables.ts';
import { checkAggregates, repairAggregates } from './metrics.aggregates.ts';
import { byAgency, monthlyTrend } from './metrics.breakdown.ts';
import { feedbackPersonalData } from './privacy.ts';
import { monthOf } from './tracking.ts';

// The CX aggregates (migration 0065) against a recomputation from the raw rows, after a long random
// sequence of inserts, updates and deletes of ratings, answers and cases (some rolled back), on both
// engines; erasure and retention leave them untouched; the figures read through them equal the
// figures computed here from the raw rows, for whole months and for periods cut mid-month.

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('CX aggregates: kept in step with ratings and cases', () => {
  let t: TestApp;
  const agencies: number[] = [];
  const services: { id: number; agency: number }[] = [];
  const rnd = random(2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const drivers = ['satisfied', 'trust', 'easy'];
  let seq = 0;
  const at = () => new Date(Date.UTC(2026, Math.floor(rnd() * 3), 1 + Math.floor(rnd() * 28), Math.floor(rnd() * 24))).toISOString();
  const month = (iso: string) => monthOf(new Date(iso), t.deps.config.timeZone);
  const stored = async () =>
    Promise.all(
      ['feedback_cx_ratings', 'feedback_cx_answers', 'feedback_cx_cases', 'feedback_cx_sla'].map(async (table) =>
        (await sql.raw(`SELECT * FROM ${table}`).execute(t.deps.db)).rows.map((r) => JSON.stringify(r)).sort(),
      ),
    );

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    for (const code of ['agg-a', 'agg-b', 'agg-c']) agencies.push((await buildAgency(t.deps, { code })).id);
    for (const [i, agency] of [agencies[0], agencies[0], agencies[1], agencies[2]].entries())
      services.push({ id: (await buildService(t.deps, agency, { identifier: `agg-s${i}` })).id, agency });
  });
  after(() => t.close());

  async function rate(db: Executor) {
    const s = pick(services);
    const created = at();
    const r = await db
      .insertInto('feedback_ratings')
      .values({
        service_id: s.id,
        agency_id: s.agency,
        question_set_version: 1,
        comment: null,
        comment_lang: null,
        comment_state: 'none',
        hidden_reason: null,
        hidden_by: null,
        hidden_at: null,
        public_reply: null,
        public_reply_lang: null,
        public_reply_at: null,
        public_reply_by: null,
        ip_hash: 'i',
        fingerprint: `r${++seq}`,
        month: month(created),
        created_at: created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const answers = drivers.filter(() => rnd() < 0.7);
    if (answers.length)
      await db
        .insertInto('feedback_answers')
        .values(
          answers.map((driver) => ({
            rating_id: r.id,
            service_id: s.id,
            agency_id: s.agency,
            driver,
            score: 1 + Math.floor(rnd() * 5),
            month: month(created),
            created_at: created,
          })),
        )
        .execute();
  }

  async function file(db: Executor) {
    const created = at();
    const s = rnd() < 0.3 ? undefined : pick(services);
    const settled = rnd() < 0.5 ? at() : null;
    await insertCase(
      db,
      caseRow(++seq, s?.agency ?? pick(agencies), created, {
        kind: pick(caseKinds),
        status: pick(caseStatuses),
        service_id: s?.id ?? null,
        month: month(created),
        resolved_at: rnd() < 0.4 ? created : null,
        reopen_count: rnd() < 0.2 ? 1 : 0,
        sla_outcome: settled ? pick(['met', 'breached'] as const) : null,
        sla_outcome_at: settled,
        sla_outcome_month: settled ? month(settled) : null,
        contact_hash: contactHash(t.deps, `person${seq % 7}@example.com`),
        contact_email: `person${seq % 7}@example.com`,
      }),
    );
  }

  /** One random change of a rating, an answer or a case. */
  async function change(db: Executor) {
    const op = rnd();
    const answer = await db
      .selectFrom('feedback_answers')
      .select(['id', 'rating_id'])
      .orderBy('id')
      .offset(Math.floor(rnd() * 5))
      .limit(1)
      .executeTakeFirst();
    const kase = await db
      .selectFrom('feedback_cases')
      .selectAll()
      .orderBy('id')
      .offset(Math.floor(rnd() * 10))
      .limit(1)
      .executeTakeFirst();
    if (op < 0.3) return rate(db);
    if (op < 0.5) return file(db);
    if (op < 0.55 && answer)
      return db
        .updateTable('feedback_answers')
        .set({ score: 1 + Math.floor(rnd() * 5) })
        .where('id', '=', answer.id)
        .execute();
    if (op < 0.58 && answer)
      return db
        .updateTable('feedback_answers')
        .set({ driver: pick(drivers) })
        .where('id', '=', answer.id)
        .execute();
    if (op < 0.61 && answer) return db.deleteFrom('feedback_answers').where('id', '=', answer.id).execute();
    if (op < 0.64 && answer) {
      await db.deleteFrom('feedback_answers').where('rating_id', '=', answer.rating_id).execute();
      return db.deleteFrom('feedback_ratings').where('id', '=', answer.rating_id).execute();
    }
    if (!kase) return;
    const s = pick(services);
    const settled = at();
    const patches = [
      { status: pick(caseStatuses) },
      { kind: pick(caseKinds) },
      { agency_id: s.agency, service_id: rnd() < 0.5 ? s.id : null },
      { resolved_at: kase.resolved_at ? null : settled },
      { reopen_count: kase.reopen_count + 1 },
      { sla_outcome: pick(['met', 'breached'] as const), sla_outcome_at: settled, sla_outcome_month: month(settled) },
      { sla_outcome: null, sla_outcome_at: null, sla_outcome_month: null },
      { subject: 'a column no aggregate watches', updated_at: settled },
    ];
    if (op < 0.96) return db.updateTable('feedback_cases').set(pick(patches)).where('id', '=', kase.id).execute();
    return db.deleteFrom('feedback_cases').where('id', '=', kase.id).execute();
  }

  it('equal a recomputation from the raw rows after 400 random changes, some rolled back', async () => {
    for (let i = 0; i < 40; i++) await rate(t.deps.db);
    for (let i = 0; i < 20; i++) await file(t.deps.db);
    assert.deepEqual(await checkAggregates(t.deps.db), []);
    for (let i = 0; i < 400; i++) {
      if (rnd() < 0.1) {
        const before = await stored();
        await assert.rejects(
          t.deps.db.transaction().execute(async (trx) => {
            for (let k = 0; k < 3; k++) await change(trx);
            throw new Error('rolled back');
          }),
          /rolled back/,
        );
        assert.deepEqual(await stored(), before, 'a rolled-back change left the aggregates as they were');
      } else await t.deps.db.transaction().execute((trx) => change(trx));
      if (i % 100 === 99) assert.deepEqual(await checkAggregates(t.deps.db), [], `after change ${i + 1}`);
    }
    const counted = await t.deps.db
      .selectFrom('feedback_cx_answers')
      .select((eb) => eb.fn.sum<number>('n3').as('n'))
      .executeTakeFirstOrThrow();
    assert.ok(Number(counted.n) > 0, 'the sequence left answers to count');
  });

  it('answer the dashboard as the raw rows do, for whole months and for periods cut mid-month', async () => {
    const ratings = await t.deps.db.selectFrom('feedback_ratings').select(['agency_id', 'created_at']).execute();
    const answers = await t.deps.db
      .selectFrom('feedback_answers')
      .select(['agency_id', 'driver', 'score', 'created_at', 'month'])
      .execute();
    const cases = await t.deps.db.selectFrom('feedback_cases').selectAll().execute();
    const periods = [
      { from: '2026-01-01', to: '2026-04-01' },
      { from: '2026-01-15T10:00:00.000Z', to: '2026-03-09T00:00:00.000Z' },
      { from: '2026-02-03T00:00:00.000Z', to: '2026-02-20T00:00:00.000Z' },
      { from: '2026-02-01', to: '2026-03-01' },
    ];
    const inside = (p: { from: string; to: string }, time: string | null) => time !== null && time >= p.from && time < p.to;
    for (const p of periods) {
      const rows = await byAgency(t.deps, p);
      for (const agency of agencies) {
        const row = rows.find((r) => r.key === String(agency));
        const mine = <T extends { agency_id: number }>(xs: T[]) => xs.filter((x) => x.agency_id === agency);
        const satisfied = mine(answers).filter((a) => a.driver === 'satisfied' && inside(p, a.created_at));
        const sla = mine(cases).filter((c) => c.sla_outcome !== null && inside(p, c.sla_outcome_at));
        const expected = {
          ratings: mine(ratings).filter((r) => inside(p, r.created_at)).length,
          responses: satisfied.length,
          satisfied: satisfied.filter((a) => a.score >= 4).length,
          complaints: mine(cases).filter((c) => c.kind === 'complaint' && c.status !== 'merged' && inside(p, c.created_at)).length,
          slaCases: sla.length,
          slaMet: sla.filter((c) => c.sla_outcome === 'met').length,
        };
        const got = row
          ? {
              ratings: row.ratings,
              responses: row.responses,
              satisfied: row.satisfied,
              complaints: row.complaints,
              slaCases: row.slaCases,
              slaMet: row.slaMet,
            }
          : { ratings: 0, responses: 0, satisfied: 0, complaints: 0, slaCases: 0, slaMet: 0 };
        assert.deepEqual(got, expected, `agency ${agency}, ${p.from}–${p.to}`);
      }
      const k = await kpis(t.deps, p);
      const settled = cases.filter((c) => inside(p, c.created_at) && (c.resolved_at !== null || c.reopen_count > 0));
      assert.equal(k.ratings, ratings.filter((r) => inside(p, r.created_at)).length);
      assert.deepEqual(k.reopen.resolved, settled.length);
      assert.deepEqual(k.reopen.reopened, settled.filter((c) => c.reopen_count > 0).length);
      const trend = await monthlyTrend(t.deps, p);
      assert.equal(
        trend.reduce((n, r) => n + r.responses, 0),
        answers.filter((a) => a.driver === 'satisfied' && inside(p, a.created_at)).length,
      );
    }
  });

  it('stay as they were through erasure and retention, and a repair rebuilds a damaged one', async () => {
    const before = await stored();
    await t.deps.db.transaction().execute(async (trx) => {
      await feedbackPersonalData.erase(trx, t.deps, { email: 'person3@example.com', phone: null });
      await feedbackPersonalData.purge?.(trx, t.deps, 'feedback.case_contact', '2030-01-01T00:00:00.000Z');
    });
    const erased = await t.deps.db.selectFrom('feedback_cases').select('id').where('subject', '=', '[erased]').execute();
    assert.ok(erased.length > 0, 'something was erased');
    assert.deepEqual(await stored(), before);
    assert.deepEqual(await checkAggregates(t.deps.db), []);

    await t.deps.db.updateTable('feedback_cx_ratings').set({ ratings: sql`ratings + 7` }).execute();
    await t.deps.db.deleteFrom('feedback_cx_sla').execute();
    assert.ok((await checkAggregates(t.deps.db)).length > 0, 'the damage is found');
    await t.deps.db.transaction().execute((trx) => repairAggregates(trx, testEngine === 'postgres'));
    assert.deepEqual(await checkAggregates(t.deps.db), []);
  });
});
