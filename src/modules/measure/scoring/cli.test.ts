import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runScoreCommand } from './cli.ts';
import { parseCsv, writeCsv } from './csv.ts';
import { g, pct, q } from './fixtures/build.ts';

const dir = mkdtempSync(join(tmpdir(), 'yusr-measure-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('yusr measure score', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));
  const framework = file(
    'framework.json',
    JSON.stringify({
      id: 'demo',
      version: '2025.1',
      name_ar: 'إطار تجريبي',
      name_en: 'Demo',
      nodes: [
        g('p', [pct('x'), q('y', 'yes_no', { allow_na: true })], { type: 'perspective' }),
        g('r', [pct('z')], { type: 'perspective', weight: 3 }),
      ],
    }),
  );
  // moh: p = (0.9 + 1)/2 = 0.95, r = 0.7 → (0.95 + 3·0.7)/4 = 0.7625;  mof: p = 0.5 (y N/A), r = 1 → 0.875;  mosa: nothing → 0
  const answersPath = file(
    'answers.csv',
    '\uFEFFagency,question,value,na\r\nmoh,x,90,\r\nmoh,y,yes,\r\nmoh,z,70,\r\nmof,x,50,\r\nmof,y,,yes\r\nmof,z,100,\r\nmosa,x,,\r\n',
  );

  it('prints an aligned table', async () => {
    const out = await runScoreCommand(framework, answersPath, { format: 'table' });
    assert.equal(
      out,
      [
        'demo 2025.1: 3 agencies, scores on 0–100 shown to 2 decimals',
        '',
        'rank  agency  score  stage           p       r',
        '   1  mof     87.50  excellence  50.00  100.00',
        '   2  moh     76.25  excellence  95.00   70.00',
        '   3  mosa     0.00  building     0.00    0.00',
        '',
      ].join('\n'),
    );
  });

  it('prints CSV', async () => {
    const out = await runScoreCommand(framework, answersPath, { format: 'csv' });
    assert.equal(
      out,
      'rank,agency,score,stage,p,r\r\n1,mof,87.50,excellence,50.00,100.00\r\n2,moh,76.25,excellence,95.00,70.00\r\n3,mosa,0.00,building,0.00,0.00\r\n',
    );
  });

  it('prints JSON with every node, displayed and unrounded', async () => {
    const out = JSON.parse(await runScoreCommand(framework, answersPath, { format: 'json' }));
    assert.deepEqual(out.framework, { id: 'demo', version: '2025.1' });
    const mof = out.agencies[0];
    assert.deepEqual([mof.rank, mof.agency, mof.score, mof.score_unrounded, mof.stage.name_ar], [1, 'mof', '87.50', 87.5, 'التميز']);
    assert.deepEqual(Object.keys(mof.nodes), ['p', 'x', 'y', 'r', 'z']);
    assert.deepEqual(mof.nodes.y, { score: null, score_unrounded: null, weight: 0, contribution: 0, not_applicable: true });
    assert.deepEqual(mof.nodes.r, { score: '100.00', score_unrounded: 100, weight: 0.75, contribution: 75, not_applicable: false });
  });

  it('names the file in every error', async () => {
    await assert.rejects(
      runScoreCommand(join(dir, 'missing.json'), answersPath, { format: 'csv' }),
      /cannot read the framework file .*missing\.json/,
    );
    await assert.rejects(runScoreCommand(file('bad.json', '{'), answersPath, { format: 'csv' }), /bad\.json is not valid JSON/);
    await assert.rejects(
      runScoreCommand(file('invalid.json', '{"id":"x"}'), answersPath, { format: 'csv' }),
      /invalid\.json: invalid framework:\n {2}version: /,
    );
    await assert.rejects(
      runScoreCommand(framework, file('a.csv', 'agency,question,value,na\nmoh,x,lots,\n'), { format: 'csv' }),
      /a\.csv:\nrow 2: x: "lots" is not a number/,
    );
  });

  it('re-derives the UN EGDI ranks from exported files', async () => {
    const [, ...rows] = parseCsv(readFileSync(new URL('./fixtures/un-egov-survey-2022.csv', import.meta.url), 'utf8'));
    const scale = { min: 0, max: 1, direction: 'higher_better' };
    const un = file(
      'un.json',
      JSON.stringify({
        id: 'un-egdi',
        version: '2022',
        name_ar: 'مؤشر تطوير الحكومة الإلكترونية',
        name_en: 'E-Government Development Index',
        settings: { scale_max: 1, decimals: 4, stages: [] },
        nodes: [q('osi', 'number', { scale }), q('tii', 'number', { scale }), q('hci', 'number', { scale })],
      }),
    );
    // Columns: year, name, rank, EGDI, EPI, OSI, HCI, TII.
    const lines = rows.flatMap((r) => [
      [r[1].trim(), 'osi', r[5], ''],
      [r[1].trim(), 'hci', r[6], ''],
      [r[1].trim(), 'tii', r[7], ''],
    ]);
    const answersCsv = file('un.csv', writeCsv([['agency', 'question', 'value', 'na'], ...lines]));
    const [, ...out] = parseCsv(await runScoreCommand(un, answersCsv, { format: 'csv' }));
    const published = new Map(rows.map((r) => [r[1].trim(), r[2]]));
    assert.equal(out.length, 193);
    assert.deepEqual(
      out.filter(([rank, name]) => published.get(name) !== rank),
      [],
    );
  });
});
