import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answersToCsv, CsvError, parseAnswersCsv, parseCsv, scoresToCsv, writeCsv } from './csv.ts';
import { scoreRound } from './engine.ts';
import { answers, fw, g, levels3, pct, q } from './fixtures/build.ts';

const rowsOf = (fn: () => unknown): [number, string][] => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CsvError, String(e));
    return e.issues.map((i) => [i.row, i.message]);
  }
  assert.fail('expected a CsvError');
};

describe('RFC 4180 reading and writing', () => {
  it('reads quoted fields, doubled quotes, embedded commas and line breaks, Arabic, BOM and CRLF', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nوزارة الصحة,,""\n';
    assert.deepEqual(parseCsv(text), [
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['وزارة الصحة', '', ''],
    ]);
  });

  it('accepts a missing final line end and ignores blank lines at the very end', () => {
    assert.deepEqual(parseCsv('a,b\nc,d'), [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    assert.deepEqual(parseCsv('a,b\n\n\r\n'), [['a', 'b']]);
    assert.deepEqual(parseCsv(''), []);
  });

  it('rejects malformed quoting with the row number', () => {
    assert.deepEqual(
      rowsOf(() => parseCsv('a,b\nc,"d\n')),
      [[2, 'a quoted field is never closed']],
    );
    assert.deepEqual(
      rowsOf(() => parseCsv('a,b\nc,d\ne,"f"g\n')),
      [[3, 'text after a closing quote']],
    );
    assert.deepEqual(
      rowsOf(() => parseCsv('a,b"c\n')),
      [[1, 'a quote inside an unquoted field (quote the whole field and double the quote)']],
    );
  });

  it('writes what it reads', () => {
    const rows = [
      ['agency', 'note'],
      ['moh', 'قال: "نعم", ثم\nغادر'],
      [' space ', ''],
    ];
    const text = writeCsv(rows);
    assert.equal(text, 'agency,note\r\nmoh,"قال: ""نعم"", ثم\nغادر"\r\n space ,\r\n');
    assert.deepEqual(parseCsv(text), rows);
  });
});

describe('answers file', () => {
  const f = fw([
    g('p', [
      q('yn', 'yes_no', { allow_na: true }),
      q('lv', 'levels', { levels: levels3 }),
      pct('pc'),
      q('nm', 'number', { scale: { min: 0, max: 10, direction: 'lower_better' } }),
      q('au', 'automatic', { scale: { min: 0, max: 1, direction: 'higher_better' }, automatic: { source: 'feedback.csat' } }),
    ]),
  ]);
  const header = 'agency,question,value,na\r\n';

  it('reads every answer type, N/A, Arabic-Indic digits and Arabic yes/no', () => {
    const text = `\uFEFF${header}moh,yn,نعم,\r\nmoh,lv,l2,\r\nmoh,pc,٨٥٫٥,\r\nmoh,nm, 2.5 ,\r\nmoh,au,1e-1,no\r\nmof,yn,,yes\r\nmof,pc,,\r\nmof,lv,l0,0\r\n`;
    const a = parseAnswersCsv(text, f);
    assert.deepEqual(
      a.get('moh'),
      new Map([
        ['yn', { value: true }],
        ['lv', { value: 'l2' }],
        ['pc', { value: 85.5 }],
        ['nm', { value: 2.5 }],
        ['au', { value: 0.1 }],
      ]),
    );
    assert.deepEqual(
      a.get('mof'),
      new Map([
        ['yn', { value: null, na: true }],
        ['pc', { value: null }],
        ['lv', { value: 'l0' }],
      ]),
    );
  });

  it('collects every bad row with its number', () => {
    const text = `${header}a,yn,maybe,\nb,lv,l7,\nc,pc,85%,\nd,nope,1,\n,pc,1,\n e,pc,1,\nf,pc,1,x\ng,pc,1\nh,pc,,yes\ni,yn,yes,yes\nj,nm,1,\nj,nm,2,\n`;
    assert.deepEqual(
      rowsOf(() => parseAnswersCsv(text, f)),
      [
        [2, 'yn: "maybe" is not yes or no'],
        [3, 'lv: "l7" is not one of the levels l0, l1, l2'],
        [4, 'pc: "85%" is not a number'],
        [5, '"nope" is not a question of framework test 1'],
        [6, 'the agency is empty'],
        [7, 'the agency " e" has leading or trailing spaces'],
        [8, 'na must be empty, yes or no; found "x"'],
        [9, 'expected 4 fields, found 3'],
        [10, 'pc does not allow "not applicable"'],
        [11, 'a "not applicable" row must leave value empty'],
        [13, 'agency j answers nm again (first at row 12)'],
      ],
    );
  });

  it('insists on the header', () => {
    assert.deepEqual(
      rowsOf(() => parseAnswersCsv('', f)),
      [[1, 'empty file; expected the header agency,question,value,na']],
    );
    assert.deepEqual(
      rowsOf(() => parseAnswersCsv('agency,question,value\n', f)),
      [[1, 'expected the header agency,question,value,na, found agency,question,value']],
    );
  });

  it('round-trips through answersToCsv', () => {
    const a = answers({ 'وزارة-1': { au: 0.1 + 0.2, yn: 'NA', lv: 'l1' }, abc: { nm: 3, yn: false, pc: null } });
    const text = answersToCsv(a, f);
    assert.equal(
      text,
      `${header}abc,yn,no,\r\nabc,pc,,\r\nabc,nm,3,\r\nوزارة-1,yn,,yes\r\nوزارة-1,lv,l1,\r\nوزارة-1,au,0.30000000000000004,\r\n`,
    );
    assert.deepEqual(scoreRound(f, parseAnswersCsv(text, f)), scoreRound(f, a));
  });

  it('writes a negative number as a number (formula neutralising is for text), so it reads back as itself', () => {
    const a = answers({ abc: { nm: -2.5 } });
    const text = answersToCsv(a, f);
    assert.equal(text, `${header}abc,nm,-2.5,\r\n`);
    assert.equal(parseAnswersCsv(text, f).get('abc')?.get('nm')?.value, -2.5);
  });
});

describe('scores file', () => {
  it('lists rank, agency, score, stage and each top-level node, blank where not applicable', () => {
    const f = fw([g('p', [pct('x')]), g('r', [pct('y', { allow_na: true })])]);
    const r = scoreRound(f, answers({ a: { x: 80.004, y: 'NA' }, b: { x: 80.001, y: 'NA' }, c: { x: 100, y: 50 } }));
    assert.equal(
      scoresToCsv(r, f),
      'rank,agency,score,stage,p,r\r\n1,a,80.00,excellence,80.00,\r\n1,b,80.00,excellence,80.00,\r\n3,c,75.00,excellence,100.00,50.00\r\n',
    );
  });
});
