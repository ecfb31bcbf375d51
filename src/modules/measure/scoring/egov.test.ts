import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseCsv } from './csv.ts';
import { type RoundAnswers, scoreRound } from './engine.ts';
import { answers, fw, g, pct, q } from './fixtures/build.ts';
import { competitionRanks } from './ranking.ts';

// Published composite indices, re-derived from their published components.

interface Country {
  name: string;
  rank: number;
  egdi: number;
  osi: number;
  hci: number;
  tii: number;
}

function loadUn(): Country[] {
  const [header, ...rows] = parseCsv(readFileSync(new URL('./fixtures/un-egov-survey-2022.csv', import.meta.url), 'utf8'));
  const col = (name: string) => {
    const i = header.indexOf(name);
    assert.ok(i >= 0, `column ${name}`);
    return i;
  };
  const c = { name: col('Country Name'), rank: col('E-Government Rank'), egdi: col('E-Government Index') };
  const osi = col('Online Service Index');
  const hci = col('Human Capital Index');
  const tii = col('Telecommunication Infrastructure Index');
  return rows.map((r) => ({
    name: r[c.name].trim(),
    rank: Number(r[c.rank]),
    egdi: Number(r[c.egdi]),
    osi: Number(r[osi]),
    hci: Number(r[hci]),
    tii: Number(r[tii]),
  }));
}

/** Countries whose published EGDI is one unit (0.0001) away from the mean of the published, rounded components. */
const ROUNDING_SHADOWED = [
  'Albania',
  'Cambodia',
  'China',
  'Comoros',
  'Democratic Republic of the Congo',
  'Djibouti',
  'Dominican Republic',
  'Germany',
  'Haiti',
  'Jamaica',
  'Mauritania',
  'Morocco',
  'Myanmar',
  'New Zealand',
  'San Marino',
  'Sao Tome and Principe',
  'Somalia',
  'Sri Lanka',
  'Tonga',
  'Tunisia',
  'United Republic of Tanzania',
  'Uzbekistan',
];

describe('UN E-Government Survey 2022: EGDI = mean(OSI, TII, HCI)', () => {
  const countries = loadUn();
  const unit = (x: number) => Math.round(x * 10_000);
  const scale = { min: 0, max: 1, direction: 'higher_better' };
  const framework = fw([q('osi', 'number', { scale }), q('tii', 'number', { scale }), q('hci', 'number', { scale })], {
    id: 'un-egdi-2022',
    settings: { scale_max: 1, decimals: 4, stages: [] },
  });
  const round: RoundAnswers = new Map(
    countries.map((c) => [
      c.name,
      new Map([
        ['osi', { value: c.osi }],
        ['tii', { value: c.tii }],
        ['hci', { value: c.hci }],
      ]),
    ]),
  );
  const result = scoreRound(framework, round);
  const byName = new Map(result.agencies.map((a) => [a.agency, a]));

  it('scores all 193 member states', () => {
    assert.equal(countries.length, 193);
    assert.equal(result.agencies.length, 193);
  });

  it('reproduces the published EGDI to 4 decimals, except where the published components cannot decide the 4th', () => {
    // The components are published rounded to 4 decimals, each within ±0.00005 of its true value, so
    // the true EGDI lies within ±0.00005 of the mean of the published components m. When the sum of
    // the components (in units of 0.0001) is divisible by 3, m sits on the 4-decimal grid, half a unit
    // from any rounding boundary, and the EGDI is determined: it must match exactly. Otherwise m is a
    // third of a unit off the grid, one sixth of a unit from a boundary, and the published EGDI may
    // legitimately be either neighbour: it must be round(m − ½ unit) or round(m + ½ unit).
    const mismatched: string[] = [];
    let decided = 0;
    for (const c of countries) {
      const got = byName.get(c.name)?.display as number;
      const sum = unit(c.osi) + unit(c.tii) + unit(c.hci);
      if (sum % 3 === 0) {
        decided++;
        assert.equal(unit(got), sum / 3, c.name);
      }
      assert.ok(
        [Math.round((sum - 1.5) / 3), Math.round((sum + 1.5) / 3)].includes(unit(c.egdi)),
        `${c.name}: published EGDI outside the possible range`,
      );
      if (unit(got) !== unit(c.egdi)) {
        mismatched.push(c.name);
        assert.equal(Math.abs(unit(got) - unit(c.egdi)), 1, c.name);
        assert.notEqual(sum % 3, 0, `${c.name}: a determined EGDI must match`);
      }
    }
    assert.equal(decided, 73);
    assert.deepEqual(mismatched.sort(), ROUNDING_SHADOWED);
    assert.equal(193 - mismatched.length, 171);
  });

  it('reproduces every published E-Government Rank by competition ranking on the 4-decimal EGDI', () => {
    const wrong = countries
      .filter((c) => byName.get(c.name)?.rank !== c.rank)
      .map((c) => `${c.name}: ${byName.get(c.name)?.rank} ≠ ${c.rank}`);
    assert.deepEqual(wrong, []);
    // The published ties (e.g. Iceland and Sweden, both 0.9410, both 5th) are why ranking uses the displayed value.
    assert.deepEqual(
      ['Iceland', 'Sweden', 'Bahamas', 'Grenada'].map((n) => byName.get(n)?.rank),
      [5, 5, 66, 66],
    );
    const rawRanks = competitionRanks(result.agencies.map((a) => a.score));
    assert.equal(rawRanks.filter((r, i) => r !== result.agencies[i].rank).length, 4, 'unrounded scores would split the 4 published ties');
  });

  it('also matches the published ranks when ranked on the published EGDI itself', () => {
    const ranks = competitionRanks(countries.map((c) => c.egdi));
    assert.deepEqual(
      ranks,
      countries.map((c) => c.rank),
    );
  });
});

describe('EU eGovernment Benchmark-style nested weighted indicators', () => {
  // Four top-level benchmarks, equally weighted; sub-indicators weighted within each (weights are illustrative).
  const framework = fw([
    g('user_centricity', [pct('uc_online', { weight: 3 }), pct('uc_mobile'), pct('uc_support')], { type: 'perspective' }),
    g('transparency', [pct('tr_delivery'), pct('tr_personal_data'), pct('tr_design')], { type: 'perspective' }),
    g('key_enablers', [pct('ke_eid'), pct('ke_edocuments'), pct('ke_authentic_sources'), pct('ke_digital_post', { allow_na: true })], {
      type: 'perspective',
    }),
    g('cross_border', [pct('cb_online', { weight: 2 }), pct('cb_support'), pct('cb_eid'), pct('cb_edocuments')], { type: 'perspective' }),
  ]);
  const r = scoreRound(
    framework,
    answers({
      x: {
        uc_online: 90,
        uc_mobile: 95,
        uc_support: 80,
        tr_delivery: 70,
        tr_personal_data: 60,
        tr_design: 80,
        ke_eid: 85,
        ke_edocuments: 75,
        ke_authentic_sources: 65,
        ke_digital_post: 55,
        cb_online: 60,
        cb_support: 50,
        cb_eid: 40,
        cb_edocuments: 70,
      },
      y: {
        uc_online: 100,
        uc_mobile: 100,
        uc_support: 90,
        tr_delivery: 90,
        tr_personal_data: 85,
        tr_design: 80,
        ke_eid: 100,
        ke_edocuments: 90,
        ke_authentic_sources: 95,
        ke_digital_post: 75,
        cb_online: 80,
        cb_support: 70,
        cb_eid: 60,
        cb_edocuments: 90,
      },
      z: {
        uc_online: 50,
        uc_mobile: 60,
        uc_support: 70,
        tr_delivery: 40,
        tr_personal_data: 50,
        tr_design: 60,
        ke_eid: 60,
        ke_edocuments: 70,
        ke_authentic_sources: 80,
        ke_digital_post: 'NA',
        cb_online: 30,
        cb_support: 40,
        cb_eid: 50,
        cb_edocuments: 60,
      },
    }),
  );
  const top = (a: string) =>
    framework.nodes.map((n) =>
      r.agencies
        .find((x) => x.agency === a)
        ?.nodes.get(n.key)
        ?.score?.toFixed(2),
    );

  it('matches hand-computed benchmark and overall scores', () => {
    // x: UC (3·90 + 95 + 80)/5 = 89; TR 70; KE (85+75+65+55)/4 = 70; CB (2·60 + 50 + 40 + 70)/5 = 56; overall 285/4 = 71.25
    assert.deepEqual(top('x'), ['89.00', '70.00', '70.00', '56.00']);
    // y: UC 98; TR 85; KE 90; CB (160 + 70 + 60 + 90)/5 = 76; overall 349/4 = 87.25
    assert.deepEqual(top('y'), ['98.00', '85.00', '90.00', '76.00']);
    // z: UC (150 + 60 + 70)/5 = 56; TR 50; KE without digital post (60+70+80)/3 = 70; CB (60+40+50+60)/5 = 42; overall 218/4 = 54.5
    assert.deepEqual(top('z'), ['56.00', '50.00', '70.00', '42.00']);
    assert.deepEqual(
      r.agencies.map((a) => [a.rank, a.agency, a.text, a.stage?.key]),
      [
        [1, 'y', '87.25', 'excellence'],
        [2, 'x', '71.25', 'integration'],
        [3, 'z', '54.50', 'integration'],
      ],
    );
  });
});
