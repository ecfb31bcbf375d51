import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import type { Figure } from '../reports/public.ts';
import { finaliseRound, publishRound } from './finalise.service.ts';
import { openedRound, publishedFramework } from './measure.fixtures.ts';
import { insertAnswer } from './repo/answers.repo.ts';
import { listParticipants, moveParticipant } from './repo/rounds.repo.ts';
import { measureReportPanel } from './report-panel.ts';
import { roundResults } from './results.service.ts';
import { closeNow } from './rounds.service.ts';
import { type Value, valueToJson } from './values.ts';

// Measurement's report panel over two published rounds of three agencies: the national score is the
// mean of the displayed scores, its change the difference of the two means, movers and laggards
// follow the scores, and one agency's figures are its own score, change and rank.

describe('measure: the report panel', () => {
  let t: TestApp;
  const agencies: Record<string, number> = {};
  let frameworkId: number;
  const rounds: number[] = [];

  async function publishedRound(code: string, answers: Record<string, Record<string, Value | 'NA'>>) {
    const round = await openedRound(t.deps, frameworkId, Object.values(agencies), { code });
    for (const [agency, values] of Object.entries(answers))
      for (const [key, v] of Object.entries(values))
        await insertAnswer(t.deps.db, {
          round_id: round.id,
          agency_id: agencies[agency] as number,
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
  }

  before(async () => {
    t = await testApp();
    for (const code of ['alpha', 'beta', 'gamma']) agencies[code] = (await buildAgency(t.deps, { code, name_en: `Agency ${code}` })).id;
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

  const load = async (agencyId?: number) => {
    const panel = await measureReportPanel.extension.load(
      t.deps,
      { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z', agencyId },
      systemCtx('test'),
    );
    return new Map<string, Figure>((panel?.figures ?? []).map((f: Figure) => [f.id, f]));
  };

  it('national figures follow the latest round and the one before it', async () => {
    const view = await roundResults(t.deps, systemCtx('test'), rounds[1] as number);
    const now = new Map(view.scores.agencies.map((a) => [a.agency, a.display as number]));
    const past = new Map((view.previous?.scores.agencies ?? []).map((a) => [a.agency, a.display as number]));
    const mean = (m: Map<string, number>) => [...m.values()].reduce((s, x) => s + x, 0) / m.size;
    const f = await load();
    assert.ok(Math.abs((f.get('measure.national_score')?.value as number) - mean(now)) < 1e-9);
    assert.ok(Math.abs((f.get('measure.national_score')?.trend as number) - (mean(now) - mean(past))) < 1e-9);
    assert.equal(f.get('measure.stages')?.value, 3);
    assert.equal(
      f.get('measure.stages')?.series?.reduce((s, p) => s + p.value, 0),
      3,
    );
    // Alpha answered better in every question it answers: it moved up; gamma fell (10 % and 0 automatic, from 20 % and 0.1).
    const up = [...now].filter(([k, v]) => v > (past.get(k) as number)).map(([k]) => k);
    const down = [...now].filter(([k, v]) => v < (past.get(k) as number)).map(([k]) => k);
    assert.deepEqual(up, ['alpha']);
    assert.deepEqual(down, ['gamma']);
    assert.equal(f.get('measure.movers_up')?.value, 1);
    assert.deepEqual(
      f.get('measure.movers_up')?.series?.map((p) => p.label),
      ['alpha'],
    );
    assert.equal(f.get('measure.movers_down')?.value, 1);
    assert.deepEqual(
      f.get('measure.movers_down')?.series?.map((p) => p.label),
      ['gamma'],
    );
    // The lowest score first among the laggards.
    assert.equal(f.get('measure.lagging')?.series?.[0]?.label, 'gamma');
  });

  it("one agency's score, its change and its rank", async () => {
    const view = await roundResults(t.deps, systemCtx('test'), rounds[1] as number);
    const gamma = view.scores.agencies.find((a) => a.agency === 'gamma');
    const before = view.previous?.scores.agencies.find((a) => a.agency === 'gamma');
    const f = await load(agencies.gamma);
    assert.equal(f.get('measure.score')?.value, gamma?.display);
    assert.ok(Math.abs((f.get('measure.score')?.trend as number) - ((gamma?.display as number) - (before?.display as number))) < 1e-9);
    assert.equal(f.get('measure.rank')?.value, 3);
    assert.equal(f.has('measure.national_score'), false);
  });
});
